//! Dates as pages, feeds and data files write them: per language for readers
//! (`2023년 8월 21일(월)`, `21 August 2023`), RFC 3339 and ISO 8601 for machines.

use chrono::{Datelike, NaiveDate, Timelike};

use super::SiteTime;
use crate::types::Lang;

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const KO_WEEKDAYS: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];

/// `2023년 8월 21일(월)` or `21 August 2023`.
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ko => format!(
            "{}년 {}월 {}일({})",
            d.year(),
            d.month(),
            d.day(),
            KO_WEEKDAYS[d.weekday().num_days_from_monday() as usize]
        ),
        Lang::En => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
    }
}

/// Date and time with the zone: `2023년 8월 21일(월) 12:00` or `21 August 2023, 12:00 KST`.
pub fn format_datetime(t: &SiteTime, lang: Lang) -> String {
    let date = format_date(t.date_naive(), lang);
    match lang {
        Lang::Ko => format!("{date} {:02}:{:02}", t.hour(), t.minute()),
        Lang::En => format!(
            "{date}, {:02}:{:02} {}",
            t.hour(),
            t.minute(),
            t.format("%Z")
        ),
    }
}

/// RFC 3339 with the site offset, e.g. `2023-08-21T10:00:00+09:00`.
pub fn rfc3339(t: &SiteTime) -> String {
    use chrono::{Datelike, Offset, Timelike};
    // Written out by hand: chrono's `format` parses its pattern on every call, and a
    // large site formats a date for every card, feed entry and sitemap line. Years of
    // more than four digits, offsets with seconds and leap seconds go the long way.
    let off = t.offset().fix().local_minus_utc();
    if !(0..=9999).contains(&t.year()) || off % 60 != 0 || t.nanosecond() >= 1_000_000_000 {
        return t.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    }
    let (sign, off) = if off < 0 { ('-', -off) } else { ('+', off) };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        off / 3600,
        off / 60 % 60
    )
}

/// `2023-08-21`, the machine-readable date in the site time zone.
pub fn iso_date(t: &SiteTime) -> String {
    use chrono::Datelike;
    if !(0..=9999).contains(&t.year()) {
        return t.format("%Y-%m-%d").to_string();
    }
    format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Tz;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        use chrono::TimeZone;
        let zones: [Tz; 5] = [
            chrono_tz::Asia::Seoul,
            chrono_tz::UTC,
            chrono_tz::America::St_Johns,
            chrono_tz::Asia::Kathmandu,
            chrono_tz::Pacific::Pago_Pago,
        ];
        // Every few days over the years gongbo accepts, at odd times of day, plus the
        // edges (year 1, year 9999, before 1900 when zones had offsets with seconds).
        let mut secs: Vec<i64> = (0..4000)
            .map(|i| -62_135_596_800 + i * 78_883_237)
            .collect();
        secs.extend([
            -62_135_596_800,
            253_402_300_799,
            -2_524_521_600,
            0,
            1_764_000_000,
        ]);
        for tz in zones {
            for &s in &secs {
                let Some(t) = tz.timestamp_opt(s, 0).single() else {
                    continue;
                };
                assert_eq!(rfc3339(&t), t.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
                assert_eq!(iso_date(&t), t.format("%Y-%m-%d").to_string());
            }
        }
    }
}
