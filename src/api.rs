//! Fetching. Page data (a story, a list, the masthead's sections) is read
//! through the [`Content`] the app was given, and decoded here the same way
//! whether it came over the network (the browser: [`Http`]) or from the
//! build's memory (the prerender). The ticker's feed and the signup
//! service are only ever reached over the network, in the browser.

use crate::config::{headlines_url, API_BASE, FETCH_TIMEOUT_MS, SIGNUP_TIMEOUT_MS, SIGNUP_URL};
use crate::context::{Content, ContentFile, ContentFuture, ContentResult, ContentSource};
use crate::model::{
    decode_headlines, is_valid_slug, percent_encode, ApiError, Article, ConfirmReply, DecodeError,
    Decoded, Found, Headline, SavedList, SearchQuery, SearchResult, SignupOutcome, SignupRequest,
    SortBy, Timestamp, RESULTS_PER_PAGE,
};
use crate::routes::{self, Day, Month, Route};
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use leptos::prelude::window;
use leptos::server::codee::{Decoder as CodecDecoder, Encoder};
use std::{cell::Cell, rc::Rc};
use web_sys::{AbortController, AbortSignal};

/// A file of page data as it was read: its text, or why there is none.
/// What every page's `Resource` holds, decoded where the page shows it
/// ([`PageData::decode`]): one type for them all, since each type a
/// `Resource` holds brings its own futures into the wasm (2.5 to 13.7 kB
/// each, measured with `scripts/bench-wasm`), and a prerendered page
/// carries the file's text as it is ([`PageTextCodec`]).
pub type PageText = Result<String, ApiError>;

/// How a prerendered page carries a [`PageText`] to the browser: the
/// file's text after `o`, or the error's line (`ApiError::to_line`) after
/// `e`. Not JSON, so that the browser's wasm needs no JSON decoder of its
/// own for it (Leptos's default, `JsonSerdeCodec`, brings serde_json's).
/// A page whose copy cannot be read this way (one saved before this
/// encoding) is fetched again, as Leptos does with any it cannot decode.
pub struct PageTextCodec;

impl Encoder<PageText> for PageTextCodec {
    type Error = std::convert::Infallible;
    type Encoded = String;

    fn encode(text: &PageText) -> Result<String, Self::Error> {
        Ok(match text {
            Ok(text) => format!("o{text}"),
            Err(error) => format!("e{}", error.to_line()),
        })
    }
}

impl CodecDecoder<PageText> for PageTextCodec {
    type Error = ();
    type Encoded = str;

    fn decode(encoded: &str) -> Result<PageText, ()> {
        if let Some(text) = encoded.strip_prefix('o') {
            return Ok(Ok(text.to_owned()));
        }
        let line = encoded.strip_prefix('e').ok_or(())?;
        ApiError::from_line(line).map(Err).ok_or(())
    }
}

/// A model type's decoder (`Article::from_json` and its fellows).
pub type Decoder<T> = fn(&str) -> Result<Decoded<T>, DecodeError>;

/// Which file of page data a page shows, and what its absence means
/// there; or, for an address that names no file, why there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct PageData {
    path: Result<String, ApiError>,
    missing: ApiError,
    /// The page's own data, rather than what every page shows (the
    /// masthead's sections): what says whether the page is a saved copy.
    own: bool,
}

impl PageData {
    fn at(path: Option<String>, missing: ApiError) -> Self {
        PageData {
            path: path.ok_or_else(|| missing.clone()),
            missing,
            own: true,
        }
    }

    fn none(why: ApiError) -> Self {
        PageData {
            path: Err(why.clone()),
            missing: why,
            own: true,
        }
    }

    /// Whether this is the page's own data, rather than what every page
    /// shows.
    pub fn is_pages_own(&self) -> bool {
        self.own
    }

    /// One story.
    pub fn article(slug: &str) -> Self {
        if !is_valid_slug(slug) {
            return Self::none(ApiError::NotFound);
        }
        Self::at(Route::Story(slug.to_owned()).data(), ApiError::NotFound)
    }

    /// A page of a live page's posts, page 1 the oldest.
    pub fn live_posts(slug: &str, page: Option<u32>) -> Self {
        match page.filter(|page| *page > 0) {
            Some(page) if is_valid_slug(slug) => Self::at(
                Route::LivePosts {
                    slug: slug.to_owned(),
                    page,
                }
                .data(),
                ApiError::NoSuchPageOfPosts,
            ),
            _ => Self::none(ApiError::NoSuchPageOfPosts),
        }
    }

    /// The index of the latest stories, newest first. It is always there:
    /// its absence is the server's fault.
    pub fn front_page() -> Self {
        Self::at(Route::Front.data(), ApiError::Server(404))
    }

    /// The sections the masthead lists.
    pub fn sections() -> Self {
        PageData {
            own: false,
            ..Self::at(Some(routes::SECTIONS_DATA.to_owned()), ApiError::NotFound)
        }
    }

    /// A page of one section's stories (its own page, or a numbered page
    /// of older ones), newest first.
    pub fn section(slug: &str, page: Option<u32>) -> Self {
        if !is_valid_slug(slug) || page == Some(0) {
            return Self::none(ApiError::NoSuchSection);
        }
        let route = Route::Section {
            slug: slug.to_owned(),
            page,
        };
        Self::at(route.data(), ApiError::NoSuchSection)
    }

    /// A page of an author's stories (their own page, or a numbered page
    /// of older ones), with who they are.
    pub fn author(id: &str, page: Option<u32>) -> Self {
        if !is_valid_slug(id) || page == Some(0) {
            return Self::none(ApiError::NoSuchAuthor);
        }
        let route = Route::Author {
            id: id.to_owned(),
            page,
        };
        Self::at(route.data(), ApiError::NoSuchAuthor)
    }

    /// A page of a topic's stories, with what the topic is.
    pub fn topic(id: &str, page: Option<u32>) -> Self {
        if !is_valid_slug(id) || page == Some(0) {
            return Self::none(ApiError::NoSuchTopic);
        }
        let route = Route::Topic {
            id: id.to_owned(),
            page,
        };
        Self::at(route.data(), ApiError::NoSuchTopic)
    }

    /// A page of the corrections: the newest, or a numbered page of older
    /// ones.
    pub fn corrections(page: Option<u32>) -> Self {
        if page == Some(0) {
            return Self::none(ApiError::NoSuchPage);
        }
        Self::at(Route::Corrections { page }.data(), ApiError::NoSuchPage)
    }

    /// The archive's list of months.
    pub fn archive() -> Self {
        Self::at(Route::Archive.data(), ApiError::NotFound)
    }

    /// The days of a month of the archive (`None`: an address that names
    /// no month).
    pub fn archive_month(month: Option<Month>) -> Self {
        match month {
            Some(month) => Self::at(
                Route::ArchiveMonth(month).data(),
                ApiError::NoStoriesThatDay,
            ),
            None => Self::none(ApiError::NoStoriesThatDay),
        }
    }

    /// The stories of a day of the archive (`None`: an address that names
    /// no day).
    pub fn archive_day(day: Option<Day>) -> Self {
        match day {
            Some(day) => Self::at(Route::ArchiveDay(day).data(), ApiError::NoStoriesThatDay),
            None => Self::none(ApiError::NoStoriesThatDay),
        }
    }

    /// An edition of the newsletter, by its day (`YYYY-MM-DD`).
    pub fn edition(date: &str) -> Self {
        if !crate::model::is_edition_date(date) {
            return Self::none(ApiError::NoSuchEdition);
        }
        Self::at(
            Route::Edition(date.to_owned()).data(),
            ApiError::NoSuchEdition,
        )
    }

    /// A page of the list of editions: the newest, or a numbered page of
    /// older ones.
    pub fn editions(page: Option<u32>) -> Self {
        if page == Some(0) {
            return Self::none(ApiError::NoSuchEdition);
        }
        Self::at(Route::Editions { page }.data(), ApiError::NoSuchEdition)
    }

    /// What stories choose their lists to read next from: one small file,
    /// the same for every story.
    pub fn read_next() -> Self {
        Self::at(Some(routes::READ_NEXT_DATA.to_owned()), ApiError::NotFound)
    }

    /// Reads the file's text through `content`.
    pub async fn read_text(self, content: Content) -> PageText {
        self.read(content).await.map(|file| file.text)
    }

    /// Reads the file through `content`: its text, and whether it came
    /// from a copy this device saved.
    pub async fn read(self, content: Content) -> ContentResult {
        let path = self.path?;
        let missing = self.missing;
        content.read(&path).await.map_err(|err| match err {
            ApiError::NotFound => missing,
            other => other,
        })
    }

    /// Decodes the file's `text` with `decode`, after telling the console
    /// what in it was left out.
    pub fn decode<T>(&self, text: &str, decode: Decoder<T>) -> Result<T, ApiError> {
        let path = self.path.as_deref().unwrap_or_default();
        Ok(reported(path, decode(text)?))
    }
}

/// The network, as the browser reaches it: page data at [`API_BASE`].
pub struct Http;

impl ContentSource for Http {
    fn read(&self, path: &str) -> ContentFuture {
        let url = format!("{API_BASE}/{path}");
        // One thread in the browser: the request need not be `Send`, but a
        // `Resource`'s future must be.
        Box::pin(send_wrapper::SendWrapper::new(async move {
            get_file(&url).await
        }))
    }
}

/// Fetches the BREAKING ticker's headlines: deduplicated, newest first,
/// capped; and, for a copy this device saved (offline), when it was saved.
pub async fn fetch_headlines() -> Result<(Vec<Headline>, Option<Timestamp>), ApiError> {
    let url = headlines_url();
    let file = get_file(&url).await?;
    Ok((reported(&url, decode_headlines(&file.text)?), file.saved_at))
}

/// The text of what this device keeps for reading offline, as its service
/// worker lists it (decoded where it is shown: [`saved_list`]). Where no
/// service worker looks after this page (a browser without them, or the
/// first page of a first visit, which loaded before the worker was there)
/// there is no list: [`ApiError::NotFound`]. (A `PageText`, as pages'
/// data is: another type of resource would bring its own code into the
/// wasm.)
pub async fn saved_for_offline() -> PageText {
    if !service_worker_in_charge() {
        return Err(ApiError::NotFound);
    }
    get_text(&format!("{API_BASE}/{}", routes::SAVED_DATA)).await
}

/// What [`saved_for_offline`] read, decoded: `None` if nothing is kept
/// through a service worker here.
pub fn saved_list(text: PageText) -> Result<Option<SavedList>, ApiError> {
    match text {
        Ok(json) => Ok(Some(reported(
            routes::SAVED_DATA,
            SavedList::from_json(&json)?,
        ))),
        Err(ApiError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Whether a service worker looks after this page
/// (`navigator.serviceWorker.controller`).
fn service_worker_in_charge() -> bool {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    let get = |of: &JsValue, name: &str| Reflect::get(of, &JsValue::from_str(name)).ok();
    get(&window().navigator(), "serviceWorker")
        .filter(|workers| !workers.is_undefined())
        .and_then(|workers| get(&workers, "controller"))
        .is_some_and(|controller| !controller.is_null() && !controller.is_undefined())
}

/// Asks the service worker to forget everything this device keeps for
/// reading offline.
pub async fn clear_saved_for_offline() -> Result<(), ApiError> {
    let url = format!("{API_BASE}/{}", routes::SAVED_DATA);
    send_text(Request::delete(&url)).await.map(|_| ())
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

/// GETs `url`: its body, and when this device saved it if the service
/// worker answered with a saved copy (it says so in `X-Saved-At`).
async fn get_file(url: &str) -> Result<ContentFile, ApiError> {
    send(Request::get(url)).await
}

/// Sends `request` and returns the body of its reply, mapping every
/// failure to an [`ApiError`].
async fn send_text(request: gloo_net::http::RequestBuilder) -> Result<String, ApiError> {
    send(request).await.map(|file| file.text)
}

async fn send(request: gloo_net::http::RequestBuilder) -> Result<ContentFile, ApiError> {
    let deadline = Deadline::start(FETCH_TIMEOUT_MS);
    let response = request
        .header("Accept", "application/json")
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(|_| deadline.failure())?;
    let header = |name: &str| response.headers().get(name);
    match response.status() {
        200..=299 => {
            let saved_at = header("x-saved-at").and_then(|at| Timestamp::parse_rfc3339(&at).ok());
            let text = response.text().await.map_err(|_| deadline.failure())?;
            Ok(ContentFile { text, saved_at })
        }
        404 => Err(ApiError::NotFound),
        410 => Err(ApiError::Withdrawn),
        // The service worker, offline, for what it has not saved.
        503 if header("x-offline").is_some() => Err(ApiError::Offline),
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
            .map(|slug| PageData::article(slug).read_text(content.clone())),
    )
    .await;
    let results = stories
        .into_iter()
        .zip(&found.slugs)
        .filter_map(|(text, slug)| {
            PageData::article(slug)
                .decode(&text.ok()?, Article::from_json)
                .ok()
        })
        .map(|article| SearchResult::of(&article, &query.text))
        .collect();
    Ok((found, results))
}
