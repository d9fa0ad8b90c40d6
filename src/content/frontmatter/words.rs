//! YAML syntax errors in plain words for an editor: what the YAML parser said
//! (`mapping values are not allowed in this context`) becomes what is wrong and how to
//! write it instead. Works on the message text and the source lines only; the caller
//! owns the parser. serde's own words (`invalid type: string "maybe", expected a
//! boolean`) are read by [`crate::diag::words`], which site.toml shares.

pub use crate::diag::words::{expected, found, length_error, type_error};
use crate::diag::Text;

/// A YAML syntax error in plain words, from the parser's message (with its own
/// positions already removed) and the source line it points at: the message, the hint,
/// and a better position (line, column) when the parser's is not where to look.
pub struct Syntax {
    pub message: Text,
    pub hint: Text,
    pub at: Option<(usize, usize)>,
}

impl Syntax {
    fn new(message: Text, hint: Text) -> Option<Syntax> {
        Some(Syntax {
            message,
            hint,
            at: None,
        })
    }
}

/// `message` is the YAML parser's text; `line` the source line at the error (file line
/// `line_no`); `opened` the `(line, column)` where the scalar being scanned started.
pub fn syntax(message: &str, line: &str, opened: Option<(usize, usize)>) -> Option<Syntax> {
    let key_value = line
        .split_once(": ")
        .filter(|(k, _)| !k.is_empty() && !k.starts_with([' ', '-', '#']) && !k.contains(' '));
    if message.starts_with("mapping values are not allowed") {
        if line.starts_with(' ') {
            return Syntax::new(
                t!("this line is indented as if it belonged to the line above"),
                t!("start top-level keys at the beginning of the line, and indent the items of a list or group by the same number of spaces"),
            );
        }
        let (key, value) = key_value?;
        let value = value.trim().replace('"', "\\\"");
        return Syntax::new(
            t!(
                "the value of `{key}` has `: ` in it, which YAML reads as the start of another key",
                key
            ),
            t!("put the {key} in quotes: {key}: \"{value}\"", key, value),
        );
    }
    if message.contains("while scanning a quoted scalar") && message.contains("end of stream") {
        return Some(Syntax {
            message: t!("the quote that opens here is never closed"),
            hint: t!("end the value with the same quote mark, on the same line"),
            at: opened,
        });
    }
    if message.contains("tab character")
        || (message.contains("cannot start any token") && line.contains('\t'))
    {
        return Syntax::new(
            t!("a tab is used for indentation here"),
            t!("YAML indentation must use spaces, not tabs"),
        );
    }
    if message.contains("while scanning an alias")
        || message.contains("while scanning an anchor")
        || message.contains("unknown anchor")
    {
        let fix = match key_value {
            Some((key, value)) => {
                let value = value.trim().replace('"', "\\\"");
                t!("put the value in quotes: {key}: \"{value}\"", key, value)
            }
            None => t!("put the value in quotes"),
        };
        return Syntax::new(
            t!("a value that starts with `*` or `&` is read as a YAML alias or anchor"),
            fix,
        );
    }
    if message.contains("did not find expected key") && line.trim_start().starts_with("- ") {
        return Syntax::new(
            t!("a list item here, where a `key: value` line was expected"),
            t!("write list items under their key, indented, e.g. `tags:` and then `  - 예산` on the next line"),
        );
    }
    if message.contains("block sequence entries are not allowed") {
        return Syntax::new(
            t!("a list item starts on the same line as its key"),
            t!("start the list on the next line, indented, or put the value in quotes"),
        );
    }
    if message.contains("did not find expected '-' indicator")
        || message.contains("did not find expected key")
    {
        return Syntax::new(
            t!("the indentation here does not line up with the lines above"),
            t!("indent the items of one list or group by the same number of spaces"),
        );
    }
    if message.contains("control characters are not allowed") {
        return Syntax::new(
            t!("the front matter holds an invisible control character"),
            t!("delete it (it often comes with text pasted from another program)"),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_in_a_title_asks_for_quotes() {
        let s = syntax(
            "mapping values are not allowed in this context",
            "title: 가: 나",
            None,
        )
        .unwrap();
        assert_eq!(s.hint, "put the title in quotes: title: \"가: 나\"");
        assert_eq!(
            s.hint.render(crate::types::Lang::Ko),
            "값에 콜론(:)이 있으면 값 전체를 따옴표로 감싸세요: title: \"가: 나\""
        );
        let s = syntax(
            "mapping values are not allowed in this context",
            "  date: 2023-01-01",
            None,
        )
        .unwrap();
        assert!(s.message.contains("indented"), "{}", s.message);
    }
}
