use super::site_origin;
use crate::components::{Notice, PageMeta};
use crate::model::PageHead;
use crate::routes::Route;
use leptos::prelude::*;

/// Any address the site does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    let head = PageHead::error(
        &site_origin(),
        &Route::NotFound.path(),
        "Page not found",
        "We couldn't find that page.",
    );
    view! {
        <PageMeta head/>
        <Notice
            title="We couldn't find that page"
            advice="The link may be broken, or the page may have been moved or taken down."
        >
            <a class="button" href="/">"Go to the front page"</a>
        </Notice>
    }
}
