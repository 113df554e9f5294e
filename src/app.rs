//! `App`: the shell every page shares (skip link, masthead with the
//! sections, the BREAKING ticker, main, the signup, footer) and the routes,
//! built from the table in `routes`; and `start`, which the browser runs.

#[cfg(feature = "hydrate")]
use crate::api::Http;
use crate::api::PageData;
use crate::components::{
    ConnectionStatus, FocusOnNavigate, HeadlinesTicker, NewsletterSignup, SectionNav, SiteFooter,
    SiteHeader, SkipLink,
};
use crate::connection::use_connection;
use crate::context::{Content, HeadSink};
use crate::headlines_feed::use_headlines_feed;
use crate::pages::{
    page_resource, sections_of, split_page, FrontPage, NotFound, SplitPage, StoryPage,
};
use crate::routes::{
    ALREADY_SIGNED_UP, ARCHIVE, AUTHOR, CHECK_YOUR_INBOX, CONFIRM, CORRECTIONS, EDITIONS, NEWS,
    NEWSLETTER, OFFLINE, PAGE, PRIVACY, REMOVED, SEARCH, SECTION, TOPIC, UNSUBSCRIBE,
};
use crate::signup_form::use_signup_form;
use leptos::prelude::*;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    hooks::use_location,
    ParamSegment, StaticSegment,
};

/// The whole site: shell, head and routes. `content` is where its pages'
/// data comes from, `head` where each page's head goes (the network and
/// the document in the browser; memory and a slot when prerendering).
#[component]
pub fn App(content: Content, head: HeadSink) -> impl IntoView {
    provide_context(content.clone());
    provide_context(head);
    let headlines = use_headlines_feed();
    let connection = use_connection();
    provide_context(connection);
    // The masthead's sections, fetched once for the whole visit; until
    // they come (or if they cannot), it offers the front page alone.
    let sections = page_resource(PageData::sections());
    view! {
        <Router>
            <FocusOnNavigate/>
            <SkipLink/>
            <SiteHeader
                on_search_focus=|()| crate::api::prepare_search()
                on_search_typing=|text: String| crate::api::prepare_search_for(&text)
            >
                <Suspense fallback=|| view! { <SectionNav sections=Vec::new()/> }>
                    {move || Suspend::new(async move {
                        let sections = sections_of(sections).await;
                        view! { <SectionNav sections/> }
                    })}
                </Suspense>
            </SiteHeader>
            <HeadlinesTicker
                state=headlines.state
                announcement=headlines.announcement
                on_retry=headlines.retry
            />
            <ConnectionStatus notice=connection.notice()/>
            <main id="main" class="page" tabindex="-1">
                // Every pattern here is in `routes::PATTERNS` (tests/routes.rs).
                <FlatRoutes fallback=|| view! { <NotFound/> }>
                    <Route path=StaticSegment("") view=FrontPage/>
                    <Route path=(StaticSegment(NEWS), ParamSegment("slug")) view=StoryPage/>
                    <Route
                        path=(StaticSegment(NEWS), ParamSegment("slug"), StaticSegment(PAGE), ParamSegment("page"))
                        view=|| split_page(SplitPage::LivePosts)
                    />
                    <Route path=(StaticSegment(SECTION), ParamSegment("name")) view=|| split_page(SplitPage::Section)/>
                    <Route
                        path=(StaticSegment(SECTION), ParamSegment("name"), StaticSegment(PAGE), ParamSegment("page"))
                        view=|| split_page(SplitPage::Section)
                    />
                    <Route path=(StaticSegment(AUTHOR), ParamSegment("id")) view=|| split_page(SplitPage::Author)/>
                    <Route
                        path=(StaticSegment(AUTHOR), ParamSegment("id"), StaticSegment(PAGE), ParamSegment("page"))
                        view=|| split_page(SplitPage::Author)
                    />
                    <Route path=(StaticSegment(TOPIC), ParamSegment("id")) view=|| split_page(SplitPage::Topic)/>
                    <Route
                        path=(StaticSegment(TOPIC), ParamSegment("id"), StaticSegment(PAGE), ParamSegment("page"))
                        view=|| split_page(SplitPage::Topic)
                    />
                    <Route path=StaticSegment(CORRECTIONS) view=|| split_page(SplitPage::Corrections)/>
                    <Route
                        path=(StaticSegment(CORRECTIONS), StaticSegment(PAGE), ParamSegment("page"))
                        view=|| split_page(SplitPage::Corrections)
                    />
                    <Route path=StaticSegment(ARCHIVE) view=|| split_page(SplitPage::Archive)/>
                    <Route
                        path=(StaticSegment(ARCHIVE), ParamSegment("year"), ParamSegment("month"))
                        view=|| split_page(SplitPage::ArchiveMonth)
                    />
                    <Route
                        path=(StaticSegment(ARCHIVE), ParamSegment("year"), ParamSegment("month"), ParamSegment("day"))
                        view=|| split_page(SplitPage::ArchiveDay)
                    />
                    <Route path=StaticSegment(PRIVACY) view=|| split_page(SplitPage::Privacy)/>
                    <Route path=StaticSegment(NEWSLETTER) view=|| split_page(SplitPage::Newsletter)/>
                    <Route
                        path=(StaticSegment(NEWSLETTER), StaticSegment(CHECK_YOUR_INBOX))
                        view=|| split_page(SplitPage::CheckYourInbox)
                    />
                    <Route
                        path=(StaticSegment(NEWSLETTER), StaticSegment(ALREADY_SIGNED_UP))
                        view=|| split_page(SplitPage::AlreadySignedUp)
                    />
                    <Route path=(StaticSegment(NEWSLETTER), StaticSegment(CONFIRM)) view=|| split_page(SplitPage::Confirm)/>
                    <Route path=(StaticSegment(NEWSLETTER), StaticSegment(UNSUBSCRIBE)) view=|| split_page(SplitPage::Unsubscribe)/>
                    <Route path=(StaticSegment(NEWSLETTER), StaticSegment(EDITIONS)) view=|| split_page(SplitPage::Editions)/>
                    <Route
                        path=(StaticSegment(NEWSLETTER), StaticSegment(EDITIONS), StaticSegment(PAGE), ParamSegment("page"))
                        view=|| split_page(SplitPage::Editions)
                    />
                    <Route path=(StaticSegment(NEWSLETTER), StaticSegment(EDITIONS), ParamSegment("date")) view=|| split_page(SplitPage::Edition)/>
                    <Route path=StaticSegment(REMOVED) view=|| split_page(SplitPage::Removed)/>
                    <Route path=StaticSegment(SEARCH) view=move || split_page(SplitPage::Search(sections))/>
                    <Route path=StaticSegment(OFFLINE) view=|| split_page(SplitPage::Offline)/>
                </FlatRoutes>
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
        shown.get().then(|| {
            let signup = use_signup_form("footer".to_owned());
            view! { <NewsletterSignup placement="footer" signup/> }
        })
    }
}

/// Hands hydration what the page was rendered with, as Leptos reads it
/// (`window.__RESOLVED_RESOURCES` and its fellows), from the page's JSON
/// block (written by the prerender): a block that does not run needs no
/// exception in the page's Content-Security-Policy.
#[cfg(feature = "hydrate")]
fn hand_over_hydration_data() {
    use js_sys::{Array, Reflect, JSON};
    use wasm_bindgen::{JsCast, JsValue};

    let data = document()
        .get_element_by_id(crate::config::HYDRATION_DATA_ID)
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
    let set = |name: &str, value: &JsValue| Reflect::set(&window, &JsValue::from_str(name), value);
    let _ = set("__RESOLVED_RESOURCES", &list("resources"));
    let _ = set("__INCOMPLETE_CHUNKS", &list("incomplete"));
    let _ = set("__SERIALIZED_ERRORS", &Array::new());
}

/// Starts the app in the browser (the page's loader calls it once the
/// page has been painted: `prerender/loader.js`), with the network for its
/// data and the document for its head. A page prerendered for the address
/// the reader is at is taken over as it stands: the same nodes, no second
/// fetch of its data. Any other page (the 404 page, which a host serves
/// for every unknown path) is rendered afresh.
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
            let _ =
                history.replace_state_with_url(&JsValue::NULL, "", Some(&(clean.clone() + &rest)));
        }
        path = clean;
    }
    // Panics on purpose, so that the end-to-end tests can check what a
    // reader sees if the app ever dies (`prerender/loader.js`).
    if path == crate::routes::TEST_PANIC {
        panic!("a deliberate panic, for the end-to-end test of the panic notice");
    }
    hand_over_hydration_data();
    // What every page does once it has started: its download overlaps
    // with taking the page over, when the network has nothing else to do.
    crate::pages::AppPart::AfterStart.start_fetching();
    let body = document().body();
    let rendered_for = body
        .as_ref()
        .and_then(|body| body.get_attribute(crate::config::RENDERED_PATH));
    if rendered_for.as_deref() != Some(path.as_str()) {
        if let Some(body) = body {
            body.set_text_content(None);
        }
        leptos::mount::mount_to_body(app);
        return started();
    }
    // A page of a split-off part of the app is taken over once that part
    // is here, so that it shows at once, as it was rendered.
    let part = body
        .and_then(|body| body.get_attribute(crate::config::APP_PART))
        .and_then(|name| crate::pages::AppPart::named(&name));
    let Some(part) = part else {
        leptos::mount::hydrate_body(app);
        return started();
    };
    wasm_bindgen_futures::spawn_local(async move {
        match part.fetch().await {
            Ok(()) => {
                leptos::mount::hydrate_body(app);
                started();
            }
            // The page stays as it was rendered: its links still lead on,
            // and its forms still send.
            Err(_) => leptos::logging::warn!(
                "The app could not fetch its {} part; the page works without it.",
                part.name()
            ),
        }
    });
}

#[cfg(feature = "hydrate")]
fn app() -> impl IntoView {
    view! { <App content=Content::new(Http) head=HeadSink::Document/> }
}

/// For whoever waits for the app (the end-to-end tests, which may look
/// long after): it has the page now.
#[cfg(feature = "hydrate")]
fn started() {
    let _ = js_sys::Reflect::set(
        &window(),
        &wasm_bindgen::JsValue::from_str("newsPortalStarted"),
        &wasm_bindgen::JsValue::TRUE,
    );
}
