//! Progress at a glance: the summary on the home page (a bar per phase with how many of
//! its milestones are done, in progress, delayed, planned or cancelled, and the overdue
//! ones in plain words) and the lists of milestones by status it links to
//! (`milestones/status/<status>/`, [`Page::MilestonesBy`]).

use serde::Serialize;

use super::milestones::{icon, MilestoneItem};
use super::Cx;
use crate::content::milestones::Status;
use crate::diag::Diagnostic;
use crate::i18n::{fill, get, Strings};
use crate::link::{MilestoneState, Site};
use crate::route::{MilestoneFilter, Page};
use crate::types::{Lang, MilestoneId};

/// The status a filter lists (none for the overdue list).
pub fn status_of(f: MilestoneFilter) -> Option<Status> {
    match f {
        MilestoneFilter::Done => Some(Status::Done),
        MilestoneFilter::InProgress => Some(Status::InProgress),
        MilestoneFilter::Delayed => Some(Status::Delayed),
        MilestoneFilter::Planned => Some(Status::Planned),
        MilestoneFilter::Cancelled => Some(Status::Cancelled),
        MilestoneFilter::Overdue => None,
    }
}

pub fn matches(f: MilestoneFilter, s: &MilestoneState) -> bool {
    status_of(f).map_or(s.overdue, |st| s.status == st)
}

/// The key of a filter in UI strings and CSS classes: a status key, or `overdue`.
fn key(f: MilestoneFilter) -> &'static str {
    status_of(f).map_or("overdue", Status::key)
}

/// A link to one list by status: "✓ 완료 6".
#[derive(Serialize)]
pub struct FilterLink {
    pub key: &'static str,
    pub icon: &'static str,
    pub label: String,
    pub count: usize,
    pub url: String,
    pub current: bool,
}

/// One status's share of a phase's bar, as SVG percentages.
#[derive(Serialize)]
pub struct Segment {
    pub key: &'static str,
    pub x: String,
    pub width: String,
}

#[derive(Serialize)]
pub struct PhaseBar {
    pub name: String,
    pub url: String,
    /// "7개 중 3개 완료".
    pub progress: String,
    /// "진행 중 2개 · 지연 1개 · 예정 1개": the rest, in the order of the bar.
    pub counts: String,
    pub segments: Vec<Segment>,
}

/// A sentence that links to a list by status.
#[derive(Serialize)]
pub struct Sentence {
    pub label: String,
    pub url: String,
}

/// The milestone summary on the home page.
#[derive(Serialize)]
pub struct ProgressView {
    pub as_of: String,
    pub as_of_iso: String,
    /// "전체 12개 일정 중 6개 완료".
    pub summary: String,
    pub phases: Vec<PhaseBar>,
    /// "예정 시기가 지났지만 완료 소식이 없는 일정 4개", when there are any.
    pub overdue: Option<Sentence>,
    pub filters: Vec<FilterLink>,
    pub url: String,
    pub link_label: String,
}

/// The order of the bars' segments: what is finished first.
const BAR: [Status; 5] = [
    Status::Done,
    Status::InProgress,
    Status::Delayed,
    Status::Planned,
    Status::Cancelled,
];

fn count(site: &Site, f: impl Fn(&MilestoneState) -> bool) -> usize {
    site.milestones.iter().filter(|s| f(s)).count()
}

/// "전체 12개 일정 중 6개 완료".
pub fn summary(site: &Site, t: &Strings) -> String {
    fill(
        t,
        "milestones_summary",
        &[
            ("n", &count(site, |s| s.status == Status::Done).to_string()),
            ("total", &site.milestones.len().to_string()),
        ],
    )
}

/// "4 milestones are past their planned date with no news that they are done".
fn overdue_sentence(t: &Strings, n: usize) -> String {
    let key = if n == 1 {
        "overdue_summary_one"
    } else {
        "overdue_summary_many"
    };
    fill(t, key, &[("n", &n.to_string())])
}

/// The whole plan in words, for the timeline's description: "전체 12개 일정 중 6개 완료
/// (진행 중 2개 · 지연 1개 · 예정 3개). 예정 시기가 지났지만 완료 소식이 없는 일정 4개."
pub fn in_words(site: &Site, t: &Strings) -> String {
    let rest: Vec<String> = BAR[1..]
        .iter()
        .map(|&st| (st, count(site, |s| s.status == st)))
        .filter(|&(_, n)| n > 0)
        .map(|(st, n)| status_count(t, st, n))
        .collect();
    let mut out = summary(site, t);
    if !rest.is_empty() {
        out = format!("{out} ({})", rest.join(" · "));
    }
    out.push('.');
    let overdue = count(site, |s| s.overdue);
    if overdue > 0 {
        out = format!("{out} {}.", overdue_sentence(t, overdue));
    }
    out
}

/// "지연 1개": a status and how many.
fn status_count(t: &Strings, s: Status, n: usize) -> String {
    fill(
        t,
        "status_count",
        &[
            ("label", get(t, &format!("status_{}", s.key()))),
            ("n", &n.to_string()),
        ],
    )
}

/// The links to every list by status (those with no milestone too, when `all`); none
/// when no milestone is declared, since the lists are not written then.
pub fn filter_links(
    site: &Site,
    lang: Lang,
    t: &Strings,
    current: Option<MilestoneFilter>,
    all: bool,
) -> Vec<FilterLink> {
    if site.milestones.is_empty() {
        return Vec::new();
    }
    MilestoneFilter::ALL
        .into_iter()
        .map(|f| (f, count(site, |s| matches(f, s))))
        .filter(|&(f, n)| all || n > 0 || Some(f) == current)
        .map(|(f, n)| FilterLink {
            key: key(f),
            icon: status_of(f).map_or("⚠\u{fe0e}", icon),
            label: match status_of(f) {
                Some(st) => get(t, &format!("status_{}", st.key())).to_string(),
                None => get(t, "overdue").to_string(),
            },
            count: n,
            url: site.config.url(&site.path(Page::MilestonesBy(f), lang)),
            current: Some(f) == current,
        })
        .collect()
}

fn phase_bar(site: &Site, lang: Lang, t: &Strings, pi: usize) -> PhaseBar {
    let ph = &site.plan.phases[pi];
    let states: Vec<&MilestoneState> = site
        .milestones
        .iter()
        .filter(|s| site.plan.milestones[s.id.index()].phase == pi)
        .collect();
    let total = states.len();
    let n = |st: Status| states.iter().filter(|s| s.status == st).count();
    let mut at = 0;
    let mut segments = Vec::new();
    for st in BAR {
        let k = n(st);
        if k == 0 {
            continue;
        }
        // Thousandths of a percent, from integer shares: the same on every machine.
        let x = at * 100_000 / total;
        at += k;
        let end = at * 100_000 / total;
        let pct = |v: usize| format!("{}.{:03}%", v / 1000, v % 1000);
        segments.push(Segment {
            key: st.key(),
            x: pct(x),
            width: pct(end - x),
        });
    }
    let rest: Vec<String> = BAR[1..]
        .iter()
        .filter(|&&st| n(st) > 0)
        .map(|&st| status_count(t, st, n(st)))
        .collect();
    PhaseBar {
        name: ph.name.get(lang).clone(),
        url: format!(
            "{}#phase-{}",
            site.config.url(&site.path(Page::Milestones, lang)),
            ph.id
        ),
        progress: fill(
            t,
            "phase_progress",
            &[
                ("n", &n(Status::Done).to_string()),
                ("total", &total.to_string()),
            ],
        ),
        counts: rest.join(" · "),
        segments,
    }
}

/// The home page's summary, when milestones are declared.
pub fn progress(
    site: &Site,
    lang: Lang,
    t: &Strings,
    as_of: (String, String),
) -> Option<ProgressView> {
    if site.milestones.is_empty() {
        return None;
    }
    let overdue = count(site, |s| s.overdue);
    Some(ProgressView {
        as_of: as_of.0,
        as_of_iso: as_of.1,
        summary: summary(site, t),
        phases: (0..site.plan.phases.len())
            .map(|pi| phase_bar(site, lang, t, pi))
            .collect(),
        overdue: (overdue > 0).then(|| Sentence {
            label: overdue_sentence(t, overdue),
            url: site
                .config
                .url(&site.path(Page::MilestonesBy(MilestoneFilter::Overdue), lang)),
        }),
        filters: filter_links(site, lang, t, None, false),
        url: site.config.url(&site.path(Page::Milestones, lang)),
        link_label: get(t, "all_milestones").to_string(),
    })
}

/// A phase's milestones in a list by status.
#[derive(Serialize)]
pub struct FilterPhase {
    pub id: String,
    pub name: String,
    pub milestones: Vec<MilestoneItem>,
}

/// The body of `milestones/status/<status>/`.
#[derive(Serialize)]
pub struct FilterView {
    pub key: &'static str,
    pub heading: String,
    pub as_of: String,
    pub as_of_iso: String,
    /// "일정 4개".
    pub count: String,
    /// Why a milestone is on the overdue list.
    pub note: Option<String>,
    pub filters: Vec<FilterLink>,
    pub phases: Vec<FilterPhase>,
    pub all_url: String,
}

impl Cx<'_> {
    fn filter_view(&self, f: MilestoneFilter) -> FilterView {
        let (site, t) = (self.site, self.t);
        let (as_of, as_of_iso) = self.as_of();
        let phases = (0..site.plan.phases.len())
            .map(|pi| {
                let mut ids: Vec<MilestoneId> = site
                    .milestone_ids()
                    .filter(|&i| site.plan.milestones[i.index()].phase == pi)
                    .filter(|&i| matches(f, site.milestone(i)))
                    .collect();
                ids.sort_by_key(|&i| (super::timeline::day_of(site, i), i));
                FilterPhase {
                    id: site.plan.phases[pi].id.clone(),
                    name: site.plan.phases[pi].name.get(self.lang).clone(),
                    milestones: ids.into_iter().map(|i| self.item(i)).collect(),
                }
            })
            .filter(|p| !p.milestones.is_empty())
            .collect();
        let n = count(site, |s| matches(f, s));
        FilterView {
            key: key(f),
            heading: get(t, &format!("filter_title_{}", key(f))).to_string(),
            as_of,
            as_of_iso,
            count: fill(
                t,
                if n == 1 {
                    "milestone_count_one"
                } else {
                    "milestone_count_many"
                },
                &[("n", &n.to_string())],
            ),
            note: (f == MilestoneFilter::Overdue).then(|| get(t, "overdue_note").to_string()),
            filters: filter_links(site, self.lang, t, Some(f), true),
            phases,
            all_url: self.link(Page::Milestones),
        }
    }

    pub(super) fn milestones_by(&self, f: MilestoneFilter) -> Result<Vec<u8>, Diagnostic> {
        let body = self.filter_view(f);
        let crumbs = vec![
            self.home_crumb(),
            self.crumb("milestones", Page::Milestones),
            Self::here(&body.heading),
        ];
        let data = self.data(body.heading.clone(), None, crumbs, "milestones", body);
        self.render_template("milestones_by.html", &data)
    }
}
