//! The headers and rules a CDN reads, as files in the format Netlify and
//! Cloudflare Pages read: `_headers` (security headers, the
//! Content-Security-Policy, cache rules) and `_redirects` (what answers 404
//! where). The build writes them from the site's files; the local server
//! reads them, so what is tested locally follows the same rules.

use std::collections::BTreeSet;

/// Pages: revalidated, though a stale copy may be shown for a minute while
/// the fresh one is fetched.
pub const PAGE_CACHE: &str = "public, max-age=0, stale-while-revalidate=60";
/// Data that changes with the news (JSON, feeds, sitemaps): a minute, then
/// revalidated, stale for up to five while that happens.
pub const DATA_CACHE: &str = "public, max-age=60, stale-while-revalidate=300";
/// A live page's files (`live_files.rs`): its latest file is polled every
/// 15 s, so a cached copy may be seconds old at most.
pub const LIVE_CACHE: &str = "public, max-age=5";
/// Fingerprinted files never change: a year.
pub const FOREVER_CACHE: &str = "public, max-age=31536000, immutable";
/// Everything else: an hour.
pub const STATIC_CACHE: &str = "public, max-age=3600";
/// The service worker: asked again at every check for an update, so that a
/// deploy reaches readers at once (browsers look at least once a day).
pub const SERVICE_WORKER_CACHE: &str = "no-cache";

/// The start of `_redirects` (`publish::outputs` puts the withdrawn
/// stories' rules after it)…
pub const REDIRECTS_HEAD: &str = "# Written by the build (src/publish/outputs.rs).\n\
     # A withdrawn story's page and JSON answer 410 Gone.\n";
/// …and its end: under `/api/` a missing file answers JSON, with status 404
/// (elsewhere a host serves `404.html` for any missing path by itself).
pub const REDIRECTS_TAIL: &str =
    "# Under /api/, what is not there answers JSON, with status 404.\n\
     /api/*  /api/v1/not-found.json  404\n";

/// Headers every response carries, besides the Content-Security-Policy.
const SECURITY_HEADERS: [(&str, &str); 6] = [
    (
        "Strict-Transport-Security",
        "max-age=63072000; includeSubDomains",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
];

/// A path pattern and the headers of the paths it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub pattern: String,
    pub headers: Vec<(String, String)>,
}

impl Rule {
    fn new(pattern: impl Into<String>, headers: &[(&str, &str)]) -> Self {
        Rule {
            pattern: pattern.into(),
            headers: headers
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect(),
        }
    }
}

/// A rule of `_redirects`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
    pub status: u16,
}

/// Origins other than the site's own that its pages use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    /// Where the app fetches from: its API, headlines feed, signup service.
    pub connect: Vec<String>,
    /// Where stories' pictures are (an image CDN).
    pub images: Vec<String>,
    /// Where forms are sent: the signup service, where it has an origin
    /// of its own.
    pub forms: Vec<String>,
}

/// The policy of every page: the site's own files and WebAssembly, and no
/// inline script at all (pages carry their data as JSON, which does not
/// run); fetches, pictures and forms' posts to `origins` too; and the inline
/// stylesheets whose hashes are `inline_styles` (`'sha256-…'`, from
/// [`Shell::style_hashes`](crate::prerender::Shell)), no other.
pub fn content_security_policy(origins: &Origins, inline_styles: &[String]) -> String {
    let list = |first: &str, more: &[String]| {
        let mut list = String::from(first);
        for origin in more {
            list.push(' ');
            list.push_str(origin);
        }
        list
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src {}; \
         img-src {}; connect-src {}; font-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action {}; frame-ancestors 'none'",
        list("'self'", inline_styles),
        list("'self' data:", &origins.images),
        list("'self'", &origins.connect),
        list("'self'", &origins.forms),
    )
}

/// The rules for a site of `files` (paths in `dist/`, as `news/a-story.html`),
/// of which `immutable` never change (the app's files, named by their
/// fingerprint, and the loader). They are named, not guessed from a name's
/// shape: Trunk writes its fingerprint in hex without leading zeros, so one
/// build in sixteen has 15 digits, and a story's slug may end in hex.
/// No path matches two rules that set one header: a CDN would join them.
pub fn site_rules<S: AsRef<str>>(
    files: &[S],
    immutable: &[&str],
    origins: &Origins,
    inline_styles: &[String],
) -> Vec<Rule> {
    let policy = content_security_policy(origins, inline_styles);
    let mut everything = Rule::new("/*", &SECURITY_HEADERS);
    everything
        .headers
        .insert(0, ("Content-Security-Policy".into(), policy));
    let mut rules = vec![everything];
    // Folders of pages (stories, sections), of data and of pictures: one
    // rule each; the API's by `api_rules`. A site of 100,000 stories has
    // a few hundred files besides, each with a rule of its own.
    let mut folders: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut own: Vec<&str> = Vec::new();
    for file in files.iter().map(AsRef::as_ref) {
        match folder_rule(file) {
            Some(rule) => {
                folders.insert(rule);
            }
            None if is_api_data(file) => {}
            None => own.push(file),
        }
    }
    own.sort_unstable();
    for file in own {
        let path = format!("/{file}");
        if let Some(page) = file.strip_suffix(".html") {
            // A page at its clean address too; the 404 page is served at
            // whatever address is missing, so it has none of its own.
            let clean = match page {
                "index" => Some("/".to_owned()),
                "404" => None,
                page => Some(format!("/{page}")),
            };
            if let Some(clean) = clean {
                rules.push(Rule::new(clean, &[("Cache-Control", PAGE_CACHE)]));
            }
            rules.push(Rule::new(path, &[("Cache-Control", PAGE_CACHE)]));
        } else if immutable.contains(&file) {
            rules.push(Rule::new(path, &[("Cache-Control", FOREVER_CACHE)]));
        } else if path == crate::routes::SERVICE_WORKER {
            rules.push(Rule::new(path, &[("Cache-Control", SERVICE_WORKER_CACHE)]));
        } else if file.ends_with(".xml") || file == "robots.txt" {
            rules.push(Rule::new(path, &[("Cache-Control", DATA_CACHE)]));
        } else {
            rules.push(Rule::new(path, &[("Cache-Control", STATIC_CACHE)]));
        }
    }
    for (folder, cache) in folders {
        rules.push(Rule::new(
            format!("/{folder}/*"),
            &[("Cache-Control", cache)],
        ));
    }
    rules.extend(api_rules(files));
    rules
}

/// The folder rule `file` falls under, if any: `(folder, cache)`.
fn folder_rule(file: &str) -> Option<(&str, &'static str)> {
    match file.split_once('/').map(|(folder, _)| folder)? {
        folder @ ("news" | "section" | "author" | "topic" | "corrections" | "archive")
            if file.ends_with(".html") =>
        {
            Some((folder, PAGE_CACHE))
        }
        folder @ ("sitemaps" | "search" | "feeds") => Some((folder, DATA_CACHE)),
        folder @ "images" => Some((folder, STATIC_CACHE)),
        _ => None,
    }
}

/// Whether `file` is the API's data, under its folder rules (`api_rules`).
fn is_api_data(file: &str) -> bool {
    file.starts_with("api/") && !file.ends_with(".html")
}

/// The API's cache rules: a live page's files (under `api/v1/live/`) for
/// seconds, the rest for a minute. One rule a folder, none overlapping
/// (a CDN joins the values of every rule a path matches).
fn api_rules<S: AsRef<str>>(files: &[S]) -> Vec<Rule> {
    // Each folder (`true`) or file under `api/v1/`, once.
    let named: BTreeSet<(&str, bool)> = files
        .iter()
        .filter_map(|file| file.as_ref().strip_prefix("api/v1/"))
        .map(|path| match path.split_once('/') {
            Some((folder, _)) => (folder, true),
            None => (path, false),
        })
        .collect();
    let mut patterns: Vec<(String, &str)> = named
        .into_iter()
        .map(|(name, folder)| match (name, folder) {
            ("live", true) => ("/api/v1/live/*".to_owned(), LIVE_CACHE),
            (folder, true) => (format!("/api/v1/{folder}/*"), DATA_CACHE),
            (file, false) => (format!("/api/v1/{file}"), DATA_CACHE),
        })
        .collect();
    patterns.sort();
    patterns
        .into_iter()
        .map(|(pattern, cache)| Rule::new(pattern, &[("Cache-Control", cache)]))
        .collect()
}

/// `_headers` as text.
pub fn render(rules: &[Rule]) -> String {
    let mut out = String::from(
        "# Written by the build (src/publish/headers.rs): the headers of every\n\
         # path, in the format Netlify and Cloudflare Pages read.\n",
    );
    for rule in rules {
        out.push('\n');
        out.push_str(&rule.pattern);
        out.push('\n');
        for (name, value) in &rule.headers {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    out
}

/// Reads `_headers`: a rule is a path pattern on a line of its own, then
/// its headers, indented, as `Name: value`.
pub fn parse(text: &str) -> Result<Vec<Rule>, String> {
    let mut rules: Vec<Rule> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            if !trimmed.starts_with('/') {
                return Err(format!(
                    "line {}: a rule starts with a path, like /news/*",
                    number + 1
                ));
            }
            rules.push(Rule {
                pattern: trimmed.to_owned(),
                headers: Vec::new(),
            });
            continue;
        }
        let Some((name, value)) = trimmed.split_once(':') else {
            return Err(format!(
                "line {}: a header is written as Name: value",
                number + 1
            ));
        };
        let Some(rule) = rules.last_mut() else {
            return Err(format!("line {}: a header before any path", number + 1));
        };
        rule.headers
            .push((name.trim().to_owned(), value.trim().to_owned()));
    }
    Ok(rules)
}

/// Whether `path` matches `pattern`: literal text, `*` for anything
/// (slashes too), `:name` for one segment.
pub fn matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.as_bytes();
    let path = path.as_bytes();
    fn go(pattern: &[u8], path: &[u8]) -> bool {
        match pattern.split_first() {
            None => path.is_empty(),
            Some((b'*', rest)) => {
                (0..=path.len()).any(|skip| path.get(skip..).is_some_and(|tail| go(rest, tail)))
            }
            Some((b':', rest)) => {
                let name = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
                let rest = rest.get(name..).unwrap_or_default();
                let segment = path.iter().take_while(|b| **b != b'/').count();
                segment > 0 && path.get(segment..).is_some_and(|tail| go(rest, tail))
            }
            Some((literal, rest)) => path
                .split_first()
                .is_some_and(|(byte, tail)| byte == literal && go(rest, tail)),
        }
    }
    go(pattern, path)
}

/// The headers `path` gets: those of every rule it matches, in order; a
/// header several rules set is joined with commas, as the CDNs do.
pub fn headers_for(rules: &[Rule], path: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for rule in rules.iter().filter(|rule| matches(&rule.pattern, path)) {
        for (name, value) in &rule.headers {
            match headers
                .iter_mut()
                .find(|(known, _)| known.eq_ignore_ascii_case(name))
            {
                Some((_, joined)) => {
                    joined.push_str(", ");
                    joined.push_str(value);
                }
                None => headers.push((name.clone(), value.clone())),
            }
        }
    }
    headers
}

/// Reads `_redirects`: `from to [status]` a line.
pub fn parse_redirects(text: &str) -> Result<Vec<Redirect>, String> {
    text.lines()
        .enumerate()
        .map(|(number, line)| (number, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(number, line)| {
            let mut parts = line.split_whitespace();
            let (Some(from), Some(to)) = (parts.next(), parts.next()) else {
                return Err(format!("line {}: a rule is: from to [status]", number + 1));
            };
            let status = match parts.next() {
                None => 301,
                Some(status) => status
                    .trim_end_matches('!')
                    .parse()
                    .map_err(|_| format!("line {}: \"{status}\" is not a status", number + 1))?,
            };
            Ok(Redirect {
                from: from.into(),
                to: to.into(),
                status,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    fn site() -> Vec<String> {
        [
            "index.html",
            "404.html",
            "privacy.html",
            "newsletter/confirm.html",
            "news/a-story.html",
            "news/another-story.html",
            "section/london.html",
            "section/london/page/3.html",
            "archive.html",
            "archive/2026/11/27.html",
            "sitemaps/stories-1.xml",
            "images/wind-640.webp",
            "images/wind-1280.webp",
            "news-portal-123456789abcdef.js",
            "news-portal-123456789abcdef_bg.wasm",
            "snippets/news-portal-123456789abcdef/inline0.js",
            "start-00112233aabbccdd.js",
            "sw.js",
            "manifest.webmanifest",
            "favicon.svg",
            "share-card.png",
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
            "api/v1/articles/index.json",
            "api/v1/articles/cafe-0123456789abcdef.json",
            "api/v1/headlines.json",
            "api/v1/live/a-live-page/latest.json",
            "api/v1/live/a-live-page/posts/p1.json",
        ]
        .map(String::from)
        .to_vec()
    }

    /// What the publish names as never changing in `site()`.
    const IMMUTABLE: [&str; 3] = [
        "news-portal-123456789abcdef.js",
        "news-portal-123456789abcdef_bg.wasm",
        "start-00112233aabbccdd.js",
    ];

    fn cache(rules: &[Rule], path: &str) -> String {
        headers_for(rules, path)
            .into_iter()
            .find(|(name, _)| name == "Cache-Control")
            .map(|(_, value)| value)
            .unwrap_or_default()
    }

    #[test_case("/", PAGE_CACHE ; "/")]
    #[test_case("/index.html", PAGE_CACHE ; "/index.html")]
    #[test_case("/news/a-story", PAGE_CACHE ; "/news/a-story")]
    #[test_case("/news/a-story.html", PAGE_CACHE ; "/news/a-story.html")]
    #[test_case("/privacy", PAGE_CACHE ; "/privacy")]
    #[test_case("/newsletter/confirm", PAGE_CACHE ; "/newsletter/confirm")]
    #[test_case("/section/london", PAGE_CACHE ; "/section/london")]
    #[test_case("/section/london.html", PAGE_CACHE ; "/section/london.html")]
    #[test_case("/images/wind-640.webp", STATIC_CACHE ; "/images/wind-640.webp")]
    #[test_case("/404.html", PAGE_CACHE ; "/404.html")]
    #[test_case("/news-portal-123456789abcdef_bg.wasm", FOREVER_CACHE ; "the wasm, its fingerprint 15 digits")]
    #[test_case("/news-portal-123456789abcdef.js", FOREVER_CACHE ; "the glue")]
    #[test_case("/start-00112233aabbccdd.js", FOREVER_CACHE ; "the loader")]
    #[test_case("/snippets/news-portal-123456789abcdef/inline0.js", STATIC_CACHE ; "a snippet, its folder named for the crate and version, not the build")]
    #[test_case("/api/v1/articles/cafe-0123456789abcdef.json", DATA_CACHE ; "a story whose slug ends in hex")]
    #[test_case("/api/v1/articles/index.json", DATA_CACHE ; "/api/v1/articles/index.json")]
    #[test_case("/api/v1/articles/a-story.json", DATA_CACHE ; "/api/v1/articles/a-story.json")]
    #[test_case("/api/v1/headlines.json", DATA_CACHE ; "/api/v1/headlines.json")]
    #[test_case("/api/v1/live/a-live-page/latest.json", LIVE_CACHE ; "/api/v1/live/a-live-page/latest.json")]
    #[test_case("/api/v1/live/a-live-page/posts/p1.json", LIVE_CACHE ; "/api/v1/live/a-live-page/posts/p1.json")]
    #[test_case("/feed.xml", DATA_CACHE ; "/feed.xml")]
    #[test_case("/robots.txt", DATA_CACHE ; "/robots.txt")]
    #[test_case("/share-card.png", STATIC_CACHE ; "/share-card.png")]
    #[test_case("/archive", PAGE_CACHE ; "/archive")]
    #[test_case("/archive/2026/11/27", PAGE_CACHE ; "/archive/2026/11/27")]
    #[test_case("/section/london/page/3", PAGE_CACHE ; "/section/london/page/3")]
    #[test_case("/sitemaps/stories-1.xml", DATA_CACHE ; "/sitemaps/stories-1.xml")]
    #[test_case("/sw.js", SERVICE_WORKER_CACHE ; "/sw.js")]
    #[test_case("/manifest.webmanifest", STATIC_CACHE ; "/manifest.webmanifest")]
    fn every_path_gets_its_cache_rule_and_the_security_headers(path: &str, expected: &str) {
        let rules = site_rules(&site(), &IMMUTABLE, &Origins::default(), &[]);
        assert_eq!(cache(&rules, path), expected);
        let headers = headers_for(&rules, path);
        for name in [
            "Content-Security-Policy",
            "Strict-Transport-Security",
            "X-Frame-Options",
        ] {
            assert!(headers.iter().any(|(n, _)| n == name), "{name}");
        }
    }

    #[test]
    fn no_path_gets_one_header_from_two_rules() {
        let rules = site_rules(&site(), &IMMUTABLE, &Origins::default(), &[]);
        let mut paths: Vec<String> = site().iter().map(|file| format!("/{file}")).collect();
        paths.extend(
            [
                "/",
                "/news/a-story",
                "/section/london",
                "/privacy",
                "/no/such/page",
            ]
            .map(String::from),
        );
        for path in paths {
            for (name, value) in headers_for(&rules, &path) {
                assert!(!value.contains(", public"), "{path}: {name}: {value}");
                assert_eq!(
                    value.matches("default-src").count(),
                    usize::from(name == "Content-Security-Policy"),
                    "{path}"
                );
            }
        }
    }

    #[test]
    fn the_policy_allows_no_inline_script_and_names_other_origins_the_app_uses() {
        let policy = content_security_policy(
            &Origins {
                connect: vec!["https://api.example.co.uk".into()],
                images: vec!["https://images.example.com".into()],
                forms: vec!["https://signup.example.co.uk".into()],
            },
            &["'sha256-abc='".into()],
        );
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(policy.contains("style-src 'self' 'sha256-abc=';"));
        assert!(!policy.contains("unsafe-inline"));
        assert_eq!(policy.matches("sha256-").count(), 1, "{policy}");
        assert!(policy.contains("connect-src 'self' https://api.example.co.uk;"));
        assert!(policy.contains("img-src 'self' data: https://images.example.com;"));
        assert!(policy.contains("form-action 'self' https://signup.example.co.uk;"));
    }

    #[test]
    fn headers_survive_a_round_trip_through_the_file() {
        let rules = site_rules(&site(), &IMMUTABLE, &Origins::default(), &[]);
        assert_eq!(parse(&render(&rules)).unwrap(), rules);
    }

    #[test]
    fn a_malformed_headers_file_is_refused_saying_where() {
        for (text, line) in [
            ("  X-Frame-Options: DENY\n", "line 1"),
            ("/*\n  no colon here\n", "line 2"),
            ("news/*\n", "line 1"),
        ] {
            assert!(parse(text).unwrap_err().starts_with(line), "{text:?}");
        }
    }

    #[test_case("/*", "/", true ; "/* against /")]
    #[test_case("/*", "/news/a/b.json", true ; "/* against /news/a/b.json")]
    #[test_case("/news/*", "/news/a-story", true ; "/news/* against /news/a-story")]
    #[test_case("/news/*", "/news", false ; "/news/* against /news")]
    #[test_case("/news/*", "/newsroom", false ; "/news/* against /newsroom")]
    #[test_case("/api/*", "/api/v1/x.json", true ; "/api/* against /api/v1/x.json")]
    #[test_case("/", "/", true ; "/ against /")]
    #[test_case("/", "/index.html", false ; "/ against /index.html")]
    #[test_case("/news/:slug", "/news/a-story", true ; "/news/:slug against /news/a-story")]
    #[test_case("/news/:slug", "/news/a/b", false ; "/news/:slug against /news/a/b")]
    #[test_case("/privacy", "/privacy.html", false ; "/privacy against /privacy.html")]
    fn patterns_match_as_netlify_and_cloudflare_match_them(
        pattern: &str,
        path: &str,
        expected: bool,
    ) {
        assert_eq!(matches(pattern, path), expected);
    }

    #[test]
    fn redirects_are_read_with_their_status() {
        let rules = parse_redirects(&format!("{REDIRECTS_HEAD}{REDIRECTS_TAIL}")).unwrap();
        assert_eq!(
            rules,
            [Redirect {
                from: "/api/*".into(),
                to: "/api/v1/not-found.json".into(),
                status: 404
            }]
        );
        assert!(parse_redirects("/only-one-part\n").is_err());
        assert_eq!(parse_redirects("/a /b\n").unwrap()[0].status, 301);
    }
}
