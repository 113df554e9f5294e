//! The static site, served the way the CDN serves it: each prerendered page
//! at its clean URL with its own Content-Security-Policy, the other files
//! as they are, and the 404 page, with status 404, for any path without one.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
    Router,
};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::{collections::HashMap, path::Path, sync::Arc};
use tower::ServiceExt;
use tower_http::{compression::CompressionLayer, services::ServeDir};

/// The built site: its files, and its pages with the policy each needs.
#[derive(Clone)]
pub struct Site {
    files: ServeDir,
    pages: Arc<HashMap<String, Page>>,
}

/// A prerendered page: its HTML and its own policy, which allows exactly
/// its inline scripts (Trunk's loader and the page's data) by hash.
struct Page {
    html: Arc<str>,
    csp: HeaderValue,
}

impl Page {
    fn read(file: &Path) -> std::io::Result<Self> {
        let html: Arc<str> = std::fs::read_to_string(file)?.into();
        let csp = HeaderValue::from_str(&content_security_policy(&html))
            .map_err(std::io::Error::other)?;
        Ok(Page { html, csp })
    }
}

/// The file that holds the page at `path`, if any could: `/` is
/// `index.html`; `/news/a-story` is `news/a-story.html` (the clean-URL rule
/// a CDN applies); `/news/a-story.html` is itself.
pub fn page_file(path: &str) -> Option<String> {
    let path = path.strip_prefix('/')?;
    if path.is_empty() {
        return Some("index.html".into());
    }
    if path
        .split('/')
        .any(|part| part.is_empty() || part.starts_with('.'))
    {
        return None;
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.ends_with(".html") {
        Some(path.to_owned())
    } else if last.contains('.') {
        None
    } else {
        Some(format!("{path}.html"))
    }
}

impl Site {
    /// Reads every page in `dist` (it must have an `index.html` and a
    /// `404.html`) and prepares the policy each needs.
    pub fn load(dist: &Path) -> std::io::Result<Self> {
        let mut pages = HashMap::new();
        collect_pages(dist, dist, &mut pages)?;
        for required in ["index.html", "404.html"] {
            if !pages.contains_key(required) {
                return Err(std::io::Error::other(format!(
                    "{} has no {required}",
                    dist.display()
                )));
            }
        }
        Ok(Site {
            files: ServeDir::new(dist)
                .append_index_html_on_directories(false)
                .precompressed_br()
                .precompressed_gzip(),
            pages: Arc::new(pages),
        })
    }

    /// Every path: its page, else a file from `dist`, else 404 (the site's
    /// 404 page; JSON under `/api/`).
    pub fn router(self) -> Router {
        Router::new()
            .fallback(serve)
            .with_state(Arc::new(self))
            .layer(CompressionLayer::new())
    }
}

fn collect_pages(
    dist: &Path,
    folder: &Path,
    pages: &mut HashMap<String, Page>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_pages(dist, &path, pages)?;
        } else if path.extension().is_some_and(|ext| ext == "html") {
            let name = path
                .strip_prefix(dist)
                .map_err(std::io::Error::other)?
                .to_string_lossy()
                .replace('\\', "/");
            pages.insert(name, Page::read(&path)?);
        }
    }
    Ok(())
}

async fn serve(State(site): State<Arc<Site>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let readable = request.method() == Method::GET || request.method() == Method::HEAD;
    let page = page_file(&path).and_then(|file| site.pages.get(&file));
    let mut response = match page {
        Some(page) if readable => page_response(StatusCode::OK, page),
        _ => match site.files.clone().oneshot(request).await {
            Ok(response) if response.status() != StatusCode::NOT_FOUND => response.map(Body::new),
            _ => not_found(&site, &path),
        },
    };
    let headers = response.headers_mut();
    apply_cache_policy(&path, headers);
    apply_security_headers(headers);
    response
}

fn page_response(status: StatusCode, page: &Page) -> Response {
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CONTENT_SECURITY_POLICY, page.csp.clone()),
        ],
        page.html.to_string(),
    )
        .into_response()
}

fn not_found(site: &Site, path: &str) -> Response {
    if path.starts_with("/api/") {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"error":"not_found","message":"There is nothing at this address."}"#,
        )
            .into_response();
    }
    match site.pages.get("404.html") {
        Some(page) => page_response(StatusCode::NOT_FOUND, page),
        None => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}

/// Trunk names built assets `name-<16 hex digits>.ext` (the wasm
/// `name-<hash>_bg.wasm`): those never change.
pub fn is_fingerprinted(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The `Cache-Control` a path gets.
pub fn cache_control(path: &str, content_type: Option<&str>) -> &'static str {
    let html = content_type.is_some_and(|ct| ct.starts_with("text/html"));
    if html {
        // Pages name the current assets: always revalidate them.
        "no-cache"
    } else if is_fingerprinted(path) {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/api/") {
        // News goes stale fast; a minute at the edge, then revalidate.
        "public, max-age=60, stale-while-revalidate=300"
    } else {
        "public, max-age=3600"
    }
}

fn apply_cache_policy(path: &str, headers: &mut HeaderMap) {
    if headers.contains_key(header::CACHE_CONTROL) {
        return;
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let value = cache_control(path, content_type);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
}

fn apply_security_headers(headers: &mut HeaderMap) {
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(ASSET_POLICY),
        );
    }
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
}

/// Headers every response carries, besides the Content-Security-Policy.
pub const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
];

/// The policy of everything that is not a page: nothing in it may run.
pub const ASSET_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// A CSP that allows the site's own files, WebAssembly, and exactly the
/// inline scripts of `page`, by hash.
pub fn content_security_policy(page: &str) -> String {
    let hashes: String = inline_scripts(page)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
            format!(" 'sha256-{encoded}'")
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The text of each `<script>` in `html` that runs: no `src`, and no data
/// block such as `application/ld+json` (which no policy covers).
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, after) = rest.split_once('>')?;
        let data_block = tag.contains("type=") && !tag.contains("type=\"module\"");
        if tag.contains("src=") || data_block {
            return None;
        }
        after.split_once("</script>").map(|(body, _)| body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_found_at_their_clean_urls() {
        for (path, file) in [
            ("/", Some("index.html")),
            ("/news/a-story", Some("news/a-story.html")),
            ("/news/a-story.html", Some("news/a-story.html")),
            ("/privacy", Some("privacy.html")),
            ("/newsletter/confirm", Some("newsletter/confirm.html")),
            ("/news/a-story/", None),
            ("/missing.js", None),
            ("/api/v1/articles/x.json", None),
            ("/news/../secret", None),
            ("/.hidden", None),
            ("//evil", None),
        ] {
            assert_eq!(page_file(path), file.map(str::to_owned), "{path}");
        }
    }

    #[test]
    fn fingerprinted_assets_are_cached_for_a_year_and_pages_never() {
        assert_eq!(
            cache_control(
                "/news-portal-1a2b3c4d5e6f7a8b_bg.wasm",
                Some("application/wasm")
            ),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_control("/main-0123456789abcdef.css", Some("text/css")),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("/", Some("text/html")), "no-cache");
        assert_eq!(
            cache_control("/news/x", Some("text/html; charset=utf-8")),
            "no-cache"
        );
        assert_eq!(
            cache_control("/api/v1/articles/index.json", Some("application/json")),
            "public, max-age=60, stale-while-revalidate=300"
        );
        assert_eq!(
            cache_control("/robots.txt", Some("text/plain")),
            "public, max-age=3600"
        );
    }

    #[test]
    fn csp_allows_exactly_the_inline_scripts_that_run_by_hash() {
        let page = r#"<script src="/a.js"></script><script type="module">init()</script>
            <script>__RESOLVED_RESOURCES=[]</script>
            <script type="application/ld+json">{"@type":"NewsArticle"}</script>"#;
        let csp = content_security_policy(page);
        for script in ["init()", "__RESOLVED_RESOURCES=[]"] {
            let expected =
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
            assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        }
        assert_eq!(csp.matches("'sha256-").count(), 2);
        assert!(!csp.contains("unsafe-inline"));
    }
}
