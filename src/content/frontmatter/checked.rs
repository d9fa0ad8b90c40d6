//! Every problem of a front matter at once: after the whole document fails to
//! deserialize, each field is deserialized on its own ([`Field`], [`Only`]), unknown keys
//! and missing fields are listed, and values that cannot be published are found
//! (control characters, YAML tags, anchors and aliases, `~` for a required field).

use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::marker::PhantomData;

use super::errors::yaml_error;
use super::Split;
use crate::diag::{unknown_key_hint, Code, Diagnostic, Loc, Text};

/// Largest front matter read, in bytes: every error of a file is looked for with one
/// parse per field, so the YAML is kept small (real front matter is a few KB).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// One top-level key of a front matter: its name, whether it must be given, what its
/// value must be in words, an example, and a check of its value alone.
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    /// What the value must be: "a list", "true or false", "a date".
    pub expect: Text,
    /// How to write it: "tags: [예산, 인공지능]".
    pub example: &'static str,
    check: fn(&str, &'static str) -> Result<(), serde_yaml::Error>,
}

/// The field `name`, whose value must deserialize into `V`.
pub const fn field<V: DeserializeOwned>(
    name: &'static str,
    required: bool,
    expect: Text,
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
        let (size, limit) = (
            split.yaml.len().div_ceil(1024),
            MAX_FRONT_MATTER_BYTES / 1024,
        );
        let d = Diagnostic::new(
            Code::TooLarge,
            file,
            t!(
                "the front matter is {size} KB; the limit is {limit} KB",
                size,
                limit
            ),
        )
        .at(Loc::new(1, 1))
        .hint(t!(
            "keep the front matter to the release's fields; put long text in the body"
        ));
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
            let mut first = yaml_error(file, split, &e, fields);
            if first.code != Code::Unreadable {
                // A value can fail before the parser reaches a syntax error further on
                // (`date: 2021-03-02` and then `  summary: …`, indented, make the date
                // `2021-03-02 summary`): the syntax error is the mistake to show.
                // (A syntax error has a position; a limit of the reader has none.)
                if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(yaml) {
                    let syntax = yaml_error(file, split, &e, fields);
                    if syntax.code == Code::Unreadable && e.location().is_some() {
                        first = syntax;
                    }
                }
            }
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
            errs.push(
                Diagnostic::new(Code::UnknownKey, file, t!("unknown key `{key}`", key))
                    .at(split.key_loc(key))
                    .hint(unknown_key_hint(key, &names)),
            );
        }
    }
    for f in fields {
        let present = map.get(f.name);
        if f.required && present.is_none() {
            let (name, example) = (f.name, f.example);
            errs.push(
                Diagnostic::new(
                    Code::MissingField,
                    file,
                    t!("the required field `{name}` is missing", name),
                )
                .at(Loc::new(1, 1))
                .field(f.name)
                .hint(t!("add a line `{example}` to the front matter", example)),
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
                    t!(
                        "`{key}` has no value (`~` and `null` mean nothing in YAML)",
                        key
                    ),
                )
                .at(loc)
                .field(key)
                .hint(t!(
                    "write the value, in quotes if it is the text itself: {key}: \"~\"",
                    key
                )),
            );
        }
        walk(value, &mut |c| {
            let code = format!("U+{:04X}", c as u32);
            errs.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    file,
                    t!(
                        "`{key}` holds the control character {code}, which cannot be published",
                        key,
                        code
                    ),
                )
                .at(loc)
                .field(key)
                .hint(t!("delete it (it often comes with text pasted from another program, or from an escape such as \\0 in quotes)")),
            );
        });
    }
    errs
}

/// Calls `found` with the first control character (other than a newline) of every
/// string in `v`.
pub(super) fn walk(v: &serde_yaml::Value, found: &mut dyn FnMut(char)) {
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
pub(super) fn tags_and_anchors(file: &str, split: &Split<'_>) -> Vec<Diagnostic> {
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
                t!("the YAML tag `{word}` is not used in front matter", word),
                t!("remove `{word}` and write the value as plain text; if the text itself starts with !, put it in quotes", word),
            )
        } else {
            let message = if value.starts_with('&') {
                t!("a YAML anchor (`{word}`), which copies values in YAML, is not used in front matter", word)
            } else {
                t!("a YAML alias (`{word}`), which copies values in YAML, is not used in front matter", word)
            };
            (
                message,
                t!("write the value out in full; if the text itself starts with * or &, put it in quotes"),
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
