//! Reading offline, and the site as an app on a phone's home screen: the
//! service worker the site serves at
//! [`SERVICE_WORKER`](routes::SERVICE_WORKER) (`src/offline/service_worker.js`),
//! with this build's values in it: which app it keeps, and the addresses it
//! treats as pages, stories and data, all from [`routes`] (a build whose app
//! changed makes a different worker, which the browser takes as an
//! update); and the web app manifest.

use crate::config::API_BASE;
use crate::model::{APP_ICONS, BRAND_COLOUR, SAVED_LIMIT_BYTES, SHORT_NAME, SITE_NAME};
use crate::routes::{self, Route};
use serde::Serialize;
use serde_json::json;

/// Where the web app manifest is (`index.html` links it).
pub const MANIFEST: &str = "manifest.webmanifest";

const TEMPLATE: &str = include_str!("../offline/service_worker.js");

/// The worker's values (`BUILD` in its source).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Build {
    /// The loader's path, which names this build's app.
    app: String,
    /// What it keeps of the app when it installs: the loader and every file
    /// the loader fetches.
    app_files: Vec<String>,
    offline_page: String,
    saved_list: String,
    never_saved: Vec<String>,
    saved_prefixes: Vec<String>,
    /// Data every page shows (the ticker's feed, the masthead's sections,
    /// what to read next), kept with the first pages.
    every_page: Vec<String>,
    story: StoryAddresses,
    /// A live page's files: `{prefix}{slug}/…`, and its latest file's
    /// name, whose `deleted` the worker reads; its pages of posts are
    /// `{story.page}{slug}{pages}{n}`.
    live: LiveAddresses,
    saved_limit: u64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct LiveAddresses {
    prefix: String,
    latest: String,
    pages: String,
}

/// Where a story's page and its JSON are: `{page}{slug}` and
/// `{data}{slug}{data_end}`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StoryAddresses {
    page: String,
    data: String,
    data_end: String,
    /// The one name under `data` that is not a story (the front page's
    /// list).
    not_a_slug: String,
}

/// The service worker of the app whose loader is at `loader` and which
/// fetches `fetched` (the glue, the wasm and the glue's snippets).
pub fn service_worker(loader: &str, fetched: &[String]) -> String {
    let api = |path: &str| format!("{API_BASE}/{path}");
    let example = "0-slug-0";
    let story_page = Route::Story(example.into()).path();
    let story_data = api(&Route::Story(example.into()).data().unwrap_or_default());
    let (data, data_end) = story_data.split_once(example).unwrap_or_default();
    let front = Route::Front.data().unwrap_or_default();
    let not_a_slug = front
        .rsplit('/')
        .next()
        .and_then(|file| file.strip_suffix(data_end))
        .unwrap_or_default();
    let build = Build {
        app: loader.to_owned(),
        app_files: std::iter::once(loader.to_owned())
            .chain(fetched.iter().cloned())
            .collect(),
        offline_page: Route::Offline.path(),
        saved_list: api(routes::SAVED_DATA),
        // The newsletter's pages (a link from a mail is used once) and the
        // signup service: always the network.
        never_saved: vec![
            format!("/{}/", routes::NEWSLETTER),
            routes::SIGNUP_API.to_owned(),
            routes::TEST_PANIC.to_owned(),
        ],
        saved_prefixes: vec![format!("{API_BASE}/"), "/images/".to_owned()],
        every_page: vec![
            crate::config::headlines_url(),
            api(routes::SECTIONS_DATA),
            api(routes::READ_NEXT_DATA),
        ],
        story: StoryAddresses {
            page: story_page
                .strip_suffix(example)
                .unwrap_or_default()
                .to_owned(),
            data: data.to_owned(),
            data_end: data_end.to_owned(),
            not_a_slug: not_a_slug.to_owned(),
        },
        live: {
            let latest = api(&routes::live_latest_data(example));
            let (prefix, rest) = latest.split_once(example).unwrap_or_default();
            let pages = Route::LivePosts {
                slug: example.into(),
                page: 0,
            }
            .path();
            // `/news/{slug}/page/0`: what comes between the slug and the number.
            let pages = pages
                .split_once(example)
                .and_then(|(_, rest)| rest.strip_suffix('0'))
                .unwrap_or_default();
            LiveAddresses {
                prefix: prefix.to_owned(),
                latest: rest.trim_start_matches('/').to_owned(),
                pages: pages.to_owned(),
            }
        },
        saved_limit: SAVED_LIMIT_BYTES,
    };
    // JSON is a JavaScript expression.
    let values = serde_json::to_string(&build).unwrap_or_default();
    TEMPLATE.replace("'@build'", &values)
}

/// The web app manifest: what a browser installs the site as.
pub fn web_app_manifest() -> String {
    let icons: Vec<_> = APP_ICONS
        .iter()
        .map(|(src, size, maskable)| {
            json!({
                "src": src,
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": if *maskable { "maskable" } else { "any" },
            })
        })
        .collect();
    let manifest = json!({
        "name": SITE_NAME,
        "short_name": SHORT_NAME,
        "description": "The news that matters in Britain, around the clock: stories you open can be read offline.",
        "lang": "en-GB",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": BRAND_COLOUR,
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build_of(worker: &str) -> serde_json::Value {
        let line = worker
            .lines()
            .find_map(|line| line.strip_prefix("const BUILD = "))
            .and_then(|rest| rest.strip_suffix(';'))
            .expect("the worker declares BUILD");
        serde_json::from_str(line).expect("BUILD is JSON")
    }

    #[test]
    fn the_worker_keeps_the_loader_and_every_file_it_fetches() {
        let worker = service_worker(
            "/start-0123456789abcdef.js",
            &["/app-1.js".into(), "/app-1_bg.wasm".into()],
        );
        let build = build_of(&worker);
        assert_eq!(build["app"], "/start-0123456789abcdef.js");
        assert_eq!(
            build["appFiles"],
            serde_json::json!(["/start-0123456789abcdef.js", "/app-1.js", "/app-1_bg.wasm"])
        );
        assert!(!worker.contains("'@build'"));
    }

    #[test]
    fn the_worker_names_the_addresses_the_routes_table_gives() {
        let build = build_of(&service_worker("/start-0123456789abcdef.js", &[]));
        assert_eq!(build["offlinePage"], "/offline");
        assert_eq!(build["savedList"], "/api/v1/saved.json");
        assert_eq!(
            build["story"],
            serde_json::json!({
                "page": "/news/",
                "data": "/api/v1/articles/",
                "dataEnd": ".json",
                "notASlug": "index",
            })
        );
        assert_eq!(
            build["neverSaved"],
            serde_json::json!(["/newsletter/", "/api/v1/newsletter", "/__test/panic"])
        );
        assert_eq!(
            build["live"],
            serde_json::json!({
                "prefix": "/api/v1/live/",
                "latest": "latest.json",
                "pages": "/page/",
            })
        );
        assert_eq!(build["savedLimit"], SAVED_LIMIT_BYTES);
    }

    #[test]
    fn the_manifest_names_the_site_its_colours_and_icons_of_the_sizes_browsers_ask_for() {
        let manifest: serde_json::Value = serde_json::from_str(&web_app_manifest()).unwrap();
        assert_eq!(manifest["name"], "Britain's News Portal");
        assert_eq!(manifest["short_name"], "News Portal");
        assert_eq!(manifest["theme_color"], "#b00020");
        assert_eq!(manifest["display"], "standalone");
        let icons = manifest["icons"].as_array().unwrap();
        let sizes: Vec<(&str, &str)> = icons
            .iter()
            .map(|icon| {
                (
                    icon["sizes"].as_str().unwrap(),
                    icon["purpose"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            sizes,
            [
                ("192x192", "any"),
                ("512x512", "any"),
                ("512x512", "maskable")
            ]
        );
    }
}
