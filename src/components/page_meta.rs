use crate::context::HeadSink;
use crate::model::PageHead;
use leptos::prelude::*;

/// The head of a page, as [`PageHead`] describes it: title, description,
/// canonical URL, the Open Graph and Twitter tags share previews read, and
/// a story's times, section and structured data.
///
/// The head goes where the app's [`HeadSink`] says: when prerendering, to
/// a slot the prerender writes into the page's HTML; in the browser, into
/// the document between the `<!--HEAD-->` and `<!--/HEAD-->` markers, so
/// that after a client-side navigation the tab's title and the tags
/// describe the page the reader is on. There it is written by the part
/// of the app fetched as it starts (`after_start::write_head`): at once
/// after a navigation, when the part is here; a page the app takes over
/// already has its head, which is written again, the same, once the part
/// has come.
#[component]
pub fn PageMeta(head: PageHead) -> impl IntoView {
    match use_context::<HeadSink>().unwrap_or_default() {
        HeadSink::Slot(slot) => *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(head),
        HeadSink::Document => {
            Effect::new(move |_| {
                let written = crate::after_start::write_head(head.clone());
                leptos::task::spawn_local(async move { _ = written.await });
            });
        }
    }
}

/// Replaces what is between the head's markers with `head`'s tags.
pub(crate) fn write_head(head: &PageHead) {
    const COMMENT: u16 = 8;
    let document = document();
    let Some(parent) = document.head() else {
        return;
    };
    let marker = |text: &str| {
        let nodes = parent.child_nodes();
        (0..nodes.length())
            .filter_map(|i| nodes.item(i))
            .find(|node| {
                node.node_type() == COMMENT && node.text_content().as_deref() == Some(text)
            })
    };
    let start = marker("HEAD").unwrap_or_else(|| {
        let start: web_sys::Node = document.create_comment("HEAD").into();
        let _ = parent.append_child(&start);
        start
    });
    let end = marker("/HEAD").unwrap_or_else(|| {
        let end: web_sys::Node = document.create_comment("/HEAD").into();
        let _ = parent.insert_before(&end, start.next_sibling().as_ref());
        end
    });
    while let Some(old) = start.next_sibling().filter(|node| *node != end) {
        let _ = parent.remove_child(&old);
    }
    for tag in head.tags() {
        let Ok(element) = document.create_element(tag.name) else {
            continue;
        };
        for (name, value) in &tag.attributes {
            let _ = element.set_attribute(name, value);
        }
        element.set_text_content(tag.text.as_deref());
        let _ = parent.insert_before(&element, Some(&end));
    }
}
