//! `POST /api/v1/newsletter` and `GET /api/v1/newsletter/confirm`.

use crate::rate_limit::RateLimiter;
use crate::store::{is_token_shaped, Confirmation, NewSignup, Signup, Store};
use axum::{
    body::{to_bytes, Body},
    extract::{ConnectInfo, Query, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use news_portal::model::{
    validate_email, ConfirmReply, ErrorReply, SignupReply, SignupRequest, SignupStatus,
    CONSENT_VERSION,
};
use std::{
    collections::HashMap,
    net::{IpAddr, SocketAddr},
    sync::Arc,
};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 4 * 1024;

/// What the signup routes share.
pub struct Signups {
    pub store: Store,
    pub limiter: RateLimiter,
    /// Whether to take the client's address from `X-Forwarded-For`.
    pub behind_proxy: bool,
    /// Where confirmation links point: the app's confirm page.
    pub confirm_url: String,
}

/// The signup routes, with CORS for `allowed_origins` (none: same origin only).
pub fn routes(signups: Arc<Signups>, allowed_origins: &[String]) -> Router {
    let router = Router::new()
        .route("/api/v1/newsletter", post(subscribe))
        .route("/api/v1/newsletter/confirm", get(confirm))
        .method_not_allowed_fallback(|| async {
            error(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "That method is not allowed here.",
            )
        })
        .with_state(signups);
    if allowed_origins.is_empty() {
        return router;
    }
    let origins: Vec<HeaderValue> = allowed_origins
        .iter()
        .filter_map(|origin| origin.parse().ok())
        .collect();
    router.layer(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::CONTENT_TYPE,
                header::HeaderName::from_static("idempotency-key"),
            ])
            .expose_headers([header::RETRY_AFTER])
            .max_age(std::time::Duration::from_secs(600)),
    )
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = ErrorReply {
        error: code.into(),
        message: message.into(),
        field: None,
    };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

fn internal(err: impl std::fmt::Display) -> Response {
    tracing::error!("signup store failed: {err}");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Something went wrong on our side. Please try again.",
    )
}

fn reply(status: SignupStatus) -> Response {
    let code = match status {
        SignupStatus::Pending => StatusCode::ACCEPTED,
        SignupStatus::AlreadySubscribed => StatusCode::OK,
    };
    (
        code,
        [(header::CACHE_CONTROL, "no-store")],
        Json(SignupReply::new(status)),
    )
        .into_response()
}

/// The client a trusted proxy reports: the last `X-Forwarded-For` entry,
/// which that proxy appended.
fn forwarded_client(headers: &HeaderMap) -> Option<IpAddr> {
    let forwarded = headers.get("x-forwarded-for")?.to_str().ok()?;
    forwarded.rsplit(',').next()?.trim().parse().ok()
}

/// The idempotency key, if one was sent: `Err` when it is not 1 to 128
/// visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ()> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(key) if (1..=128).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) => {
            Ok(Some(key.to_owned()))
        }
        _ => Err(()),
    }
}

async fn subscribe(
    State(signups): State<Arc<Signups>>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let client = if signups.behind_proxy {
        forwarded_client(&headers).unwrap_or(client.ip())
    } else {
        client.ip()
    };
    if let Err(wait) = signups.limiter.check(client) {
        let mut response = error(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Too many attempts. Please wait a minute and try again.",
        );
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(wait.as_secs().max(1)),
        );
        return response;
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the signup as JSON, with Content-Type: application/json.",
        );
    }
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "The request is larger than the 4 KiB a signup needs.",
        );
    };
    let Ok(request) = serde_json::from_slice::<SignupRequest>(&bytes) else {
        return error(
            StatusCode::BAD_REQUEST,
            "bad_json",
            r#"The request must be JSON like {"email": "name@example.com"}."#,
        );
    };
    let Ok(key) = idempotency_key(&headers) else {
        return error(
            StatusCode::BAD_REQUEST,
            "bad_idempotency_key",
            "The Idempotency-Key header must be 1 to 128 visible ASCII characters.",
        );
    };
    if request.looks_automated() {
        tracing::info!("signup from an apparent bot ignored");
        return reply(SignupStatus::Pending);
    }
    let email = match validate_email(&request.email) {
        Ok(email) => email.to_owned(),
        Err(invalid) => {
            let body = ErrorReply {
                error: "invalid_email".into(),
                message: invalid.message().into(),
                field: Some("email".into()),
            };
            return (
                StatusCode::BAD_REQUEST,
                [(header::CACHE_CONTROL, "no-store")],
                Json(body),
            )
                .into_response();
        }
    };
    let source: String = request.source.chars().take(100).collect();
    let consent = if request.consent_version.is_empty() {
        CONSENT_VERSION.to_owned()
    } else {
        request.consent_version.chars().take(32).collect()
    };
    let done = tokio::task::spawn_blocking(move || {
        let signup = NewSignup {
            email: &email,
            source: &source,
            consent_version: &consent,
            idempotency_key: key.as_deref(),
        };
        tracing::debug!(email = %email, "signup received");
        signups.store.sign_up(&signup, &signups.confirm_url)
    })
    .await;
    match done {
        Ok(Ok(Signup::Done {
            status,
            subscriber,
            confirm_link,
        })) => {
            if let Some(link) = confirm_link {
                tracing::info!(
                    subscriber,
                    "signup pending; confirmation link queued: {link}"
                );
            } else {
                tracing::info!(subscriber, ?status, "signup repeated");
            }
            reply(status)
        }
        Ok(Ok(Signup::KeyReused)) => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "That Idempotency-Key was already used for a different signup.",
        ),
        Ok(Err(err)) => internal(err),
        Err(err) => internal(err),
    }
}

async fn confirm(
    State(signups): State<Arc<Signups>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    // A missing or misshapen token is as invalid as an unknown one.
    let Some(token) = query.get("token").filter(|t| is_token_shaped(t)).cloned() else {
        return invalid_token();
    };
    let result = tokio::task::spawn_blocking(move || signups.store.confirm(&token)).await;
    let (status, message) = match result {
        Ok(Ok(Confirmation::Confirmed)) => (
            "confirmed",
            "You're subscribed. Thank you for confirming your email address.",
        ),
        Ok(Ok(Confirmation::AlreadyConfirmed)) => (
            "already_confirmed",
            "You've already confirmed this subscription. Thank you.",
        ),
        Ok(Ok(Confirmation::UnknownToken)) => return invalid_token(),
        Ok(Err(err)) => return internal(err),
        Err(err) => return internal(err),
    };
    let body = ConfirmReply {
        status: status.into(),
        message: message.into(),
    };
    (
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response()
}

fn invalid_token() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "invalid_token",
        "This confirmation link isn't valid. Check you used the whole link from the email, or sign up again.",
    )
}
