//! The publish step as a whole: reads the app Trunk built and the story
//! files, checks what changed, derives the site, and makes every file
//! whose inputs changed since the manifest on every core (pages rendered
//! by the prerender, each written as soon as it is made); then deletes what
//! the site no longer has, writes the manifest, and says what changed so
//! that a deploy uploads just that. With nothing to go on (no manifest, no
//! site in `dist/`, or `full` asked for) it makes everything afresh.

use super::check::{check_story, check_together, missing_pictures, Report};
use super::manifest::{self, Manifest, Source, Written};
use super::outputs::{self, Common, Make, Output};
use super::records::{fingerprint, StoryRecord};
use super::search_index::{self, SearchIndex, SegmentEntry, StoryWords};
use super::site::Site;
use super::{editions, image_origins, offline, parallel, story_files, Settings, SourceFile};
use crate::context::Content;
use crate::model::{ApiError, Article};
use crate::prerender::{InMemory, Renderer};
use crate::routes::{self, Route};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What to publish, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The app as Trunk built it (`target/trunk`).
    pub app: PathBuf,
    /// The content: `articles/<slug>.json` and `headlines.json`.
    pub content: PathBuf,
    /// The site to write (`dist`); its manifest is kept beside it.
    pub dist: PathBuf,
    /// Make every file afresh, whatever the manifest says.
    pub full: bool,
    pub settings: Settings,
    /// A fingerprint of the program that renders the pages: a new one makes
    /// every page again.
    pub renderer: u64,
    pub progress: Progress,
}

/// How a long publish shows how far it has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A bar on the terminal when standard error is one, else a line every
    /// few seconds.
    Shown,
    /// Nothing (tests).
    Quiet,
}

/// What a publish did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Why it made everything afresh, if it did.
    pub full: Option<String>,
    pub stories: usize,
    pub withdrawn: usize,
    /// Files made (pages rendered, files written or copied).
    pub made: usize,
    pub pages_rendered: usize,
    /// Files whose bytes are new: what a deploy must upload.
    pub changed: Vec<String>,
    /// Files the site no longer has: what a deploy must delete.
    pub deleted: Vec<String>,
    /// The site afterwards: its files and their bytes.
    pub files: usize,
    pub bytes: u64,
    /// The largest page, and its size in bytes.
    pub largest_page: (String, u64),
    /// Warnings (errors stop a publish).
    pub report: Report,
    pub took: Duration,
    /// How long each phase took, in order.
    pub phases: Vec<(&'static str, Duration)>,
}

/// Why a publish stopped, having written nothing.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors (and maybe warnings): every one is here.
    Content(Report),
    /// Something could not be read or written.
    Io(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Content(report) => write!(f, "the content has {}", report.summary()),
            Failure::Io(why) => f.write_str(why),
        }
    }
}

impl From<String> for Failure {
    fn from(why: String) -> Self {
        Failure::Io(why)
    }
}

/// A story file as this publish found it.
enum Found {
    /// Unchanged since the manifest.
    Known(Source),
    /// New or changed, and checked: its record and text if it passed.
    Checked {
        source: Option<(Source, String)>,
        report: Report,
    },
}

/// Publishes the site.
pub fn publish(options: &Options) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let mut phases = Phases::default();
    let dist = &options.dist;
    let manifest_path = manifest::path_for(dist);
    let (last, full) = if options.full {
        (
            Manifest::default(),
            Some("a full build was asked for".to_owned()),
        )
    } else if !dist.join(Route::Front.file()).is_file() {
        (
            Manifest::default(),
            Some(format!("{} has no site yet", dist.display())),
        )
    } else {
        match Manifest::load(&manifest_path) {
            Ok(manifest) => (manifest, None),
            Err(why) => (Manifest::default(), Some(why)),
        }
    };

    phases.end("reading the manifest");
    // The app, and what every page depends on.
    let index = options.app.join("index.html");
    let index_html = std::fs::read_to_string(&index)
        .map_err(|err| format!("cannot read {}: {err} (run Trunk first)", index.display()))?;
    let renderer = Renderer::new(&index_html)?;
    let app_files = app_files(&options.app)?;
    let common = Common {
        renderer: options.renderer,
        shell: fingerprint(format!("{index_html}{}", renderer.loader().text).as_bytes()),
    };

    phases.end("reading the app");
    // The stories: read and checked only where they changed.
    let names = story_files(&options.content).map_err(|err| {
        format!(
            "cannot read the stories in {}: {err}",
            options.content.join("articles").display()
        )
    })?;
    let reading = Meter::start(options.progress, "checking stories", names.len());
    let found = parallel::map(&names, |name| {
        let found = find_story(&options.content, name, &last);
        reading.advance();
        found
    });
    reading.finish();
    let mut report = Report::default();
    let mut sources: Vec<(String, Source)> = Vec::with_capacity(names.len());
    let mut texts: HashMap<String, Arc<str>> = HashMap::new();
    for (name, found) in names.into_iter().zip(found) {
        match found? {
            Found::Known(source) => sources.push((name, source)),
            Found::Checked {
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
    report
        .problems
        .extend(check_together(&records, headlines.as_ref()).1.problems);
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
        return Err(Failure::Content(report));
    }
    phases.end("reading and checking stories and editions");

    // The site, and every file of it.
    let mut settings = options.settings.clone();
    settings.origins.images =
        image_origins(records.iter().filter_map(|r| r.summary.image.as_ref()));
    let site = Arc::new(Site::derive(records, &settings));
    let headlines_text = headlines.map(|file| file.text).unwrap_or_default();
    let mut plan = outputs::plan(
        &site,
        &editions,
        &settings,
        &common,
        &headlines_text,
        &options.content,
    )?;
    for path in &app_files {
        let bytes = std::fs::read(options.app.join(path))
            .map_err(|err| format!("cannot read {path} in {}: {err}", options.app.display()))?;
        plan.push(Output {
            path: path.clone(),
            fingerprint: fingerprint(&bytes),
            make: Make::Copy(options.app.join(path)),
        });
    }
    let loader = renderer.loader();
    // The service worker keeps the loader, what it fetches and the glue's
    // snippets (which the glue imports).
    let fetched: Vec<String> = renderer
        .app()
        .iter()
        .cloned()
        .chain(
            app_files
                .iter()
                .filter(|path| path.starts_with("snippets/") && path.ends_with(".js"))
                .map(|path| format!("/{path}")),
        )
        .collect();
    let worker = offline::service_worker(&loader.path, &fetched);
    for (path, text) in [
        (loader.path.as_str(), loader.text.clone()),
        (routes::SERVICE_WORKER, worker),
        (offline::MANIFEST, offline::web_app_manifest()),
    ] {
        plan.push(Output {
            path: path.trim_start_matches('/').to_owned(),
            fingerprint: fingerprint(text.as_bytes()),
            make: Make::Text(text),
        });
    }
    phases.end("deriving the site");
    // The search index, from the same stories: its files are in the plan
    // as text, made here (in memory, on every core), but for the segments
    // the last publish wrote and that have not changed since.
    plan.extend(search_files(
        &site,
        &settings,
        &last,
        &texts,
        &options.content,
    )?);
    phases.end("indexing for search");
    let headers = outputs::headers_file(&plan, &[], &settings.origins, renderer.style_hashes());
    plan.push(headers);

    // Make what changed, on every core.
    if full.is_some() && dist.exists() {
        std::fs::remove_dir_all(dist)
            .map_err(|err| format!("cannot empty {}: {err}", dist.display()))?;
    }
    std::fs::create_dir_all(dist)
        .map_err(|err| format!("cannot create {}: {err}", dist.display()))?;
    let mut still_planned = 0;
    let to_make: Vec<&Output> = plan
        .iter()
        .filter(|output| {
            let last_inputs = last.outputs.get(&output.path).map(|written| {
                still_planned += 1;
                written.inputs
            });
            full.is_some() || last_inputs != Some(output.fingerprint)
        })
        .collect();
    phases.end("comparing with the manifest");
    let content = prerender_content(&site, &plan, &texts, &options.content);
    drop(texts);
    let making = Meter::start(options.progress, "making files", to_make.len());
    let rendered = AtomicUsize::new(0);
    let made = make_all(
        &to_make,
        |output, worker| {
            let bytes = match &output.make {
                Make::Page(route) => {
                    rendered.fetch_add(1, Ordering::Relaxed);
                    worker
                        .render(route)
                        .map_err(|why| format!("{}: {why}", output.path))?
                        .into_bytes()
                }
                Make::Copy(from) => std::fs::read(from)
                    .map_err(|err| format!("cannot read {}: {err}", from.display()))?,
                _ => outputs::text_of(output, &site, &settings.origin)
                    .unwrap_or_default()
                    .into_bytes(),
            };
            write(dist, &output.path, &bytes)?;
            making.advance();
            Ok(Written {
                inputs: output.fingerprint,
                bytes: fingerprint(&bytes),
                size: bytes.len() as u64,
            })
        },
        &renderer,
        &content,
    )?;
    making.finish();
    phases.end("making files");

    // What changed, what went, and the manifest for next time: the last
    // one's files, less those the site no longer has, with those made now.
    let mut changed = Vec::new();
    let mut outputs = last.outputs.clone();
    // A plan's paths are distinct: when every file the last publish wrote
    // is still planned, none has gone, and 220,000 paths need not be
    // gathered to say so.
    let gone: Vec<String> = if still_planned == outputs.len() {
        Vec::new()
    } else {
        let planned: HashSet<&str> = plan.iter().map(|output| output.path.as_str()).collect();
        outputs
            .keys()
            .filter(|path| !planned.contains(path.as_str()))
            .cloned()
            .collect()
    };
    for (output, written) in to_make.iter().zip(made) {
        let path = &output.path;
        let before = outputs.insert(path.clone(), written);
        if before.map(|old| old.bytes) != Some(written.bytes) {
            changed.push(path.clone());
        }
    }
    let mut deleted = Vec::new();
    for path in gone {
        outputs.remove(&path);
        match std::fs::remove_file(dist.join(&path)) {
            Ok(()) => {
                remove_empty_folders(dist, &path);
                deleted.push(path);
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => deleted.push(path),
            Err(err) => return Err(format!("cannot delete {path}: {err}").into()),
        }
    }
    let next = Manifest {
        format: manifest::FORMAT,
        sources: sources.into_iter().collect(),
        outputs,
        ..Manifest::default()
    };
    phases.end("deleting files");
    let next = next.save_after(&last, &manifest_path)?;
    phases.end("writing the manifest");
    let largest_page = next
        .outputs
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .max_by_key(|(_, written)| written.size)
        .map(|(path, written)| (path.clone(), written.size))
        .unwrap_or_default();
    changed.sort();
    deleted.sort();
    let outcome = Outcome {
        full,
        stories: site.newest.len(),
        withdrawn: site.withdrawn().count(),
        made: to_make.len(),
        pages_rendered: rendered.into_inner(),
        changed,
        deleted,
        files: next.outputs.len(),
        bytes: next.outputs.values().map(|written| written.size).sum(),
        largest_page,
        report,
        took: started.elapsed(),
        phases: phases.done,
    };
    // A site of 100,000 stories takes a good part of a second to free,
    // which the editor would wait for: it is freed on a thread of its own
    // (which a program ending first does not wait for).
    drop(to_make);
    let held = (site, plan, next, content, last);
    std::thread::spawn(move || drop(held));
    Ok(outcome)
}

/// The folders of `path` in `dist` that deleting it left empty (an old
/// segment of the search index, a live page's pages): removed, from the
/// deepest, stopping at the first that is not empty.
fn remove_empty_folders(dist: &Path, path: &str) {
    let mut folder = Path::new(path).parent();
    while let Some(inner) = folder.filter(|inner| !inner.as_os_str().is_empty()) {
        if std::fs::remove_dir(dist.join(inner)).is_err() {
            return;
        }
        folder = inner.parent();
    }
}

/// The phases of a publish as they end.
struct Phases {
    done: Vec<(&'static str, Duration)>,
    since: Instant,
}

impl Default for Phases {
    fn default() -> Self {
        Phases {
            done: Vec::new(),
            since: Instant::now(),
        }
    }
}

impl Phases {
    fn end(&mut self, phase: &'static str) {
        self.done.push((phase, self.since.elapsed()));
        self.since = Instant::now();
    }
}

/// The search index's files (`search_index.rs`): a segment whose stories
/// (and the sections they are numbered by) are as they were is kept as the
/// last publish wrote it; any other is made from its stories' articles
/// (from memory where this publish read them, else from their files).
/// Then the index that names the segments, and the client that reads them.
fn search_files(
    site: &Site,
    settings: &Settings,
    last: &Manifest,
    texts: &HashMap<String, Arc<str>>,
    content: &Path,
) -> Result<Vec<Output>, String> {
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
            let words = parallel::map(records, |record| -> Result<StoryWords, String> {
                if !record.is_live() {
                    return Ok(StoryWords::default());
                }
                let text = match texts.get(&record.file) {
                    Some(text) => text.to_string(),
                    None => std::fs::read_to_string(content.join(&record.file))
                        .map_err(|err| format!("cannot read {}: {err}", record.file))?,
                };
                let article = Article::from_json(&text).ok().map(|decoded| decoded.value);
                Ok(StoryWords::of(article.as_ref()))
            })
            .into_iter()
            .collect::<Result<Vec<_>, String>>()?;
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

/// How this publish finds the story file `name`: unchanged since the
/// manifest (by its size and time, or failing those by its bytes), or new
/// or changed and so checked now.
fn find_story(content: &Path, name: &str, last: &Manifest) -> Result<Found, String> {
    let path = content.join(name);
    let metadata =
        std::fs::metadata(&path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let (size, modified) = manifest::stamp(&metadata);
    let known = last.sources.get(name);
    if let Some(source) = known.filter(|source| source.size == size && source.modified == modified)
    {
        return Ok(Found::Known(source.clone()));
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    if let Some(source) =
        known.filter(|source| source.record.source == fingerprint(text.as_bytes()))
    {
        return Ok(Found::Known(Source {
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
    Ok(Found::Checked {
        source,
        report: Report { problems },
    })
}

/// The page data the prerender reads, as the host would serve it: the
/// files the plan makes under `/api/v1` (a story's own JSON from its file),
/// and for a withdrawn story's JSON, 410 Gone.
fn prerender_content(
    site: &Arc<Site>,
    plan: &[Output],
    texts: &HashMap<String, Arc<str>>,
    content: &Path,
) -> Content {
    let mut by_path: HashMap<String, Data> = HashMap::new();
    for output in plan {
        let Some(path) = output.path.strip_prefix("api/v1/") else {
            continue;
        };
        let data = match &output.make {
            Make::Text(text) => Data::Text(Arc::from(text.as_str())),
            Make::Listing(at) => Data::Listing(*at),
            Make::Copy(file) => match file.strip_prefix(content).ok().and_then(Path::to_str) {
                Some(name) => match texts.get(name) {
                    Some(text) => Data::Text(Arc::clone(text)),
                    None => Data::File(file.clone()),
                },
                None => Data::File(file.clone()),
            },
            Make::Page(_) | Make::StorySitemap(_) | Make::Kept => continue,
        };
        by_path.insert(path.to_owned(), data);
    }
    let withdrawn: HashSet<String> = site
        .withdrawn()
        .filter_map(|story| Route::Story(story.slug().into()).data())
        .collect();
    let site = Arc::clone(site);
    Content::new(InMemory(move |path: &str| match by_path.get(path) {
        Some(Data::Text(text)) => Ok(text.to_string()),
        Some(Data::Listing(at)) => Ok(site
            .listings
            .get(*at)
            .map(|listing| json(&listing.index(&site.records)))
            .unwrap_or_default()),
        Some(Data::File(file)) => std::fs::read_to_string(file).map_err(|_| ApiError::Server(500)),
        None if withdrawn.contains(path) => Err(ApiError::Withdrawn),
        None => Err(ApiError::NotFound),
    }))
}

/// Where the prerender finds a file of page data.
enum Data {
    Text(Arc<str>),
    Listing(usize),
    File(PathBuf),
}

/// `make` of every job, on every core, each thread with a page worker of
/// its own; the first failure, if any, is the answer.
fn make_all(
    jobs: &[&Output],
    make: impl Fn(&Output, &crate::prerender::Worker<'_>) -> Result<Written, String> + Sync,
    renderer: &Renderer,
    content: &Content,
) -> Result<Vec<Written>, String> {
    parallel::map_with(
        jobs,
        || renderer.worker(content.clone()),
        |worker, job| match worker {
            Ok(worker) => make(job, worker),
            Err(why) => Err(why.clone()),
        },
    )
    .into_iter()
    .collect()
}

/// The files of the app Trunk built, as paths in it, but its `index.html`
/// (the shell every page is written into) and any story files an older
/// build copied in with it.
fn app_files(app: &Path) -> Result<Vec<String>, String> {
    fn walk(root: &Path, folder: &Path, files: &mut Vec<String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(folder)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, files)?;
            } else if let Ok(relative) = path.strip_prefix(root) {
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(app, app, &mut files).map_err(|err| format!("cannot read {}: {err}", app.display()))?;
    files.retain(|file| file != "index.html" && !file.starts_with("api/v1/articles/"));
    files.sort();
    Ok(files)
}

fn write(dist: &Path, path: &str, bytes: &[u8]) -> Result<(), String> {
    let file = dist.join(path);
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|err| format!("cannot create {}: {err}", folder.display()))?;
    }
    std::fs::write(&file, bytes).map_err(|err| format!("cannot write {}: {err}", file.display()))
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default() + "\n"
}

/// How far a phase has got: a bar on a terminal, plain lines elsewhere (as
/// in CI), nothing when quiet.
enum Meter {
    Bar(ProgressBar),
    Lines {
        what: &'static str,
        total: usize,
        done: AtomicUsize,
        started: Instant,
        last: Mutex<Instant>,
    },
    Quiet,
}

impl Meter {
    fn start(mode: Progress, what: &'static str, total: usize) -> Self {
        match mode {
            Progress::Quiet => Meter::Quiet,
            _ if total < 200 => Meter::Quiet,
            _ if std::io::stderr().is_terminal() => {
                let bar =
                    ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "publish: {msg} {bar:30} {human_pos}/{human_len} ({per_sec}, {eta} left)",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.set_message(what);
                Meter::Bar(bar)
            }
            _ => Meter::Lines {
                what,
                total,
                done: AtomicUsize::new(0),
                started: Instant::now(),
                last: Mutex::new(Instant::now()),
            },
        }
    }

    fn advance(&self) {
        match self {
            Meter::Bar(bar) => bar.inc(1),
            Meter::Lines {
                what,
                total,
                done,
                started,
                last,
            } => {
                let done = done.fetch_add(1, Ordering::Relaxed) + 1;
                let Ok(mut last) = last.try_lock() else {
                    return;
                };
                if last.elapsed() < Duration::from_secs(5) {
                    return;
                }
                *last = Instant::now();
                let rate = done as f64 / started.elapsed().as_secs_f64().max(0.001);
                let left = (*total - done.min(*total)) as f64 / rate.max(0.001);
                eprintln!(
                    "publish: {what}: {done} of {total} ({}%), {rate:.0} a second, about {left:.0} s left",
                    done * 100 / (*total).max(1)
                );
            }
            Meter::Quiet => {}
        }
    }

    fn finish(&self) {
        if let Meter::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
