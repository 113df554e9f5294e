//! `check-content [CONTENT]`: checks every story (`CONTENT/articles/*.json`)
//! and the headlines feed (`CONTENT/headlines.json`) as the build does,
//! with the model code the app uses; prints every problem, naming its file
//! and field, and fails on any error (never on a warning). CONTENT is
//! `public/api/v1` unless given.

use news_portal::publish::{check, read_sources};
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
    let (content, report) = check(&stories, headlines.as_ref());
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    println!(
        "check-content: {} of {} stories can be published; {}",
        content.stories.len(),
        stories.len(),
        report.summary()
    );
    if report.has_errors() {
        std::process::exit(1);
    }
}
