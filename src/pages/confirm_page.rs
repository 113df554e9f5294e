use super::canonical_url;
use crate::api::{confirm_signup, ApiError};
use crate::components::{ErrorNotice, Notice, PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/newsletter/confirm?token=…`: where the link in the confirmation email
/// lands. It confirms the signup and says how that went.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let confirmation = LocalResource::new(move || confirm_signup(token()));
    let retry = Callback::new(move |()| confirmation.refetch());

    view! {
        <PageMeta
            title="Confirm your subscription"
            description="Confirm your subscription to the Britain's News Portal newsletter."
            url=canonical_url("/newsletter/confirm")
        />
        <Suspense fallback=|| view! {
            <div class="notice"><p role="status">"Confirming your subscription…"</p></div>
        }>
            {move || Suspend::new(async move {
                match confirmation.await {
                    Ok(message) => view! {
                        <Notice title="You're subscribed" advice=message>
                            <a class="button" href="/">"Read the latest news"</a>
                        </Notice>
                    }.into_any(),
                    Err(ApiError::NotFound) => view! {
                        <Notice
                            title="This link isn't valid"
                            advice="Check you used the whole link from the email. If it still doesn't work, sign up again below and we'll send a new one."
                        >
                            <a class="button button--secondary" href="/">"Go to the front page"</a>
                        </Notice>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error on_retry=retry/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
