//! Signups per client per minute, counted in the database, so that every
//! instance of the service counts against one allowance.
//!
//! A fixed window: each client may sign up `per_minute` times in each
//! clock minute. At a minute's turn a client can get up to twice the rate
//! in a burst; that is the price of one atomic statement per signup, and
//! a burst of 20 signups from one address harms no one.

use crate::store::{Store, StoreError};
use std::net::IpAddr;
use std::time::Duration;

/// The allowance; 0 turns limiting off.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub per_minute: u32,
}

impl RateLimit {
    /// Takes one signup from `client`'s allowance: `Ok(Err(wait))` when it
    /// has none left this minute, with how long until it has.
    pub async fn check(
        &self,
        store: &Store,
        client: IpAddr,
    ) -> Result<Result<(), Duration>, StoreError> {
        if self.per_minute == 0 {
            return Ok(Ok(()));
        }
        let now = crate::store::unix_now();
        Ok(store
            .rate_limit(&client.to_string(), self.per_minute, now)
            .await?
            .map_err(Duration::from_secs))
    }
}
