//! A story's corrections: what was wrong, now put right, and when. The
//! Editors' Code (IPSO, clause 1) asks for them "promptly and with due
//! prominence": the newest shows under the standfirst, every one at the
//! end of the story, and each is in the story's structured data.

use super::fields::Fields;
use super::{is_site_path, is_valid_slug, DecodeError, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One correction, as the story file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// When it was made.
    pub at: Timestamp,
    /// What was wrong and what is right, in a sentence or two.
    pub text: String,
}

impl Correction {
    pub(crate) fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        Ok(Correction {
            at: fields.time("at")?,
            text: fields.string("text")?,
        })
    }
}

/// A story's corrections as the page shows them: those with words, newest
/// first (the file may list them in any order).
pub fn newest_first(mut corrections: Vec<Correction>) -> Vec<Correction> {
    corrections.retain(|correction| !correction.text.trim().is_empty());
    corrections.sort_by_key(|correction| std::cmp::Reverse(correction.at));
    corrections
}

/// One correction as the corrections page lists it: the story it put
/// right, when, and what was wrong and is right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectedStory {
    pub slug: String,
    pub headline: String,
    pub at: Timestamp,
    pub text: String,
}

/// `/api/v1/corrections.json` (the newest corrections) and its numbered
/// pages (`corrections/page/<n>.json`, page 1 the oldest): every
/// correction the site has made, newest first, cut from the oldest as a
/// section's stories are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionsPage {
    pub corrections: Vec<CorrectedStory>,
    /// The page of newer corrections, by its path on this site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<String>,
    /// The page of older corrections, by its path on this site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<String>,
}

impl CorrectionsPage {
    /// Decodes a page of corrections; one that cannot be linked to its
    /// story (a bad slug) or says nothing is left out, as is a link to a
    /// page that is not on this site.
    pub fn from_json(json: &str) -> Result<super::Decoded<Self>, DecodeError> {
        let mut page: CorrectionsPage =
            serde_json::from_str(json).map_err(DecodeError::from_serde)?;
        let before = page.corrections.len();
        page.corrections.retain(|entry| {
            is_valid_slug(&entry.slug)
                && !entry.headline.trim().is_empty()
                && !entry.text.trim().is_empty()
        });
        let mut skipped = Vec::new();
        if page.corrections.len() < before {
            skipped.push(super::Skipped::fault(
                "corrections".into(),
                "a correction without its story or its words",
            ));
        }
        page.newer = page.newer.filter(|path| is_site_path(path));
        page.older = page.older.filter(|path| is_site_path(path));
        Ok(super::Decoded {
            value: page,
            skipped,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_rfc3339(text).unwrap()
    }

    #[test]
    fn corrections_are_shown_newest_first_and_blank_ones_not_at_all() {
        let shown = newest_first(vec![
            Correction {
                at: at("2026-11-26T13:20:00Z"),
                text: "The vote was split.".into(),
            },
            Correction {
                at: at("2026-11-27T09:00:00Z"),
                text: "  ".into(),
            },
            Correction {
                at: at("2026-11-28T09:00:00Z"),
                text: "The rate is 4%.".into(),
            },
        ]);
        let texts: Vec<&str> = shown.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["The rate is 4%.", "The vote was split."]);
    }

    #[test]
    fn a_page_of_corrections_leaves_out_what_cannot_be_shown() {
        let json = r#"{"corrections":[
            {"slug":"a-story","headline":"A","at":"2026-11-26T13:20:00Z","text":"The rate is 4%."},
            {"slug":"../etc","headline":"B","at":"2026-11-26T13:20:00Z","text":"Words."},
            {"slug":"c","headline":"C","at":"2026-11-26T13:20:00Z","text":" "}
        ],"older":"https://elsewhere.example/"}"#;
        let page = CorrectionsPage::from_json(json).unwrap();
        assert_eq!(page.value.corrections.len(), 1);
        assert_eq!(page.value.older, None);
        assert_eq!(page.skipped.len(), 1);
        assert!(CorrectionsPage::from_json("[]").is_err());
    }
}
