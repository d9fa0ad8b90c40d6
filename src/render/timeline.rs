//! The milestone timeline drawn as inline SVG: one band per phase over its years, one
//! marker per milestone at its date (the day it was done, or the middle of its planned
//! year, month or day), a year axis and a line at the build's reference time.
//!
//! Only geometry is computed here; the template writes the SVG with attributes and CSS
//! classes (no `style=`, no script). The SVG is hidden from screen readers: the phase
//! lists on the same page say the same thing as text.

use serde::Serialize;

use super::milestones::{icon, status_view, StatusView};
use crate::i18n::{fill, Strings};
use crate::link::Site;
use crate::time::{day_number, year_start, PartialDate};
use crate::types::{Lang, MilestoneId};

pub const WIDTH: i64 = 960;
const MARGIN: i64 = 24;
const LANE: i64 = 24;
const MARK_GAP: i64 = 22;
const LABEL_H: i64 = 22;

#[derive(Serialize)]
pub struct Tick {
    pub x: i64,
    pub label_x: i64,
    pub label: Option<String>,
}

#[derive(Serialize)]
pub struct Band {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub label: String,
    pub label_x: i64,
    pub label_y: i64,
    pub anchor: &'static str,
}

#[derive(Serialize)]
pub struct Mark {
    pub x: i64,
    pub y: i64,
    pub icon: &'static str,
    pub status: StatusView,
    pub overdue: bool,
    /// Tooltip: "Groundbreaking: Done".
    pub title: String,
}

#[derive(Serialize)]
pub struct NowLine {
    pub x: i64,
    pub label: String,
    pub anchor: &'static str,
}

#[derive(Serialize)]
pub struct ChartView {
    pub width: i64,
    pub height: i64,
    pub axis_y: i64,
    pub axis_x1: i64,
    pub axis_x2: i64,
    pub ticks: Vec<Tick>,
    pub bands: Vec<Band>,
    pub marks: Vec<Mark>,
    pub now: Option<NowLine>,
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

fn year_of(site: &Site, i: MilestoneId) -> i32 {
    let s = site.milestone(i);
    PartialDate::from_date(
        s.done_on
            .map_or_else(|| s.planned.middle(), |d| d.date_naive()),
    )
    .year
}

/// Builds the chart, or `None` when there is nothing to draw.
pub fn chart(site: &Site, lang: Lang, t: &Strings) -> Option<ChartView> {
    if site.milestones.is_empty() || site.plan.phases.is_empty() {
        return None;
    }
    let when = |i: MilestoneId| day_of(site, i);
    let years = site
        .plan
        .phases
        .iter()
        .flat_map(|p| [p.years.0, p.years.1])
        .chain(site.milestone_ids().map(|i| year_of(site, i)));
    let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let (start, end) = (year_start(lo), year_start(hi + 1));
    let span = (end - start).max(1);
    let x = |day: i64| MARGIN + (day - start) * (WIDTH - 2 * MARGIN) / span;
    let mut bands = Vec::new();
    let mut marks = Vec::new();
    let mut y = 8;
    for (pi, ph) in site.plan.phases.iter().enumerate() {
        let mut ids: Vec<(i64, MilestoneId)> = site
            .milestone_ids()
            .filter(|&i| site.plan.milestones[i.index()].phase == pi)
            .map(|i| (x(when(i)), i))
            .collect();
        ids.sort();
        // Markers closer than MARK_GAP go to the next lane down.
        let mut lanes: Vec<i64> = Vec::new();
        let mut placed = Vec::new();
        for (mx, i) in ids {
            let lane = lanes
                .iter()
                .position(|&last| mx - last >= MARK_GAP)
                .unwrap_or_else(|| {
                    lanes.push(i64::MIN / 2);
                    lanes.len() - 1
                });
            lanes[lane] = mx;
            placed.push((mx, lane as i64, i));
        }
        let lanes = lanes.len().max(1) as i64;
        let bx = x(year_start(ph.years.0));
        let bw = x(year_start(ph.years.1 + 1)) - bx;
        let band_y = y + LABEL_H;
        let band_h = lanes * LANE + 8;
        let right = bx > WIDTH * 3 / 5;
        bands.push(Band {
            x: bx,
            y: band_y,
            width: bw,
            height: band_h,
            label: ph.name.get(lang).clone(),
            label_x: if right { bx + bw } else { bx },
            label_y: y + LABEL_H - 6,
            anchor: if right { "end" } else { "start" },
        });
        for (mx, lane, i) in placed {
            let s = site.milestone(i);
            let status = status_view(t, s.status);
            marks.push(Mark {
                x: mx,
                y: band_y + 4 + LANE / 2 + lane * LANE,
                icon: icon(s.status),
                title: format!(
                    "{}: {}",
                    site.plan.milestones[i.index()].title.get(lang),
                    status.label
                ),
                status,
                overdue: s.overdue,
            });
        }
        y = band_y + band_h + 12;
    }
    let axis_y = y;
    let every = if hi - lo >= 16 { 2 } else { 1 };
    let ticks = (lo..=hi + 1)
        .map(|yr| {
            let tx = x(year_start(yr));
            let mid = x(day_number(
                PartialDate {
                    year: yr,
                    month: None,
                    day: None,
                }
                .middle(),
            ));
            Tick {
                x: tx,
                label_x: mid,
                label: (yr <= hi && (yr - lo) % every == 0).then(|| yr.to_string()),
            }
        })
        .collect();
    let today = site.now.date_naive();
    let now = (start..end).contains(&day_number(today)).then(|| {
        let nx = x(day_number(today));
        NowLine {
            x: nx,
            label: fill(
                t,
                "as_of",
                &[("date", &today.format("%Y-%m-%d").to_string())],
            ),
            anchor: if nx > WIDTH / 2 { "end" } else { "start" },
        }
    });
    Some(ChartView {
        width: WIDTH,
        height: axis_y + 48,
        axis_y,
        axis_x1: MARGIN,
        axis_x2: WIDTH - MARGIN,
        ticks,
        bands,
        marks,
        now,
    })
}
