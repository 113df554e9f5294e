//! A story's lead image: where it is, in which sizes, what it shows.

use super::fields::Fields;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// The picture a story leads with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadImage {
    /// The picture at its largest: a path on this site or an `https://` URL.
    pub src: String,
    /// What it shows, for readers who cannot see it.
    pub alt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Who made it: "Illustration: Britain's News Portal".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The size of `src`, in pixels: the space it takes before it arrives.
    pub width: u32,
    pub height: u32,
    /// Smaller copies of the same picture, for `srcset`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ImageSource>,
}

/// One copy of a picture at one width.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageSource {
    pub src: String,
    pub width: u32,
}

/// The largest side an image may claim (a typo would otherwise reserve a
/// page of space).
const MAX_SIDE: u32 = 10_000;

/// Whether `src` is somewhere a page may load a picture from.
fn is_safe_src(src: &str) -> bool {
    let local = src.starts_with('/') && !src.starts_with("//");
    (local || src.starts_with("https://")) && !src.contains(char::is_whitespace)
}

impl LeadImage {
    /// Decodes and checks an image: a description, a safe address and a
    /// plausible size are required.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let value: Value = serde_json::from_str(json).map_err(|err| err.to_string())?;
        LeadImage::from_value(&value)
    }

    /// The same, of an image already parsed.
    pub(crate) fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        let sources = fields.list("sources")?.iter().map(|source| {
            let source = Fields::of(source)?;
            Ok(ImageSource {
                src: source.string("src")?,
                width: source.count("width")?,
            })
        });
        let image = LeadImage {
            src: fields.string("src")?,
            alt: fields.string("alt")?,
            caption: fields.optional_string("caption")?,
            credit: fields.optional_string("credit")?,
            width: fields.count("width")?,
            height: fields.count("height")?,
            sources: sources.collect::<Result<_, String>>()?,
        };
        image.check().map(|()| image)
    }

    fn check(&self) -> Result<(), String> {
        if self.alt.trim().is_empty() {
            return Err("it has no alt text: describe what it shows".into());
        }
        if !is_safe_src(&self.src) {
            return Err(format!(
                "its src \"{}\" is not a path on this site or an https:// address",
                self.src
            ));
        }
        let plausible = |side: u32| (1..=MAX_SIDE).contains(&side);
        if !plausible(self.width) || !plausible(self.height) {
            return Err(format!(
                "its size {} × {} is not one a picture can have",
                self.width, self.height
            ));
        }
        for source in &self.sources {
            if !is_safe_src(&source.src) || !plausible(source.width) {
                return Err(format!(
                    "its source \"{}\" ({} wide) is not usable",
                    source.src, source.width
                ));
            }
        }
        Ok(())
    }

    /// `srcset`: every copy, the largest included, narrowest first, each
    /// width once.
    pub fn srcset(&self) -> String {
        let mut copies: Vec<(u32, &str)> = self
            .sources
            .iter()
            .map(|source| (source.width, source.src.as_str()))
            .chain([(self.width, self.src.as_str())])
            .collect();
        copies.sort_by_key(|(width, _)| *width);
        copies.dedup_by_key(|(width, _)| *width);
        copies
            .iter()
            .map(|(width, src)| format!("{src} {width}w"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// An optional image that does not fail the story when it cannot be used:
/// it is left out (and `Article::from_json` says why).
pub(crate) fn lenient_image<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<LeadImage>, D::Error> {
    let value: Option<Value> = Option::deserialize(deserializer)?;
    Ok(value.and_then(|value| LeadImage::from_value(&value).ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn image() -> serde_json::Value {
        json!({
            "src": "/images/a-1280.webp",
            "alt": "Wind over hills",
            "caption": "Gusts of up to 70mph.",
            "credit": "Illustration: Britain's News Portal",
            "width": 1280,
            "height": 720,
            "sources": [{ "src": "/images/a-640.webp", "width": 640 }]
        })
    }

    #[test]
    fn srcset_lists_every_width_narrowest_first() {
        let image = LeadImage::from_json(&image().to_string()).unwrap();
        assert_eq!(
            image.srcset(),
            "/images/a-640.webp 640w, /images/a-1280.webp 1280w"
        );
    }

    #[test]
    fn an_image_needs_alt_text_a_safe_address_and_a_real_size() {
        for (field, value, why) in [
            ("alt", json!(" "), "no alt text"),
            (
                "src",
                json!("javascript:alert(1)"),
                "is not a path on this site",
            ),
            (
                "src",
                json!("//evil.example/x.png"),
                "is not a path on this site",
            ),
            ("width", json!(0), "is not one a picture can have"),
            ("height", json!(100_000), "is not one a picture can have"),
            (
                "sources",
                json!([{ "src": "http://x/y.png", "width": 9 }]),
                "is not usable",
            ),
        ] {
            let mut bad = image();
            bad[field] = value;
            let why_not = LeadImage::from_json(&bad.to_string()).unwrap_err();
            assert!(why_not.contains(why), "{field}: {why_not}");
        }
        let mut no_alt = image();
        no_alt.as_object_mut().unwrap().remove("alt");
        assert!(LeadImage::from_json(&no_alt.to_string())
            .unwrap_err()
            .contains("alt"));
    }
}
