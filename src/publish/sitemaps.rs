//! What search engines read to find the site's pages: the sitemap of every
//! story and the front page, and the Google News sitemap of the last two days.

use super::{modified, xml};
use crate::model::{
    absolute, section_slug, story_path, Article, SectionLink, Timestamp, SITE_NAME,
};

/// The front page, every section's page and every story, each with when it
/// last changed.
pub fn sitemap(newest: &[&Article], sections: &[SectionLink], origin: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let latest = newest.iter().map(|story| modified(story)).max();
    out.push_str(&format!("<url><loc>{}</loc>", xml(&absolute(origin, "/"))));
    if let Some(latest) = latest {
        out.push_str(&format!("<lastmod>{}</lastmod>", latest.to_rfc3339()));
    }
    out.push_str("</url>\n");
    for section in sections {
        let latest = newest
            .iter()
            .filter(|story| {
                story.section.as_deref().and_then(section_slug).as_ref() == Some(&section.slug)
            })
            .map(|story| modified(story))
            .max();
        out.push_str(&format!(
            "<url><loc>{}</loc>",
            xml(&absolute(origin, &section.path()))
        ));
        if let Some(latest) = latest {
            out.push_str(&format!("<lastmod>{}</lastmod>", latest.to_rfc3339()));
        }
        out.push_str("</url>\n");
    }
    for story in newest {
        out.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml(&absolute(origin, &story_path(&story.slug))),
            modified(story).to_rfc3339()
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// Google News: the stories published in the two days before `now`.
pub fn news_sitemap(newest: &[&Article], origin: &str, now: Timestamp) -> String {
    let since = Timestamp::from_unix(now.unix_seconds() - 2 * 86_400);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    for story in newest
        .iter()
        .filter(|story| story.published >= since && story.published <= now)
    {
        out.push_str(&format!(
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>\
             <news:language>en</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>\n",
            xml(&absolute(origin, &story_path(&story.slug))),
            xml(SITE_NAME),
            story.published.to_rfc3339(),
            xml(&story.headline),
        ));
    }
    out.push_str("</urlset>\n");
    out
}
