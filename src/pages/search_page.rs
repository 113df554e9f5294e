use super::{content, sections_of, site_origin};
use crate::api::{search, PageText, PageTextCodec};
use crate::components::{ErrorNotice, PageLinks, PageMeta, SearchResults};
use crate::model::{PageHead, SearchQuery, SortBy};
use crate::routes::Route;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// `/search?q=…&section=…&sort=newest&page=2`: the archive searched, as
/// the reader types in the masthead's box. Prerendered as its empty state:
/// what it shows depends on the query, which only the browser knows.
#[component]
pub fn SearchPage(
    /// The site's sections, for the filter: the masthead's, fetched once.
    sections: Resource<PageText, PageTextCodec>,
) -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        SearchQuery::from_params(
            params.get("q").as_deref(),
            params.get("section").as_deref(),
            params.get("sort").as_deref(),
            params.get("page").as_deref(),
        )
    });
    let content = content();
    // The results, with the query they answer: what the page says it
    // found is always for what it shows, however the searches of a reader
    // typing overlap.
    let results = LocalResource::new(move || {
        let (query, content) = (query.get(), content.clone());
        async move {
            let found = if query.is_empty() {
                Ok(None)
            } else {
                search(content, query.clone()).await.map(Some)
            };
            (query, found)
        }
    });
    let navigate = use_navigate();
    let refine = move |change: &dyn Fn(&mut SearchQuery)| {
        // A narrower or reordered search starts from its first page.
        let mut refined = query.get_untracked().on_page(1);
        change(&mut refined);
        navigate(
            &refined.path(),
            NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            },
        );
    };
    let on_section = {
        let refine = refine.clone();
        move |event: leptos::ev::Event| {
            let slug = event_target_value(&event);
            refine(&|query| query.section = (!slug.is_empty()).then(|| slug.clone()));
        }
    };
    let on_sort = move |event: leptos::ev::Event| {
        let newest = event_target_value(&event) == "newest";
        refine(&|query| {
            query.sort = if newest {
                SortBy::Newest
            } else {
                SortBy::Relevance
            }
        });
    };
    let head = PageHead::private(
        &site_origin(),
        &Route::Search.path(),
        "Search",
        "Search every story Britain's News Portal has published.",
    );
    let retry = Callback::new(move |()| results.refetch());
    view! {
        <PageMeta head/>
        <section class="listing search" aria-labelledby="search-heading">
            <h1 id="search-heading" class="listing__heading">"Search"</h1>
            <div class="search__refine">
                <label>
                    "Section "
                    <select on:change=on_section prop:value=move || query.get().section.unwrap_or_default()>
                        <option value="">"All sections"</option>
                        <Suspense>
                            {move || Suspend::new(async move {
                                let list = sections_of(sections).await;
                                list.into_iter().map(|section| {
                                    let selected = query.get_untracked().section.as_deref() == Some(section.slug.as_str());
                                    view! { <option value=section.slug selected=selected>{section.name}</option> }
                                }).collect_view()
                            })}
                        </Suspense>
                    </select>
                </label>
                <label>
                    "Order "
                    <select on:change=on_sort prop:value=move || if query.get().sort == SortBy::Newest { "newest" } else { "relevance" }>
                        <option value="relevance">"Best match"</option>
                        <option value="newest">"Newest first"</option>
                    </select>
                </label>
            </div>
            <noscript>
                <p class="listing__span">
                    "Search needs JavaScript. Every story is in "
                    <a href=Route::Archive.path()>"the archive, by date"</a>
                    ", and each section at the top of the page lists its own."
                </p>
            </noscript>
            <Suspense fallback=|| view! { <p class="search__status" role="status">"Searching…"</p> }>
                {move || Suspend::new(async move {
                    let (asked, found) = results.await;
                    let text = asked.text.trim().to_owned();
                    match found {
                        Ok(None) => EitherOf4::A(view! {
                            <p class="search__status" role="status">
                                "Type in the box at the top of the page to search every story we have published."
                            </p>
                        }),
                        Ok(Some((_, stories))) if stories.is_empty() => EitherOf4::B(view! {
                            <p class="search__status" role="status">{format!("No stories match \u{201c}{text}\u{201d}.")}</p>
                            <p>
                                "Check the spelling or try fewer words, or browse "
                                <a href=Route::Archive.path()>"the archive, by date"</a>
                                "."
                            </p>
                        }),
                        Ok(Some((found, stories))) => EitherOf4::C(view! {
                            <p class="search__status" role="status">
                                {format!("{} found for \u{201c}{text}\u{201d}", found.count())}
                                {(asked.page > 1).then(|| format!(", page {}", asked.page))}
                            </p>
                            <SearchResults results=stories/>
                            <PageLinks
                                label="More results".to_owned()
                                newer=asked.previous_page().map(|q| (q.path(), "Previous results"))
                                older=asked.next_page(&found).map(|q| (q.path(), "More results"))
                            />
                        }),
                        Err(error) => EitherOf4::D(view! { <ErrorNotice error on_retry=retry nested=true/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}
