//! The client for `/api/v1`: over HTTP in the browser. The page data a
//! `Resource` holds (a story, the front page) is also read when pages are
//! prerendered, natively, from the built site's files.

#[cfg(not(feature = "ssr"))]
use crate::config::API_BASE;
use crate::config::{headlines_url, FETCH_TIMEOUT_MS, SIGNUP_TIMEOUT_MS, SIGNUP_URL};
use crate::model::{
    decode_headlines, is_valid_slug, percent_encode, section_slug, ApiError, Article, ConfirmReply,
    Decoded, Headline, ReadNext, SectionList, SignupOutcome, SignupRequest, StoryIndex,
};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use std::future::Future;
use std::{cell::Cell, rc::Rc};
use web_sys::{AbortController, AbortSignal};

/// Fetches and decodes one story.
pub fn fetch_article(slug: String) -> impl Future<Output = Result<Article, ApiError>> + Send {
    sendable(async move {
        if !is_valid_slug(&slug) {
            return Err(ApiError::NotFound);
        }
        let path = format!("articles/{slug}.json");
        let json = get_content(&path).await?;
        Ok(reported(&path, Article::from_json(&json)?))
    })
}

/// Fetches the index of the latest stories, newest first.
pub fn fetch_front_page() -> impl Future<Output = Result<StoryIndex, ApiError>> + Send {
    sendable(async move {
        let path = "articles/index.json";
        let json = get_content(path)
            .await
            // The index is always there: its absence is the server's fault.
            .map_err(|err| match err {
                ApiError::NotFound => ApiError::Server(404),
                other => other,
            })?;
        Ok(reported(path, StoryIndex::from_json(&json)?))
    })
}

/// Fetches the sections the masthead lists.
pub fn fetch_sections() -> impl Future<Output = Result<SectionList, ApiError>> + Send {
    sendable(async move {
        let path = "sections.json";
        let json = get_content(path).await?;
        Ok(reported(path, SectionList::from_json(&json)?))
    })
}

/// Fetches one section's stories, newest first.
pub fn fetch_section(slug: String) -> impl Future<Output = Result<StoryIndex, ApiError>> + Send {
    sendable(section_index(slug))
}

async fn section_index(slug: String) -> Result<StoryIndex, ApiError> {
    if !is_valid_slug(&slug) {
        return Err(ApiError::NoSuchSection);
    }
    let path = format!("sections/{slug}.json");
    let json = get_content(&path).await.map_err(|err| match err {
        ApiError::NotFound => ApiError::NoSuchSection,
        other => other,
    })?;
    Ok(reported(&path, StoryIndex::from_json(&json)?))
}

/// What to read after the story `slug` of `section`: the latest stories
/// and the section's, fetched together. Either stands alone when the other
/// is missing (a story with no section) or fails.
pub fn fetch_read_next(
    slug: String,
    section: Option<String>,
) -> impl Future<Output = Result<ReadNext, ApiError>> + Send {
    sendable(async move {
        let in_section = async {
            match section.as_deref().and_then(section_slug) {
                Some(section) => section_index(section).await.map(|index| index.articles),
                None => Ok(Vec::new()),
            }
        };
        let (latest, in_section) = futures::join!(fetch_front_page(), in_section);
        let in_section = in_section.unwrap_or_default();
        let latest = match latest {
            Ok(index) => index.articles,
            // Something to read is better than an error.
            Err(_) if !in_section.is_empty() => Vec::new(),
            Err(err) => return Err(err),
        };
        Ok(ReadNext::choose(&slug, &in_section, &latest))
    })
}

/// Page data lives in a `Resource`, whose futures must be `Send`, as they
/// are when prerendering. The browser's are not, but there is only one
/// thread there.
#[cfg(not(feature = "ssr"))]
fn sendable<F: Future>(future: F) -> impl Future<Output = F::Output> + Send {
    send_wrapper::SendWrapper::new(future)
}

#[cfg(feature = "ssr")]
fn sendable<F: Future + Send>(future: F) -> impl Future<Output = F::Output> + Send {
    future
}

/// A file under `/api/v1`, by its path there: fetched in the browser…
#[cfg(not(feature = "ssr"))]
async fn get_content(path: &str) -> Result<String, ApiError> {
    get_text(&format!("{API_BASE}/{path}")).await
}

/// …and read from the built site when prerendering.
#[cfg(feature = "ssr")]
async fn get_content(path: &str) -> Result<String, ApiError> {
    crate::prerender::read_content(path)
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
    .await
    .map_err(|err| match err {
        ApiError::NotFound => ApiError::InvalidLink,
        other => other,
    })?;
    Ok(ConfirmReply::from_json(&json)?.message)
}

/// Unsubscribes with the token of an unsubscribe link (what a mail
/// client's one-click button does too); returns what to tell the reader.
pub async fn unsubscribe(token: String) -> Result<String, ApiError> {
    let url = format!("{SIGNUP_URL}/unsubscribe?token={}", percent_encode(&token));
    let json = send_text(Request::post(&url))
        .await
        .map_err(|err| match err {
            ApiError::NotFound => ApiError::NotSubscribed,
            other => other,
        })?;
    Ok(ConfirmReply::from_json(&json)?.message)
}

/// The decoded value, after telling the console (once per problem, however
/// often the same feed is fetched) what in `source` was left out and why.
fn reported<T>(source: &str, decoded: Decoded<T>) -> T {
    thread_local! {
        static TOLD: std::cell::RefCell<std::collections::HashSet<String>> = Default::default();
    }
    for skipped in &decoded.skipped {
        let line = format!("{source}: {skipped}");
        if TOLD.with_borrow_mut(|told| told.insert(line.clone())) {
            warn(&line);
        }
    }
    decoded.value
}

#[cfg(not(feature = "ssr"))]
fn warn(line: &str) {
    web_sys::console::warn_1(&line.into());
}

#[cfg(feature = "ssr")]
fn warn(line: &str) {
    eprintln!("warning: {line}");
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
    send_text(Request::get(url)).await
}

/// Sends `request` and returns the body of its reply, mapping every
/// failure to an [`ApiError`].
async fn send_text(request: gloo_net::http::RequestBuilder) -> Result<String, ApiError> {
    let deadline = Deadline::start(FETCH_TIMEOUT_MS);
    let response = request
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
