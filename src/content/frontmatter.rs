//! Front matter: split the `---` fences from the body and deserialize the YAML.
//!
//! This module (with its submodules: [`checked`] finds every problem of a file at once,
//! `errors` turns serde_yaml's errors into diagnostics) is the only one that names
//! serde_yaml (deprecated upstream), so a swap to a maintained fork stays local. Errors are turned into [`Diagnostic`]s with file-relative
//! positions: serde_yaml counts lines from the start of the YAML text, so the fence
//! offset is added here; "missing field" errors (which serde_yaml reports at 1:1) point
//! at the opening `---`; duplicate keys point at the second occurrence. The code of a
//! YAML error follows its kind: unknown key (E003), missing field (E002), a bad value
//! of a named field (E004), and anything else, the YAML itself, E001.

mod blank;
mod checked;
mod comments;
mod errors;
mod words;

use serde::de::DeserializeOwned;

use crate::diag::{Code, Diagnostic, Loc};
pub use blank::{flag, list, Blankable};
pub use checked::{field, parse_checked, Field, MAX_FRONT_MATTER_BYTES};
use checked::{tags_and_anchors, walk};
pub use comments::{dropped_comments, PAGE_TEXT, RELEASE_TEXT};
use errors::yaml_error;

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
        return Err(Diagnostic::new(Code::Unreadable, file, t!("the file does not start with front matter"))
            .at(Loc::new(1, 1))
            .hint(t!("begin the file with a line `---`, the YAML fields (at least `title:`), and another `---` line")));
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
        Diagnostic::new(Code::Unreadable, file, t!("the front matter is not closed"))
            .at(Loc::new(1, 1))
            .hint(t!(
                "add a line with only `---` after the last front matter field"
            )),
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
                let code = format!("U+{:04X}", c as u32);
                let d = Diagnostic::new(
                    Code::InvalidValue,
                    file,
                    t!(
                        "a value holds the control character {code}, which cannot be published",
                        code
                    ),
                )
                .at(Loc::new(1, 1))
                .hint(t!(
                    "delete it (it often comes from an escape such as \\0 in quotes)"
                ));
                return Err(d);
            }
        }
    }
    Ok(t)
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
        // An empty `slug:` (a form's emptied field) means the stem, as no `slug:` does.
        let written = written.filter(|w| !w.trim().is_empty());
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
                .hint(t!(
                    "use letters, digits and hyphens, e.g. `2023-ai-committee`"
                ))),
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

    /// Where `field` of item `index` (0-based) of the block list under the top-level
    /// `key` is written (the start of its value), else that item's first line, else
    /// where [`Split::value_loc`] finds `fallback` (a list written on one line).
    pub fn item_loc(&self, key: &str, index: usize, field: &str, fallback: &str) -> Loc {
        let lines: Vec<&str> = self.yaml.lines().collect();
        let Some(start) = lines.iter().position(|l| is_key_line(l, key)) else {
            return self.key_loc(key);
        };
        let mut dash = None;
        let mut item = None;
        let mut n = 0;
        for (i, line) in lines.iter().enumerate().skip(start + 1) {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if !trimmed.is_empty() && indent == 0 && !trimmed.starts_with('-') {
                break;
            }
            if trimmed.starts_with('-') && dash.is_none_or(|d| indent == d) {
                dash = Some(indent);
                if item.is_some() {
                    break;
                }
                if n == index {
                    item = Some(i);
                }
                n += 1;
            }
            if item.is_none() {
                continue;
            }
            let body = trimmed.trim_start_matches('-').trim_start();
            let value = body
                .strip_prefix(field)
                .and_then(|r| r.trim_start().strip_prefix(':'));
            if let Some(v) = value {
                let col = line.len() - v.trim_start().len();
                return Loc::new(self.yaml_line + i, line[..col].chars().count() + 1);
            }
        }
        match item {
            Some(i) => Loc::new(
                self.yaml_line + i,
                lines[i].len() - lines[i].trim_start().len() + 1,
            ),
            None => self.value_loc(key, fallback),
        }
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
