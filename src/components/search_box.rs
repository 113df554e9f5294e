use crate::model::SearchQuery;
use crate::routes::Route;
use gloo_timers::callback::Timeout;
use leptos::{ev, html, prelude::*};
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// How long after the last keystroke a search runs: a reader typing a key
/// every tenth of a second or quicker asks once a pause, and it leaves
/// most of the 300 ms in which results should follow the last keystroke
/// to the search (what it reads was fetched as the reader typed).
const DEBOUNCE_MS: u32 = 100;

/// The masthead's search box, on every page. As the reader types, the
/// search page shows the results (its address keeps the query, so results
/// can be shared and Back returns to them); `on_focus` is told the first
/// time the box is focused, when what search needs starts to load and not
/// before, and `on_typing` of the text at every keystroke (the search
/// itself waits for a pause), so what it will need can be fetched early. Before the app has the page, the box is a plain form that asks
/// for the search page; with JavaScript off it gives way to the archive.
#[component]
pub fn SearchBox(
    #[prop(into)] on_focus: Callback<()>,
    #[prop(into)] on_typing: Callback<String>,
) -> impl IntoView {
    let location = use_location();
    let params = use_query_map();
    let navigate = use_navigate();
    let input = NodeRef::<html::Input>::new();
    let on_search_page = move || location.pathname.get() == Route::Search.path();
    // The query on the search page, kept in the box when the address
    // changes some other way (Back, a shared link), but never while the
    // reader is in the box: the address keeps no trailing space, and on a
    // slow phone the reader may be keys ahead of the search.
    Effect::new(move |_| {
        if !on_search_page() {
            return;
        }
        let q = params.read().get("q").unwrap_or_default();
        if let Some(input) = input.get() {
            let in_the_box = document().active_element().is_some_and(|active| {
                let field: &web_sys::Element = &input;
                active == *field
            });
            if !in_the_box && input.value() != q {
                input.set_value(&q);
            }
        }
    });
    let pending = StoredValue::new_local(None::<Timeout>);
    let go = move |text: String| {
        let query = {
            let params = params.read_untracked();
            // New words start again from the first page of results.
            let mut query = SearchQuery::from_params(
                Some(&text),
                params.get("section").as_deref(),
                params.get("sort").as_deref(),
                None,
            );
            if !on_search_page_untracked(&location) {
                query.section = None;
            }
            query
        };
        // One entry in the history for a search as it is typed: the first
        // keystroke's, replaced by the next.
        let replace = on_search_page_untracked(&location);
        navigate(
            &query.path(),
            NavigateOptions {
                replace,
                ..NavigateOptions::default()
            },
        );
    };
    let typed = {
        let go = go.clone();
        move |_: ev::Event| {
            let text = input.get_untracked().map(|i| i.value()).unwrap_or_default();
            on_typing.run(text.clone());
            let go = go.clone();
            pending.set_value(Some(Timeout::new(DEBOUNCE_MS, move || go(text))));
        }
    };
    let submitted = move |event: ev::SubmitEvent| {
        event.prevent_default();
        pending.set_value(None);
        go(input.get_untracked().map(|i| i.value()).unwrap_or_default());
    };
    let focused = StoredValue::new(false);
    view! {
        <form class="search-box" role="search" action=Route::Search.path() method="get" on:submit=submitted>
            <label class="visually-hidden" for="search-q">"Search the news"</label>
            <input
                node_ref=input
                id="search-q"
                class="search-box__field"
                type="search"
                name="q"
                autocomplete="off"
                placeholder="Search"
                on:input=typed
                on:focus=move |_| {
                    if !focused.get_value() {
                        focused.set_value(true);
                        on_focus.run(());
                    }
                }
            />
            <button class="search-box__button" type="submit">"Search"</button>
        </form>
        <noscript>
            <p class="search-box__no-script">
                "Search needs JavaScript. Every story is in "
                <a href=Route::Archive.path()>"the archive"</a>
                " and under its section."
            </p>
        </noscript>
    }
}

fn on_search_page_untracked(location: &leptos_router::location::Location) -> bool {
    location.pathname.get_untracked() == Route::Search.path()
}
