use super::fetched_view::{fetched_view, page_resource, ErrorPlacement};
use super::{paged_params, site_origin};
use crate::api::PageData;
use crate::components::{Awaiting, LivePostList, PageLinks, PageMeta};
use crate::model::{LivePostsPage, PageHead};
use crate::routes::Route;
use leptos::prelude::*;

/// `/news/:slug/page/:page`: a page of a live page's posts, page 1 the
/// oldest, newest first, with links to the pages either side and back to
/// the live page. Where the "Older posts" link leads a reader whose
/// browser has not run the app; with the app, the live page adds the
/// same posts below its own instead.
#[component]
pub fn LivePostsPageView() -> impl IntoView {
    let key = paged_params("slug");
    // A new loader for each page, as for stories (`StoryPage`).
    move || {
        let (slug, page) = key.get();
        view! { <LivePostsLoader slug page/> }
    }
}

#[component]
fn LivePostsLoader(slug: String, page: Option<u32>) -> impl IntoView {
    let number = page;
    let data = PageData::live_posts(&slug, number);
    let route = Route::LivePosts {
        slug: slug.clone(),
        page: number.unwrap_or(0),
    };
    let posts = page_resource(data.clone());
    fetched_view(
        posts,
        move |text: &str| data.decode(text, LivePostsPage::from_json),
        Awaiting::Story,
        ErrorPlacement::ReplacesPage(route.path()),
        move |page: LivePostsPage| {
            let live_page = Route::Story(slug.clone()).path();
            let page_of = |page| {
                Route::LivePosts {
                    slug: slug.clone(),
                    page,
                }
                .path()
            };
            let newer = if page.newer {
                (page_of(page.number + 1), "Newer posts")
            } else {
                (live_page.clone(), "Newest posts")
            };
            let older = page.older().map(|number| (page_of(number), "Older posts"));
            let label = format!("More posts of {}", page.headline);
            let posts = page.feed().posts;
            view! {
                <PageMeta head=PageHead::live_posts(&site_origin(), &slug, &page)/>
                <article class="live-posts" aria-labelledby="live-posts-heading">
                    <p class="live-posts__kicker"><a href=live_page>"Live page"</a></p>
                    <h1 id="live-posts-heading" class="live-posts__headline">{page.headline.clone()}</h1>
                    <h2 class="live__heading">"Posts, page " {page.number}</h2>
                    <LivePostList posts/>
                    <PageLinks label newer=Some(newer) older/>
                </article>
            }
        },
    )
}
