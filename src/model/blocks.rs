//! A story's body: typed blocks, one component each.

use super::decode::Skipped;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

/// A piece of an article's body. Each kind has a component of its own.
///
/// Decoded through [`BlockFields`], a flat struct, rather than serde's
/// internally tagged enums: their buffering costs 17 KB of wasm, and a
/// block that cannot be read becomes [`Block::Broken`] instead of failing
/// the whole story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", from = "BlockFields")]
pub enum Block {
    Paragraph {
        text: String,
    },
    Subheading {
        text: String,
    },
    Quote {
        text: String,
        #[serde(default)]
        attribution: Option<String>,
    },
    /// A kind of block this version of the site does not know yet. It is
    /// skipped rather than failing the whole story.
    Unsupported {
        kind: String,
    },
    /// A block that could not be read (no text, a field of the wrong
    /// type). It is skipped, and reported.
    Broken {
        why: String,
    },
}

/// Every field any block has, as the JSON carries them.
#[derive(Deserialize)]
struct BlockFields {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    attribution: Option<String>,
}

impl From<BlockFields> for Block {
    fn from(fields: BlockFields) -> Self {
        let text = fields.text.filter(|text| !text.trim().is_empty());
        match (fields.kind.as_str(), text) {
            ("paragraph", Some(text)) => Block::Paragraph { text },
            ("subheading", Some(text)) => Block::Subheading { text },
            ("quote", Some(text)) => Block::Quote {
                text,
                attribution: fields.attribution.filter(|who| !who.trim().is_empty()),
            },
            (kind @ ("paragraph" | "subheading" | "quote"), None) => Block::Broken {
                why: format!("a {kind} block has no text"),
            },
            ("", _) => Block::Broken {
                why: "a block has no type".into(),
            },
            (kind, _) => Block::Unsupported { kind: kind.into() },
        }
    }
}

/// The body, one block at a time: a block that does not decode at all
/// (a number where its text belongs, say) becomes [`Block::Broken`].
pub(crate) fn blocks<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Block>, D::Error> {
    let raw: Vec<Box<RawValue>> = Vec::deserialize(deserializer)?;
    Ok(raw
        .iter()
        .map(|raw| {
            serde_json::from_str(raw.get()).unwrap_or_else(|err| Block::Broken {
                why: format!("a block could not be read: {err}"),
            })
        })
        .collect())
}

impl Block {
    /// Its words, for a block of words (a paragraph, a subheading, a quote).
    pub fn text(&self) -> Option<&str> {
        match self {
            Block::Paragraph { text } | Block::Subheading { text } | Block::Quote { text, .. } => {
                Some(text)
            }
            Block::Unsupported { .. } | Block::Broken { .. } => None,
        }
    }
}

/// Leaves out of `blocks` what cannot be shown (a kind this version does
/// not know, a block that could not be read), each reported in `skipped`
/// as `<at>[i]`.
pub(crate) fn keep_showable(blocks: &mut Vec<Block>, at: &str, skipped: &mut Vec<Skipped>) {
    let mut index = 0;
    blocks.retain(|block| {
        let here = format!("{at}[{index}]");
        index += 1;
        match block {
            Block::Unsupported { kind } => skipped.push(Skipped {
                at: here,
                why: format!("this version of the site does not show \"{kind}\" blocks"),
                unknown_kind: true,
            }),
            Block::Broken { why } => skipped.push(Skipped::fault(here, why.clone())),
            _ => return true,
        }
        false
    });
}
