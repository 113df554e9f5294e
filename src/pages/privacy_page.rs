use super::site_origin;
use crate::api::{clear_saved_for_offline, saved_for_offline, saved_list};
use crate::components::PageMeta;
use crate::model::{PageHead, CONSENT_VERSION, SAVED_LIMIT_BYTES};
use crate::routes::Route;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;

/// `/privacy`: what the newsletter signup does with an address, and what
/// the site keeps on the reader's device for reading offline.
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
                "Only to send you the newsletter you asked for, every weekday morning, starting once you confirm "
                "your address from the email we send. We do not sell or share your address."
            </p>
            <p>
                "We don't track whether you open our emails or which links you follow in them: they carry no "
                "tracking pixel, and their links go straight to our stories. We keep only whether each edition "
                "was delivered to your address, and, if your email provider tells us it could not be, or that "
                "you marked it as spam, we stop sending to it."
            </p>
            <h2>"Your choices"</h2>
            <p>
                "Every email we send has a link to unsubscribe, and your email app's Unsubscribe button works too. "
                "Unsubscribing deletes your address and everything we keep with it. You can ask us to see or delete "
                "what we hold about you at any time, under the UK General Data Protection Regulation."
            </p>
            <h2>"What this site keeps on your device"</h2>
            <p>
                "So that you can read without a connection, on a train or the Underground, your browser keeps "
                "the pages and stories you open here, with their pictures, and the latest headlines, up to "
                {format!("{} MB", SAVED_LIMIT_BYTES / 1_048_576)}
                "; when that is full, the oldest go first. It also keeps this site's own program, so the "
                "pages work offline. All of it stays on this device: nothing about what you read is sent to "
                "us or anyone else. Newsletter signups, confirmations and unsubscribes are never kept."
            </p>
            <SavedOnThisDevice/>
            <p><a href="/">"Back to the front page"</a></p>
        </article>
    }
}

/// What this device keeps for reading offline, and a way to clear it. Only
/// the browser knows, so nothing of it is prerendered.
#[component]
fn SavedOnThisDevice() -> impl IntoView {
    let saved = LocalResource::new(saved_for_offline);
    let clearing_failed = RwSignal::new(false);
    let clear = move || {
        spawn_local_scoped(async move {
            clearing_failed.set(clear_saved_for_offline().await.is_err());
            saved.refetch();
        });
    };
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match saved_list(saved.await) {
                    Ok(None) => EitherOf3::A(view! {
                        <p class="saved-summary">"Nothing is kept on this device."</p>
                    }),
                    Ok(Some(list)) => {
                        let empty = list.stories.is_empty() && list.bytes == 0;
                        EitherOf3::B(view! {
                            <p class="saved-summary">
                                "Kept on this device now: " {list.summary()} "."
                            </p>
                            {(!empty).then(|| view! {
                                <p>
                                    <button type="button" class="button button--secondary" on:click=move |_| clear()>
                                        "Clear what is kept"
                                    </button>
                                </p>
                            })}
                        })
                    }
                    Err(_) => EitherOf3::C(view! {
                        <p class="saved-summary">"We couldn't see what this device keeps just now."</p>
                    }),
                }
            })}
        </Suspense>
        {move || clearing_failed.get().then(|| view! {
            <p class="saved-summary" role="alert">"We couldn't clear what this device keeps. Please try again."</p>
        })}
    }
}
