//! A token bucket per client address.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Allows each client `per_minute` requests a minute, in bursts of up to
/// as many.
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// `per_minute` of 0 turns limiting off.
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `client`'s allowance: `Err(wait)` when it has
    /// none left, with how long until it has one.
    pub fn check(&self, client: IpAddr) -> Result<(), Duration> {
        self.check_at(client, Instant::now())
    }

    fn check_at(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > 10_000 {
            // Forget clients whose buckets have refilled: they are as new.
            buckets.retain(|_, b| now.duration_since(b.at).as_secs_f64() * per_second < capacity);
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let refill = now.duration_since(bucket.at).as_secs_f64() * per_second;
        bucket.tokens = (bucket.tokens + refill).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_a_burst_then_refuses_until_a_token_refills() {
        let limiter = RateLimiter::new(3);
        let client: IpAddr = "127.0.0.1".parse().unwrap();
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check_at(client, start).is_ok());
        }
        let wait = limiter.check_at(client, start).unwrap_err();
        assert_eq!(wait.as_secs(), 20);
        assert!(limiter
            .check_at(client, start + Duration::from_secs(21))
            .is_ok());
    }

    #[test]
    fn clients_have_separate_allowances() {
        let limiter = RateLimiter::new(1);
        let start = Instant::now();
        assert!(limiter.check_at("10.0.0.1".parse().unwrap(), start).is_ok());
        assert!(limiter.check_at("10.0.0.2".parse().unwrap(), start).is_ok());
        assert!(limiter
            .check_at("10.0.0.1".parse().unwrap(), start)
            .is_err());
    }

    #[test]
    fn zero_turns_limiting_off() {
        let limiter = RateLimiter::new(0);
        let client: IpAddr = "127.0.0.1".parse().unwrap();
        assert!((0..1000).all(|_| limiter.check(client).is_ok()));
    }
}
