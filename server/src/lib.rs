//! The native companion of Britain's News Portal.
//!
//! It serves the built site exactly as the CDN is configured to (SPA
//! fallback, caching and security headers), so that what is tested locally
//! is what readers get, and it takes newsletter signups into SQLite.
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

pub mod rate_limit;
pub mod signup;
pub mod site;
pub mod store;

use axum::Router;
use std::{future::Future, net::SocketAddr, path::PathBuf, sync::Arc};
use tokio::net::TcpListener;

/// What the server needs to know at start-up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder `trunk build` wrote: `index.html`, hashed assets, `api/`.
    pub dist: PathBuf,
    /// The SQLite file signups are kept in.
    pub db: PathBuf,
    /// Origins other than the site's own allowed to POST signups (CORS).
    pub allowed_origins: Vec<String>,
    /// Signups a client may send a minute; 0 for no limit.
    pub rate_limit_per_minute: u32,
    /// Behind a proxy or CDN, the client is the last address in its
    /// `X-Forwarded-For`; without one, that header is not to be trusted.
    pub behind_proxy: bool,
    /// The site's public origin, for confirmation links.
    pub public_url: String,
}

/// The whole HTTP surface: signups, then the site for everything else.
pub fn app(config: &Config) -> std::io::Result<Router> {
    let site = site::Site::load(&config.dist)?;
    let store = store::Store::open(&config.db).map_err(std::io::Error::other)?;
    let signups = Arc::new(signup::Signups {
        store,
        limiter: rate_limit::RateLimiter::new(config.rate_limit_per_minute),
        behind_proxy: config.behind_proxy,
        confirm_url: format!(
            "{}/newsletter/confirm",
            config.public_url.trim_end_matches('/')
        ),
    });
    Ok(signup::routes(signups, &config.allowed_origins).merge(site.router()))
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
