//! What a publish knows of the site it last wrote, kept beside `dist/`
//! (never inside it: `dist/` is uploaded as it is):
//!
//! - every story file as last read: its size, its modification time, and
//!   its record (what the site's lists show of it, and the fingerprint of
//!   its bytes). A file whose size and time are unchanged is not read
//!   again; one whose bytes are unchanged is not checked again.
//! - every file written: the fingerprint of what it was made from, and of
//!   its bytes. A file whose inputs' fingerprint is unchanged is not made
//!   again; one made again whose bytes came out the same is not reported
//!   as changed (a deploy need not upload it).
//!
//! It is kept in two files: a whole copy, `<dist>.manifest.json` (117 MB
//! at 100,000 stories), and the changes since that copy,
//! `<dist>.manifest.changes.json`, which names the copy's generation. A
//! publish that changes little writes only the changes (all of them since
//! the copy, so the file is replaced, never appended to); once they pass a
//! tenth of the copy's entries, it writes a new whole copy and removes the
//! changes. Changes naming another generation (left by a publish cut
//! short between the two) are not applied.
//!
//! A missing or unreadable manifest, or one of another format, means a
//! full build. A file of changes that cannot be read is an error saying
//! how to make one, not a full build's cue by itself: the copy alone would
//! say files were made from what they no longer are.

use super::records::StoryRecord;
use super::PublishError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The manifest's format: a publish that finds another makes a full build.
/// (2: records say whether a story is a live page; 3: a generation, and
/// changes kept apart; 4: records carry a story's embargo; 5: its authors,
/// topics and corrections.)
pub const FORMAT: u32 = 5;

/// A story file as it was last read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub size: u64,
    /// Nanoseconds since 1970 (0 where the file system does not say).
    pub modified: u64,
    pub record: StoryRecord,
}

/// A file of the site as it was last written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// The fingerprint of what it was made from.
    pub inputs: u64,
    /// The fingerprint of its bytes.
    pub bytes: u64,
    /// How many bytes it is.
    pub size: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// Story files by their name under the content folder.
    pub sources: BTreeMap<String, Source>,
    /// The site's files by their path in `dist/`.
    pub outputs: BTreeMap<String, Written>,
    /// Which whole copy this is, or was read from (0: none).
    #[serde(default)]
    pub generation: u64,
    /// What changed since that copy: kept, so that the next publish that
    /// writes only changes writes all of them.
    #[serde(skip)]
    pub since_copy: Changes,
}

/// Entries changed since a whole copy: `None` for one removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub format: u32,
    /// The generation of the copy these are changes to.
    pub generation: u64,
    pub sources: BTreeMap<String, Option<Source>>,
    pub outputs: BTreeMap<String, Option<Written>>,
}

impl Changes {
    /// What changed from `last` to `next`, after what `last` already held.
    fn between(last: &Manifest, next: &Manifest) -> Changes {
        let mut changes = last.since_copy.clone();
        changes.format = FORMAT;
        changes.generation = last.generation;
        difference(&last.sources, &next.sources, &mut changes.sources);
        difference(&last.outputs, &next.outputs, &mut changes.outputs);
        changes
    }

    fn len(&self) -> usize {
        self.sources.len() + self.outputs.len()
    }

    fn apply_to(&self, manifest: &mut Manifest) {
        apply(&self.sources, &mut manifest.sources);
        apply(&self.outputs, &mut manifest.outputs);
    }
}

/// Records in `into` each entry that differs from `before` to `after`.
fn difference<T: Clone + PartialEq>(
    before: &BTreeMap<String, T>,
    after: &BTreeMap<String, T>,
    into: &mut BTreeMap<String, Option<T>>,
) {
    // Both in order of their keys: one walk through the two.
    let mut earlier = before.iter().peekable();
    for (key, value) in after {
        while let Some((gone, _)) = earlier.next_if(|(old, _)| *old < key) {
            into.insert(gone.clone(), None);
        }
        match earlier.next_if(|(old, _)| *old == key) {
            Some((_, was)) if was == value => {}
            _ => {
                into.insert(key.clone(), Some(value.clone()));
            }
        }
    }
    for (gone, _) in earlier {
        into.insert(gone.clone(), None);
    }
}

fn apply<T: Clone>(changes: &BTreeMap<String, Option<T>>, to: &mut BTreeMap<String, T>) {
    for (key, change) in changes {
        match change {
            Some(value) => to.insert(key.clone(), value.clone()),
            None => to.remove(key),
        };
    }
}

/// Where the manifest of `dist` is kept: beside it.
pub fn path_for(dist: &Path) -> PathBuf {
    beside(dist, ".manifest.json")
}

/// Where the changes since the whole copy at `manifest` are kept.
pub fn changes_path_for(manifest: &Path) -> PathBuf {
    let name = manifest
        .file_name()
        .map(|name| name.to_string_lossy().trim_end_matches(".json").to_owned())
        .unwrap_or_default();
    manifest.with_file_name(format!("{name}.changes.json"))
}

/// `dist` with `suffix` on its name, beside it.
pub(super) fn beside(dist: &Path, suffix: &str) -> PathBuf {
    let mut name = dist
        .file_name()
        .map(|name| name.to_os_string())
        .unwrap_or_else(|| "dist".into());
    name.push(suffix);
    dist.with_file_name(name)
}

impl Manifest {
    /// The manifest at `path`, with the changes since its whole copy;
    /// `Err` says why there is none to use.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => "there is no manifest yet".to_owned(),
            _ => format!("{} cannot be read: {err}", path.display()),
        })?;
        let mut manifest: Manifest = serde_json::from_str(&text)
            .map_err(|err| format!("{} is not a manifest: {err}", path.display()))?;
        drop(text);
        if manifest.format != FORMAT {
            return Err(format!(
                "{} is of another format ({}, not {FORMAT})",
                path.display(),
                manifest.format
            ));
        }
        let changes_path = changes_path_for(path);
        let changes = match std::fs::read_to_string(&changes_path) {
            Ok(text) => serde_json::from_str::<Changes>(&text).map_err(|err| {
                format!(
                    "{} is not a manifest's changes ({err}): remove it and {} to make a full build",
                    changes_path.display(),
                    path.display()
                )
            })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Changes::default(),
            Err(err) => return Err(format!("{} cannot be read: {err}", changes_path.display())),
        };
        if changes.format == FORMAT && changes.generation == manifest.generation {
            changes.apply_to(&mut manifest);
            manifest.since_copy = changes;
        }
        Ok(manifest)
    }

    /// Writes `self`, the manifest after a publish that read `last`: only
    /// the changes since the last whole copy while they are few, else a
    /// new whole copy. Each file is written whole or not at all (a publish
    /// cut short leaves the last one, and so makes again what it had not
    /// finished).
    pub fn save_after(mut self, last: &Manifest, path: &Path) -> Result<Self, PublishError> {
        let changes = Changes::between(last, &self);
        let entries = self.sources.len() + self.outputs.len();
        let changes_path = changes_path_for(path);
        if last.generation != 0 && changes.len() * 10 <= entries {
            if changes != last.since_copy {
                write_whole(&changes_path, &changes)?;
            }
            self.generation = last.generation;
            self.since_copy = changes;
            return Ok(self);
        }
        self.format = FORMAT;
        self.generation = new_generation(last.generation);
        self.since_copy = Changes::default();
        write_whole(path, &self)?;
        match std::fs::remove_file(&changes_path) {
            Ok(()) => Ok(self),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(self),
            Err(err) => Err(PublishError::write("remove", &changes_path, err)),
        }
    }
}

/// A generation no earlier copy had: the time in nanoseconds, or one more
/// than the last where the clock says otherwise.
fn new_generation(last: u64) -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos() as u64);
    now.max(last + 1)
}

/// Writes `value` as JSON to `path`, whole or not at all.
fn write_whole<T: Serialize>(path: &Path, value: &T) -> Result<(), PublishError> {
    let text = serde_json::to_vec(value).map_err(|err| PublishError::Make {
        path: path.display().to_string(),
        why: err.to_string(),
    })?;
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, text)
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|err| PublishError::write("write", path, err))
}

/// A file's size and modification time, as the manifest keeps them.
pub fn stamp(metadata: &std::fs::Metadata) -> (u64, u64) {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos() as u64);
    (metadata.len(), modified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_lives_beside_dist_not_in_it() {
        assert_eq!(
            path_for(Path::new("dist")),
            PathBuf::from("dist.manifest.json")
        );
        assert_eq!(
            path_for(Path::new("/tmp/site/out")),
            PathBuf::from("/tmp/site/out.manifest.json")
        );
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("manifest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn written(n: u64) -> Written {
        Written {
            inputs: n,
            bytes: n,
            size: n,
        }
    }

    /// A scratch folder with a manifest's whole copy of 100 outputs just
    /// written: the folder, the copy's path, its changes' path, the copy.
    fn first_copy(name: &str) -> (PathBuf, PathBuf, PathBuf, Manifest) {
        let dir = scratch(name);
        let path = dir.join("dist.manifest.json");
        let changes_path = dir.join("dist.manifest.changes.json");
        let first = site_of(100)
            .save_after(&Manifest::default(), &path)
            .unwrap();
        (dir, path, changes_path, first)
    }

    /// A manifest of `files` outputs named `0.html`, `1.html`…
    fn site_of(files: u64) -> Manifest {
        Manifest {
            outputs: (0..files)
                .map(|n| (format!("{n}.html"), written(n)))
                .collect(),
            ..Manifest::default()
        }
    }

    #[test]
    fn a_manifest_of_another_format_or_none_at_all_is_refused_saying_why() {
        let dir = scratch("refused");
        let path = dir.join("dist.manifest.json");
        assert_eq!(
            Manifest::load(&path).unwrap_err(),
            "there is no manifest yet"
        );
        std::fs::write(&path, r#"{"format":0,"sources":{},"outputs":{}}"#).unwrap();
        assert!(Manifest::load(&path)
            .unwrap_err()
            .contains("another format"));
        std::fs::write(&path, "{").unwrap();
        assert!(Manifest::load(&path)
            .unwrap_err()
            .contains("is not a manifest"));
        let saved = Manifest::default()
            .save_after(&Manifest::default(), &path)
            .unwrap();
        assert_eq!(Manifest::load(&path).unwrap(), saved);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_publish_that_changes_little_writes_only_the_changes_and_the_next_reads_them() {
        let (dir, path, changes_path, first) = first_copy("changes");
        let copy = std::fs::read(&path).unwrap();
        assert!(!changes_path.exists());

        // Two publishes: one file changed and one gone, then another changed.
        let mut next = Manifest::load(&path).unwrap();
        assert_eq!(next, first);
        next.outputs.insert("3.html".into(), written(1003));
        next.outputs.remove("4.html");
        let second = next.save_after(&first, &path).unwrap();
        let mut next = Manifest::load(&path).unwrap();
        assert_eq!(next.outputs, second.outputs);
        next.outputs.insert("5.html".into(), written(1005));
        let third = next.save_after(&second, &path).unwrap();

        assert_eq!(
            std::fs::read(&path).unwrap(),
            copy,
            "the whole copy is left alone"
        );
        let read = Manifest::load(&path).unwrap();
        assert_eq!(read, third);
        assert_eq!(read.outputs["3.html"], written(1003));
        assert_eq!(read.outputs["5.html"], written(1005));
        assert!(!read.outputs.contains_key("4.html"));
        assert_eq!(
            read.since_copy.outputs.len(),
            3,
            "all changes since the copy"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn past_a_tenth_of_the_entries_a_whole_copy_is_written_and_the_changes_go() {
        let (dir, path, changes_path, first) = first_copy("whole");
        let mut next = first.clone();
        next.outputs.insert("1.html".into(), written(1001));
        let second = next.save_after(&first, &path).unwrap();
        assert!(changes_path.exists());
        let mut next = second.clone();
        for n in 10..20 {
            next.outputs.insert(format!("{n}.html"), written(1000 + n));
        }
        let third = next.save_after(&second, &path).unwrap();
        assert!(!changes_path.exists());
        assert_ne!(third.generation, first.generation);
        let read = Manifest::load(&path).unwrap();
        assert_eq!(read.outputs, third.outputs);
        assert_eq!(read.outputs["1.html"], written(1001));
        assert!(read.since_copy.outputs.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn changes_to_another_copy_are_not_applied_and_unreadable_ones_are_an_error() {
        let (dir, path, changes_path, first) = first_copy("stale");
        let mut next = first.clone();
        next.outputs.insert("1.html".into(), written(1001));
        next.save_after(&first, &path).unwrap();
        // A whole copy written again, as a publish cut short before it
        // removed the changes would leave it.
        let stale = std::fs::read(&changes_path).unwrap();
        let full = site_of(100)
            .save_after(&Manifest::default(), &path)
            .unwrap();
        std::fs::write(&changes_path, stale).unwrap();
        assert_eq!(Manifest::load(&path).unwrap(), full);

        std::fs::write(&changes_path, "{").unwrap();
        let why = Manifest::load(&path).unwrap_err();
        assert!(why.contains("is not a manifest's changes"), "{why}");
        assert!(why.contains("full build"), "{why}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
