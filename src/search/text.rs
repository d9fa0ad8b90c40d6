//! Rendered HTML back to the text a reader sees, for the search index: tags dropped
//! (each one separates words), entities decoded, runs of white space collapsed to one
//! space, no space at either end.
//!
//! Written by hand rather than with an HTML parser: the input is our own sanitized
//! output, so tags never hold a bare `>` in an attribute that matters here, and one
//! pass over the bytes is several times cheaper than building a DOM for every page of a
//! large site. Text between special bytes is copied in whole runs; only `<`, `&`, ASCII
//! white space and the lead bytes of the few non-ASCII white space characters stop it.

/// The text of rendered HTML: tags dropped, entities decoded, whitespace collapsed.
pub fn html_text(html: &str) -> String {
    let mut out = Out {
        text: String::with_capacity(html.len()),
        gap: false,
    };
    let bytes = html.as_bytes();
    // The start of the run of ordinary bytes not yet copied.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !SPECIAL[b as usize] {
            i += 1;
            continue;
        }
        // One space between two pieces of text is kept as it is, inside the run.
        if b == b' ' && i > run && bytes.get(i + 1).is_some_and(|&n| !SPECIAL[n as usize]) {
            i += 2;
            continue;
        }
        if b >= 0x80 {
            // A lead byte that may start a white space character (U+0085, U+00A0,
            // U+1680, U+2000..U+205F, U+3000); most such characters are not.
            let c = html[i..].chars().next().unwrap_or(' ');
            if !c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            out.run(&html[run..i]);
            out.gap = true;
            i += c.len_utf8();
            run = i;
            continue;
        }
        out.run(&html[run..i]);
        match b {
            b'<' if html[i..].starts_with(PHOTO_DOWNLOAD) => {
                // The link to a photo's original says what the page offers, not what
                // the release says: left out, with its words.
                out.gap = true;
                i = html[i..].find("</a>").map_or(bytes.len(), |e| i + e + 4);
            }
            b'<' => {
                // A tag separates words; an unclosed one runs to the end.
                out.gap = true;
                i = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |g| i + g + 1);
            }
            b'&' => match entity(&html[i..]) {
                Some((c, len)) => {
                    out.char(c);
                    i += len;
                }
                None => {
                    out.char('&');
                    i += 1;
                }
            },
            _ => {
                out.gap = true;
                i += 1;
            }
        }
        run = i;
    }
    out.run(&html[run..]);
    out.text
}

/// The start of the link to a photo's original (`markdown::figure::download`).
const PHOTO_DOWNLOAD: &str = "<a class=\"photo-download\"";

struct Out {
    text: String,
    /// White space seen since the last text: one space goes before the next text.
    gap: bool,
}

impl Out {
    /// Text without white space.
    fn run(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.sep();
        self.text.push_str(s);
    }

    fn char(&mut self, c: char) {
        if c.is_whitespace() {
            self.gap = true;
        } else {
            self.sep();
            self.text.push(c);
        }
    }

    fn sep(&mut self) {
        if self.gap && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.gap = false;
    }
}

/// Bytes that stop a run: `<`, `&`, ASCII white space and the lead bytes of U+0085 and
/// U+00A0 (0xC2), U+1680 (0xE1), U+2000..U+205F (0xE2) and U+3000 (0xE3).
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = matches!(b, b'<' | b'&' | 0xC2 | 0xE1 | 0xE2 | 0xE3) || b.is_ascii_whitespace();
        i += 1;
    }
    // `is_ascii_whitespace` leaves out U+000B, which `char::is_whitespace` includes.
    t[0x0B] = true;
    t
};

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// The character an entity at the start of `s` (which starts with `&`) stands for, and
/// the entity's length: the five XML entities, `&nbsp;` and numeric references.
fn entity(s: &str) -> Option<(char, usize)> {
    let head = &s.as_bytes()[..s.len().min(11)];
    let semi = head.iter().position(|&b| b == b';')?;
    let name = &s[1..semi];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        _ => name
            .strip_prefix("#x")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32)?,
    };
    Some((c, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photos_caption_is_text_and_its_download_link_is_not() {
        let html = "<p>앞</p><figure class=\"photo\"><picture><img src=\"/p.jpg\" alt=\"대체\"></picture><figcaption><span class=\"photo-caption\">부지 전경</span> <a class=\"photo-download\" href=\"/p.jpg\" download>원본 내려받기 (JPEG, 4000×3000)</a></figcaption></figure><p>뒤</p>";
        assert_eq!(html_text(html), "앞 부지 전경 뒤");
        assert_eq!(html_text("<a class=\"photo-download\" href=\"x\">끝"), "");
    }

    /// The plain statement of the rules: tags become spaces, entities are decoded, then
    /// white space collapses.
    fn plain(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            decode_into(&rest[..lt], &mut out);
            let tag = &rest[lt..];
            let gt = tag.find('>').map_or(tag.len(), |g| g + 1);
            out.push(' ');
            rest = &tag[gt..];
        }
        decode_into(rest, &mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn decode_into(s: &str, out: &mut String) {
        let mut rest = s;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            match entity(&rest[amp..]) {
                Some((c, len)) => {
                    out.push(c);
                    rest = &rest[amp + len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[amp + 1..];
                }
            }
        }
        out.push_str(rest);
    }

    #[test]
    fn drops_tags_and_decodes_entities() {
        assert_eq!(
            html_text("<p>A &amp; B</p><p>4,000&#xC5B5;</p>"),
            "A & B 4,000억"
        );
        assert_eq!(html_text("  <p> 가\u{3000}나 </p>\n"), "가 나");
        assert_eq!(html_text("a&nbsp;b&#10;c&bogus;d&"), "a b c&bogus;d&");
        assert_eq!(html_text("a<b"), "a");
        assert_eq!(
            html_text("x\u{00B7}y\u{2014}z\u{00A0}w"),
            "x\u{00B7}y\u{2014}z w"
        );
    }

    proptest::proptest! {
        #[test]
        fn same_as_the_plain_rules(text in "([<>&;# a-z0-9\u{00A0}\u{00B7}\u{2003}\u{2014}\u{3000}\u{0B}\u{85}가-힣]|&amp;|&#x20;|&lt;|<p>|</p>){0,40}") {
            proptest::prop_assert_eq!(html_text(&text), plain(&text));
        }
    }
}
