//! Britain's News Portal: a Leptos app whose pages are prerendered to HTML
//! at build time and taken over (hydrated) in the browser.
//!
//! [`model`] is plain Rust (decoding, validation, times, links, page heads)
//! shared with the native signup service and tests. Behind the `web`
//! feature: [`api`] fetches, `pages` fetch and choose what to show,
//! `components` show what they are given. `hydrate` builds the browser's
//! wasm; `ssr` builds the native [`prerender`]er.

// Views nest deeply as types: the story page, its lists and its signup in one
// grid go past the compiler's default depth when hydrating.
#![recursion_limit = "256"]

pub mod config;
pub mod model;
pub mod publish;

#[cfg(feature = "web")]
pub mod api;
#[cfg(feature = "web")]
pub mod components;
#[cfg(feature = "web")]
pub mod feeds;
#[cfg(feature = "web")]
pub mod pages;
#[cfg(feature = "hydrate")]
pub mod panic_notice;
#[cfg(feature = "ssr")]
pub mod prerender;

#[cfg(feature = "hydrate")]
pub use app::start;
#[cfg(feature = "web")]
pub use app::App;

#[cfg(feature = "web")]
mod app {
    use crate::api::fetch_sections;
    use crate::components::{
        FocusOnNavigate, HeadlinesTicker, NewsletterSignup, SectionNav, SiteFooter, SiteHeader,
        SkipLink,
    };
    use crate::feeds::use_headlines_feed;
    use crate::pages::{
        ConfirmPage, FrontPage, NotFound, PrivacyPage, SectionPage, StoryPage, UnsubscribePage,
    };
    use leptos::prelude::*;
    use leptos_router::{
        components::{Route, Router, Routes},
        hooks::use_location,
        path,
    };

    /// The whole site: shell, head and routes.
    #[component]
    pub fn App() -> impl IntoView {
        let headlines = use_headlines_feed();
        // The masthead's sections, fetched once for the whole visit; until
        // they come (or if they cannot), it offers the front page alone.
        let sections = Resource::new(|| (), |()| fetch_sections());
        view! {
            <Router>
                <FocusOnNavigate/>
                <SkipLink/>
                <SiteHeader>
                    <Suspense fallback=|| view! { <SectionNav sections=Vec::new()/> }>
                        {move || Suspend::new(async move {
                            let sections = sections.await.map(|list| list.sections).unwrap_or_default();
                            view! { <SectionNav sections/> }
                        })}
                    </Suspense>
                </SiteHeader>
                <HeadlinesTicker
                    state=headlines.state
                    announcement=headlines.announcement
                    on_retry=headlines.retry
                />
                <main id="main" class="page" tabindex="-1">
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view=FrontPage/>
                        <Route path=path!("/news/:slug") view=StoryPage/>
                        <Route path=path!("/section/:name") view=SectionPage/>
                        <Route path=path!("/privacy") view=PrivacyPage/>
                        <Route path=path!("/newsletter/confirm") view=ConfirmPage/>
                        <Route path=path!("/newsletter/unsubscribe") view=UnsubscribePage/>
                    </Routes>
                </main>
                <FooterSignup/>
                <SiteFooter/>
            </Router>
        }
    }

    /// The newsletter signup above the footer, where the page wants one
    /// (`footer_signup_shown_on`: not on a story, which has its own).
    #[component]
    fn FooterSignup() -> impl IntoView {
        let pathname = use_location().pathname;
        let shown = Memo::new(move |_| crate::model::footer_signup_shown_on(&pathname.read()));
        move || {
            shown
                .get()
                .then(|| view! { <NewsletterSignup placement="footer"/> })
        }
    }

    /// Hands hydration what the page was rendered with, as Leptos reads it
    /// (`window.__RESOLVED_RESOURCES` and its fellows), from the page's
    /// JSON block (`prerender::page_data_json`): a block that does not run
    /// needs no exception in the page's Content-Security-Policy.
    #[cfg(feature = "hydrate")]
    fn provide_page_data() {
        use js_sys::{Array, Reflect, JSON};
        use wasm_bindgen::{JsCast, JsValue};

        let data = document()
            .get_element_by_id(crate::config::PAGE_DATA)
            .and_then(|block| block.text_content())
            .and_then(|json| JSON::parse(&json).ok())
            .unwrap_or(JsValue::UNDEFINED);
        let list = |name: &str| {
            Reflect::get(&data, &JsValue::from_str(name))
                .ok()
                .and_then(|list| list.dyn_into::<Array>().ok())
                .unwrap_or_default()
        };
        let window = window();
        let set =
            |name: &str, value: &JsValue| Reflect::set(&window, &JsValue::from_str(name), value);
        let _ = set("__RESOLVED_RESOURCES", &list("resources"));
        let _ = set("__INCOMPLETE_CHUNKS", &list("incomplete"));
        let _ = set("__SERIALIZED_ERRORS", &Array::new());
    }

    /// Starts the app in the browser (the page's loader calls it once the
    /// page has been painted: `prerender::loader`). A page prerendered for
    /// the address the reader is at is taken over as it stands: the same
    /// nodes, no second fetch of its data. Any other page (the 404 page,
    /// which a host serves for every unknown path) is rendered afresh.
    #[cfg(feature = "hydrate")]
    pub fn start() {
        use wasm_bindgen::JsValue;

        let location = window().location();
        let mut path = location.pathname().unwrap_or_default();
        // A plain static host serves /news/<slug> as /news/<slug>.html: show
        // (and route) the clean address.
        if let Some(clean) = path.strip_suffix(".html") {
            let clean = clean.strip_suffix("/index").unwrap_or(clean);
            let clean = if clean.is_empty() { "/" } else { clean }.to_owned();
            let rest = location.search().unwrap_or_default() + &location.hash().unwrap_or_default();
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(
                    &JsValue::NULL,
                    "",
                    Some(&(clean.clone() + &rest)),
                );
            }
            path = clean;
        }
        // Panics on purpose, so that the end-to-end tests can check what a
        // reader sees if the app ever dies (`crate::panic_notice`). Linked
        // from nowhere; robots.txt keeps crawlers out.
        if path == "/__test/panic" {
            panic!("a deliberate panic, for the end-to-end test of the panic notice");
        }
        provide_page_data();
        let body = document().body();
        let rendered_for = body
            .as_ref()
            .and_then(|body| body.get_attribute(crate::config::RENDERED_PATH));
        if rendered_for.as_deref() == Some(path.as_str()) {
            leptos::mount::hydrate_body(App);
        } else {
            if let Some(body) = body {
                body.set_text_content(None);
            }
            leptos::mount::mount_to_body(App);
        }
        // For whoever waits for the app (the end-to-end tests, which may look
        // long after): it has the page now.
        let _ = js_sys::Reflect::set(
            &window(),
            &wasm_bindgen::JsValue::from_str("newsPortalStarted"),
            &wasm_bindgen::JsValue::TRUE,
        );
    }
}
