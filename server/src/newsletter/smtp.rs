//! One SMTP connection for each of the edition sender's workers, kept open
//! from message to message, with Nagle's algorithm off.
//!
//! Why not lettre's pooled transport, as confirmations use: it writes a
//! message's end (`.`) as a second small write after the body, and with
//! Nagle on that write waits for the server to acknowledge the body, which
//! a server delays (up to 40 ms on Linux) while it waits for the end: one
//! message per connection every 40 ms, whatever the machine. Measured with
//! `scripts/bench-newsletter` (docs/benchmarks.md, "The newsletter"). The
//! pool also tests each connection (NOOP) before every message. Implicit
//! TLS (`smtps://`) still goes through the pool: its stream cannot be
//! handed over set up by us.

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Why a send failed, as the sender needs to know it.
#[derive(Debug, Clone)]
pub struct SendError {
    /// Refused for good (a 5xx reply): a bounce.
    pub permanent: bool,
    /// The server answered (a 4xx or 5xx reply), rather than the
    /// connection failing.
    pub answered: bool,
    pub message: String,
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<lettre::transport::smtp::Error> for SendError {
    fn from(err: lettre::transport::smtp::Error) -> Self {
        SendError {
            permanent: err.is_permanent(),
            answered: err.is_response() || err.is_permanent() || err.is_transient(),
            message: err.to_string(),
        }
    }
}

impl SendError {
    fn network(why: impl std::fmt::Display) -> Self {
        SendError {
            permanent: false,
            answered: false,
            message: format!("network error: {why}"),
        }
    }
}

/// How to reach the mail server, from `--smtp-url`.
#[derive(Clone)]
pub struct Relay {
    host: String,
    port: u16,
    starttls: StartTls,
    credentials: Option<Credentials>,
    hello: ClientId,
    timeout: Duration,
    /// For `smtps://`: lettre's own pooled transport.
    implicit_tls: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum StartTls {
    Never,
    IfOffered,
    Required,
}

impl Relay {
    /// The relay `--smtp-url` names (as lettre reads such URLs:
    /// `smtp://HOST[:25]`, `smtp://HOST[:587]?tls=required|opportunistic`,
    /// `smtps://HOST[:465]`, credentials as `user:password@`), with
    /// `credentials` if the URL has none; `pooled` is the transport to use
    /// for implicit TLS.
    pub fn new(
        url: &str,
        credentials: Option<(String, String)>,
        timeout: Duration,
        pooled: AsyncSmtpTransport<Tokio1Executor>,
    ) -> Result<Self, String> {
        let parsed = url::Url::parse(url).map_err(|err| format!("--smtp-url: {err}"))?;
        let host = parsed
            .host_str()
            .ok_or("--smtp-url: no host")?
            .trim_matches(['[', ']'])
            .to_owned();
        let tls = parsed
            .query_pairs()
            .find(|(key, _)| key == "tls")
            .map(|(_, value)| value.into_owned());
        let (starttls, default_port, implicit) = match (parsed.scheme(), tls.as_deref()) {
            ("smtp", None) => (StartTls::Never, 25, false),
            ("smtp", Some("required")) => (StartTls::Required, 587, false),
            ("smtp", Some("opportunistic")) => (StartTls::IfOffered, 587, false),
            ("smtps", _) => (StartTls::Never, 465, true),
            (scheme, tls) => {
                return Err(format!(
                    "--smtp-url: scheme {scheme:?} with tls={tls:?} is none of smtp, smtp with \
                     tls=required or opportunistic, smtps"
                ))
            }
        };
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8()
                .map(|text| text.into_owned())
                .map_err(|err| format!("--smtp-url: {err}"))
        };
        let credentials = match parsed.password() {
            Some(password) => Some(Credentials::new(
                decode(parsed.username())?,
                decode(password)?,
            )),
            None => credentials.map(|(user, password)| Credentials::new(user, password)),
        };
        let hello = match parsed.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_owned()),
        };
        Ok(Relay {
            port: parsed.port().unwrap_or(default_port),
            host,
            starttls,
            credentials,
            hello,
            timeout,
            implicit_tls: implicit.then_some(pooled),
        })
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        let connect = tokio::net::TcpStream::connect((self.host.as_str(), self.port));
        let stream = tokio::time::timeout(self.timeout, connect)
            .await
            .map_err(|_| SendError::network("no connection in time"))?
            .map_err(SendError::network)?;
        stream.set_nodelay(true).map_err(SendError::network)?;
        let mut connection =
            AsyncSmtpConnection::connect_with_transport(Box::new(stream), &self.hello).await?;
        let offered = connection.can_starttls();
        if self.starttls == StartTls::Required || (self.starttls == StartTls::IfOffered && offered)
        {
            let tls = TlsParameters::new(self.host.clone())?;
            connection.starttls(tls, &self.hello).await?;
        }
        if let Some(credentials) = &self.credentials {
            connection
                .auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .await?;
        }
        Ok(connection)
    }
}

/// One worker's line to the mail server.
pub struct Line {
    relay: std::sync::Arc<Relay>,
    open: Option<AsyncSmtpConnection>,
}

impl Line {
    pub fn new(relay: std::sync::Arc<Relay>) -> Self {
        Line { relay, open: None }
    }

    /// Sends `message` on this line's connection (opened if need be). A
    /// connection the server closed while idle is opened again once.
    pub async fn send(&mut self, message: &Message) -> Result<(), SendError> {
        if let Some(pooled) = &self.relay.implicit_tls {
            return pooled
                .send(message.clone())
                .await
                .map(|_| ())
                .map_err(SendError::from);
        }
        let bytes = message.formatted();
        let reused = self.open.is_some();
        match self.send_once(message, &bytes).await {
            Err(err) if reused && !err.answered => {
                self.open = None;
                self.send_once(message, &bytes).await
            }
            done => done,
        }
    }

    async fn send_once(&mut self, message: &Message, bytes: &[u8]) -> Result<(), SendError> {
        let mut connection = match self.open.take() {
            Some(connection) => connection,
            None => self.relay.connect().await?,
        };
        let sent = connection
            .send(message.envelope(), bytes)
            .await
            .map(|_| ())
            .map_err(SendError::from);
        // A refusal leaves the connection usable; anything else does not.
        if sent.as_ref().map_or_else(|err| err.answered, |_| true) && !connection.has_broken() {
            self.open = Some(connection);
        }
        sent
    }

    /// Says goodbye to the server, if connected.
    pub async fn close(&mut self) {
        if let Some(mut connection) = self.open.take() {
            let _ = connection.quit().await;
        }
    }
}
