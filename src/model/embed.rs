//! A post from another site in a story (on X, YouTube or Bluesky), shown
//! as a card that links to it: the page loads nothing from that site, so
//! the reader's visit is not reported to it until they follow the link.

use serde::{Deserialize, Serialize};

/// The sites a story may show a post from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    X,
    YouTube,
    Bluesky,
}

impl Provider {
    /// The site `url` is on, if it is an `https://` address on one of them.
    pub fn of(url: &str) -> Option<Self> {
        if url.contains(|c: char| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let rest = url.strip_prefix("https://")?;
        let host = rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        let host = host.strip_prefix("mobile.").unwrap_or(host);
        let host = host.strip_prefix("m.").unwrap_or(host);
        match host {
            "x.com" | "twitter.com" => Some(Provider::X),
            "youtube.com" | "youtu.be" => Some(Provider::YouTube),
            "bsky.app" => Some(Provider::Bluesky),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Provider::X => "X",
            Provider::YouTube => "YouTube",
            Provider::Bluesky => "Bluesky",
        }
    }

    /// What one of its posts is called.
    fn noun(self) -> &'static str {
        match self {
            Provider::YouTube => "Video",
            Provider::X | Provider::Bluesky => "Post",
        }
    }
}

/// A post on another site, as the story shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embed {
    /// The post's own address (checked to be on a [`Provider`]).
    pub url: String,
    /// Its words, or a video's title, as the newsroom quotes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Who posted it: "@metpoliceuk".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

impl Embed {
    /// A post at `url`, or why it cannot be shown.
    pub fn new(
        url: Option<String>,
        text: Option<String>,
        attribution: Option<String>,
    ) -> Result<Self, String> {
        let url = url
            .filter(|url| !url.trim().is_empty())
            .ok_or("an embed block has no url")?;
        if Provider::of(&url).is_none() {
            return Err(format!(
                "an embed's url must be an https:// address on X, YouTube or Bluesky, not \"{url}\""
            ));
        }
        let words = |text: Option<String>| text.filter(|text| !text.trim().is_empty());
        Ok(Embed {
            url,
            text: words(text),
            attribution: words(attribution),
        })
    }

    pub fn provider(&self) -> Provider {
        Provider::of(&self.url).unwrap_or(Provider::X)
    }

    /// What the card says it is: "Post by @metpoliceuk on X".
    pub fn source(&self) -> String {
        let provider = self.provider();
        match &self.attribution {
            Some(who) => format!("{} by {who} on {}", provider.noun(), provider.name()),
            None => format!("{} on {}", provider.noun(), provider.name()),
        }
    }

    /// What its link says: "View the post on X", "Watch the video on YouTube".
    pub fn action(&self) -> String {
        match self.provider() {
            Provider::YouTube => "Watch the video on YouTube".into(),
            provider => format!("View the post on {}", provider.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_sites_are_known_by_their_hosts() {
        let cases = [
            ("https://x.com/metpoliceuk/status/1", Some(Provider::X)),
            ("https://twitter.com/a/status/1", Some(Provider::X)),
            ("https://mobile.twitter.com/a/status/1", Some(Provider::X)),
            (
                "https://www.youtube.com/watch?v=abc",
                Some(Provider::YouTube),
            ),
            ("https://m.youtube.com/watch?v=abc", Some(Provider::YouTube)),
            ("https://youtu.be/abc", Some(Provider::YouTube)),
            (
                "https://bsky.app/profile/a.bsky.social/post/1",
                Some(Provider::Bluesky),
            ),
            ("http://x.com/a/status/1", None),
            ("https://x.com.evil.example/a", None),
            ("https://evil.example/x.com", None),
            ("javascript:alert('https://x.com')", None),
            ("https://x.com/a b", None),
        ];
        for (url, provider) in cases {
            assert_eq!(Provider::of(url), provider, "{url}");
        }
    }

    #[test]
    fn an_embed_says_what_and_whose_it_is() {
        let post = Embed::new(
            Some("https://x.com/metpoliceuk/status/1".into()),
            Some("Words".into()),
            Some("@metpoliceuk".into()),
        )
        .unwrap();
        assert_eq!(post.source(), "Post by @metpoliceuk on X");
        assert_eq!(post.action(), "View the post on X");
        let video =
            Embed::new(Some("https://youtu.be/abc".into()), None, Some(" ".into())).unwrap();
        assert_eq!(video.source(), "Video on YouTube");
        assert_eq!(video.action(), "Watch the video on YouTube");
    }

    #[test]
    fn an_embed_from_elsewhere_or_without_an_address_is_refused() {
        assert!(Embed::new(None, None, None).unwrap_err().contains("no url"));
        assert!(
            Embed::new(Some("https://evil.example/p".into()), None, None)
                .unwrap_err()
                .contains("X, YouTube or Bluesky")
        );
    }
}
