//! The milestone timeline: the plan against reality, one row per milestone.
//!
//! Each row has the milestone's short label (HTML text, so labels wrap and never
//! overlap) beside a track drawn in SVG over the years of the chart: the phase's years as
//! a band, the period first planned as a dashed box, the status glyph at the day it was
//! done (or the middle of the period it is planned for now), a line from the plan to the
//! mark when the milestone was done late or early (solid) or its plan moved (dashed), a
//! dotted line to today when it is overdue, and a line at the build's reference day.
//!
//! Positions are percentages of the track's width, so the same markup fits a phone and
//! a wide screen; widths are computed here in integers (thousandths of a percent), so
//! the output is the same on every machine. Only geometry and words are made here; the
//! template writes the SVG with attributes and CSS classes (no `style=`, no script).
//! The chart is one image to assistive technology, named and described in words; the
//! phase lists on the same page give every fact as text.

use serde::Serialize;

use super::milestones::{status_view, StatusView};
use super::schedule::{done_text, moved_text, shift, slip, Slip};
use crate::content::milestones::Status;
use crate::i18n::{fill, get, Strings};
use crate::link::Site;
use crate::time::{day_number, format_date, year_start, PartialDate};
use crate::types::{Lang, MilestoneId};

/// A position or width on the track, as an SVG percentage (`"12.345%"`).
pub type Pct = String;

#[derive(Serialize)]
pub struct Tick {
    /// Where the year starts.
    pub x: Pct,
    /// The middle of the year, where its label goes.
    pub label_x: Pct,
    pub label: String,
    /// Every other year's label is left out on narrow screens.
    pub minor: bool,
}

#[derive(Serialize)]
pub struct Line {
    pub x1: Pct,
    pub x2: Pct,
}

#[derive(Serialize)]
pub struct Row {
    pub id: String,
    pub label: String,
    /// "예정보다 5개월 늦게 완료", "당초 예정보다 1년 늦춰짐 · 예정 시기 경과".
    pub note: Option<String>,
    pub status: StatusView,
    pub overdue: bool,
    /// The period first planned.
    pub plan_x: Pct,
    pub plan_w: Pct,
    /// The status mark: the day it was done, or the middle of its planned period now.
    pub mark_x: Pct,
    /// From the plan's edge to the mark: done late or early (`done`), or moved (`moved`).
    pub slip: Option<Line>,
    pub slip_kind: &'static str,
    /// Overdue: from the end of its planned period to today.
    pub late: Option<Line>,
}

#[derive(Serialize)]
pub struct ChartPhase {
    pub id: String,
    pub name: String,
    pub band_x: Pct,
    pub band_w: Pct,
    pub rows: Vec<Row>,
}

#[derive(Serialize)]
pub struct NowMark {
    pub x: Pct,
    pub label: String,
    /// `start` or `end`: the label stays inside the chart.
    pub anchor: &'static str,
}

#[derive(Serialize)]
pub struct ChartView {
    /// "사업 추진 연표 (2019–2029년)": the chart's accessible name.
    pub title: String,
    /// What the chart shows and how to read it: its accessible description.
    pub description: String,
    pub ticks: Vec<Tick>,
    pub now: Option<NowMark>,
    pub phases: Vec<ChartPhase>,
    /// Every status, for the legend.
    pub statuses: Vec<StatusView>,
    /// "오늘: 2025년 11월 25일(화)", for the legend.
    pub today_legend: String,
}

/// The day (a [`day_number`]) milestone `i` is drawn at: the day it was done, else the
/// middle of its planned year, month or day. Lists sort by it too.
pub fn day_of(site: &Site, i: MilestoneId) -> i64 {
    let s = site.milestone(i);
    day_number(
        s.done_on
            .map_or_else(|| s.planned.middle(), |d| d.date_naive()),
    )
}

/// The track's scale: days from `start` over `span` days.
struct Scale {
    start: i64,
    span: i64,
}

impl Scale {
    /// Thousandths of a percent of the track at `day` (clamped to the track).
    fn at(&self, day: i64) -> i64 {
        (day - self.start).clamp(0, self.span) * 100_000 / self.span
    }

    fn pct(&self, day: i64) -> Pct {
        pct(self.at(day))
    }

    /// The width from `from` to `to` (at least a thousandth, so it is drawn).
    fn width(&self, from: i64, to: i64) -> Pct {
        pct((self.at(to) - self.at(from)).max(1))
    }
}

fn pct(milli: i64) -> Pct {
    format!("{}.{:03}%", milli / 1000, milli % 1000)
}

/// First and last day (exclusive) of the period a partial date means.
fn period(p: PartialDate) -> (i64, i64) {
    (day_number(p.first_day()), day_number(p.last_day()) + 1)
}

fn year_of(site: &Site, i: MilestoneId) -> [i32; 3] {
    let s = site.milestone(i);
    let done = s.done_on.map_or(s.planned.year, |d| {
        PartialDate::from_date(d.date_naive()).year
    });
    [s.original_planned.year, s.planned.year, done]
}

/// Builds the chart, or `None` when there is nothing to draw.
pub fn chart(site: &Site, lang: Lang, t: &Strings) -> Option<ChartView> {
    if site.milestones.is_empty() || site.plan.phases.is_empty() {
        return None;
    }
    let years = site
        .plan
        .phases
        .iter()
        .flat_map(|p| [p.years.0, p.years.1])
        .chain(site.milestone_ids().flat_map(|i| year_of(site, i)));
    let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let scale = Scale {
        start: year_start(lo),
        span: (year_start(hi + 1) - year_start(lo)).max(1),
    };
    let today = day_number(site.now.date_naive());
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
            ids.sort_by_key(|&i| (day_of(site, i), i));
            let (from, to) = (year_start(ph.years.0), year_start(ph.years.1 + 1));
            ChartPhase {
                id: ph.id.clone(),
                name: ph.name.get(lang).clone(),
                band_x: scale.pct(from),
                band_w: scale.width(from, to),
                rows: ids
                    .into_iter()
                    .map(|i| row(site, lang, t, &scale, today, i))
                    .collect(),
            }
        })
        .collect();
    let every = if hi - lo >= 16 { 2 } else { 1 };
    let ticks = (lo..=hi)
        .filter(|yr| (yr - lo) % every == 0)
        .map(|yr| {
            let mid = PartialDate {
                year: yr,
                month: None,
                day: None,
            }
            .middle();
            Tick {
                x: scale.pct(year_start(yr)),
                label_x: scale.pct(day_number(mid)),
                label: yr.to_string(),
                minor: (yr - lo) / every % 2 == 1,
            }
        })
        .collect();
    let now = (scale.start..scale.start + scale.span)
        .contains(&today)
        .then(|| NowMark {
            x: scale.pct(today),
            label: get(t, "chart_today").to_string(),
            anchor: if scale.at(today) > 50_000 {
                "end"
            } else {
                "start"
            },
        });
    Some(ChartView {
        title: fill(
            t,
            "chart_title",
            &[("from", &lo.to_string()), ("to", &hi.to_string())],
        ),
        description: fill(
            t,
            "chart_desc",
            &[
                ("phases", &site.plan.phases.len().to_string()),
                ("n", &site.milestones.len().to_string()),
            ],
        ),
        ticks,
        now,
        phases,
        statuses: Status::ALL.iter().map(|&s| status_view(t, s)).collect(),
        today_legend: fill(
            t,
            "legend_today",
            &[("date", &format_date(site.now.date_naive(), lang))],
        ),
    })
}

fn row(site: &Site, lang: Lang, t: &Strings, scale: &Scale, today: i64, i: MilestoneId) -> Row {
    let m = &site.plan.milestones[i.index()];
    let s = site.milestone(i);
    let (plan_from, plan_to) = period(s.original_planned);
    let mark = day_of(site, i);
    let edge = |sl: Slip| match sl {
        Slip::Late(_) => Some(plan_to),
        Slip::Early(_) => Some(plan_from),
        Slip::OnTime => None,
    };
    let mut notes = Vec::new();
    let (slip_from, slip_kind) = match s.done_on {
        Some(done) => {
            let sl = slip(s.original_planned, done.date_naive());
            if sl != Slip::OnTime {
                notes.push(done_text(t, sl));
            }
            (edge(sl), "done")
        }
        None => {
            let sl = shift(s.original_planned, s.planned);
            notes.extend(moved_text(t, sl));
            (edge(sl), "moved")
        }
    };
    if s.overdue {
        notes.push(get(t, "overdue").to_string());
    }
    if s.status == Status::Cancelled {
        notes.push(status_view(t, s.status).label);
    }
    let (_, planned_to) = period(s.planned);
    Row {
        id: m.id.clone(),
        label: m.short.get(lang).clone(),
        note: (!notes.is_empty()).then(|| notes.join(" · ")),
        status: status_view(t, s.status),
        overdue: s.overdue,
        plan_x: scale.pct(plan_from),
        plan_w: scale.width(plan_from, plan_to),
        mark_x: scale.pct(mark),
        slip: slip_from.map(|from| Line {
            x1: scale.pct(from),
            x2: scale.pct(mark),
        }),
        slip_kind,
        late: s.overdue.then(|| Line {
            x1: scale.pct(planned_to.max(mark)),
            x2: scale.pct(today),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_exact_thousandths() {
        let s = Scale { start: 0, span: 3 };
        assert_eq!(s.pct(1), "33.333%");
        assert_eq!(s.pct(3), "100.000%");
        assert_eq!(s.pct(-5), "0.000%", "clamped to the track");
        assert_eq!(
            s.width(1, 1),
            "0.001%",
            "never zero, which SVG would not draw"
        );
    }
}
