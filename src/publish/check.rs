//! The content check: every story file and the headlines feed, read with
//! the same model code the app uses, and every problem named by its file
//! and field in a sentence. An error stops the build; a warning does not.

use super::records::StoryRecord;
use super::{parallel, SourceFile};
use crate::model::{
    decode_headlines, is_valid_slug, Article, ArticleSummary, Headline, TextRun, Timestamp,
};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// How much a problem matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The build stops: the site would be wrong or broken.
    Error,
    /// Worth fixing; the site works without.
    Warning,
}

/// One thing wrong with the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file, under the content folder: `articles/a-story.json`.
    pub file: String,
    /// The field, where one is at fault: `published`, `body[2]`.
    pub field: Option<String>,
    /// What is wrong, as a sentence.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}: {}", self.file, self.message)
    }
}

/// Every problem the check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    /// Whether anything stops the build.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// "2 errors, 1 warning".
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}",
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning")
        )
    }

    pub(super) fn add(
        &mut self,
        severity: Severity,
        file: &str,
        field: Option<&str>,
        message: String,
    ) {
        self.problems.push(Problem {
            severity,
            file: file.to_owned(),
            field: field.map(str::to_owned),
            message,
        });
    }
}

/// What passed the check, ready to publish.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckedContent {
    /// The stories, newest first.
    pub stories: Vec<Article>,
    /// What the build keeps of each (in the files' order).
    pub records: Vec<StoryRecord>,
    pub headlines: Vec<Headline>,
}

/// Checks the story files and the headlines feed (`None` if there is none),
/// the files on every core, then what they say together.
pub fn check(stories: &[SourceFile], headlines: Option<&SourceFile>) -> (CheckedContent, Report) {
    let mut report = Report::default();
    let mut content = CheckedContent::default();
    let mut records = Vec::new();
    for (file, (article, problems)) in stories.iter().zip(parallel::map(stories, check_story)) {
        report.problems.extend(problems);
        if let Some(article) = article {
            records.push(StoryRecord::of(&file.name, &file.text, &article));
            content.stories.push(article);
        }
    }
    let (headlines, together) = check_together(&records, headlines, &HashMap::new());
    report.problems.extend(together.problems);
    content.headlines = headlines;
    // A second story with a slug is refused; the first keeps it.
    let mut seen = HashSet::new();
    content
        .stories
        .retain(|story| seen.insert(story.slug.clone()));
    let mut seen = HashSet::new();
    records.retain(|record| seen.insert(record.slug().to_owned()));
    content.records = records;
    content
        .stories
        .sort_by(|a, b| b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)));
    (content, report)
}

/// What the stories that passed on their own say together, in time that
/// grows with their number (no pair is compared): two with one slug, a
/// section spelt two ways; and the headlines feed against them (a headline
/// leading to a story that does not exist, was withdrawn, or is `held`
/// under embargo until a time). Returns the
/// feed's headlines and what was found.
pub fn check_together(
    records: &[StoryRecord],
    headlines: Option<&SourceFile>,
    held: &HashMap<&str, Timestamp>,
) -> (Vec<Headline>, Report) {
    let mut report = Report::default();
    let mut slugs: HashMap<&str, &str> = HashMap::with_capacity(records.len());
    for record in records {
        if let Some(first) = slugs.insert(record.slug(), &record.file) {
            report.add(
                Severity::Error,
                &record.file,
                Some("slug"),
                format!(
                    "\"slug\" is \"{}\", as in {first}: two stories cannot share one address.",
                    record.slug()
                ),
            );
        }
    }
    let mut newest: Vec<&StoryRecord> = records.iter().collect();
    newest.sort_by(|a, b| super::records::oldest_first(b, a));
    check_section_names(&newest, &mut report);
    let headlines = match headlines {
        Some(file) => check_headlines(file, records, held, &mut report),
        None => {
            report.add(
                Severity::Error,
                "headlines.json",
                None,
                "There is no headlines feed: the BREAKING ticker would say headlines are unavailable on every page.".into(),
            );
            Vec::new()
        }
    };
    (headlines, report)
}

/// What a JSON value is, in words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Checks one story file on its own: the story, if it can be published,
/// and every problem found.
pub fn check_story(file: &SourceFile) -> (Option<Article>, Vec<Problem>) {
    let mut report = Report::default();
    let article = check_story_into(file, &mut report);
    (article, report.problems)
}

fn check_story_into(file: &SourceFile, report: &mut Report) -> Option<Article> {
    let errors_before = report.count(Severity::Error);
    let mut error = |field: Option<&str>, message: String| {
        report.add(Severity::Error, &file.name, field, message);
    };
    let value: Value = match serde_json::from_str(&file.text) {
        Ok(value) => value,
        Err(err) => {
            error(None, format!("This is not valid JSON ({err})."));
            return None;
        }
    };
    let Some(fields) = value.as_object() else {
        error(
            None,
            format!("A story is a JSON object, and this is {}.", kind(&value)),
        );
        return None;
    };
    check_fields(fields, &mut error);
    if let Some(Value::String(slug)) = fields.get("slug") {
        let stem = file
            .name
            .rsplit('/')
            .next()
            .and_then(|name| name.strip_suffix(".json"))
            .unwrap_or_default();
        if !slug.trim().is_empty() && !is_valid_slug(slug) {
            error(
                Some("slug"),
                format!("\"slug\" is \"{slug}\", which is not lowercase words and numbers joined by hyphens, like rail-fares-to-rise."),
            );
        } else if is_valid_slug(slug) && slug != stem {
            error(
                Some("slug"),
                format!("\"slug\" is \"{slug}\" but the file is called {stem}.json: they must match, as the story's address is /news/<slug>."),
            );
        }
    }
    for name in ["published", "updated", "withdrawn", "publish_at"] {
        if let Some(Value::String(text)) = fields.get(name) {
            if let Err(why) = Timestamp::parse_rfc3339(text) {
                error(Some(name), format!("\"{name}\": {why}."));
            }
        }
    }
    let errors_found = report.count(Severity::Error) > errors_before;
    let decoded = match Article::from_json(&file.text) {
        Ok(decoded) => decoded,
        Err(err) => {
            if !errors_found {
                report.add(
                    Severity::Error,
                    &file.name,
                    None,
                    format!("The site cannot show this story: {err}."),
                );
            }
            return None;
        }
    };
    for skipped in &decoded.skipped {
        let (severity, message) = if skipped.unknown_kind {
            (
                Severity::Warning,
                format!(
                    "{}: {}; it will be left out of the story.",
                    skipped.at, skipped.why
                ),
            )
        } else {
            (Severity::Error, format!("{}: {}.", skipped.at, skipped.why))
        };
        report.add(severity, &file.name, Some(&skipped.at), message);
    }
    let article = decoded.value;
    for (at, run) in refused_links(&article) {
        let link = run.refused_link().unwrap_or_default();
        report.add(
            Severity::Warning,
            &file.name,
            Some(at),
            format!("{at}: \"{}\" links to \"{link}\", which is not an http:// or https:// address or one of this site's (/news/…): the page shows its words without a link.", run.text),
        );
    }
    if article.standfirst.trim().is_empty() {
        report.add(
            Severity::Warning,
            &file.name,
            Some("standfirst"),
            "\"standfirst\" is empty: search results and share previews will show the first paragraph instead.".into(),
        );
    }
    if article
        .updated
        .is_some_and(|updated| updated < article.published)
    {
        report.add(
            Severity::Warning,
            &file.name,
            Some("updated"),
            "\"updated\" is earlier than \"published\", so the story will not show it.".into(),
        );
    }
    (report.count(Severity::Error) == errors_before).then_some(article)
}

/// One section spelt two ways ("Business", "business") is one section,
/// named as its newest story names it: the others are worth a look.
fn check_section_names(newest: &[&StoryRecord], report: &mut Report) {
    let mut first_spelling: HashMap<&str, &str> = HashMap::new();
    for story in newest {
        let Some(name) = story.summary.section.as_deref() else {
            continue;
        };
        match story.section_slug.as_deref() {
            None => report.add(
                Severity::Warning,
                &story.file,
                Some("section"),
                format!("\"section\" is \"{name}\", which has no letters or digits to make the section's address from: its label will not link anywhere."),
            ),
            Some(slug) => match first_spelling.get(slug) {
                Some(spelling) if *spelling != name => report.add(
                    Severity::Warning,
                    &story.file,
                    Some("section"),
                    format!("\"section\" is \"{name}\", but newer stories spell it \"{spelling}\": the section's page and navigation use \"{spelling}\"."),
                ),
                Some(_) => {}
                None => {
                    first_spelling.insert(slug, name);
                }
            },
        }
    }
}

/// The pictures stories name on this site that the site does not have:
/// `site_has` says whether a path (`/images/a.webp`) is a file of the site.
pub fn missing_pictures<'a>(
    stories: impl IntoIterator<Item = &'a ArticleSummary>,
    site_has: impl Fn(&str) -> bool,
) -> Report {
    let mut report = Report::default();
    for story in stories {
        let Some(image) = &story.image else {
            continue;
        };
        let paths = std::iter::once(image.src.as_str())
            .chain(image.sources.iter().map(|source| source.src.as_str()))
            .filter(|src| src.starts_with('/'));
        for path in paths {
            if !site_has(path) {
                report.add(
                    Severity::Error,
                    &format!("articles/{}.json", story.slug),
                    Some("image"),
                    format!("\"image\" names {path}, which the site does not have: readers would see no picture."),
                );
            }
        }
    }
    report
}

/// The fields every story has and the type each field must be.
fn check_fields(fields: &Map<String, Value>, error: &mut impl FnMut(Option<&str>, String)) {
    for name in ["slug", "headline", "published"] {
        match fields.get(name) {
            None => error(
                Some(name),
                format!("\"{name}\" is missing: every story needs one."),
            ),
            Some(Value::String(text)) if text.trim().is_empty() => {
                error(Some(name), format!("\"{name}\" is empty."));
            }
            Some(Value::String(_)) => {}
            Some(other) => error(
                Some(name),
                format!("\"{name}\" should be text, not {}.", kind(other)),
            ),
        }
    }
    match fields.get("body") {
        None => error(
            Some("body"),
            "\"body\" is missing: every story needs at least one paragraph.".into(),
        ),
        // A live page's posts are its body: its own may be empty.
        Some(Value::Array(blocks)) if blocks.is_empty() && !fields.contains_key("live") => error(
            Some("body"),
            "\"body\" is empty: every story needs at least one paragraph (a live page may leave it empty).".into(),
        ),
        Some(Value::Array(_)) => {}
        Some(other) => error(
            Some("body"),
            format!("\"body\" should be a list of blocks, not {}.", kind(other)),
        ),
    }
    let optional_text = [
        "standfirst",
        "byline",
        "section",
        "updated",
        "why_this_matters",
        "what_this_means_for_you",
        "withdrawn",
        "publish_at",
    ];
    for name in optional_text {
        if let Some(value) = fields.get(name) {
            if !matches!(value, Value::String(_) | Value::Null) {
                error(
                    Some(name),
                    format!("\"{name}\" should be text, not {}.", kind(value)),
                );
            }
        }
    }
    match fields.get("key_points") {
        None | Some(Value::Null) => {}
        Some(Value::Array(points)) if points.iter().all(Value::is_string) => {}
        Some(other) => error(
            Some("key_points"),
            format!(
                "\"key_points\" should be a list of sentences, not {}.",
                kind(other)
            ),
        ),
    }
    for (name, what) in [("authors", "author"), ("topics", "topic")] {
        match fields.get(name) {
            None | Some(Value::Null) => {}
            Some(Value::Array(ids)) => {
                for (at, id) in ids.iter().enumerate() {
                    match id.as_str() {
                        Some(id) if is_valid_slug(id) => {}
                        Some(id) => error(
                            Some(&format!("{name}[{at}]")),
                            format!("\"{name}\" names \"{id}\": each {what} is named by an id, lowercase words joined by hyphens (jane-smith), as in its file's name."),
                        ),
                        None => error(
                            Some(&format!("{name}[{at}]")),
                            format!("\"{name}\" should hold ids, not {}.", kind(id)),
                        ),
                    }
                }
            }
            Some(other) => error(
                Some(name),
                format!("\"{name}\" should be a list of ids, not {}.", kind(other)),
            ),
        }
    }
    if let Some(value) = fields.get("sample") {
        if !value.is_boolean() {
            error(
                Some("sample"),
                format!("\"sample\" should be true or false, not {}.", kind(value)),
            );
        }
    }
    check_corrections(fields, error);
}

/// Each correction says when it was made (after the story was published)
/// and what was wrong and is now right.
fn check_corrections(fields: &Map<String, Value>, error: &mut impl FnMut(Option<&str>, String)) {
    let corrections = match fields.get("corrections") {
        None | Some(Value::Null) => return,
        Some(Value::Array(corrections)) => corrections,
        Some(other) => {
            return error(
                Some("corrections"),
                format!(
                    "\"corrections\" should be a list of corrections, each with \"at\" and \"text\", not {}.",
                    kind(other)
                ),
            )
        }
    };
    let published = fields
        .get("published")
        .and_then(Value::as_str)
        .and_then(|text| Timestamp::parse_rfc3339(text).ok());
    for (index, correction) in corrections.iter().enumerate() {
        let at_field = format!("corrections[{index}].at");
        let text_field = format!("corrections[{index}].text");
        match correction.get("at") {
            None | Some(Value::Null) => error(
                Some(&at_field),
                format!("\"{at_field}\" is missing: say when the correction was made."),
            ),
            Some(Value::String(text)) => match Timestamp::parse_rfc3339(text) {
                Err(why) => error(Some(&at_field), format!("\"{at_field}\": {why}.")),
                Ok(at) if published.is_some_and(|published| at < published) => error(
                    Some(&at_field),
                    format!("\"{at_field}\" is before \"published\": a correction comes after the story it corrects."),
                ),
                Ok(_) => {}
            },
            Some(other) => error(
                Some(&at_field),
                format!("\"{at_field}\" should be a time, not {}.", kind(other)),
            ),
        }
        match correction.get("text") {
            Some(Value::String(text)) if !text.trim().is_empty() => {}
            Some(Value::String(_)) | None | Some(Value::Null) => error(
                Some(&text_field),
                format!("\"{text_field}\" is empty: say what was wrong and what is right."),
            ),
            Some(other) => error(
                Some(&text_field),
                format!("\"{text_field}\" should be text, not {}.", kind(other)),
            ),
        }
    }
}

fn check_headlines(
    file: &SourceFile,
    stories: &[StoryRecord],
    held: &HashMap<&str, Timestamp>,
    report: &mut Report,
) -> Vec<Headline> {
    let decoded = match decode_headlines(&file.text) {
        Ok(decoded) => decoded,
        Err(err) => {
            report.add(
                Severity::Error,
                &file.name,
                None,
                format!("The headlines feed cannot be read: {err}."),
            );
            return Vec::new();
        }
    };
    for skipped in &decoded.skipped {
        report.add(
            Severity::Error,
            &file.name,
            Some(&skipped.at),
            format!("{}: {}.", skipped.at, skipped.why),
        );
    }
    let live: HashMap<&str, bool> = stories
        .iter()
        .map(|story| (story.slug(), story.is_live()))
        .collect();
    let items = serde_json::from_str::<Value>(&file.text)
        .ok()
        .and_then(|feed| feed.get("headlines").and_then(Value::as_array).cloned())
        .unwrap_or_default();
    let story_prefix = format!("/{}/", crate::routes::NEWS);
    for (index, item) in items.iter().enumerate() {
        let slug = item.get("slug").and_then(Value::as_str).or_else(|| {
            item.get("url")
                .and_then(Value::as_str)
                .and_then(|url| url.strip_prefix(story_prefix.as_str()))
        });
        let Some(slug) = slug else { continue };
        let at = format!("headlines[{index}]");
        if let Some(until) = held.get(slug) {
            report.add(
                Severity::Error,
                &file.name,
                Some(&at),
                format!("{at} links to the story \"{slug}\", which is under embargo until {until}: add the headline once the story is out."),
            );
            continue;
        }
        match live.get(slug) {
            Some(true) => {}
            Some(false) => report.add(
                Severity::Warning,
                &file.name,
                Some(&at),
                format!("{at} links to the story \"{slug}\", which was withdrawn: it is left out of the ticker."),
            ),
            None => report.add(
                Severity::Error,
                &file.name,
                Some(&at),
                format!("{at} links to the story \"{slug}\", which does not exist."),
            ),
        }
    }
    decoded.value
}

/// Each run in the story's body, or its live posts', whose link the page
/// shows as words only, with where it is.
fn refused_links(article: &Article) -> Vec<(&'static str, &TextRun)> {
    let body = article.body.iter().map(|block| ("body", block));
    let posts = article
        .live
        .iter()
        .flat_map(|live| &live.posts)
        .flat_map(|post| &post.body)
        .map(|block| ("live posts", block));
    body.chain(posts)
        .flat_map(|(at, block)| block.refused_links().into_iter().map(move |run| (at, run)))
        .collect()
}
