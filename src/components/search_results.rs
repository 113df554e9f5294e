use super::{LocalTime, SectionLabel};
use crate::model::SearchResult;
use crate::routes::Route;
use leptos::prelude::*;

/// What a search found: each story's headline (its link), section, date
/// in UK time and an excerpt with the words found marked.
#[component]
pub fn SearchResults(results: Vec<SearchResult>) -> impl IntoView {
    view! {
        <ol class="search-results">
            {results.into_iter().map(|result| view! {
                <li class="search-result">
                    <h2 class="search-result__headline">
                        <a href=Route::Story(result.slug).path()>{result.headline}</a>
                    </h2>
                    <p class="search-result__meta">
                        {result.section.map(|name| view! { <SectionLabel name class="search-result__section"/> })}
                        {result.live.then(|| view! { <span class="tag tag--live">"Live"</span> })}
                        <LocalTime at=result.published/>
                    </p>
                    <p class="search-result__excerpt">
                        {result.excerpt.into_iter().map(|run| if run.marked {
                            leptos::either::Either::Left(view! { <mark>{run.text}</mark> })
                        } else {
                            leptos::either::Either::Right(run.text)
                        }).collect_view()}
                    </p>
                </li>
            }).collect_view()}
        </ol>
    }
}
