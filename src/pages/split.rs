//! The pages a story's reader does not need, each in a part of the app the
//! browser downloads only when it shows one (issue 29: the wasm a story
//! page needs before it answers). The release build (`scripts/build-app`)
//! compiles with `--cfg news_portal_split`, under which each part below is
//! a `wasm_split` function, and `scripts/split-app` cuts the wasm there:
//! the main module keeps the story page, the front page (where a reader
//! goes next, and which must show offline before the service worker has
//! kept anything), the shell and the 404 page; each part is a module of
//! its own, fetched and linked in when first called.
//! Every other build (the prerender, the tests' wasm) compiles the parts
//! into the one program, and calling one only runs it.
//!
//! A route shows a split-off page with [`split_page`]: a `Suspend` that
//! waits for its part, then shows the page (or, if the part cannot be
//! fetched, the page as the host has it, or offline why not). The prerender records which part a
//! page showed ([`PartShown`]); the page carries its name, and the app
//! fetches that part before it takes the page over (`app::start`), so the
//! `Suspend` is ready at once and hydrates the page as it was rendered.

use super::fetched_view::{failed, ErrorPlacement};
use super::{
    ArchiveDayPage, ArchiveMonthPage, ArchivePage, ConfirmPage, CorrectionsPageView, EditionPage,
    EditionsPage, LivePostsPageView, NewsletterPage, OfflinePage, PrivacyPage, RemovedPage,
    SearchPage, SectionPage, SignedUpPage, TagKind, TagPage, UnsubscribePage,
};
use crate::api::{PageText, PageTextCodec};
use crate::components::{LiveFeedView, LiveParts, LiveStatus, StoryView};
use crate::live_updates::use_live_updates;
use crate::model::{document_title, ApiError, Article, LiveFeed};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// A page whose view is in a split-off part of the app.
#[derive(Debug, Clone, Copy)]
pub enum SplitPage {
    Section,
    Author,
    Topic,
    Corrections,
    LivePosts,
    Archive,
    ArchiveMonth,
    ArchiveDay,
    Privacy,
    Newsletter,
    CheckYourInbox,
    AlreadySignedUp,
    Confirm,
    Unsubscribe,
    Editions,
    Edition,
    Removed,
    /// Search, with the masthead's sections for its filter.
    Search(Resource<PageText, PageTextCodec>),
    Offline,
}

/// A split-off part of the app: the pages that are read together, or that
/// share most of their code, in one module the browser fetches at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppPart {
    /// Lists of stories: a section's, an author's, a topic's, and the
    /// corrections.
    Lists,
    /// A live page's status and posts, beside its story.
    Live,
    /// The pages of a live page's older posts.
    LivePosts,
    /// The archive, by month and day.
    Archive,
    /// The newsletter's pages and its editions.
    Newsletter,
    /// The privacy notice.
    Privacy,
    /// Search.
    Search,
    /// The notices the host or the service worker serve in place of a
    /// page: a withdrawn story, and a page not saved for reading offline.
    Notices,
    /// What every page does once the app has it, and not before it
    /// answers (the BREAKING ticker's rounds and headlines, sending a
    /// signup, what a story offers to read next…: `crate::after_start`).
    /// Asked for as the app starts (`app::start`).
    AfterStart,
}

impl AppPart {
    pub const ALL: [AppPart; 9] = [
        AppPart::Lists,
        AppPart::Live,
        AppPart::LivePosts,
        AppPart::Archive,
        AppPart::Newsletter,
        AppPart::Privacy,
        AppPart::Search,
        AppPart::Notices,
        AppPart::AfterStart,
    ];

    /// Its name, as a page carries it and as its module is named.
    pub fn name(self) -> &'static str {
        match self {
            AppPart::Lists => "lists",
            AppPart::Live => "live",
            AppPart::LivePosts => "live_posts",
            AppPart::Archive => "archive",
            AppPart::Newsletter => "newsletter",
            AppPart::Privacy => "privacy",
            AppPart::Search => "search",
            AppPart::Notices => "notices",
            AppPart::AfterStart => "after_start",
        }
    }

    pub fn named(name: &str) -> Option<AppPart> {
        AppPart::ALL.into_iter().find(|part| part.name() == name)
    }

    /// Fetches the part (once: later calls find it there), so that its
    /// pages then show at once.
    pub async fn fetch(self) -> Result<(), SplitLoaderError> {
        match self {
            AppPart::Lists => preload_lists().await,
            AppPart::Live => preload_live().await,
            AppPart::LivePosts => preload_live_posts().await,
            AppPart::Archive => preload_archive().await,
            AppPart::Newsletter => preload_newsletter().await,
            AppPart::Privacy => preload_privacy().await,
            AppPart::Search => preload_search().await,
            AppPart::Notices => preload_notices().await,
            AppPart::AfterStart => crate::after_start::preload_after_start().await,
        }
    }
}

impl AppPart {
    /// Starts fetching the part at once, in this task: a load's first
    /// poll asks for its files (`wasm_split_helpers`' loader), so they
    /// download while this task goes on (the app's start, taking the page
    /// over). It finishes in the background; whoever calls into the part
    /// then finds it there, or waits for the same load.
    #[cfg(feature = "hydrate")]
    pub fn start_fetching(self) {
        use std::task::{Context, Waker};
        let mut fetching = Box::pin(self.fetch());
        let asked = fetching
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()));
        // Not Leptos's executor: the app may not have set it up yet.
        if asked.is_pending() {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = fetching.await;
            });
        }
    }
}

impl SplitPage {
    /// The part of the app its view is in.
    pub fn part(self) -> AppPart {
        match self {
            SplitPage::Section | SplitPage::Author | SplitPage::Topic | SplitPage::Corrections => {
                AppPart::Lists
            }
            SplitPage::LivePosts => AppPart::LivePosts,
            SplitPage::Archive | SplitPage::ArchiveMonth | SplitPage::ArchiveDay => {
                AppPart::Archive
            }
            SplitPage::Newsletter
            | SplitPage::CheckYourInbox
            | SplitPage::AlreadySignedUp
            | SplitPage::Confirm
            | SplitPage::Unsubscribe
            | SplitPage::Editions
            | SplitPage::Edition => AppPart::Newsletter,
            SplitPage::Privacy => AppPart::Privacy,
            SplitPage::Search(_) => AppPart::Search,
            SplitPage::Removed | SplitPage::Offline => AppPart::Notices,
        }
    }

    /// Its view, once its part is here.
    async fn view(self) -> Result<AnyView, SplitLoaderError> {
        match self.part() {
            AppPart::Lists => lists(self).await,
            AppPart::LivePosts => live_posts(self).await,
            // Not pages of their own: `live_story` shows the live part,
            // and every page uses the other.
            AppPart::Live | AppPart::AfterStart => Ok(().into_any()),
            AppPart::Archive => archive(self).await,
            AppPart::Newsletter => newsletter(self).await,
            AppPart::Privacy => privacy(self).await,
            AppPart::Search => search(self).await,
            AppPart::Notices => notices(self).await,
        }
    }
}

/// Where the prerender learns which part of the app a page showed (none:
/// the page is in the app's main module).
#[derive(Debug, Clone, Default)]
pub struct PartShown(Arc<Mutex<Option<AppPart>>>);

impl PartShown {
    pub fn get(&self) -> Option<AppPart> {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn set(&self, part: AppPart) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(part);
    }
}

/// `page`, once its part of the app is here. If the part cannot be
/// fetched: offline (the newsletter's part, say, which the service worker
/// does not keep), why, with Try again and what can be read instead;
/// online (the host no longer has this build's parts, after a deploy), the
/// page is loaded from the host, with the app of its own build.
pub fn split_page(page: SplitPage) -> impl IntoView {
    in_part(page.part(), move || page.view())
}

/// A live page's story: the story with its status and posts, which are in
/// a part of the app of their own (as [`split_page`], which says what
/// happens if it cannot be fetched).
pub fn live_story(article: Article, url: String) -> impl IntoView {
    in_part(AppPart::Live, move || {
        let (article, url) = (article.clone(), url.clone());
        async move {
            let Some(feed) = article.live.clone() else {
                return Ok(view! { <StoryView article url/> }.into_any());
            };
            let page = LivePage {
                slug: article.slug.clone(),
                feed,
                document_title: document_title(&article.headline),
            };
            let live = live(page).await?;
            Ok(view! { <StoryView article url live/> }.into_any())
        }
    })
}

/// What `view` makes, once `part` is here.
fn in_part<F>(part: AppPart, view: impl Fn() -> F + Send + Sync + Clone + 'static) -> impl IntoView
where
    F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    if let Some(shown) = use_context::<PartShown>() {
        shown.set(part);
    }
    let attempt = RwSignal::new(0_u32);
    let retry = Callback::new(move |()| attempt.update(|count| *count += 1));
    move || {
        attempt.track();
        let view = view.clone();
        Suspend::new(send_wrapper::SendWrapper::new(async move {
            match view().await {
                Ok(view) => Either::Left(view),
                Err(_) if is_online() => {
                    load_from_host();
                    Either::Right(None)
                }
                Err(_) => Either::Right(Some(failed(
                    ApiError::Offline,
                    ErrorPlacement::ReplacesContent,
                    retry,
                ))),
            }
        }))
    }
}

fn is_online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

/// Loads the page at the address the reader is at from the host. Never a
/// loop: a page that starts finds its part fetched before it is taken over
/// (`app::start`), or stays as it was rendered.
fn load_from_host() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// One split-off part: `$name`, the function that shows its pages, and
/// `$preload`, which only fetches it. Split where the build splits; a plain
/// function elsewhere (the prerender, and wasm built without the split).
/// A part with more than one function, or used from another module, names
/// its module (`$part:`) and its functions' visibility at each; each
/// function has a preload of its own, as each has a loader of its own.
macro_rules! app_part {
    ($name:ident, $preload:ident, $($rest:tt)*) => {
        $crate::pages::split::app_part!($name: $name, preload $preload, $($rest)*);
    };
    ($part:ident: $vis:vis $name:ident, preload $preload:ident, |$arg:ident: $type:ty| -> $made:ty $view:block) => {
        #[cfg(any(news_portal_split, not(target_family = "wasm")))]
        #[::leptos::wasm_split::wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        $vis fn $name($arg: $type) -> Result<$made, ::leptos::wasm_split::SplitLoaderError> {
            let made: $made = $view;
            Ok(made)
        }

        #[cfg(all(not(news_portal_split), target_family = "wasm"))]
        $vis async fn $name($arg: $type) -> Result<$made, ::leptos::wasm_split::SplitLoaderError> {
            let made: $made = $view;
            Ok(made)
        }

        #[cfg(all(not(news_portal_split), target_family = "wasm"))]
        $vis async fn $preload() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
}
pub(crate) use app_part;

/// A live page, as the live part takes it: its slug, its feed and the
/// title the page's tab shows.
struct LivePage {
    slug: String,
    feed: LiveFeed,
    document_title: String,
}

app_part!(lists, preload_lists, |page: SplitPage| -> AnyView {
    match page {
        SplitPage::Author => view! { <TagPage kind=TagKind::Author/> }.into_any(),
        SplitPage::Topic => view! { <TagPage kind=TagKind::Topic/> }.into_any(),
        SplitPage::Corrections => view! { <CorrectionsPageView/> }.into_any(),
        _ => view! { <SectionPage/> }.into_any(),
    }
});

// A live page's status and posts, for its story (which the main module
// shows: it shows every other story too).
app_part!(live, preload_live, |page: LivePage| -> LiveParts {
    let live = use_live_updates(page.slug, page.feed, page.document_title);
    LiveParts {
        status: view! { <LiveStatus live/> }.into_any(),
        feed: view! { <LiveFeedView live/> }.into_any(),
    }
});

app_part!(
    live_posts,
    preload_live_posts,
    |_page: SplitPage| -> AnyView { view! { <LivePostsPageView/> }.into_any() }
);

app_part!(archive, preload_archive, |page: SplitPage| -> AnyView {
    match page {
        SplitPage::ArchiveMonth => view! { <ArchiveMonthPage/> }.into_any(),
        SplitPage::ArchiveDay => view! { <ArchiveDayPage/> }.into_any(),
        _ => view! { <ArchivePage/> }.into_any(),
    }
});

app_part!(
    newsletter,
    preload_newsletter,
    |page: SplitPage| -> AnyView {
        match page {
            SplitPage::CheckYourInbox => {
                view! { <SignedUpPage already_subscribed=false/> }.into_any()
            }
            SplitPage::AlreadySignedUp => {
                view! { <SignedUpPage already_subscribed=true/> }.into_any()
            }
            SplitPage::Confirm => view! { <ConfirmPage/> }.into_any(),
            SplitPage::Unsubscribe => view! { <UnsubscribePage/> }.into_any(),
            SplitPage::Editions => view! { <EditionsPage/> }.into_any(),
            SplitPage::Edition => view! { <EditionPage/> }.into_any(),
            _ => view! { <NewsletterPage/> }.into_any(),
        }
    }
);

app_part!(privacy, preload_privacy, |_page: SplitPage| -> AnyView {
    view! { <PrivacyPage/> }.into_any()
});

app_part!(search, preload_search, |page: SplitPage| -> AnyView {
    match page {
        SplitPage::Search(sections) => view! { <SearchPage sections/> }.into_any(),
        _ => ().into_any(),
    }
});

app_part!(notices, preload_notices, |page: SplitPage| -> AnyView {
    match page {
        SplitPage::Removed => view! { <RemovedPage/> }.into_any(),
        _ => view! { <OfflinePage/> }.into_any(),
    }
});
