//! Signups in SQL, through one layer (sqlx) for both stores: SQLite, one
//! file, the embedded default; PostgreSQL, which several instances share.
//! Each store has its own versioned migrations (`migrations/<store>/`),
//! run on start.
//!
//! What is kept: one row per address (`subscribers`), an outbox of
//! confirmation mail, the answers given to each idempotency key (for a
//! day), and signups per client in the current minute (`rate_limits`).
//! Expired keys and past minutes' counts are deleted once a minute
//! ([`Store::keep_tidy`]), not on a signup's way through.
//! Every change is committed before its reply is sent, so an accepted
//! signup survives a crash; and every rule that must hold across
//! instances (one row per address, one answer per key, one sender per
//! message, the rate limit) is kept by the database, not by a process.

use news_portal::model::{email_key, SignupStatus, Timestamp};
use serde::Serialize;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor, Row};
use std::time::Duration;

static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

/// Where a subscriber stands: signed up and not yet confirmed, or on the
/// list. (Whether mail is suppressed for the address is its own column.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriberStatus {
    Pending,
    Confirmed,
}

impl SubscriberStatus {
    /// The value in the `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriberStatus::Pending => "pending",
            SubscriberStatus::Confirmed => "confirmed",
        }
    }

    /// The status a `status` column holds; anything else is pending.
    pub fn parse(value: &str) -> Self {
        if value == "confirmed" {
            SubscriberStatus::Confirmed
        } else {
            SubscriberStatus::Pending
        }
    }
}

/// Whether a client may sign up now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowance {
    /// Within this minute's allowance.
    Left,
    /// None left this minute: try again after `wait`.
    Spent { wait: Duration },
}
/// Which database a store is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The store a URL names: `sqlite:…` or `postgres://…`.
    pub fn of(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Why the store could not do something.
#[derive(Debug)]
pub enum StoreError {
    /// The database URL names no store this service has.
    UnknownUrl,
    Sql(sqlx::Error),
    Migration(sqlx::migrate::MigrateError),
    /// No randomness for a token (the operating system refused).
    Random(getrandom::Error),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::UnknownUrl => {
                write!(f, "the database URL must start sqlite: or postgres://")
            }
            StoreError::Sql(err) => write!(f, "{err}"),
            StoreError::Migration(err) => write!(f, "migrating the database: {err}"),
            StoreError::Random(err) => write!(f, "no randomness for a token: {err}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        StoreError::Sql(err)
    }
}

/// What one signup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signup {
    /// Where the address now stands. `new` is true when this call stored
    /// the address (and queued its confirmation e-mail).
    Done {
        status: SignupStatus,
        subscriber: i64,
        new: bool,
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

/// What an unsubscribe link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsubscribe {
    /// The address, and everything kept with it, is gone: what went.
    Unsubscribed(Deleted),
    /// No subscriber has this link (any more).
    UnknownToken,
}

/// What a new signup carries besides the address.
pub struct NewSignup<'a> {
    pub email: &'a str,
    pub source: &'a str,
    pub consent_version: &'a str,
    pub idempotency_key: Option<&'a str>,
}

/// A message claimed for sending: the claimer alone may mark it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub id: i64,
    /// Which mail it is: the outbox's `kind` (`confirm`).
    pub kind: String,
    pub email: String,
    /// The subscriber's confirmation token, for the confirm link.
    pub confirm_token: String,
    pub unsubscribe_token: String,
    /// Including this one.
    pub attempts: i64,
    pub claim: String,
}

/// Everything kept about one address, for the reader who asks for it.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub email: String,
    pub subscriber: Option<SubscriberRecord>,
    pub outbox: Vec<OutboxRecord>,
    pub idempotency_keys: Vec<KeyRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubscriberRecord {
    pub email: String,
    pub status: String,
    pub source: String,
    pub consent_version: String,
    pub created_at: String,
    pub confirmed_at: Option<String>,
    /// When mail to the address stopped (a hard bounce, a complaint, or a
    /// second soft bounce), and why.
    pub suppressed_at: Option<String>,
    pub suppressed_reason: Option<String>,
    pub soft_bounces: i64,
    /// The editions sent (or not) to the address.
    pub deliveries: Vec<DeliveryRecord>,
}

/// One edition's delivery to the address.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryRecord {
    pub edition: String,
    pub state: String,
    pub attempts: i64,
    pub done_at: Option<String>,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutboxRecord {
    pub kind: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub attempts: i64,
    pub failed_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyRecord {
    pub created_at: String,
    pub status: String,
}

/// What deleting an address removed, table by table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Deleted {
    pub subscribers: u64,
    pub outbox: u64,
    pub idempotency_keys: u64,
    /// Editions not yet sent to the address, now never sent…
    pub deliveries_stopped: u64,
    /// …and those a sender had already claimed, which may still arrive.
    pub deliveries_in_flight: u64,
}

/// The signup database.
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects to the database at `url` and brings its schema up to date.
    /// A SQLite file (and its folder) is created if missing.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url).ok_or(StoreError::UnknownUrl)?;
        if backend == Backend::Sqlite {
            let file = url
                .trim_start_matches("sqlite:")
                .trim_start_matches("//")
                .split('?')
                .next()
                .unwrap_or_default();
            if let Some(folder) = std::path::Path::new(file)
                .parent()
                .filter(|folder| !folder.as_os_str().is_empty())
            {
                let _ = std::fs::create_dir_all(folder);
            }
        }
        let pool = AnyPoolOptions::new()
            // SQLite has one writer: one connection queues writes in the
            // process instead of failing them busy.
            .max_connections(match backend {
                Backend::Sqlite => 1,
                Backend::Postgres => 10,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        connection
                            .execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                            )
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        let migrator = match backend {
            Backend::Sqlite => &SQLITE,
            Backend::Postgres => &POSTGRES,
        };
        migrator.run(&pool).await.map_err(StoreError::Migration)?;
        Ok(Store { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A transaction that writes: on SQLite it takes the write lock at
    /// once, so that two never wait on each other.
    pub(crate) async fn write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Records a signup, once per address (compared case-insensitively) and
    /// once per idempotency key, in one transaction. With several instances
    /// the unique indexes decide: the second of two racing inserts waits
    /// for the first, then finds its row.
    pub async fn sign_up(&self, signup: &NewSignup<'_>) -> Result<Signup, StoreError> {
        let key = email_key(signup.email);
        let now = now();
        let mut tx = self.write().await?;
        if let Some(idempotency_key) = signup.idempotency_key {
            let claimed = sqlx::query(
                "INSERT INTO idempotency_keys (key, email_key, status, created_at) \
                 VALUES ($1, $2, '', $3) ON CONFLICT (key) DO NOTHING",
            )
            .bind(idempotency_key)
            .bind(&key)
            .bind(&now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                let row =
                    sqlx::query("SELECT email_key, status FROM idempotency_keys WHERE key = $1")
                        .bind(idempotency_key)
                        .fetch_one(&mut *tx)
                        .await?;
                let (earlier_key, status): (String, String) = (row.try_get(0)?, row.try_get(1)?);
                if earlier_key != key {
                    return Ok(Signup::KeyReused);
                }
                let subscriber: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM subscribers WHERE email_key = $1")
                        .bind(&key)
                        .fetch_optional(&mut *tx)
                        .await?;
                return Ok(Signup::Done {
                    status: parse_status(&status),
                    subscriber: subscriber.unwrap_or_default(),
                    new: false,
                });
            }
        }

        let token = new_token().map_err(StoreError::Random)?;
        let unsubscribe_token = new_token().map_err(StoreError::Random)?;
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO subscribers \
               (email, email_key, status, token, unsubscribe_token, source, consent_version, created_at) \
             VALUES ($1, $2, $8, $3, $4, $5, $6, $7) \
             ON CONFLICT (email_key) DO NOTHING RETURNING id",
        )
        .bind(signup.email.trim())
        .bind(&key)
        .bind(&token)
        .bind(&unsubscribe_token)
        .bind(signup.source)
        .bind(signup.consent_version)
        .bind(&now)
        .bind(SubscriberStatus::Pending.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let (subscriber, status, new) = match inserted {
            Some(id) => {
                sqlx::query(
                    "INSERT INTO outbox (subscriber_id, kind, link, created_at, next_attempt_at) \
                     VALUES ($1, 'confirm', $2, $3, $3)",
                )
                .bind(id)
                // Links are made at send time (the mailer, from routes.rs);
                // the column stays for rows queued by earlier releases.
                .bind("")
                .bind(&now)
                .execute(&mut *tx)
                .await?;
                (id, SignupStatus::Pending, true)
            }
            None => {
                let row = sqlx::query("SELECT id, status FROM subscribers WHERE email_key = $1")
                    .bind(&key)
                    .fetch_one(&mut *tx)
                    .await?;
                let (id, status): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
                let status = match SubscriberStatus::parse(&status) {
                    SubscriberStatus::Confirmed => SignupStatus::AlreadySubscribed,
                    SubscriberStatus::Pending => SignupStatus::Pending,
                };
                (id, status, false)
            }
        };
        if let Some(idempotency_key) = signup.idempotency_key {
            sqlx::query("UPDATE idempotency_keys SET status = $2 WHERE key = $1")
                .bind(idempotency_key)
                .bind(status_name(status))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Signup::Done {
            status,
            subscriber,
            new,
        })
    }

    /// Confirms the address a token was sent to.
    pub async fn confirm(&self, token: &str) -> Result<Confirmation, StoreError> {
        let confirmed = sqlx::query(
            "UPDATE subscribers SET status = $3, confirmed_at = $2 \
             WHERE token = $1 AND status = $4",
        )
        .bind(token)
        .bind(now())
        .bind(SubscriberStatus::Confirmed.as_str())
        .bind(SubscriberStatus::Pending.as_str())
        .execute(&self.pool)
        .await?
        .rows_affected();
        if confirmed > 0 {
            return Ok(Confirmation::Confirmed);
        }
        let known: Option<i64> = sqlx::query_scalar("SELECT id FROM subscribers WHERE token = $1")
            .bind(token)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match known {
            Some(_) => Confirmation::AlreadyConfirmed,
            None => Confirmation::UnknownToken,
        })
    }

    /// Unsubscribes the address an unsubscribe link was made for: it, its
    /// mail and its idempotency keys are deleted. Signing up again starts
    /// over, with a new confirmation.
    pub async fn unsubscribe(&self, token: &str) -> Result<Unsubscribe, StoreError> {
        let mut tx = self.write().await?;
        let key: Option<String> =
            sqlx::query_scalar("SELECT email_key FROM subscribers WHERE unsubscribe_token = $1")
                .bind(token)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(key) = key else {
            return Ok(Unsubscribe::UnknownToken);
        };
        let deleted = delete_address(&mut tx, &key).await?;
        tx.commit().await?;
        Ok(Unsubscribe::Unsubscribed(deleted))
    }

    /// Deletes everything kept about `email` (the operator's command, for
    /// a reader who asks to be forgotten).
    pub async fn forget(&self, email: &str) -> Result<Deleted, StoreError> {
        let mut tx = self.write().await?;
        let deleted = delete_address(&mut tx, &email_key(email)).await?;
        tx.commit().await?;
        Ok(deleted)
    }

    /// Everything kept about `email` (the operator's command, for a reader
    /// who asks what is held about them).
    pub async fn export(&self, email: &str) -> Result<Record, StoreError> {
        let key = email_key(email);
        let subscriber = sqlx::query(
            "SELECT id, email, status, source, consent_version, created_at, confirmed_at, \
               suppressed_at, suppressed_reason, soft_bounces \
             FROM subscribers WHERE email_key = $1",
        )
        .bind(&key)
        .fetch_optional(&self.pool)
        .await?;
        let mut outbox = Vec::new();
        let subscriber = match subscriber {
            Some(row) => {
                let id: i64 = row.try_get(0)?;
                for row in sqlx::query(
                    "SELECT kind, created_at, sent_at, attempts, failed_at \
                     FROM outbox WHERE subscriber_id = $1 ORDER BY id",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?
                {
                    outbox.push(OutboxRecord {
                        kind: row.try_get(0)?,
                        created_at: row.try_get(1)?,
                        sent_at: row.try_get(2)?,
                        attempts: row.try_get(3)?,
                        failed_at: row.try_get(4)?,
                    });
                }
                let mut deliveries = Vec::new();
                for delivery in sqlx::query(
                    "SELECT e.date, d.state, d.attempts, d.done_at, d.last_error \
                     FROM deliveries d JOIN editions e ON e.id = d.edition_id \
                     WHERE d.subscriber_id = $1 ORDER BY d.id",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?
                {
                    deliveries.push(DeliveryRecord {
                        edition: delivery.try_get(0)?,
                        state: delivery.try_get(1)?,
                        attempts: delivery.try_get(2)?,
                        done_at: delivery.try_get(3)?,
                        last_error: delivery.try_get(4)?,
                    });
                }
                Some(SubscriberRecord {
                    email: row.try_get(1)?,
                    status: row.try_get(2)?,
                    source: row.try_get(3)?,
                    consent_version: row.try_get(4)?,
                    created_at: row.try_get(5)?,
                    confirmed_at: row.try_get(6)?,
                    suppressed_at: row.try_get(7)?,
                    suppressed_reason: row.try_get(8)?,
                    soft_bounces: row.try_get(9)?,
                    deliveries,
                })
            }
            None => None,
        };
        let mut idempotency_keys = Vec::new();
        for row in sqlx::query(
            "SELECT created_at, status FROM idempotency_keys WHERE email_key = $1 ORDER BY created_at",
        )
        .bind(&key)
        .fetch_all(&self.pool)
        .await?
        {
            idempotency_keys.push(KeyRecord {
                created_at: row.try_get(0)?,
                status: row.try_get(1)?,
            });
        }
        Ok(Record {
            email: email.trim().to_owned(),
            subscriber,
            outbox,
            idempotency_keys,
        })
    }

    /// Counts one signup from `client` in this minute, and says whether it
    /// is within `per_minute`. Kept in the database, so every instance
    /// counts against one allowance.
    pub async fn rate_limit(
        &self,
        client: &str,
        per_minute: u32,
        unix_now: i64,
    ) -> Result<Allowance, StoreError> {
        let window = unix_now - unix_now.rem_euclid(60);
        let count: i64 = sqlx::query_scalar(
            "INSERT INTO rate_limits (client, window_start, count) VALUES ($1, $2, 1) \
             ON CONFLICT (client, window_start) DO UPDATE SET count = rate_limits.count + 1 \
             RETURNING count",
        )
        .bind(client)
        .bind(window)
        .fetch_one(&self.pool)
        .await?;
        if count > i64::from(per_minute) {
            let secs = u64::try_from(window + 60 - unix_now).unwrap_or(1).max(1);
            Ok(Allowance::Spent {
                wait: Duration::from_secs(secs),
            })
        } else {
            Ok(Allowance::Left)
        }
    }

    /// Deletes what is kept only for a while: idempotency keys older than a
    /// day (they are for retries, which come within minutes), and the
    /// signup counts of minutes past (the limit needs only this minute's),
    /// so that a client's address is kept no longer than the limit needs it.
    pub async fn forget_expired(&self) -> Result<(), StoreError> {
        let now = unix_now();
        sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
            .bind(now - now.rem_euclid(60))
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(seconds_from_now(-86_400))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every minute until `stop` is set, [`Store::forget_expired`]: an
    /// address counted is gone within two minutes, an expired key within
    /// a minute of expiring.
    pub async fn keep_tidy(
        self: std::sync::Arc<Self>,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        let mut minutes = tokio::time::interval(Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = minutes.tick() => {
                    if let Err(err) = self.forget_expired().await {
                        tracing::warn!("could not delete expired keys and counts: {err}");
                    }
                }
                _ = stop.changed() => return,
            }
        }
    }

    /// Claims up to `limit` messages due to be sent, for `lease`: until
    /// then no other sender (in this process or another) takes them. Each
    /// attempt is counted as it is claimed.
    pub async fn claim_due(&self, limit: i64, lease: Duration) -> Result<Vec<Claimed>, StoreError> {
        let claim = new_token().map_err(StoreError::Random)?;
        let now = now();
        let until = seconds_from_now(i64::try_from(lease.as_secs()).unwrap_or(300));
        let due = "SELECT id FROM outbox \
                   WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $3 \
                     AND (claimed_until IS NULL OR claimed_until < $3) \
                   ORDER BY id LIMIT $4";
        // PostgreSQL: senders skip each other's rows rather than wait.
        // SQLite: one writer at a time does the same.
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let mut tx = self.write().await?;
        sqlx::query(&format!(
            "UPDATE outbox SET claim = $1, claimed_until = $2, attempts = attempts + 1 \
             WHERE id IN ({due}{lock})"
        ))
        .bind(&claim)
        .bind(&until)
        .bind(&now)
        .bind(limit)
        .execute(&mut *tx)
        .await?;
        let rows: Vec<AnyRow> = sqlx::query(
            "SELECT o.id, o.kind, s.email, s.token, s.unsubscribe_token, o.attempts \
             FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id \
             WHERE o.claim = $1 AND o.sent_at IS NULL ORDER BY o.id",
        )
        .bind(&claim)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        rows.iter()
            .map(|row| {
                Ok(Claimed {
                    id: row.try_get(0)?,
                    kind: row.try_get(1)?,
                    email: row.try_get(2)?,
                    confirm_token: row.try_get(3)?,
                    unsubscribe_token: row.try_get::<Option<String>, _>(4)?.unwrap_or_default(),
                    attempts: row.try_get(5)?,
                    claim: claim.clone(),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Marks a claimed message sent: once, by its claimer. False if the
    /// claim had lapsed and another sender has it now.
    pub async fn mark_sent(&self, message: &Claimed) -> Result<bool, StoreError> {
        let marked = sqlx::query(
            "UPDATE outbox SET sent_at = $2, claim = NULL, claimed_until = NULL, last_error = NULL \
             WHERE id = $1 AND claim = $3 AND sent_at IS NULL",
        )
        .bind(message.id)
        .bind(now())
        .bind(&message.claim)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(marked == 1)
    }

    /// Records a failed attempt: tried again after `retry_in`, or given up
    /// on when `give_up`.
    pub async fn mark_failed(
        &self,
        message: &Claimed,
        error: &str,
        retry_in: Duration,
        give_up: bool,
    ) -> Result<(), StoreError> {
        let retry_at = seconds_from_now(i64::try_from(retry_in.as_secs()).unwrap_or(3600));
        let failed_at = give_up.then(now);
        sqlx::query(
            "UPDATE outbox SET claim = NULL, claimed_until = NULL, next_attempt_at = $2, \
               last_error = $3, failed_at = $4 \
             WHERE id = $1 AND claim = $5 AND sent_at IS NULL",
        )
        .bind(message.id)
        .bind(retry_at)
        .bind(error.chars().take(500).collect::<String>())
        .bind(failed_at)
        .bind(&message.claim)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The pool, for the tests' and operators' own queries.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// Deletes an address's row, its mail and its idempotency keys.
async fn delete_address(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    key: &str,
) -> Result<Deleted, StoreError> {
    let outbox = sqlx::query(
        "DELETE FROM outbox WHERE subscriber_id IN (SELECT id FROM subscribers WHERE email_key = $1)",
    )
    .bind(key)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    let idempotency_keys = sqlx::query("DELETE FROM idempotency_keys WHERE email_key = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    // Editions waiting for the address, unclaimed, are never sent; then
    // those a sender has claimed (which may still arrive) are counted. In
    // this order a delivery claimed between the two statements is counted
    // as under way, and its sender still records it. Every delivery then
    // forgets whose it was.
    let of_address = "subscriber_id IN (SELECT id FROM subscribers WHERE email_key = $1)";
    let deliveries_stopped = sqlx::query(&format!(
        "UPDATE deliveries SET subscriber_id = NULL, state = 'suppressed', \
           last_error = 'unsubscribed or erased before its turn', done_at = $2 \
         WHERE {of_address} AND state = 'pending' AND claim IS NULL"
    ))
    .bind(key)
    .bind(now())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    let deliveries_in_flight = sqlx::query(&format!(
        "UPDATE deliveries SET subscriber_id = NULL \
         WHERE {of_address} AND state = 'pending' AND claim IS NOT NULL"
    ))
    .bind(key)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    sqlx::query(&format!(
        "UPDATE deliveries SET subscriber_id = NULL WHERE {of_address}"
    ))
    .bind(key)
    .execute(&mut **tx)
    .await?;
    let subscribers = sqlx::query("DELETE FROM subscribers WHERE email_key = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(Deleted {
        subscribers,
        outbox,
        idempotency_keys,
        deliveries_stopped,
        deliveries_in_flight,
    })
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

/// Seconds since 1970, now.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

pub(crate) fn now() -> String {
    Timestamp::from_unix(unix_now()).to_rfc3339()
}

pub(crate) fn seconds_from_now(seconds: i64) -> String {
    Timestamp::from_unix(unix_now() + seconds).to_rfc3339()
}

/// 32 random bytes, hex: a token nobody can guess.
pub(crate) fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
