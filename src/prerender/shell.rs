//! The shell every page is written into: Trunk's `index.html`, cut where a
//! page's head and body go, with Trunk's loader swapped for ours
//! (`loader.js`), which is a file of its own so that no page has an inline
//! script.

use crate::config::RENDERED_PATH;
use crate::publish::fingerprint;

/// The loader as the prerender includes it; `/@glue.js` and `/@app.wasm`
/// stand where the app's two files are named.
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
}

impl Shell {
    /// Takes Trunk's `index.html`: it must have the `<!--HEAD-->` marker and
    /// an empty `<body></body>`, and must not be a page rendered already.
    pub fn parse(index_html: &str) -> Result<Self, String> {
        if index_html.contains(RENDERED_PATH) {
            return Err("index.html is already a rendered page: run Trunk first".into());
        }
        let (index_html, loader) = with_our_loader(index_html)?;
        let (before_head, rest) = index_html
            .split_once("<!--HEAD-->")
            .ok_or("index.html has no <!--HEAD--> marker in its <head>")?;
        let (after_head, tail) = rest
            .split_once("<body></body>")
            .ok_or("index.html has no empty <body></body>")?;
        Ok(Shell {
            before_head: before_head.to_owned(),
            after_head: after_head.to_owned(),
            tail: tail.to_owned(),
            loader,
        })
    }
}

/// Replaces Trunk's wasm loader (an inline module that fetches and starts
/// the app at once, and a `preload` of the wasm in the head) with a
/// reference to our loader, and returns the loader's file.
fn with_our_loader(index_html: &str) -> Result<(String, TextFile), String> {
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
    let preload = format!("<link rel=\"preload\" href=\"{wasm}\"");
    if let Some(at) = html.find(&preload) {
        let close = html
            .get(at..)
            .and_then(|rest| rest.find('>'))
            .ok_or_else(|| unexpected("end to the wasm's preload"))?;
        html.replace_range(at..=at + close, "");
    }
    Ok((html, TextFile { path, text }))
}

/// The loader for the app whose glue and wasm are at these paths.
pub fn loader(glue: &str, wasm: &str) -> String {
    LOADER
        .replace("'/@glue.js'", &format!("'{glue}'"))
        .replace("'/@app.wasm'", &format!("'{wasm}'"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_loader_names_the_apps_files_once_each_and_no_placeholder() {
        let text = super::loader("/app-1.js", "/app-1_bg.wasm");
        assert_eq!(text.matches("'/app-1.js'").count(), 1);
        assert_eq!(text.matches("'/app-1_bg.wasm'").count(), 1);
        assert!(!text.contains("/@"));
    }
}
