//! What is wrong with a date, in words: "there is no month 13", "April has 30 days",
//! "hour 24 does not exist", "second 60 is a leap second".

use chrono::{Datelike, NaiveDate};

use super::MONTHS;
use crate::diag::Text;

/// What is wrong with a date written in the usual shape (`YYYY-MM-DD`, then maybe
/// `THH:MM[:SS]` and an offset), in words: "there is no month 13", "April has 30 days",
/// "hour 24 does not exist". `None` if the shape itself is wrong.
pub(super) fn why_not(s: &str) -> Option<Text> {
    let num = |t: &str| -> Option<u32> {
        (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let (date, time) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut d = date.split('-');
    let (year, month, day) = (num(d.next()?)?, num(d.next()?)?, num(d.next()?)?);
    if d.next().is_some() || date.len() != 10 {
        return None;
    }
    if !(1..=9999).contains(&year) {
        return Some(t!("the year must be from 1 to 9999"));
    }
    if !(1..=12).contains(&month) {
        return Some(t!("there is no month {month}", month));
    }
    let days = days_in_month(year as i32, month);
    if day == 0 || day > days {
        let name = MONTHS[month as usize - 1];
        return Some(if month == 2 {
            t!("February {year} has {days} days", year, days)
        } else {
            t!("{name} has {days} days", name, month, days)
        });
    }
    let time = time?;
    let clock = time.split(['+', '-', 'Z', 'z']).next().unwrap_or(time);
    let mut t = clock.split(':');
    let hour = num(t.next()?)?;
    let minute = num(t.next()?)?;
    let second = t
        .next()
        .map(|x| num(x.split('.').next().unwrap_or(x)))
        .unwrap_or(Some(0))?;
    if hour > 23 {
        return Some(t!(
            "hour {hour} does not exist; the day ends at 23:59 (write 00:00 of the next day)",
            hour
        ));
    }
    if minute > 59 {
        return Some(t!(
            "minute {minute} does not exist; minutes go from 00 to 59",
            minute
        ));
    }
    if second == 60 {
        return Some(t!(
            "second 60 is a leap second, which feeds and calendars cannot show; write :59"
        ));
    }
    if second > 59 {
        return Some(t!(
            "second {second} does not exist; seconds go from 00 to 59",
            second
        ));
    }
    None
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(31, |d| d.day())
}
