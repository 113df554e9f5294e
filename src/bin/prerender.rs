//! `prerender [BUILT [DIST]]`: turns the app Trunk built into BUILT
//! (default `target/trunk`) into the site in DIST (default `dist`): its
//! files, and every page rendered to HTML, `index.html`, `news/<slug>.html`
//! for each story, `privacy.html`, `newsletter/confirm.html` and
//! `404.html`. `NEWS_SITE_URL` (read at build time, as the app reads it)
//! gives canonical and share URLs.

use news_portal::config::SITE_URL;
use news_portal::prerender::{read_content_from, render_pages, site_pages, Shell};
use std::path::{Path, PathBuf};

fn main() {
    if let Err(message) = run() {
        eprintln!("prerender: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let built = PathBuf::from(args.next().unwrap_or_else(|| "target/trunk".into()));
    let dist = PathBuf::from(args.next().unwrap_or_else(|| "dist".into()));
    let origin = SITE_URL
        .ok_or("NEWS_SITE_URL must be set when building (canonical and share URLs are absolute)")?;
    let index = built.join("index.html");
    let shell = std::fs::read_to_string(&index)
        .map_err(|err| format!("cannot read {}: {err} (run Trunk first)", index.display()))
        .and_then(|html| Shell::parse(&html))?;
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .map_err(|err| format!("cannot empty {}: {err}", dist.display()))?;
    }
    copy_tree(&built, &dist).map_err(|err| format!("cannot copy {}: {err}", built.display()))?;
    let content = dist.join("api/v1");
    read_content_from(content.clone());
    let pages = site_pages(&content.join("articles"))?;
    let rendered = render_pages(&shell, &pages).map_err(|err| err.to_string())?;
    for (page, html) in pages.iter().zip(rendered) {
        let file = dist.join(&page.file);
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|err| format!("cannot create {}: {err}", folder.display()))?;
        }
        std::fs::write(&file, html)
            .map_err(|err| format!("cannot write {}: {err}", file.display()))?;
    }
    println!(
        "prerender: {} pages for {origin} in {}",
        pages.len(),
        dist.display()
    );
    Ok(())
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
