//! What a publish knows of the site it last wrote, kept beside `dist/`
//! (never inside it: `dist/` is uploaded as it is), in
//! `<dist>.manifest.json`:
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
//! A missing or unreadable manifest, or one of another format, means a
//! full build.

use super::records::StoryRecord;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The manifest's format: a publish that finds another makes a full build.
/// (2: records say whether a story is a live page.)
pub const FORMAT: u32 = 2;

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
}

/// Where the manifest of `dist` is kept: beside it.
pub fn path_for(dist: &Path) -> PathBuf {
    let mut name = dist
        .file_name()
        .map(|name| name.to_os_string())
        .unwrap_or_else(|| "dist".into());
    name.push(".manifest.json");
    dist.with_file_name(name)
}

impl Manifest {
    /// The manifest at `path`; `Err` says why there is none to use.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => "there is no manifest yet".to_owned(),
            _ => format!("{} cannot be read: {err}", path.display()),
        })?;
        let manifest: Manifest = serde_json::from_str(&text)
            .map_err(|err| format!("{} is not a manifest: {err}", path.display()))?;
        if manifest.format != FORMAT {
            return Err(format!(
                "{} is of another format ({}, not {FORMAT})",
                path.display(),
                manifest.format
            ));
        }
        Ok(manifest)
    }

    /// Writes the manifest to `path`, whole or not at all (a publish cut
    /// short leaves the last one, and so makes again what it had not
    /// finished).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string(self).map_err(|err| err.to_string())?;
        let partial = path.with_extension("json.partial");
        std::fs::write(&partial, text)
            .and_then(|()| std::fs::rename(&partial, path))
            .map_err(|err| format!("cannot write {}: {err}", path.display()))
    }
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

    #[test]
    fn a_manifest_of_another_format_or_none_at_all_is_refused_saying_why() {
        let dir = std::env::temp_dir().join(format!("manifest-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
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
        let manifest = Manifest {
            format: FORMAT,
            ..Manifest::default()
        };
        manifest.save(&path).unwrap();
        assert_eq!(Manifest::load(&path).unwrap(), manifest);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
