use super::canonical_url;
use crate::api::{fetch_article, ApiError};
use crate::components::{ErrorNotice, NewsletterSignup, PageMeta, StorySkeleton, StoryView};
use crate::model::{story_path, Article};
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
    let article = LocalResource::new({
        let slug = slug.clone();
        move || fetch_article(slug.clone())
    });
    let retry = Callback::new(move |()| article.refetch());

    view! {
        <Suspense fallback=|| view! { <StorySkeleton/> }>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move { story_or_notice(article.await, &slug, retry) })
            }}
        </Suspense>
    }
}

/// The story and its signup, or a notice saying why it cannot be shown.
fn story_or_notice(result: Result<Article, ApiError>, slug: &str, retry: Callback<()>) -> AnyView {
    match result {
        Ok(article) => {
            let url = canonical_url(&story_path(&article.slug));
            view! {
                <PageMeta
                    title=article.headline.clone()
                    description=article.description().to_owned()
                    url=url.clone()
                    kind="article"
                />
                <StoryView article url/>
                <NewsletterSignup placement="story" source=format!("story:{slug}")/>
            }
            .into_any()
        }
        Err(error) => view! {
            <PageMeta
                title=error.title()
                description=error.advice()
                url=canonical_url(&story_path(slug))
            />
            <ErrorNotice error on_retry=retry/>
        }
        .into_any(),
    }
}
