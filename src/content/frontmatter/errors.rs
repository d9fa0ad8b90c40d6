//! serde_yaml's errors as diagnostics: file lines instead of YAML lines, the code of
//! the kind of error, the field path, and plain words ([`super::words`]) for syntax and
//! type errors.

use super::checked::Field;
use super::{nth_key_line, words, Split};
use crate::diag::{unknown_field, Code, Diagnostic, Loc, Text};

pub(super) fn yaml_error(
    file: &str,
    split: &Split<'_>,
    e: &serde_yaml::Error,
    fields: &[Field],
) -> Diagnostic {
    let full = e.to_string();
    let loc = e.location();
    let mut message = full.clone();
    if let Some(l) = &loc {
        let suffix = format!(" at line {} column {}", l.line(), l.column());
        if let Some(m) = full.strip_suffix(&suffix) {
            message = m.to_string();
        }
    }
    // serde_yaml prefixes the path of nested values: `contacts[0]: unknown field …`.
    let (field, message) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => (
            Some(path.trim_start_matches('.').to_string()),
            rest.to_string(),
        ),
        _ => (None, message),
    };
    // The scanner's own message names more positions ("…at line 2 column 1, while
    // scanning a plain scalar at line 1 column 8"), counted from the YAML's start too.
    let message = file_lines(&message, split.yaml_line - 1);
    let mut loc = loc.map(|l| Loc::new(l.line() + split.yaml_line - 1, l.column()));
    let mut hint = None;
    // A message about a named field is about its value, unless a branch below says otherwise.
    let mut code = if field.is_some() {
        Code::InvalidValue
    } else {
        Code::Unreadable
    };
    let mut field = field;
    // The words of one of gongbo's own types (a date, a kind), or the parser's.
    let mut msg = Text::recover(&message).unwrap_or_else(|| {
        let reason = message.as_str();
        match &field {
            Some(_) => t!("the value cannot be read: {reason}", reason),
            None => t!("the YAML cannot be read: {reason}", reason),
        }
    });
    if let Some((name, h)) = unknown_field(&message) {
        code = Code::UnknownKey;
        msg = t!("unknown key `{name}`", name);
        hint = Some(h);
    } else if let Some(name) = message
        .strip_prefix("missing field `")
        .map(|s| s.trim_end_matches('`'))
    {
        let key = match &field {
            Some(p) => format!("{p}.{name}"),
            None => name.to_string(),
        };
        code = Code::MissingField;
        msg = t!("the required field `{name}` is missing", name);
        field = Some(key);
        if split.yaml_line > 1 && field.as_deref() == Some(name) {
            loc = Some(Loc::new(1, 1));
        }
        // The same hint as for a field missing from a document that reads otherwise.
        hint = Some(match fields.iter().find(|f| f.name == name) {
            Some(f) => t!(
                "add a line `{example}` to the front matter",
                example = f.example
            ),
            None => t!("add a line `{name}: …` to the front matter", name),
        });
    } else if let Some(name) = message
        .strip_prefix("duplicate field `")
        .map(|s| s.trim_end_matches('`'))
    {
        code = Code::Unreadable;
        msg = t!("the key `{name}` appears more than once", name);
        loc = nth_key_line(split, name, 2).or(loc);
        hint = Some(t!("keep one of them and delete the other"));
    } else if let Some((found, expected)) = words::type_error(&message) {
        let path = field.clone().unwrap_or_default();
        let top = fields.iter().find(|f| f.name == path);
        // `- 예산: 100억 원` in a list of text: the colon made the item a `key: value`.
        let colon_item = (found == "map" && expected == "a string")
            .then(|| source_line(split, loc))
            .flatten()
            .and_then(words::quoted_item);
        let found = words::found(found);
        match top {
            _ if colon_item.is_some() => {
                let item = colon_item.unwrap_or_default();
                msg = t!(
                    "this item must be text, but the colon and space (`: `) in it make it a `key: value` pair"
                );
                hint = Some(t!("put it in quotes: {item}", item));
            }
            Some(f) => {
                let (key, what, example) = (f.name, &f.expect, f.example);
                msg = t!("`{key}` must be {what}, not {found}", key, what, found);
                hint = Some(t!("e.g. {example}", example));
            }
            None if path.is_empty() => {
                msg = t!(
                    "the front matter must be `key: value` lines, not {found}",
                    found
                );
                hint = Some(t!(
                    "write one `key: value` per line, e.g. `title: …` and `date: 2025-03-02`"
                ));
            }
            None => {
                let what = words::expected(expected);
                msg = t!("`{path}` must be {what}, not {found}", path, what, found);
                hint = Some(t!(
                    "check the value against the README's front matter reference"
                ));
            }
        }
    } else if let Some((n, expected)) = words::length_error(&message) {
        let what = words::expected(expected);
        msg = t!("the list has {n} items; it must be {what}", n, what);
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        hint = Some(t!(
            "the YAML nests or repeats too deeply; write the values out plainly"
        ));
    } else if field.is_none() {
        // A syntax error: say what is wrong in words, at the place to look.
        let at = loc.unwrap_or(Loc::new(split.yaml_line, 1));
        let line = split
            .yaml
            .lines()
            .nth(at.line.saturating_sub(split.yaml_line))
            .unwrap_or("");
        let opened = scanning_start(&message);
        match words::syntax(&message, line, (at.line, at.col), opened) {
            Some(w) => {
                msg = w.message;
                hint = Some(w.hint);
                if let Some((l, c)) = w.at {
                    loc = Some(Loc::new(l, c));
                }
            }
            None => {
                hint = Some(t!(
                    "check the YAML at this line: each field is `key: value`, and a value with `:` or `#` in it goes in quotes"
                ))
            }
        }
    }
    let mut d = Diagnostic::new(code, file, msg).at_opt(loc.or(Some(Loc::new(split.yaml_line, 1))));
    if let Some(f) = field {
        d = d.field(f);
    }
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// The file line at `loc` of the YAML of `split`.
fn source_line<'a>(split: &Split<'a>, loc: Option<Loc>) -> Option<&'a str> {
    let line = loc?.line.checked_sub(split.yaml_line)?;
    split.yaml.lines().nth(line)
}

/// The "while scanning … at line N column M" position of a scanner message (file lines
/// already), where the value being read began.
fn scanning_start(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find("while scanning")?..];
    let rest = &rest[rest.find("at line ")? + 8..];
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, col.parse().ok()?))
}

/// Adds `shift` to every "at line N" that serde_yaml wrote inside a message.
fn file_lines(message: &str, shift: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(p) = rest.find("at line ") {
        out.push_str(&rest[..p + 8]);
        rest = &rest[p + 8..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        match rest[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + shift).to_string()),
            Err(_) => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}
