//! A loop that fetches and then waits, as long as its owner lives: the
//! BREAKING ticker's feed and a live page's posts both keep fresh by one.
//! It waits while the tab is hidden (and fetches as soon as it is shown
//! again, if one fell due meanwhile), and fetches at once when the
//! connection comes back. What to fetch, and how long to wait after, is
//! the caller's: `poll` does one round and says how many seconds until the
//! next. The loop starts in an effect: effects run only in the browser, so
//! a prerendered page fetches nothing until the app has taken it over.

use futures::{channel::oneshot, FutureExt};
use gloo_timers::future::TimeoutFuture;
use leptos::{prelude::*, task::spawn_local_scoped};
use std::future::Future;

/// A running poller.
#[derive(Clone, Copy)]
pub struct Poller {
    /// Poll now, cutting the wait short (the reader pressed Retry).
    pub now: Callback<()>,
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

/// Starts polling: `poll()`, then a wait of the seconds it returns, again
/// and again (see the module's notes for hidden tabs and the connection).
pub fn use_poller<F, Fut>(poll: F) -> Poller
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = u32> + 'static,
{
    let timer: Wake = StoredValue::new_local(None);
    let shown: Wake = StoredValue::new_local(None);
    let poll = StoredValue::new_local(poll);

    Effect::new(move |_| {
        spawn_local_scoped(async move {
            loop {
                let Some(round) = poll.try_with_value(|poll| poll()) else {
                    return;
                };
                let delay = round.await;
                sleep_unless_woken(timer, Some(delay.saturating_mul(1000))).await;
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
    // Back online, it polls at once.
    let online = window_event_listener_untyped("online", move |_| wake(timer));
    on_cleanup(move || {
        visibility.remove();
        online.remove();
    });
    Poller {
        now: Callback::new(move |()| wake(timer)),
    }
}
