//! Sections (the desks stories belong to: "London", "Business") and what
//! a story offers to read next.

use super::decode::{read_each, Decoded};
use super::fields::{self, Fields};
use super::{ArticleSummary, DecodeError, Timestamp};
use crate::routes::Route;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A section's address: `/section/<slug>`. Its slug is its name in
/// lowercase ASCII words joined by hyphens: "UK politics" → `uk-politics`.
/// `None` for a name with no letters or digits to make one from.
pub fn section_slug(name: &str) -> Option<String> {
    let mut slug = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    (!slug.is_empty()).then_some(slug)
}

/// The path of a section's page, `/section/<slug>`.
pub fn section_path(name: &str) -> Option<String> {
    section_slug(name).map(|slug| Route::Section { slug, page: None }.path())
}

/// A section, as the masthead's navigation links to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionLink {
    pub name: String,
    pub slug: String,
}

impl SectionLink {
    /// The link to the section `name`, if it can have a page.
    pub fn named(name: &str) -> Option<Self> {
        section_slug(name).map(|slug| SectionLink {
            name: name.to_owned(),
            slug,
        })
    }

    /// The section's own page.
    pub fn path(&self) -> String {
        Route::Section {
            slug: self.slug.clone(),
            page: None,
        }
        .path()
    }

    /// A section as the masthead's list gives it, read and checked.
    fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        let link = SectionLink {
            name: fields.string("name")?,
            slug: fields.string("slug")?,
        };
        link.check()?;
        Ok(link)
    }

    fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            Err("the section has no name".into())
        } else if section_slug(&self.name).as_deref() != Some(self.slug.as_str()) {
            Err(format!(
                "the slug \"{}\" is not the one \"{}\" makes",
                self.slug, self.name
            ))
        } else {
            Ok(())
        }
    }
}

/// `/api/v1/sections.json`: every section with a story, in the order the
/// masthead lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionList {
    pub sections: Vec<SectionLink>,
}

impl SectionList {
    /// Decodes the list; a section that cannot be linked is left out.
    pub fn from_json(json: &str) -> Result<Decoded<Self>, DecodeError> {
        let wire = fields::parse(json)?;
        let list = Fields::of(&wire)
            .and_then(|wire| wire.required_list("sections"))
            .map_err(DecodeError::Malformed)?;
        let (sections, skipped) = read_each("sections", list, SectionLink::from_value);
        Ok(Decoded {
            value: SectionList { sections },
            skipped,
        })
    }
}

/// How many stories "More from <section>" lists.
pub const MORE_FROM_SECTION: usize = 3;
/// How many stories "Latest stories" lists beside a story.
pub const LATEST_BESIDE_STORY: usize = 5;

/// A story as a list of links names it: its headline and when it was
/// published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryLink {
    pub slug: String,
    pub headline: String,
    pub published: Timestamp,
}

impl StoryLink {
    /// A link as the read-next file gives it, read and checked.
    fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        let link = StoryLink {
            slug: fields.string("slug")?,
            headline: fields.string("headline")?,
            published: fields.time("published")?,
        };
        super::story_index::check_link(&link.slug, &link.headline)?;
        Ok(link)
    }
}

impl From<&ArticleSummary> for StoryLink {
    fn from(story: &ArticleSummary) -> Self {
        StoryLink {
            slug: story.slug.clone(),
            headline: story.headline.clone(),
            published: story.published,
        }
    }
}

/// One section's newest stories, in [`ReadNextSource`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionNewest {
    pub slug: String,
    pub stories: Vec<StoryLink>,
}

/// `/api/v1/read-next.json`: what every story chooses its lists from, the
/// same small file for every story (so moving from one story to another
/// fetches the same few kilobytes however big the archive): the latest
/// stories, and each section's newest, each newest first, with one spare
/// for the story being read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadNextSource {
    pub latest: Vec<StoryLink>,
    pub sections: Vec<SectionNewest>,
}

impl ReadNextSource {
    /// How many of the latest stories the file keeps: enough for the list
    /// beside a story once it and the section's are left out.
    pub const LATEST: usize = LATEST_BESIDE_STORY + MORE_FROM_SECTION + 1;
    /// How many of each section's newest it keeps.
    pub const PER_SECTION: usize = MORE_FROM_SECTION + 1;

    /// Decodes the file; a link that cannot be followed is left out.
    pub fn from_json(json: &str) -> Result<Decoded<Self>, DecodeError> {
        let value = fields::parse(json)?;
        let wire = Fields::of(&value).map_err(DecodeError::Malformed)?;
        let latest = wire
            .required_list("latest")
            .map_err(DecodeError::Malformed)?;
        let (latest, mut skipped) = read_each("latest", latest, StoryLink::from_value);
        let mut sections = Vec::new();
        for section in wire.list("sections").map_err(DecodeError::Malformed)? {
            let (slug, stories) = read_section(section)
                .map_err(|why| DecodeError::Malformed(format!("`sections`: {why}")))?;
            let at = format!("sections.{slug}");
            let (stories, more) = read_each(&at, stories, StoryLink::from_value);
            skipped.extend(more);
            sections.push(SectionNewest { slug, stories });
        }
        Ok(Decoded {
            value: ReadNextSource { latest, sections },
            skipped,
        })
    }
}

/// A section of the read-next file: its slug, and its stories unread.
fn read_section(value: &Value) -> Result<(String, &[Value]), String> {
    let section = Fields::of(value)?;
    Ok((section.string("slug")?, section.required_list("stories")?))
}

/// What a story offers to read next: more on its topic (stories sharing
/// its first topic) or, with none, more from its section; and the latest
/// stories. Each newest first, neither with the story itself, and no
/// story in both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadNext {
    pub more: Vec<StoryLink>,
    /// Whether `more` shares the story's topic (else it is its section's).
    pub more_on_topic: bool,
    pub latest: Vec<StoryLink>,
}

impl ReadNext {
    /// Chooses from `source` and `on_topic` (the newest stories of the
    /// story's first topic, from its page's small file) for the story
    /// `current` of the section `section` (its slug, if it has one).
    pub fn choose(
        current: &str,
        section: Option<&str>,
        on_topic: &[StoryLink],
        source: &ReadNextSource,
    ) -> Self {
        let others = |stories: &[StoryLink]| {
            let mut stories: Vec<StoryLink> = stories
                .iter()
                .filter(|story| story.slug != current)
                .cloned()
                .collect();
            stories.sort_by_key(|story| std::cmp::Reverse(story.published));
            stories
        };
        let in_section = section
            .and_then(|slug| source.sections.iter().find(|known| known.slug == slug))
            .map(|known| known.stories.as_slice())
            .unwrap_or_default();
        let mut more = others(on_topic);
        let more_on_topic = !more.is_empty();
        if !more_on_topic {
            more = others(in_section);
        }
        more.truncate(MORE_FROM_SECTION);
        let mut latest = others(&source.latest);
        latest.retain(|story| !more.iter().any(|shown| shown.slug == story.slug));
        latest.truncate(LATEST_BESIDE_STORY);
        ReadNext {
            more,
            more_on_topic,
            latest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timestamp;

    #[test]
    fn a_section_slug_is_its_name_in_plain_words() {
        assert_eq!(section_slug("London").as_deref(), Some("london"));
        assert_eq!(section_slug("UK politics").as_deref(), Some("uk-politics"));
        assert_eq!(
            section_slug("  Science & Tech ").as_deref(),
            Some("science-tech")
        );
        assert_eq!(section_slug("Wales/Cymru").as_deref(), Some("wales-cymru"));
        assert_eq!(section_slug("Côte").as_deref(), Some("c-te"));
        assert_eq!(section_slug("—"), None);
        assert_eq!(section_slug(""), None);
        assert_eq!(
            section_path("Business").as_deref(),
            Some("/section/business")
        );
    }

    #[test]
    fn a_section_list_drops_what_cannot_be_linked() {
        let json = r#"{"sections":[
            {"name":"London","slug":"london"},
            {"name":"Business","slug":"../etc"},
            {"name":" ","slug":""},
            7
        ]}"#;
        let list = SectionList::from_json(json).unwrap();
        assert_eq!(list.value.sections, [SectionLink::named("London").unwrap()]);
        assert_eq!(list.skipped.len(), 3);
        assert!(SectionList::from_json("[]").is_err());
    }

    fn story(slug: &str, hour: u32) -> StoryLink {
        StoryLink {
            slug: slug.into(),
            headline: slug.into(),
            published: Timestamp::parse_rfc3339(&format!("2026-11-26T{hour:02}:00:00Z")).unwrap(),
        }
    }

    fn slugs(stories: &[StoryLink]) -> Vec<&str> {
        stories.iter().map(|story| story.slug.as_str()).collect()
    }

    fn source(section: Vec<StoryLink>, latest: Vec<StoryLink>) -> ReadNextSource {
        ReadNextSource {
            latest,
            sections: vec![
                SectionNewest {
                    slug: "london".into(),
                    stories: section,
                },
                SectionNewest {
                    slug: "business".into(),
                    stories: vec![story("elsewhere", 23)],
                },
            ],
        }
    }

    #[test]
    fn read_next_leaves_out_the_story_and_repeats_nothing() {
        let section = vec![story("a", 9), story("here", 10), story("b", 8)];
        let latest = vec![
            story("c", 12),
            story("here", 10),
            story("a", 9),
            story("d", 7),
        ];
        let next = ReadNext::choose("here", Some("london"), &[], &source(section, latest));
        assert_eq!(slugs(&next.more), ["a", "b"]);
        assert_eq!(slugs(&next.latest), ["c", "d"]);
    }

    #[test]
    fn read_next_lists_newest_first_and_only_a_few() {
        let section: Vec<_> = (1..=6).map(|h| story(&format!("s{h}"), h)).collect();
        let latest: Vec<_> = (10..=19).map(|h| story(&format!("l{h}"), h)).collect();
        let next = ReadNext::choose("nothing", Some("london"), &[], &source(section, latest));
        assert_eq!(slugs(&next.more), ["s6", "s5", "s4"]);
        assert_eq!(slugs(&next.latest), ["l19", "l18", "l17", "l16", "l15"]);
        let alone = ReadNext::choose(
            "s1",
            Some("london"),
            &[],
            &source(vec![story("s1", 1)], vec![story("s1", 1)]),
        );
        assert!(alone.more.is_empty() && alone.latest.is_empty());
    }

    #[test]
    fn a_story_without_a_section_or_of_an_unknown_one_gets_the_latest_only() {
        let latest = vec![story("c", 12)];
        for section in [None, Some("no-such-section")] {
            let next = ReadNext::choose(
                "here",
                section,
                &[],
                &source(vec![story("a", 9)], latest.clone()),
            );
            assert!(next.more.is_empty(), "{section:?}");
            assert_eq!(slugs(&next.latest), ["c"]);
        }
    }

    #[test]
    fn stories_sharing_the_topic_come_before_the_sections() {
        let on_topic = vec![story("here", 10), story("t1", 6), story("t2", 8)];
        let section = vec![story("a", 9)];
        let latest = vec![story("t2", 8), story("a", 9), story("c", 12)];
        let next = ReadNext::choose("here", Some("london"), &on_topic, &source(section, latest));
        assert!(next.more_on_topic);
        assert_eq!(slugs(&next.more), ["t2", "t1"]);
        assert_eq!(slugs(&next.latest), ["c", "a"]);
        // A topic with no other story: the section's, as before.
        let alone = ReadNext::choose(
            "here",
            Some("london"),
            &[story("here", 10)],
            &source(vec![story("a", 9)], vec![]),
        );
        assert!(!alone.more_on_topic);
        assert_eq!(slugs(&alone.more), ["a"]);
    }

    #[test]
    fn the_read_next_file_drops_links_that_cannot_be_followed() {
        let json = r#"{"latest":[
            {"slug":"a-story","headline":"A","published":"2026-11-26T08:00:00Z"},
            {"slug":"../etc","headline":"B","published":"2026-11-26T08:00:00Z"},
            {"slug":"c","headline":" ","published":"2026-11-26T08:00:00Z"}
        ],"sections":[{"slug":"london","stories":[{"slug":"d","headline":"D","published":"yesterday"}]}]}"#;
        let decoded = ReadNextSource::from_json(json).unwrap();
        assert_eq!(slugs(&decoded.value.latest), ["a-story"]);
        assert!(decoded.value.sections[0].stories.is_empty());
        assert_eq!(decoded.skipped.len(), 3);
        assert!(ReadNextSource::from_json("{}").is_err());
    }
}
