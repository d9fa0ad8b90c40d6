//! Diagnostics: what went wrong with the site's input, and where.
//!
//! Every stage of the build reports problems as [`Diagnostic`] values collected in a
//! [`Diagnostics`] list instead of stopping at the first one, so an editor sees every
//! mistake of a run at once. A diagnostic renders as
//! `path:line:column: error: field: message` followed by a `hint:` line.
//! Lines and columns are 1-based; columns count characters, not bytes.

use std::fmt;

/// How serious a finding is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column (in characters) inside a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    pub line: usize,
    pub col: usize,
}

impl Loc {
    pub fn new(line: usize, col: usize) -> Self {
        Loc {
            line: line.max(1),
            col: col.max(1),
        }
    }

    /// The location of byte offset `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Loc { line, col }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A stable finding code such as `E008` or `W003`, two bytes wide so a [`Diagnostic`]
/// stays small. Errors are `E000`–`E999`, warnings `W000`–`W999`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code(std::num::NonZeroU16);

impl Code {
    /// Parses `E012` or `W004`; panics (at compile time in a `const`) on anything else.
    pub const fn new(code: &str) -> Code {
        let b = code.as_bytes();
        assert!(b.len() == 4, "a code is a letter and three digits");
        let base = match b[0] {
            b'E' => 1,
            b'W' => 1001,
            _ => panic!("a code starts with E or W"),
        };
        let mut n: u16 = 0;
        let mut i = 1;
        while i < 4 {
            assert!(b[i].is_ascii_digit(), "a code is a letter and three digits");
            n = n * 10 + (b[i] - b'0') as u16;
            i += 1;
        }
        match std::num::NonZeroU16::new(base + n) {
            Some(v) => Code(v),
            None => panic!("unreachable: base is at least 1"),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0.get();
        if v > 1000 {
            write!(f, "W{:03}", v - 1001)
        } else {
            write!(f, "E{:03}", v - 1)
        }
    }
}

/// One problem found in the site's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub loc: Option<Loc>,
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// A stable code (`E008`, `W003`) naming the kind of finding; see docs/lints.md.
    pub code: Option<Code>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            loc: None,
            field: None,
            message: message.into(),
            hint: None,
            code: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(file, message)
        }
    }

    pub fn at(mut self, loc: Loc) -> Self {
        self.loc = Some(loc);
        self
    }

    pub fn at_opt(mut self, loc: Option<Loc>) -> Self {
        self.loc = loc;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(loc) = self.loc {
            write!(f, ":{}:{}", loc.line, loc.col)?;
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.code {
            Some(code) => write!(f, ": {level}[{code}]: ")?,
            None => write!(f, ": {level}: ")?,
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// All diagnostics of one run, kept in a stable order (file, position, message).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        self.0.iter_mut()
    }

    /// Sorts by file, then position, then message, and drops exact repeats.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.loc, &a.message, a.severity).cmp(&(&b.file, b.loc, &b.message, b.severity))
        });
        self.0.dedup();
        self
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The valid name closest to `wrong`, if any is close enough to be a likely typo.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_l = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::normalized_damerau_levenshtein(&wrong_l, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" message and returns
/// the field name with a nearest-key hint.
pub fn unknown_field(message: &str) -> Option<(String, String)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let hint = match nearest(name, expected.iter().copied()) {
        Some(n) => format!(
            "did you mean `{n}`? valid keys here: {}",
            expected.join(", ")
        ),
        None if expected.is_empty() => "remove this key".to_string(),
        None => format!("remove it or use one of: {}", expected.join(", ")),
    };
    Some((name.to_string(), hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_one_based_and_count_characters() {
        let text = "a: 1\n제목: 값";
        let off = text.find('값').unwrap();
        assert_eq!(Loc::of_offset(text, off), Loc { line: 2, col: 5 });
        assert_eq!(Loc::of_offset(text, 0), Loc { line: 1, col: 1 });
    }

    #[test]
    fn unknown_field_suggests_nearest() {
        let (name, hint) =
            unknown_field("unknown field `titel`, expected one of `title`, `date`").unwrap();
        assert_eq!(name, "titel");
        assert!(hint.starts_with("did you mean `title`?"), "{hint}");
    }

    #[test]
    fn codes_round_trip_and_render_in_brackets() {
        assert_eq!(Code::new("E012").to_string(), "E012");
        assert_eq!(Code::new("W000").to_string(), "W000");
        let d = Diagnostic::warning("a.md", "m")
            .at(Loc::new(1, 2))
            .code(Code::new("W004"));
        assert_eq!(d.to_string(), "a.md:1:2: warning[W004]: m");
        assert_eq!(std::mem::size_of::<Option<Code>>(), 2);
    }

    #[test]
    fn renders_path_line_col_field_and_hint() {
        let d = Diagnostic::error("content/a.md", "bad")
            .at(Loc::new(3, 7))
            .field("date")
            .hint("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: date: bad\n  hint: fix it"
        );
    }
}
