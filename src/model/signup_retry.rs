//! A signup sent without the app that the service could not take, shown
//! again: the newsletter's prerendered page (`/newsletter`) with the
//! address kept in its field and what was wrong in words. The service
//! fills the page in (`server/src/signup.rs`); the rules of the filling
//! are here, beside the page's markup they rely on, so that the prerender's
//! tests check them against the real page.

use super::escape_markup;
use serde::{Deserialize, Serialize};

/// The ids the newsletter page's form has (`NewsletterSignup` with
/// `placement="page"`).
pub const PAGE_FIELD_ID: &str = "signup-email-page";
pub const PAGE_ERROR_ID: &str = "signup-email-error-page";

/// What the ticker says until its headlines come, and what it says on a
/// page without the app, where they never do.
const TICKER_LOADING: &str = ">Loading latest headlines…<";
const TICKER_WITHOUT_APP: &str = ">The latest headlines are on the front page.<";

/// What the reader sent and why it was not taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupRetry {
    /// The address as the reader typed it.
    pub email: String,
    /// What went wrong, in the words the app would use.
    pub problem: String,
    /// Whether the address itself is at fault (the field is marked
    /// invalid), rather than the moment (too many attempts, a failure).
    pub address_at_fault: bool,
}

/// Why a page could not be filled in: a marker it lacks (a page from a
/// build older than this rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingMarker(pub &'static str);

impl SignupRetry {
    /// `page`, the newsletter's prerendered page, with the address in its
    /// field, the problem under the field's label, "Error: " before its
    /// title (so a screen reader hears it first), and without the app's
    /// loader: the app renders a page afresh at an address it was not
    /// prerendered for, which would lose both. The form posts as it did.
    pub fn fill(&self, page: &str) -> Result<String, MissingMarker> {
        let page = without_app(page)?;
        let field = format!("id=\"{PAGE_FIELD_ID}\"");
        let input_at = page
            .find(&field)
            .and_then(|at| page.get(..at)?.rfind("<input"))
            .ok_or(MissingMarker("the email field"))?;
        let mut attributes = format!(" value=\"{}\"", escape_markup(&self.email));
        if self.address_at_fault {
            attributes.push_str(&format!(
                " aria-invalid=\"true\" aria-describedby=\"{PAGE_ERROR_ID}\""
            ));
        }
        let page = insert(&page, input_at + "<input".len(), &attributes);
        let error = format!("<p id=\"{PAGE_ERROR_ID}\" class=\"signup__error\">");
        let error_at = page
            .find(&error)
            .ok_or(MissingMarker("the field's error"))?
            + error.len();
        let page = insert(&page, error_at, &escape_markup(&self.problem));
        let page = if self.address_at_fault {
            page.replacen(
                "class=\"signup__field\"",
                "class=\"signup__field signup__field--invalid\"",
                1,
            )
        } else {
            page
        };
        // Without the app the ticker's headlines never come: it says where
        // they are rather than that they are loading.
        let page = page.replacen(TICKER_LOADING, TICKER_WITHOUT_APP, 1);
        let title_at = page.find("<title>").ok_or(MissingMarker("the title"))? + "<title>".len();
        Ok(insert(&page, title_at, "Error: "))
    }
}

/// `page` without its `<script type="module">`: the app's loader.
fn without_app(page: &str) -> Result<String, MissingMarker> {
    let start = page
        .find("<script type=\"module\"")
        .ok_or(MissingMarker("the app's loader"))?;
    let end = page
        .get(start..)
        .and_then(|rest| rest.find("</script>"))
        .ok_or(MissingMarker("the end of the app's loader"))?
        + start
        + "</script>".len();
    Ok(format!(
        "{}{}",
        page.get(..start).unwrap_or_default(),
        page.get(end..).unwrap_or_default()
    ))
}

fn insert(text: &str, at: usize, what: &str) -> String {
    format!(
        "{}{what}{}",
        text.get(..at).unwrap_or_default(),
        text.get(at..).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = concat!(
        "<html><head><title>The newsletter</title>",
        "<script type=\"module\" src=\"/start-0123.js\"></script></head><body>",
        "<div class=\"signup__field\"><label for=\"signup-email-page\">Email address</label>",
        "<p id=\"signup-email-error-page\" class=\"signup__error\"><!----></p>",
        "<p role=\"status\" class=\"ticker__message\">Loading latest headlines…<!----></p>",
        "<input id=\"signup-email-page\" type=\"email\" name=\"email\"></div></body></html>"
    );

    fn retry(email: &str, at_fault: bool) -> SignupRetry {
        SignupRetry {
            email: email.into(),
            problem: "Please enter a valid email address, like name@example.com.".into(),
            address_at_fault: at_fault,
        }
    }

    #[test]
    fn the_address_and_the_problem_go_in_and_the_app_goes_out() {
        let page = retry("reader@", true).fill(PAGE).unwrap();
        assert!(page.contains(
            "<input value=\"reader@\" aria-invalid=\"true\" aria-describedby=\"signup-email-error-page\" id=\"signup-email-page\""
        ));
        assert!(page.contains(
            "class=\"signup__error\">Please enter a valid email address, like name@example.com.<!---->"
        ));
        assert!(page.contains("class=\"signup__field signup__field--invalid\""));
        assert!(page.contains("<title>Error: The newsletter</title>"));
        assert!(!page.contains("<script"));
        assert!(page.contains(">The latest headlines are on the front page.<!---->"));
        assert!(!page.contains("Loading"));
    }

    #[test]
    fn a_problem_of_the_moment_leaves_the_field_unmarked() {
        let page = retry("reader@example.com", false).fill(PAGE).unwrap();
        assert!(page.contains("<input value=\"reader@example.com\" id="));
        assert!(!page.contains("aria-invalid"));
        assert!(!page.contains("signup__field--invalid"));
    }

    #[test]
    fn what_the_reader_typed_is_text_not_markup() {
        let page = retry("\"><script>alert(1)</script>", true)
            .fill(PAGE)
            .unwrap();
        assert!(page.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn a_page_without_the_form_is_refused_by_name() {
        let no_form = PAGE.replace("signup-email-page", "other");
        assert_eq!(
            retry("a@b", true).fill(&no_form),
            Err(MissingMarker("the email field"))
        );
        let no_loader = PAGE.replace("type=\"module\"", "");
        assert_eq!(
            retry("a@b", true).fill(&no_loader),
            Err(MissingMarker("the app's loader"))
        );
    }
}
