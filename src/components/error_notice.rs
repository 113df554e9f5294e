use super::focus_main;
use crate::api::ApiError;
use leptos::prelude::*;

/// Tells the reader what went wrong and offers a way on: "Try again" where
/// another attempt could help, and always the way to the front page. Trying
/// again replaces the notice, so focus moves to the main content.
#[component]
pub fn ErrorNotice(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice" role="alert">
            <h1 class="notice__title">{error.title()}</h1>
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
