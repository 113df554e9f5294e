use super::fetched_view::{fetched_view, page_resource, ErrorPlacement};
use super::site_origin;
use crate::api::PageData;
use crate::components::{Awaiting, PageMeta};
use crate::model::{long_date, Decoded, Edition, PageHead};
use crate::routes::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/newsletter/editions/:date`: an edition of the newsletter as it went
/// out: the morning note, signed, then its stories in order, each linked.
/// The same stories as the mail (both are made from one published
/// edition), and nothing of any subscriber.
#[component]
pub fn EditionPage() -> impl IntoView {
    let params = use_params_map();
    let date = Memo::new(move |_| params.read().get("date").unwrap_or_default());
    // A new loader for each edition, as for stories (`StoryPage`).
    move || view! { <EditionLoader date=date.get()/> }
}

#[component]
fn EditionLoader(date: String) -> impl IntoView {
    let data = PageData::edition(&date);
    let edition = page_resource(data.clone());
    fetched_view(
        edition,
        move |text: &str| {
            data.decode(text, |json| {
                Edition::from_json(json).map(|value| Decoded {
                    value,
                    skipped: Vec::new(),
                })
            })
        },
        Awaiting::StoryList,
        ErrorPlacement::ReplacesPage(Route::Edition(date.clone()).path()),
        |edition: Edition| {
            let day = long_date(&edition.date);
            let signature = edition.signature();
            view! {
                <PageMeta head=PageHead::edition(&site_origin(), &edition)/>
                <article class="edition" aria-labelledby="edition-heading">
                    <p class="edition__kicker">"The newsletter · " {day}</p>
                    <h1 id="edition-heading" class="edition__subject">{edition.subject}</h1>
                    <div class="edition__note">
                        {edition
                            .introduction
                            .into_iter()
                            .map(|paragraph| view! { <p>{paragraph}</p> })
                            .collect_view()}
                        <p class="edition__signature">{signature}</p>
                    </div>
                    <h2 class="edition__stories-heading">"In this edition"</h2>
                    <ol class="edition__stories">
                        {edition
                            .stories
                            .into_iter()
                            .map(|story| {
                                let href = Route::Story(story.slug).path();
                                view! {
                                    <li class="edition__story">
                                        {story.section.map(|section| view! { <p class="edition__section">{section}</p> })}
                                        <h3 class="edition__headline"><a href=href>{story.headline}</a></h3>
                                        <p class="edition__line">{story.line}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    <p class="edition__more">
                        <a href=Route::Editions { page: None }.path()>"Every edition"</a>
                    </p>
                </article>
            }
        },
    )
}
