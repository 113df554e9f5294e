//! The one way a page shows what it fetched: a placeholder while it loads,
//! then the page, or a notice saying why not with a way on.

use super::{content, site_origin, SavedForOffline};
use crate::api::{PageData, PageText, PageTextCodec};
use crate::components::{Awaiting, ErrorNotice, PageMeta, Placeholder};
use crate::connection::ConnectionHandle;
use crate::model::{ApiError, PageHead, SectionLink, SectionList};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use std::future::{Future, IntoFuture};
use std::sync::Arc;

/// A page's data as it can be waited for and asked for again: a
/// [`Resource`] (serialized into a prerendered page, so the browser does
/// not fetch it twice) or a [`LocalResource`] (fetched only in the
/// browser), of the file's text ([`PageText`]).
pub trait PageResource: Copy + Send + Sync + 'static {
    fn loaded(self) -> impl Future<Output = PageText> + Send + 'static;
    fn reload(self);
}

impl PageResource for Resource<PageText, PageTextCodec> {
    fn loaded(self) -> impl Future<Output = PageText> + Send + 'static {
        self.into_future()
    }

    fn reload(self) {
        self.refetch();
    }
}

impl PageResource for LocalResource<PageText> {
    fn loaded(self) -> impl Future<Output = PageText> + Send + 'static {
        self.into_future()
    }

    fn reload(self) {
        self.refetch();
    }
}

/// The resource of the file of page data `data` names, read through the
/// app's [`Content`](crate::context::Content). One function for every page,
/// so the wasm has one copy of a resource's machinery. Read again when the
/// connection comes back; whether the page's own data is a copy this
/// device saved (shown offline) or the site's answer is reported to the
/// connection.
pub fn page_resource(data: PageData) -> Resource<PageText, PageTextCodec> {
    let content = content();
    let connection = use_context::<ConnectionHandle>().filter(|_| data.is_pages_own());
    if let Some(connection) = connection {
        connection.moved_on();
    }
    let refreshed = move || connection.map(|connection| connection.refreshed.get());
    let fetch = move |_| {
        let (data, content) = (data.clone(), content.clone());
        async move {
            let file = data.read(content).await?;
            match (connection, file.saved_at) {
                (Some(connection), Some(at)) => connection.showing_saved_copy(at),
                (Some(connection), None) => connection.showing_fresh_copy(),
                (None, _) => {}
            }
            Ok(file.text)
        }
    };
    Resource::new_with_options(refreshed, fetch, false)
}

/// The sections the masthead lists, once their resource has read them:
/// none if they could not be read (the masthead then offers the front
/// page alone).
pub async fn sections_of(sections: Resource<PageText, PageTextCodec>) -> Vec<SectionLink> {
    sections
        .await
        .and_then(|text| PageData::sections().decode(&text, SectionList::from_json))
        .map(|list| list.sections)
        .unwrap_or_default()
}

/// Where a failure shows.
#[derive(Debug, Clone)]
pub enum ErrorPlacement {
    /// In place of the whole page, head and all (a story that cannot be
    /// shown is titled by why); the page's path.
    ReplacesPage(String),
    /// In place of the page's content, under the page's own head.
    ReplacesContent,
    /// Under the page's own heading.
    UnderHeading,
}

/// Shows `data`: a placeholder while it loads, `page` with it once
/// `decode` has made it the page's value, or an error notice with Try
/// again (where trying again could help).
pub fn fetched_view<T, V>(
    data: impl PageResource,
    decode: impl Fn(&str) -> Result<T, ApiError> + Send + Sync + 'static,
    awaiting: Awaiting,
    failure: ErrorPlacement,
    page: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    V: IntoView + 'static,
{
    let shown: PageOfText =
        Arc::new(move |text: &str| decode(text).map(|value| page(value).into_any()));
    suspended(data, awaiting, failure, shown)
}

/// What a page shows of its file's text, or why it cannot: one type for
/// every page, so that the wasm has one copy of the waiting below (each
/// page's own would be 3 to 12 kB).
type PageOfText = Arc<dyn Fn(&str) -> Result<AnyView, ApiError> + Send + Sync>;

fn suspended(
    data: impl PageResource,
    awaiting: Awaiting,
    failure: ErrorPlacement,
    shown: PageOfText,
) -> impl IntoView {
    let retry = Callback::new(move |()| data.reload());
    view! {
        <Suspense fallback=move || view! { <Placeholder awaiting/> }>
            {move || {
                let (shown, failure) = (shown.clone(), failure.clone());
                Suspend::new(async move {
                    match data.loaded().await.and_then(|text| shown(&text)) {
                        Ok(page) => Either::Left(page),
                        Err(error) => Either::Right(failed(error, failure, retry)),
                    }
                })
            }}
        </Suspense>
    }
}

/// Why `failure`'s page cannot show, with Try again where it could help,
/// and, offline, what can be read instead.
pub(super) fn failed(
    error: ApiError,
    failure: ErrorPlacement,
    retry: Callback<()>,
) -> impl IntoView {
    // Offline, what can be read instead.
    let saved = (error == ApiError::Offline).then(|| view! { <SavedForOffline/> });
    let notice = match failure {
        ErrorPlacement::ReplacesPage(path) => {
            let head = PageHead::error(&site_origin(), &path, error.title(), error.advice());
            EitherOf3::A(view! {
                <PageMeta head/>
                <ErrorNotice error on_retry=retry/>
            })
        }
        ErrorPlacement::ReplacesContent => {
            EitherOf3::B(view! { <ErrorNotice error on_retry=retry/> })
        }
        ErrorPlacement::UnderHeading => {
            EitherOf3::C(view! { <ErrorNotice error on_retry=retry nested=true/> })
        }
    };
    (notice, saved)
}
