//! A story's body: typed blocks, one component each.

use super::decode::Skipped;
use super::embed::Embed;
use super::fields::Fields;
use super::rich_text::{RichText, TextRun};
use super::LeadImage;
use serde::Serialize;
use serde_json::Value;

/// A piece of an article's body. Each kind has a component of its own.
///
/// Decoded through [`BlockFields`], every field any block has, read by
/// [`Fields`] rather than serde's internally tagged enums (their buffering
/// cost 17 KB of wasm): a block that cannot be read becomes
/// [`Block::Broken`] instead of failing the whole story.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Words, with links, emphasis and inline quotations (`rich_text.rs`).
    Paragraph {
        text: RichText,
    },
    Subheading {
        text: String,
    },
    Quote {
        text: String,
        #[serde(default)]
        attribution: Option<String>,
    },
    /// A bulleted list, or a numbered one.
    List {
        items: Vec<RichText>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        ordered: bool,
    },
    /// A picture in the text, with its caption and credit.
    Picture {
        image: LeadImage,
    },
    /// A post on X, YouTube or Bluesky, shown as a card linking to it.
    Embed(Embed),
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
struct BlockFields<'a> {
    kind: String,
    text: Option<RichText>,
    attribution: Option<String>,
    items: Option<Vec<RichText>>,
    ordered: bool,
    image: Option<&'a Value>,
    url: Option<String>,
}

impl Block {
    /// A block as the story file gives it; one that cannot be read is
    /// [`Block::Broken`], saying why.
    pub(crate) fn from_value(value: &Value) -> Block {
        BlockFields::read(value)
            .map(Block::of_fields)
            .unwrap_or_else(|why| Block::Broken {
                why: format!("a block could not be read: {why}"),
            })
    }
}

impl<'a> BlockFields<'a> {
    fn read(value: &'a Value) -> Result<Self, String> {
        let fields = Fields::of(value)?;
        Ok(BlockFields {
            kind: fields.string_or_empty("type")?,
            text: fields.optional("text", RichText::from_value)?,
            attribution: fields.optional_string("attribution")?,
            items: fields.optional_each("items", RichText::from_value)?,
            ordered: fields.flag("ordered")?,
            image: fields.get("image"),
            url: fields.optional_string("url")?,
        })
    }
}

impl Block {
    fn of_fields(fields: BlockFields) -> Block {
        let block = match fields.kind.as_str() {
            "paragraph" => fields.words().map(|text| Block::Paragraph { text }),
            "subheading" => fields.words().map(|text| Block::Subheading {
                text: text.into_plain(),
            }),
            "quote" => fields.quote(),
            "list" => fields.list(),
            "picture" => fields.picture(),
            "embed" => Embed::new(
                fields.url,
                fields.text.map(RichText::into_plain),
                fields.attribution,
            )
            .map(Block::Embed),
            "" => Err("a block has no type".into()),
            kind => return Block::Unsupported { kind: kind.into() },
        };
        block.unwrap_or_else(|why| Block::Broken { why })
    }
}

impl BlockFields<'_> {
    /// Its text, which a block of words must have.
    fn words(&self) -> Result<RichText, String> {
        self.text
            .clone()
            .filter(|text| !text.as_str().trim().is_empty())
            .ok_or_else(|| format!("a {} block has no text", self.kind))
    }

    fn quote(&self) -> Result<Block, String> {
        Ok(Block::Quote {
            text: self.words()?.into_plain(),
            attribution: self
                .attribution
                .clone()
                .filter(|who| !who.trim().is_empty()),
        })
    }

    fn list(&self) -> Result<Block, String> {
        let items: Vec<RichText> = self
            .items
            .iter()
            .flatten()
            .filter(|item| !item.as_str().trim().is_empty())
            .cloned()
            .collect();
        if items.is_empty() {
            return Err("a list block has no items".into());
        }
        Ok(Block::List {
            items,
            ordered: self.ordered,
        })
    }

    fn picture(&self) -> Result<Block, String> {
        let image = self.image.ok_or("a picture block has no image")?;
        LeadImage::from_value(image)
            .map(|image| Block::Picture { image })
            .map_err(|why| format!("a picture block's image cannot be shown: {why}"))
    }
}

impl Block {
    /// Its words, each piece as the page shows it (a list's items one by
    /// one, a picture's caption): what search indexes.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Block::Paragraph { text } => vec![text.as_str()],
            Block::Subheading { text } | Block::Quote { text, .. } => vec![text],
            Block::List { items, .. } => items.iter().map(RichText::as_str).collect(),
            Block::Picture { image } => image.caption.as_deref().into_iter().collect(),
            Block::Embed(embed) => embed.text.as_deref().into_iter().collect(),
            Block::Unsupported { .. } | Block::Broken { .. } => Vec::new(),
        }
    }

    /// The words of a block that is itself words: a paragraph or a quote
    /// (what a description or a live post's label may be made of).
    pub fn prose(&self) -> Option<&str> {
        match self {
            Block::Paragraph { text } => Some(text.as_str()),
            Block::Quote { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Its runs whose link the page shows as words instead (to a
    /// `javascript:` address, say): for the content check to report.
    pub fn refused_links(&self) -> Vec<&TextRun> {
        match self {
            Block::Paragraph { text } => text.refused_links().collect(),
            Block::List { items, .. } => items.iter().flat_map(RichText::refused_links).collect(),
            _ => Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn block(value: serde_json::Value) -> Block {
        Block::from_value(&value)
    }

    fn broken_why(value: serde_json::Value) -> String {
        match block(value) {
            Block::Broken { why } => why,
            other => panic!("not broken: {other:?}"),
        }
    }

    #[test]
    fn a_list_keeps_its_items_with_their_links_and_its_order() {
        let list = block(json!({
            "type": "list",
            "ordered": true,
            "items": ["First", ["Second, ", { "text": "linked", "link": "/news/x" }], "  "]
        }));
        let Block::List { items, ordered } = &list else {
            panic!("{list:?}")
        };
        assert!(ordered);
        assert_eq!(list.texts(), ["First", "Second, linked"]);
        assert_eq!(items[1].runs()[1].href(), Some("/news/x"));
        assert!(broken_why(json!({ "type": "list", "items": [" "] })).contains("no items"));
        assert!(broken_why(json!({ "type": "list" })).contains("no items"));
    }

    #[test]
    fn a_picture_needs_an_image_the_page_can_show() {
        let picture = block(json!({
            "type": "picture",
            "image": { "src": "/images/a.webp", "alt": "A street", "width": 1280, "height": 720,
                       "caption": "The street", "credit": "Illustration: us" }
        }));
        assert_eq!(picture.texts(), ["The street"]);
        assert!(broken_why(json!({ "type": "picture" })).contains("no image"));
        let why = broken_why(json!({
            "type": "picture",
            "image": { "src": "javascript:x", "alt": "A", "width": 1, "height": 1 }
        }));
        assert!(
            why.contains("cannot be shown") && why.contains("javascript:x"),
            "{why}"
        );
    }

    #[test]
    fn an_embed_is_a_post_on_a_known_site() {
        let embed = block(json!({
            "type": "embed",
            "url": "https://x.com/metpoliceuk/status/1",
            "text": "Our statement.",
            "attribution": "@metpoliceuk"
        }));
        assert_eq!(embed.texts(), ["Our statement."]);
        assert!(
            broken_why(json!({ "type": "embed", "url": "https://evil.example/" }))
                .contains("X, YouTube or Bluesky")
        );
    }

    #[test]
    fn refused_links_are_found_in_paragraphs_and_lists() {
        let paragraph = block(json!({
            "type": "paragraph",
            "text": ["Go ", { "text": "here", "link": "javascript:alert(1)" }]
        }));
        let list = block(json!({
            "type": "list",
            "items": [[{ "text": "there", "link": "data:text/html,x" }], "fine"]
        }));
        let words = |block: &Block| -> Vec<String> {
            block
                .refused_links()
                .iter()
                .map(|run| run.text.clone())
                .collect()
        };
        assert_eq!(words(&paragraph), ["here"]);
        assert_eq!(words(&list), ["there"]);
        assert_eq!(paragraph.texts(), ["Go here"]);
    }

    #[test]
    fn new_blocks_survive_the_round_trip() {
        for value in [
            json!({ "type": "paragraph", "text": ["A ", { "text": "b", "emphasis": true }] }),
            json!({ "type": "list", "items": ["a", "b"], "ordered": true }),
            json!({ "type": "embed", "url": "https://bsky.app/profile/a/post/1" }),
        ] {
            let decoded = block(value);
            let again: Block = Block::from_value(&serde_json::to_value(&decoded).unwrap());
            assert_eq!(again, decoded);
        }
    }
}
