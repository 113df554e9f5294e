//! A live page kept fresh while it is open: its latest file
//! (`routes::live_latest_data`) asked for every `LIVE_POLL_SECS` by the
//! app's poller (not while the tab is hidden, not at all offline), then
//! only the posts it names that the page lacks or holds another copy of,
//! each merged by `LiveReader` (new posts wait behind the button; edits
//! and deletions at once); the tab's title counts what waits. Older posts
//! come a page at a time when the reader asks, or when the page is opened
//! at the address of a post older than its first view.

use crate::context::Content;
use crate::model::{
    post_anchor, post_of_anchor, LiveFeed, LiveLatest, LivePost, LivePostsPage, LiveReader,
};
use crate::poller::use_poller;
use crate::routes::{live_latest_data, live_page_data, live_post_data, Route};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Seconds between asks while the page is live.
pub const LIVE_POLL_SECS: u32 = 15;
/// Once it has ended, an edit or a deletion may still come: asked for
/// rarely.
const ENDED_POLL_SECS: u32 = 300;

/// What the page's live parts read, and ask for.
#[derive(Clone, Copy)]
pub struct LiveUpdates {
    pub reader: RwSignal<LiveReader>,
    /// The page has ended since the reader opened it.
    pub ended_while_open: Signal<bool>,
    /// Where older posts stand: being fetched, or could not be.
    pub older: RwSignal<OlderPosts>,
    slug: StoredValue<String>,
    content: StoredValue<Option<Content>>,
}

/// The state of the reader's ask for older posts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OlderPosts {
    #[default]
    Idle,
    Loading,
    Failed,
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
    let live = LiveUpdates {
        reader,
        ended_while_open: Signal::derive(move || {
            opened_live && reader.with(|reader| !reader.shown.is_live())
        }),
        older: RwSignal::new(OlderPosts::Idle),
        slug: StoredValue::new(slug),
        content: StoredValue::new(content.clone()),
    };
    if let Some(content) = content {
        // The page came with the posts: the first ask is one wait away.
        let first = StoredValue::new(true);
        use_poller(move || {
            let content = content.clone();
            let first = first.try_update_value(|first| std::mem::replace(first, false));
            async move {
                if first != Some(true) && !offline() {
                    poll(live, &content).await;
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
    // A post's address is the page's with `#post-<id>`: one older than
    // the first view is fetched, page by page, and gone to.
    Effect::new(move |_| {
        let hash = window().location().hash().unwrap_or_default();
        let wanted = hash
            .strip_prefix('#')
            .and_then(post_of_anchor)
            .filter(|id| !reader.with_untracked(|reader| reader.shows(id)));
        if let Some(id) = wanted {
            live.load_older(Some(id.to_owned()));
        }
    });
    live
}

/// One poll: the latest file, then the posts it names that the page
/// wants. A poll that fails changes nothing; the next one tries again.
async fn poll(live: LiveUpdates, content: &Content) {
    let slug = live.slug.get_value();
    let Ok(file) = content.read(&live_latest_data(&slug)).await else {
        return;
    };
    let Ok(latest) = LiveLatest::from_json(&file.text) else {
        return;
    };
    let wanted = live.reader.with_untracked(|reader| reader.wanted(&latest));
    let mut fetched = Vec::with_capacity(wanted.len());
    for post in wanted {
        let path = format!("{}?v={}", live_post_data(&slug, &post.id), post.version);
        match content.read(&path).await {
            Ok(file) => fetched.extend(LivePost::from_json(&file.text)),
            // Not all of it: the rest comes with the next poll.
            Err(_) => return,
        }
    }
    live.reader.update(|reader| {
        reader.receive(&latest, fetched);
    });
}

impl LiveUpdates {
    /// The address of page `page` of this live page's posts.
    pub fn older_posts_path(self, page: u32) -> String {
        Route::LivePosts {
            slug: self.slug.get_value(),
            page,
        }
        .path()
    }

    /// Fetches older posts, a page at a time from the newest, until one
    /// adds a post the page lacked, or until the post `until` is on the
    /// page (a key event's link); then, for `until`, goes to it.
    pub fn load_older(self, until: Option<String>) {
        let Some(content) = self.content.get_value() else {
            return;
        };
        if self.older.get_untracked() == OlderPosts::Loading {
            return;
        }
        self.older.set(OlderPosts::Loading);
        spawn_local(async move {
            let slug = self.slug.get_value();
            // A post that is not on the site (taken down, or a mistyped
            // address) is not looked for through every page.
            if let Some(id) = &until {
                if content.read(&live_post_data(&slug, id)).await.is_err() {
                    self.older.set(OlderPosts::Idle);
                    return;
                }
            }
            let holds = |id: &str| self.reader.with_untracked(|reader| reader.shows(id));
            while let Some(number) = self.reader.with_untracked(LiveReader::next_older_page) {
                let page = match content.read(&live_page_data(&slug, number)).await {
                    Ok(file) => LivePostsPage::from_json(&file.text).ok(),
                    Err(_) => None,
                };
                let Some(page) = page else {
                    self.older.set(OlderPosts::Failed);
                    return;
                };
                let added = self
                    .reader
                    .try_update(|reader| reader.add_older(number, page.value.feed()));
                let done = match &until {
                    Some(id) => holds(id),
                    None => added.unwrap_or(0) > 0,
                };
                if done {
                    break;
                }
            }
            self.older.set(OlderPosts::Idle);
            if let Some(id) = until.filter(|id| holds(id)) {
                request_animation_frame(move || go_to_post(&id));
            }
        });
    }
}

/// Moves focus (and so the view) to the element `anchor`, if it is there.
pub fn focus_post(anchor: &str) -> bool {
    let Some(element) = document().get_element_by_id(anchor) else {
        return false;
    };
    let _ = element.set_attribute("tabindex", "-1");
    if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
        let _ = element.focus();
    }
    true
}

/// Goes to the post `id`, as following its link would have done had it
/// been on the page: focus on it, and its address in the location bar.
fn go_to_post(id: &str) {
    let anchor = post_anchor(id);
    if focus_post(&anchor) {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("#{anchor}")),
            );
        }
    }
}
