use super::site_origin;
use crate::components::{Notice, PageMeta};
use crate::model::{ApiError, PageHead};
use crate::routes::Route;
use leptos::prelude::*;

/// What a withdrawn story's address shows (the host serves `removed.html`
/// there, with status 410): that it was removed, and the ways on. It names
/// nothing of the story.
#[component]
pub fn RemovedPage() -> impl IntoView {
    let error = ApiError::Withdrawn;
    let head = PageHead::error(
        &site_origin(),
        &Route::Removed.path(),
        error.title(),
        error.advice(),
    );
    view! {
        <PageMeta head/>
        <Notice title=error.title() advice=error.advice()>
            <a class="button" href="/">"Read the latest news"</a>
            <a class="button button--secondary" href=Route::Archive.path()>"Browse the archive"</a>
        </Notice>
    }
}
