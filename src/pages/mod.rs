//! One file per route. Pages fetch; the components they render only show.

mod confirm_page;
mod front_page;
mod not_found;
mod panic_test;
mod privacy_page;
mod story_page;

pub use confirm_page::ConfirmPage;
pub use front_page::FrontPage;
pub use not_found::NotFound;
pub use panic_test::PanicTest;
pub use privacy_page::PrivacyPage;
pub use story_page::StoryPage;

use crate::config::SITE_URL;

/// The public URL of a path on this site, for canonical and share links.
fn canonical_url(path: &str) -> String {
    let origin = SITE_URL.map(str::to_owned).unwrap_or_else(|| {
        web_sys::window()
            .and_then(|window| window.location().origin().ok())
            .unwrap_or_default()
    });
    format!("{}{path}", origin.trim_end_matches('/'))
}
