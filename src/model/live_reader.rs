//! A reader's open live page: the posts it shows, and the new ones that
//! wait behind the "N new updates" button so that nothing moves under the
//! reader (WCAG 2.2.2: the button is the reader's choice to see them).
//! Each poll's latest file is compared by post id and version: the page
//! fetches only the posts it lacks or holds an older copy of, so a post is
//! never shown twice; an edit changes its post in place and a deletion
//! takes its post away, whether shown or waiting. Older posts come a page
//! at a time when the reader asks.

use super::live::newest_first;
use super::{LiveFeed, LiveLatest, LivePost, PostVersion};
use std::collections::HashSet;

/// What the page holds.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveReader {
    /// The posts on the page, newest first, and what the page is.
    pub shown: LiveFeed,
    /// New posts not shown yet, newest first.
    pub waiting: Vec<LivePost>,
    /// The oldest page of older posts fetched so far, if any.
    oldest_page_read: Option<u32>,
}

/// What a poll changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Arrived {
    pub new: usize,
    pub edited: usize,
    pub deleted: usize,
    /// The newsroom ended the page since the last poll.
    pub ended: bool,
}

impl LiveReader {
    pub fn new(shown: LiveFeed) -> Self {
        LiveReader {
            shown,
            waiting: Vec::new(),
            oldest_page_read: None,
        }
    }

    /// Whether the post `id` is on the page (shown, not waiting).
    pub fn shows(&self, id: &str) -> bool {
        self.shown.posts.iter().any(|post| post.id == id)
    }

    fn held(&self) -> impl Iterator<Item = &LivePost> {
        self.shown.posts.iter().chain(&self.waiting)
    }

    /// What to fetch for `latest`: the first view's posts this page lacks
    /// or holds another copy of, and the edited older posts it holds
    /// another copy of.
    pub fn wanted(&self, latest: &LiveLatest) -> Vec<PostVersion> {
        let held: std::collections::HashMap<&str, &str> = self
            .held()
            .map(|post| (post.id.as_str(), post.version.as_str()))
            .collect();
        let deleted: HashSet<&str> = latest.deleted.iter().map(String::as_str).collect();
        let first_view = latest
            .posts
            .iter()
            .filter(|post| held.get(post.id.as_str()) != Some(&post.version.as_str()));
        let edited = latest.edited.iter().filter(|post| {
            held.get(post.id.as_str())
                .is_some_and(|version| *version != post.version)
        });
        first_view
            .chain(edited)
            .filter(|post| !deleted.contains(post.id.as_str()))
            .cloned()
            .collect()
    }

    /// Takes a poll's latest file and the posts fetched for it
    /// ([`Self::wanted`]): new ones wait, edits replace their post where
    /// it is, deleted ones go.
    pub fn receive(&mut self, latest: &LiveLatest, fetched: Vec<LivePost>) -> Arrived {
        let deleted: HashSet<&str> = latest.deleted.iter().map(String::as_str).collect();
        let before = self.shown.posts.len() + self.waiting.len();
        self.shown
            .posts
            .retain(|post| !deleted.contains(post.id.as_str()));
        self.waiting
            .retain(|post| !deleted.contains(post.id.as_str()));
        let mut arrived = Arrived {
            deleted: before - self.shown.posts.len() - self.waiting.len(),
            ended: self.shown.is_live() && latest.ended.is_some(),
            ..Arrived::default()
        };
        for post in fetched {
            if deleted.contains(post.id.as_str()) {
                continue;
            }
            if let Some(shown) = self.shown.posts.iter_mut().find(|p| p.id == post.id) {
                if *shown != post {
                    arrived.edited += 1;
                    *shown = post;
                }
            } else if let Some(waiting) = self.waiting.iter_mut().find(|p| p.id == post.id) {
                *waiting = post;
            } else {
                arrived.new += 1;
                self.waiting.push(post);
            }
        }
        self.shown.posts.sort_by(newest_first);
        self.waiting.sort_by(newest_first);
        self.shown.ended = latest.ended;
        self.shown.key_events = latest.key_events.clone();
        self.shown.deleted = latest.deleted.clone();
        self.shown.pages = latest.pages;
        self.shown.total = latest.total;
        arrived
    }

    /// Shows what was waiting, in its place among the rest.
    pub fn reveal(&mut self) {
        self.shown.posts.append(&mut self.waiting);
        self.shown.posts.sort_by(newest_first);
    }

    /// The next page of older posts to fetch when the reader asks for
    /// more: the newest page first, then each older one; `None` once the
    /// page holds every post.
    pub fn next_older_page(&self) -> Option<u32> {
        if self.held().count() >= self.shown.total {
            return None;
        }
        match self.oldest_page_read {
            None => (self.shown.pages > 0).then_some(self.shown.pages),
            Some(page) => (page > 1).then(|| page - 1),
        }
    }

    /// Adds page `number` of older posts, fetched: those the page does not
    /// hold yet go below the rest. Returns how many were added.
    pub fn add_older(&mut self, number: u32, page: LiveFeed) -> usize {
        self.oldest_page_read = Some(number);
        let held: HashSet<String> = self.held().map(|post| post.id.clone()).collect();
        let deleted: HashSet<&str> = self.shown.deleted.iter().map(String::as_str).collect();
        let before = self.shown.posts.len();
        self.shown.posts.extend(
            page.posts
                .into_iter()
                .filter(|post| !held.contains(&post.id) && !deleted.contains(post.id.as_str())),
        );
        self.shown.posts.sort_by(newest_first);
        self.shown.posts.len() - before
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
    use crate::model::{Live, PAGE_POSTS};
    use serde_json::json;

    fn post(id: &str, minute: u32, text: &str) -> serde_json::Value {
        json!({
            "id": id,
            "published": format!("2026-12-05T09:{minute:02}:00Z"),
            "body": [{ "type": "paragraph", "text": text }]
        })
    }

    /// The page as the build has it: every post, with versions.
    fn site(live: serde_json::Value) -> LiveFeed {
        let live: Live = serde_json::from_value(live).unwrap();
        live.checked(&mut Vec::new())
            .with_versions(|post| format!("{:?}", post.text()))
    }

    fn feed(posts: Vec<serde_json::Value>) -> LiveFeed {
        site(json!({ "posts": posts }))
    }

    /// A reader that opened `site` as its story's JSON carries it.
    fn opened(site: &LiveFeed) -> LiveReader {
        LiveReader::new(site.first_view_only())
    }

    /// One poll against `site`: what the reader fetches, and what changed.
    fn poll(reader: &mut LiveReader, site: &LiveFeed) -> (Vec<String>, Arrived) {
        let latest = site.latest();
        let wanted = reader.wanted(&latest);
        let fetched: Vec<LivePost> = wanted
            .iter()
            .map(|want| site.posts.iter().find(|p| p.id == want.id).unwrap().clone())
            .collect();
        let ids = wanted.into_iter().map(|want| want.id).collect();
        (ids, reader.receive(&latest, fetched))
    }

    fn ids(posts: &[LivePost]) -> Vec<&str> {
        posts.iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn new_posts_wait_behind_the_button_are_fetched_once_and_never_shown_twice() {
        let mut reader = opened(&feed(vec![post("a", 1, "A.")]));
        let (fetched, arrived) = poll(&mut reader, &feed(vec![post("a", 1, "A.")]));
        assert!(fetched.is_empty(), "nothing changed, nothing fetched");
        assert_eq!(arrived, Arrived::default());

        let two = feed(vec![post("a", 1, "A."), post("b", 2, "B.")]);
        let (fetched, arrived) = poll(&mut reader, &two);
        assert_eq!(fetched, ["b"]);
        assert_eq!(arrived.new, 1);
        assert_eq!(ids(&reader.shown.posts), ["a"]);
        assert_eq!(ids(&reader.waiting), ["b"]);
        assert_eq!(reader.button_label().as_deref(), Some("1 new update"));
        assert_eq!(reader.title("Storm: live"), "(1) Storm: live");

        // The same post again, and another: one more fetched, one more new.
        let three = feed(vec![
            post("a", 1, "A."),
            post("b", 2, "B."),
            post("c", 3, "C."),
        ]);
        let (fetched, arrived) = poll(&mut reader, &three);
        assert_eq!(fetched, ["c"]);
        assert_eq!(arrived.new, 1);
        assert_eq!(reader.button_label().as_deref(), Some("2 new updates"));

        reader.reveal();
        assert_eq!(ids(&reader.shown.posts), ["c", "b", "a"]);
        assert!(reader.waiting.is_empty());
        assert_eq!(reader.button_label(), None);
        assert_eq!(reader.title("Storm: live"), "Storm: live");
        assert_eq!(reader.newest_shown().unwrap().id, "c");
        let (fetched, arrived) = poll(&mut reader, &three);
        assert!(fetched.is_empty());
        assert_eq!(arrived, Arrived::default());
    }

    #[test]
    fn an_edit_changes_its_post_in_place_and_a_deletion_takes_it_away() {
        let mut reader = opened(&feed(vec![post("a", 1, "A."), post("b", 2, "B.")]));
        poll(
            &mut reader,
            &feed(vec![
                post("a", 1, "A."),
                post("b", 2, "B."),
                post("w", 3, "W."),
            ]),
        );
        // b edited, a deleted, w (waiting) deleted too.
        let after = site(json!({
            "posts": [post("b", 2, "B, corrected.")],
            "deleted": ["a", "w"],
        }));
        let (fetched, arrived) = poll(&mut reader, &after);
        assert_eq!(fetched, ["b"]);
        assert_eq!(
            arrived,
            Arrived {
                new: 0,
                edited: 1,
                deleted: 2,
                ended: false
            }
        );
        assert_eq!(ids(&reader.shown.posts), ["b"]);
        assert_eq!(reader.shown.posts[0].text(), "B, corrected.");
        assert!(reader.waiting.is_empty());
        assert_eq!(reader.button_label(), None);
    }

    #[test]
    fn an_older_post_edited_is_fetched_only_by_a_page_that_holds_it() {
        let posts = |edited: bool| {
            let mut posts: Vec<_> = (0..30)
                .map(|n| post(&format!("p{n:02}"), n, &format!("Post {n}.")))
                .collect();
            if edited {
                posts[2] = post("p02", 2, "Post 2, corrected.");
                posts[2]["updated"] = json!("2026-12-05T10:00:00Z");
            }
            feed(posts)
        };
        let before = posts(false);
        let mut holding = opened(&before);
        let page = before.pages_from_oldest()[0]
            .iter()
            .map(|p| (*p).clone())
            .collect();
        let one = LiveFeed {
            posts: page,
            ..before.first_view_only()
        };
        holding.add_older(1, one);
        let mut not_holding = opened(&before);

        let after = posts(true);
        assert_eq!(after.latest().edited.len(), 1);
        let (fetched, arrived) = poll(&mut holding, &after);
        assert_eq!(fetched, ["p02"]);
        assert_eq!(arrived.edited, 1);
        let p02 = holding.shown.posts.iter().find(|p| p.id == "p02").unwrap();
        assert_eq!(p02.text(), "Post 2, corrected.");
        let (fetched, _) = poll(&mut not_holding, &after);
        assert!(fetched.is_empty(), "{fetched:?}");
    }

    #[test]
    fn older_posts_come_a_page_at_a_time_from_the_newest_page() {
        let all = feed(
            (0..60)
                .map(|n| post(&format!("p{n:02}"), n, &format!("Post {n}.")))
                .collect(),
        );
        let pages = all.pages_from_oldest();
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].len(), PAGE_POSTS);
        assert_eq!(pages[2].len(), 60 - 2 * PAGE_POSTS);
        assert_eq!(pages[0].last().unwrap().id, "p00");
        let mut reader = opened(&all);
        assert_eq!(reader.shown.posts.len(), crate::model::FIRST_VIEW_POSTS);
        let mut read = Vec::new();
        while let Some(number) = reader.next_older_page() {
            read.push(number);
            let posts = pages[number as usize - 1]
                .iter()
                .map(|p| (*p).clone())
                .collect();
            reader.add_older(
                number,
                LiveFeed {
                    posts,
                    ..all.first_view_only()
                },
            );
        }
        assert_eq!(read, [3, 2, 1]);
        assert_eq!(reader.shown.posts.len(), 60);
        assert_eq!(reader.shown.posts.last().unwrap().id, "p00");
        let mut shown: Vec<&str> = ids(&reader.shown.posts);
        shown.dedup();
        assert_eq!(shown.len(), 60, "no post twice");
    }

    #[test]
    fn the_page_ending_is_noticed() {
        let mut reader = opened(&feed(vec![post("a", 1, "A.")]));
        let ended = site(json!({ "ended": "2026-12-05T18:00:00Z", "posts": [post("a", 1, "A.")] }));
        let (_, arrived) = poll(&mut reader, &ended);
        assert!(arrived.ended);
        assert!(!reader.shown.is_live());
    }
}
