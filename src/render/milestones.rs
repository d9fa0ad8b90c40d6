//! The milestone pages: `/milestones/` (phases, progress, timeline, open data) and one
//! page per milestone (`/milestones/<id>/`: description, status history, releases), in
//! each language, plus the progress summary on the home page.
//!
//! Every status is shown as a word with an `aria-hidden` glyph next to it, never by
//! colour alone. Dates keep the precision they were planned with.

use serde::Serialize;

use super::progress::{self, FilterLink};
use super::schedule;
use super::templates::Prepared;
use super::timeline::{chart, ChartView};
use super::views::{ListView, Pager};
use super::Cx;
use crate::content::milestones::Status;
use crate::diag::Diagnostic;
use crate::i18n::{fill, get, Strings};
use crate::route::{Data, Format, Page};
use crate::time::{format_date, iso_date};
use crate::types::{MilestoneId, ReleaseId};

/// A status as shown: the word, a glyph for the eye and the key for CSS classes.
#[derive(Serialize, Clone)]
pub struct StatusView {
    pub key: &'static str,
    pub label: String,
    pub icon: &'static str,
}

/// The text glyph shown (hidden from screen readers) before a status word.
pub fn icon(s: Status) -> &'static str {
    match s {
        Status::Planned => "○",
        Status::InProgress => "◐",
        Status::Done => "✓",
        Status::Delayed => "!",
        Status::Cancelled => "×",
    }
}

pub fn status_view(t: &Strings, s: Status) -> StatusView {
    StatusView {
        key: s.key(),
        label: get(t, &format!("status_{}", s.key())).to_string(),
        icon: icon(s),
    }
}

/// A milestone in the list of its phase.
#[derive(Serialize)]
pub struct MilestoneItem {
    pub id: String,
    pub title: String,
    pub url: String,
    pub status: StatusView,
    pub planned: String,
    pub planned_iso: String,
    /// "Planned for 2023, now 2024" when a release moved the date.
    pub moved: Option<String>,
    pub done_on: Option<String>,
    pub done_on_iso: Option<String>,
    /// A done milestone against its first plan: "예정보다 5개월 늦게 완료".
    pub schedule: Option<String>,
    /// `late`, `early` or `on-time`, for CSS.
    pub schedule_key: Option<&'static str>,
    pub overdue: bool,
}

#[derive(Serialize)]
pub struct PhaseView {
    pub id: String,
    pub name: String,
    pub progress: String,
    pub milestones: Vec<MilestoneItem>,
}

#[derive(Serialize)]
pub struct DataLink {
    pub label: String,
    pub url: String,
    pub mime: &'static str,
}

#[derive(Serialize)]
pub struct MilestonesView {
    pub heading: String,
    pub as_of: String,
    pub as_of_iso: String,
    pub summary: String,
    /// Every count in words (the timeline's description).
    pub in_words: String,
    /// The lists by status, with how many each holds.
    pub filters: Vec<FilterLink>,
    pub chart: Option<ChartView>,
    pub phases: Vec<PhaseView>,
    pub data: Vec<DataLink>,
}

/// A link to a release, marked with its language when it is not the page's.
#[derive(Serialize)]
pub struct ReleaseRef {
    pub title: String,
    pub url: String,
    pub date: String,
    pub lang: Option<&'static str>,
}

#[derive(Serialize)]
pub struct HistoryRow {
    pub date: String,
    pub date_iso: String,
    pub status: StatusView,
    /// "Planned date moved to 2024".
    pub planned: Option<String>,
    pub note: Option<String>,
    pub release: Option<ReleaseRef>,
}

#[derive(Serialize)]
pub struct MilestoneView {
    #[serde(flatten)]
    pub item: MilestoneItem,
    pub phase: String,
    pub phase_url: String,
    pub description: Option<String>,
    pub as_of: String,
    pub as_of_iso: String,
    pub history: Vec<HistoryRow>,
    /// "Original plan: 2023, planned".
    pub original: String,
    pub releases: Vec<Prepared>,
    /// Releases that exist only in the other language.
    pub other_releases: Vec<ReleaseRef>,
    pub other_label: String,
    pub all_url: String,
    /// The page of releases this is (1 for the milestone's own page), and the pager
    /// when its releases take more than one page. Later pages show only the releases.
    pub page: usize,
    pub pager: Option<Pager>,
    /// "Page 2 of 5" in the heading of later pages' release lists.
    pub releases_heading: String,
}

impl Cx<'_> {
    pub(super) fn as_of(&self) -> (String, String) {
        let today = self.site.now.date_naive();
        (
            fill(self.t, "as_of", &[("date", &format_date(today, self.lang))]),
            today.format("%Y-%m-%d").to_string(),
        )
    }

    pub(super) fn item(&self, i: MilestoneId) -> MilestoneItem {
        let (site, lang, t) = (self.site, self.lang, self.t);
        let m = &site.plan.milestones[i.index()];
        let s = site.milestone(i);
        let against = s
            .done_on
            .map(|d| schedule::slip(s.original_planned, d.date_naive()));
        MilestoneItem {
            id: m.id.clone(),
            title: m.title.get(lang).clone(),
            url: self.link(Page::Milestone(i, 1)),
            status: status_view(t, s.status),
            planned: s.planned.human(lang),
            planned_iso: s.planned.iso(),
            moved: s.moved().then(|| {
                fill(
                    t,
                    "planned_moved",
                    &[
                        ("from", &s.original_planned.human(lang)),
                        ("to", &s.planned.human(lang)),
                    ],
                )
            }),
            done_on: s.done_on.map(|d| format_date(d.date_naive(), lang)),
            done_on_iso: s.done_on.map(|d| iso_date(&d)),
            schedule: against.map(|a| schedule::done_text(t, a)),
            schedule_key: against.map(schedule::key),
            overdue: s.overdue,
        }
    }

    fn release_ref(&self, ri: ReleaseId) -> ReleaseRef {
        let r = self.site.release(ri);
        ReleaseRef {
            title: r.title.clone(),
            url: self.url(&self.site.release_path(ri)),
            date: format_date(r.date.date_naive(), self.lang),
            lang: (r.lang != self.lang).then(|| r.lang.code()),
        }
    }

    /// The body of `/milestones/`.
    pub(super) fn milestones_view(&self) -> MilestonesView {
        let (site, lang, t) = (self.site, self.lang, self.t);
        let (as_of, as_of_iso) = self.as_of();
        let phases = site
            .plan
            .phases
            .iter()
            .enumerate()
            .map(|(pi, ph)| {
                let mut ids: Vec<MilestoneId> = site
                    .milestone_ids()
                    .filter(|&i| site.plan.milestones[i.index()].phase == pi)
                    .collect();
                ids.sort_by_key(|&i| (super::timeline::day_of(site, i), i));
                let done = ids
                    .iter()
                    .filter(|&&i| site.milestone(i).status == Status::Done)
                    .count();
                PhaseView {
                    id: ph.id.clone(),
                    name: ph.name.get(lang).clone(),
                    progress: fill(
                        t,
                        "phase_progress",
                        &[("n", &done.to_string()), ("total", &ids.len().to_string())],
                    ),
                    milestones: ids.into_iter().map(|i| self.item(i)).collect(),
                }
            })
            .collect();
        let data = Format::ALL
            .into_iter()
            // The data files are written only when milestones are declared.
            .filter(|_| !site.plan.milestones.is_empty())
            .map(|f| {
                let (key, mime) = match f {
                    Format::Json => ("data_json", "application/json"),
                    Format::Csv => ("data_csv", "text/csv"),
                    Format::Ics => ("data_ics", "text/calendar"),
                };
                DataLink {
                    label: get(t, key).to_string(),
                    url: self.url(&site.data_path(Data::OpenData(f), lang)),
                    mime,
                }
            })
            .collect();
        MilestonesView {
            heading: get(t, "milestones_heading").to_string(),
            as_of,
            as_of_iso,
            summary: progress::summary(site, t),
            in_words: progress::in_words(site, t),
            filters: progress::filter_links(site, lang, t, None, true),
            chart: chart(site, lang, t),
            phases,
            data,
        }
    }

    /// The body of `/milestones/<id>/` (page `n` of its releases).
    fn milestone_view(&self, i: MilestoneId, n: usize) -> MilestoneView {
        let (site, lang, t) = (self.site, self.lang, self.t);
        let m = &site.plan.milestones[i.index()];
        let s = site.milestone(i);
        let (as_of, as_of_iso) = self.as_of();
        // Later pages list only releases: the history is on the milestone's own page.
        let history = s
            .history
            .iter()
            .filter(|_| n == 1)
            .map(|h| HistoryRow {
                date: format_date(h.date.date_naive(), lang),
                date_iso: iso_date(&h.date),
                status: status_view(t, h.status),
                planned: h
                    .planned
                    .map(|p| fill(t, "planned_moved_to", &[("date", &p.human(lang))])),
                note: h
                    .note
                    .get(lang)
                    .clone()
                    .or_else(|| h.note.get(lang.other()).clone()),
                release: h
                    .release
                    .get(lang)
                    .or(*h.release.get(lang.other()))
                    .map(|ri| self.release_ref(ri)),
            })
            .collect();
        let (_, list) = self.paginated(
            s.releases.get(lang),
            Page::Milestone(i, n),
            get(t, "related_releases").to_string(),
            None,
        );
        let ListView {
            items: releases,
            pager,
            ..
        } = list;
        // Only the milestone's own page (page 1) shows them, as it shows the history.
        let other_releases = if n == 1 {
            s.releases
                .get(lang.other())
                .iter()
                .filter(|&&ri| self.site.release_translation(ri).is_none())
                .map(|&ri| self.release_ref(ri))
                .collect()
        } else {
            Vec::new()
        };
        let phase = &site.plan.phases[m.phase];
        MilestoneView {
            item: self.item(i),
            phase: phase.name.get(lang).clone(),
            phase_url: format!("{}#phase-{}", self.link(Page::Milestones), phase.id),
            description: Some(m.description.get(lang).clone()).filter(|d| !d.trim().is_empty()),
            as_of,
            as_of_iso,
            history,
            original: fill(
                t,
                "original_plan",
                &[
                    ("date", &s.original_planned.human(lang)),
                    ("status", get(t, &format!("status_{}", m.status.key()))),
                ],
            ),
            releases,
            other_releases,
            other_label: fill(
                t,
                "also_in_other",
                &[(
                    "lang",
                    get(t, &format!("language_in_{}", lang.other().code())),
                )],
            ),
            all_url: self.link(Page::Milestones),
            releases_heading: match &pager {
                Some(p) if n > 1 => format!("{} ({})", get(t, "related_releases"), p.label),
                _ => get(t, "related_releases").to_string(),
            },
            page: n,
            pager,
        }
    }

    pub(super) fn milestones(&self) -> Result<Vec<u8>, Diagnostic> {
        let body = self.milestones_view();
        let crumbs = vec![self.home_crumb(), Self::here(self.tr("milestones"))];
        let data = self.data(body.heading.clone(), None, crumbs, "milestones", body);
        self.render_template("milestones.html", &data)
    }

    pub(super) fn milestone(&self, i: MilestoneId, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let body = self.milestone_view(i, n);
        let crumbs = vec![
            self.home_crumb(),
            self.crumb("milestones", Page::Milestones),
            Self::here(&body.item.title),
        ];
        let title = match &body.pager {
            Some(p) if n > 1 => format!("{} ({})", body.item.title, p.label),
            _ => body.item.title.clone(),
        };
        let description = body.description.clone();
        let data = self.data(title, description, crumbs, "milestones", body);
        self.render_template("milestone.html", &data)
    }
}
