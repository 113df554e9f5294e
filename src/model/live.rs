//! A live page: a story that grows as the news breaks. Its file carries a
//! `live` block (its posts, and when the newsroom ended it); the story's
//! headline, standfirst and key points stay at the top as the summary.
//! The rules for what a reader sees first (the pinned post, key events,
//! the newest posts) live here, not in the view.

use super::blocks::{keep_showable, Block};
use super::decode::Skipped;
use super::fields::Fields;
use super::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::HashSet;

/// How many words of an untitled post a key event's link shows.
const LABEL_WORDS: usize = 12;

/// How many posts the page shows before "Older posts", at most…
pub const FIRST_VIEW_POSTS: usize = 20;

/// …and how much of their words (titles and text, in bytes): long posts
/// make a shorter first view, so that the page of a live page of any
/// length stays small (the first post is shown whatever its length).
pub const FIRST_VIEW_TEXT_BYTES: usize = 10 * 1024;

/// How many posts a page of older posts holds: the posts are cut into
/// pages from the oldest, so a full page never changes as posts arrive.
pub const PAGE_POSTS: usize = 25;

/// How many edited older posts the latest file names.
pub const EDITS_LISTED: usize = 50;

/// The live block of a story file; or, as the build writes it into the
/// story's JSON, of its first view (then `key_events`, `pages` and
/// `total` say what the rest holds).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Live {
    /// When the newsroom ended the coverage; until then the page is live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Timestamp>,
    /// Every post, in any order (each shown by its `published` time).
    #[serde(deserialize_with = "raw_posts")]
    pub posts: Vec<RawPost>,
    /// The ids of posts taken down: an open page drops them at its next
    /// poll. A post listed here is never shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<String>,
    /// Every key event, when `posts` is the first view only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_events: Option<Vec<KeyEvent>>,
    /// How many pages of older posts there are (`PAGE_POSTS` each).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pages: u32,
    /// How many posts there are in all, when `posts` is the first view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A post as the file holds it, decoded on its own so that one bad post
/// costs only that post ([`Live::checked`]).
#[derive(Debug, Clone)]
pub struct RawPost(pub Box<RawValue>);

impl PartialEq for RawPost {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

impl Serialize for RawPost {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

pub(super) fn raw_posts<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<RawPost>, D::Error> {
    let raw: Vec<Box<RawValue>> = Vec::deserialize(deserializer)?;
    Ok(raw.into_iter().map(RawPost).collect())
}

/// One post of a live page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LivePost {
    /// Its address on the page: `/news/<slug>#post-<id>`. Lowercase
    /// letters, digits and hyphens, unique within the page.
    pub id: String,
    pub published: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub body: Vec<Block>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Listed among the key events at the top of the page.
    pub key_event: bool,
    /// Shown first, above the newest posts.
    pub pinned: bool,
    /// Which copy of the post this is: the build writes it, and it changes
    /// whenever the post does. (A story file has none.)
    #[serde(skip_serializing_if = "String::is_empty")]
    pub version: String,
}

/// A key event, as the list at the top of the page links to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyEvent {
    pub id: String,
    pub label: String,
    pub published: Timestamp,
    /// The page of posts its post is on (`Route::LivePosts`), where a
    /// reader without the app finds a post older than the first view.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub page: u32,
}

impl KeyEvent {
    /// The key event of `post`, the `from_oldest`th post (0 the oldest).
    pub fn of(post: &LivePost, from_oldest: usize) -> Self {
        KeyEvent {
            id: post.id.clone(),
            label: post.label(),
            published: post.published,
            page: u32::try_from(from_oldest / PAGE_POSTS + 1).unwrap_or(u32::MAX),
        }
    }

    /// The id of its post's element.
    pub fn anchor(&self) -> String {
        post_anchor(&self.id)
    }
}

/// A post as the latest file names it: which copy of it is current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostVersion {
    pub id: String,
    pub version: String,
}

/// What an open page asks for every poll (`api/v1/live/<slug>/latest.json`):
/// small, whatever the page's length. It names the first view's posts and
/// their versions (the page fetches only those it lacks or holds an older
/// copy of), the posts taken down, every key event, and whether the page
/// has ended.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveLatest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Timestamp>,
    /// The first view's posts, in its order (the pinned one first).
    #[serde(default)]
    pub posts: Vec<PostVersion>,
    /// Older posts edited since they were published, the latest edits
    /// first (at most [`EDITS_LISTED`]): a page holding one refetches it.
    #[serde(default)]
    pub edited: Vec<PostVersion>,
    #[serde(default)]
    pub deleted: Vec<String>,
    #[serde(default)]
    pub key_events: Vec<KeyEvent>,
    #[serde(default)]
    pub pages: u32,
    #[serde(default)]
    pub total: usize,
}

impl LiveLatest {
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|err| err.to_string())
    }
}

impl LivePost {
    /// The id of the element the post is, for links to it.
    pub fn anchor(&self) -> String {
        post_anchor(&self.id)
    }

    /// The time to show as "Updated", when it is later than publication.
    pub fn updated_after_publication(&self) -> Option<Timestamp> {
        self.updated.filter(|updated| *updated > self.published)
    }

    /// What a link to it says among the key events: its title, or the
    /// first words of its first paragraph.
    pub fn label(&self) -> String {
        if let Some(title) = &self.title {
            return title.clone();
        }
        let text = self.body.iter().find_map(Block::prose);
        let mut words = text.unwrap_or_default().split_whitespace();
        let label: Vec<&str> = words.by_ref().take(LABEL_WORDS).collect();
        let more = if words.next().is_some() { "…" } else { "" };
        label.join(" ") + more
    }

    /// Its words, paragraph after paragraph: for search engines' copy of it.
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.body.iter().flat_map(Block::texts).collect();
        texts.join("\n\n")
    }

    /// Its title, then its blocks' words: what search reads, and what the
    /// first view counts.
    fn words(&self) -> impl Iterator<Item = &str> {
        let blocks = self.body.iter().flat_map(Block::texts);
        self.title.as_deref().into_iter().chain(blocks)
    }

    /// How long its words are, in bytes: what the first view counts.
    pub fn text_bytes(&self) -> usize {
        self.words().map(str::len).sum()
    }

    /// When it last changed.
    pub fn modified(&self) -> Timestamp {
        self.updated_after_publication().unwrap_or(self.published)
    }
}

/// A live page's posts, checked, newest first: what `Article::live` holds.
/// Serialized, it is the live block of the story's JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiveFeed {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<Timestamp>,
    /// Newest first (by `published`, then by id, so the order is the same
    /// on every build).
    pub posts: Vec<LivePost>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<String>,
    /// Every key event, newest first (of all posts, not only these).
    pub key_events: Vec<KeyEvent>,
    /// How many pages of older posts the build wrote.
    #[serde(skip_serializing_if = "is_zero")]
    pub pages: u32,
    /// How many posts the page has in all.
    pub total: usize,
}

/// What the page shows of a feed, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveView<'a> {
    /// The newest pinned post, shown first.
    pub pinned: Option<&'a LivePost>,
    /// Key events, newest first, as links.
    pub key_events: &'a [KeyEvent],
    /// The newest posts (the pinned one not again), at most
    /// [`FIRST_VIEW_POSTS`] with the pinned one, and as many as fit in
    /// [`FIRST_VIEW_TEXT_BYTES`].
    pub newest: Vec<&'a LivePost>,
    /// The rest, newest first.
    pub older: Vec<&'a LivePost>,
}

impl Live {
    /// The posts that can be shown, newest first; each one left out (it
    /// could not be read, has a bad or repeated id, or nothing to show) is
    /// reported in `skipped` as `live.posts[i]`.
    pub fn checked(&self, skipped: &mut Vec<Skipped>) -> LiveFeed {
        let posts = self.posts.iter().map(|RawPost(raw)| {
            let value = serde_json::from_str(raw.get()).map_err(|err| err.to_string())?;
            LivePost::from_value(&value)
        });
        self.checked_posts(posts, skipped)
    }

    /// The same, of posts already read (`posts` in place of the block's
    /// own, which are not looked at).
    fn checked_posts(
        &self,
        read: impl Iterator<Item = Result<LivePost, String>>,
        skipped: &mut Vec<Skipped>,
    ) -> LiveFeed {
        let mut seen = HashSet::new();
        let deleted: HashSet<&str> = self.deleted.iter().map(String::as_str).collect();
        let mut posts = Vec::new();
        for (index, post) in read.enumerate() {
            let at = format!("live.posts[{index}]");
            let mut post = match post {
                Ok(post) => post,
                Err(err) => {
                    skipped.push(Skipped::fault(
                        at,
                        format!("the post could not be read: {err}"),
                    ));
                    continue;
                }
            };
            if !is_valid_post_id(&post.id) {
                let why = format!(
                    "the post's id \"{}\" is not lowercase letters, digits and hyphens",
                    post.id
                );
                skipped.push(Skipped::fault(at, why));
                continue;
            }
            if deleted.contains(post.id.as_str()) {
                let why = format!(
                    "the post \"{}\" is listed in `deleted` but still in `posts`: \
                     take it out of `posts` (while listed, it is shown nowhere)",
                    post.id
                );
                skipped.push(Skipped::fault(at, why));
                continue;
            }
            if !seen.insert(post.id.clone()) {
                let why = format!("another post has the id \"{}\"", post.id);
                skipped.push(Skipped::fault(at, why));
                continue;
            }
            keep_showable(&mut post.body, &format!("{at}.body"), skipped);
            post.title = post.title.filter(|title| !title.trim().is_empty());
            post.author = post.author.filter(|author| !author.trim().is_empty());
            if post.body.is_empty() {
                skipped.push(Skipped::fault(at, "the post has nothing to show"));
                continue;
            }
            posts.push(post);
        }
        posts.sort_by(newest_first);
        let key_events = match &self.key_events {
            Some(given) => given.clone(),
            None => posts
                .iter()
                .rev()
                .enumerate()
                .filter(|(_, post)| post.key_event)
                .map(|(from_oldest, post)| KeyEvent::of(post, from_oldest))
                .rev()
                .collect(),
        };
        // A story file's posts are all of them: the build cuts them into
        // pages. The story's JSON says how many it cut.
        let pages = match self.total {
            Some(_) => self.pages,
            None => u32::try_from(posts.len().div_ceil(PAGE_POSTS)).unwrap_or(u32::MAX),
        };
        LiveFeed {
            ended: self.ended,
            total: self.total.unwrap_or(posts.len()),
            posts,
            deleted: self.deleted.clone(),
            key_events,
            pages,
        }
    }
}

impl Live {
    /// A story file's live block, already parsed: its posts checked as
    /// [`Live::checked`] checks them, each left out reported in `skipped`.
    pub(crate) fn feed_of_value(
        value: &Value,
        skipped: &mut Vec<Skipped>,
    ) -> Result<LiveFeed, String> {
        let fields = Fields::of(value)?;
        let total = fields
            .optional_count("total")?
            .map(|total| usize::try_from(total).unwrap_or(usize::MAX));
        let live = Live {
            ended: fields.optional_time("ended")?,
            posts: Vec::new(),
            deleted: fields.strings("deleted")?,
            key_events: fields.optional_each("key_events", KeyEvent::from_value)?,
            pages: fields.count_or_zero("pages")?,
            total,
        };
        let posts = fields.required_list("posts")?;
        Ok(live.checked_posts(posts.iter().map(LivePost::from_value), skipped))
    }
}

impl LivePost {
    fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        Ok(LivePost {
            id: fields.string("id")?,
            published: fields.time("published")?,
            updated: fields.optional_time("updated")?,
            title: fields.optional_string("title")?,
            body: fields
                .required_list("body")?
                .iter()
                .map(Block::from_value)
                .collect(),
            author: fields.optional_string("author")?,
            key_event: fields.flag("key_event")?,
            pinned: fields.flag("pinned")?,
            version: fields.string_or_empty("version")?,
        })
    }
}

impl KeyEvent {
    fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        Ok(KeyEvent {
            id: fields.string("id")?,
            label: fields.string("label")?,
            published: fields.time("published")?,
            page: fields.count_or_zero("page")?,
        })
    }
}

/// The order posts are shown in: newest first, by id within a second (so
/// it is the same on every build).
pub fn newest_first(a: &LivePost, b: &LivePost) -> std::cmp::Ordering {
    b.published.cmp(&a.published).then_with(|| b.id.cmp(&a.id))
}

impl LivePost {
    /// One post on its own (`api/v1/live/<slug>/posts/<id>.json`), checked
    /// as a story file's posts are; `None` if it cannot be shown.
    pub fn from_json(text: &str) -> Option<LivePost> {
        let raw = serde_json::from_str::<Box<RawValue>>(text).ok()?;
        let live = Live {
            posts: vec![RawPost(raw)],
            ..Live::default()
        };
        live.checked(&mut Vec::new()).posts.pop()
    }
}

impl LiveView<'_> {
    /// The posts the page shows first, in its order: the pinned one, then
    /// the newest.
    pub fn first_view(&self) -> impl Iterator<Item = &LivePost> {
        self.pinned.into_iter().chain(self.newest.iter().copied())
    }
}

impl LiveFeed {
    /// Every post's title and words, newest post first: what search reads.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.posts.iter().flat_map(LivePost::words)
    }

    /// Whether the coverage goes on.
    pub fn is_live(&self) -> bool {
        self.ended.is_none()
    }

    /// When the page last changed: its newest post's publication or edit.
    pub fn modified(&self) -> Option<Timestamp> {
        self.posts.iter().map(LivePost::modified).max()
    }

    /// What the page shows, in order (see [`LiveView`]).
    pub fn view(&self) -> LiveView<'_> {
        let pinned = self.posts.iter().find(|post| post.pinned);
        let key_events = &self.key_events;
        let room = FIRST_VIEW_POSTS - usize::from(pinned.is_some());
        let mut words = pinned.map_or(0, LivePost::text_bytes);
        let mut rest = self
            .posts
            .iter()
            .filter(|post| pinned.is_none_or(|pin| pin.id != post.id))
            .peekable();
        let mut newest = Vec::with_capacity(room);
        while let Some(post) = rest.next_if(|post| {
            let fits = words + post.text_bytes() <= FIRST_VIEW_TEXT_BYTES;
            newest.len() < room && (fits || (newest.is_empty() && pinned.is_none()))
        }) {
            words += post.text_bytes();
            newest.push(post);
        }
        LiveView {
            pinned,
            key_events,
            newest,
            older: rest.collect(),
        }
    }
}

impl LiveFeed {
    /// The feed as the story's JSON carries it: the first view's posts only,
    /// with every key event, and how many posts and pages the rest make.
    /// (Not the ids taken down: those are the latest file's alone.)
    pub fn first_view_only(&self) -> LiveFeed {
        let first: Vec<LivePost> = self.view().first_view().cloned().collect();
        LiveFeed {
            posts: first,
            deleted: Vec::new(),
            ..self.clone_without_posts()
        }
    }

    /// The latest file: the first view's posts by id and version, and
    /// the older posts edited last.
    pub fn latest(&self) -> LiveLatest {
        let version = |post: &LivePost| PostVersion {
            id: post.id.clone(),
            version: post.version.clone(),
        };
        let view = self.view();
        let mut edited: Vec<&LivePost> = view
            .older
            .iter()
            .copied()
            .filter(|post| post.updated_after_publication().is_some())
            .collect();
        edited.sort_by(|a, b| {
            b.modified()
                .cmp(&a.modified())
                .then_with(|| b.id.cmp(&a.id))
        });
        LiveLatest {
            ended: self.ended,
            posts: view.first_view().map(version).collect(),
            edited: edited.into_iter().take(EDITS_LISTED).map(version).collect(),
            deleted: self.deleted.clone(),
            key_events: self.key_events.clone(),
            pages: self.pages,
            total: self.total,
        }
    }

    /// The pages of older posts, cut from the oldest ([`PAGE_POSTS`]
    /// each; the last may be short), each newest first. Page 1 is the
    /// oldest.
    pub fn pages_from_oldest(&self) -> Vec<Vec<&LivePost>> {
        let oldest_first: Vec<&LivePost> = self.posts.iter().rev().collect();
        oldest_first
            .chunks(PAGE_POSTS)
            .map(|page| page.iter().rev().copied().collect())
            .collect()
    }

    /// The feed with each post's `version` set by `version_of` (the build
    /// uses a fingerprint of the post).
    pub fn with_versions(mut self, version_of: impl Fn(&LivePost) -> String) -> LiveFeed {
        for post in &mut self.posts {
            post.version = String::new();
            post.version = version_of(post);
        }
        self
    }

    fn clone_without_posts(&self) -> LiveFeed {
        LiveFeed {
            ended: self.ended,
            posts: Vec::new(),
            deleted: self.deleted.clone(),
            key_events: self.key_events.clone(),
            pages: self.pages,
            total: self.total,
        }
    }
}

/// The element a post is, `post-<id>`: its address is the page's with
/// `#` and this.
pub fn post_anchor(id: &str) -> String {
    format!("post-{id}")
}

/// The post id an element id names, if it names one.
pub fn post_of_anchor(anchor: &str) -> Option<&str> {
    anchor
        .strip_prefix("post-")
        .filter(|id| is_valid_post_id(id))
}

/// A post's id: what can follow `#post-` in an address.
pub fn is_valid_post_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn post(id: &str, minute: u32) -> serde_json::Value {
        json!({
            "id": id,
            "published": format!("2026-12-05T09:{minute:02}:00Z"),
            "body": [{ "type": "paragraph", "text": format!("Post {id}.") }]
        })
    }

    fn feed(posts: Vec<serde_json::Value>) -> (LiveFeed, Vec<Skipped>) {
        let live: Live = serde_json::from_value(json!({ "posts": posts })).unwrap();
        let mut skipped = Vec::new();
        (live.checked(&mut skipped), skipped)
    }

    fn ids(posts: &[&LivePost]) -> Vec<String> {
        posts.iter().map(|post| post.id.clone()).collect()
    }

    #[test]
    fn posts_are_shown_newest_first_whatever_the_file_order() {
        let (feed, skipped) = feed(vec![post("b", 10), post("a", 5), post("c", 20)]);
        assert!(skipped.is_empty());
        assert_eq!(ids(&feed.posts.iter().collect::<Vec<_>>()), ["c", "b", "a"]);
        assert!(feed.is_live());
        assert_eq!(
            feed.modified().unwrap().to_rfc3339(),
            "2026-12-05T09:20:00Z"
        );
    }

    #[test]
    fn a_bad_post_costs_only_itself_and_is_reported_where_it_is() {
        let mut no_body = post("empty", 1);
        no_body["body"] = json!([{ "type": "paragraph", "text": " " }]);
        let (feed, skipped) = feed(vec![
            post("good", 3),
            json!({ "id": "no-time", "body": [] }),
            post("Bad Id", 2),
            post("good", 4),
            no_body,
        ]);
        assert_eq!(ids(&feed.posts.iter().collect::<Vec<_>>()), ["good"]);
        let at: Vec<_> = skipped.iter().map(|s| s.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "live.posts[1]",
                "live.posts[2]",
                "live.posts[3]",
                "live.posts[4].body[0]",
                "live.posts[4]"
            ]
        );
        assert!(skipped[2].why.contains("another post has the id \"good\""));
        assert!(skipped[4].why.contains("nothing to show"));
    }

    #[test]
    fn the_pinned_post_comes_first_and_not_again_and_the_first_view_holds_twenty() {
        let mut posts: Vec<_> = (0..30).map(|n| post(&format!("p{n:02}"), n)).collect();
        posts[3]["pinned"] = json!(true);
        posts[7]["key_event"] = json!(true);
        posts[29]["key_event"] = json!(true);
        let (feed, _) = feed(posts);
        let view = feed.view();
        assert_eq!(view.pinned.unwrap().id, "p03");
        let key_events: Vec<&str> = view.key_events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(key_events, ["p29", "p07"]);
        // Each on its page of posts, cut from the oldest: p07 the 8th of
        // 30, p29 the 30th.
        let pages: Vec<u32> = view.key_events.iter().map(|e| e.page).collect();
        assert_eq!(pages, [2, 1]);
        assert_eq!(view.newest.len() + 1, FIRST_VIEW_POSTS);
        assert_eq!(view.newest[0].id, "p29");
        assert!(!ids(&view.newest).contains(&"p03".to_owned()));
        assert!(!ids(&view.older).contains(&"p03".to_owned()));
        assert_eq!(view.newest.len() + view.older.len() + 1, 30);
        assert_eq!(view.older.last().unwrap().id, "p00");
    }

    #[test]
    fn a_post_listed_as_deleted_is_shown_nowhere_and_reported() {
        let live: Live = serde_json::from_value(json!({
            "posts": [post("kept", 1), post("gone", 2)],
            "deleted": ["gone"],
        }))
        .unwrap();
        let mut skipped = Vec::new();
        let feed = live.checked(&mut skipped);
        assert_eq!(ids(&feed.posts.iter().collect::<Vec<_>>()), ["kept"]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].at, "live.posts[1]");
        assert!(skipped[0].why.contains("take it out of `posts`"));
        assert_eq!(feed.latest().deleted, ["gone"]);
        assert!(feed.first_view_only().deleted.is_empty());
    }

    #[test]
    fn the_story_json_carries_the_first_view_and_the_latest_file_names_it() {
        let mut posts: Vec<_> = (0..60).map(|n| post(&format!("p{n:02}"), n)).collect();
        posts[10]["key_event"] = json!(true);
        posts[5]["updated"] = json!("2026-12-05T11:00:00Z");
        let (feed, _) = feed(posts);
        let feed = feed.with_versions(|post| post.id.to_uppercase());
        assert_eq!((feed.total, feed.pages), (60, 3));
        let first = feed.first_view_only();
        assert_eq!(first.posts.len(), FIRST_VIEW_POSTS);
        assert_eq!((first.total, first.pages), (60, 3));
        // Older than the first view, but still among the key events.
        assert_eq!(first.key_events[0].id, "p10");
        let latest = feed.latest();
        let named: Vec<&str> = latest.posts.iter().map(|p| p.id.as_str()).collect();
        let shown: Vec<&str> = first.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(named, shown);
        assert_eq!(latest.posts[0].version, "P59");
        assert_eq!(
            latest.edited,
            [PostVersion {
                id: "p05".into(),
                version: "P05".into()
            }]
        );
        // The story's JSON read back is the same first view.
        let json = serde_json::to_string(&first).unwrap();
        let again: Live = serde_json::from_str(&json).unwrap();
        assert_eq!(again.checked(&mut Vec::new()), first);
    }

    #[test]
    fn long_posts_make_a_shorter_first_view_but_never_an_empty_one() {
        let long = |id: &str, minute: u32| {
            let mut post = post(id, minute);
            post["body"] = json!([{ "type": "paragraph", "text": "word ".repeat(1_000) }]);
            post
        };
        let (ten, _) = feed((0..10).map(|n| long(&format!("p{n}"), n)).collect());
        let view = ten.view();
        // 5,000 bytes each: two fit in 10 KiB.
        assert_eq!(ids(&view.newest), ["p9", "p8"]);
        assert_eq!(view.older.len(), 8);
        let mut huge = post("huge", 30);
        huge["body"] = json!([{ "type": "paragraph", "text": "word ".repeat(10_000) }]);
        let (two, _) = feed(vec![huge, post("small", 1)]);
        assert_eq!(ids(&two.view().newest), ["huge"]);
    }

    #[test]
    fn an_ended_page_is_not_live() {
        let live: Live = serde_json::from_value(
            json!({ "ended": "2026-12-05T18:00:00Z", "posts": [post("a", 1)] }),
        )
        .unwrap();
        assert!(!live.checked(&mut Vec::new()).is_live());
    }

    #[test]
    fn an_edit_shows_as_updated_only_when_later() {
        let (feed, _) = feed(vec![json!({
            "id": "a",
            "published": "2026-12-05T09:00:00Z",
            "updated": "2026-12-05T09:30:00Z",
            "body": [{ "type": "paragraph", "text": "Corrected." }]
        })]);
        let post = &feed.posts[0];
        assert_eq!(
            post.updated_after_publication().unwrap().to_rfc3339(),
            "2026-12-05T09:30:00Z"
        );
        assert_eq!(post.anchor(), "post-a");
        assert_eq!(post.label(), "Corrected.");
    }

    #[test]
    fn a_key_event_is_labelled_by_its_title_or_its_first_words() {
        let mut long = post("long", 1);
        long["body"] = json!([{ "type": "paragraph", "text": "one two three four five six seven eight nine ten eleven twelve thirteen" }]);
        let mut titled = post("titled", 2);
        titled["title"] = json!("The Chancellor stands up");
        let (feed, _) = feed(vec![long, titled]);
        assert_eq!(feed.posts[0].label(), "The Chancellor stands up");
        assert_eq!(
            feed.posts[1].label(),
            "one two three four five six seven eight nine ten eleven twelve…"
        );
    }

    #[test]
    fn post_ids_are_what_an_address_can_carry() {
        assert!(is_valid_post_id("budget-2026-0931"));
        for bad in ["", "A", "a b", "a/b", "<script>", &"a".repeat(65)] {
            assert!(!is_valid_post_id(bad), "{bad}");
        }
    }
}
