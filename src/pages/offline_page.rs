use super::{site_origin, SavedForOffline};
use crate::components::{Notice, PageMeta};
use crate::model::{ApiError, PageHead};
use crate::routes::Route;
use leptos::prelude::*;

/// `/offline`: what the service worker serves, without a connection, for a
/// page this device has not saved. Before the app starts it says so; the
/// app then shows the page asked for (from what was saved, if it can) or
/// why it cannot, with the stories that can be read.
#[component]
pub fn OfflinePage() -> impl IntoView {
    let error = ApiError::Offline;
    let head = PageHead::error(
        &site_origin(),
        &Route::Offline.path(),
        error.title(),
        error.advice(),
    );
    view! {
        <PageMeta head/>
        <Notice title=error.title() advice=error.advice()>
            <a class="button" href="/">"Go to the front page"</a>
        </Notice>
        <SavedForOffline/>
    }
}
