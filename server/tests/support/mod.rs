//! What the service tests share: a database of each kind, a small built
//! site, the service running in the test (or as its own process), an HTTP
//! client, and an SMTP sink that records what it is sent.
//!
//! PostgreSQL comes from `TEST_DATABASE_URL`, a server the tests may create
//! databases on (`scripts/with-postgres` starts a throwaway one; `scripts/test`
//! runs the service tests under it). Each test gets a database of its own.
#![allow(dead_code)]

pub mod instance;
pub mod smtp;

use news_portal::publish::headers;
use news_portal_server::mailer::MailSettings;
use news_portal_server::{serve, sqlite_url, start, store::Store, Config};
use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use std::{net::SocketAddr, sync::Arc, time::Duration};
use tokio::sync::oneshot;

/// Runs each named test once on SQLite and once on PostgreSQL: `name`
/// becomes `on_sqlite::name` and `on_postgres::name`, each calling
/// `name(TestDb)`.
#[macro_export]
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::support::TestDb::sqlite().await).await
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::support::TestDb::postgres().await).await
                }
            )*
        }
    };
}

/// A database for one test, with a pool of the test's own to look in it.
pub struct TestDb {
    pub url: String,
    pub postgres: bool,
    pool: AnyPool,
    _dir: Option<tempfile::TempDir>,
}

fn random_name() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl TestDb {
    /// A SQLite file in a folder of its own.
    pub async fn sqlite() -> Self {
        let (dir, url) = Self::empty_sqlite().await;
        Self::sqlite_at(dir, url).await
    }

    /// The SQLite file at `url`, in `dir`, migrated as the service does.
    pub async fn sqlite_at(dir: tempfile::TempDir, url: String) -> Self {
        Store::connect(&url).await.unwrap();
        let pool = pool(&url).await;
        TestDb {
            url,
            postgres: false,
            pool,
            _dir: Some(dir),
        }
    }

    /// A new database on the PostgreSQL of `TEST_DATABASE_URL`.
    pub async fn postgres() -> Self {
        Self::postgres_at(Self::empty_postgres().await).await
    }

    /// The PostgreSQL database at `url`, migrated as the service does.
    pub async fn postgres_at(url: String) -> Self {
        Store::connect(&url).await.unwrap();
        let pool = pool(&url).await;
        TestDb {
            url,
            postgres: true,
            pool,
            _dir: None,
        }
    }

    /// The URL of a new database with nothing in it, not even the schema.
    pub async fn empty_postgres() -> String {
        use sqlx::{Connection, Executor};
        let admin = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
            panic!(
                "TEST_DATABASE_URL is not set. The service tests run on PostgreSQL too: \
                 run them as scripts/test does, under scripts/with-postgres \
                 (scripts/with-postgres cargo test -p news-portal-server)"
            )
        });
        sqlx::any::install_default_drivers();
        let name = format!("np_test_{}", random_name());
        let mut connection = sqlx::AnyConnection::connect(&admin).await.unwrap();
        connection
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
        connection.close().await.unwrap();
        let (base, query) = admin.split_once('?').unwrap_or((&admin, ""));
        let (server, _) = base.rsplit_once('/').unwrap();
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        format!("{server}/{name}{query}")
    }

    pub async fn empty_sqlite() -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap();
        let url = sqlite_url(&dir.path().join("signups.sqlite3"));
        (dir, url)
    }

    /// A number the database gives for `sql`.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool)
            .await
            .unwrap_or_else(|err| panic!("{sql}: {err}"))
    }

    /// Waits until `sql` counts `expected` (what a sender does after the
    /// mail server has the message takes a moment), failing after 10 s.
    pub async fn wait_for_count(&self, sql: &str, expected: i64) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let count = self.count(sql).await;
            if count == expected {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{sql}: {count} after 10 s, not {expected}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    pub async fn subscribers(&self) -> i64 {
        self.count("SELECT count(*) FROM subscribers").await
    }

    /// One text value for `sql` with one parameter.
    pub async fn text(&self, sql: &str, parameter: &str) -> String {
        sqlx::query_scalar(sql)
            .bind(parameter)
            .fetch_one(&self.pool)
            .await
            .unwrap_or_else(|err| panic!("{sql}: {err}"))
    }

    /// One text value for `sql`.
    pub async fn string(&self, sql: &str) -> String {
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool)
            .await
            .unwrap_or_else(|err| panic!("{sql}: {err}"))
    }

    pub async fn token_of(&self, email_key: &str) -> String {
        self.text(
            "SELECT token FROM subscribers WHERE email_key = $1",
            email_key,
        )
        .await
    }

    pub async fn unsubscribe_token_of(&self, email_key: &str) -> String {
        self.text(
            "SELECT unsubscribe_token FROM subscribers WHERE email_key = $1",
            email_key,
        )
        .await
    }

    pub async fn execute(&self, sql: &str) {
        sqlx::query(sql)
            .execute(&self.pool)
            .await
            .unwrap_or_else(|err| panic!("{sql}: {err}"));
    }
}

async fn pool(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPoolOptions::new()
        .max_connections(2)
        .connect(url)
        .await
        .unwrap()
}

/// A folder with a small built site in `dist/`, as the build makes it.
pub fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("index.html", "<!doctype html><title>front</title>"),
        ("404.html", "<!doctype html><title>not found</title>"),
        ("news/a-story.html", "<!doctype html><title>a story</title>"),
        ("removed.html", "<!doctype html><title>removed</title>"),
        // The newsletter's page, with its form as the prerender writes it
        // (tests/prerender.rs fills the real one in).
        (
            "newsletter.html",
            concat!(
                "<!doctype html><html><head><title>The newsletter</title>",
                "<script type=\"module\" src=\"/start-0123456789abcdef.js\"></script></head>",
                "<body><form method=\"post\" action=\"/api/v1/newsletter\">",
                "<div class=\"signup__field\"><label for=\"signup-email-page\">Email address</label>",
                "<p id=\"signup-email-error-page\" class=\"signup__error\"><!----></p>",
                "<input id=\"signup-email-page\" type=\"email\" name=\"email\"></div>",
                "</form></body></html>"
            ),
        ),
        ("main-0123456789abcdef.css", "body {}"),
        (
            "api/v1/not-found.json",
            r#"{"error":"not_found","message":"There is nothing at this address."}"#,
        ),
        (
            "api/v1/withdrawn.json",
            r#"{"error":"withdrawn","message":"This story has been removed."}"#,
        ),
    ];
    let dist = dir.path().join("dist");
    for (file, text) in files {
        let path = dist.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    // The rules the build writes, made as the build makes them.
    let names: Vec<String> = files.iter().map(|(file, _)| file.to_string()).collect();
    // The stylesheet stands for the app's fingerprinted files, which the
    // build names as never changing.
    let immutable = ["main-0123456789abcdef.css"];
    let rules = headers::site_rules(&names, &immutable, &headers::Origins::default(), &[]);
    std::fs::write(dist.join("_headers"), headers::render(&rules)).unwrap();
    // As the build writes them, with one withdrawn story.
    std::fs::write(
        dist.join("_redirects"),
        format!(
            "{}/news/taken-down  /removed.html  410\n\
             /api/v1/articles/taken-down.json  /api/v1/withdrawn.json  410\n{}",
            headers::REDIRECTS_HEAD,
            headers::REDIRECTS_TAIL
        ),
    )
    .unwrap();
    dir
}

/// How a test wants its service.
#[derive(Clone, Default)]
pub struct Options {
    pub rate_limit: u32,
    pub behind_proxy: bool,
    /// An SMTP server to send confirmations to (the sink's address).
    pub smtp: Option<SocketAddr>,
    /// The secret for POSTing bounce reports.
    pub bounce_secret: Option<String>,
    /// A DKIM key to sign mail with.
    pub dkim: Option<news_portal_server::mailer::DkimSettings>,
}

/// Mail settings for a sink on this machine: retries after a second, the
/// outbox looked at ten times a second.
pub fn mail_settings(smtp: SocketAddr, public_url: &str) -> MailSettings {
    MailSettings {
        smtp_url: format!("smtp://{smtp}"),
        credentials: None,
        from: "Britain's News Portal <newsletter@news.example>".into(),
        public_url: public_url.into(),
        retry_base: Duration::from_secs(1),
        max_attempts: 4,
        poll: Duration::from_millis(100),
        connections: 4,
        pause_after: 5,
        dkim: None,
        bounce_domain: None,
    }
}

/// The service, running in the test on its own port.
pub struct Service {
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`, which is also its public URL.
    pub base: String,
    pub store: Arc<Store>,
    stop: Option<oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<()>>,
    stop_background: tokio::sync::watch::Sender<bool>,
    senders: Vec<tokio::task::JoinHandle<()>>,
    mail_passes: tokio::sync::watch::Receiver<u64>,
    edition_passes: tokio::sync::watch::Receiver<u64>,
    _site: tempfile::TempDir,
}

impl Service {
    pub async fn start(db: &TestDb, options: Options) -> Self {
        let site = site();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let base = format!("http://{addr}");
        let config = Config {
            dist: site.path().join("dist"),
            database_url: db.url.clone(),
            allowed_origins: vec!["https://partner.example".into()],
            rate_limit_per_minute: options.rate_limit,
            behind_proxy: options.behind_proxy,
            public_url: base.clone(),
            mail: options.smtp.map(|smtp| MailSettings {
                dkim: options.dkim.clone(),
                ..mail_settings(smtp, &base)
            }),
            bounce_secret: options.bounce_secret.clone(),
        };
        let service = start(&config).await.unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let router = service.router;
        let done = tokio::spawn(async move {
            serve(listener, router, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Service {
            addr,
            base,
            store: service.store,
            stop: Some(stop),
            done: Some(done),
            stop_background: service.stop_background,
            senders: service.senders,
            mail_passes: service.mail_passes,
            edition_passes: service.edition_passes,
            _site: site,
        }
    }

    /// Shuts down gracefully: requests in flight finish first.
    pub async fn stop(mut self) {
        news_portal_server::Service::stop_background(
            &self.stop_background,
            std::mem::take(&mut self.senders),
            Duration::from_secs(40),
        )
        .await;
        let _ = self.stop.take().unwrap().send(());
        self.done.take().unwrap().await.unwrap();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The built site it serves.
    pub fn dist(&self) -> std::path::PathBuf {
        self._site.path().join("dist")
    }

    /// Waits until the mail sender has begun and finished two looks at the
    /// outbox since now: whatever was due now has been sent by then, so a
    /// check that nothing more was sent can follow (no sleep guesses how
    /// long is enough).
    pub async fn mail_settled(&self) {
        let mut passes = self.mail_passes.clone();
        let now = *passes.borrow_and_update();
        tokio::time::timeout(
            Duration::from_secs(10),
            passes.wait_for(|passes| *passes >= now + 2),
        )
        .await
        .expect("the mail sender looked at the outbox twice within 10 s")
        .expect("the mail sender is running");
    }
}

impl Service {
    /// Waits until the edition sender has twice found nothing due since
    /// now: what was due has been sent (or deferred) by then.
    pub async fn editions_settled(&self) {
        let mut passes = self.edition_passes.clone();
        let now = *passes.borrow_and_update();
        tokio::time::timeout(
            Duration::from_secs(30),
            passes.wait_for(|passes| *passes >= now + 2),
        )
        .await
        .expect("the edition sender found nothing due twice within 30 s")
        .expect("the edition sender is running");
    }
}

/// A reply as the test sees it.
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Sends one request and reads the whole reply.
pub async fn send(
    url: &str,
    method: &str,
    headers: &[(&str, &str)],
    body: impl Into<reqwest::Body>,
) -> Reply {
    let mut request = client().request(method.parse().unwrap(), url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request
        .body(body)
        .send()
        .await
        .unwrap_or_else(|err| panic!("{method} {url}: {err}"));
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

/// POSTs `json` as `application/json`, with an optional idempotency key.
pub async fn post_json(url: &str, json: &str, key: Option<&str>) -> Reply {
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(key) = key {
        headers.push(("Idempotency-Key", key));
    }
    send(url, "POST", &headers, json.to_owned()).await
}

/// POSTs `body` as a form does, `application/x-www-form-urlencoded`.
pub async fn post_form(url: &str, body: &str) -> Reply {
    send(
        url,
        "POST",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.to_owned(),
    )
    .await
}

/// A signup as the page's form sends it, before the app or without it.
pub fn form_signup(email: &str) -> String {
    format!(
        "source=footer&consent_version=2026-11&email={}&website=",
        percent_encoding::utf8_percent_encode(email, percent_encoding::NON_ALPHANUMERIC)
    )
}

/// A signup's JSON, as the app sends it.
pub fn signup(email: &str) -> String {
    serde_json::json!({ "email": email, "source": "footer", "consent_version": "2026-11", "elapsed_ms": 5000 })
        .to_string()
}

pub const SIGNUP: &str = "/api/v1/newsletter";

/// Waits, if need be, until the clock minute has at least `seconds` left:
/// rate limits count per clock minute.
pub async fn clear_of_the_minutes_turn(seconds: i64) {
    let into_minute = news_portal_server::store::unix_now().rem_euclid(60);
    if into_minute > 60 - seconds {
        tokio::time::sleep(Duration::from_secs((61 - into_minute) as u64)).await;
    }
}
