//! The newsletter's edition: one file a weekday, as the newsroom writes it
//! (`public/api/v1/newsletter/editions/<YYYY-MM-DD>.json`, an
//! [`EditionFile`]: a subject, a "Good morning" note signed by an editor,
//! and four to eight stories by slug), and as the build publishes it
//! beside the site (an [`Edition`]: the same with each story's headline,
//! line and address filled in). The web edition, its archive and feed, and
//! the mail the signup service sends are all made from an [`Edition`], so
//! the reader's inbox and the web show the same stories.

use super::decode::DecodeError;
use super::time::month_name;
use super::{is_valid_slug, weekday, Article, ArticleSummary};
use crate::routes::Route;
use serde::{Deserialize, Serialize};

/// The fewest and most stories an edition carries.
pub const MIN_EDITION_STORIES: usize = 4;
pub const MAX_EDITION_STORIES: usize = 8;
/// The longest subject line: mail clients cut longer ones.
pub const MAX_SUBJECT_CHARS: usize = 120;
/// What a draft says until an editor writes the note and signs it: an
/// edition that still says so is not published.
const DRAFT_NOTE: &str =
    "Good morning. Write two or three sentences here: what matters today, and why.";
const DRAFT_EDITOR: &str = "Name of the editor";

/// Who signs the morning note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editor {
    pub name: String,
    /// "Morning editor".
    #[serde(default)]
    pub role: String,
}

/// A story the edition carries, as the newsroom picks it: by slug, with
/// the line under its headline taken from the story's standfirst, or from
/// one of its key points (`key_point`, counted from 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    pub slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_point: Option<usize>,
}

/// An edition as the newsroom writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionFile {
    pub subject: String,
    /// The "Good morning" note: paragraphs of plain text.
    pub introduction: Vec<String>,
    pub editor: Editor,
    pub stories: Vec<Pick>,
}

/// A story as an edition shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionStory {
    pub slug: String,
    pub headline: String,
    /// One or two lines: the standfirst, or the key point picked.
    pub line: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

/// An edition as published: what the web edition, its feed and the mail
/// show. `date` is the day it is for, `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    pub date: String,
    pub subject: String,
    pub introduction: Vec<String>,
    pub editor: Editor,
    pub stories: Vec<EditionStory>,
}

/// One edition in the list of editions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionLink {
    pub date: String,
    pub subject: String,
}

/// A page of the list of editions, newest first, with the pages either
/// side (their paths).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionList {
    pub editions: Vec<EditionLink>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<String>,
}

impl EditionList {
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        let list: EditionList = serde_json::from_str(json).map_err(DecodeError::from_serde)?;
        if let Some(bad) = list.editions.iter().find(|e| !is_edition_date(&e.date)) {
            return Err(DecodeError::Invalid(format!(
                "edition date \"{}\" is not a day written YYYY-MM-DD",
                bad.date
            )));
        }
        Ok(list)
    }
}

/// The list of editions, `links` oldest first, cut into pages as sections
/// are: numbered pages of `size` from the oldest, which never change once
/// full, and the list's own page with the newest (`size` to fewer than
/// twice `size`, or all of them when there are fewer). Each page newest
/// first, with its neighbours.
pub fn edition_pages(links: &[EditionLink], size: usize) -> Vec<(Route, EditionList)> {
    let size = size.max(1);
    let numbered = if links.len() < 2 * size {
        0
    } else {
        links.len() / size - 1
    };
    let path = |page: Option<u32>| Route::Editions { page }.path();
    let mut pages = Vec::with_capacity(numbered + 1);
    for n in 0..numbered {
        let page = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let editions = links
            .iter()
            .skip(n * size)
            .take(size)
            .rev()
            .cloned()
            .collect();
        let newer = if n + 1 == numbered {
            path(None)
        } else {
            path(Some(page + 1))
        };
        pages.push((
            Route::Editions { page: Some(page) },
            EditionList {
                editions,
                newer: Some(newer),
                older: (page > 1).then(|| path(Some(page - 1))),
            },
        ));
    }
    let newest = links.iter().skip(numbered * size).rev().cloned().collect();
    pages.push((
        Route::Editions { page: None },
        EditionList {
            editions: newest,
            newer: None,
            older: (numbered > 0).then(|| path(Some(u32::try_from(numbered).unwrap_or(u32::MAX)))),
        },
    ));
    pages
}

/// Why a story picked for an edition cannot be shown in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickProblem {
    /// No story file has this slug.
    Unknown,
    /// The story was withdrawn.
    Withdrawn,
    /// It has no key point of that number.
    NoSuchKeyPoint { asked: usize, has: usize },
}

impl std::fmt::Display for PickProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PickProblem::Unknown => f.write_str("no story has this slug"),
            PickProblem::Withdrawn => f.write_str("the story was withdrawn"),
            PickProblem::NoSuchKeyPoint { asked, has } => write!(
                f,
                "key point {asked} was asked for, and the story has {has}"
            ),
        }
    }
}

/// Whether `name` is an edition's file name, `YYYY-MM-DD.json`, of a real
/// day; its date if so.
pub fn edition_date_of_file(name: &str) -> Option<&str> {
    let date = name.strip_suffix(".json")?;
    is_edition_date(date).then_some(date)
}

/// "Friday 4 December 2026" for `2026-12-04`; the text as it is if it is
/// not a day.
pub fn long_date(date: &str) -> String {
    match day_of(date) {
        Some((year, month, day)) => format!(
            "{} {day} {} {year}",
            weekday(year, month, day),
            month_name(month)
        ),
        None => date.to_owned(),
    }
}

/// Whether `date` is `YYYY-MM-DD`, a day that exists.
pub fn is_edition_date(date: &str) -> bool {
    day_of(date).is_some()
}

/// The year, month and day of `YYYY-MM-DD`, if it is a day that exists.
fn day_of(date: &str) -> Option<(i64, u32, u32)> {
    let parts: Vec<&str> = date.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year) && digits(month) && digits(day)) {
        return None;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<i64>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
        return None;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month, day))
}

impl EditionFile {
    /// Decodes an edition file and checks what can be checked without the
    /// stories: a subject, a note, a signature, four to eight picks of
    /// well-formed slugs, none twice. Each problem names its field.
    pub fn from_json(json: &str) -> Result<Self, Vec<(String, String)>> {
        let file: EditionFile = serde_json::from_str(json)
            .map_err(|err| vec![(String::new(), DecodeError::from_serde(err).to_string())])?;
        let mut problems = Vec::new();
        let mut problem = |field: &str, why: String| problems.push((field.to_owned(), why));
        let subject = file.subject.trim();
        if subject.is_empty() {
            problem("subject", "is empty".into());
        } else if subject.chars().count() > MAX_SUBJECT_CHARS {
            problem(
                "subject",
                format!(
                    "is {} characters; mail clients show about {MAX_SUBJECT_CHARS}",
                    subject.chars().count()
                ),
            );
        }
        if file.introduction.iter().all(|p| p.trim().is_empty()) {
            problem("introduction", "has no text".into());
        } else if file.introduction.iter().any(|p| p.trim() == DRAFT_NOTE) {
            problem(
                "introduction",
                "is still the draft's: write the morning note".into(),
            );
        }
        if file.editor.name.trim().is_empty() {
            problem("editor.name", "is empty: the note is signed".into());
        } else if file.editor.name.trim() == DRAFT_EDITOR {
            problem(
                "editor.name",
                "is still the draft's: who signs the note?".into(),
            );
        }
        let count = file.stories.len();
        if !(MIN_EDITION_STORIES..=MAX_EDITION_STORIES).contains(&count) {
            problem(
                "stories",
                format!(
                    "has {count}; an edition carries {MIN_EDITION_STORIES} to {MAX_EDITION_STORIES}"
                ),
            );
        }
        for (at, pick) in file.stories.iter().enumerate() {
            if !is_valid_slug(&pick.slug) {
                problem(
                    &format!("stories[{at}].slug"),
                    format!("\"{}\" is not lowercase words joined by hyphens", pick.slug),
                );
            } else if file.stories.iter().take(at).any(|p| p.slug == pick.slug) {
                problem(
                    &format!("stories[{at}].slug"),
                    format!("\"{}\" is picked twice", pick.slug),
                );
            }
            if pick.key_point == Some(0) {
                problem(&format!("stories[{at}].key_point"), "counts from 1".into());
            }
        }
        if problems.is_empty() {
            Ok(file)
        } else {
            Err(problems)
        }
    }

    /// The edition for `date` with its stories filled in from `story`
    /// (the story of a slug, `None` if there is none, and whether it was
    /// withdrawn); each story that cannot be shown is a problem naming
    /// its field.
    pub fn publish<'a>(
        &self,
        date: &str,
        story: impl Fn(&str) -> Option<&'a Article>,
    ) -> Result<Edition, Vec<(String, PickProblem)>> {
        let mut problems = Vec::new();
        let mut stories = Vec::new();
        for (at, pick) in self.stories.iter().enumerate() {
            let field = match pick.key_point {
                Some(_) => format!("stories[{at}].key_point"),
                None => format!("stories[{at}].slug"),
            };
            let Some(article) = story(&pick.slug) else {
                problems.push((format!("stories[{at}].slug"), PickProblem::Unknown));
                continue;
            };
            if article.withdrawn.is_some() {
                problems.push((format!("stories[{at}].slug"), PickProblem::Withdrawn));
                continue;
            }
            let line = match pick.key_point {
                None => article.standfirst.clone(),
                Some(n) => match n.checked_sub(1).and_then(|i| article.key_points.get(i)) {
                    Some(point) => point.clone(),
                    None => {
                        problems.push((
                            field,
                            PickProblem::NoSuchKeyPoint {
                                asked: n,
                                has: article.key_points.len(),
                            },
                        ));
                        continue;
                    }
                },
            };
            stories.push(EditionStory {
                slug: article.slug.clone(),
                headline: article.headline.clone(),
                line,
                section: article.section.clone(),
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Edition {
            date: date.to_owned(),
            subject: self.subject.trim().to_owned(),
            introduction: paragraphs(&self.introduction),
            editor: self.editor.clone(),
            stories,
        })
    }

    /// A first draft of an edition from the front page's top stories
    /// (newest first), for an editor to change: the first eight, or all
    /// of them if fewer. Its note and signature are placeholders, which
    /// the check refuses until an editor writes them.
    pub fn draft(date_words: &str, top: &[ArticleSummary]) -> Self {
        let stories: Vec<Pick> = top
            .iter()
            .take(MAX_EDITION_STORIES)
            .map(|a| Pick {
                slug: a.slug.clone(),
                key_point: None,
            })
            .collect();
        let lead = top
            .first()
            .map(|a| a.headline.clone())
            .unwrap_or_else(|| "The morning's news".to_owned());
        EditionFile {
            subject: format!("{lead}, and more this {date_words}"),
            introduction: vec![DRAFT_NOTE.to_owned()],
            editor: Editor {
                name: DRAFT_EDITOR.to_owned(),
                role: "Morning editor".to_owned(),
            },
            stories,
        }
    }
}

impl Edition {
    /// Decodes a published edition (as the build writes it), checking
    /// what the mail and the page rely on.
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        let edition: Edition = serde_json::from_str(json).map_err(DecodeError::from_serde)?;
        if !is_edition_date(&edition.date) {
            return Err(DecodeError::Invalid(format!(
                "date \"{}\" is not a day written YYYY-MM-DD",
                edition.date
            )));
        }
        if edition.subject.trim().is_empty() {
            return Err(DecodeError::Invalid("the subject is empty".into()));
        }
        if edition.stories.is_empty() {
            return Err(DecodeError::Invalid("it carries no stories".into()));
        }
        if let Some(bad) = edition.stories.iter().find(|s| !is_valid_slug(&s.slug)) {
            return Err(DecodeError::Invalid(format!(
                "story slug \"{}\" is not lowercase words joined by hyphens",
                bad.slug
            )));
        }
        Ok(edition)
    }

    /// Who signs the note: "Name, Role", or the name alone.
    pub fn signature(&self) -> String {
        let (name, role) = (self.editor.name.trim(), self.editor.role.trim());
        if role.is_empty() {
            name.to_owned()
        } else {
            format!("{name}, {role}")
        }
    }

    /// Its line in the list of editions.
    pub fn link(&self) -> EditionLink {
        EditionLink {
            date: self.date.clone(),
            subject: self.subject.clone(),
        }
    }

    /// The edition with a story left out (withdrawn since it was written).
    pub fn without(mut self, slug: &str) -> Self {
        self.stories.retain(|s| s.slug != slug);
        self
    }
}

/// Non-empty paragraphs, trimmed.
fn paragraphs(text: &[String]) -> Vec<String> {
    text.iter()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(stories: &[&str]) -> String {
        serde_json::json!({
            "subject": "Rates hold, and the rail fares rise",
            "introduction": ["Good morning.", "  ", "Two things matter today."],
            "editor": { "name": "Ada Lovelace", "role": "Morning editor" },
            "stories": stories.iter().map(|s| serde_json::json!({ "slug": s })).collect::<Vec<_>>(),
        })
        .to_string()
    }

    fn article(slug: &str, withdrawn: bool) -> Article {
        Article {
            slug: slug.into(),
            headline: format!("Headline of {slug}"),
            standfirst: format!("Standfirst of {slug}."),
            byline: "A. Writer".into(),
            authors: Vec::new(),
            topics: Vec::new(),
            section: Some("UK".into()),
            published: crate::model::Timestamp::from_unix(1_764_000_000),
            updated: None,
            publish_at: None,
            corrections: Vec::new(),
            image: None,
            key_points: vec!["First point.".into(), "Second point.".into()],
            body: vec![],
            why_this_matters: None,
            what_this_means_for_you: None,
            sample: false,
            withdrawn: withdrawn.then(|| crate::model::Timestamp::from_unix(1_764_000_100)),
            live: None,
        }
    }

    #[test]
    fn editions_are_cut_into_pages_from_the_oldest_and_the_list_keeps_the_newest() {
        let links: Vec<EditionLink> = (1..=7)
            .map(|d| EditionLink {
                date: format!("2026-12-0{d}"),
                subject: format!("Edition {d}"),
            })
            .collect();
        let days = |list: &EditionList| -> Vec<String> {
            list.editions
                .iter()
                .map(|e| e.date[8..].to_owned())
                .collect()
        };
        let pages = edition_pages(&links, 2);
        let routes: Vec<String> = pages.iter().map(|(r, _)| r.path()).collect();
        assert_eq!(
            routes,
            [
                "/newsletter/editions/page/1",
                "/newsletter/editions/page/2",
                "/newsletter/editions"
            ]
        );
        assert_eq!(days(&pages[0].1), ["02", "01"]);
        assert_eq!(pages[0].1.older, None);
        assert_eq!(
            pages[0].1.newer.as_deref(),
            Some("/newsletter/editions/page/2")
        );
        assert_eq!(days(&pages[1].1), ["04", "03"]);
        assert_eq!(pages[1].1.newer.as_deref(), Some("/newsletter/editions"));
        assert_eq!(days(&pages[2].1), ["07", "06", "05"]);
        assert_eq!(
            pages[2].1.older.as_deref(),
            Some("/newsletter/editions/page/2")
        );
        // One more edition changes the list's own page, not a numbered one.
        let mut more = links.clone();
        more.push(EditionLink {
            date: "2026-12-08".into(),
            subject: "Edition 8".into(),
        });
        let after = edition_pages(&more, 2);
        assert_eq!(after[0], pages[0], "page 1 is as it was");
        assert_eq!(days(&after[2].1), ["06", "05"]);
        assert_eq!(days(&after[3].1), ["08", "07"]);
        assert_eq!(
            edition_pages(&[], 2).len(),
            1,
            "the list is there with none"
        );
    }

    #[test]
    fn an_editions_day_reads_in_words() {
        assert_eq!(long_date("2026-12-04"), "Friday 4 December 2026");
        assert_eq!(long_date("nonsense"), "nonsense");
    }

    #[test]
    fn edition_file_names_are_real_days() {
        assert_eq!(edition_date_of_file("2026-12-04.json"), Some("2026-12-04"));
        assert_eq!(edition_date_of_file("2028-02-29.json"), Some("2028-02-29"));
        for bad in [
            "2026-02-29.json",
            "2026-13-01.json",
            "2026-12-4.json",
            "2026-12-04.txt",
            "draft.json",
            "2026-12-00.json",
        ] {
            assert_eq!(edition_date_of_file(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_good_file_decodes_and_its_stories_fill_in_from_the_story_files() {
        let file = EditionFile::from_json(&file(&["a", "b", "c", "d"])).unwrap();
        let stories: Vec<Article> = ["a", "b", "c", "d"]
            .iter()
            .map(|s| article(s, false))
            .collect();
        let edition = file
            .publish("2026-12-04", |slug| stories.iter().find(|a| a.slug == slug))
            .unwrap();
        assert_eq!(edition.date, "2026-12-04");
        assert_eq!(
            edition.introduction,
            ["Good morning.", "Two things matter today."]
        );
        assert_eq!(edition.stories.len(), 4);
        assert_eq!(edition.stories[0].headline, "Headline of a");
        assert_eq!(edition.stories[0].line, "Standfirst of a.");
        let round = Edition::from_json(&serde_json::to_string(&edition).unwrap()).unwrap();
        assert_eq!(round, edition);
    }

    #[test]
    fn a_key_point_can_be_the_line_and_one_that_is_not_there_is_named() {
        let mut file = EditionFile::from_json(&file(&["a", "b", "c", "d"])).unwrap();
        file.stories[1].key_point = Some(2);
        file.stories[2].key_point = Some(3);
        let stories: Vec<Article> = ["a", "b", "c", "d"]
            .iter()
            .map(|s| article(s, false))
            .collect();
        let problems = file
            .publish("2026-12-04", |slug| stories.iter().find(|a| a.slug == slug))
            .unwrap_err();
        assert_eq!(
            problems,
            [(
                "stories[2].key_point".to_owned(),
                PickProblem::NoSuchKeyPoint { asked: 3, has: 2 }
            )]
        );
        file.stories[2].key_point = None;
        let edition = file
            .publish("2026-12-04", |slug| stories.iter().find(|a| a.slug == slug))
            .unwrap();
        assert_eq!(edition.stories[1].line, "Second point.");
    }

    #[test]
    fn an_unknown_or_withdrawn_story_is_an_error_naming_its_field() {
        let file = EditionFile::from_json(&file(&["a", "gone", "c", "missing"])).unwrap();
        let stories = [
            article("a", false),
            article("gone", true),
            article("c", false),
        ];
        let problems = file
            .publish("2026-12-04", |slug| stories.iter().find(|a| a.slug == slug))
            .unwrap_err();
        assert_eq!(
            problems,
            [
                ("stories[1].slug".to_owned(), PickProblem::Withdrawn),
                ("stories[3].slug".to_owned(), PickProblem::Unknown),
            ]
        );
    }

    #[test]
    fn a_file_that_breaks_the_rules_says_where() {
        let too_few = EditionFile::from_json(&file(&["a", "b", "b"])).unwrap_err();
        let fields: Vec<&str> = too_few.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["stories", "stories[2].slug"]);
        let bad = serde_json::json!({
            "subject": " ", "introduction": [""], "editor": { "name": "" },
            "stories": [{ "slug": "Not A Slug" }, { "slug": "b", "key_point": 0 },
                        { "slug": "c" }, { "slug": "d" }],
        });
        let problems = EditionFile::from_json(&bad.to_string()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "subject",
                "introduction",
                "editor.name",
                "stories[0].slug",
                "stories[1].key_point"
            ]
        );
        assert!(EditionFile::from_json("{").is_err());
        assert!(EditionFile::from_json("[]").is_err());
    }

    #[test]
    fn a_draft_takes_the_top_stories_in_order_and_is_refused_until_an_editor_writes_it() {
        let top: Vec<ArticleSummary> = (0..10)
            .map(|n| ArticleSummary::from(&article(&format!("s-{n}"), false)))
            .collect();
        let draft = EditionFile::draft("Friday morning", &top);
        let slugs: Vec<&str> = draft.stories.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["s-0", "s-1", "s-2", "s-3", "s-4", "s-5", "s-6", "s-7"]
        );
        assert!(draft.subject.starts_with("Headline of s-0"));
        let problems = EditionFile::from_json(&serde_json::to_string(&draft).unwrap()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["introduction", "editor.name"]);
    }

    #[test]
    fn a_published_edition_that_is_not_one_is_refused() {
        for bad in [
            r#"{"date":"2026-12-4","subject":"s","introduction":[],"editor":{"name":"n"},"stories":[{"slug":"a","headline":"h","line":"l"}]}"#,
            r#"{"date":"2026-12-04","subject":" ","introduction":[],"editor":{"name":"n"},"stories":[{"slug":"a","headline":"h","line":"l"}]}"#,
            r#"{"date":"2026-12-04","subject":"s","introduction":[],"editor":{"name":"n"},"stories":[]}"#,
            r#"{"date":"2026-12-04","subject":"s","introduction":[],"editor":{"name":"n"},"stories":[{"slug":"../x","headline":"h","line":"l"}]}"#,
            "not json",
        ] {
            assert!(Edition::from_json(bad).is_err(), "{bad}");
        }
    }
}
