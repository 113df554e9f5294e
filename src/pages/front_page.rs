use super::page_data::{page_data, Failure};
use super::site_origin;
use crate::api::fetch_front_page;
use crate::components::{Awaiting, PageMeta, StoryList};
use crate::model::{PageHead, StoryIndex};
use leptos::either::Either;
use leptos::prelude::*;

/// `/`: the latest stories, newest first, the first of them as the lead.
#[component]
pub fn FrontPage() -> impl IntoView {
    let stories = Resource::new(|| (), |()| fetch_front_page());
    view! {
        <PageMeta head=PageHead::front_page(&site_origin())/>
        <section class="front-page" aria-labelledby="latest-heading">
            <h1 id="latest-heading" class="front-page__heading">"Latest news"</h1>
            {page_data(stories, Awaiting::StoryList, Failure::UnderHeading, |index: StoryIndex| {
                if index.articles.is_empty() {
                    Either::Left(view! {
                        <p class="front-page__empty">"There are no stories yet. Please check back soon."</p>
                    })
                } else {
                    Either::Right(view! { <StoryList stories=index.articles/> })
                }
            })}
        </section>
    }
}
