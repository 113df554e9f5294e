use super::canonical_url;
use crate::api::fetch_front_page;
use crate::components::{ErrorNotice, LocalTime, PageMeta};
use crate::model::{story_path, ArticleSummary};
use leptos::prelude::*;

/// `/`: the latest stories, newest first, the first of them as the lead.
#[component]
pub fn FrontPage() -> impl IntoView {
    let stories = LocalResource::new(fetch_front_page);
    let retry = Callback::new(move |()| stories.refetch());

    view! {
        <PageMeta
            title="Latest news"
            description="The latest news from across Britain, around the clock."
            url=canonical_url("/")
        />
        <section class="front-page" aria-labelledby="latest-heading">
            <h1 id="latest-heading" class="front-page__heading">"Latest news"</h1>
            <Suspense fallback=|| view! { <StoryListSkeleton/> }>
                {move || Suspend::new(async move {
                    match stories.await {
                        Ok(page) if page.articles.is_empty() => view! {
                            <p class="front-page__empty">"There are no stories yet. Please check back soon."</p>
                        }.into_any(),
                        Ok(page) => view! {
                            <ol class="story-list">
                                {page.articles.into_iter().map(|story| view! { <StoryCard story/> }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error on_retry=retry nested=true/> }.into_any(),
                    }
                })}
            </Suspense>
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

/// Placeholders for the story list while it loads.
#[component]
fn StoryListSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true">
            <p role="status" class="visually-hidden">"Loading the latest stories…"</p>
            <div class="story-list" aria-hidden="true">
                {(0..5).map(|_| view! { <div class="skeleton__block skeleton__block--card"></div> }).collect_view()}
            </div>
        </div>
    }
}
