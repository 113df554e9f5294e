use super::site_origin;
use crate::components::{NewsletterSignup, Notice, PageMeta};
use crate::model::PageHead;
use crate::routes::Route;
use crate::signup_form::use_signup_form;
use leptos::prelude::*;

/// `/newsletter`: what the newsletter is, and its signup form. A signup
/// sent from here without the app that the service could not take comes
/// back to this page, filled in by the service (`server/src/signup.rs`).
#[component]
pub fn NewsletterPage() -> impl IntoView {
    let head = PageHead::page(
        &site_origin(),
        &Route::Newsletter.path(),
        "The newsletter",
        "The best of British news straight to your inbox, every weekday morning.",
    );
    let signup = use_signup_form("newsletter".to_owned());
    view! {
        <PageMeta head/>
        <article class="prose">
            <h1>"The newsletter"</h1>
            <p class="prose__lead">
                "The best of British news straight to your inbox, every weekday morning: the day's most "
                "important stories, each in a line, with a short note from the editor."
            </p>
            <p>
                "See what it's like: "
                <a href=Route::Editions { page: None }.path()>"read the latest editions"</a>
                " on the web."
            </p>
        </article>
        <NewsletterSignup placement="page" signup/>
    }
}

/// Where a signup sent without the app lands once the service has taken
/// it: `/newsletter/check-your-inbox`, or `/newsletter/already-signed-up`
/// for an address already subscribed. The address is in neither.
#[component]
pub fn SignedUpPage(already_subscribed: bool) -> impl IntoView {
    let (route, title, advice) = if already_subscribed {
        (
            Route::AlreadySignedUp,
            "You're already signed up",
            "That address already gets the newsletter every weekday morning. Thank you for reading.",
        )
    } else {
        (
            Route::CheckYourInbox,
            "Check your inbox",
            "We've sent you an email with a link to confirm your subscription. Open it, and the \
             newsletter starts the next weekday morning. If it hasn't come in a few minutes, look in \
             your spam or junk folder.",
        )
    };
    let head = PageHead::private(&site_origin(), &route.path(), title, advice);
    view! {
        <PageMeta head/>
        <Notice title advice>
            <a class="button" href=Route::Editions { page: None }.path()>"Read the latest edition"</a>
            <a class="button button--secondary" href="/">"Read the latest news"</a>
        </Notice>
    }
}
