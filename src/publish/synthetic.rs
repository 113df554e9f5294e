//! A synthetic newsroom archive, for the build benchmark and the tests at
//! scale: `count` stories shaped like the samples (standfirst, authors,
//! topics, section, key points, a body of several paragraphs, both
//! explainers, a lead picture on some), in eight sections, by a few hundred
//! authors at most (`author_count`), on a few thousand topics at most
//! (`topic_count`), spread evenly over `years`
//! up to `now`, and a headlines feed naming the newest. Deterministic: the
//! same arguments write the same files.

use crate::model::Timestamp;
use serde_json::{json, Value};

/// The desks a synthetic story belongs to.
pub const SECTIONS: [&str; 8] = [
    "London",
    "UK politics",
    "Business",
    "Health",
    "Science",
    "Sport",
    "Culture",
    "World",
];

/// A word found in exactly one story in a thousand (the first of each
/// thousand): a rare word to search for.
pub const RARE_WORD: &str = "quillwort";

/// A word every story has, in its standfirst.
pub const COMMON_WORD: &str = "Britain";

const PLACES: [&str; 12] = [
    "Manchester",
    "Leeds",
    "Glasgow",
    "Cardiff",
    "Belfast",
    "Bristol",
    "Newcastle",
    "Norwich",
    "Plymouth",
    "Aberdeen",
    "Brighton",
    "Croydon",
];
const SUBJECTS: [&str; 12] = [
    "Council",
    "Ministers",
    "Regulator",
    "Hospital trust",
    "University",
    "Rail operator",
    "Charity",
    "Police",
    "Museum",
    "Water company",
    "Club",
    "Union",
];
const ACTIONS: [&str; 12] = [
    "approves",
    "delays",
    "rejects",
    "reviews",
    "extends",
    "launches",
    "pauses",
    "expands",
    "questions",
    "backs",
    "scraps",
    "funds",
];
const OBJECTS: [&str; 12] = [
    "housing plan",
    "bus routes",
    "data deal",
    "night services",
    "flood defences",
    "school meals",
    "energy scheme",
    "ticket prices",
    "clinic hours",
    "library funding",
    "cycle lanes",
    "research centre",
];
const CLAUSES: [&str; 16] = [
    "officials said the decision followed months of consultation",
    "residents have been invited to comment before the end of the month",
    "the cost is expected to be met from existing budgets",
    "opposition members called for a fuller debate",
    "campaigners welcomed the move but said it did not go far enough",
    "the figures will be published in the spring",
    "a spokesperson said no final decision had been taken",
    "the change is due to take effect next year",
    "similar schemes have been tried elsewhere with mixed results",
    "the report found that demand had risen sharply since 2020",
    "staff were told about the plans at a meeting on Monday",
    "an independent review will look at the evidence",
    "the proposals will go before a committee next week",
    "local businesses said they had not been consulted",
    "the government said it would study the findings closely",
    "experts said the long-term effects were hard to predict",
];
/// The sample site's pictures, which every build of the app carries.
const PICTURES: [(&str, &str); 3] = [
    (
        "met-office-wind-warning",
        "Illustration: wind-bent trees under a grey sky.",
    ),
    (
        "rail-fares-march",
        "Illustration: a train beside a rising price chart.",
    ),
    (
        "bank-of-england-rates",
        "Illustration: a columned bank building beside a falling chart.",
    ),
];

/// Picks from `items` by `n` and `salt`, spreading neighbouring numbers
/// apart (SplitMix64's finaliser).
fn pick<T: Copy + Default>(items: &[T], n: usize, salt: usize) -> T {
    let mut mixed = (n as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((salt as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    mixed ^= mixed >> 31;
    mixed = mixed.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    mixed ^= mixed >> 29;
    let at = (mixed % items.len().max(1) as u64) as usize;
    items.get(at).copied().unwrap_or_default()
}

fn sentence(n: usize, salt: usize) -> String {
    let clause = pick(&CLAUSES, n, salt);
    let mut chars = clause.chars();
    let mut sentence: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .collect();
    sentence.extend(chars);
    sentence.push_str(", and ");
    sentence.push_str(pick(&CLAUSES, n, salt + 97));
    sentence.push('.');
    sentence
}

fn paragraph(n: usize, salt: usize) -> String {
    (0..3)
        .map(|i| sentence(n, salt * 3 + i))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `n`th story (0 is the oldest) of an archive of `count` spread over
/// `years` up to `now`, as the JSON a newsroom would write.
pub fn story(n: usize, count: usize, years: u32, now: Timestamp) -> Value {
    let span = i64::from(years.max(1)) * 365 * 86_400;
    let step = span / count.max(1) as i64;
    // Oldest first, evenly spaced, a little jitter that never reorders them.
    let jitter = (n.wrapping_mul(7_919) % 1_000) as i64 * step / 4_000;
    let published = Timestamp::from_unix(now.unix_seconds() - span + step * n as i64 + jitter);
    let section = pick(&SECTIONS, n, 1);
    let place = pick(&PLACES, n, 2);
    let subject = pick(&SUBJECTS, n, 3);
    let action = pick(&ACTIONS, n, 4);
    let object = pick(&OBJECTS, n, 5);
    let headline = format!("{place} {subject} {action} {object} (report {n})");
    let slug = format!(
        "{}-{}-{}-{}-{n}",
        place.to_lowercase(),
        subject.to_lowercase().replace(' ', "-"),
        action,
        object.replace(' ', "-")
    );
    let rare = if n.is_multiple_of(1_000) {
        format!(" The {RARE_WORD} survey was cited.")
    } else {
        String::new()
    };
    let body: Vec<Value> = (0..7)
        .map(|i| match i {
            3 => json!({ "type": "subheading", "text": format!("What happens next in {place}") }),
            5 => json!({ "type": "quote", "text": sentence(n, 50 + i), "attribution": format!("A {} spokesperson", subject.to_lowercase()) }),
            _ => json!({ "type": "paragraph", "text": paragraph(n, i) }),
        })
        .collect();
    let mut story = json!({
        "slug": slug,
        "headline": headline,
        "standfirst": format!("The {} in {place} {action} its {object}, a change that reaches people across {COMMON_WORD}.{rare}", subject.to_lowercase()),
        "authors": authors_of(n, count),
        "section": section,
        "topics": topics_of(n, count),
        "published": published.to_rfc3339(),
        "key_points": (0..4).map(|i| sentence(n, 20 + i)).collect::<Vec<_>>(),
        "body": body,
        "why_this_matters": paragraph(n, 30),
        "what_this_means_for_you": paragraph(n, 31),
        "sample": true,
    });
    if n.is_multiple_of(3) {
        let (picture, alt) = pick(&PICTURES, n, 6);
        let image = json!({
            "src": format!("/images/{picture}-1280.webp"),
            "alt": alt,
            "caption": format!("{place}: an illustration, not a photograph."),
            "credit": "Illustration: Britain's News Portal",
            "width": 1280,
            "height": 720,
            "sources": [
                { "src": format!("/images/{picture}-640.webp"), "width": 640 },
                { "src": format!("/images/{picture}-960.webp"), "width": 960 }
            ]
        });
        if let Some(story) = story.as_object_mut() {
            story.insert("image".into(), image);
        }
    }
    story
}

/// How many authors write an archive of `count` stories: one for every
/// 300 stories, at least 3 and at most 300.
pub fn author_count(count: usize) -> usize {
    (count / 300).clamp(3, 300)
}

/// How many topics it covers: one for every 30 stories, at least 5 and at
/// most 3,000.
pub fn topic_count(count: usize) -> usize {
    (count / 30).clamp(5, 3_000)
}

/// The authors and topics of an archive of `count` stories, as the
/// content's files: `(path under the content folder, text)`.
pub fn tag_files(count: usize) -> Vec<(String, String)> {
    let authors = (0..author_count(count)).map(|k| {
        let place = pick(&PLACES, k, 7);
        let author = json!({
            "id": format!("author-{k}"),
            "name": format!("Reporter {k}"),
            "role": format!("{place} correspondent"),
            "bio": format!("A synthetic author: {}", sentence(k, 40)),
        });
        (format!("authors/author-{k}.json"), author.to_string())
    });
    let topics = (0..topic_count(count)).map(|k| {
        let topic = json!({
            "id": format!("topic-{k}"),
            "name": format!("{} {} {k}", pick(&PLACES, k, 8), pick(&OBJECTS, k, 9)),
            "description": sentence(k, 41),
        });
        (format!("topics/topic-{k}.json"), topic.to_string())
    });
    authors.chain(topics).collect()
}

/// Writes `tag_files(count)` into the content folder `content`.
pub fn write_tag_files(content: &std::path::Path, count: usize) -> Result<(), String> {
    for (path, text) in tag_files(count) {
        let file = content.join(path);
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|err| format!("{}: {err}", folder.display()))?;
        }
        std::fs::write(&file, text).map_err(|err| format!("{}: {err}", file.display()))?;
    }
    Ok(())
}

/// The authors of story `n` of `count`: one, and a second on every fifth.
fn authors_of(n: usize, count: usize) -> Vec<String> {
    let authors = author_count(count);
    let mut ids = vec![format!("author-{}", n % authors)];
    if n.is_multiple_of(5) {
        ids.push(format!("author-{}", (n / 5 + 1) % authors));
    }
    ids.dedup();
    ids
}

/// The topics of story `n` of `count`: two, spread over all of them.
fn topics_of(n: usize, count: usize) -> Vec<String> {
    let topics = topic_count(count);
    let first = n % topics;
    let second = (n / topics + n * 7 + 1) % topics;
    let mut ids = vec![format!("topic-{first}")];
    if second != first {
        ids.push(format!("topic-{second}"));
    }
    ids
}

/// The headlines feed: the newest `count.min(8)` stories of the archive.
pub fn headlines(count: usize, years: u32, now: Timestamp) -> Value {
    let items: Vec<Value> = (count.saturating_sub(8)..count)
        .rev()
        .map(|n| {
            let story = story(n, count, years, now);
            let field = |name: &str| story.get(name).cloned().unwrap_or_default();
            json!({
                "id": field("slug"),
                "headline": field("headline"),
                "slug": field("slug"),
                "published": field("published"),
                "breaking": n % 2 == 0,
            })
        })
        .collect();
    json!({ "headlines": items })
}

/// A live page of `posts` posts, a minute apart and ending a minute before
/// `now`, shaped like the sample's (a title on some, two paragraphs, an
/// author; every 25th a key event, the first pinned): for the live
/// page's build tests and benchmark. Post `n` has the id `post-<n>` and
/// says `live-post-<n>-words` once, so a test can look for it anywhere.
pub fn live_story(slug: &str, posts: usize, now: Timestamp) -> Value {
    let first = now.unix_seconds() - 60 * posts as i64;
    let posts: Vec<Value> = (0..posts)
        .map(|n| {
            let mut post = json!({
                "id": format!("post-{n}"),
                "published": Timestamp::from_unix(first + 60 * n as i64).to_rfc3339(),
                "body": [
                    { "type": "paragraph", "text": format!("{} live-post-{n}-words.", paragraph(n, 60)) },
                    { "type": "paragraph", "text": paragraph(n, 61) },
                ],
                "author": pick(&PLACES, n, 7).to_owned() + " correspondent",
            });
            if let Some(fields) = post.as_object_mut() {
                if n % 3 == 0 {
                    fields.insert("title".into(), json!(sentence(n, 62)));
                }
                if n % 25 == 0 {
                    fields.insert("key_event".into(), json!(true));
                }
                if n == 0 {
                    fields.insert("pinned".into(), json!(true));
                }
            }
            post
        })
        .collect();
    json!({
        "slug": slug,
        "headline": "Storm live: the latest as it happens",
        "standfirst": format!("Updates through the day as the storm crosses {COMMON_WORD}."),
        "byline": "Weather desk",
        "section": "UK",
        "published": Timestamp::from_unix(first).to_rfc3339(),
        "key_points": ["Warnings are in force.", "Travel is disrupted."],
        "body": [],
        "live": { "posts": posts },
        "sample": true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    #[test]
    fn synthetic_stories_are_valid_unique_and_oldest_first() {
        let now = Timestamp::parse_rfc3339("2026-12-01T09:00:00Z").unwrap();
        let stories: Vec<Article> = (0..300)
            .map(|n| {
                let text = story(n, 300, 3, now).to_string();
                let decoded = Article::from_json(&text).unwrap();
                assert!(decoded.skipped.is_empty(), "{:?}", decoded.skipped);
                decoded.value
            })
            .collect();
        let mut slugs: Vec<&str> = stories.iter().map(|s| s.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), 300);
        assert!(stories.windows(2).all(|w| w[0].published < w[1].published));
        assert!(stories.last().unwrap().published <= now);
        let sections: std::collections::HashSet<_> =
            stories.iter().filter_map(|s| s.section.clone()).collect();
        assert_eq!(sections.len(), SECTIONS.len());
    }
}
