use crate::model::SectionLink;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The masthead's sections: "Latest" (the front page), then each section.
/// One row that scrolls sideways on a narrow screen; the link to the page
/// the reader is on is marked `aria-current="page"`.
#[component]
pub fn SectionNav(sections: Vec<SectionLink>) -> impl IntoView {
    let pathname = use_location().pathname;
    let link = move |path: String, name: String| {
        let current = {
            let path = path.clone();
            move || (pathname.get() == path).then_some("page")
        };
        view! {
            <li><a class="section-nav__link" href=path aria-current=current>{name}</a></li>
        }
    };
    view! {
        <nav class="section-nav" aria-label="Sections">
            <ul class="section-nav__list">
                {link("/".to_owned(), "Latest".to_owned())}
                {sections.into_iter().map(|section| link(section.path(), section.name)).collect_view()}
            </ul>
        </nav>
    }
}
