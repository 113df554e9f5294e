//! Who the site is: its name, its share card and logo, and its absolute
//! URLs. What every page's head, feed and sitemap names it by.

/// The site's name, as readers see it in the masthead and tab titles.
pub const SITE_NAME: &str = "Britain's News Portal";

/// The name under its icon on a phone's home screen, where there is room
/// for about twelve letters.
pub const SHORT_NAME: &str = "News Portal";

/// The brand's red: the masthead, the icons, the browser's bar
/// (`--brand` in `style/main.css`, `theme-color` in `index.html`).
pub const BRAND_COLOUR: &str = "#b00020";

/// The icons a browser installs the site with (`public/icons/`, drawn by
/// `scripts/make-images.mjs`): path, size in pixels, and whether it is
/// maskable (its content within the middle 60 %, for round and
/// rounded-square masks).
pub const APP_ICONS: [(&str, u32, bool); 3] = [
    ("/icons/icon-192.png", 192, false),
    ("/icons/icon-512.png", 512, false),
    ("/icons/icon-maskable-512.png", 512, true),
];

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
