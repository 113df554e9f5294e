//! The newsletter signup contract, shared by the form and the service: what
//! is sent, what comes back, and what the reader is told.

use super::fields::{self, Fields};
use super::{DecodeError, EmailError};
use serde::{Deserialize, Serialize};

/// The version of the privacy notice shown beside the form. Stored with
/// each signup, so we know what each reader agreed to.
pub const CONSENT_VERSION: &str = "2026-11";

/// Signups sent sooner than this after the form appeared are from bots.
pub const MIN_FILL_MS: u64 = 2_000;

/// `POST /api/v1/newsletter`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupRequest {
    pub email: String,
    /// Where the form was: `footer`, `story:<slug>`…
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub consent_version: String,
    /// The honeypot: hidden from people, so only bots fill it in.
    #[serde(default)]
    pub website: String,
    /// Milliseconds from the form appearing to its submission.
    #[serde(default)]
    pub elapsed_ms: Option<u64>,
}

impl SignupRequest {
    /// Whether this came from a bot: it gets a normal-looking success, and
    /// nothing is stored.
    pub fn looks_automated(&self) -> bool {
        !self.website.trim().is_empty() || self.elapsed_ms.is_some_and(|ms| ms < MIN_FILL_MS)
    }
}

/// Where a signup stands, as the service reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupStatus {
    /// Recorded; waiting for the reader to confirm by e-mail.
    Pending,
    /// This address is already confirmed.
    AlreadySubscribed,
}

/// The body of a successful reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupReply {
    pub status: SignupStatus,
    pub message: String,
}

impl SignupReply {
    pub fn new(status: SignupStatus) -> Self {
        let outcome = match status {
            SignupStatus::Pending => SignupOutcome::Accepted,
            SignupStatus::AlreadySubscribed => SignupOutcome::AlreadySubscribed,
        };
        SignupReply {
            status,
            message: outcome.message(),
        }
    }
}

impl SignupReply {
    /// The status a successful reply gives, if it can be read: read by
    /// `model/fields.rs`, as the browser reads the site's files, so that
    /// sending a signup brings no JSON decoder of serde's into the app.
    fn status_of(body: &str) -> Option<SignupStatus> {
        let value = fields::parse(body).ok()?;
        let reply = Fields::of(&value).ok()?;
        reply.string("message").ok()?;
        match reply.string("status").ok()?.as_str() {
            "pending" => Some(SignupStatus::Pending),
            "already_subscribed" => Some(SignupStatus::AlreadySubscribed),
            _ => None,
        }
    }
}

/// The body of a successful `GET /api/v1/newsletter/confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmReply {
    /// `confirmed` or `already_confirmed`.
    pub status: String,
    /// What to tell the reader.
    pub message: String,
}

impl ConfirmReply {
    /// Reads a reply; a blank message is as unreadable as a missing one.
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        let reply: ConfirmReply = serde_json::from_str(json).map_err(DecodeError::from_serde)?;
        if reply.message.trim().is_empty() {
            return Err(DecodeError::Invalid("the reply has no message".into()));
        }
        Ok(reply)
    }
}

/// The body of every error reply: `{ "error": code, "message": text }`,
/// with `field` when one field is at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReply {
    pub error: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ErrorReply {
    /// An error reply, if it can be read (as [`SignupReply::status_of`]).
    fn read(body: &str) -> Option<Self> {
        let value = fields::parse(body).ok()?;
        let reply = Fields::of(&value).ok()?;
        Some(ErrorReply {
            error: reply.string("error").ok()?,
            message: reply.string("message").ok()?,
            field: reply.optional_string("field").ok()?,
        })
    }
}

/// What happened to a signup, from the reader's side of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignupOutcome {
    Accepted,
    AlreadySubscribed,
    /// The service refused the address: its message goes on the field.
    Invalid(String),
    /// Too many attempts; try again after this many seconds.
    RateLimited {
        retry_after_secs: u32,
    },
    /// A server error, a timeout or a failed connection: worth trying again.
    Failed,
    /// The browser is offline: try again when it is back.
    Offline,
}

impl SignupOutcome {
    /// Reads a reply of the service.
    pub fn from_reply(status: u16, body: &str, retry_after: Option<&str>) -> Self {
        match status {
            200..=299 => match SignupReply::status_of(body) {
                Some(SignupStatus::AlreadySubscribed) => SignupOutcome::AlreadySubscribed,
                Some(SignupStatus::Pending) => SignupOutcome::Accepted,
                // An answer we cannot read: retrying with the same
                // idempotency key is safe, and gets a readable one.
                None => SignupOutcome::Failed,
            },
            429 => SignupOutcome::RateLimited {
                retry_after_secs: retry_after
                    .and_then(|secs| secs.trim().parse().ok())
                    .unwrap_or(60)
                    .clamp(1, 3600),
            },
            400 | 422 => match ErrorReply::read(body) {
                Some(reply) if reply.field.as_deref() == Some("email") => {
                    SignupOutcome::Invalid(reply.message)
                }
                _ => SignupOutcome::Failed,
            },
            _ => SignupOutcome::Failed,
        }
    }

    /// What the reader is told.
    pub fn message(&self) -> String {
        match self {
            SignupOutcome::Accepted => "Check your inbox to confirm your subscription.".into(),
            SignupOutcome::AlreadySubscribed => "You're already signed up — thank you.".into(),
            SignupOutcome::Invalid(message) if message.trim().is_empty() => {
                EmailError::Invalid.message().into()
            }
            SignupOutcome::Invalid(message) => message.clone(),
            SignupOutcome::RateLimited { .. } => {
                "Too many attempts. Please wait a minute and try again.".into()
            }
            SignupOutcome::Failed => "We couldn't sign you up just now.".into(),
            SignupOutcome::Offline => "You're offline. We'll try again when you're back.".into(),
        }
    }

    /// Whether the reader is now signed up (or was already).
    pub fn is_success(&self) -> bool {
        matches!(
            self,
            SignupOutcome::Accepted | SignupOutcome::AlreadySubscribed
        )
    }
}

/// Whether `token` has the shape of the tokens in our confirmation and
/// unsubscribe links (64 hex digits): anything else is a link cut short or
/// mistyped, told so without asking the service.
pub fn is_link_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether the page at `path` shows the newsletter signup above the
/// footer. A story has its own at the end of the story, and the
/// newsletter's page is one (never two on a page); the pages a signup or a
/// subscriber's own links lead to (signed up, confirming, unsubscribing)
/// are about a subscription the reader has or is leaving, so they offer
/// none. The editions, read by anyone, do.
pub fn footer_signup_shown_on(path: &str) -> bool {
    use crate::routes::Route;
    let subscribers_own = [
        Route::CheckYourInbox,
        Route::AlreadySignedUp,
        Route::Confirm,
        Route::Unsubscribe,
    ]
    .iter()
    .any(|route| path.starts_with(&route.path()));
    let the_newsletters_own = path.trim_end_matches('/') == Route::Newsletter.path();
    !(path.starts_with("/news/") || subscribers_own || the_newsletters_own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test]
    fn link_tokens_are_64_hex_digits() {
        assert!(is_link_token(&"0a".repeat(32)));
        for token in [
            "",
            "abc",
            &"0".repeat(63),
            &"0".repeat(65),
            &"g".repeat(64),
            &"é".repeat(32),
        ] {
            assert!(!is_link_token(token), "{token:?}");
        }
    }

    #[test]
    fn the_footer_signup_shows_everywhere_but_stories_and_the_newsletters_own_pages() {
        for path in [
            "/",
            "/privacy",
            "/section/london",
            "/no/such/page",
            "/news",
            "/newsletter/editions",
            "/newsletter/editions/2026-12-04",
        ] {
            assert!(footer_signup_shown_on(path), "{path}");
        }
        for path in [
            "/news/a-story",
            "/newsletter",
            "/newsletter/",
            "/newsletter/check-your-inbox",
            "/newsletter/already-signed-up",
            "/newsletter/confirm",
            "/newsletter/unsubscribe",
        ] {
            assert!(!footer_signup_shown_on(path), "{path}");
        }
    }

    fn reply(status: SignupStatus) -> String {
        serde_json::to_string(&SignupReply::new(status)).unwrap()
    }

    const INVALID: &str = r#"{"error":"invalid_email","message":"Please enter a valid email address, like name@example.com.","field":"email"}"#;
    const PENDING: &str = r#"{"status":"pending","message":"x"}"#;
    const ALREADY: &str = r#"{"status":"already_subscribed","message":"x"}"#;

    #[test_case(202, PENDING, None, "Check your inbox to confirm your subscription." ; "202 pending")]
    #[test_case(200, ALREADY, None, "You're already signed up — thank you." ; "200 already subscribed")]
    #[test_case(400, INVALID, None, "Please enter a valid email address, like name@example.com." ; "400 an invalid address")]
    #[test_case(429, "", Some("30"), "Too many attempts. Please wait a minute and try again." ; "429 with Retry-After")]
    #[test_case(500, "oops", None, "We couldn't sign you up just now." ; "500")]
    #[test_case(503, "", None, "We couldn't sign you up just now." ; "503 with no body")]
    #[test_case(413, r#"{"error":"payload_too_large","message":"x"}"#, None, "We couldn't sign you up just now." ; "413")]
    #[test_case(202, "<html>", None, "We couldn't sign you up just now." ; "202 that is not JSON")]
    #[test_case(202, r#"{"status":"queued","message":"x"}"#, None, "We couldn't sign you up just now." ; "202 with a status the form does not know")]
    #[test_case(422, r#"{"error":"invalid_email","message":"x","field":"name"}"#, None, "We couldn't sign you up just now." ; "422 about another field")]
    fn replies_map_to_what_the_reader_is_told(
        status: u16,
        body: &str,
        retry_after: Option<&str>,
        message: &str,
    ) {
        assert_eq!(
            SignupOutcome::from_reply(status, body, retry_after).message(),
            message
        );
    }

    #[test]
    fn the_service_says_its_replies_as_the_form_reads_them() {
        for (status, outcome) in [
            (SignupStatus::Pending, SignupOutcome::Accepted),
            (
                SignupStatus::AlreadySubscribed,
                SignupOutcome::AlreadySubscribed,
            ),
        ] {
            let body = reply(status);
            assert_eq!(SignupOutcome::from_reply(202, &body, None), outcome);
        }
    }

    #[test]
    fn retry_after_is_honoured_in_seconds_with_a_default_of_a_minute() {
        let limited = |header| SignupOutcome::from_reply(429, "", header);
        assert_eq!(
            limited(Some("30")),
            SignupOutcome::RateLimited {
                retry_after_secs: 30
            }
        );
        assert_eq!(
            limited(None),
            SignupOutcome::RateLimited {
                retry_after_secs: 60
            }
        );
        assert_eq!(
            limited(Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            SignupOutcome::RateLimited {
                retry_after_secs: 60
            }
        );
        assert_eq!(
            limited(Some("0")),
            SignupOutcome::RateLimited {
                retry_after_secs: 1
            }
        );
    }

    #[test]
    fn the_honeypot_and_a_too_quick_submission_mark_a_bot() {
        let human = SignupRequest {
            email: "reader@example.com".into(),
            source: "footer".into(),
            consent_version: CONSENT_VERSION.into(),
            website: String::new(),
            elapsed_ms: Some(8_000),
        };
        assert!(!human.looks_automated());
        assert!(SignupRequest {
            website: "http://spam".into(),
            ..human.clone()
        }
        .looks_automated());
        assert!(SignupRequest {
            elapsed_ms: Some(300),
            ..human.clone()
        }
        .looks_automated());
        assert!(!SignupRequest {
            elapsed_ms: None,
            ..human
        }
        .looks_automated());
    }

    #[test]
    fn a_request_needs_only_an_email() {
        let request: SignupRequest = serde_json::from_str(r#"{"email":"a@b"}"#).unwrap();
        assert_eq!(request.email, "a@b");
        assert!(!request.looks_automated());
    }
}
