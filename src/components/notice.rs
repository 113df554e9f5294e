use leptos::prelude::*;

/// A message that takes the place of a page's content: a title, what it
/// means for the reader, and the ways on (`children`, links or buttons).
#[component]
pub fn Notice(
    #[prop(into)] title: String,
    #[prop(into)] advice: String,
    /// Announce it at once (`role="alert"`): for errors.
    #[prop(optional)]
    alert: bool,
    /// Inside a page that has its own `<h1>`: the title is then an `<h2>`.
    #[prop(optional)]
    nested: bool,
    children: Children,
) -> impl IntoView {
    let title = if nested {
        view! { <h2 class="notice__title">{title}</h2> }.into_any()
    } else {
        view! { <h1 class="notice__title">{title}</h1> }.into_any()
    };
    view! {
        <div class="notice" role=alert.then_some("alert")>
            {title}
            <p class="notice__advice">{advice}</p>
            <p class="notice__actions">{children()}</p>
        </div>
    }
}
