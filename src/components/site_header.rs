use super::SearchBox;
use crate::config::SITE_NAME;
use leptos::prelude::*;

/// The masthead: brand, tagline, the search box and the site's Facebook
/// page, and under them its `children` (the section navigation).
/// `on_search_focus` is told when the reader first focuses the search box,
/// `on_search_typing` of what is in it at every keystroke.
#[component]
pub fn SiteHeader(
    #[prop(into)] on_search_focus: Callback<()>,
    #[prop(into)] on_search_typing: Callback<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <header class="masthead">
            <div class="masthead__inner">
                <a class="masthead__brand" href="/">
                    <span class="masthead__name">{SITE_NAME}</span>
                    <span class="masthead__tagline">"Around The Clock"</span>
                </a>
                <SearchBox on_focus=on_search_focus on_typing=on_search_typing/>
                <nav class="masthead__social" aria-label="Follow us">
                    <a
                        class="masthead__facebook"
                        href="https://www.facebook.com/"
                        rel="noopener noreferrer"
                        target="_blank"
                    >
                        "Facebook"
                        <span class="visually-hidden">" (opens in a new tab)"</span>
                    </a>
                </nav>
            </div>
            {children()}
        </header>
    }
}
