//! A live page's files. Its story file holds every post; the site serves
//! them as small files, so that an open page's poll costs little however
//! long the page grows:
//!
//! - the story's JSON (`articles/<slug>.json`), with its first view only
//!   (the pinned post and the newest, `FIRST_VIEW_POSTS` in all), every key
//!   event, and how many posts and pages the rest make: what the page is
//!   prerendered from and what the app fetches between stories;
//! - `live/<slug>/latest.json`, what an open page polls: the first view's
//!   posts by id and version, the older posts edited last, the ids taken
//!   down, the key events, and whether the page has ended;
//! - `live/<slug>/posts/<id>.json`, each post, fetched when new or changed;
//! - `live/<slug>/pages/<n>.json`, the posts in pages of `PAGE_POSTS` cut
//!   from the oldest (`LivePostsPage`), so a full page changes only when a
//!   post on it is edited or taken down, or (once) when the page after it
//!   is first cut; and each page prerendered (`Route::LivePosts`), where
//!   the "Older posts" link leads a reader without the app.
//!
//! Each post carries a version, a fingerprint of the post as published:
//! any edit changes it. A post taken down is in none of these files.

use super::outputs::{api, json, text, Output};
use super::records::fingerprint;
use crate::model::{Article, LiveFeed, LivePost};
use crate::routes::{live_latest_data, live_page_data, live_post_data, Route};
use serde_json::Value;

/// A post's version: a fingerprint of it as published (without a version).
fn version_of(post: &LivePost) -> String {
    let text = serde_json::to_string(post).unwrap_or_default();
    format!("{:016x}", fingerprint(text.as_bytes()))
}

/// A live page's files: its data, and its pages of posts with what each
/// is made from (the page's data, as written).
pub struct LiveFiles {
    pub data: Vec<Output>,
    pub pages: Vec<(Route, u64)>,
}

/// Every file of the live page `slug` whose story file reads `source`.
pub fn outputs(slug: &str, source: &str) -> Result<LiveFiles, String> {
    let mut story: Value =
        serde_json::from_str(source).map_err(|err| format!("it is not JSON: {err}"))?;
    let article = Article::from_json(source)
        .map_err(|err| err.to_string())?
        .value;
    let Some(feed) = article.live else {
        return Err("it has no live block".into());
    };
    let feed: LiveFeed = feed.with_versions(version_of);
    let first_view = serde_json::to_value(feed.first_view_only())
        .map_err(|err| format!("its first view cannot be written: {err}"))?;
    if let Some(fields) = story.as_object_mut() {
        fields.insert("live".into(), first_view);
    }
    let article_data = Route::Story(slug.into()).data().unwrap_or_default();
    let mut files = vec![
        text(api(&article_data), json(&story)),
        text(api(&live_latest_data(slug)), json(&feed.latest())),
    ];
    for post in &feed.posts {
        files.push(text(api(&live_post_data(slug, &post.id)), json(post)));
    }
    let pages_from_oldest = feed.pages_from_oldest();
    let mut pages = Vec::with_capacity(pages_from_oldest.len());
    for (at, posts) in pages_from_oldest.iter().enumerate() {
        let number = u32::try_from(at + 1).unwrap_or(u32::MAX);
        // As `LivePostsPage` reads it.
        let page = text(
            api(&live_page_data(slug, number)),
            json(&serde_json::json!({
                "headline": article.headline,
                "number": number,
                "newer": at + 1 < pages_from_oldest.len(),
                "posts": posts,
            })),
        );
        let route = Route::LivePosts {
            slug: slug.to_owned(),
            page: number,
        };
        pages.push((route, page.fingerprint));
        files.push(page);
    }
    Ok(LiveFiles { data: files, pages })
}
