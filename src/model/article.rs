//! One story, as `/api/v1/articles/<slug>.json` serves it: its decoding
//! and checks, and what the page derives from it (description, reading
//! time). Its body's blocks are `blocks.rs`; lists of stories `story_index.rs`.

use super::blocks::{keep_showable, Block};
use super::correction::{self, Correction};
use super::decode::{Decoded, Skipped};
use super::fields::{self, Fields};
use super::live::{Live, LiveFeed};
use super::tags::{self, Tag};
use super::{is_valid_slug, DecodeError, LeadImage, Timestamp};
use serde::Serialize;
use serde_json::Value;

/// The byline shown when an article names no author.
pub const DEFAULT_BYLINE: &str = "Britain's News Portal";

/// One story, as the story page shows it.
/// Written by serde (`Serialize`); read by [`Article::from_json`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The last segment of the story's URL: `/news/<slug>`.
    pub slug: String,
    pub headline: String,
    /// The paragraph under the headline that sums the story up.
    pub standfirst: String,
    /// Who wrote it, when no author is named: a desk, or the site.
    pub byline: String,
    /// Its authors, by id (`tags.rs`): the byline is then their names,
    /// each linked to their page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Tag>,
    /// What it is about, by id: each topic's page gathers its stories
    /// across sections.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Tag>,
    /// The desk the story belongs to, such as "London" or "Politics".
    pub section: Option<String>,
    pub published: Timestamp,
    pub updated: Option<Timestamp>,
    /// An embargo: the story appears nowhere on the site before this time
    /// (the build holds it back; `scripts/publish --due` publishes it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publish_at: Option<Timestamp>,
    /// What the newsroom put right since publication, and when: newest
    /// first once decoded (`correction.rs`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// The picture under the standfirst. One that cannot be shown (no alt
    /// text, an unsafe address) is left out, and reported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<LeadImage>,
    /// The "Key points" box: short sentences, shown as a list.
    pub key_points: Vec<String>,
    pub body: Vec<Block>,
    pub why_this_matters: Option<String>,
    pub what_this_means_for_you: Option<String>,
    /// True for stories written to show the site working, not real news.
    pub sample: bool,
    /// When the newsroom withdrew the story (a legal takedown): the build
    /// then leaves it out of every page, list, feed and sitemap, and its
    /// address says it was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Timestamp>,
    /// A live page's posts: the story's headline, standfirst and key
    /// points are then its summary (`live.rs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<LiveFeed>,
}

/// What a story is, which chooses its view (`StoryPage`), its head and its
/// structured data: one place decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryFormat {
    /// A finished story.
    Story,
    /// A live page, still live.
    Live,
    /// A live page the newsroom has ended: it reads as a story with posts.
    LiveEnded,
}

fn default_byline() -> String {
    DEFAULT_BYLINE.to_owned()
}

fn require(ok: bool, why: impl FnOnce() -> String) -> Result<(), DecodeError> {
    if ok {
        Ok(())
    } else {
        Err(DecodeError::Invalid(why()))
    }
}

impl Article {
    /// Decodes and checks an article. Missing optional fields take their
    /// defaults; a missing required field or unshowable content is an error.
    /// Blocks that cannot be shown are left out and reported in `skipped`.
    pub fn from_json(json: &str) -> Result<Decoded<Self>, DecodeError> {
        let mut skipped = Vec::new();
        let mut article =
            Article::read(&fields::parse(json)?, &mut skipped).map_err(DecodeError::Malformed)?;
        require(is_valid_slug(&article.slug), || {
            format!(
                "slug \"{}\" is not lowercase words joined by hyphens",
                article.slug
            )
        })?;
        require(!article.headline.trim().is_empty(), || {
            "the headline is blank".into()
        })?;
        keep_showable(&mut article.body, "body", &mut skipped);
        let has_posts = article
            .live
            .as_ref()
            .is_some_and(|live| !live.posts.is_empty());
        require(!article.body.is_empty() || has_posts, || {
            "the body has nothing to show".into()
        })?;
        if article.byline.trim().is_empty() {
            article.byline = default_byline();
        }
        article.authors = tags::linkable(std::mem::take(&mut article.authors));
        article.topics = tags::linkable(std::mem::take(&mut article.topics));
        article.key_points.retain(|point| !point.trim().is_empty());
        article.corrections = correction::newest_first(std::mem::take(&mut article.corrections));
        for section in [
            &mut article.why_this_matters,
            &mut article.what_this_means_for_you,
        ] {
            if section
                .as_deref()
                .is_some_and(|text| text.trim().is_empty())
            {
                *section = None;
            }
        }
        Ok(Decoded {
            value: article,
            skipped,
        })
    }

    /// The story's fields as the file gives them, unchecked; what is left
    /// out (a lead image that cannot be shown, a live page's post) is
    /// reported in `skipped`.
    fn read(value: &Value, skipped: &mut Vec<Skipped>) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        let image = fields.get("image").and_then(|image| {
            LeadImage::from_value(image)
                .map_err(|why| {
                    let why = format!("the lead image was left out: {why}");
                    skipped.push(Skipped::fault("image".into(), why));
                })
                .ok()
        });
        let live = fields.optional("live", |live| Live::feed_of_value(live, skipped))?;
        Ok(Article {
            slug: fields.string("slug")?,
            headline: fields.string("headline")?,
            standfirst: fields.string_or_empty("standfirst")?,
            byline: fields
                .optional_string("byline")?
                .unwrap_or_else(default_byline),
            authors: fields.each("authors", Tag::from_value)?,
            topics: fields.each("topics", Tag::from_value)?,
            section: fields.optional_string("section")?,
            published: fields.time("published")?,
            updated: fields.optional_time("updated")?,
            publish_at: fields.optional_time("publish_at")?,
            corrections: fields.each("corrections", Correction::from_value)?,
            image,
            key_points: fields.strings("key_points")?,
            body: fields
                .required_list("body")?
                .iter()
                .map(Block::from_value)
                .collect(),
            why_this_matters: fields.optional_string("why_this_matters")?,
            what_this_means_for_you: fields.optional_string("what_this_means_for_you")?,
            sample: fields.flag("sample")?,
            withdrawn: fields.optional_time("withdrawn")?,
            live,
        })
    }

    /// The time to show as "Updated", when it is later than publication:
    /// the story's own, or a live page's newest post or edit, or its newest
    /// correction, whichever is latest.
    pub fn updated_after_publication(&self) -> Option<Timestamp> {
        let posts = self.live.as_ref().and_then(LiveFeed::modified);
        let corrected = self.corrections.iter().map(|c| c.at).max();
        self.updated
            .max(posts)
            .max(corrected)
            .filter(|updated| *updated > self.published)
    }

    /// What the story is (see [`StoryFormat`]).
    pub fn format(&self) -> StoryFormat {
        match &self.live {
            None => StoryFormat::Story,
            Some(live) if live.is_live() => StoryFormat::Live,
            Some(_) => StoryFormat::LiveEnded,
        }
    }

    /// Roughly how long the story takes to read, in whole minutes (at
    /// least one): everything under the headline, at 230 words a minute.
    pub fn reading_minutes(&self) -> usize {
        let words = |text: &str| text.split_whitespace().count();
        let blocks = self.body.iter().map(|block| {
            let attribution = match block {
                Block::Quote { attribution, .. } => attribution.as_deref().map_or(0, words),
                _ => 0,
            };
            block.texts().into_iter().map(words).sum::<usize>() + attribution
        });
        let total = words(&self.standfirst)
            + self
                .key_points
                .iter()
                .map(|point| words(point))
                .sum::<usize>()
            + blocks.sum::<usize>()
            + [&self.why_this_matters, &self.what_this_means_for_you]
                .into_iter()
                .flatten()
                .map(|text| words(text))
                .sum::<usize>();
        total.div_ceil(READING_SPEED).max(1)
    }

    /// A one-line description for `<meta name="description">` and share
    /// previews: the standfirst, or the first paragraph when there is none.
    pub fn description(&self) -> &str {
        if !self.standfirst.trim().is_empty() {
            return &self.standfirst;
        }
        self.body
            .iter()
            .find_map(|block| match block {
                Block::Paragraph { text } => Some(text.as_str()),
                _ => None,
            })
            .unwrap_or(&self.headline)
    }
}

/// Words a minute an adult reads a news story at.
const READING_SPEED: usize = 230;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal() -> serde_json::Value {
        json!({
            "slug": "a-story",
            "headline": "A headline",
            "published": "2026-11-26T08:15:00Z",
            "body": [{ "type": "paragraph", "text": "Words." }]
        })
    }

    fn decode(value: serde_json::Value) -> Result<Article, DecodeError> {
        Article::from_json(&value.to_string()).map(|decoded| decoded.value)
    }

    #[test]
    fn a_live_page_is_its_summary_and_its_posts_and_says_what_it_left_out() {
        let mut value = minimal();
        value["body"] = json!([]);
        value["live"] = json!({ "posts": [
            { "id": "first", "published": "2026-11-26T09:00:00Z",
              "body": [{ "type": "paragraph", "text": "It begins." }] },
            { "id": "Not An Id", "published": "2026-11-26T09:05:00Z",
              "body": [{ "type": "paragraph", "text": "Lost." }] },
            { "id": "second", "published": "2026-11-26T09:10:00Z",
              "updated": "2026-11-26T09:40:00Z",
              "body": [{ "type": "paragraph", "text": "It goes on." }] }
        ]});
        let decoded = Article::from_json(&value.to_string()).unwrap();
        let article = decoded.value;
        assert_eq!(article.format(), StoryFormat::Live);
        let live = article.live.as_ref().unwrap();
        let ids: Vec<_> = live.posts.iter().map(|post| post.id.as_str()).collect();
        assert_eq!(ids, ["second", "first"]);
        assert_eq!(decoded.skipped.len(), 1);
        assert_eq!(decoded.skipped[0].at, "live.posts[1]");
        // The page was last changed by the edit to its newest post.
        assert_eq!(
            article.updated_after_publication().unwrap().to_rfc3339(),
            "2026-11-26T09:40:00Z"
        );

        value["live"]["ended"] = json!("2026-11-26T18:00:00Z");
        assert_eq!(
            decode(value.clone()).unwrap().format(),
            StoryFormat::LiveEnded
        );
        // A live page with no post to show and no body has nothing to show.
        value["live"]["posts"] = json!([]);
        assert!(decode(value).is_err());
    }

    #[test]
    fn a_story_without_a_live_block_is_a_story() {
        assert_eq!(decode(minimal()).unwrap().format(), StoryFormat::Story);
    }

    #[test]
    fn missing_optional_fields_fall_back_sensibly() {
        let article = decode(minimal()).unwrap();
        assert_eq!(article.byline, DEFAULT_BYLINE);
        assert_eq!(article.standfirst, "");
        assert!(article.key_points.is_empty());
        assert_eq!(article.why_this_matters, None);
        assert_eq!(article.what_this_means_for_you, None);
        assert_eq!(article.updated, None);
        assert!(!article.sample);
        assert_eq!(article.description(), "Words.");
    }

    #[test]
    fn blank_optional_text_counts_as_missing() {
        let mut value = minimal();
        value["byline"] = json!("  ");
        value["why_this_matters"] = json!("");
        value["key_points"] = json!(["One", " "]);
        let article = decode(value).unwrap();
        assert_eq!(article.byline, DEFAULT_BYLINE);
        assert_eq!(article.why_this_matters, None);
        assert_eq!(article.key_points, vec!["One"]);
    }

    #[test]
    fn each_missing_required_field_is_a_malformed_error_naming_it() {
        for field in ["slug", "headline", "published", "body"] {
            let mut value = minimal();
            value.as_object_mut().unwrap().remove(field);
            match decode(value) {
                Err(DecodeError::Malformed(why)) => assert!(why.contains(field), "{why}"),
                other => panic!("without {field}: {other:?}"),
            }
        }
    }

    #[test]
    fn malformed_input_is_a_malformed_error() {
        let cases = [
            "",
            "not json",
            "{\"slug\": ",
            "[]",
            "null",
            r#"{"slug":"a","headline":"b","published":"yesterday","body":[]}"#,
            r#"{"slug":"a","headline":"b","published":"2026-11-26T08:15:00Z","body":"text"}"#,
            r#"{"slug":"a","headline":7,"published":"2026-11-26T08:15:00Z","body":[]}"#,
        ];
        for json in cases {
            assert!(
                matches!(Article::from_json(json), Err(DecodeError::Malformed(_))),
                "{json:?}"
            );
        }
    }

    #[test]
    fn content_that_cannot_be_shown_is_an_invalid_error() {
        let cases = [
            ("headline", json!("   ")),
            ("slug", json!("Not A Slug")),
            ("slug", json!("../../etc")),
            ("body", json!([])),
            ("body", json!([{ "type": "hologram" }])),
        ];
        for (field, bad) in cases {
            let mut value = minimal();
            value[field] = bad.clone();
            assert!(
                matches!(decode(value), Err(DecodeError::Invalid(_))),
                "{field} = {bad}"
            );
        }
    }

    #[test]
    fn unknown_block_types_are_skipped_not_fatal() {
        let mut value = minimal();
        value["body"] = json!([
            { "type": "hologram", "src": "x" },
            { "type": "subheading", "text": "Then" },
            { "type": "quote", "text": "Said.", "attribution": "Someone" }
        ]);
        let decoded = Article::from_json(&value.to_string()).unwrap();
        assert_eq!(decoded.skipped.len(), 1);
        assert_eq!(decoded.skipped[0].at, "body[0]");
        assert!(decoded.skipped[0].unknown_kind);
        let article = decoded.value;
        assert_eq!(
            article.body,
            vec![
                Block::Subheading {
                    text: "Then".into()
                },
                Block::Quote {
                    text: "Said.".into(),
                    attribution: Some("Someone".into())
                },
            ]
        );
    }

    #[test]
    fn a_block_that_cannot_be_read_costs_only_that_block() {
        let mut value = minimal();
        value["body"] = json!([
            { "type": "paragraph", "text": 5 },
            { "type": "paragraph" },
            { "text": "No type" },
            "just a string",
            { "type": "quote", "text": "Said.", "attribution": "  " },
            { "type": "paragraph", "text": "Kept." }
        ]);
        let decoded = Article::from_json(&value.to_string()).unwrap();
        let at: Vec<_> = decoded.skipped.iter().map(|s| s.at.as_str()).collect();
        assert_eq!(at, ["body[0]", "body[1]", "body[2]", "body[3]"]);
        assert!(decoded.skipped.iter().all(|s| !s.unknown_kind));
        assert_eq!(
            decoded.value.body,
            vec![
                Block::Quote {
                    text: "Said.".into(),
                    attribution: None
                },
                Block::Paragraph {
                    text: "Kept.".into()
                }
            ]
        );
    }

    #[test]
    fn what_the_build_writes_the_browser_reads_back_the_same() {
        let article = decode(minimal()).unwrap();
        let json = serde_json::to_string(&article).unwrap();
        assert_eq!(Article::from_json(&json).unwrap().value, article);
    }

    #[test]
    fn updated_is_shown_only_when_after_publication() {
        let mut value = minimal();
        value["updated"] = json!("2026-11-26T08:15:00Z");
        assert_eq!(
            decode(value.clone()).unwrap().updated_after_publication(),
            None
        );
        value["updated"] = json!("2026-11-26T09:00:00Z");
        assert!(decode(value).unwrap().updated_after_publication().is_some());
    }

    #[test]
    fn a_lead_image_that_cannot_be_shown_costs_only_the_image() {
        let mut value = minimal();
        value["image"] = json!({ "src": "/images/a.webp", "alt": "", "width": 640, "height": 360 });
        let decoded = Article::from_json(&value.to_string()).unwrap();
        assert_eq!(decoded.value.image, None);
        assert_eq!(decoded.skipped.len(), 1);
        assert_eq!(decoded.skipped[0].at, "image");
        assert!(decoded.skipped[0].why.contains("no alt text"));
        assert!(!decoded.skipped[0].unknown_kind);

        value["image"] = json!("a string");
        let decoded = Article::from_json(&value.to_string()).unwrap();
        assert_eq!((decoded.value.image, decoded.skipped.len()), (None, 1));

        value["image"] =
            json!({ "src": "/images/a.webp", "alt": "Hills", "width": 640, "height": 360 });
        let decoded = Article::from_json(&value.to_string()).unwrap();
        assert!(decoded.skipped.is_empty());
        let image = decoded.value.image.clone().unwrap();
        assert_eq!((image.width, image.height), (640, 360));
        assert_eq!(
            crate::model::ArticleSummary::from(&decoded.value).image,
            Some(image)
        );

        value["image"] = json!(null);
        let decoded = Article::from_json(&value.to_string()).unwrap();
        assert_eq!((decoded.value.image, decoded.skipped.len()), (None, 0));
    }

    #[test]
    fn reading_time_counts_every_word_under_the_headline() {
        let mut value = minimal();
        assert_eq!(decode(value.clone()).unwrap().reading_minutes(), 1);
        let words = |n: usize| vec!["word"; n].join(" ");
        value["standfirst"] = json!(words(30));
        value["key_points"] = json!([words(20)]);
        value["body"] = json!([
            { "type": "paragraph", "text": words(200) },
            { "type": "quote", "text": words(10), "attribution": "Two words" }
        ]);
        value["why_this_matters"] = json!(words(8));
        // 30 + 20 + 200 + 12 + 8 = 270 words: just over a minute.
        assert_eq!(decode(value.clone()).unwrap().reading_minutes(), 2);
        value["body"] = json!([{ "type": "paragraph", "text": words(170) }]);
        // 30 + 20 + 170 + 8 = 228.
        assert_eq!(decode(value).unwrap().reading_minutes(), 1);
    }
}
