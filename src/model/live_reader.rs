//! A reader's open live page: the posts it shows, and the new ones that
//! wait behind the "N new updates" button so that nothing moves under the
//! reader (WCAG 2.2.2: the button is the reader's choice to see them).
//! Each newer copy of the feed is merged by post id, so a post is never
//! shown twice; an edit changes its post in place and a deletion takes
//! its post away, whether shown or waiting.

use super::{LiveFeed, LivePost};
use std::collections::HashSet;

/// What the page holds.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveReader {
    /// The posts on the page, newest first, and whether the page has ended.
    pub shown: LiveFeed,
    /// New posts not shown yet, newest first.
    pub waiting: Vec<LivePost>,
}

/// What a newer copy of the feed changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Arrived {
    pub new: usize,
    pub edited: usize,
    pub deleted: usize,
    /// The newsroom ended the page since the last copy.
    pub ended: bool,
}

impl LiveReader {
    pub fn new(shown: LiveFeed) -> Self {
        LiveReader {
            shown,
            waiting: Vec::new(),
        }
    }

    /// Takes a newer copy of the feed.
    pub fn receive(&mut self, newer: LiveFeed) -> Arrived {
        let shown: HashSet<&str> = self.shown.posts.iter().map(|p| p.id.as_str()).collect();
        let waiting: HashSet<&str> = self.waiting.iter().map(|p| p.id.as_str()).collect();
        let kept: HashSet<&str> = newer.posts.iter().map(|p| p.id.as_str()).collect();
        let mut arrived = Arrived {
            deleted: shown.iter().filter(|id| !kept.contains(*id)).count(),
            ended: self.shown.is_live() && !newer.is_live(),
            ..Arrived::default()
        };
        let (mut now_shown, mut now_waiting) = (Vec::new(), Vec::new());
        for post in newer.posts {
            if shown.contains(post.id.as_str()) {
                let before = self.shown.posts.iter().find(|p| p.id == post.id);
                if before != Some(&post) {
                    arrived.edited += 1;
                }
                now_shown.push(post);
            } else {
                if !waiting.contains(post.id.as_str()) {
                    arrived.new += 1;
                }
                now_waiting.push(post);
            }
        }
        self.shown = LiveFeed {
            ended: newer.ended,
            posts: now_shown,
        };
        self.waiting = now_waiting;
        arrived
    }

    /// Shows what was waiting, in its place among the rest.
    pub fn reveal(&mut self) {
        self.shown.posts.append(&mut self.waiting);
        self.shown
            .posts
            .sort_by(|a, b| b.published.cmp(&a.published).then_with(|| b.id.cmp(&a.id)));
    }

    /// What the button says, when there is something waiting.
    pub fn button_label(&self) -> Option<String> {
        match self.waiting.len() {
            0 => None,
            1 => Some("1 new update".to_owned()),
            n => Some(format!("{n} new updates")),
        }
    }

    /// The tab's title: the page's, after the number waiting.
    pub fn title(&self, page_title: &str) -> String {
        match self.waiting.len() {
            0 => page_title.to_owned(),
            n => format!("({n}) {page_title}"),
        }
    }

    /// The newest post shown, which the button's press moves focus to.
    pub fn newest_shown(&self) -> Option<&LivePost> {
        self.shown.posts.first()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Live;
    use serde_json::json;

    fn post(id: &str, minute: u32, text: &str) -> serde_json::Value {
        json!({
            "id": id,
            "published": format!("2026-12-05T09:{minute:02}:00Z"),
            "body": [{ "type": "paragraph", "text": text }]
        })
    }

    fn feed(posts: Vec<serde_json::Value>) -> LiveFeed {
        let live: Live = serde_json::from_value(json!({ "posts": posts })).unwrap();
        live.checked(&mut Vec::new())
    }

    fn ids(posts: &[LivePost]) -> Vec<&str> {
        posts.iter().map(|p| p.id.as_str()).collect()
    }

    fn text(post: &LivePost) -> String {
        post.text()
    }

    #[test]
    fn new_posts_wait_behind_the_button_and_are_never_shown_twice() {
        let mut reader = LiveReader::new(feed(vec![post("a", 1, "A.")]));
        let arrived = reader.receive(feed(vec![post("a", 1, "A."), post("b", 2, "B.")]));
        assert_eq!(arrived.new, 1);
        assert_eq!(ids(&reader.shown.posts), ["a"]);
        assert_eq!(ids(&reader.waiting), ["b"]);
        assert_eq!(reader.button_label().as_deref(), Some("1 new update"));
        assert_eq!(reader.title("Storm: live"), "(1) Storm: live");

        // The same post again, and another: one more, not two.
        let arrived = reader.receive(feed(vec![
            post("a", 1, "A."),
            post("b", 2, "B."),
            post("c", 3, "C."),
        ]));
        assert_eq!(arrived.new, 1);
        assert_eq!(reader.button_label().as_deref(), Some("2 new updates"));

        reader.reveal();
        assert_eq!(ids(&reader.shown.posts), ["c", "b", "a"]);
        assert!(reader.waiting.is_empty());
        assert_eq!(reader.button_label(), None);
        assert_eq!(reader.title("Storm: live"), "Storm: live");
        assert_eq!(reader.newest_shown().unwrap().id, "c");
        // Shown now: a later copy with the same posts changes nothing.
        let arrived = reader.receive(feed(vec![
            post("a", 1, "A."),
            post("b", 2, "B."),
            post("c", 3, "C."),
        ]));
        assert_eq!(arrived, Arrived::default());
    }

    #[test]
    fn an_edit_changes_its_post_in_place_and_a_deletion_takes_it_away() {
        let mut reader = LiveReader::new(feed(vec![post("a", 1, "A."), post("b", 2, "B.")]));
        reader.receive(feed(vec![
            post("a", 1, "A."),
            post("b", 2, "B."),
            post("w", 3, "W."),
        ]));
        // b edited, a deleted, w (waiting) deleted too.
        let arrived = reader.receive(feed(vec![post("b", 2, "B, corrected.")]));
        assert_eq!(
            arrived,
            Arrived {
                new: 0,
                edited: 1,
                deleted: 1,
                ended: false
            }
        );
        assert_eq!(ids(&reader.shown.posts), ["b"]);
        assert_eq!(text(&reader.shown.posts[0]), "B, corrected.");
        assert!(reader.waiting.is_empty());
        assert_eq!(reader.button_label(), None);
    }

    #[test]
    fn the_page_ending_is_noticed() {
        let mut reader = LiveReader::new(feed(vec![post("a", 1, "A.")]));
        let live: Live = serde_json::from_value(
            json!({ "ended": "2026-12-05T18:00:00Z", "posts": [post("a", 1, "A.")] }),
        )
        .unwrap();
        let arrived = reader.receive(live.checked(&mut Vec::new()));
        assert!(arrived.ended);
        assert!(!reader.shown.is_live());
    }
}
