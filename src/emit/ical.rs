//! A minimal iCalendar (RFC 5545) writer: content lines with TEXT escaping, CRLF line
//! endings and folding at 75 octets without splitting a UTF-8 character.

/// Longest content line in octets, not counting the CRLF (RFC 5545 §3.1).
const MAX_OCTETS: usize = 75;

/// Escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line: no physical line is longer than 75 octets, continuation
/// lines start with a space, every line ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

/// Builds a calendar one content line at a time.
#[derive(Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    pub fn new() -> Self {
        Self::default()
    }

    /// A property whose value is written as is (dates, URIs, enumerated values).
    pub fn raw(&mut self, name: &str, value: &str) -> &mut Self {
        self.out.push_str(&fold(&format!("{name}:{value}")));
        self
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) -> &mut Self {
        self.raw(name, &escape_text(value))
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "가".repeat(40));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for l in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded: String = folded
            .trim_end_matches("\r\n")
            .split("\r\n")
            .enumerate()
            .map(|(i, l)| if i == 0 { l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, line);
        assert_eq!(fold("A:b"), "A:b\r\n");
        let exact = format!("X:{}", "a".repeat(73));
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
    }
}
