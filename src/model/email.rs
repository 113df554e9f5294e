//! E-mail address validation, shared by the signup form and the signup
//! service, written by hand to the WHATWG HTML standard's definition of a
//! valid e-mail address:
//!
//! ```text
//! local  = 1*( ALPHA / DIGIT / "." / "!#$%&'*+/=?^_`{|}~-" )
//! label  = ALNUM [ *61( ALNUM / "-" ) ALNUM ]
//! email  = local "@" label *( "." label )
//! ```
//!
//! plus the practical limit of 254 characters for a whole address.

use std::fmt;

/// The longest address accepted: what fits in SMTP's forward path.
pub const MAX_EMAIL_LEN: usize = 254;

/// Why an address was refused, with the message a reader is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    Invalid,
}

impl EmailError {
    /// The message shown on the field.
    pub fn message(self) -> &'static str {
        match self {
            EmailError::Empty => "Please enter your email address.",
            EmailError::Invalid => "Please enter a valid email address, like name@example.com.",
        }
    }
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for EmailError {}

/// Trims `input` and checks it; returns the trimmed address.
pub fn validate_email(input: &str) -> Result<&str, EmailError> {
    let email = input.trim();
    if email.is_empty() {
        return Err(EmailError::Empty);
    }
    if email.len() > MAX_EMAIL_LEN || !is_valid_email(email) {
        return Err(EmailError::Invalid);
    }
    Ok(email)
}

/// The key two addresses are compared by: ASCII-lowercased (a valid
/// address is ASCII).
pub fn email_key(email: &str) -> String {
    email.trim().to_ascii_lowercase()
}

fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty() && local.bytes().all(is_local_byte) && domain.split('.').all(is_valid_label)
}

fn is_local_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&byte)
}

fn is_valid_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            bytes.len() <= 63
                && first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Case {
        input: String,
        /// `"ok"`, `"empty"` or `"invalid"`.
        expect: String,
        why: String,
    }

    const TABLE: &str = include_str!("../../tests/fixtures/email-cases.json");

    #[test]
    fn every_case_in_the_shared_table_gets_its_expected_verdict() {
        let cases: Vec<Case> = serde_json::from_str(TABLE).unwrap();
        assert!(cases.len() >= 60, "the table has {} cases", cases.len());
        // Every row is judged; every wrong verdict is reported, not just
        // the first.
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|case| {
                let verdict = match validate_email(&case.input) {
                    Ok(_) => "ok",
                    Err(EmailError::Empty) => "empty",
                    Err(EmailError::Invalid) => "invalid",
                };
                (verdict != case.expect).then(|| {
                    format!(
                        "{:?}: {verdict}, not {} ({})",
                        case.input, case.expect, case.why
                    )
                })
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn valid_addresses_come_back_trimmed() {
        assert_eq!(
            validate_email("  reader@example.co.uk \n"),
            Ok("reader@example.co.uk")
        );
    }

    #[test]
    fn messages_are_the_ones_readers_see() {
        assert_eq!(
            EmailError::Empty.message(),
            "Please enter your email address."
        );
        assert_eq!(
            EmailError::Invalid.message(),
            "Please enter a valid email address, like name@example.com."
        );
    }

    #[test]
    fn keys_ignore_case_and_surrounding_space() {
        assert_eq!(email_key(" Reader@Example.CO.UK "), "reader@example.co.uk");
    }
}
