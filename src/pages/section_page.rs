use super::fetched_view::{fetched_view, page_resource, ErrorPlacement};
use super::{paged_params, site_origin};
use crate::api::PageData;
use crate::components::{Awaiting, PageMeta, PagedStories};
use crate::model::{date_span, PageHead, SectionLink, StoryIndex};
use crate::routes::Route;
use leptos::prelude::*;

/// `/section/:name`: a section's newest stories, newest first, the first
/// of them as the lead; `/section/:name/page/:page`: a page of its older
/// stories, page 1 the oldest. Each links to the pages either side.
#[component]
pub fn SectionPage() -> impl IntoView {
    let key = paged_params("name");
    // A new loader for each page, as for stories (`StoryPage`).
    move || {
        let (slug, page) = key.get();
        view! { <SectionLoader slug page/> }
    }
}

#[component]
fn SectionLoader(slug: String, page: Option<u32>) -> impl IntoView {
    let route = Route::Section {
        slug: slug.clone(),
        page,
    };
    let data = PageData::section(&slug, page);
    let stories = page_resource(data.clone());
    fetched_view(
        stories,
        move |text: &str| data.decode(text, StoryIndex::from_json),
        Awaiting::StoryList,
        ErrorPlacement::ReplacesPage(route.path()),
        move |index: StoryIndex| {
            let section = SectionLink {
                name: index.section.clone().unwrap_or_else(|| slug.clone()),
                slug: slug.clone(),
            };
            let span = match (index.articles.last(), index.articles.first()) {
                (Some(oldest), Some(newest)) if page.is_some() => {
                    Some(date_span(oldest.published, newest.published))
                }
                _ => None,
            };
            let label = format!("More {} stories", section.name);
            view! {
                <PageMeta head=PageHead::section(&site_origin(), &section, page, span.as_deref())/>
                <section class="listing" aria-labelledby="section-heading">
                    <h1 id="section-heading" class="listing__heading">{section.name}</h1>
                    <PagedStories span stories=index.articles label newer=index.newer older=index.older/>
                </section>
            }
        },
    )
}
