//! Who the site is: its name, its share card and logo, and its absolute
//! URLs. What every page's head, feed and sitemap names it by.

/// The site's name, as readers see it in the masthead and tab titles.
pub const SITE_NAME: &str = "Britain's News Portal";

/// The image a share preview shows when a page has none of its own: the
/// site's card, 1,200 × 630 (`public/share-card.png`).
pub const SHARE_CARD: Picture = Picture {
    path: "/share-card.png",
    width: 1200,
    height: 630,
    alt: "Britain's News Portal: Around The Clock",
};

/// The publisher's logo, for structured data (`public/logo.png`).
pub const LOGO: Picture = Picture {
    path: "/logo.png",
    width: 600,
    height: 60,
    alt: "Britain's News Portal",
};

/// An image of the site's own, by path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picture {
    pub path: &'static str,
    pub width: u32,
    pub height: u32,
    pub alt: &'static str,
}

/// `origin` and `path` as one URL, whatever slashes either brings.
pub fn absolute(origin: &str, path: &str) -> String {
    format!(
        "{}/{}",
        origin.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}
