//! `news-portal-server [OPTIONS]` serves the site and takes signups;
//! `news-portal-server subscribers export|delete EMAIL` answers a reader's
//! request to see or erase what is kept about their address.
//! `news-portal-server --help` lists every option.

use clap::{Args, Parser, Subcommand};
use news_portal_server::mailer::MailSettings;
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
    /// What is kept about one address: see it, or erase it.
    Subscribers {
        #[command(subcommand)]
        action: SubscribersAction,
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
        None => run(cli.serve).await,
    };
    if let Err(message) = done {
        eprintln!("news-portal-server: {message}");
        std::process::exit(1);
    }
}

async fn subscribers(action: SubscribersAction, database: &DatabaseArgs) -> Result<(), String> {
    let store = Store::connect(&database.url())
        .await
        .map_err(|err| format!("cannot open the signup database: {err}"))?;
    match action {
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
    });
    let config = Config {
        dist: args.dist.clone(),
        database_url: args.database.url(),
        allowed_origins: args.allowed_origins.clone(),
        rate_limit_per_minute: args.rate_limit,
        behind_proxy: args.behind_proxy,
        public_url,
        mail,
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
    let _ = service.stop_background.send(true);
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
