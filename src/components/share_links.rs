use crate::model::facebook_share_url;
use leptos::{prelude::*, task::spawn_local_scoped};
use std::time::Duration;
use wasm_bindgen_futures::JsFuture;

/// How the last "Copy link" went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// Ways to pass a story on: a Facebook share and a "Copy link" button whose
/// outcome is shown on screen and announced.
#[component]
pub fn ShareLinks(
    /// The story's canonical URL.
    url: String,
) -> impl IntoView {
    let (state, set_state) = signal(CopyState::Idle);
    let copy = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            spawn_local_scoped(async move {
                let copied = copy_to_clipboard(&url).await;
                set_state.set(if copied {
                    CopyState::Copied
                } else {
                    CopyState::Failed
                });
                if copied {
                    set_timeout(
                        move || set_state.set(CopyState::Idle),
                        Duration::from_secs(5),
                    );
                }
            });
        }
    };
    let manual_url = url.clone();
    let failed = Memo::new(move |_| state.get() == CopyState::Failed);
    view! {
        <section class="share" aria-labelledby="share-heading">
            <h2 id="share-heading" class="share__heading">"Share this story"</h2>
            <ul class="share__list">
                <li>
                    <a
                        class="share__button share__button--facebook"
                        href=facebook_share_url(&url)
                        rel="noopener noreferrer"
                        target="_blank"
                    >
                        "Share on Facebook"
                        <span class="visually-hidden">" (opens in a new tab)"</span>
                    </a>
                </li>
                <li class="share__copy">
                    <button type="button" class="share__button" on:click=copy>
                        "Copy link"
                    </button>
                </li>
            </ul>
            <p class="share__status" role="status">
                {move || match state.get() {
                    CopyState::Idle => None,
                    CopyState::Copied => Some("Link copied"),
                    CopyState::Failed => Some("We couldn't copy the link. Select it below and copy it yourself."),
                }}
            </p>
            {move || failed.get().then(|| view! {
                <label class="share__manual">
                    <span class="visually-hidden">"Link to this story"</span>
                    <input type="text" readonly value=manual_url.clone()/>
                </label>
            })}
        </section>
    }
}

/// Writes `text` to the clipboard; false when the browser refuses.
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}
