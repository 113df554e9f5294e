//! Text made safe to put in HTML or XML, as content or attribute values.

/// `text` with `&`, `<`, `>`, `"` and `'` escaped (as HTML and XML both
/// read them), and the control characters XML does not allow left out.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped_and_forbidden_controls_dropped() {
        assert_eq!(
            escape_markup("Britain's <b>\"best\"</b> & more\u{0}\u{1b}\n"),
            "Britain&#39;s &lt;b&gt;&quot;best&quot;&lt;/b&gt; &amp; more\n"
        );
    }
}
