//! The problems of one body: kept up to [`super::limits::MAX_FINDINGS`], the rest counted
//! in one line; the diagnostics for a body over a limit and for a code block shown
//! without highlighting (W010).

use super::{highlight, limits, Input};
use crate::diag::{Code, Diagnostic, Loc, Text};

/// Problems found in one body: at most [`limits::MAX_FINDINGS`] are kept, the rest are
/// counted (so a body of 100,000 broken links is not 100,000 searches for a near name).
#[derive(Default)]
pub(super) struct Findings {
    kept: Vec<Diagnostic>,
    dropped: usize,
    /// The code and place of the first problem not kept, and whether any was an error.
    first_dropped: Option<(Code, Loc)>,
    dropped_error: Option<Code>,
    /// Every link and image met, as its URL stands in the HTML.
    pub(super) links: Vec<crate::link::BodyLink>,
    /// Every `@/` target looked up in the link table, and every content file an image
    /// names (or would name).
    pub(super) targets: Vec<String>,
    /// The content files the body's images show, and where.
    pub(super) images: Vec<(String, Loc)>,
}

impl Findings {
    /// Records a link or image of the body (but not a neutralised one, `#`).
    pub(super) fn record(&mut self, url: &str, embed: bool, at: &dyn Fn() -> Loc) {
        if url != "#" {
            self.links.push(crate::link::BodyLink {
                url: url.to_string(),
                embed,
                loc: at(),
            });
        }
    }

    /// Whether another problem would be kept; if not, it is counted with its code.
    pub(super) fn room(&mut self, code: Code, at: &dyn Fn() -> Loc) -> bool {
        if self.kept.len() < limits::MAX_FINDINGS {
            return true;
        }
        self.dropped += 1;
        if self.first_dropped.is_none() {
            self.first_dropped = Some((code, at()));
        }
        if code.severity() == crate::diag::Severity::Error && self.dropped_error.is_none() {
            self.dropped_error = Some(code);
        }
        false
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.kept.push(d);
    }

    /// The kept problems, and one line for the others.
    pub(super) fn into_vec(mut self, src: &str) -> Vec<Diagnostic> {
        if let Some((code, loc)) = self.first_dropped {
            let n = self.dropped;
            self.kept.push(
                Diagnostic::new(
                    self.dropped_error.unwrap_or(code),
                    src,
                    t!(
                        "{n} more problems of this kind in this body are not listed",
                        n
                    ),
                )
                .at(loc)
                .field("body")
                .hint(t!(
                    "fix the problems listed first; the rest are usually the same mistake repeated"
                )),
            );
        }
        self.kept
    }
}

/// A diagnostic of kind `code` for a body over one of its limits.
pub(super) fn over(
    input: &Input<'_>,
    code: Code,
    loc: Loc,
    message: Text,
    hint: Text,
) -> Diagnostic {
    Diagnostic::new(code, input.src, message)
        .at(loc)
        .field("body")
        .hint(hint)
}

/// Renders one body. `links` maps `releases/x.ko.md` to its site-relative URL path.
/// The warning for a code block shown without highlighting, at the block (`at`, its
/// first line) or at its long line; `first_line` is 1 for a fence line before the code.
pub(super) fn plain_code(
    input: &Input<'_>,
    lang: &str,
    at: Loc,
    first_line: usize,
    why: &highlight::Plain,
) -> Diagnostic {
    use highlight::Plain;
    let (loc, message, hint) = match why {
        Plain::Block { bytes } => (
            at,
            t!(
                "this code block is {size} KB, too large to highlight (the limit is {limit} KB); it is shown as plain text",
                size = bytes.div_ceil(1024),
                limit = highlight::MAX_BLOCK_BYTES / 1024
            ),
            t!("split the block, or attach the code as a file"),
        ),
        Plain::Body => (
            at,
            t!(
                "the code blocks before this one already have {limit} KB of highlighted code; this one is shown as plain text",
                limit = highlight::MAX_BODY_BYTES / 1024
            ),
            t!("attach long code as a file instead of pasting it into the release"),
        ),
        Plain::Line { line, chars, limit } => (
            Loc::new(at.line + first_line + line, 1),
            t!(
                "this line of `{lang}` code has {chars} characters, more than the {limit} that are highlighted; the block is shown as plain text",
                lang,
                chars,
                limit
            ),
            t!("break the line, or attach the code as a file"),
        ),
        Plain::Grammar { name } => (
            at,
            t!("`{lang}` code ({name}) is never highlighted, because its highlighter can take seconds on one line; it is shown as plain text", lang, name),
            t!("leave the fence as it is, or write `text` after the fence to say the block is plain"),
        ),
    };
    Diagnostic::new(Code::PlainCode, input.src, message)
        .at(loc)
        .field("body")
        .hint(hint)
}
