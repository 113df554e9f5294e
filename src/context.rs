//! What the app is given by whoever runs it: where its pages' data comes
//! from ([`Content`]) and where a page's head goes ([`HeadSink`]). `App`
//! takes both as props and provides them in context; pages and
//! `PageMeta` use them. The browser gives the network and the document
//! (`app::start`); the prerender gives the build's data, in memory, and a
//! slot it reads after each page (`prerender`). Nothing else reaches the
//! app from outside, and neither side imports the other.

use crate::model::{ApiError, PageHead, Timestamp};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// A file of page data as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    pub text: String,
    /// When this device saved the copy it came from, if it came from one
    /// (the service worker answers with a saved copy when the network
    /// fails: `src/offline/service_worker.js`).
    pub saved_at: Option<Timestamp>,
}

impl ContentFile {
    /// A file as the site has it now.
    pub fn fresh(text: String) -> Self {
        ContentFile {
            text,
            saved_at: None,
        }
    }
}

/// A file of page data, or why there is none.
pub type ContentResult = Result<ContentFile, ApiError>;

/// What reading a file of page data gives, when it comes. `Send`, as a
/// `Resource`'s fetcher must be.
pub type ContentFuture = Pin<Box<dyn Future<Output = ContentResult> + Send>>;

/// Somewhere the files under `/api/v1` can be read from, by their path
/// there (`articles/<slug>.json`).
pub trait ContentSource: Send + Sync {
    fn read(&self, path: &str) -> ContentFuture;
}

/// Where the app's pages get their data: a [`ContentSource`], shared.
#[derive(Clone)]
pub struct Content(Arc<dyn ContentSource>);

impl Content {
    pub fn new(source: impl ContentSource + 'static) -> Self {
        Content(Arc::new(source))
    }

    /// Reads the file at `path` under `/api/v1`.
    pub fn read(&self, path: &str) -> ContentFuture {
        self.0.read(path)
    }
}

/// Where a page's head goes: into the document (in the browser, after
/// every navigation), or into a slot the prerender writes into the page's
/// HTML.
#[derive(Clone, Default)]
pub enum HeadSink {
    #[default]
    Document,
    Slot(Arc<Mutex<Option<PageHead>>>),
}

impl HeadSink {
    /// A slot for one page's head.
    pub fn slot() -> Self {
        HeadSink::Slot(Arc::default())
    }

    /// Takes what the page left in the slot; the last head rendered wins.
    pub fn take(&self) -> Option<PageHead> {
        match self {
            HeadSink::Document => None,
            HeadSink::Slot(slot) => slot.lock().unwrap_or_else(|e| e.into_inner()).take(),
        }
    }
}
