//! Signups the page's form posts by itself, before the app runs or without
//! JavaScript (`application/x-www-form-urlencoded`): checked and stored as
//! the app's are (`signup.rs`), and answered with `303 See Other` to a page
//! of the site. Taken: "Check your inbox" (or "You're already signed up").
//! Not taken: the newsletter's page again, with the address kept in the
//! field and what was wrong in words. The address travels in a cookie
//! (`HttpOnly`, ten minutes, only for that page), never in a URL; the page
//! is the prerendered one, filled in here (`model::SignupRetry`).
//!
//! The app's time check (a form sent within two seconds of appearing) needs
//! the app's clock: a prerendered page cannot say when it was shown, so a
//! form's signup is checked by the honeypot, the rate limit, and the
//! confirmation mail that every signup needs (decision 12).

use crate::refusal::Refusal;
use crate::signup::Signups;
use axum::{
    extract::{rejection::FormRejection, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use news_portal::model::{SignupOutcome, SignupRetry, SignupStatus, MAX_EMAIL_LEN};
use news_portal::routes;
use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use std::{path::PathBuf, sync::Arc};

/// The cookie that carries a signup not taken to the page that shows it
/// again.
pub const RETRY_COOKIE: &str = "signup_retry";
/// How long it lasts: long enough to read the page, fix the address and
/// send it again.
const RETRY_COOKIE_SECS: u32 = 600;

/// The newsletter's prerendered page, and the headers the site serves it
/// with (its Content-Security-Policy above all).
#[derive(Debug, Clone, Default)]
pub struct FormPage {
    pub file: PathBuf,
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

/// Whether a request is a form's post.
pub fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
}

/// A form body that could not be read.
pub fn rejected(rejection: &FormRejection) -> Refusal {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Refusal::PayloadTooLarge
    } else {
        Refusal::BadForm
    }
}

/// The answer to a form's signup: where to go next. `typed` is the address
/// as sent, kept for the page that shows a signup not taken.
pub fn answer(
    site_origin: &str,
    outcome: Result<SignupStatus, Refusal>,
    typed: String,
) -> Response {
    match outcome {
        Ok(status) => {
            let already = status == SignupStatus::AlreadySubscribed;
            see_other(
                &routes::signed_up_link(site_origin, already),
                &clear_cookie(),
            )
        }
        Err(refusal) => {
            let retry = retry_of(&refusal, typed);
            see_other(
                routes::SIGNUP_RETRY_API,
                &retry_cookie(&retry, site_origin.starts_with("https://")),
            )
        }
    }
}

/// What the reader is told about a refusal: the app's words for it.
fn retry_of(refusal: &Refusal, typed: String) -> SignupRetry {
    let (outcome, address_at_fault) = match refusal {
        Refusal::InvalidEmail(why) => (SignupOutcome::Invalid((*why).to_owned()), true),
        Refusal::RateLimited { wait } => (
            SignupOutcome::RateLimited {
                retry_after_secs: u32::try_from(wait.as_secs()).unwrap_or(u32::MAX),
            },
            false,
        ),
        _ => (SignupOutcome::Failed, false),
    };
    SignupRetry {
        // Longer than any address: kept to what a cookie can carry.
        email: typed.chars().take(MAX_EMAIL_LEN + 1).collect(),
        problem: outcome.message(),
        address_at_fault,
    }
}

fn see_other(location: &str, cookie: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(location) {
        headers.insert(header::LOCATION, location);
    }
    if let Ok(cookie) = HeaderValue::from_str(cookie) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

fn retry_cookie(retry: &SignupRetry, secure: bool) -> String {
    let json = serde_json::to_string(retry).unwrap_or_default();
    format!(
        "{RETRY_COOKIE}={}; Path={}; Max-Age={RETRY_COOKIE_SECS}; HttpOnly; SameSite=Lax{}",
        utf8_percent_encode(&json, NON_ALPHANUMERIC),
        routes::SIGNUP_RETRY_API,
        if secure { "; Secure" } else { "" }
    )
}

fn clear_cookie() -> String {
    format!(
        "{RETRY_COOKIE}=; Path={}; Max-Age=0; HttpOnly; SameSite=Lax",
        routes::SIGNUP_RETRY_API
    )
}

/// The signup the cookie carries, if it carries one this service wrote.
fn retry_from(headers: &HeaderMap) -> Option<SignupRetry> {
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .find_map(|cookie| cookie.trim().strip_prefix(&format!("{RETRY_COOKIE}=")))?;
    let json = percent_decode_str(value).decode_utf8().ok()?;
    serde_json::from_str(&json).ok()
}

/// `GET /api/v1/newsletter/signup`: the newsletter's page with the signup
/// the cookie carries; without one (it lapsed, or the page was opened from
/// nowhere), a `303` to the page as it is.
pub async fn show_again(State(signups): State<Arc<Signups>>, headers: HeaderMap) -> Response {
    let Some(retry) = retry_from(&headers) else {
        let page = format!(
            "{}{}",
            signups.site_origin.trim_end_matches('/'),
            routes::Route::Newsletter.path()
        );
        return see_other(&page, &clear_cookie());
    };
    let page = &signups.form_page;
    let filled = match tokio::fs::read_to_string(&page.file).await {
        Ok(html) => retry
            .fill(&html)
            .map_err(|missing| format!("{} has no {}", page.file.display(), missing.0)),
        Err(err) => Err(format!("cannot read {}: {err}", page.file.display())),
    };
    let html = filled.unwrap_or_else(|why| {
        tracing::error!(
            "the newsletter page cannot show a signup again: {why}; a plain page instead"
        );
        plain_page(&retry)
    });
    let mut response = (StatusCode::OK, axum::response::Html(html)).into_response();
    let out = response.headers_mut();
    for (name, value) in &page.headers {
        out.insert(name.clone(), value.clone());
    }
    response
}

/// The form alone, for a site whose newsletter page cannot be filled in
/// (a build older than this service): the address and the problem are not
/// lost.
fn plain_page(retry: &SignupRetry) -> String {
    use news_portal::model::escape_markup;
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Error: The newsletter</title></head><body><main>\
         <h1>Get the news that matters.</h1>\
         <form method=\"post\" action=\"{}\">\
         <label for=\"email\">Email address</label><p id=\"email-error\">{}</p>\
         <input id=\"email\" type=\"email\" name=\"email\" autocomplete=\"email\" value=\"{}\" \
         aria-describedby=\"email-error\"> <button type=\"submit\">Sign up</button>\
         </form><p><a href=\"/\">Read the latest news</a></p></main></body></html>",
        routes::SIGNUP_API,
        escape_markup(&retry.problem),
        escape_markup(&retry.email)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_carries_the_signup_back_whatever_the_address_holds() {
        let retry = SignupRetry {
            email: "a; b=\"c\"@例え.jp, %20".into(),
            problem: "Please enter a valid email address, like name@example.com.".into(),
            address_at_fault: true,
        };
        let cookie = retry_cookie(&retry, true);
        assert!(
            cookie.ends_with("; HttpOnly; SameSite=Lax; Secure"),
            "{cookie}"
        );
        let value = cookie.split(';').next().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("other=1; {value}")).unwrap(),
        );
        assert_eq!(retry_from(&headers), Some(retry));
    }

    #[test]
    fn a_cookie_that_is_not_ours_carries_nothing() {
        for cookie in ["signup_retry=nonsense", "signup_retry=", "other=1"] {
            let mut headers = HeaderMap::new();
            headers.insert(header::COOKIE, HeaderValue::from_static(cookie));
            assert_eq!(retry_from(&headers), None, "{cookie}");
        }
    }

    #[test]
    fn forms_are_told_by_their_content_type() {
        for (value, form) in [
            ("application/x-www-form-urlencoded", true),
            ("Application/X-WWW-Form-Urlencoded; charset=UTF-8", true),
            ("application/json", false),
            ("multipart/form-data; boundary=x", false),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(value));
            assert_eq!(is_form(&headers), form, "{value}");
        }
        assert!(!is_form(&HeaderMap::new()));
    }
}
