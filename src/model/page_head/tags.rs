//! A page's head as tags: what the prerender writes as HTML, and the
//! browser writes into the document after a client-side navigation.

use super::PageHead;
use crate::model::{absolute, escape_markup, SITE_NAME};

/// One element of a page's head: what the prerender writes as HTML and
/// the browser writes into the document after a client-side navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadTag {
    pub name: &'static str,
    pub attributes: Vec<(&'static str, String)>,
    /// The text inside (`<title>`, structured data); `None` for void tags.
    pub text: Option<String>,
}

impl HeadTag {
    fn meta(key: &'static str, name: &str, content: impl Into<String>) -> Self {
        HeadTag {
            name: "meta",
            attributes: vec![(key, name.to_owned()), ("content", content.into())],
            text: None,
        }
    }

    /// The tag as HTML, its attributes and text escaped.
    pub fn to_html(&self) -> String {
        let mut html = format!("<{}", self.name);
        for (name, value) in &self.attributes {
            html.push_str(&format!(" {name}=\"{}\"", escape_markup(value)));
        }
        html.push('>');
        if let Some(text) = &self.text {
            if self.name == "script" {
                // Script text is not decoded: it goes in as it is (structured
                // data is made free of `<`, `>` and `&`).
                html.push_str(text);
            } else {
                html.push_str(&escape_markup(text));
            }
            html.push_str(&format!("</{}>", self.name));
        }
        html
    }
}

/// What the tab shows for a page titled `title`: "<title> | Britain's News
/// Portal".
pub fn document_title(title: &str) -> String {
    format!("{title} | {SITE_NAME}")
}

impl PageHead {
    /// What the tab shows: "<title> | Britain's News Portal".
    pub fn document_title(&self) -> String {
        document_title(&self.title)
    }

    /// Every element of the head, in order, but for the structured data
    /// (see [`PageHead::to_html`]).
    pub fn tags(&self) -> Vec<HeadTag> {
        let property = |name: &str, content: String| HeadTag::meta("property", name, content);
        let mut tags = vec![
            HeadTag {
                name: "title",
                attributes: Vec::new(),
                text: Some(self.document_title()),
            },
            HeadTag::meta("name", "description", self.description.clone()),
        ];
        if self.indexable {
            tags.push(HeadTag {
                name: "link",
                attributes: vec![("rel", "canonical".into()), ("href", self.url.clone())],
                text: None,
            });
        } else {
            tags.push(HeadTag::meta("name", "robots", "noindex"));
        }
        for (kind, file) in [
            ("application/rss+xml", "/feed.xml"),
            ("application/atom+xml", "/atom.xml"),
        ] {
            tags.push(HeadTag {
                name: "link",
                attributes: vec![
                    ("rel", "alternate".into()),
                    ("type", kind.into()),
                    ("title", SITE_NAME.into()),
                    ("href", absolute(&self.origin, file)),
                ],
                text: None,
            });
        }
        tags.extend([
            property("og:site_name", SITE_NAME.into()),
            property("og:locale", "en_GB".into()),
            property("og:type", self.og_type().into()),
            property("og:title", self.title.clone()),
            property("og:description", self.description.clone()),
            property("og:url", self.url.clone()),
            property("og:image", self.image.url.clone()),
            property("og:image:width", self.image.width.to_string()),
            property("og:image:height", self.image.height.to_string()),
            property("og:image:alt", self.image.alt.clone()),
            HeadTag::meta("name", "twitter:card", "summary_large_image"),
        ]);
        if let Some(article) = self.article() {
            tags.push(property(
                "article:published_time",
                article.published.to_rfc3339(),
            ));
            tags.push(property(
                "article:modified_time",
                article.modified.to_rfc3339(),
            ));
            if let Some(section) = &article.section {
                tags.push(property("article:section", section.clone()));
            }
        }
        tags
    }

    /// The head as HTML, for the prerendered page, structured data and all.
    pub fn to_html(&self) -> String {
        let mut tags = self.tags();
        if let Some(json) = self.structured_data() {
            tags.push(HeadTag {
                name: "script",
                attributes: vec![("type", "application/ld+json".into())],
                text: Some(json),
            });
        }
        tags.iter().map(HeadTag::to_html).collect()
    }
}
