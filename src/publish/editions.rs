//! The newsletter's editions in the build: each file of
//! `newsletter/editions/` (`YYYY-MM-DD.json`, as the newsroom writes it)
//! read, checked like a story (every problem named by its file and field),
//! and published with its stories filled in from their files; the first
//! draft of the next one, from the front page's top stories.
//!
//! A withdrawn story leaves every edition that picked it at the next
//! publish, its web version and the JSON the service sends, and a warning
//! says so (for an edition still to come, that another story is wanted):
//! a legal takedown never waits on the newsletter. An unknown story is an
//! error.

use super::check::{Problem, Report, Severity};
use crate::model::{edition_date_of_file, Article, Edition, EditionFile, PickProblem};
use std::collections::HashMap;
use std::path::Path;

/// Where editions are, under the content folder.
pub const EDITIONS_DIR: &str = "newsletter/editions";

/// The UK day of `at`, `YYYY-MM-DD`: an edition's kind of date.
pub fn uk_day(at: crate::model::Timestamp) -> String {
    let uk = at.to_uk();
    format!("{:04}-{:02}-{:02}", uk.year, uk.month, uk.day)
}

/// The editions under `content`, checked and published, oldest first,
/// with every problem found. `today` is the build's day, `YYYY-MM-DD`.
pub fn read_editions(content: &Path, today: &str) -> (Vec<Edition>, Report) {
    let mut report = Report::default();
    let folder = content.join(EDITIONS_DIR);
    let mut names: Vec<String> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .filter_map(|entry| entry.ok()?.file_name().to_str().map(str::to_owned))
            .filter(|name| name.ends_with(".json"))
            .collect(),
        Err(_) => return (Vec::new(), report),
    };
    names.sort();
    let mut stories = StoryFiles::new(content);
    let mut editions = Vec::new();
    for name in names {
        let file = format!("{EDITIONS_DIR}/{name}");
        let mut problem = |severity, field: Option<&str>, message: String| {
            report.problems.push(Problem {
                severity,
                file: file.clone(),
                field: field.map(str::to_owned),
                message: match field {
                    Some(field) => format!("{field}: {message}"),
                    None => message,
                },
            })
        };
        let Some(date) = edition_date_of_file(&name) else {
            problem(
                Severity::Error,
                None,
                "an edition's file is named for its day, YYYY-MM-DD.json".into(),
            );
            continue;
        };
        let text = match std::fs::read_to_string(folder.join(&name)) {
            Ok(text) => text,
            Err(err) => {
                problem(Severity::Error, None, format!("cannot be read: {err}"));
                continue;
            }
        };
        let mut source = match EditionFile::from_json(&text) {
            Ok(source) => source,
            Err(problems) => {
                for (field, why) in problems {
                    let field = (!field.is_empty()).then_some(field.as_str());
                    problem(Severity::Error, field, why);
                }
                continue;
            }
        };
        for pick in &source.stories {
            stories.load(&pick.slug);
        }
        let problems = match source.publish(date, |slug| stories.peek(slug)) {
            Ok(edition) => {
                editions.push(edition);
                continue;
            }
            Err(problems) => problems,
        };
        // A withdrawn story (a legal takedown) leaves the edition, with a
        // warning: a withdrawal never waits on the newsletter. Anything
        // else is an error, named by its field in the file as written.
        let mut withdrawn = Vec::new();
        let mut errors = 0;
        for (field, why) in problems {
            let slug = pick_slug(&source, &field).to_owned();
            match why {
                PickProblem::Withdrawn => {
                    let when = if date < today {
                        "it is left out of this past edition"
                    } else {
                        "it is left out of this edition: pick another story before it is sent"
                    };
                    problem(
                        Severity::Warning,
                        Some(&field),
                        format!("\"{slug}\" was withdrawn: {when}"),
                    );
                    withdrawn.push(slug);
                }
                PickProblem::Unknown => {
                    errors += 1;
                    problem(
                        Severity::Error,
                        Some(&field),
                        format!("{why}: there is no articles/{slug}.json"),
                    );
                }
                other => {
                    errors += 1;
                    problem(Severity::Error, Some(&field), other.to_string());
                }
            }
        }
        if errors == 0 {
            source
                .stories
                .retain(|pick| !withdrawn.contains(&pick.slug));
            if let Ok(edition) = source.publish(date, |slug| stories.peek(slug)) {
                editions.push(edition);
            }
        }
    }
    (editions, report)
}

/// The slug a `stories[i]…` field names.
fn pick_slug<'a>(source: &'a EditionFile, field: &str) -> &'a str {
    field
        .strip_prefix("stories[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|at| at.parse::<usize>().ok())
        .and_then(|at| source.stories.get(at))
        .map(|pick| pick.slug.as_str())
        .unwrap_or_default()
}

/// Stories read from their files as editions ask for them, once each.
struct StoryFiles<'a> {
    content: &'a Path,
    read: HashMap<String, Option<Article>>,
}

impl<'a> StoryFiles<'a> {
    fn new(content: &'a Path) -> Self {
        StoryFiles {
            content,
            read: HashMap::new(),
        }
    }

    fn load(&mut self, slug: &str) {
        if !self.read.contains_key(slug) {
            let story = std::fs::read_to_string(self.content.join(format!("articles/{slug}.json")))
                .ok()
                .and_then(|text| Article::from_json(&text).ok())
                .map(|decoded| decoded.value);
            self.read.insert(slug.to_owned(), story);
        }
    }

    fn peek(&self, slug: &str) -> Option<&Article> {
        self.read.get(slug).and_then(Option::as_ref)
    }
}

/// The first draft of the edition for `date`: the front page's top
/// stories (`newest`, newest first, as the front page lists them), as JSON
/// for an editor to change.
pub fn draft(date: &str, newest: &[crate::model::ArticleSummary]) -> String {
    let words = match crate::model::long_date(date).split_whitespace().next() {
        Some(weekday) if weekday != date => format!("{weekday} morning"),
        _ => "morning".to_owned(),
    };
    let file = EditionFile::draft(&words, newest);
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(slug: &str, withdrawn: bool) -> String {
        let mut story = serde_json::json!({
            "slug": slug, "headline": format!("Headline of {slug}"),
            "standfirst": "A standfirst.", "published": "2026-12-01T07:00:00Z",
            "key_points": ["One point."], "body": [{"type": "paragraph", "text": "Text."}],
        });
        if withdrawn {
            story["withdrawn"] = "2026-12-03T09:00:00Z".into();
        }
        story.to_string()
    }

    fn content(editions: &[(&str, serde_json::Value)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("articles")).unwrap();
        std::fs::create_dir_all(dir.path().join(EDITIONS_DIR)).unwrap();
        for slug in ["a", "b", "c", "d"] {
            std::fs::write(
                dir.path().join(format!("articles/{slug}.json")),
                story(slug, false),
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("articles/gone.json"), story("gone", true)).unwrap();
        for (name, edition) in editions {
            std::fs::write(
                dir.path().join(EDITIONS_DIR).join(name),
                edition.to_string(),
            )
            .unwrap();
        }
        dir
    }

    fn edition(slugs: &[&str]) -> serde_json::Value {
        serde_json::json!({
            "subject": "The news", "introduction": ["Good morning."],
            "editor": { "name": "Ada Lovelace" },
            "stories": slugs.iter().map(|s| serde_json::json!({ "slug": s })).collect::<Vec<_>>(),
        })
    }

    #[test]
    fn editions_publish_oldest_first_with_their_stories_filled_in() {
        let dir = content(&[
            ("2026-12-04.json", edition(&["a", "b", "c", "d"])),
            ("2026-12-03.json", edition(&["d", "c", "b", "a"])),
        ]);
        let (editions, report) = read_editions(dir.path(), "2026-12-04");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let dates: Vec<&str> = editions.iter().map(|e| e.date.as_str()).collect();
        assert_eq!(dates, ["2026-12-03", "2026-12-04"]);
        assert_eq!(editions[1].stories[0].headline, "Headline of a");
    }

    #[test]
    fn an_unknown_slug_is_an_error_naming_file_and_field_and_a_withdrawn_one_is_left_out() {
        let dir = content(&[
            ("2026-12-05.json", edition(&["a", "b", "gone", "nowhere"])),
            ("12-05-2026.json", edition(&["a", "b", "c", "d"])),
        ]);
        let (editions, report) = read_editions(dir.path(), "2026-12-04");
        assert!(editions.is_empty());
        let said: Vec<String> = report
            .problems
            .iter()
            .map(|p| {
                format!(
                    "{}|{}|{}",
                    p.file,
                    p.field.as_deref().unwrap_or(""),
                    p.message
                )
            })
            .collect();
        assert_eq!(
            said,
            [
                "newsletter/editions/12-05-2026.json||an edition's file is named for its day, YYYY-MM-DD.json",
                "newsletter/editions/2026-12-05.json|stories[2].slug|stories[2].slug: \"gone\" was withdrawn: it is left out of this edition: pick another story before it is sent",
                "newsletter/editions/2026-12-05.json|stories[3].slug|stories[3].slug: no story has this slug: there is no articles/nowhere.json",
            ]
        );
        assert!(report.has_errors());
    }

    #[test]
    fn a_story_withdrawn_after_its_edition_went_out_leaves_the_web_version() {
        let dir = content(&[("2026-12-01.json", edition(&["a", "gone", "b", "c"]))]);
        let (editions, report) = read_editions(dir.path(), "2026-12-04");
        assert!(!report.has_errors());
        assert_eq!(report.problems.len(), 1, "a warning says so");
        let slugs: Vec<&str> = editions[0]
            .stories
            .iter()
            .map(|s| s.slug.as_str())
            .collect();
        assert_eq!(slugs, ["a", "b", "c"]);
    }

    #[test]
    fn no_editions_folder_is_no_editions() {
        let dir = tempfile::tempdir().unwrap();
        let (editions, report) = read_editions(dir.path(), "2026-12-04");
        assert!(editions.is_empty() && report.problems.is_empty());
    }
}
