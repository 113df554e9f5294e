use super::canonical_url;
use crate::components::PageMeta;
use leptos::prelude::*;

/// Any address the site does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageMeta
            title="Page not found"
            description="We couldn't find that page."
            url=canonical_url("/")
        />
        <div class="notice">
            <h1 class="notice__title">"We couldn't find that page"</h1>
            <p class="notice__advice">
                "The link may be broken, or the page may have been moved or taken down."
            </p>
            <p class="notice__actions">
                <a class="button" href="/">"Go to the front page"</a>
            </p>
        </div>
    }
}
