//! The state of one release's check: its file, its front matter (for positions), what
//! it is checked against, and the problems found so far. The field checks of the
//! sibling modules take a `&mut Checker` and record problems instead of stopping.

use super::Context;
use crate::content::frontmatter::Split;
use crate::diag::{Code, Diagnostic, Loc, Text};
use crate::time::{DateInput, SiteTime};

pub(super) struct Checker<'a> {
    pub(super) file: &'a str,
    pub(super) split: &'a Split<'a>,
    pub(super) cx: &'a Context<'a>,
    pub(super) errs: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// A problem of kind `code` with the field `key`, written at `loc`.
    pub(super) fn error(&self, code: Code, key: &str, loc: Loc, msg: Text) -> Diagnostic {
        Diagnostic::new(code, self.file, msg).at(loc).field(key)
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.errs.push(d);
    }

    /// `d` in the site's time zone, or `None` after recording why it is not a time.
    pub(super) fn time(&mut self, key: &str, d: DateInput) -> Option<SiteTime> {
        match d.resolve(self.cx.config.tz) {
            Ok(t) => Some(t),
            Err(m) => {
                let loc = self.split.key_loc(key);
                self.push(self.error(Code::InvalidValue, key, loc, m));
                None
            }
        }
    }
}
