//! The sample content decodes, agrees with its index, and the first story is
//! the reference page word for word. Native: `cargo test --no-default-features`.
#![cfg(not(target_arch = "wasm32"))]

use news_portal::model::{Article, Block};
use std::fs;

const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/api/v1/articles");
const FIRST_STORY: &str = "sadiq-khan-blocks-met-police-palantir-deal";

fn articles() -> Vec<Article> {
    let mut found = Vec::new();
    for entry in fs::read_dir(ARTICLES).unwrap() {
        let path = entry.unwrap().path();
        let json = fs::read_to_string(&path).unwrap();
        let decoded = Article::from_json(&json)
            .unwrap_or_else(|err| panic!("{} does not decode: {err}", path.display()));
        assert_eq!(
            decoded.skipped,
            [],
            "{} has blocks left out",
            path.display()
        );
        let article = decoded.value;
        let stem = path.file_stem().unwrap().to_str().unwrap();
        assert_eq!(
            article.slug,
            stem,
            "{} is not named after its slug",
            path.display()
        );
        found.push(article);
    }
    found
}

#[test]
fn every_sample_article_decodes_and_is_named_after_its_slug() {
    assert!(
        articles().len() >= 5,
        "the front page needs at least five stories"
    );
}

#[test]
fn every_story_but_the_reference_is_marked_as_sample_content() {
    for article in articles() {
        assert_eq!(
            article.sample,
            article.slug != FIRST_STORY,
            "{}",
            article.slug
        );
    }
}

/// The reference page's paragraphs, as a reader sees them.
fn reference_paragraphs() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reference-page.txt"
    );
    let text = fs::read_to_string(path).expect("the reference page in tests/fixtures");
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn the_first_story_is_the_reference_page_word_for_word() {
    let article = articles()
        .into_iter()
        .find(|a| a.slug == FIRST_STORY)
        .unwrap();
    let page = reference_paragraphs();
    let at = page
        .iter()
        .position(|p| *p == article.headline)
        .expect("headline on the page");
    assert_eq!(page[at + 1], article.standfirst);

    let points: Vec<_> = page[at + 2]
        .lines()
        .map(|line| line.trim().trim_start_matches('•').trim())
        .collect();
    assert_eq!(points, article.key_points);
    assert_eq!(article.key_points.len(), 5);

    let body: Vec<_> = article
        .body
        .iter()
        .map(|block| match block {
            Block::Paragraph { text } => text.as_str().to_owned(),
            other => panic!("the reference has only paragraphs, not {other:?}"),
        })
        .collect();
    assert_eq!(body, page[at + 3..at + 3 + body.len()]);

    let why = format!(
        "Why this matters: {}",
        article.why_this_matters.as_deref().unwrap()
    );
    assert_eq!(page[at + 3 + body.len()], why);
    // The page repeats the label; the data holds the text once.
    let what = article.what_this_means_for_you.as_deref().unwrap();
    assert_eq!(
        page[at + 4 + body.len()],
        format!("What this means for you: What this means for you: {what}")
    );
}

#[test]
fn every_sample_headline_leads_to_a_sample_story_with_the_same_headline() {
    let json = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/api/v1/headlines.json"
    ))
    .unwrap();
    let headlines = news_portal::model::decode_headlines(&json).unwrap().value;
    let articles = articles();
    assert!(headlines.len() >= 5);
    for headline in &headlines {
        let slug = headline
            .slug
            .as_deref()
            .expect("sample headlines link to stories");
        let article = articles
            .iter()
            .find(|a| a.slug == slug)
            .expect("a story for each headline");
        assert_eq!(headline.headline, article.headline);
        assert_eq!(headline.published, article.published);
    }
}
