//! The newsletter signup form's rules, as a state machine free of the
//! browser (as the ticker's are, in `headlines.rs`): what a submission
//! sends (or refuses, and why), what each reply means for the form, when it
//! may send again and with which key. The app only feeds it the reader's
//! actions, the service's replies and the clock (`signup_form.rs` in the
//! crate's root); the view only shows it.

use super::{email_key, validate_email, SignupOutcome, SignupRequest, CONSENT_VERSION};

/// A signup on its way, kept so that sending it again resends exactly it,
/// under the same idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub request: SignupRequest,
    pub key: String,
}

/// Where the reader's focus should go after a change: to the field (to fix
/// the address) or to the message that replaced the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Field,
    Done,
}

/// What the reader typed, as the form reads it when it is sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub email: String,
    /// The hidden honeypot field, which only bots fill in.
    pub website: String,
}

/// The form, from the reader's side.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignupForm {
    /// Where the form is, recorded with the signup: `footer`, `story:<slug>`.
    pub source: String,
    /// When the form appeared to the reader (ms since 1970), once the app
    /// has the page: until then the app sends nothing (the form, a plain
    /// POST until the app has it, goes to the service by itself).
    pub shown_at: Option<f64>,
    /// What is wrong with the address, shown on the field.
    pub field_error: Option<String>,
    /// How the last signup went.
    pub outcome: Option<SignupOutcome>,
    /// A signup is on its way.
    pub sending: bool,
    /// The service has asked us to wait (429 with Retry-After).
    pub told_to_wait: bool,
    /// Where focus should go now, if anywhere.
    pub focus: Option<Focus>,
    last: Option<Attempt>,
}

impl SignupForm {
    /// A form at `source`, not yet taken over by the app.
    pub fn new(source: impl Into<String>) -> Self {
        SignupForm {
            source: source.into(),
            ..SignupForm::default()
        }
    }

    /// The app has the page, at `now` (ms since 1970).
    pub fn shown(&mut self, now: f64) {
        self.shown_at = Some(now);
    }

    /// Whether the form can be sent at all: the app has taken it over.
    pub fn is_ready(&self) -> bool {
        self.shown_at.is_some()
    }

    /// Whether sending is held back for now: one is on its way, or the
    /// service asked us to wait.
    pub fn is_blocked(&self) -> bool {
        self.sending || self.told_to_wait
    }

    /// Whether the reader is signed up (or was already): the form gives way
    /// to the message.
    pub fn succeeded(&self) -> bool {
        self.outcome.as_ref().is_some_and(SignupOutcome::is_success)
    }

    /// What the form's status line says: how a signup that did not succeed
    /// went.
    pub fn status(&self) -> Option<String> {
        self.outcome
            .as_ref()
            .filter(|outcome| !outcome.is_success())
            .map(SignupOutcome::message)
    }

    /// Whether "Try again" is offered: a failure that trying again may mend.
    pub fn can_try_again(&self) -> bool {
        self.outcome == Some(SignupOutcome::Failed)
    }

    /// The reader typed in the field: the field's error goes.
    pub fn typing(&mut self) {
        self.field_error = None;
    }

    /// The reader sent the form at `now`. Returns the signup to send, if
    /// any: none while held back, or for an address that is not valid (the
    /// field says why), or for a bot (which is shown success, and nothing
    /// is sent). `new_key` makes an idempotency key when one is needed: a
    /// signup of the address the last one was for reuses its key.
    pub fn submit(
        &mut self,
        typed: &Typed,
        now: f64,
        new_key: impl FnOnce() -> String,
    ) -> Option<Attempt> {
        if !self.is_ready() || self.is_blocked() {
            return None;
        }
        let email = match validate_email(&typed.email) {
            Ok(email) => email.to_owned(),
            Err(invalid) => {
                self.refuse_address(invalid.message().to_owned());
                return None;
            }
        };
        let request = SignupRequest {
            email,
            source: self.source.clone(),
            consent_version: CONSENT_VERSION.to_owned(),
            website: typed.website.clone(),
            elapsed_ms: self.shown_at.map(|shown| (now - shown).max(0.0) as u64),
        };
        if request.looks_automated() {
            self.outcome = Some(SignupOutcome::Accepted);
            self.focus = Some(Focus::Done);
            return None;
        }
        let key = match &self.last {
            Some(last) if email_key(&last.request.email) == email_key(&request.email) => {
                last.key.clone()
            }
            _ => new_key(),
        };
        let attempt = Attempt { request, key };
        self.last = Some(attempt.clone());
        self.outcome = None;
        self.field_error = None;
        self.sending = true;
        Some(attempt)
    }

    /// The service answered the signup on its way. Returns how many
    /// seconds to hold back sending, when it asked us to wait.
    pub fn replied(&mut self, outcome: SignupOutcome) -> Option<u32> {
        self.sending = false;
        match outcome {
            SignupOutcome::Invalid(_) => {
                self.refuse_address(outcome.message());
                None
            }
            SignupOutcome::RateLimited { retry_after_secs } => {
                self.told_to_wait = true;
                self.outcome = Some(outcome);
                Some(retry_after_secs)
            }
            outcome => {
                if outcome.is_success() {
                    self.focus = Some(Focus::Done);
                }
                self.outcome = Some(outcome);
                None
            }
        }
    }

    /// The wait the service asked for is over.
    pub fn wait_over(&mut self) {
        self.told_to_wait = false;
    }

    /// "Try again": the last signup again, exactly, unless one is on its way.
    pub fn retry(&mut self) -> Option<Attempt> {
        if self.sending {
            return None;
        }
        let attempt = self.last.clone()?;
        self.sending = true;
        Some(attempt)
    }

    /// The connection is back: a signup that could not go because the
    /// browser was offline goes now (and only such a one).
    pub fn back_online(&mut self) -> Option<Attempt> {
        if self.outcome == Some(SignupOutcome::Offline) {
            self.retry()
        } else {
            None
        }
    }

    /// Focus has gone where it was asked to.
    pub fn focused(&mut self) {
        self.focus = None;
    }

    fn refuse_address(&mut self, message: String) {
        self.field_error = Some(message);
        self.outcome = None;
        self.focus = Some(Focus::Field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    const NOW: f64 = 1_000_000.0;
    /// Long enough after the form appeared for a person to have typed.
    const LATER: f64 = NOW + 5_000.0;

    fn shown() -> SignupForm {
        let mut form = SignupForm::new("footer");
        form.shown(NOW);
        form
    }

    fn typed(email: &str) -> Typed {
        Typed {
            email: email.into(),
            website: String::new(),
        }
    }

    fn sent(form: &mut SignupForm, email: &str) -> Attempt {
        form.submit(&typed(email), LATER, || "key-1".into())
            .expect("a valid address is sent")
    }

    #[test]
    fn a_form_the_app_has_not_taken_over_sends_nothing() {
        let mut form = SignupForm::new("footer");
        assert!(!form.is_ready());
        assert_eq!(
            form.submit(&typed("reader@example.com"), LATER, || "k".into()),
            None
        );
        assert_eq!(form, SignupForm::new("footer"));
    }

    #[test]
    fn a_valid_address_is_sent_with_where_when_and_what_was_agreed() {
        let mut form = shown();
        let attempt = sent(&mut form, "  Reader@Example.com ");
        assert_eq!(attempt.request.email, "Reader@Example.com");
        assert_eq!(attempt.request.source, "footer");
        assert_eq!(attempt.request.consent_version, CONSENT_VERSION);
        assert_eq!(attempt.request.elapsed_ms, Some(5_000));
        assert_eq!(attempt.key, "key-1");
        assert!(form.sending && form.is_blocked());
        assert_eq!(form.outcome, None);
    }

    #[test_case("" ; "an empty field")]
    #[test_case("not an address" ; "no at sign")]
    #[test_case("reader@" ; "no domain")]
    fn an_address_that_is_not_valid_is_refused_on_the_field_with_focus_there(email: &str) {
        let mut form = shown();
        assert_eq!(
            form.submit(&typed(email), LATER, || panic!("no key is made")),
            None
        );
        assert!(form.field_error.is_some());
        assert_eq!(form.focus, Some(Focus::Field));
        assert!(!form.sending);
        form.typing();
        assert_eq!(form.field_error, None);
    }

    #[test_case(Typed { email: "bot@example.com".into(), website: "https://spam.example".into() }, LATER ; "the honeypot filled in")]
    #[test_case(Typed { email: "bot@example.com".into(), website: String::new() }, NOW + 500.0 ; "sent half a second after it appeared")]
    fn a_bot_is_shown_success_and_nothing_is_sent(typed: Typed, at: f64) {
        let mut form = shown();
        assert_eq!(form.submit(&typed, at, || panic!("no key is made")), None);
        assert!(form.succeeded());
        assert_eq!(form.focus, Some(Focus::Done));
    }

    #[test]
    fn while_one_signup_is_on_its_way_no_other_goes() {
        let mut form = shown();
        sent(&mut form, "reader@example.com");
        assert_eq!(
            form.submit(&typed("other@example.com"), LATER, || "k".into()),
            None
        );
        assert_eq!(form.retry(), None);
    }

    #[test_case(SignupOutcome::Accepted, true, Some(Focus::Done) ; "accepted")]
    #[test_case(SignupOutcome::AlreadySubscribed, true, Some(Focus::Done) ; "already subscribed")]
    #[test_case(SignupOutcome::Failed, false, None ; "failed")]
    #[test_case(SignupOutcome::Offline, false, None ; "offline")]
    fn each_reply_says_where_the_form_stands(
        outcome: SignupOutcome,
        success: bool,
        focus: Option<Focus>,
    ) {
        let mut form = shown();
        sent(&mut form, "reader@example.com");
        assert_eq!(form.replied(outcome.clone()), None);
        assert!(!form.sending);
        assert_eq!(form.succeeded(), success);
        assert_eq!(form.focus, focus);
        assert_eq!(form.status(), (!success).then(|| outcome.message()));
        assert_eq!(form.can_try_again(), outcome == SignupOutcome::Failed);
    }

    #[test]
    fn an_address_the_service_refuses_goes_back_on_the_field() {
        let mut form = shown();
        sent(&mut form, "reader@example.com");
        form.replied(SignupOutcome::Invalid(
            "That domain does not take mail.".into(),
        ));
        assert_eq!(
            form.field_error.as_deref(),
            Some("That domain does not take mail.")
        );
        assert_eq!(form.focus, Some(Focus::Field));
        assert_eq!(form.outcome, None);
    }

    #[test]
    fn told_to_wait_it_holds_back_until_the_wait_is_over() {
        let mut form = shown();
        sent(&mut form, "reader@example.com");
        assert_eq!(
            form.replied(SignupOutcome::RateLimited {
                retry_after_secs: 30
            }),
            Some(30)
        );
        assert!(form.is_blocked());
        assert_eq!(
            form.submit(&typed("reader@example.com"), LATER, || "k".into()),
            None
        );
        form.wait_over();
        assert!(form
            .submit(&typed("reader@example.com"), LATER, || "k".into())
            .is_some());
    }

    #[test]
    fn trying_again_resends_exactly_the_last_signup_under_its_key() {
        let mut form = shown();
        let first = sent(&mut form, "reader@example.com");
        form.replied(SignupOutcome::Failed);
        assert_eq!(form.retry(), Some(first));
        assert!(form.sending);
    }

    #[test]
    fn the_same_address_again_reuses_its_key_and_another_gets_a_new_one() {
        let mut form = shown();
        sent(&mut form, "reader@example.com");
        form.replied(SignupOutcome::Failed);
        let again = form
            .submit(&typed("READER@example.com"), LATER, || {
                panic!("the key is reused")
            })
            .unwrap();
        assert_eq!(again.key, "key-1");
        form.replied(SignupOutcome::Failed);
        let other = form
            .submit(&typed("other@example.com"), LATER, || "key-2".into())
            .unwrap();
        assert_eq!(other.key, "key-2");
    }

    #[test]
    fn coming_back_online_sends_only_a_signup_that_could_not_go_offline() {
        let mut form = shown();
        assert_eq!(form.back_online(), None, "nothing waits");
        let first = sent(&mut form, "reader@example.com");
        form.replied(SignupOutcome::Failed);
        assert_eq!(form.back_online(), None, "a failure waits for Try again");
        form.sending = false;
        form.outcome = Some(SignupOutcome::Offline);
        assert_eq!(form.back_online(), Some(first));
        assert_eq!(form.back_online(), None, "once");
    }
}
