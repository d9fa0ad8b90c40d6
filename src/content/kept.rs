//! The parsed sources as `gongbo build` keeps them between runs (in the build state,
//! `.gongbo/build/state.bin`), so that a build after one edit reads and parses only the
//! file that changed.
//!
//! The content types derive serde for that; this module holds the forms of the few
//! values whose front matter form is not a faithful round trip in a compact binary
//! format: times in the site's zone, the kind, a status, the KOGL type and partial
//! dates. Each is used through `#[serde(with = …)]`.
//!
//! What is kept is checked again on the way back: a time zone or a number that gongbo
//! does not know makes the whole kept state unusable (the build then parses every
//! source), never a wrong value.

use chrono::TimeZone;
use chrono_tz::Tz;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::time::{PartialDate, SiteTime};

/// A time in the site's zone: seconds, nanoseconds and the zone's name.
pub mod site_time {
    use super::*;

    pub fn serialize<S: Serializer>(t: &SiteTime, s: S) -> Result<S::Ok, S::Error> {
        (
            t.timestamp(),
            t.timestamp_subsec_nanos(),
            t.timezone().name(),
        )
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SiteTime, D::Error> {
        let (secs, nanos, zone): (i64, u32, String) = Deserialize::deserialize(d)?;
        let tz: Tz = zone
            .parse()
            .map_err(|_| D::Error::custom("a kept time names an unknown time zone"))?;
        tz.timestamp_opt(secs, nanos)
            .single()
            .ok_or_else(|| D::Error::custom("a kept time is out of range"))
    }
}

/// [`site_time`] of an optional time.
pub mod opt_site_time {
    use super::*;

    #[derive(Serialize, Deserialize)]
    struct Kept(#[serde(with = "site_time")] SiteTime);

    pub fn serialize<S: Serializer>(t: &Option<SiteTime>, s: S) -> Result<S::Ok, S::Error> {
        t.map(Kept).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SiteTime>, D::Error> {
        Ok(Option::<Kept>::deserialize(d)?.map(|k| k.0))
    }
}

/// An optional partial date: year, month and day.
pub mod opt_partial_date {
    use super::*;

    type Parts = Option<(i32, Option<u32>, Option<u32>)>;

    pub fn serialize<S: Serializer>(p: &Option<PartialDate>, s: S) -> Result<S::Ok, S::Error> {
        p.map(|p| (p.year, p.month, p.day)).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PartialDate>, D::Error> {
        let parts: Parts = Deserialize::deserialize(d)?;
        Ok(parts.map(|(year, month, day)| PartialDate { year, month, day }))
    }
}

/// A value kept as its place in a fixed list of every value (a kind, a status).
pub trait Listed: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
}

impl Listed for crate::content::release::Kind {
    const ALL: &'static [Self] = &crate::content::release::Kind::ALL;
}

impl Listed for crate::content::milestones::Status {
    const ALL: &'static [Self] = &crate::content::milestones::Status::ALL;
}

/// A [`Listed`] value as its index.
pub mod listed {
    use super::*;

    pub fn serialize<S: Serializer, T: Listed>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        let i = T::ALL.iter().position(|x| x == v).unwrap_or(usize::MAX);
        (i as u64).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Listed>(d: D) -> Result<T, D::Error> {
        let i = u64::deserialize(d)?;
        usize::try_from(i)
            .ok()
            .and_then(|i| T::ALL.get(i).copied())
            .ok_or_else(|| D::Error::custom("a kept value is not one gongbo knows"))
    }
}

/// The 공공누리 type as its number.
pub mod kogl {
    use super::*;
    use crate::types::Kogl;

    pub fn serialize<S: Serializer>(k: &Kogl, s: S) -> Result<S::Ok, S::Error> {
        k.number().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Kogl, D::Error> {
        Kogl::new(i64::from(u8::deserialize(d)?))
            .map_err(|_| D::Error::custom("a kept KOGL type is not 1 to 4"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::milestones::Status;
    use crate::content::release::Kind;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct All {
        #[serde(with = "site_time")]
        at: SiteTime,
        #[serde(with = "opt_site_time")]
        until: Option<SiteTime>,
        #[serde(with = "opt_partial_date")]
        planned: Option<PartialDate>,
        #[serde(with = "listed")]
        kind: Kind,
        #[serde(with = "listed")]
        status: Status,
        #[serde(with = "kogl")]
        kogl: crate::types::Kogl,
    }

    #[test]
    fn every_kept_form_comes_back_as_it_was() {
        let tz: Tz = "Asia/Seoul".parse().unwrap();
        let at = tz.with_ymd_and_hms(2023, 8, 22, 10, 30, 5).unwrap();
        for kind in Kind::ALL {
            for status in Status::ALL {
                let all = All {
                    at,
                    until: Some(at + chrono::Duration::nanoseconds(7)),
                    planned: Some(PartialDate {
                        year: 2024,
                        month: Some(3),
                        day: None,
                    }),
                    kind,
                    status,
                    kogl: crate::types::Kogl::new(4).unwrap(),
                };
                let bytes = postcard::to_allocvec(&all).unwrap();
                let back: All = postcard::from_bytes(&bytes).unwrap();
                assert_eq!(back, all);
                assert_eq!(back.at.timezone(), tz);
            }
        }
    }

    #[test]
    fn a_kept_value_gongbo_does_not_know_is_refused() {
        let bytes = postcard::to_allocvec(&(1_692_667_805_i64, 0_u32, "Mars/Olympus")).unwrap();
        let r: Result<Wrap, _> = postcard::from_bytes(&bytes);
        assert!(r.is_err());
        let bytes = postcard::to_allocvec(&99_u64).unwrap();
        let r: Result<WrapKind, _> = postcard::from_bytes(&bytes);
        assert!(r.is_err());
    }

    #[derive(Deserialize, Debug)]
    struct Wrap(
        #[serde(with = "site_time")]
        #[allow(dead_code)]
        SiteTime,
    );

    #[derive(Deserialize, Debug)]
    struct WrapKind(
        #[serde(with = "listed")]
        #[allow(dead_code)]
        Kind,
    );
}
