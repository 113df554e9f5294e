//! Signups in SQLite: one row per address, an outbox of confirmation links,
//! and the answers given to each idempotency key.
//!
//! Every signup is committed (WAL, `synchronous=FULL`) before its reply is
//! sent, so an accepted signup survives a crash or a shutdown.

use news_portal::model::{email_key, SignupStatus, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::{path::Path, sync::Mutex};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS subscribers (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL,
    email_key       TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
    token           TEXT NOT NULL UNIQUE,
    source          TEXT NOT NULL,
    consent_version TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    confirmed_at    TEXT
);
CREATE TABLE IF NOT EXISTS outbox (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    kind          TEXT NOT NULL,
    link          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    sent_at       TEXT
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key        TEXT PRIMARY KEY,
    email_key  TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created_at);
";

/// What one signup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signup {
    /// Where the address now stands. `confirm_link` is set when this call
    /// stored a new address (and queued its confirmation e-mail).
    Done {
        status: SignupStatus,
        subscriber: i64,
        confirm_link: Option<String>,
    },
    /// The idempotency key was used before for another address.
    KeyReused,
}

/// What confirming a token did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    Confirmed,
    AlreadyConfirmed,
    UnknownToken,
}

/// The signup database.
pub struct Store {
    connection: Mutex<Connection>,
}

/// What a new signup carries besides the address.
pub struct NewSignup<'a> {
    pub email: &'a str,
    pub source: &'a str,
    pub consent_version: &'a str,
    pub idempotency_key: Option<&'a str>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(parent);
        }
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.execute_batch(SCHEMA)?;
        Ok(Store {
            connection: Mutex::new(connection),
        })
    }

    /// Records a signup, once per address (compared case-insensitively) and
    /// once per idempotency key, in one transaction.
    pub fn sign_up(&self, signup: &NewSignup, confirm_url: &str) -> rusqlite::Result<Signup> {
        let key = email_key(signup.email);
        let now = now();
        let mut connection = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Keys are for retries, which come within minutes: forget them after a day.
        tx.execute(
            "DELETE FROM idempotency_keys WHERE created_at < ?1",
            [a_day_before_now()],
        )?;

        if let Some(idempotency_key) = signup.idempotency_key {
            let earlier: Option<(String, String)> = tx
                .query_row(
                    "SELECT email_key, status FROM idempotency_keys WHERE key = ?1",
                    [idempotency_key],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            if let Some((earlier_key, status)) = earlier {
                if earlier_key != key {
                    return Ok(Signup::KeyReused);
                }
                let subscriber: i64 = tx.query_row(
                    "SELECT id FROM subscribers WHERE email_key = ?1",
                    [&key],
                    |row| row.get(0),
                )?;
                return Ok(Signup::Done {
                    status: parse_status(&status),
                    subscriber,
                    confirm_link: None,
                });
            }
        }

        let existing: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, status FROM subscribers WHERE email_key = ?1",
                [&key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let (subscriber, status, confirm_link) = match existing {
            Some((id, status)) if status == "confirmed" => {
                (id, SignupStatus::AlreadySubscribed, None)
            }
            Some((id, _)) => (id, SignupStatus::Pending, None),
            None => {
                let token = new_token().map_err(|err| {
                    rusqlite::Error::ToSqlConversionFailure(Box::new(std::io::Error::other(
                        err.to_string(),
                    )))
                })?;
                tx.execute(
                    "INSERT INTO subscribers (email, email_key, status, token, source, consent_version, created_at)
                     VALUES (?1, ?2, 'pending', ?3, ?4, ?5, ?6)",
                    params![signup.email.trim(), key, token, signup.source, signup.consent_version, now],
                )?;
                let id = tx.last_insert_rowid();
                let link = format!("{confirm_url}?token={token}");
                tx.execute(
                    "INSERT INTO outbox (subscriber_id, kind, link, created_at) VALUES (?1, 'confirm', ?2, ?3)",
                    params![id, link, now],
                )?;
                (id, SignupStatus::Pending, Some(link))
            }
        };
        if let Some(idempotency_key) = signup.idempotency_key {
            tx.execute(
                "INSERT INTO idempotency_keys (key, email_key, status, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![idempotency_key, key, status_name(status), now],
            )?;
        }
        tx.commit()?;
        Ok(Signup::Done {
            status,
            subscriber,
            confirm_link,
        })
    }

    /// Confirms the address a token was sent to.
    pub fn confirm(&self, token: &str) -> rusqlite::Result<Confirmation> {
        let connection = self.connection.lock().unwrap_or_else(|e| e.into_inner());
        let status: Option<String> = connection
            .query_row(
                "SELECT status FROM subscribers WHERE token = ?1",
                [token],
                |row| row.get(0),
            )
            .optional()?;
        Ok(match status.as_deref() {
            None => Confirmation::UnknownToken,
            Some("confirmed") => Confirmation::AlreadyConfirmed,
            Some(_) => {
                connection.execute(
                    "UPDATE subscribers SET status = 'confirmed', confirmed_at = ?2 WHERE token = ?1",
                    params![token, now()],
                )?;
                Confirmation::Confirmed
            }
        })
    }
}

fn status_name(status: SignupStatus) -> &'static str {
    match status {
        SignupStatus::Pending => "pending",
        SignupStatus::AlreadySubscribed => "already_subscribed",
    }
}

fn parse_status(name: &str) -> SignupStatus {
    if name == "already_subscribed" {
        SignupStatus::AlreadySubscribed
    } else {
        SignupStatus::Pending
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

fn now() -> String {
    Timestamp::from_unix(unix_now()).to_rfc3339()
}

fn a_day_before_now() -> String {
    Timestamp::from_unix(unix_now() - 86_400).to_rfc3339()
}

/// 32 random bytes, hex: a confirmation token nobody can guess.
fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `token` has the shape of one of ours (so a lookup is worth it).
pub fn is_token_shaped(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}
