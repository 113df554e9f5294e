//! What a page is to search engines, as schema.org JSON-LD: a story is a
//! `NewsArticle`, the front page the `WebSite`. Written only into
//! prerendered HTML, which is where search engines read it.

use super::{PageHead, PageKind};
use crate::model::{absolute, DEFAULT_BYLINE, LOGO, SITE_NAME};
use crate::routes::Route;
use serde::Serialize;

impl PageHead {
    /// The page's JSON-LD, escaped for a `<script>` element.
    pub fn structured_data(&self) -> Option<String> {
        let origin = self.origin.as_str();
        Some(match &self.kind {
            PageKind::Page => return None,
            PageKind::Site => script_json(&WebSiteLd {
                context: "https://schema.org",
                kind: "WebSite",
                name: SITE_NAME,
                url: &self.url,
                publisher: publisher(origin),
            }),
            PageKind::Story(article) => script_json(&NewsArticleLd {
                context: "https://schema.org",
                kind: if article.live.is_some() {
                    "LiveBlogPosting"
                } else {
                    "NewsArticle"
                },
                headline: &article.headline,
                description: &self.description,
                date_published: article.published.to_rfc3339(),
                date_modified: article.modified.to_rfc3339(),
                author: if article.authors.is_empty() {
                    vec![author(&article.byline, origin)]
                } else {
                    article
                        .authors
                        .iter()
                        .map(|tag| PartyLd {
                            kind: "Person",
                            name: tag.label(),
                            url: Some(absolute(
                                origin,
                                &Route::Author {
                                    id: tag.id.clone(),
                                    page: None,
                                }
                                .path(),
                            )),
                        })
                        .collect()
                },
                publisher: publisher(origin),
                image: vec![&self.image.url],
                main_entity_of_page: WebPageLd {
                    kind: "WebPage",
                    id: &self.url,
                },
                article_section: article.section.as_deref(),
                correction: article
                    .corrections
                    .iter()
                    .map(|correction| CorrectionCommentLd {
                        kind: "CorrectionComment",
                        text: &correction.text,
                        date_published: correction.at.to_rfc3339(),
                    })
                    .collect(),
                is_accessible_for_free: true,
                coverage_start_time: article
                    .live
                    .as_ref()
                    .map(|_| article.published.to_rfc3339()),
                coverage_end_time: article
                    .live
                    .as_ref()
                    .and_then(|live| live.ended)
                    .map(|ended| ended.to_rfc3339()),
                live_blog_update: article.live.as_ref().map(|live| {
                    live.updates
                        .iter()
                        .map(|update| BlogPostingLd {
                            kind: "BlogPosting",
                            headline: &update.headline,
                            date_published: update.published.to_rfc3339(),
                            date_modified: update.modified.to_rfc3339(),
                            url: &update.url,
                        })
                        .collect()
                }),
            }),
        })
    }
}

/// JSON for inside `<script type="application/ld+json">`: nothing in it
/// can close the element or be read as markup (`<`, `>` and `&` escaped as
/// JSON allows).
fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[derive(Serialize)]
struct NewsArticleLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "dateModified")]
    date_modified: String,
    author: Vec<PartyLd<'a>>,
    publisher: OrganizationLd,
    image: Vec<&'a str>,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: WebPageLd<'a>,
    #[serde(rename = "articleSection", skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    /// What was put right since publication, newest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<CorrectionCommentLd<'a>>,
    #[serde(rename = "isAccessibleForFree")]
    is_accessible_for_free: bool,
    /// A live page's (a `LiveBlogPosting`'s) own.
    #[serde(rename = "coverageStartTime", skip_serializing_if = "Option::is_none")]
    coverage_start_time: Option<String>,
    #[serde(rename = "coverageEndTime", skip_serializing_if = "Option::is_none")]
    coverage_end_time: Option<String>,
    #[serde(rename = "liveBlogUpdate", skip_serializing_if = "Option::is_none")]
    live_blog_update: Option<Vec<BlogPostingLd<'a>>>,
}

#[derive(Serialize)]
struct CorrectionCommentLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
    #[serde(rename = "datePublished")]
    date_published: String,
}

#[derive(Serialize)]
struct BlogPostingLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "dateModified")]
    date_modified: String,
    url: &'a str,
}

#[derive(Serialize)]
struct WebSiteLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
    url: &'a str,
    publisher: OrganizationLd,
}

#[derive(Serialize)]
struct WebPageLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
}

#[derive(Serialize)]
struct PartyLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct OrganizationLd {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
    url: String,
    logo: ImageLd,
}

#[derive(Serialize)]
struct ImageLd {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    width: u32,
    height: u32,
}

fn publisher(origin: &str) -> OrganizationLd {
    OrganizationLd {
        kind: "NewsMediaOrganization",
        name: SITE_NAME,
        url: absolute(origin, "/"),
        logo: ImageLd {
            kind: "ImageObject",
            url: absolute(origin, LOGO.path),
            width: LOGO.width,
            height: LOGO.height,
        },
    }
}

/// A byline as schema.org reads it: one of the site's desks is the
/// organisation itself; anyone else is a person.
fn author<'a>(byline: &'a str, origin: &str) -> PartyLd<'a> {
    if byline.starts_with(DEFAULT_BYLINE) {
        PartyLd {
            kind: "Organization",
            name: byline,
            url: Some(absolute(origin, "/")),
        }
    } else {
        PartyLd {
            kind: "Person",
            name: byline,
            url: None,
        }
    }
}
