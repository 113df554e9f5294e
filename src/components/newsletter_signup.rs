use crate::api::post_signup;
use crate::model::{email_key, validate_email, SignupOutcome, SignupRequest, CONSENT_VERSION};
use leptos::{either::Either, ev::SubmitEvent, html, prelude::*};
use std::time::Duration;

/// A signup on its way, kept so "Try again" resends exactly it, under the
/// same idempotency key.
#[derive(Clone)]
struct Attempt {
    request: SignupRequest,
    key: String,
}

/// "Get the news that matters.": the newsletter signup, above the footer
/// of every page and at the end of each story. `placement` tells the two
/// apart (for their ids) and tells the service where a signup came from.
#[component]
pub fn NewsletterSignup(
    /// `footer` or `story`.
    placement: &'static str,
    /// Where the signup is recorded as coming from; `placement` by default.
    #[prop(optional, into)]
    source: Option<String>,
) -> impl IntoView {
    let source = source.unwrap_or_else(|| placement.to_owned());
    let heading_id = format!("signup-heading-{placement}");
    let field_id = format!("signup-email-{placement}");
    let error_id = format!("signup-email-error-{placement}");
    let trap_id = format!("signup-website-{placement}");

    // When the form appeared, read in an effect: effects run only in the
    // browser, once it has taken the page over. Until then the prerendered
    // form cannot be sent: a native submission would put the address in a URL.
    let shown_at = StoredValue::new(None::<f64>);
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        shown_at.set_value(Some(js_sys::Date::now()));
        ready.set(true);
    });
    let field_error = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(None::<SignupOutcome>);
    // Set while the service has asked us to wait (429 with Retry-After).
    let told_to_wait = RwSignal::new(false);
    let last = StoredValue::new(None::<Attempt>);
    // Read when sent, not mirrored: what a reader typed before the app took
    // the page over stays in the field.
    let input = NodeRef::<html::Input>::new();
    let trap = NodeRef::<html::Input>::new();
    let done_message = NodeRef::<html::P>::new();

    let send = Action::new_local(|attempt: &Attempt| {
        let attempt = attempt.clone();
        async move { post_signup(&attempt.request, &attempt.key).await }
    });
    let pending = send.pending();
    let blocked = move || pending.get() || told_to_wait.get();

    // A problem with the address: on the field, with focus there to fix it.
    let show_field_error = move |message: String| {
        field_error.set(Some(message));
        outcome.set(None);
        if let Some(input) = input.get_untracked() {
            let _ = input.focus();
        }
    };

    // What came back decides what the reader sees next.
    Effect::new(move |_| {
        let Some(result) = send.value().get() else {
            return;
        };
        match &result {
            SignupOutcome::Invalid(_) => {
                show_field_error(result.message());
                return;
            }
            SignupOutcome::RateLimited { retry_after_secs } => {
                told_to_wait.set(true);
                set_timeout(
                    move || _ = told_to_wait.try_set(false),
                    Duration::from_secs(u64::from(*retry_after_secs)),
                );
            }
            _ => {}
        }
        outcome.set(Some(result));
    });

    // Once signed up, the form gives way to the message: take focus there,
    // so it is not lost with the button that went away.
    Effect::new(move |_| {
        if outcome.with(|o| o.as_ref().is_some_and(SignupOutcome::is_success)) {
            if let Some(message) = done_message.get() {
                let _ = message.focus();
            }
        }
    });

    let resend = move || {
        if let Some(attempt) = last.get_value() {
            if !pending.get_untracked() {
                send.dispatch(attempt);
            }
        }
    };

    // Offline signups go as soon as the connection is back. The listener
    // goes with the form: a story's form is dropped when the reader moves on.
    let online = window_event_listener_untyped("online", move |_| {
        if outcome.try_with_untracked(|o| o == &Some(SignupOutcome::Offline)) == Some(true) {
            resend();
        }
    });
    on_cleanup(move || online.remove());

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() || told_to_wait.get_untracked() {
            return;
        }
        let typed = input
            .get_untracked()
            .map(|input| input.value())
            .unwrap_or_default();
        let address = match validate_email(&typed) {
            Ok(address) => address.to_owned(),
            Err(invalid) => {
                show_field_error(invalid.message().to_owned());
                return;
            }
        };
        let request = SignupRequest {
            email: address,
            source: source.clone(),
            consent_version: CONSENT_VERSION.to_owned(),
            website: trap
                .get_untracked()
                .map(|trap| trap.value())
                .unwrap_or_default(),
            elapsed_ms: shown_at
                .get_value()
                .map(|shown| (js_sys::Date::now() - shown).max(0.0) as u64),
        };
        if request.looks_automated() {
            // A bot: it sees success, and nothing is sent.
            outcome.set(Some(SignupOutcome::Accepted));
            return;
        }
        // One key per address: a retry of the same address reuses it.
        let key = match last.get_value() {
            Some(attempt) if email_key(&attempt.request.email) == email_key(&request.email) => {
                attempt.key
            }
            _ => new_idempotency_key(),
        };
        let attempt = Attempt { request, key };
        last.set_value(Some(attempt.clone()));
        outcome.set(None);
        send.dispatch(attempt);
    };

    let described_by = {
        let error_id = error_id.clone();
        move || field_error.with(Option::is_some).then(|| error_id.clone())
    };
    let labelled_by = heading_id.clone();
    let succeeded =
        Memo::new(move |_| outcome.with(|o| o.as_ref().is_some_and(SignupOutcome::is_success)));
    let status_text = move || {
        outcome.with(|o| {
            o.as_ref()
                .filter(|o| !o.is_success())
                .map(SignupOutcome::message)
        })
    };
    let can_try_again = Memo::new(move |_| outcome.with(|o| o == &Some(SignupOutcome::Failed)));

    view! {
        <aside class="signup" class:signup--story=placement == "story" aria-labelledby=labelled_by>
            <h2 id=heading_id class="signup__heading">"Get the news that matters."</h2>
            <p class="signup__pitch">
                "Join thousands of readers getting the best of British news straight to their inbox."
            </p>
            <noscript class="signup__no-script">
                "Signing up needs JavaScript. Everything else on this site works without it."
            </noscript>
            {move || if succeeded.get() {
                Either::Left(view! {
                <p node_ref=done_message class="signup__done" tabindex="-1">
                    {move || outcome.get().map(|o| o.message())}
                </p>
                })
            } else {
                Either::Right(view! {
                    <form class="signup__form" novalidate=true on:submit=submit.clone()>
                        <div class="signup__field" class:signup__field--invalid=move || field_error.with(Option::is_some)>
                            <label for=field_id.clone()>"Email address"</label>
                            <p id=error_id.clone() class="signup__error">
                                {move || field_error.get()}
                            </p>
                            <div class="signup__row">
                                <input
                                    node_ref=input
                                    id=field_id.clone()
                                    type="email"
                                    name="email"
                                    autocomplete="email"
                                    inputmode="email"
                                    spellcheck="false"
                                    aria-invalid=move || field_error.with(Option::is_some).then_some("true")
                                    aria-describedby=described_by.clone()
                                    on:input=move |_| field_error.set(None)
                                />
                                <button
                                    type="submit"
                                    class="button signup__submit"
                                    aria-disabled=move || blocked().then_some("true")
                                    disabled=move || !ready.get()
                                >
                                    {move || if pending.get() { "Signing you up…" } else { "Sign up" }}
                                </button>
                            </div>
                        </div>
                        <div class="signup__trap" aria-hidden="true">
                            <label for=trap_id.clone()>"Leave this field empty"</label>
                            <input
                                id=trap_id.clone()
                                type="text"
                                name="website"
                                tabindex="-1"
                                autocomplete="off"
                                node_ref=trap
                            />
                        </div>
                        <p class="signup__privacy">
                            "We'll only use your email address to send you the newsletter, and you can unsubscribe at any time. See our "
                            <a href="/privacy">"privacy notice"</a> "."
                        </p>
                    </form>
                })
            }}
            <div class="signup__status" role="status" aria-live="polite">
                <p>{status_text}</p>
                {move || can_try_again.get().then(|| view! {
                    <button type="button" class="button button--secondary" on:click=move |_| resend()>
                        "Try again"
                    </button>
                })}
            </div>
        </aside>
    }
}

/// A fresh idempotency key: a random UUID where the browser has them.
fn new_idempotency_key() -> String {
    window()
        .crypto()
        .ok()
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| {
            format!(
                "{:x}-{:x}",
                js_sys::Date::now() as u64,
                (js_sys::Math::random() * 1e16) as u64
            )
        })
}
