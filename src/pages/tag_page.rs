use super::fetched_view::{fetched_view, page_resource, ErrorPlacement};
use super::{paged_params, site_origin};
use crate::api::PageData;
use crate::components::{Awaiting, PageMeta, PagedStories};
use crate::model::{date_span, PageHead, StoryIndex};
use crate::routes::{topic_feed_path, Route};
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// Whose or what stories a tag page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    Author,
    Topic,
}

impl TagKind {
    fn route(self, id: &str, page: Option<u32>) -> Route {
        let id = id.to_owned();
        match self {
            TagKind::Author => Route::Author { id, page },
            TagKind::Topic => Route::Topic { id, page },
        }
    }

    fn data(self, id: &str, page: Option<u32>) -> PageData {
        match self {
            TagKind::Author => PageData::author(id, page),
            TagKind::Topic => PageData::topic(id, page),
        }
    }
}

/// `/author/:id` and `/topic/:id`: who the author is or what the topic
/// covers, then its newest stories, newest first; with `/page/:page`, a
/// page of older ones, page 1 the oldest. Each links to the pages either
/// side.
#[component]
pub fn TagPage(kind: TagKind) -> impl IntoView {
    let key = paged_params("id");
    // A new loader for each page, as for stories (`StoryPage`).
    move || {
        let (id, page) = key.get();
        view! { <TagLoader kind id page/> }
    }
}

#[component]
fn TagLoader(kind: TagKind, id: String, page: Option<u32>) -> impl IntoView {
    let route = kind.route(&id, page);
    let data = kind.data(&id, page);
    let stories = page_resource(data.clone());
    fetched_view(
        stories,
        move |text: &str| data.decode(text, StoryIndex::from_json),
        Awaiting::StoryList,
        ErrorPlacement::ReplacesPage(route.path()),
        move |index: StoryIndex| {
            let span = match (index.articles.last(), index.articles.first()) {
                (Some(oldest), Some(newest)) if page.is_some() => {
                    Some(date_span(oldest.published, newest.published))
                }
                _ => None,
            };
            let (head, about) = match (&index.author, &index.topic) {
                (Some(author), _) => (
                    PageHead::author(&site_origin(), author, page),
                    EitherOf3::A(view! { <AuthorProfile author=author.clone()/> }),
                ),
                (None, Some(topic)) => (
                    PageHead::topic(&site_origin(), topic, page),
                    EitherOf3::B(view! {
                        <h1 id="tag-heading" class="listing__heading">{topic.name.clone()}</h1>
                        {(!topic.description.is_empty())
                            .then(|| view! { <p class="profile__bio">{topic.description.clone()}</p> })}
                        <p class="profile__feed">
                            <a href=topic_feed_path(&topic.id)>"Follow " {topic.name.clone()} " by RSS"</a>
                        </p>
                    }),
                ),
                (None, None) => (
                    PageHead::page(&site_origin(), &route.path(), &id, ""),
                    // A page whose JSON says nothing of whom or what it is
                    // about: its address names it.
                    EitherOf3::C(view! {
                        <h1 id="tag-heading" class="listing__heading">{id.clone()}</h1>
                    }),
                ),
            };
            let label = format!("More stories: {}", head.title);
            view! {
                <PageMeta head/>
                <section class="listing" aria-labelledby="tag-heading">
                    <header class="profile">{about}</header>
                    <PagedStories span stories=index.articles label newer=index.newer older=index.older/>
                </section>
            }
        },
    )
}

/// Who an author is: picture, name, role and a few words.
#[component]
fn AuthorProfile(author: crate::model::Author) -> impl IntoView {
    let crate::model::Author {
        name,
        role,
        bio,
        picture,
        ..
    } = author;
    view! {
        {picture.map(|picture| view! {
            <img class="profile__picture" src=picture.src alt=picture.alt
                width=picture.width height=picture.height loading="lazy" decoding="async"/>
        })}
        <h1 id="tag-heading" class="listing__heading">{name}</h1>
        {(!role.is_empty()).then(|| view! { <p class="profile__role">{role}</p> })}
        {(!bio.is_empty()).then(|| view! { <p class="profile__bio">{bio}</p> })}
    }
}
