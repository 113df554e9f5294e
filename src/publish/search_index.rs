//! The search index: static files the browser's search client
//! (`src/search/client.js`) fetches only the parts of that a query needs.
//!
//! The archive is cut into segments from its oldest story, `segment_size`
//! stories each (withdrawn ones keep their places, unindexed), as the
//! sections' pages are, the newest stories in smaller ones until they make
//! a whole segment (`segments`): a new story changes only the newest segment, a
//! corrected or withdrawn one only its own, and every segment is a
//! function of its stories alone, so a one-story publish and a full build
//! make the same files. Each segment is a folder named by a fingerprint of
//! its stories (`search/<n>-<fingerprint>/`), never changed once written:
//! - `t/<key>.json`: the words beginning with `key` (their first two
//!   letters, or more where fewer would make a file of more than
//!   [`SHARD_BYTES`]), each with how many of the segment's stories have it
//!   and, for the newest [`KEPT_PER_WORD`] of those, the story (by its
//!   number in the segment, as gaps from the one before), how well it
//!   matches (0 to 255) and its section (by its number in `sections`);
//! - `d/<n>.json`: stories `n × BLOCK` to `n × BLOCK + BLOCK - 1` of the
//!   segment: slug, when published (Unix seconds) and section, or `null`
//!   for a withdrawn one.
//!
//! `search/index.json` names the segments, the sections and which keys are
//! cut longer in each; it is the one file that changes with
//! every publish.

use super::records::{fingerprint, StoryRecord};
use crate::model::{indexed_text, Article};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Stories a doc file holds.
pub const BLOCK: usize = 25;
/// The most stories kept for one word in one segment: the newest.
pub const KEPT_PER_WORD: usize = 1_500;
/// The size a word file is kept under, where a longer key would split it.
pub const SHARD_BYTES: usize = 24 * 1024;
/// How many stories a segment holds unless `NEWS_SEARCH_SEGMENT` says.
pub const DEFAULT_SEGMENT: usize = 20_000;
/// The newest stories, too few for a whole segment, are in segments this
/// many times smaller (`segments`): 5,000 stories at the default size. Ten
/// (2,000) made a post's re-indexing 0.16 s, but a query at 100,000
/// stories read up to 14 segments, and a two-word one fetched 225 KB, not
/// 83 (`scripts/bench-search.mjs`).
pub const TAIL_PARTS: usize = 4;

/// BM25's saturation and length terms, for how well a word matches a
/// story.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// One segment: its stories' positions in the archive (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub number: usize,
    pub first: usize,
    pub stories: usize,
    /// A fingerprint of its stories: their slugs, files' bytes and whether
    /// they are live.
    pub fingerprint: u64,
}

impl Segment {
    /// The folder it is written to, under `search/`: named by its stories
    /// and by the sections its stories' sections are numbered by.
    pub fn folder(&self, sections: &[String]) -> String {
        let numbering = fingerprint(sections.join("|").as_bytes());
        let both = format!("{:x}|{numbering:x}", self.fingerprint);
        format!("{}-{:016x}", self.number, fingerprint(both.as_bytes()))
    }
}

/// The segments of `records` (every story, oldest first): `size` stories
/// each from the oldest, but for the newest: at least `size / TAIL_PARTS`
/// of them and fewer than `size` more are in pieces of `size /
/// TAIL_PARTS` (cut from the oldest of them, so a new story changes only
/// the last piece), until there are enough for a whole segment. A story
/// published or changed among the newest (a live page's post, most
/// often) rewrites a segment of that many stories, not of up to `size`; a
/// query reads at most `TAIL_PARTS + 1` segments more. An archive of fewer
/// than `size` stories is one segment: re-indexing it is quick, and pieces
/// would repeat the words they share in each (at 10,000 stories, 6 MB of
/// index in 1,165 files, against 2 MB in 618).
pub fn segments(records: &[StoryRecord], size: usize) -> Vec<Segment> {
    let size = size.max(1);
    let tail = size.div_ceil(TAIL_PARTS);
    let whole = if records.len() < size {
        records.len()
    } else {
        records.len().saturating_sub(tail) / size * size
    };
    let (older, newest) = records.split_at(whole);
    let mut first = 0;
    older
        .chunks(size)
        .chain(newest.chunks(tail))
        .enumerate()
        .map(|(number, chunk)| {
            let mut key = String::new();
            for record in chunk {
                key.push_str(&format!(
                    "{}:{:x}:{}|",
                    record.slug(),
                    record.source,
                    record.is_live()
                ));
            }
            let segment = Segment {
                number,
                first,
                stories: chunk.len(),
                fingerprint: fingerprint(key.as_bytes()),
            };
            first += chunk.len();
            segment
        })
        .collect()
}

/// A word's stories in a segment: how many, and the newest kept.
struct Postings {
    stories: usize,
    kept: Vec<(u32, u8, u8)>,
}

/// What one story gives the index: each of its words (in order) and how
/// well it matches, and how long the story is in words. Empty for a
/// withdrawn story.
#[derive(Debug, Clone, Default)]
pub struct StoryWords {
    words: Vec<(String, f32)>,
    length: f32,
}

impl StoryWords {
    /// The words of `article`, or none for a withdrawn story (`None`).
    pub fn of(article: Option<&Article>) -> StoryWords {
        let Some(article) = article else {
            return StoryWords::default();
        };
        let mut weights: HashMap<String, f32> = HashMap::new();
        let mut length = 0.0;
        for (weight, text) in indexed_text(article) {
            for word in crate::model::words(&text) {
                length += 1.0;
                *weights.entry(word).or_default() += weight as f32;
            }
        }
        let mut words: Vec<(String, f32)> = weights.into_iter().collect();
        words.sort_by(|a, b| a.0.cmp(&b.0));
        StoryWords { words, length }
    }
}

/// Every file of one segment, by its path under `search/<folder>/`, and
/// the keys cut longer than two letters: the stories are `records` (the
/// segment's, oldest first) with their words (`indexed`, made on every
/// core by the caller; empty for withdrawn ones), `sections` the slugs the
/// sections are numbered by.
pub fn segment_files_of(
    records: &[StoryRecord],
    indexed: &[StoryWords],
    sections: &[String],
) -> (Vec<(String, String)>, Vec<String>) {
    let section_of = |record: &StoryRecord| -> u8 {
        record
            .section_slug
            .as_ref()
            .and_then(|slug| sections.iter().position(|known| known == slug))
            .map_or(255, |at| at.min(254) as u8)
    };
    let live = indexed
        .iter()
        .filter(|story| !story.words.is_empty())
        .count()
        .max(1);
    let average = indexed.iter().map(|story| story.length).sum::<f32>() / live as f32;
    let mut by_word: BTreeMap<&str, Postings> = BTreeMap::new();
    for (at, (story, record)) in indexed.iter().zip(records).enumerate() {
        let norm = 1.0 - B + B * story.length / average.max(1.0);
        for (word, weight) in &story.words {
            let score = weight * (K1 + 1.0) / (weight + K1 * norm);
            let postings = by_word.entry(word.as_str()).or_insert(Postings {
                stories: 0,
                kept: Vec::new(),
            });
            postings.stories += 1;
            postings.kept.push((
                at as u32,
                (score * 100.0).min(255.0) as u8,
                section_of(record),
            ));
        }
    }
    // Word files by their key: two letters, or more where fewer would
    // make a file too big.
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut split = Vec::new();
    let words: Vec<(&str, &Postings)> = by_word
        .iter()
        .map(|(word, postings)| (*word, postings))
        .collect();
    file_words(&words, 2, &mut files, &mut split);
    for (block, chunk) in records.chunks(BLOCK).enumerate() {
        let docs: Vec<Option<(&str, i64, u8)>> = chunk
            .iter()
            .map(|record| {
                record.is_live().then(|| {
                    (
                        record.slug(),
                        record.published().unix_seconds(),
                        section_of(record),
                    )
                })
            })
            .collect();
        files.insert(format!("d/{block}.json"), json(&docs));
    }
    (files.into_iter().collect(), split)
}

/// The longest key a word file has: past this, a file may be big.
const MAX_KEY: usize = 8;

/// Files `words` under keys of `letters` letters, cutting a key one letter
/// longer (and listing it in `split`) wherever its file would be bigger
/// than [`SHARD_BYTES`].
fn file_words(
    words: &[(&str, &Postings)],
    letters: usize,
    files: &mut BTreeMap<String, String>,
    split: &mut Vec<String>,
) {
    let mut groups: BTreeMap<String, Vec<(&str, &Postings)>> = BTreeMap::new();
    for (word, postings) in words {
        groups
            .entry(key(word, letters))
            .or_default()
            .push((word, postings));
    }
    for (key, words) in groups {
        let whole = word_file(&words);
        if whole.len() <= SHARD_BYTES || letters >= MAX_KEY || key.chars().count() < letters {
            files.insert(format!("t/{key}.json"), whole);
        } else {
            split.push(key);
            file_words(&words, letters + 1, files, split);
        }
    }
}

/// The key a word is filed under: its first `letters` letters (all of it
/// when shorter).
fn key(word: &str, letters: usize) -> String {
    word.chars().take(letters).collect()
}

/// A word as its file has it: its count of stories, then its kept
/// stories as gaps, their scores and their sections.
type WordEntry = (usize, Vec<u32>, Vec<u8>, Vec<u8>);

/// A word file: each word's count of stories, then its kept stories as
/// gaps, scores and sections.
fn word_file(words: &[(&str, &Postings)]) -> String {
    let mut out: BTreeMap<&str, WordEntry> = BTreeMap::new();
    for (word, postings) in words {
        let kept_from = postings.kept.len().saturating_sub(KEPT_PER_WORD);
        let kept = postings.kept.get(kept_from..).unwrap_or_default();
        let mut last = 0;
        let gaps = kept
            .iter()
            .map(|(story, _, _)| {
                let gap = story - last;
                last = *story;
                gap
            })
            .collect();
        out.insert(
            word,
            (
                postings.stories,
                gaps,
                kept.iter().map(|(_, score, _)| *score).collect(),
                kept.iter().map(|(_, _, section)| *section).collect(),
            ),
        );
    }
    json(&out)
}

/// The keys cut longer in a segment, from its files' names
/// (`t/<key>.json`): every shorter beginning (of two letters or more) of a
/// key with a file is one.
pub fn split_keys(names: &[&str]) -> Vec<String> {
    let mut split = std::collections::BTreeSet::new();
    for name in names {
        let Some(key) = name
            .strip_prefix("t/")
            .and_then(|rest| rest.strip_suffix(".json"))
        else {
            continue;
        };
        let letters: Vec<char> = key.chars().collect();
        for length in 2..letters.len() {
            split.insert(letters.iter().take(length).collect::<String>());
        }
    }
    split.into_iter().collect()
}

/// `search/index.json`: what the client reads first.
#[derive(Debug, Serialize)]
pub struct SearchIndex {
    pub segments: Vec<SegmentEntry>,
    /// The sections' slugs, as stories' sections are numbered.
    pub sections: Vec<String>,
    pub block: usize,
}

#[derive(Debug, Serialize)]
pub struct SegmentEntry {
    pub folder: String,
    pub stories: usize,
    /// The keys cut one letter longer: a word whose key is one of these is
    /// filed under a longer one.
    pub split: Vec<String>,
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The index file.
pub fn index_file(index: &SearchIndex) -> String {
    json(index) + "\n"
}

#[cfg(test)]
mod tests {
    /// Every file of one segment, by its path under `search/<folder>/`: the
    /// stories are `records` (the segment's, oldest first) with their articles
    /// (`None` for withdrawn ones), `sections` the slugs the sections are
    /// numbered by.
    fn segment_files(
        records: &[StoryRecord],
        articles: &[Option<Article>],
        sections: &[String],
    ) -> (Vec<(String, String)>, Vec<String>) {
        let indexed: Vec<StoryWords> = articles
            .iter()
            .map(|article| StoryWords::of(article.as_ref()))
            .collect();
        super::segment_files_of(records, &indexed, sections)
    }

    use super::*;
    use crate::model::Timestamp;

    fn story(n: usize, words: &str, withdrawn: bool) -> (StoryRecord, Option<Article>) {
        let mut json = serde_json::json!({
            "slug": format!("story-{n}"),
            "headline": format!("Story {n}"),
            "section": if n.is_multiple_of(2) { "London" } else { "Business" },
            "published": Timestamp::from_unix(1_790_000_000 + n as i64 * 60).to_rfc3339(),
            "body": [{ "type": "paragraph", "text": words }],
        });
        if withdrawn {
            json["withdrawn"] = serde_json::json!("2026-12-01T08:00:00Z");
        }
        let text = json.to_string();
        let article = Article::from_json(&text).unwrap().value;
        let record = StoryRecord::of(&format!("articles/story-{n}.json"), &text, &article);
        (record, (!withdrawn).then_some(article))
    }

    fn file(files: &[(String, String)], path: &str) -> serde_json::Value {
        let text = &files
            .iter()
            .find(|(name, _)| name == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .1;
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn each_word_lists_its_stories_by_gaps_with_how_well_they_match() {
        let (records, articles): (Vec<_>, Vec<_>) = vec![
            story(0, "palantir contract", false),
            story(1, "nothing here", false),
            story(2, "palantir palantir palantir", false),
        ]
        .into_iter()
        .unzip();
        let sections = vec!["business".to_owned(), "london".to_owned()];
        let (files, split) = segment_files(&records, &articles, &sections);
        assert!(split.is_empty());
        let palantir = &file(&files, "t/pa.json")["palantir"];
        assert_eq!(palantir[0], 2, "two stories have it");
        assert_eq!(
            palantir[1],
            serde_json::json!([0, 2]),
            "story 0, then story 2"
        );
        let scores = palantir[2].as_array().unwrap();
        assert!(
            scores[1].as_u64() > scores[0].as_u64(),
            "three times matches better"
        );
        assert_eq!(palantir[3], serde_json::json!([1, 1]), "both London");
        let docs = file(&files, "d/0.json");
        assert_eq!(docs[1][0], "story-1");
        assert_eq!(docs[1][2], 0, "Business");
    }

    #[test]
    fn a_withdrawn_story_is_in_no_word_and_has_no_slug() {
        let (records, articles): (Vec<_>, Vec<_>) = vec![
            story(0, "kept words", false),
            story(1, "secret words", true),
        ]
        .into_iter()
        .unzip();
        let (files, _) = segment_files(&records, &articles, &[]);
        assert!(files
            .iter()
            .all(|(_, text)| !text.contains("secret") && !text.contains("story-1")));
        assert_eq!(file(&files, "d/0.json")[1], serde_json::Value::Null);
        assert_eq!(file(&files, "t/wo.json")["words"][0], 1);
    }

    #[test]
    fn a_segment_changes_only_with_its_own_stories() {
        let first: Vec<StoryRecord> = (0..10).map(|n| story(n, "words", false).0).collect();
        // Story 5, corrected: segment 1 (stories 4 to 7) alone changes.
        let mut corrected = first.clone();
        corrected[5].source ^= 1;
        let (before, after) = (segments(&first, 4), segments(&corrected, 4));
        assert_eq!(before.len(), after.len());
        for (number, (before, after)) in before.iter().zip(&after).enumerate() {
            assert_eq!(before == after, number != 1, "segment {number}");
        }
    }

    #[test]
    fn the_newest_stories_are_cut_smaller_until_they_make_a_whole_segment() {
        let piece = 10;
        let size = piece * TAIL_PARTS;
        let records: Vec<StoryRecord> = (0..size * 2 + 25)
            .map(|n| story(n, "words", false).0)
            .collect();
        let sizes = |records: &[StoryRecord]| -> Vec<(usize, usize)> {
            segments(records, size)
                .iter()
                .map(|segment| (segment.first, segment.stories))
                .collect()
        };
        // Two whole segments, then the 25 newest in pieces of 10.
        let whole = 2 * size;
        assert_eq!(
            sizes(&records),
            [
                (0, size),
                (size, size),
                (whole, 10),
                (whole + 10, 10),
                (whole + 20, 5)
            ]
        );
        // A story more changes the newest piece only.
        let mut more = records.clone();
        more.push(story(records.len(), "words", false).0);
        let (before, after) = (segments(&records, size), segments(&more, size));
        assert_eq!(before[..4], after[..4]);
        assert_eq!(after[4].stories, 6);
        // The newest piece's worth are always in pieces: at three segments'
        // worth, two whole segments and a segment's worth of pieces…
        let at = |count: usize| -> Vec<StoryRecord> {
            (0..count).map(|n| story(n, "words", false).0).collect()
        };
        let pieces = sizes(&at(size * 3));
        assert_eq!(pieces.len(), 2 + TAIL_PARTS);
        assert!(pieces[2..].iter().all(|(_, stories)| *stories == piece));
        // …one segment's worth: pieces; under it, one segment of them all…
        assert_eq!(sizes(&at(size)).len(), TAIL_PARTS);
        assert_eq!(sizes(&at(size - 1)), [(0, size - 1)]);
        assert_eq!(sizes(&at(7)), [(0, 7)]);
        // …and a piece more, the pieces of the third have become one.
        assert_eq!(
            sizes(&at(size * 3 + piece)),
            [(0, size), (size, size), (2 * size, size), (3 * size, piece)]
        );
    }

    #[test]
    fn a_key_too_big_for_one_file_is_cut_longer_until_it_fits() {
        let text: String = (0..4_000).map(|n| format!("co{n:05} ")).collect();
        let (records, articles): (Vec<_>, Vec<_>) =
            vec![story(0, &text, false)].into_iter().unzip();
        let (files, split) = segment_files(&records, &articles, &[]);
        assert_eq!(split[..2], ["co", "co0"]);
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            split_keys(&names),
            split,
            "the split keys follow from the files' names"
        );
        assert!(
            !files.iter().any(|(name, _)| name == "t/co.json"),
            "a split key has no file"
        );
        assert!(
            files
                .iter()
                .filter(|(name, _)| name.starts_with("t/co0"))
                .count()
                > 1
        );
        assert!(files
            .iter()
            .filter(|(name, _)| name.starts_with("t/"))
            .all(|(_, text)| text.len() <= SHARD_BYTES));
    }
}
