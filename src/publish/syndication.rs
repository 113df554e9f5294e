//! The RSS 2.0 and Atom feeds of the latest stories, for feed readers and
//! aggregators (not to be confused with the BREAKING ticker's headlines
//! feed, `headlines_feed.rs`).

use super::records::StoryRecord;
use super::{xml, FEED_SIZE};
use crate::model::{absolute, SITE_NAME};
use crate::routes::Route;

const DESCRIPTION: &str = "The latest news from across Britain, around the clock.";

/// What a feed is of: its title, the page it follows and its own address.
pub struct Channel {
    pub title: String,
    pub description: String,
    /// The page's path: `/`, `/topic/palantir`.
    pub page: String,
    /// The feed's own path: `/feed.xml`.
    pub feed: String,
}

impl Channel {
    /// The site's own feed of its latest stories.
    pub fn latest() -> Self {
        Channel {
            title: SITE_NAME.to_owned(),
            description: DESCRIPTION.to_owned(),
            page: "/".to_owned(),
            feed: "/feed.xml".to_owned(),
        }
    }
}

/// RSS 2.0: title, link, guid, dates, summary, author (as `dc:creator`,
/// since RSS's own `author` is an e-mail address) and section.
pub fn rss(newest: &[&StoryRecord], origin: &str) -> String {
    rss_of(&Channel::latest(), newest, origin)
}

/// RSS 2.0 of `newest`, as the feed of `channel`.
pub fn rss_of(channel: &Channel, newest: &[&StoryRecord], origin: &str) -> String {
    let built = newest.first().map(|story| story.modified.to_rfc2822());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
         <channel>\n<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>en-gb</language>\n\
         <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(&channel.title),
        xml(&absolute(origin, &channel.page)),
        xml(&channel.description),
        xml(&absolute(origin, &channel.feed)),
    );
    if let Some(built) = built {
        out.push_str(&format!("<lastBuildDate>{built}</lastBuildDate>\n"));
    }
    for story in newest.iter().take(FEED_SIZE) {
        let url = xml(&absolute(origin, &Route::Story(story.slug().into()).path()));
        out.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>{url}</link>\n<guid isPermaLink=\"true\">{url}</guid>\n\
             <pubDate>{}</pubDate>\n<description>{}</description>\n<dc:creator>{}</dc:creator>\n",
            xml(&story.summary.headline),
            story.published().to_rfc2822(),
            xml(&story.description),
            xml(&story.byline),
        ));
        if let Some(section) = &story.summary.section {
            out.push_str(&format!("<category>{}</category>\n", xml(section)));
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// Atom: the same stories, with their own ids, published and updated times.
pub fn atom(newest: &[&StoryRecord], origin: &str) -> String {
    let home = absolute(origin, "/");
    let updated = newest
        .iter()
        .map(|story| story.modified)
        .max()
        .map(|at| at.to_rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n\
         <id>{home}</id>\n<title>{}</title>\n<subtitle>{}</subtitle>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n",
        xml(SITE_NAME),
        xml(DESCRIPTION),
        xml(&absolute(origin, "/atom.xml")),
        home = xml(&home),
    );
    for story in newest.iter().take(FEED_SIZE) {
        let url = xml(&absolute(origin, &Route::Story(story.slug().into()).path()));
        out.push_str(&format!(
            "<entry>\n<id>{url}</id>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<summary>{}</summary>\n\
             <author><name>{}</name></author>\n",
            xml(&story.summary.headline),
            story.published().to_rfc3339(),
            story.modified.to_rfc3339(),
            xml(&story.description),
            xml(&story.byline),
        ));
        if let Some(section) = &story.summary.section {
            out.push_str(&format!("<category term=\"{}\"/>\n", xml(section)));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// RSS 2.0 of the newsletter's editions, newest first: each edition's
/// subject, its web version, its morning note and its day (at 06:00 UK
/// time, when it goes out).
pub fn editions_rss(newest: &[&crate::model::Edition], origin: &str) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n\
         <channel>\n<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>en-gb</language>\n\
         <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(&format!("{SITE_NAME}: the newsletter")),
        xml(&absolute(origin, &Route::Editions { page: None }.path())),
        xml("The morning newsletter: the stories that matter, every weekday."),
        xml(&absolute(origin, EDITIONS_FEED_PATH)),
    );
    for edition in newest.iter().take(FEED_SIZE) {
        let url = xml(&absolute(
            origin,
            &Route::Edition(edition.date.clone()).path(),
        ));
        let when = crate::model::Timestamp::parse_rfc3339(&format!("{}T06:00:00Z", edition.date))
            .map(|t| t.to_rfc2822())
            .unwrap_or_default();
        out.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>{url}</link>\n<guid isPermaLink=\"true\">{url}</guid>\n\
             <pubDate>{when}</pubDate>\n<description>{}</description>\n</item>\n",
            xml(&edition.subject),
            xml(&edition.introduction.join(" ")),
        ));
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// RSS 2.0 of the newest corrections: each one's story, when, and what was
/// put right (the Guardian keeps a feed of its corrections column too).
pub fn corrections_rss(newest: &[crate::model::CorrectedStory], origin: &str) -> String {
    let corrections = Route::Corrections { page: None }.path();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n\
         <channel>\n<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>en-gb</language>\n\
         <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(&format!("{SITE_NAME}: corrections and clarifications")),
        xml(&absolute(origin, &corrections)),
        xml("What we got wrong, and what is right: every correction to our stories, newest first."),
        xml(&absolute(origin, crate::routes::CORRECTIONS_FEED)),
    );
    for entry in newest.iter().take(FEED_SIZE) {
        let story = absolute(origin, &Route::Story(entry.slug.clone()).path());
        out.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"false\">{}</guid>\n\
             <pubDate>{}</pubDate>\n<description>{}</description>\n</item>\n",
            xml(&format!("Correction: {}", entry.headline)),
            xml(&format!("{story}#corrections")),
            xml(&format!("{story}#correction-{}", entry.at.unix_seconds())),
            entry.at.to_rfc2822(),
            xml(&entry.text),
        ));
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// Where the editions' feed is.
pub const EDITIONS_FEED_PATH: &str = "/newsletter/feed.xml";
