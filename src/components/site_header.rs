use crate::config::SITE_NAME;
use leptos::prelude::*;

/// The masthead: brand, tagline and the site's Facebook page, and under
/// them its `children` (the section navigation).
#[component]
pub fn SiteHeader(children: Children) -> impl IntoView {
    view! {
        <header class="masthead">
            <div class="masthead__inner">
                <a class="masthead__brand" href="/">
                    <span class="masthead__name">{SITE_NAME}</span>
                    <span class="masthead__tagline">"Around The Clock"</span>
                </a>
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
