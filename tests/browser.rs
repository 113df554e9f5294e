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

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap_or_default()
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
    let h1s = all(&page, "h1");
    assert_eq!(h1s.len(), 1);
    assert_eq!(
        h1s[0].text_content().unwrap(),
        "Sadiq Khan Blocks Met Police Palantir Deal Amid Data Privacy Concerns"
    );
    assert!(
        text(&page, ".story__standfirst").starts_with("Mayor of London Sadiq Khan has intervened")
    );
}

#[wasm_bindgen_test]
fn renders_five_key_points_in_a_region_named_key_points() {
    let page = render(|| view! { <StoryView article=story(FIRST_STORY) url=URL.to_owned()/> });
    let region = page
        .query_selector("section[aria-labelledby]")
        .unwrap()
        .unwrap();
    let name_id = region.get_attribute("aria-labelledby").unwrap();
    assert_eq!(text(&page, &format!("#{name_id}")), "Key points");
    let points = all(&region, "ul > li");
    assert_eq!(points.len(), 5);
    assert_eq!(
        points[0].text_content().unwrap(),
        "Sadiq Khan blocked a multi-million pound contract between the Met Police and Palantir."
    );
}

#[wasm_bindgen_test]
fn key_points_box_is_absent_when_there_are_no_points() {
    let page = render(|| view! { <KeyPoints points=vec![]/> });
    assert!(all(&page, "section").is_empty());
}

#[wasm_bindgen_test]
fn shows_byline_and_times_in_uk_time_in_time_elements() {
    let page = render(|| view! { <StoryView article=story(FIRST_STORY) url=URL.to_owned()/> });
    assert_eq!(
        text(&page, ".story__byline"),
        "By Britain's News Portal London desk"
    );
    let times = all(&page, "time");
    assert_eq!(times.len(), 2);
    assert_eq!(
        times[0].get_attribute("datetime").unwrap(),
        "2026-11-26T08:15:00Z"
    );
    assert_eq!(
        times[0].text_content().unwrap(),
        "26 November 2026, 08:15 GMT"
    );
    assert_eq!(
        times[1].text_content().unwrap(),
        "26 November 2026, 10:40 GMT"
    );
}

#[wasm_bindgen_test]
fn why_this_matters_and_what_this_means_for_you_are_headed_sections() {
    let page = render(|| view! { <StoryView article=story(FIRST_STORY) url=URL.to_owned()/> });
    let headings: Vec<_> = all(&page, "h2")
        .iter()
        .map(|h| h.text_content().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "Key points",
            "Why this matters",
            "What this means for you",
            "Share this story"
        ]
    );
    let what = text(&page, "#what-this-means-for-you + p");
    assert!(what.starts_with("This decision directly impacts"), "{what}");
}

#[wasm_bindgen_test]
fn a_story_without_optional_fields_shows_the_default_byline_and_no_empty_sections() {
    let json = r#"{"slug":"bare","headline":"Bare story","published":"2026-07-01T11:00:00Z",
                   "body":[{"type":"paragraph","text":"Only this."}]}"#;
    let page = render(move || view! { <StoryView article=story(json) url=URL.to_owned()/> });
    assert_eq!(text(&page, ".story__byline"), "By Britain's News Portal");
    assert_eq!(all(&page, "time").len(), 1);
    assert_eq!(text(&page, "time"), "1 July 2026, 12:00 BST");
    assert!(all(&page, ".key-points, .explainer, .story__standfirst").is_empty());
}

#[wasm_bindgen_test]
fn sample_stories_are_labelled_as_such_and_real_ones_are_not() {
    let sample = render(|| view! { <StoryView article=story(SAMPLE_STORY) url=URL.to_owned()/> });
    assert_eq!(text(&sample, ".tag--sample"), "Sample story");
    let real = render(|| view! { <StoryView article=story(FIRST_STORY) url=URL.to_owned()/> });
    assert!(all(&real, ".tag--sample").is_empty());
}

#[wasm_bindgen_test]
fn body_blocks_render_as_paragraphs_subheadings_and_quotes() {
    let page = render(|| view! { <StoryView article=story(SAMPLE_STORY) url=URL.to_owned()/> });
    assert_eq!(all(&page, ".story-body > p").len(), 3);
    assert_eq!(text(&page, ".story-body h2"), "Travel");
    assert!(text(&page, ".story-body blockquote").starts_with("If you must travel"));
    assert_eq!(
        text(&page, ".story-body figcaption"),
        "A Met Office spokesperson (sample quotation)"
    );
}

#[wasm_bindgen_test]
fn share_links_send_facebook_the_canonical_url() {
    let page = render(|| view! { <ShareLinks url=URL.to_owned()/> });
    let facebook = page.query_selector("a").unwrap().unwrap();
    assert_eq!(
        facebook.get_attribute("href").unwrap(),
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Fnews%2Fsadiq-khan-blocks-met-police-palantir-deal"
    );
    assert_eq!(text(&page, "button"), "Copy link");
    assert_eq!(text(&page, "[role=status]"), "");
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
    assert_eq!(
        text(&page, "[role=alert] h1"),
        "Something went wrong on our side"
    );
    let button: HtmlElement = page
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap().trim(), "Try again");
    button.click();
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    assert_eq!(text(&page, "a.button"), "Go to the front page");
}

#[wasm_bindgen_test]
fn a_missing_story_offers_the_way_home_but_no_retry() {
    let page = render(|| view! { <ErrorNotice error=ApiError::NotFound on_retry=|()| {}/> });
    assert_eq!(text(&page, "h1"), "We couldn't find that story");
    assert!(all(&page, "button").is_empty());
    assert_eq!(
        page.query_selector("a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .unwrap(),
        "/"
    );
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
    assert_eq!(text(&strip, "#ticker-label"), "BREAKING");
    assert_eq!(text(&strip, "[role=status]"), "Loading latest headlines…");
    assert!(all(&strip, "a, time").is_empty());
}

#[wasm_bindgen_test]
fn ticker_that_cannot_load_offers_retry() {
    let retries = Arc::new(AtomicUsize::new(0));
    let strip = ticker(
        RwSignal::new(TickerState::Unavailable { failures: 2 }),
        Arc::clone(&retries),
    );
    assert!(text(&strip, "[role=status]").starts_with("Headlines are unavailable right now."));
    let retry: HtmlElement = strip
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(retry.text_content().unwrap(), "Retry");
    retry.click();
    assert_eq!(retries.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
fn ticker_with_an_empty_feed_says_there_is_no_breaking_news() {
    let strip = ticker(RwSignal::new(ready(r#"{"headlines":[]}"#)), Arc::default());
    assert_eq!(text(&strip, "[role=status]"), "No breaking news right now");
}

#[wasm_bindgen_test]
fn ticker_lists_headlines_once_for_readers_and_once_hidden_for_the_loop() {
    let strip = ticker(RwSignal::new(ready(FEED)), Arc::default());
    let lists = all(&strip, ".ticker__list");
    assert_eq!(lists.len(), 2);
    assert_eq!(lists[0].get_attribute("aria-hidden"), None);
    assert_eq!(
        lists[1].get_attribute("aria-hidden").as_deref(),
        Some("true")
    );
    assert!(lists[1].has_attribute("inert"));
    let links = all(&lists[0], "a");
    assert_eq!(links.len(), 5);
    assert_eq!(
        links[0].get_attribute("href").unwrap(),
        "/news/met-office-issues-yellow-wind-warning-for-northern-england"
    );
    assert!(all(&lists[1], "a")
        .iter()
        .all(|a| a.get_attribute("tabindex").as_deref() == Some("-1")));
    assert_eq!(text(&strip, ".ticker__updated"), "Updated 09:42");
    assert_eq!(text(&strip, ".ticker__toggle"), "Pause headlines");
}

#[wasm_bindgen_test]
async fn ticker_pause_button_toggles_to_play_and_marks_the_strip_paused() {
    let strip = ticker(RwSignal::new(ready(FEED)), Arc::default());
    let toggle: HtmlElement = strip
        .query_selector(".ticker__toggle")
        .unwrap()
        .unwrap()
        .unchecked_into();
    toggle.click();
    settle().await;
    assert_eq!(toggle.text_content().unwrap(), "Play headlines");
    assert!(strip.query_selector(".ticker--paused").unwrap().is_some());
    toggle.click();
    settle().await;
    assert_eq!(toggle.text_content().unwrap(), "Pause headlines");
    assert!(strip.query_selector(".ticker--paused").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn new_headlines_join_the_moving_strip_when_its_loop_comes_round() {
    let state = RwSignal::new(ready(FEED));
    let strip = ticker(state, Arc::default());
    let track = strip.query_selector(".ticker__track").unwrap().unwrap();
    let fresh =
        r#"{"id":"fresh","headline":"Fresh","slug":"fresh","published":"2026-11-28T09:00:00Z"}"#;
    let feed = FEED.replacen("\"headlines\": [", &format!("\"headlines\": [{fresh},"), 1);
    state.update(|s| {
        s.receive(
            decode_headlines(&feed).unwrap().value,
            Timestamp::from_unix(0),
        );
    });
    settle().await;
    assert_eq!(all(&strip, ".ticker__list:not([aria-hidden]) a").len(), 5);
    let iteration = web_sys::Event::new("animationiteration").unwrap();
    track.dispatch_event(&iteration).unwrap();
    settle().await;
    let links = all(&strip, ".ticker__list:not([aria-hidden]) a");
    assert_eq!(links.len(), 6);
    assert_eq!(links[0].text_content().unwrap(), "Fresh");
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
    for case in cases {
        let verdict = match news_portal::model::validate_email(&case.input) {
            Ok(_) => "ok",
            Err(news_portal::model::EmailError::Empty) => "empty",
            Err(news_portal::model::EmailError::Invalid) => "invalid",
        };
        assert_eq!(verdict, case.expect, "{:?}", case.input);
    }
}
