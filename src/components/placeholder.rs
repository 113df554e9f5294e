use leptos::prelude::*;

/// What a page is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaiting {
    Story,
    StoryList,
    Confirmation,
}

impl Awaiting {
    /// The placeholder's class, its status text's class, and the status.
    fn shape(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Awaiting::Story => (
                "skeleton skeleton--story",
                "visually-hidden",
                "Loading the story…",
            ),
            Awaiting::StoryList => (
                "skeleton skeleton--list",
                "visually-hidden",
                "Loading the latest stories…",
            ),
            Awaiting::Confirmation => ("notice", "", "Confirming your subscription…"),
        }
    }
}

/// What shows while a page's data loads: the shape of what is coming, drawn
/// by the stylesheet, so that nothing jumps when it arrives, and a status
/// saying what is loading. One element for every page, so the wasm carries
/// a single placeholder.
#[component]
pub fn Placeholder(awaiting: Awaiting) -> impl IntoView {
    let (class, text_class, status) = awaiting.shape();
    view! {
        <div class=class aria-busy="true">
            <p role="status" class=text_class>{status}</p>
        </div>
    }
}
