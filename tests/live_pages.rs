//! A live page of 1,000 posts, built as `scripts/build` builds it
//! (`publish::run`) and read back from the files it wrote: the first view
//! small, the posts in pages cut from the oldest, no file over 100 KB; a
//! post added, edited and taken down by a one-story publish, each
//! rewriting only what it must, and a post taken down leaving no trace in
//! `dist/`.
//! `cargo test --profile tools --no-default-features --features ssr --test live_pages`
#![cfg(feature = "ssr")]

mod support;

use news_portal::model::{Article, LiveLatest, LivePostsPage, FIRST_VIEW_POSTS, PAGE_POSTS};
use news_portal::publish::synthetic;
use news_portal::routes::{live_latest_data, live_page_data, live_post_data, Route};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use support::{app, files, folder, now, options, published};

const SLUG: &str = "storm-live";
const POSTS: usize = 1_000;
/// The largest file a live page may have, of any kind.
const LARGEST: usize = 100 * 1024;
/// What the real shell adds to a page over the tests' one, at most.
const REAL_SHELL: usize = 33 * 1024;

struct Site {
    app: PathBuf,
    content: PathBuf,
    dist: PathBuf,
}

impl Site {
    /// Three stories and the live page, built.
    fn built(name: &str) -> Self {
        let dir = folder(name);
        let content = dir.join("content");
        std::fs::create_dir_all(content.join("articles")).unwrap();
        for n in 0..3 {
            let story = synthetic::story(n, 3, 1, now());
            let slug = story["slug"].as_str().unwrap().to_owned();
            write(&content.join(format!("articles/{slug}.json")), &story);
        }
        synthetic::write_tag_files(&content, 3).unwrap();
        let site = Site {
            app: app(&dir),
            content,
            dist: dir.join("dist"),
        };
        write(
            &site.content.join("headlines.json"),
            &synthetic::headlines(3, 1, now()),
        );
        site.write_live(&synthetic::live_story(SLUG, POSTS, now()));
        site.publish();
        site
    }

    fn live_file(&self) -> PathBuf {
        self.content.join(format!("articles/{SLUG}.json"))
    }

    fn live_story(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.live_file()).unwrap()).unwrap()
    }

    fn write_live(&self, story: &Value) {
        write(&self.live_file(), story);
    }

    /// Publishes; returns the files it changed and deleted.
    fn publish(&self) -> (BTreeSet<String>, BTreeSet<String>) {
        let outcome = published(&options(&self.app, &self.content, &self.dist, 10, 500));
        (
            outcome.changed.into_iter().collect(),
            outcome.deleted.into_iter().collect(),
        )
    }

    fn read(&self, data: &str) -> String {
        std::fs::read_to_string(self.dist.join("api/v1").join(data)).unwrap()
    }
}

fn write(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

fn ids(posts: &Value) -> Vec<String> {
    posts
        .as_array()
        .unwrap()
        .iter()
        .map(|post| post["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_long_live_page_is_served_as_small_files_its_first_view_and_pages_cut_from_the_oldest() {
    let site = Site::built("live-pages-files");
    let built = files(&site.dist);
    let live: BTreeMap<&String, &Vec<u8>> = built
        .iter()
        .filter(|(path, _)| path.contains(SLUG))
        .collect();
    for (path, bytes) in &live {
        // A page, with room for the real app's shell (below).
        let room = if path.ends_with(".html") {
            REAL_SHELL
        } else {
            0
        };
        assert!(
            bytes.len() + room <= LARGEST,
            "{path} is {} bytes",
            bytes.len()
        );
    }
    // The page, with room for the real app's shell: its `index.html`, with
    // the stylesheet inlined, is 32,988 bytes in this build (the tests' is
    // a few hundred), and the page built with it 32,328 bytes more than
    // with the tests' (`scripts/bench-live.mjs` reports the real page).
    let page_html = Route::Story(SLUG.into()).file();
    let page_bytes = live.get(&page_html).map_or(0, |bytes| bytes.len());
    assert!(page_bytes > 0, "{page_html}");
    assert!(
        page_bytes + REAL_SHELL <= LARGEST,
        "{page_html} is {page_bytes} bytes"
    );

    // The story's JSON: its first view only, and what the rest makes.
    let story: Value = serde_json::from_str(&site.read(&format!("articles/{SLUG}.json"))).unwrap();
    let first_view = ids(&story["live"]["posts"]);
    // The synthetic posts are long (about 800 bytes of words each): fewer
    // than twenty fit the first view's words (`FIRST_VIEW_TEXT_BYTES`).
    assert!(
        (10..=FIRST_VIEW_POSTS).contains(&first_view.len()),
        "{}",
        first_view.len()
    );
    assert_eq!(first_view[0], "post-0", "the pinned post first");
    assert_eq!(first_view[1], format!("post-{}", POSTS - 1));
    assert_eq!(story["live"]["total"], POSTS);
    assert_eq!(
        story["live"]["key_events"].as_array().unwrap().len(),
        POSTS / 25
    );
    let article = Article::from_json(&site.read(&format!("articles/{SLUG}.json")))
        .unwrap()
        .value;
    let feed = article.live.unwrap();
    assert_eq!(feed.posts.len(), first_view.len());
    assert_eq!(feed.total, POSTS);

    // The latest file: the same first view, by id and version.
    let latest = LiveLatest::from_json(&site.read(&live_latest_data(SLUG))).unwrap();
    let named: Vec<&str> = latest.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(named, first_view);
    assert!(latest.posts.iter().all(|p| p.version.len() == 16));
    let latest_bytes = built[&format!("api/v1/{}", live_latest_data(SLUG))].len();
    assert!(
        latest_bytes < 8 * 1024,
        "latest.json is {latest_bytes} bytes"
    );

    // Pages of 25 cut from the oldest: every post on exactly one, each
    // page prerendered with its posts and links either side.
    let pages = POSTS.div_ceil(PAGE_POSTS);
    assert_eq!(feed.pages as usize, pages);
    let page_route = |number: usize| Route::LivePosts {
        slug: SLUG.into(),
        page: number as u32,
    };
    let page_path = |number: usize| page_route(number).path();
    let link = |href: String, side: &str, text: &str| {
        format!("href=\"{href}\" class=\"page-links__{side}\">{text}")
    };
    let mut on_pages = Vec::new();
    for number in 1..=pages {
        let page = LivePostsPage::from_json(&site.read(&live_page_data(SLUG, number as u32)))
            .unwrap()
            .value;
        assert_eq!(page.number as usize, number);
        assert_eq!(page.newer, number < pages, "page {number}");
        let page = page.feed().posts;
        assert_eq!(page.len(), PAGE_POSTS, "page {number}");
        let html = String::from_utf8_lossy(live[&page_route(number).file()]).into_owned();
        for post in &page {
            assert!(
                html.contains(&format!("id=\"post-{}\"", post.id)),
                "page {number}: {}",
                post.id
            );
        }
        let newer = if number < pages {
            link(page_path(number + 1), "newer", "Newer posts")
        } else {
            link(Route::Story(SLUG.into()).path(), "newer", "Newest posts")
        };
        assert!(html.contains(&newer), "page {number} lacks {newer}");
        let older = link(page_path(number.saturating_sub(1)), "older", "Older posts");
        assert_eq!(html.contains(&older), number > 1, "page {number}: {older}");
        on_pages.extend(page.into_iter().map(|post| post.id));
    }
    // Each key event names the page its post is on; the live page links
    // there those older than its first view.
    for event in story["live"]["key_events"].as_array().unwrap() {
        let id = event["id"].as_str().unwrap();
        let number = event["page"].as_u64().unwrap() as usize;
        let page = LivePostsPage::from_json(&site.read(&live_page_data(SLUG, number as u32)))
            .unwrap()
            .value;
        assert!(
            page.feed().posts.iter().any(|post| post.id == id),
            "{id} not on page {number}"
        );
        if !first_view.iter().any(|shown| shown == id) {
            let href = format!("href=\"{}#post-{id}\"", page_path(number));
            let live_page = String::from_utf8_lossy(live[&page_html]);
            assert!(live_page.contains(&href), "the live page lacks {href}");
        }
    }
    // The live page's own link to them, for a reader without the app.
    let live_page = String::from_utf8_lossy(live[&page_html]).into_owned();
    let first_link = format!("href=\"{}\"", page_path(pages));
    assert!(
        live_page.contains(&first_link),
        "the live page lacks {first_link}"
    );
    assert_eq!(on_pages.len(), POSTS);
    assert_eq!(on_pages.iter().collect::<BTreeSet<_>>().len(), POSTS);
    assert_eq!(
        on_pages[PAGE_POSTS - 1],
        "post-0",
        "page 1 holds the oldest, newest first"
    );
    // Every post on its own.
    for n in [0, 500, POSTS - 1] {
        let post: Value =
            serde_json::from_str(&site.read(&live_post_data(SLUG, &format!("post-{n}")))).unwrap();
        assert!(post["body"][0]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("live-post-{n}-words")));
    }
    std::fs::remove_dir_all(site.dist.parent().unwrap()).unwrap();
}

/// Adds a post published now, a copy of the newest with the id `id`.
fn add_post(site: &Site, id: &str) {
    let mut story = site.live_story();
    let posts = story["live"]["posts"].as_array_mut().unwrap();
    let mut post = posts[POSTS - 1].clone();
    post["id"] = id.into();
    post["published"] = now().to_rfc3339().into();
    posts.push(post);
    site.write_live(&story);
}

#[test]
fn a_post_added_rewrites_the_first_view_and_the_newest_page_and_a_full_page_once() {
    let site = Site::built("live-pages-add");
    let api = |data: String| format!("api/v1/{data}");
    let page = |number: u32| {
        [
            api(live_page_data(SLUG, number)),
            Route::LivePosts {
                slug: SLUG.into(),
                page: number,
            }
            .file(),
        ]
    };
    let first_view = [
        Route::Story(SLUG.into()).file(),
        api(format!("articles/{SLUG}.json")),
        api(live_latest_data(SLUG)),
    ];
    // 1,001 posts: a 41st page, of one; page 40, full since the 1,000th,
    // now links to it.
    add_post(&site, "post-new");
    let expected: Vec<String> = first_view
        .iter()
        .cloned()
        .chain([api(live_post_data(SLUG, "post-new"))])
        .chain(page(41))
        .chain(page(40))
        .collect();
    assert_eq!(live_changes(&site), sorted(&expected));
    // 1,002: page 40 no more.
    add_post(&site, "post-newer");
    let expected: Vec<String> = first_view
        .iter()
        .cloned()
        .chain([api(live_post_data(SLUG, "post-newer"))])
        .chain(page(41))
        .collect();
    assert_eq!(live_changes(&site), sorted(&expected));
    // The search index's segment holding the page was written anew each
    // time, under a new name: the old ones' folders are gone with them.
    assert_eq!(empty_folders(&site.dist), Vec::<PathBuf>::new());
    std::fs::remove_dir_all(site.dist.parent().unwrap()).unwrap();
}

fn empty_folders(folder: &Path) -> Vec<PathBuf> {
    let entries: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    if entries.is_empty() {
        return vec![folder.to_owned()];
    }
    entries
        .iter()
        .filter(|path| path.is_dir())
        .flat_map(|path| empty_folders(path))
        .collect()
}

/// Publishes: the live page's files that changed (nothing is deleted but
/// the search index's segment holding the page, which is written anew).
fn live_changes(site: &Site) -> BTreeSet<String> {
    let (changed, deleted) = site.publish();
    assert!(
        deleted.iter().all(|path| path.starts_with("search/")),
        "{deleted:?}"
    );
    changed
        .into_iter()
        .filter(|path| path.contains(SLUG))
        .collect()
}

fn sorted(paths: &[String]) -> BTreeSet<String> {
    paths.iter().cloned().collect()
}

#[test]
fn an_edit_changes_its_post_its_page_and_its_version_in_the_latest_file() {
    let site = Site::built("live-pages-edit");
    let before = LiveLatest::from_json(&site.read(&live_latest_data(SLUG))).unwrap();
    assert!(before.edited.is_empty());
    let mut story = site.live_story();
    let post = &mut story["live"]["posts"][500];
    post["body"][1]["text"] = "Corrected: the gust was 70mph, not 80mph.".into();
    post["updated"] = now().to_rfc3339().into();
    site.write_live(&story);
    let (changed, _) = site.publish();
    let api = |data: String| format!("api/v1/{data}");
    // Post 500 is on page 21 (posts 500 to 524).
    for file in [
        api(live_post_data(SLUG, "post-500")),
        api(live_page_data(SLUG, 21)),
        api(live_latest_data(SLUG)),
    ] {
        assert!(changed.contains(&file), "{file} not in {changed:?}");
    }
    let page_file = |page| {
        Route::LivePosts {
            slug: SLUG.into(),
            page,
        }
        .file()
    };
    assert!(changed.contains(&page_file(21)), "{changed:?}");
    for file in [
        api(live_page_data(SLUG, 20)),
        api(live_page_data(SLUG, 22)),
        page_file(20),
        page_file(22),
    ] {
        assert!(!changed.contains(&file), "{file} changed");
    }
    let after = LiveLatest::from_json(&site.read(&live_latest_data(SLUG))).unwrap();
    assert_eq!(after.edited.len(), 1);
    assert_eq!(after.edited[0].id, "post-500");
    assert!(site
        .read(&live_post_data(SLUG, "post-500"))
        .contains("Corrected: the gust was 70mph"));
    std::fs::remove_dir_all(site.dist.parent().unwrap()).unwrap();
}

#[test]
fn a_post_taken_down_leaves_no_trace_in_dist_but_its_id_in_the_latest_files_deleted() {
    let site = Site::built("live-pages-delete");
    let words = "live-post-500-words";
    let before = files(&site.dist);
    let holding: Vec<&String> = before
        .iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(words))
        .map(|(path, _)| path)
        .collect();
    assert!(holding.len() >= 2, "{holding:?}");

    let mut story = site.live_story();
    let posts = story["live"]["posts"].as_array_mut().unwrap();
    posts.retain(|post| post["id"] != "post-500");
    story["live"]["deleted"] = serde_json::json!(["post-500"]);
    site.write_live(&story);
    let (_, deleted) = site.publish();
    assert!(
        deleted.contains(&format!("api/v1/{}", live_post_data(SLUG, "post-500"))),
        "{deleted:?}"
    );
    for (path, bytes) in files(&site.dist) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(words), "{path} still holds the post");
        if path != format!("api/v1/{}", live_latest_data(SLUG)) {
            assert!(
                !text.contains("\"post-500\""),
                "{path} still names the post"
            );
        }
    }
    let latest = LiveLatest::from_json(&site.read(&live_latest_data(SLUG))).unwrap();
    assert_eq!(latest.deleted, ["post-500"]);
    std::fs::remove_dir_all(site.dist.parent().unwrap()).unwrap();
}

#[test]
fn a_live_page_under_embargo_is_in_no_file_until_its_time_and_then_out_with_its_posts() {
    let site = Site::built("live-pages-embargo");
    let (slug, headline) = ("count-live", "Election Night Live: The Count as It Happens");
    let mut live = synthetic::live_story(slug, 60, now());
    live["headline"] = headline.into();
    live["publish_at"] = "2026-11-28T09:00:00Z".into();
    write(&site.content.join(format!("articles/{slug}.json")), &live);
    // Before its time (the tests' clock says 05:00): no file changes, and
    // none names it.
    assert_eq!(site.publish(), (BTreeSet::new(), BTreeSet::new()));
    for (path, bytes) in files(&site.dist) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(slug) && !text.contains(headline),
            "{path} names the live page under embargo"
        );
    }
    // At its time: out, with its latest posts' file and its pages of posts.
    let mut at_nine = options(&site.app, &site.content, &site.dist, 10, 500);
    at_nine.settings.now =
        news_portal::model::Timestamp::parse_rfc3339("2026-11-28T09:00:00Z").unwrap();
    let changed: BTreeSet<String> = published(&at_nine).changed.into_iter().collect();
    let api = |data: String| format!("api/v1/{data}");
    for path in [
        Route::Story(slug.into()).file(),
        api(format!("articles/{slug}.json")),
        api(live_latest_data(slug)),
        api(live_page_data(slug, 1)),
        Route::LivePosts {
            slug: slug.into(),
            page: 1,
        }
        .file(),
        "index.html".to_owned(),
    ] {
        assert!(changed.contains(&path), "{path} not in {changed:?}");
    }
    let page = std::fs::read_to_string(site.dist.join(Route::Story(slug.into()).file())).unwrap();
    assert!(page.contains(headline));
    std::fs::remove_dir_all(site.dist.parent().unwrap()).unwrap();
}
