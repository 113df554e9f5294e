//! Words with links, emphasis and quotations in them: a paragraph's or a
//! list item's text, as a story file writes it and the page shows it.
//!
//! A story file writes it either as a plain string or as a list of runs,
//! each a string or `{"text", "link"?, "emphasis"?, "quote"?}`:
//!
//! ```json
//! ["The mayor ", {"text": "said in a letter", "link": "https://www.london.gov.uk/"},
//!  " that the deal was ", {"text": "not", "emphasis": true}, " going ahead."]
//! ```
//!
//! Nothing in it is ever read as markup: every run is text, and a link is a
//! link only to an `http`/`https` address or one of the site's own
//! (`/news/…`); any other address (`javascript:`, `data:`) shows its words
//! as plain text.

use super::fields::{kind, Fields};
use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde_json::Value;

/// Words, in runs that may each be a link, emphasised or quoted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RichText {
    /// Every run's words, one after another: what search, descriptions
    /// and reading times read.
    plain: String,
    runs: Vec<TextRun>,
}

/// A stretch of words marked the same way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextRun {
    pub text: String,
    /// Where it links to, as the story file wrote it: see [`TextRun::href`].
    pub link: Option<String>,
    pub emphasis: bool,
    /// Words quoted inline (`<q>`), the quotation marks the page's.
    pub quote: bool,
}

impl TextRun {
    fn plain(text: String) -> Self {
        TextRun {
            text,
            ..TextRun::default()
        }
    }

    fn same_marks(&self, other: &TextRun) -> bool {
        self.link == other.link && self.emphasis == other.emphasis && self.quote == other.quote
    }

    fn is_plain(&self) -> bool {
        self.link.is_none() && !self.emphasis && !self.quote
    }

    /// The address it links to, if it is one a page may link to.
    pub fn href(&self) -> Option<&str> {
        self.link.as_deref().filter(|link| is_safe_link(link))
    }

    /// Its address, when it has one the page will not link to.
    pub fn refused_link(&self) -> Option<&str> {
        self.link.as_deref().filter(|link| !is_safe_link(link))
    }
}

/// Whether a page may link to `link`: an `http`/`https` address with a
/// host, or a path on this site (not `//host`, which leaves it).
pub fn is_safe_link(link: &str) -> bool {
    if link.is_empty() || link.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let lower = link.to_ascii_lowercase();
    let web = ["https://", "http://"].into_iter().any(|scheme| {
        lower
            .strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with(['/', '?', '#']))
    });
    let local = link.starts_with('/') && !link.starts_with("//") && !link.starts_with("/\\");
    web || local
}

impl RichText {
    /// Its words without their marks.
    pub fn as_str(&self) -> &str {
        &self.plain
    }

    pub fn runs(&self) -> &[TextRun] {
        &self.runs
    }

    pub fn into_runs(self) -> Vec<TextRun> {
        self.runs
    }

    pub fn into_plain(self) -> String {
        self.plain
    }

    /// Its runs whose link the page will not follow: they show as words.
    pub fn refused_links(&self) -> impl Iterator<Item = &TextRun> {
        self.runs.iter().filter(|run| run.refused_link().is_some())
    }

    /// The runs, each next to one marked differently (two side by side
    /// marked the same are one run: the same words read back the same).
    fn from_runs(runs: Vec<TextRun>) -> Self {
        let mut joined: Vec<TextRun> = Vec::with_capacity(runs.len());
        for run in runs.into_iter().filter(|run| !run.text.is_empty()) {
            match joined.last_mut() {
                Some(last) if last.same_marks(&run) => last.text.push_str(&run.text),
                _ => joined.push(run),
            }
        }
        let plain = joined.iter().map(|run| run.text.as_str()).collect();
        RichText {
            plain,
            runs: joined,
        }
    }
}

impl From<String> for RichText {
    fn from(text: String) -> Self {
        RichText::from_runs(vec![TextRun::plain(text)])
    }
}

impl From<&str> for RichText {
    fn from(text: &str) -> Self {
        RichText::from(text.to_owned())
    }
}

impl RichText {
    /// Words as a story file writes them: a string, or a list of runs,
    /// each a string or `{"text", "link", "emphasis", "quote"}`.
    pub(crate) fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(text) => Ok(RichText::from(text.as_str())),
            Value::Array(runs) => runs
                .iter()
                .map(TextRun::from_value)
                .collect::<Result<_, _>>()
                .map(RichText::from_runs),
            other => Err(format!(
                "expected words, or a list of runs of words, not {}",
                kind(other)
            )),
        }
    }
}

impl TextRun {
    fn from_value(value: &Value) -> Result<Self, String> {
        if let Value::String(text) = value {
            return Ok(TextRun::plain(text.clone()));
        }
        let fields = Fields::of(value)
            .map_err(|_| format!("expected words, or a run of words, not {}", kind(value)))?;
        Ok(TextRun {
            text: fields.string("text")?,
            link: fields.optional_string("link")?,
            emphasis: fields.flag("emphasis")?,
            quote: fields.flag("quote")?,
        })
    }
}

/// Back as a story file writes it: a string when nothing is marked.
impl Serialize for RichText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.runs.iter().all(TextRun::is_plain) {
            return serializer.serialize_str(&self.plain);
        }
        let mut seq = serializer.serialize_seq(Some(self.runs.len()))?;
        for run in &self.runs {
            if run.is_plain() {
                seq.serialize_element(&run.text)?;
            } else {
                seq.serialize_element(&RunFields(run))?;
            }
        }
        seq.end()
    }
}

struct RunFields<'a>(&'a TextRun);

impl Serialize for RunFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let run = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("text", &run.text)?;
        if let Some(link) = &run.link {
            map.serialize_entry("link", link)?;
        }
        if run.emphasis {
            map.serialize_entry("emphasis", &true)?;
        }
        if run.quote {
            map.serialize_entry("quote", &true)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn decode(value: serde_json::Value) -> RichText {
        RichText::from_value(&value).unwrap()
    }

    #[test]
    fn a_string_is_one_plain_run() {
        let text = decode(json!("Plain words."));
        assert_eq!(text.as_str(), "Plain words.");
        assert_eq!(text.runs(), [TextRun::plain("Plain words.".into())]);
    }

    #[test]
    fn runs_join_into_the_plain_words_and_keep_their_marks() {
        let text = decode(json!([
            "The mayor ",
            { "text": "said in a letter", "link": "https://www.london.gov.uk/" },
            " that it was ",
            { "text": "not", "emphasis": true },
            " going ahead: ",
            { "text": "we will not sign", "quote": true },
            "."
        ]));
        assert_eq!(
            text.as_str(),
            "The mayor said in a letter that it was not going ahead: we will not sign."
        );
        assert_eq!(text.runs()[1].href(), Some("https://www.london.gov.uk/"));
        assert!(text.runs()[3].emphasis && text.runs()[5].quote);
        assert_eq!(text.refused_links().count(), 0);
    }

    #[test]
    fn only_web_and_site_addresses_are_links() {
        for safe in [
            "https://www.bbc.co.uk/news",
            "HTTP://example.com",
            "/news/a-story",
            "/topic/transport?page=2#top",
        ] {
            assert!(is_safe_link(safe), "{safe}");
        }
        for unsafe_link in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "//evil.example/",
            "/\\evil.example/",
            "https://",
            "https:///path",
            "mailto:desk@example.com",
            "news/relative",
            "https://example.com/a b",
            "",
        ] {
            assert!(!is_safe_link(unsafe_link), "{unsafe_link}");
        }
    }

    #[test]
    fn a_link_to_a_refused_address_keeps_its_words_as_text() {
        let text = decode(json!([
            "Click ",
            { "text": "here", "link": "javascript:alert(1)" }
        ]));
        assert_eq!(text.as_str(), "Click here");
        assert_eq!(text.runs()[1].href(), None);
        let refused: Vec<_> = text
            .refused_links()
            .filter_map(TextRun::refused_link)
            .collect();
        assert_eq!(refused, ["javascript:alert(1)"]);
    }

    #[test]
    fn markup_in_the_words_stays_words() {
        let text =
            decode(json!(["<b>bold</b> ", { "text": "<script>x</script>", "emphasis": true }]));
        assert_eq!(text.as_str(), "<b>bold</b> <script>x</script>");
    }

    #[test]
    fn a_run_without_words_is_an_error_and_empty_runs_are_dropped() {
        assert!(RichText::from_value(&json!([{ "link": "https://a.example" }])).is_err());
        assert!(RichText::from_value(&json!(5)).is_err());
        let text = decode(json!(["", "Kept"]));
        assert_eq!(text.runs().len(), 1);
        let text = decode(
            json!(["One, ", "two, ", { "text": "three", "emphasis": true }, { "text": "!", "emphasis": true }]),
        );
        assert_eq!(text.runs().len(), 2, "runs marked alike are one");
        assert_eq!(text.runs()[1].text, "three!");
    }

    #[test]
    fn it_serializes_as_the_story_file_writes_it() {
        for value in [
            json!("Plain."),
            json!(["A ", { "text": "link", "link": "/news/x" }, { "text": "!", "emphasis": true, "quote": true }]),
        ] {
            let text = decode(value.clone());
            assert_eq!(serde_json::to_value(&text).unwrap(), value);
        }
    }
}
