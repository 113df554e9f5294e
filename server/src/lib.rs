//! The native companion of Britain's News Portal.
//!
//! It serves the built site exactly as the CDN is configured to (SPA
//! fallback, caching and security headers), so that what is tested locally
//! is what readers get; it takes newsletter signups into SQLite (one
//! instance) or PostgreSQL (several), and sends their confirmation mail.
//!
//! Every request body, header and query comes from outside: nothing here
//! may panic on any of them. `scripts/test` lints for it.
#![cfg_attr(
    not(test),
    deny(
        clippy::string_slice,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

pub mod mailer;
pub mod newsletter;
pub mod rate_limit;
pub mod refusal;
pub mod signup;
pub mod signup_form;
pub mod site;
pub mod store;

use axum::Router;
use std::{future::Future, net::SocketAddr, path::PathBuf, sync::Arc};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

/// What the server needs to know at start-up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder the build wrote: pages, hashed assets, `api/`.
    pub dist: PathBuf,
    /// `sqlite:FILE` (one instance) or `postgres://…` (any number).
    pub database_url: String,
    /// Origins other than the site's own allowed to POST signups (CORS).
    pub allowed_origins: Vec<String>,
    /// Signups a client may send a minute; 0 for no limit.
    pub rate_limit_per_minute: u32,
    /// Behind a proxy or CDN, the client is the last address in its
    /// `X-Forwarded-For`; without one, that header is not to be trusted.
    pub behind_proxy: bool,
    /// The site's public origin, for the links in mail.
    pub public_url: String,
    /// How to send mail; without, confirmations wait in the outbox and
    /// editions in their queue.
    pub mail: Option<mailer::MailSettings>,
    /// The secret a mail server gives to POST bounce reports; without,
    /// that endpoint is off (`bounces read` still works).
    pub bounce_secret: Option<String>,
}

/// The URL of a SQLite file, created if missing.
pub fn sqlite_url(file: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", file.display())
}

/// A running service's parts: its routes, its store, and its mail sender.
pub struct Service {
    pub router: Router,
    pub store: Arc<store::Store>,
    /// Set to true to stop the background tasks: the sender, the tidying.
    pub stop_background: watch::Sender<bool>,
    /// How many times the mail sender has looked at the outbox (and sent
    /// what was due then): 0 for ever without `--smtp-url`.
    pub mail_passes: watch::Receiver<u64>,
    /// How many times the edition sender has found nothing due.
    pub edition_passes: watch::Receiver<u64>,
    /// The mail senders: once told to stop, each ends when the sends it
    /// has under way are done and recorded.
    pub senders: Vec<tokio::task::JoinHandle<()>>,
}

impl Service {
    /// Stops the background tasks, and waits (up to `within`) for the mail
    /// senders to finish and record the sends under way, so that a
    /// graceful stop sends nothing twice.
    pub async fn stop_background(
        stop: &watch::Sender<bool>,
        senders: Vec<tokio::task::JoinHandle<()>>,
        within: std::time::Duration,
    ) {
        let _ = stop.send(true);
        let all = async {
            for sender in senders {
                let _ = sender.await;
            }
        };
        if tokio::time::timeout(within, all).await.is_err() {
            tracing::warn!(
                "mail senders still busy after {} s: stopping; what they held goes again",
                within.as_secs()
            );
        }
    }
}

/// Connects to the store (migrating it), starts the mail sender, and
/// makes the whole HTTP surface: signups, then the site for everything else.
pub async fn start(config: &Config) -> Result<Service, String> {
    let site = site::ServedSite::load(&config.dist).map_err(|err| {
        format!(
            "cannot read the site in {}: {err} (run scripts/build first)",
            config.dist.display()
        )
    })?;
    let store = Arc::new(
        store::Store::connect(&config.database_url)
            .await
            .map_err(|err| format!("cannot open the signup database: {err}"))?,
    );
    let mail_queued = Arc::new(Notify::new());
    let (stop_background, stopped) = watch::channel(false);
    let (passes, mail_passes) = watch::channel(0);
    let (found_none, edition_passes) = watch::channel(0);
    tokio::spawn(Arc::clone(&store).keep_tidy(stopped.clone()));
    let mut senders = Vec::new();
    match &config.mail {
        Some(settings) => {
            let (identity, key) = settings.identity()?;
            let identity = Arc::new(identity);
            match key {
                Some(kind) => tracing::info!("mail is signed with DKIM ({kind:?})"),
                None => tracing::warn!("no --dkim-key: mail goes unsigned"),
            }
            let mailer = mailer::Mailer::new(settings.clone(), Arc::clone(&identity))?;
            senders.push(tokio::spawn(mailer.run(
                Arc::clone(&store),
                Arc::clone(&mail_queued),
                stopped.clone(),
                passes,
            )));
            let relay = newsletter::smtp::Relay::new(
                &settings.smtp_url,
                settings.credentials.clone(),
                std::time::Duration::from_secs(30),
                settings.transport(settings.connections)?,
            )?;
            let editions = newsletter::sender::EditionSender::new(
                relay,
                identity,
                newsletter::sender::Pace {
                    connections: settings.connections,
                    retry_base: settings.retry_base,
                    pause_after: settings.pause_after,
                    poll: settings.poll,
                },
            )?;
            senders.push(tokio::spawn(editions.run(
                Arc::clone(&store),
                stopped,
                found_none,
            )));
        }
        None => tracing::warn!(
            "no --smtp-url: confirmation mail is kept in the outbox, and editions in their queue"
        ),
    }
    let signups = Arc::new(signup::Signups {
        store: Arc::clone(&store),
        limit: rate_limit::RateLimit {
            per_minute: config.rate_limit_per_minute,
        },
        behind_proxy: config.behind_proxy,
        mail_queued,
        site_origin: config.public_url.clone(),
        form_page: site.form_page(),
    });
    let bounces = signup::bounce_route(Arc::clone(&store), config.bounce_secret.clone());
    Ok(Service {
        router: signup::routes(signups, &config.allowed_origins)
            .merge(bounces)
            .merge(site.router()),
        store,
        stop_background,
        mail_passes,
        edition_passes,
        senders,
    })
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets the
/// requests in flight finish: a signup that was accepted is always stored.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
