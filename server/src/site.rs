//! The static site, served the way the CDN serves it.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
    Router,
};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::{path::Path, sync::Arc};
use tower::ServiceExt;
use tower_http::{compression::CompressionLayer, services::ServeDir};

/// The built site: its files, and the app shell every deep link gets.
#[derive(Clone)]
pub struct Site {
    files: ServeDir,
    shell: Arc<str>,
    csp: HeaderValue,
}

impl Site {
    /// Reads `dist/index.html` and prepares the headers it needs.
    pub fn load(dist: &Path) -> std::io::Result<Self> {
        let shell: Arc<str> = std::fs::read_to_string(dist.join("index.html"))?.into();
        let csp = HeaderValue::from_str(&content_security_policy(&shell))
            .map_err(std::io::Error::other)?;
        Ok(Site {
            files: ServeDir::new(dist).append_index_html_on_directories(true),
            shell,
            csp,
        })
    }

    /// Every path: a file from `dist`, else the app shell for an app route,
    /// else 404.
    pub fn router(self) -> Router {
        Router::new()
            .fallback(serve)
            .with_state(Arc::new(self))
            .layer(CompressionLayer::new())
    }
}

async fn serve(State(site): State<Arc<Site>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    let mut response = match site.files.clone().oneshot(request).await {
        Ok(response) if response.status() != StatusCode::NOT_FOUND => response.map(Body::new),
        _ if (method == Method::GET || method == Method::HEAD) && is_app_route(&path) => {
            shell_response(&site.shell)
        }
        _ => not_found(&path),
    };
    let headers = response.headers_mut();
    apply_cache_policy(&path, headers);
    apply_security_headers(headers, &site.csp);
    response
}

fn shell_response(shell: &str) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        shell.to_owned(),
    )
        .into_response()
}

fn not_found(path: &str) -> Response {
    if path.starts_with("/api/") {
        (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"error":"not_found","message":"There is nothing at this address."}"#,
        )
            .into_response()
    } else {
        (StatusCode::NOT_FOUND, "Not found").into_response()
    }
}

/// Paths the app's router handles: anything outside `/api/` whose last
/// segment has no file extension. `/news/a-story` is the app; `/app.js` that
/// does not exist is a real 404, not a page of HTML.
pub fn is_app_route(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    !path.starts_with("/api/") && !last.contains('.')
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
        // The shell names the current assets: always revalidate it.
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

fn apply_security_headers(headers: &mut HeaderMap, csp: &HeaderValue) {
    headers.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
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

/// A CSP that allows the site's own files, WebAssembly, and exactly the
/// inline scripts of `shell` (Trunk's loader), by hash.
pub fn content_security_policy(shell: &str) -> String {
    let hashes: String = inline_scripts(shell)
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

/// The text of each `<script>` in `html` that has no `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, after) = rest.split_once('>')?;
        if tag.contains("src=") {
            return None;
        }
        after.split_once("</script>").map(|(body, _)| body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_routes_are_paths_without_extensions_outside_the_api() {
        for (path, expected) in [
            ("/", true),
            ("/news/a-story", true),
            ("/no/such/page", true),
            ("/news/a-story.json", false),
            ("/missing.js", false),
            ("/api/v1/articles/x", false),
            ("/api/v1/articles/x.json", false),
        ] {
            assert_eq!(is_app_route(path), expected, "{path}");
        }
    }

    #[test]
    fn fingerprinted_assets_are_cached_for_a_year_and_the_shell_never() {
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
    fn csp_allows_exactly_the_inline_loader_by_hash() {
        let shell = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        let csp = content_security_policy(shell);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init()"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(!csp.contains("unsafe-inline"));
    }
}
