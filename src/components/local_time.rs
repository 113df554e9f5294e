use crate::model::Timestamp;
use leptos::prelude::*;

/// A `<time>` showing an instant in UK time, machine-readable in UTC.
#[component]
pub fn LocalTime(at: Timestamp) -> impl IntoView {
    view! { <time datetime=at.to_rfc3339()>{at.to_uk().long()}</time> }
}
