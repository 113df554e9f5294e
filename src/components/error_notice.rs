use super::{focus_main, Notice};
use crate::model::ApiError;
use leptos::prelude::*;

/// Tells the reader what went wrong and offers a way on: "Try again" where
/// another attempt could help, and always the way to the front page. Trying
/// again replaces the notice, so focus moves to the main content.
#[component]
pub fn ErrorNotice(
    error: ApiError,
    #[prop(into)] on_retry: Callback<()>,
    /// Inside a page that has its own `<h1>`: the title is then an `<h2>`.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let retry = error.is_retryable().then(|| {
        view! {
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    on_retry.run(());
                    focus_main();
                }
            >
                "Try again"
            </button>
        }
    });
    view! {
        <Notice title=error.title() advice=error.advice() alert=true nested>
            {retry}
            <a class="button button--secondary" href="/">"Go to the front page"</a>
        </Notice>
    }
}
