//! The authors and topics the content describes (`authors/<id>.json`,
//! `topics/<id>.json`), read on every publish (a few thousand small
//! files), and what the build does with them: it checks that every id a
//! story names is one of them, and serves each story with their names
//! (`resolved_story`), so that the page needs no other file for its byline
//! and topic links.

use super::check::{Report, Severity};
use super::records::{fingerprint, StoryRecord};
use crate::model::{byline_of, Author, Topic};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The folder of the content that holds authors, and that of topics.
pub const AUTHORS: &str = "authors";
pub const TOPICS: &str = "topics";

/// Every author and topic, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tags {
    pub authors: BTreeMap<String, Author>,
    pub topics: BTreeMap<String, Topic>,
}

impl Tags {
    /// Reads `authors/` and `topics/` under `content` (either may be
    /// missing: no authors, or no topics). A file that cannot be read or
    /// decoded, or whose id is not its name, is an error in the report,
    /// and left out.
    pub fn read(content: &Path) -> (Tags, Report) {
        let mut report = Report::default();
        let authors = read_folder(content, AUTHORS, Author::from_json, |a| &a.id, &mut report);
        let topics = read_folder(content, TOPICS, Topic::from_json, |t| &t.id, &mut report);
        (Tags { authors, topics }, report)
    }

    /// Every id a story names that is not an author or topic here: an
    /// error naming the story, the field and where it should be.
    pub fn check_named(&self, records: &[StoryRecord]) -> Report {
        let mut report = Report::default();
        for record in records {
            for id in record
                .authors
                .iter()
                .filter(|id| !self.authors.contains_key(*id))
            {
                report.add(
                    Severity::Error,
                    &record.file,
                    Some("authors"),
                    format!("\"authors\" names \"{id}\", who is not among the authors: add {AUTHORS}/{id}.json (id, name, role, bio) or correct the id."),
                );
            }
            for id in record
                .topics
                .iter()
                .filter(|id| !self.topics.contains_key(*id))
            {
                report.add(
                    Severity::Error,
                    &record.file,
                    Some("topics"),
                    format!("\"topics\" names \"{id}\", which is not among the topics: add {TOPICS}/{id}.json (id, name) or correct the id."),
                );
            }
        }
        report
    }

    /// The byline of a story naming `authors`: their names.
    pub fn byline(&self, authors: &[String]) -> String {
        let names: Vec<&str> = authors
            .iter()
            .filter_map(|id| self.authors.get(id))
            .map(|author| author.name.as_str())
            .collect();
        byline_of(&names)
    }

    /// A fingerprint of the names of the authors and topics `record`
    /// names: its JSON and page change when one of them does.
    pub fn names_of(&self, record: &StoryRecord) -> u64 {
        if record.authors.is_empty() && record.topics.is_empty() {
            return 0;
        }
        let mut key = String::new();
        for id in &record.authors {
            key.push_str(self.authors.get(id).map_or("", |a| a.name.as_str()));
            key.push('|');
        }
        key.push('#');
        for id in &record.topics {
            key.push_str(self.topics.get(id).map_or("", |t| t.name.as_str()));
            key.push('|');
        }
        fingerprint(key.as_bytes())
    }

    /// A story file's text as the site serves it: each author and topic
    /// it names by id given as `{"id", "name"}`. A story naming none is
    /// served as it is written.
    pub fn resolved_story(&self, text: &str) -> String {
        let Ok(mut story) = serde_json::from_str::<Value>(text) else {
            return text.to_owned();
        };
        let Some(fields) = story.as_object_mut() else {
            return text.to_owned();
        };
        let authors = name_each(fields.get_mut("authors"), |id| {
            self.authors.get(id).map(|a| a.name.clone())
        });
        let topics = name_each(fields.get_mut("topics"), |id| {
            self.topics.get(id).map(|t| t.name.clone())
        });
        let changed = authors || topics;
        if !changed {
            return text.to_owned();
        }
        serde_json::to_string_pretty(&story).unwrap_or_else(|_| text.to_owned()) + "\n"
    }
}

/// Each id in `tags` (a story's `authors` or `topics`) as `{"id", "name"}`;
/// whether there was one.
fn name_each(tags: Option<&mut Value>, name_of: impl Fn(&str) -> Option<String>) -> bool {
    let Some(Value::Array(tags)) = tags else {
        return false;
    };
    let mut changed = false;
    for tag in tags.iter_mut() {
        if let Some(id) = tag.as_str() {
            let name = name_of(id).unwrap_or_default();
            *tag = serde_json::json!({ "id": id, "name": name });
            changed = true;
        }
    }
    changed
}

/// Each `<folder>/<id>.json` under `content`, decoded by `decode`, by id.
fn read_folder<T>(
    content: &Path,
    folder: &str,
    decode: fn(&str) -> Result<T, crate::model::DecodeError>,
    id_of: fn(&T) -> &String,
    report: &mut Report,
) -> BTreeMap<String, T> {
    let mut found = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(content.join(folder)) else {
        return found;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort_unstable();
    for name in names {
        let file = format!("{folder}/{name}");
        let stem = name.trim_end_matches(".json");
        let text = match std::fs::read_to_string(content.join(&file)) {
            Ok(text) => text,
            Err(err) => {
                report.add(
                    Severity::Error,
                    &file,
                    None,
                    format!("It cannot be read ({err})."),
                );
                continue;
            }
        };
        match decode(&text) {
            Ok(item) if id_of(&item) == stem => {
                found.insert(stem.to_owned(), item);
            }
            Ok(item) => report.add(
                Severity::Error,
                &file,
                Some("id"),
                format!("\"id\" is \"{}\" but the file is called {name}: they must match, as its page's address is made from the id.", id_of(&item)),
            ),
            Err(err) => report.add(
                Severity::Error,
                &file,
                None,
                format!("The site cannot use this file: {err}."),
            ),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags() -> Tags {
        let mut tags = Tags::default();
        tags.authors.insert(
            "jane-smith".into(),
            Author::from_json(r#"{"id":"jane-smith","name":"Jane Smith"}"#).unwrap(),
        );
        tags.topics.insert(
            "palantir".into(),
            Topic::from_json(r#"{"id":"palantir","name":"Palantir"}"#).unwrap(),
        );
        tags
    }

    #[test]
    fn a_story_is_served_with_its_authors_and_topics_named() {
        let served = tags().resolved_story(
            r#"{"slug":"a","authors":["jane-smith"],"topics":["palantir"],"headline":"A"}"#,
        );
        let value: Value = serde_json::from_str(&served).unwrap();
        assert_eq!(
            value["authors"],
            serde_json::json!([{ "id": "jane-smith", "name": "Jane Smith" }])
        );
        assert_eq!(value["topics"][0]["name"], "Palantir");
        assert_eq!(value["headline"], "A");
        let plain = r#"{"slug":"b","headline":"B"}"#;
        assert_eq!(tags().resolved_story(plain), plain);
    }

    #[test]
    fn an_unknown_author_or_topic_is_an_error_naming_the_story_and_the_id() {
        let article = crate::model::Article::from_json(
            r#"{"slug":"a","headline":"A","published":"2026-12-01T09:00:00Z",
                "authors":["jane-smith","nobody"],"topics":["palantir","met-police"],
                "body":[{"type":"paragraph","text":"Words."}]}"#,
        )
        .unwrap()
        .value;
        let record = StoryRecord::of("articles/a.json", "{}", &article);
        let report = tags().check_named(&[record]);
        let messages: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("articles/a.json") && messages[0].contains("\"nobody\""));
        assert!(messages[0].contains("authors/nobody.json"));
        assert!(messages[1].contains("topics/met-police.json"));
        assert!(report.has_errors());
    }
}
