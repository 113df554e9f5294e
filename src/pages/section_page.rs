use super::page_data::{page_data, Failure};
use super::site_origin;
use crate::api::fetch_section;
use crate::components::{Awaiting, PageMeta, StoryList};
use crate::model::{PageHead, SectionLink, StoryIndex};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/section/:name`: one section's stories, newest first, the first of
/// them as the lead.
#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    // A new loader for each section, as for stories (`StoryPage`).
    move || view! { <SectionLoader slug=name.get()/> }
}

#[component]
fn SectionLoader(slug: String) -> impl IntoView {
    let path = format!("/section/{slug}");
    let stories = Resource::new(
        {
            let slug = slug.clone();
            move || slug.clone()
        },
        fetch_section,
    );
    page_data(
        stories,
        Awaiting::StoryList,
        Failure::ReplacesPage(path),
        move |index: StoryIndex| {
            let section = SectionLink {
                name: index.section.unwrap_or_else(|| slug.clone()),
                slug: slug.clone(),
            };
            view! {
                <PageMeta head=PageHead::section(&site_origin(), &section)/>
                <section class="front-page" aria-labelledby="section-heading">
                    <h1 id="section-heading" class="front-page__heading">{section.name}</h1>
                    {if index.articles.is_empty() {
                        Either::Left(view! {
                            <p class="front-page__empty">"There are no stories in this section yet."</p>
                        })
                    } else {
                        Either::Right(view! { <StoryList stories=index.articles/> })
                    }}
                </section>
            }
        },
    )
}
