//! Lists of stories, as `/api/v1` serves them: the front page's index, a
//! page of a section, a day of the archive; and what a list needs of a
//! story.

use super::decode::{read_each, Decoded, Skipped};
use super::fields::{self, Fields};
use super::image::lenient_image;
use super::{
    is_site_path, is_valid_slug, Article, Author, DecodeError, LeadImage, StoryFormat, Timestamp,
    Topic,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A line on the front page: enough to choose a story. (Read by
/// [`StoryIndex::from_json`] in a list; serde's `Deserialize` reads the
/// build's own records of it, `publish/records.rs`.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub headline: String,
    #[serde(default)]
    pub standfirst: String,
    #[serde(default)]
    pub section: Option<String>,
    pub published: Timestamp,
    #[serde(
        default,
        deserialize_with = "lenient_image",
        skip_serializing_if = "Option::is_none"
    )]
    pub image: Option<LeadImage>,
    #[serde(default)]
    pub sample: bool,
    /// A live page that is still live: lists show it a "Live" badge. (Only
    /// written when true, so other stories' entries stay as they were.)
    #[serde(default, skip_serializing_if = "is_false")]
    pub live: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// A list of stories, newest first: the latest (`/api/v1/articles/index.json`,
/// which the front page lists), a page of one section's
/// (`/api/v1/sections/<slug>.json` and its numbered pages, which name the
/// section), an author's or a topic's (`/api/v1/authors/<id>.json`,
/// `/api/v1/topics/<id>.json` and their numbered pages, which describe
/// the author or topic), or a day's in the archive.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoryIndex {
    /// The section's name, in a section's pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The author, in an author's pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// The topic, in a topic's pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<Topic>,
    pub articles: Vec<ArticleSummary>,
    /// The page of newer stories, by its path on this site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newer: Option<String>,
    /// The page of older stories, by its path on this site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub older: Option<String>,
}

impl From<&Article> for ArticleSummary {
    fn from(article: &Article) -> Self {
        ArticleSummary {
            slug: article.slug.clone(),
            headline: article.headline.clone(),
            standfirst: article.standfirst.clone(),
            section: article.section.clone(),
            published: article.published,
            image: article.image.clone(),
            sample: article.sample,
            live: article.format() == StoryFormat::Live,
        }
    }
}

/// Whether a list can link to a story by this slug and headline: a valid
/// slug, and a headline that is not blank.
pub(crate) fn check_link(slug: &str, headline: &str) -> Result<(), String> {
    if !is_valid_slug(slug) {
        Err(format!(
            "slug \"{slug}\" is not lowercase words joined by hyphens"
        ))
    } else if headline.trim().is_empty() {
        Err("the headline is blank".into())
    } else {
        Ok(())
    }
}

impl ArticleSummary {
    /// An entry of a list, read and checked: one the list cannot link to
    /// (a bad slug, a blank headline) is an error.
    fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        let summary = ArticleSummary {
            slug: fields.string("slug")?,
            headline: fields.string("headline")?,
            standfirst: fields.string_or_empty("standfirst")?,
            section: fields.optional_string("section")?,
            published: fields.time("published")?,
            image: fields
                .get("image")
                .and_then(|image| LeadImage::from_value(image).ok()),
            sample: fields.flag("sample")?,
            live: fields.flag("live")?,
        };
        check_link(&summary.slug, &summary.headline)?;
        Ok(summary)
    }
}

impl StoryIndex {
    /// Decodes the index, newest story first. An entry that cannot be
    /// linked (a bad slug or date, a blank headline) is left out and
    /// reported rather than failing the page.
    pub fn from_json(json: &str) -> Result<Decoded<Self>, DecodeError> {
        let value = fields::parse(json)?;
        let wire = Fields::of(&value).map_err(DecodeError::Malformed)?;
        let (mut articles, mut skipped) = read_each(
            "articles",
            wire.required_list("articles")
                .map_err(DecodeError::Malformed)?,
            ArticleSummary::from_value,
        );
        let read = |wire: Fields| -> Result<_, String> {
            Ok((
                wire.optional_string("section")?,
                wire.optional("author", Author::from_value)?,
                wire.optional("topic", Topic::from_value)?,
                wire.optional_string("newer")?,
                wire.optional_string("older")?,
            ))
        };
        let (section, author, topic, newer, older) = read(wire).map_err(DecodeError::Malformed)?;
        articles.sort_by_key(|story: &ArticleSummary| std::cmp::Reverse(story.published));
        let section = section.filter(|name| !name.trim().is_empty());
        let mut link = |name: &str, path: Option<String>| {
            let path = path?;
            if is_site_path(&path) {
                Some(path)
            } else {
                skipped.push(Skipped::fault(name.into(), "it is not a path on this site"));
                None
            }
        };
        let newer = link("newer", newer);
        let older = link("older", older);
        Ok(Decoded {
            value: StoryIndex {
                section,
                author,
                topic,
                articles,
                newer,
                older,
            },
            skipped,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn front_page_lists_newest_first_and_drops_unlinkable_entries() {
        let json = json!({ "articles": [
            { "slug": "older", "headline": "Older", "published": "2026-11-20T08:00:00Z" },
            { "slug": "Bad Slug", "headline": "Bad", "published": "2026-11-27T08:00:00Z" },
            { "slug": "newer", "headline": "Newer", "published": "2026-11-26T08:00:00Z" },
            { "slug": "blank", "headline": " ", "published": "2026-11-26T08:00:00Z" }
        ]});
        let page = StoryIndex::from_json(&json.to_string()).unwrap();
        let slugs: Vec<_> = page
            .value
            .articles
            .iter()
            .map(|a| a.slug.as_str())
            .collect();
        assert_eq!(slugs, ["newer", "older"]);
        let at: Vec<_> = page.skipped.iter().map(|s| s.at.as_str()).collect();
        assert_eq!(at, ["articles[1]", "articles[3]"]);
    }

    #[test]
    fn one_bad_date_in_the_index_costs_only_that_story() {
        let json = json!({ "articles": [
            { "slug": "good", "headline": "Good", "published": "2026-11-26T08:00:00Z" },
            { "slug": "bad", "headline": "Bad", "published": "2026-11-26T08:15:0é" },
            { "slug": "typed", "headline": 7, "published": "2026-11-26T08:00:00Z" },
            "not an object"
        ]});
        let page = StoryIndex::from_json(&json.to_string()).unwrap();
        assert_eq!(page.value.articles.len(), 1);
        assert_eq!(page.value.articles[0].slug, "good");
        assert_eq!(page.skipped.len(), 3);
        assert!(page.skipped[0]
            .to_string()
            .starts_with("articles[1] was left out: "));
    }

    #[test]
    fn a_section_index_names_its_section() {
        let json = json!({ "section": "London", "articles": [
            { "slug": "a", "headline": "A", "published": "2026-11-26T08:00:00Z", "section": "London" }
        ]});
        let index = StoryIndex::from_json(&json.to_string()).unwrap().value;
        assert_eq!(index.section.as_deref(), Some("London"));
        let latest = StoryIndex::from_json(r#"{"articles":[]}"#).unwrap().value;
        assert_eq!(latest.section, None);
    }

    #[test]
    fn front_page_of_the_wrong_shape_is_malformed() {
        assert!(matches!(
            StoryIndex::from_json("{}"),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(
            StoryIndex::from_json("<html>"),
            Err(DecodeError::Malformed(_))
        ));
    }
}
