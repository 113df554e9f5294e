use leptos::prelude::*;

/// A headed section that steps back from the story, such as "Why this
/// matters". `id` names the heading so the section takes it as its name.
#[component]
pub fn Explainer(id: &'static str, heading: &'static str, text: String) -> impl IntoView {
    view! {
        <section class="explainer" aria-labelledby=id>
            <h2 id=id class="explainer__heading">{heading}</h2>
            <p>{text}</p>
        </section>
    }
}
