use super::fetched_view::{fetched_view, page_resource, ErrorPlacement};
use super::site_origin;
use crate::api::PageData;
use crate::components::{Awaiting, PageLinks, PageMeta};
use crate::model::{long_date, Decoded, EditionList, PageHead};
use crate::routes::Route;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/newsletter/editions`: the newest editions of the newsletter, newest
/// first; `/newsletter/editions/page/:page`: older ones, page 1 the oldest.
/// Each links to the pages either side.
#[component]
pub fn EditionsPage() -> impl IntoView {
    let params = use_params_map();
    let page = Memo::new(move |_| params.read().get("page"));
    move || view! { <EditionsLoader page=page.get()/> }
}

#[component]
fn EditionsLoader(page: Option<String>) -> impl IntoView {
    // A page that is not a number names no page of the list.
    let page: Option<u32> = page.map(|page| page.parse().unwrap_or(0));
    let data = PageData::editions(page);
    let list = page_resource(data.clone());
    fetched_view(
        list,
        move |text: &str| {
            data.decode(text, |json| {
                EditionList::from_json(json).map(|value| Decoded {
                    value,
                    skipped: Vec::new(),
                })
            })
        },
        Awaiting::StoryList,
        ErrorPlacement::ReplacesPage(Route::Editions { page }.path()),
        move |list: EditionList| {
            let newer = list.newer.map(|path| (path, "Newer editions"));
            let older = list.older.map(|path| (path, "Older editions"));
            view! {
                <PageMeta head=PageHead::editions(&site_origin(), page)/>
                <section class="listing" aria-labelledby="editions-heading">
                    <h1 id="editions-heading" class="listing__heading">"The newsletter"</h1>
                    <p class="listing__span">
                        "Every weekday morning: the stories that matter that day, picked by our editors. "
                        "Here is every edition, newest first."
                    </p>
                    {if list.editions.is_empty() {
                        Either::Left(view! { <p class="listing__empty">"No edition has been published yet."</p> })
                    } else {
                        Either::Right(view! {
                            <ul class="edition-list">
                                {list
                                    .editions
                                    .into_iter()
                                    .map(|edition| {
                                        let href = Route::Edition(edition.date.clone()).path();
                                        view! {
                                            <li class="edition-list__item">
                                                <a href=href>
                                                    <span class="edition-list__day">{long_date(&edition.date)}</span>
                                                    <span class="edition-list__subject">{edition.subject}</span>
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        })
                    }}
                    <PageLinks label="More editions".to_owned() newer older/>
                </section>
            }
        },
    )
}
