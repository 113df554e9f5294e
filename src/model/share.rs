//! Links: what may be a slug or a path on this site, and the links to
//! share a story.

/// Slugs are lowercase ASCII words joined by single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 120
        && slug.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether `path` is a path on this site (`/news/a`), not another site's
/// address (`//evil.example`, `https://…`) or something else.
pub fn is_site_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains(['\\', ' ', '"', '<', '>'])
}

/// Facebook's share dialog for `url`.
pub fn facebook_share_url(url: &str) -> String {
    format!(
        "https://www.facebook.com/sharer/sharer.php?u={}",
        percent_encode(url)
    )
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so the
/// result is safe inside a query value or a path segment.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facebook_share_url_carries_the_whole_story_url_encoded() {
        assert_eq!(
            facebook_share_url("https://example.co.uk/news/a-story?x=1&y=2"),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.co.uk%2Fnews%2Fa-story%3Fx%3D1%26y%3D2"
        );
    }

    #[test]
    fn percent_encoding_leaves_unreserved_characters_and_encodes_utf8_bytes() {
        assert_eq!(percent_encode("Az09-._~"), "Az09-._~");
        assert_eq!(percent_encode("a b/£"), "a%20b%2F%C2%A3");
    }
}
