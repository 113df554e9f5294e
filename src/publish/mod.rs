//! Publishing: from one file per story to everything a CDN serves.
//!
//! Plain Rust, no browser and no server, tested natively: the content
//! check (`check`), what the build keeps of each story (`records`), the
//! site the stories make (`site`: the front page, each section's pages,
//! the archive by date, what to read next), every file of the site with
//! what it is made from (`outputs`: the JSON, sitemaps, feeds,
//! `robots.txt`, and the `_headers` and `_redirects` a CDN reads), and what
//! the last publish wrote (`manifest`). `run` (the `ssr` feature) ties them
//! to the prerender and the disk; `src/bin/publish.rs` is its command line;
//! the local server reads `_headers` and `_redirects`.
//! Nothing here may panic on what it reads: the lints below deny what could.
#![cfg_attr(
    not(test),
    deny(
        clippy::string_slice,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

pub mod check;
pub mod corrections;
pub mod editions;
pub mod error;
pub mod headers;
mod live_files;
#[cfg(feature = "ssr")]
mod making;
pub mod manifest;
pub mod offline;
pub mod outputs;
pub mod parallel;
#[cfg(feature = "ssr")]
mod progress;
#[cfg(feature = "ssr")]
mod reading;
pub mod records;
#[cfg(feature = "ssr")]
pub mod run;
#[cfg(feature = "ssr")]
mod search_files;
pub mod search_index;
pub mod site;
mod sitemaps;
mod syndication;
pub mod synthetic;
pub mod tags;
mod withdraw;

pub use check::{check, missing_pictures, CheckedContent, Problem, Report, Severity};
pub use error::PublishError;
pub use headers::Origins;
pub use sitemaps::{MAX_BYTES as SITEMAP_MAX_BYTES, MAX_NEWS_URLS, MAX_URLS as SITEMAP_MAX_URLS};
pub use withdraw::withdraw;

pub(crate) use crate::model::escape_markup as xml;
use crate::model::{absolute, Article, Timestamp};
use crate::routes;
pub use records::fingerprint;
use std::path::Path;

/// A content file: its path under the content folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// The content of a folder such as `public/api/v1`: every story in its
/// `articles/` (one file each) and its `headlines.json`, if there is one.
/// An `index.json` among the stories is left out (the build of an earlier
/// release wrote one there).
pub fn read_sources(dir: &Path) -> std::io::Result<(Vec<SourceFile>, Option<SourceFile>)> {
    let mut names = story_files(dir)?;
    names.sort();
    let stories = parallel::map(&names, |name| {
        std::fs::read_to_string(dir.join(name)).map(|text| SourceFile {
            name: name.clone(),
            text,
        })
    })
    .into_iter()
    .collect::<std::io::Result<Vec<_>>>()?;
    let headlines = dir.join(routes::HEADLINES_DATA);
    let headlines = if headlines.exists() {
        Some(SourceFile {
            name: routes::HEADLINES_DATA.into(),
            text: std::fs::read_to_string(&headlines)?,
        })
    } else {
        None
    };
    Ok((stories, headlines))
}

/// The names of the story files in a content folder: `articles/<slug>.json`.
pub fn story_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir.join("articles"))? {
        let entry = entry?;
        let Some(file) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if file.ends_with(".json") && file != "index.json" {
            names.push(format!("articles/{file}"));
        }
    }
    // In order, as the manifest keeps them (and the same order on every
    // machine).
    names.sort_unstable();
    Ok(names)
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

/// How many stories a numbered page of a section holds unless
/// `NEWS_PAGE_SIZE` says.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// What a build is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The site's public origin: `https://www.example.co.uk`.
    pub origin: String,
    /// How many stories the front page lists.
    pub index_size: usize,
    /// How many stories a numbered page of a section holds (its own page
    /// holds from this many to fewer than twice this many); the list of
    /// the newsletter's editions is cut the same way.
    pub page_size: usize,
    /// How many URLs a sitemap holds, at most [`SITEMAP_MAX_URLS`].
    pub sitemap_size: usize,
    /// How many stories a segment of the search index holds.
    pub search_segment: usize,
    /// When the build runs: the news sitemap lists the last two days.
    pub now: Timestamp,
    /// Origins other than the site's own that pages use (the app's API,
    /// headlines feed, signup service; pictures), for the security policy.
    pub origins: Origins,
}

/// The origins of the stories' pictures that are not on this site.
pub fn image_origins<'a>(images: impl Iterator<Item = &'a crate::model::LeadImage>) -> Vec<String> {
    let mut origins: Vec<String> = images
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

/// `robots.txt`: everything but what [`routes::disallowed_for_crawlers`]
/// names, and where the sitemaps are.
pub fn robots(origin: &str) -> String {
    let [test, confirm, unsubscribe, check_inbox, already] = routes::disallowed_for_crawlers();
    format!(
        "User-agent: *\nAllow: /\n# Panics on purpose, for the end-to-end tests.\nDisallow: {test}\n\
         # Pages for a subscriber's own links in newsletter mail: nothing to index.\n\
         Disallow: {confirm}\nDisallow: {unsubscribe}\n\
         # Where a signup lands: nothing to index.\n\
         Disallow: {check_inbox}\nDisallow: {already}\n\n\
         Sitemap: {}\nSitemap: {}\n",
        absolute(origin, "/sitemap.xml"),
        absolute(origin, "/news-sitemap.xml")
    )
}

/// When a story last changed: its update, or its publication.
pub fn modified(article: &Article) -> Timestamp {
    article
        .updated_after_publication()
        .unwrap_or(article.published)
}
