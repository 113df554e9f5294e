//! The prerender, natively: every story gets a page, every page's head is
//! what share previews and search engines read (parsed, not
//! string-matched), and a page carries the data it was rendered from. The
//! sample site is built the way `scripts/build` builds it (`publish::run`),
//! into a temporary folder, with a stand-in for Trunk's `index.html`.
//! `cargo test --profile tools --no-default-features --features ssr --test
//! prerender`, with `NEWS_SITE_URL` set as `scripts/build` sets it
//! (`scripts/test` does).
#![cfg(feature = "ssr")]

use news_portal::model::Article;
use news_portal::prerender::Shell;
use news_portal::publish::{check, read_sources};
use news_portal::routes::Route;
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod support;

use support::{app, folder, options, published, CONTENT, SHELL};

const FIRST: &str = "sadiq-khan-blocks-met-police-palantir-deal";

fn origin() -> &'static str {
    support::origin()
}

/// The sample site, published once for all the tests: its `dist/`.
fn dist() -> &'static PathBuf {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    DIST.get_or_init(|| {
        let dir = folder("prerender");
        let dist = dir.join("dist");
        published(&options(&app(&dir), Path::new(CONTENT), &dist, 20, 50_000));
        dist
    })
}

fn raw(route: &Route) -> String {
    std::fs::read_to_string(dist().join(route.file()))
        .unwrap_or_else(|err| panic!("no page for {route}: {err}"))
}

fn page(route: &Route) -> Html {
    Html::parse_document(&raw(route))
}

fn story(slug: &str) -> Route {
    Route::Story(slug.into())
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(html: &Html, css: &str, name: &str) -> String {
    let found = select(html, css);
    assert_eq!(found.len(), 1, "{css}: {} found", found.len());
    found[0].value().attr(name).unwrap().to_owned()
}

fn meta(html: &Html, key: &str, name: &str) -> String {
    attr(html, &format!("head meta[{key}=\"{name}\"]"), "content")
}

fn text(html: &Html, css: &str) -> String {
    select(html, css)[0].text().collect()
}

/// Each link `css` finds: where it goes, and its words.
fn links(html: &Html, css: &str) -> Vec<(String, String)> {
    select(html, css)
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_owned(),
                a.text().collect(),
            )
        })
        .collect()
}

fn structured_data(html: &Html) -> Value {
    let scripts = select(html, "head script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1);
    serde_json::from_str(&scripts[0].text().collect::<String>()).unwrap()
}

fn article(slug: &str) -> Article {
    let json = std::fs::read_to_string(format!("{CONTENT}/articles/{slug}.json")).unwrap();
    Article::from_json(&json).unwrap().value
}

#[test]
fn every_story_has_a_page_of_its_own_at_its_clean_url() {
    let (stories, headlines) = read_sources(&PathBuf::from(CONTENT)).unwrap();
    let (content, _) = check(&stories, headlines.as_ref());
    assert!(content.stories.len() >= 5);
    for story in &content.stories {
        let html = Html::parse_document(
            &std::fs::read_to_string(dist().join(format!("news/{}.html", story.slug))).unwrap(),
        );
        assert_eq!(text(&html, "main h1"), story.headline);
        assert_eq!(
            attr(&html, "body", "data-rendered-path"),
            format!("/news/{}", story.slug)
        );
    }
    for file in [
        "index.html",
        "privacy.html",
        "newsletter/confirm.html",
        "newsletter/unsubscribe.html",
        "archive.html",
        "removed.html",
        "404.html",
    ] {
        assert!(dist().join(file).is_file(), "{file}");
    }
}

#[test]
fn a_page_of_a_split_off_part_of_the_app_names_its_part_and_a_story_none() {
    // The browser fetches the part a page names before it takes the page
    // over (`app::start`); the name is what the page's view recorded.
    for (route, part) in [
        (Route::Archive, Some("archive")),
        (Route::Privacy, Some("privacy")),
        (Route::Newsletter, Some("newsletter")),
        (Route::Search, Some("search")),
        (
            Route::Section {
                slug: "london".into(),
                page: None,
            },
            Some("lists"),
        ),
        (
            story("storm-brings-gusts-to-northern-england-live"),
            Some("live"),
        ),
        (
            Route::LivePosts {
                slug: "storm-brings-gusts-to-northern-england-live".into(),
                page: 1,
            },
            Some("live_posts"),
        ),
        (Route::Front, None),
        (story(FIRST), None),
        (Route::NotFound, None),
    ] {
        let html = page(&route);
        let named = select(&html, "body")[0].value().attr("data-app-part");
        assert_eq!(named, part, "{route}");
    }
}

#[test]
fn every_page_carries_its_stylesheet_and_the_policy_allows_it_by_its_hash_alone() {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let headers = std::fs::read_to_string(dist().join("_headers")).unwrap();
    let policy = headers
        .lines()
        .find_map(|line| line.trim().strip_prefix("Content-Security-Policy: "))
        .unwrap();
    for route in [Route::Front, story(FIRST), Route::Privacy] {
        let html = page(&route);
        let styles = select(&html, "head style");
        assert_eq!(styles.len(), 1, "{route}");
        let css: String = styles[0].text().collect();
        assert!(css.contains("margin: 0"), "{route}: {css}");
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(css.as_bytes()));
        assert!(
            policy.contains(&format!("style-src 'self' 'sha256-{hash}';")),
            "{route}: {policy}"
        );
        assert!(select(&html, "link[rel=stylesheet]").is_empty(), "{route}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
}

#[test]
fn a_story_page_has_the_head_share_previews_and_search_engines_read() {
    let story = article(FIRST);
    let html = page(&Route::Story(FIRST.into()));
    let url = format!("{}/news/{FIRST}", origin());
    assert_eq!(
        text(&html, "head title"),
        format!("{} | Britain's News Portal", story.headline)
    );
    assert_eq!(meta(&html, "name", "description"), story.standfirst);
    assert_eq!(attr(&html, "head link[rel=canonical]", "href"), url);
    for (property, expected) in [
        ("og:site_name", "Britain's News Portal".to_owned()),
        ("og:type", "article".into()),
        ("og:title", story.headline.clone()),
        ("og:description", story.standfirst.clone()),
        ("og:url", url.clone()),
        ("og:image", format!("{}/share-card.png", origin())),
        ("og:image:width", "1200".into()),
        ("og:image:height", "630".into()),
        (
            "og:image:alt",
            "Britain's News Portal: Around The Clock".into(),
        ),
        ("og:locale", "en_GB".into()),
        ("article:published_time", "2026-11-26T08:15:00Z".into()),
        ("article:modified_time", "2026-11-26T10:40:00Z".into()),
        ("article:section", "London".into()),
    ] {
        assert_eq!(meta(&html, "property", property), expected, "{property}");
    }
    assert_eq!(meta(&html, "name", "twitter:card"), "summary_large_image");
    assert!(select(&html, "head meta[name=robots]").is_empty());

    let data = structured_data(&html);
    assert_eq!(data["@type"], "NewsArticle");
    assert_eq!(data["headline"], story.headline);
    assert_eq!(data["description"], story.standfirst);
    assert_eq!(data["datePublished"], "2026-11-26T08:15:00Z");
    assert_eq!(data["dateModified"], "2026-11-26T10:40:00Z");
    // Its author, named and with their page (`author.url`).
    assert_eq!(data["author"][0]["@type"], "Person");
    assert_eq!(data["author"][0]["name"], "Alex Morgan");
    assert_eq!(
        data["author"][0]["url"],
        format!("{}/author/alex-morgan", origin())
    );
    assert_eq!(data["publisher"]["name"], "Britain's News Portal");
    assert_eq!(
        data["publisher"]["logo"]["url"],
        format!("{}/logo.png", origin())
    );
    assert_eq!(data["image"][0], format!("{}/share-card.png", origin()));
    assert_eq!(data["mainEntityOfPage"]["@id"], url);
    assert_eq!(data["articleSection"], "London");
    assert_eq!(data["isAccessibleForFree"], true);
}

#[test]
fn a_corrected_story_says_so_under_its_standfirst_at_its_end_and_to_search_engines() {
    let slug = "bank-of-england-holds-interest-rates";
    let story = article(slug);
    let correction = &story.corrections[0];
    let html = page(&Route::Story(slug.into()));
    let note = text(&html, ".story__header .correction-note");
    assert!(note.contains(&correction.text), "{note}");
    assert!(note.starts_with("Correction, 26 November 2026"), "{note}");
    assert_eq!(
        attr(&html, ".correction-note time", "datetime"),
        correction.at.to_rfc3339()
    );
    assert_eq!(
        select(&html, "#corrections li").len(),
        story.corrections.len()
    );
    let data = structured_data(&html);
    assert_eq!(data["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(data["correction"][0]["text"], correction.text.as_str());
    assert_eq!(data["dateModified"], "2026-11-26T13:20:00Z");
    // A story never corrected has none of it.
    let first = page(&Route::Story(FIRST.into()));
    assert!(select(&first, ".correction-note, #corrections").is_empty());
    assert!(structured_data(&first).get("correction").is_none());
}

#[test]
fn a_byline_links_each_author_and_a_story_its_topics_with_their_names() {
    let html = page(&story("rail-fares-to-rise-in-march"));
    assert_eq!(
        text(&html, "main .story__byline"),
        "By Tom Hale and Priya Shah"
    );
    let authors: Vec<&str> = select(&html, "main .story__byline a[rel=author]")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(authors, ["/author/tom-hale", "/author/priya-shah"]);
    let topics: Vec<(String, String)> = links(&html, "main nav.topics a");
    assert_eq!(
        topics,
        [
            ("/topic/transport".to_owned(), "Transport".to_owned()),
            (
                "/topic/cost-of-living".to_owned(),
                "Cost of living".to_owned()
            )
        ]
    );
    // The JSON the app fetches names them too, so a story reached by a
    // click shows the same byline.
    let served: Value = serde_json::from_str(
        &std::fs::read_to_string(dist().join("api/v1/articles/rail-fares-to-rise-in-march.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(served["authors"][1]["name"], "Priya Shah");
    assert_eq!(served["topics"][0]["id"], "transport");
    // A desk's story keeps its byline, unlinked.
    let desk = page(&story("nhs-england-extends-evening-gp-appointments"));
    assert!(select(&desk, "main .story__byline a").is_empty());
    assert!(select(&desk, "main nav.topics").is_empty());
}

#[test]
fn an_author_and_a_topic_have_pages_of_their_stories_with_who_and_what_they_are() {
    let html = page(&Route::Author {
        id: "priya-shah".into(),
        page: None,
    });
    assert_eq!(text(&html, "main h1"), "Priya Shah");
    assert_eq!(text(&html, "main .profile__role"), "Economics editor");
    assert_eq!(
        text(&html, "head title"),
        "Priya Shah | Britain's News Portal"
    );
    let cards: Vec<String> = select(&html, "main .story-card__headline a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        cards,
        [
            "/news/bank-of-england-holds-interest-rates",
            "/news/shop-price-rises-slow-for-third-month",
            "/news/rail-fares-to-rise-in-march"
        ]
    );
    // An author with a picture: beside their name, described, its space kept.
    let html = page(&Route::Author {
        id: "tom-hale".into(),
        page: None,
    });
    let picture = &select(&html, "main img.profile__picture")[0];
    assert_eq!(
        picture.value().attr("src"),
        Some("/images/author-tom-hale.png")
    );
    assert!(picture
        .value()
        .attr("alt")
        .unwrap()
        .starts_with("Tom Hale's initials"));
    assert_eq!(
        (
            picture.value().attr("width"),
            picture.value().attr("height")
        ),
        (Some("240"), Some("240"))
    );
    let html = page(&Route::Topic {
        id: "storms".into(),
        page: None,
    });
    assert_eq!(text(&html, "main h1"), "Storms and wind");
    assert_eq!(
        attr(&html, "main .profile__feed a", "href"),
        "/feeds/topics/storms.xml"
    );
    assert_eq!(select(&html, "main .story-card").len(), 2);
    let feed = std::fs::read_to_string(dist().join("feeds/topics/storms.xml")).unwrap();
    let document = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<&str> = document
        .descendants()
        .filter(|node| node.has_tag_name("item"))
        .filter_map(|item| item.children().find(|n| n.has_tag_name("title")))
        .filter_map(|title| title.text())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    // Neither a topic nor an author without stories has a page.
    assert!(!dist().join("author/nobody.html").exists());
}

#[test]
fn the_corrections_page_and_feed_list_every_correction_with_its_story() {
    // The sample's two corrected stories, the newest correction first.
    let corrected = [
        "bank-of-england-holds-interest-rates",
        "shop-price-rises-slow-for-third-month",
    ];
    let html = page(&Route::Corrections { page: None });
    assert_eq!(text(&html, "main h1"), "Corrections and clarifications");
    let entries = select(&html, "main .corrections-log__entry");
    assert_eq!(entries.len(), corrected.len());
    let links: Vec<&str> = select(&html, "main .corrections-log__story a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    let expected: Vec<String> = corrected
        .iter()
        .map(|slug| format!("/news/{slug}#corrections"))
        .collect();
    assert_eq!(links, expected);
    for (entry, slug) in entries.iter().zip(corrected) {
        let text: String = entry.text().collect();
        assert!(text.contains(&article(slug).corrections[0].text), "{text}");
    }
    let feed = std::fs::read_to_string(dist().join("feeds/corrections.xml")).unwrap();
    let document = roxmltree::Document::parse(&feed).unwrap();
    let descriptions: Vec<&str> = document
        .descendants()
        .filter(|node| node.has_tag_name("item"))
        .filter_map(|item| {
            item.children()
                .find(|node| node.has_tag_name("description"))
        })
        .filter_map(|node| node.text())
        .collect();
    let expected: Vec<String> = corrected
        .iter()
        .map(|slug| article(slug).corrections[0].text.clone())
        .collect();
    assert_eq!(descriptions, expected);
    // Every page links to it, from its foot.
    let front = page(&Route::Front);
    assert_eq!(
        attr(&front, "footer a[href=\"/corrections\"]", "href"),
        "/corrections"
    );
}

#[test]
fn the_front_page_has_its_head_and_describes_the_site() {
    let html = page(&Route::Front);
    assert_eq!(
        text(&html, "head title"),
        "Latest news | Britain's News Portal"
    );
    assert_eq!(
        attr(&html, "head link[rel=canonical]", "href"),
        format!("{}/", origin())
    );
    assert_eq!(meta(&html, "property", "og:type"), "website");
    let data = structured_data(&html);
    assert_eq!(data["@type"], "WebSite");
    assert_eq!(data["publisher"]["@type"], "NewsMediaOrganization");
    // The list of stories is in the page, not fetched after it.
    let (stories, _) = read_sources(&PathBuf::from(CONTENT)).unwrap();
    assert_eq!(
        select(&html, "main ol.story-list > li").len(),
        stories.len()
    );
}

#[test]
fn the_404_page_stays_out_of_search_engines_and_is_rendered_afresh_in_the_browser() {
    let html = page(&Route::NotFound);
    assert_eq!(attr(&html, "body", "data-rendered-path"), "");
    assert_eq!(meta(&html, "name", "robots"), "noindex");
    assert!(select(&html, "head link[rel=canonical]").is_empty());
    assert_eq!(text(&html, "main h1"), "We couldn't find that page");
}

#[test]
fn a_page_carries_its_data_and_nothing_comes_before_the_app_in_its_body() {
    let route = story(FIRST).path();
    let html = raw(&story(FIRST));
    // Hydration walks <body> from its first node: no text, not even
    // whitespace, may come before the app's.
    assert!(html.contains(&format!("<body data-rendered-path=\"{route}\"><")));
    let parsed = page(&story(FIRST));
    assert_eq!(attr(&parsed, "body > :first-child", "class"), "skip-link");
    // The data is a JSON block, which does not run: no page has a script
    // of its own for its Content-Security-Policy to allow.
    let inline =
        "script:not([src]):not([type=\"application/json\"]):not([type=\"application/ld+json\"])";
    assert!(select(&parsed, inline).is_empty());
    let blocks = select(
        &parsed,
        "body > script#hydration-data[type=\"application/json\"]",
    );
    assert_eq!(blocks.len(), 1);
    let data: Value = serde_json::from_str(&blocks[0].text().collect::<String>()).unwrap();
    let resources: Vec<&str> = data["resources"]
        .as_array()
        .unwrap()
        .iter()
        // By id, which the browser reads them by: an id that served no data
        // is a gap.
        .filter_map(|resource| resource.as_str())
        .collect();
    // The masthead's sections and the story, each its file's text as the
    // host serves it (decoded where the page shows it); not what to read
    // after it, which the browser fetches (it changes with every story
    // published).
    assert_eq!(resources.len(), 2);
    // Each is the file's text after `o` (`api::PageTextCodec`).
    let file = |resource: &str| -> Value {
        serde_json::from_str(resource.strip_prefix('o').expect("a file's text")).unwrap()
    };
    assert!(file(resources[0])["sections"].is_array());
    assert_eq!(file(resources[1])["slug"], FIRST);
    assert_eq!(data["incomplete"], serde_json::json!([]));
    // Every page lists its head once, between the markers.
    assert_eq!(html.matches("<!--HEAD-->").count(), 1);
    assert_eq!(html.matches("<!--/HEAD-->").count(), 1);
    assert_eq!(html.matches("<title>").count(), 1);
}

#[test]
fn a_page_that_went_out_showing_a_placeholder_says_so_for_hydration() {
    // The confirmation page's result exists only in the browser.
    let parsed = page(&Route::Confirm);
    let block = select(&parsed, "script#hydration-data")[0]
        .text()
        .collect::<String>();
    let data: Value = serde_json::from_str(&block).unwrap();
    // Only the masthead's sections: no confirmation.
    assert_eq!(data["resources"].as_array().unwrap().len(), 1);
    assert_eq!(data["incomplete"].as_array().unwrap().len(), 1);
    assert_eq!(
        text(&parsed, "main [role=status]"),
        "Confirming your subscription…"
    );
}

#[test]
fn the_newsletters_own_pages_offer_no_signup() {
    for path in [
        Route::Confirm,
        Route::Unsubscribe,
        Route::CheckYourInbox,
        Route::AlreadySignedUp,
    ] {
        let parsed = page(&path);
        assert_eq!(select(&parsed, "main").len(), 1, "{path}");
        assert_eq!(select(&parsed, ".signup").len(), 0, "{path}");
    }
}

#[test]
fn every_signup_form_is_a_plain_form_that_works_before_the_app() {
    for route in [Route::Front, story(FIRST), Route::Newsletter] {
        let parsed = page(&route);
        let forms = select(&parsed, "form.signup__form");
        assert_eq!(forms.len(), 1, "{route}: one form");
        let form = forms[0].value();
        assert_eq!(form.attr("method"), Some("post"), "{route}");
        assert_eq!(form.attr("action"), Some("/api/v1/newsletter"), "{route}");
        let field = |name: &str| {
            attr(
                &parsed,
                &format!("form.signup__form input[name=\"{name}\"]"),
                "value",
            )
        };
        let source = match &route {
            Route::Story(slug) => format!("story:{slug}"),
            Route::Newsletter => "newsletter".into(),
            _ => "footer".into(),
        };
        assert_eq!(field("source"), source, "{route}");
        assert_eq!(
            field("consent_version"),
            news_portal::model::CONSENT_VERSION
        );
        // Nothing waits for the app: the button works as it arrives.
        let button = select(&parsed, "form.signup__form button[type=\"submit\"]");
        assert_eq!(button.len(), 1);
        assert_eq!(button[0].value().attr("disabled"), None, "{route}");
        assert!(
            !raw(&route).contains("Signing up needs JavaScript"),
            "{route}"
        );
    }
}

#[test]
fn the_newsletter_page_shows_a_signup_again_with_the_address_and_the_problem() {
    use news_portal::model::SignupRetry;
    let retry = SignupRetry {
        email: "reader at example.com".into(),
        problem: "Please enter a valid email address, like name@example.com.".into(),
        address_at_fault: true,
    };
    let filled = Html::parse_document(&retry.fill(&raw(&Route::Newsletter)).unwrap());
    let field = select(&filled, "input#signup-email-page");
    assert_eq!(field.len(), 1);
    let field = field[0].value();
    assert_eq!(field.attr("value"), Some("reader at example.com"));
    assert_eq!(field.attr("aria-invalid"), Some("true"));
    assert_eq!(
        field.attr("aria-describedby"),
        Some("signup-email-error-page")
    );
    assert_eq!(
        text(&filled, "#signup-email-error-page"),
        "Please enter a valid email address, like name@example.com."
    );
    assert_eq!(
        text(&filled, "title"),
        "Error: The newsletter | Britain's News Portal"
    );
    assert!(
        select(&filled, "script[src]").is_empty(),
        "no app: it would render the page afresh"
    );
    assert_eq!(
        select(&filled, "form.signup__form[method=\"post\"]").len(),
        1
    );
}

#[test]
fn the_app_downloads_with_the_page_and_starts_after_the_first_paint_by_a_loader_of_its_own() {
    let shell = Shell::parse(SHELL).unwrap();
    let (path, loader) = (&shell.loader.path, &shell.loader.text);
    assert!(
        path.starts_with("/start-") && path.ends_with(".js"),
        "{path}"
    );
    // After the first paint, the wasm and its glue, together.
    let after_paint = loader
        .split_once("observe({ type: 'paint', buffered: true })")
        .map(|(_, after)| after)
        .unwrap_or_else(|| panic!("the loader waits for no paint: {loader}"));
    assert!(
        after_paint.contains("fetch('/app-0123456789abcdef_bg.wasm')")
            && after_paint.contains("import('/app-0123456789abcdef.js')"),
        "{loader}"
    );
    let html = raw(&Route::Front);
    let parsed = page(&Route::Front);
    assert_eq!(attr(&parsed, "head script[type=module]", "src"), *path);
    // Asked for with the page (decision 14): the ticker's feed, which the
    // app fetches first, and the app's files, as the loader then asks for
    // them (a preload answers a request of the same mode only).
    let preloads: Vec<(String, String)> = select(
        &parsed,
        "head link[rel=preload], head link[rel=modulepreload]",
    )
    .iter()
    .map(|link| {
        let attr = |name| link.value().attr(name).unwrap_or_default().to_owned();
        (attr("href"), attr("as"))
    })
    .collect();
    assert_eq!(
        preloads,
        [
            ("/api/v1/headlines.json".into(), "fetch".into()),
            ("/app-0123456789abcdef.js".into(), String::new()),
            ("/app-0123456789abcdef_bg.wasm".into(), "fetch".into()),
        ],
        "{html}"
    );
}

#[test]
fn a_shell_that_is_not_trunks_is_refused_with_a_reason() {
    for (shell, why) in [
        (
            "<head><!--HEAD--></head><body></body>",
            "inline module loader",
        ),
        (
            "<head><script type=\"module\">x()</script><!--HEAD--></head><body></body>",
            "JavaScript glue",
        ),
    ] {
        let error = Shell::parse(shell).unwrap_err();
        assert!(error.contains(why), "{error}");
    }
}

#[test]
fn a_story_page_carries_its_picture_but_not_what_to_read_next() {
    let weather = article("met-office-issues-yellow-wind-warning-for-northern-england");
    let image = weather
        .image
        .clone()
        .expect("the weather story has a picture");
    let html = page(&story(&weather.slug));
    let img = &select(&html, "article figure img")[0];
    assert_eq!(img.value().attr("alt"), Some(image.alt.as_str()));
    assert_eq!(img.value().attr("srcset"), Some(image.srcset().as_str()));
    assert!(img.value().attr("sizes").is_some());
    assert_eq!(img.value().attr("width"), Some("1280"));
    assert_eq!(img.value().attr("height"), Some("720"));
    assert_eq!(img.value().attr("loading"), Some("eager"));
    assert_eq!(img.value().attr("decoding"), Some("async"));
    assert_eq!(
        meta(&html, "property", "og:image"),
        format!("{}{}", origin(), image.src)
    );
    assert_eq!(
        structured_data(&html)["image"][0],
        format!("{}{}", origin(), image.src)
    );
    assert_eq!(
        text(&html, "article figcaption"),
        format!("{} {}", image.caption.unwrap(), image.credit.unwrap())
    );

    // What to read next changes whenever a story is published, so a story's
    // page does not carry it (the browser fetches it: tests/e2e): publishing
    // one story rewrites no other story's page.
    let html = page(&story(FIRST));
    assert!(select(&html, ".read-next").is_empty());
    // One signup, the story's.
    assert_eq!(select(&html, ".signup").len(), 1);
    assert_eq!(select(&html, ".signup--story").len(), 1);
}

const RICH: &str = "oxford-street-car-free-consultation-opens";

#[test]
fn a_richer_body_shows_its_links_emphasis_quotes_lists_picture_and_post_as_the_story_file_says() {
    let rich = article(RICH);
    let html = page(&story(RICH));
    let body = |css: &str| select(&html, &format!("article .story-body {css}"));
    // Every block in the file's order, its words as the file has them.
    let shown: Vec<String> = body("> *")
        .iter()
        .map(|block| {
            block
                .text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(shown.len(), rich.body.len());
    for (shown, block) in shown.iter().zip(&rich.body) {
        for words in block.texts() {
            assert!(shown.contains(words), "{shown:?} lacks {words:?}");
        }
    }
    // Links: to another site, and to one of this site's pages.
    let links: Vec<(String, String)> =
        links(&html, "article .story-body p a, article .story-body li a");
    assert_eq!(
        links,
        [
            (
                "https://www.london.gov.uk/".to_owned(),
                "opened a consultation".to_owned()
            ),
            ("/topic/transport".to_owned(), "transport news".to_owned()),
        ]
    );
    assert_eq!(text(&html, "article .story-body li em"), "before 10am");
    assert_eq!(
        text(&html, "article .story-body p q"),
        "worried about more traffic on our roads"
    );
    assert_eq!(body("ul > li").len(), 3);
    assert_eq!(body("ol > li").len(), 3);
    // The picture in the text: the lead picture's sizes, fetched when near.
    let img = &body("figure.story__picture img")[0];
    assert_eq!(img.value().attr("loading"), Some("lazy"));
    assert!(img
        .value()
        .attr("srcset")
        .unwrap()
        .contains("oxford-street-plan-640.webp 640w"));
    assert!(img.value().attr("sizes").is_some());
    assert_eq!(img.value().attr("width"), Some("1280"));
    assert_eq!(
        text(&html, "article .story-body figure.story__picture figcaption"),
        "The western half of Oxford Street, with buses moved onto the streets either side. Illustration: Britain's News Portal"
    );
    // The post: a card with a link, and nothing on the page from its site
    // but that link's address (and the quotation's `cite`).
    let card = &body(".embed-card")[0];
    let card_text: String = card.text().collect();
    assert!(
        card_text.contains("Post by @sample-residents.bsky.social on Bluesky"),
        "{card_text}"
    );
    let link = &body(".embed-card a")[0];
    assert_eq!(link.text().collect::<String>(), "View the post on Bluesky");
    assert_eq!(
        link.value().attr("href"),
        Some("https://bsky.app/profile/sample-residents.bsky.social/post/3sample")
    );
    assert!(link.value().attr("rel").unwrap().contains("noopener"));
    for element in select(&html, "[src], [srcset], link[href], iframe, object, embed") {
        for (name, value) in element.value().attrs() {
            assert!(
                !value.contains("bsky.app"),
                "<{} {name}={value}>",
                element.value().name()
            );
        }
    }
}

#[test]
fn a_link_to_an_address_a_page_may_not_follow_shows_its_words_and_no_markup_from_a_story_is_html() {
    let dir = folder("prerender-refused-link");
    let content = dir.join("content");
    support::copy(Path::new(CONTENT), &content);
    let file = content.join(format!("articles/{RICH}.json"));
    let mut rich: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    rich["body"][0]["text"] = serde_json::json!([
        "Read ",
        { "text": "the plans", "link": "javascript:alert(1)" },
        " or ",
        { "text": "<img src=x onerror=alert(2)>", "emphasis": true },
        " <script>alert(3)</script>"
    ]);
    std::fs::write(&file, rich.to_string()).unwrap();

    let (sources, _) = read_sources(&content).unwrap();
    let (_, report) = check(&sources, None);
    let warned: Vec<&String> = report
        .problems
        .iter()
        .filter(|problem| problem.message.contains("javascript:alert(1)"))
        .map(|problem| &problem.message)
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", report.problems);
    assert!(
        warned[0].contains("\"the plans\"") && warned[0].contains("shows its words without a link")
    );

    let dist = dir.join("dist");
    published(&options(&app(&dir), &content, &dist, 20, 50_000));
    let html =
        Html::parse_document(&std::fs::read_to_string(dist.join(story(RICH).file())).unwrap());
    let first = &select(&html, "article .story-body > p")[0];
    assert_eq!(
        first.text().collect::<String>(),
        "Read the plans or <img src=x onerror=alert(2)> <script>alert(3)</script>"
    );
    assert_eq!(
        first
            .children()
            .filter(|node| node.value().is_element())
            .count(),
        1,
        "only the emphasis is an element: {}",
        first.html()
    );
    assert!(select(
        &html,
        "article .story-body img[src=x], article .story-body script"
    )
    .is_empty());
    for element in select(&html, "*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !value
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:"),
                "<{} {name}={value}>",
                element.value().name()
            );
        }
    }
}

#[test]
fn every_section_has_a_page_listing_only_its_stories() {
    let html = page(&Route::Section {
        slug: "london".into(),
        page: None,
    });
    assert_eq!(text(&html, "main h1"), "London");
    assert_eq!(text(&html, "head title"), "London | Britain's News Portal");
    assert_eq!(
        attr(&html, "head link[rel=canonical]", "href"),
        format!("{}/section/london", origin())
    );
    let sections: Vec<String> = select(&html, "main .story-card__section")
        .iter()
        .map(|label| label.text().collect())
        .collect();
    assert_eq!(sections, ["London", "London"]);
    // The masthead marks where the reader is, in the HTML itself.
    let current: Vec<String> = select(&html, "nav[aria-label=Sections] [aria-current=page]")
        .iter()
        .map(|link| link.text().collect())
        .collect();
    assert_eq!(current, ["London"]);
    let front = page(&Route::Front);
    let current: Vec<String> = select(&front, "nav[aria-label=Sections] [aria-current=page]")
        .iter()
        .map(|link| link.text().collect())
        .collect();
    assert_eq!(current, ["Latest"]);
    assert_eq!(select(&front, ".signup").len(), 1);
}

#[test]
fn the_removed_page_says_so_names_no_story_and_is_rendered_afresh() {
    let html = page(&Route::Removed);
    assert_eq!(text(&html, "main h1"), "This story has been removed");
    assert_eq!(attr(&html, "body", "data-rendered-path"), "");
    assert_eq!(meta(&html, "name", "robots"), "noindex");
    let links: Vec<&str> = select(&html, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, ["/", "/archive"]);
}

#[test]
fn the_archive_lists_every_month_and_its_days_link_to_every_story() {
    let html = page(&Route::Archive);
    assert_eq!(text(&html, "main h1"), "The archive");
    assert_eq!(text(&html, "main h2"), "2026");
    let months: Vec<String> = select(&html, "main .archive__dates a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(months, ["November 2026"]);
    let (stories, _) = read_sources(&PathBuf::from(CONTENT)).unwrap();
    let month = page(&Route::ArchiveMonth(news_portal::routes::Month {
        year: 2026,
        month: 11,
    }));
    let mut reached = 0;
    for day in select(&month, "main .archive__dates a") {
        let path = day.value().attr("href").unwrap();
        let day = Html::parse_document(
            &std::fs::read_to_string(dist().join(format!("{}.html", &path[1..]))).unwrap(),
        );
        reached += select(&day, "main .headline-list a").len();
    }
    assert_eq!(reached, stories.len());
}

/// The sample site's search index, decoded as the client reads it: each
/// word it holds, with the slugs of the stories it lists for it.
fn search_index() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let read = |path: &str| -> Value {
        let text = std::fs::read_to_string(dist().join("search").join(path))
            .unwrap_or_else(|err| panic!("search/{path}: {err}"));
        serde_json::from_str(&text).unwrap()
    };
    let index = read("index.json");
    let block = index["block"].as_u64().unwrap();
    let mut words = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    for segment in index["segments"].as_array().unwrap() {
        let folder = segment["folder"].as_str().unwrap();
        let slug = |story: u64| -> String {
            let docs = read(&format!("{folder}/d/{}.json", story / block));
            docs[(story % block) as usize][0]
                .as_str()
                .unwrap()
                .to_owned()
        };
        for file in std::fs::read_dir(dist().join("search").join(folder).join("t")).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            let entries = read(&format!("{folder}/t/{name}"));
            for (word, entry) in entries.as_object().unwrap() {
                let mut story = 0;
                for gap in entry[1].as_array().unwrap() {
                    story += gap.as_u64().unwrap();
                    words.entry(word.clone()).or_default().insert(slug(story));
                }
            }
        }
    }
    words
}

#[test]
fn the_search_index_holds_each_story_and_its_explainers_and_nothing_of_the_page_around_them() {
    use news_portal::model::{indexed_text, words};
    let index = search_index();
    let (sources, _) = read_sources(Path::new(CONTENT)).unwrap();
    let (content, _) = check(&sources, None);
    let mut in_stories = std::collections::BTreeSet::new();
    for story in &content.stories {
        let text: Vec<String> = indexed_text(story)
            .into_iter()
            .flat_map(|(_, text)| words(&text))
            .collect();
        for word in &text {
            assert!(
                index
                    .get(word)
                    .is_some_and(|slugs| slugs.contains(&story.slug)),
                "{word:?} of {} is not indexed for it",
                story.slug
            );
        }
        in_stories.extend(text);
    }
    // The explainers, by words only they have in the seed story.
    let first = article(FIRST);
    for explainer in [&first.why_this_matters, &first.what_this_means_for_you] {
        let explainer = explainer
            .as_deref()
            .expect("the seed story explains itself");
        assert!(words(explainer)
            .iter()
            .all(|word| index[word].contains(FIRST)));
    }
    // A list's items, a picture's caption and a post's words are text
    // too: words only they have in the richer sample story.
    for word in ["survey", "either", "made"] {
        assert!(index[word].contains(RICH), "{word:?}");
    }
    // What the front page shows around the stories: the masthead, the
    // ticker, the signup box and the footer. Their words that no story has
    // are in no word file.
    let front = page(&Route::Front);
    let around: std::collections::BTreeSet<String> = select(
        &front,
        "header.masthead, section.ticker, aside.signup, footer.site-footer",
    )
    .iter()
    .flat_map(|part| words(&part.text().collect::<Vec<_>>().join(" ")))
    .filter(|word| !in_stories.contains(word))
    .collect();
    for word in ["newsletter", "breaking", "unsubscribe"] {
        assert!(
            around.contains(word),
            "{word:?} is on the page, in no story"
        );
    }
    let indexed: Vec<&String> = around
        .iter()
        .filter(|word| index.contains_key(*word))
        .collect();
    assert_eq!(indexed, Vec::<&String>::new());
}

#[test]
fn a_live_page_shows_its_status_key_events_pinned_post_and_newest_posts_and_says_what_it_is() {
    let slug = "storm-brings-gusts-to-northern-england-live";
    let html = page(&story(slug));
    assert_eq!(text(&html, ".story__kicker .tag--live"), "Live");
    assert!(select(&html, ".tag--ended").is_empty());
    // The summary stays at the top: the key points come before the posts.
    assert_eq!(select(&html, ".story .key-points, .story .live").len(), 2);

    let key_events: Vec<_> = select(&html, ".live__key-events a")
        .iter()
        .map(|link| link.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(key_events, ["#post-highest-gust", "#post-warning-in-force"]);
    assert!(text(&html, ".live__key-events a").contains("70mph gust recorded"));

    let posts: Vec<_> = select(&html, ".live article.live-post")
        .iter()
        .map(|post| post.value().attr("id").unwrap().to_owned())
        .collect();
    assert_eq!(
        posts,
        [
            "post-what-to-do",
            "post-power-cuts",
            "post-highest-gust",
            "post-rail-speed-limits",
            "post-bridge-closed",
            "post-warning-in-force"
        ]
    );
    let pinned = text(&html, "#post-what-to-do");
    assert!(pinned.contains("Pinned"), "{pinned}");
    assert!(pinned.contains("06:05 · Updated 09:40"), "{pinned}");
    assert!(
        select(&html, ".live__more").is_empty(),
        "six posts fit the first view: no Older posts link"
    );
    assert!(!text(&html, ".story__times").contains("min read"));

    let data = structured_data(&html);
    assert_eq!(data["@type"], "LiveBlogPosting");
    assert_eq!(data["coverageStartTime"], "2026-11-28T06:00:00Z");
    assert!(data.get("coverageEndTime").is_none());
    // The page changed last when its newest post went up.
    assert_eq!(data["dateModified"], "2026-11-28T11:15:00Z");
    let updates = data["liveBlogUpdate"].as_array().unwrap();
    assert_eq!(updates.len(), 6);
    assert_eq!(updates[0]["headline"], "If you are affected: what to do");
    assert_eq!(
        updates[0]["url"],
        format!("{}/news/{slug}#post-what-to-do", origin())
    );
    assert_eq!(updates[0]["dateModified"], "2026-11-28T09:40:00Z");
}

#[test]
fn a_live_page_is_listed_with_a_live_badge_and_other_stories_without() {
    let slug = "storm-brings-gusts-to-northern-england-live";
    let weather = Route::Section {
        slug: "weather".into(),
        page: None,
    };
    for route in [Route::Front, weather] {
        let html = page(&route);
        let live: Vec<_> = select(&html, ".story-card")
            .iter()
            .filter(|card| card.select(&Selector::parse(".tag--live").unwrap()).count() == 1)
            .map(|card| {
                card.select(&Selector::parse(".story-card__headline a").unwrap())
                    .next()
                    .unwrap()
                    .value()
                    .attr("href")
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(live, [format!("/news/{slug}")], "{route}");
    }
}
