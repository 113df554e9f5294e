//! Britain's News Portal: a Leptos app whose pages are prerendered to HTML
//! at build time and taken over (hydrated) in the browser.
//!
//! The floors, from the bottom (`docs/ARCHITECTURE.md` has the picture):
//! [`model`] and [`routes`] are plain Rust (the data and its rules, every
//! address), shared with the signup service; [`publish`] is the build's
//! logic. Behind the `web` feature: [`context`] (what the app is given: its
//! content source and head sink), [`api`] (fetching and decoding), the
//! ticker's and the signup form's connections ([`headlines_feed`],
//! [`signup_form`]), [`pages`] (fetch and choose what to show), and
//! [`components`] (show what they are given). `hydrate` builds the
//! browser's wasm; `ssr` the native [`prerender`] and `publish::run`.

// Views nest deeply as types: the story page, its lists and its signup in one
// grid go past the compiler's default depth when hydrating.
#![recursion_limit = "256"]

pub mod config;
pub mod model;
pub mod publish;
pub mod routes;

#[cfg(feature = "web")]
mod after_start;
#[cfg(feature = "web")]
pub mod api;
#[cfg(feature = "web")]
mod app;
#[cfg(feature = "web")]
pub mod components;
#[cfg(feature = "web")]
pub mod connection;
#[cfg(feature = "web")]
pub mod context;
#[cfg(feature = "web")]
pub mod headlines_feed;
#[cfg(feature = "web")]
pub mod live_updates;
#[cfg(feature = "web")]
pub mod pages;
#[cfg(feature = "web")]
pub mod poller;
#[cfg(feature = "ssr")]
pub mod prerender;
#[cfg(feature = "web")]
pub mod signup_form;

#[cfg(feature = "hydrate")]
pub use app::start;
#[cfg(feature = "web")]
pub use app::App;
