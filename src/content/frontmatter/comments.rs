//! W013: text cut short by a comment. In YAML, ` #` (a space or tab, then `#`) starts a
//! comment, even inside an unquoted value: `title: 광주 #1 행사` publishes the title
//! `광주` and drops the rest without a word. This reads the front matter as written,
//! line by line, and finds the text fields whose unquoted value goes on after a ` #`.
//!
//! Quoted values (`title: "광주 #1 행사"`), block values (`summary: |`), lists and maps
//! written on one line, and comment lines of their own are left alone: there the `#`
//! is either kept or plainly a comment. A `key: # …` line, a value that is all comment,
//! is taken as a note unless the `#` is followed by text at once (`summary: #1 행사`).

use super::Split;
use crate::diag::{Code, Diagnostic, Loc};

/// The text fields of a release: `key` at the top level, `list.key` for a key of the
/// items of the list `list`, and `list[]` for a list whose items are lines of text.
pub const RELEASE_TEXT: &[&str] = &[
    "title",
    "summary",
    "department",
    "image_alt",
    "highlights[]",
    "contacts.role",
    "contacts.rank",
    "contacts.name",
    "changes.note",
    "milestone_updates.note",
    "attachments.title",
    "photos.alt",
    "photos.caption",
    "photos.credit",
    "sources.title",
];

/// The text fields of a page (as [`RELEASE_TEXT`]).
pub const PAGE_TEXT: &[&str] = &["title", "summary"];

/// A warning for each line of `split` where the unquoted value of one of the `text`
/// fields goes on after a ` #`, at the `#`.
pub fn dropped_comments(file: &str, split: &Split<'_>, text: &[&str]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The top-level key whose block the line is in.
    let mut block: Option<&str> = None;
    for (i, line) in split.yaml.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let (item, rest) = match trimmed.strip_prefix('-') {
            Some(r) if r.is_empty() || r.starts_with([' ', '\t']) => (true, r.trim_start()),
            _ => (false, trimmed),
        };
        let (path, value) = match key_of(rest) {
            Some((key, value)) if indent == 0 && !item => {
                block = Some(key);
                (key.to_string(), value)
            }
            Some((key, value)) => match block {
                Some(list) => (format!("{list}.{key}"), value),
                None => continue,
            },
            None if item => match block {
                Some(list) => (format!("{list}[]"), rest),
                None => continue,
            },
            None => continue,
        };
        if !text.contains(&path.as_str()) {
            continue;
        }
        let Some(cut) = cut(value) else { continue };
        let field = path.trim_end_matches("[]").to_string();
        // The byte of the `#` in the line (`value` is the end of the line).
        let at = line.len() - value.len() + cut.hash;
        let column = line[..at].chars().count() + 1;
        let quoted = quote(cut.whole);
        let suggestion = if path.ends_with("[]") {
            format!("- {quoted}")
        } else {
            format!("{}: {quoted}", path.rsplit('.').next().unwrap_or(&path))
        };
        let message = if cut.kept.is_empty() {
            t!(
                "the text after ` #` is dropped as a comment, so `{field}` is published empty",
                field = &field
            )
        } else {
            t!(
                "the text after ` #` is dropped as a comment, so `{field}` is published as `{kept}`",
                field = &field,
                kept = cut.kept
            )
        };
        out.push(
            Diagnostic::new(Code::CommentInText, file, message)
                .at(Loc::new(split.yaml_line + i, column))
                .field(field)
                .hint(t!(
                    "if the `#` and the text after it belong to the value, put the whole value in quotes: `{suggestion}`; if they are a note, move them to a line of their own",
                    suggestion
                )),
        );
    }
    out
}

/// The key of a `key: value` line (a plain or quoted key of letters, digits and `_`)
/// and the rest of the line after the `:`.
fn key_of(rest: &str) -> Option<(&str, &str)> {
    let (key, after) = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let end = rest[1..].find(q)? + 1;
            (&rest[1..end], &rest[end + 1..])
        }
        _ => {
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
            (&rest[..end], &rest[end..])
        }
    };
    let valid = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let value = after.strip_prefix(':')?;
    (valid && (value.is_empty() || value.starts_with([' ', '\t']))).then_some((key, value))
}

/// Where a value is cut by a comment.
struct Cut<'a> {
    /// The byte of the `#` in the value as given.
    hash: usize,
    /// What YAML keeps: the text before ` #`.
    kept: &'a str,
    /// The whole value as written, comment and all.
    whole: &'a str,
}

/// Where the unquoted (plain) value `value` (the text after `key:` or `- `) is cut by a
/// ` #` comment, if it is.
fn cut(value: &str) -> Option<Cut<'_>> {
    let start = value.len() - value.trim_start_matches([' ', '\t']).len();
    let v = value[start..].trim_end();
    // Quoted, a block (`|`, `>`), a list or map on one line, an anchor, alias or tag:
    // not a plain value (the last three are errors of their own).
    if v.is_empty() || v.starts_with(['"', '\'', '|', '>', '[', '{', '&', '*', '!']) {
        return None;
    }
    let hash = if let Some(after) = v.strip_prefix('#') {
        // `key: # a note` is a comment by intent; `key: #1 행사` is text.
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            return None;
        }
        0
    } else {
        let b = v.as_bytes();
        (1..b.len()).find(|&i| b[i] == b'#' && matches!(b[i - 1], b' ' | b'\t'))?
    };
    Some(Cut {
        hash: start + hash,
        kept: v[..hash].trim_end(),
        whole: v,
    })
}

/// `text` as a double-quoted YAML value.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(yaml: &str) -> Vec<(usize, usize, String, String)> {
        let text = format!("---\n{yaml}---\n");
        let split = super::super::split("x.md", &text).unwrap();
        dropped_comments("x.md", &split, RELEASE_TEXT)
            .into_iter()
            .map(|d| {
                let loc = d.loc.unwrap();
                let hint = d.hint.map(|h| h.to_string()).unwrap_or_default();
                (
                    loc.line,
                    loc.col,
                    d.field.unwrap(),
                    format!("{} | {hint}", d.message),
                )
            })
            .collect()
    }

    #[test]
    fn a_plain_value_cut_by_a_comment_is_found_at_its_hash() {
        let f = found("title: 광주 #1 행사\ndate: 2025-03-02\n");
        assert_eq!(f.len(), 1, "{f:?}");
        let (line, col, field, said) = &f[0];
        assert_eq!((*line, *col, field.as_str()), (2, 11, "title"));
        assert!(said.contains("published as `광주`"), "{said}");
        assert!(said.contains("`title: \"광주 #1 행사\"`"), "{said}");
    }

    #[test]
    fn list_items_and_keys_of_items_are_text_fields_too() {
        let f = found(
            "highlights:\n  - 1단계 #2 착공\n  - \"따옴표 #3\"\nphotos:\n  - src: images/a.jpg\n    caption: 착공식 #1\n    credit: \"시청 #2\"\ncontacts:\n- name: 홍길동 #담당\n",
        );
        let at: Vec<(usize, &str)> = f.iter().map(|x| (x.0, x.2.as_str())).collect();
        assert_eq!(
            at,
            [
                (3, "highlights"),
                (7, "photos.caption"),
                (10, "contacts.name")
            ]
        );
        assert!(f[0].3.contains("`- \"1단계 #2 착공\"`"), "{}", f[0].3);
        assert!(f[1].3.contains("`caption: \"착공식 #1\"`"), "{}", f[1].3);
    }

    #[test]
    fn quoted_values_comment_lines_and_other_fields_are_left_alone() {
        let yaml = "# a comment line #1\ntitle: \"광주 #1 행사\" # a note\nsummary: '#1 요약'\n  # indented comment\nslug: a #1\nimage: images/a.jpg #x\ndepartment: 정책과#1\nhighlights: [a #1]\nimage_alt: |\n  본문 #1\ntags: [a, b] # note\n";
        assert_eq!(found(yaml), []);
        assert_eq!(found("summary: # 나중에 씁니다\n"), []);
        assert_eq!(found("summary:\n"), []);
        assert_eq!(found("summary: #\n"), []);
    }

    #[test]
    fn a_value_that_is_all_comment_but_reads_as_text_is_found() {
        let f = found("summary: #1 행사 요약\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].0, f[0].1), (2, 10));
        assert!(f[0].3.contains("published empty"), "{}", f[0].3);
        let f = found("title: a\tb\t#c\n");
        assert_eq!(f[0].1, 12, "{f:?}");
    }

    #[test]
    fn the_suggestion_escapes_quotes_and_backslashes() {
        assert_eq!(quote(r#"a "b" \ #1"#), r#""a \"b\" \\ #1""#);
    }
}
