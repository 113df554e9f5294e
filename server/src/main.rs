//! `news-portal-server [--dist DIR] [--addr HOST:PORT]`

use news_portal_server::{app, Config};
use std::{net::SocketAddr, path::PathBuf};
use tracing_subscriber::EnvFilter;

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
    let mut dist = PathBuf::from("dist");
    let mut addr: SocketAddr = "127.0.0.1:8080".parse().expect("a valid default address");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--dist" => dist = PathBuf::from(value()?),
            "--addr" => addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
            "-h" | "--help" => {
                println!("usage: news-portal-server [--dist DIR] [--addr HOST:PORT]");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    let router = app(&Config { dist: dist.clone() }).map_err(|e| {
        format!(
            "cannot read {}/index.html: {e} (run `trunk build` first)",
            dist.display()
        )
    })?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("serving {} on http://{addr}", dist.display());
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
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
    tracing::info!("shutting down");
}
