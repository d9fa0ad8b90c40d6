//! Plan against reality: how the day a milestone was done, or the date it is planned for
//! now, stands against the date first planned for it. The difference is counted in the
//! unit the plan was written in (a plan for "2023" done in 2024 is a year late; one for
//! "2020-07" done in December 2020 is five months late), so a vague plan is never made
//! to look precise.

use chrono::{Datelike, NaiveDate};

use crate::i18n::{fill, get, Strings};
use crate::time::{PartialDate, Precision};

/// How long a slip is, in whole years, months and days (only one or two are set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub years: u32,
    pub months: u32,
    pub days: u32,
}

impl Span {
    fn months(n: u32) -> Span {
        Span {
            years: n / 12,
            months: n % 12,
            days: 0,
        }
    }

    fn days(n: u32) -> Span {
        Span {
            years: 0,
            months: 0,
            days: n,
        }
    }
}

/// Where a date falls against a planned period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slip {
    /// Inside the period the plan means.
    OnTime,
    /// After its last day, by this much.
    Late(Span),
    /// Before its first day, by this much.
    Early(Span),
}

/// Months since year 0 of the month `d` is in.
fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

/// How far `later` is after `earlier`, in the unit of `precision` (at least one of it).
fn span(precision: Precision, earlier: NaiveDate, later: NaiveDate) -> Span {
    let whole = |n: i64| u32::try_from(n.max(1)).unwrap_or(u32::MAX);
    match precision {
        Precision::Year => Span {
            years: whole(i64::from(later.year() - earlier.year())),
            months: 0,
            days: 0,
        },
        Precision::Month => Span::months(whole(
            month_index(later.year(), later.month()) - month_index(earlier.year(), earlier.month()),
        )),
        Precision::Day => {
            let days = (later - earlier).num_days();
            if days < 31 {
                return Span::days(whole(days));
            }
            // Whole calendar months: 15 March to 14 May is one month, to 15 May two.
            let mut months = month_index(later.year(), later.month())
                - month_index(earlier.year(), earlier.month());
            if later.day() < earlier.day() {
                months -= 1;
            }
            Span::months(whole(months))
        }
    }
}

/// Where the day `d` falls against the period `plan` means.
pub fn slip(plan: PartialDate, d: NaiveDate) -> Slip {
    let (first, last) = (plan.first_day(), plan.last_day());
    if d > last {
        Slip::Late(span(plan.precision(), first, d))
    } else if d < first {
        Slip::Early(span(plan.precision(), d, first))
    } else {
        Slip::OnTime
    }
}

/// Where the plan `now` stands against the plan `first`: later when it starts after
/// `first` ends, earlier when it ends before `first` starts, else on time (a plan made
/// more precise, "2023" to "2023-10", has not moved).
pub fn shift(first: PartialDate, now: PartialDate) -> Slip {
    if now.first_day() > first.last_day() {
        slip(first, now.first_day())
    } else if now.last_day() < first.first_day() {
        slip(first, now.last_day())
    } else {
        Slip::OnTime
    }
}

/// "5개월", "1 year and 2 months".
pub fn span_text(t: &Strings, s: Span) -> String {
    let part = |n: u32, unit: &str| {
        let key = format!("span_{unit}_{}", if n == 1 { "one" } else { "many" });
        fill(t, &key, &[("n", &n.to_string())])
    };
    let parts: Vec<String> = [(s.years, "years"), (s.months, "months"), (s.days, "days")]
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(n, unit)| part(n, unit))
        .collect();
    match parts.as_slice() {
        [] => part(0, "days"),
        [one] => one.clone(),
        [a, rest @ ..] => fill(t, "span_and", &[("a", a), ("b", &rest.join(" "))]),
    }
}

/// "예정보다 5개월 늦게 완료", "Completed on schedule": a done milestone against its plan.
pub fn done_text(t: &Strings, s: Slip) -> String {
    match s {
        Slip::OnTime => get(t, "done_on_time").to_string(),
        Slip::Late(sp) => fill(t, "done_late", &[("span", &span_text(t, sp))]),
        Slip::Early(sp) => fill(t, "done_early", &[("span", &span_text(t, sp))]),
    }
}

/// "당초 예정보다 1년 늦춰짐": a plan moved later or earlier (none when it did not move).
pub fn moved_text(t: &Strings, s: Slip) -> Option<String> {
    match s {
        Slip::OnTime => None,
        Slip::Late(sp) => Some(fill(t, "moved_later", &[("span", &span_text(t, sp))])),
        Slip::Early(sp) => Some(fill(t, "moved_earlier", &[("span", &span_text(t, sp))])),
    }
}

/// The CSS key of a slip: `on-time`, `late`, `early`.
pub fn key(s: Slip) -> &'static str {
    match s {
        Slip::OnTime => "on-time",
        Slip::Late(_) => "late",
        Slip::Early(_) => "early",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn late(years: u32, months: u32, days: u32) -> Slip {
        Slip::Late(Span {
            years,
            months,
            days,
        })
    }

    #[test]
    fn a_date_inside_the_planned_period_is_on_time() {
        assert_eq!(slip(p("2021"), d("2021-11-22")), Slip::OnTime);
        assert_eq!(slip(p("2021"), d("2021-12-31")), Slip::OnTime);
        assert_eq!(slip(p("2020-12"), d("2020-12-30")), Slip::OnTime);
        assert_eq!(slip(p("2025-09-01"), d("2025-09-01")), Slip::OnTime);
    }

    #[test]
    fn lateness_is_counted_in_the_unit_of_the_plan() {
        // The real site's green-belt release: planned July 2020, done 30 December.
        assert_eq!(slip(p("2020-07"), d("2020-12-30")), late(0, 5, 0));
        assert_eq!(slip(p("2023"), d("2024-01-02")), late(1, 0, 0));
        assert_eq!(slip(p("2023-10"), d("2025-01-05")), late(1, 3, 0));
        assert_eq!(slip(p("2025-10-15"), d("2025-10-16")), late(0, 0, 1));
        assert_eq!(slip(p("2025-10-15"), d("2025-11-14")), late(0, 0, 30));
        assert_eq!(slip(p("2025-03-15"), d("2025-05-14")), late(0, 1, 0));
        assert_eq!(slip(p("2025-03-15"), d("2025-05-15")), late(0, 2, 0));
        assert_eq!(
            slip(p("2021-03"), d("2021-01-31")),
            Slip::Early(Span {
                years: 0,
                months: 2,
                days: 0
            })
        );
    }

    #[test]
    fn a_plan_made_more_precise_has_not_moved() {
        assert_eq!(shift(p("2023"), p("2023-10")), Slip::OnTime);
        assert_eq!(shift(p("2023"), p("2024")), late(1, 0, 0));
        assert_eq!(shift(p("2020-07"), p("2021")), late(0, 6, 0));
        assert!(matches!(shift(p("2024"), p("2023-06")), Slip::Early(_)));
    }

    #[test]
    fn texts_in_both_languages() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let files = crate::types::PerLang::from_fn(|lang| {
            let rel = format!("themes/default/i18n/{lang}.toml");
            let text = std::fs::read_to_string(dir.join(format!("i18n/{lang}.toml"))).unwrap();
            vec![crate::i18n::File { rel, text }]
        });
        let none = crate::types::PerLang::from_fn(|_| Vec::new());
        let strings = crate::i18n::load(&files, &none, "site.toml").unwrap();
        let (ko, en) = (&strings.ko, &strings.en);
        let five = slip(p("2020-07"), d("2020-12-30"));
        assert_eq!(done_text(ko, five), "예정보다 5개월 늦게 완료");
        assert_eq!(done_text(en, five), "Completed 5 months late");
        let long = late(1, 2, 0);
        assert_eq!(done_text(ko, long), "예정보다 1년 2개월 늦게 완료");
        assert_eq!(done_text(en, long), "Completed 1 year and 2 months late");
        let early = slip(p("2021-03"), d("2021-02-27"));
        assert_eq!(done_text(en, early), "Completed 1 month early");
        assert_eq!(done_text(ko, Slip::OnTime), "예정대로 완료");
        assert_eq!(
            moved_text(en, shift(p("2023"), p("2025"))).as_deref(),
            Some("2 years later than first planned")
        );
        assert_eq!(moved_text(ko, Slip::OnTime), None);
    }
}
