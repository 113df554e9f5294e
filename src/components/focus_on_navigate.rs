use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// After a client-side navigation, moves focus to `<main>` so keyboard and
/// screen-reader users start at the new page, as they would after a load;
/// but not from the search box, whose typing is what navigated (to the
/// search page, whose results update under it).
#[component]
pub fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) && !typing_a_search() {
            focus_main();
        }
        path
    });
}

/// Whether focus is in the search box.
fn typing_a_search() -> bool {
    document()
        .active_element()
        .and_then(|element| element.closest("[role=search]").ok().flatten())
        .is_some()
}

/// Moves focus to `<main>` without scrolling: where a reader's focus goes
/// when what it was on is replaced, by a new page or by a reload.
pub fn focus_main() {
    let main = document()
        .get_element_by_id("main")
        .and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = main.focus_with_options(&options);
    }
}
