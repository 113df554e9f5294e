//! `POST /api/v1/newsletter`, `GET /api/v1/newsletter/confirm` and
//! `POST /api/v1/newsletter/unsubscribe`.
//!
//! A signup comes as JSON from the app, or as a plain form the page posts
//! before the app runs (or without JavaScript): the same checks and the same
//! storage; JSON is answered in JSON, a form with `303 See Other` to a page
//! of the site (`signup_form.rs`).

use crate::rate_limit::RateLimit;
use crate::refusal::Refusal;
use crate::signup_form::{self, FormPage};
use crate::store::{Allowance, Confirmation, NewSignup, Signup, Store, Unsubscribe};
use axum::{
    extract::{
        rejection::JsonRejection, ConnectInfo, DefaultBodyLimit, FromRequest, Query, Request, State,
    },
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Form, Json, Router,
};
use news_portal::model::{
    is_link_token, validate_email, ConfirmReply, SignupReply, SignupRequest, SignupStatus,
    CONSENT_VERSION,
};
use news_portal::routes;
use std::{
    collections::HashMap,
    net::{IpAddr, SocketAddr},
    sync::Arc,
};
use tokio::sync::Notify;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 4 * 1024;

/// What the signup routes share.
pub struct Signups {
    pub store: Arc<Store>,
    pub limit: RateLimit,
    /// Whether to take the client's address from `X-Forwarded-For`.
    pub behind_proxy: bool,
    /// Wakes this instance's mail sender when a confirmation is queued.
    pub mail_queued: Arc<Notify>,
    /// The site's public origin: where a form's signup is sent on to.
    pub site_origin: String,
    /// The newsletter's page, which a form's signup that was not taken is
    /// shown again in.
    pub form_page: FormPage,
}

/// The signup routes, with CORS for `allowed_origins` (none: same origin
/// only). No reply is cached anywhere.
pub fn routes(signups: Arc<Signups>, allowed_origins: &[String]) -> Router {
    let router = Router::new()
        .route(routes::SIGNUP_API, post(subscribe))
        .route(routes::SIGNUP_RETRY_API, get(signup_form::show_again))
        .route(routes::CONFIRM_API, get(confirm))
        .route(routes::UNSUBSCRIBE_API, post(unsubscribe))
        .method_not_allowed_fallback(|| async { Refusal::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
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

fn reply(status: SignupStatus) -> Response {
    let code = match status {
        SignupStatus::Pending => StatusCode::ACCEPTED,
        SignupStatus::AlreadySubscribed => StatusCode::OK,
    };
    (code, Json(SignupReply::new(status))).into_response()
}

/// A body that is not a signup, in the words the API has always used.
fn rejected(rejection: &JsonRejection) -> Refusal {
    match rejection.status() {
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Refusal::UnsupportedMediaType,
        StatusCode::PAYLOAD_TOO_LARGE => Refusal::PayloadTooLarge,
        _ => Refusal::BadJson,
    }
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

/// `POST /api/v1/newsletter`: JSON from the app, answered in JSON; or a
/// form, answered with a page of the site to go to. Either way the client's
/// allowance is counted before the body is read: a client sending nonsense
/// spends it too.
async fn subscribe(
    State(signups): State<Arc<Signups>>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let client = if signups.behind_proxy {
        forwarded_client(request.headers()).unwrap_or(client.ip())
    } else {
        client.ip()
    };
    if signup_form::is_form(request.headers()) {
        subscribe_by_form(&signups, client, request).await
    } else {
        subscribe_by_json(&signups, client, request).await
    }
}

/// A form's signup (the page's own post, before or without the app): the
/// same fields as the app's JSON, without its clock or idempotency key.
async fn subscribe_by_form(signups: &Signups, client: IpAddr, request: Request) -> Response {
    let body = Form::<SignupRequest>::from_request(request, &()).await;
    let typed = body
        .as_ref()
        .map(|Form(form)| form.email.clone())
        .unwrap_or_default();
    let outcome = async {
        allowed(signups, client).await?;
        let Form(form) = body.map_err(|rejection| signup_form::rejected(&rejection))?;
        stored(signups, form, None).await
    };
    signup_form::answer(&signups.site_origin, outcome.await, typed)
}

/// The app's signup, in JSON, with its idempotency key.
async fn subscribe_by_json(signups: &Signups, client: IpAddr, request: Request) -> Response {
    let headers = request.headers().clone();
    let body = Json::<SignupRequest>::from_request(request, &()).await;
    let outcome = async {
        allowed(signups, client).await?;
        let Json(request) = body.map_err(|rejection| rejected(&rejection))?;
        let key = idempotency_key(&headers).map_err(|()| Refusal::BadIdempotencyKey)?;
        stored(signups, request, key).await
    };
    match outcome.await {
        Ok(status) => reply(status),
        Err(refusal) => refusal.into_response(),
    }
}

/// Whether `client` may sign up now (counting this attempt).
async fn allowed(signups: &Signups, client: IpAddr) -> Result<(), Refusal> {
    match signups
        .limit
        .check(&signups.store, client)
        .await
        .map_err(Refusal::internal)?
    {
        Allowance::Left => Ok(()),
        Allowance::Spent { wait } => Err(Refusal::RateLimited { wait }),
    }
}

/// A signup checked (a bot's is shown success and not stored; an address
/// must be valid) and stored, its confirmation queued if it is new.
async fn stored(
    signups: &Signups,
    request: SignupRequest,
    key: Option<String>,
) -> Result<SignupStatus, Refusal> {
    if request.looks_automated() {
        tracing::info!("signup from an apparent bot ignored");
        return Ok(SignupStatus::Pending);
    }
    let email = validate_email(&request.email)
        .map_err(|invalid| Refusal::InvalidEmail(invalid.message()))?
        .to_owned();
    let source: String = request.source.chars().take(100).collect();
    let consent = if request.consent_version.is_empty() {
        CONSENT_VERSION.to_owned()
    } else {
        request.consent_version.chars().take(32).collect()
    };
    let signup = NewSignup {
        email: &email,
        source: &source,
        consent_version: &consent,
        idempotency_key: key.as_deref(),
    };
    tracing::debug!(email = %email, "signup received");
    match signups
        .store
        .sign_up(&signup)
        .await
        .map_err(Refusal::internal)?
    {
        Signup::Done {
            status,
            subscriber,
            new,
        } => {
            if new {
                tracing::info!(subscriber, "signup pending; confirmation queued");
                signups.mail_queued.notify_one();
            } else {
                tracing::info!(subscriber, ?status, "signup repeated");
            }
            Ok(status)
        }
        Signup::KeyReused => Err(Refusal::IdempotencyKeyReused),
    }
}

async fn confirm(
    State(signups): State<Arc<Signups>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    // A missing or misshapen token is as invalid as an unknown one.
    let token = query
        .get("token")
        .filter(|t| is_link_token(t))
        .ok_or(Refusal::InvalidConfirmLink)?;
    let (status, message) = match signups.store.confirm(token).await.map_err(Refusal::internal)? {
        Confirmation::Confirmed => (
            "confirmed",
            "You're subscribed. Thank you for confirming your email address: the newsletter arrives every weekday morning.",
        ),
        Confirmation::AlreadyConfirmed => (
            "already_confirmed",
            "You've already confirmed this subscription. Thank you.",
        ),
        Confirmation::UnknownToken => return Err(Refusal::InvalidConfirmLink),
    };
    let body = ConfirmReply {
        status: status.into(),
        message: message.into(),
    };
    Ok((StatusCode::OK, Json(body)).into_response())
}

/// The one-click unsubscribe (RFC 8058): a mail client POSTs
/// `List-Unsubscribe=One-Click` here, and the app's unsubscribe page POSTs
/// its button. The body is not read: the token says who. A GET does
/// nothing (link checkers fetch links in mail).
async fn unsubscribe(
    State(signups): State<Arc<Signups>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let token = query
        .get("token")
        .filter(|t| is_link_token(t))
        .ok_or(Refusal::InvalidUnsubscribeLink)?;
    match signups
        .store
        .unsubscribe(token)
        .await
        .map_err(Refusal::internal)?
    {
        Unsubscribe::Unsubscribed(deleted) => {
            tracing::info!(
                editions_stopped = deleted.deliveries_stopped,
                editions_in_flight = deleted.deliveries_in_flight,
                "unsubscribed; the address and its mail are deleted"
            );
            let body = ConfirmReply {
                status: "unsubscribed".into(),
                message: "You've unsubscribed, and we've deleted your email address. You won't hear from us again unless you sign up again.".into(),
            };
            Ok((StatusCode::OK, Json(body)).into_response())
        }
        Unsubscribe::UnknownToken => Err(Refusal::InvalidUnsubscribeLink),
    }
}

/// The largest bounce report accepted: reports quote the original's
/// headers, or all of it.
pub const MAX_BOUNCE_BYTES: usize = 1024 * 1024;

/// `POST /api/v1/newsletter/bounces`: a mail server hands over a bounce
/// report or complaint, as `Authorization: Bearer <secret>`. Without a
/// secret the route is not there.
pub fn bounce_route(store: Arc<Store>, secret: Option<String>) -> Router {
    let Some(secret) = secret.filter(|s| !s.is_empty()) else {
        return Router::new();
    };
    Router::new()
        .route(routes::BOUNCES_API, post(bounce))
        .layer(DefaultBodyLimit::max(MAX_BOUNCE_BYTES))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(Arc::new((store, secret)))
}

/// Whether two secrets are equal, taking as long whichever byte differs.
fn same_secret(given: &[u8], secret: &[u8]) -> bool {
    given.len() == secret.len()
        && given
            .iter()
            .zip(secret)
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

async fn bounce(
    State(state): State<Arc<(Arc<Store>, String)>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Refusal> {
    let (store, secret) = &*state;
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !same_secret(given.as_bytes(), secret.as_bytes()) {
        return Err(Refusal::Unauthorized);
    }
    let message = String::from_utf8_lossy(&body);
    let report = crate::newsletter::bounces::read_report(&message).map_err(Refusal::NotAReport)?;
    let applied = store
        .apply_bounce(&report)
        .await
        .map_err(Refusal::internal)?;
    tracing::info!(kind = ?report.kind, ?applied, "bounce report read");
    let body = ConfirmReply {
        status: applied_name(&applied).into(),
        message: report.detail.clone(),
    };
    Ok((StatusCode::OK, Json(body)).into_response())
}

/// What a bounce did, in a word for the API and the command line.
pub fn applied_name(applied: &crate::newsletter::bounces::Applied) -> &'static str {
    use crate::newsletter::bounces::Applied;
    match applied {
        Applied::Suppressed => "suppressed",
        Applied::Counted { .. } => "counted",
        Applied::AddressGone => "address_gone",
        Applied::UnknownDelivery => "unknown_delivery",
    }
}
