use super::canonical_url;
use crate::components::{Notice, PageMeta};
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
        <Notice
            title="We couldn't find that page"
            advice="The link may be broken, or the page may have been moved or taken down."
        >
            <a class="button" href="/">"Go to the front page"</a>
        </Notice>
    }
}
