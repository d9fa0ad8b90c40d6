//! The placeholder texts of `gongbo new release`, and finding them left in a release.
//!
//! A new release starts as a draft whose title, summary and body are these texts. A
//! release that still holds one of them is unfinished: [`find`] gives one error per
//! place (E014, at the line), which the link stage reports for every release that is to
//! be published or is waiting for its embargo, never for a draft still held back
//! (`draft: true` is where unfinished work belongs).

use crate::content::frontmatter::Split;
use crate::diag::{Code, Diagnostic, Loc, Text};
use crate::types::{Lang, PerLang};

/// The texts `gongbo new release` writes for a field.
pub struct Texts {
    pub title: &'static str,
    pub summary: &'static str,
    pub body: &'static str,
}

/// The placeholder texts per language.
pub const TEXTS: PerLang<Texts> = PerLang {
    ko: Texts {
        title: "제목을 입력하세요",
        summary: "요약을 한두 문장으로 입력하세요",
        body: "본문을 입력하세요.",
    },
    en: Texts {
        title: "Write the headline here",
        summary: "Write a summary of one or two sentences here",
        body: "Write the body here.",
    },
};

/// Whether `text` holds a placeholder text of either language (`pick` chooses which),
/// spacing aside. Runs on every line of every body, so a line is normalised only when it
/// holds the placeholder's last word (most lines of a large site hold none).
fn holds(text: &str, pick: impl Fn(&Texts) -> &'static str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    Lang::ALL.iter().any(|&l| {
        let p = pick(TEXTS.get(l)).trim_end_matches('.');
        let last = p.split_whitespace().next_back().unwrap_or(p);
        text.contains(last) && words(text).contains(&words(p))
    })
}

/// One error per field of the release that still holds a placeholder.
pub fn find(
    file: &str,
    split: &Split<'_>,
    title: &str,
    summary: Option<&str>,
    body: &str,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let unfinished = |message: Text, loc: Loc, hint: Text| {
        Diagnostic::new(Code::Placeholder, file, message)
            .at(loc)
            .hint(hint)
    };
    if holds(title, |t| t.title) {
        let d = unfinished(
            t!("the title is still the text that gongbo new release put there"),
            split.key_loc("title"),
            t!("write the release's headline"),
        );
        found.push(d.field("title"));
    }
    if summary.is_some_and(|s| holds(s, |t| t.summary)) {
        let d = unfinished(
            t!("the summary is still the text that gongbo new release put there"),
            split.key_loc("summary"),
            t!("write one or two sentences that sum the release up, or delete the `summary:` line"),
        );
        found.push(d.field("summary"));
    }
    // The body is not a front matter field: the error has a line but no field.
    if let Some(i) = body.lines().position(|l| holds(l, |t| t.body)) {
        let loc = Loc::new(split.body_line + i, 1);
        found.push(unfinished(
            t!("the body is still the text that gongbo new release put there"),
            loc,
            t!("write the text of the release in place of this line"),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_of_either_language_are_found_and_real_text_is_not() {
        assert!(holds("제목을   입력하세요", |t| t.title));
        assert!(holds("Write the headline here", |t| t.title));
        assert!(holds("본문을 입력하세요", |t| t.body));
        assert!(!holds("광주시, 인공지능 위원회 첫 회의", |t| t.title));
        assert!(!holds("Write the body of the law here", |t| t.body));
    }
}
