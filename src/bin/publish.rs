//! `publish [--full] [--app DIR] [--content DIR] [--dist DIR] [--changes FILE]`
//! makes the site in `dist/` from the app Trunk built (`target/trunk`) and
//! the stories (`public/api/v1`: `articles/<slug>.json` and
//! `headlines.json`): only what changed since the last publish (the
//! manifest beside `dist/` says what that was), or everything with
//! `--full`. It checks what changed first and stops, writing nothing, on
//! any error in the content. A full build writes into `<dist>.partial` and
//! puts it in place of `dist` only once every file is made, so one that
//! fails (a file that cannot be read or written) leaves the last site as it
//! was; a publish of what changed writes into `dist` as it goes, so one that
//! fails part way leaves some files new and the manifest as it was (the
//! next publish makes them again). `--changes FILE` writes what a deploy
//! must upload and delete.
//! A story whose `publish_at` is still to come is checked but held back
//! from every file of the site; each publish says which are held, and
//! until when. `--due` (for a timer that runs it every minute) publishes,
//! then, if an embargo ends within the next minute, waits for it and
//! publishes again at that second, until none does; `--changes` then
//! holds what all of those publishes changed.
//!
//! `publish withdraw SLUG [options]` withdraws a story (a legal takedown):
//! it marks the story's file `"withdrawn"` with the time now, then
//! publishes, which takes the story off every page, list, feed, sitemap
//! and the ticker, and makes its address say it was removed.
//!
//! `publish edition [YYYY-MM-DD] [--content DIR] [--dist DIR]` drafts the
//! newsletter's edition for that day (the next weekday by default) from
//! the front page's top stories as last published, into
//! `CONTENT/newsletter/editions/<date>.json`, for an editor to finish; it
//! publishes nothing, and never writes over an edition that is there.
//!
//! Set when building (as the app reads them): `NEWS_SITE_URL`, the public
//! origin every absolute URL names. When publishing: `NEWS_INDEX_SIZE`
//! (stories on the front page, 20), `NEWS_PAGE_SIZE` (stories on a
//! section's numbered page, and editions on the newsletter's, 20), `NEWS_SITEMAP_SIZE` (URLs a sitemap holds,
//! 50,000), `NEWS_SEARCH_SEGMENT` (stories a segment of the search index
//! holds, 20,000), `NEWS_BUILD_TIME` (RFC 3339: "now", for the news sitemap;
//! the clock unless set).

use news_portal::config::{headlines_url, API_BASE, SIGNUP_URL, SITE_URL};
use news_portal::model::{is_edition_date, long_date, StoryIndex, Timestamp, MAX_EDITION_STORIES};
use news_portal::publish::editions::{draft, uk_day, EDITIONS_DIR};
use news_portal::publish::run::{publish, Options, Outcome, Progress};
use news_portal::publish::search_index::DEFAULT_SEGMENT;
use news_portal::publish::PublishError;
use news_portal::publish::{
    fingerprint, origin_of, withdraw, Origins, Settings, DEFAULT_INDEX_SIZE, DEFAULT_PAGE_SIZE,
    SITEMAP_MAX_URLS,
};
use news_portal::routes::Route;
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
    /// `edition [DATE]`: the day to draft, if given.
    edition: Option<Option<String>>,
    full: bool,
    app: PathBuf,
    content: PathBuf,
    dist: PathBuf,
    changes: Option<PathBuf>,
    timings: bool,
    /// `--due`: publish again as each embargo within `DUE_WINDOW` ends.
    due: bool,
}

/// How far ahead `--due` waits for an embargo to end: the interval of the
/// timer that runs it.
const DUE_WINDOW_SECONDS: i64 = 60;

fn parse_args() -> Result<Args, String> {
    let usage = "usage: publish [withdraw SLUG | edition [YYYY-MM-DD]] [--full] [--due] [--app DIR] [--content DIR] [--dist DIR] [--changes FILE] [--timings]";
    let mut args = Args {
        withdraw: None,
        edition: None,
        full: false,
        app: "target/trunk".into(),
        content: "public/api/v1".into(),
        dist: "dist".into(),
        changes: None,
        timings: false,
        due: false,
    };
    let mut given = std::env::args().skip(1).peekable();
    if given.peek().map(String::as_str) == Some("withdraw") {
        given.next();
        args.withdraw = Some(given.next().ok_or(usage)?);
    } else if given.peek().map(String::as_str) == Some("edition") {
        given.next();
        let date = given.next_if(|arg| !arg.starts_with("--"));
        args.edition = Some(date);
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
            "--due" => args.due = true,
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
        Err(_) => clock(),
    }
}

/// The time by this machine's clock.
fn clock() -> Result<Timestamp, String> {
    Ok(Timestamp::from_unix(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|err| err.to_string())?
            .as_secs() as i64,
    ))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let origin = SITE_URL
        .ok_or("NEWS_SITE_URL must be set when building (canonical and share URLs are absolute)")?;
    let now = now()?;
    if let Some(date) = &args.edition {
        return draft_edition(date.as_deref(), &args, now);
    }
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
    let mut options = Options {
        app: args.app.clone(),
        content: args.content.clone(),
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
                forms: origin_of(SIGNUP_URL).into_iter().collect(),
            },
        },
        renderer,
        progress: Progress::Shown,
    };
    let mut deploy = DeployList::default();
    loop {
        let outcome = publish_once(&options, &args, origin)?;
        deploy.add(&outcome);
        if let Some(file) = &args.changes {
            deploy.write(file)?;
        }
        let Some(until) = next_due(&outcome, &args) else {
            return Ok(());
        };
        let wait = until.unix_seconds() - clock()?.unix_seconds();
        eprintln!(
            "publish: waiting {}s for the embargo on {} to end at {until}",
            wait.max(0),
            outcome.held.first().map_or("", |(slug, _)| slug.as_str())
        );
        std::thread::sleep(std::time::Duration::from_secs(wait.max(0) as u64));
        options.settings.now = clock()?.max(until);
    }
}

/// One publish, its problems and summary printed.
fn publish_once(options: &Options, args: &Args, origin: &str) -> Result<Outcome, String> {
    let outcome = match publish(options) {
        Ok(outcome) => outcome,
        Err(PublishError::Content(report)) => {
            print_problems(&report.problems);
            return Err(format!(
                "the content has {}: nothing was published",
                report.summary()
            ));
        }
        Err(other) => return Err(other.to_string()),
    };
    print_problems(&outcome.report.problems);
    if args.timings {
        for (phase, took) in &outcome.phases {
            eprintln!("publish: {phase}: {:.2} s", took.as_secs_f64());
        }
    }
    say(&outcome, &args.dist, origin);
    for (slug, until) in &outcome.held {
        eprintln!("publish: held back under embargo until {until}: {slug}");
    }
    Ok(outcome)
}

/// With `--due`, when the soonest embargo ends, if within the window.
fn next_due(outcome: &Outcome, args: &Args) -> Option<Timestamp> {
    let (_, until) = outcome.held.first()?;
    let now = clock().ok()?;
    (args.due && until.unix_seconds() - now.unix_seconds() <= DUE_WINDOW_SECONDS).then_some(*until)
}

/// What a deploy must do after one or more publishes: the last word on
/// each file (a file made and then deleted is deleted, and the reverse).
#[derive(Default)]
struct DeployList {
    upload: std::collections::BTreeSet<String>,
    delete: std::collections::BTreeSet<String>,
}

impl DeployList {
    fn add(&mut self, outcome: &Outcome) {
        for path in &outcome.changed {
            self.delete.remove(path);
            self.upload.insert(path.clone());
        }
        for path in &outcome.deleted {
            self.upload.remove(path);
            self.delete.insert(path.clone());
        }
    }

    /// `upload <path>` for every file with new bytes, `delete <path>` for
    /// every file the site no longer has: what a deploy does, and nothing
    /// more.
    fn write(&self, file: &PathBuf) -> Result<(), String> {
        let mut text = String::new();
        for path in &self.upload {
            text.push_str(&format!("upload {path}\n"));
        }
        for path in &self.delete {
            text.push_str(&format!("delete {path}\n"));
        }
        std::fs::write(file, text).map_err(|err| format!("cannot write {}: {err}", file.display()))
    }
}

/// Drafts the edition of `date` (the next weekday after `now` if `None`)
/// from the front page as last published.
fn draft_edition(date: Option<&str>, args: &Args, now: Timestamp) -> Result<(), String> {
    let date = match date {
        Some(date) if is_edition_date(date) => date.to_owned(),
        Some(other) => return Err(format!("\"{other}\" is not a day written YYYY-MM-DD")),
        None => (1..=7)
            .map(|days| Timestamp::from_unix(now.unix_seconds() + days * 86_400))
            .map(uk_day)
            .find(|day| {
                !matches!(
                    long_date(day).split(' ').next(),
                    Some("Saturday" | "Sunday")
                )
            })
            .unwrap_or_else(|| uk_day(now)),
    };
    let folder = args.content.join(EDITIONS_DIR);
    let file = folder.join(format!("{date}.json"));
    if file.exists() {
        return Err(format!(
            "{} is there already: edit it, or remove it to draft it again",
            file.display()
        ));
    }
    let front = args
        .dist
        .join("api/v1")
        .join(Route::Front.data().unwrap_or_default());
    let text = std::fs::read_to_string(&front).map_err(|err| {
        format!(
            "cannot read the front page's stories in {}: {err} (publish the site first: scripts/publish)",
            front.display()
        )
    })?;
    let index = StoryIndex::from_json(&text)
        .map_err(|err| format!("{}: {err}", front.display()))?
        .value;
    std::fs::create_dir_all(&folder)
        .map_err(|err| format!("cannot create {}: {err}", folder.display()))?;
    std::fs::write(&file, draft(&date, &index.articles))
        .map_err(|err| format!("cannot write {}: {err}", file.display()))?;
    eprintln!(
        "publish: drafted {} ({}) from the front page's top {} stories. Write the morning note, \
         sign it, choose the stories and their order, then run scripts/publish; the build \
         refuses the draft's placeholders.",
        file.display(),
        long_date(&date),
        index.articles.len().min(MAX_EDITION_STORIES)
    );
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
