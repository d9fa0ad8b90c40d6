//! A release's references to declared names: `tags` against content/tags.yaml,
//! `milestones` and `milestone_updates` against content/milestones.yaml. An undeclared
//! name is an error (E005) at its value, with the nearest declared name as the hint.

use super::front::UpdateFront;
use super::Checker;
use crate::content::frontmatter::Split;
use crate::content::milestones::Status;
use crate::content::tags::TagId;
use crate::diag::{Code, Loc};
use crate::time::{PartialDate, SiteTime};
use crate::types::MilestoneId;

/// A milestone status change announced by a release.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MilestoneUpdate {
    /// Index into the plan's milestones.
    pub milestone: MilestoneId,
    #[serde(with = "crate::content::kept::listed")]
    pub status: Status,
    #[serde(with = "crate::content::kept::site_time")]
    pub date: SiteTime,
    #[serde(with = "crate::content::kept::opt_partial_date")]
    pub planned: Option<PartialDate>,
    pub note: Option<String>,
    /// Where the update's `id:` value is written.
    pub loc: Loc,
}

/// The declared tags of `written` (by slug or either label), each once, in order.
pub(super) fn tags(ck: &mut Checker<'_>, written: &[String]) -> Vec<TagId> {
    let mut tags = Vec::new();
    if !written.is_empty() && ck.cx.tags.is_broken_for_one() {
        return tags;
    }
    for t in written {
        match ck.cx.tags.resolve(t) {
            Ok(id) if !tags.contains(&id) => tags.push(id),
            Ok(_) => {}
            Err(hint) => {
                let loc = ck.split.value_loc("tags", t);
                let msg = t!("the tag `{t}` is not declared", t);
                ck.push(ck.error(Code::Undeclared, "tags", loc, msg).hint(hint));
            }
        }
    }
    tags
}

/// The milestones a release mentions (indexes into the plan), each once, in order.
pub(super) fn milestones(ck: &mut Checker<'_>, written: &[String]) -> Vec<MilestoneId> {
    let mut milestones = Vec::new();
    if !written.is_empty() && ck.cx.plan.is_broken_for_one() {
        return milestones;
    }
    for id in written {
        match ck.cx.plan.find(id) {
            Ok(i) if !milestones.contains(&i) => milestones.push(i),
            Ok(_) => {}
            Err(hint) => {
                let loc = ck.split.value_loc("milestones", id);
                let msg = t!("unknown milestone `{id}`", id);
                ck.push(
                    ck.error(Code::Undeclared, "milestones", loc, msg)
                        .hint(hint),
                );
            }
        }
    }
    milestones
}

/// The milestone updates a release announces, dated `date` (the release's date) unless
/// they say otherwise. Each updated milestone is added to `milestones` if missing.
pub(super) fn updates(
    ck: &mut Checker<'_>,
    written: &[UpdateFront],
    date: Option<SiteTime>,
    milestones: &mut Vec<MilestoneId>,
) -> Vec<MilestoneUpdate> {
    let mut updates = Vec::new();
    if ck.cx.plan.is_broken() {
        // Counted once per release: `milestones` counted it if it names any.
        if !written.is_empty() && ck.split.key_value("milestones").is_none() {
            ck.cx.plan.is_broken_for_one();
        }
        return updates;
    }
    for u in written {
        let loc = update_loc(ck.split, &u.id);
        let ms = ck.cx.plan.find(&u.id).map_err(|hint| {
            let msg = t!("unknown milestone `{id}`", id = &u.id);
            ck.push(
                ck.error(Code::Undeclared, "milestone_updates.id", loc, msg)
                    .hint(hint),
            );
        });
        let when = match u.date.0 {
            Some(d) => ck.time("milestone_updates", d),
            None => date,
        };
        if let (Ok(m), Some(when)) = (ms, when) {
            if !milestones.contains(&m) {
                milestones.push(m);
            }
            updates.push(MilestoneUpdate {
                milestone: m,
                status: u.status,
                date: when,
                planned: u.planned.0,
                note: u.note.clone(),
                loc,
            });
        }
    }
    updates
}

/// Where `id: <id>` is written in the `milestone_updates` block (at the value).
fn update_loc(split: &Split<'_>, id: &str) -> Loc {
    let key = split.key_loc("milestone_updates");
    let at = split.value_loc("milestone_updates", &format!("id: {id}"));
    if at == key {
        split.value_loc("milestone_updates", id)
    } else {
        Loc::new(at.line, at.col + 4)
    }
}
