use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The head of a page: its tab title, description, canonical URL and the
/// Open Graph tags that make share previews.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    /// The page's canonical URL.
    #[prop(into)]
    url: String,
    /// Open Graph type: `article` for stories, `website` otherwise.
    #[prop(default = "website")]
    kind: &'static str,
) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=url.clone()/>
        <Meta property="og:type" content=kind/>
        <Meta property="og:site_name" content=crate::config::SITE_NAME/>
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=url/>
        <Meta name="twitter:card" content="summary"/>
    }
}
