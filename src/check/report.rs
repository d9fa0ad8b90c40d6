//! Rendering findings: rustc-style text with the source line and a caret, JSON, and
//! GitHub Actions workflow commands. Pure functions from findings to a `String`.
//!
//! Every format speaks the language it is given (`--locale`, else the locale): the
//! message, the hint, the severity word of the human format and its summary line. The
//! codes, paths, positions, field names and JSON keys are the same in every language, so
//! a script matches findings by `code`, never by message; the JSON report says which
//! language its messages are in (`"lang": "ko"`).

use serde::Serialize;
use std::path::Path;

use crate::diag::{hint_word, Diagnostic, Diagnostics, Severity, Text};
use crate::types::Lang;

/// The output formats of `gongbo check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// Renders `diags` in `format` and `lang`; `root` is where source lines are read from.
pub fn render(diags: &Diagnostics, format: Format, root: &Path, color: bool, lang: Lang) -> String {
    match format {
        Format::Human => human(diags, root, color, lang),
        Format::Json => json(diags, lang),
        Format::Github => github(diags, lang),
    }
}

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn level(d: &Diagnostic) -> &'static str {
    match d.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// rustc-style: `error[E008]: field: message`, ` --> file:line:col`, the source line
/// and a caret under the column, then `= hint:`.
pub fn human(diags: &Diagnostics, root: &Path, color: bool, lang: Lang) -> String {
    let p = Paint(color);
    let mut out = String::new();
    let mut sources: std::collections::HashMap<&str, Option<String>> = Default::default();
    for d in diags.iter() {
        let lvl_colour = if d.is_error() { "1;31" } else { "1;33" };
        let head = format!("{}[{}]", d.severity().word(lang), d.code);
        let field = d
            .field
            .as_deref()
            .map(|f| format!("{f}: "))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}{}\n",
            p.wrap(lvl_colour, &head),
            p.wrap("1", &format!(": {field}{}", d.message.render(lang)))
        ));
        let text = sources
            .entry(d.file.as_str())
            .or_insert_with(|| std::fs::read_to_string(root.join(&d.file)).ok());
        match d.loc {
            Some(loc) => {
                let gutter = loc.line.to_string().len();
                let pad = " ".repeat(gutter);
                out.push_str(&format!(
                    "{pad}{} {}:{}:{}\n",
                    p.wrap("1;34", "-->"),
                    d.file,
                    loc.line,
                    loc.col
                ));
                if let Some(line) = text.as_deref().and_then(|t| t.lines().nth(loc.line - 1)) {
                    let bar = p.wrap("1;34", "|");
                    let shown = crate::diag::printable(&line.replace('\t', " ")).into_owned();
                    let caret_pad: String = shown
                        .chars()
                        .take(loc.col - 1)
                        .map(|c| if is_wide(c) { "  " } else { " " })
                        .collect();
                    out.push_str(&format!("{pad} {bar}\n"));
                    out.push_str(&format!(
                        "{} {bar} {shown}\n",
                        p.wrap("1;34", &loc.line.to_string())
                    ));
                    out.push_str(&format!(
                        "{pad} {bar} {caret_pad}{}\n",
                        p.wrap(lvl_colour, "^")
                    ));
                }
                if let Some(h) = &d.hint {
                    out.push_str(&format!(
                        "{pad} {} {}: {}\n",
                        p.wrap("1;34", "="),
                        hint_word(lang),
                        h.render(lang)
                    ));
                }
            }
            None => {
                out.push_str(&format!(" {} {}\n", p.wrap("1;34", "-->"), d.file));
                if let Some(h) = &d.hint {
                    out.push_str(&format!("  = {}: {}\n", hint_word(lang), h.render(lang)));
                }
            }
        }
        out.push('\n');
    }
    let summary = t!("check: {counts}", counts = counts(diags));
    out.push_str(&summary.render(lang));
    out.push('\n');
    out
}

/// `2 errors, 1 warning`: the findings counted, for a summary line.
pub fn counts(diags: &Diagnostics) -> Text {
    let errors = diags.errors().count();
    let warnings = diags.warnings().count();
    let e = match errors {
        1 => t!("1 error"),
        n => t!("{n} errors", n),
    };
    let w = match warnings {
        1 => t!("1 warning"),
        n => t!("{n} warnings", n),
    };
    t!("{errors}, {warnings}", errors = e, warnings = w)
}

/// East Asian wide characters take two terminal columns.
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    severity: &'static str,
    code: &'static str,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<&'a str>,
    message: String,
    hint: Option<String>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// The language of `message` and `hint`: `ko` or `en`.
    lang: &'static str,
    errors: usize,
    warnings: usize,
    findings: Vec<JsonFinding<'a>>,
}

/// `{"lang": "ko", "errors": n, "warnings": n, "findings": [...]}`, one finding per
/// diagnostic; `severity` is `error` or `warning` in every language.
pub fn json(diags: &Diagnostics, lang: Lang) -> String {
    let findings = diags
        .iter()
        .map(|d| JsonFinding {
            severity: level(d),
            code: d.code.id(),
            file: &d.file,
            line: d.loc.map(|l| l.line),
            column: d.loc.map(|l| l.col),
            field: d.field.as_deref(),
            message: d.message.render(lang),
            hint: d.hint.as_ref().map(|h| h.render(lang)),
        })
        .collect();
    let report = JsonReport {
        lang: lang.code(),
        errors: diags.errors().count(),
        warnings: diags.warnings().count(),
        findings,
    };
    let mut s = serde_json::to_string_pretty(&report).expect("findings serialize");
    s.push('\n');
    s
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error file=…,line=…,col=…,title=E008::message` line per finding, the message
/// and hint in `lang` (the `error`/`warning` command is GitHub's, always English).
pub fn github(diags: &Diagnostics, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags.iter() {
        let mut props = vec![format!("file={}", escape_property(&d.file))];
        if let Some(l) = d.loc {
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.col));
        }
        props.push(format!("title={}", d.code));
        let field = d
            .field
            .as_deref()
            .map(|f| format!("{f}: "))
            .unwrap_or_default();
        let mut msg = format!("{field}{}", d.message.render(lang));
        if let Some(h) = &d.hint {
            msg.push_str(&format!("\n{}: {}", hint_word(lang), h.render(lang)));
        }
        out.push_str(&format!(
            "::{} {}::{}\n",
            level(d),
            props.join(","),
            escape_data(&msg)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Loc};

    #[test]
    fn github_annotations_escape_newlines_and_commas() {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::new(
                Code::BrokenLink,
                "content/a,b.md",
                Text::verbatim("bad: 50%"),
            )
            .at(Loc::new(3, 2))
            .hint(Text::verbatim("fix")),
        );
        assert_eq!(
            github(&d, Lang::En),
            "::error file=content/a%2Cb.md,line=3,col=2,title=E008::bad: 50%25%0Ahint: fix\n"
        );
        assert_eq!(
            github(&d, Lang::Ko),
            "::error file=content/a%2Cb.md,line=3,col=2,title=E008::bad: 50%25%0A도움말: fix\n"
        );
    }

    #[test]
    fn human_output_puts_a_caret_under_the_column() {
        let dir = std::env::temp_dir().join(format!("gongbo-report-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.md"), "첫 줄\n제목: 값\n").unwrap();
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::new(Code::MissingTranslation, "a.md", Text::verbatim("msg"))
                .at(Loc::new(2, 5))
                .hint(Text::verbatim("h")),
        );
        let text = human(&d, &dir, false, Lang::En);
        assert!(
            text.starts_with(
                "warning[W001]: msg\n --> a.md:2:5\n  |\n2 | 제목: 값\n  |       ^\n  = hint: h\n"
            ),
            "{text}"
        );
        assert!(text.ends_with("check: 0 errors, 1 warning\n"), "{text}");
        let text = human(&d, &dir, false, Lang::Ko);
        assert!(
            text.starts_with(
                "경고[W001]: msg\n --> a.md:2:5\n  |\n2 | 제목: 값\n  |       ^\n  = 도움말: h\n"
            ),
            "{text}"
        );
        assert!(text.ends_with("검사 결과: 오류 0개, 경고 1개\n"), "{text}");
    }
}
