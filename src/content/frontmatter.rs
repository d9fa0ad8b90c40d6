//! Front matter: split the `---` fences from the body and deserialize the YAML.
//!
//! This is the only module that names serde_yaml (deprecated upstream), so a swap to a
//! maintained fork stays local. Errors are turned into [`Diagnostic`]s with file-relative
//! positions: serde_yaml counts lines from the start of the YAML text, so the fence
//! offset is added here; "missing field" errors (which serde_yaml reports at 1:1) point
//! at the opening `---`; duplicate keys point at the second occurrence. The code of a
//! YAML error follows its kind: unknown key (E003), missing field (E002), a bad value
//! of a named field (E004), and anything else, the YAML itself, E001.

mod words;

use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::marker::PhantomData;

use crate::diag::{nearest, unknown_field, Code, Diagnostic, Loc};

/// Largest front matter read, in bytes: every error of a file is looked for with one
/// parse per field, so the YAML is kept small (real front matter is a few KB).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// One top-level key of a front matter: its name, whether it must be given, what its
/// value must be in words, an example, and a check of its value alone.
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    /// What the value must be: "a list", "true or false", "a date".
    pub expect: &'static str,
    /// How to write it: "tags: [예산, 인공지능]".
    pub example: &'static str,
    check: fn(&str, &'static str) -> Result<(), serde_yaml::Error>,
}

/// The field `name`, whose value must deserialize into `V`.
pub const fn field<V: DeserializeOwned>(
    name: &'static str,
    required: bool,
    expect: &'static str,
    example: &'static str,
) -> Field {
    Field {
        name,
        required,
        expect,
        example,
        check: check_one::<V>,
    }
}

/// Deserializes only the top-level key `K` of a document as `V`, skipping the others,
/// so that its errors come with serde_yaml's own positions and path.
struct Only<V> {
    key: &'static str,
    _v: PhantomData<V>,
}

impl<'de, V: serde::Deserialize<'de>> Visitor<'de> for Only<V> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("front matter fields")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        while let Some(k) = m.next_key::<serde_yaml::Value>()? {
            if k.as_str() == Some(self.key) {
                m.next_value::<V>()?;
            } else {
                m.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de, V: serde::Deserialize<'de>> DeserializeSeed<'de> for Only<V> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

fn check_one<V: DeserializeOwned>(yaml: &str, key: &'static str) -> Result<(), serde_yaml::Error> {
    Only::<V> {
        key,
        _v: PhantomData,
    }
    .deserialize(serde_yaml::Deserializer::from_str(yaml))
}

impl Field {
    fn check(&self, yaml: &str) -> Result<(), serde_yaml::Error> {
        (self.check)(yaml, self.name)
    }
}

/// A Markdown source split into its YAML front matter and body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML text between the fences.
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `text` (already BOM-stripped, `\n` line endings) at its `---` fences.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::new(Code::Unreadable, file, "the file does not start with front matter")
            .at(Loc::new(1, 1))
            .hint("begin the file with a line `---`, the YAML fields (at least `title:`), and another `---` line"));
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for (line_no, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        if line.trim_end() == "---" {
            let yaml = &text[yaml_start..offset];
            let body_start = offset + line.len();
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::new(Code::Unreadable, file, "the front matter is not closed")
            .at(Loc::new(1, 1))
            .hint("add a line with only `---` after the last front matter field"),
    )
}

/// Deserializes the YAML of `split` into `T`, with diagnostics in file positions.
pub fn parse<T: DeserializeOwned>(file: &str, split: &Split<'_>) -> Result<T, Diagnostic> {
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    serde_yaml::from_str(yaml).map_err(|e| yaml_error(file, split, &e, &[]))
}

/// Deserializes the YAML of `split` into `T` and reports every problem of the file at
/// once: unknown keys (with their lines and the nearest key), missing fields, each bad
/// value (every field is checked on its own, so one mistake hides no other), and values
/// that cannot be published (control characters, YAML tags, anchors and aliases, `~`
/// where a value is needed). `fields` lists every key `T` has.
///
/// The value comes back whenever it deserializes, with the problems found besides, so
/// the caller's own checks run and add theirs.
pub fn parse_checked<T: DeserializeOwned>(
    file: &str,
    split: &Split<'_>,
    fields: &[Field],
) -> (Option<T>, Vec<Diagnostic>) {
    if split.yaml.len() > MAX_FRONT_MATTER_BYTES {
        let d = Diagnostic::new(
            Code::TooLarge,
            file,
            format!(
                "the front matter is {} KB; the limit is {} KB",
                split.yaml.len().div_ceil(1024),
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        )
        .at(Loc::new(1, 1))
        .hint("keep the front matter to the release's fields; put long text in the body");
        return (None, vec![d]);
    }
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    let mut errs = Vec::new();
    // Only text that has one of these characters can hold such values.
    if yaml.contains(['\\', '!', '&', '*', '~']) || yaml.to_ascii_lowercase().contains("null") {
        errs.extend(unpublishable(file, split, yaml, fields));
    }
    match serde_yaml::from_str::<T>(yaml) {
        Ok(t) => (Some(t), errs),
        Err(e) => {
            let first = yaml_error(file, split, &e, fields);
            if first.code == Code::Unreadable {
                // Nothing else can be read reliably past a syntax error.
                return (None, vec![first]);
            }
            errs.push(first);
            errs.extend(every_field(file, split, yaml, fields));
            errs.sort_by_key(|d| d.loc);
            errs.dedup();
            (None, errs)
        }
    }
}

/// Unknown keys, missing fields and each field's own first problem.
fn every_field(file: &str, split: &Split<'_>, yaml: &str, fields: &[Field]) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(yaml)
    else {
        return errs;
    };
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    for key in map.keys() {
        let Some(key) = key.as_str() else { continue };
        if !names.contains(&key) {
            let hint = match nearest(key, names.iter().copied()) {
                Some(n) => format!("did you mean `{n}`? valid keys here: {}", names.join(", ")),
                None => format!("remove it or use one of: {}", names.join(", ")),
            };
            errs.push(
                Diagnostic::new(Code::UnknownKey, file, format!("unknown key `{key}`"))
                    .at(split.key_loc(key))
                    .hint(hint),
            );
        }
    }
    for f in fields {
        let present = map.get(f.name);
        if f.required && present.is_none() {
            errs.push(
                Diagnostic::new(
                    Code::MissingField,
                    file,
                    format!("the required field `{}` is missing", f.name),
                )
                .at(Loc::new(1, 1))
                .field(f.name)
                .hint(format!("add a line `{}` to the front matter", f.example)),
            );
        }
        if present.is_some() {
            if let Err(e) = f.check(yaml) {
                let d = yaml_error(file, split, &e, fields);
                // Unknown keys inside a field are found by its check; those of the top
                // level were listed above.
                if !(d.code == Code::UnknownKey && d.field.is_none()) {
                    errs.push(d);
                }
            }
        }
    }
    errs
}

/// Values that parse but cannot be published: control characters, YAML tags, `~` or
/// `null` for a required field, anchors and aliases.
fn unpublishable(file: &str, split: &Split<'_>, yaml: &str, fields: &[Field]) -> Vec<Diagnostic> {
    let mut errs = tags_and_anchors(file, split);
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(yaml)
    else {
        return errs;
    };
    for (key, value) in &map {
        let Some(key) = key.as_str() else { continue };
        let loc = split.key_loc(key);
        let required = fields.iter().any(|f| f.name == key && f.required);
        let plain = split.key_value(key);
        if required && (value.is_null() || matches!(plain, Some("~" | "null" | "Null" | "NULL"))) {
            errs.push(
                Diagnostic::new(
                    Code::MissingField,
                    file,
                    format!("`{key}` has no value (`~` and `null` mean nothing in YAML)"),
                )
                .at(loc)
                .field(key)
                .hint(format!(
                    "write the value, in quotes if it is the text itself: {key}: \"~\""
                )),
            );
        }
        walk(value, &mut |c| {
            errs.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    file,
                    format!(
                        "`{key}` holds the control character U+{:04X}, which cannot be published",
                        c as u32
                    ),
                )
                .at(loc)
                .field(key)
                .hint("delete it (it often comes with text pasted from another program, or from an escape such as \\0 in quotes)"),
            );
        });
    }
    errs
}

/// Calls `found` with the first control character (other than a newline) of every
/// string in `v`.
fn walk(v: &serde_yaml::Value, found: &mut dyn FnMut(char)) {
    match v {
        serde_yaml::Value::String(s) => {
            if let Some(c) = s.chars().find(|c| c.is_control() && *c != '\n') {
                found(c);
            }
        }
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|x| walk(x, found)),
        serde_yaml::Value::Mapping(m) => m.iter().for_each(|(k, x)| {
            walk(k, found);
            walk(x, found);
        }),
        // Tags are found on the text (`tags_and_anchors`): serde_yaml keeps only some.
        _ => {}
    }
}

/// YAML tags (`!!binary`, `!custom`), anchors (`&a`) and aliases (`*a`) where a value
/// starts: front matter never needs them, and text meant as `*중요*` or `&` vanishes or
/// changes meaning. serde_yaml drops some tags silently, so they are found on the text.
fn tags_and_anchors(file: &str, split: &Split<'_>) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    for (i, line) in split.yaml.lines().enumerate() {
        let body = line.trim_start();
        let body = body.strip_prefix("- ").unwrap_or(body);
        let value = match body.split_once(": ") {
            Some((k, v)) if !k.starts_with(['"', '\'']) => v.trim_start(),
            _ => body,
        };
        let Some(rest) = value.strip_prefix(['&', '*', '!']) else {
            continue;
        };
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            continue;
        }
        let col = line.len() - value.len();
        let word = value.split_whitespace().next().unwrap_or(value);
        let (message, hint) = if value.starts_with('!') {
            (
                format!("the YAML tag `{word}` is not used in front matter"),
                format!("remove `{word}` and write the value as plain text; if the text itself starts with !, put it in quotes"),
            )
        } else {
            let what = if value.starts_with('&') {
                "anchor"
            } else {
                "alias"
            };
            (
                format!("a YAML {what} (`{word}`), which copies values in YAML, is not used in front matter"),
                "write the value out in full; if the text itself starts with * or &, put it in quotes".to_string(),
            )
        };
        errs.push(
            Diagnostic::new(Code::InvalidValue, file, message)
                .at(Loc::new(
                    split.yaml_line + i,
                    line[..col].chars().count() + 1,
                ))
                .hint(hint),
        );
    }
    errs
}

/// Deserializes a whole YAML data file (tags.yaml, milestones.yaml). A value that
/// cannot be published (a control character, a YAML tag, an anchor or alias) is an
/// error too; the first problem found is returned.
pub fn parse_data<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    let split = Split {
        yaml: text,
        yaml_line: 1,
        body: "",
        body_line: 1,
    };
    let t = serde_yaml::from_str(text).map_err(|e| yaml_error(file, &split, &e, &[]))?;
    if let Some(d) = tags_and_anchors(file, &split).into_iter().next() {
        return Err(d);
    }
    if text.contains('\\') {
        if let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(text) {
            let mut first = None;
            walk(&v, &mut |c| {
                first.get_or_insert(c);
            });
            if let Some(c) = first {
                let d = Diagnostic::new(
                    Code::InvalidValue,
                    file,
                    format!(
                        "a value holds the control character U+{:04X}, which cannot be published",
                        c as u32
                    ),
                )
                .at(Loc::new(1, 1))
                .hint("delete it (it often comes from an escape such as \\0 in quotes)");
                return Err(d);
            }
        }
    }
    Ok(t)
}

fn yaml_error(
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
    let mut msg = message.clone();
    if let Some((name, h)) = unknown_field(&message) {
        code = Code::UnknownKey;
        msg = format!("unknown key `{name}`");
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
        msg = format!("the required field `{name}` is missing");
        field = Some(key);
        if split.yaml_line > 1 && field.as_deref() == Some(name) {
            loc = Some(Loc::new(1, 1));
        }
        hint = Some(format!("add a line `{name}: …` to the front matter"));
    } else if let Some(name) = message
        .strip_prefix("duplicate field `")
        .map(|s| s.trim_end_matches('`'))
    {
        code = Code::Unreadable;
        msg = format!("the key `{name}` appears more than once");
        loc = nth_key_line(split, name, 2).or(loc);
        hint = Some("keep one of them and delete the other".into());
    } else if let Some((found, expected)) = words::type_error(&message) {
        let path = field.clone().unwrap_or_default();
        let top = fields.iter().find(|f| f.name == path);
        let found = words::found(found);
        match top {
            Some(f) => {
                msg = format!("`{}` must be {}, not {found}", f.name, f.expect);
                hint = Some(format!("e.g. {}", f.example));
            }
            None if path.is_empty() => {
                msg = format!("the front matter must be `key: value` lines, not {found}");
                hint = Some(
                    "write one `key: value` per line, e.g. `title: …` and `date: 2025-03-02`"
                        .into(),
                );
            }
            None => {
                msg = format!(
                    "`{path}` must be {}, not {found}",
                    words::expected(expected)
                );
                hint = Some("check the value against the README's front matter reference".into());
            }
        }
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        hint = Some("the YAML nests or repeats too deeply; write the values out plainly".into());
    } else if field.is_none() {
        // A syntax error: say what is wrong in words, at the place to look.
        let at = loc.unwrap_or(Loc::new(split.yaml_line, 1));
        let line = split
            .yaml
            .lines()
            .nth(at.line.saturating_sub(split.yaml_line))
            .unwrap_or("");
        let opened = scanning_start(&message);
        if let Some(w) = words::syntax(&message, line, opened) {
            msg = w.message;
            hint = Some(w.hint);
            if let Some((l, c)) = w.at {
                loc = Some(Loc::new(l, c));
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

/// The line of the `n`th (1-based) top-level occurrence of `key:`.
fn nth_key_line(split: &Split<'_>, key: &str, n: usize) -> Option<Loc> {
    split
        .yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| is_key_line(l, key))
        .nth(n - 1)
        .map(|(i, _)| Loc::new(split.yaml_line + i, 1))
}

fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
        || line
            .strip_prefix(&format!("\"{key}\""))
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

impl Split<'_> {
    /// The URL slug of a source: `slug:` as written, else the file stem, with where it
    /// comes from (the `slug:` line, or the top of the file). A slug that is not one safe
    /// URL segment is an error at that place.
    pub fn slug(
        &self,
        file: &str,
        stem: &str,
        written: Option<&str>,
    ) -> Result<(String, Loc), Diagnostic> {
        let loc = if written.is_some() {
            self.key_loc("slug")
        } else {
            Loc::new(1, 1)
        };
        let slug = written.unwrap_or(stem).to_string();
        match crate::types::check_slug(&slug) {
            Ok(()) => Ok((slug, loc)),
            Err(m) => Err(Diagnostic::new(Code::InvalidValue, file, m)
                .at(loc)
                .field("slug")
                .hint("use letters, digits and hyphens, e.g. `2023-ai-committee`")),
        }
    }

    /// The text after `key:` on the top-level line of `key`, trimmed.
    pub fn key_value(&self, key: &str) -> Option<&str> {
        self.yaml
            .lines()
            .find(|l| is_key_line(l, key))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim())
    }

    /// Where the top-level `key` is written, or the opening fence when it is absent.
    pub fn key_loc(&self, key: &str) -> Loc {
        nth_key_line(self, key, 1).unwrap_or(Loc::new(1, 1))
    }

    /// Where `value` is written inside the block of the top-level `key` (on the key's line
    /// or the indented lines after it). Falls back to the key's line.
    pub fn value_loc(&self, key: &str, value: &str) -> Loc {
        let mut in_block = false;
        for (i, line) in self.yaml.lines().enumerate() {
            if is_key_line(line, key) {
                in_block = true;
                let after = line.find(':').map_or(0, |c| c + 1);
                if let Some(p) = line[after..].find(value) {
                    return Loc::new(self.yaml_line + i, line[..after + p].chars().count() + 1);
                }
                continue;
            }
            if in_block {
                let indented =
                    line.starts_with(' ') || line.starts_with('-') || line.trim().is_empty();
                if !indented {
                    break;
                }
                if let Some(p) = line.find(value) {
                    return Loc::new(self.yaml_line + i, line[..p].chars().count() + 1);
                }
            }
        }
        self.key_loc(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only deserialized, to provoke errors
    struct F {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[test]
    fn splits_fences_and_counts_lines() {
        let text = "---\ntitle: a\n---\nbody\n";
        let s = split("x.md", text).unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
        assert!(split("x.md", "---\ntitle: a\n").is_err());
        assert!(split("x.md", "title: a\n").is_err());
    }

    #[test]
    fn errors_point_at_file_lines() {
        let text = "---\ntitle: a\ntitel: b\n---\n";
        let s = split("x.md", text).unwrap();
        let d = parse::<F>("x.md", &s).unwrap_err();
        assert_eq!(d.loc, Some(Loc::new(3, 1)));
        assert!(d.to_string().contains("did you mean `title`"), "{d}");
        let text = "---\ntags: [a]\n---\n";
        let d = parse::<F>("x.md", &split("x.md", text).unwrap()).unwrap_err();
        assert_eq!(d.loc, Some(Loc::new(1, 1)));
        assert_eq!(d.field.as_deref(), Some("title"));
        let text = "---\ntitle: a\ntitle: b\n---\n";
        let d = parse::<F>("x.md", &split("x.md", text).unwrap()).unwrap_err();
        assert_eq!(d.loc, Some(Loc::new(3, 1)), "{d}");
    }

    #[test]
    fn the_code_follows_the_kind_of_yaml_error() {
        let code = |yaml: &str| {
            let text = format!("---\n{yaml}---\n");
            parse::<F>("x.md", &split("x.md", &text).unwrap())
                .unwrap_err()
                .code
        };
        assert_eq!(code("title: a\ntitel: b\n"), Code::UnknownKey);
        assert_eq!(code("tags: [a]\n"), Code::MissingField);
        assert_eq!(code("title: a\ntags: 3\n"), Code::InvalidValue);
        assert_eq!(code("title: a\ntitle: b\n"), Code::Unreadable);
        assert_eq!(code("title: a: b\n"), Code::Unreadable);
        assert_eq!(code("- title\n"), Code::Unreadable);
        assert_eq!(
            split("x.md", "title: a\n").unwrap_err().code,
            Code::Unreadable
        );
    }

    #[test]
    fn data_files_refuse_what_cannot_be_published() {
        let d =
            parse_data::<serde_json::Value>("t.yaml", "- slug: a\n  ko: \"가\\0\"\n").unwrap_err();
        assert!(d.message.contains("U+0000"), "{d}");
        let d = parse_data::<serde_json::Value>("t.yaml", "- slug: &x a\n  ko: *x\n").unwrap_err();
        assert_eq!(d.loc, Some(Loc::new(1, 9)), "{d}");
        assert!(parse_data::<serde_json::Value>("t.yaml", "- slug: a\n  ko: 가\n").is_ok());
    }

    #[test]
    fn value_locations() {
        let text = "---\ntitle: a\ntags:\n  - 데이터\n  - 예산\n---\n";
        let s = split("x.md", text).unwrap();
        assert_eq!(s.value_loc("tags", "예산"), Loc::new(5, 5));
        let text = "---\ntags: [가, 나]\n---\n";
        let s = split("x.md", text).unwrap();
        assert_eq!(s.value_loc("tags", "나"), Loc::new(2, 11));
    }
}
