use super::{
    Byline, CorrectionNote, CorrectionsList, Explainer, KeyPoints, LocalTime, SectionLabel,
    ShareLinks, StoryBody, StoryPicture, TopicLinks,
};
use crate::model::{Article, StoryFormat};
use leptos::prelude::*;

/// What a live page adds to its story: its status, under the kicker, and
/// its posts, after the body (`pages::live_story` makes them, in a part of
/// the app of their own).
pub struct LiveParts {
    pub status: AnyView,
    pub feed: AnyView,
}

/// A whole story, as a function of the article and its canonical URL; a
/// live page is the same story with its [`LiveParts`] (its format decides:
/// `Article::format`).
#[component]
pub fn StoryView(
    article: Article,
    url: String,
    #[prop(optional)] live: Option<LiveParts>,
) -> impl IntoView {
    let format = article.format();
    let (live_status, live_feed) = match live {
        Some(LiveParts { status, feed }) => (Some(status), Some(feed)),
        None => (None, None),
    };
    let updated = article.updated_after_publication();
    let reading_minutes = article.reading_minutes();
    let Article {
        headline,
        standfirst,
        byline,
        authors,
        topics,
        section,
        published,
        image,
        key_points,
        body,
        why_this_matters,
        what_this_means_for_you,
        sample,
        corrections,
        ..
    } = article;
    let newest_correction = corrections.first().cloned();
    let earlier_corrections = corrections.len().saturating_sub(1);
    view! {
        <article class="story">
            <header class="story__header">
                <p class="story__kicker">
                    {section.map(|name| view! { <SectionLabel name class="story__section"/> })}
                    {sample.then(|| view! { <span class="tag tag--sample">"Sample story"</span> })}
                    {live_status}
                </p>
                <h1 class="story__headline">{headline}</h1>
                {(!standfirst.is_empty()).then(|| view! { <p class="story__standfirst">{standfirst}</p> })}
                {newest_correction.map(|newest| view! { <CorrectionNote newest more=earlier_corrections/> })}
                {image.map(|image| view! { <StoryPicture image/> })}
                <div class="story__meta">
                    <Byline authors byline/>
                    <p class="story__times">
                        <span>"Published " <LocalTime at=published/></span>
                        {updated.map(|at| view! { <span>"Updated " <LocalTime at/></span> })}
                        // A live page grows: no reading time.
                        {(format == StoryFormat::Story)
                            .then(|| view! { <span>{reading_minutes} " min read"</span> })}
                    </p>
                    <p class="print-only">"Online at " {url.clone()}</p>
                </div>
            </header>
            <KeyPoints points=key_points/>
            {(!body.is_empty()).then(|| view! { <StoryBody blocks=body/> })}
            {live_feed}
            {why_this_matters.map(|text| view! {
                <Explainer id="why-this-matters" heading="Why this matters" text/>
            })}
            {what_this_means_for_you.map(|text| view! {
                <Explainer id="what-this-means-for-you" heading="What this means for you" text/>
            })}
            {(!corrections.is_empty()).then(|| view! { <CorrectionsList corrections/> })}
            <TopicLinks topics/>
            <ShareLinks url/>
        </article>
    }
}
