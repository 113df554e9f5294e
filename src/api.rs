//! Fetching. Page data (a story, a list, the masthead's sections) is read
//! through the [`Content`] the app was given, and decoded here the same way
//! whether it came over the network (the browser: [`Http`]) or from the
//! build's memory (the prerender). The ticker's feed and the signup
//! service are only ever reached over the network, in the browser.

use crate::config::{headlines_url, API_BASE, FETCH_TIMEOUT_MS, SIGNUP_TIMEOUT_MS, SIGNUP_URL};
use crate::context::{Content, ContentFuture, ContentSource};
use crate::model::{
    decode_headlines, is_valid_slug, percent_encode, ApiError, ArchiveIndex, ArchiveMonth, Article,
    ConfirmReply, Decoded, Found, Headline, ReadNextSource, SearchQuery, SearchResult, SectionList,
    SignupOutcome, SignupRequest, SortBy, StoryIndex, RESULTS_PER_PAGE,
};
use crate::routes::{self, Day, Month, Route};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use std::{cell::Cell, rc::Rc};
use web_sys::{AbortController, AbortSignal};

/// Fetches and decodes one story.
pub async fn fetch_article(content: Content, slug: String) -> Result<Article, ApiError> {
    if !is_valid_slug(&slug) {
        return Err(ApiError::NotFound);
    }
    let path = Route::Story(slug).data().unwrap_or_default();
    let json = content.read(&path).await?;
    Ok(reported(&path, Article::from_json(&json)?))
}

/// Fetches the index of the latest stories, newest first.
pub async fn fetch_front_page(content: Content) -> Result<StoryIndex, ApiError> {
    let path = Route::Front.data().unwrap_or_default();
    let json = content
        .read(&path)
        .await
        // The index is always there: its absence is the server's fault.
        .map_err(|err| match err {
            ApiError::NotFound => ApiError::Server(404),
            other => other,
        })?;
    Ok(reported(&path, StoryIndex::from_json(&json)?))
}

/// Fetches the sections the masthead lists.
pub async fn fetch_sections(content: Content) -> Result<SectionList, ApiError> {
    let json = content.read(routes::SECTIONS_DATA).await?;
    Ok(reported(
        routes::SECTIONS_DATA,
        SectionList::from_json(&json)?,
    ))
}

/// Fetches a page of one section's stories (its own page, or a numbered
/// page of older ones), newest first.
pub async fn fetch_section(
    content: Content,
    slug: String,
    page: Option<u32>,
) -> Result<StoryIndex, ApiError> {
    if !is_valid_slug(&slug) || page == Some(0) {
        return Err(ApiError::NoSuchSection);
    }
    let path = Route::Section { slug, page }.data().unwrap_or_default();
    let json = content.read(&path).await.map_err(|err| match err {
        ApiError::NotFound => ApiError::NoSuchSection,
        other => other,
    })?;
    Ok(reported(&path, StoryIndex::from_json(&json)?))
}

/// Fetches the archive's list of months.
pub async fn fetch_archive(content: Content) -> Result<ArchiveIndex, ApiError> {
    let path = Route::Archive.data().unwrap_or_default();
    let json = content.read(&path).await?;
    Ok(reported(&path, ArchiveIndex::from_json(&json)?))
}

/// Fetches the days of a month of the archive.
pub async fn fetch_archive_month(content: Content, month: Month) -> Result<ArchiveMonth, ApiError> {
    let path = Route::ArchiveMonth(month).data().unwrap_or_default();
    let json = content.read(&path).await.map_err(no_such_date)?;
    Ok(reported(&path, ArchiveMonth::from_json(&json)?))
}

/// Fetches the stories of a day of the archive.
pub async fn fetch_archive_day(content: Content, day: Day) -> Result<StoryIndex, ApiError> {
    let path = Route::ArchiveDay(day).data().unwrap_or_default();
    let json = content.read(&path).await.map_err(no_such_date)?;
    Ok(reported(&path, StoryIndex::from_json(&json)?))
}

fn no_such_date(err: ApiError) -> ApiError {
    match err {
        ApiError::NotFound => ApiError::NoStoriesThatDay,
        other => other,
    }
}

/// Fetches what stories choose their lists to read next from: one small
/// file, the same for every story.
pub async fn fetch_read_next(content: Content) -> Result<ReadNextSource, ApiError> {
    let json = content.read(routes::READ_NEXT_DATA).await?;
    Ok(reported(
        routes::READ_NEXT_DATA,
        ReadNextSource::from_json(&json)?,
    ))
}

/// The network, as the browser reaches it: page data at [`API_BASE`].
pub struct Http;

impl ContentSource for Http {
    fn read(&self, path: &str) -> ContentFuture {
        let url = format!("{API_BASE}/{path}");
        // One thread in the browser: the request need not be `Send`, but a
        // `Resource`'s future must be.
        Box::pin(send_wrapper::SendWrapper::new(async move {
            get_text(&url).await
        }))
    }
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
        "{}?token={}",
        confirm_url(),
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
    let url = format!("{}?token={}", unsubscribe_url(), percent_encode(&token));
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

/// When prerendering, the build has already said what it left out.
#[cfg(feature = "ssr")]
fn warn(_line: &str) {}

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
        404 => Err(ApiError::NotFound),
        410 => Err(ApiError::Withdrawn),
        status => Err(ApiError::Server(status)),
    }
}

fn is_offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
}

/// Where confirmation links are checked: the signup service's endpoint
/// beside where signups go (`NEWS_SIGNUP_URL`).
fn confirm_url() -> String {
    beside_signup(routes::CONFIRM_API)
}

/// Where unsubscribe links are sent.
fn unsubscribe_url() -> String {
    beside_signup(routes::UNSUBSCRIBE_API)
}

/// `endpoint` (one of the signup service's, as `routes` names them) on
/// the service `NEWS_SIGNUP_URL` names.
fn beside_signup(endpoint: &str) -> String {
    let rest = endpoint
        .strip_prefix(routes::SIGNUP_API)
        .unwrap_or(endpoint);
    format!("{SIGNUP_URL}{rest}")
}

/// The search client (`src/search/client.js`, served at
/// `/search/client.js`), imported the first time it is asked for: nothing
/// of search is downloaded until then. A failed import is forgotten, so
/// asking again tries again.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "
let client;
export function search_client() {
  client ??= import('/search/client.js').catch((error) => { client = undefined; throw error; });
  return client;
}
export function search_prepare(text) {
  search_client().then((loaded) => loaded.prepare(text)).catch(() => {});
}")]
extern "C" {
    fn search_client() -> js_sys::Promise;
    fn search_prepare(text: &str);
}

/// Starts loading the search client, as the reader focuses the search box.
pub fn prepare_search() {
    let _ = search_client();
}

/// Starts fetching the parts of the index a search for `text` will read,
/// as the reader types it (before the search itself, which waits for a
/// pause in the typing): by then they are here.
pub fn prepare_search_for(text: &str) {
    search_prepare(text);
}

/// Searches the archive with the search client: the slugs of the page of
/// best matches `query` asks for, and how many match.
pub async fn find(query: &SearchQuery) -> Result<Found, ApiError> {
    use js_sys::{Function, Object, Reflect, JSON};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    let unavailable = |_| ApiError::SearchUnavailable;
    let client = JsFuture::from(search_client()).await.map_err(unavailable)?;
    let search: Function = Reflect::get(&client, &JsValue::from_str("search"))
        .ok()
        .and_then(|search| search.dyn_into().ok())
        .ok_or(ApiError::SearchUnavailable)?;
    let options = Object::new();
    let set = |name: &str, value: JsValue| Reflect::set(&options, &JsValue::from_str(name), &value);
    let _ = set(
        "section",
        query
            .section
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    let sort = match query.sort {
        SortBy::Newest => "newest",
        SortBy::Relevance => "relevance",
    };
    let _ = set("sort", JsValue::from_str(sort));
    let _ = set("limit", JsValue::from(RESULTS_PER_PAGE as u32));
    let _ = set("offset", JsValue::from(query.offset() as u32));
    let answer = search
        .call2(&client, &JsValue::from_str(&query.text), &options)
        .map_err(unavailable)?;
    let found = JsFuture::from(js_sys::Promise::resolve(&answer))
        .await
        .map_err(unavailable)?;
    let json = JSON::stringify(&found)
        .ok()
        .and_then(|json| json.as_string())
        .ok_or(ApiError::SearchUnavailable)?;
    Ok(Found::from_json(&json)?)
}

/// The results of `query`, as the search page shows them: the page of best
/// matches' stories (fetched through `content`, as any story is), each with
/// its excerpt, and how many match. A story that cannot be fetched now (it
/// was withdrawn since, say) is left out.
pub async fn search(
    content: Content,
    query: SearchQuery,
) -> Result<(Found, Vec<SearchResult>), ApiError> {
    let found = find(&query).await?;
    let stories = futures::future::join_all(
        found
            .slugs
            .iter()
            .map(|slug| fetch_article(content.clone(), slug.clone())),
    )
    .await;
    let results = stories
        .into_iter()
        .filter_map(Result::ok)
        .map(|article| SearchResult::of(&article, &query.text))
        .collect();
    Ok((found, results))
}
