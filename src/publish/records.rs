//! What the build keeps of each story between publishes: what its lists,
//! feeds and sitemaps show of it, and a fingerprint of its file. A publish
//! that finds a story file unchanged (same size and time, or same bytes)
//! takes its record from the manifest instead of reading and checking the
//! story again.

use crate::model::{section_slug, Article, ArticleSummary, Correction, Timestamp};
use crate::routes::Day;
use serde::{Deserialize, Serialize};

/// A 64-bit fingerprint of `bytes` (XXH3): it changes when they do.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// One story, as the site's lists and feeds need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRecord {
    /// Its file under the content folder: `articles/<slug>.json`.
    pub file: String,
    pub summary: ArticleSummary,
    /// Its section's address, `london` for "London".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_slug: Option<String>,
    pub byline: String,
    /// Its authors' ids, and its topics': their pages list it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// What the newsroom put right, and when (the corrections page).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// The standfirst, or the first paragraph: what feeds describe it by.
    pub description: String,
    /// When it last changed: its update, or its publication.
    pub modified: Timestamp,
    /// When it was withdrawn, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Timestamp>,
    /// A live page (live or ended): the build derives its posts' files
    /// (`live_files.rs`) rather than copying its file.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub live_page: bool,
    /// Its embargo, if it has one: held back from the site until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_at: Option<Timestamp>,
    /// The fingerprint of its file's bytes.
    pub source: u64,
    /// The fingerprint of everything above but `source`: what lists show.
    pub listed: u64,
}

impl StoryRecord {
    /// The record of `article`, read from `text` in `file`.
    pub fn of(file: &str, text: &str, article: &Article) -> Self {
        let mut record = StoryRecord {
            file: file.to_owned(),
            summary: article.into(),
            section_slug: article.section.as_deref().and_then(section_slug),
            byline: article.byline.clone(),
            authors: article.authors.iter().map(|tag| tag.id.clone()).collect(),
            topics: article.topics.iter().map(|tag| tag.id.clone()).collect(),
            corrections: article.corrections.clone(),
            description: article.description().to_owned(),
            modified: article
                .updated_after_publication()
                .unwrap_or(article.published),
            withdrawn: article.withdrawn,
            live_page: article.live.is_some(),
            publish_at: article.publish_at,
            source: fingerprint(text.as_bytes()),
            listed: 0,
        };
        record.listed = fingerprint(
            serde_json::to_string(&(
                &record.summary,
                &record.byline,
                &record.description,
                record.modified,
                record.withdrawn,
            ))
            .unwrap_or_default()
            .as_bytes(),
        );
        record
    }

    /// Whether the story is still under embargo at `now`.
    pub fn is_held_at(&self, now: Timestamp) -> bool {
        self.publish_at.is_some_and(|at| at > now)
    }

    pub fn slug(&self) -> &str {
        &self.summary.slug
    }

    pub fn published(&self) -> Timestamp {
        self.summary.published
    }

    /// Whether the site shows it: not withdrawn.
    pub fn is_live(&self) -> bool {
        self.withdrawn.is_none()
    }

    /// The day it was published, in UK time: its page in the archive.
    pub fn day(&self) -> Day {
        let uk = self.summary.published.to_uk();
        Day {
            year: uk.year,
            month: uk.month,
            day: uk.day,
        }
    }
}

/// Oldest first, and by slug within a second: the order every list is cut
/// into pages in, so that a new story changes only the newest page.
pub fn oldest_first(a: &StoryRecord, b: &StoryRecord) -> std::cmp::Ordering {
    a.published()
        .cmp(&b.published())
        .then_with(|| a.slug().cmp(b.slug()))
}
