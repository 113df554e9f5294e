//! Every page rendered to HTML at build time, natively, by the same `App`,
//! routes and components the browser then hydrates (`publish::run` runs it
//! on every core, one [`Worker`] a thread).
//!
//! A page is Trunk's `index.html` (the [`Shell`]: stylesheet, the loader,
//! `<!--HEAD-->` where the page's head goes) with the app's HTML right
//! after `<body>` (hydration walks `<body>` from its first node, so nothing
//! may come before it), then the data the page's resources were rendered
//! from, which the browser reads instead of fetching it again.
//!
//! The app gets its data from the [`Content`] it is given (the build's
//! files, in memory) and leaves its head in a [`HeadSink`] slot: the same
//! props the browser gives it, with other values.
//!
//! No page has a script of its own inline: the loader is a file, and the
//! data is a JSON block (which does not run). The one inline stylesheet is
//! the shell's, the same on every page, so every page has the same
//! Content-Security-Policy (allowing that stylesheet by its hash) and a CDN
//! needs one rule for all of them.

mod hydration;
mod shell;

pub use shell::{loader, Shell, TextFile};

use crate::config::{APP_PART, HYDRATION_DATA_ID, RENDERED_PATH};
use crate::context::{Content, ContentFile, ContentFuture, ContentSource, HeadSink};
use crate::model::ApiError;
use crate::pages::{AppPart, PartShown};
use crate::routes::Route;
use crate::App;
use futures::StreamExt;
use hydration::RecordingContext;
use hydration_context::SharedContext;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Page data from memory: `read` answers each path under `/api/v1` as the
/// site's host would (a withdrawn story's JSON with
/// [`ApiError::Withdrawn`](crate::model::ApiError::Withdrawn), say), with
/// the file's text.
pub struct InMemory<F>(pub F);

impl<F> ContentSource for InMemory<F>
where
    F: Fn(&str) -> Result<String, ApiError> + Send + Sync,
{
    fn read(&self, path: &str) -> ContentFuture {
        Box::pin(std::future::ready((self.0)(path).map(ContentFile::fresh)))
    }
}

/// Renders pages into one shell.
#[derive(Debug, Clone)]
pub struct Renderer {
    shell: Shell,
}

/// The files of each split-off part of the app (`pages::AppPart`), by its
/// name: its module and those it shares, by their paths on the site
/// (`scripts/split-app` writes them).
pub type PartFiles = BTreeMap<String, Vec<String>>;

impl Renderer {
    /// A renderer for the app Trunk built, from its `index.html`.
    pub fn new(index_html: &str) -> Result<Self, String> {
        Ok(Renderer {
            shell: Shell::parse(index_html)?,
        })
    }

    /// The same, whose pages of a split-off part of the app ask for its
    /// files with the page, not once the app has started.
    pub fn with_part_files(mut self, files: PartFiles) -> Self {
        self.shell.part_files = files;
        self
    }

    /// The policy's source expressions of the stylesheets every page
    /// carries inline.
    pub fn style_hashes(&self) -> &[String] {
        &self.shell.style_hashes
    }

    /// The loader every page names, which the site must serve.
    pub fn loader(&self) -> &TextFile {
        &self.shell.loader
    }

    /// The paths of the app's JavaScript glue and wasm, which the loader
    /// fetches.
    pub fn app(&self) -> &[String; 2] {
        &self.shell.app
    }

    /// A worker for this thread, reading page data from `content`.
    pub fn worker(&self, content: Content) -> Result<Worker<'_>, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|err| err.to_string())?;
        // Set once for the process: later calls (other threads, other
        // renderers) find it set.
        let _ = any_spawner::Executor::init_tokio();
        Ok(Worker {
            shell: &self.shell,
            content,
            runtime,
            local: tokio::task::LocalSet::new(),
        })
    }
}

/// Renders pages one after another on the thread it was made on.
pub struct Worker<'a> {
    shell: &'a Shell,
    content: Content,
    runtime: tokio::runtime::Runtime,
    local: tokio::task::LocalSet,
}

impl Worker<'_> {
    /// The page at `route`, whole.
    pub fn render(&self, route: &Route) -> Result<String, String> {
        self.local
            .block_on(&self.runtime, render_page(self.shell, &self.content, route))
    }
}

async fn render_page(shell: &Shell, content: &Content, route: &Route) -> Result<String, String> {
    let recording = Arc::new(RecordingContext::new());
    let owner = Owner::new_root(Some(
        Arc::clone(&recording) as Arc<dyn SharedContext + Send + Sync>
    ));
    let head = HeadSink::slot();
    let part_shown = PartShown::default();
    let path = route.path();
    let app = owner.with(|| {
        provide_context(RequestUrl::new(&path));
        provide_context(part_shown.clone());
        let (content, head) = (content.clone(), head.clone());
        view! { <App content head/> }.to_html_stream_in_order()
    });
    // Leptos marks an empty place with `<!>`, which the HTML standard counts
    // as a parse error (a "bogus comment") though browsers make it an empty
    // comment; `<!---->` is the valid spelling of the same node. Text and
    // attributes are escaped, so `<!>` occurs only as such a marker.
    let body = app
        .collect::<Vec<_>>()
        .await
        .concat()
        .replace("<!>", "<!---->");
    // Resolves the data; and a page cannot carry anything else Leptos would
    // send as script, such as errors for an error boundary.
    let script: String = match recording.pending_data() {
        Some(chunks) => chunks.collect::<Vec<_>>().await.concat(),
        None => String::new(),
    };
    if !script.contains("__SERIALIZED_ERRORS=[];") || script.contains("__SERIALIZED_ERRORS.push") {
        return Err(format!(
            "{path}: has errors to serialize, which a page cannot carry"
        ));
    }
    drop(owner);
    let data = recording.to_json();
    let head = head.take().map(|head| head.to_html()).unwrap_or_default();
    let rendered_path = if route.hydrates() { path.as_str() } else { "" };
    let (app_part, part_preloads) = part_markup(shell, part_shown.get());
    Ok(format!(
        "{}<!--HEAD-->{head}<!--/HEAD-->{part_preloads}{}<body {RENDERED_PATH}=\"{rendered_path}\"{app_part}>{body}\
         <script type=\"application/json\" id=\"{HYDRATION_DATA_ID}\">{data}</script></body>{}",
        shell.before_head, shell.after_head, shell.tail
    ))
}

/// What a page whose view is in a split-off part of the app carries: the
/// part's name, as an attribute of `<body>`, and its files, asked for with
/// the page (the app fetches them before it takes the page over; a preload
/// matches the app's fetch: same address, CORS mode, same-origin
/// credentials). Nothing for a page in the main module.
fn part_markup(shell: &Shell, part: Option<AppPart>) -> (String, String) {
    let Some(part) = part else {
        return (String::new(), String::new());
    };
    let attribute = format!(" {APP_PART}=\"{}\"", part.name());
    let files = shell
        .part_files
        .get(part.name())
        .map(Vec::as_slice)
        .unwrap_or_default();
    (attribute, part_preloads(files))
}

fn part_preloads(files: &[String]) -> String {
    files
        .iter()
        .map(|path| format!("<link rel=\"preload\" href=\"{path}\" as=\"fetch\" crossorigin>"))
        .collect()
}
