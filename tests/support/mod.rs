//! What the native tests that build a site share: a stand-in for the app
//! Trunk builds, and a publish of some content into a folder.
#![allow(dead_code)]

use news_portal::config::SITE_URL;
use news_portal::model::Timestamp;
use news_portal::publish::run::{publish, Options, Outcome, Progress};
use news_portal::publish::{Origins, Settings};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sample content.
pub const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/api/v1");

/// What Trunk 0.21's `index.html` gives the prerender, cut to what matters.
pub const SHELL: &str = r#"<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<style>
body { margin: 0 }
</style>
<script type="module">
import init, * as bindings from '/app-0123456789abcdef.js';
const wasm = await init({ module_or_path: '/app-0123456789abcdef_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>
<!--HEAD-->
<link rel="modulepreload" href="/app-0123456789abcdef.js" crossorigin="anonymous"><link rel="preload" href="/app-0123456789abcdef_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm"></head>
<body></body>
</html>
"#;

pub fn origin() -> &'static str {
    SITE_URL.expect("NEWS_SITE_URL is set when the tests are built (scripts/test sets it)")
}

/// A folder of its own for a test, empty.
pub fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("news-portal-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The app as Trunk would build it, in `dir`: its `index.html` and the
/// sample site's pictures.
pub fn app(dir: &Path) -> PathBuf {
    let app = dir.join("app");
    std::fs::create_dir_all(app.join("images")).unwrap();
    std::fs::write(app.join("index.html"), SHELL).unwrap();
    let images = Path::new(CONTENT).join("../../images");
    for image in std::fs::read_dir(images).unwrap() {
        let image = image.unwrap();
        std::fs::copy(image.path(), app.join("images").join(image.file_name())).unwrap();
    }
    app
}

/// When the tests say it is.
pub fn now() -> Timestamp {
    Timestamp::parse_rfc3339("2026-11-28T05:00:00Z").unwrap()
}

/// How the tests publish: `page_size` stories a numbered page,
/// `sitemap_size` URLs a sitemap, 1,000 stories a segment of the search
/// index.
pub fn options(
    app: &Path,
    content: &Path,
    dist: &Path,
    page_size: usize,
    sitemap_size: usize,
) -> Options {
    Options {
        app: app.to_owned(),
        content: content.to_owned(),
        dist: dist.to_owned(),
        full: false,
        settings: Settings {
            origin: origin().into(),
            index_size: 20,
            page_size,
            sitemap_size,
            search_segment: 1_000,
            now: now(),
            origins: Origins::default(),
        },
        renderer: 0,
        progress: Progress::Quiet,
    }
}

/// Publishes, failing the test with what went wrong.
pub fn published(options: &Options) -> Outcome {
    publish(options).unwrap_or_else(|failure| match failure {
        news_portal::publish::PublishError::Content(report) => {
            panic!("the content has errors: {:#?}", report.problems)
        }
        other => panic!("{other}"),
    })
}

/// Every file under `dist` by its path there, with its bytes.
pub fn files(dist: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, folder: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(dist, dist, &mut found);
    found
}

/// Copies the folder `from` to `to`.
pub fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
