//! Several instances of the real binary on one PostgreSQL: one answer per
//! idempotency key and one allowance per client across instances, no
//! accepted signup lost when an instance is killed (`SIGKILL`) mid-load,
//! each confirmation sent once; and the operator's `subscribers export` and
//! `delete`. The kill test runs on SQLite too (one instance).

mod support;

use std::collections::HashSet;
use std::time::Duration;
use support::instance::{operator, Instance};
use support::smtp::SmtpSink;
use support::{clear_of_the_minutes_turn, post_json, signup, TestDb};
use tokio::process::{Child, Command};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_give_one_answer_per_key_and_share_one_allowance() {
    let db = TestDb::postgres().await;
    let a = Instance::start(&db.url, 0, None).await;
    let b = Instance::start(&db.url, 0, None).await;

    // Concurrent retries of one signup, half to each instance.
    let tries: Vec<_> = (0..16)
        .map(|i| {
            let url = if i % 2 == 0 { a.url() } else { b.url() };
            tokio::spawn(async move {
                post_json(&url, &signup("Twice@Example.com"), Some("one-key")).await
            })
        })
        .collect();
    let mut answers = HashSet::new();
    for attempt in tries {
        let reply = attempt.await.unwrap();
        answers.insert((reply.status, reply.body));
    }
    assert_eq!(answers.len(), 1, "one answer for one key: {answers:?}");
    assert_eq!(answers.iter().next().unwrap().0, 202);
    assert_eq!(db.subscribers().await, 1);
    assert_eq!(db.count("SELECT count(*) FROM outbox").await, 1);
    assert_eq!(db.count("SELECT count(*) FROM idempotency_keys").await, 1);
    // The key, used for another address at the other instance: refused.
    let reused = post_json(&b.url(), &signup("other@example.com"), Some("one-key")).await;
    assert_eq!(reused.status, 422);
    a.stop().await;
    b.stop().await;

    // A limit of 4 a minute, shared: the fifth signup is refused wherever it goes.
    clear_of_the_minutes_turn(15).await;
    let a = Instance::start(&db.url, 4, None).await;
    let b = Instance::start(&db.url, 4, None).await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let url = if i % 2 == 0 { a.url() } else { b.url() };
        statuses.push(
            post_json(&url, &signup(&format!("r{i}@example.com")), None)
                .await
                .status,
        );
    }
    assert_eq!(statuses, [202, 202, 202, 202, 429, 429]);
    a.stop().await;
    b.stop().await;
}

/// Sends `total` signups from `workers` clients, spread over `urls`
/// (skipping those that have gone), killing `victim` after `kill_after`
/// accepted replies. Returns the addresses whose signups were accepted,
/// and how many requests failed.
async fn load(
    urls: Vec<String>,
    total: usize,
    workers: usize,
    kill_after: usize,
    mut victim: Child,
) -> (Vec<String>, usize) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    let next = Arc::new(AtomicUsize::new(0));
    let accepted = Arc::new(Mutex::new(Vec::new()));
    let failed = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(tokio::sync::Notify::new());
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut tasks = Vec::new();
    for worker in 0..workers {
        let (next, accepted, failed, urls, client) = (
            Arc::clone(&next),
            Arc::clone(&accepted),
            Arc::clone(&failed),
            urls.clone(),
            client.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::SeqCst);
                if n >= total {
                    return;
                }
                let email = format!("load{n}@example.com");
                let url = &urls[(n + worker) % urls.len()];
                let sent = client
                    .post(url)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", format!("load-{n}"))
                    .body(signup(&email))
                    .send()
                    .await;
                match sent {
                    Ok(reply) if reply.status().as_u16() == 202 => {
                        accepted.lock().unwrap().push(email)
                    }
                    _ => {
                        failed.fetch_add(1, Ordering::SeqCst);
                    }
                }
            }
        }));
    }
    // The kill, mid-load.
    let watcher = {
        let accepted = Arc::clone(&accepted);
        let killed = Arc::clone(&killed);
        tokio::spawn(async move {
            while accepted.lock().unwrap().len() < kill_after {
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            victim.start_kill().unwrap(); // SIGKILL
            victim.wait().await.unwrap();
            killed.notify_one();
        })
    };
    for task in tasks {
        task.await.unwrap();
    }
    watcher.await.unwrap();
    let accepted = accepted.lock().unwrap().clone();
    (accepted, failed.load(Ordering::SeqCst))
}

/// After the load: every accepted signup is a stored row, once.
async fn every_accepted_signup_is_stored(db: &TestDb, accepted: &[String], total: usize) {
    let stored = db
        .count("SELECT count(*) FROM subscribers WHERE email LIKE 'load%'")
        .await;
    let mut missing = Vec::new();
    for email in accepted {
        let rows = db
            .count(&format!(
                "SELECT count(*) FROM subscribers WHERE email = '{email}'"
            ))
            .await;
        if rows != 1 {
            missing.push(email.clone());
        }
    }
    println!(
        "{total} sent, {} accepted, {stored} stored (a request killed between commit and reply is stored but not accepted)",
        accepted.len()
    );
    assert!(
        missing.is_empty(),
        "accepted but not stored once: {missing:?}"
    );
    assert!(stored as usize >= accepted.len());
    assert!(stored as usize <= total);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_instance_killed_mid_load_loses_no_accepted_signup_on_postgres() {
    let db = TestDb::postgres().await;
    let mut a = Instance::start(&db.url, 0, None).await;
    let b = Instance::start(&db.url, 0, None).await;
    let victim = std::mem::replace(&mut a.child, Command::new("true").spawn().unwrap());
    let (accepted, failed) = load(vec![a.url(), b.url()], 600, 16, 150, victim).await;
    assert!(failed > 0, "the kill came after the load had ended");
    assert!(accepted.len() > 150);
    every_accepted_signup_is_stored(&db, &accepted, 600).await;
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_instance_loses_no_accepted_signup_on_sqlite() {
    let db = TestDb::sqlite().await;
    let mut a = Instance::start(&db.url, 0, None).await;
    let victim = std::mem::replace(&mut a.child, Command::new("true").spawn().unwrap());
    let (accepted, failed) = load(vec![a.url()], 400, 8, 150, victim).await;
    assert!(failed > 0, "the kill came after the load had ended");
    every_accepted_signup_is_stored(&db, &accepted, 400).await;
    // And the file opens again, whole.
    let a = Instance::start(&db.url, 0, None).await;
    let again = post_json(&a.url(), &signup("after@example.com"), None).await;
    assert_eq!(again.status, 202);
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_senders_send_each_confirmation_once_and_log_no_address() {
    let db = TestDb::postgres().await;
    let sink = SmtpSink::start().await;
    let a = Instance::start(&db.url, 0, Some(sink.addr)).await;
    let b = Instance::start(&db.url, 0, Some(sink.addr)).await;
    let emails: Vec<String> = (0..40).map(|i| format!("mail{i}@example.com")).collect();
    let sends: Vec<_> = emails
        .iter()
        .enumerate()
        .map(|(i, email)| {
            let url = if i % 2 == 0 { a.url() } else { b.url() };
            let body = signup(email);
            tokio::spawn(async move { post_json(&url, &body, None).await.status })
        })
        .collect();
    for sent in sends {
        assert_eq!(sent.await.unwrap(), 202);
    }
    sink.wait_for(emails.len(), Duration::from_secs(20)).await;
    // A sender marks a message sent after the mail server has taken it: once
    // every message is marked, a second copy would already have arrived.
    db.wait_for_count(
        "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL",
        emails.len() as i64,
    )
    .await;
    assert_eq!(
        sink.accepted().len(),
        emails.len(),
        "each confirmation once"
    );
    let to: HashSet<String> = sink
        .accepted()
        .iter()
        .flat_map(|message| message.to.clone())
        .collect();
    assert_eq!(to, emails.iter().cloned().collect());
    db.wait_for_count(
        "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL AND attempts = 1",
        emails.len() as i64,
    )
    .await;
    let logs = a.stop().await + &b.stop().await;
    assert!(logs.contains("confirmation"), "{logs}");
    for email in &emails {
        assert!(
            !logs.contains(email.as_str()),
            "{email} in the log:\n{logs}"
        );
    }
}

async fn operator_commands(db: TestDb) {
    let a = Instance::start(&db.url, 0, None).await;
    post_json(&a.url(), &signup("Asked@Example.com"), Some("k-1")).await;
    post_json(&a.url(), &signup("other@example.com"), None).await;
    a.stop().await;

    let (ok, out, _) = operator(&db.url, &["subscribers", "export", "asked@example.com"]).await;
    assert!(ok);
    let record: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(record["subscriber"]["email"], "Asked@Example.com");
    assert_eq!(record["subscriber"]["status"], "pending");
    assert_eq!(record["subscriber"]["source"], "footer");
    assert_eq!(record["outbox"][0]["kind"], "confirm");
    assert_eq!(record["idempotency_keys"].as_array().unwrap().len(), 1);
    assert!(
        !out.contains("token"),
        "secrets stay out of the export: {out}"
    );

    let (ok, out, _) = operator(&db.url, &["subscribers", "delete", "ASKED@example.com"]).await;
    assert!(ok);
    assert_eq!(
        out.trim(),
        "Deleted everything kept about ASKED@example.com: 1 subscriber, 1 message, 1 idempotency key."
    );
    assert_eq!(
        db.count("SELECT count(*) FROM subscribers WHERE email_key = 'asked@example.com'")
            .await,
        0
    );
    assert_eq!(db.subscribers().await, 1, "nobody else is touched");

    let (ok, out, err) = operator(&db.url, &["subscribers", "export", "asked@example.com"]).await;
    assert!(ok);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["subscriber"],
        serde_json::Value::Null
    );
    assert!(
        err.contains("Nothing is kept about asked@example.com."),
        "{err}"
    );
    let (ok, out, _) = operator(&db.url, &["subscribers", "delete", "asked@example.com"]).await;
    assert!(ok);
    assert_eq!(
        out.trim(),
        "Nothing was kept about asked@example.com: nothing deleted."
    );

    let (ok, _, err) = operator("mysql://nowhere", &["subscribers", "export", "a@b.c"]).await;
    assert!(!ok);
    assert!(err.contains("must start sqlite: or postgres://"), "{err}");
}

on_both_stores!(operator_commands);
