//! Who wrote a story and what it is about: its authors and its topics
//! (the Guardian's word for both is "tag"). A story file names each by
//! id; the build looks the ids up in the content's `authors/` and
//! `topics/` and serves the story with their names, so that a byline and
//! a story's topic links need no other file. Each author and topic has a
//! page of its stories (`Route::Author`, `Route::Topic`), whose JSON
//! carries the author's or topic's own details.

use super::fields::{self, kind, Fields};
use super::{is_valid_slug, DecodeError, LeadImage};
use serde::Serialize;
use serde_json::Value;

/// An author or a topic as a story names it: by id in the story file,
/// and with its name in the JSON the site serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// Its address: `/author/<id>`, `/topic/<id>`.
    pub id: String,
    /// Its name, once the build has looked it up (empty in a story file).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

impl Tag {
    /// What a reader sees: the name, or failing that the id.
    pub fn label(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

/// A story file names a tag by its id alone (`"jane-smith"`); the site
/// serves it as `{"id": "jane-smith", "name": "Jane Smith"}`. Both decode.
impl Tag {
    pub(crate) fn from_value(value: &Value) -> Result<Self, String> {
        if let Value::String(id) = value {
            return Ok(Tag {
                id: id.clone(),
                name: String::new(),
            });
        }
        let fields = Fields::of(value)
            .map_err(|_| format!("expected an id, or an id and a name, not {}", kind(value)))?;
        Ok(Tag {
            id: fields.string("id")?,
            name: fields.string_or_empty("name")?,
        })
    }
}

/// A story's tags as the page uses them: those with an id that can be an
/// address, each once, in the file's order.
pub fn linkable(mut tags: Vec<Tag>) -> Vec<Tag> {
    let mut seen = std::collections::HashSet::new();
    tags.retain(|tag| is_valid_slug(&tag.id) && seen.insert(tag.id.clone()));
    tags
}

/// The byline of a story with named authors: "Jane Smith", "Jane Smith and
/// Tom Price", "Jane Smith, Tom Price and Ade Okafor".
pub fn byline_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A journalist, as `authors/<id>.json` in the content describes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Author {
    pub id: String,
    pub name: String,
    /// What they do here: "Transport correspondent".
    pub role: String,
    /// A sentence or two about them.
    pub bio: String,
    /// Their picture, if there is one (it needs alt text, as any picture).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<LeadImage>,
}

/// A subject stories are grouped by across sections, as
/// `topics/<id>.json` in the content describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    pub id: String,
    pub name: String,
    /// A sentence saying what the topic covers.
    pub description: String,
}

fn invalid(why: String) -> DecodeError {
    DecodeError::Invalid(why)
}

impl Author {
    /// Decodes and checks an author: an id that can be an address and a
    /// name are required.
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        let author = Author::from_value(&fields::parse(json)?).map_err(DecodeError::Malformed)?;
        check_id_and_name(&author.id, &author.name)?;
        Ok(author)
    }
}

impl Author {
    /// An author as `authors/<id>.json` or a list of their stories
    /// describes them, unchecked.
    pub(crate) fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        Ok(Author {
            id: fields.string("id")?,
            name: fields.string("name")?,
            role: fields.string_or_empty("role")?,
            bio: fields.string_or_empty("bio")?,
            picture: fields
                .get("picture")
                .and_then(|picture| LeadImage::from_value(picture).ok()),
        })
    }
}

impl Topic {
    /// A topic as `topics/<id>.json` or a list of its stories describes
    /// it, unchecked.
    pub(crate) fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        Ok(Topic {
            id: fields.string("id")?,
            name: fields.string("name")?,
            description: fields.string_or_empty("description")?,
        })
    }

    /// Decodes and checks a topic: an id that can be an address and a name
    /// are required.
    pub fn from_json(json: &str) -> Result<Self, DecodeError> {
        let topic = Topic::from_value(&fields::parse(json)?).map_err(DecodeError::Malformed)?;
        check_id_and_name(&topic.id, &topic.name)?;
        Ok(topic)
    }
}

fn check_id_and_name(id: &str, name: &str) -> Result<(), DecodeError> {
    if !is_valid_slug(id) {
        return Err(invalid(format!(
            "id \"{id}\" is not lowercase words joined by hyphens"
        )));
    }
    if name.trim().is_empty() {
        return Err(invalid("the name is blank".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of tags as a story file gives them.
    fn tags(json: &str) -> Vec<Tag> {
        let value: Value = serde_json::from_str(json).unwrap();
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|tag| Tag::from_value(tag).unwrap())
            .collect()
    }

    #[test]
    fn a_tag_decodes_from_its_id_or_from_its_id_and_name() {
        let tags = tags(r#"["jane-smith", {"id": "tom-price", "name": "Tom Price"}]"#);
        assert_eq!(tags[0].id, "jane-smith");
        assert_eq!(tags[0].label(), "jane-smith");
        assert_eq!(tags[1].label(), "Tom Price");
        assert!(Tag::from_value(&serde_json::json!(7)).is_err());
    }

    #[test]
    fn only_tags_that_can_be_addresses_are_linked_each_once() {
        let tags = tags(r#"["met-police", "../etc", "Met Police", "met-police", "palantir"]"#);
        let ids: Vec<String> = linkable(tags).into_iter().map(|tag| tag.id).collect();
        assert_eq!(ids, ["met-police", "palantir"]);
    }

    #[test]
    fn a_byline_joins_its_names_as_a_sentence_does() {
        assert_eq!(byline_of(&["Jane Smith"]), "Jane Smith");
        assert_eq!(
            byline_of(&["Jane Smith", "Tom Price"]),
            "Jane Smith and Tom Price"
        );
        assert_eq!(
            byline_of(&["Jane Smith", "Tom Price", "Ade Okafor"]),
            "Jane Smith, Tom Price and Ade Okafor"
        );
    }

    #[test]
    fn an_author_needs_an_id_fit_for_an_address_and_a_name() {
        let author = Author::from_json(
            r#"{"id":"jane-smith","name":"Jane Smith","role":"Crime correspondent"}"#,
        )
        .unwrap();
        assert_eq!(author.role, "Crime correspondent");
        assert!(Author::from_json(r#"{"id":"Jane Smith","name":"Jane Smith"}"#).is_err());
        assert!(Author::from_json(r#"{"id":"jane-smith","name":" "}"#).is_err());
        assert!(Topic::from_json(r#"{"id":"palantir","name":"Palantir"}"#).is_ok());
        assert!(Topic::from_json(r#"{"name":"Palantir"}"#).is_err());
    }
}
