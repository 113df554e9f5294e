//! The static site, served as a CDN serves it when configured by the
//! build's own files: each page at its clean URL, files as they are (their
//! brotli or gzip copy where the browser takes one), and the headers and
//! 404 rules the build wrote into `_headers` and `_redirects`. Those are the
//! files a CDN reads, so the rules are written once, by the build.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderName, HeaderValue, Method, StatusCode, Uri},
    response::{IntoResponse, Response},
    Router,
};
use news_portal::publish::headers::{self, Redirect, Rule};
use std::{
    path::{Path, PathBuf},
    sync::Arc,
};
use tower::ServiceExt;
use tower_http::{
    compression::{CompressionLayer, CompressionLevel},
    services::ServeDir,
};

/// The built site and the rules it came with.
#[derive(Clone)]
pub struct ServedSite {
    dist: PathBuf,
    files: ServeDir,
    rules: Arc<Vec<Rule>>,
    /// The rules of `_redirects` for paths the site does not have.
    missing: Arc<Vec<Redirect>>,
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

impl ServedSite {
    /// Reads the rules in `dist` (`_headers`, `_redirects`), which must also
    /// have its `index.html` and `404.html`.
    pub fn load(dist: &Path) -> std::io::Result<Self> {
        let read = |file: &str| {
            std::fs::read_to_string(dist.join(file)).map_err(|err| {
                std::io::Error::other(format!(
                    "{}/{file}: {err} (scripts/build writes it)",
                    dist.display()
                ))
            })
        };
        for page in ["index.html", "404.html"] {
            read(page)?;
        }
        let rules = headers::parse(&read("_headers")?)
            .map_err(|err| std::io::Error::other(format!("_headers: {err}")))?;
        let missing = headers::parse_redirects(&read("_redirects")?)
            .map_err(|err| std::io::Error::other(format!("_redirects: {err}")))?
            .into_iter()
            .filter(|redirect| matches!(redirect.status, 404 | 410))
            .collect();
        Ok(ServedSite {
            dist: dist.to_owned(),
            files: ServeDir::new(dist)
                .append_index_html_on_directories(false)
                .precompressed_br()
                .precompressed_gzip(),
            rules: Arc::new(rules),
            missing: Arc::new(missing),
        })
    }

    /// The newsletter's page, and the headers it is served with: where a
    /// signup the service could not take is shown again.
    pub fn form_page(&self) -> crate::signup_form::FormPage {
        let path = news_portal::routes::Route::Newsletter;
        crate::signup_form::FormPage {
            file: self.dist.join(path.file()),
            headers: headers::headers_for(&self.rules, &path.path())
                .into_iter()
                .filter_map(|(name, value)| {
                    Some((
                        HeaderName::try_from(name.as_str()).ok()?,
                        HeaderValue::try_from(value.as_str()).ok()?,
                    ))
                })
                .collect(),
        }
    }

    /// Every path: its page, else a file from `dist`, else what `_redirects`
    /// says answers 404 there, else `404.html` with status 404.
    pub fn router(self) -> Router {
        Router::new()
            .fallback(serve)
            .with_state(Arc::new(self))
            // Pages and JSON compressed as they are sent, at the quick
            // level a CDN uses for that (brotli's default, 11, costs tens
            // of milliseconds a file); the app's files have brotli 11
            // copies beside them.
            .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
    }

    /// What answers a `path` the site does not have: the file the first
    /// rule of `_redirects` that matches it names, with that rule's status
    /// (410 Gone for a withdrawn story, 404 under `/api/`), else `404.html`
    /// with status 404.
    async fn missing(&self, path: &str, request: Request) -> Response {
        let (target, status) = self
            .missing
            .iter()
            .find(|rule| headers::matches(&rule.from, path))
            .map_or(("/404.html", StatusCode::NOT_FOUND), |rule| {
                (
                    rule.to.as_str(),
                    StatusCode::from_u16(rule.status).unwrap_or(StatusCode::NOT_FOUND),
                )
            });
        match self.file(target, request).await {
            Some(mut response) => {
                *response.status_mut() = status;
                response
            }
            None => (StatusCode::NOT_FOUND, "Not found").into_response(),
        }
    }

    /// `dist`'s file at `path`, as `ServeDir` serves it to `request`.
    async fn file(&self, path: &str, mut request: Request) -> Option<Response> {
        let query = request
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        *request.uri_mut() = Uri::try_from(format!("{path}{query}")).ok()?;
        match self.files.clone().oneshot(request).await {
            Ok(response) if response.status() != StatusCode::NOT_FOUND => {
                Some(response.map(Body::new))
            }
            _ => None,
        }
    }
}

async fn serve(State(site): State<Arc<ServedSite>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let readable = request.method() == Method::GET || request.method() == Method::HEAD;
    // A CDN reads its `_headers` and `_redirects`; it does not serve them.
    let rules_file = path == "/_headers" || path == "/_redirects";
    let target = page_file(&path)
        .filter(|file| readable && site.dist.join(file).is_file())
        .map_or_else(|| path.clone(), |file| format!("/{file}"));
    // What a miss is answered with is asked for as this request was.
    let mut again = Request::new(Body::empty());
    *again.method_mut() = if request.method() == Method::HEAD {
        Method::HEAD
    } else {
        Method::GET
    };
    *again.headers_mut() = request.headers().clone();
    let found = if rules_file {
        None
    } else {
        site.file(&target, request).await
    };
    let mut response = match found {
        Some(response) => response,
        None => site.missing(&path, again).await,
    };
    let headers = response.headers_mut();
    for (name, value) in headers::headers_for(&site.rules, &path) {
        if let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            headers.insert(name, value);
        }
    }
    response
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
}
