use super::LocalTime;
use crate::model::SavedStory;
use leptos::prelude::*;

/// The stories this device has saved, which read without a connection:
/// each headline, and when it was saved. Nothing if there are none.
#[component]
pub fn SavedStories(stories: Vec<SavedStory>) -> impl IntoView {
    (!stories.is_empty()).then(|| {
        view! {
            <section class="saved-stories" aria-labelledby="saved-stories-title">
                <h2 id="saved-stories-title" class="saved-stories__title">"Saved on this device"</h2>
                <p class="saved-stories__advice">"You can read these without a connection."</p>
                <ol class="headline-list">
                    {stories.into_iter().map(|story| {
                        let href = story.path();
                        view! {
                            <li class="headline-list__item">
                                <a class="headline-list__link" href=href>{story.headline}</a>
                                <span class="saved-stories__when">"Saved " <LocalTime at=story.saved/></span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    })
}
