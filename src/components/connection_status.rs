use crate::model::ConnectionNotice;
use leptos::prelude::*;

/// The quiet line under the ticker that says the reader is offline, or is
/// reading a copy this device saved, and when it was saved; and, once the
/// connection is back, that it is. Empty otherwise (and always in a
/// prerendered page: only the browser knows).
#[component]
pub fn ConnectionStatus(#[prop(into)] notice: Signal<Option<ConnectionNotice>>) -> impl IntoView {
    view! {
        <div class="connection" role="status">
            {move || notice.get().map(|notice| view! {
                <p class="connection__message" class:connection__message--back=notice == ConnectionNotice::BackOnline>
                    {notice.message()}
                </p>
            })}
        </div>
    }
}
