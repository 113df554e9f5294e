//! Withdrawing a story (a legal takedown): the story's own file gets a
//! `"withdrawn"` time, and the next publish takes it off every page, list,
//! feed, sitemap and the ticker and makes its address say it was removed.
//! The file stays, as the newsroom's record, and keeps the story's place in
//! its section's pages, so no other page moves.

use crate::model::{Article, Timestamp};
use std::path::{Path, PathBuf};

/// Marks the story `slug` in the content folder `content` withdrawn at
/// `now`. The field goes in first; the rest of the file stays as the
/// newsroom wrote it. Returns the file it changed.
pub fn withdraw(content: &Path, slug: &str, now: Timestamp) -> Result<PathBuf, String> {
    let file = content.join("articles").join(format!("{slug}.json"));
    let text = std::fs::read_to_string(&file)
        .map_err(|err| format!("cannot withdraw \"{slug}\": {}: {err}", file.display()))?;
    let story = Article::from_json(&text)
        .map_err(|err| {
            format!(
                "cannot withdraw \"{slug}\": {} cannot be read: {err}",
                file.display()
            )
        })?
        .value;
    if let Some(when) = story.withdrawn {
        return Err(format!(
            "\"{slug}\" was withdrawn already, at {when}; nothing was changed"
        ));
    }
    let body = text
        .trim_start()
        .strip_prefix('{')
        .ok_or_else(|| format!("{} is not a JSON object", file.display()))?;
    let marked = format!("{{\n  \"withdrawn\": \"{}\",{body}", now.to_rfc3339());
    let withdrawn = Article::from_json(&marked)
        .ok()
        .and_then(|story| story.value.withdrawn);
    if withdrawn != Some(now) {
        return Err(format!("cannot mark {} withdrawn", file.display()));
    }
    std::fs::write(&file, marked)
        .map_err(|err| format!("cannot write {}: {err}", file.display()))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_withdrawn_story_keeps_its_file_marked_and_cannot_be_withdrawn_twice() {
        let dir = std::env::temp_dir().join(format!("withdraw-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        let text = "{\"slug\":\"a-story\",\"headline\":\"H\",\"published\":\"2026-11-26T08:15:00Z\",\"body\":[{\"type\":\"paragraph\",\"text\":\"W\"}]}";
        std::fs::write(dir.join("articles/a-story.json"), text).unwrap();
        let now = Timestamp::parse_rfc3339("2026-12-01T10:00:00Z").unwrap();
        withdraw(&dir, "a-story", now).unwrap();
        let marked = std::fs::read_to_string(dir.join("articles/a-story.json")).unwrap();
        assert!(marked.starts_with("{\n  \"withdrawn\": \"2026-12-01T10:00:00Z\","));
        assert!(marked.ends_with("\"text\":\"W\"}]}"), "the rest as it was");
        assert!(withdraw(&dir, "a-story", now)
            .unwrap_err()
            .contains("withdrawn already"));
        assert!(withdraw(&dir, "no-such-story", now)
            .unwrap_err()
            .starts_with("cannot withdraw \"no-such-story\""));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
