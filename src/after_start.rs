//! The part of the app every page uses once the app has it, and not
//! before it answers (issue 29: the wasm a story needs before it answers):
//! the BREAKING ticker's rounds (fetching and decoding its feed), sending
//! a signup, what a story offers to read next, and writing a page's head
//! in the browser (a page the app takes over already has its head). The
//! app asks for its module as it starts (`app::start`, before it takes
//! the page over: the main module is in by then, so the two never share
//! the connection); whatever calls into it before it is here waits for
//! it. If it cannot be fetched, each says so as it says a failed fetch:
//! the ticker that it could not load the headlines (and tries again at
//! its next round), the form that the signup did not go (with Try
//! again); a story shows no lists of what to read next, as when their
//! files cannot be fetched, and the head stays the last page's.
//!
//! Only the cut points are here; what they run is where it belongs
//! (`headlines_feed`, `api`, `pages::story_page`, `components::page_meta`).
//! A plain function in every build that is not split
//! (`pages::split::app_part`).

use crate::headlines_feed::{headlines_round, TickerRound};
use crate::model::{Attempt, SignupOutcome};
use crate::pages::split::app_part;
use crate::pages::story_page::ReadNextFor;
use leptos::prelude::AnyView;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;

/// Fetches the part, and readies each of its functions: each has a loader
/// of its own (`wasm_split`), which otherwise would wait for the module,
/// already here, once more when first called.
pub(crate) async fn preload_after_start() -> Result<(), SplitLoaderError> {
    preload_ticker_round().await?;
    preload_send_signup().await?;
    preload_read_next_lists().await?;
    preload_write_head().await
}

/// Work the part hands back to run, in the main module's own tasks.
pub type Running<T> = Pin<Box<dyn Future<Output = T>>>;

app_part!(after_start: pub(crate) ticker_round, preload preload_ticker_round, |round: TickerRound| -> Running<u32> {
    Box::pin(headlines_round(round))
});

app_part!(after_start: pub(crate) send_signup, preload preload_send_signup, |attempt: Attempt| -> Running<SignupOutcome> {
    Box::pin(async move { crate::api::post_signup(&attempt.request, &attempt.key).await })
});

app_part!(after_start: pub(crate) read_next_lists, preload preload_read_next_lists, |story: ReadNextFor| -> Running<AnyView> {
    Box::pin(crate::pages::story_page::read_next_lists(story))
});

app_part!(after_start: pub(crate) write_head, preload preload_write_head, |head: crate::model::PageHead| -> () {
    crate::components::write_head(&head)
});
