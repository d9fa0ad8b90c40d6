//! YAML and serde error messages in plain words for an editor: what the YAML parser or
//! serde said (`mapping values are not allowed in this context`, `invalid type: string
//! "maybe", expected a boolean`) becomes what is wrong and how to write it instead.
//! Works on the message text and the source lines only; the caller owns the parser.

/// What a serde type error says was found (`string "maybe"`, `sequence`), in words.
pub fn found(what: &str) -> String {
    if let Some(s) = what.strip_prefix("string ") {
        return format!("the text `{}`", s.trim_matches('"'));
    }
    if let Some(n) = what
        .strip_prefix("integer ")
        .or_else(|| what.strip_prefix("floating point "))
    {
        return format!("the number {}", n.trim_matches('`'));
    }
    if let Some(b) = what.strip_prefix("boolean ") {
        return format!("`{}`", b.trim_matches('`'));
    }
    match what {
        "sequence" => "a list".into(),
        "map" => "a group of `key: value` lines".into(),
        "unit value" => "nothing".into(),
        w if w.starts_with("enum") => "a YAML tag (`!…`) with a value".into(),
        w => w.to_string(),
    }
}

/// What serde expected (`a boolean`, `a sequence`, `struct Contact`), in words.
pub fn expected(what: &str) -> String {
    let w = what.trim();
    if w.starts_with("struct ") || w.starts_with("a map") || w == "map" {
        return "a group of `key: value` lines".into();
    }
    match w {
        "a string" => "text".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list".into(),
        "i32" | "i64" | "u8" | "u32" | "u64" | "usize" | "an integer" => "a whole number".into(),
        w if w.starts_with("an array of length") => format!("a list of {}", &w[19..]),
        w => w.to_string(),
    }
}

/// A serde type error `invalid type: FOUND, expected EXPECTED`, split in two.
pub fn type_error(message: &str) -> Option<(&str, &str)> {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    rest.rsplit_once(", expected ")
}

/// A YAML syntax error in plain words, from the parser's message (with its own
/// positions already removed) and the source line it points at: the message, the hint,
/// and a better position (line, column) when the parser's is not where to look.
pub struct Syntax {
    pub message: String,
    pub hint: String,
    pub at: Option<(usize, usize)>,
}

/// `message` is the YAML parser's text; `line` the source line at the error (file line
/// `line_no`); `opened` the `(line, column)` where the scalar being scanned started.
pub fn syntax(message: &str, line: &str, opened: Option<(usize, usize)>) -> Option<Syntax> {
    let key_value = line
        .split_once(": ")
        .filter(|(k, _)| !k.is_empty() && !k.starts_with([' ', '-', '#']) && !k.contains(' '));
    if message.starts_with("mapping values are not allowed") {
        if line.starts_with(' ') {
            return Some(Syntax {
                message: "this line is indented as if it belonged to the line above".into(),
                hint: "start top-level keys at the beginning of the line, and indent the items of a list or group by the same number of spaces".into(),
                at: None,
            });
        }
        let (key, value) = key_value?;
        let value = value.trim().replace('"', "\\\"");
        return Some(Syntax {
            message: format!(
                "the value of `{key}` has `: ` in it, which YAML reads as the start of another key"
            ),
            hint: format!("put the {key} in quotes: {key}: \"{value}\""),
            at: None,
        });
    }
    if message.contains("while scanning a quoted scalar") && message.contains("end of stream") {
        return Some(Syntax {
            message: "the quote that opens here is never closed".into(),
            hint: "end the value with the same quote mark, on the same line".into(),
            at: opened,
        });
    }
    if message.contains("tab character")
        || (message.contains("cannot start any token") && line.contains('\t'))
    {
        return Some(Syntax {
            message: "a tab is used for indentation here".into(),
            hint: "YAML indentation must use spaces, not tabs".into(),
            at: None,
        });
    }
    if message.contains("while scanning an alias")
        || message.contains("while scanning an anchor")
        || message.contains("unknown anchor")
    {
        let fix = match key_value {
            Some((key, value)) => format!(
                "put the value in quotes: {key}: \"{}\"",
                value.trim().replace('"', "\\\"")
            ),
            None => "put the value in quotes".into(),
        };
        return Some(Syntax {
            message: "a value that starts with `*` or `&` is read as a YAML alias or anchor".into(),
            hint: fix,
            at: None,
        });
    }
    if message.contains("did not find expected key") && line.trim_start().starts_with("- ") {
        return Some(Syntax {
            message: "a list item here, where a `key: value` line was expected".into(),
            hint: "write list items under their key, indented, e.g. `tags:` and then `  - 예산` on the next line".into(),
            at: None,
        });
    }
    if message.contains("block sequence entries are not allowed") {
        return Some(Syntax {
            message: "a list item starts on the same line as its key".into(),
            hint: "start the list on the next line, indented, or put the value in quotes".into(),
            at: None,
        });
    }
    if message.contains("did not find expected '-' indicator")
        || message.contains("did not find expected key")
    {
        return Some(Syntax {
            message: "the indentation here does not line up with the lines above".into(),
            hint: "indent the items of one list or group by the same number of spaces".into(),
            at: None,
        });
    }
    if message.contains("control characters are not allowed") {
        return Some(Syntax {
            message: "the front matter holds an invisible control character".into(),
            hint: "delete it (it often comes with text pasted from another program)".into(),
            at: None,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_words_become_plain_words() {
        assert_eq!(found("string \"maybe\""), "the text `maybe`");
        assert_eq!(found("sequence"), "a list");
        assert_eq!(expected("a boolean"), "true or false");
        assert_eq!(expected("struct Contact"), "a group of `key: value` lines");
        assert_eq!(
            type_error("invalid type: string \"a, b\", expected a sequence"),
            Some(("string \"a, b\"", "a sequence"))
        );
    }

    #[test]
    fn a_colon_in_a_title_asks_for_quotes() {
        let s = syntax(
            "mapping values are not allowed in this context",
            "title: 가: 나",
            None,
        )
        .unwrap();
        assert_eq!(s.hint, "put the title in quotes: title: \"가: 나\"");
        let s = syntax(
            "mapping values are not allowed in this context",
            "  date: 2023-01-01",
            None,
        )
        .unwrap();
        assert!(s.message.contains("indented"), "{}", s.message);
    }
}
