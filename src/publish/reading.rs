//! A publish's first phase: the story files read (only those that changed
//! since the last publish) and checked, alone and together, with the
//! ticker's feed and the newsletter's editions.

use super::check::{check_story, check_together, missing_pictures, Report};
use super::manifest::{self, Manifest, Source};
use super::progress::Meter;
use super::records::{fingerprint, StoryRecord};
use super::run::Options;
use super::tags::Tags;
use super::PublishError;
use super::{editions, parallel, story_files, SourceFile};
use crate::model::{Edition, Timestamp};
use crate::routes;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// The content as this publish read it: every story, checked where it
/// changed since the last publish.
pub(super) struct Stories {
    /// Every story file that passed, by name, in order.
    pub(super) sources: Vec<(String, Source)>,
    /// The text of each story file read now (new or changed).
    pub(super) texts: HashMap<String, Arc<str>>,
    /// The records of the stories the site shows (not those under
    /// embargo), in the same order.
    pub(super) records: Vec<StoryRecord>,
    /// The stories held back under embargo, by slug, soonest first, with
    /// the time each is due.
    pub(super) held: Vec<(String, Timestamp)>,
    /// The ticker's feed, as written (empty if there is none).
    pub(super) headlines: String,
    pub(super) editions: Vec<Edition>,
    /// The authors and topics the stories name.
    pub(super) tags: Tags,
    /// Warnings: errors stop the publish here.
    pub(super) report: Report,
}

/// Reads the stories (only where they changed), the ticker's feed and the
/// newsletter's editions, and checks them, alone and together (a picture
/// a story names must be among `app_files`).
pub(super) fn read_stories(
    options: &Options,
    last: &Manifest,
    app_files: &[String],
) -> Result<Stories, PublishError> {
    let names = story_files(&options.content)
        .map_err(|err| PublishError::read(&options.content.join("articles"), err))?;
    let reading = Meter::start(options.progress, "checking stories", names.len());
    let found = parallel::map(&names, |name| {
        let found = find_story(&options.content, name, last);
        reading.advance();
        found
    });
    reading.finish();
    let mut report = Report::default();
    let mut sources: Vec<(String, Source)> = Vec::with_capacity(names.len());
    let mut texts: HashMap<String, Arc<str>> = HashMap::new();
    for (name, found) in names.into_iter().zip(found) {
        match found? {
            FoundStory::Known(source) => sources.push((name, source)),
            FoundStory::Checked {
                source,
                report: own,
            } => {
                report.problems.extend(own.problems);
                if let Some((source, text)) = source {
                    texts.insert(name.clone(), Arc::from(text));
                    sources.push((name, source));
                }
            }
        }
    }
    let records: Vec<StoryRecord> = sources
        .iter()
        .map(|(_, source)| source.record.clone())
        .collect();
    let headlines_path = options.content.join(routes::HEADLINES_DATA);
    let headlines = std::fs::read_to_string(&headlines_path)
        .ok()
        .map(|text| SourceFile {
            name: routes::HEADLINES_DATA.into(),
            text,
        });
    // Stories under embargo are checked with the rest (so that none fails
    // at its minute) but held back from the site.
    let now = options.settings.now;
    let held: HashMap<&str, Timestamp> = records
        .iter()
        .filter(|record| record.is_held_at(now))
        .filter_map(|record| Some((record.slug(), record.publish_at?)))
        .collect();
    report.problems.extend(
        check_together(&records, headlines.as_ref(), &held)
            .1
            .problems,
    );
    let (tags, tags_report) = Tags::read(&options.content);
    report.problems.extend(tags_report.problems);
    report.problems.extend(tags.check_named(&records).problems);
    let app_has: HashSet<&str> = app_files.iter().map(String::as_str).collect();
    let checked = records
        .iter()
        .filter(|record| texts.contains_key(&record.file))
        .map(|record| &record.summary);
    report.problems.extend(
        missing_pictures(checked, |path| {
            app_has.contains(path.trim_start_matches('/'))
        })
        .problems,
    );
    let today = editions::uk_day(options.settings.now);
    let (editions, edition_report) = editions::read_editions(&options.content, &today);
    report.problems.extend(edition_report.problems);
    if report.has_errors() {
        return Err(PublishError::Content(report));
    }
    let mut held: Vec<(String, Timestamp)> = held
        .into_iter()
        .map(|(slug, until)| (slug.to_owned(), until))
        .collect();
    held.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let records = records
        .into_iter()
        .filter(|record| !record.is_held_at(now))
        .collect();
    Ok(Stories {
        sources,
        texts,
        records,
        held,
        headlines: headlines.map(|file| file.text).unwrap_or_default(),
        editions,
        tags,
        report,
    })
}

/// A story file as this publish found it.
enum FoundStory {
    /// Unchanged since the manifest.
    Known(Source),
    /// New or changed, and checked: its record and text if it passed.
    Checked {
        source: Option<(Source, String)>,
        report: Report,
    },
}

/// How this publish finds the story file `name`: unchanged since the
/// manifest (by its size and time, or failing those by its bytes), or new
/// or changed and so checked now.
fn find_story(content: &Path, name: &str, last: &Manifest) -> Result<FoundStory, PublishError> {
    let path = content.join(name);
    let metadata = std::fs::metadata(&path).map_err(|err| PublishError::read(&path, err))?;
    let (size, modified) = manifest::stamp(&metadata);
    let known = last.sources.get(name);
    if let Some(source) = known.filter(|source| source.size == size && source.modified == modified)
    {
        return Ok(FoundStory::Known(source.clone()));
    }
    let text = std::fs::read_to_string(&path).map_err(|err| PublishError::read(&path, err))?;
    if let Some(source) =
        known.filter(|source| source.record.source == fingerprint(text.as_bytes()))
    {
        return Ok(FoundStory::Known(Source {
            size,
            modified,
            record: source.record.clone(),
        }));
    }
    let file = SourceFile {
        name: name.to_owned(),
        text,
    };
    let (article, problems) = check_story(&file);
    let source = article.map(|article| {
        let record = StoryRecord::of(name, &file.text, &article);
        (
            Source {
                size,
                modified,
                record,
            },
            file.text,
        )
    });
    Ok(FoundStory::Checked {
        source,
        report: Report { problems },
    })
}
