use super::{CardPicture, LocalTime, SectionLabel};
use crate::model::{story_path, ArticleSummary};
use leptos::prelude::*;

/// Stories as cards, newest first, the first of them as the lead: the front
/// page's and a section's.
#[component]
pub fn StoryList(stories: Vec<ArticleSummary>) -> impl IntoView {
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

/// A short list of stories to read next, headline and time, under its
/// heading; the caller's landmark (a section, an aside) takes its name from
/// the heading's `id`.
#[component]
pub fn StoryLinks(
    /// The list's heading: "More from London", "Latest stories".
    heading: String,
    id: &'static str,
    stories: Vec<ArticleSummary>,
) -> impl IntoView {
    view! {
            <h2 class="read-next__heading" id=id>{heading}</h2>
            <ol class="read-next__list">
                {stories.into_iter().map(|story| view! {
                    <li class="read-next__item">
                        <a class="read-next__link" href=story_path(&story.slug)>{story.headline}</a>
                        <LocalTime at=story.published/>
                    </li>
                }).collect_view()}
            </ol>
    }
}
