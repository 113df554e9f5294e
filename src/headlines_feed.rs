//! Data that lives beside every page rather than in one: fetched and kept
//! fresh here, at the top of the app, and handed to the components that show it.

use crate::api::fetch_headlines;
use crate::config::headlines_refresh_secs;
use crate::model::{announcement, TickerState, Timestamp};
use crate::poller::use_poller;
use leptos::prelude::*;

/// The ticker's feed as the app sees it.
#[derive(Clone, Copy)]
pub struct HeadlinesFeed {
    pub state: ReadSignal<TickerState>,
    /// The latest "New headline: …" for the polite live region.
    pub announcement: ReadSignal<String>,
    /// Fetch now (the reader pressed Retry).
    pub retry: Callback<()>,
}

/// What one round of the feed reads and writes.
#[derive(Clone, Copy)]
pub struct TickerRound {
    state: ReadSignal<TickerState>,
    set_state: WriteSignal<TickerState>,
    set_announce: WriteSignal<String>,
    /// The refresh interval, in seconds.
    refresh: u32,
}

/// One round: fetches the feed, takes it in (or the failure), and says
/// how many seconds until the next. In the part of the app the browser
/// fetches once it has started (`after_start`), with what it calls.
pub(crate) async fn headlines_round(round: TickerRound) -> u32 {
    let TickerRound {
        state,
        set_state,
        set_announce,
        refresh,
    } = round;
    match fetch_headlines().await {
        Ok((feed, None)) => {
            let arrived = set_state.try_update(|state| state.receive(feed, now()));
            if let Some(text) = arrived.as_deref().and_then(announcement) {
                set_announce.set(text);
            }
        }
        // Offline: what this device saved, as of then.
        Ok((feed, Some(saved_at))) => {
            set_state.update(|state| state.receive_saved(feed, saved_at));
        }
        Err(_) => set_state.update(TickerState::fail),
    }
    state.with_untracked(|state| state.next_fetch_in(refresh))
}

fn now() -> Timestamp {
    Timestamp::from_unix((js_sys::Date::now() / 1000.0) as i64)
}

/// Starts the headlines feed for as long as the calling owner lives: a fetch
/// now, then one every refresh interval (backing off while the first load
/// keeps failing), by the app's poller (`poller.rs`: none while the tab is
/// hidden, one as soon as the connection comes back). Offline, the strip
/// shows the copy of the feed this device saved, as of when it was saved.
/// A prerendered page shows the strip loading; the browser starts fetching
/// once it has taken the page over.
pub fn use_headlines_feed() -> HeadlinesFeed {
    let (state, set_state) = signal(TickerState::Loading);
    let (announce, set_announce) = signal(String::new());
    let refresh = headlines_refresh_secs();

    let round = TickerRound {
        state,
        set_state,
        set_announce,
        refresh,
    };
    let poller = use_poller(move || async move {
        match crate::after_start::ticker_round(round).await {
            Ok(running) => running.await,
            // Its part of the app could not be fetched: as a fetch that
            // failed, and tried again at the next round.
            Err(_) => {
                set_state.update(TickerState::fail);
                state.with_untracked(|state| state.next_fetch_in(refresh))
            }
        }
    });

    let retry = Callback::new(move |()| {
        set_state.set(TickerState::Loading);
        poller.now.run(());
    });
    HeadlinesFeed {
        state,
        announcement: announce,
        retry,
    }
}
