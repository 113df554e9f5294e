//! The publish step as a whole: reads the app Trunk built and the story
//! files, checks what changed, derives the site, and makes every file
//! whose inputs changed since the manifest on every core (pages rendered
//! by the prerender, each written as soon as it is made); then deletes what
//! the site no longer has, writes the manifest, and says what changed so
//! that a deploy uploads just that. With nothing to go on (no manifest, no
//! site in `dist/`, or `full` asked for) it makes everything afresh.
//!
//! `publish` runs the phases in order, each a function returning what the
//! next ones take: the last publish (`last_publish`), the app
//! (`App::read`), the stories read and checked (`reading.rs`), the site
//! derived and its files planned (`derive_site`, `search_files.rs`), the
//! plan compared with the manifest (`compare`), the files made
//! (`making.rs`), and what went and changed (`settle`).

use super::check::Report;
use super::making::{make_files, prerender_content};
use super::manifest::{self, Manifest, Source, Written};
use super::outputs::{self, Common, Make, Output};
use super::progress::Phases;
pub use super::progress::Progress;
use super::reading::{read_stories, Stories};
use super::records::{fingerprint, StoryRecord};
use super::search_files::search_files;
use super::site::Site;
use super::tags::Tags;
use super::{image_origins, offline, PublishError, Settings};
use crate::model::{Edition, Timestamp};
use crate::pages::AppPart;
use crate::prerender::{PartFiles, Renderer};
use crate::routes::{self, Route};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    /// The stories held back under embargo, soonest first: their slugs and
    /// when each is due.
    pub held: Vec<(String, Timestamp)>,
    /// Warnings (errors stop a publish).
    pub report: Report,
    pub took: Duration,
    /// How long each phase took, in order.
    pub phases: Vec<(&'static str, Duration)>,
}

/// Publishes the site, phase by phase: each phase a function whose value
/// the next ones take.
pub fn publish(options: &Options) -> Result<Outcome, PublishError> {
    let started = Instant::now();
    let mut phases = Phases::default();
    let dist = &options.dist;
    let manifest_path = manifest::path_for(dist);
    let (last, full) = last_publish(options, &manifest_path);
    phases.end("reading the manifest");
    let app = App::read(options)?;
    phases.end("reading the app");
    let Stories {
        sources,
        texts,
        records,
        held,
        headlines,
        editions,
        tags,
        report,
    } = read_stories(options, &last, &app.files)?;
    phases.end("reading and checking stories and editions");
    let Derived {
        site,
        settings,
        mut plan,
    } = derive_site(options, &app, records, tags, &editions, &headlines)?;
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
    let headers = outputs::headers_file(
        &plan,
        &app.immutable_files(),
        &settings.origins,
        app.renderer.style_hashes(),
    );
    plan.push(headers);

    let compared = compare(&plan, &last, full.is_some());
    phases.end("comparing with the manifest");
    let content = prerender_content(&site, &plan, &texts, &options.content);
    drop(texts);
    let (made, settled) = write_site(dist, full.is_some(), |into| {
        let made = make_files(
            options,
            into,
            &compared.to_make,
            &site,
            &settings,
            &app,
            &content,
        )?;
        phases.end("making files");
        let settled = settle(into, &last, &plan, &compared, made.written, sources)?;
        phases.end("deleting files");
        Ok((made.pages_rendered, settled))
    })?;
    let next = settled.next.save_after(&last, &manifest_path)?;
    phases.end("writing the manifest");

    let largest_page = next
        .outputs
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .max_by_key(|(_, written)| written.size)
        .map(|(path, written)| (path.clone(), written.size))
        .unwrap_or_default();
    let outcome = Outcome {
        full,
        stories: site.newest.len(),
        withdrawn: site.withdrawn().count(),
        made: compared.to_make.len(),
        pages_rendered: made,
        changed: settled.changed,
        deleted: settled.deleted,
        files: next.outputs.len(),
        bytes: next.outputs.values().map(|written| written.size).sum(),
        largest_page,
        held,
        report,
        took: started.elapsed(),
        phases: phases.done,
    };
    // A site of 100,000 stories takes a good part of a second to free,
    // which the editor would wait for: it is freed on a thread of its own
    // (which a program ending first does not wait for).
    drop(compared);
    let held = (site, plan, next, content, last);
    std::thread::spawn(move || drop(held));
    Ok(outcome)
}

/// What the last publish left (its manifest), and why this one makes
/// everything afresh, if it does.
fn last_publish(options: &Options, manifest_path: &Path) -> (Manifest, Option<String>) {
    if options.full {
        return (
            Manifest::default(),
            Some("a full build was asked for".to_owned()),
        );
    }
    if !options.dist.join(Route::Front.file()).is_file() {
        return (
            Manifest::default(),
            Some(format!("{} has no site yet", options.dist.display())),
        );
    }
    match Manifest::load(manifest_path) {
        Ok(manifest) => (manifest, None),
        Err(why) => (Manifest::default(), Some(why)),
    }
}

/// The app as Trunk built it, and what every page depends on.
pub(super) struct App {
    pub(super) renderer: Renderer,
    /// Its files, as paths in it (`app_files`).
    pub(super) files: Vec<String>,
    common: Common,
}

impl App {
    fn read(options: &Options) -> Result<App, PublishError> {
        let index = options.app.join("index.html");
        let index_html = std::fs::read_to_string(&index)
            .map_err(|err| PublishError::App(format!("cannot read {}: {err}", index.display())))?;
        let renderer = Renderer::new(&index_html).map_err(PublishError::App)?;
        let parts = part_files(&options.app, renderer.app())?;
        let renderer = renderer.with_part_files(parts);
        let files = app_files(&options.app)?;
        let common = Common {
            renderer: options.renderer,
            shell: fingerprint(format!("{index_html}{}", renderer.loader().text).as_bytes()),
        };
        Ok(App {
            renderer,
            files,
            common,
        })
    }

    /// The files that never change under their names: the loader, and
    /// the glue and wasm it fetches, named by their fingerprints. Not the
    /// glue's snippets: wasm-bindgen names their folder for the crate and
    /// its version (`unique_crate_identifier`), so another build of the
    /// same version can change a snippet under the same name.
    fn immutable_files(&self) -> Vec<String> {
        std::iter::once(self.renderer.loader().path.clone())
            .chain(self.renderer.app().iter().cloned())
            .chain(self.parts())
            .collect()
    }

    /// The split-off parts of the app and the script that fetches them
    /// (`scripts/split-app`), by their paths on the site: the files in the
    /// folder named as the glue is, and so for the build.
    fn parts(&self) -> Vec<String> {
        let folder = format!("{}/", parts_folder(self.renderer.app()));
        self.files
            .iter()
            .filter(|path| path.starts_with(&folder))
            .filter(|path| path.ends_with(".wasm") || path.ends_with(".js"))
            .map(|path| format!("/{path}"))
            .collect()
    }

    /// The parts the service worker keeps as it installs: all but the
    /// newsletter's, whose pages are never kept for reading offline (a
    /// link from a mail is used once; `offline::service_worker`'s
    /// `never_saved`). Fetched, it is kept like any file of the app.
    fn parts_shown_offline(&self) -> Vec<String> {
        let newsletter = format!("/split_{}.wasm", AppPart::Newsletter.name());
        self.parts()
            .into_iter()
            .filter(|path| !path.ends_with(&newsletter))
            .collect()
    }
}

/// The site derived from the stories, its settings, and every file it
/// needs but the search index's and `_headers`.
struct Derived {
    site: Arc<Site>,
    /// The publish's settings, with the origins of the stories' pictures.
    settings: Settings,
    plan: Vec<Output>,
}

fn derive_site(
    options: &Options,
    app: &App,
    records: Vec<StoryRecord>,
    tags: Tags,
    editions: &[Edition],
    headlines: &str,
) -> Result<Derived, PublishError> {
    let mut settings = options.settings.clone();
    settings.origins.images =
        image_origins(records.iter().filter_map(|r| r.summary.image.as_ref()));
    let site = Arc::new(Site::derive(records, tags, &settings));
    let mut plan = outputs::plan(
        &site,
        editions,
        &settings,
        &app.common,
        headlines,
        &options.content,
    )?;
    for path in &app.files {
        let file = options.app.join(path);
        let bytes = std::fs::read(&file).map_err(|err| PublishError::read(&file, err))?;
        plan.push(Output {
            path: path.clone(),
            fingerprint: fingerprint(&bytes),
            make: Make::Copy(options.app.join(path)),
        });
    }
    let loader = app.renderer.loader();
    // The service worker keeps the loader, what it fetches, the glue's
    // snippets (which the glue imports) and the app's split-off parts that
    // can show offline.
    let fetched: Vec<String> = app
        .renderer
        .app()
        .iter()
        .cloned()
        .chain(
            app.files
                .iter()
                .filter(|path| path.starts_with("snippets/") && path.ends_with(".js"))
                .map(|path| format!("/{path}")),
        )
        .chain(app.parts_shown_offline())
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
    Ok(Derived {
        site,
        settings,
        plan,
    })
}

/// Runs `write` on the folder the publish writes into, and returns what it
/// does. A publish of what changed writes into `dist` itself. A full build
/// writes into a new folder beside it, `<dist>.partial`, which takes the
/// place of `dist` only once `write` has succeeded: a full build that fails
/// leaves the last `dist` as it was, and its own folder removed.
pub(super) fn write_site<T>(
    dist: &Path,
    full: bool,
    write: impl FnOnce(&Path) -> Result<T, PublishError>,
) -> Result<T, PublishError> {
    if !full {
        std::fs::create_dir_all(dist).map_err(|err| PublishError::write("create", dist, err))?;
        return write(dist);
    }
    let fresh = manifest::beside(dist, ".partial");
    let old = manifest::beside(dist, ".old");
    for leftover in [&fresh, &old] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover)
                .map_err(|err| PublishError::write("remove", leftover, err))?;
        }
    }
    let unchanged = |cause: PublishError| PublishError::FullBuild {
        dist: dist.to_owned(),
        cause: Box::new(cause),
    };
    std::fs::create_dir_all(&fresh)
        .map_err(|err| unchanged(PublishError::write("create", &fresh, err)))?;
    let written = match write(&fresh) {
        Ok(written) => written,
        Err(cause) => {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(unchanged(cause));
        }
    };
    // In place: the old site moved aside, the new one renamed to its name
    // (the two renames leave `dist` missing for an instant), the old removed.
    if dist.exists() {
        std::fs::rename(dist, &old)
            .map_err(|err| unchanged(PublishError::write("move aside", dist, err)))?;
    }
    // Here `dist` is missing: the last site is in `old`, the new in `fresh`.
    std::fs::rename(&fresh, dist).map_err(|err| PublishError::Make {
        path: dist.display().to_string(),
        why: format!(
            "cannot rename {} to it: {err} (the last site is in {}: rename it back to {} to serve it)",
            fresh.display(),
            old.display(),
            dist.display()
        ),
    })?;
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|err| PublishError::write("remove", &old, err))?;
    }
    Ok(written)
}

/// The plan against the last publish's manifest.
struct Compared<'plan> {
    /// The files whose inputs changed (all of them in a full build).
    to_make: Vec<&'plan Output>,
    /// How many of the last publish's files are still planned.
    still_planned: usize,
}

fn compare<'plan>(plan: &'plan [Output], last: &Manifest, full: bool) -> Compared<'plan> {
    let mut still_planned = 0;
    let to_make = plan
        .iter()
        .filter(|output| {
            let last_inputs = last.outputs.get(&output.path).map(|written| {
                still_planned += 1;
                written.inputs
            });
            full || last_inputs != Some(output.fingerprint)
        })
        .collect();
    Compared {
        to_make,
        still_planned,
    }
}

/// What a publish leaves: the next manifest, and what changed and went.
struct Settled {
    next: Manifest,
    changed: Vec<String>,
    deleted: Vec<String>,
}

/// Deletes the files the site no longer has, and says which files' bytes
/// changed: the last manifest's files, less those gone, with those made.
fn settle(
    dist: &Path,
    last: &Manifest,
    plan: &[Output],
    compared: &Compared<'_>,
    made: Vec<Written>,
    sources: Vec<(String, Source)>,
) -> Result<Settled, PublishError> {
    let mut changed = Vec::new();
    let mut outputs = last.outputs.clone();
    // A plan's paths are distinct: when every file the last publish wrote
    // is still planned, none has gone, and 220,000 paths need not be
    // gathered to say so.
    let gone: Vec<String> = if compared.still_planned == outputs.len() {
        Vec::new()
    } else {
        let planned: HashSet<&str> = plan.iter().map(|output| output.path.as_str()).collect();
        outputs
            .keys()
            .filter(|path| !planned.contains(path.as_str()))
            .cloned()
            .collect()
    };
    for (output, written) in compared.to_make.iter().zip(made) {
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
            Err(err) => return Err(PublishError::write("delete", &dist.join(&path), err)),
        }
    }
    changed.sort();
    deleted.sort();
    Ok(Settled {
        next: Manifest {
            format: manifest::FORMAT,
            sources: sources.into_iter().collect(),
            outputs,
            ..Manifest::default()
        },
        changed,
        deleted,
    })
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

/// The files each split-off part of the app needs, from the `parts.json`
/// `scripts/split-app` writes in the parts' folder (named as the glue is),
/// as paths on the site; none for an app that is not split.
fn part_files(app: &Path, glue_and_wasm: &[String; 2]) -> Result<PartFiles, PublishError> {
    let folder = parts_folder(glue_and_wasm);
    let file = app.join(folder).join(PARTS_FILE);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(PartFiles::new()),
        Err(err) => return Err(PublishError::read(&file, err)),
    };
    let parts: PartFiles = serde_json::from_str(&text).map_err(|err| {
        PublishError::App(format!("{}: not a list of parts: {err}", file.display()))
    })?;
    Ok(parts
        .into_iter()
        .map(|(part, files)| {
            let paths = files
                .iter()
                .map(|name| format!("/{folder}/{name}"))
                .collect();
            (part, paths)
        })
        .collect())
}

/// The folder of the app's split-off parts, in the app and on the site:
/// named as the glue is (`scripts/split-app`).
fn parts_folder([glue, _]: &[String; 2]) -> &str {
    glue.trim_start_matches('/').trim_end_matches(".js")
}

/// What `scripts/split-app` writes beside the parts, for the build alone.
const PARTS_FILE: &str = "parts.json";

/// The files of the app Trunk built, as paths in it, but its `index.html`
/// (the shell every page is written into), the parts' list of files
/// (`part_files`), with any compressed copy of it, and any story files an
/// older build copied in with it.
fn app_files(app: &Path) -> Result<Vec<String>, PublishError> {
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
    walk(app, app, &mut files).map_err(|err| PublishError::read(app, err))?;
    files.retain(|file| {
        file != "index.html"
            && !file
                .rsplit('/')
                .next()
                .is_some_and(|name| name.starts_with(PARTS_FILE))
            && !file.starts_with("api/v1/articles/")
    });
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("write-site-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("dist/news")).unwrap();
        std::fs::write(dir.join("dist/index.html"), "the last site").unwrap();
        std::fs::write(dir.join("dist/news/a.html"), "a story").unwrap();
        dir
    }

    fn files(dist: &Path) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dist).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                found.extend(files(&path));
            } else {
                found.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
        found.sort();
        found
    }

    #[test]
    fn a_full_build_that_fails_leaves_the_last_site_as_it_was_and_nothing_of_its_own() {
        let dir = scratch("fails");
        let dist = dir.join("dist");
        let before = files(&dist);
        let failed = write_site(&dist, true, |into| -> Result<(), PublishError> {
            std::fs::write(into.join("index.html"), "half a new site").unwrap();
            Err(PublishError::write(
                "write",
                &into.join("news/b.html"),
                std::io::Error::other("disk full"),
            ))
        });
        let why = failed.unwrap_err();
        assert!(
            matches!(&why, PublishError::FullBuild { cause, .. } if matches!(**cause, PublishError::Write { .. })),
            "{why:?}"
        );
        let says = why.to_string();
        assert!(says.contains("news/b.html: disk full"), "{says}");
        assert!(
            says.ends_with(&format!("({} is as it was)", dist.display())),
            "{says}"
        );
        assert_eq!(files(&dist), before);
        assert!(!dir.join("dist.partial").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_full_build_takes_the_last_sites_place_whole_and_a_publish_writes_into_it() {
        let dir = scratch("succeeds");
        let dist = dir.join("dist");
        let made = write_site(&dist, true, |into| {
            assert_ne!(into, dist.as_path(), "a full build writes elsewhere");
            std::fs::write(into.join("index.html"), "the new site").unwrap();
            Ok(1)
        });
        assert_eq!(made.unwrap(), 1);
        assert_eq!(
            files(&dist),
            [(
                dist.join("index.html").display().to_string(),
                "the new site".to_owned()
            )],
            "nothing of the last site is left"
        );
        assert!(!dir.join("dist.partial").exists() && !dir.join("dist.old").exists());
        write_site(&dist, false, |into| {
            assert_eq!(into, dist.as_path());
            Ok(())
        })
        .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
