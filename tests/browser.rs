//! The story view's components in a real browser (wasm-bindgen-test in
//! headless Chromium): what a reader sees for a given article.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use news_portal::components::{ErrorNotice, HeadlinesTicker, KeyPoints, ShareLinks, StoryView};
use news_portal::model::ApiError;
use news_portal::model::{decode_headlines, Article, TickerState, Timestamp};
use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "shared/decoding_cases.rs"]
mod decoding_cases;

/// The app parses a file's text with the browser's `JSON.parse`; these
/// are the cases `tests/decoding.rs` runs natively, through serde_json.
#[wasm_bindgen_test]
fn a_story_file_reads_the_same_whichever_parser_reads_it() {
    decoding_cases::a_story_file_reads_the_same_whichever_parser_reads_it();
}

#[wasm_bindgen_test]
fn what_is_not_a_story_file_is_malformed() {
    decoding_cases::what_is_not_a_story_file_is_malformed();
}

const FIRST_STORY: &str =
    include_str!("../public/api/v1/articles/sadiq-khan-blocks-met-police-palantir-deal.json");
const SAMPLE_STORY: &str = include_str!(
    "../public/api/v1/articles/met-office-issues-yellow-wind-warning-for-northern-england.json"
);
const URL: &str = "https://news.example/news/sadiq-khan-blocks-met-police-palantir-deal";

/// Renders `view` into a fresh element of its own and returns that element.
fn render<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    // Keep the view mounted for the rest of the test run.
    std::mem::forget(leptos::mount::mount_to(host.clone(), view));
    host
}

/// What matches a CSS selector: only for what a reader cannot reach (the
/// ticker's hidden copy) or what is style alone.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

// ----------------------------------------------------------------------
// Finding what a reader finds: elements by their role and accessible name,
// as a screen reader (and the Playwright suites) find them, not by class.

/// The ARIA role an element has: its `role`, or the one its tag implies.
fn role_of(element: &Element) -> Option<String> {
    if let Some(role) = element.get_attribute("role") {
        return Some(role);
    }
    let named = element.has_attribute("aria-label") || element.has_attribute("aria-labelledby");
    Some(
        match element.tag_name().to_ascii_lowercase().as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "heading",
            "a" if element.has_attribute("href") => "link",
            "button" => "button",
            "ul" | "ol" => "list",
            "li" => "listitem",
            "section" if named => "region",
            "aside" => "complementary",
            "nav" => "navigation",
            "article" => "article",
            "blockquote" => "blockquote",
            "figure" => "figure",
            "p" => "paragraph",
            "time" => "time",
            _ => return None,
        }
        .to_owned(),
    )
}

/// Text as a reader hears it: whitespace run together, trimmed.
fn spoken(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An element's accessible name: what `aria-labelledby` points at, its
/// `aria-label`, or (for the roles named by their content) its text.
fn name_of(element: &Element) -> String {
    if let Some(ids) = element.get_attribute("aria-labelledby") {
        let document = element.owner_document().unwrap();
        let parts: Vec<String> = ids
            .split_whitespace()
            .filter_map(|id| document.get_element_by_id(id))
            .map(|label| label.text_content().unwrap_or_default())
            .collect();
        return spoken(&parts.join(" "));
    }
    if let Some(label) = element.get_attribute("aria-label") {
        return spoken(&label);
    }
    match role_of(element).as_deref() {
        Some("heading" | "link" | "button" | "listitem" | "paragraph" | "status" | "time") => {
            spoken(&element.text_content().unwrap_or_default())
        }
        _ => String::new(),
    }
}

/// Whether a reader's screen reader can reach it: not inside `aria-hidden`.
fn is_exposed(element: &Element) -> bool {
    let mut at = Some(element.clone());
    while let Some(element) = at {
        if element.get_attribute("aria-hidden").as_deref() == Some("true") {
            return false;
        }
        at = element.parent_element();
    }
    true
}

/// Every element under `root` with `role` that a reader can reach, in order.
fn by_role(root: &Element, role: &str) -> Vec<Element> {
    let list = root.query_selector_all("*").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<Element>())
        .filter(|element| role_of(element).as_deref() == Some(role) && is_exposed(element))
        .collect()
}

/// The one element under `root` with `role` and the accessible `name`.
fn get(root: &Element, role: &str, name: &str) -> Element {
    let found: Vec<Element> = by_role(root, role)
        .into_iter()
        .filter(|element| name_of(element) == name)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{} {role}s named {name:?}; there are: {:?}",
        found.len(),
        names(root, role)
    );
    found.into_iter().next().unwrap()
}

/// The accessible names of every element with `role` under `root`.
fn names(root: &Element, role: &str) -> Vec<String> {
    by_role(root, role).iter().map(name_of).collect()
}

/// The headings of `level` under `root`, by name.
fn headings(root: &Element, level: u8) -> Vec<String> {
    by_role(root, "heading")
        .iter()
        .filter(|h| h.tag_name().eq_ignore_ascii_case(&format!("h{level}")))
        .map(name_of)
        .collect()
}

/// Whether a reader can read `text` as one paragraph under `root`.
fn reads(root: &Element, text: &str) -> bool {
    names(root, "paragraph").iter().any(|said| said == text)
}

fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
}

/// Lets Leptos run the effects a change scheduled: updates reach the DOM
/// asynchronously.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

fn story(json: &str) -> Article {
    Article::from_json(json).unwrap().value
}

#[wasm_bindgen_test]
fn story_has_one_h1_the_headline() {
    let page = render(|| view! { <StoryView article=story(FIRST_STORY) url=URL.to_owned()/> });
    assert_eq!(
        headings(&page, 1),
        ["Sadiq Khan Blocks Met Police Palantir Deal Amid Data Privacy Concerns"]
    );
    let standfirst = &names(&get(&page, "article", ""), "paragraph")[1];
    assert!(
        standfirst.starts_with("Mayor of London Sadiq Khan has intervened"),
        "{standfirst}"
    );
}

#[wasm_bindgen_test]
fn renders_five_key_points_in_a_region_named_key_points() {
    let page = render(|| view! { <StoryView article=story(FIRST_STORY) url=URL.to_owned()/> });
    let points = names(&get(&page, "region", "Key points"), "listitem");
    assert_eq!(points.len(), 5);
    assert_eq!(
        points[0],
        "Sadiq Khan blocked a multi-million pound contract between the Met Police and Palantir."
    );
}

#[wasm_bindgen_test]
fn key_points_box_is_absent_when_there_are_no_points() {
    let page = render(|| view! { <KeyPoints points=vec![]/> });
    assert!(by_role(&page, "region").is_empty());
}

#[wasm_bindgen_test]
fn shows_byline_and_times_in_uk_time_in_time_elements() {
    // The story as the site serves it: its author named.
    let mut article = story(FIRST_STORY);
    assert_eq!(article.authors[0].id, "alex-morgan");
    article.authors[0].name = "Alex Morgan".into();
    let page = render(move || view! { <StoryView article url=URL.to_owned()/> });
    assert!(reads(&page, "By Alex Morgan"));
    let author = page
        .query_selector(".story__byline a[rel=author]")
        .unwrap()
        .unwrap();
    assert_eq!(author.get_attribute("href").unwrap(), "/author/alex-morgan");
    let times = by_role(&page, "time");
    let when: Vec<(String, String)> = times
        .iter()
        .map(|time| (time.get_attribute("datetime").unwrap(), name_of(time)))
        .collect();
    assert_eq!(
        when,
        [
            (
                "2026-11-26T08:15:00Z".to_owned(),
                "26 November 2026, 08:15 GMT".to_owned()
            ),
            (
                "2026-11-26T10:40:00Z".to_owned(),
                "26 November 2026, 10:40 GMT".to_owned()
            ),
        ]
    );
}

#[wasm_bindgen_test]
fn why_this_matters_and_what_this_means_for_you_are_headed_sections() {
    let page = render(|| view! { <StoryView article=story(FIRST_STORY) url=URL.to_owned()/> });
    assert_eq!(
        headings(&page, 2),
        [
            "Key points",
            "Why this matters",
            "What this means for you",
            "Topics",
            "Share this story"
        ]
    );
    let what = names(
        &get(&page, "region", "What this means for you"),
        "paragraph",
    );
    assert!(
        what[0].starts_with("This decision directly impacts"),
        "{what:?}"
    );
    assert_eq!(
        names(&get(&page, "region", "Why this matters"), "paragraph").len(),
        1
    );
}

#[wasm_bindgen_test]
fn a_story_without_optional_fields_shows_the_default_byline_and_no_empty_sections() {
    let json = r#"{"slug":"bare","headline":"Bare story","published":"2026-07-01T11:00:00Z",
                   "body":[{"type":"paragraph","text":"Only this."}]}"#;
    let page = render(move || view! { <StoryView article=story(json) url=URL.to_owned()/> });
    assert!(reads(&page, "By Britain's News Portal"));
    assert_eq!(names(&page, "time"), ["1 July 2026, 12:00 BST"]);
    // No Key points and no explainers: the one region is sharing.
    let regions = names(&page, "region");
    assert!(
        regions.len() == 1 && regions[0] == "Share this story",
        "{}",
        regions.join(", ")
    );
    assert!(reads(&page, "Only this."));
}

#[wasm_bindgen_test]
fn sample_stories_are_labelled_as_such_and_real_ones_are_not() {
    let labelled = |page: &Element| page.text_content().unwrap().contains("Sample story");
    let sample = render(|| view! { <StoryView article=story(SAMPLE_STORY) url=URL.to_owned()/> });
    assert!(labelled(&sample));
    let real = render(|| view! { <StoryView article=story(FIRST_STORY) url=URL.to_owned()/> });
    assert!(!labelled(&real));
}

#[wasm_bindgen_test]
fn body_blocks_render_as_paragraphs_subheadings_and_quotes() {
    let page = render(|| view! { <StoryView article=story(SAMPLE_STORY) url=URL.to_owned()/> });
    assert!(headings(&page, 2).contains(&"Travel".to_owned()));
    let quotes = by_role(&page, "blockquote");
    assert_eq!(quotes.len(), 1);
    assert!(spoken(&quotes[0].text_content().unwrap()).starts_with("If you must travel"));
    let figure = quotes[0].closest("figure").unwrap().unwrap();
    assert!(spoken(&figure.text_content().unwrap())
        .ends_with("A Met Office spokesperson (sample quotation)"));
    let story: Article = story(SAMPLE_STORY);
    let paragraphs = story
        .body
        .iter()
        .filter(|block| matches!(block, news_portal::model::Block::Paragraph { .. }))
        .count();
    let read: Vec<String> = names(&get(&page, "article", ""), "paragraph");
    for block in &story.body {
        if let news_portal::model::Block::Paragraph { text } = block {
            assert!(read.contains(&spoken(text.as_str())), "{}", text.as_str());
        }
    }
    assert_eq!(paragraphs, 3);
}

#[wasm_bindgen_test]
fn share_links_send_facebook_the_canonical_url() {
    let page = render(|| view! { <ShareLinks url=URL.to_owned()/> });
    let facebook = get(&page, "link", "Share on Facebook (opens in a new tab)");
    assert_eq!(
        facebook.get_attribute("href").unwrap(),
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Fnews%2Fsadiq-khan-blocks-met-police-palantir-deal"
    );
    get(&page, "button", "Copy link");
    assert_eq!(names(&page, "status"), [""]);
}

#[wasm_bindgen_test]
fn error_notice_try_again_asks_for_another_attempt() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&attempts);
    let page = render(move || {
        view! {
            <ErrorNotice
                error=ApiError::Server(503)
                on_retry=move |()| { counted.fetch_add(1, Ordering::SeqCst); }
            />
        }
    });
    let alert = by_role(&page, "alert");
    assert_eq!(headings(&alert[0], 1), ["Something went wrong on our side"]);
    click(&get(&page, "button", "Try again"));
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    get(&page, "link", "Go to the front page");
}

#[wasm_bindgen_test]
fn a_missing_story_offers_the_way_home_but_no_retry() {
    let page = render(|| view! { <ErrorNotice error=ApiError::NotFound on_retry=|()| {}/> });
    assert_eq!(headings(&page, 1), ["We couldn't find that story"]);
    assert!(by_role(&page, "button").is_empty());
    let home = get(&page, "link", "Go to the front page");
    assert_eq!(home.get_attribute("href").unwrap(), "/");
}

const FEED: &str = include_str!("../public/api/v1/headlines.json");

fn ready(json: &str) -> TickerState {
    let mut state = TickerState::Loading;
    let updated = Timestamp::parse_rfc3339("2026-11-27T09:42:00Z").unwrap();
    state.receive(decode_headlines(json).unwrap().value, updated);
    state
}

fn ticker(state: RwSignal<TickerState>, retries: Arc<AtomicUsize>) -> HtmlElement {
    render(move || {
        view! {
            <HeadlinesTicker
                state=state
                announcement=Signal::derive(String::new)
                on_retry=move |()| { retries.fetch_add(1, Ordering::SeqCst); }
            />
        }
    })
}

#[wasm_bindgen_test]
fn ticker_says_loading_in_a_status_region_until_headlines_arrive() {
    let strip = ticker(RwSignal::new(TickerState::Loading), Arc::default());
    let region = get(&strip, "region", "BREAKING");
    assert_eq!(names(&region, "status"), ["Loading latest headlines…"]);
    assert!(by_role(&region, "link").is_empty() && by_role(&region, "time").is_empty());
}

#[wasm_bindgen_test]
fn ticker_that_cannot_load_offers_retry() {
    let retries = Arc::new(AtomicUsize::new(0));
    let strip = ticker(
        RwSignal::new(TickerState::Unavailable { failures: 2 }),
        Arc::clone(&retries),
    );
    assert!(names(&strip, "status")[0].starts_with("Headlines are unavailable right now."));
    click(&get(&strip, "button", "Retry"));
    assert_eq!(retries.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
fn ticker_with_an_empty_feed_says_there_is_no_breaking_news() {
    let strip = ticker(RwSignal::new(ready(r#"{"headlines":[]}"#)), Arc::default());
    assert_eq!(names(&strip, "status"), ["No breaking news right now"]);
}

#[wasm_bindgen_test]
fn ticker_lists_headlines_once_for_readers_and_once_hidden_for_the_loop() {
    let strip = ticker(RwSignal::new(ready(FEED)), Arc::default());
    let region = get(&strip, "region", "BREAKING");
    // A reader reaches each headline once…
    let links = by_role(&region, "link");
    assert_eq!(links.len(), 6);
    assert_eq!(
        links[0].get_attribute("href").unwrap(),
        "/news/storm-brings-gusts-to-northern-england-live"
    );
    // …and the copy that makes the loop seamless is out of reach: hidden
    // from screen readers, out of the tab order (found by what hides it).
    let copies = all(&region, "[aria-hidden=true]");
    assert_eq!(copies.len(), 1);
    assert!(copies[0].has_attribute("inert"));
    assert!(all(&copies[0], "a")
        .iter()
        .all(|a| a.get_attribute("tabindex").as_deref() == Some("-1")));
    assert!(region.text_content().unwrap().contains("Updated 09:42"));
    get(&region, "button", "Pause headlines");
}

#[wasm_bindgen_test]
async fn ticker_pause_button_toggles_to_play_and_marks_the_strip_paused() {
    let strip = ticker(RwSignal::new(ready(FEED)), Arc::default());
    let toggle = get(&strip, "button", "Pause headlines");
    click(&toggle);
    settle().await;
    assert_eq!(name_of(&toggle), "Play headlines");
    // What stops the strip moving is its style: the class the CSS pauses.
    assert!(strip.query_selector(".ticker--paused").unwrap().is_some());
    click(&toggle);
    settle().await;
    assert_eq!(name_of(&toggle), "Pause headlines");
    assert!(strip.query_selector(".ticker--paused").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn new_headlines_join_the_moving_strip_when_its_loop_comes_round() {
    let state = RwSignal::new(ready(FEED));
    let strip = ticker(state, Arc::default());
    let region = get(&strip, "region", "BREAKING");
    // The moving strip is what the browser animates: found by its class.
    let track = strip.query_selector(".ticker__track").unwrap().unwrap();
    let fresh =
        r#"{"id":"fresh","headline":"Fresh","slug":"fresh","published":"2026-11-28T12:00:00Z"}"#;
    let feed = FEED.replacen("\"headlines\": [", &format!("\"headlines\": [{fresh},"), 1);
    state.update(|s| {
        s.receive(
            decode_headlines(&feed).unwrap().value,
            Timestamp::from_unix(0),
        );
    });
    settle().await;
    assert_eq!(by_role(&region, "link").len(), 6);
    let iteration = web_sys::Event::new("animationiteration").unwrap();
    track.dispatch_event(&iteration).unwrap();
    settle().await;
    let links = names(&region, "link");
    assert_eq!(links.len(), 7);
    assert_eq!(links[0], "Fresh");
    // The same track element: the strip was not rebuilt, so it did not restart.
    assert!(strip.query_selector(".ticker__track").unwrap().unwrap() == track);
}

#[wasm_bindgen_test]
fn the_shared_validation_table_gives_the_same_verdicts_in_the_browser() {
    #[derive(serde::Deserialize)]
    struct Case {
        input: String,
        expect: String,
    }
    let cases: Vec<Case> = serde_json::from_str(include_str!("fixtures/email-cases.json")).unwrap();
    // Every row is judged; every wrong verdict is reported, not the first.
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let verdict = match news_portal::model::validate_email(&case.input) {
                Ok(_) => "ok",
                Err(news_portal::model::EmailError::Empty) => "empty",
                Err(news_portal::model::EmailError::Invalid) => "invalid",
            };
            (verdict != case.expect)
                .then(|| format!("{}: {verdict}, not {}", case.input, case.expect))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("; "));
}
