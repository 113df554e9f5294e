//! Signups the page's form posts by itself (before the app runs, or without
//! JavaScript): the same checks and storage as the app's JSON, answered
//! with `303 See Other` to a page of the site. Each test on SQLite and on
//! PostgreSQL.

mod support;

use support::{
    clear_of_the_minutes_turn, form_signup, post_form, post_json, send, signup, Options, Reply,
    Service, TestDb, SIGNUP,
};

const RETRY: &str = "/api/v1/newsletter/signup";

on_both_stores!(
    a_form_signup_is_stored_and_sent_on_to_check_your_inbox,
    an_address_already_subscribed_is_sent_on_to_say_so,
    a_bad_address_comes_back_in_the_field_with_the_error_in_words,
    a_bot_filling_the_honeypot_is_sent_on_as_if_taken_and_nothing_is_stored,
    a_form_past_the_rate_limit_comes_back_saying_to_wait,
    a_form_too_large_to_read_comes_back_and_stores_nothing,
    the_page_that_shows_a_signup_again_without_one_goes_to_the_newsletter,
    a_site_whose_newsletter_page_cannot_be_filled_in_still_shows_the_address_and_the_error,
);

/// The page a form's answer sends the reader to, asked for as a browser
/// would: with the cookie the answer set.
async fn follow(service: &Service, answer: &Reply) -> Reply {
    assert_eq!(answer.status, 303, "{}", answer.body);
    let location = answer.header("location").unwrap();
    let cookie = answer
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    send(&service.url(location), "GET", &[("Cookie", &cookie)], "").await
}

async fn a_form_signup_is_stored_and_sent_on_to_check_your_inbox(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let answer = post_form(&service.url(SIGNUP), &form_signup(" Reader@Example.com")).await;
    assert_eq!(answer.status, 303);
    assert_eq!(
        answer.header("location"),
        Some(service.url("/newsletter/check-your-inbox").as_str())
    );
    // Any signup left from an earlier attempt is forgotten.
    assert!(answer.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(
        db.count("SELECT count(*) FROM subscribers WHERE email = 'Reader@Example.com' AND status = 'pending' AND source = 'footer' AND consent_version = '2026-11'")
            .await,
        1
    );
    assert_eq!(
        db.count("SELECT count(*) FROM outbox WHERE kind = 'confirm'")
            .await,
        1
    );
    // Sent again (a double click, a reload): still one, one mail.
    let again = post_form(&service.url(SIGNUP), &form_signup("reader@example.com")).await;
    assert_eq!(again.status, 303);
    assert_eq!(db.subscribers().await, 1);
    assert_eq!(db.count("SELECT count(*) FROM outbox").await, 1);
}

async fn an_address_already_subscribed_is_sent_on_to_say_so(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    post_json(&service.url(SIGNUP), &signup("reader@example.com"), None).await;
    let token = db.token_of("reader@example.com").await;
    let confirmed = send(
        &service.url(&format!("{SIGNUP}/confirm?token={token}")),
        "GET",
        &[],
        "",
    )
    .await;
    assert_eq!(confirmed.status, 200);
    let answer = post_form(&service.url(SIGNUP), &form_signup("reader@example.com")).await;
    assert_eq!(
        answer.header("location"),
        Some(service.url("/newsletter/already-signed-up").as_str())
    );
    assert_eq!(db.subscribers().await, 1);
}

async fn a_bad_address_comes_back_in_the_field_with_the_error_in_words(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let answer = post_form(&service.url(SIGNUP), &form_signup("reader at example.com")).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.header("location"), Some(RETRY));
    let cookie = answer.header("set-cookie").unwrap();
    assert!(cookie.starts_with("signup_retry="), "{cookie}");
    assert!(
        cookie.contains("; Path=/api/v1/newsletter/signup; Max-Age=600; HttpOnly; SameSite=Lax")
    );
    let page = follow(&service, &answer).await;
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("form-action 'self'"));
    assert!(
        page.body.contains("<title>Error: The newsletter</title>"),
        "{}",
        page.body
    );
    assert!(page.body.contains(
        "class=\"signup__error\">Please enter a valid email address, like name@example.com."
    ));
    assert!(page
        .body
        .contains("value=\"reader at example.com\" aria-invalid=\"true\""));
    assert!(
        !page.body.contains("<script"),
        "the app would render the page afresh"
    );
    assert_eq!(db.subscribers().await, 0);

    // No address at all.
    let empty = post_form(&service.url(SIGNUP), "email=&source=footer").await;
    let page = follow(&service, &empty).await;
    assert!(
        page.body.contains(">Please enter your email address."),
        "{}",
        page.body
    );
    assert_eq!(db.subscribers().await, 0);
}

async fn a_bot_filling_the_honeypot_is_sent_on_as_if_taken_and_nothing_is_stored(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let answer = post_form(
        &service.url(SIGNUP),
        "email=bot%40example.com&website=http%3A%2F%2Fspam.example",
    )
    .await;
    assert_eq!(
        answer.header("location"),
        Some(service.url("/newsletter/check-your-inbox").as_str())
    );
    assert_eq!(db.subscribers().await, 0);
    assert_eq!(db.count("SELECT count(*) FROM outbox").await, 0);
}

async fn a_form_past_the_rate_limit_comes_back_saying_to_wait(db: TestDb) {
    clear_of_the_minutes_turn(10).await;
    let service = Service::start(
        &db,
        Options {
            rate_limit: 2,
            ..Options::default()
        },
    )
    .await;
    for i in 0..2 {
        let answer = post_form(
            &service.url(SIGNUP),
            &form_signup(&format!("r{i}@example.com")),
        )
        .await;
        assert!(answer
            .header("location")
            .unwrap()
            .ends_with("/newsletter/check-your-inbox"));
    }
    let limited = post_form(&service.url(SIGNUP), &form_signup("r2@example.com")).await;
    let page = follow(&service, &limited).await;
    assert!(page
        .body
        .contains(">Too many attempts. Please wait a minute and try again."));
    // The address was fine: kept, and not marked wrong.
    assert!(
        page.body.contains("value=\"r2@example.com\" id="),
        "{}",
        page.body
    );
    assert!(!page.body.contains("aria-invalid"));
    assert_eq!(db.subscribers().await, 2);
}

async fn a_form_too_large_to_read_comes_back_and_stores_nothing(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    let huge = format!("email=reader%40example.com&source={}", "x".repeat(5000));
    let answer = post_form(&service.url(SIGNUP), &huge).await;
    let page = follow(&service, &answer).await;
    assert!(
        page.body.contains(">We couldn&#39;t sign you up just now."),
        "{}",
        page.body
    );
    assert_eq!(db.subscribers().await, 0);
}

async fn the_page_that_shows_a_signup_again_without_one_goes_to_the_newsletter(db: TestDb) {
    let service = Service::start(&db, Options::default()).await;
    for cookie in [None, Some("signup_retry=garbage")] {
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("Cookie", c)).into_iter().collect();
        let reply = send(&service.url(RETRY), "GET", &headers, "").await;
        assert_eq!(reply.status, 303);
        assert_eq!(
            reply.header("location"),
            Some(service.url("/newsletter").as_str())
        );
    }
}

async fn a_site_whose_newsletter_page_cannot_be_filled_in_still_shows_the_address_and_the_error(
    db: TestDb,
) {
    let service = Service::start(&db, Options::default()).await;
    // A build older than the service: its page has no form to fill in.
    std::fs::write(
        service.dist().join("newsletter.html"),
        "<!doctype html><title>The newsletter</title>",
    )
    .unwrap();
    let answer = post_form(&service.url(SIGNUP), &form_signup("reader at example.com")).await;
    let page = follow(&service, &answer).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<title>Error: The newsletter</title>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"reader at example.com\""));
    assert!(page
        .body
        .contains(">Please enter a valid email address, like name@example.com."));
    assert!(page
        .body
        .contains("<form method=\"post\" action=\"/api/v1/newsletter\">"));
    // And with no page at all.
    std::fs::remove_file(service.dist().join("newsletter.html")).unwrap();
    let again = follow(&service, &answer).await;
    assert!(again.body.contains("value=\"reader at example.com\""));
    assert_eq!(db.subscribers().await, 0);
}
