use crate::config::SIGNUP_URL;
use crate::model::{Focus, Typed, CONSENT_VERSION};
use crate::signup_form::SignupFormHandle;
use leptos::{either::Either, ev::SubmitEvent, html, prelude::*};

/// "Get the news that matters.": the newsletter signup, above the footer
/// of every page, at the end of each story and on the newsletter's page.
/// `placement` tells them apart (for their ids); `signup` is the form's
/// state and what the reader's actions do (`signup_form::use_signup_form`).
///
/// Before the app runs (or without JavaScript) it is a plain form that
/// POSTs to the signup service, which answers with a page of the site
/// (`server/src/signup.rs`); once the app has the page, it sends the
/// signup itself and says how it went in place.
#[component]
pub fn NewsletterSignup(
    /// `footer`, `story` or `page`.
    placement: &'static str,
    signup: SignupFormHandle,
) -> impl IntoView {
    let SignupFormHandle {
        form,
        submit,
        retry,
        typing,
        focused,
    } = signup;
    let heading_id = format!("signup-heading-{placement}");
    let field_id = format!("signup-email-{placement}");
    let error_id = format!("signup-email-error-{placement}");
    let trap_id = format!("signup-website-{placement}");
    // Read when sent, not mirrored: what a reader typed before the app took
    // the page over stays in the field.
    let input = NodeRef::<html::Input>::new();
    let trap = NodeRef::<html::Input>::new();
    let done_message = NodeRef::<html::P>::new();

    // Focus goes where the form says: the field, to fix the address, or the
    // message that replaced the form (not lost with the button that went).
    Effect::new(move |_| {
        let target: Option<web_sys::HtmlElement> = match form.with(|form| form.focus) {
            Some(Focus::Field) => input.get().map(Into::into),
            Some(Focus::Done) => done_message.get().map(Into::into),
            None => return,
        };
        if let Some(target) = target {
            let _ = target.focus();
            focused.run(());
        }
    });

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let value = |field: NodeRef<html::Input>| {
            field
                .get_untracked()
                .map(|field| field.value())
                .unwrap_or_default()
        };
        submit.run(Typed {
            email: value(input),
            website: value(trap),
        });
    };
    let field_error = Memo::new(move |_| form.with(|form| form.field_error.clone()));
    let blocked = move || form.with(|form| form.is_blocked());
    let sending = move || form.with(|form| form.sending);
    let described_by = {
        let error_id = error_id.clone();
        move || field_error.with(Option::is_some).then(|| error_id.clone())
    };
    let labelled_by = heading_id.clone();
    let source = form.with_untracked(|form| form.source.clone());
    let succeeded = Memo::new(move |_| form.with(|form| form.succeeded()));
    let status_text = move || form.with(|form| form.status());
    let can_try_again = Memo::new(move |_| form.with(|form| form.can_try_again()));

    view! {
        <aside
            class="signup"
            class:signup--story=placement == "story"
            class:signup--page=placement == "page"
            aria-labelledby=labelled_by
        >
            <h2 id=heading_id class="signup__heading">"Get the news that matters."</h2>
            <p class="signup__pitch">
                "Join thousands of readers getting the best of British news straight to their inbox."
            </p>
            {move || if succeeded.get() {
                Either::Left(view! {
                <p node_ref=done_message class="signup__done" tabindex="-1">
                    {move || form.with(|form| form.outcome.as_ref().map(|o| o.message()))}
                </p>
                })
            } else {
                Either::Right(view! {
                    <form
                        class="signup__form"
                        method="post"
                        action=SIGNUP_URL
                        novalidate=true
                        on:submit=on_submit
                    >
                        <input type="hidden" name="source" value=source.clone()/>
                        <input type="hidden" name="consent_version" value=CONSENT_VERSION/>
                        <div class="signup__field" class:signup__field--invalid=move || field_error.with(Option::is_some)>
                            <label for=field_id.clone()>"Email address"</label>
                            <p id=error_id.clone() class="signup__error">
                                {move || field_error.get()}
                            </p>
                            <div class="signup__row">
                                <input
                                    node_ref=input
                                    id=field_id.clone()
                                    type="email"
                                    name="email"
                                    autocomplete="email"
                                    inputmode="email"
                                    spellcheck="false"
                                    aria-invalid=move || field_error.with(Option::is_some).then_some("true")
                                    aria-describedby=described_by.clone()
                                    on:input=move |_| typing.run(())
                                />
                                <button
                                    type="submit"
                                    class="button signup__submit"
                                    aria-disabled=move || blocked().then_some("true")
                                >
                                    {move || if sending() { "Signing you up…" } else { "Sign up" }}
                                </button>
                            </div>
                        </div>
                        <div class="signup__trap" aria-hidden="true">
                            <label for=trap_id.clone()>"Leave this field empty"</label>
                            <input
                                id=trap_id.clone()
                                type="text"
                                name="website"
                                tabindex="-1"
                                autocomplete="off"
                                node_ref=trap
                            />
                        </div>
                        <p class="signup__privacy">
                            "We'll only use your email address to send you the newsletter, and you can unsubscribe at any time. See our "
                            <a href="/privacy">"privacy notice"</a> "."
                        </p>
                    </form>
                })
            }}
            <div class="signup__status" role="status" aria-live="polite">
                <p>{status_text}</p>
                {move || can_try_again.get().then(|| view! {
                    <button type="button" class="button button--secondary" on:click=move |_| retry.run(())>
                        "Try again"
                    </button>
                })}
            </div>
        </aside>
    }
}
