//! Milestone state: the declared plan with every release's `milestone_updates` applied
//! in date order. Each change keeps a link to the release that announced it; releases
//! that only mention a milestone are listed on it too.

use std::collections::BTreeMap;

use crate::content::milestones::Status;
use crate::content::{Plan, Release};
use crate::diag::{Diagnostic, Diagnostics};
use crate::time::{PartialDate, SiteTime};
use crate::types::{Lang, PerLang};

/// One change in a milestone's history.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub date: SiteTime,
    pub status: Status,
    /// The planned date after this change, when the change moved it.
    pub planned: Option<PartialDate>,
    pub note: PerLang<Option<String>>,
    /// The announcing release per language (index into `Site::releases`).
    pub release: PerLang<Option<usize>>,
}

/// A milestone as it stands at the build's reference time.
#[derive(Debug, Clone)]
pub struct MilestoneState {
    /// Index into the plan's milestones.
    pub index: usize,
    pub status: Status,
    pub planned: PartialDate,
    pub original_planned: PartialDate,
    /// When it was marked done, if it is done.
    pub done_on: Option<SiteTime>,
    pub history: Vec<HistoryEntry>,
    /// Every release that mentions or updates it, per language, newest first.
    pub releases: PerLang<Vec<usize>>,
    /// Planned date passed and not done (or cancelled).
    pub overdue: bool,
}

pub fn derive(
    plan: &Plan,
    releases: &[Release],
    now: SiteTime,
) -> Result<Vec<MilestoneState>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut states: Vec<MilestoneState> = plan
        .milestones
        .iter()
        .enumerate()
        .map(|(index, m)| MilestoneState {
            index,
            status: m.status,
            planned: m.planned,
            original_planned: m.planned,
            done_on: None,
            history: Vec::new(),
            releases: PerLang::default(),
            overdue: false,
        })
        .collect();
    // One history entry per (milestone, date, stem): the two languages of a release pair
    // announce the same change and must agree on it.
    let mut entries: BTreeMap<(usize, SiteTime, String), (HistoryEntry, String)> = BTreeMap::new();
    for (ri, r) in releases.iter().enumerate() {
        for &m in &r.milestones {
            states[m].releases.get_mut(r.lang).push(ri);
        }
        for u in &r.milestone_updates {
            let key = (u.milestone, u.date, r.stem.clone());
            let e = entries.entry(key).or_insert_with(|| {
                (
                    HistoryEntry {
                        date: u.date,
                        status: u.status,
                        planned: u.planned,
                        note: PerLang::default(),
                        release: PerLang::default(),
                    },
                    r.src.clone(),
                )
            });
            if e.0.status != u.status || e.0.planned != u.planned {
                diags.push(
                    Diagnostic::error(&r.src, format!("this update of `{}` differs from the one in {}", plan.milestones[u.milestone].id, e.1))
                        .field("milestone_updates")
                        .hint("translations must announce the same status and planned date; only `note` is translated"),
                );
            }
            *e.0.note.get_mut(r.lang) = u.note.clone();
            *e.0.release.get_mut(r.lang) = Some(ri);
        }
    }
    for ((m, _, _), (entry, _)) in entries {
        let s = &mut states[m];
        s.status = entry.status;
        if let Some(p) = entry.planned {
            s.planned = p;
        }
        s.done_on = (entry.status == Status::Done).then_some(entry.date);
        s.history.push(entry);
    }
    let today = now.date_naive();
    for s in &mut states {
        s.overdue =
            !matches!(s.status, Status::Done | Status::Cancelled) && s.planned.last_day() < today;
        for lang in Lang::ALL {
            s.releases.get_mut(lang).dedup();
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(states)
    }
}
