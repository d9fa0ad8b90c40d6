//! The TOML reader's errors about site.toml in plain words: the usual mistakes (a `:`
//! for `=`, text without quotes, a value of the wrong kind) say what to write instead,
//! with the key of the line and an example made from it.

use super::FILE;
use crate::diag::{unknown_field, words, Code, Diagnostic, Text};

/// The diagnostic for the TOML reader's `message` about `text`, whose error starts at
/// byte `at` (the position is set by the caller).
pub(super) fn toml_error(message: &str, text: &str, at: Option<usize>) -> Diagnostic {
    let message = message.trim();
    let d = |m: Text| Diagnostic::new(Code::SiteConfig, FILE, m);
    let line = at.map(|at| line_at(text, at)).unwrap_or("");
    let key = line_key(line);
    if let Some(m) = Text::recover(message) {
        return with_key(d(m), key);
    }
    if let Some((name, hint)) = unknown_field(message) {
        return d(t!("unknown key `{name}`", name)).hint(hint);
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        let field = field.trim_end_matches('`');
        return d(t!("the required key `{field}` is missing", field))
            .field(field)
            .hint(t!(
                "add `{field} = …` (every key is explained in gongbo's docs/site-toml.md)",
                field
            ));
    }
    if let Some((found, expected)) = words::type_error(message) {
        let (found, what) = (words::found(found), words::expected(expected));
        let Some(key) = key else {
            return d(t!("the value must be {what}, not {found}", what, found));
        };
        let example = match expected {
            "a string" => format!("{key} = \"…\""),
            "a boolean" => format!("{key} = true"),
            "u8" | "u16" | "u32" | "u64" | "usize" => format!("{key} = 10"),
            _ => String::new(),
        };
        let d = d(t!("`{key}` must be {what}, not {found}", key, what, found)).field(key);
        return if example.is_empty() {
            d
        } else {
            d.hint(t!("e.g. {example}", example))
        };
    }
    let first = message.lines().next().unwrap_or(message);
    if first.starts_with("duplicate key") {
        return with_key(d(t!("a key is written twice")), key)
            .hint(t!("keep one of them and delete the other"));
    }
    if first.starts_with("invalid basic string") || first.starts_with("invalid literal string") {
        return d(t!("the text that starts here is not closed")).hint(t!(
            "end the text with the same quote mark, on the same line"
        ));
    }
    // `title: "시험 공보"`: a colon where site.toml writes `=`.
    if first.starts_with("key with no value") {
        let d = d(t!("site.toml writes `key = value`, with `=` between them"));
        return match line.split_once(':') {
            Some((k, v)) if !k.trim().is_empty() && !k.contains(['"', '=']) => {
                let example = format!("{} = {}", k.trim(), v.trim());
                d.hint(t!("e.g. {example}", example))
            }
            _ => d,
        };
    }
    // `title = 시험 공보`: text without its quotes.
    if first.starts_with("string values must be quoted") {
        let d = with_key(d(t!("text must be in double quotes")), key);
        return match line.split_once('=') {
            Some((k, v)) if !v.trim().is_empty() => {
                let v = v.trim().replace('\\', "\\\\").replace('"', "\\\"");
                let example = format!("{} = \"{v}\"", k.trim());
                d.hint(t!("e.g. {example}", example))
            }
            _ => d,
        };
    }
    let reason = message;
    d(t!("site.toml cannot be read: {reason}", reason)).hint(t!(
        "each line is `key = value`, text goes in double quotes (`title = \"…\"`), and tables start with a `[name]` line"
    ))
}

fn with_key(d: Diagnostic, key: Option<&str>) -> Diagnostic {
    match key {
        Some(k) => d.field(k),
        None => d,
    }
}

/// The line of `text` that holds byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let at = (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// The key of a `key = value` line, when it is a plain key (`releases_per_page`), not
/// a part of an inline table.
fn line_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.');
    plain.then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Lang;

    #[test]
    fn the_usual_mistakes_say_what_to_write() {
        let text = "base_url = \"https://example.org/\"\ntitle: \"시험 공보\"\n";
        let d = toml_error("key with no value, expected `=`", text, Some(40));
        assert_eq!(
            d.render(Lang::Ko),
            "site.toml: 오류[E010]: site.toml에서는 `항목 = 값`처럼 항목과 값 사이에 `=`를 씁니다\n  도움말: 예: title = \"시험 공보\""
        );
        let text = "title = 시험 공보\n";
        let d = toml_error(
            "string values must be quoted, expected literal string",
            text,
            Some(8),
        );
        assert_eq!(d.field.as_deref(), Some("title"));
        assert_eq!(
            d.hint.unwrap().render(Lang::Ko),
            "예: title = \"시험 공보\""
        );
        let text = "releases_per_page = \"2\"\n";
        let d = toml_error("invalid type: string \"2\", expected usize", text, Some(20));
        assert_eq!(
            d.render(Lang::Ko),
            "site.toml: 오류[E010]: releases_per_page: `releases_per_page` 값은 0 이상의 정수여야 합니다. 지금 값은 텍스트 `2`입니다\n  도움말: 예: releases_per_page = 10"
        );
        assert_eq!(line_at("a\nbc\n", 3), "bc");
        assert_eq!(line_key("name = { ko = \"시\" }"), Some("name"));
        assert_eq!(line_key("{ ko = 1"), None);
    }
}
