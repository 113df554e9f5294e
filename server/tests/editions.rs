//! The newsletter's editions, sent to a sink the test starts: every
//! message read back (both parts, the bulk headers, the DKIM signature
//! checked as a receiving server would, by dkimpy); refusals for now and
//! for good; the mail server down; a window passed; bounces and
//! complaints; a second send refused; a list imported. Each on SQLite and
//! on PostgreSQL. The sends of thousands, across instances and kills, are
//! in `tests/edition_instances.rs`.

mod support;

use news_portal_server::mailer::DkimSettings;
use news_portal_server::store::Unsubscribe;
use std::time::Duration;
use support::instance::operator;
use support::smtp::SmtpSink;
use support::{send, Options, Service, TestDb};

on_both_stores!(
    an_edition_reaches_each_subscriber_once_with_both_parts_its_headers_and_a_valid_signature,
    a_second_send_of_one_edition_is_refused,
    a_refusal_for_now_is_retried_and_one_for_good_bounces_and_suppresses,
    the_mail_server_down_pauses_the_edition_and_resume_finishes_it,
    failures_of_sends_claimed_before_a_resume_neither_pause_it_nor_delay_it,
    an_edition_whose_window_has_passed_is_not_sent_late,
    a_cancelled_edition_is_sent_to_nobody_and_stays_cancelled,
    a_bounce_a_complaint_and_a_second_soft_bounce_suppress_the_address,
    an_address_that_leaves_before_its_turn_is_sent_nothing,
    an_import_lists_bad_rows_by_line_and_a_rerun_adds_nothing,
);

/// A published edition, as the build writes it.
pub fn edition(date: &str) -> String {
    serde_json::json!({
        "date": date,
        "subject": "Rates held, and what the fares rise means for you",
        "introduction": ["Good morning.", "Two things matter today: money, and the trains."],
        "editor": { "name": "Ada Lovelace", "role": "Morning editor" },
        "stories": (1..=5).map(|n| serde_json::json!({
            "slug": format!("story-{n}"),
            "headline": format!("Headline number {n}"),
            "line": format!("What story {n} says, in a line."),
            "section": "UK",
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

/// The edition of `date` in a file of its own.
fn edition_file(date: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{date}.json"));
    std::fs::write(&path, edition(date)).unwrap();
    (dir, path.display().to_string())
}

/// `count` confirmed subscribers, `reader-N@example.com`, imported from CSV.
async fn subscribers(db: &TestDb, count: usize) {
    let mut csv = String::from("email,confirmed_at\n");
    for n in 0..count {
        csv.push_str(&format!(
            "reader-{n}@example.com,2026-11-0{}T08:00:00Z\n",
            1 + n % 9
        ));
    }
    let store = news_portal_server::store::Store::connect(&db.url)
        .await
        .unwrap();
    let imported = news_portal_server::newsletter::import::import(&store, csv.as_bytes(), "test")
        .await
        .unwrap();
    assert_eq!(imported.added, count as u64);
}

/// Runs `newsletter ARGS` against the test's database.
async fn newsletter(db: &TestDb, args: &[&str]) -> (bool, String, String) {
    let mut all = vec!["newsletter"];
    all.extend_from_slice(args);
    operator(&db.url, &all).await
}

/// Queues the edition of `date` now, as an operator would.
async fn queue(db: &TestDb, date: &str, extra: &[&str]) -> String {
    let (_dir, file) = edition_file(date);
    let mut args = vec!["send", file.as_str()];
    args.extend_from_slice(extra);
    let (ok, out, err) = newsletter(db, &args).await;
    assert!(ok, "{out}{err}");
    out
}

async fn status(db: &TestDb, date: &str) -> String {
    let (ok, out, err) = newsletter(db, &["status", date]).await;
    assert!(ok, "{out}{err}");
    out
}

/// Waits until `newsletter status` says `text` (it is read from the
/// database each time), failing after 30 s.
async fn wait_for_status(db: &TestDb, date: &str, text: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let now = status(db, date).await;
        if now.contains(text) {
            return now;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the status never said {text:?}: {now}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sending(db: &TestDb, sink: &SmtpSink, dkim: Option<DkimSettings>) -> Service {
    Service::start(
        db,
        Options {
            smtp: Some(sink.addr),
            dkim,
            bounce_secret: Some("s3cret".into()),
            ..Options::default()
        },
    )
    .await
}

/// An Ed25519 key made by openssl, and its DNS record (RFC 8463: the raw
/// public key).
fn ed25519_key(dir: &std::path::Path) -> (DkimSettings, String) {
    let key = dir.join("dkim.pem");
    let made = std::process::Command::new("openssl")
        .args(["genpkey", "-algorithm", "ed25519", "-out"])
        .arg(&key)
        .status()
        .unwrap();
    assert!(made.success());
    let public = std::process::Command::new("openssl")
        .args(["pkey", "-pubout", "-outform", "DER", "-in"])
        .arg(&key)
        .output()
        .unwrap()
        .stdout;
    use base64::Engine;
    let raw = &public[public.len() - 32..];
    let record = format!(
        "v=DKIM1; k=ed25519; p={}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    );
    (
        DkimSettings {
            key_file: key,
            selector: "morning".into(),
            domain: "news.example".into(),
        },
        record,
    )
}

/// Whether dkimpy, given `record` as the selector's DNS answer, finds the
/// message's signature valid.
fn dkim_verifies(message: &str, record: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("message.eml");
    std::fs::write(&file, message).unwrap();
    let output = std::process::Command::new("/usr/bin/python3")
        .args([
            "-c",
            "import sys, dkim\n\
             message = open(sys.argv[1], 'rb').read()\n\
             record = sys.argv[2].encode()\n\
             print('pass' if dkim.verify(message, dnsfunc=lambda name, timeout=5: record) else 'fail')",
        ])
        .arg(&file)
        .arg(record)
        .output()
        .expect("python3 with dkimpy (scripts/setup installs python3-dkim)");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "dkimpy: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    said.trim() == "pass"
}

async fn an_edition_reaches_each_subscriber_once_with_both_parts_its_headers_and_a_valid_signature(
    db: TestDb,
) {
    let keys = tempfile::tempdir().unwrap();
    let (dkim, record) = ed25519_key(keys.path());
    subscribers(&db, 12).await;
    let sink = SmtpSink::start().await;
    let service = sending(&db, &sink, Some(dkim)).await;
    let said = queue(&db, "2026-12-07", &[]).await;
    assert!(
        said.contains("Queued edition 2026-12-07 for 12 subscribers"),
        "{said}"
    );
    sink.wait_for(12, Duration::from_secs(20)).await;
    wait_for_status(&db, "2026-12-07", "12 recipients = 12 sent + 0 failed").await;
    service.editions_settled().await;
    let messages = sink.accepted();
    assert_eq!(messages.len(), 12, "each subscriber once");
    let per = sink.per_recipient();
    assert!(per.values().all(|&n| n == 1), "{per:?}");

    let mut ids = std::collections::HashSet::new();
    for message in &messages {
        let to = &message.to[0];
        let unsubscribe = db.unsubscribe_token_of(to).await;
        assert_eq!(message.header("To").unwrap(), *to);
        assert_eq!(
            message.header("Subject").unwrap(),
            "Rates held, and what the fares rise means for you"
        );
        assert_eq!(
            message.header("List-Unsubscribe").unwrap(),
            format!(
                "<{}/api/v1/newsletter/unsubscribe?token={unsubscribe}>",
                service.base
            )
        );
        assert_eq!(
            message.header("List-Unsubscribe-Post").unwrap(),
            "List-Unsubscribe=One-Click"
        );
        assert_eq!(message.header("Precedence").unwrap(), "bulk");
        assert_eq!(
            message.header("List-Id").unwrap(),
            "Britain's News Portal newsletter <newsletter.news.example>"
        );
        let id = message.header("Message-ID").unwrap();
        assert!(id.starts_with("<edition.2026-12-07."), "{id}");
        assert!(ids.insert(id), "a Message-ID of its own");
        // The bounce address names the delivery.
        assert!(
            message.from.starts_with("bounces+") && message.from.ends_with("@news.example"),
            "{}",
            message.from
        );
        let signature = message.header("DKIM-Signature").unwrap();
        for signed in [
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "list-unsubscribe",
            "list-unsubscribe-post",
        ] {
            let list = signature
                .split("h=")
                .nth(1)
                .unwrap()
                .split(';')
                .next()
                .unwrap();
            assert!(
                list.to_ascii_lowercase()
                    .split(':')
                    .any(|h| h.trim() == signed),
                "{signed} signed: {signature}"
            );
        }
        assert!(
            dkim_verifies(&message.data, &record),
            "the signature verifies"
        );

        let text = message.part("text/plain");
        let html = message.part("text/html");
        for n in 1..=5 {
            assert!(text.contains(&format!("Headline number {n}")), "{text}");
            assert!(html.contains(&format!("Headline number {n}")));
            assert!(html.contains(&format!("href=\"{}/news/story-{n}\"", service.base)));
        }
        let leave = format!(
            "{}/newsletter/unsubscribe?token={unsubscribe}",
            service.base
        );
        assert!(
            text.contains(&leave),
            "the unsubscribe link is visible: {text}"
        );
        assert!(html.contains(&format!("href=\"{leave}\"")));
        assert!(html.contains(&format!(
            "href=\"{}/newsletter/editions/2026-12-07\"",
            service.base
        )));
        assert!(!html.contains("<script") && !html.contains("<img"));
        assert!(message.data.len() < 100 * 1024, "under Gmail's clipping");
    }
    // A tampered copy does not verify: the check can fail.
    let tampered = messages[0]
        .data
        .replacen("Headline number 1", "Headline number 9", 1);
    assert!(!dkim_verifies(&tampered, &record));
    service.stop().await;
}

async fn a_second_send_of_one_edition_is_refused(db: TestDb) {
    subscribers(&db, 3).await;
    queue(&db, "2026-12-08", &[]).await;
    subscribers_more(&db).await;
    let (_dir, file) = edition_file("2026-12-08");
    let (ok, out, err) = newsletter(&db, &["send", &file]).await;
    assert!(!ok, "{out}");
    assert!(
        err.contains("edition 2026-12-08 was queued already"),
        "{err}"
    );
    assert!(err.contains("for 3 subscribers"), "{err}");
    assert_eq!(
        db.count("SELECT count(*) FROM deliveries").await,
        3,
        "nothing queued twice, and the new reader not added to it"
    );
    // The newsroom's own file is not what is sent, and says so.
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("2026-12-09.json");
    std::fs::write(
        &source,
        r#"{"subject":"s","introduction":["Hi"],"editor":{"name":"A"},"stories":[{"slug":"a"}]}"#,
    )
    .unwrap();
    let (ok, _, err) = newsletter(&db, &["send", &source.display().to_string()]).await;
    assert!(!ok);
    assert!(err.contains("not a published edition"), "{err}");
    assert!(err.contains("dist/api/v1/newsletter/editions/"), "{err}");
}

/// One more confirmed subscriber, after an edition was queued.
async fn subscribers_more(db: &TestDb) {
    let store = news_portal_server::store::Store::connect(&db.url)
        .await
        .unwrap();
    news_portal_server::newsletter::import::import(
        &store,
        "email,confirmed_at\nlate@example.com,2026-12-01\n".as_bytes(),
        "test",
    )
    .await
    .unwrap();
}

async fn a_refusal_for_now_is_retried_and_one_for_good_bounces_and_suppresses(db: TestDb) {
    subscribers(&db, 5).await;
    let sink = SmtpSink::start().await;
    sink.refuse_next_for_now();
    sink.refuse_next_for_good();
    let service = sending(&db, &sink, None).await;
    queue(&db, "2026-12-07", &[]).await;
    let done = wait_for_status(&db, "2026-12-07", "finished").await;
    assert!(
        done.contains("5 recipients = 4 sent + 0 failed + 1 bounced"),
        "{done}"
    );
    assert_eq!(sink.refused(), 2);
    assert_eq!(sink.count(), 4);
    assert!(sink.per_recipient().values().all(|&n| n == 1));
    assert_eq!(
        db.count("SELECT count(*) FROM deliveries WHERE state = 'sent' AND attempts = 2")
            .await,
        1,
        "the one refused for now went on its second attempt"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM subscribers WHERE suppressed_at IS NOT NULL AND suppressed_reason LIKE 'refused: %'")
            .await,
        1
    );
    service.stop().await;
}

async fn the_mail_server_down_pauses_the_edition_and_resume_finishes_it(db: TestDb) {
    subscribers(&db, 30).await;
    let sink = SmtpSink::start().await;
    sink.set_down(true);
    let service = sending(&db, &sink, None).await;
    queue(&db, "2026-12-07", &[]).await;
    let paused = wait_for_status(&db, "2026-12-07", "PAUSED").await;
    assert!(paused.contains("failed sends in a row"), "{paused}");
    assert!(paused.contains("newsletter resume"), "{paused}");
    assert!(!paused.contains("finished"), "{paused}");
    assert!(
        paused.contains("+ 0 failed"),
        "nobody given up on: {paused}"
    );
    assert_eq!(sink.count(), 0);
    // Resumed while the server is still down: a new run of failures
    // pauses it again (the resume has committed when the command returns,
    // so a pause seen after it is a new one).
    let (ok, _, err) = newsletter(&db, &["resume", "2026-12-07"]).await;
    assert!(ok, "{err}");
    let again = wait_for_status(&db, "2026-12-07", "PAUSED").await;
    assert!(again.contains("+ 0 failed"), "{again}");
    sink.set_down(false);
    let (ok, out, err) = newsletter(&db, &["resume", "2026-12-07"]).await;
    assert!(ok, "{err}");
    assert!(out.contains("is sending again"), "{out}");
    sink.wait_for_count(30, Duration::from_secs(30)).await;
    let done = wait_for_status(&db, "2026-12-07", "finished").await;
    assert!(done.contains("30 recipients = 30 sent"), "{done}");
    assert!(sink.per_recipient().values().all(|&n| n == 1));
    service.stop().await;
}

/// The race the test above can meet on a slow machine, made certain:
/// sends claimed before a resume fail (the server was still down) and are
/// recorded after it. They are the old run's: the resumed edition is not
/// paused by them, and they are due again at once, not after a backoff.
async fn failures_of_sends_claimed_before_a_resume_neither_pause_it_nor_delay_it(db: TestDb) {
    use news_portal_server::newsletter::queue::{EditionState, Outcome};
    subscribers(&db, 6).await;
    queue(&db, "2026-12-07", &[]).await;
    let store = news_portal_server::store::Store::connect(&db.url)
        .await
        .unwrap();
    let claimed = store.claim_deliveries("sender-a", 5).await.unwrap();
    assert_eq!(claimed.len(), 5);
    let resumed = store
        .set_edition_state("2026-12-07", EditionState::Sending, None)
        .await
        .unwrap();
    assert!(resumed);
    let refused = Outcome::Deferred {
        error: "421 4.3.2 Service not available".into(),
        retry_in: Duration::from_secs(3600),
    };
    for delivery in &claimed {
        store
            .mark_undelivered("sender-a", delivery.id, delivery.run, &refused)
            .await
            .unwrap();
    }
    let edition = claimed[0].edition_id;
    let paused = store
        .pause_edition(edition, claimed[0].run, "five failed sends in a row")
        .await
        .unwrap();
    assert!(!paused, "a pause from before the resume took effect");
    let now = status(&db, "2026-12-07").await;
    assert!(!now.contains("PAUSED"), "{now}");
    // All six are due now: the five refused before the resume, and the
    // one never tried.
    let again = store.claim_deliveries("sender-b", 10).await.unwrap();
    assert_eq!(again.len(), 6, "{again:?}");
    assert!(again.iter().all(|delivery| delivery.run > claimed[0].run));
    // A run of failures in the new run still pauses it.
    let paused = store
        .pause_edition(edition, again[0].run, "five failed sends in a row")
        .await
        .unwrap();
    assert!(paused);
    let now = status(&db, "2026-12-07").await;
    assert!(now.contains("PAUSED"), "{now}");
}

async fn an_edition_whose_window_has_passed_is_not_sent_late(db: TestDb) {
    subscribers(&db, 4).await;
    let now = news_portal_server::store::unix_now();
    let at = news_portal::model::Timestamp::from_unix(now - 3 * 3600).to_rfc3339();
    let until = news_portal::model::Timestamp::from_unix(now - 3600).to_rfc3339();
    queue(&db, "2026-12-07", &["--at", &at, "--not-after", &until]).await;
    let before = status(&db, "2026-12-07").await;
    assert!(before.contains("its window closed"), "{before}");
    let sink = SmtpSink::start().await;
    let service = sending(&db, &sink, None).await;
    let done = wait_for_status(&db, "2026-12-07", "finished").await;
    assert!(done.contains("4 recipients = 0 sent + 4 failed"), "{done}");
    service.editions_settled().await;
    assert_eq!(sink.count(), 0, "nothing sent late");
    assert_eq!(
        db.count("SELECT count(*) FROM deliveries WHERE last_error LIKE '%window had closed%'")
            .await,
        4
    );
    service.stop().await;
}

async fn a_cancelled_edition_is_sent_to_nobody_and_stays_cancelled(db: TestDb) {
    subscribers(&db, 5).await;
    queue(&db, "2026-12-07", &[]).await;
    let (ok, out, err) = newsletter(&db, &["cancel", "2026-12-07"]).await;
    assert!(ok, "{err}");
    assert!(out.contains("is cancelled"), "{out}");
    let sink = SmtpSink::start().await;
    let service = sending(&db, &sink, None).await;
    service.editions_settled().await;
    assert_eq!(sink.count(), 0, "nothing sent");
    db.wait_for_count(
        "SELECT count(*) FROM deliveries WHERE state = 'failed' AND last_error LIKE '%was cancelled%'",
        5,
    )
    .await;
    let after = status(&db, "2026-12-07").await;
    assert!(after.contains("cancelled"), "{after}");
    assert!(
        after.contains("5 recipients = 0 sent + 5 failed"),
        "{after}"
    );
    let (ok, _, err) = newsletter(&db, &["resume", "2026-12-07"]).await;
    assert!(!ok, "a cancelled edition is not resumed");
    assert!(err.contains("or it was cancelled"), "{err}");
    service.stop().await;
}

fn dsn(token: &str, status: &str, action: &str) -> String {
    format!(
        "Return-Path: <>\r\nTo: bounces+{token}@news.example\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: message/delivery-status\r\n\r\n\
         Final-Recipient: rfc822; someone@example.com\r\nAction: {action}\r\nStatus: {status}\r\n--b--\r\n"
    )
}

async fn a_bounce_a_complaint_and_a_second_soft_bounce_suppress_the_address(db: TestDb) {
    subscribers(&db, 4).await;
    let sink = SmtpSink::start().await;
    let service = sending(&db, &sink, None).await;
    queue(&db, "2026-12-07", &[]).await;
    sink.wait_for(4, Duration::from_secs(20)).await;
    wait_for_status(&db, "2026-12-07", "finished").await;
    let token_of = |n: usize| {
        let db = &db;
        async move {
            db.text(
                "SELECT d.bounce_token FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id \
                 WHERE s.email_key = $1",
                &format!("reader-{n}@example.com"),
            )
            .await
        }
    };

    // A hard bounce, through the mail server's pipe.
    let hard = dsn(&token_of(0).await, "5.1.1", "failed");
    let mut pipe = tokio::process::Command::new(support::instance::BINARY)
        .args(["bounces", "read", "--database-url", &db.url])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use tokio::io::AsyncWriteExt;
        let mut stdin = pipe.stdin.take().unwrap();
        stdin.write_all(hard.as_bytes()).await.unwrap();
    }
    let read = pipe.wait_with_output().await.unwrap();
    assert!(read.status.success());
    assert!(String::from_utf8_lossy(&read.stdout).contains("Hard"));

    // A complaint, POSTed with the secret; without it, nothing happens.
    let complaint = format!(
        "To: bounces+{}@news.example\r\n\
         Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\n--b--\r\n",
        token_of(1).await
    );
    let url = service.url("/api/v1/newsletter/bounces");
    let refused = send(
        &url,
        "POST",
        &[("Authorization", "Bearer wrong")],
        complaint.clone(),
    )
    .await;
    assert_eq!(refused.status, 401);
    let posted = send(
        &url,
        "POST",
        &[("Authorization", "Bearer s3cret")],
        complaint,
    )
    .await;
    assert_eq!(posted.status, 200, "{}", posted.body);
    assert_eq!(posted.json()["status"], "suppressed");

    // Soft bounces: the first is counted, the second suppresses.
    let soft = dsn(&token_of(2).await, "4.2.2", "delayed");
    let headers = [("Authorization", "Bearer s3cret")];
    assert_eq!(
        send(&url, "POST", &headers, soft.clone()).await.json()["status"],
        "counted"
    );
    assert_eq!(
        send(&url, "POST", &headers, soft).await.json()["status"],
        "suppressed"
    );

    let suppressed = |email: &'static str| {
        let db = &db;
        async move {
            db.count(&format!(
                "SELECT count(*) FROM subscribers WHERE email_key = '{email}' AND suppressed_at IS NOT NULL"
            ))
            .await
        }
    };
    assert_eq!(suppressed("reader-0@example.com").await, 1);
    assert_eq!(suppressed("reader-1@example.com").await, 1);
    assert_eq!(suppressed("reader-2@example.com").await, 1);
    assert_eq!(suppressed("reader-3@example.com").await, 0);
    let after = status(&db, "2026-12-07").await;
    assert!(
        after.contains("4 recipients = 1 sent + 0 failed + 3 bounced"),
        "{after}"
    );

    // The export shows it; the next edition leaves them out.
    let (ok, out, _) = operator(&db.url, &["subscribers", "export", "reader-1@example.com"]).await;
    assert!(ok);
    let record: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(record["subscriber"]["suppressed_reason"]
        .as_str()
        .unwrap()
        .starts_with("complained"));
    assert_eq!(record["subscriber"]["deliveries"][0]["state"], "bounced");
    let next = queue(&db, "2026-12-08", &[]).await;
    assert!(next.contains("for 1 subscribers"), "{next}");
    // Not a report at all: a clear refusal.
    let junk = send(&url, "POST", &headers, "Subject: hi\r\n\r\nhello").await;
    assert_eq!(junk.status, 422);
    service.stop().await;
}

async fn an_address_that_leaves_before_its_turn_is_sent_nothing(db: TestDb) {
    subscribers(&db, 3).await;
    queue(&db, "2026-12-07", &[]).await;
    let token = db.unsubscribe_token_of("reader-1@example.com").await;
    let store = news_portal_server::store::Store::connect(&db.url)
        .await
        .unwrap();
    let Unsubscribe::Unsubscribed(deleted) = store.unsubscribe(&token).await.unwrap() else {
        panic!("the token was known")
    };
    assert_eq!(deleted.deliveries_stopped, 1);
    assert_eq!(deleted.deliveries_in_flight, 0);
    store.forget("reader-2@example.com").await.unwrap();
    let sink = SmtpSink::start().await;
    let service = sending(&db, &sink, None).await;
    let done = wait_for_status(&db, "2026-12-07", "finished").await;
    assert!(
        done.contains("3 recipients = 1 sent + 0 failed + 0 bounced + 2 suppressed"),
        "{done}"
    );
    service.editions_settled().await;
    assert_eq!(sink.count(), 1);
    assert_eq!(sink.accepted()[0].to, ["reader-0@example.com"]);
    assert_eq!(
        db.count("SELECT count(*) FROM deliveries WHERE subscriber_id IS NULL")
            .await,
        2,
        "erased: no delivery says whose it was"
    );
    service.stop().await;
}

async fn an_import_lists_bad_rows_by_line_and_a_rerun_adds_nothing(db: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("list.csv");
    std::fs::write(
        &file,
        "Email,Confirmed_At,First name\n\
         one@example.com,2026-10-01 07:00:00,One\n\
         not an address,2026-10-01,Two\n\
         ONE@example.com,2026-10-02,One again\n\
         \"three@example.com\",,Three\n\
         four@example.com,2026-10-04T06:00:00Z,Four\n",
    )
    .unwrap();
    let path = file.display().to_string();
    let (ok, out, err) = operator(&db.url, &["subscribers", "import", &path]).await;
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("{path}:3: skipped: \"not an address\"")),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{path}:4: skipped: ONE@example.com: the same address as line 2"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{path}:5: skipped: three@example.com: no time of confirmation"
        )),
        "{out}"
    );
    assert!(
        out.contains("Imported 2 new subscribers; 0 already on the list; 3 rows skipped."),
        "{out}"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM subscribers WHERE status = 'confirmed' AND length(unsubscribe_token) = 64")
            .await,
        2
    );
    let (ok, again, _) = operator(&db.url, &["subscribers", "import", &path]).await;
    assert!(ok);
    assert!(
        again.contains("Imported 0 new subscribers; 2 already on the list"),
        "{again}"
    );
    assert_eq!(db.subscribers().await, 2);
    let no_header = dir.path().join("bad.csv");
    std::fs::write(&no_header, "address\none@example.com\n").unwrap();
    let (ok, _, err) = operator(
        &db.url,
        &["subscribers", "import", &no_header.display().to_string()],
    )
    .await;
    assert!(!ok);
    assert!(err.contains("has no \"email\" column"), "{err}");
}
