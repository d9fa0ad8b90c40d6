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

    fn at(mut self, at: Option<(usize, usize)>) -> Option<Syntax> {
        self.at = at;
        Some(self)
    }
}

/// What an editor calls the field `key` ("the title", 제목), for a sentence about its
/// value; a key without a name of its own is "the value of `key`".
pub fn named(key: &str) -> Text {
    match key {
        "title" => t!("the title"),
        "summary" => t!("the summary"),
        "department" => t!("the department"),
        "image_alt" => t!("the alternative text"),
        "note" => t!("the note"),
        "name" => t!("the name"),
        "role" => t!("the role"),
        "ko" => t!("the Korean text"),
        "en" => t!("the English text"),
        _ => t!("the value of `{key}`", key),
    }
}

/// `value` in double quotes, as YAML reads it back: `"` and `\` escaped.
fn double_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `value` in single quotes, as YAML reads it back: `'` doubled.
fn single_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// The `key` and `value` of a `key: value` line (also `- key: value`, a list item's
/// first key), with the column (1-based, in characters) where the key starts.
fn key_value(line: &str) -> Option<(&str, &str, usize)> {
    let body = line.trim_start_matches(' ');
    let body = body
        .strip_prefix("- ")
        .map_or(body, |b| b.trim_start_matches(' '));
    let indent = line[..line.len() - body.len()].chars().count();
    let (key, value) = body.split_once(": ")?;
    let plain_key = !key.is_empty() && !key.starts_with(['#', '"', '\'']) && !key.contains(' ');
    plain_key.then_some((key, value.trim(), indent + 1))
}

/// A list item line `- 예산: 100억 원` with its text in quotes (`- "예산: 100억 원"`), when
/// it holds a colon and a space.
pub fn quoted_item(line: &str) -> Option<String> {
    let text = line.trim_start().strip_prefix("- ")?.trim();
    text.contains(": ")
        .then(|| format!("- {}", double_quoted(text)))
}

/// The character at 1-based column `col` of `line`.
fn char_at(line: &str, col: usize) -> Option<char> {
    line.chars().nth(col.checked_sub(1)?)
}

/// The text of `line` before 1-based column `col`.
fn before_col(line: &str, col: usize) -> &str {
    let end = line
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    &line[..end]
}

/// `message` is the YAML parser's text; `line` the source line at the error, which is
/// at `at` (file line, column); `opened` the `(line, column)` where the value being read
/// began ("while scanning … at line L column C", in file lines).
pub fn syntax(
    message: &str,
    line: &str,
    at: (usize, usize),
    opened: Option<(usize, usize)>,
) -> Option<Syntax> {
    let (line_no, col) = at;
    let kv = key_value(line);
    if message.starts_with("mapping values are not allowed") {
        // The `:` that the parser stopped at: the line's own (`  date: …`, indented under
        // a value above), or one inside the value (`title: 광주: …`).
        let in_value = kv.filter(|(key, _, start)| {
            before_col(line, col).chars().count() > start + key.chars().count()
        });
        let Some((key, value, _)) = in_value else {
            let start = line.chars().take_while(|c| *c == ' ').count() + 1;
            return Syntax::new(
                t!("this line is indented as if it belonged to the line above"),
                t!("start top-level keys at the beginning of the line, and indent the items of a list or group by the same number of spaces"),
            )
            .and_then(|s| s.at(Some((line_no, start))));
        };
        let what = named(key);
        let quoted = double_quoted(value);
        return Syntax::new(
            t!(
                "{what} has a colon and a space (`: `) in it, which YAML reads as the start of another field",
                what = &what
            ),
            t!(
                "when {what} has a colon (:) in it, put it in quotes: {key}: {quoted}",
                what,
                key,
                quoted
            ),
        );
    }
    if message.contains("while scanning a quoted scalar") && message.contains("end of stream") {
        return Syntax::new(
            t!("the quote that opens here is never closed"),
            t!("end the value with the same quote mark, on the same line"),
        )
        .and_then(|s| s.at(opened));
    }
    if message.contains("unknown escape character") {
        let example = kv.and_then(|(key, value, _)| {
            let inner = value.strip_prefix('"')?.strip_suffix('"')?;
            Some((key, single_quoted(inner)))
        });
        return Syntax::new(
            t!("a backslash (\\) inside double quotes must be written twice"),
            match example {
                Some((key, quoted)) => t!(
                    "write it as \\\\, or put the value in single quotes instead: {key}: {quoted}",
                    key,
                    quoted
                ),
                None => t!("write it as \\\\, or put the value in single quotes instead"),
            },
        );
    }
    if message.contains("while parsing a flow sequence") {
        return Syntax::new(
            t!("the list that opens with `[` here is not closed with `]`"),
            t!("close the list with `]` on the same line, e.g. `tags: [예산, 인공지능]`"),
        )
        .and_then(|s| s.at(parsing_start(message, "while parsing a flow sequence")));
    }
    if message.contains("while parsing a flow mapping") {
        return Syntax::new(
            t!("the group that opens with `{{` here is not closed with `}}`"),
            t!("close it with `}}` on the same line, e.g. `name: {{ko: 예산, en: Budget}}`"),
        )
        .and_then(|s| s.at(parsing_start(message, "while parsing a flow mapping")));
    }
    if message.contains("could not find expected ':'") && message.contains("simple key") {
        return Syntax::new(
            t!("this line has no colon (:) after its field name"),
            t!("write each field as `key: value`; if the line goes on with the value above, join the two lines or put the whole value in quotes"),
        )
        .and_then(|s| s.at(opened));
    }
    if message.contains("tab character")
        || (message.contains("cannot start any token") && line.contains('\t'))
    {
        return Syntax::new(
            t!("a tab is used for indentation here"),
            t!("YAML indentation must use spaces, not tabs"),
        );
    }
    let quote_it = |kv: Option<(&str, &str, usize)>| match kv {
        Some((key, value, _)) => t!(
            "put the value in quotes: {key}: {quoted}",
            key,
            quoted = double_quoted(value)
        ),
        None => t!("put the value in quotes"),
    };
    if message.contains("cannot start any token") {
        let c = char_at(line, col).unwrap_or('?');
        return Syntax::new(
            t!(
                "a value that starts with the character {c} must be in quotes",
                c
            ),
            quote_it(kv),
        );
    }
    if message.contains("while scanning an alias")
        || message.contains("while scanning an anchor")
        || message.contains("unknown anchor")
    {
        return Syntax::new(
            t!("a value that starts with `*` or `&` is read as a YAML alias or anchor"),
            quote_it(kv),
        );
    }
    if message.contains("did not find expected key") {
        if line.trim_start().starts_with("- ") {
            return Syntax::new(
                t!("a list item here, where a `key: value` line was expected"),
                t!("write list items under their key, indented, e.g. `tags:` and then `  - 예산` on the next line"),
            );
        }
        // `title: "광주 "AI" 단지"`: the quotes close before the value ends.
        if let Some((key, value, _)) = kv {
            if let Some(q) = value.chars().next().filter(|q| ['"', '\''].contains(q)) {
                // `"광주 "AI" 단지"` meant the outer quotes as quotes; `"요약" 이것`, the
                // quotes as part of the text.
                let text = match value[1..].strip_suffix(q) {
                    Some(inner) if value.len() > 1 => inner,
                    _ => value,
                };
                let quoted = if q == '"' {
                    single_quoted(text)
                } else {
                    double_quoted(text)
                };
                let what = named(key);
                return Syntax::new(
                    t!("the quotes of {what} close before the line ends", what = &what),
                    t!(
                        "to use quotes inside {what}, put the whole value in the other kind of quotes: {key}: {quoted}",
                        what,
                        key,
                        quoted
                    ),
                );
            }
        }
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
            t!("this line holds an invisible control character"),
            t!("delete it (it often comes with text pasted from another program)"),
        );
    }
    None
}

/// The "`what` at line L column C" position in a parser message (file lines already).
fn parsing_start(message: &str, what: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find(what)? + what.len()..];
    let rest = rest.strip_prefix(" at line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, col.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Lang;

    const MAPPING: &str = "mapping values are not allowed in this context";

    #[test]
    fn a_colon_in_a_value_asks_for_quotes_and_names_the_field() {
        let s = syntax(MAPPING, "title: 가: 나", (3, 10), None).unwrap();
        assert_eq!(
            s.hint,
            "when the title has a colon (:) in it, put it in quotes: title: \"가: 나\""
        );
        assert_eq!(
            s.hint.render(Lang::Ko),
            "제목에 콜론(:)이 있으면 따옴표로 감싸세요: title: \"가: 나\""
        );
        assert_eq!(s.at, None);
        // In a list item, with a quote and a backslash that must stay as they are.
        let s = syntax(MAPPING, "    note: 고침: \"a\\b\"", (6, 13), None).unwrap();
        assert_eq!(
            s.hint.render(Lang::Ko),
            "설명에 콜론(:)이 있으면 따옴표로 감싸세요: note: \"고침: \\\"a\\\\b\\\"\""
        );
        let s = syntax(MAPPING, "  - short: 가: 나", (6, 14), None).unwrap();
        assert!(s
            .message
            .render(Lang::Ko)
            .starts_with("`short` 값 안의 콜론"));
    }

    #[test]
    fn any_line_and_column_are_handled_without_panic() {
        let messages = [
            MAPPING,
            "did not find expected key, while parsing a block mapping",
            "found unknown escape character, while parsing a quoted scalar at line 1 column 8",
            "found character that cannot start any token, while scanning for the next token",
            "did not find expected ',' or ']', while parsing a flow sequence at line",
            "could not find expected ':', while scanning a simple key at line x column y",
        ];
        let lines = [
            "",
            "\"",
            "'",
            "- ",
            "-",
            ": ",
            "제목: \"",
            "title: '",
            "  - a: \"가\" 나",
            "가: 나: 다",
            "title: \"\"",
            "\u{1F600}: \u{301}",
        ];
        for m in messages {
            for line in lines {
                for col in [0, 1, 2, 3, 7, 100, usize::MAX] {
                    let _ = syntax(m, line, (usize::MAX, col), Some((0, 0)));
                }
            }
        }
    }

    #[test]
    fn an_indented_key_is_an_indentation_mistake_at_its_start() {
        let s = syntax(MAPPING, "  date: 2023-01-01", (4, 7), None).unwrap();
        assert!(s.message.contains("indented"), "{}", s.message);
        assert_eq!(s.at, Some((4, 3)));
    }

    #[test]
    fn other_mistakes_in_plain_words() {
        let s = syntax(
            "did not find expected ',' or ']', while parsing a flow sequence at line 4 column 7",
            "summary: x",
            (5, 8),
            None,
        )
        .unwrap();
        assert_eq!(s.at, Some((4, 7)));
        assert_eq!(
            s.message.render(Lang::Ko),
            "여기서 `[`로 연 목록이 `]`로 닫히지 않았습니다"
        );
        let s = syntax(
            "did not find expected key, while parsing a block mapping",
            "title: \"광주 \"AI\" 단지\"",
            (2, 13),
            None,
        )
        .unwrap();
        assert_eq!(
            s.hint.render(Lang::Ko),
            "제목 안에 따옴표를 쓰려면 값 전체를 다른 종류의 따옴표로 감싸세요: title: '광주 \"AI\" 단지'"
        );
        let s = syntax(
            "found character that cannot start any token, while scanning for the next token",
            "title: `가`",
            (2, 8),
            None,
        )
        .unwrap();
        assert_eq!(
            s.message,
            "a value that starts with the character ` must be in quotes"
        );
        assert_eq!(s.hint, "put the value in quotes: title: \"`가`\"");
        let s = syntax(
            "found unknown escape character, while parsing a quoted scalar at line 2 column 8",
            "title: \"C:\\temp\"",
            (2, 10),
            None,
        )
        .unwrap();
        assert_eq!(
            s.hint,
            "write it as \\\\, or put the value in single quotes instead: title: 'C:\\temp'"
        );
        let s = syntax(
            "could not find expected ':', while scanning a simple key at line 4 column 1",
            "summary: x",
            (5, 1),
            Some((4, 1)),
        )
        .unwrap();
        assert_eq!(s.at, Some((4, 1)));
        assert!(s.message.contains("no colon"));
    }
}
