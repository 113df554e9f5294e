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

/// "1 story", "3,400 stories": a count of stories as a reader reads it.
pub fn stories_count(count: usize) -> String {
    let digits = count.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{grouped} {}", if count == 1 { "story" } else { "stories" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_stories_read_as_words() {
        assert_eq!(stories_count(1), "1 story");
        assert_eq!(stories_count(0), "0 stories");
        assert_eq!(stories_count(999), "999 stories");
        assert_eq!(stories_count(3400), "3,400 stories");
        assert_eq!(stories_count(1_234_567), "1,234,567 stories");
    }

    #[test]
    fn markup_and_quotes_are_escaped_and_forbidden_controls_dropped() {
        assert_eq!(
            escape_markup("Britain's <b>\"best\"</b> & more\u{0}\u{1b}\n"),
            "Britain&#39;s &lt;b&gt;&quot;best&quot;&lt;/b&gt; &amp; more\n"
        );
    }
}
