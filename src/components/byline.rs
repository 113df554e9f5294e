use crate::model::Tag;
use crate::routes::Route;
use leptos::either::Either;
use leptos::prelude::*;

/// "By" and who wrote the story: each named author linked to their page,
/// joined as a sentence joins names; or, naming none, its desk's byline.
#[component]
pub fn Byline(authors: Vec<Tag>, byline: String) -> impl IntoView {
    if authors.is_empty() {
        return Either::Left(view! { <p class="story__byline">"By " {byline}</p> });
    }
    let count = authors.len();
    let names = authors
        .into_iter()
        .enumerate()
        .map(|(at, author)| {
            let joiner = match count - at {
                1 => None,
                2 => Some(" and "),
                _ => Some(", "),
            };
            let href = Route::Author {
                id: author.id.clone(),
                page: None,
            }
            .path();
            view! { <a class="story__author" href=href rel="author">{author.label().to_owned()}</a>{joiner} }
        })
        .collect_view();
    Either::Right(view! { <p class="story__byline">"By " {names}</p> })
}

/// The topics a story is about, each linked to its page: where a reader
/// who wants more of the same goes next.
#[component]
pub fn TopicLinks(topics: Vec<Tag>) -> impl IntoView {
    (!topics.is_empty()).then(|| {
        view! {
            <nav class="topics" aria-labelledby="topics-heading">
                <h2 class="topics__heading" id="topics-heading">"Topics"</h2>
                <ul class="topics__list">
                    {topics
                        .into_iter()
                        .map(|topic| {
                            let href = Route::Topic { id: topic.id.clone(), page: None }.path();
                            view! { <li><a class="topics__link" href=href>{topic.label().to_owned()}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}
