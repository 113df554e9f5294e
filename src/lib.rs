//! Britain's News Portal: a Leptos single-page app, client-side rendered.
//!
//! [`model`] is plain Rust (decoding, validation, times, links) shared with
//! the native signup service and tests. Everything that needs a browser sits
//! behind the default `web` feature: [`api`] fetches, `pages` fetch and
//! choose what to show, `components` show what they are given.

pub mod config;
pub mod model;

#[cfg(feature = "web")]
pub mod api;
#[cfg(feature = "web")]
pub mod components;
#[cfg(feature = "web")]
pub mod feeds;
#[cfg(feature = "web")]
pub mod pages;
#[cfg(feature = "web")]
pub mod panic_notice;

#[cfg(feature = "web")]
pub use app::App;

#[cfg(feature = "web")]
mod app {
    use crate::components::{
        FocusOnNavigate, HeadlinesTicker, NewsletterSignup, SiteFooter, SiteHeader, SkipLink,
    };
    use crate::config::SITE_NAME;
    use crate::feeds::use_headlines_feed;
    use crate::pages::{ConfirmPage, FrontPage, NotFound, PanicTest, PrivacyPage, StoryPage};
    use leptos::prelude::*;
    use leptos_meta::{provide_meta_context, Title};
    use leptos_router::{
        components::{Route, Router, Routes},
        path,
    };

    /// The whole site: shell, head and routes.
    #[component]
    pub fn App() -> impl IntoView {
        provide_meta_context();
        let headlines = use_headlines_feed();
        view! {
            <Title formatter=|title: String| format!("{title} | {SITE_NAME}")/>
            <Router>
                <FocusOnNavigate/>
                <SkipLink/>
                <SiteHeader/>
                <HeadlinesTicker
                    state=headlines.state
                    announcement=headlines.announcement
                    on_retry=headlines.retry
                />
                <main id="main" class="page" tabindex="-1">
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view=FrontPage/>
                        <Route path=path!("/news/:slug") view=StoryPage/>
                        <Route path=path!("/privacy") view=PrivacyPage/>
                        <Route path=path!("/newsletter/confirm") view=ConfirmPage/>
                        <Route path=path!("/__test/panic") view=PanicTest/>
                    </Routes>
                </main>
                <NewsletterSignup placement="footer"/>
                <SiteFooter/>
            </Router>
        }
    }
}
