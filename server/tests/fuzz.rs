//! Fuzzing the service with what any client can send (proptest): arbitrary
//! methods, bodies, headers, queries and paths, through the real router and
//! a real SQLite file (the store's SQL is the same on PostgreSQL, which the
//! signup tests run every case on). No request may panic or get a 500, every reply under
//! `/api/` is the documented JSON, and a signup is accepted only for a valid
//! address.
//!
//! `scripts/test` runs a bounded number of cases with a fixed seed. For a
//! long run: `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=$RANDOM cargo test
//! --release -p news-portal-server --test fuzz`.

mod support;

use axum::{
    body::{to_bytes, Body},
    extract::ConnectInfo,
    http::{HeaderName, HeaderValue, Method, Request, Uri},
    Router,
};
use news_portal::model::{percent_encode, validate_email, SignupRequest};
use news_portal_server::{sqlite_url, start, Config};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed, TestRunner};
use std::{cell::Cell, net::SocketAddr, sync::OnceLock};
use tower::ServiceExt;

const CASES: u32 = 400;
const SEED: u64 = 0x5161_0F0F;

fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = CASES;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(SEED);
    }
    config.failure_persistence = None;
    config
}

/// One service for the whole run: what one request leaves behind must not
/// break the next.
fn service() -> &'static (tokio::runtime::Runtime, Router, tempfile::TempDir) {
    static SERVICE: OnceLock<(tokio::runtime::Runtime, Router, tempfile::TempDir)> =
        OnceLock::new();
    SERVICE.get_or_init(|| {
        let dir = support::site();
        let config = Config {
            dist: dir.path().join("dist"),
            database_url: sqlite_url(&dir.path().join("signups.sqlite3")),
            allowed_origins: vec!["https://partner.example".into()],
            rate_limit_per_minute: 1_000_000,
            behind_proxy: true,
            public_url: "https://news.example".into(),
            mail: None,
            bounce_secret: None,
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let router = runtime.block_on(start(&config)).unwrap().router;
        (runtime, router, dir)
    })
}

#[derive(Debug, Clone)]
enum Target {
    Signup,
    Confirm(String),
    Unsubscribe(String),
    Site(String),
}

#[derive(Debug, Clone)]
struct Attempt {
    method: Method,
    target: Target,
    headers: Vec<(&'static str, Vec<u8>)>,
    body: Vec<u8>,
}

fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..160),
        "[ -~]{0,160}".prop_map(String::into_bytes),
        Just(b"application/json".to_vec()),
        Just(b"APPLICATION/JSON ; charset=utf-8".to_vec()),
        Just(b"203.0.113.9, 198.51.100.8".to_vec()),
        Just(b"2001:db8::1".to_vec()),
        Just(vec![b'k'; 129]),
    ]
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        any::<String>().prop_map(serde_json::Value::from),
        "[a-zA-Z0-9.+_-]{0,20}@[a-z0-9.-]{0,20}".prop_map(serde_json::Value::from),
        Just(serde_json::Value::from("x".repeat(5_000))),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
        Just(serde_json::json!([1, "two", {}])),
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    let email = prop_oneof![
        3 => "[a-zA-Z0-9.+_-]{0,15}[a-z0-9]@[a-z0-9]{1,12}\\.[a-z]{2,4}".prop_map(serde_json::Value::from),
        1 => json_value(),
    ];
    let others = prop::collection::btree_map(
        prop_oneof![
            Just("source".to_owned()),
            Just("consent_version".to_owned()),
            Just("website".to_owned()),
            Just("elapsed_ms".to_owned()),
            "[a-z_]{1,10}",
        ],
        prop_oneof![
            3 => any::<String>().prop_map(serde_json::Value::from),
            1 => json_value(),
        ],
        0..4,
    );
    let signup = (email, others, any::<bool>()).prop_map(|(email, mut fields, human)| {
        fields.insert("email".into(), email);
        if human {
            fields.insert("elapsed_ms".into(), 5_000.into());
            fields.remove("website");
        }
        serde_json::to_vec(&fields).unwrap()
    });
    prop_oneof![
        4 => signup,
        1 => prop::collection::vec(any::<u8>(), 0..600),
        1 => any::<String>().prop_map(String::into_bytes),
        1 => (0usize..300).prop_map(|depth| format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()),
    ]
}

fn attempt() -> impl Strategy<Value = Attempt> {
    let method = prop_oneof![
        4 => Just(Method::POST),
        3 => Just(Method::GET),
        1 => Just(Method::HEAD),
        1 => Just(Method::OPTIONS),
        1 => Just(Method::PUT),
        1 => Just(Method::DELETE),
    ];
    let target = prop_oneof![
        4 => Just(Target::Signup),
        2 => prop_oneof![any::<String>(), "[0-9a-fA-F]{60,68}", "[ -~]{0,80}"].prop_map(Target::Confirm),
        1 => prop_oneof![any::<String>(), "[0-9a-fA-F]{60,68}"].prop_map(Target::Unsubscribe),
        1 => any::<String>().prop_map(Target::Site),
    ];
    let json = prop_oneof![
        4 => Just(vec![("content-type", b"application/json".to_vec())]),
        1 => Just(Vec::new()),
    ];
    let headers = prop::collection::vec(
        (
            prop_oneof![
                Just("content-type"),
                Just("idempotency-key"),
                Just("x-forwarded-for"),
                Just("origin"),
                Just("access-control-request-method"),
                Just("accept"),
            ],
            header_bytes(),
        ),
        0..6,
    );
    (method, target, json, headers, body()).prop_map(|(method, target, mut json, headers, body)| {
        json.extend(headers);
        Attempt {
            method,
            target,
            headers: json,
            body,
        }
    })
}

/// Sends `attempt` as a client would have to: headers a real HTTP stack
/// would refuse to parse never reach the service, so they are left out.
fn send(attempt: &Attempt) -> Option<(u16, String)> {
    let path = match &attempt.target {
        Target::Signup => news_portal::routes::SIGNUP_API.to_owned(),
        Target::Confirm(query) => {
            format!(
                "{}?token={}",
                news_portal::routes::CONFIRM_API,
                percent_encode(query)
            )
        }
        Target::Unsubscribe(query) => {
            format!(
                "/api/v1/newsletter/unsubscribe?token={}",
                percent_encode(query)
            )
        }
        Target::Site(path) => format!("/{}", percent_encode(path)),
    };
    let uri: Uri = path.parse().ok()?;
    let mut request = Request::builder().method(attempt.method.clone()).uri(uri);
    for (name, value) in &attempt.headers {
        if let Ok(value) = HeaderValue::from_bytes(value) {
            request = request.header(HeaderName::from_static(name), value);
        }
    }
    let mut request = request.body(Body::from(attempt.body.clone())).ok()?;
    let client: SocketAddr = "192.0.2.1:40000".parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(client));
    let (runtime, router, _) = service();
    runtime.block_on(async {
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        Some((status, String::from_utf8_lossy(&body).into_owned()))
    })
}

/// Every request reaches the service's real router: none gets a 500 or an
/// undocumented answer, and nothing it accepts is invalid. Counts what was
/// answered and what was taken, and fails if either is none (a generator
/// that built no request, or a service that refused every signup, would
/// otherwise pass).
#[test]
fn any_request_gets_a_documented_answer() {
    let (answered, taken) = (Cell::new(0), Cell::new(0));
    let mut runner = TestRunner::new(config());
    let result = runner.run(&attempt(), |attempt| {
        let Some((status, body)) = send(&attempt) else {
            return Ok(());
        };
        answered.set(answered.get() + 1);
        prop_assert!(status != 500, "500 for {attempt:?}: {body}");
        let api = !matches!(attempt.target, Target::Site(_));
        let has_body = attempt.method != Method::HEAD && attempt.method != Method::OPTIONS;
        if api && has_body {
            let reply: serde_json::Value = serde_json::from_str(&body).map_err(|e| {
                TestCaseError::fail(format!("not JSON ({e}) for {attempt:?}: {body:?}"))
            })?;
            prop_assert!(
                reply.get("error").is_some() || reply.get("status").is_some(),
                "{body}"
            );
        }
        let signup = matches!(attempt.target, Target::Signup) && attempt.method == Method::POST;
        if signup && matches!(status, 200 | 202) {
            taken.set(taken.get() + 1);
            let request: SignupRequest = serde_json::from_slice(&attempt.body).unwrap();
            prop_assert!(
                request.looks_automated() || validate_email(&request.email).is_ok(),
                "accepted {:?}",
                request.email
            );
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    assert!(answered.get() > 0, "no request reached the service");
    assert!(
        taken.get() > 0,
        "no signup was taken, so what is taken was never checked"
    );
}
