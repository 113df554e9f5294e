use leptos::prelude::*;

/// The ways to the pages either side of this one in a run of pages (a
/// section's older stories, the archive's days or months, more results of
/// a search), named for where they lead: "Newer stories", "Older stories".
/// `newer` is the page before this one, `older` the page after.
#[component]
pub fn PageLinks(
    /// What the links are between, for screen readers: "More London stories".
    label: String,
    newer: Option<(String, &'static str)>,
    older: Option<(String, &'static str)>,
) -> impl IntoView {
    (newer.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="page-links" aria-label=label>
                {newer.map(|(href, text)| view! { <a class="page-links__newer" rel="prev" href=href>{text}</a> })}
                {older.map(|(href, text)| view! { <a class="page-links__older" rel="next" href=href>{text}</a> })}
            </nav>
        }
    })
}
