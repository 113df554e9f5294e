//! Reading offline: what the device keeps (the service worker's list of it),
//! and the connection as a reader is told about it, a state machine free of
//! the browser (as the ticker's and the signup form's are). The app feeds it
//! the browser's `online` and `offline` events, the saved copies a page was
//! shown from, and the reader moving on (`connection.rs` in the crate's root).

use super::decode::{read_each, Decoded};
use super::fields::{self, Fields};
use super::{is_valid_slug, DecodeError, Timestamp};
use crate::routes::Route;
use serde::Deserialize;
use serde_json::Value;

/// How much of what the reader opened a device keeps, at most: 20 MiB,
/// some 350 stories (a sample story's page and JSON come to 42 to 49 KB
/// as kept, uncompressed; its picture to 5 to 16 KB). The service worker is built with it
/// (`publish::offline`); the privacy page says it.
pub const SAVED_LIMIT_BYTES: u64 = 20 * 1024 * 1024;

/// A story this device can show without a connection.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SavedStory {
    pub slug: String,
    pub headline: String,
    /// When it was saved (its newest copy).
    pub saved: Timestamp,
}

impl SavedStory {
    /// Where it is read.
    pub fn path(&self) -> String {
        Route::Story(self.slug.clone()).path()
    }

    /// An entry of the list, read and checked.
    fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        let story = SavedStory {
            slug: fields.string("slug")?,
            headline: fields.string("headline")?,
            saved: fields.time("saved")?,
        };
        story.check()?;
        Ok(story)
    }

    fn check(&self) -> Result<(), String> {
        if !is_valid_slug(&self.slug) {
            Err("its slug is not one a story can have".into())
        } else if self.headline.trim().is_empty() {
            Err("its headline is blank".into())
        } else {
            Ok(())
        }
    }
}

/// What this device keeps for reading offline, as the service worker
/// answers `/api/v1/saved.json`: the stories, newest first, and the bytes
/// of everything kept (pages, their data and pictures) against the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedList {
    pub stories: Vec<SavedStory>,
    pub bytes: u64,
    pub limit: u64,
}

impl SavedList {
    /// Decodes the list; an entry that cannot be shown is left out.
    pub fn from_json(json: &str) -> Result<Decoded<Self>, DecodeError> {
        let value = fields::parse(json)?;
        let (stories, bytes, limit) = read_list(&value).map_err(DecodeError::Malformed)?;
        let (stories, skipped) = read_each("stories", stories, SavedStory::from_value);
        Ok(Decoded {
            value: SavedList {
                stories,
                bytes,
                limit,
            },
            skipped,
        })
    }

    /// "12 stories, 1.4 MB of 20 MB": what the privacy page says is kept.
    pub fn summary(&self) -> String {
        let stories = match self.stories.len() {
            0 => "No stories".to_owned(),
            1 => "1 story".to_owned(),
            n => format!("{n} stories"),
        };
        format!(
            "{stories}, {} of {}",
            megabytes(self.bytes),
            megabytes(self.limit)
        )
    }
}

/// The saved list's stories, unread, and its bytes and limit.
fn read_list(value: &Value) -> Result<(&[Value], u64, u64), String> {
    let wire = Fields::of(value)?;
    let stories = wire.required_list("stories")?;
    let bytes = wire.optional_count("bytes")?.unwrap_or(0);
    Ok((stories, bytes, wire.optional_count("limit")?.unwrap_or(0)))
}

/// Bytes as a reader reads them: "0.3 MB", "12 MB".
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes.saturating_mul(10) + 524_288) / 1_048_576;
    if tenths >= 100 {
        format!("{} MB", tenths / 10)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// The connection as the reader is told about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connection {
    online: bool,
    /// The oldest saved copy the page now shows, if it shows any.
    saved_copy: Option<Timestamp>,
    /// The connection came back while the page showed what was saved.
    back_online: bool,
}

/// What the line under the ticker says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionNotice {
    /// No connection; the page shows what was saved at this time, if the
    /// page shows a saved copy.
    Offline { saved: Option<Timestamp> },
    /// The browser has a connection, but the site did not answer (or not
    /// in time): the page shows what was saved then.
    SavedCopy { saved: Timestamp },
    /// The connection is back, and what was stale is being fetched again.
    BackOnline,
}

impl Connection {
    /// As the browser says the connection is when the app starts.
    pub fn new(online: bool) -> Self {
        Connection {
            online,
            saved_copy: None,
            back_online: false,
        }
    }

    /// The browser lost the connection.
    pub fn went_offline(&mut self) {
        self.online = false;
        self.back_online = false;
    }

    /// The browser has a connection again. Returns whether the page should
    /// fetch what it shows again: it was offline, or showed saved copies.
    pub fn came_online(&mut self) -> bool {
        let stale = !self.online || self.saved_copy.is_some();
        self.online = true;
        self.back_online = stale;
        self.saved_copy = None;
        stale
    }

    /// The page shows a copy saved at `at` (of itself, or of its data).
    pub fn showing_saved_copy(&mut self, at: Timestamp) {
        self.saved_copy = Some(self.saved_copy.map_or(at, |shown| shown.min(at)));
    }

    /// The page's data came from the site just now: it is not a saved copy
    /// any more. Returns whether that changes what is said.
    pub fn showing_fresh_copy(&mut self) -> bool {
        self.saved_copy.take().is_some()
    }

    /// The reader moved to another page: what was said of the last one
    /// goes with it. Returns whether anything went.
    pub fn moved_on(&mut self) -> bool {
        let said = self.saved_copy.is_some() || self.back_online;
        self.saved_copy = None;
        self.back_online = false;
        said
    }

    /// Whether the page, online, still shows a saved copy: the network did
    /// not answer the last time it was asked.
    pub fn shows_saved_copy_online(&self) -> bool {
        self.online && self.saved_copy.is_some()
    }

    /// "Back online" has been said long enough.
    pub fn settled(&mut self) {
        self.back_online = false;
    }

    /// What to tell the reader now, if anything.
    pub fn notice(&self) -> Option<ConnectionNotice> {
        match (self.online, self.saved_copy) {
            (false, saved) => Some(ConnectionNotice::Offline { saved }),
            (true, Some(saved)) => Some(ConnectionNotice::SavedCopy { saved }),
            (true, None) if self.back_online => Some(ConnectionNotice::BackOnline),
            (true, None) => None,
        }
    }
}

impl ConnectionNotice {
    /// The sentence the reader reads.
    pub fn message(&self) -> String {
        let saved_at = |at: &Timestamp| {
            let uk = at.to_uk();
            format!("saved at {} on {}", uk.clock(), uk.date())
        };
        match self {
            ConnectionNotice::Offline { saved: None } => {
                "You're offline. Stories you've opened on this device can still be read.".into()
            }
            ConnectionNotice::Offline { saved: Some(at) } => {
                format!("You're offline. This page was {}.", saved_at(at))
            }
            ConnectionNotice::SavedCopy { saved } => format!(
                "Britain's News Portal can't be reached just now: this page was {}.",
                saved_at(saved)
            ),
            ConnectionNotice::BackOnline => "You're back online.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_rfc3339(text).unwrap()
    }

    #[test]
    fn the_list_decodes_and_leaves_out_what_it_cannot_show() {
        let json = r#"{"stories": [
            {"slug": "a-story", "headline": "A story", "saved": "2026-12-03T08:15:00.250Z"},
            {"slug": "../etc", "headline": "Not a slug", "saved": "2026-12-03T08:15:00Z"},
            {"slug": "b-story", "headline": " ", "saved": "2026-12-03T08:15:00Z"}
        ], "bytes": 1468006, "limit": 20971520}"#;
        let decoded = SavedList::from_json(json).unwrap();
        assert_eq!(decoded.value.stories.len(), 1);
        assert_eq!(decoded.value.stories[0].path(), "/news/a-story");
        assert_eq!(decoded.skipped.len(), 2);
        assert_eq!(decoded.value.summary(), "1 story, 1.4 MB of 20 MB");
    }

    #[test]
    fn a_list_that_is_not_one_is_an_error() {
        assert!(SavedList::from_json("{}").is_err());
        assert!(SavedList::from_json("<html>").is_err());
    }

    #[test_case(0, "0.0 MB" ; "nothing")]
    #[test_case(52_429, "0.1 MB" ; "a tenth")]
    #[test_case(9_900_000, "9.4 MB" ; "under ten")]
    #[test_case(20 * 1_048_576, "20 MB" ; "twenty")]
    fn sizes_read_as_megabytes(bytes: u64, expected: &str) {
        assert_eq!(megabytes(bytes), expected);
    }

    #[test]
    fn online_with_a_fresh_page_says_nothing() {
        assert_eq!(Connection::new(true).notice(), None);
    }

    #[test]
    fn offline_it_says_so_and_when_the_page_shown_was_saved() {
        let mut connection = Connection::new(true);
        connection.went_offline();
        assert_eq!(
            connection.notice(),
            Some(ConnectionNotice::Offline { saved: None })
        );
        connection.showing_saved_copy(at("2026-12-03T08:15:00Z"));
        connection.showing_saved_copy(at("2026-12-03T09:00:00Z"));
        let notice = connection.notice().unwrap();
        assert_eq!(
            notice,
            ConnectionNotice::Offline {
                saved: Some(at("2026-12-03T08:15:00Z"))
            }
        );
        assert_eq!(
            notice.message(),
            "You're offline. This page was saved at 08:15 on 3 December 2026."
        );
    }

    #[test]
    fn a_saved_copy_shown_online_is_one_the_site_did_not_answer_for() {
        let mut connection = Connection::new(true);
        connection.showing_saved_copy(at("2026-07-01T07:05:00Z"));
        assert_eq!(
            connection.notice().unwrap().message(),
            "Britain's News Portal can't be reached just now: this page was saved at 08:05 on 1 July 2026."
        );
    }

    #[test]
    fn coming_back_says_so_and_asks_for_what_was_stale() {
        let mut connection = Connection::new(false);
        connection.showing_saved_copy(at("2026-12-03T08:15:00Z"));
        assert!(connection.came_online());
        assert_eq!(connection.notice(), Some(ConnectionNotice::BackOnline));
        connection.settled();
        assert_eq!(connection.notice(), None);
    }

    #[test]
    fn a_saved_copy_shown_after_coming_back_is_one_to_ask_for_again() {
        let mut connection = Connection::new(false);
        connection.came_online();
        assert!(!connection.shows_saved_copy_online());
        connection.showing_saved_copy(at("2026-12-03T08:15:00Z"));
        assert!(connection.shows_saved_copy_online());
    }

    #[test]
    fn fresh_data_for_the_page_ends_what_was_said_of_its_saved_copy() {
        let mut connection = Connection::new(true);
        connection.showing_saved_copy(at("2026-12-03T08:15:00Z"));
        assert!(connection.showing_fresh_copy());
        assert_eq!(connection.notice(), None);
        assert!(!connection.showing_fresh_copy());
    }

    #[test]
    fn an_online_event_with_nothing_stale_asks_for_nothing() {
        let mut connection = Connection::new(true);
        assert!(!connection.came_online());
        assert_eq!(connection.notice(), None);
    }

    #[test]
    fn moving_on_forgets_the_last_pages_copy_but_not_the_connection() {
        let mut connection = Connection::new(false);
        connection.showing_saved_copy(at("2026-12-03T08:15:00Z"));
        assert!(connection.moved_on());
        assert_eq!(
            connection.notice(),
            Some(ConnectionNotice::Offline { saved: None })
        );
        assert!(!connection.moved_on(), "nothing more to forget");
    }
}
