use super::page_data::{page_data, Failure};
use super::site_origin;
use crate::api::{fetch_article, fetch_read_next};
use crate::components::{Awaiting, NewsletterSignup, PageMeta, StoryLinks, StoryView};
use crate::model::{story_path, ApiError, Article, PageHead, ReadNext};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/news/:slug`: one story, with a skeleton while it loads and a way on
/// from every failure; then what to read next, and the newsletter signup.
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
    // What to read next depends on the story's section: it waits for the
    // story, then fetches. Made here, once, not with the story's view
    // (which the prerender may build more than once).
    let read_next = Resource::new(
        {
            let slug = slug.clone();
            move || slug.clone()
        },
        move |slug| async move {
            let section = article.await?.section;
            fetch_read_next(slug, section).await
        },
    );
    // One grid, in reading order: the story, more from its section, the
    // latest stories (beside the story on wide screens), and the signup at
    // the end. (Inside the page's data: outside, hydrating it costs 9 KB.)
    view! {
        <div class="story-page">
            {page_data(
                article,
                Awaiting::Story,
                Failure::ReplacesPage(story_path(&slug)),
                move |article: Article| {
                    let head = PageHead::story(&site_origin(), &article);
                    let url = head.url.clone();
                    let section = article.section.clone();
                    let source = format!("story:{}", article.slug);
                    view! {
                        <PageMeta head/>
                        <StoryView article url/>
                        <ReadNextLists read_next section/>
                        <NewsletterSignup placement="story" source/>
                    }
                },
            )}
        </div>
    }
}

/// "More from <section>" and "Latest stories", once they have loaded. They
/// are extras: if they cannot be fetched, the story stands alone.
#[component]
fn ReadNextLists(
    read_next: Resource<Result<ReadNext, ApiError>>,
    section: Option<String>,
) -> impl IntoView {
    let heading = section
        .map(|name| format!("More from {name}"))
        .unwrap_or_default();
    view! {
        <Suspense>
            {move || {
                let heading = heading.clone();
                Suspend::new(async move {
                    let ReadNext { more_from_section, latest } = read_next.await.unwrap_or_default();
                    let more = (!more_from_section.is_empty()).then(|| view! {
                        <section class="read-next story-page__more" aria-labelledby="more-from-section">
                            <StoryLinks heading id="more-from-section" stories=more_from_section/>
                        </section>
                    });
                    let latest = (!latest.is_empty()).then(|| view! {
                        <aside class="read-next story-page__latest" aria-labelledby="latest-stories">
                            <StoryLinks heading="Latest stories".to_owned() id="latest-stories" stories=latest/>
                        </aside>
                    });
                    (more, latest)
                })
            }}
        </Suspense>
    }
}
