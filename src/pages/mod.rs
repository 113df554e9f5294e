//! One file per route. Pages fetch, through the [`Content`] the app was
//! given; the components they render only show.

mod archive_page;
mod confirm_page;
mod corrections_page;
mod edition_page;
mod editions_page;
mod fetched_view;
mod front_page;
mod live_posts_page;
mod newsletter_page;
mod not_found;
mod offline_page;
mod privacy_page;
mod removed_page;
mod saved_for_offline;
mod search_page;
mod section_page;
pub(crate) mod split;
pub(crate) mod story_page;
mod tag_page;
mod unsubscribe_page;

pub use archive_page::{ArchiveDayPage, ArchiveMonthPage, ArchivePage};
pub use confirm_page::ConfirmPage;
pub use corrections_page::CorrectionsPageView;
pub use edition_page::EditionPage;
pub use editions_page::EditionsPage;
pub(crate) use fetched_view::{page_resource, sections_of};
pub use front_page::FrontPage;
pub use live_posts_page::LivePostsPageView;
pub use newsletter_page::{NewsletterPage, SignedUpPage};
pub use not_found::NotFound;
pub use offline_page::OfflinePage;
pub use privacy_page::PrivacyPage;
pub use removed_page::RemovedPage;
pub(crate) use saved_for_offline::SavedForOffline;
pub use search_page::SearchPage;
pub use section_page::SectionPage;
pub use split::{live_story, split_page, AppPart, PartShown, SplitPage};
pub use story_page::StoryPage;
pub use tag_page::{TagKind, TagPage};
pub use unsubscribe_page::UnsubscribePage;

use crate::config::SITE_URL;
use crate::context::Content;

/// The site's public origin, for canonical and share URLs: `NEWS_SITE_URL`,
/// which the prerender and the browser share; the page's own origin in a
/// browser build made without it.
pub(crate) fn site_origin() -> String {
    match SITE_URL {
        Some(origin) => origin.to_owned(),
        // The prerender refuses to run without it.
        None if cfg!(feature = "ssr") => String::new(),
        None => leptos::prelude::window()
            .location()
            .origin()
            .unwrap_or_default(),
    }
}

/// The named parameter and the page number of a paged address, such as
/// `/section/:name/page/:page` (no page: the list's own page). A page that
/// is not a number is page 0, which no list has.
pub(crate) fn paged_params(name: &'static str) -> leptos::prelude::Memo<(String, Option<u32>)> {
    use leptos::prelude::*;
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| {
        let params = params.read();
        let page = params.get("page").map(|page| page.parse().unwrap_or(0));
        (params.get(name).unwrap_or_default(), page)
    })
}

/// Where this page's data comes from: what `App` was given.
pub(crate) fn content() -> Content {
    leptos::prelude::expect_context::<Content>()
}
