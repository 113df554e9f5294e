//! The native companion of Britain's News Portal.
//!
//! It serves the built site exactly as the CDN is configured to (SPA
//! fallback, caching and security headers), so that what is tested locally
//! is what readers get.

pub mod site;

use axum::Router;
use std::path::PathBuf;

/// What the server needs to know at start-up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder `trunk build` wrote: `index.html`, hashed assets, `api/`.
    pub dist: PathBuf,
}

/// The whole HTTP surface.
pub fn app(config: &Config) -> std::io::Result<Router> {
    let site = site::Site::load(&config.dist)?;
    Ok(site.router())
}
