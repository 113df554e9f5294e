//! The BREAKING headlines ticker: its feed, and the state it moves through.
//!
//! The state machine lives here, free of the browser, so every rule (merge,
//! dedupe, order, cap, what is announced, when to fetch next) has a native
//! test. The app only feeds it fetch results and the clock.

use super::decode::{read_each, Decoded};
use super::fields::{self, Fields};
use super::{DecodeError, Timestamp};
use crate::routes::Route;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

/// The most headlines the strip carries.
pub const MAX_HEADLINES: usize = 12;

/// How soon the strip asks again while it shows a copy this device saved.
pub const SAVED_COPY_RETRY_SECS: u32 = 10;

/// One item of `/api/v1/headlines.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    pub id: String,
    pub headline: String,
    /// A story of this site…
    #[serde(default)]
    pub slug: Option<String>,
    /// …or any other page: a path on this site or an `https://` URL.
    #[serde(default)]
    pub url: Option<String>,
    pub published: Timestamp,
    #[serde(default)]
    pub breaking: bool,
    /// It leads to a live page still live: the build sets this.
    #[serde(default)]
    pub live: bool,
}

impl Headline {
    /// Where the headline leads, if anywhere safe.
    pub fn href(&self) -> Option<String> {
        if let Some(slug) = self
            .slug
            .as_deref()
            .filter(|slug| super::is_valid_slug(slug))
        {
            return Some(Route::Story(slug.to_owned()).path());
        }
        let url = self.url.as_deref()?.trim();
        let local = url.starts_with('/') && !url.starts_with("//");
        (local || url.starts_with("https://")).then(|| url.to_owned())
    }
}

impl Headline {
    /// An item of the feed, read and checked.
    fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        let item = Headline {
            id: fields.string("id")?,
            headline: fields.string("headline")?,
            slug: fields.optional_string("slug")?,
            url: fields.optional_string("url")?,
            published: fields.time("published")?,
            breaking: fields.flag("breaking")?,
            live: fields.flag("live")?,
        };
        item.check()?;
        Ok(item)
    }

    /// Whether the strip can show it: an id, a headline and a safe link.
    fn check(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            Err("it has no id".into())
        } else if self.headline.trim().is_empty() {
            Err("the headline is blank".into())
        } else if self.href().is_none() {
            Err("it has no valid slug and no local or https:// url".into())
        } else {
            Ok(())
        }
    }
}

/// Decodes a feed into what the strip shows: only items with an id, a
/// headline and a safe link; each id once (its newest version); newest
/// first; at most [`MAX_HEADLINES`]. An item that cannot be shown (a bad
/// date, a missing field, an unsafe link) is left out and reported.
pub fn decode_headlines(json: &str) -> Result<Decoded<Vec<Headline>>, DecodeError> {
    let feed = fields::parse(json)?;
    let list = Fields::of(&feed)
        .and_then(|feed| feed.required_list("headlines"))
        .map_err(DecodeError::Malformed)?;
    let (items, skipped) = read_each("headlines", list, Headline::from_value);
    Ok(Decoded {
        value: normalise(items),
        skipped,
    })
}

fn normalise(mut items: Vec<Headline>) -> Vec<Headline> {
    items.retain(|item| item.check().is_ok());
    // Newest first; the sort is stable, so of two versions of an id at the
    // same time the one listed first wins.
    items.sort_by_key(|item| std::cmp::Reverse(item.published));
    let mut seen = HashSet::new();
    items.retain(|item| seen.insert(item.id.clone()));
    items.truncate(MAX_HEADLINES);
    items
}

/// Where the strip is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TickerState {
    /// Nothing has arrived yet: "Loading latest headlines…".
    Loading,
    /// Every attempt so far has failed; `failures` counts them.
    Unavailable { failures: u32 },
    /// Headlines to show (perhaps none), as of `updated`: when they were
    /// fetched, or, for a copy this device saved (`saved`, shown offline),
    /// when it was saved. A later failed refresh leaves this as it is.
    Ready {
        headlines: Vec<Headline>,
        updated: Timestamp,
        saved: bool,
    },
}

impl TickerState {
    /// Takes a fresh feed. Returns the headlines that were not on the strip
    /// before, to announce; none on the first load, which is not news to
    /// anyone who has just opened the page.
    pub fn receive(&mut self, feed: Vec<Headline>, now: Timestamp) -> Vec<Headline> {
        let feed = normalise(feed);
        let arrived = match self {
            TickerState::Ready { headlines, .. } => {
                let known: HashSet<_> = headlines.iter().map(|h| &h.id).collect();
                feed.iter()
                    .filter(|h| !known.contains(&h.id))
                    .cloned()
                    .collect()
            }
            _ => Vec::new(),
        };
        *self = TickerState::Ready {
            headlines: feed,
            updated: now,
            saved: false,
        };
        arrived
    }

    /// Takes a copy of the feed this device saved at `saved_at` (the
    /// network failed): shown unless the strip has something newer, and
    /// announced never, since none of it is news.
    pub fn receive_saved(&mut self, feed: Vec<Headline>, saved_at: Timestamp) {
        if let TickerState::Ready { updated, .. } = self {
            if *updated >= saved_at {
                return;
            }
        }
        *self = TickerState::Ready {
            headlines: normalise(feed),
            updated: saved_at,
            saved: true,
        };
    }

    /// Takes a failed fetch: before any success the strip says headlines are
    /// unavailable; after one, the last good headlines stay.
    pub fn fail(&mut self) {
        match self {
            TickerState::Loading => *self = TickerState::Unavailable { failures: 1 },
            TickerState::Unavailable { failures } => *failures += 1,
            TickerState::Ready { .. } => {}
        }
    }

    /// Seconds until the next fetch: the refresh interval once headlines are
    /// showing; while the first load keeps failing, 5 s doubling to at most
    /// the refresh interval; while the strip shows a saved copy (the network
    /// failed), [`SAVED_COPY_RETRY_SECS`] at most, so that the latest come
    /// soon after the connection does.
    pub fn next_fetch_in(&self, refresh_secs: u32) -> u32 {
        match self {
            TickerState::Unavailable { failures } => {
                let backoff = 5u32.saturating_mul(1 << failures.saturating_sub(1).min(16));
                backoff.min(refresh_secs)
            }
            TickerState::Ready { saved: true, .. } => SAVED_COPY_RETRY_SECS.min(refresh_secs),
            _ => refresh_secs,
        }
    }
}

/// What the polite live region says about newly arrived headlines.
pub fn announcement(arrived: &[Headline]) -> Option<String> {
    match arrived {
        [] => None,
        [one] => Some(format!("New headline: {}", one.headline)),
        many => Some(format!(
            "{} new headlines: {}",
            many.len(),
            many.iter()
                .map(|h| h.headline.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

/// How long one loop of the strip takes, so that it moves at the same
/// reading speed however many headlines it carries.
pub fn loop_seconds(headlines: &[Headline]) -> u32 {
    // About 6 characters a second, plus the gap between items.
    let chars: usize = headlines
        .iter()
        .map(|h| h.headline.chars().count() + 8)
        .sum();
    (chars as u32 / 6).max(15)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: u32) -> Timestamp {
        Timestamp::parse_rfc3339(&format!("2026-11-27T09:{minute:02}:00Z")).unwrap()
    }

    fn item(id: &str, minute: u32) -> Headline {
        Headline {
            id: id.into(),
            headline: format!("Headline {id}"),
            slug: Some(format!("story-{id}")),
            url: None,
            published: at(minute),
            breaking: false,
            live: false,
        }
    }

    fn ids(items: &[Headline]) -> Vec<&str> {
        items.iter().map(|h| h.id.as_str()).collect()
    }

    #[test]
    fn decodes_a_feed_newest_first() {
        let json = r#"{"headlines":[
            {"id":"a","headline":"Older","slug":"older","published":"2026-11-27T08:00:00Z"},
            {"id":"b","headline":"Newer","slug":"newer","published":"2026-11-27T09:00:00Z","breaking":true}
        ]}"#;
        let headlines = decode_headlines(json).unwrap().value;
        assert_eq!(ids(&headlines), ["b", "a"]);
        assert!(headlines[0].breaking);
        assert!(!headlines[1].breaking);
    }

    #[test]
    fn keeps_each_id_once_in_its_newest_version() {
        let mut updated = item("a", 30);
        updated.headline = "Updated wording".into();
        let headlines = normalise(vec![item("a", 10), item("b", 20), updated]);
        assert_eq!(ids(&headlines), ["a", "b"]);
        assert_eq!(headlines[0].headline, "Updated wording");
    }

    #[test]
    fn carries_at_most_twelve_the_newest() {
        let many: Vec<_> = (0..20).map(|i| item(&format!("h{i}"), i)).collect();
        let headlines = normalise(many);
        assert_eq!(headlines.len(), MAX_HEADLINES);
        assert_eq!(headlines[0].id, "h19");
        assert_eq!(headlines[11].id, "h8");
    }

    #[test]
    fn drops_items_without_an_id_headline_or_safe_link() {
        let mut no_id = item("", 1);
        no_id.id = " ".into();
        let mut blank = item("blank", 2);
        blank.headline = "".into();
        let mut script = item("script", 3);
        script.slug = None;
        script.url = Some("javascript:alert(1)".into());
        let mut other_host = item("other", 4);
        other_host.slug = None;
        other_host.url = Some("//evil.example/x".into());
        let mut external = item("external", 5);
        external.slug = None;
        external.url = Some("https://www.gov.uk/".into());
        let headlines = normalise(vec![
            no_id,
            blank,
            script,
            other_host,
            external,
            item("ok", 6),
        ]);
        assert_eq!(ids(&headlines), ["ok", "external"]);
        assert_eq!(headlines[1].href().unwrap(), "https://www.gov.uk/");
        assert_eq!(headlines[0].href().unwrap(), "/news/story-ok");
    }

    #[test]
    fn one_bad_item_costs_only_that_item() {
        let json = r#"{"headlines":[
            {"id":"a","headline":"Fine","slug":"fine","published":"2026-11-27T08:00:00Z"},
            {"id":"b","headline":"Bad date","slug":"bad","published":"2026-11-26T08:15:0é"},
            {"id":"c"},
            {"id":"d","headline":"Unsafe","url":"javascript:alert(1)","published":"2026-11-27T08:00:00Z"},
            42
        ]}"#;
        let decoded = decode_headlines(json).unwrap();
        assert_eq!(ids(&decoded.value), ["a"]);
        let at: Vec<_> = decoded.skipped.iter().map(|s| s.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "headlines[1]",
                "headlines[2]",
                "headlines[3]",
                "headlines[4]"
            ]
        );
    }

    #[test]
    fn malformed_feeds_are_errors_not_panics() {
        for json in ["", "{}", "[]", "<html>", r#"{"headlines":"x"}"#] {
            assert!(
                matches!(decode_headlines(json), Err(DecodeError::Malformed(_))),
                "{json:?}"
            );
        }
    }

    #[test]
    fn the_first_load_announces_nothing() {
        let mut state = TickerState::Loading;
        assert!(state.receive(vec![item("a", 1)], at(2)).is_empty());
        assert_eq!(
            state,
            TickerState::Ready {
                headlines: vec![item("a", 1)],
                updated: at(2),
                saved: false,
            }
        );
    }

    #[test]
    fn a_saved_copy_shows_as_of_when_it_was_saved_and_announces_nothing() {
        let mut state = TickerState::Loading;
        state.receive_saved(vec![item("a", 1), item("a", 0)], at(2));
        assert_eq!(
            state,
            TickerState::Ready {
                headlines: vec![item("a", 1)],
                updated: at(2),
                saved: true,
            }
        );
        let arrived = state.receive(vec![item("a", 1), item("b", 3)], at(4));
        assert_eq!(ids(&arrived), ["b"], "news since the saved copy is news");
        assert!(matches!(state, TickerState::Ready { saved: false, .. }));
    }

    #[test]
    fn a_saved_copy_never_replaces_a_newer_strip() {
        let mut state = TickerState::Loading;
        state.receive(vec![item("a", 1)], at(5));
        let before = state.clone();
        state.receive_saved(vec![item("b", 1)], at(4));
        assert_eq!(state, before);
        state.receive_saved(vec![item("b", 1)], at(6));
        assert!(matches!(state, TickerState::Ready { saved: true, .. }));
    }

    #[test]
    fn a_refresh_announces_only_new_headlines_and_keeps_the_old() {
        let mut state = TickerState::Loading;
        state.receive(vec![item("a", 1), item("b", 2)], at(3));
        let arrived = state.receive(vec![item("a", 1), item("b", 2), item("c", 4)], at(5));
        assert_eq!(ids(&arrived), ["c"]);
        let TickerState::Ready {
            headlines, updated, ..
        } = &state
        else {
            panic!()
        };
        assert_eq!(ids(headlines), ["c", "b", "a"]);
        assert_eq!(*updated, at(5));
    }

    #[test]
    fn a_failed_first_load_is_unavailable_and_counts_attempts() {
        let mut state = TickerState::Loading;
        state.fail();
        state.fail();
        assert_eq!(state, TickerState::Unavailable { failures: 2 });
        assert!(state.receive(vec![item("a", 1)], at(2)).is_empty());
    }

    #[test]
    fn a_failed_refresh_keeps_the_last_good_headlines_and_stamp() {
        let mut state = TickerState::Loading;
        state.receive(vec![item("a", 1)], at(2));
        let before = state.clone();
        state.fail();
        assert_eq!(state, before);
    }

    #[test]
    fn retries_back_off_from_five_seconds_to_the_refresh_interval() {
        let delays: Vec<_> = (1..=6)
            .map(|failures| TickerState::Unavailable { failures }.next_fetch_in(60))
            .collect();
        assert_eq!(delays, [5, 10, 20, 40, 60, 60]);
        assert_eq!(
            TickerState::Unavailable { failures: 1000 }.next_fetch_in(60),
            60
        );
        assert_eq!(TickerState::Loading.next_fetch_in(60), 60);
    }

    #[test]
    fn a_saved_copy_is_asked_for_again_soon_and_a_fresh_strip_at_the_interval() {
        let mut state = TickerState::Loading;
        state.receive_saved(vec![item("a", 1)], at(2));
        assert_eq!(state.next_fetch_in(60), 10);
        assert_eq!(state.next_fetch_in(5), 5);
        state.receive(vec![item("a", 1)], at(3));
        assert_eq!(state.next_fetch_in(60), 60);
    }

    #[test]
    fn announcements_name_the_new_headlines() {
        assert_eq!(announcement(&[]), None);
        assert_eq!(
            announcement(&[item("a", 1)]).unwrap(),
            "New headline: Headline a"
        );
        assert_eq!(
            announcement(&[item("a", 1), item("b", 2)]).unwrap(),
            "2 new headlines: Headline a; Headline b"
        );
    }

    #[test]
    fn the_loop_takes_longer_with_more_to_read() {
        let few = loop_seconds(&[item("a", 1)]);
        let many = loop_seconds(&(0..12).map(|i| item(&i.to_string(), i)).collect::<Vec<_>>());
        assert_eq!(few, 15);
        assert!(many > few);
    }
}
