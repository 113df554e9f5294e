//! An edition as mail: plain text and HTML that mail clients render
//! (tables and inline styles; no script, no remote stylesheet, no
//! tracking pixel, no tracking links), and the headers mail providers
//! demand of a bulk sender. The parts are written once an edition; each
//! recipient's copy differs only in its address, its unsubscribe links,
//! its bounce address and its `Message-ID`.

use crate::mailer::{ListUnsubscribe, ListUnsubscribePost};
use lettre::address::Envelope;
use lettre::message::dkim::DkimConfig;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{Address, Message};
use news_portal::model::{escape_markup, long_date, Edition, SITE_NAME};
use news_portal::routes::{self, Route};

/// What every copy of an edition shares, and what makes each one.
pub struct EditionMail {
    date: String,
    subject: String,
    text: String,
    html: String,
}

/// Who sends, and how copies are signed and bounced.
pub struct Identity {
    pub from: Mailbox,
    /// The site's public origin, for every link.
    pub origin: String,
    /// The domain of the bounce addresses (`bounces+<token>@<domain>`).
    pub bounce_domain: String,
    pub dkim: Option<DkimConfig>,
}

/// Where each copy's own unsubscribe link goes in the parts written once.
const UNSUBSCRIBE: &str = "{{unsubscribe}}";

/// The headers a DKIM signature covers: who, what, when, which message,
/// and how to leave (RFC 8058 asks that both unsubscribe headers be signed).
pub const SIGNED_HEADERS: [&str; 9] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "List-Id",
    "Precedence",
];

impl EditionMail {
    /// The edition's parts, written once.
    pub fn new(edition: &Edition, origin: &str) -> Self {
        EditionMail {
            date: edition.date.clone(),
            subject: edition.subject.clone(),
            text: text_part(edition, origin),
            html: html_part(edition, origin),
        }
    }

    /// The text and HTML parts as a reader with the unsubscribe link
    /// `unsubscribe` gets them: for previewing an edition's mail.
    pub fn parts(&self, unsubscribe: &str) -> (String, String) {
        (
            self.text.replace(UNSUBSCRIBE, unsubscribe),
            self.html.replace(UNSUBSCRIBE, &escape_markup(unsubscribe)),
        )
    }

    /// The copy for one recipient. `bounce_token` names the delivery in
    /// the bounce address; `delivery` numbers it in the `Message-ID`,
    /// which is the same on every attempt at it.
    pub fn copy(
        &self,
        identity: &Identity,
        to: &str,
        unsubscribe_token: &str,
        bounce_token: &str,
        delivery: i64,
    ) -> Result<Message, String> {
        let to: Mailbox = to.parse().map_err(|err| format!("the address: {err}"))?;
        let leave_page = routes::unsubscribe_link(&identity.origin, unsubscribe_token);
        let one_click = routes::one_click_unsubscribe(&identity.origin, unsubscribe_token);
        let bounce: Address = format!("bounces+{bounce_token}@{}", identity.bounce_domain)
            .parse()
            .map_err(|err| format!("the bounce address: {err}"))?;
        let envelope = Envelope::new(Some(bounce), vec![to.email.clone()])
            .map_err(|err| format!("the envelope: {err}"))?;
        let mut message = Message::builder()
            .from(identity.from.clone())
            .to(to)
            .subject(&self.subject)
            .message_id(Some(format!(
                "<edition.{}.{delivery}.{}@{}>",
                self.date,
                short_hash(bounce_token),
                identity.from.email.domain()
            )))
            .header(ListUnsubscribe(format!("<{one_click}>")))
            .header(ListUnsubscribePost)
            .header(ListId(list_id(&identity.from)))
            .header(Precedence)
            .envelope(envelope)
            .multipart({
                let (text, html) = self.parts(&leave_page);
                MultiPart::alternative_plain_html(text, html)
            })
            .map_err(|err| err.to_string())?;
        if let Some(dkim) = &identity.dkim {
            message.sign(dkim);
        }
        Ok(message)
    }
}

/// `List-Id: Britain's News Portal newsletter <newsletter.example.co.uk>`
/// (RFC 2919): the list's name, and an id under the sender's domain.
fn list_id(from: &Mailbox) -> String {
    format!(
        "{SITE_NAME} newsletter <newsletter.{}>",
        from.email.domain()
    )
}

/// A short fingerprint of a secret, so that Message-IDs from two
/// databases never meet, without showing the secret.
fn short_hash(secret: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    secret.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

fn text_part(edition: &Edition, origin: &str) -> String {
    let mut text = format!(
        "{SITE_NAME}: the morning edition, {}\n\
         View in your browser: {}\n\n",
        long_date(&edition.date),
        routes::edition_link(origin, &edition.date)
    );
    for paragraph in &edition.introduction {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text.push_str(&edition.signature());
    text.push_str("\n\n");
    for (n, story) in edition.stories.iter().enumerate() {
        text.push_str(&format!(
            "{}. {}\n{}\n{}\n\n",
            n + 1,
            story.headline,
            story.line,
            routes::story_link(origin, &story.slug)
        ));
    }
    text.push_str(&format!(
        "You're getting this because you signed up for the {SITE_NAME} newsletter, \
         which comes every weekday morning. We don't track whether you open it or \
         which links you follow.\n\
         Unsubscribe: {UNSUBSCRIBE}\n\
         Privacy: {}{}\n",
        origin.trim_end_matches('/'),
        Route::Privacy.path()
    ));
    text
}

/// The HTML part: one table 600 pixels wide at most, every style inline,
/// short lines (well under SMTP's 998-octet limit). `{{unsubscribe}}` marks
/// the one link that differs per copy.
fn html_part(edition: &Edition, origin: &str) -> String {
    let origin = origin.trim_end_matches('/');
    let e = escape_markup;
    let web = routes::edition_link(origin, &edition.date);
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light\">\n<title>{subject}</title>\n</head>\n\
         <body style=\"margin:0;padding:0;background-color:#f3f0ea\">\n\
         <div style=\"display:none;max-height:0;overflow:hidden\">{preview}</div>\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
         style=\"background-color:#f3f0ea\">\n<tr><td align=\"center\" style=\"padding:16px 8px\">\n\
         <table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
         style=\"width:100%;max-width:600px;background-color:#ffffff;color:#121212;\
         font-family:Georgia,'Times New Roman',serif\">\n\
         <tr><td style=\"padding:10px 24px;font-family:Arial,Helvetica,sans-serif;font-size:13px;\
         color:#4a4a4a;background-color:#f3f0ea\">{day} &middot; \
         <a href=\"{web}\" style=\"color:#121212\">View in your browser</a></td></tr>\n\
         <tr><td style=\"padding:16px 24px;background-color:#b00020;color:#ffffff;\
         font-size:26px;font-weight:bold\">{site}</td></tr>\n\
         <tr><td style=\"padding:24px 24px 8px;font-size:17px;line-height:1.5\">\n",
        subject = e(&edition.subject),
        preview = e(edition.introduction.first().map(String::as_str).unwrap_or_default()),
        day = e(&long_date(&edition.date)),
        web = e(&web),
        site = e(SITE_NAME),
    );
    for paragraph in &edition.introduction {
        html.push_str(&format!(
            "<p style=\"margin:0 0 14px\">{}</p>\n",
            e(paragraph)
        ));
    }
    html.push_str(&format!(
        "<p style=\"margin:0 0 8px;font-style:italic\">{}</p>\n</td></tr>\n",
        e(&edition.signature())
    ));
    for story in &edition.stories {
        let link = routes::story_link(origin, &story.slug);
        html.push_str("<tr><td style=\"padding:16px 24px;border-top:1px solid #dcdcdc\">\n");
        if let Some(section) = &story.section {
            html.push_str(&format!(
                "<p style=\"margin:0 0 4px;font-family:Arial,Helvetica,sans-serif;font-size:12px;\
                 font-weight:bold;text-transform:uppercase;color:#b00020\">{}</p>\n",
                e(section)
            ));
        }
        html.push_str(&format!(
            "<h2 style=\"margin:0 0 6px;font-size:21px;line-height:1.25\">\
             <a href=\"{link}\" style=\"color:#121212;text-decoration:none\">{headline}</a></h2>\n\
             <p style=\"margin:0;font-size:16px;line-height:1.5;color:#333333\">{line}</p>\n\
             </td></tr>\n",
            link = e(&link),
            headline = e(&story.headline),
            line = e(&story.line),
        ));
    }
    html.push_str(&format!(
        "<tr><td style=\"padding:20px 24px;font-family:Arial,Helvetica,sans-serif;font-size:13px;\
         line-height:1.5;color:#4a4a4a;background-color:#f3f0ea\">\n\
         <p style=\"margin:0 0 8px\">You're getting this because you signed up for the {site} \
         newsletter, which comes every weekday morning. We don't track whether you open it or \
         which links you follow.</p>\n\
         <p style=\"margin:0\"><a href=\"{UNSUBSCRIBE}\" style=\"color:#121212\">Unsubscribe</a> \
         &middot; <a href=\"{privacy}\" style=\"color:#121212\">Privacy</a></p>\n\
         </td></tr>\n</table>\n</td></tr>\n</table>\n</body>\n</html>\n",
        site = e(SITE_NAME),
        privacy = e(&format!("{origin}{}", Route::Privacy.path())),
    ));
    html
}

/// `List-Id` (RFC 2919).
#[derive(Debug, Clone)]
pub struct ListId(pub String);

impl Header for ListId {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Id")
    }

    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListId(text.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `Precedence: bulk`: auto-responders should not answer.
#[derive(Debug, Clone)]
pub struct Precedence;

impl Header for Precedence {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Precedence")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Precedence)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "bulk".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use news_portal::model::{EditionStory, Editor};

    pub(crate) fn edition() -> Edition {
        Edition {
            date: "2026-12-04".into(),
            subject: "Rates held <again> & fares rise".into(),
            introduction: vec!["Good morning.".into(), "Two things matter today.".into()],
            editor: Editor {
                name: "Ada Lovelace".into(),
                role: "Morning editor".into(),
            },
            stories: (1..=5)
                .map(|n| EditionStory {
                    slug: format!("story-{n}"),
                    headline: format!("Headline {n} <b>"),
                    line: format!("Line {n}."),
                    section: Some("UK".into()),
                })
                .collect(),
        }
    }

    fn identity() -> Identity {
        Identity {
            from: "Britain's News Portal <newsletter@news.example>"
                .parse()
                .unwrap(),
            origin: "https://news.example".into(),
            bounce_domain: "bounces.news.example".into(),
            dkim: None,
        }
    }

    #[test]
    fn a_copy_has_both_parts_its_own_links_and_the_bulk_headers() {
        let mail = EditionMail::new(&edition(), "https://news.example/");
        let message = mail
            .copy(
                &identity(),
                "reader@example.com",
                "u".repeat(64).as_str(),
                "b1",
                42,
            )
            .unwrap();
        assert_eq!(
            message.envelope().from().unwrap().to_string(),
            "bounces+b1@bounces.news.example"
        );
        let raw = String::from_utf8(message.formatted()).unwrap();
        for header in [
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "Precedence: bulk",
            "List-Id: Britain's News Portal newsletter <newsletter.news.example>",
            "Message-ID: <edition.2026-12-04.42.",
        ] {
            assert!(raw.contains(header), "{header} in {raw}");
        }
        assert!(raw.contains(&format!(
            "List-Unsubscribe: <https://news.example/api/v1/newsletter/unsubscribe?token={}>",
            "u".repeat(64)
        )));
        assert!(!raw.contains(UNSUBSCRIBE));
    }

    #[test]
    fn the_html_escapes_the_newsrooms_text_and_carries_no_script_or_remote_style() {
        let html = html_part(&edition(), "https://news.example");
        assert!(html.contains("Headline 1 &lt;b&gt;"));
        assert!(html.contains("Rates held &lt;again&gt; &amp; fares rise"));
        assert!(html.contains("href=\"https://news.example/news/story-1\""));
        assert!(html.contains("href=\"https://news.example/newsletter/editions/2026-12-04\""));
        assert!(!html.contains("<script"));
        assert!(!html.contains("<link"));
        assert!(
            !html.contains("<img"),
            "no pixel, no pictures that load from elsewhere"
        );
        assert!(html.lines().all(|line| line.len() < 998));
        assert!(html.len() < 100 * 1024);
    }

    #[test]
    fn the_text_part_lists_every_story_with_its_link() {
        let text = text_part(&edition(), "https://news.example");
        assert!(text.contains("Friday 4 December 2026"));
        assert!(text.contains("5. Headline 5 <b>\nLine 5.\nhttps://news.example/news/story-5"));
        assert!(text.contains("Ada Lovelace, Morning editor"));
        assert!(text.contains("We don't track"));
    }
}
