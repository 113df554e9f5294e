//! One file per route. Pages fetch; the components they render only show.

mod confirm_page;
mod front_page;
mod not_found;
mod page_data;
mod privacy_page;
mod section_page;
mod story_page;
mod unsubscribe_page;

pub use confirm_page::ConfirmPage;
pub use front_page::FrontPage;
pub use not_found::NotFound;
pub use privacy_page::PrivacyPage;
pub use section_page::SectionPage;
pub use story_page::StoryPage;
pub use unsubscribe_page::UnsubscribePage;

use crate::config::SITE_URL;

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
