//! What decoding a story file gives, asserted the same way natively (where
//! serde_json parses the text: `tests/decoding.rs`) and in the browser
//! (where `JSON.parse` does: `tests/browser.rs`), so that the two parsers
//! are held to one answer.

use news_portal::model::{Article, Block, DecodeError, StoryFormat};

const STORY: &str = r#"{
  "slug": "a-story-of-every-kind-of-field",
  "headline": "Caf\u00e9 owners say \u201cenough\u201d \u2014 and mean it",
  "standfirst": null,
  "section": null,
  "byline": "Tom Price",
  "authors": ["jane-smith", {"id": "tom-price", "name": "Tom Price"}],
  "published": "2026-11-26T08:15:00Z",
  "updated": "2026-11-26T09:00:00+01:00",
  "image": {"src": "/images/a-1280.webp", "alt": "A caf\u00e9", "width": 1280, "height": 720,
            "sources": [{"src": "/images/a-640.webp", "width": 640}]},
  "key_points": ["One", "  ", "Two"],
  "body": [
    {"type": "paragraph", "text": ["Plain, ", {"text": "linked", "link": "/news/x"}, {"text": " and loud", "emphasis": true}]},
    {"type": "picture", "image": {"src": "/images/b.webp", "alt": "B", "width": 1.5, "height": 10}},
    {"type": "picture", "image": {"src": "/images/c.webp", "alt": "C", "width": -5, "height": 10}},
    {"type": "list", "ordered": true, "items": ["First", "Second"]},
    {"type": "quote", "text": "Line one\nline two \\ \"quoted\"", "attribution": null}
  ],
  "live": {
    "total": 30, "pages": 2,
    "key_events": [{"id": "start", "label": "It began", "published": "2026-11-26T08:00:00Z", "page": 1}],
    "posts": [
      {"id": "later", "published": "2026-11-26T08:30:00Z", "body": [{"type": "paragraph", "text": "Later."}], "pinned": true},
      {"id": "start", "published": "2026-11-26T08:00:00Z", "body": [{"type": "paragraph", "text": "It began."}], "key_event": true},
      {"id": "Bad Id", "published": "2026-11-26T08:10:00Z", "body": [{"type": "paragraph", "text": "x"}]}
    ]
  }
}"#;

/// Every field of a story file reads as the build reads it, whichever
/// parser read the text.
pub fn a_story_file_reads_the_same_whichever_parser_reads_it() {
    let decoded = Article::from_json(STORY).unwrap();
    let story = decoded.value;
    assert_eq!(story.headline, "Café owners say “enough” — and mean it");
    assert_eq!(story.standfirst, "");
    assert_eq!(story.section, None);
    let authors: Vec<_> = story.authors.iter().map(|tag| tag.label()).collect();
    assert_eq!(authors, ["jane-smith", "Tom Price"]);
    assert_eq!(story.updated.unwrap().to_rfc3339(), "2026-11-26T08:00:00Z");
    let image = story.image.as_ref().unwrap();
    assert_eq!((image.width, image.height), (1280, 720));
    assert_eq!(image.sources[0].width, 640);
    assert_eq!(story.key_points, ["One", "Two"]);
    let Block::Paragraph { text } = &story.body[0] else {
        panic!("{:?}", story.body[0])
    };
    assert_eq!(text.as_str(), "Plain, linked and loud");
    assert_eq!(text.runs()[1].href(), Some("/news/x"));
    assert!(text.runs()[2].emphasis);
    assert!(matches!(&story.body[1], Block::List { items, ordered: true } if items.len() == 2));
    assert!(
        matches!(&story.body[2], Block::Quote { text, attribution: None } if text == "Line one\nline two \\ \"quoted\"")
    );
    let skipped: Vec<(&str, &str)> = decoded
        .skipped
        .iter()
        .map(|skipped| (skipped.at.as_str(), skipped.why.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("live.posts[2]", "the post's id \"Bad Id\" is not lowercase letters, digits and hyphens"),
            ("body[1]", "a picture block's image cannot be shown: `width` should be a whole number, not a number"),
            ("body[2]", "a picture block's image cannot be shown: `width` should be a whole number, not a number"),
        ]
    );
    assert_eq!(story.format(), StoryFormat::Live);
    let live = story.live.as_ref().unwrap();
    let ids: Vec<_> = live.posts.iter().map(|post| post.id.as_str()).collect();
    assert_eq!(ids, ["later", "start"]);
    assert_eq!((live.total, live.pages), (30, 2));
    assert_eq!(live.key_events[0].page, 1);
}

/// A story file with a field the site does not know, nested `depth` deep.
fn nested(depth: usize) -> String {
    let field = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let story = r#"{"slug": "a", "headline": "A", "published": "2026-11-26T08:15:00Z",
        "body": [{"type": "paragraph", "text": "Words."}], "extra": "#;
    format!("{story}{field}}}")
}

/// Text that is not JSON, or JSON of the wrong shape, is malformed,
/// whichever parser read it; so is JSON nested deeper than serde_json's
/// limit (128), which the browser's copy keeps too.
pub fn what_is_not_a_story_file_is_malformed() {
    let too_deep = nested(200);
    let cases = [
        "",
        "{\"slug\":",
        "<html>",
        "[1, 2]",
        "{\"slug\": \"a\", \"headline\": 5}",
        &too_deep,
    ];
    for text in cases {
        assert!(
            matches!(Article::from_json(text), Err(DecodeError::Malformed(_))),
            "{text}"
        );
    }
    assert_eq!(
        Article::from_json(&nested(100)).unwrap().value.headline,
        "A"
    );
}
