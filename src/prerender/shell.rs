//! The shell every page is written into: Trunk's `index.html`, cut where a
//! page's head and body go, with Trunk's loader swapped for ours
//! (`loader.js`), which is a file of its own so that no page has an inline
//! script. Its stylesheet is inline (Trunk puts `style/main.css` in a
//! `<style>`), so a page paints from its first response; the
//! Content-Security-Policy allows that one stylesheet by its hash
//! ([`Shell::style_hashes`]), never by `'unsafe-inline'`.

use crate::config::RENDERED_PATH;
use crate::publish::fingerprint;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The loader as the prerender includes it; `/@glue.js` and `/@app.wasm`
/// stand where the app's two files are named, `/@sw.js` where the service
/// worker is.
const LOADER: &str = include_str!("loader.js");

/// A file the site serves: its path there, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFile {
    pub path: String,
    pub text: String,
}

/// Trunk's `index.html`, cut where each page's head and body go, and the
/// loader every page names.
#[derive(Debug, Clone)]
pub struct Shell {
    pub(super) before_head: String,
    pub(super) after_head: String,
    pub(super) tail: String,
    pub loader: TextFile,
    /// The app's two files the loader fetches: its JavaScript glue and its
    /// wasm, by their paths on the site.
    pub app: [String; 2],
    /// Each inline `<style>`'s source expression for the policy's
    /// `style-src`, as `'sha256-…'`.
    pub style_hashes: Vec<String>,
    /// The files of each split-off part of the app (none until the
    /// renderer is given them: `Renderer::with_part_files`).
    pub part_files: super::PartFiles,
}

impl Shell {
    /// Takes Trunk's `index.html`: it must have the `<!--HEAD-->` marker and
    /// an empty `<body></body>`, and must not be a page rendered already.
    pub fn parse(index_html: &str) -> Result<Self, String> {
        if index_html.contains(RENDERED_PATH) {
            return Err("index.html is already a rendered page: run Trunk first".into());
        }
        let (index_html, loader, app) = with_our_loader(index_html)?;
        let (before_head, rest) = index_html
            .split_once("<!--HEAD-->")
            .ok_or("index.html has no <!--HEAD--> marker in its <head>")?;
        let (after_head, tail) = rest
            .split_once("<body></body>")
            .ok_or("index.html has no empty <body></body>")?;
        let style_hashes = inline_styles(before_head)?
            .into_iter()
            .map(style_hash)
            .collect();
        Ok(Shell {
            style_hashes,
            before_head: before_head.to_owned(),
            after_head: format!("{}{after_head}", feed_preload()),
            tail: tail.to_owned(),
            loader,
            app,
            part_files: super::PartFiles::new(),
        })
    }
}

/// Every page's app fetches the ticker's headlines first thing: asked for
/// with the page's other files, they are there when the app starts rather
/// than one round trip after. (A preload matches the app's fetch: same
/// address, CORS mode, same-origin credentials.)
fn feed_preload() -> String {
    format!(
        "<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>",
        crate::config::headlines_url()
            .replace('&', "&amp;")
            .replace('"', "&quot;")
    )
}

/// The text of each `<style>` element in `head`, exactly as the browser
/// hashes it.
fn inline_styles(head: &str) -> Result<Vec<&str>, String> {
    let mut styles = Vec::new();
    let mut rest = head;
    while let Some(at) = rest.find("<style") {
        let open = rest
            .get(at..)
            .and_then(|from| from.find('>'))
            .map(|end| at + end + 1)
            .ok_or("index.html has a <style> that does not close its tag")?;
        let close = rest
            .get(open..)
            .and_then(|from| from.find("</style>"))
            .map(|end| open + end)
            .ok_or("index.html has a <style> with no </style>")?;
        styles.push(rest.get(open..close).unwrap_or_default());
        rest = rest.get(close..).unwrap_or_default();
    }
    Ok(styles)
}

/// A stylesheet's `'sha256-…'` source expression (CSP level 2).
pub fn style_hash(css: &str) -> String {
    let digest = Sha256::digest(css.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Replaces Trunk's wasm loader (an inline module that fetches and starts
/// the app at once) with a reference to our loader, and returns the
/// loader's file and the paths of the glue and the wasm it fetches.
fn with_our_loader(index_html: &str) -> Result<(String, TextFile, [String; 2]), String> {
    let unexpected = |what: &str| format!("Trunk's index.html has no {what}: has Trunk changed?");
    let start = index_html
        .find("<script type=\"module\">")
        .ok_or_else(|| unexpected("inline module loader"))?;
    let end = index_html
        .get(start..)
        .and_then(|rest| rest.find("</script>"))
        .map(|at| start + at + "</script>".len())
        .ok_or_else(|| unexpected("end to its loader"))?;
    let trunk_loader = index_html.get(start..end).unwrap_or_default();
    let quoted_after = |marker: &str| {
        let from = trunk_loader.find(marker)? + marker.len();
        let rest = trunk_loader.get(from..)?;
        rest.get(..rest.find('\'')?)
    };
    let glue = quoted_after("from '").ok_or_else(|| unexpected("JavaScript glue in its loader"))?;
    let wasm = quoted_after("module_or_path: '").ok_or_else(|| unexpected("wasm in its loader"))?;
    let text = loader(glue, wasm);
    let path = format!("/start-{:016x}.js", fingerprint(text.as_bytes()));
    let mut html = String::with_capacity(index_html.len());
    html.push_str(index_html.get(..start).unwrap_or_default());
    html.push_str(&format!("<script type=\"module\" src=\"{path}\"></script>"));
    html.push_str(index_html.get(end..).unwrap_or_default());
    // Trunk's preloads of the wasm, the glue and its snippet stay in the
    // head: the app's files download with the page, and the loader starts
    // the app once the page has painted (decision 14: the page answers
    // 381 ms sooner on a phone and paints no later).
    Ok((
        html,
        TextFile { path, text },
        [glue.to_owned(), wasm.to_owned()],
    ))
}

/// The loader for the app whose glue and wasm are at these paths, as the
/// site serves it: without its comments, which every first visit would
/// otherwise download (1,439 bytes brotli with them, 815 without).
pub fn loader(glue: &str, wasm: &str) -> String {
    let code: Vec<&str> = LOADER
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with("//"))
        .collect();
    (code.join("\n") + "\n")
        .replace("'/@glue.js'", &format!("'{glue}'"))
        .replace("'/@app.wasm'", &format!("'{wasm}'"))
        .replace("'/@sw.js'", &format!("'{}'", crate::routes::SERVICE_WORKER))
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_inline_stylesheet_is_hashed_as_the_browser_hashes_it() {
        // The digest of "body{margin:0}", from `printf %s 'body{margin:0}' |
        // openssl sha256 -binary | base64`.
        let index_html = "<html><head><style>body{margin:0}</style>\
            <style media=\"print\">a{}</style><script type=\"module\">\
            import init from '/app-1.js'; init({ module_or_path: '/app-1_bg.wasm' });\
            </script><!--HEAD--></head><body></body></html>";
        let shell = super::Shell::parse(index_html).unwrap();
        assert_eq!(shell.style_hashes.len(), 2);
        assert_eq!(
            shell.style_hashes[0],
            "'sha256-IAdwN3biDCQ3brrgp1m8kBEsPQYyqfREKOEfeoREopc='"
        );
    }

    #[test]
    fn the_loader_names_the_apps_files_once_each_and_no_placeholder() {
        let text = super::loader("/app-1.js", "/app-1_bg.wasm");
        assert_eq!(text.matches("'/app-1.js'").count(), 1);
        assert_eq!(text.matches("'/app-1_bg.wasm'").count(), 1);
        assert_eq!(text.matches("'/sw.js'").count(), 1);
        assert!(!text.contains("/@"));
        assert!(!text.lines().any(|line| line.trim_start().starts_with("//")));
        assert!(text.contains("new PerformanceObserver(painted)"));
    }
}
