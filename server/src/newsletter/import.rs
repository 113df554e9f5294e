//! `subscribers import FILE.csv`: a list from another service, as such
//! services export it: a header row naming at least `email` and
//! `confirmed_at` (any case; other columns are ignored). Each valid new
//! address becomes a confirmed subscriber with its own unsubscribe link;
//! a row without a valid address or a time of confirmation (no record of
//! consent, no mail) and a second row of one address are listed by line
//! and skipped; an address already on the list is left as it is, so a
//! rerun imports nothing twice.

use crate::store::{new_token, now, Store, StoreError, SubscriberStatus};
use news_portal::model::{email_key, validate_email, Timestamp};
use std::collections::HashMap;

/// Rows written in one statement.
const ROWS_AT_ONCE: usize = 1000;

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Imported {
    /// New subscribers.
    pub added: u64,
    /// Addresses on the list already.
    pub already: u64,
    /// Rows skipped, by line number (the header is line 1), and why.
    pub skipped: Vec<(u64, String)>,
}

/// Why an import could not start (or stopped).
#[derive(Debug)]
pub enum ImportError {
    /// The header lacks a column it needs.
    Header(String),
    /// The file is not CSV past some line.
    Csv(String),
    Store(StoreError),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Header(why) => write!(f, "{why}"),
            ImportError::Csv(why) => write!(f, "{why}"),
            ImportError::Store(err) => write!(f, "{err}"),
        }
    }
}

impl From<StoreError> for ImportError {
    fn from(err: StoreError) -> Self {
        ImportError::Store(err)
    }
}

/// One subscriber to add.
struct Row {
    email: String,
    key: String,
    confirmed_at: String,
}

/// The time of confirmation as other services write it: RFC 3339, or
/// `YYYY-MM-DD HH:MM:SS` in UTC, or a bare date.
fn confirmed_at(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Timestamp::parse_rfc3339(text)
        .or_else(|_| Timestamp::parse_rfc3339(&format!("{text}Z")))
        .or_else(|_| Timestamp::parse_rfc3339(&format!("{text}T00:00:00Z")))
        .ok()
}

/// Imports `csv` (named `source` in each subscriber's record).
pub async fn import(
    store: &Store,
    csv: impl std::io::Read,
    source: &str,
) -> Result<Imported, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(csv);
    let header = reader
        .headers()
        .map_err(|err| ImportError::Csv(format!("line 1: {err}")))?
        .clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| {
                h.trim()
                    .trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(name)
            })
            .ok_or_else(|| {
                ImportError::Header(format!(
                    "line 1 has no \"{name}\" column (it names: {}); the file needs at least \
                     email and confirmed_at",
                    header.iter().collect::<Vec<_>>().join(", ")
                ))
            })
    };
    let (email_at, confirmed_at_at) = (column("email")?, column("confirmed_at")?);
    let mut imported = Imported::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut rows = Vec::with_capacity(ROWS_AT_ONCE);
    let source = format!("import:{}", source.chars().take(80).collect::<String>());
    for (at, record) in reader.records().enumerate() {
        let line = at as u64 + 2;
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                imported.skipped.push((line, format!("not CSV: {err}")));
                continue;
            }
        };
        let email = record.get(email_at).unwrap_or_default().trim();
        let email = match validate_email(email) {
            Ok(email) => email.to_owned(),
            Err(invalid) => {
                imported
                    .skipped
                    .push((line, format!("\"{email}\": {}", invalid.message())));
                continue;
            }
        };
        let Some(confirmed) = confirmed_at(record.get(confirmed_at_at).unwrap_or_default()) else {
            imported.skipped.push((
                line,
                format!("{email}: no time of confirmation, so no record of consent"),
            ));
            continue;
        };
        let key = email_key(&email);
        if let Some(first) = seen.get(&key) {
            imported
                .skipped
                .push((line, format!("{email}: the same address as line {first}")));
            continue;
        }
        seen.insert(key.clone(), line);
        rows.push(Row {
            email,
            key,
            confirmed_at: confirmed.to_rfc3339(),
        });
        if rows.len() == ROWS_AT_ONCE {
            let added = insert(store, &rows, &source).await?;
            imported.added += added;
            imported.already += rows.len() as u64 - added;
            rows.clear();
        }
    }
    let added = insert(store, &rows, &source).await?;
    imported.added += added;
    imported.already += rows.len() as u64 - added;
    Ok(imported)
}

/// Adds `rows` as confirmed subscribers, leaving addresses already there.
async fn insert(store: &Store, rows: &[Row], source: &str) -> Result<u64, StoreError> {
    if rows.is_empty() {
        return Ok(0);
    }
    let values: Vec<String> = (0..rows.len())
        .map(|n| {
            let p = 5 + n * 5;
            format!(
                "(${}, ${}, $1, ${}, ${}, $2, $3, $4, ${})",
                p,
                p + 1,
                p + 2,
                p + 3,
                p + 4
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO subscribers \
           (email, email_key, status, token, unsubscribe_token, source, consent_version, created_at, confirmed_at) \
         VALUES {} ON CONFLICT (email_key) DO NOTHING",
        values.join(", ")
    );
    let mut query = sqlx::query(&sql)
        .bind(SubscriberStatus::Confirmed.as_str())
        .bind(source)
        .bind("import")
        .bind(now());
    for row in rows {
        query = query
            .bind(&row.email)
            .bind(&row.key)
            .bind(new_token().map_err(StoreError::Random)?)
            .bind(new_token().map_err(StoreError::Random)?)
            .bind(&row.confirmed_at);
    }
    Ok(query.execute(store.pool()).await?.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmation_times_read_as_other_services_write_them() {
        let at = |text: &str| confirmed_at(text).map(|t| t.to_rfc3339());
        assert_eq!(
            at("2026-11-02T07:30:00Z").as_deref(),
            Some("2026-11-02T07:30:00Z")
        );
        assert_eq!(
            at("2026-11-02 07:30:00").as_deref(),
            Some("2026-11-02T07:30:00Z")
        );
        assert_eq!(at("2026-11-02").as_deref(), Some("2026-11-02T00:00:00Z"));
        assert_eq!(at(""), None);
        assert_eq!(at("yesterday"), None);
    }
}
