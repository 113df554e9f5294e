//! The HTTP client for `/api/v1` and the errors a reader can be shown.

use crate::config::{headlines_url, API_BASE, FETCH_TIMEOUT_MS, SIGNUP_TIMEOUT_MS, SIGNUP_URL};
use crate::model::{
    decode_headlines, is_valid_slug, percent_encode, Article, ConfirmReply, DecodeError, Decoded,
    FrontPage, Headline, SignupOutcome, SignupRequest,
};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use std::{cell::Cell, rc::Rc};
use web_sys::{AbortController, AbortSignal};

/// What went wrong fetching something, in terms a reader can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// There is no such story (HTTP 404 or 410, or a slug that cannot exist).
    NotFound,
    /// The server answered with an error status.
    Server(u16),
    /// No answer within [`FETCH_TIMEOUT_MS`].
    Timeout,
    /// The browser says it has no network.
    Offline,
    /// The request failed before any answer (DNS, connection refused, CORS…).
    Network,
    /// An answer came, but not one the site can show.
    Malformed(String),
}

impl ApiError {
    /// A short heading for the error, addressed to the reader.
    pub fn title(&self) -> &'static str {
        match self {
            ApiError::NotFound => "We couldn't find that story",
            ApiError::Server(_) => "Something went wrong on our side",
            ApiError::Timeout => "This is taking longer than it should",
            ApiError::Offline => "You're offline",
            ApiError::Network => "We couldn't connect to Britain's News Portal",
            ApiError::Malformed(_) => "We couldn't show this page",
        }
    }

    /// What happened and what the reader can do about it.
    pub fn advice(&self) -> &'static str {
        match self {
            ApiError::NotFound => {
                "It may have been moved or taken down, or the link may have a typo in it."
            }
            ApiError::Server(_) => "Our servers had a problem just now. Please try again in a moment.",
            ApiError::Timeout => {
                "Your connection may be slow, or we may be busy. Please try again."
            }
            ApiError::Offline => "Check your internet connection, then try again.",
            ApiError::Network => "Check your internet connection, then try again.",
            ApiError::Malformed(_) => {
                "What we received didn't arrive in the form we expected. Please try again; if it keeps happening, the problem is ours."
            }
        }
    }

    /// Whether fetching again could help.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, ApiError::NotFound)
    }
}

impl From<DecodeError> for ApiError {
    fn from(err: DecodeError) -> Self {
        ApiError::Malformed(err.to_string())
    }
}

/// Fetches and decodes one story.
pub async fn fetch_article(slug: String) -> Result<Article, ApiError> {
    if !is_valid_slug(&slug) {
        return Err(ApiError::NotFound);
    }
    let url = format!("{API_BASE}/articles/{slug}.json");
    let json = get_text(&url).await?;
    Ok(reported(&url, Article::from_json(&json)?))
}

/// Fetches the index of the latest stories, newest first.
pub async fn fetch_front_page() -> Result<FrontPage, ApiError> {
    let url = format!("{API_BASE}/articles/index.json");
    let json = get_text(&url)
        .await
        // The index is always there: its absence is the server's fault.
        .map_err(|err| match err {
            ApiError::NotFound => ApiError::Server(404),
            other => other,
        })?;
    Ok(reported(&url, FrontPage::from_json(&json)?))
}

/// Fetches the BREAKING ticker's headlines: deduplicated, newest first, capped.
pub async fn fetch_headlines() -> Result<Vec<Headline>, ApiError> {
    let url = headlines_url();
    let json = get_text(&url).await?;
    Ok(reported(&url, decode_headlines(&json)?))
}

/// Sends a new signup. Never fails: every way it can go wrong is an
/// outcome the form shows.
pub async fn post_signup(request: &SignupRequest, idempotency_key: &str) -> SignupOutcome {
    let deadline = Deadline::start(SIGNUP_TIMEOUT_MS);
    let Ok(sending) = Request::post(SIGNUP_URL)
        .header("Accept", "application/json")
        .header("Idempotency-Key", idempotency_key)
        .abort_signal(deadline.signal().as_ref())
        .json(request)
    else {
        return SignupOutcome::Failed;
    };
    let response = match sending.send().await {
        Ok(response) => response,
        Err(_) if deadline.failure() == ApiError::Offline => return SignupOutcome::Offline,
        Err(_) => return SignupOutcome::Failed,
    };
    let retry_after = response.headers().get("retry-after");
    let Ok(body) = response.text().await else {
        return SignupOutcome::Failed;
    };
    SignupOutcome::from_reply(response.status(), &body, retry_after.as_deref())
}

/// Confirms a signup from the link in its e-mail; returns what to tell the
/// reader.
pub async fn confirm_signup(token: String) -> Result<String, ApiError> {
    let json = get_text(&format!(
        "{SIGNUP_URL}/confirm?token={}",
        percent_encode(&token)
    ))
    .await?;
    Ok(ConfirmReply::from_json(&json)?.message)
}

/// The decoded value, after telling the console (once per problem, however
/// often the same feed is fetched) what in `url` was left out and why.
fn reported<T>(url: &str, decoded: Decoded<T>) -> T {
    thread_local! {
        static TOLD: std::cell::RefCell<std::collections::HashSet<String>> = Default::default();
    }
    for skipped in &decoded.skipped {
        let line = format!("{url}: {skipped}");
        if TOLD.with_borrow_mut(|told| told.insert(line.clone())) {
            web_sys::console::warn_1(&line.into());
        }
    }
    decoded.value
}

/// A request's time limit. It aborts the request when the time is up, and
/// when dropped: when the page that asked for it has gone away.
struct Deadline {
    controller: Option<AbortController>,
    timed_out: Rc<Cell<bool>>,
    _timer: Option<Timeout>,
}

impl Deadline {
    fn start(millis: u32) -> Self {
        let controller = AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let timer = controller.clone().map(|controller| {
            let timed_out = Rc::clone(&timed_out);
            Timeout::new(millis, move || {
                timed_out.set(true);
                controller.abort();
            })
        });
        Deadline {
            controller,
            timed_out,
            _timer: timer,
        }
    }

    fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// Why a request under this deadline got no answer.
    fn failure(&self) -> ApiError {
        if self.timed_out.get() {
            ApiError::Timeout
        } else if is_offline() {
            ApiError::Offline
        } else {
            ApiError::Network
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

/// GETs `url` and returns its body, mapping every failure to an [`ApiError`].
async fn get_text(url: &str) -> Result<String, ApiError> {
    let deadline = Deadline::start(FETCH_TIMEOUT_MS);
    let response = Request::get(url)
        .header("Accept", "application/json")
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(|_| deadline.failure())?;
    match response.status() {
        200..=299 => response.text().await.map_err(|_| deadline.failure()),
        404 | 410 => Err(ApiError::NotFound),
        status => Err(ApiError::Server(status)),
    }
}

fn is_offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
}
