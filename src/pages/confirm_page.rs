use super::fetched_view::{fetched_view, ErrorPlacement};
use super::site_origin;
use crate::api::confirm_signup;
use crate::components::{Awaiting, Notice, PageMeta};
use crate::model::PageHead;
use crate::routes::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/newsletter/confirm?token=…`: where the link in the confirmation email
/// lands. It confirms the signup and says how that went. Prerendered only
/// as its loading state: what it shows depends on the token.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let confirmation = LocalResource::new(move || confirm_signup(token()));
    // A page for one reader, as the unsubscribe page is: not for indexing.
    let head = PageHead::private(
        &site_origin(),
        &Route::Confirm.path(),
        "Confirm your subscription",
        "Confirm your subscription to the Britain's News Portal newsletter.",
    );
    view! {
        <PageMeta head/>
        {fetched_view(confirmation, |message: &str| Ok(message.to_owned()), Awaiting::Confirmation, ErrorPlacement::ReplacesContent, |message: String| view! {
            <Notice title="You're subscribed" advice=message>
                <a class="button" href=Route::Editions { page: None }.path()>"Read the latest edition"</a>
                <a class="button button--secondary" href="/">"Read the latest news"</a>
            </Notice>
        })}
    }
}
