//! Editions in the database: queued once with their recipients frozen,
//! claimed delivery by delivery by whichever sender is free, marked once by
//! their claimer, paused, resumed, cancelled, counted.
//!
//! A delivery is claimed by a sender (one per running instance) for a
//! batch. A sender is alive while it renews its row in `senders`; the
//! deliveries a dead sender held are claimed again by the next one, marked
//! `interrupted`: its process may have handed them to the mail server
//! before it died, so they may arrive twice, and the log says so.

use crate::store::{new_token, now, seconds_from_now, Backend, Store, StoreError};
use news_portal::model::{Edition, Timestamp};
use sqlx::Row;
use std::time::Duration;

/// How long a sender counts as alive after it last said so.
pub const SENDER_LAPSE: Duration = Duration::from_secs(10);

/// Where an edition stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditionState {
    Sending,
    /// Paused by an operator, or by the sender after a run of failures.
    Paused,
    Cancelled,
}

impl EditionState {
    pub fn as_str(self) -> &'static str {
        match self {
            EditionState::Sending => "sending",
            EditionState::Paused => "paused",
            EditionState::Cancelled => "cancelled",
        }
    }

    fn parse(value: &str) -> Self {
        match value {
            "sending" => EditionState::Sending,
            "paused" => EditionState::Paused,
            _ => EditionState::Cancelled,
        }
    }
}

/// What `newsletter send` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Queued {
    /// Queued now, for this many recipients.
    Queued { recipients: i64 },
    /// That edition was queued before: nothing was done.
    Already { queued_at: String, recipients: i64 },
}

/// One delivery claimed for sending: its claimer alone may mark it.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: i64,
    pub edition_id: i64,
    pub email: String,
    pub unsubscribe_token: String,
    pub bounce_token: String,
    /// Including this one.
    pub attempts: i64,
    /// Its last sender died holding it: it may have been sent already.
    pub interrupted: bool,
    /// Its edition's run when it was claimed (each resume starts a new one).
    pub run: i64,
}

/// How a send ended, for the sender to record.
#[derive(Debug, Clone)]
pub enum Outcome {
    Sent,
    /// Refused for now (4xx), or no answer: tried again after `retry_in`.
    Deferred {
        error: String,
        retry_in: Duration,
    },
    /// Refused for good (5xx): a bounce, and the address is suppressed.
    Bounced {
        error: String,
    },
    /// Could not be sent at all (the address cannot be written in mail),
    /// or its window closed before its turn.
    Failed {
        error: String,
    },
}

/// An edition's counts: `recipients` = sent + failed + bounced +
/// suppressed + pending.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub recipients: i64,
    pub sent: i64,
    pub failed: i64,
    pub bounced: i64,
    pub suppressed: i64,
    pub pending: i64,
    /// Of the pending, those a sender holds now.
    pub in_flight: i64,
    /// Deliveries whose sender died holding them: each may have arrived twice.
    pub possibly_twice: i64,
    /// Sent in the last minute.
    pub sent_last_minute: i64,
}

/// An edition's standing, as `newsletter status` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EditionStatus {
    pub date: String,
    pub subject: String,
    pub state: String,
    pub reason: Option<String>,
    pub send_at: String,
    pub not_after: String,
    pub queued_at: String,
    pub counts: Counts,
}

impl Store {
    /// Queues `edition` (its JSON as given in `json`) for every confirmed,
    /// unsuppressed subscriber now, one delivery each, in one transaction;
    /// an edition of that date queued before is left as it was.
    pub async fn queue_edition(
        &self,
        edition: &Edition,
        json: &str,
        send_at: Timestamp,
        not_after: Timestamp,
    ) -> Result<Queued, StoreError> {
        let mut tx = self.write().await?;
        let created: Option<i64> = sqlx::query_scalar(
            "INSERT INTO editions (date, subject, edition, send_at, not_after, state, recipients, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'sending', 0, $6) ON CONFLICT (date) DO NOTHING RETURNING id",
        )
        .bind(&edition.date)
        .bind(&edition.subject)
        .bind(json)
        .bind(send_at.to_rfc3339())
        .bind(not_after.to_rfc3339())
        .bind(now())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = created else {
            let row = sqlx::query("SELECT created_at, recipients FROM editions WHERE date = $1")
                .bind(&edition.date)
                .fetch_one(&mut *tx)
                .await?;
            return Ok(Queued::Already {
                queued_at: row.try_get(0)?,
                recipients: row.try_get(1)?,
            });
        };
        // A secret of its own for each delivery's bounce address.
        let random = match self.backend() {
            Backend::Sqlite => "lower(hex(randomblob(16)))",
            Backend::Postgres => "replace(gen_random_uuid()::text, '-', '')",
        };
        let recipients = sqlx::query(&format!(
            "INSERT INTO deliveries (edition_id, subscriber_id, bounce_token, state, next_attempt_at) \
             SELECT $1, id, {random}, 'pending', $2 FROM subscribers \
             WHERE status = 'confirmed' AND suppressed_at IS NULL ORDER BY id"
        ))
        .bind(id)
        .bind(send_at.to_rfc3339())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let recipients = i64::try_from(recipients).unwrap_or(i64::MAX);
        sqlx::query("UPDATE editions SET recipients = $2 WHERE id = $1")
            .bind(id)
            .bind(recipients)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Queued::Queued { recipients })
    }

    /// Says that sender `sender` is alive for another [`SENDER_LAPSE`].
    pub async fn sender_alive(&self, sender: &str) -> Result<(), StoreError> {
        let until = seconds_from_now(i64::try_from(SENDER_LAPSE.as_secs()).unwrap_or(10));
        sqlx::query(
            "INSERT INTO senders (id, alive_until) VALUES ($1, $2) \
             ON CONFLICT (id) DO UPDATE SET alive_until = excluded.alive_until",
        )
        .bind(sender)
        .bind(until)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Says that sender `sender` has stopped: what it held is free at once.
    pub async fn sender_stopped(&self, sender: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM senders WHERE id = $1")
            .bind(sender)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Claims up to `limit` deliveries due now, of editions being sent
    /// within their window, for `sender`. A delivery whose address has
    /// left the list (unsubscribed, erased, suppressed) since the edition
    /// was queued is marked suppressed instead: it is never sent.
    pub async fn claim_deliveries(
        &self,
        sender: &str,
        limit: i64,
    ) -> Result<Vec<Delivery>, StoreError> {
        let claim = new_token().map_err(StoreError::Random)?;
        let now = now();
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let mut tx = self.write().await?;
        // Edition by edition, so that each claim reads the pending
        // deliveries' index in order and stops at `limit`, rather than
        // sorting every pending delivery of every edition.
        let sending: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM editions WHERE state = 'sending' AND send_at <= $1 AND not_after > $1 \
             ORDER BY id",
        )
        .bind(&now)
        .fetch_all(&mut *tx)
        .await?;
        let mut claimed = 0;
        for edition in sending {
            if claimed >= limit {
                break;
            }
            claimed += sqlx::query(&format!(
                "UPDATE deliveries SET \
                   interrupted = CASE WHEN sender IS NULL THEN 0 ELSE 1 END, \
                   sender = $1, claim = $2, attempts = attempts + 1 \
                 WHERE id IN (\
                   SELECT id FROM deliveries \
                   WHERE edition_id = $5 AND state = 'pending' AND next_attempt_at <= $3 \
                     AND (sender IS NULL OR sender NOT IN \
                          (SELECT id FROM senders WHERE alive_until >= $3)) \
                   ORDER BY id LIMIT $4{lock})"
            ))
            .bind(sender)
            .bind(&claim)
            .bind(&now)
            .bind(limit - claimed)
            .bind(edition)
            .execute(&mut *tx)
            .await?
            .rows_affected() as i64;
        }
        sqlx::query(
            "UPDATE deliveries SET state = 'suppressed', done_at = $2, sender = NULL, claim = NULL, \
               last_error = 'left the list before its turn' \
             WHERE claim = $1 AND NOT EXISTS (SELECT 1 FROM subscribers s \
               WHERE s.id = deliveries.subscriber_id AND s.status = 'confirmed' \
                 AND s.suppressed_at IS NULL)",
        )
        .bind(&claim)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let rows = sqlx::query(
            "SELECT d.id, d.edition_id, s.email, s.unsubscribe_token, d.bounce_token, \
               d.attempts, d.interrupted, e.run \
             FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id \
               JOIN editions e ON e.id = d.edition_id \
             WHERE d.claim = $1 ORDER BY d.id",
        )
        .bind(&claim)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        rows.iter()
            .map(|row| {
                Ok(Delivery {
                    id: row.try_get(0)?,
                    edition_id: row.try_get(1)?,
                    email: row.try_get(2)?,
                    unsubscribe_token: row.try_get::<Option<String>, _>(3)?.unwrap_or_default(),
                    bounce_token: row.try_get(4)?,
                    attempts: row.try_get(5)?,
                    interrupted: row.try_get::<i64, _>(6)? != 0,
                    run: row.try_get(7)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Marks deliveries sent by `sender`: each once, by its claimer.
    /// Returns how many were marked (fewer if a claim had been taken over).
    pub async fn mark_delivered(&self, sender: &str, ids: &[i64]) -> Result<u64, StoreError> {
        if ids.is_empty() {
            return Ok(0);
        }
        let list = numbered(3, ids.len());
        let sql = format!(
            "UPDATE deliveries SET state = 'sent', done_at = $1, sender = NULL, claim = NULL, \
               last_error = NULL \
             WHERE sender = $2 AND state = 'pending' AND id IN ({list})"
        );
        let mut query = sqlx::query(&sql).bind(now()).bind(sender);
        for id in ids {
            query = query.bind(*id);
        }
        Ok(query.execute(self.pool()).await?.rows_affected())
    }

    /// Records a send that did not go: deferred, bounced (the address is
    /// then suppressed) or failed. A send deferred in an earlier `run` of
    /// its edition than the current one (it failed before the operator
    /// resumed) is due again at once, as the resume made everything else.
    pub async fn mark_undelivered(
        &self,
        sender: &str,
        id: i64,
        run: i64,
        outcome: &Outcome,
    ) -> Result<(), StoreError> {
        let error = |text: &str| text.chars().take(500).collect::<String>();
        match outcome {
            Outcome::Sent => {
                self.mark_delivered(sender, &[id]).await?;
            }
            Outcome::Deferred {
                error: why,
                retry_in,
            } => {
                sqlx::query(
                    "UPDATE deliveries SET sender = NULL, claim = NULL, \
                       next_attempt_at = CASE \
                         WHEN (SELECT run FROM editions WHERE id = deliveries.edition_id) > $5 \
                         THEN $6 ELSE $3 END, \
                       last_error = $4 \
                     WHERE id = $1 AND sender = $2 AND state = 'pending'",
                )
                .bind(id)
                .bind(sender)
                .bind(seconds_from_now(
                    i64::try_from(retry_in.as_secs()).unwrap_or(3600),
                ))
                .bind(error(why))
                .bind(run)
                .bind(now())
                .execute(self.pool())
                .await?;
            }
            Outcome::Bounced { error: why } => {
                let mut tx = self.write().await?;
                let marked = sqlx::query(
                    "UPDATE deliveries SET state = 'bounced', done_at = $3, sender = NULL, \
                       claim = NULL, last_error = $4 \
                     WHERE id = $1 AND sender = $2 AND state = 'pending'",
                )
                .bind(id)
                .bind(sender)
                .bind(now())
                .bind(error(why))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if marked > 0 {
                    suppress_subscriber_of(&mut tx, id, &format!("refused: {}", error(why)))
                        .await?;
                }
                tx.commit().await?;
            }
            Outcome::Failed { error: why } => {
                sqlx::query(
                    "UPDATE deliveries SET state = 'failed', done_at = $3, sender = NULL, \
                       claim = NULL, last_error = $4 \
                     WHERE id = $1 AND sender = $2 AND state = 'pending'",
                )
                .bind(id)
                .bind(sender)
                .bind(now())
                .bind(error(why))
                .execute(self.pool())
                .await?;
            }
        }
        Ok(())
    }

    /// Ends what is left of editions past their window, or cancelled: their
    /// pending deliveries that no live sender holds are marked failed, with
    /// why. Returns how many.
    pub async fn close_editions(&self) -> Result<u64, StoreError> {
        let now = now();
        let unheld = "(sender IS NULL OR sender NOT IN \
                       (SELECT id FROM senders WHERE alive_until >= $1))";
        let mut closed = 0;
        for (editions, why) in [
            (
                "not_after <= $1 AND state <> 'cancelled'",
                "not sent: the edition''s window had closed",
            ),
            ("state = 'cancelled'", "not sent: the edition was cancelled"),
        ] {
            closed += sqlx::query(&format!(
                "UPDATE deliveries SET state = 'failed', done_at = $1, sender = NULL, claim = NULL, \
                   last_error = '{why}' \
                 WHERE state = 'pending' AND {unheld} AND edition_id IN \
                   (SELECT id FROM editions WHERE {editions})"
            ))
            .bind(&now)
            .execute(self.pool())
            .await?
            .rows_affected();
        }
        Ok(closed)
    }

    /// What a sender needs of a queued edition, by its id: the published
    /// edition's JSON it was queued with, and its window's end.
    pub async fn edition_to_send(
        &self,
        edition_id: i64,
    ) -> Result<Option<(String, String)>, StoreError> {
        let row = sqlx::query("SELECT edition, not_after FROM editions WHERE id = $1")
            .bind(edition_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .transpose()
            .map_err(|err: sqlx::Error| StoreError::from(err))
    }

    /// Sets an edition's state (with why, for a pause); false if there is
    /// no edition of that date, or it was cancelled (which is final).
    pub async fn set_edition_state(
        &self,
        date: &str,
        state: EditionState,
        reason: Option<&str>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        // A resume (to sending) starts a new run: failures from claims
        // made before it count for the old run only.
        let changed = sqlx::query(
            "UPDATE editions SET state = $2, reason = $3, \
               run = CASE WHEN $2 = 'sending' THEN run + 1 ELSE run END \
             WHERE date = $1 AND state <> 'cancelled'",
        )
        .bind(date)
        .bind(state.as_str())
        .bind(reason)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed > 0 && state == EditionState::Sending {
            // Resumed: what was waiting out a failure is due now.
            sqlx::query(
                "UPDATE deliveries SET next_attempt_at = $2 \
                 WHERE edition_id = (SELECT id FROM editions WHERE date = $1) \
                   AND state = 'pending' AND next_attempt_at > $2",
            )
            .bind(date)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(changed > 0)
    }

    /// Pauses an edition being sent in `run`, by its id, saying why (the
    /// sender, when the mail server keeps failing). False if it was not
    /// sending, or has been resumed since (a later run).
    pub async fn pause_edition(
        &self,
        edition_id: i64,
        run: i64,
        reason: &str,
    ) -> Result<bool, StoreError> {
        let changed = sqlx::query(
            "UPDATE editions SET state = 'paused', reason = $2 \
             WHERE id = $1 AND state = 'sending' AND run = $3",
        )
        .bind(edition_id)
        .bind(reason)
        .bind(run)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(changed > 0)
    }

    /// The standing of the edition of `date`, or of the latest queued
    /// when `date` is `None`; `None` if there is none.
    pub async fn edition_status(
        &self,
        date: Option<&str>,
    ) -> Result<Option<EditionStatus>, StoreError> {
        let row = match date {
            Some(date) => {
                sqlx::query(
                    "SELECT id, date, subject, state, reason, send_at, not_after, created_at, recipients \
                     FROM editions WHERE date = $1",
                )
                .bind(date)
                .fetch_optional(self.pool())
                .await?
            }
            None => {
                sqlx::query(
                    "SELECT id, date, subject, state, reason, send_at, not_after, created_at, recipients \
                     FROM editions ORDER BY id DESC LIMIT 1",
                )
                .fetch_optional(self.pool())
                .await?
            }
        };
        let Some(row) = row else {
            return Ok(None);
        };
        let id: i64 = row.try_get(0)?;
        let mut counts = Counts {
            recipients: row.try_get(8)?,
            ..Counts::default()
        };
        for by_state in sqlx::query(
            "SELECT state, count(*) FROM deliveries WHERE edition_id = $1 GROUP BY state",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        {
            let state: String = by_state.try_get(0)?;
            let count: i64 = by_state.try_get(1)?;
            match state.as_str() {
                "sent" => counts.sent = count,
                "failed" => counts.failed = count,
                "bounced" => counts.bounced = count,
                "suppressed" => counts.suppressed = count,
                _ => counts.pending = count,
            }
        }
        let count = |sql: &'static str| async move {
            sqlx::query_scalar::<_, i64>(sql)
                .bind(id)
                .fetch_one(self.pool())
                .await
        };
        counts.in_flight = count(
            "SELECT count(*) FROM deliveries WHERE edition_id = $1 AND state = 'pending' AND claim IS NOT NULL",
        )
        .await?;
        counts.possibly_twice =
            count("SELECT count(*) FROM deliveries WHERE edition_id = $1 AND interrupted = 1")
                .await?;
        counts.sent_last_minute = sqlx::query_scalar(
            "SELECT count(*) FROM deliveries WHERE edition_id = $1 AND state = 'sent' AND done_at >= $2",
        )
        .bind(id)
        .bind(seconds_from_now(-60))
        .fetch_one(self.pool())
        .await?;
        Ok(Some(EditionStatus {
            date: row.try_get(1)?,
            subject: row.try_get(2)?,
            state: EditionState::parse(&row.try_get::<String, _>(3)?)
                .as_str()
                .to_owned(),
            reason: row.try_get(4)?,
            send_at: row.try_get(5)?,
            not_after: row.try_get(6)?,
            queued_at: row.try_get(7)?,
            counts,
        }))
    }
}

/// Suppresses the subscriber a delivery was for (if still there), saying why.
pub(crate) async fn suppress_subscriber_of(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    delivery: i64,
    reason: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE subscribers SET suppressed_at = $2, suppressed_reason = $3 \
         WHERE id = (SELECT subscriber_id FROM deliveries WHERE id = $1) AND suppressed_at IS NULL",
    )
    .bind(delivery)
    .bind(now())
    .bind(reason.chars().take(500).collect::<String>())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// `$from, $from+1, …`: `count` numbered parameters.
fn numbered(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_from_where_they_start() {
        assert_eq!(numbered(3, 3), "$3, $4, $5");
        assert_eq!(numbered(1, 0), "");
    }
}
