//! Diagnostics: what went wrong with the site's input, and where.
//!
//! Every stage of the build reports problems as [`Diagnostic`] values collected in a
//! [`Diagnostics`] list instead of stopping at the first one, so an editor sees every
//! mistake of a run at once. A diagnostic renders as
//! `path:line:column: error[E004]: field: message` followed by a `hint:` line; the
//! code ([`Code`], listed in docs/lints.md) is given where the diagnostic is created.
//! Lines and columns are 1-based; columns count characters, not bytes.
//!
//! The message and hint are [`Text`]s, written in English with [`t!`](crate::t) where
//! the problem is found and rendered in the editor's language when shown
//! ([`Diagnostic::render`]; `Display` is English): `content/a.md:3:7:
//! 오류[E004]: date: …` and `도움말:` in Korean, with the same code, path, line, column
//! and field names in both. [`text`] says how a message is written and translated.

mod arg;
pub mod catalog;
mod code;
mod particle;
#[macro_use]
pub mod text;
pub mod words;

use std::fmt;

pub use code::Code;
pub use text::{io_reason, Arg, Text};

use crate::types::Lang;

/// How serious a finding is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column (in characters) inside a file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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

/// Line starts of a text, for locating many offsets in it without counting lines from
/// the start each time.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The same as [`Loc::of_offset`], in time proportional to the line's length.
    pub fn loc(&self, offset: usize) -> Loc {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        Loc { line, col }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `text` with every control character (and every bidirectional override, which can
/// make a terminal show text in another order) written as an escape such as `\u{1b}`,
/// so that a hostile file name or value cannot move the cursor, change colours or hide
/// text when it is printed.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let hostile =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.contains(hostile) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hostile(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

impl Diagnostic {
    /// The same diagnostic with its file, field, and the values in its message and
    /// hint made [`printable`].
    pub fn printable(&self) -> Diagnostic {
        Diagnostic {
            code: self.code,
            file: printable(&self.file).into_owned(),
            loc: self.loc,
            field: self.field.as_deref().map(|f| printable(f).into_owned()),
            message: self.message.printable(),
            hint: self.hint.as_ref().map(Text::printable),
        }
    }
}

/// One problem found in the site's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem this is (`E008`, `W003`); it decides the severity.
    pub code: Code,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub loc: Option<Loc>,
    pub field: Option<String>,
    pub message: Text,
    pub hint: Option<Text>,
}

impl Diagnostic {
    /// A finding of kind `code` about `file`: an error for `E…` codes, a warning for `W…`.
    pub fn new(code: Code, file: impl Into<String>, message: Text) -> Self {
        Diagnostic {
            code,
            file: file.into(),
            loc: None,
            field: None,
            message,
            hint: None,
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

    pub fn hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

impl Severity {
    /// `error` or `warning`, in `lang`.
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Ko) => "오류",
            (Severity::Warning, Lang::Ko) => "경고",
        }
    }
}

/// `hint`, in `lang`: the word before a diagnostic's hint.
pub fn hint_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "hint",
        Lang::Ko => "도움말",
    }
}

impl Diagnostic {
    /// `path:line:col: error[E004]: field: message` and `  hint: …` on a second line,
    /// in `lang` (`오류`, `경고`, `도움말` in Korean; the path, position, code and field
    /// stay as they are). Control characters of the parts are escaped ([`printable`]):
    /// this is what a terminal shows.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = printable(&self.file).into_owned();
        if let Some(loc) = self.loc {
            out.push_str(&format!(":{}:{}", loc.line, loc.col));
        }
        out.push_str(&format!(
            ": {}[{}]: ",
            self.severity().word(lang),
            self.code
        ));
        if let Some(field) = &self.field {
            out.push_str(&printable(field));
            out.push_str(": ");
        }
        out.push_str(&printable(&self.message.render(lang)));
        if let Some(hint) = &self.hint {
            out.push_str(&format!(
                "\n  {}: {}",
                hint_word(lang),
                printable(&hint.render(lang))
            ));
        }
        out
    }
}

/// [`Diagnostic::render`] in English.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
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

    /// Sorts by file, then position (problems of the file as a whole after the others),
    /// then message, and drops exact repeats. Problems of data files (`.toml`, `.yaml`)
    /// come before those of the sources, because the sources are read against them.
    pub fn sorted(mut self) -> Self {
        let data = |f: &str| !(f.ends_with(".toml") || f.ends_with(".yaml") || f.ends_with(".yml"));
        // By the English message, so the order is the same in every language.
        self.0.sort_by_cached_key(|d| {
            (
                data(&d.file),
                d.file.clone(),
                d.loc.is_none(),
                d.loc,
                d.message.to_string(),
                d.code,
            )
        });
        self.0.dedup();
        self
    }

    /// Every diagnostic rendered in `lang` ([`Diagnostic::render`]), one per line.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(lang));
            out.push('\n');
        }
        out
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// [`Diagnostics::render`] in English.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
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
pub fn unknown_field(message: &str) -> Option<(String, Text)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    Some((name.to_string(), unknown_key_hint(name, &expected)))
}

/// The hint for the unknown key `name` where the keys `valid` are allowed: the nearest
/// one if it looks like a typo of it, and the list.
pub fn unknown_key_hint(name: &str, valid: &[&str]) -> Text {
    let keys = valid.join(", ");
    match nearest(name, valid.iter().copied()) {
        Some(near) => t!("did you mean `{near}`? valid keys here: {keys}", near, keys),
        None if valid.is_empty() => t!("remove this key"),
        None => t!("remove it or use one of: {keys}", keys),
    }
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
    fn the_line_index_agrees_with_counting_from_the_start() {
        let text = "a: 1\n제목: 값\n\n끝";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.loc(offset), Loc::of_offset(text, offset), "{offset}");
        }
    }

    #[test]
    fn control_characters_are_escaped_when_shown() {
        let (v, h) = ("`x\u{7}\ny`", "\u{202e}txt");
        let d = Diagnostic::new(
            Code::InvalidValue,
            "content/a\u{1b}[2J.md",
            Text::verbatim(v),
        )
        .field("title")
        .hint(Text::verbatim(h));
        assert_eq!(
            d.to_string(),
            "content/a\\u{1b}[2J.md: error[E004]: title: `x\\u{7}\\u{a}y`\n  hint: \\u{202e}txt"
        );
        assert_eq!(printable("가 나\tb"), "가 나\\u{9}b");
        assert!(matches!(
            printable("plain 한글"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn unknown_field_suggests_nearest() {
        let (name, hint) =
            unknown_field("unknown field `titel`, expected one of `title`, `date`").unwrap();
        assert_eq!(name, "titel");
        assert!(hint.starts_with("did you mean `title`?"), "{hint}");
        assert_eq!(
            hint.render(Lang::Ko),
            "`title`의 오타인가요? 여기에 쓸 수 있는 항목: title, date"
        );
    }

    #[test]
    fn the_code_decides_the_severity_and_renders_in_brackets() {
        let m = || Text::verbatim("m");
        let d = Diagnostic::new(Code::SkippedHeading, "a.md", m()).at(Loc::new(1, 2));
        assert!(!d.is_error());
        assert_eq!(d.to_string(), "a.md:1:2: warning[W004]: m");
        let d = Diagnostic::new(Code::OtherError, "a.md", m());
        assert!(d.is_error());
        assert_eq!(d.to_string(), "a.md: error[E000]: m");
        assert_eq!(d.render(Lang::Ko), "a.md: 오류[E000]: m");
    }

    #[test]
    fn renders_path_line_col_code_field_and_hint() {
        let d = Diagnostic::new(Code::InvalidValue, "content/a.md", Text::verbatim("bad"))
            .at(Loc::new(3, 7))
            .field("date")
            .hint(Text::verbatim("fix it"));
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error[E004]: date: bad\n  hint: fix it"
        );
        assert_eq!(
            d.render(Lang::Ko),
            "content/a.md:3:7: 오류[E004]: date: bad\n  도움말: fix it"
        );
    }
}
