//! Why a publish stopped: what went wrong, where, and the way on.

use super::check::Report;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Why a publish stopped. A publish of what changed may have written some
/// files by then (the next publish makes them again: its manifest is only
/// saved at the end); a full build leaves the last site as it was
/// ([`PublishError::FullBuild`]).
#[derive(Debug)]
pub enum PublishError {
    /// The content has errors (and maybe warnings): every one is here.
    Content(Report),
    /// The app Trunk built is missing, or its `index.html` is not one the
    /// prerender can write pages into.
    App(String),
    /// A file or folder could not be read.
    Read { path: PathBuf, error: io::Error },
    /// A file or folder could not be written, made, moved or removed.
    Write {
        path: PathBuf,
        /// What was being done: "write", "create", "remove", "move".
        doing: &'static str,
        error: io::Error,
    },
    /// A file of the site could not be made from the content (a page that
    /// did not render, a live page's files).
    Make { path: String, why: String },
    /// A full build stopped: the last site is in place, as it was.
    FullBuild {
        dist: PathBuf,
        cause: Box<PublishError>,
    },
}

impl PublishError {
    pub fn read(path: &Path, error: io::Error) -> Self {
        PublishError::Read {
            path: path.to_owned(),
            error,
        }
    }

    pub fn write(doing: &'static str, path: &Path, error: io::Error) -> Self {
        PublishError::Write {
            path: path.to_owned(),
            doing,
            error,
        }
    }

    /// What stopped it, a full build's cause rather than the full build.
    pub fn cause(&self) -> &PublishError {
        match self {
            PublishError::FullBuild { cause, .. } => cause.cause(),
            other => other,
        }
    }
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::Content(report) => write!(f, "the content has {}", report.summary()),
            PublishError::App(why) => write!(
                f,
                "{why} (build the app first: scripts/build runs Trunk, then publishes)"
            ),
            PublishError::Read { path, error } => {
                write!(f, "cannot read {}: {error}", path.display())
            }
            PublishError::Write { path, doing, error } => write!(
                f,
                "cannot {doing} {}: {error} (check the disk has room and the folder can be written to, then publish again)",
                path.display()
            ),
            PublishError::Make { path, why } => write!(f, "cannot make {path}: {why}"),
            PublishError::FullBuild { dist, cause } => {
                write!(f, "{cause} ({} is as it was)", dist.display())
            }
        }
    }
}

impl std::error::Error for PublishError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_says_where_and_the_way_on() {
        let disk_full = || io::Error::other("No space left on device");
        let cases = [
            (
                PublishError::write("write", Path::new("dist/news/a.html"), disk_full()),
                "cannot write dist/news/a.html: No space left on device (check the disk has room",
            ),
            (
                PublishError::read(
                    Path::new("content/articles/a.json"),
                    io::Error::from(io::ErrorKind::NotFound),
                ),
                "cannot read content/articles/a.json: entity not found",
            ),
            (
                PublishError::App("cannot read target/trunk/index.html".into()),
                "cannot read target/trunk/index.html (build the app first: scripts/build",
            ),
            (
                PublishError::Make {
                    path: "news/a.html".into(),
                    why: "no such story".into(),
                },
                "cannot make news/a.html: no such story",
            ),
        ];
        for (error, says) in cases {
            assert!(error.to_string().starts_with(says), "{error}");
        }
        let full = PublishError::FullBuild {
            dist: "dist".into(),
            cause: Box::new(PublishError::write(
                "write",
                Path::new("dist.partial/a"),
                disk_full(),
            )),
        };
        assert!(full.to_string().ends_with("(dist is as it was)"), "{full}");
        assert!(matches!(full.cause(), PublishError::Write { .. }));
    }
}
