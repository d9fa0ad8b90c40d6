//! Code highlighting with syntect: the syntax set loads once per process, code becomes
//! `<span class="hl-…">` markup (no inline styles, so the site runs under a strict
//! Content-Security-Policy), and [`stylesheet`] generates the one CSS file for it.
//!
//! Highlighting is bounded. syntect runs its grammars' regular expressions from every
//! position of a line, so a long line costs the square of its length, and a few bundled
//! grammars backtrack without end on some lines. A block is shown as plain escaped text
//! instead (and the caller warns, W010) when it is larger than [`MAX_BLOCK_BYTES`], when
//! the body already had [`MAX_BODY_BYTES`] of highlighted code, when one of its lines is
//! longer than [`max_line`] for its language, or when its grammar is one of [`NEVER`].
//! Each regex search is also capped at [`RETRY_LIMIT`] backtracking steps (a search over
//! the cap counts as no match), a deterministic safety net for the patterns measuring
//! missed. The numbers come from `examples/highlight_cost.rs` (benches/README.md).

use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The largest code block that is highlighted, in bytes.
pub const MAX_BLOCK_BYTES: usize = 32 * 1024;

/// How much code one body may have highlighted, in bytes; later blocks are plain.
pub const MAX_BODY_BYTES: usize = 128 * 1024;

/// The longest line highlighted in most languages, in characters.
pub const DEFAULT_MAX_LINE: usize = 1000;

/// Backtracking steps one regex search may take (Oniguruma's own default is unlimited
/// per search and 10,000,000 per match attempt). Measured: no output changes on 2,780
/// real source files in 40 languages at this cap; at 1,000,000 real makefiles change.
pub const RETRY_LIMIT: u32 = 10_000_000;

/// Grammars slower than the rest, with the longest line they highlight, chosen so that
/// a full block of lines at the limit, of the worst content measured, takes well under a
/// second (examples/highlight_cost.rs; the figures are in benches/README.md).
const SLOW: [(&str, usize); 13] = [
    ("Java", 160),
    ("C#", 250),
    ("JavaScript", 250),
    ("JavaScript (Rails)", 250),
    ("YAML", 300),
    ("Erlang", 400),
    ("Shell-Unix-Generic", 500),
    ("MATLAB", 250),
    ("LaTeX Log", 600),
    ("D", 700),
    ("Bourne Again Shell (bash)", 700),
    ("R", 500),
    ("ASP", 500),
];

/// Grammars never used: some lines of 200 characters backtrack for seconds in them.
pub const NEVER: [&str; 1] = ["Makefile"];

/// The longest line highlighted for the grammar named `syntax` (syntect's name).
pub fn max_line(syntax: &str) -> usize {
    SLOW.iter()
        .find(|(name, _)| *name == syntax)
        .map_or(DEFAULT_MAX_LINE, |(_, n)| *n)
}

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| {
        // SAFETY: sets one global integer of Oniguruma, read when each search starts;
        // this runs once, before any search (every search goes through this set).
        unsafe {
            onig_sys::onig_set_retry_limit_in_search(std::os::raw::c_ulong::from(RETRY_LIMIT));
        }
        SyntaxSet::load_defaults_newlines()
    })
}

/// Why a block was shown without highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plain {
    /// The block is larger than [`MAX_BLOCK_BYTES`].
    Block { bytes: usize },
    /// The body's earlier blocks used up [`MAX_BODY_BYTES`].
    Body,
    /// Line `line` (0-based within the block) has `chars` characters, over `limit`.
    Line {
        line: usize,
        chars: usize,
        limit: usize,
    },
    /// The language's grammar is one of [`NEVER`].
    Grammar { name: String },
}

/// The highlighting still allowed in one body.
#[derive(Debug, Clone)]
pub struct Budget {
    left: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            left: MAX_BODY_BYTES,
        }
    }
}

/// Highlights `code` written in `lang` (a fence info word such as `rust` or `json`).
/// Unknown languages come back escaped but unhighlighted; so does a block over the
/// bounds, with the reason.
pub fn highlight(code: &str, lang: &str, budget: &mut Budget) -> (String, Option<Plain>) {
    let ss = syntaxes();
    let lang_attr = crate::markdown::escape(lang);
    let syntax = (!lang.is_empty())
        .then(|| ss.find_syntax_by_token(lang))
        .flatten();
    let (inner, plain) = match syntax {
        Some(syntax) => match bounded(code, syntax, budget) {
            Ok(()) => {
                let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, ss, STYLE);
                let ok = LinesWithEndings::from(code)
                    .all(|line| gen.parse_html_for_line_which_includes_newline(line).is_ok());
                if ok {
                    (gen.finalize(), None)
                } else {
                    (crate::markdown::escape(code), None)
                }
            }
            Err(why) => (crate::markdown::escape(code), Some(why)),
        },
        None => (crate::markdown::escape(code), None),
    };
    let html = if lang.is_empty() {
        format!("<pre class=\"code\" tabindex=\"0\"><code>{inner}</code></pre>\n")
    } else {
        format!("<pre class=\"code\" tabindex=\"0\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">{inner}</code></pre>\n")
    };
    (html, plain)
}

/// Whether `code` may be highlighted with `syntax`; takes its size from `budget` if so.
fn bounded(code: &str, syntax: &SyntaxReference, budget: &mut Budget) -> Result<(), Plain> {
    if NEVER.contains(&syntax.name.as_str()) {
        return Err(Plain::Grammar {
            name: syntax.name.clone(),
        });
    }
    if code.len() > MAX_BLOCK_BYTES {
        return Err(Plain::Block { bytes: code.len() });
    }
    if code.len() > budget.left {
        return Err(Plain::Body);
    }
    let limit = max_line(&syntax.name);
    // Bytes bound characters from above: only lines that may be too long are counted.
    if let Some((line, chars)) = code
        .split('\n')
        .enumerate()
        .filter(|(_, l)| l.len() > limit)
        .map(|(i, l)| (i, l.chars().count()))
        .find(|(_, chars)| *chars > limit)
    {
        return Err(Plain::Line { line, chars, limit });
    }
    budget.left -= code.len();
    Ok(())
}

/// Every bundled grammar's name and one fence word for it (for measuring).
pub fn grammars() -> Vec<(String, String)> {
    syntaxes()
        .syntaxes()
        .iter()
        .filter_map(|s| {
            let token = s
                .file_extensions
                .iter()
                .find(|e| syntaxes().find_syntax_by_token(e).map(|f| &f.name) == Some(&s.name))?;
            Some((s.name.clone(), token.clone()))
        })
        .collect()
}

/// The stylesheet for highlighted code: a light theme, and a dark one for readers who
/// prefer a dark colour scheme.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light =
        css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], STYLE).unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], STYLE)
        .unwrap_or_default();
    format!("/* generated by gongbo from syntect's InspiredGitHub and base16-ocean.dark themes */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_large_blocks_and_slow_grammars_fall_back_to_plain_text() {
        let mut b = Budget::default();
        let (html, why) = highlight("fn main() {}\n", "rust", &mut b);
        assert!(html.contains("hl-") && why.is_none(), "{html}");
        let long = format!("a\n{}<\n", "x = 1; ".repeat(100));
        let (html, why) = highlight(&long, "java", &mut b);
        assert_eq!(
            why,
            Some(Plain::Line {
                line: 1,
                chars: 701,
                limit: 160
            })
        );
        assert!(!html.contains("hl-") && html.contains("&lt;"), "{html}");
        // The same line is short enough for Rust.
        assert_eq!(highlight(&long, "rust", &mut b).1, None);
        let big = "x\n".repeat(MAX_BLOCK_BYTES / 2 + 1);
        assert_eq!(
            highlight(&big, "rust", &mut b).1,
            Some(Plain::Block {
                bytes: MAX_BLOCK_BYTES + 2
            })
        );
        assert!(matches!(
            highlight("all:\n\tcc x.c\n", "makefile", &mut b).1,
            Some(Plain::Grammar { .. })
        ));
        // Unknown languages are plain without a reason.
        assert_eq!(highlight("x", "no-such-language", &mut b).1, None);
    }

    #[test]
    fn a_body_highlights_at_most_its_budget() {
        let mut b = Budget::default();
        let block = "let x = 1;\n".repeat(MAX_BLOCK_BYTES / 11);
        let mut plain = 0;
        for _ in 0..6 {
            if highlight(&block, "rust", &mut b).1 == Some(Plain::Body) {
                plain += 1;
            }
        }
        assert_eq!(plain, 6 - MAX_BODY_BYTES / block.len());
    }
}
