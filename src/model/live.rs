//! A live page: a story that grows as the news breaks. Its file carries a
//! `live` block (its posts, and when the newsroom ended it); the story's
//! headline, standfirst and key points stay at the top as the summary.
//! The rules for what a reader sees first (the pinned post, key events,
//! the newest posts) live here, not in the view.

use super::blocks::{blocks, keep_showable, Block};
use super::decode::Skipped;
use super::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use std::collections::HashSet;

/// How many words of an untitled post a key event's link shows.
const LABEL_WORDS: usize = 12;

/// How many posts the page shows before "Older posts".
pub const FIRST_VIEW_POSTS: usize = 20;

/// The live block of a story file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Live {
    /// When the newsroom ended the coverage; until then the page is live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Timestamp>,
    /// Every post, in any order (each shown by its `published` time).
    #[serde(deserialize_with = "raw_posts")]
    pub posts: Vec<RawPost>,
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

fn raw_posts<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<RawPost>, D::Error> {
    let raw: Vec<Box<RawValue>> = Vec::deserialize(deserializer)?;
    Ok(raw.into_iter().map(RawPost).collect())
}

/// One post of a live page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LivePost {
    /// Its address on the page: `/news/<slug>#post-<id>`. Lowercase
    /// letters, digits and hyphens, unique within the page.
    pub id: String,
    pub published: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(deserialize_with = "blocks")]
    pub body: Vec<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Listed among the key events at the top of the page.
    #[serde(default)]
    pub key_event: bool,
    /// Shown first, above the newest posts.
    #[serde(default)]
    pub pinned: bool,
}

impl LivePost {
    /// The id of the element the post is, for links to it.
    pub fn anchor(&self) -> String {
        format!("post-{}", self.id)
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
        let text = self.body.iter().find_map(|block| match block {
            Block::Paragraph { text } | Block::Quote { text, .. } => Some(text.as_str()),
            _ => None,
        });
        let mut words = text.unwrap_or_default().split_whitespace();
        let label: Vec<&str> = words.by_ref().take(LABEL_WORDS).collect();
        let more = if words.next().is_some() { "…" } else { "" };
        label.join(" ") + more
    }

    /// Its words, paragraph after paragraph: for search engines' copy of it.
    pub fn text(&self) -> String {
        let texts = self.body.iter().filter_map(|block| match block {
            Block::Paragraph { text } | Block::Subheading { text } | Block::Quote { text, .. } => {
                Some(text.as_str())
            }
            Block::Unsupported { .. } | Block::Broken { .. } => None,
        });
        texts.collect::<Vec<_>>().join("\n\n")
    }

    /// When it last changed.
    pub fn modified(&self) -> Timestamp {
        self.updated_after_publication().unwrap_or(self.published)
    }
}

/// A live page's posts, checked, newest first: what `Article::live` holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiveFeed {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<Timestamp>,
    /// Newest first (by `published`, then by id, so the order is the same
    /// on every build).
    pub posts: Vec<LivePost>,
}

/// What the page shows of a feed, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveView<'a> {
    /// The newest pinned post, shown first.
    pub pinned: Option<&'a LivePost>,
    /// Key events, newest first, as links.
    pub key_events: Vec<&'a LivePost>,
    /// The newest posts (the pinned one not again), at most
    /// [`FIRST_VIEW_POSTS`] with the pinned one.
    pub newest: Vec<&'a LivePost>,
    /// The rest, newest first.
    pub older: Vec<&'a LivePost>,
}

impl Live {
    /// The posts that can be shown, newest first; each one left out (it
    /// could not be read, has a bad or repeated id, or nothing to show) is
    /// reported in `skipped` as `live.posts[i]`.
    pub fn checked(&self, skipped: &mut Vec<Skipped>) -> LiveFeed {
        let mut seen = HashSet::new();
        let mut posts = Vec::with_capacity(self.posts.len());
        for (index, RawPost(raw)) in self.posts.iter().enumerate() {
            let at = format!("live.posts[{index}]");
            let mut post = match serde_json::from_str::<LivePost>(raw.get()) {
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
        posts.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| b.id.cmp(&a.id)));
        LiveFeed {
            ended: self.ended,
            posts,
        }
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
        self.posts.iter().flat_map(|post| {
            let blocks = post.body.iter().filter_map(|block| match block {
                Block::Paragraph { text }
                | Block::Subheading { text }
                | Block::Quote { text, .. } => Some(text.as_str()),
                Block::Unsupported { .. } | Block::Broken { .. } => None,
            });
            post.title.as_deref().into_iter().chain(blocks)
        })
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
        let key_events = self.posts.iter().filter(|post| post.key_event).collect();
        let room = FIRST_VIEW_POSTS - usize::from(pinned.is_some());
        let mut rest = self
            .posts
            .iter()
            .filter(|post| pinned.is_none_or(|pin| pin.id != post.id));
        let newest = rest.by_ref().take(room).collect();
        LiveView {
            pinned,
            key_events,
            newest,
            older: rest.collect(),
        }
    }
}

/// `Article::live`: the live block, its posts checked, those that cannot
/// be shown left out (`Article::from_json` reports them).
pub(crate) fn lenient_live<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<LiveFeed>, D::Error> {
    let live: Option<Live> = Option::deserialize(deserializer)?;
    Ok(live.map(|live| live.checked(&mut Vec::new())))
}

/// What was left out of a story file's live block, if it has one.
pub(crate) fn live_skipped(json: &str) -> Vec<Skipped> {
    #[derive(Deserialize)]
    struct Wire {
        #[serde(default)]
        live: Option<Live>,
    }
    let mut skipped = Vec::new();
    if let Ok(Wire { live: Some(live) }) = serde_json::from_str::<Wire>(json) {
        live.checked(&mut skipped);
    }
    skipped
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
        assert_eq!(ids(&view.key_events), ["p29", "p07"]);
        assert_eq!(view.newest.len() + 1, FIRST_VIEW_POSTS);
        assert_eq!(view.newest[0].id, "p29");
        assert!(!ids(&view.newest).contains(&"p03".to_owned()));
        assert!(!ids(&view.older).contains(&"p03".to_owned()));
        assert_eq!(view.newest.len() + view.older.len() + 1, 30);
        assert_eq!(view.older.last().unwrap().id, "p00");
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
