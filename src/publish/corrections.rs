//! The corrections page (`/corrections`), derived from every story's
//! corrections: newest first, cut from the oldest into numbered pages as a
//! section's stories are, so that a new correction changes only the own
//! page (and, once in `size`, adds a numbered one); and its feed.

use super::records::StoryRecord;
use crate::model::{CorrectedStory, CorrectionsPage};
use crate::routes::Route;

/// Every page of corrections (`all`, oldest first: `oldest_first`), with
/// its route: the own page first (even with no correction yet: it says
/// so), then pages 1 (the oldest) on.
pub fn correction_pages(all: &[CorrectedStory], size: usize) -> Vec<(Route, CorrectionsPage)> {
    let size = size.max(1);
    let numbered = (all.len() / size).saturating_sub(1);
    let route = |page: Option<usize>| Route::Corrections {
        page: page.map(|page| page as u32),
    };
    let newest_first = |entries: &[CorrectedStory]| entries.iter().rev().cloned().collect();
    let mut pages = vec![(
        route(None),
        CorrectionsPage {
            corrections: newest_first(all.get(numbered * size..).unwrap_or_default()),
            newer: None,
            older: (numbered > 0).then(|| route(Some(numbered)).path()),
        },
    )];
    for page in 1..=numbered {
        let entries = all.get((page - 1) * size..page * size).unwrap_or_default();
        let newer = if page == numbered {
            route(None)
        } else {
            route(Some(page + 1))
        };
        pages.push((
            route(Some(page)),
            CorrectionsPage {
                corrections: newest_first(entries),
                newer: Some(newer.path()),
                older: (page > 1).then(|| route(Some(page - 1)).path()),
            },
        ));
    }
    pages
}

/// Every correction of the stories the site shows, oldest first (by time,
/// then story).
pub fn oldest_first(records: &[StoryRecord]) -> Vec<CorrectedStory> {
    let mut all: Vec<CorrectedStory> = records
        .iter()
        .filter(|record| record.is_live())
        .flat_map(|record| {
            record.corrections.iter().map(|correction| CorrectedStory {
                slug: record.slug().to_owned(),
                headline: record.summary.headline.clone(),
                at: correction.at,
                text: correction.text.clone(),
            })
        })
        .collect();
    all.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.slug.cmp(&b.slug)));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Timestamp};

    fn record(n: usize, corrections: usize, withdrawn: bool) -> StoryRecord {
        let mut json = serde_json::json!({
            "slug": format!("story-{n}"),
            "headline": format!("Story {n}"),
            "published": Timestamp::from_unix(1_790_000_000 + n as i64 * 3_600).to_rfc3339(),
            "body": [{ "type": "paragraph", "text": "Words." }],
            "corrections": (0..corrections).map(|c| serde_json::json!({
                "at": Timestamp::from_unix(1_790_000_000 + n as i64 * 3_600 + 60 * (c as i64 + 1)).to_rfc3339(),
                "text": format!("Correction {c} of story {n}."),
            })).collect::<Vec<_>>(),
        });
        if withdrawn {
            json["withdrawn"] = serde_json::json!("2026-12-01T08:00:00Z");
        }
        let text = json.to_string();
        let article = Article::from_json(&text).unwrap().value;
        StoryRecord::of(&format!("articles/story-{n}.json"), &text, &article)
    }

    #[test]
    fn corrections_are_paged_from_the_oldest_newest_first_on_each_page() {
        // 12 corrections (two on each of six stories; one withdrawn story's
        // two left out), pages of 5: page 1 the oldest 5, the own page the
        // newest 7 (at least a page, fewer than two).
        let records: Vec<_> = (0..7).map(|n| record(n, 2, n == 3)).collect();
        let pages = correction_pages(&oldest_first(&records), 5);
        let paths: Vec<String> = pages.iter().map(|(route, _)| route.path()).collect();
        assert_eq!(paths, ["/corrections", "/corrections/page/1"]);
        let own = &pages[0].1;
        assert_eq!(own.corrections.len(), 7);
        assert_eq!(own.corrections[0].text, "Correction 1 of story 6.");
        assert_eq!(own.older.as_deref(), Some("/corrections/page/1"));
        let first = &pages[1].1;
        assert_eq!(
            first.corrections.last().unwrap().text,
            "Correction 0 of story 0."
        );
        assert_eq!(first.newer.as_deref(), Some("/corrections"));
        assert!(pages
            .iter()
            .flat_map(|(_, page)| &page.corrections)
            .all(|entry| entry.slug != "story-3"));
    }

    #[test]
    fn with_no_correction_the_page_is_there_and_empty() {
        let pages = correction_pages(&oldest_first(&[record(0, 0, false)]), 4);
        assert_eq!(pages.len(), 1);
        assert!(pages[0].1.corrections.is_empty());
    }
}
