//! What search engines read to find the site's pages: a sitemap index
//! (`/sitemap.xml`) naming the sitemaps of the stories (each at most
//! `sitemap_size` URLs, 50,000 unless set, and so well under the 50 MB a
//! sitemap may be) and of the other pages (front, sections, archive), and
//! the Google News sitemap (`/news-sitemap.xml`: the last two days, at most
//! 1,000 stories).

use super::records::StoryRecord;
use super::xml;
use crate::model::{absolute, Timestamp, SITE_NAME};
use crate::routes::Route;

/// The most URLs a sitemap may hold (sitemaps.org).
pub const MAX_URLS: usize = 50_000;
/// The most bytes a sitemap may be, uncompressed (sitemaps.org).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
/// The most stories the Google News sitemap may hold.
pub const MAX_NEWS_URLS: usize = 1_000;

/// A page a sitemap lists: its path and when it last changed.
pub struct Entry {
    pub path: String,
    pub modified: Option<Timestamp>,
}

const URLSET: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
     <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";

/// One sitemap of `entries`.
pub fn sitemap(entries: &[Entry], origin: &str) -> String {
    let mut out = String::with_capacity(URLSET.len() + entries.len() * 120);
    out.push_str(URLSET);
    for entry in entries {
        out.push_str("<url><loc>");
        out.push_str(&xml(&absolute(origin, &entry.path)));
        out.push_str("</loc>");
        if let Some(modified) = entry.modified {
            out.push_str("<lastmod>");
            out.push_str(&modified.to_rfc3339());
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// The live stories among `stories` (a sitemap's share of the archive).
pub fn stories<'a>(stories: impl Iterator<Item = &'a StoryRecord>) -> Vec<Entry> {
    stories
        .filter(|story| story.is_live())
        .map(|story| Entry {
            path: Route::Story(story.slug().into()).path(),
            modified: Some(story.modified),
        })
        .collect()
}

/// The sitemap index: each sitemap by its path, with when the newest thing
/// in it changed.
pub fn index(sitemaps: &[(String, Option<Timestamp>)], origin: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, modified) in sitemaps {
        out.push_str(&format!(
            "<sitemap><loc>{}</loc>",
            xml(&absolute(origin, path))
        ));
        if let Some(modified) = modified {
            out.push_str(&format!("<lastmod>{}</lastmod>", modified.to_rfc3339()));
        }
        out.push_str("</sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// Google News: the newest stories published in the two days before
/// `now`, and every live page still live however long ago it began (its
/// news goes on), at most [`MAX_NEWS_URLS`].
pub fn news_sitemap<'a>(
    newest: impl Iterator<Item = &'a StoryRecord> + Clone,
    origin: &str,
    now: Timestamp,
) -> String {
    let since = Timestamp::from_unix(now.unix_seconds() - 2 * 86_400);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    let published = newest.filter(|story| story.published() <= now);
    let recent = published
        .clone()
        .take_while(|story| story.published() >= since);
    let still_live = published.filter(|story| story.summary.live && story.published() < since);
    for story in recent.chain(still_live).take(MAX_NEWS_URLS) {
        out.push_str(&format!(
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>\
             <news:language>en</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>\n",
            xml(&absolute(origin, &Route::Story(story.slug().into()).path())),
            xml(SITE_NAME),
            story.published().to_rfc3339(),
            xml(&story.summary.headline),
        ));
    }
    out.push_str("</urlset>\n");
    out
}
