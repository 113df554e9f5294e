//! A publish's files made: pages rendered by the prerender from the data
//! the plan makes (as the host would serve it), the rest written or
//! copied, on every core, each written as soon as it is made.

use super::manifest::Written;
use super::outputs::{self, Make, Output};
use super::progress::Meter;
use super::records::fingerprint;
use super::run::{App, Options};
use super::site::Site;
use super::{parallel, PublishError, Settings};
use crate::context::Content;
use crate::model::ApiError;
use crate::prerender::{InMemory, Renderer};
use crate::routes::Route;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The files made, in the order asked for.
pub(super) struct Made {
    pub(super) written: Vec<Written>,
    pub(super) pages_rendered: usize,
}

/// Makes each file of `to_make` and writes it into `into`, on every core.
pub(super) fn make_files(
    options: &Options,
    into: &Path,
    to_make: &[&Output],
    site: &Site,
    settings: &Settings,
    app: &App,
    content: &Content,
) -> Result<Made, PublishError> {
    let making = Meter::start(options.progress, "making files", to_make.len());
    let rendered = AtomicUsize::new(0);
    let written = make_all(
        to_make,
        |output, worker| {
            let bytes = match &output.make {
                Make::Page(route) => {
                    rendered.fetch_add(1, Ordering::Relaxed);
                    worker
                        .render(route)
                        .map_err(|why| PublishError::Make {
                            path: output.path.clone(),
                            why,
                        })?
                        .into_bytes()
                }
                Make::Copy(from) => {
                    std::fs::read(from).map_err(|err| PublishError::read(from, err))?
                }
                Make::Story(from) => site
                    .tags
                    .resolved_story(
                        &std::fs::read_to_string(from)
                            .map_err(|err| PublishError::read(from, err))?,
                    )
                    .into_bytes(),
                _ => outputs::text_of(output, site, &settings.origin)
                    .unwrap_or_default()
                    .into_bytes(),
            };
            write(into, &output.path, &bytes)?;
            making.advance();
            Ok(Written {
                inputs: output.fingerprint,
                bytes: fingerprint(&bytes),
                size: bytes.len() as u64,
            })
        },
        &app.renderer,
        content,
    )?;
    making.finish();
    Ok(Made {
        written,
        pages_rendered: rendered.into_inner(),
    })
}

/// The page data the prerender reads, as the host would serve it: the
/// files the plan makes under `/api/v1` (a story's own JSON from its file),
/// and for a withdrawn story's JSON, 410 Gone.
pub(super) fn prerender_content(
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
            Make::Story(file) => Data::Story(file.clone()),
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
        Some(Data::Story(file)) => std::fs::read_to_string(file)
            .map(|text| site.tags.resolved_story(&text))
            .map_err(|_| ApiError::Server(500)),
        None if withdrawn.contains(path) => Err(ApiError::Withdrawn),
        None => Err(ApiError::NotFound),
    }))
}

/// Where the prerender finds a file of page data.
enum Data {
    Text(Arc<str>),
    Listing(usize),
    File(PathBuf),
    /// A story's file, served with its authors' and topics' names.
    Story(PathBuf),
}

/// `make` of every job, on every core, each thread with a page worker of
/// its own; the first failure, if any, is the answer.
fn make_all(
    jobs: &[&Output],
    make: impl Fn(&Output, &crate::prerender::Worker<'_>) -> Result<Written, PublishError> + Sync,
    renderer: &Renderer,
    content: &Content,
) -> Result<Vec<Written>, PublishError> {
    parallel::map_with(
        jobs,
        || renderer.worker(content.clone()),
        |worker, job| match worker {
            Ok(worker) => make(job, worker),
            Err(why) => Err(PublishError::App(why.clone())),
        },
    )
    .into_iter()
    .collect()
}

pub(super) fn write(dist: &Path, path: &str, bytes: &[u8]) -> Result<(), PublishError> {
    let file = dist.join(path);
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|err| PublishError::write("create", folder, err))?;
    }
    std::fs::write(&file, bytes).map_err(|err| PublishError::write("write", &file, err))
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default() + "\n"
}
