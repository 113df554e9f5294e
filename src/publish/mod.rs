//! Publishing: from one file per story to everything a CDN serves.
//!
//! Plain Rust, no browser and no server, tested natively: the content
//! check, and every file derived from the stories: the front page's index,
//! the sitemaps, the feeds, `robots.txt`, and the headers and rules a CDN
//! reads (`_headers`, `_redirects`). `src/bin/publish.rs` writes them into
//! `dist/` with the prerendered pages; `src/bin/check-content.rs` runs the
//! check on its own; the local server reads `_headers` and `_redirects`.

pub mod check;
mod feeds;
pub mod headers;
mod sitemaps;

pub use check::{check, missing_pictures, Content, Problem, Report, Severity};
pub use headers::Origins;

pub(crate) use crate::model::escape_markup as xml;
use crate::model::{absolute, Article, SectionLink, SectionList, StoryIndex, Timestamp};
use std::path::Path;

/// A content file: its path under the content folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// The content of a folder such as `public/api/v1`: every story in its
/// `articles/` (one file each) and its `headlines.json`, if there is one.
/// An `index.json` among the stories is left out: the build writes it.
pub fn read_sources(dir: &Path) -> std::io::Result<(Vec<SourceFile>, Option<SourceFile>)> {
    let read = |path: &Path, name: String| -> std::io::Result<SourceFile> {
        Ok(SourceFile {
            name,
            text: std::fs::read_to_string(path)?,
        })
    };
    let mut stories = Vec::new();
    for entry in std::fs::read_dir(dir.join("articles"))? {
        let path = entry?.path();
        let Some(file) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        if file.ends_with(".json") && file != "index.json" {
            stories.push(read(&path, format!("articles/{file}"))?);
        }
    }
    stories.sort_by(|a, b| a.name.cmp(&b.name));
    let headlines = dir.join("headlines.json");
    let headlines = if headlines.exists() {
        Some(read(&headlines, "headlines.json".into())?)
    } else {
        None
    };
    Ok((stories, headlines))
}

/// The origin of an absolute `http(s)://` URL; `None` for a path on this site.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .filter(|host| !host.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// How many stories the feeds carry.
pub const FEED_SIZE: usize = 20;

/// How many stories the front page lists unless `NEWS_INDEX_SIZE` says.
pub const DEFAULT_INDEX_SIZE: usize = 20;

/// What a build is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The site's public origin: `https://www.example.co.uk`.
    pub origin: String,
    /// How many stories the front page lists.
    pub index_size: usize,
    /// When the build runs: the news sitemap lists the last two days.
    pub now: Timestamp,
    /// Origins other than the site's own that pages use (the app's API,
    /// headlines feed, signup service; pictures), for the security policy.
    pub origins: Origins,
}

/// The front page's index: the newest `size` stories, newest first.
pub fn story_index(stories: &[Article], size: usize) -> StoryIndex {
    let mut newest: Vec<&Article> = stories.iter().collect();
    newest.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    StoryIndex {
        section: None,
        articles: newest.into_iter().take(size).map(Into::into).collect(),
    }
}

/// Every section with a story, alphabetically, each named as its newest
/// story names it.
pub fn sections(stories: &[Article]) -> SectionList {
    let mut newest: Vec<&Article> = stories.iter().collect();
    newest.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    let mut sections: Vec<SectionLink> = Vec::new();
    for name in newest.iter().filter_map(|story| story.section.as_deref()) {
        if let Some(link) = SectionLink::named(name) {
            if !sections.iter().any(|known| known.slug == link.slug) {
                sections.push(link);
            }
        }
    }
    sections.sort_by_key(|section| section.name.to_lowercase());
    SectionList { sections }
}

/// One section's index: every story in it, newest first.
pub fn section_index(stories: &[Article], section: &SectionLink) -> StoryIndex {
    let in_section: Vec<Article> = stories
        .iter()
        .filter(|story| {
            story
                .section
                .as_deref()
                .and_then(crate::model::section_slug)
                == Some(section.slug.clone())
        })
        .cloned()
        .collect();
    StoryIndex {
        section: Some(section.name.clone()),
        ..story_index(&in_section, usize::MAX)
    }
}

/// The origins of the stories' pictures that are not on this site.
pub fn image_origins(stories: &[Article]) -> Vec<String> {
    let mut origins: Vec<String> = stories
        .iter()
        .filter_map(|story| story.image.as_ref())
        .flat_map(|image| {
            std::iter::once(image.src.as_str())
                .chain(image.sources.iter().map(|source| source.src.as_str()))
        })
        .filter_map(origin_of)
        .collect();
    origins.sort();
    origins.dedup();
    origins
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// When a story last changed: its update, or its publication.
fn modified(article: &Article) -> Timestamp {
    article
        .updated_after_publication()
        .unwrap_or(article.published)
}

/// Every file derived from the content, by its path in the site, but for
/// the pages (the prerender's) and `_headers` (which needs every file).
pub fn derived_files(content: &Content, settings: &Settings) -> Vec<(String, String)> {
    let index = story_index(&content.stories, settings.index_size);
    let mut newest: Vec<&Article> = content.stories.iter().collect();
    newest.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    let origin = settings.origin.as_str();
    let sections = sections(&content.stories);
    let mut files = vec![
        ("api/v1/articles/index.json".into(), json(&index)),
        ("api/v1/sections.json".into(), json(&sections)),
        (
            "api/v1/not-found.json".into(),
            "{\"error\":\"not_found\",\"message\":\"There is nothing at this address.\"}\n".into(),
        ),
        (
            "sitemap.xml".into(),
            sitemaps::sitemap(&newest, &sections.sections, origin),
        ),
        (
            "news-sitemap.xml".into(),
            sitemaps::news_sitemap(&newest, origin, settings.now),
        ),
        ("feed.xml".into(), feeds::rss(&newest, origin)),
        ("atom.xml".into(), feeds::atom(&newest, origin)),
        ("robots.txt".into(), robots(origin)),
        ("_redirects".into(), headers::REDIRECTS.into()),
    ];
    for section in &sections.sections {
        files.push((
            format!("api/v1/sections/{}.json", section.slug),
            json(&section_index(&content.stories, section)),
        ));
    }
    files
}

fn robots(origin: &str) -> String {
    format!(
        "User-agent: *\nAllow: /\n# Panics on purpose, for the end-to-end tests.\nDisallow: /__test/\n\
         # Pages for the links in newsletter mail: nothing to index.\nDisallow: /newsletter/\n\n\
         Sitemap: {}\nSitemap: {}\n",
        absolute(origin, "/sitemap.xml"),
        absolute(origin, "/news-sitemap.xml")
    )
}
