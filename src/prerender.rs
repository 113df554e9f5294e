//! Every page rendered to HTML at build time, natively, by the same `App`,
//! routes and components the browser then hydrates (`src/bin/prerender.rs`
//! runs it after Trunk).
//!
//! A page is Trunk's `index.html` (the shell: stylesheet, the wasm loader,
//! `<!--HEAD-->` where `leptos_meta` puts the page's head) with the app's
//! HTML right after `<body>` (hydration walks `<body>` from its first node,
//! so nothing may come before it), then the data the page's resources were
//! rendered from, which the browser reads instead of fetching it again.

use crate::config::RENDERED_PATH;
use crate::model::{ApiError, Article, PageHead};
use crate::App;
use futures::StreamExt;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use std::{
    path::{Path, PathBuf},
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

/// Trunk's `index.html`, cut where each page's head and body go.
#[derive(Debug, Clone)]
pub struct Shell {
    before_head: String,
    after_head: String,
    tail: String,
}

impl Shell {
    /// Takes Trunk's `index.html`: it must have the `<!--HEAD-->` marker and
    /// an empty `<body></body>`, and must not be a page rendered already.
    /// Trunk's loader gives way to [`loader`]'s.
    pub fn parse(index_html: &str) -> Result<Self, String> {
        if index_html.contains(RENDERED_PATH) {
            return Err("index.html is already a rendered page: run Trunk first".into());
        }
        let index_html = &with_our_loader(index_html)?;
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
        })
    }
}

/// Replaces Trunk's wasm loader (an inline module that fetches and starts
/// the app at once, and a `preload` of the wasm in the head) with
/// [`loader`]'s.
fn with_our_loader(index_html: &str) -> Result<String, String> {
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
    let mut html = String::with_capacity(index_html.len());
    html.push_str(index_html.get(..start).unwrap_or_default());
    html.push_str(&loader(glue, wasm));
    html.push_str(index_html.get(end..).unwrap_or_default());
    let preload = format!("<link rel=\"preload\" href=\"{wasm}\"");
    if let Some(at) = html.find(&preload) {
        let close = html
            .get(at..)
            .and_then(|rest| rest.find('>'))
            .ok_or_else(|| unexpected("end to the wasm's preload"))?;
        html.replace_range(at..=at + close, "");
    }
    Ok(html)
}

/// The page's loader: the JavaScript glue (small) is fetched at once; the
/// wasm (most of what a page downloads) is fetched, and the app started,
/// only once the first paint is on the screen (the browser reports it as a
/// `paint` entry), so that neither competes with the reader's first sight
/// of the page. A page that is not painted (a tab opened in the background)
/// starts after a second.
pub fn loader(glue: &str, wasm: &str) -> String {
    format!(
        "<script type=\"module\">import init from '{glue}';\
         new Promise((painted) => {{ new PerformanceObserver(painted).observe({{ type: 'paint', buffered: true }}); \
         setTimeout(painted, 1000); }}).then(() => init({{ module_or_path: '{wasm}' }}));</script>"
    )
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

/// Every page to prerender: the front page, each story in `articles`
/// (checked to decode, so a broken story stops the build), the privacy
/// page, the confirmation page's shell and the 404 page.
pub fn site_pages(articles: &Path) -> Result<Vec<Page>, String> {
    let mut stories = Vec::new();
    let listing = std::fs::read_dir(articles)
        .map_err(|err| format!("cannot list {}: {err}", articles.display()))?;
    for entry in listing {
        let path = entry.map_err(|err| err.to_string())?.path();
        let Some(slug) = path
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_suffix(".json"))
        else {
            continue;
        };
        if slug == "index" {
            continue;
        }
        let json = std::fs::read_to_string(&path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        let article = Article::from_json(&json)
            .map_err(|err| format!("{}: {err}", path.display()))?
            .value;
        if article.slug != slug {
            return Err(format!(
                "{}: its slug is {:?}, not the file's name",
                path.display(),
                article.slug
            ));
        }
        stories.push(Page::at(
            &format!("/news/{slug}"),
            &format!("news/{slug}.html"),
        ));
    }
    stories.sort_by(|a, b| a.route.cmp(&b.route));
    let mut pages = vec![
        Page::at("/", "index.html"),
        Page::at("/privacy", "privacy.html"),
        Page::at("/newsletter/confirm", "newsletter/confirm.html"),
        Page {
            route: "/404".into(),
            file: "404.html".into(),
            hydrates: false,
        },
    ];
    pages.extend(stories);
    Ok(pages)
}

/// Renders each page into `shell`, in order, and returns their HTML.
pub fn render_pages(shell: &Shell, pages: &[Page]) -> std::io::Result<Vec<String>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Already set when called twice in one process (as tests do).
    let _ = any_spawner::Executor::init_tokio();
    let local = tokio::task::LocalSet::new();
    Ok(local.block_on(&runtime, async {
        let mut html = Vec::with_capacity(pages.len());
        for page in pages {
            html.push(render_page(shell, page).await);
        }
        html
    }))
}

async fn render_page(shell: &Shell, page: &Page) -> String {
    let shared = Arc::new(SsrSharedContext::new());
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
    let data: String = match shared.pending_data() {
        Some(chunks) => chunks.collect::<Vec<_>>().await.concat(),
        None => String::new(),
    };
    drop(owner);
    let head = head.take().map(|head| head.to_html()).unwrap_or_default();
    let rendered_path = if page.hydrates {
        page.route.as_str()
    } else {
        ""
    };
    format!(
        "{}<!--HEAD-->{head}<!--/HEAD-->{}<body {RENDERED_PATH}=\"{rendered_path}\">{body}<script>{data}</script></body>{}",
        shell.before_head, shell.after_head, shell.tail
    )
}
