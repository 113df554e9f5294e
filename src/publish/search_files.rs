//! The search index's files as a publish plans them (`search_index.rs` is
//! the index itself).

use super::manifest::Manifest;
use super::outputs::{Make, Output};
use super::records::fingerprint;
use super::search_index::{self, SearchIndex, SegmentEntry, StoryWords};
use super::site::Site;
use super::PublishError;
use super::{parallel, Settings};
use crate::model::Article;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The search index's files (`search_index.rs`): a segment whose stories
/// (and the sections they are numbered by) are as they were is kept as the
/// last publish wrote it; any other is made from its stories' articles
/// (from memory where this publish read them, else from their files).
/// Then the index that names the segments, and the client that reads them.
pub(super) fn search_files(
    site: &Site,
    settings: &Settings,
    last: &Manifest,
    texts: &HashMap<String, Arc<str>>,
    content: &Path,
) -> Result<Vec<Output>, PublishError> {
    let sections: Vec<String> = site
        .sections
        .sections
        .iter()
        .map(|s| s.slug.clone())
        .collect();
    let segments = search_index::segments(&site.records, settings.search_segment);
    let folders: Vec<String> = segments.iter().map(|s| s.folder(&sections)).collect();
    // What the last publish wrote of each segment (nothing if it changed).
    let kept: Vec<Vec<Output>> = folders
        .iter()
        .map(|folder| {
            let prefix = format!("search/{folder}/");
            last.outputs
                .range(prefix.clone()..)
                .take_while(|(path, _)| path.starts_with(&prefix))
                .map(|(path, written)| Output {
                    path: path.clone(),
                    fingerprint: written.inputs,
                    make: Make::Kept,
                })
                .collect()
        })
        .collect();
    // A segment to make: its stories' words on every core (reading and
    // splitting them is most of the work), one segment at a time, so only
    // one segment's words are in memory at once.
    let mut made = Vec::new();
    for ((segment, folder), kept) in segments.iter().zip(&folders).zip(kept) {
        let prefix = format!("search/{folder}/");
        let outputs = if kept.is_empty() {
            let records = site
                .records
                .get(segment.first..segment.first + segment.stories)
                .unwrap_or_default();
            let words = parallel::map(records, |record| -> Result<StoryWords, PublishError> {
                if !record.is_live() {
                    return Ok(StoryWords::default());
                }
                let text = match texts.get(&record.file) {
                    Some(text) => text.to_string(),
                    None => {
                        let file = content.join(&record.file);
                        std::fs::read_to_string(&file)
                            .map_err(|err| PublishError::read(&file, err))?
                    }
                };
                let article = Article::from_json(&text).ok().map(|decoded| decoded.value);
                Ok(StoryWords::of(article.as_ref()))
            })
            .into_iter()
            .collect::<Result<Vec<_>, PublishError>>()?;
            let (files, _) = search_index::segment_files_of(records, &words, &sections);
            files
                .into_iter()
                .map(|(name, text)| Output {
                    path: format!("{prefix}{name}"),
                    fingerprint: fingerprint(text.as_bytes()),
                    make: Make::Text(text),
                })
                .collect()
        } else {
            kept
        };
        let names: Vec<&str> = outputs
            .iter()
            .filter_map(|output| output.path.strip_prefix(&prefix))
            .collect();
        let entry = SegmentEntry {
            folder: folder.clone(),
            stories: segment.stories,
            split: search_index::split_keys(&names),
        };
        made.push((outputs, entry));
    }
    let mut outputs = Vec::new();
    let mut entries = Vec::new();
    for (made, entry) in made {
        outputs.extend(made);
        entries.push(entry);
    }
    let index = search_index::index_file(&SearchIndex {
        segments: entries,
        sections,
        block: search_index::BLOCK,
    });
    for (path, text) in [
        ("search/index.json", index),
        ("search/client.js", SEARCH_CLIENT.to_owned()),
    ] {
        outputs.push(Output {
            path: path.to_owned(),
            fingerprint: fingerprint(text.as_bytes()),
            make: Make::Text(text),
        });
    }
    Ok(outputs)
}

/// The browser's search client, which the site serves at
/// `/search/client.js` and the app loads when the reader first focuses the
/// search box.
const SEARCH_CLIENT: &str = include_str!("../search/client.js");
