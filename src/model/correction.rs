//! A story's corrections: what was wrong, now put right, and when. The
//! Editors' Code (IPSO, clause 1) asks for them "promptly and with due
//! prominence": the newest shows under the standfirst, every one at the
//! end of the story, and each is in the story's structured data.

use super::Timestamp;
use serde::{Deserialize, Serialize};

/// One correction, as the story file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// When it was made.
    pub at: Timestamp,
    /// What was wrong and what is right, in a sentence or two.
    pub text: String,
}

/// A story's corrections as the page shows them: those with words, newest
/// first (the file may list them in any order).
pub fn newest_first(mut corrections: Vec<Correction>) -> Vec<Correction> {
    corrections.retain(|correction| !correction.text.trim().is_empty());
    corrections.sort_by_key(|correction| std::cmp::Reverse(correction.at));
    corrections
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
}
