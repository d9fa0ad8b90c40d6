//! A small, dependency-free checker for executable content in serialized HTML: the tags
//! and attributes of a document are tokenized (quotes respected, comments skipped) and
//! every tag is checked. Shared by tests/hostile.rs, tests/properties.rs and the fuzz
//! targets (which include this file by path), so all three hold the same line.
#![allow(dead_code)]

/// A start tag: lowercase name and (lowercase name, raw value) attributes.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

/// The start tags of `html`, in order.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            continue;
        }
        i += 1;
        if i >= b.len() || !(b[i].is_ascii_alphabetic()) {
            continue;
        }
        let start = i;
        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let s = i;
            while i < b.len()
                && !matches!(
                    b[i],
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
                )
            {
                i += 1;
            }
            let aname = html[s..i].to_ascii_lowercase();
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    i = vs;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = html[vs..i.min(b.len())].to_string();
                    i += 1;
                } else {
                    let vs = i;
                    while i < b.len()
                        && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>')
                    {
                        i += 1;
                    }
                    value = html[vs..i].to_string();
                }
            }
            attrs.push((aname, value));
        }
        out.push(Tag { name, attrs });
    }
    out
}

/// An attribute value as a browser would see its URL scheme (WHATWG URL parsing):
/// character references decoded, leading and trailing C0 controls and spaces trimmed,
/// tabs and newlines anywhere removed, lowercased. (A control character inside the
/// scheme, `javascri\u{7}pt:`, makes it a relative URL, so it is kept.)
pub fn normalize_url(value: &str) -> String {
    let mut s = String::new();
    let mut rest = value;
    while let Some(p) = rest.find('&') {
        s.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|e| *e < 12);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
            } else if let Some(d) = ent.strip_prefix('#') {
                d.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match ent.to_ascii_lowercase().as_str() {
                    "colon" => Some(':'),
                    "tab" => Some('\t'),
                    "newline" => Some('\n'),
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    _ => None,
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                s.push(c);
                rest = &rest[len..];
            }
            None => {
                s.push('&');
                rest = &rest[1..];
            }
        }
    }
    s.push_str(rest);
    s.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_lowercase()
}

const URL_ATTRS: [&str; 8] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "srcset",
];

/// What makes `tag` executable, if anything. `allow_script` decides which `<script>`
/// elements are ours (JSON-LD, our own static files).
pub fn problem(tag: &Tag, allow_script: &dyn Fn(&Tag) -> bool) -> Option<String> {
    match tag.name.as_str() {
        "script" if !allow_script(tag) => return Some("a <script> element".into()),
        "iframe" | "object" | "embed" | "frame" | "frameset" | "applet" | "base" => {
            return Some(format!("a <{}> element", tag.name))
        }
        _ => {}
    }
    for (name, value) in &tag.attrs {
        if name.starts_with("on") && name.len() > 2 {
            return Some(format!("the event handler {name}=\"{value}\""));
        }
        if URL_ATTRS.contains(&name.as_str()) {
            let v = normalize_url(value);
            if v.starts_with("javascript:")
                || v.starts_with("vbscript:")
                || v.starts_with("data:text")
                || v.starts_with("data:image/svg")
            {
                return Some(format!("the script URL {name}=\"{value}\""));
            }
        }
        if name == "http-equiv" && value.eq_ignore_ascii_case("refresh") {
            return Some("a meta refresh".into());
        }
    }
    None
}

/// Every problem in `html`; `<script>` is never allowed.
pub fn problems(html: &str) -> Vec<String> {
    tags(html)
        .iter()
        .filter_map(|t| problem(t, &|_| false))
        .collect()
}
