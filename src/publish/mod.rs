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

pub use check::{check, Content, Problem, Report, Severity};

pub(crate) use crate::model::escape_markup as xml;
use crate::model::{absolute, Article, StoryIndex, Timestamp};
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
    /// Origins other than the site's own that the app fetches from (its
    /// API, headlines feed or signup service), for the security policy.
    pub connect_origins: Vec<String>,
}

/// The front page's index: the newest `size` stories, newest first.
pub fn story_index(stories: &[Article], size: usize) -> StoryIndex {
    let mut newest: Vec<&Article> = stories.iter().collect();
    newest.sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    StoryIndex {
        articles: newest.into_iter().take(size).map(Into::into).collect(),
    }
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
    vec![
        (
            "api/v1/articles/index.json".into(),
            serde_json::to_string_pretty(&index).unwrap_or_default() + "\n",
        ),
        (
            "api/v1/not-found.json".into(),
            "{\"error\":\"not_found\",\"message\":\"There is nothing at this address.\"}\n".into(),
        ),
        ("sitemap.xml".into(), sitemaps::sitemap(&newest, origin)),
        (
            "news-sitemap.xml".into(),
            sitemaps::news_sitemap(&newest, origin, settings.now),
        ),
        ("feed.xml".into(), feeds::rss(&newest, origin)),
        ("atom.xml".into(), feeds::atom(&newest, origin)),
        ("robots.txt".into(), robots(origin)),
        ("_redirects".into(), headers::REDIRECTS.into()),
    ]
}

fn robots(origin: &str) -> String {
    format!(
        "User-agent: *\nAllow: /\n# Panics on purpose, for the end-to-end tests.\nDisallow: /__test/\n\n\
         Sitemap: {}\nSitemap: {}\n",
        absolute(origin, "/sitemap.xml"),
        absolute(origin, "/news-sitemap.xml")
    )
}
