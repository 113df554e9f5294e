//! The edition sender, one in every instance: it claims due deliveries a
//! batch at a time and hands them to its workers, each with an SMTP
//! connection of its own kept open (`smtp.rs`), and records each outcome
//! as soon as it is known, many to a statement.
//!
//! Once each: a delivery is claimed by one sender (PostgreSQL's `FOR
//! UPDATE SKIP LOCKED`; SQLite has one writer), marked by its claimer
//! alone, and checked at the claim against the list (an address that left
//! is never sent to). What a killed instance held is claimed again once its
//! heartbeat lapses ([`SENDER_LAPSE`]), and logged as possibly sent twice:
//! the mail server may have taken a message as the process died, which no
//! sender can know. A run of failed sends (the mail server down) pauses
//! the edition, with why, rather than burning through its recipients.

use super::compose::{EditionMail, Identity};
use super::queue::{Delivery, Outcome, SENDER_LAPSE};
use super::smtp::{Line, Relay};
use crate::mailer::backoff;
use crate::store::{new_token, Store};
use news_portal::model::{Edition, Timestamp};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch, Mutex};

/// How the edition sender paces itself.
#[derive(Debug, Clone)]
pub struct Pace {
    /// Messages sent at once, each on its own SMTP connection.
    pub connections: usize,
    /// The wait after a refused send; doubled after each, within the window.
    pub retry_base: Duration,
    /// Failed sends in a row, with none delivered, that pause an edition.
    pub pause_after: u32,
    /// How often to look for due deliveries when there were none.
    pub poll: Duration,
}

/// The longest one send may take before it counts as failed.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// How often a sender says it is alive: well within [`SENDER_LAPSE`].
const HEARTBEAT: Duration = Duration::from_secs(2);
/// How often editions past their window are closed.
const CLOSE_EVERY: Duration = Duration::from_secs(5);
/// Outcomes written in one statement at most.
const MARK_AT_ONCE: usize = 500;

/// An edition as the sender needs it: its parts, and its window's end.
struct Prepared {
    mail: EditionMail,
    not_after: Timestamp,
}

/// A claimed delivery on its way to a worker, with its edition's parts.
type Job = (Arc<Prepared>, Delivery);
/// The workers' shared queue of jobs.
type Jobs = Arc<Mutex<mpsc::Receiver<Job>>>;

/// A send's result, for the recorder.
struct Done {
    delivery: i64,
    edition: i64,
    /// The edition's run when the delivery was claimed.
    run: i64,
    outcome: Outcome,
}

pub struct EditionSender {
    relay: Arc<Relay>,
    identity: Arc<Identity>,
    pace: Pace,
    /// This sender's name in `senders` and in the claims it holds.
    id: String,
}

impl EditionSender {
    pub fn new(relay: Relay, identity: Arc<Identity>, pace: Pace) -> Result<Self, String> {
        let id = new_token().map_err(|err| format!("no randomness for a sender id: {err}"))?;
        Ok(EditionSender {
            relay: Arc::new(relay),
            identity,
            pace,
            id,
        })
    }

    /// Sends due deliveries until `shutdown` turns true; `passes` counts
    /// each look that found nothing due. Sends under way when it stops are
    /// finished and recorded first.
    pub async fn run(
        self,
        store: Arc<Store>,
        mut shutdown: watch::Receiver<bool>,
        passes: watch::Sender<u64>,
    ) {
        let sender = Arc::new(self);
        if let Err(err) = store.sender_alive(&sender.id).await {
            tracing::error!("edition sender: cannot say it is alive: {err}");
        }
        let heartbeat = tokio::spawn(heartbeat(
            Arc::clone(&store),
            sender.id.clone(),
            shutdown.clone(),
        ));
        let (done, outcomes) = mpsc::unbounded_channel();
        let recorder = tokio::spawn(record(
            Arc::clone(&store),
            sender.id.clone(),
            sender.pace.pause_after,
            outcomes,
        ));
        // The workers, each with its own connection, take claimed
        // deliveries from one queue: the claim waits while it is full.
        let workers = sender.pace.connections.max(1);
        let (queue, queued) = mpsc::channel::<Job>(workers * 2);
        let queued = Arc::new(Mutex::new(queued));
        let mut working = Vec::with_capacity(workers);
        for _ in 0..workers {
            working.push(tokio::spawn(work(
                Arc::clone(&sender),
                Arc::clone(&queued),
                done.clone(),
            )));
        }
        let editions: Mutex<HashMap<i64, Arc<Prepared>>> = Mutex::new(HashMap::new());
        let batch = i64::try_from(workers * 2).unwrap_or(64);
        let mut closed_at: Option<Instant> = None;
        while !*shutdown.borrow() {
            if closed_at.is_none_or(|at| at.elapsed() >= CLOSE_EVERY) {
                match store.close_editions().await {
                    Ok(0) => {}
                    Ok(n) => tracing::warn!(
                        deliveries = n,
                        "not sent: their edition was cancelled or its window closed"
                    ),
                    Err(err) => tracing::error!("closing editions: {err}"),
                }
                closed_at = Some(Instant::now());
            }
            let claimed = match store.claim_deliveries(&sender.id, batch).await {
                Ok(claimed) => claimed,
                Err(err) => {
                    tracing::error!("claiming deliveries: {err}");
                    Vec::new()
                }
            };
            if claimed.is_empty() {
                passes.send_modify(|passes| *passes += 1);
                tokio::select! {
                    _ = tokio::time::sleep(sender.pace.poll) => {}
                    _ = shutdown.changed() => {}
                }
                continue;
            }
            for delivery in claimed {
                if delivery.interrupted {
                    tracing::warn!(
                        delivery = delivery.id,
                        "possibly sent twice: its last sender stopped while holding it"
                    );
                }
                match prepared(
                    &store,
                    &editions,
                    delivery.edition_id,
                    &sender.identity.origin,
                )
                .await
                {
                    Ok(prepared) => {
                        if queue.send((prepared, delivery)).await.is_err() {
                            break;
                        }
                    }
                    Err(why) => {
                        let _ = done.send(Done {
                            delivery: delivery.id,
                            edition: delivery.edition_id,
                            run: delivery.run,
                            outcome: Outcome::Failed { error: why },
                        });
                    }
                }
            }
        }
        // Let the workers send what is claimed, and its outcomes be written.
        drop(queue);
        for worker in working {
            let _ = worker.await;
        }
        drop(done);
        let _ = recorder.await;
        heartbeat.abort();
        if let Err(err) = store.sender_stopped(&sender.id).await {
            tracing::warn!("edition sender: could not say it stopped: {err}");
        }
    }

    async fn send(&self, line: &mut Line, prepared: &Prepared, delivery: &Delivery) -> Outcome {
        if Timestamp::from_unix(crate::store::unix_now()) >= prepared.not_after {
            return Outcome::Failed {
                error: "not sent: the edition's window had closed".into(),
            };
        }
        let message = match prepared.mail.copy(
            &self.identity,
            &delivery.email,
            &delivery.unsubscribe_token,
            &delivery.bounce_token,
            delivery.id,
        ) {
            Ok(message) => message,
            Err(why) => return Outcome::Failed { error: why },
        };
        tracing::debug!(delivery = delivery.id, to = %delivery.email, "sending");
        match tokio::time::timeout(SEND_TIMEOUT, line.send(&message)).await {
            Ok(Ok(())) => Outcome::Sent,
            Ok(Err(err)) if err.permanent => Outcome::Bounced {
                error: err.to_string(),
            },
            Ok(Err(err)) => Outcome::Deferred {
                error: err.to_string(),
                retry_in: backoff(delivery.attempts, self.pace.retry_base),
            },
            Err(_) => Outcome::Deferred {
                error: format!("no answer in {} s", SEND_TIMEOUT.as_secs()),
                retry_in: backoff(delivery.attempts, self.pace.retry_base),
            },
        }
    }
}

/// A worker: sends what it takes from `queued` on its own line, until the
/// queue is closed and empty.
async fn work(sender: Arc<EditionSender>, queued: Jobs, done: mpsc::UnboundedSender<Done>) {
    let mut line = Line::new(Arc::clone(&sender.relay));
    loop {
        let next = queued.lock().await.recv().await;
        let Some((prepared, delivery)) = next else {
            break;
        };
        let outcome = sender.send(&mut line, &prepared, &delivery).await;
        if !matches!(outcome, Outcome::Sent) {
            // After a failure, a fresh connection for the next message.
            line.close().await;
        }
        let _ = done.send(Done {
            delivery: delivery.id,
            edition: delivery.edition_id,
            run: delivery.run,
            outcome,
        });
    }
    line.close().await;
}

/// An edition's parts, made once per sender.
async fn prepared(
    store: &Store,
    editions: &Mutex<HashMap<i64, Arc<Prepared>>>,
    edition_id: i64,
    origin: &str,
) -> Result<Arc<Prepared>, String> {
    let mut editions = editions.lock().await;
    if let Some(prepared) = editions.get(&edition_id) {
        return Ok(Arc::clone(prepared));
    }
    let (json, not_after) = store
        .edition_to_send(edition_id)
        .await
        .map_err(|err| err.to_string())?
        .ok_or("its edition is gone")?;
    let edition = Edition::from_json(&json).map_err(|err| format!("its edition: {err}"))?;
    let not_after = Timestamp::parse_rfc3339(&not_after)?;
    let prepared = Arc::new(Prepared {
        mail: EditionMail::new(&edition, origin),
        not_after,
    });
    editions.insert(edition_id, Arc::clone(&prepared));
    Ok(prepared)
}

/// Says every [`HEARTBEAT`] that `sender` is alive, until shutdown.
async fn heartbeat(store: Arc<Store>, sender: String, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(HEARTBEAT) => {}
            _ = shutdown.changed() => {}
        }
        if let Err(err) = store.sender_alive(&sender).await {
            tracing::error!(
                "edition sender: cannot say it is alive (its deliveries go to another sender after {} s): {err}",
                SENDER_LAPSE.as_secs()
            );
        }
    }
}

/// Writes outcomes as they come, many to a statement; pauses an edition
/// after `pause_after` failed sends in a row within one run (failures
/// recorded after a resume, of sends claimed before it, do not count).
async fn record(
    store: Arc<Store>,
    sender: String,
    pause_after: u32,
    mut outcomes: mpsc::UnboundedReceiver<Done>,
) {
    // Failed sends in a row, by edition and run.
    let mut failing: HashMap<(i64, i64), u32> = HashMap::new();
    let mut sent_total: u64 = 0;
    let mut reported = Instant::now();
    while let Some(first) = outcomes.recv().await {
        let mut batch = vec![first];
        while batch.len() < MARK_AT_ONCE {
            match outcomes.try_recv() {
                Ok(more) => batch.push(more),
                Err(_) => break,
            }
        }
        let sent: Vec<i64> = batch
            .iter()
            .filter(|done| matches!(done.outcome, Outcome::Sent))
            .map(|done| done.delivery)
            .collect();
        match store.mark_delivered(&sender, &sent).await {
            Ok(marked) => {
                sent_total += marked;
                if marked < sent.len() as u64 {
                    tracing::warn!(
                        unmarked = sent.len() as u64 - marked,
                        "sent after another sender had taken them over"
                    );
                }
            }
            Err(err) => tracing::error!(
                deliveries = sent.len(),
                "sent, but not recorded (they may go again): {err}"
            ),
        }
        for done in &batch {
            match &done.outcome {
                Outcome::Sent => {
                    failing.retain(|(edition, _), _| *edition != done.edition);
                }
                other => {
                    if let Err(err) = store
                        .mark_undelivered(&sender, done.delivery, done.run, other)
                        .await
                    {
                        tracing::error!(delivery = done.delivery, "recording a failure: {err}");
                    }
                    log_failure(done.delivery, other);
                    if let Outcome::Deferred { error, .. } = other {
                        let in_a_row = failing.entry((done.edition, done.run)).or_insert(0);
                        *in_a_row += 1;
                        if *in_a_row >= pause_after {
                            // Counted afresh; once resumed (a new run), only
                            // the new run's failures can pause it again.
                            *in_a_row = 0;
                            let reason = format!(
                                "paused by the sender after {pause_after} failed sends in a row; \
                                 the last: {error}. Check the mail server, then run \
                                 `news-portal-server newsletter resume`"
                            );
                            match store.pause_edition(done.edition, done.run, &reason).await {
                                Ok(true) => tracing::error!(edition = done.edition, "{reason}"),
                                Ok(false) => {}
                                Err(err) => tracing::error!("pausing the edition: {err}"),
                            }
                        }
                    }
                }
            }
        }
        if reported.elapsed() >= Duration::from_secs(10) {
            tracing::info!(sent = sent_total, "editions: sent so far by this instance");
            reported = Instant::now();
        }
    }
    if sent_total > 0 {
        tracing::info!(sent = sent_total, "editions: sent by this instance");
    }
}

fn log_failure(delivery: i64, outcome: &Outcome) {
    match outcome {
        Outcome::Sent => {}
        Outcome::Deferred { error, retry_in } => tracing::warn!(
            delivery,
            "send failed, retrying in {} s: {error}",
            retry_in.as_secs()
        ),
        Outcome::Bounced { error } => {
            tracing::warn!(
                delivery,
                "refused for good; the address is suppressed: {error}"
            )
        }
        Outcome::Failed { error } => tracing::warn!(delivery, "not sent: {error}"),
    }
}
