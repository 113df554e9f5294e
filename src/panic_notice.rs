//! If the app ever dies anyway, the reader is told, and given a way on.
//!
//! A release build aborts on panic: the WebAssembly instance is gone, and
//! with it every button and link the app handles. So the notice is built
//! with plain DOM calls, made while the panic hook runs (the reactive system
//! cannot be trusted by then), and its Reload is an ordinary link to this
//! very page, marked `rel="external"` so that the router, if it is somehow
//! still alive, leaves it to the browser.

use wasm_bindgen::JsCast;

/// What the reader is told.
pub const MESSAGE: &str = "Something went wrong. Reload the page to carry on.";

/// Installs the panic hook: the panic goes to the console as before
/// (`console_error_panic_hook`), and the notice goes on the page.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

/// Puts the notice at the top of the page, once, announced as an alert,
/// with focus on its Reload link.
fn show() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let (Some(body), None) = (document.body(), document.get_element_by_id("panic-notice")) else {
        return;
    };
    let here = document
        .location()
        .and_then(|location| location.href().ok())
        .unwrap_or_else(|| "/".into());
    let element = |tag: &str, attributes: &[(&str, &str)], text: &str| {
        let element = document.create_element(tag).ok()?;
        for (name, value) in attributes {
            element.set_attribute(name, value).ok()?;
        }
        element.set_text_content((!text.is_empty()).then_some(text));
        Some(element)
    };
    let built = (|| {
        let notice = element(
            "div",
            &[
                ("id", "panic-notice"),
                ("class", "panic-notice"),
                ("role", "alert"),
            ],
            "",
        )?;
        let message = element("p", &[("class", "panic-notice__message")], MESSAGE)?;
        let reload = element(
            "a",
            &[("class", "button"), ("href", &here), ("rel", "external")],
            "Reload",
        )?;
        notice.append_child(&message).ok()?;
        notice.append_child(&reload).ok()?;
        body.prepend_with_node_1(&notice).ok()?;
        Some(reload)
    })();
    if let Some(reload) = built.and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = reload.focus();
    }
}
