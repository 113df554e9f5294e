//! The part of the app every page uses once the app has it, and not
//! before it answers (issue 29: the wasm a story needs before it answers):
//! the BREAKING ticker's rounds (fetching and decoding its feed), sending
//! a signup, and what a story offers to read next. The app asks for its
//! module as it starts (`app::start`, before it takes the page over: the
//! main module is in by then, so the two never share the connection);
//! whatever calls into it before it is here waits for it. If it cannot be
//! fetched, each says so as it says a failed fetch: the ticker that it
//! could not load the headlines (and tries again at its next round), the
//! form that the signup did not go (with Try again); a story shows no
//! lists of what to read next, as when their files cannot be fetched.
//!
//! Only the cut points are here; what they run is where it belongs
//! (`headlines_feed`, `api`, `pages::story_page`). A plain function in
//! every build that is not split (`pages::split::app_part`).

use crate::headlines_feed::{headlines_round, TickerRound};
use crate::model::{Attempt, SignupOutcome};
use crate::pages::split::app_part;
use crate::pages::story_page::ReadNextFor;
use std::future::Future;
use std::pin::Pin;

/// Work the part hands back to run, in the main module's own tasks.
pub type Running<T> = Pin<Box<dyn Future<Output = T>>>;

app_part!(after_start: pub(crate) ticker_round, preload preload_after_start, |round: TickerRound| -> Running<u32> {
    Box::pin(headlines_round(round))
});

app_part!(after_start: pub(crate) send_signup, |attempt: Attempt| -> Running<SignupOutcome> {
    Box::pin(async move { crate::api::post_signup(&attempt.request, &attempt.key).await })
});

app_part!(after_start: pub(crate) read_next_lists, |story: ReadNextFor| -> Running<leptos::prelude::AnyView> {
    Box::pin(crate::pages::story_page::read_next_lists(story))
});
