use super::{CardPicture, LocalTime, SectionLabel};
use crate::model::ArticleSummary;
use crate::routes::Route;
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
