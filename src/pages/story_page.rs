use super::fetched_view::{fetched_view, page_resource, ErrorPlacement};
use super::{content, live_story, site_origin};
use crate::api::{PageData, PageText};
use crate::components::{Awaiting, HeadlineList, NewsletterSignup, PageMeta, StoryView};
use crate::context::Content;
use crate::model::{
    section_slug, Article, PageHead, ReadNext, ReadNextSource, StoryIndex, StoryLink,
};
use crate::routes::Route;
use crate::signup_form::use_signup_form;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/news/:slug`: one story, with a skeleton while it loads and a way on
/// from every failure; then what to read next, and the newsletter signup.
#[component]
pub fn StoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    // A new loader for each slug: a resource runs its fetches one after
    // another, so reusing one would make the new story wait for the old.
    move || view! { <StoryLoader slug=slug.get()/> }
}

/// Fetches one story and shows it, or why it cannot be shown.
#[component]
fn StoryLoader(slug: String) -> impl IntoView {
    let data = PageData::article(&slug);
    let article = page_resource(data.clone());
    let content = content();
    // What to read next comes from one small file, the same for every story,
    // and only in the browser: a prerendered page that listed the latest
    // stories would change whenever a story was published.
    let read_next = LocalResource::new(move || PageData::read_next().read_text(content.clone()));
    // One grid, in reading order: the story, more from its section, the
    // latest stories (beside the story on wide screens), and the signup at
    // the end. (Inside the page's data: outside, hydrating it costs 9 KB.)
    view! {
        <div class="story-page">
            {fetched_view(
                article,
                move |text: &str| data.decode(text, Article::from_json),
                Awaiting::Story,
                ErrorPlacement::ReplacesPage(Route::Story(slug.clone()).path()),
                move |article: Article| {
                    let head = PageHead::story(&site_origin(), &article);
                    let url = head.url.clone();
                    let section = article.section.clone();
                    let topic = article.topics.first().map(|topic| topic.id.clone());
                    let source = format!("story:{}", article.slug);
                    let slug = article.slug.clone();
                    let signup = use_signup_form(source);
                    view! {
                        <PageMeta head/>
                        {story_view(article, url)}
                        <ReadNextLists read_next slug section topic/>
                        <NewsletterSignup placement="story" signup/>
                    }
                },
            )}
        </div>
    }
}

/// The story; a live page's, with what makes it live, from the part of
/// the app that has it.
fn story_view(article: Article, url: String) -> AnyView {
    if article.live.is_some() {
        live_story(article, url).into_any()
    } else {
        view! { <StoryView article url/> }.into_any()
    }
}

/// "More on this story" (stories sharing its first topic, from the
/// topic's page's small file) or "More from <section>", and "Latest
/// stories", once they have loaded. They are extras: if they cannot be
/// fetched, the story stands alone. What makes them is in the part of the
/// app fetched once it has started (`after_start`): they never show before.
#[component]
fn ReadNextLists(
    read_next: LocalResource<PageText>,
    slug: String,
    section: Option<String>,
    /// The story's first topic, by id.
    topic: Option<String>,
) -> impl IntoView {
    let story = ReadNextFor {
        read_next,
        slug,
        heading: section
            .as_deref()
            .map(|name| format!("More from {name}"))
            .unwrap_or_default(),
        section: section.as_deref().and_then(section_slug),
        topic,
        content: content(),
    };
    // Nothing of them is in the prerendered page, so they appear only once
    // the app has it: hydration then finds what the page has.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    move || {
        let story = story.clone();
        ready.get().then(move || {
            view! {
                <Suspense>
                    {move || {
                        let story = story.clone();
                        Suspend::new(send_wrapper::SendWrapper::new(async move {
                            let lists = crate::after_start::read_next_lists(story).await.ok()?;
                            Some(lists.await)
                        }))
                    }}
                </Suspense>
            }
        })
    }
}

/// What to read next after one story: what [`read_next_lists`] is given.
#[derive(Clone)]
pub(crate) struct ReadNextFor {
    read_next: LocalResource<PageText>,
    slug: String,
    /// "More from <section>".
    heading: String,
    /// The story's section, by slug.
    section: Option<String>,
    /// The story's first topic, by id.
    topic: Option<String>,
    content: Content,
}

/// The lists, once what they are chosen from has loaded.
pub(crate) async fn read_next_lists(story: ReadNextFor) -> AnyView {
    let ReadNextFor {
        read_next,
        slug,
        heading,
        section,
        topic,
        content,
    } = story;
    let source = read_next
        .await
        .and_then(|text| PageData::read_next().decode(&text, ReadNextSource::from_json))
        .unwrap_or_default();
    let on_topic = match topic {
        Some(id) => topic_stories(&id, content).await,
        None => Vec::new(),
    };
    let ReadNext {
        more,
        more_on_topic,
        latest,
    } = ReadNext::choose(&slug, section.as_deref(), &on_topic, &source);
    let heading = if more_on_topic {
        "More on this story".to_owned()
    } else {
        heading
    };
    let more = (!more.is_empty()).then(|| {
        view! {
            <section class="read-next story-page__more" aria-labelledby="more-from-section">
                <h2 class="read-next__heading" id="more-from-section">{heading}</h2>
                <HeadlineList stories=more/>
            </section>
        }
    });
    let latest = (!latest.is_empty()).then(|| {
        view! {
            <aside class="read-next story-page__latest" aria-labelledby="latest-stories">
                <h2 class="read-next__heading" id="latest-stories">"Latest stories"</h2>
                <HeadlineList stories=latest/>
            </aside>
        }
    });
    (more, latest).into_any()
}

/// The newest stories of a topic, from its page's file (the same few
/// kilobytes however big the archive); none if it cannot be had.
async fn topic_stories(id: &str, content: Content) -> Vec<StoryLink> {
    let data = PageData::topic(id, None);
    let Ok(text) = data.clone().read_text(content).await else {
        return Vec::new();
    };
    data.decode(&text, StoryIndex::from_json)
        .map(|index| index.articles.iter().map(StoryLink::from).collect())
        .unwrap_or_default()
}
