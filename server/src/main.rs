//! `news-portal-server [OPTIONS]` serves the site, takes signups and sends
//! mail; `subscribers export|delete EMAIL` answers a reader's request to
//! see or erase what is kept about their address, `subscribers import
//! FILE.csv` brings a list from another service; `newsletter
//! send|status|pause|resume|cancel` sends an edition and follows it;
//! `bounces read` takes a bounce report from the mail server.
//! `news-portal-server --help` lists every option.

use clap::{Args, Parser, Subcommand};
use news_portal_server::mailer::{DkimSettings, MailSettings};
use news_portal_server::newsletter::{self, queue::EditionState, queue::Queued};
use news_portal_server::{serve, sqlite_url, start, store::Store, Config};
use std::{net::SocketAddr, path::PathBuf, time::Duration};
use tracing_subscriber::EnvFilter;

/// Serves Britain's News Portal as its CDN does, and takes newsletter
/// signups. Logs go to stderr; RUST_LOG=debug adds detail (and e-mail
/// addresses, which no other level logs).
#[derive(Parser)]
#[command(name = "news-portal-server", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// The list: what is kept about one address (see it, or erase it), or
    /// a list brought from another service.
    Subscribers {
        #[command(subcommand)]
        action: SubscribersAction,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Editions: send one to every subscriber, and follow it.
    Newsletter {
        #[command(subcommand)]
        action: NewsletterAction,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Bounce reports and complaints from the mail server.
    Bounces {
        #[command(subcommand)]
        action: BouncesAction,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Subcommand)]
enum SubscribersAction {
    /// Prints everything kept about EMAIL, as JSON.
    Export { email: String },
    /// Deletes everything kept about EMAIL, and says what went.
    Delete { email: String },
    /// Adds the confirmed subscribers of a CSV file with a header row naming
    /// at least `email` and `confirmed_at`; lists the rows it skips, by line.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum NewsletterAction {
    /// Queues EDITION (the published edition's JSON: a path, or a URL) for
    /// every confirmed subscriber now, one delivery each. Every running
    /// instance with --smtp-url sends it. An edition queued before is refused.
    Send {
        edition: String,
        /// When to start sending (RFC 3339, e.g. 2026-12-07T06:00:00Z); now by default.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Send nothing after this (RFC 3339); 4 hours after --at by default.
        #[arg(long, value_name = "TIME")]
        not_after: Option<String>,
    },
    /// How an edition stands (the latest by default): sent, failed,
    /// bounced, suppressed, pending; the rate and the time left.
    Status {
        /// The edition's date (YYYY-MM-DD) or its JSON file.
        edition: Option<String>,
    },
    /// Stops sending EDITION until `resume`.
    Pause { edition: String },
    /// Sends EDITION again after a pause; what waited out a failure goes now.
    Resume { edition: String },
    /// Stops EDITION for good: what is pending is never sent.
    Cancel { edition: String },
}

#[derive(Subcommand)]
enum BouncesAction {
    /// Reads one bounce report (RFC 3464) or complaint (ARF) from standard
    /// input, as a mail server's pipe gives it, and suppresses the address
    /// it names when it should.
    Read,
}

#[derive(Args)]
struct DatabaseArgs {
    /// The signup database: postgres://USER@HOST/DB for several instances,
    /// or sqlite:FILE. Without it, the SQLite file --db.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// The SQLite file for signups, when no --database-url is given.
    #[arg(long, default_value = "data/signups.sqlite3", global = true)]
    db: PathBuf,
}

impl DatabaseArgs {
    fn url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| sqlite_url(&self.db))
    }
}

#[derive(Args)]
struct ServeArgs {
    /// The built site.
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    #[command(flatten)]
    database: DatabaseArgs,
    /// Another origin allowed to POST signups (CORS); repeatable.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allowed_origins: Vec<String>,
    /// Signups a client may send a minute, 0 for none. Counted in the
    /// database: every instance shares one allowance.
    #[arg(long, default_value_t = 10, value_name = "PER_MINUTE")]
    rate_limit: u32,
    /// Take the client address from X-Forwarded-For (its last entry): only
    /// when a proxy or CDN in front sets it.
    #[arg(long)]
    behind_proxy: bool,
    /// The site's public origin, for the links in mail (default http://ADDR).
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Where to send mail: smtps://HOST:465, smtp://HOST:587?tls=required,
    /// or smtp://HOST:PORT (unencrypted: only a server on this machine).
    /// Without it, confirmation mail waits in the outbox.
    #[arg(long, env = "SMTP_URL", value_name = "URL")]
    smtp_url: Option<String>,
    /// The SMTP user, if not in --smtp-url.
    #[arg(long, env = "SMTP_USERNAME", requires = "smtp_password")]
    smtp_username: Option<String>,
    #[arg(long, env = "SMTP_PASSWORD", hide_env_values = true)]
    smtp_password: Option<String>,
    /// Whom mail comes from.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Britain's News Portal <newsletter@localhost>"
    )]
    mail_from: String,
    /// Seconds before a failed send is tried again; doubled after each failure.
    #[arg(long, default_value_t = 30, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(1..))]
    mail_retry: u64,
    /// Attempts before a message is given up on.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(i64).range(1..))]
    mail_attempts: i64,
    /// Milliseconds between looks at the outbox when no signup wakes it.
    #[arg(long, default_value_t = 5_000, value_name = "MS",
          value_parser = clap::value_parser!(u64).range(100..))]
    mail_poll: u64,
    /// Editions: messages sent at once, each on its own SMTP connection.
    #[arg(long, default_value_t = 16, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    mail_connections: u16,
    /// Editions: failed sends in a row (the mail server down) that pause
    /// an edition until `newsletter resume`.
    #[arg(long, default_value_t = 50, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    mail_pause_after: u32,
    /// The DKIM private key: RSA in PKCS#1 PEM, or Ed25519 (PKCS#8 PEM or
    /// base64). Every message is signed with it.
    #[arg(long, env = "DKIM_KEY", value_name = "FILE",
          requires_all = ["dkim_selector", "dkim_domain"])]
    dkim_key: Option<PathBuf>,
    /// The DKIM selector the public key is published under.
    #[arg(long, env = "DKIM_SELECTOR", value_name = "NAME")]
    dkim_selector: Option<String>,
    /// The signing domain (d=), the From address's or a parent of it.
    #[arg(long, env = "DKIM_DOMAIN", value_name = "DOMAIN")]
    dkim_domain: Option<String>,
    /// Where bounces go: bounces+<token>@DOMAIN (default: --mail-from's domain).
    #[arg(long, env = "BOUNCE_DOMAIN", value_name = "DOMAIN")]
    bounce_domain: Option<String>,
    /// The secret a mail server sends to POST bounce reports to
    /// /api/v1/newsletter/bounces; without it that endpoint is off.
    #[arg(long, env = "BOUNCE_SECRET", hide_env_values = true)]
    bounce_secret: Option<String>,
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let done = match cli.command {
        Some(Command::Subscribers { action, database }) => subscribers(action, &database).await,
        Some(Command::Newsletter { action, database }) => editions(action, &database).await,
        Some(Command::Bounces { action, database }) => bounces(action, &database).await,
        None => run(cli.serve).await,
    };
    if let Err(message) = done {
        eprintln!("news-portal-server: {message}");
        std::process::exit(1);
    }
}

async fn open(database: &DatabaseArgs) -> Result<Store, String> {
    Store::connect(&database.url())
        .await
        .map_err(|err| format!("cannot open the signup database: {err}"))
}

async fn subscribers(action: SubscribersAction, database: &DatabaseArgs) -> Result<(), String> {
    let store = open(database).await?;
    match action {
        SubscribersAction::Import { file } => {
            let csv = std::fs::File::open(&file)
                .map_err(|err| format!("cannot read {}: {err}", file.display()))?;
            let name = file
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let imported = newsletter::import::import(&store, std::io::BufReader::new(csv), &name)
                .await
                .map_err(|err| format!("{}: {err}", file.display()))?;
            for (line, why) in &imported.skipped {
                println!("{}:{line}: skipped: {why}", file.display());
            }
            println!(
                "Imported {} new subscribers; {} already on the list; {} rows skipped.",
                imported.added,
                imported.already,
                imported.skipped.len()
            );
        }
        SubscribersAction::Export { email } => {
            let record = store.export(&email).await.map_err(|e| e.to_string())?;
            let json = serde_json::to_string_pretty(&record).map_err(|e| e.to_string())?;
            println!("{json}");
            if record.subscriber.is_none() && record.idempotency_keys.is_empty() {
                eprintln!("Nothing is kept about {}.", email.trim());
            }
        }
        SubscribersAction::Delete { email } => {
            let deleted = store.forget(&email).await.map_err(|e| e.to_string())?;
            let plural =
                |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            if deleted.subscribers + deleted.outbox + deleted.idempotency_keys == 0 {
                println!("Nothing was kept about {}: nothing deleted.", email.trim());
            } else {
                println!(
                    "Deleted everything kept about {}: {}, {}, {}.",
                    email.trim(),
                    plural(deleted.subscribers, "subscriber", "subscribers"),
                    plural(deleted.outbox, "message", "messages"),
                    plural(
                        deleted.idempotency_keys,
                        "idempotency key",
                        "idempotency keys"
                    ),
                );
            }
        }
    }
    Ok(())
}

/// An edition named by its date, or by its JSON file (`…/2026-12-04.json`).
fn edition_date(edition: &str) -> Result<String, String> {
    let name = edition.rsplit('/').next().unwrap_or(edition);
    let date = name.strip_suffix(".json").unwrap_or(name);
    if news_portal::model::is_edition_date(date) {
        Ok(date.to_owned())
    } else {
        Err(format!(
            "{edition:?} names no edition: give its date, YYYY-MM-DD, or its JSON file"
        ))
    }
}

fn time(option: &str, text: &str) -> Result<news_portal::model::Timestamp, String> {
    news_portal::model::Timestamp::parse_rfc3339(text).map_err(|why| format!("{option}: {why}"))
}

async fn editions(action: NewsletterAction, database: &DatabaseArgs) -> Result<(), String> {
    let store = open(database).await?;
    let now = news_portal_server::store::unix_now();
    let set = |date: String, state: EditionState, done: &'static str| {
        let store = &store;
        async move {
            if store
                .set_edition_state(&date, state, None)
                .await
                .map_err(|err| err.to_string())?
            {
                println!("Edition {date} {done}.");
                Ok(())
            } else {
                Err(format!(
                    "no edition {date} is queued, or it was cancelled \
                     (news-portal-server newsletter status {date})"
                ))
            }
        }
    };
    match action {
        NewsletterAction::Send {
            edition,
            at,
            not_after,
        } => {
            let (published, json) = newsletter::read_edition(&edition).await?;
            let at = match at {
                Some(at) => time("--at", &at)?,
                None => news_portal::model::Timestamp::from_unix(now),
            };
            let not_after = match not_after {
                Some(text) => time("--not-after", &text)?,
                None => news_portal::model::Timestamp::from_unix(at.unix_seconds() + 4 * 3600),
            };
            if not_after <= at {
                return Err("--not-after must come after --at".into());
            }
            match store
                .queue_edition(&published, &json, at, not_after)
                .await
                .map_err(|err| err.to_string())?
            {
                Queued::Queued { recipients } => println!(
                    "Queued edition {} for {recipients} subscribers, to send from {} until {}. \
                     Follow it: news-portal-server newsletter status {}",
                    published.date,
                    at.to_rfc3339(),
                    not_after.to_rfc3339(),
                    published.date
                ),
                Queued::Already {
                    queued_at,
                    recipients,
                } => {
                    return Err(format!(
                        "edition {} was queued already, at {queued_at}, for {recipients} \
                         subscribers: it is not sent twice (news-portal-server newsletter status {})",
                        published.date, published.date
                    ))
                }
            }
        }
        NewsletterAction::Status { edition } => {
            let date = edition.as_deref().map(edition_date).transpose()?;
            match store
                .edition_status(date.as_deref())
                .await
                .map_err(|err| err.to_string())?
            {
                Some(status) => println!("{}", newsletter::describe(&status, now)),
                None => {
                    return Err(match date {
                        Some(date) => format!("no edition {date} has been queued"),
                        None => "no edition has been queued yet (news-portal-server newsletter send EDITION)".into(),
                    })
                }
            }
        }
        NewsletterAction::Pause { edition } => {
            set(edition_date(&edition)?, EditionState::Paused, "is paused").await?
        }
        NewsletterAction::Resume { edition } => {
            set(
                edition_date(&edition)?,
                EditionState::Sending,
                "is sending again",
            )
            .await?
        }
        NewsletterAction::Cancel { edition } => {
            set(
                edition_date(&edition)?,
                EditionState::Cancelled,
                "is cancelled: what is pending will not be sent",
            )
            .await?
        }
    }
    Ok(())
}

async fn bounces(action: BouncesAction, database: &DatabaseArgs) -> Result<(), String> {
    let BouncesAction::Read = action;
    let mut message = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin(), &mut message)
        .map_err(|err| format!("cannot read the message: {err}"))?;
    let report = newsletter::bounces::read_report(&String::from_utf8_lossy(&message))?;
    let store = open(database).await?;
    let applied = store
        .apply_bounce(&report)
        .await
        .map_err(|err| err.to_string())?;
    println!(
        "{:?} ({}): {}",
        report.kind,
        report.detail,
        news_portal_server::signup::applied_name(&applied)
    );
    Ok(())
}

async fn run(args: ServeArgs) -> Result<(), String> {
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.addr));
    let mail = args.smtp_url.clone().map(|smtp_url| MailSettings {
        smtp_url,
        credentials: args.smtp_username.clone().zip(args.smtp_password.clone()),
        from: args.mail_from.clone(),
        public_url: public_url.clone(),
        retry_base: Duration::from_secs(args.mail_retry),
        max_attempts: args.mail_attempts,
        poll: Duration::from_millis(args.mail_poll),
        connections: usize::from(args.mail_connections),
        pause_after: args.mail_pause_after,
        dkim: args.dkim_key.clone().map(|key_file| DkimSettings {
            key_file,
            selector: args.dkim_selector.clone().unwrap_or_default(),
            domain: args.dkim_domain.clone().unwrap_or_default(),
        }),
        bounce_domain: args.bounce_domain.clone(),
    });
    let config = Config {
        dist: args.dist.clone(),
        database_url: args.database.url(),
        allowed_origins: args.allowed_origins.clone(),
        rate_limit_per_minute: args.rate_limit,
        behind_proxy: args.behind_proxy,
        public_url,
        mail,
        bounce_secret: args.bounce_secret.clone(),
    };
    let service = start(&config).await?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    tracing::info!(
        "serving {} on http://{}, signups in {}",
        config.dist.display(),
        args.addr,
        redacted(&config.database_url)
    );
    let served = serve(listener, service.router, shutdown_signal()).await;
    // Longer than one send may take, so what is under way is recorded.
    news_portal_server::Service::stop_background(
        &service.stop_background,
        service.senders,
        Duration::from_secs(40),
    )
    .await;
    served.map_err(|e| e.to_string())
}

/// A database URL without its password, for the log.
fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    let user = userinfo.split(':').next().unwrap_or_default();
    format!("{scheme}://{user}@{host}")
}

/// Resolves on Ctrl-C or SIGTERM, letting requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
