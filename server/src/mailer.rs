//! Mail: the settings every kind shares (the server, the sender, the DKIM
//! key, the bounce domain), and the outbox of one-off mail (confirmations),
//! drained over SMTP. Editions have their own sender (`newsletter::sender`).
//!
//! Every instance runs a sender. Each claims due messages in a transaction
//! (PostgreSQL's `FOR UPDATE SKIP LOCKED`), so no two send one message;
//! marks each sent once, by its claim; and retries a failed send with
//! backoff, giving up after `max_attempts` or at once on a permanent
//! refusal (a 5xx reply). If an instance dies between the SMTP server's
//! acceptance and the mark, the claim lapses and the message goes again:
//! at least once, never lost. Addresses are logged only at debug level.

use crate::newsletter::compose::Identity;
use crate::newsletter::dkim::{dkim_config, KeyKind};
use crate::store::{Claimed, Store, StoreError};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use news_portal::model::{escape_markup, SITE_NAME};
use news_portal::routes;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

/// How the service sends mail.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtps://host:465`, `smtp://host:587?tls=required`, or (only for a
    /// server on this machine) `smtp://host:port`; credentials in it or below.
    pub smtp_url: String,
    pub credentials: Option<(String, String)>,
    /// `Britain's News Portal <newsletter@example.co.uk>`.
    pub from: String,
    /// The site's public origin, for the links in the mail.
    pub public_url: String,
    /// The wait after the first failure; doubled after each, up to six hours.
    pub retry_base: Duration,
    pub max_attempts: i64,
    /// How often the outbox is looked at when nothing wakes the sender.
    pub poll: Duration,
    /// Editions: messages sent at once, each on its own connection.
    pub connections: usize,
    /// Editions: failed sends in a row that pause an edition.
    pub pause_after: u32,
    /// The DKIM key every message is signed with, if any.
    pub dkim: Option<DkimSettings>,
    /// The domain of bounce addresses (`bounces+<token>@<domain>`); by
    /// default the sender's.
    pub bounce_domain: Option<String>,
}

/// Where the DKIM key is, and what it is published as.
#[derive(Debug, Clone)]
pub struct DkimSettings {
    pub key_file: std::path::PathBuf,
    pub selector: String,
    pub domain: String,
}

impl MailSettings {
    /// A connection pool to the mail server of `connections` at most.
    pub fn transport(
        &self,
        connections: usize,
    ) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&self.smtp_url)
            .map_err(|err| format!("--smtp-url: {err}"))?
            .timeout(Some(SEND_TIMEOUT))
            .pool_config(
                PoolConfig::new().max_size(u32::try_from(connections.max(1)).unwrap_or(1)),
            );
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }

    /// Who sends, where bounces go, and the DKIM key, read from its file.
    pub fn identity(&self) -> Result<(Identity, Option<KeyKind>), String> {
        let from: Mailbox = self
            .from
            .parse()
            .map_err(|err| format!("--mail-from {:?}: {err}", self.from))?;
        let (dkim, kind) = match &self.dkim {
            Some(settings) => {
                let text = std::fs::read_to_string(&settings.key_file)
                    .map_err(|err| format!("--dkim-key {}: {err}", settings.key_file.display()))?;
                let (config, kind) = dkim_config(&text, &settings.selector, &settings.domain)
                    .map_err(|why| format!("--dkim-key {}: {why}", settings.key_file.display()))?;
                (Some(config), Some(kind))
            }
            None => (None, None),
        };
        let bounce_domain = self
            .bounce_domain
            .clone()
            .unwrap_or_else(|| from.email.domain().to_owned());
        Ok((
            Identity {
                from,
                origin: self.public_url.trim_end_matches('/').to_owned(),
                bounce_domain,
                dkim,
            },
            kind,
        ))
    }
}

/// A sender of the outbox's mail.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    identity: std::sync::Arc<Identity>,
    settings: MailSettings,
}

/// The kinds of one-off mail, by the outbox's `kind`: each has its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// "Confirm your subscription", with the confirm link.
    Confirm,
}

impl MailKind {
    pub fn parse(kind: &str) -> Option<Self> {
        match kind {
            "confirm" => Some(MailKind::Confirm),
            _ => None,
        }
    }
}

/// Messages claimed at a time.
const BATCH: i64 = 20;
/// The longest one send may take before it counts as failed.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a claim holds: longer than a whole batch takes even when every
/// send in it times out, so that no other sender takes a message this one
/// may still be sending.
const LEASE: Duration = Duration::from_secs(BATCH as u64 * SEND_TIMEOUT.as_secs() + 300);
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

impl Mailer {
    pub fn new(settings: MailSettings, identity: std::sync::Arc<Identity>) -> Result<Self, String> {
        Ok(Mailer {
            transport: settings.transport(2)?,
            identity,
            settings,
        })
    }

    /// Sends what is due whenever woken (a new signup), every `poll`
    /// otherwise, until `shutdown` turns true; `passes` counts each look at
    /// the outbox, finished (what is due when a pass begins is sent in it).
    pub async fn run(
        self,
        store: Arc<Store>,
        wake: Arc<Notify>,
        mut shutdown: watch::Receiver<bool>,
        passes: watch::Sender<u64>,
    ) {
        loop {
            match self.drain(&store).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "confirmation mail sent"),
                Err(err) => tracing::error!("outbox: {err}"),
            }
            passes.send_modify(|passes| *passes += 1);
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(self.settings.poll) => {}
                _ = shutdown.changed() => return,
            }
            if *shutdown.borrow() {
                return;
            }
        }
    }

    /// Sends every message due now; returns how many went.
    pub async fn drain(&self, store: &Store) -> Result<usize, StoreError> {
        let mut sent = 0;
        loop {
            let batch = store.claim_due(BATCH, LEASE).await?;
            if batch.is_empty() {
                return Ok(sent);
            }
            for message in &batch {
                if self.send(store, message).await? {
                    sent += 1;
                }
            }
        }
    }

    async fn send(&self, store: &Store, message: &Claimed) -> Result<bool, StoreError> {
        let email = match self.compose(message) {
            Ok(email) => email,
            Err(why) => {
                tracing::error!(message = message.id, "cannot compose: {why}; giving up");
                store
                    .mark_failed(message, &why, Duration::ZERO, true)
                    .await?;
                return Ok(false);
            }
        };
        tracing::debug!(message = message.id, to = %message.email, "sending");
        match self.transport.send(email).await {
            Ok(_) => {
                if !store.mark_sent(message).await? {
                    tracing::warn!(message = message.id, "sent after its claim lapsed");
                }
                Ok(true)
            }
            Err(err) => {
                let give_up = err.is_permanent() || message.attempts >= self.settings.max_attempts;
                let retry_in = backoff(message.attempts, self.settings.retry_base);
                if give_up {
                    tracing::error!(
                        message = message.id,
                        attempts = message.attempts,
                        "giving up on a confirmation: {err}"
                    );
                } else {
                    tracing::warn!(
                        message = message.id,
                        attempts = message.attempts,
                        "send failed, retrying in {}s: {err}",
                        retry_in.as_secs()
                    );
                }
                store
                    .mark_failed(message, &err.to_string(), retry_in, give_up)
                    .await?;
                Ok(false)
            }
        }
    }

    /// The message the outbox row's kind makes, with links made now.
    fn compose(&self, message: &Claimed) -> Result<Message, String> {
        let origin = &self.identity.origin;
        let from = &self.identity.from;
        let mut email = match MailKind::parse(&message.kind) {
            Some(MailKind::Confirm) => {
                let links = Links {
                    confirm: routes::confirm_link(origin, &message.confirm_token),
                    editions: routes::editions_link(origin),
                    unsubscribe_page: routes::unsubscribe_link(origin, &message.unsubscribe_token),
                    one_click: routes::one_click_unsubscribe(origin, &message.unsubscribe_token),
                };
                confirmation_email(from, &message.email, &links, &message_id(from, message))?
            }
            None => return Err(format!("no template for mail of kind {:?}", message.kind)),
        };
        if let Some(dkim) = &self.identity.dkim {
            email.sign(dkim);
        }
        Ok(email)
    }
}

/// The message's `Message-ID`: the same for every attempt at one outbox
/// message, so a message sent again (its claim lapsed after the mail server
/// took it) is one message to the receiving server, which may drop the
/// copy; different for every other. The subscriber's secret goes in only
/// hashed, to tell databases apart.
pub fn message_id(from: &Mailbox, message: &Claimed) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    message.unsubscribe_token.hash(&mut hasher);
    format!(
        "<confirm.{}.{:016x}@{}>",
        message.id,
        hasher.finish(),
        from.email.domain()
    )
}

/// The wait before attempt `attempts + 1`: `base`, doubled for each
/// attempt after the first, never more than six hours.
pub fn backoff(attempts: i64, base: Duration) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    base.saturating_mul(1 << doublings).min(MAX_BACKOFF)
}

/// The links a confirmation carries.
pub struct Links {
    pub confirm: String,
    /// The newsletter's editions on the web, newest first.
    pub editions: String,
    /// The app's page, where a reader unsubscribes with a button.
    pub unsubscribe_page: String,
    /// Where a mail client unsubscribes in one click (RFC 8058).
    pub one_click: String,
}

/// The confirmation e-mail: plain text and HTML, and the headers that let
/// a mail client offer "Unsubscribe" in one click.
pub fn confirmation_email(
    from: &Mailbox,
    to: &str,
    links: &Links,
    message_id: &str,
) -> Result<Message, String> {
    let to: Mailbox = to.parse().map_err(|err| format!("the address: {err}"))?;
    let text = format!(
        "Thank you for signing up to the {SITE_NAME} newsletter. It arrives every weekday \
         morning: the stories that matter that day, picked by our editors.\n\n\
         Please confirm your subscription by opening this link:\n{confirm}\n\n\
         Read the latest edition now: {editions}\n\n\
         If you did not sign up, you can ignore this email, or remove your address now:\n{leave}\n",
        confirm = links.confirm,
        editions = links.editions,
        leave = links.unsubscribe_page,
    );
    let html = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Confirm your subscription</title></head>\
         <body style=\"font-family: Georgia, serif; color: #121212; max-width: 36rem\">\
         <p style=\"font-size: 1.25rem; font-weight: 700; color: #b00020\">{site}</p>\
         <p>Thank you for signing up to the {site} newsletter. It arrives every weekday morning: the stories that matter that day, picked by our editors.</p>\
         <p><a href=\"{confirm}\" style=\"display: inline-block; padding: 0.6rem 1.2rem; background: #121212; color: #ffffff; text-decoration: none; border-radius: 2rem\">Confirm your subscription</a></p>\
         <p>Or open this link: {confirm}</p>\
         <p><a href=\"{editions}\">Read the latest edition now</a>.</p>\
         <p style=\"font-size: 0.9rem; color: #4a4a4a\">If you did not sign up, you can ignore this email, or <a href=\"{leave}\">remove your address now</a>.</p>\
         </body></html>",
        site = escape_markup(SITE_NAME),
        confirm = escape_markup(&links.confirm),
        editions = escape_markup(&links.editions),
        leave = escape_markup(&links.unsubscribe_page),
    );
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(format!("Confirm your subscription to {SITE_NAME}"))
        .message_id(Some(message_id.to_owned()))
        .header(ListUnsubscribe(format!("<{}>", links.one_click)))
        .header(ListUnsubscribePost)
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|err| err.to_string())
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Debug, Clone)]
pub struct ListUnsubscribe(pub String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(text.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Debug, Clone)]
pub struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_and_stops_at_six_hours() {
        let base = Duration::from_secs(30);
        let waits: Vec<u64> = (1..=6).map(|n| backoff(n, base).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960]);
        assert_eq!(backoff(40, base), MAX_BACKOFF);
        assert_eq!(backoff(0, base), base);
    }

    #[test]
    fn the_confirmation_has_both_parts_the_links_and_one_click_unsubscribe() {
        let from: Mailbox = "Britain's News Portal <newsletter@example.co.uk>"
            .parse()
            .unwrap();
        let links = Links {
            confirm: "https://news.example/newsletter/confirm?token=abc".into(),
            editions: "https://news.example/newsletter/editions".into(),
            unsubscribe_page: "https://news.example/newsletter/unsubscribe?token=def".into(),
            one_click: "https://news.example/api/v1/newsletter/unsubscribe?token=def".into(),
        };
        let id = "<confirm.1.0123456789abcdef@example.co.uk>";
        let message = confirmation_email(&from, "reader@example.com", &links, id).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains(
            "List-Unsubscribe: <https://news.example/api/v1/newsletter/unsubscribe?token=def>"
        ));
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("Content-Type: text/plain"));
        assert!(raw.contains("Content-Type: text/html"));
        assert!(raw.contains("To: reader@example.com"));
        assert!(raw.contains("Subject: Confirm your subscription to"));
        assert!(raw.contains(&format!("Message-ID: {id}")));
        assert!(confirmation_email(&from, "not an address", &links, id).is_err());
    }

    #[test]
    fn every_attempt_at_a_message_has_its_id_and_other_messages_have_others() {
        let from: Mailbox = "News <newsletter@example.co.uk>".parse().unwrap();
        let message = Claimed {
            id: 7,
            kind: "confirm".into(),
            email: "reader@example.com".into(),
            confirm_token: "abc".into(),
            unsubscribe_token: "f".repeat(64),
            attempts: 1,
            claim: "first".into(),
        };
        let again = Claimed {
            attempts: 2,
            claim: "second".into(),
            ..message.clone()
        };
        let id = message_id(&from, &message);
        assert!(id.starts_with("<confirm.7."), "{id}");
        assert!(id.ends_with("@example.co.uk>"), "{id}");
        assert_eq!(message_id(&from, &again), id);
        let other = Claimed {
            id: 8,
            ..message.clone()
        };
        assert_ne!(message_id(&from, &other), id);
        let other_database = Claimed {
            unsubscribe_token: "e".repeat(64),
            ..message
        };
        assert_ne!(message_id(&from, &other_database), id);
    }
}
