use crate::api::{saved_for_offline, saved_list};
use crate::components::SavedStories;
use leptos::prelude::*;

/// The stories this device has saved for reading offline, as its service
/// worker lists them: where a page cannot be read offline, and on the
/// offline page. Only the browser knows them, so nothing is prerendered.
#[component]
pub fn SavedForOffline() -> impl IntoView {
    let saved = LocalResource::new(saved_for_offline);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let stories = saved_list(saved.await)
                    .ok()
                    .flatten()
                    .map(|list| list.stories)
                    .unwrap_or_default();
                view! { <SavedStories stories/> }
            })}
        </Suspense>
    }
}
