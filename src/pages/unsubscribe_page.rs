use super::site_origin;
use crate::api::unsubscribe;
use crate::components::{ErrorNotice, Notice, PageMeta};
use crate::model::{is_link_token, ApiError, PageHead};
use crate::routes::Route;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/newsletter/unsubscribe?token=…`: where the link in every newsletter
/// leads. It asks before it acts (mail scanners open links; only the
/// reader presses the button), then says what was done. The one-click
/// unsubscribe of mail clients reaches the service directly. A link cut
/// short or mistyped is told so as soon as the app has the page (the
/// prerendered page, the same for every link, asks).
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let leave = Action::new_local(|token: &String| unsubscribe(token.clone()));
    let pending = leave.pending();
    // The prerendered button cannot work until the app has the page.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let head = PageHead::private(
        &site_origin(),
        &Route::Unsubscribe.path(),
        "Unsubscribe",
        "Stop the Britain's News Portal newsletter.",
    );
    let retry = Callback::new(move |()| {
        leave.dispatch(token());
    });
    let outcome = move || {
        if ready.get() && !is_link_token(&token()) {
            // What the service would answer, without asking it.
            Some(Err(ApiError::NotSubscribed))
        } else {
            leave.value().get()
        }
    };
    view! {
        <PageMeta head/>
        {move || match outcome() {
            None => EitherOf3::A(view! {
                <Notice
                    title="Unsubscribe from the newsletter?"
                    advice="We'll stop sending you the Britain's News Portal newsletter and delete your email address."
                >
                    <button
                        type="button"
                        class="button"
                        disabled=move || !ready.get() || pending.get()
                        on:click=move |_| {
                            leave.dispatch(token());
                        }
                    >
                        {move || if pending.get() { "Unsubscribing…" } else { "Unsubscribe" }}
                    </button>
                    <a class="button button--secondary" href="/">"Keep my subscription"</a>
                    <noscript>
                        <span class="signup__no-script">
                            "This button needs JavaScript. The Unsubscribe button your email app shows works without it."
                        </span>
                    </noscript>
                </Notice>
            }),
            Some(Ok(message)) => EitherOf3::B(view! {
                <Notice title="You've unsubscribed" advice=message>
                    <a class="button" href="/">"Read the latest news"</a>
                </Notice>
            }),
            Some(Err(error)) => EitherOf3::C(view! { <ErrorNotice error on_retry=retry/> }),
        }}
    }
}
