//! The part of the app every page uses once the app has it, and not
//! before it answers (issue 29: the wasm a story needs before it answers):
//! the BREAKING ticker's rounds (fetching and decoding its feed) and what
//! it shows once it has headlines (they come only from its rounds), sending
//! a signup, what a story offers to read next, and the stories saved for
//! reading offline that a page which cannot be read offline lists. The app asks for its
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

use crate::components::{TickerHeadlines, TickerSide};
use crate::headlines_feed::{headlines_round, TickerRound};
use crate::model::{Attempt, SignupOutcome};
use crate::pages::split::app_part;
use crate::pages::story_page::ReadNextFor;
use leptos::prelude::{AnyView, IntoView, Suspend};
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;

/// Fetches the part, and readies each of its functions: each has a loader
/// of its own (`wasm_split`), which otherwise would wait for the module,
/// already here, once more when first called. So what the part draws is
/// shown at once, once the part is here.
pub(crate) async fn preload_after_start() -> Result<(), SplitLoaderError> {
    preload_ticker_round().await?;
    preload_send_signup().await?;
    preload_read_next_lists().await?;
    preload_ticker_headlines().await?;
    preload_ticker_side().await?;
    preload_saved_for_offline().await?;
    preload_write_head().await
}

/// A view the part draws, shown once the part is here: at once where it
/// is (the ticker's headlines, which only the part fetches; the saved
/// stories, which a page offline shows long after the app started), and
/// nothing where it cannot be fetched.
pub(crate) fn drawn(
    view: impl Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
) -> impl IntoView {
    Suspend::new(send_wrapper::SendWrapper::new(
        async move { view.await.ok() },
    ))
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

app_part!(after_start: pub(crate) ticker_headlines, preload preload_ticker_headlines, |headlines: TickerHeadlines| -> AnyView {
    crate::components::ticker_headlines(headlines)
});

app_part!(after_start: pub(crate) ticker_side, preload preload_ticker_side, |side: TickerSide| -> AnyView {
    crate::components::ticker_side(side)
});

app_part!(after_start: pub(crate) saved_for_offline, preload preload_saved_for_offline, |_none: ()| -> AnyView {
    crate::pages::saved_stories_view()
});

app_part!(after_start: pub(crate) write_head, preload preload_write_head, |head: crate::model::PageHead| -> () {
    crate::components::write_head(&head)
});
