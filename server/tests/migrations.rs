//! The schema's migrations, on both stores: from an empty database, from
//! the schema before this release (SQLite: the file the first release
//! wrote, which had no migrations table; PostgreSQL: a database at the
//! first migration), and run again on an up-to-date one. Data already kept
//! survives, and works: its confirmation link, its new unsubscribe link,
//! its unsent confirmation mail.

mod support;

use news_portal_server::store::Store;
use std::time::Duration;
use support::smtp::SmtpSink;
use support::{post_json, send, signup, Options, Service, TestDb, SIGNUP};

/// The schema of the release before migrations, as it created it.
const FIRST_RELEASE_SQLITE: &str = "
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

const OLD_TOKEN: &str = "1111111111111111111111111111111111111111111111111111111111111111";

/// Rows as the first release kept them: one pending address with its
/// unsent confirmation, one confirmed.
fn old_rows(confirm_url: &str) -> Vec<String> {
    vec![
        format!(
            "INSERT INTO subscribers (email, email_key, status, token, source, consent_version, created_at) \
             VALUES ('Old@Example.com', 'old@example.com', 'pending', '{OLD_TOKEN}', 'footer', '2026-11', '2026-11-20T08:00:00Z')"
        ),
        format!(
            "INSERT INTO subscribers (email, email_key, status, token, source, consent_version, created_at, confirmed_at) \
             VALUES ('kept@example.com', 'kept@example.com', 'confirmed', '{}', 'story:a', '2026-11', '2026-11-20T08:00:00Z', '2026-11-20T09:00:00Z')",
            "2".repeat(64)
        ),
        format!(
            "INSERT INTO outbox (subscriber_id, kind, link, created_at) \
             SELECT id, 'confirm', '{confirm_url}?token={OLD_TOKEN}', '2026-11-20T08:00:00Z' \
             FROM subscribers WHERE email_key = 'old@example.com'"
        ),
    ]
}

async fn raw(url: &str, statements: &[String]) {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(url).await.unwrap();
    for statement in statements {
        connection.execute(statement.as_str()).await.unwrap();
    }
    connection.close().await.unwrap();
}

/// The migrations each store has (`migrations/<store>/`).
const MIGRATIONS: i64 = 4;

/// What every migrated database must do with the rows it had.
async fn the_old_rows_work(db: TestDb) {
    assert_eq!(
        db.count("SELECT count(*) FROM _sqlx_migrations WHERE success")
            .await,
        MIGRATIONS
    );
    let unsubscribe = db.unsubscribe_token_of("old@example.com").await;
    assert_eq!(unsubscribe.len(), 64);
    assert!(unsubscribe.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_ne!(
        unsubscribe,
        db.unsubscribe_token_of("kept@example.com").await
    );
    assert_eq!(
        db.count("SELECT count(*) FROM outbox WHERE attempts = 0 AND next_attempt_at = created_at AND sent_at IS NULL")
            .await,
        1
    );

    // The service takes the database on as it is: the old confirmation is
    // sent, its link confirms, the address can leave, and the other stays.
    let sink = SmtpSink::start().await;
    let service = Service::start(
        &db,
        Options {
            smtp: Some(sink.addr),
            ..Options::default()
        },
    )
    .await;
    let mail = sink.wait_for(1, Duration::from_secs(10)).await.remove(0);
    assert_eq!(mail.to, ["Old@Example.com"]);
    assert!(mail
        .header("List-Unsubscribe")
        .unwrap()
        .contains(&unsubscribe));
    let confirmed = send(
        &service.url(&format!("{SIGNUP}/confirm?token={OLD_TOKEN}")),
        "GET",
        &[],
        "",
    )
    .await;
    assert_eq!(confirmed.json()["status"], "confirmed");
    let left = send(
        &service.url(&format!("{SIGNUP}/unsubscribe?token={unsubscribe}")),
        "POST",
        &[],
        "",
    )
    .await;
    assert_eq!(left.status, 200);
    let kept = post_json(&service.url(SIGNUP), &signup("kept@example.com"), None).await;
    assert_eq!(kept.json()["status"], "already_subscribed");
    assert_eq!(db.subscribers().await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_from_the_file_the_first_release_wrote() {
    let (dir, url) = TestDb::empty_sqlite().await;
    let mut statements = vec![FIRST_RELEASE_SQLITE.to_owned()];
    statements.extend(old_rows("http://old.example/newsletter/confirm"));
    raw(&url, &statements).await;
    let db = TestDb::sqlite_at(dir, url).await;
    the_old_rows_work(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_from_the_first_migration() {
    let url = TestDb::empty_postgres().await;
    // The first migration alone, as a release that had only it ran it.
    let first = tempfile::tempdir().unwrap();
    let name = "0001_signups.sql";
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/migrations/postgres/0001_signups.sql"
        ),
        first.path().join(name),
    )
    .unwrap();
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    sqlx::migrate::Migrator::new(first.path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    pool.close().await;
    raw(&url, &old_rows("http://old.example/newsletter/confirm")).await;
    let db = TestDb::postgres_at(url).await;
    the_old_rows_work(db).await;
}

async fn from_empty_and_again_changes_nothing(db: TestDb) {
    // Migrated from empty when the test's database was made; once more:
    Store::connect(&db.url).await.unwrap();
    assert_eq!(
        db.count("SELECT count(*) FROM _sqlx_migrations").await,
        MIGRATIONS
    );
    let service = Service::start(&db, Options::default()).await;
    post_json(&service.url(SIGNUP), &signup("stays@example.com"), None).await;
    Store::connect(&db.url).await.unwrap();
    assert_eq!(
        db.count("SELECT count(*) FROM _sqlx_migrations").await,
        MIGRATIONS
    );
    assert_eq!(db.subscribers().await, 1);
    for table in [
        "subscribers",
        "outbox",
        "idempotency_keys",
        "rate_limits",
        "editions",
        "deliveries",
        "senders",
    ] {
        db.count(&format!("SELECT count(*) FROM {table}")).await;
    }
}

on_both_stores!(from_empty_and_again_changes_nothing);
