//! A release's change history (`changes:`): each entry dated in the site's time zone,
//! not before the release itself, with a note; returned oldest first.

use super::front::ChangeFront;
use super::Checker;
use crate::diag::Code;
use crate::time::SiteTime;

/// One entry of the change history.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Change {
    #[serde(with = "crate::content::kept::site_time")]
    pub date: SiteTime,
    pub note: String,
}

/// The checked history; `date` is the release's own date, when it is valid.
pub(super) fn changes(
    ck: &mut Checker<'_>,
    written: &[ChangeFront],
    date: Option<SiteTime>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    for c in written {
        let Some(t) = ck.time("changes", c.date) else {
            continue;
        };
        if date.is_some_and(|d| t < d) {
            let loc = ck.split.value_loc("changes", &c.note);
            let msg = t!("this change is dated before the release itself");
            ck.push(
                ck.error(Code::InvalidValue, "changes", loc, msg)
                    .hint(t!("a change note must be dated on or after `date`")),
            );
        }
        if c.note.trim().is_empty() {
            let loc = ck.split.key_loc("changes");
            ck.push(
                ck.error(
                    Code::MissingField,
                    "changes.note",
                    loc,
                    t!("a change needs a note"),
                )
                .hint(t!("say what changed, in a sentence")),
            );
        }
        changes.push(Change {
            date: t,
            note: c.note.clone(),
        });
    }
    changes.sort_by_key(|c| c.date);
    changes
}
