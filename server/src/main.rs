//! `news-portal-server [--dist DIR] [--addr HOST:PORT] [--db FILE]
//! [--allow-origin ORIGIN]… [--rate-limit N] [--behind-proxy] [--public-url URL]`

use news_portal_server::{app, serve, Config};
use std::{net::SocketAddr, path::PathBuf};
use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage: news-portal-server [--dist DIR] [--addr HOST:PORT] [--db FILE]
                          [--allow-origin ORIGIN]... [--rate-limit PER_MINUTE] [--behind-proxy]
                          [--public-url URL]

  --dist DIR            the built site (default dist)
  --addr HOST:PORT      where to listen (default 127.0.0.1:8080)
  --db FILE             the SQLite file for signups (default data/signups.sqlite3)
  --allow-origin ORIGIN another origin allowed to POST signups (CORS); repeatable
  --rate-limit N        signups a client may send a minute, 0 for none (default 10)
  --behind-proxy        take the client address from X-Forwarded-For (last entry);
                        only when a proxy or CDN in front sets it
  --public-url URL      the site's public origin, for confirmation links
                        (default http://HOST:PORT)
Logs go to stderr; RUST_LOG=debug adds detail (and e-mail addresses).";

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    if let Err(message) = run().await {
        eprintln!("news-portal-server: {message}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let mut addr: SocketAddr = "127.0.0.1:8080".parse().expect("a valid default address");
    let mut config = Config {
        dist: PathBuf::from("dist"),
        db: PathBuf::from("data/signups.sqlite3"),
        allowed_origins: Vec::new(),
        rate_limit_per_minute: 10,
        behind_proxy: false,
        public_url: String::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--dist" => config.dist = PathBuf::from(value()?),
            "--addr" => addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
            "--db" => config.db = PathBuf::from(value()?),
            "--allow-origin" => config.allowed_origins.push(value()?),
            "--rate-limit" => {
                config.rate_limit_per_minute =
                    value()?.parse().map_err(|e| format!("--rate-limit: {e}"))?
            }
            "--public-url" => config.public_url = value()?,
            "--behind-proxy" => config.behind_proxy = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if config.public_url.is_empty() {
        config.public_url = format!("http://{addr}");
    }
    let router = app(&config).map_err(|e| {
        format!(
            "cannot start with {} and {}: {e} (run scripts/build first)",
            config.dist.display(),
            config.db.display()
        )
    })?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!(
        "serving {} on http://{addr}, signups in {}",
        config.dist.display(),
        config.db.display()
    );
    serve(listener, router, shutdown_signal())
        .await
        .map_err(|e| e.to_string())
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
