//! `publish [--full] [--app DIR] [--content DIR] [--dist DIR] [--changes FILE]`
//! makes the site in `dist/` from the app Trunk built (`target/trunk`) and
//! the stories (`public/api/v1`: `articles/<slug>.json` and
//! `headlines.json`): only what changed since the last publish (the
//! manifest beside `dist/` says what that was), or everything with
//! `--full`. It checks what changed first and stops, writing nothing, on
//! any error. `--changes FILE` writes what a deploy must upload and delete.
//!
//! `publish withdraw SLUG [options]` withdraws a story (a legal takedown):
//! it marks the story's file `"withdrawn"` with the time now, then
//! publishes, which takes the story off every page, list, feed, sitemap
//! and the ticker, and makes its address say it was removed.
//!
//! Set when building (as the app reads them): `NEWS_SITE_URL`, the public
//! origin every absolute URL names. When publishing: `NEWS_INDEX_SIZE`
//! (stories on the front page, 20), `NEWS_PAGE_SIZE` (stories on a
//! section's numbered page, 20), `NEWS_SITEMAP_SIZE` (URLs a sitemap holds,
//! 50,000), `NEWS_SEARCH_SEGMENT` (stories a segment of the search index
//! holds, 20,000), `NEWS_BUILD_TIME` (RFC 3339: "now", for the news sitemap;
//! the clock unless set).

use news_portal::config::{headlines_url, API_BASE, SIGNUP_URL, SITE_URL};
use news_portal::model::Timestamp;
use news_portal::publish::run::{publish, Failure, Options, Outcome, Progress};
use news_portal::publish::search_index::DEFAULT_SEGMENT;
use news_portal::publish::{
    fingerprint, origin_of, withdraw, Origins, Settings, DEFAULT_INDEX_SIZE, DEFAULT_PAGE_SIZE,
    SITEMAP_MAX_URLS,
};
use std::path::PathBuf;

/// The most problems printed one by one; the rest are counted.
const PROBLEMS_SHOWN: usize = 50;

fn main() {
    if let Err(message) = run() {
        eprintln!("publish: {message}");
        std::process::exit(1);
    }
}

struct Args {
    withdraw: Option<String>,
    full: bool,
    app: PathBuf,
    content: PathBuf,
    dist: PathBuf,
    changes: Option<PathBuf>,
    timings: bool,
}

fn parse_args() -> Result<Args, String> {
    let usage = "usage: publish [withdraw SLUG] [--full] [--app DIR] [--content DIR] [--dist DIR] [--changes FILE] [--timings]";
    let mut args = Args {
        withdraw: None,
        full: false,
        app: "target/trunk".into(),
        content: "public/api/v1".into(),
        dist: "dist".into(),
        changes: None,
        timings: false,
    };
    let mut given = std::env::args().skip(1).peekable();
    if given.peek().map(String::as_str) == Some("withdraw") {
        given.next();
        args.withdraw = Some(given.next().ok_or(usage)?);
    }
    while let Some(arg) = given.next() {
        let mut value = || given.next().map(PathBuf::from).ok_or(usage);
        match arg.as_str() {
            "--full" => args.full = true,
            "--app" => args.app = value()?,
            "--content" => args.content = value()?,
            "--dist" => args.dist = value()?,
            "--changes" => args.changes = Some(value()?),
            "--timings" => args.timings = true,
            _ => return Err(format!("\"{arg}\" is not an option\n{usage}")),
        }
    }
    Ok(args)
}

fn number(name: &str, default: usize) -> Result<usize, String> {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or(format!("{name} is \"{value}\", not a number above 0")),
        Err(_) => Ok(default),
    }
}

fn now() -> Result<Timestamp, String> {
    match std::env::var("NEWS_BUILD_TIME") {
        Ok(time) => {
            Timestamp::parse_rfc3339(&time).map_err(|why| format!("NEWS_BUILD_TIME: {why}"))
        }
        Err(_) => Ok(Timestamp::from_unix(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|err| err.to_string())?
                .as_secs() as i64,
        )),
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let origin = SITE_URL
        .ok_or("NEWS_SITE_URL must be set when building (canonical and share URLs are absolute)")?;
    let now = now()?;
    if let Some(slug) = &args.withdraw {
        let file = withdraw(&args.content, slug, now)?;
        eprintln!("publish: marked {} withdrawn at {now}", file.display());
    }
    let sitemap_size = number("NEWS_SITEMAP_SIZE", SITEMAP_MAX_URLS)?;
    if sitemap_size > SITEMAP_MAX_URLS {
        return Err(format!(
            "NEWS_SITEMAP_SIZE is {sitemap_size}; a sitemap may hold at most {SITEMAP_MAX_URLS} URLs"
        ));
    }
    let mut connect: Vec<String> = [API_BASE, &headlines_url(), SIGNUP_URL]
        .into_iter()
        .filter_map(origin_of)
        .collect();
    connect.sort();
    connect.dedup();
    let renderer = std::env::current_exe()
        .and_then(std::fs::read)
        .map(|program| fingerprint(&program))
        .map_err(|err| format!("cannot read this program to fingerprint it: {err}"))?;
    let options = Options {
        app: args.app,
        content: args.content,
        dist: args.dist.clone(),
        full: args.full,
        settings: Settings {
            origin: origin.to_owned(),
            index_size: number("NEWS_INDEX_SIZE", DEFAULT_INDEX_SIZE)?,
            page_size: number("NEWS_PAGE_SIZE", DEFAULT_PAGE_SIZE)?,
            sitemap_size,
            search_segment: number("NEWS_SEARCH_SEGMENT", DEFAULT_SEGMENT)?,
            now,
            origins: Origins {
                connect,
                images: Vec::new(),
            },
        },
        renderer,
        progress: Progress::Shown,
    };
    let outcome = match publish(&options) {
        Ok(outcome) => outcome,
        Err(Failure::Content(report)) => {
            print_problems(&report.problems);
            return Err(format!(
                "the content has {}: nothing was published",
                report.summary()
            ));
        }
        Err(Failure::Io(why)) => return Err(why),
    };
    print_problems(&outcome.report.problems);
    if let Some(file) = &args.changes {
        write_changes(file, &outcome)?;
    }
    if args.timings {
        for (phase, took) in &outcome.phases {
            eprintln!("publish: {phase}: {:.2} s", took.as_secs_f64());
        }
    }
    say(&outcome, &args.dist, origin);
    Ok(())
}

fn print_problems(problems: &[news_portal::publish::Problem]) {
    for problem in problems.iter().take(PROBLEMS_SHOWN) {
        eprintln!("{problem}");
    }
    if problems.len() > PROBLEMS_SHOWN {
        eprintln!("… and {} more", problems.len() - PROBLEMS_SHOWN);
    }
}

/// `upload <path>` for every file with new bytes, `delete <path>` for every
/// file the site no longer has: what a deploy does, and nothing more.
fn write_changes(file: &PathBuf, outcome: &Outcome) -> Result<(), String> {
    let mut text = String::new();
    for path in &outcome.changed {
        text.push_str(&format!("upload {path}\n"));
    }
    for path in &outcome.deleted {
        text.push_str(&format!("delete {path}\n"));
    }
    std::fs::write(file, text).map_err(|err| format!("cannot write {}: {err}", file.display()))
}

/// The one-line summary.
fn say(outcome: &Outcome, dist: &std::path::Path, origin: &str) {
    let how = match &outcome.full {
        Some(why) => format!("a full build ({why})"),
        None => "what changed".to_owned(),
    };
    let memory = peak_memory_mb()
        .map(|mb| format!(", peak memory {mb} MB"))
        .unwrap_or_default();
    eprintln!(
        "publish: {} stories ({} withdrawn) for {origin}: made {how}, {} files ({} pages) in {:.1} s{memory}; \
         upload {}, delete {}; {} now has {} files, {:.1} MB; largest page {} ({:.1} KB); {}",
        outcome.stories,
        outcome.withdrawn,
        outcome.made,
        outcome.pages_rendered,
        outcome.took.as_secs_f64(),
        outcome.changed.len(),
        outcome.deleted.len(),
        dist.display(),
        outcome.files,
        outcome.bytes as f64 / 1e6,
        outcome.largest_page.0,
        outcome.largest_page.1 as f64 / 1024.0,
        outcome.report.summary(),
    );
}

/// The most memory this process has held, from Linux's `/proc`.
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
