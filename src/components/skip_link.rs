use leptos::prelude::*;

/// The first thing a keyboard reader reaches: a jump past the header.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#main">"Skip to main content"</a> }
}
