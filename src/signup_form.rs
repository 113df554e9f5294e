//! The newsletter signup form connected to the signup service and the
//! clock (its rules are `model::SignupForm`, a state machine with table
//! tests, as the ticker's are): `use_signup_form` gives the form's view a
//! signal to show and callbacks for what the reader does. Offline signups
//! go as soon as the connection is back; the listener goes with the form
//! (a story's form is dropped when the reader moves on).

use crate::model::{Attempt, SignupForm, SignupOutcome, Typed};
use leptos::prelude::*;
use std::time::Duration;

/// What a signup form's view is given.
#[derive(Clone, Copy)]
pub struct SignupFormHandle {
    /// Where the form stands.
    pub form: RwSignal<SignupForm>,
    /// The reader sent the form with what they typed.
    pub submit: Callback<Typed>,
    /// The reader asked to try again.
    pub retry: Callback<()>,
    /// The reader typed in the field.
    pub typing: Callback<()>,
    /// Focus went where the form asked.
    pub focused: Callback<()>,
}

/// A signup form recorded as coming from `source` (`footer`,
/// `story:<slug>`).
pub fn use_signup_form(source: String) -> SignupFormHandle {
    let form = RwSignal::new(SignupForm::new(source));
    // Effects run only in the browser, once the app has the page: until
    // then the prerendered form cannot be sent.
    Effect::new(move |_| form.update(|form| form.shown(js_sys::Date::now())));
    let dispatch = move |attempt: Option<Attempt>| {
        if let Some(attempt) = attempt {
            leptos::task::spawn_local(send(form, attempt));
        }
    };
    let online = window_event_listener_untyped("online", move |_| {
        dispatch(form.try_update(SignupForm::back_online).flatten());
    });
    on_cleanup(move || online.remove());
    SignupFormHandle {
        form,
        submit: Callback::new(move |typed: Typed| {
            let now = js_sys::Date::now();
            dispatch(
                form.try_update(|form| form.submit(&typed, now, new_idempotency_key))
                    .flatten(),
            );
        }),
        retry: Callback::new(move |()| dispatch(form.try_update(SignupForm::retry).flatten())),
        typing: Callback::new(move |()| form.update(SignupForm::typing)),
        focused: Callback::new(move |()| form.update(SignupForm::focused)),
    }
}

/// Sends `attempt` and shows how it went: by the part of the app the
/// browser fetches once it has started (`after_start`), which a signup
/// sent before then waits for. If that part cannot be fetched, the signup
/// did not go, and the form says so as it says any failure to send.
async fn send(form: RwSignal<SignupForm>, attempt: Attempt) {
    let outcome = match crate::after_start::send_signup(attempt).await {
        Ok(sending) => sending.await,
        Err(_) if !window().navigator().on_line() => SignupOutcome::Offline,
        Err(_) => SignupOutcome::Failed,
    };
    // The form may have gone meanwhile (the reader moved on).
    if let Some(secs) = form.try_update(|form| form.replied(outcome)).flatten() {
        set_timeout(
            move || _ = form.try_update(SignupForm::wait_over),
            Duration::from_secs(u64::from(secs)),
        );
    }
}

/// A fresh idempotency key: a random UUID where the browser has them.
fn new_idempotency_key() -> String {
    window()
        .crypto()
        .ok()
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| {
            format!(
                "{:x}-{:x}",
                js_sys::Date::now() as u64,
                (js_sys::Math::random() * 1e16) as u64
            )
        })
}
