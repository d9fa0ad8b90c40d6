//! Dates and times in the site's time zone.
//!
//! Front matter dates come in three shapes (`2023-08-21`, `2023-08-21T10:00`, or with an
//! offset). Values without an offset are wall-clock times in the site time zone (by
//! default `Asia/Seoul`), never UTC, and never the build machine's `TZ`. Milestone dates
//! keep their precision (`2023`, `2023-10`, `2023-10-15`). Formatting per language lives
//! here too, so every page and feed shows the same date the same way.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike,
};
use chrono_tz::Tz;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

use crate::diag::{Code, Diagnostic, Text};
use crate::types::Lang;
use format::MONTHS;
pub use format::{format_date, format_datetime, iso_date, rfc3339};
use words::why_not;

mod format;
mod words;

/// A point in time, shown in the site's time zone.
pub type SiteTime = DateTime<Tz>;

/// A date or date-time as written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateInput {
    Date(NaiveDate),
    Local(NaiveDateTime),
    Offset(DateTime<FixedOffset>),
}

impl DateInput {
    pub fn parse(s: &str) -> Result<DateInput, Text> {
        let s = s.trim();
        Self::parse_any(s).and_then(|d| d.publishable(s))
    }

    fn parse_any(s: &str) -> Result<DateInput, Text> {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            if s.len() == 10 {
                return Ok(DateInput::Date(d));
            }
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Ok(DateInput::Offset(dt));
        }
        for fmt in [
            "%Y-%m-%dT%H:%M%:z",
            "%Y-%m-%d %H:%M%:z",
            "%Y-%m-%d %H:%M:%S%:z",
        ] {
            if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
                return Ok(DateInput::Offset(dt));
            }
        }
        for fmt in [
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
                return Ok(DateInput::Local(dt));
            }
        }
        Err(match why_not(s) {
            Some(why) => t!("`{s}` is not a valid date: {why}", s, why),
            None => t!(
                "`{s}` is not a valid date or time; write YYYY-MM-DD, YYYY-MM-DDTHH:MM (site time zone) or YYYY-MM-DDTHH:MM+09:00",
                s
            ),
        })
    }

    /// Refuses what parses but cannot be published: a leap second (`23:59:60`, which
    /// feeds and calendars cannot carry) and a year outside 1–9999.
    fn publishable(self, s: &str) -> Result<DateInput, Text> {
        let (year, nanos) = match self {
            DateInput::Date(d) => (d.year(), 0),
            DateInput::Local(dt) => (dt.year(), dt.nanosecond()),
            DateInput::Offset(dt) => (dt.year(), dt.nanosecond()),
        };
        if nanos >= 1_000_000_000 {
            let why =
                t!("second 60 is a leap second, which feeds and calendars cannot show; write :59");
            return Err(t!("`{s}` is not a valid date: {why}", s, why));
        }
        if !(1..=9999).contains(&year) {
            let why = t!("the year must be from 1 to 9999");
            return Err(t!("`{s}` is not a valid date: {why}", s, why));
        }
        Ok(self)
    }

    /// Resolves the value in `tz`. A local time that does not exist (a DST gap) is an error;
    /// an ambiguous one takes the earlier instant.
    /// The year of the result must be from 1 to 9999 in the site's zone too (an offset
    /// of a few hours can move 9999-12-31 into the year 10000).
    pub fn resolve(self, tz: Tz) -> Result<SiteTime, Text> {
        let t = match self {
            DateInput::Date(d) => resolve_local(tz, d.and_time(NaiveTime::MIN)),
            DateInput::Local(dt) => resolve_local(tz, dt),
            DateInput::Offset(dt) => Ok(dt.with_timezone(&tz)),
        }?;
        if (1..=9999).contains(&t.year()) {
            Ok(t)
        } else {
            let (time, year, tz) = (rfc3339(&t), t.year(), tz.name());
            Err(t!(
                "{time} falls in the year {year} in the time zone {tz}; the year must be from 1 to 9999",
                time,
                year,
                tz
            ))
        }
    }

    /// True when only a day was given, without a time.
    pub fn is_date_only(self) -> bool {
        matches!(self, DateInput::Date(_))
    }
}

fn resolve_local(tz: Tz, dt: NaiveDateTime) -> Result<SiteTime, Text> {
    tz.from_local_datetime(&dt).earliest().ok_or_else(|| {
        let (time, tz) = (dt.to_string(), tz.name());
        t!(
            "{time} does not exist in the time zone {tz} (the clocks skip it when summer time begins)",
            time,
            tz
        )
    })
}

impl<'de> Deserialize<'de> for DateInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateInput;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2023-08-21 or 2023-08-21T10:00")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateInput, E> {
                DateInput::parse(v).map_err(Text::into_serde)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateInput, E> {
                Err(t!(
                    "`{v}` is not a full date; write YYYY-MM-DD, YYYY-MM-DDTHH:MM (site time zone) or YYYY-MM-DDTHH:MM+09:00",
                    v
                )
                .into_serde())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateInput, E> {
                self.visit_u64(v.unsigned_abs())
            }
        }
        d.deserialize_str(V)
    }
}

/// How precisely a planned date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<PartialDate, Text> {
        let bad = || {
            // `2023-13` is checked as its first day, `2023-13-01`.
            let t = s.trim();
            let full = if t.matches('-').count() == 1 {
                format!("{t}-01")
            } else {
                t.to_string()
            };
            match why_not(&full) {
                Some(why) if t.contains('-') => t!("`{s}` is not a valid date: {why}", s, why),
                _ => t!(
                    "`{s}` is not a valid date; write 2023, 2023-10 or 2023-10-15",
                    s
                ),
            }
        };
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let year = num(parts[0], 4).ok_or_else(bad)? as i32;
        let pd = match parts.len() {
            1 => PartialDate {
                year,
                month: None,
                day: None,
            },
            2 => {
                let m = num(parts[1], 2)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)?;
                PartialDate {
                    year,
                    month: Some(m),
                    day: None,
                }
            }
            3 => {
                let m = num(parts[1], 2).ok_or_else(bad)?;
                let d = num(parts[2], 2).ok_or_else(bad)?;
                NaiveDate::from_ymd_opt(year, m, d).ok_or_else(bad)?;
                PartialDate {
                    year,
                    month: Some(m),
                    day: Some(d),
                }
            }
            _ => return Err(bad()),
        };
        Ok(pd)
    }

    pub fn from_date(d: NaiveDate) -> Self {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day the date can mean.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("validated on parse")
    }

    /// The last day the date can mean (end of the year or month when less precise).
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d).expect("validated"),
            (Some(m), None) => {
                let (y, m2) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                NaiveDate::from_ymd_opt(y, m2, 1)
                    .expect("valid")
                    .pred_opt()
                    .expect("valid")
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).expect("valid"),
        }
    }

    /// The middle day of the period the date can mean (where a timeline draws it).
    pub fn middle(&self) -> NaiveDate {
        let (a, b) = (self.first_day(), self.last_day());
        a + (b - a) / 2
    }

    /// ISO form with the precision kept: `2023`, `2023-10`, `2023-10-15`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Human form per language with the precision kept.
    pub fn human(&self, lang: Lang) -> String {
        match (self.month, self.day) {
            (Some(_), Some(_)) => format_date(self.first_day(), lang),
            (Some(m), None) => match lang {
                Lang::Ko => format!("{}년 {}월", self.year, m),
                Lang::En => format!("{} {}", MONTHS[m as usize - 1], self.year),
            },
            _ => match lang {
                Lang::Ko => format!("{}년", self.year),
                Lang::En => format!("{}", self.year),
            },
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2023, 2023-10 or 2023-10-15")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(Text::into_serde)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(Text::into_serde)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(Text::into_serde)
            }
        }
        d.deserialize_str(V)
    }
}

/// Days since 1 January of year 1, for placing dates on a timeline.
pub fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The day number of 1 January `year`.
pub fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1).map_or(0, day_number)
}

/// The instant `secs` seconds after the Unix epoch, in `tz`.
pub fn from_unix(secs: i64, tz: Tz) -> Option<SiteTime> {
    DateTime::from_timestamp(secs, 0).map(|t| t.with_timezone(&tz))
}

/// The reference times a build accepts, in seconds since 1970-01-01T00:00:00Z: the
/// years 1 to 9999 in UTC (0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z), which every
/// date format knows and which leaves date arithmetic (an embargo more than a year
/// ahead) far inside what chrono can represent (about 262,000 years either way).
pub const REFERENCE_RANGE: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;

/// Why a `SOURCE_DATE_EPOCH` value is refused: what is wrong, naming the value, and
/// what to set instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEpoch {
    pub message: Text,
    pub hint: Text,
}

fn epoch_hint() -> Text {
    t!("set SOURCE_DATE_EPOCH to the seconds since 1970-01-01T00:00:00Z (`date +%s` prints the current value), or unset it to use the clock")
}

impl BadEpoch {
    fn not_a_number(value: &str) -> BadEpoch {
        BadEpoch {
            message: t!(
                "SOURCE_DATE_EPOCH must be a whole number of seconds, not `{value}`",
                value
            ),
            hint: epoch_hint(),
        }
    }

    fn out_of_range(value: &str) -> BadEpoch {
        let (first, last) = (REFERENCE_RANGE.start(), REFERENCE_RANGE.end());
        BadEpoch {
            message: t!(
                "SOURCE_DATE_EPOCH `{value}` is out of range: it must be from {first} to {last} seconds (0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z)",
                value,
                first,
                last
            ),
            hint: epoch_hint(),
        }
    }
}

/// A reference time the library cannot use (it reaches the library through
/// `BuildOptions::now_unix` or `gongbo new`), reported against `SOURCE_DATE_EPOCH`.
impl From<BadEpoch> for Diagnostic {
    fn from(e: BadEpoch) -> Diagnostic {
        Diagnostic::new(Code::SiteConfig, "SOURCE_DATE_EPOCH", e.message).hint(e.hint)
    }
}

/// Reads a `SOURCE_DATE_EPOCH` value: a whole number of seconds (optionally signed)
/// within [`REFERENCE_RANGE`]; a whole number too large for any integer type is out of
/// range too, not "not a number".
pub fn parse_epoch(value: &str) -> Result<i64, BadEpoch> {
    let v = value.trim();
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BadEpoch::not_a_number(value));
    }
    match v.parse::<i64>() {
        Ok(n) if REFERENCE_RANGE.contains(&n) => Ok(n),
        _ => Err(BadEpoch::out_of_range(value)),
    }
}

/// The build's reference time, `secs` seconds after the Unix epoch, in `tz`; an error
/// outside [`REFERENCE_RANGE`].
pub fn reference_time(secs: i64, tz: Tz) -> Result<SiteTime, BadEpoch> {
    REFERENCE_RANGE
        .contains(&secs)
        .then(|| from_unix(secs, tz))
        .flatten()
        .ok_or_else(|| BadEpoch::out_of_range(&secs.to_string()))
}

#[cfg(test)]
mod tests;
