//! Rendering findings: rustc-style text with the source line and a caret, JSON, and
//! GitHub Actions workflow commands. Pure functions from findings to a `String`.

use serde::Serialize;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Severity};

/// The output formats of `gongbo check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// Renders `diags` in `format`; `root` is where source lines are read from.
pub fn render(diags: &Diagnostics, format: Format, root: &Path, color: bool) -> String {
    match format {
        Format::Human => human(diags, root, color),
        Format::Json => json(diags),
        Format::Github => github(diags),
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
pub fn human(diags: &Diagnostics, root: &Path, color: bool) -> String {
    let p = Paint(color);
    let mut out = String::new();
    let mut sources: std::collections::HashMap<&str, Option<String>> = Default::default();
    for d in diags.iter() {
        let lvl_colour = if d.is_error() { "1;31" } else { "1;33" };
        let head = format!("{}[{}]", level(d), d.code);
        let field = d
            .field
            .as_deref()
            .map(|f| format!("{f}: "))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}{}\n",
            p.wrap(lvl_colour, &head),
            p.wrap("1", &format!(": {field}{}", d.message))
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
                    out.push_str(&format!("{pad} {} hint: {h}\n", p.wrap("1;34", "=")));
                }
            }
            None => {
                out.push_str(&format!(" {} {}\n", p.wrap("1;34", "-->"), d.file));
                if let Some(h) = &d.hint {
                    out.push_str(&format!("  = hint: {h}\n"));
                }
            }
        }
        out.push('\n');
    }
    let errors = diags.errors().count();
    let warnings = diags.warnings().count();
    out.push_str(&format!(
        "check: {errors} error(s), {warnings} warning(s)\n"
    ));
    out
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
    message: &'a str,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    findings: Vec<JsonFinding<'a>>,
}

/// `{"errors": n, "warnings": n, "findings": [...]}`, one finding per diagnostic.
pub fn json(diags: &Diagnostics) -> String {
    let findings = diags
        .iter()
        .map(|d| JsonFinding {
            severity: level(d),
            code: d.code.id(),
            file: &d.file,
            line: d.loc.map(|l| l.line),
            column: d.loc.map(|l| l.col),
            field: d.field.as_deref(),
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    let report = JsonReport {
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

/// One `::error file=…,line=…,col=…,title=E008::message` line per finding.
pub fn github(diags: &Diagnostics) -> String {
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
        let mut msg = format!("{field}{}", d.message);
        if let Some(h) = &d.hint {
            msg.push_str(&format!("\nhint: {h}"));
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
            Diagnostic::new(Code::BrokenLink, "content/a,b.md", "bad: 50%")
                .at(Loc::new(3, 2))
                .hint("fix"),
        );
        assert_eq!(
            github(&d),
            "::error file=content/a%2Cb.md,line=3,col=2,title=E008::bad: 50%25%0Ahint: fix\n"
        );
    }

    #[test]
    fn human_output_puts_a_caret_under_the_column() {
        let dir = std::env::temp_dir().join(format!("gongbo-report-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.md"), "첫 줄\n제목: 값\n").unwrap();
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::new(Code::MissingTranslation, "a.md", "msg")
                .at(Loc::new(2, 5))
                .hint("h"),
        );
        let text = human(&d, &dir, false);
        assert!(
            text.starts_with(
                "warning[W001]: msg\n --> a.md:2:5\n  |\n2 | 제목: 값\n  |       ^\n  = hint: h\n"
            ),
            "{text}"
        );
    }
}
