//! `publish [BUILT [DIST]]`: makes the site in DIST (default `dist`) from
//! the app Trunk built into BUILT (default `target/trunk`), which carries
//! the content (`api/v1`: one file a story, and the headlines feed).
//!
//! It checks the content and stops on any error; then writes, fresh: the
//! app's files, the front page's index (`NEWS_INDEX_SIZE` stories, 20 by
//! default), every page prerendered (`index.html`, `news/<slug>.html`,
//! `section/<name>.html`, `privacy.html`, `newsletter/confirm.html`,
//! `newsletter/unsubscribe.html`, `404.html`), the sections, the sitemaps,
//! the RSS and Atom feeds, `robots.txt`, and the `_headers` and
//! `_redirects` a CDN reads. `NEWS_SITE_URL` (read at build time, as the
//! app reads it) gives every absolute URL.

use news_portal::config::{headlines_url, API_BASE, SIGNUP_URL, SITE_URL};
use news_portal::model::Timestamp;
use news_portal::prerender::{read_content_from, render_pages, site_pages, Shell};
use news_portal::publish::{
    check, derived_files, headers, image_origins, missing_pictures, origin_of, read_sources,
    Origins, Settings, DEFAULT_INDEX_SIZE,
};
use std::path::{Path, PathBuf};

fn main() {
    if let Err(message) = run() {
        eprintln!("publish: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let built = PathBuf::from(args.next().unwrap_or_else(|| "target/trunk".into()));
    let dist = PathBuf::from(args.next().unwrap_or_else(|| "dist".into()));
    let origin = SITE_URL
        .ok_or("NEWS_SITE_URL must be set when building (canonical and share URLs are absolute)")?;

    let (stories, headlines) = read_sources(&built.join("api/v1"))
        .map_err(|err| format!("cannot read the content in {}: {err}", built.display()))?;
    let (content, mut report) = check(&stories, headlines.as_ref());
    let pictures = missing_pictures(&content.stories, |path| {
        built.join(path.trim_start_matches('/')).is_file()
    });
    report.problems.extend(pictures.problems);
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    if report.has_errors() {
        return Err(format!("the content has {}", report.summary()));
    }

    let index_size = match std::env::var("NEWS_INDEX_SIZE") {
        Ok(size) => size.parse().ok().filter(|size| *size > 0).ok_or(format!(
            "NEWS_INDEX_SIZE is \"{size}\", not a number of stories"
        ))?,
        Err(_) => DEFAULT_INDEX_SIZE,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|err| err.to_string())?;
    let mut connect_origins: Vec<String> = [API_BASE, &headlines_url(), SIGNUP_URL]
        .into_iter()
        .filter_map(origin_of)
        .collect();
    connect_origins.sort();
    connect_origins.dedup();
    let settings = Settings {
        origin: origin.to_owned(),
        index_size,
        now: Timestamp::from_unix(now.as_secs() as i64),
        origins: Origins {
            connect: connect_origins,
            images: image_origins(&content.stories),
        },
    };

    let index = built.join("index.html");
    let shell = std::fs::read_to_string(&index)
        .map_err(|err| format!("cannot read {}: {err} (run Trunk first)", index.display()))
        .and_then(|html| Shell::parse(&html))?;
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .map_err(|err| format!("cannot empty {}: {err}", dist.display()))?;
    }
    copy_tree(&built, &dist).map_err(|err| format!("cannot copy {}: {err}", built.display()))?;
    let (loader, text) = &shell.loader;
    write(&dist, loader, text)?;
    for (path, text) in derived_files(&content, &settings) {
        write(&dist, &path, &text)?;
    }

    read_content_from(dist.join("api/v1"));
    let pages = site_pages(&content.stories);
    for (page, html) in pages.iter().zip(render_pages(&shell, &pages)?) {
        write(&dist, &page.file.to_string_lossy(), &html)?;
    }

    let mut files = Vec::new();
    list_files(&dist, &dist, &mut files).map_err(|err| err.to_string())?;
    let rules = headers::site_rules(&files, &settings.origins);
    write(&dist, "_headers", &headers::render(&rules))?;

    println!(
        "publish: {} stories, {} pages, {} files for {origin} in {} ({})",
        content.stories.len(),
        pages.len(),
        files.len() + 1,
        dist.display(),
        report.summary()
    );
    Ok(())
}

fn write(dist: &Path, path: &str, text: &str) -> Result<(), String> {
    let file = dist.join(path.trim_start_matches('/'));
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|err| format!("cannot create {}: {err}", folder.display()))?;
    }
    std::fs::write(&file, text).map_err(|err| format!("cannot write {}: {err}", file.display()))
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Every file under `folder` that the site serves, as a path in it
/// (`news/a-story.html`): not the CDN's own `_headers` and `_redirects`.
fn list_files(dist: &Path, folder: &Path, files: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            list_files(dist, &path, files)?;
        } else if let Ok(relative) = path.strip_prefix(dist) {
            let relative = relative.to_string_lossy().replace('\\', "/");
            if !relative.starts_with('_') {
                files.push(relative);
            }
        }
    }
    Ok(())
}
