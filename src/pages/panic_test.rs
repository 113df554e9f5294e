use leptos::prelude::*;

/// `/__test/panic`: panics on purpose, so that the end-to-end tests can
/// check what a reader sees if the app ever dies (`crate::panic_notice`).
/// Linked from nowhere, kept from crawlers by `robots.txt`; it can stop
/// only the tab that opens it, which is what it is for.
#[component]
pub fn PanicTest() -> impl IntoView {
    panic!("a deliberate panic, for the end-to-end test of the panic notice");
    #[allow(unreachable_code)]
    ()
}
