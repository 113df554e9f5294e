use crate::model::section_path;
use leptos::either::Either;
use leptos::prelude::*;

/// The section a story belongs to, linking to the section's page (as text
/// alone if its name makes no address).
#[component]
pub fn SectionLabel(name: String, class: &'static str) -> impl IntoView {
    match section_path(&name) {
        Some(path) => Either::Left(view! { <a class=class href=path>{name}</a> }),
        None => Either::Right(view! { <span class=class>{name}</span> }),
    }
}
