//! The signup service over real HTTP on loopback, with a real SQLite file.

mod support;

use news_portal_server::{app, serve, Config};
use rusqlite::Connection;
use std::{net::SocketAddr, path::PathBuf};
use support::{post_json, send, TempDir};
use tokio::sync::oneshot;

const PATH: &str = "/api/v1/newsletter";

/// A running service on its own port, folder and database.
struct Service {
    addr: SocketAddr,
    db: PathBuf,
    stop: Option<oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<()>>,
    _dir: TempDir,
}

impl Service {
    async fn start(rate_limit: u32) -> Self {
        Self::start_in(TempDir::new(), rate_limit).await
    }

    async fn start_in(dir: TempDir, rate_limit: u32) -> Self {
        Self::start_with(dir, rate_limit, false).await
    }

    async fn start_with(dir: TempDir, rate_limit: u32, behind_proxy: bool) -> Self {
        let config = Config {
            behind_proxy,
            dist: dir.0.join("dist"),
            db: dir.0.join("signups.sqlite3"),
            allowed_origins: vec!["https://partner.example".into()],
            rate_limit_per_minute: rate_limit,
            public_url: "https://news.example".into(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = app(&config).unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let done = tokio::spawn(async move {
            serve(listener, router, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Service {
            addr,
            db: config.db,
            stop: Some(stop),
            done: Some(done),
            _dir: dir,
        }
    }

    /// Shuts down gracefully and hands back the folder, data and all.
    async fn stop(mut self) -> TempDir {
        let _ = self.stop.take().unwrap().send(());
        self.done.take().unwrap().await.unwrap();
        let dir = std::mem::replace(&mut self._dir, TempDir(PathBuf::new()));
        std::mem::forget(self);
        dir
    }

    fn rows(&self, sql: &str) -> i64 {
        Connection::open(&self.db)
            .unwrap()
            .query_row(sql, [], |row| row.get(0))
            .unwrap()
    }

    fn subscribers(&self) -> i64 {
        self.rows("SELECT count(*) FROM subscribers")
    }

    fn token_of(&self, email_key: &str) -> String {
        Connection::open(&self.db)
            .unwrap()
            .query_row(
                "SELECT token FROM subscribers WHERE email_key = ?1",
                [email_key],
                |r| r.get(0),
            )
            .unwrap()
    }
}

fn signup(email: &str) -> String {
    serde_json::json!({ "email": email, "source": "footer", "consent_version": "2026-11", "elapsed_ms": 5000 })
        .to_string()
}

#[tokio::test]
async fn accepts_a_new_address_as_pending_and_queues_its_confirmation() {
    let service = Service::start(0).await;
    let reply = post_json(service.addr, PATH, &signup("  Reader@Example.com "), None).await;
    assert_eq!(reply.status, 202);
    assert_eq!(reply.json()["status"], "pending");
    assert_eq!(
        reply.json()["message"],
        "Check your inbox to confirm your subscription."
    );
    assert_eq!(service.subscribers(), 1);
    assert_eq!(service.rows("SELECT count(*) FROM subscribers WHERE email = 'Reader@Example.com' AND status = 'pending' AND source = 'footer'"), 1);
    assert_eq!(service.rows("SELECT count(*) FROM outbox WHERE link LIKE 'https://news.example/newsletter/confirm?token=%'"), 1);
}

#[tokio::test]
async fn the_same_address_in_any_case_is_stored_once() {
    let service = Service::start(0).await;
    assert_eq!(
        post_json(service.addr, PATH, &signup("reader@example.com"), None)
            .await
            .status,
        202
    );
    let again = post_json(service.addr, PATH, &signup("READER@example.COM"), None).await;
    assert_eq!(again.status, 202);
    assert_eq!(again.json()["status"], "pending");
    assert_eq!(service.subscribers(), 1);
    assert_eq!(service.rows("SELECT count(*) FROM outbox"), 1);
}

#[tokio::test]
async fn a_confirmed_address_is_told_it_is_already_signed_up() {
    let service = Service::start(0).await;
    post_json(service.addr, PATH, &signup("reader@example.com"), None).await;
    let token = service.token_of("reader@example.com");
    let confirmed = send(
        service.addr,
        "GET",
        &format!("{PATH}/confirm?token={token}"),
        &[],
        b"",
    )
    .await;
    assert_eq!(confirmed.status, 200);
    assert_eq!(confirmed.json()["status"], "confirmed");
    let again = post_json(service.addr, PATH, &signup("reader@example.com"), None).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["status"], "already_subscribed");
    assert_eq!(
        again.json()["message"],
        "You're already signed up — thank you."
    );
}

#[tokio::test]
async fn confirming_twice_says_so_and_bad_tokens_are_refused() {
    let service = Service::start(0).await;
    post_json(service.addr, PATH, &signup("reader@example.com"), None).await;
    let token = service.token_of("reader@example.com");
    let path = format!("{PATH}/confirm?token={token}");
    assert_eq!(
        send(service.addr, "GET", &path, &[], b"").await.json()["status"],
        "confirmed"
    );
    assert_eq!(
        send(service.addr, "GET", &path, &[], b"").await.json()["status"],
        "already_confirmed"
    );
    assert_eq!(
        service.rows("SELECT count(*) FROM subscribers WHERE status = 'confirmed'"),
        1
    );

    let unknown = "0".repeat(64);
    for bad in [
        format!("?token={unknown}"),
        "?token=short".into(),
        "?token=".into(),
        String::new(),
    ] {
        let reply = send(
            service.addr,
            "GET",
            &format!("{PATH}/confirm{bad}"),
            &[],
            b"",
        )
        .await;
        assert_eq!(reply.status, 404, "{bad}");
        assert_eq!(reply.json()["error"], "invalid_token");
    }
}

#[tokio::test]
async fn the_same_idempotency_key_gets_the_same_answer_and_stores_nothing_twice() {
    let service = Service::start(0).await;
    let first = post_json(
        service.addr,
        PATH,
        &signup("reader@example.com"),
        Some("key-1"),
    )
    .await;
    let retry = post_json(
        service.addr,
        PATH,
        &signup("reader@example.com"),
        Some("key-1"),
    )
    .await;
    assert_eq!(
        (first.status, first.body.clone()),
        (retry.status, retry.body.clone())
    );
    assert_eq!(service.subscribers(), 1);
    assert_eq!(service.rows("SELECT count(*) FROM outbox"), 1);
    assert_eq!(service.rows("SELECT count(*) FROM idempotency_keys"), 1);

    let reused = post_json(
        service.addr,
        PATH,
        &signup("other@example.com"),
        Some("key-1"),
    )
    .await;
    assert_eq!(reused.status, 422);
    assert_eq!(reused.json()["error"], "idempotency_key_reused");
    assert_eq!(service.subscribers(), 1);
}

#[tokio::test]
async fn concurrent_retries_with_one_key_store_one_row() {
    let service = Service::start(0).await;
    let addr = service.addr;
    let tries: Vec<_> = (0..8)
        .map(|_| {
            tokio::spawn(async move {
                post_json(addr, PATH, &signup("race@example.com"), Some("same")).await
            })
        })
        .collect();
    for attempt in tries {
        assert_eq!(attempt.await.unwrap().status, 202);
    }
    assert_eq!(service.subscribers(), 1);
}

#[tokio::test]
async fn every_case_of_the_shared_validation_table_gets_the_same_verdict_over_http() {
    #[derive(serde::Deserialize)]
    struct Case {
        input: String,
        expect: String,
    }
    let table = include_str!("../../tests/fixtures/email-cases.json");
    let cases: Vec<Case> = serde_json::from_str(table).unwrap();
    let service = Service::start(0).await;
    let mut accepted = std::collections::HashSet::new();
    for case in &cases {
        let reply = post_json(service.addr, PATH, &signup(&case.input), None).await;
        match case.expect.as_str() {
            "ok" => {
                assert_eq!(
                    reply.status, 202,
                    "{:?} refused: {}",
                    case.input, reply.body
                );
                accepted.insert(news_portal::model::email_key(&case.input));
            }
            "empty" => {
                assert_eq!(reply.status, 400, "{:?}", case.input);
                assert_eq!(reply.json()["message"], "Please enter your email address.");
                assert_eq!(reply.json()["field"], "email");
            }
            _ => {
                assert_eq!(reply.status, 400, "{:?} accepted", case.input);
                assert_eq!(
                    reply.json()["message"],
                    "Please enter a valid email address, like name@example.com."
                );
            }
        }
    }
    // One row per address, however it was spaced or capitalised.
    assert_eq!(service.subscribers(), accepted.len() as i64);
}

#[tokio::test]
async fn bad_json_wrong_type_and_oversize_bodies_get_json_errors_and_store_nothing() {
    let service = Service::start(0).await;
    let bad = post_json(service.addr, PATH, "{\"email\": ", None).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"], "bad_json");
    assert!(bad.json()["message"].as_str().unwrap().contains("JSON"));

    let form = send(
        service.addr,
        "POST",
        PATH,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"email=reader%40example.com",
    )
    .await;
    assert_eq!(form.status, 415);
    assert_eq!(form.json()["error"], "unsupported_media_type");

    let huge = format!(
        "{{\"email\":\"reader@example.com\",\"source\":\"{}\"}}",
        "x".repeat(5000)
    );
    let oversize = post_json(service.addr, PATH, &huge, None).await;
    assert_eq!(oversize.status, 413);
    assert_eq!(oversize.json()["error"], "payload_too_large");

    let get = send(service.addr, "GET", PATH, &[], b"").await;
    assert_eq!(get.status, 405);
    assert_eq!(get.json()["error"], "method_not_allowed");
    assert_eq!(service.subscribers(), 0);
}

#[tokio::test]
async fn bots_get_a_normal_looking_success_and_nothing_is_stored() {
    let service = Service::start(0).await;
    let honeypot =
        r#"{"email":"bot@example.com","website":"http://spam.example","elapsed_ms":9000}"#;
    let too_quick = r#"{"email":"bot2@example.com","elapsed_ms":150}"#;
    for body in [honeypot, too_quick] {
        let reply = post_json(service.addr, PATH, body, None).await;
        assert_eq!(reply.status, 202);
        assert_eq!(reply.json()["status"], "pending");
    }
    assert_eq!(service.subscribers(), 0);
}

#[tokio::test]
async fn too_many_attempts_are_refused_with_retry_after() {
    let service = Service::start(3).await;
    for i in 0..3 {
        let reply = post_json(
            service.addr,
            PATH,
            &signup(&format!("r{i}@example.com")),
            None,
        )
        .await;
        assert_eq!(reply.status, 202);
    }
    let limited = post_json(service.addr, PATH, &signup("r4@example.com"), None).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json()["error"], "rate_limited");
    let wait: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&wait), "Retry-After: {wait}");
    assert_eq!(service.subscribers(), 3);
}

#[tokio::test]
async fn cors_allows_only_configured_origins() {
    let service = Service::start(0).await;
    let preflight = |origin: &'static str| async move {
        let headers = [
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type, idempotency-key",
            ),
        ];
        send(service.addr, "OPTIONS", PATH, &headers, b"").await
    };
    let allowed = preflight("https://partner.example").await;
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://partner.example")
    );
    let refused = preflight("https://evil.example").await;
    assert_eq!(refused.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn a_restart_keeps_every_signup() {
    let service = Service::start(0).await;
    post_json(service.addr, PATH, &signup("keep@example.com"), Some("k")).await;
    let dir = service.stop().await;
    let service = Service::start_in(dir, 0).await;
    assert_eq!(service.subscribers(), 1);
    let again = post_json(service.addr, PATH, &signup("keep@example.com"), Some("k")).await;
    assert_eq!(again.status, 202);
    assert_eq!(service.subscribers(), 1);
}

#[tokio::test]
async fn a_graceful_shutdown_loses_no_accepted_signup() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    let service = Service::start(0).await;
    let addr = service.addr;
    // Signups in flight at the signal: each has sent its headers, and the
    // service has begun reading its body (hyper answers `100 Continue`
    // only then), but none has sent its body yet.
    let mut held = Vec::new();
    for i in 0..5 {
        let body = signup(&format!("held{i}@example.com"));
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST {PATH} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Expect: 100-continue\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut interim = [0u8; 25];
        stream.read_exact(&mut interim).await.unwrap();
        assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
        held.push((stream, body));
    }

    let db = service.db.clone();
    let stopping = tokio::spawn(service.stop());
    // The shutdown has begun once the service stops taking connections.
    let mut refused = false;
    for _ in 0..200 {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(refused, "the service still takes new connections");
    // The process would exit when serving ends: it must wait for these.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(
        !stopping.is_finished(),
        "serving ended with signups in flight"
    );

    let mut accepted = 0;
    for (mut stream, body) in held {
        stream.write_all(body.as_bytes()).await.unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).await.unwrap();
        assert!(reply.starts_with("HTTP/1.1 202"), "{reply}");
        accepted += 1;
    }
    let dir = stopping.await.unwrap();
    let stored: i64 = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM subscribers WHERE email LIKE 'held%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(accepted, 5);
    assert_eq!(
        stored, accepted,
        "every 202 sent during shutdown is a stored row"
    );
    drop(dir);
}

#[tokio::test]
async fn the_site_is_served_beside_the_api_as_its_headers_file_says() {
    use news_portal::publish::headers::{FOREVER_CACHE, PAGE_CACHE};
    let service = Service::start(0).await;
    let story = send(service.addr, "GET", "/news/a-story", &[], b"").await;
    assert_eq!(story.status, 200);
    assert!(story.body.contains("<title>a story</title>"));
    assert_eq!(story.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(story.header("cache-control"), Some(PAGE_CACHE));
    let policy = story.header("content-security-policy").unwrap();
    assert!(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"));
    let style = send(service.addr, "GET", "/main-0123456789abcdef.css", &[], b"").await;
    assert_eq!(style.header("cache-control"), Some(FOREVER_CACHE));

    for path in ["/news/no-such-story", "/no/such/page", "/missing.js"] {
        let missing = send(service.addr, "GET", path, &[], b"").await;
        assert_eq!(missing.status, 404, "{path}");
        assert!(missing.body.contains("<title>not found</title>"), "{path}");
    }
    // _redirects: under /api/ a miss answers JSON.
    let missing = send(
        service.addr,
        "GET",
        "/api/v1/articles/missing.json",
        &[],
        b"",
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"], "not_found");
}

#[tokio::test]
async fn behind_a_proxy_each_forwarded_client_has_its_own_allowance() {
    // Documentation addresses, only ever written into a header.
    let forwarded = |client: &'static str| {
        [
            ("Content-Type", "application/json"),
            ("X-Forwarded-For", client),
        ]
    };
    let trusting = Service::start_with(TempDir::new(), 1, true).await;
    for (i, client) in ["198.51.100.7", "203.0.113.9, 198.51.100.8"]
        .into_iter()
        .enumerate()
    {
        let body = signup(&format!("p{i}@example.com"));
        let reply = send(
            trusting.addr,
            "POST",
            PATH,
            &forwarded(client),
            body.as_bytes(),
        )
        .await;
        assert_eq!(reply.status, 202, "{client}");
    }
    // Without --behind-proxy the header is ignored: both come from loopback.
    let direct = Service::start(1).await;
    let statuses = [
        send(
            direct.addr,
            "POST",
            PATH,
            &forwarded("198.51.100.7"),
            signup("d1@example.com").as_bytes(),
        )
        .await
        .status,
        send(
            direct.addr,
            "POST",
            PATH,
            &forwarded("198.51.100.8"),
            signup("d2@example.com").as_bytes(),
        )
        .await
        .status,
    ];
    assert_eq!(statuses, [202, 429]);
}

#[tokio::test]
async fn idempotency_keys_are_forgotten_after_a_day() {
    let service = Service::start(0).await;
    post_json(
        service.addr,
        PATH,
        &signup("first@example.com"),
        Some("old-key"),
    )
    .await;
    Connection::open(&service.db)
        .unwrap()
        .execute(
            "UPDATE idempotency_keys SET created_at = '2020-01-01T00:00:00Z'",
            [],
        )
        .unwrap();
    let later = post_json(
        service.addr,
        PATH,
        &signup("second@example.com"),
        Some("old-key"),
    )
    .await;
    assert_eq!(later.status, 202, "{}", later.body);
    assert_eq!(service.subscribers(), 2);
}
