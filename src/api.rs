//! The HTTP client for `/api/v1` and the errors a reader can be shown.

use crate::config::{headlines_url, API_BASE, FETCH_TIMEOUT_MS};
use crate::model::{decode_headlines, is_valid_slug, Article, DecodeError, FrontPage, Headline};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use std::{cell::Cell, rc::Rc};
use web_sys::AbortController;

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
    let json = get_text(&format!("{API_BASE}/articles/{slug}.json")).await?;
    Ok(Article::from_json(&json)?)
}

/// Fetches the index of the latest stories, newest first.
pub async fn fetch_front_page() -> Result<FrontPage, ApiError> {
    let json = get_text(&format!("{API_BASE}/articles/index.json"))
        .await
        // The index is always there: its absence is the server's fault.
        .map_err(|err| match err {
            ApiError::NotFound => ApiError::Server(404),
            other => other,
        })?;
    Ok(FrontPage::from_json(&json)?)
}

/// Fetches the BREAKING ticker's headlines: deduplicated, newest first, capped.
pub async fn fetch_headlines() -> Result<Vec<Headline>, ApiError> {
    let json = get_text(&headlines_url()).await?;
    Ok(decode_headlines(&json)?)
}

/// Aborts its request when dropped: when the page that asked for it goes
/// away, or when the timeout fires.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// GETs `url` and returns its body, mapping every failure to an [`ApiError`].
async fn get_text(url: &str) -> Result<String, ApiError> {
    let controller = AbortOnDrop(AbortController::new().ok());
    let timed_out = Rc::new(Cell::new(false));
    let _timer = controller.0.clone().map(|controller| {
        let timed_out = Rc::clone(&timed_out);
        Timeout::new(FETCH_TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    });
    let failed = |_| {
        if timed_out.get() {
            ApiError::Timeout
        } else if is_offline() {
            ApiError::Offline
        } else {
            ApiError::Network
        }
    };
    let signal = controller.0.as_ref().map(AbortController::signal);
    let response = Request::get(url)
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(failed)?;
    match response.status() {
        200..=299 => response.text().await.map_err(failed),
        404 | 410 => Err(ApiError::NotFound),
        status => Err(ApiError::Server(status)),
    }
}

fn is_offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
}
