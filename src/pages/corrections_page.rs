use super::fetched_view::{fetched_view, page_resource, ErrorPlacement};
use super::site_origin;
use crate::api::PageData;
use crate::components::{Awaiting, LocalTime, PageLinks, PageMeta};
use crate::model::{CorrectedStory, CorrectionsPage, PageHead};
use crate::routes::{Route, CORRECTIONS_FEED};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/corrections`: every correction the site has made, newest first, each
/// with its story; `/corrections/page/:page`, older ones, page 1 the
/// oldest. The Editors' Code asks for corrections "with due prominence":
/// each story shows its own, and this page gathers them.
#[component]
pub fn CorrectionsPageView() -> impl IntoView {
    let params = use_params_map();
    let page = Memo::new(move |_| params.read().get("page"));
    move || view! { <CorrectionsLoader page=page.get()/> }
}

#[component]
fn CorrectionsLoader(page: Option<String>) -> impl IntoView {
    // A page that is not a number names no page.
    let page: Option<u32> = page.map(|page| page.parse().unwrap_or(0));
    let data = PageData::corrections(page);
    let list = page_resource(data.clone());
    fetched_view(
        list,
        move |text: &str| data.decode(text, CorrectionsPage::from_json),
        Awaiting::StoryList,
        ErrorPlacement::ReplacesPage(Route::Corrections { page }.path()),
        move |list: CorrectionsPage| {
            let newer = list.newer.map(|path| (path, "Newer corrections"));
            let older = list.older.map(|path| (path, "Older corrections"));
            view! {
                <PageMeta head=PageHead::corrections(&site_origin(), page)/>
                <section class="listing" aria-labelledby="corrections-heading">
                    <header class="profile">
                        <h1 id="corrections-heading" class="listing__heading">"Corrections and clarifications"</h1>
                        <p class="profile__bio">
                            "When we get something wrong, we put it right on the story and say so there, dated. Every correction is gathered here, newest first."
                        </p>
                        <p class="profile__feed"><a href=CORRECTIONS_FEED>"Follow corrections by RSS"</a></p>
                    </header>
                    {if list.corrections.is_empty() {
                        Either::Left(view! { <p class="listing__empty">"There are no corrections on this page."</p> })
                    } else {
                        Either::Right(view! {
                            <ol class="corrections-log">
                                {list.corrections.into_iter().map(|entry| view! { <CorrectionEntry entry/> }).collect_view()}
                            </ol>
                        })
                    }}
                    <PageLinks label="More corrections".to_owned() newer older/>
                </section>
            }
        },
    )
}

/// One correction: when, its story, and what was put right.
#[component]
fn CorrectionEntry(entry: CorrectedStory) -> impl IntoView {
    let href = format!("{}#corrections", Route::Story(entry.slug).path());
    view! {
        <li class="corrections-log__entry">
            <p class="corrections-log__when"><LocalTime at=entry.at/></p>
            <h2 class="corrections-log__story"><a href=href>{entry.headline}</a></h2>
            <p>{entry.text}</p>
        </li>
    }
}
