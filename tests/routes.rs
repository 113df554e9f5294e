//! One table of the site's addresses (`src/routes.rs`), checked against
//! the two things that must agree with it: the router `App` builds, and the
//! pages the build prerenders. A page added to the router but not to the
//! table fails here; so does a pattern of the table the build never
//! prerenders (a page that works by in-app links but is a 404 on the CDN),
//! unless the table says why not.
//! `cargo test --profile tools --no-default-features --features ssr --test routes`
#![cfg(feature = "ssr")]

use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use leptos_router::{PathSegment, RouteList};
use news_portal::context::{Content, HeadSink};
use news_portal::model::{ApiError, Timestamp};
use news_portal::prerender::InMemory;
use news_portal::publish::editions::read_editions;
use news_portal::publish::outputs::{plan, Common, Make};
use news_portal::publish::site::Site;
use news_portal::publish::tags::Tags;
use news_portal::publish::{check, read_sources, Origins, Settings};
use news_portal::routes::{Prerendered, PATTERNS};
use news_portal::App;
use std::collections::BTreeSet;
use std::path::Path;

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/api/v1");

/// The router's patterns, as `/news/:slug`.
fn router_patterns() -> BTreeSet<String> {
    let content = Content::new(InMemory(|_: &str| Err(ApiError::NotFound)));
    // A server's context, as the prerender gives it: what is browser-only
    // (the ticker's listeners) stays off.
    let owner = Owner::new_root(Some(std::sync::Arc::new(
        hydration_context::SsrSharedContext::new(),
    )));
    // And its executor, for what the app spawns as it renders.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _ = any_spawner::Executor::init_tokio();
    let _inside = runtime.enter();
    let local = tokio::task::LocalSet::new();
    let _local = local.enter();
    let routes = owner
        .with(|| {
            // As the prerender renders it: the router reads where it is from
            // the request, not from a browser's location.
            provide_context(RequestUrl::new("/"));
            RouteList::generate(move || {
                let (content, head) = (content.clone(), HeadSink::slot());
                view! { <App content head/> }
            })
        })
        .expect("App has a router");
    routes
        .iter()
        .map(|route| {
            let path: String = route
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    PathSegment::Unit => None,
                    PathSegment::Static(text) if text.is_empty() => None,
                    PathSegment::Static(text) => Some(format!("/{text}")),
                    PathSegment::Param(name) => Some(format!("/:{name}")),
                    PathSegment::OptionalParam(name) => Some(format!("/:{name}?")),
                    PathSegment::Splat(name) => Some(format!("/*{name}")),
                })
                .collect();
            if path.is_empty() {
                "/".to_owned()
            } else {
                path
            }
        })
        .collect()
}

/// The patterns of the pages the build prerenders for the sample site.
fn prerendered_patterns() -> BTreeSet<&'static str> {
    let (stories, headlines) = read_sources(Path::new(CONTENT)).unwrap();
    let (content, _) = check(&stories, headlines.as_ref());
    let settings = Settings {
        origin: "https://www.example.co.uk".into(),
        index_size: 20,
        // Small pages, so that the sample's sections have numbered pages.
        page_size: 1,
        sitemap_size: 50_000,
        search_segment: 20_000,
        now: Timestamp::parse_rfc3339("2026-11-28T05:00:00Z").unwrap(),
        origins: Origins::default(),
    };
    let site = Site::derive(content.records, Tags::read(Path::new(CONTENT)).0, &settings);
    let common = Common {
        renderer: 0,
        shell: 0,
    };
    let (editions, report) = read_editions(Path::new(CONTENT), "2026-11-28");
    assert!(!report.has_errors(), "{:?}", report.problems);
    plan(
        &site,
        &editions,
        &settings,
        &common,
        "{}",
        Path::new(CONTENT),
    )
    .unwrap()
    .into_iter()
    .filter_map(|output| match output.make {
        Make::Page(route) => Some(route.pattern()),
        _ => None,
    })
    .collect()
}

#[test]
fn every_route_of_the_router_is_in_the_table_and_every_pattern_of_the_table_is_routed() {
    let routed = router_patterns();
    // The router's fallback (`*`, the 404 page) is not a route of its own.
    let table: BTreeSet<String> = PATTERNS
        .iter()
        .map(|(pattern, _)| (*pattern).to_owned())
        .filter(|pattern| pattern != "*")
        .collect();
    let missing_from_table: Vec<_> = routed.difference(&table).collect();
    let not_routed: Vec<_> = table.difference(&routed).collect();
    assert!(
        missing_from_table.is_empty(),
        "routed but not in src/routes.rs: {missing_from_table:?}"
    );
    assert!(
        not_routed.is_empty(),
        "in src/routes.rs but not routed: {not_routed:?}"
    );
}

#[test]
fn every_pattern_is_prerendered_unless_the_table_says_why_not() {
    let prerendered = prerendered_patterns();
    for (pattern, how) in PATTERNS {
        match how {
            Prerendered::Yes => assert!(
                prerendered.contains(pattern),
                "{pattern} is never prerendered: a link to it would be a 404 on the CDN"
            ),
            Prerendered::No(why) => assert!(
                !prerendered.contains(pattern) && !why.trim().is_empty(),
                "{pattern}: prerendered after all, or no reason given"
            ),
        }
    }
    // And the build prerenders nothing the table does not know.
    for pattern in &prerendered {
        assert!(
            PATTERNS.iter().any(|(known, _)| known == pattern),
            "{pattern}"
        );
    }
}
