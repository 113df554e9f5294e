//! Signups per client per minute, counted in the database, so that every
//! instance of the service counts against one allowance.
//!
//! A fixed window: each client may sign up `per_minute` times in each
//! clock minute. At a minute's turn a client can get up to twice the rate
//! in a burst; that is the price of one atomic statement per signup, and
//! a burst of 20 signups from one address harms no one.

use crate::store::{Allowance, Store, StoreError};
use std::net::IpAddr;

/// The allowance; 0 turns limiting off.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub per_minute: u32,
}

impl RateLimit {
    /// Takes one signup from `client`'s allowance, and says whether there
    /// was one left this minute.
    pub async fn check(&self, store: &Store, client: IpAddr) -> Result<Allowance, StoreError> {
        if self.per_minute == 0 {
            return Ok(Allowance::Left);
        }
        let now = crate::store::unix_now();
        store
            .rate_limit(&client.to_string(), self.per_minute, now)
            .await
    }
}
