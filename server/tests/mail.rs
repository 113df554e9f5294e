//! Confirmation mail, sent over SMTP to a sink the test starts on
//! loopback: the message, its headers, retries, giving up, and one-click
//! unsubscribe from the header. Each test on SQLite and on PostgreSQL.

mod support;

use std::time::Duration;
use support::smtp::SmtpSink;
use support::{post_json, send, signup, Options, Service, TestDb, SIGNUP};

on_both_stores!(
    a_signup_is_sent_its_confirmation_once_with_both_parts_and_one_click_unsubscribe,
    a_send_refused_for_now_is_retried_with_backoff_and_then_delivered_once,
    a_send_refused_for_good_is_given_up_at_once,
    one_click_unsubscribe_from_the_header_deletes_the_address,
);

async fn with_sink(db: &TestDb) -> (Service, SmtpSink) {
    let sink = SmtpSink::start().await;
    let service = Service::start(
        db,
        Options {
            smtp: Some(sink.addr),
            ..Options::default()
        },
    )
    .await;
    (service, sink)
}

async fn a_signup_is_sent_its_confirmation_once_with_both_parts_and_one_click_unsubscribe(
    db: TestDb,
) {
    let (service, sink) = with_sink(&db).await;
    let reply = post_json(&service.url(SIGNUP), &signup("Reader@Example.com"), None).await;
    assert_eq!(reply.status, 202);
    let message = sink.wait_for(1, Duration::from_secs(10)).await.remove(0);

    let confirm = db.token_of("reader@example.com").await;
    let leave = db.unsubscribe_token_of("reader@example.com").await;
    assert_eq!(message.to, ["Reader@Example.com"]);
    assert_eq!(message.from, "newsletter@news.example");
    assert_eq!(message.header("To").unwrap(), "Reader@Example.com");
    let id = message.header("Message-ID").unwrap();
    assert!(
        id.starts_with("<confirm.") && id.ends_with("@news.example>"),
        "{id}"
    );
    assert!(message
        .header("Subject")
        .unwrap()
        .starts_with("Confirm your subscription to"));
    assert_eq!(
        message.header("List-Unsubscribe").unwrap(),
        format!(
            "<{}/api/v1/newsletter/unsubscribe?token={leave}>",
            service.base
        )
    );
    assert_eq!(
        message.header("List-Unsubscribe-Post").unwrap(),
        "List-Unsubscribe=One-Click"
    );
    assert!(message
        .header("Content-Type")
        .unwrap()
        .starts_with("multipart/alternative"));
    let confirm_link = format!("{}/newsletter/confirm?token={confirm}", service.base);
    let leave_page = format!("{}/newsletter/unsubscribe?token={leave}", service.base);
    let text = message.part("text/plain");
    assert!(text.contains(&confirm_link), "{text}");
    assert!(text.contains(&leave_page), "{text}");
    let html = message.part("text/html");
    assert!(html.contains(&format!("href=\"{confirm_link}\"")), "{html}");
    assert!(html.contains(&format!("href=\"{leave_page}\"")), "{html}");

    // Marked sent once; nothing goes twice.
    db.wait_for_count(
        "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL AND attempts = 1",
        1,
    )
    .await;
    service.mail_settled().await;
    assert_eq!(sink.accepted().len(), 1);
    // A repeated signup queues nothing new.
    post_json(&service.url(SIGNUP), &signup("reader@example.com"), None).await;
    service.mail_settled().await;
    assert_eq!(sink.accepted().len(), 1);
}

async fn a_send_refused_for_now_is_retried_with_backoff_and_then_delivered_once(db: TestDb) {
    let (service, sink) = with_sink(&db).await;
    sink.refuse_next_for_now();
    post_json(&service.url(SIGNUP), &signup("retry@example.com"), None).await;
    // The refusal is recorded, not given up on, with when to try again…
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while db
        .count(
            "SELECT count(*) FROM outbox \
             WHERE last_error LIKE '%451%' AND sent_at IS NULL AND failed_at IS NULL",
        )
        .await
        == 0
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no failure recorded"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(sink.refused(), 1);
    // …and it goes at the next attempt, a second later.
    let delivered = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].to, ["retry@example.com"]);
    db.wait_for_count(
        "SELECT count(*) FROM outbox WHERE attempts = 2 AND sent_at IS NOT NULL AND last_error IS NULL",
        1,
    )
    .await;
    service.mail_settled().await;
    assert_eq!(sink.accepted().len(), 1, "sent exactly once");
}

async fn a_send_refused_for_good_is_given_up_at_once(db: TestDb) {
    let (service, sink) = with_sink(&db).await;
    sink.refuse_next_for_good();
    post_json(&service.url(SIGNUP), &signup("nobody@example.com"), None).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while db
        .count("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL")
        .await
        == 0
    {
        assert!(tokio::time::Instant::now() < deadline, "never given up");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    service.mail_settled().await;
    assert_eq!(sink.refused(), 1, "not tried again");
    assert!(sink.accepted().is_empty());
    let error = db.string("SELECT last_error FROM outbox").await;
    assert!(error.contains("550"), "{error}");
}

async fn one_click_unsubscribe_from_the_header_deletes_the_address(db: TestDb) {
    let (service, sink) = with_sink(&db).await;
    post_json(&service.url(SIGNUP), &signup("leaver@example.com"), None).await;
    let message = sink.wait_for(1, Duration::from_secs(10)).await.remove(0);
    let header = message.header("List-Unsubscribe").unwrap();
    let url = header.trim_start_matches('<').trim_end_matches('>');
    // What a mail client sends when the reader clicks Unsubscribe.
    let left = send(
        url,
        "POST",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        "List-Unsubscribe=One-Click",
    )
    .await;
    assert_eq!(left.status, 200, "{}", left.body);
    assert_eq!(db.subscribers().await, 0);
    // Back again: a new confirmation, with new links.
    post_json(&service.url(SIGNUP), &signup("leaver@example.com"), None).await;
    let again = sink.wait_for(2, Duration::from_secs(10)).await.remove(1);
    assert_ne!(again.header("List-Unsubscribe").unwrap(), header);
}
