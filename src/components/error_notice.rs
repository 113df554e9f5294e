use super::focus_main;
use crate::api::ApiError;
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
    let title = if nested {
        view! { <h2 class="notice__title">{error.title()}</h2> }.into_any()
    } else {
        view! { <h1 class="notice__title">{error.title()}</h1> }.into_any()
    };
    view! {
        <div class="notice" role="alert">
            {title}
            <p class="notice__advice">{error.advice()}</p>
            <p class="notice__actions">
                {error.is_retryable().then(|| view! {
                    <button type="button" class="button" on:click=move |_| {
                        on_retry.run(());
                        focus_main();
                    }>
                        "Try again"
                    </button>
                })}
                <a class="button button--secondary" href="/">"Go to the front page"</a>
            </p>
        </div>
    }
}
