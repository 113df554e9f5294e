use leptos::prelude::*;

/// Grey placeholders the shape of a story, so nothing jumps when it arrives.
#[component]
pub fn StorySkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true">
            <p role="status" class="visually-hidden">"Loading the story…"</p>
            <div aria-hidden="true">
                <div class="skeleton__line skeleton__line--kicker"></div>
                <div class="skeleton__line skeleton__line--headline"></div>
                <div class="skeleton__line skeleton__line--headline skeleton__line--short"></div>
                <div class="skeleton__block skeleton__block--standfirst"></div>
                <div class="skeleton__line skeleton__line--meta"></div>
                <div class="skeleton__block skeleton__block--key-points"></div>
                <div class="skeleton__block skeleton__block--paragraph"></div>
                <div class="skeleton__block skeleton__block--paragraph"></div>
            </div>
        </div>
    }
}
