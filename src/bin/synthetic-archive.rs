//! `synthetic-archive COUNT DIR [YEARS [LIVE_POSTS]]`: writes a synthetic
//! newsroom archive of COUNT stories spread over YEARS (3 unless said) up to
//! now into DIR (`articles/<slug>.json`, `headlines.json`, and the authors
//! and topics they name, `authors/` and `topics/`), for the build
//! benchmarks (`scripts/bench-build.mjs`, `scripts/bench-live.mjs`); with
//! LIVE_POSTS, also a live page of that many posts, `articles/storm-live.json`.
//! `NEWS_BUILD_TIME` (RFC 3339) fixes "now".

use news_portal::model::Timestamp;
use news_portal::publish::synthetic;
use std::path::PathBuf;

fn main() {
    if let Err(message) = run() {
        eprintln!("synthetic-archive: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let usage = "usage: synthetic-archive COUNT DIR [YEARS [LIVE_POSTS]]";
    let mut args = std::env::args().skip(1);
    let count: usize = args
        .next()
        .and_then(|count| count.parse().ok())
        .ok_or(usage)?;
    let dir = PathBuf::from(args.next().ok_or(usage)?);
    let years: u32 = match args.next() {
        Some(years) => years.parse().map_err(|_| usage)?,
        None => 3,
    };
    let live_posts: Option<usize> = match args.next() {
        Some(posts) => Some(posts.parse().map_err(|_| usage)?),
        None => None,
    };
    let now = match std::env::var("NEWS_BUILD_TIME") {
        Ok(time) => {
            Timestamp::parse_rfc3339(&time).map_err(|why| format!("NEWS_BUILD_TIME: {why}"))?
        }
        Err(_) => Timestamp::from_unix(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|err| err.to_string())?
                .as_secs() as i64,
        ),
    };
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).map_err(|err| format!("{}: {err}", articles.display()))?;
    for n in 0..count {
        let story = synthetic::story(n, count, years, now);
        let slug = story["slug"].as_str().unwrap_or_default();
        let file = articles.join(format!("{slug}.json"));
        std::fs::write(&file, story.to_string())
            .map_err(|err| format!("{}: {err}", file.display()))?;
    }
    synthetic::write_tag_files(&dir, count)?;
    if let Some(posts) = live_posts {
        let live = synthetic::live_story("storm-live", posts, now).to_string();
        let file = articles.join("storm-live.json");
        std::fs::write(&file, live).map_err(|err| format!("{}: {err}", file.display()))?;
    }
    let headlines = synthetic::headlines(count, years, now).to_string();
    std::fs::write(dir.join("headlines.json"), headlines).map_err(|err| err.to_string())?;
    println!(
        "synthetic-archive: {count} stories over {years} years in {}",
        dir.display()
    );
    Ok(())
}
