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
