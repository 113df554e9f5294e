//! Every file of the built site, each with a fingerprint of everything it
//! is made from and how to make it. A publish compares the fingerprints
//! with the manifest's and makes only the files whose fingerprint changed
//! (`run.rs`), so it rewrites exactly what depends on what changed; a
//! full build makes them all. Both make the same files from the same
//! stories.

use super::headers::{self, Origins};
use super::live_files;
use super::records::{fingerprint, StoryRecord};
use super::site::Site;
use super::{corrections, robots, sitemaps, syndication, PublishError, Settings, FEED_SIZE};
use crate::model::{edition_pages, Edition, Timestamp};
use crate::routes::{self, Route};
use std::collections::HashSet;
use std::path::PathBuf;

/// How a file is made.
#[derive(Debug, Clone, PartialEq)]
pub enum Make {
    /// A page, prerendered by the app: it reads the masthead's sections and
    /// its route's data (`Route::data`).
    Page(Route),
    /// The JSON of `Site::listings[i]`.
    Listing(usize),
    /// A sitemap of `Site::story_sitemaps[i]`.
    StorySitemap(usize),
    /// Text made now.
    Text(String),
    /// A file copied as it is: the app's, or a story's own JSON.
    Copy(PathBuf),
    /// A story's JSON from its file, with the names of the authors and
    /// topics it names (`Tags::resolved_story`).
    Story(PathBuf),
    /// A file the last publish wrote that is as it was (a segment of the
    /// search index whose stories are unchanged): kept, not made again.
    Kept,
}

/// One file of the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Its path in `dist/`: `news/a-story.html`.
    pub path: String,
    /// What it is made from: when this changes, the file is made again.
    pub fingerprint: u64,
    pub make: Make,
}

/// What every page depends on besides its own data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    /// Who renders the pages: the publish program itself (any change to its
    /// code makes every page again).
    pub renderer: u64,
    /// Trunk's `index.html` and the loader: the app the pages start.
    pub shell: u64,
}

/// The files a site needs besides the pages and the app's own: every
/// fingerprint here is the fingerprint of the text itself.
pub(super) fn text(path: impl Into<String>, text: String) -> Output {
    Output {
        path: path.into(),
        fingerprint: fingerprint(text.as_bytes()),
        make: Make::Text(text),
    }
}

pub(super) fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default() + "\n"
}

pub(super) fn api(path: &str) -> String {
    format!("api/v1/{path}")
}

/// Every file of the site, but the app's own (`app_files`) and `_headers`
/// (which `with_headers` adds once everything else is known). A live
/// page's story file is read again here (`live_files.rs`): an error says
/// which could not be.
pub fn plan(
    site: &Site,
    editions: &[Edition],
    settings: &Settings,
    common: &Common,
    headlines: &str,
    content: &std::path::Path,
) -> Result<Vec<Output>, PublishError> {
    let origin = settings.origin.as_str();
    let sections_json = json(&site.sections);
    // Every page shows the masthead's sections.
    let pages = fingerprint(
        format!(
            "{:x}|{:x}|{origin}|{}",
            common.renderer, common.shell, sections_json
        )
        .as_bytes(),
    );
    let page = |route: Route, of: u64| Output {
        path: route.file(),
        fingerprint: fingerprint(format!("{pages:x}|{route}|{of:x}").as_bytes()),
        make: Make::Page(route),
    };
    let mut outputs = Vec::with_capacity(site.newest.len() * 2 + site.listings.len() * 2 + 64);
    for route in [
        Route::Privacy,
        Route::Newsletter,
        Route::CheckYourInbox,
        Route::AlreadySignedUp,
        Route::Confirm,
        Route::Unsubscribe,
        Route::Removed,
        Route::Search,
        Route::Offline,
        Route::NotFound,
    ] {
        outputs.push(page(route, 0));
    }
    for story in site.newest() {
        let route = Route::Story(story.slug().into());
        // What the story shows of its authors and topics: their names.
        let of = story.source ^ site.tags.names_of(story);
        let named = of != story.source;
        if story.live_page {
            let file = content.join(&story.file);
            let mut source =
                std::fs::read_to_string(&file).map_err(|err| PublishError::read(&file, err))?;
            if named {
                source = site.tags.resolved_story(&source);
            }
            let files =
                live_files::outputs(story.slug(), &source).map_err(|why| PublishError::Make {
                    path: route.file(),
                    why: format!("{}: {why}", file.display()),
                })?;
            outputs.extend(files.data);
            for (route, of) in files.pages {
                outputs.push(page(route, of));
            }
        } else {
            let file = content.join(&story.file);
            outputs.push(Output {
                path: api(&route.data().unwrap_or_default()),
                fingerprint: of,
                make: if named {
                    Make::Story(file)
                } else {
                    Make::Copy(file)
                },
            });
        }
        outputs.push(page(route, of));
    }
    for (at, listing) in site.listings.iter().enumerate() {
        let of = listing.fingerprint(&site.records);
        if let Some(data) = listing.route.data() {
            outputs.push(Output {
                path: api(&data),
                fingerprint: of,
                make: Make::Listing(at),
            });
        }
        outputs.push(page(listing.route.clone(), of));
    }
    let archive = json(&site.archive);
    outputs.push(page(Route::Archive, fingerprint(archive.as_bytes())));
    outputs.push(text(
        api(&Route::Archive.data().unwrap_or_default()),
        archive,
    ));
    for (month, days) in &site.months {
        let route = Route::ArchiveMonth(*month);
        let days = json(days);
        outputs.push(page(route.clone(), fingerprint(days.as_bytes())));
        outputs.push(text(api(&route.data().unwrap_or_default()), days));
    }
    outputs.push(text(api(routes::SECTIONS_DATA), sections_json));
    outputs.push(text(api(routes::READ_NEXT_DATA), json(&site.read_next)));
    outputs.push(text(
        api(routes::HEADLINES_DATA),
        live_headlines(headlines, site),
    ));
    outputs.push(text(
        api(routes::NOT_FOUND_DATA),
        "{\"error\":\"not_found\",\"message\":\"There is nothing at this address.\"}\n".into(),
    ));
    outputs.push(text(
        api(routes::WITHDRAWN_DATA),
        "{\"error\":\"withdrawn\",\"message\":\"This story has been removed.\"}\n".into(),
    ));
    outputs.extend(edition_files(editions, origin, settings.page_size, &page));
    outputs.extend(sitemap_files(site, editions, settings));
    let feed: Vec<&StoryRecord> = site.newest().take(FEED_SIZE).collect();
    outputs.push(text("feed.xml", syndication::rss(&feed, origin)));
    outputs.extend(topic_feeds(site, origin));
    let all_corrections = corrections::oldest_first(&site.records);
    for (route, list) in corrections::correction_pages(&all_corrections, settings.page_size) {
        let data = json(&list);
        outputs.push(page(route.clone(), fingerprint(data.as_bytes())));
        outputs.push(text(api(&route.data().unwrap_or_default()), data));
    }
    let newest_corrections: Vec<_> = all_corrections.into_iter().rev().take(FEED_SIZE).collect();
    outputs.push(text(
        routes::CORRECTIONS_FEED.trim_start_matches('/'),
        syndication::corrections_rss(&newest_corrections, origin),
    ));
    outputs.push(text("atom.xml", syndication::atom(&feed, origin)));
    outputs.push(text("robots.txt", robots(origin)));
    outputs.push(text("_redirects", redirects(site)));
    Ok(outputs)
}

/// Each topic's feed of its newest stories, from its own page's list.
fn topic_feeds<'a>(site: &'a Site, origin: &'a str) -> impl Iterator<Item = Output> + 'a {
    site.listings.iter().filter_map(move |listing| {
        let Route::Topic { id, page: None } = &listing.route else {
            return None;
        };
        let topic = site.tags.topics.get(id)?;
        let stories: Vec<&StoryRecord> = listing
            .stories
            .iter()
            .filter_map(|at| site.records.get(*at))
            .take(FEED_SIZE)
            .collect();
        let channel = syndication::Channel {
            title: format!("{}: {}", topic.name, crate::model::SITE_NAME),
            description: format!(
                "The latest stories on {} from {}.",
                topic.name,
                crate::model::SITE_NAME
            ),
            page: listing.route.path(),
            feed: routes::topic_feed_path(id),
        };
        Some(text(
            channel.feed.trim_start_matches('/'),
            syndication::rss_of(&channel, &stories, origin),
        ))
    })
}

/// The newsletter's editions (oldest first): each one's JSON and page, the
/// pages of the list (`page_size` editions on a numbered page, as a
/// section's stories), and their feed.
fn edition_files(
    editions: &[Edition],
    origin: &str,
    page_size: usize,
    page: &dyn Fn(Route, u64) -> Output,
) -> Vec<Output> {
    let mut outputs = Vec::with_capacity(editions.len() * 2 + 8);
    for edition in editions {
        let route = Route::Edition(edition.date.clone());
        let data = json(edition);
        outputs.push(page(route.clone(), fingerprint(data.as_bytes())));
        outputs.push(text(api(&route.data().unwrap_or_default()), data));
    }
    let links: Vec<_> = editions.iter().map(Edition::link).collect();
    for (route, list) in edition_pages(&links, page_size) {
        let data = json(&list);
        outputs.push(page(route.clone(), fingerprint(data.as_bytes())));
        outputs.push(text(api(&route.data().unwrap_or_default()), data));
    }
    let newest: Vec<&Edition> = editions.iter().rev().collect();
    outputs.push(text(
        syndication::EDITIONS_FEED_PATH.trim_start_matches('/'),
        syndication::editions_rss(&newest, origin),
    ));
    outputs
}

/// The sitemap index, the stories' sitemaps, the other pages' and the
/// news sitemap.
fn sitemap_files(site: &Site, editions: &[Edition], settings: &Settings) -> Vec<Output> {
    let origin = settings.origin.as_str();
    let mut index: Vec<(String, Option<Timestamp>)> = Vec::new();
    let mut outputs = Vec::new();
    let latest = |stories: &mut dyn Iterator<Item = &StoryRecord>| {
        stories
            .filter(|story| story.is_live())
            .map(|story| story.modified)
            .max()
    };
    let pages: Vec<sitemaps::Entry> = std::iter::once(Route::Front)
        .chain(site.sections.sections.iter().map(|section| Route::Section {
            slug: section.slug.clone(),
            page: None,
        }))
        .chain(
            site.listings
                .iter()
                .filter(|listing| {
                    matches!(
                        listing.route,
                        Route::Author { page: None, .. } | Route::Topic { page: None, .. }
                    )
                })
                .map(|listing| listing.route.clone()),
        )
        .chain([Route::Corrections { page: None }, Route::Archive])
        .chain(
            site.months
                .iter()
                .map(|(month, _)| Route::ArchiveMonth(*month)),
        )
        .chain(
            site.listings
                .iter()
                .filter(|listing| matches!(listing.route, Route::ArchiveDay(_)))
                .map(|listing| listing.route.clone()),
        )
        .chain([Route::Newsletter, Route::Editions { page: None }])
        .chain(
            editions
                .iter()
                .map(|edition| Route::Edition(edition.date.clone())),
        )
        .map(|route| sitemaps::Entry {
            path: route.path(),
            modified: None,
        })
        .collect();
    for (at, chunk) in pages.chunks(settings.sitemap_size.max(1)).enumerate() {
        let path = format!("sitemaps/pages-{}.xml", at + 1);
        index.push((format!("/{path}"), latest(&mut site.newest().take(1))));
        outputs.push(text(path, sitemaps::sitemap(chunk, origin)));
    }
    for (at, chunk) in site.story_sitemaps.iter().enumerate() {
        let path = format!("sitemaps/stories-{}.xml", at + 1);
        let stories = || chunk.iter().filter_map(|at| site.records.get(*at));
        let mut key = String::new();
        for story in stories() {
            key.push_str(&format!("{:x}|", story.listed));
        }
        index.push((format!("/{path}"), latest(&mut stories())));
        outputs.push(Output {
            path,
            fingerprint: fingerprint(format!("{origin}|{key}").as_bytes()),
            make: Make::StorySitemap(at),
        });
    }
    outputs.push(text("sitemap.xml", sitemaps::index(&index, origin)));
    outputs.push(text(
        "news-sitemap.xml",
        sitemaps::news_sitemap(site.newest(), origin, settings.now),
    ));
    outputs
}

/// The text of an output made in memory (all but pages and copies).
pub fn text_of(output: &Output, site: &Site, origin: &str) -> Option<String> {
    match &output.make {
        Make::Text(text) => Some(text.clone()),
        Make::Listing(at) => site
            .listings
            .get(*at)
            .map(|listing| json(&listing.index(&site.records))),
        Make::StorySitemap(at) => Some(story_sitemap(site, *at, origin)),
        Make::Page(_) | Make::Copy(_) | Make::Story(_) | Make::Kept => None,
    }
}

/// The stories' sitemap `at`, as text.
pub fn story_sitemap(site: &Site, at: usize, origin: &str) -> String {
    let chunk = site
        .story_sitemaps
        .get(at)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let entries = sitemaps::stories(chunk.iter().filter_map(|at| site.records.get(*at)));
    sitemaps::sitemap(&entries, origin)
}

/// The headlines feed as published: without the items that lead to a
/// withdrawn story, and with `"live": true` on those that lead to a live
/// page still live (the ticker shows them a Live badge). Anything it
/// cannot read is left as it is (the content check has already said so).
fn live_headlines(feed: &str, site: &Site) -> String {
    let withdrawn: HashSet<String> = site
        .withdrawn()
        .map(|story| Route::Story(story.slug().into()).path())
        .collect();
    let live: HashSet<&str> = site
        .newest()
        .filter(|story| story.summary.live)
        .map(StoryRecord::slug)
        .collect();
    if withdrawn.is_empty() && live.is_empty() {
        return feed.to_owned();
    }
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(feed) else {
        return feed.to_owned();
    };
    if let Some(items) = value
        .get_mut("headlines")
        .and_then(serde_json::Value::as_array_mut)
    {
        items.retain(|item| {
            let slug = item.get("slug").and_then(serde_json::Value::as_str);
            let url = item.get("url").and_then(serde_json::Value::as_str);
            let leads_to = slug.map(|slug| Route::Story(slug.into()).path());
            let gone = [leads_to.as_deref(), url]
                .into_iter()
                .flatten()
                .any(|path| withdrawn.contains(path));
            !gone
        });
        for item in items.iter_mut() {
            let slug = item.get("slug").and_then(serde_json::Value::as_str);
            if slug.is_some_and(|slug| live.contains(slug)) {
                if let Some(fields) = item.as_object_mut() {
                    fields.insert("live".into(), serde_json::Value::Bool(true));
                }
            }
        }
    }
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// `_redirects`: a withdrawn story's page and JSON answer 410 Gone with the
/// removed notice (where the host supports it; elsewhere they are missing,
/// so 404), then anything else missing under `/api/` answers JSON, 404.
fn redirects(site: &Site) -> String {
    let mut out = String::from(headers::REDIRECTS_HEAD);
    for story in site.withdrawn() {
        let route = Route::Story(story.slug().into());
        out.push_str(&format!(
            "{}  /{}  410\n/api/v1/{}  /api/v1/{}  410\n",
            route.path(),
            Route::Removed.file(),
            route.data().unwrap_or_default(),
            routes::WITHDRAWN_DATA
        ));
    }
    out.push_str(headers::REDIRECTS_TAIL);
    out
}

/// `_headers`, for every file of `outputs`, of which `immutable` (paths
/// from the root, as `/start-….js`) never change, whose pages carry the
/// inline stylesheets hashed as `inline_styles`.
pub fn headers_file(
    outputs: &[Output],
    immutable: &[String],
    origins: &Origins,
    inline_styles: &[String],
) -> Output {
    let files: Vec<&str> = outputs
        .iter()
        .map(|output| output.path.as_str())
        // The CDN's own files, and the compressed copies a host serves in
        // place of the file they copy (under the file's headers).
        .filter(|path| !path.starts_with('_') && !path.ends_with(".br") && !path.ends_with(".gz"))
        .collect();
    let immutable: Vec<&str> = immutable
        .iter()
        .map(|path| path.trim_start_matches('/'))
        .collect();
    text(
        "_headers",
        headers::render(&headers::site_rules(
            &files,
            &immutable,
            origins,
            inline_styles,
        )),
    )
}
