//! Articles and the front-page index, as served by `/api/v1`.

use super::{DecodeError, Timestamp};
use serde::{Deserialize, Serialize};

/// The byline shown when an article names no author.
pub const DEFAULT_BYLINE: &str = "Britain's News Portal";

/// One story, as the story page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The last segment of the story's URL: `/news/<slug>`.
    pub slug: String,
    pub headline: String,
    /// The paragraph under the headline that sums the story up.
    #[serde(default)]
    pub standfirst: String,
    #[serde(default = "default_byline")]
    pub byline: String,
    /// The desk the story belongs to, such as "London" or "Politics".
    #[serde(default)]
    pub section: Option<String>,
    pub published: Timestamp,
    #[serde(default)]
    pub updated: Option<Timestamp>,
    /// The "Key points" box: short sentences, shown as a list.
    #[serde(default)]
    pub key_points: Vec<String>,
    pub body: Vec<Block>,
    #[serde(default)]
    pub why_this_matters: Option<String>,
    #[serde(default)]
    pub what_this_means_for_you: Option<String>,
    /// True for stories written to show the site working, not real news.
    #[serde(default)]
    pub sample: bool,
}

/// A piece of an article's body. Each kind has a component of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    Subheading {
        text: String,
    },
    Quote {
        text: String,
        #[serde(default)]
        attribution: Option<String>,
    },
    /// A kind of block this version of the site does not know yet. It is
    /// skipped rather than failing the whole story.
    #[serde(other)]
    Unsupported,
}

/// A line on the front page: enough to choose a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub headline: String,
    #[serde(default)]
    pub standfirst: String,
    #[serde(default)]
    pub section: Option<String>,
    pub published: Timestamp,
    #[serde(default)]
    pub sample: bool,
}

/// `/api/v1/articles/index.json`: the latest stories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontPage {
    pub articles: Vec<ArticleSummary>,
}

fn default_byline() -> String {
    DEFAULT_BYLINE.to_owned()
}

/// Slugs are lowercase ASCII words joined by single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 120
        && slug.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
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
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        let mut article: Article = serde_json::from_str(json).map_err(DecodeError::from_serde)?;
        require(is_valid_slug(&article.slug), || {
            format!(
                "slug {:?} is not lowercase words joined by hyphens",
                article.slug
            )
        })?;
        require(!article.headline.trim().is_empty(), || {
            "the headline is blank".into()
        })?;
        article
            .body
            .retain(|block| !matches!(block, Block::Unsupported));
        require(!article.body.is_empty(), || {
            "the body has nothing to show".into()
        })?;
        if article.byline.trim().is_empty() {
            article.byline = default_byline();
        }
        article.key_points.retain(|point| !point.trim().is_empty());
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
        Ok(article)
    }

    /// The time to show as "Updated", when it is later than publication.
    pub fn updated_after_publication(&self) -> Option<Timestamp> {
        self.updated.filter(|updated| *updated > self.published)
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

impl FrontPage {
    /// Decodes the index, newest story first. Entries that cannot be linked
    /// (a bad slug or a blank headline) are left out rather than failing the page.
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        let mut page: FrontPage = serde_json::from_str(json).map_err(DecodeError::from_serde)?;
        page.articles
            .retain(|story| is_valid_slug(&story.slug) && !story.headline.trim().is_empty());
        page.articles
            .sort_by_key(|story| std::cmp::Reverse(story.published));
        Ok(page)
    }
}

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
        Article::from_json(&value.to_string())
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
        let article = decode(value).unwrap();
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
    fn front_page_lists_newest_first_and_drops_unlinkable_entries() {
        let json = json!({ "articles": [
            { "slug": "older", "headline": "Older", "published": "2026-11-20T08:00:00Z" },
            { "slug": "Bad Slug", "headline": "Bad", "published": "2026-11-27T08:00:00Z" },
            { "slug": "newer", "headline": "Newer", "published": "2026-11-26T08:00:00Z" },
            { "slug": "blank", "headline": " ", "published": "2026-11-26T08:00:00Z" }
        ]});
        let page = FrontPage::from_json(&json.to_string()).unwrap();
        let slugs: Vec<_> = page.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, ["newer", "older"]);
    }

    #[test]
    fn front_page_of_the_wrong_shape_is_malformed() {
        assert!(matches!(
            FrontPage::from_json("{}"),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(
            FrontPage::from_json("<html>"),
            Err(DecodeError::Malformed(_))
        ));
    }
}
