use leptos::either::Either;
use leptos::prelude::*;

/// A message that takes the place of a page's content: a title, what it
/// means for the reader, and the ways on (`children`, links or buttons).
#[component]
pub fn Notice<C: IntoView + 'static>(
    #[prop(into)] title: String,
    #[prop(into)] advice: String,
    /// Announce it at once (`role="alert"`): for errors.
    #[prop(optional)]
    alert: bool,
    /// Inside a page that has its own `<h1>`: the title is then an `<h2>`.
    #[prop(optional)]
    nested: bool,
    children: TypedChildren<C>,
) -> impl IntoView {
    let title = if nested {
        Either::Left(view! { <h2 class="notice__title">{title}</h2> })
    } else {
        Either::Right(view! { <h1 class="notice__title">{title}</h1> })
    };
    view! {
        <div class="notice" role=alert.then_some("alert")>
            {title}
            <p class="notice__advice">{advice}</p>
            <p class="notice__actions">{children.into_inner()()}</p>
        </div>
    }
}
