use leptos::prelude::*;

/// The "Key points" summary box. Renders nothing when there are no points.
#[component]
pub fn KeyPoints(points: Vec<String>) -> impl IntoView {
    (!points.is_empty()).then(|| {
        view! {
            <section class="key-points" aria-labelledby="key-points-heading">
                <h2 id="key-points-heading" class="key-points__heading">"Key points"</h2>
                <ul class="key-points__list">
                    {points.into_iter().map(|point| view! { <li>{point}</li> }).collect_view()}
                </ul>
            </section>
        }
    })
}
