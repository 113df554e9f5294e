//! A page of a live page's posts (`routes::live_page_data`): the posts cut
//! into pages from the oldest, so that a full page changes only when a
//! post on it does. What the "Older posts" link leads to (the page
//! `Route::LivePosts`, prerendered for readers without the app) and what
//! the app fetches when the reader asks for more on the live page itself.

use super::decode::{DecodeError, Decoded};
use super::live::{raw_posts, Live, LiveFeed, RawPost};
use serde::Deserialize;

/// One page of posts, as the build writes it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LivePostsPage {
    /// The live page's headline, which heads the page.
    pub headline: String,
    /// Its number: page 1 holds the oldest posts.
    pub number: u32,
    /// Whether a newer page follows it; after the newest page, the next
    /// posts are the live page's own.
    pub newer: bool,
    /// Its posts, newest first.
    #[serde(deserialize_with = "raw_posts")]
    posts: Vec<RawPost>,
}

impl LivePostsPage {
    /// The page, with what of it could be read: a post that cannot be
    /// shown costs only that post, as on the live page.
    pub fn from_json(json: &str) -> Result<Decoded<LivePostsPage>, DecodeError> {
        let page: LivePostsPage = serde_json::from_str(json).map_err(DecodeError::from_serde)?;
        if page.number == 0 {
            return Err(DecodeError::Invalid("its page number is 0".into()));
        }
        Ok(Decoded {
            value: page,
            skipped: Vec::new(),
        })
    }

    /// Its posts that can be shown, newest first.
    pub fn feed(&self) -> LiveFeed {
        Live {
            posts: self.posts.clone(),
            ..Live::default()
        }
        .checked(&mut Vec::new())
    }

    /// The number of the page of older posts, if there is one.
    pub fn older(&self) -> Option<u32> {
        (self.number > 1).then(|| self.number - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"{"headline":"Budget day","number":2,"newer":true,"posts":[
        {"id":"p2","published":"2026-11-26T12:05:00Z","body":[{"type":"paragraph","text":"Second."}]},
        {"id":"p1","published":"2026-11-26T12:00:00Z","body":[{"type":"paragraph","text":"First."}]},
        {"id":"bad","published":"not a time","body":[]}
    ]}"#;

    #[test]
    fn a_page_reads_its_heading_neighbours_and_the_posts_it_can_show() {
        let page = LivePostsPage::from_json(PAGE).unwrap().value;
        assert_eq!(page.headline, "Budget day");
        assert_eq!((page.number, page.newer, page.older()), (2, true, Some(1)));
        let ids: Vec<String> = page.feed().posts.into_iter().map(|post| post.id).collect();
        assert_eq!(ids, ["p2", "p1"]);
    }

    #[test]
    fn the_oldest_page_has_none_older_and_a_page_0_is_refused() {
        let oldest = PAGE.replace(r#""number":2"#, r#""number":1"#);
        assert_eq!(
            LivePostsPage::from_json(&oldest).unwrap().value.older(),
            None
        );
        let zero = PAGE.replace(r#""number":2"#, r#""number":0"#);
        assert!(LivePostsPage::from_json(&zero).is_err());
    }
}
