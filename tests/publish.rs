//! Publishing, natively: the content check refuses bad content and names
//! the file and field; the index, sitemaps and feeds derived from the
//! sample stories say what they should (parsed as XML, not string-matched).
#![cfg(not(target_arch = "wasm32"))]

use news_portal::model::{Article, ArticleSummary, SectionList, StoryIndex, Timestamp};
use news_portal::publish::outputs::{plan, text_of, Common};
use news_portal::publish::site::Site;
use news_portal::publish::tags::Tags;
use news_portal::publish::{
    check, image_origins, missing_pictures, read_sources, CheckedContent, Origins, Settings,
    Severity, SourceFile, FEED_SIZE,
};
use news_portal::routes::Route;
use serde_json::{json, Value};
use std::path::Path;
use test_case::test_case;
use Severity::{Error, Warning};

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/api/v1");
const ORIGIN: &str = "https://www.example.co.uk";

fn story(slug: &str) -> Value {
    json!({
        "slug": slug,
        "headline": "A headline",
        "standfirst": "What happened.",
        "published": "2026-11-26T08:15:00Z",
        "body": [{ "type": "paragraph", "text": "Words." }]
    })
}

fn file(name: &str, text: impl Into<String>) -> SourceFile {
    SourceFile {
        name: name.into(),
        text: text.into(),
    }
}

fn feed(items: Value) -> SourceFile {
    file("headlines.json", json!({ "headlines": items }).to_string())
}

fn no_headlines() -> SourceFile {
    feed(json!([]))
}

/// A story file changed by `change`, checked with an empty feed.
fn checked(change: impl FnOnce(&mut Value)) -> Vec<(Severity, Option<String>, String)> {
    let mut value = story("a-story");
    change(&mut value);
    let (_, report) = check(
        &[file("articles/a-story.json", value.to_string())],
        Some(&no_headlines()),
    );
    report
        .problems
        .into_iter()
        .inspect(|problem| assert_eq!(problem.file, "articles/a-story.json"))
        .map(|problem| (problem.severity, problem.field, problem.message))
        .collect()
}

#[test]
fn a_story_with_every_field_right_passes_with_nothing_to_say() {
    let (content, report) = check(
        &[file("articles/a-story.json", story("a-story").to_string())],
        Some(&no_headlines()),
    );
    assert_eq!(report.problems, []);
    assert_eq!(content.stories.len(), 1);
}

/// `docs/examples/story-with-every-field.json`, which docs/publishing.md
/// points editors to: it passes the check, names the sample's authors and
/// topics, uses every kind of block and mark, and is held under embargo.
#[test]
fn the_example_story_with_every_field_passes_the_check() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/examples/story-with-every-field.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let (content, report) = check(
        &[file(
            "articles/example-story-with-every-field.json",
            text.clone(),
        )],
        Some(&no_headlines()),
    );
    assert_eq!(report.problems, []);
    assert_eq!(sample_tags().check_named(&content.records).problems, []);
    let story = Article::from_json(&text).unwrap().value;
    let kinds: Vec<String> = serde_json::from_str::<Value>(&text).unwrap()["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|block| block["type"].as_str().unwrap().to_owned())
        .collect();
    for kind in [
        "paragraph",
        "subheading",
        "quote",
        "list",
        "picture",
        "embed",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} block");
    }
    assert_eq!(story.body.len(), kinds.len(), "every block is shown");
    let marked = story
        .body
        .iter()
        .filter_map(|block| match block {
            news_portal::model::Block::Paragraph { text } => Some(text.runs()),
            _ => None,
        })
        .flatten();
    let (mut links, mut emphasis, mut quotes) = (0, 0, 0);
    for run in marked {
        links += usize::from(run.href().is_some());
        emphasis += usize::from(run.emphasis);
        quotes += usize::from(run.quote);
    }
    assert_eq!((links, emphasis, quotes), (2, 1, 1));
    assert!(!story.corrections.is_empty() && story.image.is_some() && story.publish_at.is_some());
    assert!(!story.authors.is_empty() && !story.topics.is_empty());
}

/// One broken file at a time: how it is broken, and what the check must
/// say of it (one problem, of this severity, on this field, in a sentence).
#[test_case(|v| _ = v.as_object_mut().unwrap().remove("headline"), Error, Some("headline"), "\"headline\" is missing: every story needs one." ; "headline missing")]
#[test_case(|v| v["headline"] = json!("  "), Error, Some("headline"), "\"headline\" is empty." ; "headline blank")]
#[test_case(|v| v["headline"] = json!(7), Error, Some("headline"), "\"headline\" should be text, not a number." ; "headline a number")]
#[test_case(|v| _ = v.as_object_mut().unwrap().remove("published"), Error, Some("published"), "\"published\" is missing" ; "published missing")]
#[test_case(|v| v["published"] = json!("2026-13-01T08:00:00Z"), Error, Some("published"), "is not an RFC 3339 date-time" ; "published not a date")]
#[test_case(|v| v["published"] = json!("2026-11-26T08:15:0é"), Error, Some("published"), "\"2026-11-26T08:15:0é\" is not an RFC 3339 date-time" ; "published with a stray é")]
#[test_case(|v| v["updated"] = json!("yesterday"), Error, Some("updated"), "\"updated\": \"yesterday\" is not" ; "updated not a date")]
#[test_case(|v| v["slug"] = json!("another-story"), Error, Some("slug"), "but the file is called a-story.json: they must match" ; "slug not the file's name")]
#[test_case(|v| v["slug"] = json!("A Story"), Error, Some("slug"), "which is not lowercase words and numbers joined by hyphens" ; "slug not a slug")]
#[test_case(|v| _ = v.as_object_mut().unwrap().remove("body"), Error, Some("body"), "\"body\" is missing" ; "body missing")]
#[test_case(|v| v["body"] = json!([]), Error, Some("body"), "\"body\" is empty" ; "body empty")]
#[test_case(|v| v["body"] = json!("Words."), Error, Some("body"), "\"body\" should be a list of blocks, not text." ; "body text")]
#[test_case(|v| v["body"] = json!([{ "type": "paragraph" }, { "type": "paragraph", "text": "x" }]), Error, Some("body[0]"), "body[0]: a paragraph block has no text." ; "a paragraph without text")]
#[test_case(|v| v["key_points"] = json!("One point"), Error, Some("key_points"), "should be a list of sentences, not text." ; "key points not a list")]
#[test_case(|v| v["sample"] = json!("yes"), Error, Some("sample"), "\"sample\" should be true or false, not text." ; "sample not true or false")]
#[test_case(|v| v["body"] = json!([{ "type": "hologram" }, { "type": "paragraph", "text": "x" }]), Warning, Some("body[0]"), "this version of the site does not show \"hologram\" blocks; it will be left out of the story." ; "an unknown block type")]
#[test_case(|v| _ = v.as_object_mut().unwrap().remove("standfirst"), Warning, Some("standfirst"), "share previews will show the first paragraph instead" ; "no standfirst")]
#[test_case(|v| v["updated"] = json!("2026-11-25T08:15:00Z"), Warning, Some("updated"), "\"updated\" is earlier than \"published\"" ; "updated before published")]
#[test_case(|v| v["image"] = json!({ "src": "/images/a.webp", "alt": " ", "width": 640, "height": 360 }), Error, Some("image"), "image: the lead image was left out: it has no alt text: describe what it shows." ; "an image without alt text")]
#[test_case(|v| v["image"] = json!({ "src": "http://example.com/a.webp", "alt": "A", "width": 640, "height": 360 }), Error, Some("image"), "is not a path on this site or an https:// address." ; "an image from an unsafe address")]
#[test_case(|v| v["image"] = json!("/images/a.webp"), Error, Some("image"), "the lead image was left out" ; "an image that is only text")]
#[test_case(|v| v["section"] = json!("!!"), Warning, Some("section"), "its label will not link anywhere." ; "a section with no letters")]
#[test_case(|v| v["withdrawn"] = json!("when the lawyers call"), Error, Some("withdrawn"), "\"withdrawn\": \"when the lawyers call\" is not" ; "withdrawn not a date")]
#[test_case(|v| v["corrections"] = json!("we got it wrong"), Error, Some("corrections"), "\"corrections\" should be a list of corrections, each with \"at\" and \"text\", not text." ; "corrections not a list")]
#[test_case(|v| v["corrections"] = json!([{ "text": "The vote was split." }]), Error, Some("corrections[0].at"), "\"corrections[0].at\" is missing: say when the correction was made." ; "a correction without a time")]
#[test_case(|v| v["corrections"] = json!([{ "at": "yesterday", "text": "The vote was split." }]), Error, Some("corrections[0].at"), "\"corrections[0].at\": \"yesterday\" is not" ; "a correction's time not a time")]
#[test_case(|v| v["corrections"] = json!([{ "at": "2026-11-20T08:00:00Z", "text": "The vote was split." }]), Error, Some("corrections[0].at"), "is before \"published\": a correction comes after the story it corrects." ; "a correction before publication")]
#[test_case(|v| v["corrections"] = json!([{ "at": "2026-11-27T08:00:00Z", "text": " " }]), Error, Some("corrections[0].text"), "\"corrections[0].text\" is empty: say what was wrong and what is right." ; "a correction without words")]
#[test_case(|v| v["body"] = json!([{ "type": "list", "items": [] }, { "type": "paragraph", "text": "x" }]), Error, Some("body[0]"), "body[0]: a list block has no items." ; "a list without items")]
#[test_case(|v| v["body"] = json!([{ "type": "picture" }, { "type": "paragraph", "text": "x" }]), Error, Some("body[0]"), "body[0]: a picture block has no image." ; "a picture without an image")]
#[test_case(|v| v["body"] = json!([{ "type": "embed", "url": "https://evil.example/post/1" }, { "type": "paragraph", "text": "x" }]), Error, Some("body[0]"), "must be an https:// address on X, YouTube or Bluesky" ; "an embed from another site")]
#[test_case(|v| v["body"] = json!([{ "type": "paragraph", "text": ["Click ", { "text": "here", "link": "javascript:alert(1)" }] }]), Warning, Some("body"), "body: \"here\" links to \"javascript:alert(1)\", which is not an http:// or https:// address" ; "a link to a javascript address")]
fn broken_story_files_are_refused_naming_the_field_in_a_sentence(
    change: fn(&mut Value),
    severity: Severity,
    field: Option<&str>,
    message: &str,
) {
    let problems = checked(change);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (found_severity, found_field, found_message) = &problems[0];
    assert_eq!(*found_severity, severity);
    assert_eq!(found_field.as_deref(), field);
    assert!(found_message.contains(message), "{found_message}");
    assert!(found_message.ends_with('.'), "a sentence: {found_message}");
}

#[test]
fn a_live_post_both_present_and_listed_as_deleted_stops_the_build_naming_it() {
    let problems = checked(|story| {
        story["body"] = json!([]);
        story["live"] = json!({
            "posts": [
                { "id": "kept", "published": "2026-11-26T09:00:00Z",
                  "body": [{ "type": "paragraph", "text": "Kept." }] },
                { "id": "gone", "published": "2026-11-26T09:05:00Z",
                  "body": [{ "type": "paragraph", "text": "Taken down." }] }
            ],
            "deleted": ["gone"],
        });
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (severity, field, message) = &problems[0];
    assert_eq!(*severity, Severity::Error);
    assert_eq!(field.as_deref(), Some("live.posts[1]"));
    assert!(
        message.contains("\"gone\" is listed in `deleted`"),
        "{message}"
    );
}

#[test]
fn a_file_that_is_not_a_story_at_all_says_so() {
    for (text, message) in [
        ("{\"slug\": ", "This is not valid JSON"),
        ("[]", "A story is a JSON object, and this is a list."),
    ] {
        let (content, report) = check(&[file("articles/a.json", text)], Some(&no_headlines()));
        assert!(content.stories.is_empty());
        assert_eq!(report.problems.len(), 1);
        assert!(report.problems[0].message.starts_with(message), "{text}");
        assert!(report.has_errors());
    }
}

#[test]
fn warnings_never_stop_the_build_and_errors_always_do() {
    let (content, report) = check(
        &[file("articles/a-story.json", {
            let mut value = story("a-story");
            value["body"] = json!([{ "type": "hologram" }, { "type": "paragraph", "text": "x" }]);
            value.to_string()
        })],
        Some(&no_headlines()),
    );
    assert!(!report.has_errors());
    assert_eq!(content.stories.len(), 1);
    assert_eq!(report.summary(), "0 errors, 1 warning");
}

#[test]
fn two_stories_with_one_slug_are_refused() {
    let text = story("a-story").to_string();
    let (content, report) = check(
        &[
            file("articles/a-story.json", text.clone()),
            file("articles/a-story.json", text),
        ],
        Some(&no_headlines()),
    );
    assert_eq!(content.stories.len(), 1);
    assert_eq!(report.problems.len(), 1);
    assert!(report.problems[0]
        .message
        .contains("two stories cannot share one address"));
}

#[test]
fn a_headline_must_lead_to_a_story_that_exists_and_be_readable() {
    let stories = [file("articles/a-story.json", story("a-story").to_string())];
    let good = json!({ "id": "1", "headline": "H", "slug": "a-story", "published": "2026-11-26T08:15:00Z" });
    let cases = [
        (
            json!([good, { "id": "2", "headline": "H", "slug": "no-such-story", "published": "2026-11-26T08:15:00Z" }]),
            "headlines[1]",
            "headlines[1] links to the story \"no-such-story\", which does not exist.",
        ),
        (
            json!([{ "id": "3", "headline": "H", "url": "/news/gone", "published": "2026-11-26T08:15:00Z" }]),
            "headlines[0]",
            "links to the story \"gone\", which does not exist.",
        ),
        (
            json!([{ "id": "4", "headline": "H", "slug": "a-story", "published": "2026-11-26T08:15:0é" }]),
            "headlines[0]",
            "is not an RFC 3339 date-time",
        ),
    ];
    for (items, field, message) in cases {
        let (_, report) = check(&stories, Some(&feed(items)));
        assert_eq!(report.problems.len(), 1, "{report:?}");
        let problem = &report.problems[0];
        assert_eq!(problem.file, "headlines.json");
        assert_eq!(problem.field.as_deref(), Some(field));
        assert!(problem.message.contains(message), "{}", problem.message);
        assert_eq!(problem.severity, Severity::Error);
    }
    let (_, report) = check(&stories, None);
    assert!(report.problems[0]
        .message
        .starts_with("There is no headlines feed"));
    let (_, report) = check(&stories, Some(&file("headlines.json", "<html>")));
    assert!(report.problems[0]
        .message
        .starts_with("The headlines feed cannot be read"));
}

// ---------------------------------------------------------------------------
// What the sample stories publish as.

fn sample() -> CheckedContent {
    let (stories, headlines) = read_sources(Path::new(CONTENT)).unwrap();
    let (content, report) = check(&stories, headlines.as_ref());
    assert_eq!(report.problems, [], "the sample content is clean");
    assert!(content.stories.len() >= 5);
    content
}

/// The sample's authors and topics.
fn sample_tags() -> Tags {
    let (tags, report) = Tags::read(Path::new(CONTENT));
    assert_eq!(
        report.problems,
        [],
        "the sample's authors and topics are clean"
    );
    tags
}

/// A sample story's byline as feeds give it: its authors' names, or
/// failing those its desk's byline.
fn byline_of(story: &Article) -> String {
    let ids: Vec<String> = story.authors.iter().map(|tag| tag.id.clone()).collect();
    if ids.is_empty() {
        return story.byline.clone();
    }
    let byline = sample_tags().byline(&ids);
    assert!(!byline.is_empty() && !byline.contains('-'), "{byline}");
    byline
}

fn settings() -> Settings {
    Settings {
        origin: ORIGIN.into(),
        index_size: 20,
        page_size: 20,
        sitemap_size: 50_000,
        search_segment: 20_000,
        now: Timestamp::parse_rfc3339("2026-11-28T05:00:00Z").unwrap(),
        origins: Origins::default(),
    }
}

/// The file at `name` of the site `content` makes, as text.
fn derived(name: &str, content: &CheckedContent, settings: &Settings) -> String {
    let site = Site::derive(content.records.clone(), sample_tags(), settings);
    let common = Common {
        renderer: 0,
        shell: 0,
    };
    plan(
        &site,
        &[],
        settings,
        &common,
        "{\"headlines\":[]}",
        Path::new(CONTENT),
    )
    .unwrap()
    .into_iter()
    .find(|output| output.path == name)
    .and_then(|output| text_of(&output, &site, &settings.origin))
    .unwrap_or_else(|| panic!("no {name}"))
}

fn story_url(slug: &str) -> String {
    format!("{ORIGIN}{}", Route::Story(slug.into()).path())
}

fn children<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children()
        .filter(|child| child.tag_name().name() == name)
        .collect()
}

fn text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    children(node, name)
        .first()
        .and_then(|child| child.text())
        .unwrap_or_else(|| panic!("no <{name}>"))
}

#[test]
fn the_index_lists_the_newest_stories_first_as_many_as_the_setting_says() {
    let content = sample();
    let index: Value = serde_json::from_str(&derived(
        "api/v1/articles/index.json",
        &content,
        &settings(),
    ))
    .unwrap();
    let listed: Vec<&str> = index["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|story| story["slug"].as_str().unwrap())
        .collect();
    let mut newest = content.stories.clone();
    newest.sort_by_key(|story| std::cmp::Reverse(story.published));
    let expected: Vec<&str> = newest.iter().map(|story| story.slug.as_str()).collect();
    assert_eq!(listed, expected);
    for (entry, story) in index["articles"].as_array().unwrap().iter().zip(&newest) {
        assert_eq!(entry["headline"], story.headline);
        assert_eq!(entry["standfirst"], story.standfirst);
        assert_eq!(entry["published"], story.published.to_rfc3339());
        assert_eq!(entry["sample"], story.sample);
    }
    let three = Settings {
        index_size: 3,
        ..settings()
    };
    let index = StoryIndex::from_json(&derived("api/v1/articles/index.json", &content, &three))
        .unwrap()
        .value;
    let slugs: Vec<&str> = index.articles.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(slugs, expected[..3]);
}

#[test]
fn the_sitemap_index_names_the_sitemaps_of_the_pages_and_of_every_story() {
    let content = sample();
    let index = derived("sitemap.xml", &content, &settings());
    let index = roxmltree::Document::parse(&index).unwrap();
    assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
    let named: Vec<&str> = children(index.root_element(), "sitemap")
        .iter()
        .map(|sitemap| text(*sitemap, "loc"))
        .collect();
    assert_eq!(
        named,
        [
            format!("{ORIGIN}/sitemaps/pages-1.xml"),
            format!("{ORIGIN}/sitemaps/stories-1.xml")
        ]
    );
    let pages = derived("sitemaps/pages-1.xml", &content, &settings());
    let pages = roxmltree::Document::parse(&pages).unwrap();
    let locs: Vec<&str> = children(pages.root_element(), "url")
        .iter()
        .map(|url| text(*url, "loc"))
        .collect();
    assert_eq!(locs[0], format!("{ORIGIN}/"));
    let site = Site::derive(content.records.clone(), sample_tags(), &settings());
    for section in &site.sections.sections {
        assert!(locs.contains(&format!("{ORIGIN}/section/{}", section.slug).as_str()));
    }
    assert!(locs.contains(&format!("{ORIGIN}/archive").as_str()));
    let stories = derived("sitemaps/stories-1.xml", &content, &settings());
    let stories = roxmltree::Document::parse(&stories).unwrap();
    let urls = children(stories.root_element(), "url");
    assert_eq!(urls.len(), content.stories.len());
    for story in &content.stories {
        let url = story_url(&story.slug);
        let entry = urls
            .iter()
            .find(|u| text(**u, "loc") == url)
            .unwrap_or_else(|| panic!("{url}"));
        let changed = story.updated_after_publication().unwrap_or(story.published);
        assert_eq!(text(*entry, "lastmod"), changed.to_rfc3339());
    }
}

#[test]
fn the_news_sitemap_lists_only_the_last_two_days() {
    let content = sample();
    let xml = derived("news-sitemap.xml", &content, &settings());
    let document = roxmltree::Document::parse(&xml).unwrap();
    let since = Timestamp::parse_rfc3339("2026-11-26T05:00:00Z").unwrap();
    let mut expected: Vec<_> = content
        .stories
        .iter()
        // Two days back from the build's time, and nothing after it.
        .filter(|story| story.published >= since && story.published <= settings().now)
        .collect();
    expected.sort_by_key(|story| std::cmp::Reverse(story.published));
    assert!(!expected.is_empty() && expected.len() < content.stories.len());
    let urls = children(document.root_element(), "url");
    assert_eq!(urls.len(), expected.len());
    for (url, story) in urls.iter().zip(expected) {
        assert_eq!(text(*url, "loc"), story_url(&story.slug));
        let news = children(*url, "news")[0];
        assert_eq!(text(news, "title"), story.headline);
        assert_eq!(text(news, "publication_date"), story.published.to_rfc3339());
        let publication = children(news, "publication")[0];
        assert_eq!(text(publication, "name"), "Britain's News Portal");
        assert_eq!(text(publication, "language"), "en");
    }
}

#[test]
fn the_news_sitemap_keeps_a_live_page_while_it_is_live_however_long_ago_it_began() {
    let content = sample();
    let live = content
        .stories
        .iter()
        .find(|story| story.live.as_ref().is_some_and(|live| live.is_live()))
        .expect("the sample has a live page");
    // A week after the samples: no story is of the last two days.
    let mut later = settings();
    later.now = Timestamp::parse_rfc3339("2026-12-05T09:00:00Z").unwrap();
    let xml = derived("news-sitemap.xml", &content, &later);
    let document = roxmltree::Document::parse(&xml).unwrap();
    let urls = children(document.root_element(), "url");
    let listed: Vec<&str> = urls.iter().map(|url| text(*url, "loc")).collect();
    assert_eq!(listed, [story_url(&live.slug)]);
}

#[test]
fn the_rss_feed_carries_the_latest_stories_with_what_feed_readers_expect() {
    let content = sample();
    let xml = derived("feed.xml", &content, &settings());
    let document = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(document.root_element().attribute("version"), Some("2.0"));
    let channel = children(document.root_element(), "channel")[0];
    assert_eq!(text(channel, "title"), "Britain's News Portal");
    assert_eq!(text(channel, "link"), format!("{ORIGIN}/"));
    let items = children(channel, "item");
    assert_eq!(items.len(), content.stories.len());
    let mut newest = content.stories.clone();
    newest.sort_by_key(|story| std::cmp::Reverse(story.published));
    for (item, story) in items.iter().zip(&newest) {
        let url = story_url(&story.slug);
        assert_eq!(text(*item, "title"), story.headline);
        assert_eq!(text(*item, "link"), url);
        assert_eq!(text(*item, "guid"), url);
        assert_eq!(text(*item, "pubDate"), story.published.to_rfc2822());
        assert_eq!(text(*item, "description"), story.description());
        assert_eq!(text(*item, "creator"), byline_of(story));
    }
}

#[test]
fn the_atom_feed_carries_the_same_stories_with_ids_and_both_times() {
    let content = sample();
    let xml = derived("atom.xml", &content, &settings());
    let document = roxmltree::Document::parse(&xml).unwrap();
    let feed = document.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(text(feed, "id"), format!("{ORIGIN}/"));
    let entries = children(feed, "entry");
    assert_eq!(entries.len(), content.stories.len());
    for entry in entries {
        let id = text(entry, "id");
        let story = content
            .stories
            .iter()
            .find(|story| id == story_url(&story.slug))
            .unwrap();
        assert_eq!(text(entry, "title"), story.headline);
        assert_eq!(children(entry, "link")[0].attribute("href"), Some(id));
        assert_eq!(text(entry, "published"), story.published.to_rfc3339());
        assert_eq!(text(entry, "summary"), story.description());
        assert_eq!(text(children(entry, "author")[0], "name"), byline_of(story));
    }
}

#[test]
fn the_feeds_carry_at_most_twenty_stories() {
    let one = story("a-story");
    let files: Vec<SourceFile> = (0..FEED_SIZE + 5)
        .map(|i| {
            let mut story = one.clone();
            story["slug"] = json!(format!("story-{i}"));
            file(&format!("articles/story-{i}.json"), story.to_string())
        })
        .collect();
    let (content, report) = check(&files, Some(&no_headlines()));
    assert!(!report.has_errors());
    for (name, entry) in [("feed.xml", "item"), ("atom.xml", "entry")] {
        let xml = derived(name, &content, &settings());
        let document = roxmltree::Document::parse(&xml).unwrap();
        let count = document
            .descendants()
            .filter(|node| node.tag_name().name() == entry)
            .count();
        assert_eq!(count, FEED_SIZE, "{name}");
    }
}

#[test]
fn robots_txt_names_both_sitemaps() {
    let robots = derived("robots.txt", &sample(), &settings());
    assert!(robots.contains(&format!("Sitemap: {ORIGIN}/sitemap.xml\n")));
    assert!(robots.contains(&format!("Sitemap: {ORIGIN}/news-sitemap.xml\n")));
}

#[test]
fn every_section_gets_a_page_of_its_stories_newest_first() {
    let content = sample();
    let list =
        SectionList::from_json(&derived("api/v1/sections.json", &content, &settings())).unwrap();
    assert!(list.skipped.is_empty());
    let names: Vec<&str> = list
        .value
        .sections
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let mut expected: Vec<&str> = content
        .stories
        .iter()
        .filter_map(|story| story.section.as_deref())
        .collect();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(names, expected, "every section once, alphabetically");
    for section in &list.value.sections {
        let file = format!("api/v1/sections/{}.json", section.slug);
        let index = StoryIndex::from_json(&derived(&file, &content, &settings())).unwrap();
        assert_eq!(index.value.section.as_deref(), Some(section.name.as_str()));
        assert_eq!(
            index.value.older, None,
            "the sample's sections fit one page"
        );
        let listed: Vec<&str> = index
            .value
            .articles
            .iter()
            .map(|s| s.slug.as_str())
            .collect();
        let mut in_section: Vec<_> = content
            .stories
            .iter()
            .filter(|story| story.section.as_deref() == Some(section.name.as_str()))
            .collect();
        in_section.sort_by_key(|story| std::cmp::Reverse(story.published));
        let expected: Vec<&str> = in_section.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(listed, expected, "{file}");
    }
    assert!(
        list.value.sections.len() < content.stories.len(),
        "the sample has a section with more than one story, so More from <section> shows"
    );
}

#[test]
fn sections_spelt_two_ways_are_one_section_named_as_the_newest_story_names_it() {
    let mut older = story("older");
    older["section"] = json!("business");
    older["published"] = json!("2026-11-20T08:00:00Z");
    let mut newer = story("newer");
    newer["section"] = json!("Business");
    let mut nameless = story("nameless");
    nameless["section"] = json!("!!");
    let files: Vec<SourceFile> = [older, newer, nameless]
        .iter()
        .map(|value| SourceFile {
            name: format!("articles/{}.json", value["slug"].as_str().unwrap()),
            text: value.to_string(),
        })
        .collect();
    let (content, report) = check(&files, Some(&no_headlines()));
    let spelling: Vec<_> = report
        .problems
        .iter()
        .map(|p| (p.severity, p.file.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        spelling,
        [
            (
                Severity::Warning,
                "articles/nameless.json",
                "\"section\" is \"!!\", which has no letters or digits to make the section's address from: its label will not link anywhere."
            ),
            (
                Severity::Warning,
                "articles/older.json",
                "\"section\" is \"business\", but newer stories spell it \"Business\": the section's page and navigation use \"Business\"."
            )
        ]
    );
    let site = Site::derive(content.records.clone(), sample_tags(), &settings());
    assert_eq!(site.sections.sections.len(), 1);
    assert_eq!(site.sections.sections[0].name, "Business");
    let index = StoryIndex::from_json(&derived(
        "api/v1/sections/business.json",
        &content,
        &settings(),
    ))
    .unwrap()
    .value;
    assert_eq!(index.articles.len(), 2);
}

#[test]
fn pictures_from_elsewhere_are_allowed_by_the_security_policy_and_no_others() {
    let mut content = sample();
    let images = |content: &CheckedContent| {
        image_origins(content.stories.iter().filter_map(|s| s.image.as_ref()))
    };
    assert_eq!(images(&content), Vec::<String>::new());
    let story = content
        .stories
        .iter_mut()
        .find(|story| story.image.is_some())
        .expect("a sample story has a picture");
    let image = story.image.as_mut().unwrap();
    image.src = "https://images.example.com/a.webp".into();
    assert_eq!(images(&content), ["https://images.example.com"]);
}

#[test]
fn a_story_naming_a_picture_the_site_does_not_have_is_refused() {
    let content = sample();
    let summaries: Vec<ArticleSummary> = content.stories.iter().map(ArticleSummary::from).collect();
    let report = missing_pictures(&summaries, |path| {
        Path::new(CONTENT).join("../..").join(&path[1..]).is_file()
    });
    assert_eq!(report.problems, [], "the sample's pictures are all there");
    let report = missing_pictures(&summaries, |path| !path.ends_with("-960.webp"));
    let with_pictures = content.stories.iter().filter(|s| s.image.is_some()).count();
    assert_eq!(report.problems.len(), with_pictures);
    let problem = &report.problems[0];
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(problem.field.as_deref(), Some("image"));
    assert!(
        problem
            .message
            .ends_with("-960.webp, which the site does not have: readers would see no picture."),
        "{}",
        problem.message
    );
}

#[test]
fn the_tickers_feed_marks_the_items_that_lead_to_a_live_page_still_live() {
    let content = sample();
    let site = Site::derive(content.records.clone(), sample_tags(), &settings());
    let feed = std::fs::read_to_string(Path::new(CONTENT).join("headlines.json")).unwrap();
    let common = Common {
        renderer: 0,
        shell: 0,
    };
    let outputs = plan(&site, &[], &settings(), &common, &feed, Path::new(CONTENT)).unwrap();
    let published = outputs
        .iter()
        .find(|output| output.path == "api/v1/headlines.json")
        .and_then(|output| text_of(output, &site, ORIGIN))
        .unwrap();
    let published: Value = serde_json::from_str(&published).unwrap();
    let live: Vec<&str> = published["headlines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["live"] == true)
        .map(|item| item["slug"].as_str().unwrap())
        .collect();
    let live_pages: Vec<&str> = content
        .stories
        .iter()
        .filter(|story| story.live.as_ref().is_some_and(|live| live.is_live()))
        .map(|story| story.slug.as_str())
        .collect();
    assert_eq!(live, live_pages);
    assert_eq!(live.len(), 1);
}

#[test]
fn a_withdrawn_story_leaves_every_list_feed_and_sitemap_and_its_address_answers_410() {
    let mut withdrawn = story("taken-down");
    withdrawn["withdrawn"] = json!("2026-11-27T09:00:00Z");
    withdrawn["section"] = json!("London");
    let mut kept = story("kept");
    kept["section"] = json!("London");
    let files = [
        file("articles/taken-down.json", withdrawn.to_string()),
        file("articles/kept.json", kept.to_string()),
    ];
    let headlines = feed(json!([
        { "id": "1", "headline": "H", "slug": "taken-down", "published": "2026-11-26T08:15:00Z" },
        { "id": "2", "headline": "K", "slug": "kept", "published": "2026-11-26T08:15:00Z" }
    ]));
    let (content, report) = check(&files, Some(&headlines));
    assert!(!report.has_errors(), "{report:?}");
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].severity, Severity::Warning);
    assert!(report.problems[0]
        .message
        .ends_with("which was withdrawn: it is left out of the ticker."));
    let site = Site::derive(content.records.clone(), sample_tags(), &settings());
    let common = Common {
        renderer: 0,
        shell: 0,
    };
    let outputs = plan(
        &site,
        &[],
        &settings(),
        &common,
        &headlines.text,
        Path::new(CONTENT),
    )
    .unwrap();
    assert!(
        outputs
            .iter()
            .all(|output| !output.path.contains("taken-down")),
        "no file of its own"
    );
    for output in &outputs {
        if let Some(text) = text_of(output, &site, ORIGIN) {
            let mentions = text.contains("taken-down");
            assert_eq!(mentions, output.path == "_redirects", "{}", output.path);
        }
    }
    let redirects = text_of(
        outputs.iter().find(|o| o.path == "_redirects").unwrap(),
        &site,
        ORIGIN,
    )
    .unwrap();
    assert!(redirects.contains("/news/taken-down  /removed.html  410\n"));
    assert!(redirects.contains("/api/v1/articles/taken-down.json  /api/v1/withdrawn.json  410\n"));
    let rules = news_portal::publish::headers::parse_redirects(&redirects).unwrap();
    assert_eq!(
        rules.last().map(|rule| rule.status),
        Some(404),
        "the 404 rule comes last"
    );
}
