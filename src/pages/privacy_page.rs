use super::site_origin;
use crate::components::PageMeta;
use crate::model::{PageHead, CONSENT_VERSION};
use crate::routes::Route;
use leptos::prelude::*;

/// `/privacy`: what the newsletter signup does with an address.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let head = PageHead::page(
        &site_origin(),
        &Route::Privacy.path(),
        "Privacy notice",
        "How Britain's News Portal uses the email address you give us for the newsletter.",
    );
    view! {
        <PageMeta head/>
        <article class="prose">
            <p class="story__kicker"><span class="tag tag--sample">"Sample text"</span></p>
            <h1>"Privacy notice"</h1>
            <p class="prose__lead">
                "This is sample text, written to show where the site's privacy notice goes. It is not legal advice."
            </p>
            <h2>"What we collect"</h2>
            <p>
                "When you sign up to the newsletter we keep your email address, the page you signed up from, "
                "the time, and the version of this notice you saw (version " {CONSENT_VERSION} "). "
                "To stop anyone signing up many addresses at once, we also count signups from your internet "
                "address for two minutes; that count is not linked to your email address."
            </p>
            <h2>"What we use it for"</h2>
            <p>
                "Only to send you the newsletter you asked for, starting once you confirm your address from the "
                "email we send. We do not sell or share your address."
            </p>
            <h2>"Your choices"</h2>
            <p>
                "Every email we send has a link to unsubscribe, and your email app's Unsubscribe button works too. "
                "Unsubscribing deletes your address and everything we keep with it. You can ask us to see or delete "
                "what we hold about you at any time, under the UK General Data Protection Regulation."
            </p>
            <p><a href="/">"Back to the front page"</a></p>
        </article>
    }
}
