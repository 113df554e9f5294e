use super::page_data::{page_data, Failure};
use super::site_origin;
use crate::api::fetch_front_page;
use crate::components::{Awaiting, LocalTime, PageMeta};
use crate::model::{story_path, ArticleSummary, PageHead, StoryIndex};
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
                    Either::Right(view! {
                        <ol class="story-list">
                            {index.articles.into_iter().map(|story| view! { <StoryCard story/> }).collect_view()}
                        </ol>
                    })
                }
            })}
        </section>
    }
}

/// One story on the front page.
#[component]
fn StoryCard(story: ArticleSummary) -> impl IntoView {
    view! {
        <li class="story-card">
            <p class="story-card__kicker">
                {story.section.map(|section| view! { <span class="story-card__section">{section}</span> })}
                {story.sample.then(|| view! { <span class="tag tag--sample">"Sample story"</span> })}
            </p>
            <h2 class="story-card__headline">
                <a href=story_path(&story.slug)>{story.headline}</a>
            </h2>
            {(!story.standfirst.is_empty()).then(|| view! {
                <p class="story-card__standfirst">{story.standfirst}</p>
            })}
            <p class="story-card__time"><LocalTime at=story.published/></p>
        </li>
    }
}
