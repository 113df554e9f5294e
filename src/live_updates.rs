//! A live page kept fresh while it is open: its story's JSON asked for
//! every `LIVE_POLL_SECS` by the app's poller (not while the tab is hidden,
//! not at all offline), each copy merged into the reader's page by
//! `LiveReader` (new posts wait behind the button; edits and deletions at
//! once), and the tab's title counting what waits.

use crate::api::PageData;
use crate::context::Content;
use crate::model::{Article, LiveFeed, LiveReader};
use crate::poller::use_poller;
use leptos::prelude::*;

/// Seconds between asks while the page is live.
pub const LIVE_POLL_SECS: u32 = 15;
/// Once it has ended, an edit or a deletion may still come: asked for
/// rarely.
const ENDED_POLL_SECS: u32 = 300;

/// What the page's live parts read.
#[derive(Clone, Copy)]
pub struct LiveUpdates {
    pub reader: RwSignal<LiveReader>,
    /// The page has ended since the reader opened it.
    pub ended_while_open: Signal<bool>,
}

fn offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
}

/// Keeps `feed`, the live page `slug` as it arrived, up to date; the tab's
/// title is `document_title` after the number of posts waiting.
pub fn use_live_updates(slug: String, feed: LiveFeed, document_title: String) -> LiveUpdates {
    let opened_live = feed.is_live();
    let reader = RwSignal::new(LiveReader::new(feed));
    let content = use_context::<Content>();
    if let Some(content) = content {
        // The page came with the posts: the first ask is one wait away.
        let first = StoredValue::new(true);
        use_poller(move || {
            let (slug, content) = (slug.clone(), content.clone());
            let first = first.try_update_value(|first| std::mem::replace(first, false));
            async move {
                if first != Some(true) && !offline() {
                    let data = PageData::article(&slug);
                    let article = match data.clone().read_text(content).await {
                        Ok(text) => data.decode(&text, Article::from_json).ok(),
                        Err(_) => None,
                    };
                    if let Some(feed) = article.and_then(|article| article.live) {
                        reader.update(|reader| {
                            reader.receive(feed);
                        });
                    }
                }
                if reader.with_untracked(|reader| reader.shown.is_live()) {
                    LIVE_POLL_SECS
                } else {
                    ENDED_POLL_SECS
                }
            }
        });
    }
    Effect::new(move |_| {
        let title = reader.with(|reader| reader.title(&document_title));
        document().set_title(&title);
    });
    LiveUpdates {
        reader,
        ended_while_open: Signal::derive(move || {
            opened_live && reader.with(|reader| !reader.shown.is_live())
        }),
    }
}
