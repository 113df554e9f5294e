use super::{CardPicture, LocalTime, PageLinks, SectionLabel};
use crate::model::ArticleSummary;
use crate::routes::Route;
use leptos::either::Either;
use leptos::prelude::*;

/// Stories as cards, newest first, the first of them as the lead: the front
/// page's and a section's.
#[component]
pub fn StoryCards(stories: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <ol class="story-list">
            {stories
                .into_iter()
                .enumerate()
                .map(|(at, story)| view! { <StoryCard story lead=at == 0/> })
                .collect_view()}
        </ol>
    }
}

/// One story in a list: its picture, section, headline, standfirst and time.
#[component]
fn StoryCard(story: ArticleSummary, lead: bool) -> impl IntoView {
    let class = if story.image.is_some() {
        "story-card story-card--picture"
    } else {
        "story-card"
    };
    view! {
        <li class=class>
            {story.image.map(|image| view! { <CardPicture image lead/> })}
            <p class="story-card__kicker">
                {story.section.map(|name| view! { <SectionLabel name class="story-card__section"/> })}
                {story.sample.then(|| view! { <span class="tag tag--sample">"Sample story"</span> })}
                {story.live.then(|| view! { <span class="tag tag--live">"Live"</span> })}
            </p>
            <h2 class="story-card__headline">
                <a href=Route::Story(story.slug).path()>{story.headline}</a>
            </h2>
            {(!story.standfirst.is_empty()).then(|| view! {
                <p class="story-card__standfirst">{story.standfirst}</p>
            })}
            <p class="story-card__time"><LocalTime at=story.published/></p>
        </li>
    }
}

/// A page of a paged list of stories (a section's, an author's, a
/// topic's): the dates an older page spans, its stories as cards (or that
/// it has none), and the links to the pages either side.
#[component]
pub fn PagedStories(
    /// "Older stories: 3 to 9 November 2026", on an older page.
    span: Option<String>,
    stories: Vec<ArticleSummary>,
    /// What the links are between, for screen readers.
    label: String,
    newer: Option<String>,
    older: Option<String>,
) -> impl IntoView {
    let newer = newer.map(|path| (path, "Newer stories"));
    let older = older.map(|path| (path, "Older stories"));
    view! {
        {span.map(|span| view! { <p class="listing__span">"Older stories: " {span}</p> })}
        {if stories.is_empty() {
            Either::Left(view! { <p class="listing__empty">"There are no stories on this page."</p> })
        } else {
            Either::Right(view! { <StoryCards stories/> })
        }}
        <PageLinks label newer older/>
    }
}
