use super::LocalTime;
use crate::model::StoryLink;
use crate::routes::Route;
use leptos::prelude::*;

/// Stories as a list of headlines, each with its time: what to read next,
/// and a day of the archive.
#[component]
pub fn HeadlineList(stories: Vec<StoryLink>) -> impl IntoView {
    view! {
        <ol class="headline-list">
            {stories.into_iter().map(|story| view! {
                <li class="headline-list__item">
                    <a class="headline-list__link" href=Route::Story(story.slug).path()>{story.headline}</a>
                    <LocalTime at=story.published/>
                </li>
            }).collect_view()}
        </ol>
    }
}
