//! The newsletter's editions: queued for every subscriber once
//! (`queue`), written as mail (`compose`, signed with `dkim`), sent by
//! every instance's sender (`sender`), their bounces and complaints read
//! back (`bounces`); and lists brought from other services (`import`).

pub mod bounces;
pub mod compose;
pub mod dkim;
pub mod import;
pub mod queue;
pub mod sender;
pub mod smtp;

use news_portal::model::{long_date, Edition};
use queue::EditionStatus;
use std::time::Duration;

/// The published edition's JSON from a file or an `http(s)://` URL, and
/// the edition it is; a sentence saying what to do if it is not one.
pub async fn read_edition(from: &str) -> Result<(Edition, String), String> {
    let json = if from.starts_with("http://") || from.starts_with("https://") {
        let response = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|err| err.to_string())?
            .get(from)
            .send()
            .await
            .map_err(|err| format!("cannot fetch {from}: {err}"))?;
        if !response.status().is_success() {
            return Err(format!(
                "{from} answered {}: is the edition published?",
                response.status()
            ));
        }
        response
            .text()
            .await
            .map_err(|err| format!("cannot read {from}: {err}"))?
    } else {
        std::fs::read_to_string(from).map_err(|err| format!("cannot read {from}: {err}"))?
    };
    let edition = Edition::from_json(&json).map_err(|err| {
        format!(
            "{from} is not a published edition ({err}). Send the edition the build \
             publishes, dist/api/v1/newsletter/editions/<date>.json, not the newsroom's \
             file in public/"
        )
    })?;
    Ok((edition, json))
}

/// An edition's standing, as an operator reads it.
pub fn describe(status: &EditionStatus, unix_now: i64) -> String {
    let c = &status.counts;
    let mut lines = vec![
        format!(
            "Edition {} ({}): \"{}\"",
            status.date,
            long_date(&status.date),
            status.subject
        ),
        format!(
            "  {} recipients = {} sent + {} failed + {} bounced + {} suppressed + {} pending",
            c.recipients, c.sent, c.failed, c.bounced, c.suppressed, c.pending
        ),
    ];
    let window_closed = news_portal::model::Timestamp::parse_rfc3339(&status.not_after)
        .map(|t| t.unix_seconds() <= unix_now)
        .unwrap_or(false);
    let state = match status.state.as_str() {
        "cancelled" => "cancelled: what was pending is not sent".to_owned(),
        _ if c.pending == 0 => "finished: nothing left to send".to_owned(),
        "paused" => format!(
            "PAUSED: {}",
            status.reason.as_deref().unwrap_or("by an operator")
        ),
        _ if window_closed => format!(
            "its window closed at {}: what is pending will not be sent",
            status.not_after
        ),
        _ => {
            let rate = c.sent_last_minute as f64 / 60.0;
            let left = if rate > 0.0 {
                format!("about {} left", minutes(c.pending as f64 / rate))
            } else {
                "time left unknown until messages go".to_owned()
            };
            format!(
                "sending: {:.0} a second over the last minute, {left}; {} in flight",
                rate, c.in_flight
            )
        }
    };
    lines.push(format!("  {state}"));
    lines.push(format!(
        "  window: from {} to {}; queued at {}",
        status.send_at, status.not_after, status.queued_at
    ));
    if c.possibly_twice > 0 {
        lines.push(format!(
            "  {} possibly sent twice (their sender stopped while sending them; see the log)",
            c.possibly_twice
        ));
    }
    lines.join("\n")
}

fn minutes(seconds: f64) -> String {
    if seconds < 90.0 {
        format!("{} s", seconds.round())
    } else {
        format!("{} min", (seconds / 60.0).round())
    }
}
