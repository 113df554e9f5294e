//! What goes in a page's `<head>`: title, description, canonical URL, the
//! Open Graph and Twitter tags share previews read, and for a story its
//! times, section and the `NewsArticle` data search engines read. The head
//! itself is here; `tags` writes it as tags, `structured_data` as JSON-LD.

mod structured_data;
mod tags;

pub use tags::{document_title, HeadTag};

use super::{
    absolute, Article, Author, Correction, LeadImage, LiveFeed, Picture, SectionLink, Tag,
    Timestamp, Topic, SHARE_CARD, SITE_NAME,
};
use crate::routes::Route;

/// An image as a page's head names it: an absolute URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

impl ShareImage {
    fn of(picture: Picture, origin: &str) -> Self {
        ShareImage {
            url: absolute(origin, picture.path),
            width: picture.width,
            height: picture.height,
            alt: picture.alt.to_owned(),
        }
    }

    /// A story's lead image, at its largest.
    fn lead(image: &LeadImage, origin: &str) -> Self {
        let url = if image.src.starts_with("https://") {
            image.src.clone()
        } else {
            absolute(origin, &image.src)
        };
        ShareImage {
            url,
            width: image.width,
            height: image.height,
            alt: image.alt.clone(),
        }
    }
}

/// The head of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHead {
    /// The page's own title; the tab shows "<title> | Britain's News Portal".
    pub title: String,
    pub description: String,
    /// The canonical URL, absolute.
    pub url: String,
    pub image: ShareImage,
    /// What the page is: a story (`og:type` is then `article`), the front
    /// page, or another page.
    pub kind: PageKind,
    /// False for pages search engines should leave out (the 404 page, an
    /// error): `noindex`, and no canonical URL.
    pub indexable: bool,
    origin: String,
}

/// What a page is, to share previews and search engines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// A page of the site.
    Page,
    /// The front page, which describes the site (a schema.org `WebSite`).
    Site,
    /// A story (a schema.org `NewsArticle`).
    Story(ArticleHead),
}

/// What a story's head adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHead {
    pub headline: String,
    pub byline: String,
    /// Its named authors, each with a page (schema.org's `author.url`).
    pub authors: Vec<Tag>,
    pub published: Timestamp,
    pub modified: Timestamp,
    pub section: Option<String>,
    /// Its corrections, newest first (schema.org's `correction`).
    pub corrections: Vec<Correction>,
    /// A live page's coverage, for its `LiveBlogPosting`.
    pub live: Option<LiveHead>,
}

/// What a live page's head adds: when its coverage ran, and the posts it
/// shows first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveHead {
    pub ended: Option<Timestamp>,
    pub updates: Vec<LiveUpdate>,
}

/// One post, as search engines read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveUpdate {
    pub headline: String,
    pub published: Timestamp,
    pub modified: Timestamp,
    /// Its address: the page's, with `#post-<id>`.
    pub url: String,
}

impl LiveHead {
    fn of(feed: &LiveFeed, page_url: &str) -> Self {
        let updates = feed
            .view()
            .first_view()
            .map(|post| LiveUpdate {
                headline: post.label(),
                published: post.published,
                modified: post.modified(),
                url: format!("{page_url}#{}", post.anchor()),
            })
            .collect();
        LiveHead {
            ended: feed.ended,
            updates,
        }
    }
}

impl PageHead {
    /// The head of a page that is not a story, at `path` on `origin`.
    pub fn page(origin: &str, path: &str, title: &str, description: &str) -> Self {
        PageHead {
            title: title.to_owned(),
            description: description.to_owned(),
            url: absolute(origin, path),
            image: ShareImage::of(SHARE_CARD, origin),
            kind: PageKind::Page,
            indexable: true,
            origin: origin.to_owned(),
        }
    }

    /// A page for one reader (where a link in their email leads): not for
    /// indexing.
    pub fn private(origin: &str, path: &str, title: &str, description: &str) -> Self {
        PageHead {
            indexable: false,
            ..PageHead::page(origin, path, title, description)
        }
    }

    /// A page that says something could not be shown: not for indexing.
    pub fn error(origin: &str, path: &str, title: &str, description: &str) -> Self {
        PageHead::private(origin, path, title, description)
    }

    /// The front page: a page, with the site described for search engines.
    pub fn front_page(origin: &str) -> Self {
        PageHead {
            kind: PageKind::Site,
            ..PageHead::page(
                origin,
                "/",
                "Latest news",
                "The latest news from across Britain, around the clock.",
            )
        }
    }

    /// An edition of the newsletter on the web.
    pub fn edition(origin: &str, edition: &crate::model::Edition) -> Self {
        PageHead::page(
            origin,
            &Route::Edition(edition.date.clone()).path(),
            &format!(
                "{}: the newsletter, {}",
                edition.subject,
                super::long_date(&edition.date)
            ),
            &format!(
                "{SITE_NAME}'s morning newsletter for {}: {}",
                super::long_date(&edition.date),
                edition
                    .stories
                    .iter()
                    .map(|story| story.headline.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )
    }

    /// The list of editions, or one of its numbered pages.
    pub fn editions(origin: &str, page: Option<u32>) -> Self {
        let title = match page {
            None => "The newsletter: every edition".to_owned(),
            Some(page) => format!("The newsletter: older editions, page {page}"),
        };
        PageHead::page(
            origin,
            &Route::Editions { page }.path(),
            &title,
            &format!(
                "Every edition of {SITE_NAME}'s morning newsletter, newest first: the stories that mattered each weekday."
            ),
        )
    }

    /// A section's own page (its newest stories), or with `page`, a page
    /// of its older stories, which `span` dates ("3 to 5 November 2026").
    pub fn section(
        origin: &str,
        section: &SectionLink,
        page: Option<u32>,
        span: Option<&str>,
    ) -> Self {
        let route = Route::Section {
            slug: section.slug.clone(),
            page,
        };
        let name = &section.name;
        let span = span.map(|span| format!(", {span}")).unwrap_or_default();
        PageHead::list_of_stories(
            origin,
            &route,
            page,
            name,
            format!("The latest {name} stories from {SITE_NAME}, newest first."),
            format!("{name} stories from {SITE_NAME}{span}, newest first."),
        )
    }

    /// An author's page (`Route::Author`): who they are, and their stories.
    pub fn author(origin: &str, author: &Author, page: Option<u32>) -> Self {
        let route = Route::Author {
            id: author.id.clone(),
            page,
        };
        let name = &author.name;
        let role = if author.role.trim().is_empty() {
            String::new()
        } else {
            format!(", {}", author.role.trim())
        };
        PageHead::list_of_stories(
            origin,
            &route,
            page,
            name,
            format!("Stories by {name}{role} at {SITE_NAME}, newest first."),
            format!("Older stories by {name} at {SITE_NAME}, newest first."),
        )
    }

    /// A topic's page (`Route::Topic`): its stories across sections.
    pub fn topic(origin: &str, topic: &Topic, page: Option<u32>) -> Self {
        let route = Route::Topic {
            id: topic.id.clone(),
            page,
        };
        let name = &topic.name;
        PageHead::list_of_stories(
            origin,
            &route,
            page,
            name,
            format!("The latest on {name} from {SITE_NAME}, newest first."),
            format!("Older stories on {name} from {SITE_NAME}, newest first."),
        )
    }

    /// A paged list of stories named `name` at `route`: its own page (no
    /// `page`; the newest, described as `newest`) or a numbered page of
    /// older ones (titled so, and described as `older`).
    fn list_of_stories(
        origin: &str,
        route: &Route,
        page: Option<u32>,
        name: &str,
        newest: String,
        older: String,
    ) -> Self {
        match page {
            None => PageHead::page(origin, &route.path(), name, &newest),
            Some(page) => PageHead::page(
                origin,
                &route.path(),
                &format!("{name}: older stories, page {page}"),
                &older,
            ),
        }
    }

    /// The corrections page (`Route::Corrections`), or one of its numbered
    /// pages.
    pub fn corrections(origin: &str, page: Option<u32>) -> Self {
        let title = match page {
            None => "Corrections and clarifications".to_owned(),
            Some(page) => format!("Corrections and clarifications: older, page {page}"),
        };
        PageHead::page(
            origin,
            &Route::Corrections { page }.path(),
            &title,
            &format!("Every correction {SITE_NAME} has made to its stories, dated, newest first."),
        )
    }

    /// A page of a live page's posts (`Route::LivePosts`).
    pub fn live_posts(origin: &str, slug: &str, page: &super::LivePostsPage) -> Self {
        let route = Route::LivePosts {
            slug: slug.to_owned(),
            page: page.number,
        };
        let headline = &page.headline;
        PageHead::page(
            origin,
            &route.path(),
            &format!("{headline}: posts, page {}", page.number),
            &format!(
                "Posts from {SITE_NAME}'s live page \"{headline}\", page {} from the oldest, newest first.",
                page.number
            ),
        )
    }

    /// A story's head, with its times, section and `NewsArticle` data.
    pub fn story(origin: &str, article: &Article) -> Self {
        let modified = article
            .updated_after_publication()
            .unwrap_or(article.published);
        let url = absolute(origin, &Route::Story(article.slug.clone()).path());
        let live = article.live.as_ref().map(|feed| LiveHead::of(feed, &url));
        PageHead {
            title: article.headline.clone(),
            description: article.description().to_owned(),
            url,
            image: match &article.image {
                Some(image) => ShareImage::lead(image, origin),
                None => ShareImage::of(SHARE_CARD, origin),
            },
            kind: PageKind::Story(ArticleHead {
                headline: article.headline.clone(),
                byline: article.byline.clone(),
                authors: article.authors.clone(),
                published: article.published,
                modified,
                section: article.section.clone(),
                corrections: article.corrections.clone(),
                live,
            }),
            indexable: true,
            origin: origin.to_owned(),
        }
    }

    /// A story's own part of its head.
    pub fn article(&self) -> Option<&ArticleHead> {
        match &self.kind {
            PageKind::Story(article) => Some(article),
            PageKind::Page | PageKind::Site => None,
        }
    }

    /// `og:type`.
    pub fn og_type(&self) -> &'static str {
        if self.article().is_some() {
            "article"
        } else {
            "website"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DEFAULT_BYLINE;
    use serde_json::{json, Value};

    const ORIGIN: &str = "https://www.example.co.uk";

    fn article() -> Article {
        Article::from_json(
            &json!({
                "slug": "a-story",
                "headline": "Fares </script> & <b>more</b>",
                "standfirst": "What happened.",
                "byline": "Jane Smith",
                "section": "Business",
                "published": "2026-11-26T08:15:00Z",
                "updated": "2026-11-26T10:40:00Z",
                "body": [{ "type": "paragraph", "text": "Words." }]
            })
            .to_string(),
        )
        .unwrap()
        .value
    }

    fn parsed(head: &PageHead) -> Value {
        serde_json::from_str(&head.structured_data().unwrap()).unwrap()
    }

    #[test]
    fn a_story_head_names_the_story_its_times_and_section() {
        let head = PageHead::story(ORIGIN, &article());
        assert_eq!(head.og_type(), "article");
        assert_eq!(head.url, "https://www.example.co.uk/news/a-story");
        assert_eq!(head.description, "What happened.");
        let article_head = head.article().unwrap();
        assert_eq!(article_head.published.to_rfc3339(), "2026-11-26T08:15:00Z");
        assert_eq!(article_head.modified.to_rfc3339(), "2026-11-26T10:40:00Z");
        assert_eq!(article_head.section.as_deref(), Some("Business"));
        assert_eq!(head.image.url, "https://www.example.co.uk/share-card.png");
        assert_eq!((head.image.width, head.image.height), (1200, 630));
    }

    #[test]
    fn a_corrected_story_gives_search_engines_each_correction_and_its_time_as_modified() {
        let mut story =
            serde_json::from_str::<Value>(&serde_json::to_string(&article()).unwrap()).unwrap();
        story["corrections"] = json!([
            { "at": "2026-11-26T12:00:00Z", "text": "The fare rise is 4.6%, not 6.4%." },
            { "at": "2026-11-27T09:30:00Z", "text": "The minister is Jane Doe." }
        ]);
        let corrected = Article::from_json(&story.to_string()).unwrap().value;
        let data = parsed(&PageHead::story(ORIGIN, &corrected));
        assert_eq!(data["dateModified"], "2026-11-27T09:30:00Z");
        assert_eq!(
            data["correction"],
            json!([
                { "@type": "CorrectionComment", "text": "The minister is Jane Doe.", "datePublished": "2026-11-27T09:30:00Z" },
                { "@type": "CorrectionComment", "text": "The fare rise is 4.6%, not 6.4%.", "datePublished": "2026-11-26T12:00:00Z" }
            ])
        );
        // A story never corrected says nothing of corrections.
        assert!(parsed(&PageHead::story(ORIGIN, &article()))
            .get("correction")
            .is_none());
    }

    #[test]
    fn a_story_is_described_to_search_engines_as_a_news_article() {
        let data = parsed(&PageHead::story(ORIGIN, &article()));
        assert_eq!(data["@context"], "https://schema.org");
        assert_eq!(data["@type"], "NewsArticle");
        assert_eq!(data["headline"], "Fares </script> & <b>more</b>");
        assert_eq!(data["datePublished"], "2026-11-26T08:15:00Z");
        assert_eq!(data["dateModified"], "2026-11-26T10:40:00Z");
        assert_eq!(data["author"][0]["@type"], "Person");
        assert_eq!(data["author"][0]["name"], "Jane Smith");
        assert_eq!(data["publisher"]["name"], SITE_NAME);
        assert_eq!(
            data["publisher"]["logo"]["url"],
            "https://www.example.co.uk/logo.png"
        );
        assert_eq!(data["image"][0], "https://www.example.co.uk/share-card.png");
        assert_eq!(
            data["mainEntityOfPage"]["@id"],
            "https://www.example.co.uk/news/a-story"
        );
        assert_eq!(data["articleSection"], "Business");
        assert_eq!(data["isAccessibleForFree"], true);
    }

    #[test]
    fn a_story_with_a_lead_image_shares_it() {
        let mut story = article();
        story.image = Some(
            crate::model::LeadImage::from_json(
                r#"{"src":"/images/a-1280.webp","alt":"Wind over hills","width":1280,"height":720}"#,
            )
            .unwrap(),
        );
        let head = PageHead::story(ORIGIN, &story);
        assert_eq!(
            head.image.url,
            "https://www.example.co.uk/images/a-1280.webp"
        );
        assert_eq!((head.image.width, head.image.height), (1280, 720));
        assert_eq!(head.image.alt, "Wind over hills");
        assert_eq!(parsed(&head)["image"][0], head.image.url.as_str());
        let html = head.to_html();
        assert!(html.contains(
            r#"<meta property="og:image" content="https://www.example.co.uk/images/a-1280.webp">"#
        ));
        assert!(html.contains(r#"<meta property="og:image:alt" content="Wind over hills">"#));

        story.image.as_mut().unwrap().src = "https://images.example.com/a.webp".into();
        let head = PageHead::story(ORIGIN, &story);
        assert_eq!(head.image.url, "https://images.example.com/a.webp");
    }

    #[test]
    fn a_section_page_has_its_own_title_description_and_address() {
        let london = SectionLink::named("London").unwrap();
        let head = PageHead::section(ORIGIN, &london, None, None);
        assert_eq!(head.document_title(), "London | Britain's News Portal");
        assert_eq!(head.url, "https://www.example.co.uk/section/london");
        assert!(head.description.contains("London stories"));
        assert!(head.indexable);
        assert_eq!(head.og_type(), "website");
        let older = PageHead::section(ORIGIN, &london, Some(12), Some("3 to 5 November 2026"));
        assert_eq!(
            older.document_title(),
            "London: older stories, page 12 | Britain's News Portal"
        );
        assert_eq!(
            older.url,
            "https://www.example.co.uk/section/london/page/12"
        );
        assert!(older.description.contains("3 to 5 November 2026"));
    }

    #[test]
    fn structured_data_cannot_close_its_script_element() {
        let text = PageHead::story(ORIGIN, &article())
            .structured_data()
            .unwrap();
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(text.contains("\\u003c/script\\u003e"));
    }

    #[test]
    fn a_desk_byline_is_the_organisation_and_a_story_without_update_was_modified_when_published() {
        let mut story = article();
        story.byline = format!("{DEFAULT_BYLINE} London desk");
        story.updated = None;
        let head = PageHead::story(ORIGIN, &story);
        let data = parsed(&head);
        assert_eq!(data["author"][0]["@type"], "Organization");
        assert_eq!(data["dateModified"], data["datePublished"]);
        assert_eq!(head.article().unwrap().modified, story.published);
    }

    #[test]
    fn the_front_page_describes_the_site() {
        let head = PageHead::front_page("https://www.example.co.uk/");
        assert_eq!(head.url, "https://www.example.co.uk/");
        assert_eq!(head.og_type(), "website");
        let data = parsed(&head);
        assert_eq!(data["@type"], "WebSite");
        assert_eq!(data["url"], "https://www.example.co.uk/");
        assert_eq!(data["publisher"]["@type"], "NewsMediaOrganization");
    }

    #[test]
    fn error_pages_are_kept_out_of_search_engines() {
        let head = PageHead::error(ORIGIN, "/404", "Page not found", "Gone.");
        assert!(!head.indexable);
        assert!(PageHead::page(ORIGIN, "/privacy", "Privacy", "P.").indexable);
        assert!(PageHead::story(ORIGIN, &article()).indexable);
    }

    #[test]
    fn the_head_as_html_escapes_what_it_carries() {
        let html = PageHead::story(ORIGIN, &article()).to_html();
        assert!(
            html.starts_with(
                "<title>Fares &lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt; | Britain&#39;s News Portal</title>"
            ),
            "{html}"
        );
        assert!(html.contains(r#"<meta property="og:title" content="Fares &lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;">"#));
        assert_eq!(html.matches("<script").count(), 1);
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(html.contains(r#"<script type="application/ld+json">{"@context""#));
    }

    #[test]
    fn a_page_for_indexing_has_a_canonical_url_and_an_error_page_has_noindex() {
        let names = |head: &PageHead| -> Vec<String> {
            head.tags()
                .iter()
                .map(|tag| {
                    format!(
                        "{}:{}",
                        tag.name,
                        tag.attributes.first().map(|a| a.1.as_str()).unwrap_or("")
                    )
                })
                .collect()
        };
        let page = names(&PageHead::page(ORIGIN, "/privacy", "Privacy", "P."));
        assert!(page.contains(&"link:canonical".to_owned()));
        assert!(!page.contains(&"meta:robots".to_owned()));
        let error = names(&PageHead::error(ORIGIN, "/404", "Page not found", "Gone."));
        assert!(error.contains(&"meta:robots".to_owned()));
        assert!(!error.contains(&"link:canonical".to_owned()));
    }

    #[test]
    fn every_page_names_the_feeds() {
        for head in [
            PageHead::front_page(ORIGIN),
            PageHead::story(ORIGIN, &article()),
            PageHead::error(ORIGIN, "/404", "Page not found", "Gone."),
        ] {
            let feeds: Vec<_> = head
                .tags()
                .into_iter()
                .filter(|tag| tag.attributes.first() == Some(&("rel", "alternate".into())))
                .map(|tag| tag.attributes[3].1.clone())
                .collect();
            assert_eq!(
                feeds,
                [
                    "https://www.example.co.uk/feed.xml",
                    "https://www.example.co.uk/atom.xml"
                ]
            );
        }
    }

    #[test]
    fn urls_join_whatever_slashes_they_bring() {
        for (origin, path) in [
            ("https://a.example", "/x"),
            ("https://a.example/", "/x"),
            ("https://a.example/", "x"),
        ] {
            assert_eq!(absolute(origin, path), "https://a.example/x");
        }
    }
}
