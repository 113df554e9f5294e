//! The site the stories make: which lists there are, what each holds and
//! links to. Plain data, derived from the stories' records alone, so a
//! full build and a one-story publish derive the same site.
//!
//! No page grows with the archive. The front page holds the newest
//! stories; a section's own page its newest stories down to the last full
//! page (at least `page_size`, fewer than twice that), and its older
//! stories numbered pages of `page_size` each, page 1 the oldest. Pages are
//! cut from the oldest story on, and a withdrawn story keeps its place (it
//! is only not shown), so publishing a story changes the section's own
//! page and, once in `page_size` stories, adds one numbered page; it never
//! moves a story from one numbered page to another. The archive by date
//! (every month, every day) reaches every story by links.

use super::records::{oldest_first, StoryRecord};
use super::tags::Tags;
use super::Settings;
use crate::model::{
    ArchiveIndex, ArchiveMonth, ArticleSummary, Author, DateCount, ReadNextSource, SectionLink,
    SectionList, SectionNewest, StoryIndex, StoryLink, Topic,
};
use crate::routes::{Day, Month, Route};
use std::collections::{BTreeMap, HashMap};

/// A page listing stories, newest first: the front page, a page of a
/// section, a day of the archive.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub route: Route,
    /// The section's name, on a section's pages.
    pub section: Option<String>,
    /// The author or topic, on its pages.
    pub about: About,
    /// The stories shown, as indexes into [`Site::records`], newest first.
    pub stories: Vec<usize>,
    pub newer: Option<Route>,
    pub older: Option<Route>,
}

impl Listing {
    /// The listing as its JSON says it.
    pub fn index(&self, records: &[StoryRecord]) -> StoryIndex {
        StoryIndex {
            section: self.section.clone(),
            author: match &self.about {
                About::Author(author) => Some(author.clone()),
                _ => None,
            },
            topic: match &self.about {
                About::Topic(topic) => Some(topic.clone()),
                _ => None,
            },
            articles: self
                .stories
                .iter()
                .filter_map(|at| records.get(*at))
                .map(|record| record.summary.clone())
                .collect(),
            newer: self.newer.as_ref().map(Route::path),
            older: self.older.as_ref().map(Route::path),
        }
    }

    /// A fingerprint of what the listing shows, from its stories' records:
    /// it changes exactly when the page would.
    pub fn fingerprint(&self, records: &[StoryRecord]) -> u64 {
        let mut key = format!(
            "{}|{:?}|{:?}|{:?}|{:?}",
            self.route,
            self.section,
            self.about,
            self.newer.as_ref().map(Route::path),
            self.older.as_ref().map(Route::path)
        );
        for record in self.stories.iter().filter_map(|at| records.get(*at)) {
            key.push_str(&format!("|{:x}", record.listed));
        }
        super::records::fingerprint(key.as_bytes())
    }
}

/// Whom or what a listing is about, besides its section: its JSON
/// describes them.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum About {
    #[default]
    Nothing,
    Author(Author),
    Topic(Topic),
}

/// Everything the stories make, but the pages' HTML.
#[derive(Debug, Clone)]
pub struct Site {
    /// Every story, withdrawn ones too, oldest first.
    pub records: Vec<StoryRecord>,
    /// The stories the site shows, newest first (indexes into `records`).
    pub newest: Vec<usize>,
    /// The sections with a story, as the masthead lists them.
    pub sections: SectionList,
    /// The front page, every page of every section, every day.
    pub listings: Vec<Listing>,
    /// Every month with stories, newest first.
    pub archive: ArchiveIndex,
    /// Each month's days.
    pub months: Vec<(Month, ArchiveMonth)>,
    /// What every story chooses "More from" and "Latest stories" from.
    pub read_next: ReadNextSource,
    /// The stories' sitemaps: positions in `records`, cut from the oldest
    /// so that a new story changes only the newest.
    pub story_sitemaps: Vec<Vec<usize>>,
    /// Every author and topic the content describes (those with no story
    /// on the site have no page).
    pub tags: Tags,
}

impl Site {
    /// The site of `records` (in any order), whose authors and topics
    /// `tags` describes.
    pub fn derive(mut records: Vec<StoryRecord>, tags: Tags, settings: &Settings) -> Self {
        records.sort_by(oldest_first);
        for record in records
            .iter_mut()
            .filter(|record| !record.authors.is_empty())
        {
            record.byline = tags.byline(&record.authors);
        }
        let newest: Vec<usize> = (0..records.len())
            .rev()
            .filter(|at| records.get(*at).is_some_and(StoryRecord::is_live))
            .collect();
        let sections = sections(&records, &newest);
        let page_size = settings.page_size.max(1);
        let mut listings = vec![Listing {
            route: Route::Front,
            section: None,
            about: About::Nothing,
            stories: newest.iter().copied().take(settings.index_size).collect(),
            newer: None,
            older: None,
        }];
        for section in &sections.sections {
            listings.extend(section_pages(&records, section, page_size));
        }
        listings.extend(tag_pages(&records, &tags, page_size));
        let (days, archive, months) = archive(&records, &newest);
        listings.extend(days);
        let read_next = read_next(&records, &newest, &sections);
        let story_sitemaps = (0..records.len())
            .collect::<Vec<_>>()
            .chunks(settings.sitemap_size.max(1))
            .map(<[usize]>::to_vec)
            .collect();
        Site {
            records,
            newest,
            sections,
            listings,
            archive,
            months,
            read_next,
            story_sitemaps,
            tags,
        }
    }

    /// The live stories, newest first.
    pub fn newest(&self) -> impl Iterator<Item = &StoryRecord> + Clone {
        self.newest.iter().filter_map(|at| self.records.get(*at))
    }

    /// The withdrawn stories.
    pub fn withdrawn(&self) -> impl Iterator<Item = &StoryRecord> {
        self.records.iter().filter(|record| !record.is_live())
    }
}

/// Every section with a live story, alphabetically, each named as its
/// newest story names it.
fn sections(records: &[StoryRecord], newest: &[usize]) -> SectionList {
    let mut named: HashMap<&str, SectionLink> = HashMap::new();
    for record in newest.iter().filter_map(|at| records.get(*at)) {
        if let (Some(slug), Some(name)) = (&record.section_slug, &record.summary.section) {
            named.entry(slug).or_insert_with(|| SectionLink {
                name: name.clone(),
                slug: slug.clone(),
            });
        }
    }
    let mut sections: Vec<SectionLink> = named.into_values().collect();
    sections.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    SectionList { sections }
}

/// A section's own page and its numbered pages (see the module's notes).
fn section_pages(records: &[StoryRecord], section: &SectionLink, size: usize) -> Vec<Listing> {
    let all: Vec<usize> = (0..records.len())
        .filter(|at| {
            records
                .get(*at)
                .is_some_and(|record| record.section_slug.as_deref() == Some(&section.slug))
        })
        .collect();
    let slug = section.slug.clone();
    let heading = Heading {
        section: Some(section.name.clone()),
        about: About::Nothing,
    };
    paged(records, &all, size, &heading, &|page| Route::Section {
        slug: slug.clone(),
        page,
    })
}

/// The pages of every author and topic with a story on the site, cut as a
/// section's are. Stories are grouped by tag in one pass, so the cost
/// grows with the stories, not with stories times tags.
fn tag_pages(records: &[StoryRecord], tags: &Tags, size: usize) -> Vec<Listing> {
    let mut by_author: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_topic: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (at, record) in records.iter().enumerate() {
        for id in &record.authors {
            by_author.entry(id).or_default().push(at);
        }
        for id in &record.topics {
            by_topic.entry(id).or_default().push(at);
        }
    }
    let shown = |all: &[usize]| {
        all.iter()
            .any(|at| records.get(*at).is_some_and(StoryRecord::is_live))
    };
    let mut listings = Vec::new();
    for (id, all) in by_author {
        let Some(author) = tags.authors.get(id).filter(|_| shown(&all)) else {
            continue;
        };
        let heading = Heading {
            section: None,
            about: About::Author(author.clone()),
        };
        listings.extend(paged(records, &all, size, &heading, &|page| {
            Route::Author {
                id: id.to_owned(),
                page,
            }
        }));
    }
    for (id, all) in by_topic {
        let Some(topic) = tags.topics.get(id).filter(|_| shown(&all)) else {
            continue;
        };
        let heading = Heading {
            section: None,
            about: About::Topic(topic.clone()),
        };
        listings.extend(paged(records, &all, size, &heading, &|page| Route::Topic {
            id: id.to_owned(),
            page,
        }));
    }
    listings
}

/// What every page of a paged listing says it is.
struct Heading {
    section: Option<String>,
    about: About,
}

/// The pages of a list of stories (`all`: positions in `records`, oldest
/// first): its own page with the newest down to the last full page (at
/// least `size`, fewer than twice that), and the older stories on
/// numbered pages of `size`, page 1 the oldest (the module's notes).
fn paged(
    records: &[StoryRecord],
    all: &[usize],
    size: usize,
    heading: &Heading,
    route: &dyn Fn(Option<u32>) -> Route,
) -> Vec<Listing> {
    let numbered = (all.len() / size).saturating_sub(1);
    let live_newest_first = |positions: &[usize]| -> Vec<usize> {
        positions
            .iter()
            .rev()
            .copied()
            .filter(|at| records.get(*at).is_some_and(StoryRecord::is_live))
            .collect()
    };
    let listing = |page: Option<usize>, stories: Vec<usize>, newer, older| Listing {
        route: route(page.map(|page| page as u32)),
        section: heading.section.clone(),
        about: heading.about.clone(),
        stories,
        newer,
        older,
    };
    let mut pages = vec![listing(
        None,
        live_newest_first(all.get(numbered * size..).unwrap_or_default()),
        None,
        (numbered > 0).then(|| route(Some(numbered as u32))),
    )];
    for page in 1..=numbered {
        let positions = all.get((page - 1) * size..page * size).unwrap_or_default();
        pages.push(listing(
            Some(page),
            live_newest_first(positions),
            Some(if page == numbered {
                route(None)
            } else {
                route(Some(page as u32 + 1))
            }),
            (page > 1).then(|| route(Some(page as u32 - 1))),
        ));
    }
    pages
}

/// The archive's day pages (each linking the days either side that have
/// stories), its months and its list of months.
fn archive(
    records: &[StoryRecord],
    newest: &[usize],
) -> (Vec<Listing>, ArchiveIndex, Vec<(Month, ArchiveMonth)>) {
    let mut by_day: BTreeMap<Day, Vec<usize>> = BTreeMap::new();
    for at in newest {
        if let Some(record) = records.get(*at) {
            by_day.entry(record.day()).or_default().push(*at);
        }
    }
    let days: Vec<Day> = by_day.keys().copied().collect();
    let listings = days
        .iter()
        .enumerate()
        .map(|(at, day)| Listing {
            route: Route::ArchiveDay(*day),
            section: None,
            about: About::Nothing,
            stories: by_day.get(day).cloned().unwrap_or_default(),
            newer: days.get(at + 1).map(|day| Route::ArchiveDay(*day)),
            older: at
                .checked_sub(1)
                .and_then(|before| days.get(before))
                .map(|day| Route::ArchiveDay(*day)),
        })
        .collect();
    let mut by_month: BTreeMap<Month, Vec<DateCount>> = BTreeMap::new();
    for (day, stories) in by_day.iter().rev() {
        by_month.entry(day.month()).or_default().push(DateCount {
            year: day.year,
            month: day.month,
            day: Some(day.day),
            stories: stories.len(),
        });
    }
    let months: Vec<Month> = by_month.keys().copied().collect();
    let archive = ArchiveIndex {
        months: by_month
            .iter()
            .rev()
            .map(|(month, days)| DateCount {
                year: month.year,
                month: month.month,
                day: None,
                stories: days.iter().map(|day| day.stories).sum(),
            })
            .collect(),
    };
    let pages = months
        .iter()
        .enumerate()
        .map(|(at, month)| {
            (
                *month,
                ArchiveMonth {
                    days: by_month.get(month).cloned().unwrap_or_default(),
                    newer: months.get(at + 1).copied(),
                    older: at
                        .checked_sub(1)
                        .and_then(|before| months.get(before))
                        .copied(),
                },
            )
        })
        .collect();
    (listings, archive, pages)
}

fn read_next(records: &[StoryRecord], newest: &[usize], sections: &SectionList) -> ReadNextSource {
    let link = |at: &usize| {
        records
            .get(*at)
            .map(|record| StoryLink::from(&record.summary))
    };
    let latest = newest
        .iter()
        .take(ReadNextSource::LATEST)
        .filter_map(link)
        .collect();
    let sections = sections
        .sections
        .iter()
        .map(|section| SectionNewest {
            slug: section.slug.clone(),
            stories: newest
                .iter()
                .filter(|at| {
                    records
                        .get(**at)
                        .is_some_and(|record| record.section_slug.as_deref() == Some(&section.slug))
                })
                .take(ReadNextSource::PER_SECTION)
                .filter_map(link)
                .collect(),
        })
        .collect();
    ReadNextSource { latest, sections }
}

/// The summary of the record at `at`.
pub fn summary(records: &[StoryRecord], at: usize) -> Option<&ArticleSummary> {
    records.get(at).map(|record| &record.summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Timestamp};
    use crate::publish::Origins;

    fn settings(page_size: usize) -> Settings {
        Settings {
            origin: "https://www.example.co.uk".into(),
            index_size: 5,
            page_size,
            sitemap_size: 7,
            search_segment: 4,
            now: Timestamp::parse_rfc3339("2026-12-01T09:00:00Z").unwrap(),
            origins: Origins::default(),
        }
    }

    fn record(n: usize, section: &str, withdrawn: bool) -> StoryRecord {
        let mut json = serde_json::json!({
            "slug": format!("story-{n}"),
            "headline": format!("Story {n}"),
            "section": section,
            "published": Timestamp::from_unix(1_790_000_000 + n as i64 * 3_600).to_rfc3339(),
            "body": [{ "type": "paragraph", "text": "Words." }],
        });
        if withdrawn {
            json["withdrawn"] = serde_json::json!("2026-12-01T08:00:00Z");
        }
        let text = json.to_string();
        let article = Article::from_json(&text).unwrap().value;
        StoryRecord::of(&format!("articles/story-{n}.json"), &text, &article)
    }

    fn slugs(site: &Site, listing: &Listing) -> Vec<String> {
        listing
            .stories
            .iter()
            .map(|at| site.records[*at].slug().to_owned())
            .collect()
    }

    fn listing<'a>(site: &'a Site, path: &str) -> &'a Listing {
        site.listings
            .iter()
            .find(|listing| listing.route.path() == path)
            .unwrap_or_else(|| panic!("no listing at {path}"))
    }

    #[test]
    fn a_section_is_cut_from_its_oldest_story_into_pages_of_a_size() {
        let records: Vec<_> = (0..45).map(|n| record(n, "London", false)).collect();
        let site = Site::derive(records, Tags::default(), &settings(10));
        let own = listing(&site, "/section/london");
        // 45 stories, pages of 10: pages 1 to 3 hold the oldest 30, the
        // section's own page the newest 15.
        assert_eq!(own.stories.len(), 15);
        assert_eq!(slugs(&site, own)[0], "story-44");
        assert_eq!(
            own.older.as_ref().map(Route::path).as_deref(),
            Some("/section/london/page/3")
        );
        let first = listing(&site, "/section/london/page/1");
        assert_eq!(
            slugs(&site, first),
            (0..10)
                .rev()
                .map(|n| format!("story-{n}"))
                .collect::<Vec<_>>()
        );
        assert_eq!(first.older, None);
        assert_eq!(
            first.newer.as_ref().map(Route::path).as_deref(),
            Some("/section/london/page/2")
        );
        let third = listing(&site, "/section/london/page/3");
        assert_eq!(
            third.newer.as_ref().map(Route::path).as_deref(),
            Some("/section/london")
        );
    }

    #[test]
    fn a_new_story_changes_the_sections_own_page_and_no_numbered_one() {
        let before = Site::derive(
            (0..45).map(|n| record(n, "London", false)).collect(),
            Tags::default(),
            &settings(10),
        );
        let after = Site::derive(
            (0..46).map(|n| record(n, "London", false)).collect(),
            Tags::default(),
            &settings(10),
        );
        for page in 1..=3 {
            let path = format!("/section/london/page/{page}");
            assert_eq!(
                listing(&before, &path).fingerprint(&before.records),
                listing(&after, &path).fingerprint(&after.records),
                "{path}"
            );
        }
        assert_ne!(
            listing(&before, "/section/london").fingerprint(&before.records),
            listing(&after, "/section/london").fingerprint(&after.records)
        );
    }

    #[test]
    fn a_withdrawn_story_keeps_its_place_and_is_shown_nowhere() {
        let records: Vec<_> = (0..45).map(|n| record(n, "London", n == 13)).collect();
        let site = Site::derive(records, Tags::default(), &settings(10));
        let second = listing(&site, "/section/london/page/2");
        assert_eq!(second.stories.len(), 9);
        assert!(!slugs(&site, second).contains(&"story-13".to_owned()));
        assert_eq!(
            slugs(&site, listing(&site, "/section/london/page/3"))[9],
            "story-20"
        );
        assert!(site.newest().all(|record| record.slug() != "story-13"));
        assert!(site
            .read_next
            .latest
            .iter()
            .all(|link| link.slug != "story-13"));
        assert_eq!(site.withdrawn().count(), 1);
    }

    #[test]
    fn the_archive_reaches_every_live_story_by_its_day() {
        let records: Vec<_> = (0..60).map(|n| record(n, "Business", n == 3)).collect();
        let site = Site::derive(records, Tags::default(), &settings(10));
        let mut reached: Vec<String> = site
            .listings
            .iter()
            .filter(|listing| matches!(listing.route, Route::ArchiveDay(_)))
            .flat_map(|listing| slugs(&site, listing))
            .collect();
        reached.sort();
        let mut live: Vec<String> = site.newest().map(|r| r.slug().to_owned()).collect();
        live.sort();
        assert_eq!(reached, live);
        let counted: usize = site.archive.months.iter().map(|month| month.stories).sum();
        assert_eq!(counted, 59);
    }

    #[test]
    fn sitemaps_are_cut_from_the_oldest_story() {
        let site = Site::derive(
            (0..20).map(|n| record(n, "Sport", false)).collect(),
            Tags::default(),
            &settings(10),
        );
        let sizes: Vec<usize> = site.story_sitemaps.iter().map(Vec::len).collect();
        assert_eq!(sizes, [7, 7, 6]);
    }
}
