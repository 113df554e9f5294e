//! A newsroom's archive at a size CI can afford: a few thousand synthetic
//! stories, with the page and sitemap sizes set small so that everything
//! splits, built as `scripts/build` builds it (`publish::run`) and read
//! back from the files it wrote: every story reachable by links, no page
//! over its size, the sitemaps split and parsed, what a click between
//! stories fetches, and one story published, changed and withdrawn, each
//! rewriting only what depends on it and making the site a full build
//! makes.
//! `cargo test --profile tools --no-default-features --features ssr --test archive`
#![cfg(feature = "ssr")]

mod support;

use news_portal::model::{ReadNextSource, StoryIndex};
use news_portal::publish::manifest;
use news_portal::publish::synthetic;
use news_portal::routes::Route;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::{app, copy, files, folder, now, options, published};

/// Stories in the archive.
const STORIES: usize = 3_000;
/// Stories on a numbered page of a section.
const PAGE_SIZE: usize = 7;
/// URLs in a sitemap.
const SITEMAP_SIZE: usize = 500;

/// The archive's content, its app and its site, built once for the tests
/// that only read it; the others publish into copies.
struct Built {
    app: PathBuf,
    content: PathBuf,
    dist: PathBuf,
}

fn write_archive(content: &Path, count: usize) {
    std::fs::create_dir_all(content.join("articles")).unwrap();
    for n in 0..count {
        let story = synthetic::story(n, count, 3, now());
        let slug = story["slug"].as_str().unwrap().to_owned();
        std::fs::write(
            content.join(format!("articles/{slug}.json")),
            story.to_string(),
        )
        .unwrap();
    }
    let headlines = synthetic::headlines(count, 3, now()).to_string();
    std::fs::write(content.join("headlines.json"), headlines).unwrap();
    synthetic::write_tag_files(content, count).unwrap();
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = folder("archive");
        let content = dir.join("content");
        write_archive(&content, STORIES);
        let built = Built {
            app: app(&dir),
            content,
            dist: dir.join("dist"),
        };
        let outcome = published(&options(
            &built.app,
            &built.content,
            &built.dist,
            PAGE_SIZE,
            SITEMAP_SIZE,
        ));
        assert_eq!(outcome.stories, STORIES);
        // No two files of the plan share a path (a publish counts on it to
        // see that none has gone: `run.rs`, `still_planned`).
        assert_eq!(
            outcome.made, outcome.files,
            "a full build makes each file once"
        );
        built
    })
}

/// A copy of the built archive (content, site and manifest) to change.
fn copy_of_built(name: &str) -> Built {
    let source = built();
    let dir = folder(name);
    let copied = Built {
        app: source.app.clone(),
        content: dir.join("content"),
        dist: dir.join("dist"),
    };
    copy(&source.content, &copied.content);
    copy(&source.dist, &copied.dist);
    let (whole, copy) = (
        manifest::path_for(&source.dist),
        manifest::path_for(&copied.dist),
    );
    std::fs::copy(&whole, &copy).unwrap();
    let changes = manifest::changes_path_for(&whole);
    if changes.exists() {
        std::fs::copy(changes, manifest::changes_path_for(&copy)).unwrap();
    }
    copied
}

fn read(dist: &Path, path: &str) -> String {
    std::fs::read_to_string(dist.join(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn page(dist: &Path, route: &Route) -> Html {
    Html::parse_document(&read(dist, &route.file()))
}

fn links(html: &Html, css: &str) -> Vec<String> {
    html.select(&Selector::parse(css).unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

/// A paged list's page: a section's, an author's or a topic's.
fn paged(kind: &str, id: &str, page: Option<u32>) -> Route {
    match kind {
        "section" => Route::Section {
            slug: id.into(),
            page,
        },
        "author" => Route::Author {
            id: id.into(),
            page,
        },
        _ => Route::Topic {
            id: id.into(),
            page,
        },
    }
}

fn route_of(path: &str) -> Route {
    // The pages these tests follow: a section's, an author's, a topic's,
    // the archive's.
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        [kind @ ("section" | "author" | "topic"), id] => paged(kind, id, None),
        [kind @ ("section" | "author" | "topic"), id, "page", n] => {
            paged(kind, id, Some(n.parse().unwrap()))
        }
        ["archive", year, month] => Route::ArchiveMonth(news_portal::routes::Month {
            year: year.parse().unwrap(),
            month: month.parse().unwrap(),
        }),
        ["archive", year, month, day] => Route::ArchiveDay(news_portal::routes::Day {
            year: year.parse().unwrap(),
            month: month.parse().unwrap(),
            day: day.parse().unwrap(),
        }),
        _ => panic!("not a page these tests follow: {path}"),
    }
}

/// The slugs of every story the content has, with its section's slug.
fn stories(content: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(content.join("articles"))
        .unwrap()
        .map(|entry| {
            let story: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap())
                    .unwrap();
            let section =
                news_portal::model::section_slug(story["section"].as_str().unwrap()).unwrap();
            (story["slug"].as_str().unwrap().to_owned(), section)
        })
        .collect()
}

/// Follows a paged list of stories from its own page (`first`) by its
/// "Older stories" links to page 1, checking on each page that the page
/// and its JSON agree, that it is within its size and that the older page
/// leads back; returns the stories it lists, each once, and the number of
/// pages.
fn walk_pages(dist: &Path, first: Route) -> (BTreeSet<String>, usize) {
    let mut route = first;
    let mut reached = BTreeSet::new();
    let mut pages = 0;
    loop {
        let html = page(dist, &route);
        let json = StoryIndex::from_json(&read(dist, &format!("api/v1/{}", route.data().unwrap())))
            .unwrap()
            .value;
        let cards = links(&html, "main .story-card__headline a");
        if pages == 0 {
            assert!(cards.len() < 2 * PAGE_SIZE, "{route}: {}", cards.len());
        } else {
            assert!(cards.len() <= PAGE_SIZE, "{route}: {}", cards.len());
        }
        assert_eq!(
            cards.len(),
            json.articles.len(),
            "{route}: page and JSON agree"
        );
        for card in cards {
            let slug = card.strip_prefix("/news/").unwrap().to_owned();
            assert!(reached.insert(slug), "{route}: a story on two pages");
        }
        let newer = links(&html, "main nav.page-links a[rel=prev]");
        let older = links(&html, "main nav.page-links a[rel=next]");
        assert_eq!(newer.first(), json.newer.as_ref(), "{route}");
        assert_eq!(older.first(), json.older.as_ref(), "{route}");
        pages += 1;
        let Some(older) = older.first() else { break };
        let next = route_of(older);
        // The older page leads back here.
        let back = links(&page(dist, &next), "main nav.page-links a[rel=prev]");
        assert_eq!(back, [route.path()], "{next} leads back to {route}");
        route = next;
    }
    if pages > 1 {
        assert!(
            route.path().ends_with("/page/1"),
            "the oldest page is page 1: {route}"
        );
    }
    (reached, pages)
}

#[test]
fn every_story_is_on_its_sections_pages_which_link_both_ways_and_none_is_over_its_size() {
    let Built { dist, content, .. } = built();
    let sections: BTreeSet<String> = stories(content).into_values().collect();
    assert_eq!(sections.len(), synthetic::SECTIONS.len());
    let mut reached: BTreeMap<String, String> = BTreeMap::new();
    for section in &sections {
        let own = Route::Section {
            slug: section.clone(),
            page: None,
        };
        let first = links(&page(dist, &own), "main .story-card__headline a").len();
        assert!(first >= PAGE_SIZE, "{own}: {first}");
        let (slugs, pages) = walk_pages(dist, own);
        assert!(pages > 10, "{section}: {pages} pages");
        for slug in slugs {
            assert!(reached.insert(slug, section.clone()).is_none());
        }
    }
    assert_eq!(
        reached,
        stories(content),
        "every story once, on its own section's pages"
    );
}

/// Every story's authors' ids and topics' ids, by its slug.
fn tags_of(content: &Path) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    std::fs::read_dir(content.join("articles"))
        .unwrap()
        .map(|entry| {
            let story: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap())
                    .unwrap();
            let ids = |field: &str| -> Vec<String> {
                story[field]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|id| id.as_str().unwrap().to_owned())
                    .collect()
            };
            (
                story["slug"].as_str().unwrap().to_owned(),
                (ids("authors"), ids("topics")),
            )
        })
        .collect()
}

#[test]
fn every_story_is_on_its_authors_and_topics_pages_which_its_page_links_to() {
    let Built { dist, content, .. } = built();
    let tags = tags_of(content);
    let mut by_author: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut by_topic: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (slug, (authors, topics)) in &tags {
        for id in authors {
            by_author.entry(id).or_default().insert(slug.clone());
        }
        for id in topics {
            by_topic.entry(id).or_default().insert(slug.clone());
        }
    }
    assert_eq!(by_author.len(), synthetic::author_count(STORIES));
    assert_eq!(by_topic.len(), synthetic::topic_count(STORIES));
    for (id, slugs) in &by_author {
        let own = Route::Author {
            id: (*id).to_owned(),
            page: None,
        };
        let json = StoryIndex::from_json(&read(dist, &format!("api/v1/{}", own.data().unwrap())))
            .unwrap()
            .value;
        let author = json.author.expect("an author's page describes them");
        assert_eq!(author.id, *id);
        let html = page(dist, &own);
        let heading = html
            .select(&Selector::parse("main h1").unwrap())
            .next()
            .unwrap();
        assert_eq!(heading.text().collect::<String>(), author.name);
        let (reached, pages) = walk_pages(dist, own);
        assert_eq!(&reached, slugs, "{id}: every story of theirs, once");
        assert!(pages > 1, "{id}: {pages} pages");
    }
    for (id, slugs) in &by_topic {
        let own = Route::Topic {
            id: (*id).to_owned(),
            page: None,
        };
        let (reached, _) = walk_pages(dist, own);
        assert_eq!(&reached, slugs, "{id}: every story on it, once");
        let feed = read(
            dist,
            news_portal::routes::topic_feed_path(id).trim_start_matches('/'),
        );
        assert!(feed.contains("<rss"), "{id}'s feed");
        let newest = slugs.iter().max_by_key(|slug| {
            // The synthetic stories end in their number, oldest first.
            slug.rsplit('-').next().unwrap().parse::<usize>().unwrap()
        });
        assert!(
            feed.contains(&format!("/news/{}<", newest.unwrap())),
            "{id}'s feed has its newest story"
        );
    }
    // A story's page links its authors and topics.
    let (slug, (authors, topics)) = tags.iter().find(|(_, (a, _))| a.len() == 2).unwrap();
    let html = page(dist, &Route::Story(slug.clone()));
    let expected: Vec<String> = authors.iter().map(|id| format!("/author/{id}")).collect();
    assert_eq!(links(&html, "main .story__byline a[rel=author]"), expected);
    let expected: Vec<String> = topics.iter().map(|id| format!("/topic/{id}")).collect();
    assert_eq!(links(&html, "main nav.topics a"), expected);
}

#[test]
fn every_story_is_reached_from_the_archive_by_date() {
    let Built { dist, content, .. } = built();
    let mut reached = BTreeSet::new();
    let archive = page(dist, &Route::Archive);
    let months = links(&archive, "main .archive__dates a");
    assert!(
        months.len() >= 36,
        "three years of months: {}",
        months.len()
    );
    for month in months {
        let days = links(&page(dist, &route_of(&month)), "main .archive__dates a");
        assert!(!days.is_empty() && days.len() <= 31, "{month}");
        for day in days {
            for story in links(&page(dist, &route_of(&day)), "main .headline-list a") {
                assert!(reached.insert(story), "{day}: a story on two days");
            }
        }
    }
    let all: BTreeSet<String> = stories(content)
        .into_keys()
        .map(|slug| format!("/news/{slug}"))
        .collect();
    assert_eq!(reached, all);
}

#[test]
fn the_sitemap_index_names_sitemaps_of_at_most_their_size_that_list_every_story_once() {
    let Built { dist, content, .. } = built();
    let index = read(dist, "sitemap.xml");
    let index = roxmltree::Document::parse(&index).unwrap();
    let origin = support::origin();
    let sitemaps: Vec<String> = index
        .descendants()
        .filter(|node| node.tag_name().name() == "loc")
        .map(|loc| loc.text().unwrap().strip_prefix(origin).unwrap().to_owned())
        .collect();
    let story_maps: Vec<&String> = sitemaps
        .iter()
        .filter(|path| path.contains("/stories-"))
        .collect();
    assert_eq!(story_maps.len(), STORIES.div_ceil(SITEMAP_SIZE));
    let mut listed = BTreeSet::new();
    for path in &sitemaps {
        let text = read(dist, path.trim_start_matches('/'));
        assert!(text.len() < news_portal::publish::SITEMAP_MAX_BYTES);
        let sitemap = roxmltree::Document::parse(&text).unwrap();
        let urls: Vec<&str> = sitemap
            .descendants()
            .filter(|node| node.tag_name().name() == "loc")
            .map(|loc| loc.text().unwrap())
            .collect();
        assert!(urls.len() <= SITEMAP_SIZE, "{path}: {}", urls.len());
        for url in urls.iter().filter(|url| url.contains("/news/")) {
            assert!(listed.insert((*url).to_owned()), "{url} twice");
        }
    }
    let all: BTreeSet<String> = stories(content)
        .into_keys()
        .map(|slug| format!("{origin}/news/{slug}"))
        .collect();
    assert_eq!(listed, all);
    let news = read(dist, "news-sitemap.xml");
    let news = roxmltree::Document::parse(&news).unwrap();
    let dates: Vec<&str> = news
        .descendants()
        .filter(|node| node.tag_name().name() == "publication_date")
        .map(|date| date.text().unwrap())
        .collect();
    assert!(!dates.is_empty() && dates.len() <= news_portal::publish::MAX_NEWS_URLS);
    let since = news_portal::model::Timestamp::from_unix(now().unix_seconds() - 2 * 86_400);
    for date in dates {
        let date = news_portal::model::Timestamp::parse_rfc3339(date).unwrap();
        assert!(date >= since && date <= now(), "{date}");
    }
}

#[test]
fn a_click_from_one_story_to_another_fetches_the_same_few_kilobytes_whatever_the_archive() {
    // What the app fetches when a reader moves to a story: the story's JSON,
    // the one file it chooses what to read next from, and its first
    // topic's own page (for "More on this story").
    let Built { dist, .. } = built();
    // A tenth of the archive: enough for every list in the file to be full.
    let small = folder("archive-small");
    write_archive(&small.join("content"), STORIES / 10);
    let small_dist = small.join("dist");
    published(&options(
        &app(&small),
        &small.join("content"),
        &small_dist,
        PAGE_SIZE,
        SITEMAP_SIZE,
    ));
    let read_next = |dist: &Path| read(dist, "api/v1/read-next.json");
    let (big, little) = (read_next(dist).len(), read_next(&small_dist).len());
    assert!(
        big <= little + little / 10,
        "read-next.json: {big} bytes at {STORIES} stories, {little} at {}",
        STORIES / 10
    );
    let source: ReadNextSource = serde_json::from_str(&read_next(dist)).unwrap();
    assert_eq!(source.latest.len(), ReadNextSource::LATEST);
    let largest_story = std::fs::read_dir(dist.join("api/v1/articles"))
        .unwrap()
        .map(|entry| entry.unwrap().metadata().unwrap().len())
        .max()
        .unwrap();
    let largest_topic = |dist: &Path| {
        std::fs::read_dir(dist.join("api/v1/topics"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .map(|path| std::fs::metadata(path).unwrap().len())
            .max()
            .unwrap()
    };
    let (topic, little_topic) = (largest_topic(dist), largest_topic(&small_dist));
    // A topic's own page holds at least a page of stories and fewer than
    // two, whatever the archive.
    assert!(
        topic < 2 * little_topic,
        "a topic's own page: {topic} bytes at {STORIES} stories, {little_topic} at {}",
        STORIES / 10
    );
    assert!(
        big as u64 + largest_story + topic < 24 * 1024,
        "{big} + {largest_story} + {topic} bytes"
    );
    std::fs::remove_dir_all(small).unwrap();
}

/// Publishes `site` after `change` to its content, and checks that the
/// publish said exactly which files changed, and that the site is the one
/// a full build of the same content makes. Returns the files that changed.
fn publish_after(site: &Built, change: impl FnOnce(&Path)) -> (Vec<String>, Vec<String>) {
    let before = files(&site.dist);
    change(&site.content);
    let outcome = published(&options(
        &site.app,
        &site.content,
        &site.dist,
        PAGE_SIZE,
        SITEMAP_SIZE,
    ));
    assert_eq!(outcome.full, None, "a publish of what changed");
    let after = files(&site.dist);
    let changed: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect();
    let deleted: Vec<String> = before
        .keys()
        .filter(|path| !after.contains_key(*path))
        .cloned()
        .collect();
    assert_eq!(outcome.changed, changed, "it says what changed");
    assert_eq!(outcome.deleted, deleted, "it says what went");
    let full = site.dist.with_file_name("full");
    let mut full_build = options(&site.app, &site.content, &full, PAGE_SIZE, SITEMAP_SIZE);
    full_build.full = true;
    published(&full_build);
    let full_files = files(&full);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        full_files.keys().collect::<Vec<_>>(),
        "the files a full build makes"
    );
    for (path, bytes) in &after {
        assert!(
            full_files.get(path) == Some(bytes),
            "{path} differs from a full build's"
        );
    }
    (changed, deleted)
}

/// Splits paths into the search index's segment folders
/// (`search/<n>-<fingerprint>`, written whole under a new name when one of
/// their stories changes) and the rest.
fn search_segments(paths: &[String]) -> (BTreeSet<String>, Vec<String>) {
    let (segment_files, rest): (Vec<&String>, Vec<&String>) = paths
        .iter()
        .partition(|path| path.starts_with("search/") && path.matches('/').count() > 1);
    let folders = segment_files
        .iter()
        .map(|path| path.splitn(3, '/').take(2).collect::<Vec<_>>().join("/"))
        .collect();
    (folders, rest.into_iter().cloned().collect())
}

fn in_dist(paths: &[String], wanted: &[&str]) {
    for path in wanted {
        assert!(
            paths.iter().any(|changed| changed == path),
            "{path} not in {paths:?}"
        );
    }
}

#[test]
fn publishing_one_story_rewrites_only_what_depends_on_it_as_a_full_build_would_make_it() {
    let site = copy_of_built("archive-add");
    let nothing = published(&options(
        &site.app,
        &site.content,
        &site.dist,
        PAGE_SIZE,
        SITEMAP_SIZE,
    ));
    assert_eq!(
        (nothing.made, nothing.changed.len()),
        (0, 0),
        "nothing changed, nothing made"
    );
    let mut story = synthetic::story(STORIES - 1, STORIES, 3, now());
    story["slug"] = serde_json::json!("a-new-story");
    story["headline"] = serde_json::json!("A New Story, Published Just Now");
    story["published"] = serde_json::json!("2026-11-28T04:30:00Z");
    let section = news_portal::model::section_slug(story["section"].as_str().unwrap()).unwrap();
    let (changed, deleted) = publish_after(&site, |content| {
        std::fs::write(content.join("articles/a-new-story.json"), story.to_string()).unwrap();
    });
    assert_eq!(deleted, Vec::<String>::new());
    // The newest search segment, written anew, and the index naming it.
    let (segments, changed) = search_segments(&changed);
    assert_eq!(segments.len(), 1, "{segments:?}");
    in_dist(
        &changed,
        &[
            "search/index.json",
            "news/a-new-story.html",
            "api/v1/articles/a-new-story.json",
            "index.html",
            "api/v1/articles/index.json",
            &format!("section/{section}.html"),
            &format!("api/v1/sections/{section}.json"),
            "archive/2026/11/28.html",
            "api/v1/read-next.json",
            "feed.xml",
            "atom.xml",
            "sitemap.xml",
            "news-sitemap.xml",
        ],
    );
    // Nothing of any other story: at most the numbered page this one
    // completed, and the one before it, whose newer link then changes.
    let stories_touched: Vec<&String> = changed
        .iter()
        .filter(|path| path.starts_with("news/"))
        .collect();
    assert_eq!(stories_touched, ["news/a-new-story.html"]);
    assert!(changed.len() <= 30, "{} files: {changed:?}", changed.len());
    std::fs::remove_dir_all(site.dist.parent().unwrap()).unwrap();
}

#[test]
fn changing_one_old_story_rewrites_its_page_and_the_lists_it_is_on() {
    let site = copy_of_built("archive-change");
    let old = synthetic::story(100, STORIES, 3, now());
    let slug = old["slug"].as_str().unwrap().to_owned();
    let (changed, deleted) = publish_after(&site, |content| {
        let mut story = old.clone();
        story["headline"] = serde_json::json!("A Corrected Headline");
        std::fs::write(
            content.join(format!("articles/{slug}.json")),
            story.to_string(),
        )
        .unwrap();
    });
    // Its search segment goes, written again under a new name.
    let (gone, deleted) = search_segments(&deleted);
    let (written, changed) = search_segments(&changed);
    assert_eq!((gone.len(), written.len()), (1, 1), "{gone:?} {written:?}");
    assert_eq!(deleted, Vec::<String>::new());
    in_dist(
        &changed,
        &[
            "search/index.json",
            &format!("news/{slug}.html"),
            &format!("api/v1/articles/{slug}.json"),
        ],
    );
    let pages: Vec<&String> = changed
        .iter()
        .filter(|path| path.ends_with(".html"))
        .collect();
    // Its page, its section's numbered page, its day, and the numbered
    // page of each of its authors and topics: nothing newer moved.
    let authors = old["authors"].as_array().unwrap().len();
    let topics = old["topics"].as_array().unwrap().len();
    assert_eq!(pages.len(), 3 + authors + topics, "{pages:?}");
    for folder in ["section/", "author/", "topic/"] {
        let numbered = pages
            .iter()
            .filter(|path| path.starts_with(folder) && path.contains("/page/"))
            .count();
        let expected = match folder {
            "author/" => authors,
            "topic/" => topics,
            _ => 1,
        };
        assert_eq!(numbered, expected, "{folder}: {pages:?}");
    }
    assert!(pages.iter().any(|path| path.starts_with("archive/")));
    std::fs::remove_dir_all(site.dist.parent().unwrap()).unwrap();
}

#[test]
fn a_withdrawn_story_is_linked_from_nowhere_and_its_address_says_it_was_removed() {
    let site = copy_of_built("archive-withdraw");
    // One of the newest: on the front page, in the feeds and the ticker.
    let story = synthetic::story(STORIES - 2, STORIES, 3, now());
    let slug = story["slug"].as_str().unwrap().to_owned();
    let headline = story["headline"].as_str().unwrap().to_owned();
    let before = files(&site.dist);
    let on_before = |path: &str| String::from_utf8_lossy(&before[path]).contains(&slug);
    assert!(on_before("index.html") && on_before("feed.xml") && on_before("api/v1/headlines.json"));
    let (changed, deleted) = publish_after(&site, |content| {
        news_portal::publish::withdraw(content, &slug, now()).unwrap();
    });
    let (gone, deleted) = search_segments(&deleted);
    let (written, changed) = search_segments(&changed);
    assert_eq!((gone.len(), written.len()), (1, 1), "{gone:?} {written:?}");
    assert_eq!(
        deleted,
        [
            format!("api/v1/articles/{slug}.json"),
            format!("news/{slug}.html")
        ]
    );
    in_dist(
        &changed,
        &[
            "index.html",
            "feed.xml",
            "api/v1/headlines.json",
            "_redirects",
            "search/index.json",
        ],
    );
    for (path, bytes) in files(&site.dist) {
        let text = String::from_utf8_lossy(&bytes);
        if path == "_redirects" {
            assert!(text.contains(&format!("/news/{slug}  /removed.html  410\n")));
            continue;
        }
        assert!(!text.contains(&slug), "{path} names the withdrawn story");
        assert!(
            !text.contains(&headline),
            "{path} has the withdrawn story's headline"
        );
    }
    std::fs::remove_dir_all(site.dist.parent().unwrap()).unwrap();
}

#[test]
fn a_story_under_embargo_is_in_no_file_until_its_time_and_then_out_by_a_one_story_publish() {
    let site = copy_of_built("archive-embargo");
    let slug = "exam-results-out-at-nine";
    let headline = "Exam Results Are Out at Nine";
    let mut story = synthetic::story(STORIES - 1, STORIES, 3, now());
    story["slug"] = serde_json::json!(slug);
    story["headline"] = serde_json::json!(headline);
    story["published"] = serde_json::json!("2026-11-28T09:00:00Z");
    story["publish_at"] = serde_json::json!("2026-11-28T09:00:00Z");
    let file = format!("articles/{slug}.json");
    // Before its time (the tests' clock says 05:00): nothing changes, and
    // no file of the site names it, as a full build at 05:00 would make it.
    let (changed, deleted) = publish_after(&site, |content| {
        std::fs::write(content.join(&file), story.to_string()).unwrap();
    });
    assert_eq!((changed, deleted), (vec![], vec![]));
    for (path, bytes) in files(&site.dist) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(slug) && !text.contains(headline),
            "{path} names the story under embargo"
        );
    }
    let held = published(&options(
        &site.app,
        &site.content,
        &site.dist,
        PAGE_SIZE,
        SITEMAP_SIZE,
    ))
    .held;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].0, slug);
    assert_eq!(held[0].1.to_rfc3339(), "2026-11-28T09:00:00Z");

    // A ticker's headline leading to it is refused, saying why.
    let headlines = site.content.join("headlines.json");
    let feed = std::fs::read_to_string(&headlines).unwrap();
    let mut with_it: serde_json::Value = serde_json::from_str(&feed).unwrap();
    with_it["headlines"][0]["slug"] = serde_json::json!(slug);
    with_it["headlines"][0]
        .as_object_mut()
        .unwrap()
        .remove("url");
    std::fs::write(&headlines, with_it.to_string()).unwrap();
    let refused = news_portal::publish::run::publish(&options(
        &site.app,
        &site.content,
        &site.dist,
        PAGE_SIZE,
        SITEMAP_SIZE,
    ));
    let Err(news_portal::publish::PublishError::Content(report)) = refused else {
        panic!("a headline leading to a story under embargo was published");
    };
    assert!(
        report.problems.iter().any(|problem| problem
            .message
            .contains("which is under embargo until 2026-11-28T09:00:00Z")),
        "{:?}",
        report.problems
    );
    std::fs::write(&headlines, feed).unwrap();

    // At its time: out, as a one-story publish puts a new story out.
    let mut at_nine = options(
        &site.app,
        &site.content,
        &site.dist,
        PAGE_SIZE,
        SITEMAP_SIZE,
    );
    at_nine.settings.now =
        news_portal::model::Timestamp::parse_rfc3339("2026-11-28T09:00:00Z").unwrap();
    let outcome = published(&at_nine);
    assert!(outcome.held.is_empty());
    in_dist(
        &outcome.changed,
        &[
            &format!("news/{slug}.html"),
            &format!("api/v1/articles/{slug}.json"),
            "index.html",
            "api/v1/articles/index.json",
        ],
    );
    let front = read(&site.dist, "index.html");
    assert!(front.contains(headline));
}
