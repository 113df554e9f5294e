//! The one way a page shows what it fetched: a placeholder while it loads,
//! then the page, or a notice saying why not with a way on.

use super::site_origin;
use crate::components::{Awaiting, ErrorNotice, PageMeta, Placeholder};
use crate::model::{ApiError, PageHead};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::future::{Future, IntoFuture};

/// Data a page can wait for and ask for again: a [`Resource`] (serialized
/// into a prerendered page, so the browser does not fetch it twice) or a
/// [`LocalResource`] (fetched only in the browser).
pub trait PageResource<T>: Copy + Send + Sync + 'static {
    fn loaded(self) -> impl Future<Output = Result<T, ApiError>> + Send + 'static;
    fn reload(self);
}

impl<T> PageResource<T> for Resource<Result<T, ApiError>>
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
{
    fn loaded(self) -> impl Future<Output = Result<T, ApiError>> + Send + 'static {
        self.into_future()
    }

    fn reload(self) {
        self.refetch();
    }
}

impl<T> PageResource<T> for LocalResource<Result<T, ApiError>>
where
    T: Clone + Send + Sync + 'static,
{
    fn loaded(self) -> impl Future<Output = Result<T, ApiError>> + Send + 'static {
        self.into_future()
    }

    fn reload(self) {
        self.refetch();
    }
}

/// Where a failure shows.
#[derive(Debug, Clone)]
pub enum Failure {
    /// In place of the whole page, head and all (a story that cannot be
    /// shown is titled by why); the page's path.
    ReplacesPage(String),
    /// In place of the page's content, under the page's own head.
    ReplacesContent,
    /// Under the page's own heading.
    UnderHeading,
}

/// Shows `data`: a placeholder while it loads, `page` with it, or an error
/// notice with Try again (where trying again could help).
pub fn fetched_view<T, R, V>(
    data: R,
    awaiting: Awaiting,
    failure: Failure,
    page: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Send + 'static,
    R: PageResource<T>,
    V: IntoView + 'static,
{
    let retry = Callback::new(move |()| data.reload());
    view! {
        <Suspense fallback=move || view! { <Placeholder awaiting/> }>
            {move || {
                let (page, failure) = (page.clone(), failure.clone());
                Suspend::new(async move {
                    match data.loaded().await {
                        Ok(value) => Either::Left(page(value)),
                        Err(error) => Either::Right(failed(error, failure, retry)),
                    }
                })
            }}
        </Suspense>
    }
}

fn failed(error: ApiError, failure: Failure, retry: Callback<()>) -> impl IntoView {
    match failure {
        Failure::ReplacesPage(path) => {
            let head = PageHead::error(&site_origin(), &path, error.title(), error.advice());
            EitherOf3::A(view! {
                <PageMeta head/>
                <ErrorNotice error on_retry=retry/>
            })
        }
        Failure::ReplacesContent => EitherOf3::B(view! { <ErrorNotice error on_retry=retry/> }),
        Failure::UnderHeading => {
            EitherOf3::C(view! { <ErrorNotice error on_retry=retry nested=true/> })
        }
    }
}
