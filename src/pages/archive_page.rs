//! The archive by date: every month (`/archive`), a month's days
//! (`/archive/:year/:month`), a day's stories (`/archive/:year/:month/:day`),
//! each day and month linking to the ones either side. Dates are UK dates.

use super::fetched_view::{fetched_view, page_resource, ErrorPlacement};
use super::site_origin;
use crate::api::PageData;
use crate::components::{Awaiting, HeadlineList, PageLinks, PageMeta};
use crate::model::{
    stories_count, weekday, ArchiveIndex, ArchiveMonth, DateCount, PageHead, StoryIndex, StoryLink,
};
use crate::routes::{Day, Month, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The date a page's address names, if it is one.
fn date_in_path(part: &str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
    part.parse().ok().filter(|n| range.contains(n))
}

/// `/archive`: every month with stories, newest first, under its year.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let data = PageData::archive();
    let months = page_resource(data.clone());
    let decode = move |text: &str| data.decode(text, ArchiveIndex::from_json);
    let head = PageHead::page(
        &site_origin(),
        &Route::Archive.path(),
        "The archive",
        "Every story Britain's News Portal has published, by the day it was published.",
    );
    view! {
        <PageMeta head/>
        <section class="listing" aria-labelledby="archive-heading">
            <h1 id="archive-heading" class="listing__heading">"The archive"</h1>
            <p class="listing__span">"Every story we have published, by the day it was published (UK time)."</p>
            {fetched_view(months, decode, Awaiting::StoryList, ErrorPlacement::UnderHeading, |archive: ArchiveIndex| {
                let mut years: Vec<(i64, Vec<DateCount>)> = Vec::new();
                for month in archive.months {
                    match years.last_mut() {
                        Some((year, months)) if *year == month.year => months.push(month),
                        _ => years.push((month.year, vec![month])),
                    }
                }
                years.into_iter().map(|(year, months)| view! {
                    <h2 class="archive__year">{year}</h2>
                    <DateLinks dates=months/>
                }).collect_view()
            })}
        </section>
    }
}

/// Months or days, each linking to its page, with how many stories it has.
#[component]
fn DateLinks(dates: Vec<DateCount>) -> impl IntoView {
    view! {
        <ul class="archive__dates">
            {dates.into_iter().map(|date| {
                let label = match date.day {
                    Some(day) => format!("{} {}", weekday(date.year, date.month, day), date.label()),
                    None => date.label(),
                };
                view! {
                    <li>
                        <a href=date.route().path()>{label}</a>
                        " "
                        <span class="archive__count">{stories_count(date.stories)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The numbers of the archive page's address (year, month, day), if they
/// make a date.
fn date_params() -> Memo<(Option<i64>, Option<u32>, Option<u32>)> {
    let params = use_params_map();
    Memo::new(move |_| {
        let params = params.read();
        let number = |name: &str, range| date_in_path(&params.get(name).unwrap_or_default(), range);
        (
            number("year", 1..=9999),
            number("month", 1..=12).map(|m| m as u32),
            number("day", 1..=31).map(|d| d as u32),
        )
    })
}

/// `/archive/:year/:month`: the days of a month that have stories.
#[component]
pub fn ArchiveMonthPage() -> impl IntoView {
    let date = date_params();
    // A new loader for each month, as for stories (`StoryPage`).
    move || {
        let (year, month, _) = date.get();
        let month = year.zip(month).map(|(year, month)| Month { year, month });
        let path = leptos_router::hooks::use_location()
            .pathname
            .get_untracked();
        view! { <ArchiveMonthLoader month path/> }
    }
}

#[component]
fn ArchiveMonthLoader(month: Option<Month>, path: String) -> impl IntoView {
    let data = PageData::archive_month(month);
    let days = page_resource(data.clone());
    let title = month
        .map(|m| {
            DateCount {
                year: m.year,
                month: m.month,
                day: None,
                stories: 0,
            }
            .label()
        })
        .unwrap_or_default();
    fetched_view(
        days,
        move |text: &str| data.decode(text, ArchiveMonth::from_json),
        Awaiting::StoryList,
        ErrorPlacement::ReplacesPage(path.clone()),
        move |days: ArchiveMonth| {
            let head = PageHead::page(
                &site_origin(),
                &path,
                &title,
                &format!("Every story Britain's News Portal published in {title}, day by day."),
            );
            let link =
                |month: Option<Month>, text| month.map(|m| (Route::ArchiveMonth(m).path(), text));
            let newer = link(days.newer, "Next month");
            let older = link(days.older, "Previous month");
            view! {
                <PageMeta head/>
                <section class="listing" aria-labelledby="month-heading">
                    <h1 id="month-heading" class="listing__heading">{title.clone()}</h1>
                    <p class="listing__span"><a href=Route::Archive.path()>"The archive"</a></p>
                    <DateLinks dates=days.days/>
                    <PageLinks label="More months".to_owned() newer older/>
                </section>
            }
        },
    )
}

/// `/archive/:year/:month/:day`: the stories of a day, newest first.
#[component]
pub fn ArchiveDayPage() -> impl IntoView {
    let date = date_params();
    move || {
        let day = match date.get() {
            (Some(year), Some(month), Some(day)) => Some(Day { year, month, day }),
            _ => None,
        };
        let path = leptos_router::hooks::use_location()
            .pathname
            .get_untracked();
        view! { <ArchiveDayLoader day path/> }
    }
}

#[component]
fn ArchiveDayLoader(day: Option<Day>, path: String) -> impl IntoView {
    let data = PageData::archive_day(day);
    let stories = page_resource(data.clone());
    let title = day
        .map(|d| {
            let date = DateCount {
                year: d.year,
                month: d.month,
                day: Some(d.day),
                stories: 0,
            };
            format!(
                "{} {} {}",
                weekday(d.year, d.month, d.day),
                date.label(),
                d.year
            )
        })
        .unwrap_or_default();
    fetched_view(
        stories,
        move |text: &str| data.decode(text, StoryIndex::from_json),
        Awaiting::StoryList,
        ErrorPlacement::ReplacesPage(path.clone()),
        move |index: StoryIndex| {
            let head = PageHead::page(
                &site_origin(),
                &path,
                &title,
                &format!("Every story Britain's News Portal published on {title}."),
            );
            let newer = index.newer.map(|path| (path, "Next day"));
            let older = index.older.map(|path| (path, "Previous day"));
            let month = day
                .map(|day| Route::ArchiveMonth(day.month()).path())
                .unwrap_or_default();
            let stories: Vec<StoryLink> = index.articles.iter().map(StoryLink::from).collect();
            view! {
                <PageMeta head/>
                <section class="listing" aria-labelledby="day-heading">
                    <h1 id="day-heading" class="listing__heading">{title.clone()}</h1>
                    <p class="listing__span">
                        {stories_count(stories.len())} " · " <a href=month>"The rest of the month"</a>
                    </p>
                    <HeadlineList stories/>
                    <PageLinks label="More days".to_owned() newer older/>
                </section>
            }
        },
    )
}
