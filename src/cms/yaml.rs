//! The CMS configuration as a tree ([`Node`]) and its YAML text.
//!
//! Written by hand rather than with serde_yaml (which the house rules keep inside
//! content/frontmatter, for reading): the tree has four kinds of values, the output must
//! be byte-identical on every machine (it is committed and compared by `gongbo check`),
//! and every text that is not a plain word is written as a JSON string, which is valid
//! YAML and cannot be misread (`no`, `1.0`, `#`, a colon, Hangul).

use std::fmt::Write as _;

/// A value of the configuration.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Str(String),
    Int(i64),
    Bool(bool),
    List(Vec<Node>),
    Map(Vec<(&'static str, Node)>),
}

impl Node {
    pub fn str(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }

    /// A map from pairs, in the order given.
    pub fn map(pairs: impl IntoIterator<Item = (&'static str, Node)>) -> Node {
        Node::Map(pairs.into_iter().collect())
    }

    /// The value of `key` in a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(pairs) => pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_list(&self) -> &[Node] {
        match self {
            Node::List(items) => items,
            _ => &[],
        }
    }
}

/// `node` as a YAML document (a map at the top), ending in a newline.
pub fn to_yaml(node: &Node) -> String {
    let mut out = String::new();
    match node {
        Node::Map(pairs) if !pairs.is_empty() => map(&mut out, pairs, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn map(out: &mut String, pairs: &[(&'static str, Node)], indent: usize) {
    for (i, (key, value)) in pairs.iter().enumerate() {
        // The first key of a list item follows its `- ` on the same line.
        if i > 0 || indent == 0 || !out.ends_with("- ") {
            pad(out, indent);
        }
        out.push_str(&scalar_text(key));
        out.push(':');
        value_after_key(out, value, indent);
    }
}

fn value_after_key(out: &mut String, value: &Node, indent: usize) {
    match value {
        Node::Map(pairs) if !pairs.is_empty() => {
            out.push('\n');
            map(out, pairs, indent + 2);
        }
        Node::List(items) if !items.is_empty() => {
            out.push('\n');
            list(out, items, indent);
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn list(out: &mut String, items: &[Node], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push_str("- ");
        match item {
            Node::Map(pairs) if !pairs.is_empty() => map(out, pairs, indent + 2),
            Node::List(inner) if !inner.is_empty() => {
                out.push('\n');
                list(out, inner, indent + 2);
            }
            other => {
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A value on one line: scalars, and empty lists and maps.
fn inline(node: &Node) -> String {
    match node {
        Node::Null => "null".to_string(),
        Node::Str(s) => scalar_text(s),
        Node::Int(n) => n.to_string(),
        Node::Bool(b) => b.to_string(),
        Node::List(items) => {
            let parts: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", parts.join(", "))
        }
        Node::Map(pairs) => {
            let parts: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}: {}", scalar_text(k), inline(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// A text as YAML: plain when it is an unambiguous word (`name`, `content/releases`,
/// `YYYY-MM-DD`), else a JSON string.
fn scalar_text(s: &str) -> String {
    if is_plain(s) {
        return s.to_string();
    }
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(q, "\\u{:04x}", c as u32);
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// Words YAML reads as something other than text, in any case.
const RESERVED: [&str; 11] = [
    "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~", "",
];

fn is_plain(s: &str) -> bool {
    let first = s.as_bytes().first().copied();
    !RESERVED.contains(&s.to_ascii_lowercase().as_str())
        && first.is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'/')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_style_with_json_strings_where_needed() {
        let n = Node::map([
            ("backend", Node::map([("name", Node::str("proxy"))])),
            (
                "locales",
                Node::List(vec![Node::str("ko"), Node::str("en")]),
            ),
            ("empty", Node::List(vec![])),
            (
                "fields",
                Node::List(vec![
                    Node::map([
                        ("name", Node::str("title")),
                        ("label", Node::str("제목: \"따옴표\"")),
                        ("required", Node::Bool(true)),
                    ]),
                    Node::map([
                        ("name", Node::str("years")),
                        (
                            "default",
                            Node::List(vec![Node::Int(2025), Node::Int(2029)]),
                        ),
                        ("word", Node::str("no")),
                        ("date", Node::str("2026-03-02")),
                    ]),
                ]),
            ),
        ]);
        let expected = "backend:\n  name: proxy\nlocales:\n- ko\n- en\nempty: []\nfields:\n\
            - name: title\n  label: \"제목: \\\"따옴표\\\"\"\n  required: true\n\
            - name: years\n  default:\n  - 2025\n  - 2029\n  word: \"no\"\n  date: \"2026-03-02\"\n";
        assert_eq!(to_yaml(&n), expected);
    }

    #[test]
    fn nested_lists_indent_under_their_item() {
        let n = Node::map([(
            "collections",
            Node::List(vec![Node::map([
                ("name", Node::str("a")),
                (
                    "fields",
                    Node::List(vec![Node::map([("name", Node::str("b"))])]),
                ),
            ])]),
        )]);
        assert_eq!(
            to_yaml(&n),
            "collections:\n- name: a\n  fields:\n  - name: b\n"
        );
    }
}
