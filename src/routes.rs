//! Every address of the site, in one table: the pages the router matches
//! (and whether the build prerenders each), the file each page is written
//! to, the JSON it reads under `/api/v1`, and the signup service's
//! endpoints. The router (`app.rs`), the prerender's page list
//! (`publish::outputs`), the sitemaps, `robots.txt`, share links, the
//! signup service and its mail all build paths from here.
//!
//! Plain Rust, no browser: the signup service uses it too.
//! Nothing here may panic on what it reads: the lints below deny what could.
#![cfg_attr(
    not(test),
    deny(
        clippy::string_slice,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

use crate::model::percent_encode;
use serde::{Deserialize, Serialize};
use std::fmt;

/// `/news/<slug>`.
pub const NEWS: &str = "news";
/// `/section/<name>` and `/section/<name>/page/<n>`.
pub const SECTION: &str = "section";
/// The numbered pages of a section.
pub const PAGE: &str = "page";
/// `/author/<id>` and its numbered pages: a journalist's stories.
pub const AUTHOR: &str = "author";
/// `/topic/<id>` and its numbered pages: a topic's stories.
pub const TOPIC: &str = "topic";
/// `/corrections` and its numbered pages: every correction, newest first.
pub const CORRECTIONS: &str = "corrections";
/// The corrections' feed (RSS).
pub const CORRECTIONS_FEED: &str = "/feeds/corrections.xml";
/// `/archive`, `/archive/<yyyy>/<mm>`, `/archive/<yyyy>/<mm>/<dd>`.
pub const ARCHIVE: &str = "archive";
/// `/privacy`.
pub const PRIVACY: &str = "privacy";
/// `/newsletter/confirm` and `/newsletter/unsubscribe`: where the links in
/// the newsletter's mail lead.
pub const NEWSLETTER: &str = "newsletter";
pub const CONFIRM: &str = "confirm";
/// `/newsletter/editions/<date>`: an edition of the newsletter on the web.
pub const EDITIONS: &str = "editions";
pub const UNSUBSCRIBE: &str = "unsubscribe";
/// `/newsletter/check-your-inbox` and `/newsletter/already-signed-up`:
/// where a signup sent without the app lands (the service's 303).
pub const CHECK_YOUR_INBOX: &str = "check-your-inbox";
pub const ALREADY_SIGNED_UP: &str = "already-signed-up";
/// `/removed`: what a withdrawn story's address shows.
pub const REMOVED: &str = "removed";
/// `/search?q=…`: search the archive.
pub const SEARCH: &str = "search";
/// `/offline`: what the service worker answers for a page it has not
/// saved when there is no connection.
pub const OFFLINE: &str = "offline";
/// The service worker, at the site's root so that its scope is the whole
/// site (`src/offline/service_worker.js`).
pub const SERVICE_WORKER: &str = "/sw.js";
/// `/__test/panic`: panics on purpose, for the end-to-end test of the
/// panic notice (`app::start`). Linked from nowhere; robots.txt keeps
/// crawlers out.
pub const TEST_PANIC: &str = "/__test/panic";

/// The signup service's endpoints (`server/`): signups are POSTed here…
pub const SIGNUP_API: &str = "/api/v1/newsletter";
/// …confirmed with a GET here (`?token=…`)…
pub const CONFIRM_API: &str = "/api/v1/newsletter/confirm";
/// …and ended with a POST here (`?token=…`, also mail clients' one-click
/// unsubscribe).
pub const UNSUBSCRIBE_API: &str = "/api/v1/newsletter/unsubscribe";
/// A signup the form sent without the app, that the service could not
/// take, is shown again here: the newsletter's page with the address kept
/// and what was wrong (the service fills them in from a cookie, never from
/// the URL).
pub const SIGNUP_RETRY_API: &str = "/api/v1/newsletter/signup";

/// Data that belongs to no one page, under `/api/v1`: the sections the
/// masthead lists…
pub const SECTIONS_DATA: &str = "sections.json";
/// …what a story offers to read next (the latest stories and each
/// section's newest)…
pub const READ_NEXT_DATA: &str = "read-next.json";
/// …the BREAKING ticker's feed…
pub const HEADLINES_DATA: &str = "headlines.json";
/// …and what a withdrawn story's JSON answers (with status 410).
pub const WITHDRAWN_DATA: &str = "withdrawn.json";
/// What any other missing file under `/api/` answers (with status 404).
pub const NOT_FOUND_DATA: &str = "not-found.json";
/// What this device keeps for reading offline: answered (and, asked to
/// DELETE it, emptied) by the service worker, never by the host, which
/// answers 404 for it like any missing file under `/api/`.
pub const SAVED_DATA: &str = "saved.json";

/// A live page's files under `/api/v1`, beside its story's JSON (which
/// carries the first view): what an open page polls…
pub fn live_latest_data(slug: &str) -> String {
    format!("live/{slug}/latest.json")
}

/// …one post, fetched when it is new or changed (the build's `version`
/// of it rides in the query, so no cache answers an older copy)…
pub fn live_post_data(slug: &str, id: &str) -> String {
    format!("live/{slug}/posts/{id}.json")
}

/// …and a page of older posts, numbered from the oldest (1).
pub fn live_page_data(slug: &str, page: u32) -> String {
    format!("live/{slug}/pages/{page}.json")
}

/// A topic's feed of its newest stories (RSS), among the feeds (one
/// folder, so that one cache rule covers them all).
pub fn topic_feed_path(id: &str) -> String {
    format!("/feeds/topics/{}.xml", percent_encode(id))
}

/// A day, as the archive names it: a date in UK time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

/// A month of the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i64,
    pub month: u32,
}

impl Day {
    pub fn month(self) -> Month {
        Month {
            year: self.year,
            month: self.month,
        }
    }
}

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// `/`: the latest stories.
    Front,
    /// `/news/<slug>`: one story.
    Story(String),
    /// `/news/<slug>/page/<n>`: a page of a live page's posts, cut from
    /// the oldest (page 1) as `live_page_data` is: what the "Older posts"
    /// link leads to where the app has not taken the page over.
    LivePosts { slug: String, page: u32 },
    /// `/section/<slug>`: a section's newest stories; with a page,
    /// `/section/<slug>/page/<n>`: its older stories, page 1 the oldest.
    Section { slug: String, page: Option<u32> },
    /// `/author/<id>`: a journalist, and their newest stories; with a page,
    /// `/author/<id>/page/<n>`: their older stories, page 1 the oldest.
    Author { id: String, page: Option<u32> },
    /// `/topic/<id>`: a topic's newest stories, across sections; with a
    /// page, its older stories, page 1 the oldest.
    Topic { id: String, page: Option<u32> },
    /// `/corrections`: the newest corrections, each with its story; with a
    /// page, older ones, page 1 the oldest.
    Corrections { page: Option<u32> },
    /// `/archive`: every month with stories.
    Archive,
    /// `/archive/<yyyy>/<mm>`: the days of a month with stories.
    ArchiveMonth(Month),
    /// `/archive/<yyyy>/<mm>/<dd>`: the stories of a day.
    ArchiveDay(Day),
    /// `/privacy`: the privacy notice.
    Privacy,
    /// `/newsletter`: the newsletter, what it is and its signup form.
    Newsletter,
    /// `/newsletter/check-your-inbox`: a signup sent without the app was
    /// taken; the confirmation mail is on its way.
    CheckYourInbox,
    /// `/newsletter/already-signed-up`: a signup sent without the app was
    /// for an address already subscribed.
    AlreadySignedUp,
    /// `/newsletter/confirm?token=…`.
    Confirm,
    /// `/newsletter/unsubscribe?token=…`.
    Unsubscribe,
    /// `/newsletter/editions/<YYYY-MM-DD>`: an edition of the newsletter.
    Edition(String),
    /// `/newsletter/editions`: the newest editions; with a page,
    /// `/newsletter/editions/page/<n>`: older ones, page 1 the oldest.
    Editions { page: Option<u32> },
    /// `/removed`: a withdrawn story's notice, which the host serves at the
    /// story's own address with status 410.
    Removed,
    /// `/search?q=…`: search the archive (prerendered as its empty state:
    /// what it shows depends on the query).
    Search,
    /// `/offline`: what the service worker serves, offline, in place of a
    /// page it has not saved (the app then shows the page asked for, or
    /// why it cannot).
    Offline,
    /// Any other address: the 404 page, which the host serves for it.
    NotFound,
}

impl Route {
    /// The path a reader's address bar shows.
    pub fn path(&self) -> String {
        match self {
            Route::Front => "/".into(),
            Route::Story(slug) => format!("/{NEWS}/{}", percent_encode(slug)),
            Route::LivePosts { slug, page } => {
                format!("/{NEWS}/{}/{PAGE}/{page}", percent_encode(slug))
            }
            Route::Section { slug, page: None } => format!("/{SECTION}/{}", percent_encode(slug)),
            Route::Section {
                slug,
                page: Some(page),
            } => format!("/{SECTION}/{}/{PAGE}/{page}", percent_encode(slug)),
            Route::Author { id, page } => paged_path(AUTHOR, id, *page),
            Route::Topic { id, page } => paged_path(TOPIC, id, *page),
            Route::Corrections { page: None } => format!("/{CORRECTIONS}"),
            Route::Corrections { page: Some(page) } => format!("/{CORRECTIONS}/{PAGE}/{page}"),
            Route::Archive => format!("/{ARCHIVE}"),
            Route::ArchiveMonth(Month { year, month }) => {
                format!("/{ARCHIVE}/{year:04}/{month:02}")
            }
            Route::ArchiveDay(Day { year, month, day }) => {
                format!("/{ARCHIVE}/{year:04}/{month:02}/{day:02}")
            }
            Route::Privacy => format!("/{PRIVACY}"),
            Route::Newsletter => format!("/{NEWSLETTER}"),
            Route::CheckYourInbox => format!("/{NEWSLETTER}/{CHECK_YOUR_INBOX}"),
            Route::AlreadySignedUp => format!("/{NEWSLETTER}/{ALREADY_SIGNED_UP}"),
            Route::Confirm => format!("/{NEWSLETTER}/{CONFIRM}"),
            Route::Unsubscribe => format!("/{NEWSLETTER}/{UNSUBSCRIBE}"),
            Route::Edition(date) => format!("/{NEWSLETTER}/{EDITIONS}/{}", percent_encode(date)),
            Route::Editions { page: None } => format!("/{NEWSLETTER}/{EDITIONS}"),
            Route::Editions { page: Some(page) } => {
                format!("/{NEWSLETTER}/{EDITIONS}/{PAGE}/{page}")
            }
            Route::Removed => format!("/{REMOVED}"),
            Route::Search => format!("/{SEARCH}"),
            Route::Offline => format!("/{OFFLINE}"),
            Route::NotFound => "/404".into(),
        }
    }

    /// The file in `dist/` the build writes the page to: the path with
    /// `.html` (which hosts serve at the clean path), `index.html` for `/`.
    pub fn file(&self) -> String {
        match self {
            Route::Front => "index.html".into(),
            Route::NotFound => "404.html".into(),
            other => format!("{}.html", other.path().trim_start_matches('/')),
        }
    }

    /// The JSON the page shows, by its path under `/api/v1`, for pages
    /// that have data of their own.
    pub fn data(&self) -> Option<String> {
        Some(match self {
            Route::Front => "articles/index.json".into(),
            Route::Story(slug) => format!("articles/{slug}.json"),
            Route::LivePosts { slug, page } => live_page_data(slug, *page),
            Route::Section { slug, page: None } => format!("sections/{slug}.json"),
            Route::Section {
                slug,
                page: Some(page),
            } => format!("sections/{slug}/{PAGE}/{page}.json"),
            Route::Author { id, page } => paged_data("authors", id, *page),
            Route::Topic { id, page } => paged_data("topics", id, *page),
            Route::Corrections { page: None } => format!("{CORRECTIONS}.json"),
            Route::Corrections { page: Some(page) } => format!("{CORRECTIONS}/{PAGE}/{page}.json"),
            Route::Archive => "archive.json".into(),
            Route::ArchiveMonth(Month { year, month }) => {
                format!("archive/{year:04}/{month:02}.json")
            }
            Route::ArchiveDay(Day { year, month, day }) => {
                format!("archive/{year:04}/{month:02}/{day:02}.json")
            }
            Route::Edition(date) => format!("{NEWSLETTER}/{EDITIONS}/{date}.json"),
            Route::Editions { page: None } => format!("{NEWSLETTER}/{EDITIONS}.json"),
            Route::Editions { page: Some(page) } => {
                format!("{NEWSLETTER}/{EDITIONS}/{PAGE}/{page}.json")
            }
            Route::Privacy
            | Route::Newsletter
            | Route::CheckYourInbox
            | Route::AlreadySignedUp
            | Route::Confirm
            | Route::Unsubscribe
            | Route::Removed
            | Route::Search
            | Route::Offline
            | Route::NotFound => return None,
        })
    }

    /// Whether the browser takes the prerendered page over where it is
    /// served: not the 404, removed and offline pages, which are served at
    /// other addresses (the app renders those afresh).
    pub fn hydrates(&self) -> bool {
        !matches!(self, Route::NotFound | Route::Removed | Route::Offline)
    }

    /// The router's pattern this route matches.
    pub fn pattern(&self) -> &'static str {
        match self {
            Route::Front => "/",
            Route::Story(_) => "/news/:slug",
            Route::LivePosts { .. } => "/news/:slug/page/:page",
            Route::Section { page: None, .. } => "/section/:name",
            Route::Section { page: Some(_), .. } => "/section/:name/page/:page",
            Route::Author { page: None, .. } => "/author/:id",
            Route::Author { page: Some(_), .. } => "/author/:id/page/:page",
            Route::Topic { page: None, .. } => "/topic/:id",
            Route::Topic { page: Some(_), .. } => "/topic/:id/page/:page",
            Route::Corrections { page: None } => "/corrections",
            Route::Corrections { page: Some(_) } => "/corrections/page/:page",
            Route::Archive => "/archive",
            Route::ArchiveMonth(_) => "/archive/:year/:month",
            Route::ArchiveDay(_) => "/archive/:year/:month/:day",
            Route::Privacy => "/privacy",
            Route::Newsletter => "/newsletter",
            Route::CheckYourInbox => "/newsletter/check-your-inbox",
            Route::AlreadySignedUp => "/newsletter/already-signed-up",
            Route::Confirm => "/newsletter/confirm",
            Route::Unsubscribe => "/newsletter/unsubscribe",
            Route::Edition(_) => "/newsletter/editions/:date",
            Route::Editions { page: None } => "/newsletter/editions",
            Route::Editions { page: Some(_) } => "/newsletter/editions/page/:page",
            Route::Removed => "/removed",
            Route::Search => "/search",
            Route::Offline => "/offline",
            Route::NotFound => "*",
        }
    }
}

/// `/<kind>/<id>`, or `/<kind>/<id>/page/<n>`.
fn paged_path(kind: &str, id: &str, page: Option<u32>) -> String {
    match page {
        None => format!("/{kind}/{}", percent_encode(id)),
        Some(page) => format!("/{kind}/{}/{PAGE}/{page}", percent_encode(id)),
    }
}

/// `<folder>/<id>.json`, or `<folder>/<id>/page/<n>.json`.
fn paged_data(folder: &str, id: &str, page: Option<u32>) -> String {
    match page {
        None => format!("{folder}/{id}.json"),
        Some(page) => format!("{folder}/{id}/{PAGE}/{page}.json"),
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

/// Whether the build prerenders the pages of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prerendered {
    /// Every page of it that the content has.
    Yes,
    /// Deliberately not, and why.
    No(&'static str),
}

/// Every pattern the router matches (`*` is its fallback, the 404 page),
/// and whether the build prerenders it. `tests/routes.rs` checks the
/// router against this table, and the prerender's pages against it.
pub const PATTERNS: &[(&str, Prerendered)] = &[
    ("/", Prerendered::Yes),
    ("/news/:slug", Prerendered::Yes),
    ("/news/:slug/page/:page", Prerendered::Yes),
    ("/section/:name", Prerendered::Yes),
    ("/section/:name/page/:page", Prerendered::Yes),
    ("/author/:id", Prerendered::Yes),
    ("/author/:id/page/:page", Prerendered::Yes),
    ("/topic/:id", Prerendered::Yes),
    ("/topic/:id/page/:page", Prerendered::Yes),
    ("/corrections", Prerendered::Yes),
    ("/corrections/page/:page", Prerendered::Yes),
    ("/archive", Prerendered::Yes),
    ("/archive/:year/:month", Prerendered::Yes),
    ("/archive/:year/:month/:day", Prerendered::Yes),
    ("/privacy", Prerendered::Yes),
    ("/newsletter", Prerendered::Yes),
    ("/newsletter/check-your-inbox", Prerendered::Yes),
    ("/newsletter/already-signed-up", Prerendered::Yes),
    ("/newsletter/confirm", Prerendered::Yes),
    ("/newsletter/unsubscribe", Prerendered::Yes),
    ("/newsletter/editions", Prerendered::Yes),
    ("/newsletter/editions/:date", Prerendered::Yes),
    ("/newsletter/editions/page/:page", Prerendered::Yes),
    ("/removed", Prerendered::Yes),
    ("/search", Prerendered::Yes),
    ("/offline", Prerendered::Yes),
    ("*", Prerendered::Yes),
];

/// Paths search engines are asked to leave alone (`robots.txt`): the
/// panic test, the pages a subscriber's own links lead to, and where a
/// signup lands (the newsletter's page and its editions are for everyone,
/// and may be indexed).
pub fn disallowed_for_crawlers() -> [String; 5] {
    [
        "/__test/".to_owned(),
        Route::Confirm.path(),
        Route::Unsubscribe.path(),
        Route::CheckYourInbox.path(),
        Route::AlreadySignedUp.path(),
    ]
}

/// Where the signup service sends a reader whose signup, sent without the
/// app, it took: `origin` being the site's.
pub fn signed_up_link(origin: &str, already_subscribed: bool) -> String {
    let page = if already_subscribed {
        Route::AlreadySignedUp
    } else {
        Route::CheckYourInbox
    };
    format!("{}{}", origin.trim_end_matches('/'), page.path())
}

/// The link in a confirmation e-mail.
pub fn confirm_link(origin: &str, token: &str) -> String {
    format!(
        "{}{}?token={}",
        origin.trim_end_matches('/'),
        Route::Confirm.path(),
        percent_encode(token)
    )
}

/// The link in every newsletter that ends the subscription.
pub fn unsubscribe_link(origin: &str, token: &str) -> String {
    format!(
        "{}{}?token={}",
        origin.trim_end_matches('/'),
        Route::Unsubscribe.path(),
        percent_encode(token)
    )
}

/// An edition's web version, `date` being `YYYY-MM-DD`: the mail's "View
/// in your browser" link.
pub fn edition_link(origin: &str, date: &str) -> String {
    format!(
        "{}{}",
        origin.trim_end_matches('/'),
        Route::Edition(date.to_owned()).path()
    )
}

/// The list of editions, newest first: where the latest is.
pub fn editions_link(origin: &str) -> String {
    format!(
        "{}{}",
        origin.trim_end_matches('/'),
        Route::Editions { page: None }.path()
    )
}

/// A story's address, for links in mail.
pub fn story_link(origin: &str, slug: &str) -> String {
    format!(
        "{}{}",
        origin.trim_end_matches('/'),
        Route::Story(slug.to_owned()).path()
    )
}

/// Where bounce reports are POSTed by a mail server (with the secret).
pub const BOUNCES_API: &str = "/api/v1/newsletter/bounces";

/// What a mail client's one-click unsubscribe POSTs (RFC 8058).
pub fn one_click_unsubscribe(origin: &str, token: &str) -> String {
    format!(
        "{}{UNSUBSCRIBE_API}?token={}",
        origin.trim_end_matches('/'),
        percent_encode(token)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes() -> Vec<Route> {
        vec![
            Route::Front,
            Route::Story("a-story".into()),
            Route::LivePosts {
                slug: "a-live-page".into(),
                page: 2,
            },
            Route::Section {
                slug: "uk-politics".into(),
                page: None,
            },
            Route::Section {
                slug: "london".into(),
                page: Some(12),
            },
            Route::Archive,
            Route::ArchiveMonth(Month {
                year: 2026,
                month: 3,
            }),
            Route::ArchiveDay(Day {
                year: 2026,
                month: 3,
                day: 7,
            }),
            Route::Privacy,
            Route::Newsletter,
            Route::CheckYourInbox,
            Route::AlreadySignedUp,
            Route::Confirm,
            Route::Unsubscribe,
            Route::Edition("2026-12-04".into()),
            Route::Editions { page: None },
            Route::Editions { page: Some(3) },
            Route::Removed,
            Route::Search,
            Route::Offline,
            Route::NotFound,
        ]
    }

    #[test]
    fn every_route_has_its_path_file_and_data() {
        let table: Vec<(String, String, Option<String>)> = routes()
            .iter()
            .map(|route| (route.path(), route.file(), route.data()))
            .collect();
        let expected = [
            ("/", "index.html", Some("articles/index.json")),
            (
                "/news/a-story",
                "news/a-story.html",
                Some("articles/a-story.json"),
            ),
            (
                "/news/a-live-page/page/2",
                "news/a-live-page/page/2.html",
                Some("live/a-live-page/pages/2.json"),
            ),
            (
                "/section/uk-politics",
                "section/uk-politics.html",
                Some("sections/uk-politics.json"),
            ),
            (
                "/section/london/page/12",
                "section/london/page/12.html",
                Some("sections/london/page/12.json"),
            ),
            ("/archive", "archive.html", Some("archive.json")),
            (
                "/archive/2026/03",
                "archive/2026/03.html",
                Some("archive/2026/03.json"),
            ),
            (
                "/archive/2026/03/07",
                "archive/2026/03/07.html",
                Some("archive/2026/03/07.json"),
            ),
            ("/privacy", "privacy.html", None),
            ("/newsletter", "newsletter.html", None),
            (
                "/newsletter/check-your-inbox",
                "newsletter/check-your-inbox.html",
                None,
            ),
            (
                "/newsletter/already-signed-up",
                "newsletter/already-signed-up.html",
                None,
            ),
            ("/newsletter/confirm", "newsletter/confirm.html", None),
            (
                "/newsletter/unsubscribe",
                "newsletter/unsubscribe.html",
                None,
            ),
            (
                "/newsletter/editions/2026-12-04",
                "newsletter/editions/2026-12-04.html",
                Some("newsletter/editions/2026-12-04.json"),
            ),
            (
                "/newsletter/editions",
                "newsletter/editions.html",
                Some("newsletter/editions.json"),
            ),
            (
                "/newsletter/editions/page/3",
                "newsletter/editions/page/3.html",
                Some("newsletter/editions/page/3.json"),
            ),
            ("/removed", "removed.html", None),
            ("/search", "search.html", None),
            ("/offline", "offline.html", None),
            ("/404", "404.html", None),
        ];
        for ((path, file, data), (want_path, want_file, want_data)) in table.iter().zip(expected) {
            assert_eq!(path, want_path);
            assert_eq!(file, want_file, "{path}");
            assert_eq!(data.as_deref(), want_data, "{path}");
        }
        assert_eq!(table.len(), expected.len());
    }

    #[test]
    fn every_route_matches_a_pattern_of_the_table() {
        for route in routes() {
            assert!(
                PATTERNS
                    .iter()
                    .any(|(pattern, _)| *pattern == route.pattern()),
                "{route}"
            );
        }
    }

    #[test]
    fn mail_links_name_the_pages_and_encode_the_token() {
        assert_eq!(
            confirm_link("https://www.example.co.uk/", "a b"),
            "https://www.example.co.uk/newsletter/confirm?token=a%20b"
        );
        assert_eq!(
            unsubscribe_link("https://www.example.co.uk", "t"),
            "https://www.example.co.uk/newsletter/unsubscribe?token=t"
        );
        assert_eq!(
            signed_up_link("https://www.example.co.uk/", false),
            "https://www.example.co.uk/newsletter/check-your-inbox"
        );
        assert_eq!(signed_up_link("", true), "/newsletter/already-signed-up");
        assert_eq!(
            one_click_unsubscribe("https://www.example.co.uk", "t"),
            "https://www.example.co.uk/api/v1/newsletter/unsubscribe?token=t"
        );
    }
}
