//! Settings fixed at build time, from environment variables read by `cargo`
//! (and so by `trunk build`). See the README's "Configuration".

/// Where the article JSON lives: `NEWS_API_BASE`, default `/api/v1`
/// (the static files in `public/api/v1`, served beside the app).
pub const API_BASE: &str = match option_env!("NEWS_API_BASE") {
    Some(base) => base,
    None => "/api/v1",
};

/// The site's public origin for canonical and share URLs: `NEWS_SITE_URL`,
/// such as `https://www.example.co.uk`. The prerender requires it, and
/// `scripts/build` sets it (to `http://127.0.0.1:8080` unless told
/// otherwise) for the app and the prerender alike, so both name the same
/// URLs. In a browser build made without it, the page's own origin is used.
pub const SITE_URL: Option<&str> = option_env!("NEWS_SITE_URL");

/// Where newsletter signups are POSTed: `NEWS_SIGNUP_URL`, default
/// `/api/v1/newsletter` (the signup service beside the site); its confirm
/// and unsubscribe endpoints are beside it.
pub const SIGNUP_URL: &str = match option_env!("NEWS_SIGNUP_URL") {
    Some(url) => url,
    None => crate::routes::SIGNUP_API,
};

/// How long a signup may take before the reader is offered "Try again".
pub const SIGNUP_TIMEOUT_MS: u32 = 10_000;

pub use crate::model::SITE_NAME;

/// How long a fetch may take before the reader is told it timed out.
pub const FETCH_TIMEOUT_MS: u32 = 10_000;

/// The BREAKING ticker's feed: `NEWS_HEADLINES_URL`, default
/// `<API_BASE>/headlines.json`.
pub fn headlines_url() -> String {
    option_env!("NEWS_HEADLINES_URL")
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{API_BASE}/headlines.json"))
}

/// Seconds between refreshes of the ticker: `NEWS_HEADLINES_REFRESH_SECS`,
/// default 60.
pub fn headlines_refresh_secs() -> u32 {
    option_env!("NEWS_HEADLINES_REFRESH_SECS")
        .and_then(|secs| secs.parse().ok())
        .filter(|secs| *secs >= 5)
        .unwrap_or(60)
}

/// The attribute on a prerendered page's `<body>` that names the path it was
/// rendered for: the browser hydrates a page only at that path.
pub const RENDERED_PATH: &str = "data-rendered-path";

/// The attribute on a prerendered page's `<body>` that names the split-off
/// part of the app its view is in (`pages::AppPart`), if any: the browser
/// fetches that part before it takes the page over.
pub const APP_PART: &str = "data-app-part";

/// The id of the JSON block in which a prerendered page carries what
/// hydration needs: the data its resources were rendered from.
pub const HYDRATION_DATA_ID: &str = "hydration-data";
