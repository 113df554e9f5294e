//! Data that lives beside every page rather than in one: fetched and kept
//! fresh here, at the top of the app, and handed to the components that show it.

use crate::api::fetch_headlines;
use crate::config::headlines_refresh_secs;
use crate::model::{announcement, TickerState, Timestamp};
use futures::{channel::oneshot, FutureExt};
use gloo_timers::future::TimeoutFuture;
use leptos::{prelude::*, task::spawn_local_scoped};

/// The ticker's feed as the app sees it.
#[derive(Clone, Copy)]
pub struct HeadlinesFeed {
    pub state: ReadSignal<TickerState>,
    /// The latest "New headline: …" for the polite live region.
    pub announcement: ReadSignal<String>,
    /// Fetch now (the reader pressed Retry).
    pub retry: Callback<()>,
}

/// A way to cut a wait short from outside the loop that waits.
type Wake = StoredValue<Option<oneshot::Sender<()>>, LocalStorage>;

fn wake(slot: Wake) {
    if let Some(sender) = slot.try_update_value(Option::take).flatten() {
        let _ = sender.send(());
    }
}

async fn sleep_unless_woken(slot: Wake, millis: Option<u32>) {
    let (sender, receiver) = oneshot::channel();
    slot.set_value(Some(sender));
    match millis {
        Some(millis) => {
            futures::select! {
                _ = TimeoutFuture::new(millis).fuse() => {},
                _ = receiver.fuse() => {},
            }
        }
        None => {
            let _ = receiver.await;
        }
    }
}

fn tab_hidden() -> bool {
    document().hidden()
}

fn now() -> Timestamp {
    Timestamp::from_unix((js_sys::Date::now() / 1000.0) as i64)
}

/// Starts the headlines feed for as long as the calling owner lives: a fetch
/// now, then one every refresh interval (backing off while the first load
/// keeps failing), none while the tab is hidden, and one as soon as it is
/// shown again if one fell due meanwhile, and one as soon as the connection
/// comes back. Offline, the strip shows the copy of the feed this device
/// saved, as of when it was saved. The loop starts in an effect:
/// effects run only in the browser, so a prerendered page shows the strip
/// loading, and the browser starts fetching once it has taken the page over.
pub fn use_headlines_feed() -> HeadlinesFeed {
    let (state, set_state) = signal(TickerState::Loading);
    let (announce, set_announce) = signal(String::new());
    let timer: Wake = StoredValue::new_local(None);
    let shown: Wake = StoredValue::new_local(None);
    let refresh = headlines_refresh_secs();

    Effect::new(move |_| {
        spawn_local_scoped(async move {
            loop {
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
                let delay = state.with_untracked(|state| state.next_fetch_in(refresh));
                sleep_unless_woken(timer, Some(delay * 1000)).await;
                while tab_hidden() {
                    sleep_unless_woken(shown, None).await;
                }
            }
        });
    });

    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if !tab_hidden() {
            wake(shown);
        }
    });
    // Back online, the strip is brought up to date at once.
    let online = window_event_listener_untyped("online", move |_| wake(timer));
    on_cleanup(move || {
        visibility.remove();
        online.remove();
    });

    let retry = Callback::new(move |()| {
        set_state.set(TickerState::Loading);
        wake(timer);
    });
    HeadlinesFeed {
        state,
        announcement: announce,
        retry,
    }
}
