//! The signup service over real HTTP on loopback, each test on SQLite and
//! on PostgreSQL (`on_sqlite::…`, `on_postgres::…`).

mod support;

use support::{
    clear_of_the_minutes_turn, post_json, send, signup, Options, Service, TestDb, SIGNUP,
};

on_both_stores!(
    accepts_a_new_address_as_pending_and_queues_its_confirmation,
    the_same_address_in_any_case_is_stored_once,
    a_confirmed_address_is_told_it_is_already_signed_up,
    confirming_twice_says_so_and_bad_tokens_are_refused,
    the_same_idempotency_key_gets_the_same_answer_and_stores_nothing_twice,
    concurrent_retries_with_one_key_store_one_row,
    concurrent_signups_of_one_address_with_different_keys_store_one_row,
    every_case_of_the_shared_validation_table_gets_the_same_verdict_over_http,
    bad_json_wrong_type_and_oversize_bodies_get_json_errors_and_store_nothing,
    bots_get_a_normal_looking_success_and_nothing_is_stored,
    too_many_attempts_are_refused_with_retry_after,
    cors_allows_only_configured_origins,
    a_restart_keeps_every_signup,
    a_graceful_shutdown_loses_no_accepted_signup,
    the_site_is_served_beside_the_api_as_its_headers_file_says,
    behind_a_proxy_each_forwarded_client_has_its_own_allowance,
    idempotency_keys_are_forgotten_after_a_day,
    a_counted_client_address_is_forgotten_once_its_minutes_are_over,
    unsubscribing_deletes_the_address_and_signing_up_again_starts_over,
    an_unsubscribe_link_that_is_not_one_changes_nothing,
    no_reply_from_the_api_is_cached,
);

async fn accepts_a_new_address_as_pending_and_queues_its_confirmation(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let reply = post_json(&service.url(SIGNUP), &signup("  Reader@Example.com "), None).await;
    assert_eq!(reply.status, 202);
    assert_eq!(reply.json()["status"], "pending");
    assert_eq!(
        reply.json()["message"],
        "Check your inbox to confirm your subscription."
    );
    assert_eq!(db.subscribers().await, 1);
    assert_eq!(db.count("SELECT count(*) FROM subscribers WHERE email = 'Reader@Example.com' AND status = 'pending' AND source = 'footer'").await, 1);
    // Its link is made when it is sent (tests/mail.rs reads it in the mail).
    assert_eq!(
        db.count(
            "SELECT count(*) FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id \
             WHERE o.kind = 'confirm' AND s.email_key = 'reader@example.com' AND o.sent_at IS NULL"
        )
        .await,
        1
    );
    let unsubscribe = db.unsubscribe_token_of("reader@example.com").await;
    assert_eq!(unsubscribe.len(), 64);
    assert_ne!(unsubscribe, db.token_of("reader@example.com").await);
}

async fn the_same_address_in_any_case_is_stored_once(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let first = post_json(&service.url(SIGNUP), &signup("reader@example.com"), None).await;
    assert_eq!(first.status, 202);
    let again = post_json(&service.url(SIGNUP), &signup("READER@example.COM"), None).await;
    assert_eq!(again.status, 202);
    assert_eq!(again.json()["status"], "pending");
    assert_eq!(db.subscribers().await, 1);
    assert_eq!(db.count("SELECT count(*) FROM outbox").await, 1);
}

async fn a_confirmed_address_is_told_it_is_already_signed_up(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    post_json(&service.url(SIGNUP), &signup("reader@example.com"), None).await;
    let token = db.token_of("reader@example.com").await;
    let confirmed = send(
        &service.url(&format!("{SIGNUP}/confirm?token={token}")),
        "GET",
        &[],
        "",
    )
    .await;
    assert_eq!(confirmed.status, 200);
    assert_eq!(confirmed.json()["status"], "confirmed");
    let again = post_json(&service.url(SIGNUP), &signup("reader@example.com"), None).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["status"], "already_subscribed");
    assert_eq!(
        again.json()["message"],
        "You're already signed up — thank you."
    );
}

async fn confirming_twice_says_so_and_bad_tokens_are_refused(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    post_json(&service.url(SIGNUP), &signup("reader@example.com"), None).await;
    let token = db.token_of("reader@example.com").await;
    let url = service.url(&format!("{SIGNUP}/confirm?token={token}"));
    assert_eq!(
        send(&url, "GET", &[], "").await.json()["status"],
        "confirmed"
    );
    assert_eq!(
        send(&url, "GET", &[], "").await.json()["status"],
        "already_confirmed"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM subscribers WHERE status = 'confirmed'")
            .await,
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
            &service.url(&format!("{SIGNUP}/confirm{bad}")),
            "GET",
            &[],
            "",
        )
        .await;
        assert_eq!(reply.status, 404, "{bad}");
        assert_eq!(reply.json()["error"], "invalid_token");
    }
}

async fn the_same_idempotency_key_gets_the_same_answer_and_stores_nothing_twice(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let url = service.url(SIGNUP);
    let first = post_json(&url, &signup("reader@example.com"), Some("key-1")).await;
    let retry = post_json(&url, &signup("reader@example.com"), Some("key-1")).await;
    assert_eq!(
        (first.status, first.body.clone()),
        (retry.status, retry.body.clone())
    );
    assert_eq!(db.subscribers().await, 1);
    assert_eq!(db.count("SELECT count(*) FROM outbox").await, 1);
    assert_eq!(db.count("SELECT count(*) FROM idempotency_keys").await, 1);

    let reused = post_json(&url, &signup("other@example.com"), Some("key-1")).await;
    assert_eq!(reused.status, 422);
    assert_eq!(reused.json()["error"], "idempotency_key_reused");
    assert_eq!(db.subscribers().await, 1);
}

async fn concurrent_retries_with_one_key_store_one_row(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let tries: Vec<_> = (0..8)
        .map(|_| {
            let url = service.url(SIGNUP);
            tokio::spawn(
                async move { post_json(&url, &signup("race@example.com"), Some("same")).await },
            )
        })
        .collect();
    for attempt in tries {
        let reply = attempt.await.unwrap();
        assert_eq!(reply.status, 202, "{}", reply.body);
    }
    assert_eq!(db.subscribers().await, 1);
    assert_eq!(db.count("SELECT count(*) FROM outbox").await, 1);
}

async fn concurrent_signups_of_one_address_with_different_keys_store_one_row(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let tries: Vec<_> = (0..8)
        .map(|i| {
            let url = service.url(SIGNUP);
            tokio::spawn(async move {
                post_json(&url, &signup("Same@Example.com"), Some(&format!("key-{i}"))).await
            })
        })
        .collect();
    for attempt in tries {
        let reply = attempt.await.unwrap();
        assert_eq!(reply.status, 202, "{}", reply.body);
        assert_eq!(reply.json()["status"], "pending");
    }
    assert_eq!(db.subscribers().await, 1);
    assert_eq!(db.count("SELECT count(*) FROM outbox").await, 1);
    assert_eq!(db.count("SELECT count(*) FROM idempotency_keys").await, 8);
}

async fn every_case_of_the_shared_validation_table_gets_the_same_verdict_over_http(db: TestDb) {
    #[derive(serde::Deserialize)]
    struct Case {
        input: String,
        expect: String,
    }
    let table = include_str!("../../tests/fixtures/email-cases.json");
    let cases: Vec<Case> = serde_json::from_str(table).unwrap();
    let service = Service::start(&db, Options::default()).await;
    let mut accepted = std::collections::HashSet::new();
    // Every row is sent; every wrong answer is reported, not just the first.
    let mut wrong = Vec::new();
    for case in &cases {
        let reply = post_json(&service.url(SIGNUP), &signup(&case.input), None).await;
        let (status, message) = match case.expect.as_str() {
            "ok" => (202, None),
            "empty" => (400, Some("Please enter your email address.")),
            _ => (
                400,
                Some("Please enter a valid email address, like name@example.com."),
            ),
        };
        let right = reply.status == status
            && message.is_none_or(|message| {
                reply.json()["message"] == message && reply.json()["field"] == "email"
            });
        if !right {
            wrong.push(format!("{:?}: {} {}", case.input, reply.status, reply.body));
        } else if status == 202 {
            accepted.insert(news_portal::model::email_key(&case.input));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // One row per address, however it was spaced or capitalised.
    assert_eq!(db.subscribers().await, accepted.len() as i64);
}

async fn bad_json_wrong_type_and_oversize_bodies_get_json_errors_and_store_nothing(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let url = service.url(SIGNUP);
    let bad = post_json(&url, "{\"email\": ", None).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"], "bad_json");
    assert!(bad.json()["message"].as_str().unwrap().contains("JSON"));

    let wrong_type = post_json(&url, r#"{"email": 7}"#, None).await;
    assert_eq!(wrong_type.status, 400);
    assert_eq!(wrong_type.json()["error"], "bad_json");

    // Neither JSON nor a form (forms: tests/signup_form.rs).
    let text = send(
        &url,
        "POST",
        &[("Content-Type", "text/plain")],
        "email=reader%40example.com",
    )
    .await;
    assert_eq!(text.status, 415);
    assert_eq!(text.json()["error"], "unsupported_media_type");

    let huge = format!(
        "{{\"email\":\"reader@example.com\",\"source\":\"{}\"}}",
        "x".repeat(5000)
    );
    let oversize = post_json(&url, &huge, None).await;
    assert_eq!(oversize.status, 413);
    assert_eq!(oversize.json()["error"], "payload_too_large");

    let get = send(&url, "GET", &[], "").await;
    assert_eq!(get.status, 405);
    assert_eq!(get.json()["error"], "method_not_allowed");
    assert_eq!(db.subscribers().await, 0);
}

async fn bots_get_a_normal_looking_success_and_nothing_is_stored(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let honeypot =
        r#"{"email":"bot@example.com","website":"http://spam.example","elapsed_ms":9000}"#;
    let too_quick = r#"{"email":"bot2@example.com","elapsed_ms":150}"#;
    for body in [honeypot, too_quick] {
        let reply = post_json(&service.url(SIGNUP), body, None).await;
        assert_eq!(reply.status, 202);
        assert_eq!(reply.json()["status"], "pending");
    }
    assert_eq!(db.subscribers().await, 0);
}

async fn too_many_attempts_are_refused_with_retry_after(db: TestDb) {
    clear_of_the_minutes_turn(10).await;
    let service = Service::start(
        &db,
        Options {
            rate_limit: 3,
            ..Options::default()
        },
    )
    .await;
    for i in 0..3 {
        let reply = post_json(
            &service.url(SIGNUP),
            &signup(&format!("r{i}@example.com")),
            None,
        )
        .await;
        assert_eq!(reply.status, 202);
    }
    let limited = post_json(&service.url(SIGNUP), &signup("r4@example.com"), None).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json()["error"], "rate_limited");
    let wait: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After: {wait}");
    assert_eq!(db.subscribers().await, 3);
}

async fn cors_allows_only_configured_origins(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let preflight = |origin: &'static str| {
        let url = service.url(SIGNUP);
        async move {
            let headers = [
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "content-type, idempotency-key",
                ),
            ];
            send(&url, "OPTIONS", &headers, "").await
        }
    };
    let allowed = preflight("https://partner.example").await;
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://partner.example")
    );
    let refused = preflight("https://evil.example").await;
    assert_eq!(refused.header("access-control-allow-origin"), None);
}

async fn a_restart_keeps_every_signup(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    post_json(&service.url(SIGNUP), &signup("keep@example.com"), Some("k")).await;
    service.stop().await;
    let service = Service::start(&db, Options::default()).await;
    assert_eq!(db.subscribers().await, 1);
    let again = post_json(&service.url(SIGNUP), &signup("keep@example.com"), Some("k")).await;
    assert_eq!(again.status, 202);
    assert_eq!(db.subscribers().await, 1);
}

async fn a_graceful_shutdown_loses_no_accepted_signup(db: TestDb) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    let service = Service::start(&db, Options::default()).await;
    let addr = service.addr;
    // Signups in flight at the signal: each has sent its headers, and the
    // service has begun reading its body (hyper answers `100 Continue`
    // only then), but none has sent its body yet.
    let mut held = Vec::new();
    for i in 0..5 {
        let body = signup(&format!("held{i}@example.com"));
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST {SIGNUP} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Expect: 100-continue\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut interim = [0u8; 25];
        stream.read_exact(&mut interim).await.unwrap();
        assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
        held.push((stream, body));
    }

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
    // (What proves it waited is below: each held signup, sent only now,
    // is answered 202 and stored.)
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
    stopping.await.unwrap();
    let stored = db
        .count("SELECT count(*) FROM subscribers WHERE email LIKE 'held%'")
        .await;
    assert_eq!(accepted, 5);
    assert_eq!(
        stored, accepted,
        "every 202 sent during shutdown is a stored row"
    );
}

async fn the_site_is_served_beside_the_api_as_its_headers_file_says(db: TestDb) {
    use news_portal::publish::headers::{FOREVER_CACHE, PAGE_CACHE};
    let service = Service::start(&db, Options::default()).await;
    let story = send(&service.url("/news/a-story"), "GET", &[], "").await;
    assert_eq!(story.status, 200);
    assert!(story.body.contains("<title>a story</title>"));
    assert_eq!(story.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(story.header("cache-control"), Some(PAGE_CACHE));
    let policy = story.header("content-security-policy").unwrap();
    assert!(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"));
    let style = send(&service.url("/main-0123456789abcdef.css"), "GET", &[], "").await;
    assert_eq!(style.header("cache-control"), Some(FOREVER_CACHE));

    for path in ["/news/no-such-story", "/no/such/page", "/missing.js"] {
        let missing = send(&service.url(path), "GET", &[], "").await;
        assert_eq!(missing.status, 404, "{path}");
        assert!(missing.body.contains("<title>not found</title>"), "{path}");
    }
    // _redirects: under /api/ a miss answers JSON.
    let missing = send(
        &service.url("/api/v1/articles/missing.json"),
        "GET",
        &[],
        "",
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"], "not_found");
    // A withdrawn story: 410 Gone, its page and its JSON, as _redirects says.
    let gone = send(&service.url("/news/taken-down"), "GET", &[], "").await;
    assert_eq!(gone.status, 410);
    assert!(gone.body.contains("<title>removed</title>"));
    assert_eq!(gone.header("cache-control"), Some(PAGE_CACHE));
    let gone = send(
        &service.url("/api/v1/articles/taken-down.json"),
        "GET",
        &[],
        "",
    )
    .await;
    assert_eq!(gone.status, 410);
    assert_eq!(gone.json()["error"], "withdrawn");
}

async fn behind_a_proxy_each_forwarded_client_has_its_own_allowance(db: TestDb) {
    clear_of_the_minutes_turn(10).await;
    // Documentation addresses, only ever written into a header.
    let forwarded = |client: &'static str| {
        [
            ("Content-Type", "application/json"),
            ("X-Forwarded-For", client),
        ]
    };
    let trusting = Service::start(
        &db,
        Options {
            rate_limit: 1,
            behind_proxy: true,
            ..Options::default()
        },
    )
    .await;
    for (i, client) in ["198.51.100.7", "203.0.113.9, 198.51.100.8"]
        .into_iter()
        .enumerate()
    {
        let body = signup(&format!("p{i}@example.com"));
        let reply = send(&trusting.url(SIGNUP), "POST", &forwarded(client), body).await;
        assert_eq!(reply.status, 202, "{client}");
    }
    // Without --behind-proxy the header is ignored: both come from loopback.
    let direct = Service::start(
        &db,
        Options {
            rate_limit: 1,
            ..Options::default()
        },
    )
    .await;
    let mut statuses = Vec::new();
    for (client, email) in [
        ("198.51.100.7", "d1@example.com"),
        ("198.51.100.8", "d2@example.com"),
    ] {
        statuses.push(
            send(
                &direct.url(SIGNUP),
                "POST",
                &forwarded(client),
                signup(email),
            )
            .await
            .status,
        );
    }
    assert_eq!(statuses, [202, 429]);
}

async fn idempotency_keys_are_forgotten_after_a_day(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    post_json(
        &service.url(SIGNUP),
        &signup("first@example.com"),
        Some("old-key"),
    )
    .await;
    db.execute("UPDATE idempotency_keys SET created_at = '2020-01-01T00:00:00Z'")
        .await;
    // The store's tidying (as an instance starts, then every minute)
    // deletes it.
    service.stop().await;
    let service = Service::start(&db, Options::default()).await;
    db.wait_for_count("SELECT count(*) FROM idempotency_keys", 0)
        .await;
    let later = post_json(
        &service.url(SIGNUP),
        &signup("second@example.com"),
        Some("old-key"),
    )
    .await;
    assert_eq!(later.status, 202, "{}", later.body);
    assert_eq!(db.subscribers().await, 2);
}

async fn a_counted_client_address_is_forgotten_once_its_minutes_are_over(db: TestDb) {
    clear_of_the_minutes_turn(10).await;
    let counted = "SELECT count(*) FROM rate_limits WHERE client = '198.51.100.7'";
    let options = || Options {
        rate_limit: 5,
        behind_proxy: true,
        ..Options::default()
    };
    let service = Service::start(&db, options()).await;
    let headers = [
        ("Content-Type", "application/json"),
        ("X-Forwarded-For", "198.51.100.7"),
    ];
    let reply = send(
        &service.url(SIGNUP),
        "POST",
        &headers,
        signup("counted@example.com"),
    )
    .await;
    assert_eq!(reply.status, 202, "{}", reply.body);
    assert_eq!(db.count(counted).await, 1, "the signup was counted");
    service.stop().await;

    // Three minutes on, with no signup since: a new instance's tidying
    // (which runs as it starts, then every minute) deletes the count.
    db.execute("UPDATE rate_limits SET window_start = window_start - 180")
        .await;
    let _service = Service::start(&db, options()).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while db.count(counted).await > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the old count was still kept after 10 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn unsubscribing_deletes_the_address_and_signing_up_again_starts_over(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    post_json(
        &service.url(SIGNUP),
        &signup("leaver@example.com"),
        Some("k1"),
    )
    .await;
    let confirm = db.token_of("leaver@example.com").await;
    send(
        &service.url(&format!("{SIGNUP}/confirm?token={confirm}")),
        "GET",
        &[],
        "",
    )
    .await;
    let token = db.unsubscribe_token_of("leaver@example.com").await;
    let url = service.url(&format!("{SIGNUP}/unsubscribe?token={token}"));

    // A link checker's GET does nothing.
    let get = send(&url, "GET", &[], "").await;
    assert_eq!(get.status, 405);
    assert_eq!(db.subscribers().await, 1);

    // One click, as a mail client sends it (RFC 8058).
    let left = send(
        &url,
        "POST",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        "List-Unsubscribe=One-Click",
    )
    .await;
    assert_eq!(left.status, 200, "{}", left.body);
    assert_eq!(left.json()["status"], "unsubscribed");
    assert!(left.json()["message"]
        .as_str()
        .unwrap()
        .contains("deleted your email address"));
    assert_eq!(db.subscribers().await, 0);
    assert_eq!(db.count("SELECT count(*) FROM outbox").await, 0);
    assert_eq!(db.count("SELECT count(*) FROM idempotency_keys").await, 0);

    // Again: the link is spent.
    let again = send(&url, "POST", &[], "").await;
    assert_eq!(again.status, 404);
    assert_eq!(again.json()["error"], "invalid_token");

    // Signing up again starts over: pending, with a new confirmation.
    let back = post_json(
        &service.url(SIGNUP),
        &signup("leaver@example.com"),
        Some("k1"),
    )
    .await;
    assert_eq!(back.status, 202);
    assert_eq!(back.json()["status"], "pending");
    assert_ne!(db.token_of("leaver@example.com").await, confirm);
    assert_ne!(db.unsubscribe_token_of("leaver@example.com").await, token);
    assert_eq!(db.count("SELECT count(*) FROM outbox").await, 1);
}

async fn an_unsubscribe_link_that_is_not_one_changes_nothing(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    post_json(&service.url(SIGNUP), &signup("stays@example.com"), None).await;
    let confirm = db.token_of("stays@example.com").await;
    for token in [confirm.as_str(), &"f".repeat(64), "short", ""] {
        let reply = send(
            &service.url(&format!("{SIGNUP}/unsubscribe?token={token}")),
            "POST",
            &[],
            "",
        )
        .await;
        assert_eq!(reply.status, 404, "{token}");
        assert_eq!(reply.json()["error"], "invalid_token");
    }
    assert_eq!(db.subscribers().await, 1);
}

async fn no_reply_from_the_api_is_cached(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let url = service.url(SIGNUP);
    for reply in [
        post_json(&url, &signup("c@example.com"), None).await,
        post_json(&url, "{", None).await,
        send(&url, "GET", &[], "").await,
        send(
            &service.url(&format!("{SIGNUP}/confirm?token=x")),
            "GET",
            &[],
            "",
        )
        .await,
        send(
            &service.url(&format!("{SIGNUP}/unsubscribe?token=x")),
            "POST",
            &[],
            "",
        )
        .await,
    ] {
        assert_eq!(
            reply.header("cache-control"),
            Some("no-store"),
            "{}",
            reply.body
        );
    }
}
