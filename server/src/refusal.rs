//! Every error the service's API answers, as one type: each case has its
//! status, its code (which the app and partners read) and its sentence
//! (which a reader may be shown), in one table, `IntoResponse`.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use news_portal::model::ErrorReply;
use std::time::Duration;

/// Why the API said no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    MethodNotAllowed,
    /// More signups from one client this minute than allowed.
    RateLimited {
        wait: Duration,
    },
    UnsupportedMediaType,
    PayloadTooLarge,
    BadJson,
    /// A form's post whose fields cannot be read.
    BadForm,
    BadIdempotencyKey,
    /// The address is not one: the model's sentence for why.
    InvalidEmail(&'static str),
    IdempotencyKeyReused,
    /// A confirmation link the service does not know.
    InvalidConfirmLink,
    /// An unsubscribe link nobody is subscribed with.
    InvalidUnsubscribeLink,
    /// A bounce report without the right secret.
    Unauthorized,
    /// A bounce POST that is no report, and why.
    NotAReport(String),
    /// The store failed: logged, and said in general terms.
    Internal,
}

impl Refusal {
    /// The store failed: logs why, for the operator.
    pub fn internal(err: impl std::fmt::Display) -> Self {
        tracing::error!("signup store failed: {err}");
        Refusal::Internal
    }

    fn parts(&self) -> (StatusCode, &'static str, String) {
        let (status, code, message): (StatusCode, &'static str, &str) = match self {
            Refusal::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "That method is not allowed here.",
            ),
            Refusal::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many attempts. Please wait a minute and try again.",
            ),
            Refusal::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the signup as JSON (Content-Type: application/json) or as a form (application/x-www-form-urlencoded).",
            ),
            Refusal::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "The request is larger than the 4 KiB a signup needs.",
            ),
            Refusal::BadJson => (
                StatusCode::BAD_REQUEST,
                "bad_json",
                r#"The request must be JSON like {"email": "name@example.com"}."#,
            ),
            Refusal::BadForm => (
                StatusCode::BAD_REQUEST,
                "bad_form",
                "The form's fields could not be read.",
            ),
            Refusal::BadIdempotencyKey => (
                StatusCode::BAD_REQUEST,
                "bad_idempotency_key",
                "The Idempotency-Key header must be 1 to 128 visible ASCII characters.",
            ),
            Refusal::InvalidEmail(why) => (StatusCode::BAD_REQUEST, "invalid_email", why),
            Refusal::IdempotencyKeyReused => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "That Idempotency-Key was already used for a different signup.",
            ),
            Refusal::InvalidConfirmLink => (
                StatusCode::NOT_FOUND,
                "invalid_token",
                "This confirmation link isn't valid. Check you used the whole link from the email, or sign up again.",
            ),
            Refusal::InvalidUnsubscribeLink => (
                StatusCode::NOT_FOUND,
                "invalid_token",
                "This unsubscribe link isn't valid, or you've already unsubscribed. Check you used the whole link from the email.",
            ),
            Refusal::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Bounce reports need the secret: Authorization: Bearer <secret>.",
            ),
            Refusal::NotAReport(why) => (StatusCode::UNPROCESSABLE_ENTITY, "not_a_report", why),
            Refusal::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side. Please try again.",
            ),
        };
        (status, code, message.to_owned())
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, code, message) = self.parts();
        let field = matches!(self, Refusal::InvalidEmail(_)).then(|| "email".to_owned());
        let body = ErrorReply {
            error: code.into(),
            message,
            field,
        };
        let mut response = (status, Json(body)).into_response();
        if let Refusal::RateLimited { wait } = self {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(wait.as_secs().max(1)),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_a_status_a_code_and_a_sentence() {
        let all = [
            Refusal::MethodNotAllowed,
            Refusal::RateLimited {
                wait: Duration::from_secs(3),
            },
            Refusal::UnsupportedMediaType,
            Refusal::PayloadTooLarge,
            Refusal::BadJson,
            Refusal::BadForm,
            Refusal::BadIdempotencyKey,
            Refusal::InvalidEmail("Please enter a valid email address."),
            Refusal::IdempotencyKeyReused,
            Refusal::InvalidConfirmLink,
            Refusal::InvalidUnsubscribeLink,
            Refusal::Unauthorized,
            Refusal::NotAReport("not a report".into()),
            Refusal::Internal,
        ];
        for refusal in all {
            let (status, code, message) = refusal.parts();
            assert!(
                status.is_client_error() || status.is_server_error(),
                "{refusal:?}"
            );
            assert!(!code.is_empty() && message.ends_with('.') || message == "not a report");
        }
        let limited = Refusal::RateLimited {
            wait: Duration::from_secs(0),
        }
        .into_response();
        assert_eq!(limited.headers()[header::RETRY_AFTER], "1");
    }
}
