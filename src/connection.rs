//! The connection as the reader is told about it (its rules are
//! `model::Connection`, a state machine with table tests, as the ticker's
//! are): kept up to date from the browser's `online` and `offline` events,
//! the saved copies pages are shown from, and the reader moving on (a page
//! reading its data: `pages::page_resource`); given
//! to the line under the ticker, and to pages' data, which is fetched again
//! when the connection comes back to a page that showed what was saved.

use crate::model::{Connection, ConnectionNotice, Timestamp};
use leptos::prelude::*;
use std::time::Duration;

/// How long "You're back online" stays.
const BACK_ONLINE_FOR: Duration = Duration::from_secs(8);

/// How long after the connection comes back a page still showing a saved
/// copy asks again.
const ASK_AGAIN_AFTER: Duration = Duration::from_secs(5);

/// The attribute the service worker puts on a page it saved
/// (`src/offline/service_worker.js`): when it saved it.
const SAVED_AT_ATTRIBUTE: &str = "data-saved-at";

/// The connection as the app sees it.
#[derive(Clone, Copy)]
pub struct ConnectionHandle {
    state: RwSignal<Connection>,
    /// Counts the times the connection came back after the reader was
    /// offline or shown saved copies: page data tracks it, and so is
    /// fetched again.
    pub refreshed: ReadSignal<u32>,
}

impl ConnectionHandle {
    /// What the line under the ticker says.
    pub fn notice(self) -> Signal<Option<ConnectionNotice>> {
        let state = self.state;
        Signal::derive(move || state.with(Connection::notice))
    }

    /// The page is shown from a copy this device saved at `at`.
    pub fn showing_saved_copy(self, at: Timestamp) {
        self.state.update(|state| state.showing_saved_copy(at));
    }

    /// The page's own data came from the site just now.
    pub fn showing_fresh_copy(self) {
        self.state.maybe_update(Connection::showing_fresh_copy);
    }

    /// Another page is being read: what was said of the last one goes.
    pub fn moved_on(self) {
        self.state.maybe_update(Connection::moved_on);
    }
}

/// Starts following the connection for as long as the calling owner lives
/// (the app's). Effects run only in the browser: a prerendered page says
/// nothing, and the browser says what it knows once it has taken the page
/// over.
pub fn use_connection() -> ConnectionHandle {
    let state = RwSignal::new(Connection::new(true));
    let (refreshed, set_refreshed) = signal(0u32);

    Effect::new(move |_| {
        if !window().navigator().on_line() {
            state.update(Connection::went_offline);
        }
        let saved = document()
            .document_element()
            .and_then(|page| page.get_attribute(SAVED_AT_ATTRIBUTE))
            .and_then(|at| Timestamp::parse_rfc3339(&at).ok());
        if let Some(at) = saved {
            state.update(|state| state.showing_saved_copy(at));
        }
    });
    let offline = window_event_listener_untyped("offline", move |_| {
        state.update(Connection::went_offline);
    });
    let refresh = move || _ = set_refreshed.try_update(|count| *count += 1);
    let online = window_event_listener_untyped("online", move |_| {
        if state.try_update(Connection::came_online) == Some(true) {
            refresh();
            // The browser may say it is online before the network answers:
            // what came back as a saved copy then is asked for once more.
            set_timeout(
                move || {
                    if state.try_with(Connection::shows_saved_copy_online) == Some(true) {
                        refresh();
                    }
                },
                ASK_AGAIN_AFTER,
            );
            set_timeout(
                move || _ = state.try_update(Connection::settled),
                BACK_ONLINE_FOR,
            );
        }
    });
    on_cleanup(move || {
        offline.remove();
        online.remove();
    });
    ConnectionHandle { state, refreshed }
}
