//! Every page rendered to HTML at build time, natively, by the same `App`,
//! routes and components the browser then hydrates (`src/bin/prerender.rs`
//! runs it after Trunk).
//!
//! A page is Trunk's `index.html` (the shell: stylesheet, the loader,
//! `<!--HEAD-->` where the page's head goes) with the app's HTML right
//! after `<body>` (hydration walks `<body>` from its first node, so nothing
//! may come before it), then the data the page's resources were rendered
//! from, which the browser reads instead of fetching it again.
//!
//! No page has a script of its own inline: the loader is a file, and the
//! data is a JSON block (which does not run), so every page has the same
//! Content-Security-Policy, with no hashes, and a CDN needs one rule for
//! all of them.

use crate::config::{PAGE_DATA, RENDERED_PATH};
use crate::model::{ApiError, Article, PageHead};
use crate::App;
use futures::StreamExt;
use hydration_context::{
    PinnedFuture, PinnedStream, SerializedDataId, SharedContext, SsrSharedContext,
};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use std::{
    path::PathBuf,
    sync::{Arc, Mutex, OnceLock},
};

/// Where the page being rendered leaves its head (`components::PageMeta`).
#[derive(Clone, Default)]
pub struct HeadSlot(Arc<Mutex<Option<PageHead>>>);

impl HeadSlot {
    /// Keeps `head` as the page's; the last one rendered wins.
    pub fn fill(&self, head: PageHead) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(head);
    }

    fn take(&self) -> Option<PageHead> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

static CONTENT: OnceLock<PathBuf> = OnceLock::new();

/// Reads page data from `root` (the built site's `api/v1`) from now on.
pub fn read_content_from(root: PathBuf) {
    let _ = CONTENT.set(root);
}

/// A file under `/api/v1`, by its path there, as the browser would fetch it.
pub(crate) fn read_content(path: &str) -> Result<String, ApiError> {
    let root = CONTENT.get().ok_or(ApiError::Network)?;
    std::fs::read_to_string(root.join(path)).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => ApiError::NotFound,
        _ => ApiError::Server(500),
    })
}

/// Trunk's `index.html`, cut where each page's head and body go, and the
/// loader every page names.
#[derive(Debug, Clone)]
pub struct Shell {
    before_head: String,
    after_head: String,
    tail: String,
    /// The loader, a file of its own: its path in the site, and its text.
    pub loader: (String, String),
}

impl Shell {
    /// Takes Trunk's `index.html`: it must have the `<!--HEAD-->` marker and
    /// an empty `<body></body>`, and must not be a page rendered already.
    /// Trunk's loader gives way to [`loader`]'s.
    pub fn parse(index_html: &str) -> Result<Self, String> {
        if index_html.contains(RENDERED_PATH) {
            return Err("index.html is already a rendered page: run Trunk first".into());
        }
        let (index_html, loader) = with_our_loader(index_html)?;
        let index_html = index_html.as_str();
        let (before_head, rest) = index_html
            .split_once("<!--HEAD-->")
            .ok_or("index.html has no <!--HEAD--> marker in its <head>")?;
        let (after_head, tail) = rest
            .split_once("<body></body>")
            .ok_or("index.html has no empty <body></body>")?;
        Ok(Shell {
            before_head: before_head.to_owned(),
            after_head: after_head.to_owned(),
            tail: tail.to_owned(),
            loader,
        })
    }
}

/// Replaces Trunk's wasm loader (an inline module that fetches and starts
/// the app at once, and a `preload` of the wasm in the head) with a
/// reference to [`loader`]'s, and returns that loader's file.
fn with_our_loader(index_html: &str) -> Result<(String, (String, String)), String> {
    let unexpected = |what: &str| format!("Trunk's index.html has no {what}: has Trunk changed?");
    let start = index_html
        .find("<script type=\"module\">")
        .ok_or_else(|| unexpected("inline module loader"))?;
    let end = index_html
        .get(start..)
        .and_then(|rest| rest.find("</script>"))
        .map(|at| start + at + "</script>".len())
        .ok_or_else(|| unexpected("end to its loader"))?;
    let trunk_loader = index_html.get(start..end).unwrap_or_default();
    let quoted_after = |marker: &str| {
        let from = trunk_loader.find(marker)? + marker.len();
        let rest = trunk_loader.get(from..)?;
        rest.get(..rest.find('\'')?)
    };
    let glue = quoted_after("from '").ok_or_else(|| unexpected("JavaScript glue in its loader"))?;
    let wasm = quoted_after("module_or_path: '").ok_or_else(|| unexpected("wasm in its loader"))?;
    let text = loader(glue, wasm);
    let path = format!("/start-{:016x}.js", fnv1a(text.as_bytes()));
    let mut html = String::with_capacity(index_html.len());
    html.push_str(index_html.get(..start).unwrap_or_default());
    html.push_str(&format!("<script type=\"module\" src=\"{path}\"></script>"));
    html.push_str(index_html.get(end..).unwrap_or_default());
    let preload = format!("<link rel=\"preload\" href=\"{wasm}\"");
    if let Some(at) = html.find(&preload) {
        let close = html
            .get(at..)
            .and_then(|rest| rest.find('>'))
            .ok_or_else(|| unexpected("end to the wasm's preload"))?;
        html.replace_range(at..=at + close, "");
    }
    Ok((html, (path, text)))
}

/// The loader: the JavaScript glue (small) is fetched at once; the wasm
/// (most of what a page downloads) is fetched, and the app started, only
/// once the first paint is on the screen (the browser reports it as a
/// `paint` entry), so that neither competes with the reader's first sight
/// of the page. A page that is not painted (a tab opened in the background)
/// starts after a second.
///
/// Before that, from the start, it marks every picture that fails to load
/// (those that failed before it ran, and any later, on this page or the
/// next) `data-failed`, which the stylesheet shows as the empty space the
/// picture would have filled: never a broken-image icon, nothing moves.
/// A failed picture is drawn at its own shape by no engine (WebKit draws a
/// square), so the loader fixes its shape at once (`aspect-ratio` from its
/// width and height, set through the CSSOM, which the CSP allows), and its
/// failed source gives way to an empty drawing of that shape, which every
/// engine draws alike once it has loaded.
pub fn loader(glue: &str, wasm: &str) -> String {
    format!(
        "import init from '{glue}';\n\
         const failed = (image) => {{\n  \
         if (image.hasAttribute('data-failed')) return;\n  \
         image.setAttribute('data-failed', '');\n  \
         const [width, height] = [image.getAttribute('width'), image.getAttribute('height')];\n  \
         if (width && height) image.style.aspectRatio = `${{width}} / ${{height}}`;\n  \
         image.removeAttribute('srcset');\n  \
         image.src = 'data:image/svg+xml,' + encodeURIComponent(\n    \
         `<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ${{width}} ${{height}}\"/>`);\n\
         }};\n\
         addEventListener('error', ({{ target }}) => target instanceof HTMLImageElement && failed(target), true);\n\
         for (const image of document.images) if (image.complete && !image.naturalWidth) failed(image);\n\
         new Promise((painted) => {{\n  \
         new PerformanceObserver(painted).observe({{ type: 'paint', buffered: true }});\n  \
         setTimeout(painted, 1000);\n\
         }}).then(() => init({{ module_or_path: '{wasm}' }}));\n"
    )
}

/// A fingerprint of `bytes` for a file name (FNV-1a, 64 bits): it changes
/// when the file does, so the file can be cached for good.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The server's shared context, keeping a copy of what it tells the
/// browser (each piece of data it serializes, and the suspense boundaries
/// that went out showing their fallback), so the page can carry it as JSON.
struct PageData {
    inner: SsrSharedContext,
    written: Arc<Mutex<Vec<(usize, String)>>>,
    incomplete: Arc<Mutex<Vec<usize>>>,
}

impl std::fmt::Debug for PageData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageData").finish_non_exhaustive()
    }
}

impl SharedContext for PageData {
    fn is_browser(&self) -> bool {
        self.inner.is_browser()
    }
    fn next_id(&self) -> SerializedDataId {
        self.inner.next_id()
    }
    fn write_async(&self, id: SerializedDataId, fut: PinnedFuture<String>) {
        let written = Arc::clone(&self.written);
        let index = id.clone().into_inner();
        self.inner.write_async(
            id,
            Box::pin(async move {
                let data = fut.await;
                written
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((index, data.clone()));
                data
            }),
        );
    }
    fn read_data(&self, id: &SerializedDataId) -> Option<String> {
        self.inner.read_data(id)
    }
    fn await_data(&self, id: &SerializedDataId) -> Option<String> {
        self.inner.await_data(id)
    }
    fn pending_data(&self) -> Option<PinnedStream<String>> {
        self.inner.pending_data()
    }
    fn during_hydration(&self) -> bool {
        self.inner.during_hydration()
    }
    fn hydration_complete(&self) {
        self.inner.hydration_complete();
    }
    fn get_is_hydrating(&self) -> bool {
        self.inner.get_is_hydrating()
    }
    fn set_is_hydrating(&self, is_hydrating: bool) {
        self.inner.set_is_hydrating(is_hydrating);
    }
    fn take_errors(&self) -> Vec<(SerializedDataId, throw_error::ErrorId, throw_error::Error)> {
        self.inner.take_errors()
    }
    fn errors(
        &self,
        boundary_id: &SerializedDataId,
    ) -> Vec<(throw_error::ErrorId, throw_error::Error)> {
        self.inner.errors(boundary_id)
    }
    fn seal_errors(&self, boundary_id: &SerializedDataId) {
        self.inner.seal_errors(boundary_id);
    }
    fn register_error(
        &self,
        error_boundary: SerializedDataId,
        error_id: throw_error::ErrorId,
        error: throw_error::Error,
    ) {
        self.inner.register_error(error_boundary, error_id, error);
    }
    fn defer_stream(&self, wait_for: PinnedFuture<()>) {
        self.inner.defer_stream(wait_for);
    }
    fn await_deferred(&self) -> Option<PinnedFuture<()>> {
        self.inner.await_deferred()
    }
    fn set_incomplete_chunk(&self, id: SerializedDataId) {
        self.incomplete
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(id.clone().into_inner());
        self.inner.set_incomplete_chunk(id);
    }
    fn get_incomplete_chunk(&self, id: &SerializedDataId) -> bool {
        self.inner.get_incomplete_chunk(id)
    }
}

/// One page of the site and the file it is written to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The path the app renders, as a reader's address bar shows it.
    pub route: String,
    /// Where in `dist/` the page goes.
    pub file: PathBuf,
    /// Whether the browser takes this page over as it is; not for the 404
    /// page, which stands in for any path.
    pub hydrates: bool,
}

impl Page {
    fn at(route: &str, file: &str) -> Self {
        Page {
            route: route.into(),
            file: file.into(),
            hydrates: true,
        }
    }
}

/// Every page to prerender: the front page, each of `stories` (which the
/// content check has passed) and each of their sections, the privacy page,
/// the newsletter's confirm and unsubscribe pages (their shells: what they
/// show depends on the link's token) and the 404 page.
pub fn site_pages(stories: &[Article]) -> Vec<Page> {
    let mut pages = vec![
        Page::at("/", "index.html"),
        Page::at("/privacy", "privacy.html"),
        Page::at("/newsletter/confirm", "newsletter/confirm.html"),
        Page::at("/newsletter/unsubscribe", "newsletter/unsubscribe.html"),
        Page {
            route: "/404".into(),
            file: "404.html".into(),
            hydrates: false,
        },
    ];
    let mut slugs: Vec<&str> = stories.iter().map(|story| story.slug.as_str()).collect();
    slugs.sort_unstable();
    pages.extend(
        slugs
            .into_iter()
            .map(|slug| Page::at(&format!("/news/{slug}"), &format!("news/{slug}.html"))),
    );
    pages.extend(
        crate::publish::sections(stories)
            .sections
            .iter()
            .map(|section| Page::at(&section.path(), &format!("section/{}.html", section.slug))),
    );
    pages
}

/// Renders each page into `shell`, in order, and returns their HTML.
pub fn render_pages(shell: &Shell, pages: &[Page]) -> Result<Vec<String>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| err.to_string())?;
    // Already set when called twice in one process (as tests do).
    let _ = any_spawner::Executor::init_tokio();
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async {
        let mut html = Vec::with_capacity(pages.len());
        for page in pages {
            html.push(render_page(shell, page).await?);
        }
        Ok(html)
    })
}

async fn render_page(shell: &Shell, page: &Page) -> Result<String, String> {
    let shared = Arc::new(PageData {
        inner: SsrSharedContext::new(),
        written: Arc::default(),
        incomplete: Arc::default(),
    });
    let owner = Owner::new_root(Some(
        Arc::clone(&shared) as Arc<dyn SharedContext + Send + Sync>
    ));
    let head = HeadSlot::default();
    let app = owner.with(|| {
        provide_context(RequestUrl::new(&page.route));
        provide_context(head.clone());
        view! { <App/> }.to_html_stream_in_order()
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
    let script: String = match shared.pending_data() {
        Some(chunks) => chunks.collect::<Vec<_>>().await.concat(),
        None => String::new(),
    };
    if !script.contains("__SERIALIZED_ERRORS=[];") || script.contains("__SERIALIZED_ERRORS.push") {
        return Err(format!(
            "{}: has errors to serialize, which a page cannot carry",
            page.route
        ));
    }
    drop(owner);
    let data = page_data_json(
        &shared.written.lock().unwrap_or_else(|e| e.into_inner()),
        &shared.incomplete.lock().unwrap_or_else(|e| e.into_inner()),
    );
    let head = head.take().map(|head| head.to_html()).unwrap_or_default();
    let rendered_path = if page.hydrates {
        page.route.as_str()
    } else {
        ""
    };
    Ok(format!(
        "{}<!--HEAD-->{head}<!--/HEAD-->{}<body {RENDERED_PATH}=\"{rendered_path}\">{body}\
         <script type=\"application/json\" id=\"{PAGE_DATA}\">{data}</script></body>{}",
        shell.before_head, shell.after_head, shell.tail
    ))
}

/// What hydration needs, as JSON: `resources`, the serialized data indexed
/// by id, and `incomplete`, the ids of the suspense boundaries that went
/// out showing their fallback; `<` escaped, so that nothing in it can end
/// the element it is in.
fn page_data_json(written: &[(usize, String)], incomplete: &[usize]) -> String {
    let size = written
        .iter()
        .map(|(index, _)| index + 1)
        .max()
        .unwrap_or(0);
    let mut resources = vec![serde_json::Value::Null; size];
    for (index, data) in written {
        if let Some(slot) = resources.get_mut(*index) {
            *slot = serde_json::Value::String(data.clone());
        }
    }
    serde_json::json!({ "resources": resources, "incomplete": incomplete })
        .to_string()
        .replace('<', "\\u003c")
}
