//! Front matter: split the `---` fences from the body and deserialize the YAML.
//!
//! This is the only module that names serde_yaml (deprecated upstream), so a swap to a
//! maintained fork stays local. Errors are turned into [`Diagnostic`]s with file-relative
//! positions: serde_yaml counts lines from the start of the YAML text, so the fence
//! offset is added here; "missing field" errors (which serde_yaml reports at 1:1) point
//! at the opening `---`; duplicate keys point at the second occurrence. The code of a
//! YAML error follows its kind: unknown key (E003), missing field (E002), a bad value
//! of a named field (E004), and anything else, the YAML itself, E001.

use serde::de::DeserializeOwned;

use crate::diag::{unknown_field, Code, Diagnostic, Loc};

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
    serde_yaml::from_str(yaml).map_err(|e| yaml_error(file, split, &e))
}

/// Deserializes a whole YAML data file (tags.yaml, milestones.yaml).
pub fn parse_data<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    let split = Split {
        yaml: text,
        yaml_line: 1,
        body: "",
        body_line: 1,
    };
    serde_yaml::from_str(text).map_err(|e| yaml_error(file, &split, &e))
}

fn yaml_error(file: &str, split: &Split<'_>, e: &serde_yaml::Error) -> Diagnostic {
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
        Some((path, rest)) if !path.contains(' ') => (Some(path.to_string()), rest.to_string()),
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
        if split.yaml_line > 1 {
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
    } else if message.contains("tab character") {
        hint = Some("YAML indentation must use spaces, not tabs".into());
    } else if message.contains("invalid type") {
        hint = Some("check the value's type against the README's front matter reference".into());
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        hint = Some("the YAML nests or repeats too deeply; write the values out plainly".into());
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
    fn value_locations() {
        let text = "---\ntitle: a\ntags:\n  - 데이터\n  - 예산\n---\n";
        let s = split("x.md", text).unwrap();
        assert_eq!(s.value_loc("tags", "예산"), Loc::new(5, 5));
        let text = "---\ntags: [가, 나]\n---\n";
        let s = split("x.md", text).unwrap();
        assert_eq!(s.value_loc("tags", "나"), Loc::new(2, 11));
    }
}
