use super::page_data::{page_data, Failure};
use super::site_origin;
use crate::api::fetch_article;
use crate::components::{Awaiting, NewsletterSignup, PageMeta, StoryView};
use crate::model::{story_path, Article, PageHead};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/news/:slug`: one story, with a skeleton while it loads and a way on
/// from every failure.
#[component]
pub fn StoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    // A new loader for each slug: a resource runs its fetches one after
    // another, so reusing one would make the new story wait for the old.
    move || view! { <StoryLoader slug=slug.get()/> }
}

/// Fetches one story and shows it, or why it cannot be shown.
#[component]
fn StoryLoader(slug: String) -> impl IntoView {
    let article = Resource::new(
        {
            let slug = slug.clone();
            move || slug.clone()
        },
        fetch_article,
    );
    page_data(
        article,
        Awaiting::Story,
        Failure::ReplacesPage(story_path(&slug)),
        move |article: Article| {
            let head = PageHead::story(&site_origin(), &article);
            let url = head.url.clone();
            let source = format!("story:{}", article.slug);
            view! {
                <PageMeta head/>
                <StoryView article url/>
                <NewsletterSignup placement="story" source/>
            }
        },
    )
}
