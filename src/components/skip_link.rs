use leptos::{ev::MouseEvent, prelude::*};
use wasm_bindgen::JsCast;

/// The first thing a keyboard reader reaches: a jump past the header that
/// moves focus, not just the scroll position, to the main content.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = |event: MouseEvent| {
        let main = document()
            .get_element_by_id("main")
            .and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(main) = main {
            // Handled here so the router does not treat it as a navigation.
            event.prevent_default();
            let _ = main.focus();
            main.scroll_into_view();
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>"Skip to main content"</a> }
}
