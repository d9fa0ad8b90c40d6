//! Milestone state: the declared plan with every release's `milestone_updates` applied
//! in date order. Each change keeps a link to the release that announced it; releases
//! that only mention a milestone are listed on it too.
//!
//! Steps: gather the updates of every release into one entry per (milestone, date,
//! release stem), so the Korean and English versions of a release announce one change;
//! report a translation pair that disagrees on an update (status, planned date or date,
//! or an update that only one of the two carries); apply the entries dated up to the
//! build's reference time in date order; derive `overdue` against that time.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::milestones::Status;
use crate::content::{Plan, Release};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::time::{iso_date, PartialDate, SiteTime};
use crate::types::{Lang, MilestoneId, PerLang, ReleaseId};

/// One change in a milestone's history.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub date: SiteTime,
    pub status: Status,
    /// The planned date after this change, when the change moved it.
    pub planned: Option<PartialDate>,
    pub note: PerLang<Option<String>>,
    /// The announcing release per language.
    pub release: PerLang<Option<ReleaseId>>,
}

/// A milestone as it stands at the build's reference time.
#[derive(Debug, Clone)]
pub struct MilestoneState {
    pub id: MilestoneId,
    pub status: Status,
    pub planned: PartialDate,
    pub original_planned: PartialDate,
    /// When it was last marked done, if it is done.
    pub done_on: Option<SiteTime>,
    /// Changes in effect at the reference time, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Every release that mentions or updates it, per language, newest first.
    pub releases: PerLang<Vec<ReleaseId>>,
    /// Planned date passed and not done (or cancelled).
    pub overdue: bool,
}

impl MilestoneState {
    /// True when a release moved the planned date away from the declared one.
    pub fn moved(&self) -> bool {
        self.planned != self.original_planned
    }
}

/// What one language's version of a release says about one change.
struct Said {
    status: Status,
    planned: Option<PartialDate>,
    note: Option<String>,
    release: ReleaseId,
}

/// Derives the state of every declared milestone. `releases` are the published ones;
/// updates dated after `now` are not in effect yet and are left out.
pub fn derive(
    plan: &Plan,
    releases: &[std::sync::Arc<Release>],
    now: SiteTime,
) -> Result<Vec<MilestoneState>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut states: Vec<MilestoneState> = plan
        .milestones
        .iter()
        .enumerate()
        .map(|(index, m)| MilestoneState {
            id: MilestoneId::new(index),
            status: m.status,
            planned: m.planned,
            original_planned: m.planned,
            done_on: None,
            history: Vec::new(),
            releases: PerLang::default(),
            overdue: false,
        })
        .collect();
    // (milestone, date, stem) → what each language says. Date first after the milestone,
    // so iterating the map applies changes in date order.
    let mut said: BTreeMap<(MilestoneId, SiteTime, &str), PerLang<Option<Said>>> = BTreeMap::new();
    for (ri, r) in releases.iter().enumerate() {
        let ri = ReleaseId::new(ri);
        for &m in &r.milestones {
            states[m.index()].releases.get_mut(r.lang).push(ri);
        }
        for u in &r.milestone_updates {
            let slot = said
                .entry((u.milestone, u.date, &r.stem))
                .or_default()
                .get_mut(r.lang);
            if slot.is_some() {
                diags.push(
                    Diagnostic::new(
                        Code::Duplicate,
                        &r.src,
                        t!(
                            "`{id}` is updated twice on {date}",
                            id = &plan.milestones[u.milestone.index()].id,
                            date = iso_date(&u.date)
                        ),
                    )
                    .at(u.loc)
                    .field("milestone_updates")
                    .hint(t!("keep one update per milestone and date in a release")),
                );
                continue;
            }
            *slot = Some(Said {
                status: u.status,
                planned: u.planned,
                note: u.note.clone(),
                release: ri,
            });
        }
    }
    // The languages of each release that updates a milestone (only those: a large site's
    // other releases need no entry).
    let updating: BTreeSet<&str> = said.keys().map(|(_, _, stem)| *stem).collect();
    let mut langs_of: BTreeMap<&str, BTreeSet<Lang>> = BTreeMap::new();
    if !updating.is_empty() {
        for r in releases {
            if updating.contains(r.stem.as_str()) {
                langs_of.entry(&r.stem).or_default().insert(r.lang);
            }
        }
    }
    for ((m, date, stem), by_lang) in said {
        let both = langs_of.get(stem).is_some_and(|l| l.len() == 2);
        if both {
            if let Some(d) = disagreement(plan, releases, m, date, &by_lang) {
                diags.push(d);
                continue;
            }
        }
        if date > now {
            continue;
        }
        let first = by_lang.ko.as_ref().or(by_lang.en.as_ref()).expect("one");
        let entry = HistoryEntry {
            date,
            status: first.status,
            planned: first.planned,
            note: PerLang::from_fn(|l| by_lang.get(l).as_ref().and_then(|s| s.note.clone())),
            release: PerLang::from_fn(|l| by_lang.get(l).as_ref().map(|s| s.release)),
        };
        let s = &mut states[m.index()];
        if entry.status == Status::Done && s.status != Status::Done {
            s.done_on = Some(date);
        } else if entry.status != Status::Done {
            s.done_on = None;
        }
        s.status = entry.status;
        if let Some(p) = entry.planned {
            s.planned = p;
        }
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

/// The diagnostic for a translation pair whose two versions do not announce the same
/// change, pointing at the English update (or at the one version that has it).
fn disagreement(
    plan: &Plan,
    releases: &[std::sync::Arc<Release>],
    m: MilestoneId,
    date: SiteTime,
    by_lang: &PerLang<Option<Said>>,
) -> Option<Diagnostic> {
    let id = &plan.milestones[m.index()].id;
    let loc_of = |s: &Said| {
        let r = &releases[s.release.index()];
        let u = r
            .milestone_updates
            .iter()
            .find(|u| u.milestone == m && u.date == date)
            .expect("the update came from this release");
        (r, u.loc)
    };
    let hint = t!("the Korean and English versions of a release must announce the same status, date and planned date; only `note` is translated");
    match (&by_lang.ko, &by_lang.en) {
        (Some(ko), Some(en)) if ko.status != en.status || ko.planned != en.planned => {
            let (r, loc) = loc_of(en);
            let (other, _) = loc_of(ko);
            Some(
                Diagnostic::new(
                    Code::InvalidValue,
                    &r.src,
                    t!(
                        "this update of `{id}` differs from the one in {other}",
                        id,
                        other = &other.src
                    ),
                )
                .at(loc)
                .field("milestone_updates")
                .hint(hint),
            )
        }
        (Some(one), None) | (None, Some(one)) => {
            let (r, loc) = loc_of(one);
            Some(
                Diagnostic::new(
                    Code::InvalidValue,
                    &r.src,
                    match r.lang.other() {
                        Lang::Ko => t!(
                            "the Korean version of this release has no update of `{id}` dated {date}",
                            id,
                            date = iso_date(&date)
                        ),
                        Lang::En => t!(
                            "the English version of this release has no update of `{id}` dated {date}",
                            id,
                            date = iso_date(&date)
                        ),
                    },
                )
                .at(loc)
                .field("milestone_updates")
                .hint(hint),
            )
        }
        _ => None,
    }
}

/// The checks of [`derive`] over the held-back releases
/// with updates and every version of theirs (a pair whose two versions disagree is
/// reported the day it is written), less what the published releases already reported.
pub(super) fn held_checks(
    plan: &Plan,
    published: &[std::sync::Arc<Release>],
    held: &super::Held,
    now: SiteTime,
    reported: &[Diagnostic],
) -> Vec<Diagnostic> {
    let stems: BTreeSet<&str> = held
        .releases
        .iter()
        .filter(|h| !h.release.milestone_updates.is_empty())
        .map(|h| h.release.stem.as_str())
        .collect();
    if stems.is_empty() {
        return Vec::new();
    }
    let subset: Vec<std::sync::Arc<Release>> = published
        .iter()
        .chain(held.releases.iter().map(|h| &h.release))
        .filter(|r| stems.contains(r.stem.as_str()))
        .cloned()
        .collect();
    match derive(plan, &subset, now) {
        Ok(_) => Vec::new(),
        Err(d) => d
            .iter()
            .filter(|d| !reported.contains(d))
            .cloned()
            .collect(),
    }
}
