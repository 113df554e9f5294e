//! `check-content [CONTENT]`: checks every story (`CONTENT/articles/*.json`)
//! and the headlines feed (`CONTENT/headlines.json`) as the build does,
//! with the model code the app uses, and that the pictures stories name are
//! in the site (`CONTENT/../..`); prints every problem, naming its file and
//! field, and fails on any error (never on a warning). The newsletter's
//! editions (`CONTENT/newsletter/editions/*.json`) are checked too, and
//! the authors and topics (`CONTENT/authors/`, `CONTENT/topics/`) with
//! every id a story names. CONTENT is
//! `public/api/v1` unless given.

use news_portal::model::{ArticleSummary, Timestamp};
use news_portal::publish::editions::{read_editions, uk_day};
use news_portal::publish::tags::Tags;
use news_portal::publish::{check, missing_pictures, read_sources};
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "public/api/v1".into()),
    );
    let (stories, headlines) = match read_sources(&dir) {
        Ok(sources) => sources,
        Err(err) => {
            eprintln!("check-content: cannot read {}: {err}", dir.display());
            std::process::exit(1);
        }
    };
    let (content, mut report) = check(&stories, headlines.as_ref());
    // The content folder is the site's `api/v1`: its pictures are two up.
    let site = dir.join("../..");
    let summaries: Vec<ArticleSummary> = content.stories.iter().map(ArticleSummary::from).collect();
    let pictures = missing_pictures(&summaries, |path| {
        site.join(path.trim_start_matches('/')).is_file()
    });
    report.problems.extend(pictures.problems);
    let (tags, tags_report) = Tags::read(&dir);
    report.problems.extend(tags_report.problems);
    report
        .problems
        .extend(tags.check_named(&content.records).problems);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let today = uk_day(Timestamp::from_unix(now));
    let (editions, edition_report) = read_editions(&dir, &today);
    report.problems.extend(edition_report.problems);
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    println!(
        "check-content: {} of {} stories and {} editions can be published; {}",
        content.stories.len(),
        stories.len(),
        editions.len(),
        report.summary()
    );
    if report.has_errors() {
        std::process::exit(1);
    }
}
