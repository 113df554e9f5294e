//! Search, the parts that are plain Rust: what a word is (the build indexes
//! and the browser's search client looks up the same words:
//! `src/search/client.js` follows these rules, and
//! `tests/fixtures/search-words.json` holds both to one table), what of a
//! story is indexed and how much each part weighs, the query as the search
//! page keeps it in its address, and the excerpt a result shows with the
//! words found marked.

use super::{Article, Block, LiveFeed, StoryFormat, Timestamp};
use serde::{Deserialize, Serialize};

/// Words too common to find anything by: left out of the index and of
/// queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he",
    "her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their",
    "they", "this", "to", "was", "were", "will", "with",
];

/// The longest word kept: anything longer is cut to this many characters.
pub const MAX_WORD: usize = 24;

/// The words of `text` as the index keeps them: lowercase letters and
/// digits, accents taken off the common Latin letters (so "Café" is
/// "cafe"), split at anything else; stop words and one-letter words left
/// out. The search client splits a query the same way.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if let Some(plain) = without_accent(c) {
            word.push(plain);
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            keep(&mut word, &mut words);
        }
    }
    keep(&mut word, &mut words);
    words
}

/// Keeps `word` (cut to [`MAX_WORD`]) unless it is a stop word or a single
/// character, and empties it for the next.
fn keep(word: &mut String, words: &mut Vec<String>) {
    let mut chars = word.chars();
    let long_enough = chars.next().is_some() && chars.next().is_some();
    if long_enough && !STOP_WORDS.contains(&word.as_str()) {
        words.push(word.chars().take(MAX_WORD).collect());
    }
    word.clear();
}

/// The common accented Latin letters as the plain lowercase letter they
/// are read as ("é" is "e"). Everything else that is not a letter or a
/// digit (apostrophes too: "Khan's" is "khan" and "s", too short to keep)
/// ends a word.
fn without_accent(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'ŷ' | 'Ŷ' => 'y',
        'ŵ' | 'Ŵ' => 'w',
        _ => return None,
    })
}

/// The parts of a story the index reads, each with its weight: the
/// headline most, then the standfirst and key points, then the body and
/// the explainers. Nothing of the page around the story (masthead, ticker,
/// lists, signup) is here to be indexed.
pub fn indexed_text(article: &Article) -> [(u32, String); 3] {
    let body: Vec<&str> = article
        .body
        .iter()
        .flat_map(Block::texts)
        .chain(article.live.iter().flat_map(LiveFeed::texts))
        .chain(article.why_this_matters.as_deref())
        .chain(article.what_this_means_for_you.as_deref())
        .collect();
    [
        (4, article.headline.clone()),
        (
            2,
            std::iter::once(article.standfirst.as_str())
                .chain(article.key_points.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        (1, body.join(" ")),
    ]
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// By how well they match, the newest first among equals.
    #[default]
    Relevance,
    /// The newest first.
    Newest,
}

/// Results a page of them shows.
pub const RESULTS_PER_PAGE: usize = 10;
/// The last page of results a search offers: past it, a reader is better
/// served by narrower words or a section.
pub const LAST_RESULTS_PAGE: usize = 100;

/// A search as the search page keeps it in its address:
/// `/search?q=…&section=…&sort=newest&page=2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    /// A section's slug, to search only its stories.
    pub section: Option<String>,
    pub sort: SortBy,
    /// Which page of results, from 1.
    pub page: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery::from_params(None, None, None, None)
    }
}

impl SearchQuery {
    /// The query of an address's parameters, whatever they hold.
    pub fn from_params(
        q: Option<&str>,
        section: Option<&str>,
        sort: Option<&str>,
        page: Option<&str>,
    ) -> Self {
        SearchQuery {
            text: q.unwrap_or_default().chars().take(200).collect(),
            section: section
                .filter(|slug| super::is_valid_slug(slug))
                .map(str::to_owned),
            sort: match sort {
                Some("newest") => SortBy::Newest,
                _ => SortBy::Relevance,
            },
            page: page
                .and_then(|page| page.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, LAST_RESULTS_PAGE),
        }
    }

    /// How many results come before this page's.
    pub fn offset(&self) -> usize {
        (self.page - 1) * RESULTS_PER_PAGE
    }

    /// The same search on another page of results.
    pub fn on_page(&self, page: usize) -> SearchQuery {
        SearchQuery {
            page: page.clamp(1, LAST_RESULTS_PAGE),
            ..self.clone()
        }
    }

    /// The page after this one, if `found` has more results than this page
    /// and those before it show.
    pub fn next_page(&self, found: &Found) -> Option<SearchQuery> {
        let shown = self.offset() + RESULTS_PER_PAGE;
        (found.total > shown && self.page < LAST_RESULTS_PAGE).then(|| self.on_page(self.page + 1))
    }

    /// The page before this one, if there is one.
    pub fn previous_page(&self) -> Option<SearchQuery> {
        (self.page > 1).then(|| self.on_page(self.page - 1))
    }

    /// The address of this search.
    pub fn path(&self) -> String {
        let mut path = format!(
            "{}?q={}",
            crate::routes::Route::Search.path(),
            super::percent_encode(self.text.trim())
        );
        if let Some(section) = &self.section {
            path.push_str(&format!("&section={section}"));
        }
        if self.sort == SortBy::Newest {
            path.push_str("&sort=newest");
        }
        if self.page > 1 {
            path.push_str(&format!("&page={}", self.page));
        }
        path
    }

    /// Whether there is anything to search for.
    pub fn is_empty(&self) -> bool {
        words(&self.text).is_empty()
    }
}

/// What the search client found: the best matches, by their stories'
/// slugs, and how many stories match in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    pub slugs: Vec<String>,
    pub total: usize,
    /// The count is a lower bound: a word so common that the index keeps
    /// only its newest stories.
    #[serde(default)]
    pub at_least: bool,
}

impl Found {
    /// Decodes what the search client answered; a slug that cannot be a
    /// story's is left out.
    pub fn from_json(json: &str) -> Result<Self, super::DecodeError> {
        let mut found: Found =
            serde_json::from_str(json).map_err(super::DecodeError::from_serde)?;
        found.slugs.retain(|slug| super::is_valid_slug(slug));
        Ok(found)
    }

    /// "3 stories", "More than 5,000 stories", "No stories".
    pub fn count(&self) -> String {
        match (self.total, self.at_least) {
            (0, _) => "No stories".to_owned(),
            (total, true) => format!("More than {}", super::stories_count(total)),
            (total, false) => super::stories_count(total),
        }
    }
}

/// A run of an excerpt: plain, or one of the words searched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub marked: bool,
}

/// A search result as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResult {
    pub slug: String,
    pub headline: String,
    pub section: Option<String>,
    pub published: Timestamp,
    pub excerpt: Vec<Run>,
    /// A live page that is still live: shown with a "Live" badge.
    pub live: bool,
}

/// How many words an excerpt shows.
const EXCERPT_WORDS: usize = 30;

impl SearchResult {
    /// The result `article` gives for a search of `query`: its excerpt is
    /// the passage where the words searched for first come together (the
    /// standfirst when they are only in the headline), with each of them
    /// marked.
    pub fn of(article: &Article, query: &str) -> Self {
        let wanted = words(query);
        let passages = std::iter::once(article.standfirst.as_str())
            .chain(article.key_points.iter().map(String::as_str))
            .chain(article.body.iter().flat_map(Block::texts))
            .chain(article.live.iter().flat_map(LiveFeed::texts))
            .chain(article.why_this_matters.as_deref())
            .chain(article.what_this_means_for_you.as_deref())
            .filter(|text| !text.trim().is_empty());
        let mut best: Option<(usize, &str)> = None;
        for passage in passages {
            let hits = words(passage)
                .iter()
                .filter(|word| matches_any(word, &wanted))
                .count();
            if best.is_none() || hits > best.map_or(0, |(most, _)| most) {
                best = Some((hits, passage));
            }
        }
        let passage = best.map(|(_, text)| text).unwrap_or(article.description());
        SearchResult {
            slug: article.slug.clone(),
            headline: article.headline.clone(),
            section: article.section.clone(),
            published: article.published,
            excerpt: excerpt(passage, &wanted),
            live: article.format() == StoryFormat::Live,
        }
    }
}

/// Whether an indexed word is one of `wanted`, or begins with one (so a
/// search for "council" finds "councils", and one for "coun" as the reader
/// types finds "council").
fn matches_any(word: &str, wanted: &[String]) -> bool {
    wanted.iter().any(|want| word.starts_with(want.as_str()))
}

/// `passage` cut to [`EXCERPT_WORDS`] words around the first word found,
/// as runs of plain and marked text.
fn excerpt(passage: &str, wanted: &[String]) -> Vec<Run> {
    let pieces: Vec<&str> = passage.split_whitespace().collect();
    let first = pieces
        .iter()
        .position(|piece| words(piece).iter().any(|word| matches_any(word, wanted)))
        .unwrap_or(0);
    let start = first.saturating_sub(EXCERPT_WORDS / 3);
    let end = (start + EXCERPT_WORDS).min(pieces.len());
    let mut runs: Vec<Run> = Vec::new();
    let mut push = |text: String, marked: bool| match runs.last_mut() {
        _ if text.is_empty() => {}
        Some(last) if last.marked == marked => last.text.push_str(&text),
        _ => runs.push(Run { text, marked }),
    };
    if start > 0 {
        push("… ".into(), false);
    }
    for (at, piece) in pieces.iter().enumerate().take(end).skip(start) {
        if at > start {
            push(" ".into(), false);
        }
        if words(piece).iter().any(|word| matches_any(word, wanted)) {
            // The word marked, not the punctuation around it.
            let core = piece.trim_matches(|c: char| !c.is_alphanumeric());
            let (before, after) = piece.split_once(core).unwrap_or_default();
            push(before.to_owned(), false);
            push(core.to_owned(), true);
            push(after.to_owned(), false);
        } else {
            push((*piece).to_owned(), false);
        }
    }
    if end < pieces.len() {
        push(" …".into(), false);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test]
    fn the_shared_table_of_words_gives_the_same_words_here() {
        #[derive(Deserialize)]
        struct Case {
            text: String,
            words: Vec<String>,
        }
        let cases: Vec<Case> =
            serde_json::from_str(include_str!("../../tests/fixtures/search-words.json")).unwrap();
        assert!(cases.len() >= 10);
        let wrong: Vec<String> = cases
            .iter()
            .filter(|case| words(&case.text) != case.words)
            .map(|case| format!("{:?}: {:?}", case.text, words(&case.text)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    fn story() -> Article {
        Article::from_json(
            &serde_json::json!({
                "slug": "a-story",
                "headline": "Mayor Blocks Police Data Deal",
                "standfirst": "The mayor has stopped the deal.",
                "key_points": ["Palantir wanted the contract."],
                "published": "2026-11-26T08:15:00Z",
                "body": [
                    { "type": "paragraph", "text": "The Metropolitan Police had planned to buy software for analysing data." },
                    { "type": "paragraph", "text": "Critics said the Palantir contract raised privacy questions about how data on Londoners would be kept." }
                ],
                "why_this_matters": "Policing data is sensitive.",
                "what_this_means_for_you": "Nothing changes for now."
            })
            .to_string(),
        )
        .unwrap()
        .value
    }

    #[test]
    fn what_is_indexed_is_the_story_and_its_explainers_weighted_headline_first() {
        let [(headline_weight, headline), (middle_weight, middle), (body_weight, body)] =
            indexed_text(&story());
        assert!(headline_weight > middle_weight && middle_weight > body_weight);
        assert_eq!(headline, "Mayor Blocks Police Data Deal");
        assert!(
            middle.contains("The mayor has stopped the deal.")
                && middle.contains("Palantir wanted")
        );
        assert!(
            body.contains("analysing data")
                && body.contains("Policing data is sensitive.")
                && body.contains("Nothing changes for now.")
        );
    }

    #[test]
    fn the_excerpt_is_where_the_words_are_with_each_marked() {
        let result = SearchResult::of(&story(), "palantir privacy");
        assert_eq!(marked(&result), ["Palantir", "privacy"]);
        let text: String = result.excerpt.iter().map(|run| run.text.as_str()).collect();
        assert!(
            text.starts_with("Critics said the Palantir contract raised privacy"),
            "{text}"
        );
    }

    #[test]
    fn a_word_being_typed_is_found_by_its_beginning() {
        let result = SearchResult::of(&story(), "metropol");
        assert_eq!(marked(&result), ["Metropolitan"]);
    }

    /// The words an excerpt marks.
    fn marked(result: &SearchResult) -> Vec<&str> {
        result
            .excerpt
            .iter()
            .filter(|run| run.marked)
            .map(|run| run.text.as_str())
            .collect()
    }

    #[test_case(Some("pal"), Some("london"), Some("newest"), Some("3"), "/search?q=pal&section=london&sort=newest&page=3" ; "all four")]
    #[test_case(Some(" two words "), None, None, None, "/search?q=two%20words" ; "spaces")]
    #[test_case(Some("x"), Some("../etc"), Some("oldest"), Some("-2"), "/search?q=x" ; "what is not a section, a sort or a page is dropped")]
    #[test_case(Some("x"), None, None, Some("1"), "/search?q=x" ; "the first page is the search itself")]
    #[test_case(Some("x"), None, None, Some("100000"), "/search?q=x&page=100" ; "a page past the last is the last")]
    #[test_case(None, None, None, None, "/search?q=" ; "nothing")]
    fn a_search_keeps_itself_in_its_address(
        q: Option<&str>,
        section: Option<&str>,
        sort: Option<&str>,
        page: Option<&str>,
        path: &str,
    ) {
        assert_eq!(
            SearchQuery::from_params(q, section, sort, page).path(),
            path
        );
    }

    #[test_case(1, 0, None, None ; "nothing found")]
    #[test_case(1, 10, None, None ; "one page exactly")]
    #[test_case(1, 11, None, Some(2) ; "one more than a page")]
    #[test_case(2, 25, Some(1), Some(3) ; "in the middle")]
    #[test_case(3, 25, Some(2), None ; "the last page")]
    #[test_case(100, 5_000, Some(99), None ; "the last page offered")]
    fn pages_of_results_lead_to_the_ones_before_and_after(
        page: usize,
        total: usize,
        previous: Option<usize>,
        next: Option<usize>,
    ) {
        let query = SearchQuery::from_params(Some("x"), None, None, Some(&page.to_string()));
        let found = Found {
            slugs: vec![],
            total,
            at_least: false,
        };
        assert_eq!(query.previous_page().map(|q| q.page), previous);
        assert_eq!(query.next_page(&found).map(|q| q.page), next);
        assert_eq!(query.offset(), (page - 1) * RESULTS_PER_PAGE);
    }

    #[test]
    fn a_count_of_results_reads_as_words() {
        let found = |total, at_least| Found {
            slugs: vec![],
            total,
            at_least,
        };
        assert_eq!(found(0, false).count(), "No stories");
        assert_eq!(found(1, false).count(), "1 story");
        assert_eq!(found(5_000, true).count(), "More than 5,000 stories");
        assert!(
            Found::from_json(r#"{"slugs":["ok","../etc"],"total":2}"#)
                .unwrap()
                .slugs
                == ["ok"]
        );
        assert!(Found::from_json("[]").is_err());
    }
}
