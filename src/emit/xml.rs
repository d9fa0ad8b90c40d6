//! A small XML writer for the feeds and the sitemap.
//!
//! Element and attribute names are `&'static str` (written by us, never by an editor);
//! every attribute value and every text node is escaped, so no caller can
//! paste an unescaped string into the document. Characters that XML 1.0 does not allow
//! at all (most C0 controls, U+FFFE, U+FFFF) are dropped.

/// An XML document being written, one element per line.
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    /// Starts a document with the XML declaration.
    pub fn document() -> Xml {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            open: Vec::new(),
        }
    }

    fn start_tag(&mut self, name: &'static str, attrs: &[(&'static str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    /// Opens an element that will contain other elements; [`Xml::close`] ends it.
    pub fn open(&mut self, name: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name);
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Self {
        let name = self.open.pop().expect("close without open");
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self
    }

    /// An element holding only text.
    pub fn text(
        &mut self,
        name: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Self {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self
    }

    /// An element without content.
    pub fn empty(&mut self, name: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
        self
    }

    /// The finished document. Every opened element must have been closed.
    pub fn finish(self) -> String {
        assert!(self.open.is_empty(), "unclosed elements: {:?}", self.open);
        self.out
    }
}

/// Escapes text for an XML text node or a double-quoted attribute value.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes_and_drops_forbidden_characters() {
        let mut x = Xml::document();
        x.open("a", &[("href", "x?a=1&b=\"2\"")])
            .text("t", &[], "</t> & 'q' \u{1}😀")
            .empty("e", &[("v", "<>")])
            .close();
        let s = x.finish();
        assert!(s.contains(r#"<a href="x?a=1&amp;b=&quot;2&quot;">"#), "{s}");
        assert!(
            s.contains("<t>&lt;/t&gt; &amp; &apos;q&apos; 😀</t>"),
            "{s}"
        );
        assert!(s.contains(r#"<e v="&lt;&gt;"/>"#), "{s}");
    }
}
