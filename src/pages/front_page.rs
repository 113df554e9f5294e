use super::fetched_view::{fetched_view, page_resource, ErrorPlacement};
use super::site_origin;
use crate::api::PageData;
use crate::components::{Awaiting, PageMeta, StoryCards};
use crate::model::{PageHead, StoryIndex};
use crate::routes::Route;
use leptos::either::Either;
use leptos::prelude::*;

/// `/`: the latest stories, newest first, the first of them as the lead;
/// then the way into every other story (the archive; the masthead has
/// the sections).
#[component]
pub fn FrontPage() -> impl IntoView {
    let data = PageData::front_page();
    let stories = page_resource(data.clone());
    let decode = move |text: &str| data.decode(text, StoryIndex::from_json);
    view! {
        <PageMeta head=PageHead::front_page(&site_origin())/>
        <section class="listing" aria-labelledby="latest-heading">
            <h1 id="latest-heading" class="listing__heading">"Latest news"</h1>
            {fetched_view(stories, decode, Awaiting::StoryList, ErrorPlacement::UnderHeading, |index: StoryIndex| {
                if index.articles.is_empty() {
                    Either::Left(view! {
                        <p class="listing__empty">"There are no stories yet. Please check back soon."</p>
                    })
                } else {
                    Either::Right(view! { <StoryCards stories=index.articles/> })
                }
            })}
            <p class="listing__more">
                "Looking for an older story? Every story we have published is in "
                <a href=Route::Archive.path()>"the archive, by date"</a>
                ", and each section at the top of the page lists its own."
            </p>
        </section>
    }
}
