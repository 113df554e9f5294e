use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::Value;
use std::fmt;

/// Why a payload could not be turned into something the site can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON at all, or JSON of the wrong shape (a required field missing,
    /// a string where a list belongs, an unparseable time…).
    Malformed(String),
    /// Well-formed JSON whose content cannot be shown, such as a blank headline.
    Invalid(String),
}

impl DecodeError {
    pub(crate) fn from_serde(err: serde_json::Error) -> Self {
        DecodeError::Malformed(err.to_string())
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Malformed(why) => write!(f, "malformed data: {why}"),
            DecodeError::Invalid(why) => write!(f, "invalid data: {why}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A decoded payload, with what was left out of it so that one bad item
/// costs only that item.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    pub value: T,
    pub skipped: Vec<Skipped>,
}

/// One item a decoder left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where it was in the payload: `articles[2]`, `body[5]`.
    pub at: String,
    /// What was wrong with it, as a sentence.
    pub why: String,
    /// Only of a kind this version of the site does not know (a block type
    /// added later, say): expected, not a fault in the data.
    pub unknown_kind: bool,
}

impl Skipped {
    pub(crate) fn fault(at: String, why: impl Into<String>) -> Self {
        Skipped {
            at,
            why: why.into(),
            unknown_kind: false,
        }
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} was left out: {}", self.at, self.why)
    }
}

/// Decodes each item of a JSON list on its own and keeps those that decode
/// and pass `check`; the others are reported as `list[i]`.
pub(crate) fn decode_each<T: DeserializeOwned>(
    list: &str,
    items: &[&RawValue],
    check: impl Fn(&T) -> Result<(), String>,
) -> (Vec<T>, Vec<Skipped>) {
    let mut kept = Vec::with_capacity(items.len());
    let mut skipped = Vec::new();
    for (index, raw) in items.iter().enumerate() {
        let at = || format!("{list}[{index}]");
        match serde_json::from_str::<T>(raw.get()) {
            Ok(item) => match check(&item) {
                Ok(()) => kept.push(item),
                Err(why) => skipped.push(Skipped::fault(at(), why)),
            },
            Err(err) => skipped.push(Skipped::fault(at(), err.to_string())),
        }
    }
    (kept, skipped)
}

/// Reads each item of a list on its own and keeps those that `read`
/// accepts; the others are reported as `list[i]`.
pub(crate) fn read_each<T>(
    list: &str,
    items: &[Value],
    read: impl Fn(&Value) -> Result<T, String>,
) -> (Vec<T>, Vec<Skipped>) {
    let mut kept = Vec::with_capacity(items.len());
    let mut skipped = Vec::new();
    for (index, item) in items.iter().enumerate() {
        match read(item) {
            Ok(item) => kept.push(item),
            Err(why) => skipped.push(Skipped::fault(format!("{list}[{index}]"), why)),
        }
    }
    (kept, skipped)
}
