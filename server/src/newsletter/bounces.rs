//! Bounces and complaints, back from the mail servers: a delivery status
//! notification (RFC 3464) or a complaint (ARF, RFC 5965) reaching a
//! bounce address, `bounces+<token>@<bounce domain>`, handed over by the
//! mail server's pipe (`news-portal-server bounces read < message.eml`) or
//! POSTed to the service with its secret. The token names the delivery,
//! and so the subscriber: a hard bounce or a complaint suppresses the
//! address at once, a soft bounce on the second.

use super::queue::suppress_subscriber_of;
use crate::store::{Store, StoreError};
use sqlx::Row;

/// What a report says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BounceKind {
    /// Refused for good (a 5.x.x status): no such mailbox, say.
    Hard,
    /// Refused for now (a 4.x.x status, or a delay): a full mailbox, say.
    Soft,
    /// The reader marked it as spam.
    Complaint,
}

/// A report, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub kind: BounceKind,
    /// The bounce address's token: which delivery it was.
    pub token: String,
    /// The status and diagnostic the report gave, for the record.
    pub detail: String,
}

/// What the report did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The address is suppressed (now, or it already was).
    Suppressed,
    /// A soft bounce counted; the address still gets mail.
    Counted { soft_bounces: i64 },
    /// The delivery's address has left the list already.
    AddressGone,
    /// No delivery has this token.
    UnknownDelivery,
}

/// Reads a bounce report or complaint; a sentence if it is neither.
pub fn read_report(message: &str) -> Result<Report, String> {
    let token = bounce_token(message).ok_or(
        "no bounce address (bounces+TOKEN@…) in the message: it is not a reply to a newsletter",
    )?;
    let lower = message.to_ascii_lowercase();
    if lower.contains("report-type=feedback-report")
        || lower.contains("report-type=\"feedback-report\"")
        || field(message, "Feedback-Type").is_some()
    {
        let kind = field(message, "Feedback-Type").unwrap_or_else(|| "abuse".into());
        return Ok(Report {
            kind: BounceKind::Complaint,
            token,
            detail: format!("complaint: {kind}"),
        });
    }
    let status = field(message, "Status");
    let action = field(message, "Action").map(|a| a.to_ascii_lowercase());
    let diagnostic = field(message, "Diagnostic-Code").unwrap_or_default();
    let kind = match (status.as_deref(), action.as_deref()) {
        (Some(s), _) if s.starts_with('5') => BounceKind::Hard,
        (Some(s), _) if s.starts_with('4') => BounceKind::Soft,
        (_, Some("delayed")) => BounceKind::Soft,
        (_, Some("failed")) => BounceKind::Hard,
        _ => {
            return Err(
                "neither a delivery status report (no Status or Action field) nor a complaint"
                    .into(),
            )
        }
    };
    Ok(Report {
        kind,
        token,
        detail: format!(
            "{} {}",
            status.unwrap_or_else(|| action.unwrap_or_default()),
            diagnostic
        )
        .trim()
        .to_owned(),
    })
}

/// The token of the first `bounces+TOKEN@` in the message: the address the
/// report was sent to, or the original's `Return-Path` it quotes.
fn bounce_token(message: &str) -> Option<String> {
    let lower = message.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("bounces+") {
        let after = rest.get(at + "bounces+".len()..)?;
        let token: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if after.get(token.len()..)?.starts_with('@') && (8..=64).contains(&token.len()) {
            return Some(token);
        }
        rest = after;
    }
    None
}

/// The value of the first `Name: value` line (unfolded, trimmed).
fn field(message: &str, name: &str) -> Option<String> {
    let mut lines = message.lines().peekable();
    while let Some(line) = lines.next() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if !key.trim().eq_ignore_ascii_case(name) || key.starts_with([' ', '\t']) {
            continue;
        }
        let mut value = value.trim().to_owned();
        while let Some(next) = lines.peek() {
            if next.starts_with([' ', '\t']) {
                value.push(' ');
                value.push_str(next.trim());
                lines.next();
            } else {
                break;
            }
        }
        return Some(value);
    }
    None
}

impl Store {
    /// Applies a report to the delivery it names and its subscriber.
    pub async fn apply_bounce(&self, report: &Report) -> Result<Applied, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query("SELECT id, subscriber_id FROM deliveries WHERE bounce_token = $1")
            .bind(&report.token)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Ok(Applied::UnknownDelivery);
        };
        let delivery: i64 = row.try_get(0)?;
        let subscriber: Option<i64> = row.try_get(1)?;
        sqlx::query(
            "UPDATE deliveries SET state = 'bounced', last_error = $2 \
             WHERE id = $1 AND state = 'sent'",
        )
        .bind(delivery)
        .bind(&report.detail)
        .execute(&mut *tx)
        .await?;
        let Some(subscriber) = subscriber else {
            tx.commit().await?;
            return Ok(Applied::AddressGone);
        };
        let applied = match report.kind {
            BounceKind::Hard | BounceKind::Complaint => {
                let why = match report.kind {
                    BounceKind::Complaint => format!("complained: {}", report.detail),
                    _ => format!("hard bounce: {}", report.detail),
                };
                suppress_subscriber_of(&mut tx, delivery, &why).await?;
                Applied::Suppressed
            }
            BounceKind::Soft => {
                let soft_bounces: i64 = sqlx::query_scalar(
                    "UPDATE subscribers SET soft_bounces = soft_bounces + 1 WHERE id = $1 \
                     RETURNING soft_bounces",
                )
                .bind(subscriber)
                .fetch_one(&mut *tx)
                .await?;
                if soft_bounces >= 2 {
                    suppress_subscriber_of(
                        &mut tx,
                        delivery,
                        &format!("second soft bounce: {}", report.detail),
                    )
                    .await?;
                    Applied::Suppressed
                } else {
                    Applied::Counted { soft_bounces }
                }
            }
        };
        tx.commit().await?;
        Ok(applied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn dsn(status: &str, action: &str) -> String {
        format!(
            "Return-Path: <>\r\nTo: bounces+{TOKEN}@bounces.news.example\r\n\
             Subject: Undelivered Mail Returned to Sender\r\n\
             Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n\
             --b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n\
             --b\r\nContent-Type: message/delivery-status\r\n\r\n\
             Reporting-MTA: dns; mx.example.com\r\n\r\n\
             Final-Recipient: rfc822; reader@example.com\r\nAction: {action}\r\n\
             Status: {status}\r\nDiagnostic-Code: smtp; 550 5.1.1 No such\r\n user here\r\n--b--\r\n"
        )
    }

    #[test]
    fn a_failed_delivery_with_a_5xx_status_is_hard_and_a_4xx_soft() {
        let hard = read_report(&dsn("5.1.1", "failed")).unwrap();
        assert_eq!(hard.kind, BounceKind::Hard);
        assert_eq!(hard.token, TOKEN);
        assert!(hard.detail.contains("5.1.1"), "{}", hard.detail);
        assert!(hard.detail.contains("No such user here"), "{}", hard.detail);
        assert_eq!(
            read_report(&dsn("4.2.2", "delayed")).unwrap().kind,
            BounceKind::Soft
        );
    }

    #[test]
    fn an_arf_report_is_a_complaint() {
        let arf = format!(
            "To: bounces+{TOKEN}@bounces.news.example\r\n\
             Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\r\n\r\n\
             --b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\n\
             User-Agent: SomeISP/1.0\r\nVersion: 1\r\n--b--\r\n"
        );
        let report = read_report(&arf).unwrap();
        assert_eq!(report.kind, BounceKind::Complaint);
        assert_eq!(report.detail, "complaint: abuse");
    }

    #[test]
    fn the_token_may_come_from_the_quoted_original() {
        let quoted = dsn("5.1.1", "failed").replace(
            &format!("To: bounces+{TOKEN}@bounces.news.example"),
            "To: postmaster@news.example",
        ) + &format!("Return-Path: <BOUNCES+{TOKEN}@bounces.news.example>\r\n");
        assert_eq!(read_report(&quoted).unwrap().token, TOKEN);
    }

    #[test]
    fn what_is_not_a_report_says_so() {
        assert!(read_report("Subject: hello\r\n\r\nHi there")
            .unwrap_err()
            .contains("no bounce address"));
        let no_status = format!("To: bounces+{TOKEN}@b.example\r\n\r\nThanks!");
        assert!(read_report(&no_status)
            .unwrap_err()
            .contains("neither a delivery status report"));
        assert!(read_report("bounces+ab@x").is_err(), "too short a token");
    }
}
