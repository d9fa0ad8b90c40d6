use super::*;

#[test]
fn source_date_epoch_is_a_whole_number_within_the_years_1_to_9999() {
    assert_eq!(parse_epoch("1764000000"), Ok(1_764_000_000));
    assert_eq!(parse_epoch(" +0\n"), Ok(0));
    assert_eq!(parse_epoch("-62135596800"), Ok(*REFERENCE_RANGE.start()));
    assert_eq!(parse_epoch("253402300799"), Ok(*REFERENCE_RANGE.end()));
    for bad in ["soon", "", "-", "1.5", "1e9", "0x10", "12 34"] {
        let e = parse_epoch(bad).unwrap_err();
        assert_eq!(
            e.message,
            format!("SOURCE_DATE_EPOCH must be a whole number of seconds, not `{bad}`")
        );
    }
    for far in [
        "253402300800",
        "-62135596801",
        "99999999999999999",
        "99999999999999999999",
    ] {
        let e = parse_epoch(far).unwrap_err();
        assert!(
            e.message.starts_with(&format!(
                "SOURCE_DATE_EPOCH `{far}` is out of range: it must be from -62135596800 to 253402300799 seconds"
            )),
            "{}",
            e.message
        );
        assert!(e.hint.contains("date +%s"), "{}", e.hint);
    }
    let tz = chrono_tz::Asia::Seoul;
    for secs in [*REFERENCE_RANGE.start(), *REFERENCE_RANGE.end()] {
        assert!(reference_time(secs, tz).is_ok(), "{secs}");
    }
    let e = reference_time(99_999_999_999_999_999, tz).unwrap_err();
    assert!(
        e.message
            .starts_with("SOURCE_DATE_EPOCH `99999999999999999` is out of range"),
        "{}",
        e.message
    );
}

#[test]
fn local_times_are_in_the_site_zone_not_utc() {
    let t = DateInput::parse("2023-08-21T00:30")
        .unwrap()
        .resolve(chrono_tz::Asia::Seoul)
        .unwrap();
    assert_eq!(rfc3339(&t), "2023-08-21T00:30:00+09:00");
    assert_eq!(format_date(t.date_naive(), Lang::Ko), "2023년 8월 21일(월)");
    assert_eq!(format_date(t.date_naive(), Lang::En), "21 August 2023");
    assert_eq!(format_datetime(&t, Lang::En), "21 August 2023, 00:30 KST");
}

#[test]
fn offsets_are_converted() {
    let t = DateInput::parse("2023-08-20T15:30:00Z")
        .unwrap()
        .resolve(chrono_tz::Asia::Seoul)
        .unwrap();
    assert_eq!(rfc3339(&t), "2023-08-21T00:30:00+09:00");
    let t = DateInput::parse("2023-08-21T10:00+09:00")
        .unwrap()
        .resolve(chrono_tz::Asia::Seoul)
        .unwrap();
    assert_eq!(rfc3339(&t), "2023-08-21T10:00:00+09:00");
}

#[test]
fn impossible_dates_are_rejected() {
    assert!(DateInput::parse("2023-02-30").is_err());
    assert!(DateInput::parse("2023-08-21T24:00").is_err());
    assert!(DateInput::parse("21.08.2023").is_err());
    assert!(PartialDate::parse("2023-13").is_err());
    assert!(PartialDate::parse("2023-02-30").is_err());
}

#[test]
fn a_bad_date_says_what_is_wrong() {
    let why = |s: &str| DateInput::parse(s).unwrap_err();
    assert_eq!(
        why("2023-13-01"),
        "`2023-13-01` is not a valid date: there is no month 13"
    );
    assert_eq!(
        why("2023-04-31"),
        "`2023-04-31` is not a valid date: April has 30 days"
    );
    assert_eq!(
        why("2023-02-29"),
        "`2023-02-29` is not a valid date: February 2023 has 28 days"
    );
    assert!(DateInput::parse("2024-02-29").is_ok());
    assert!(why("2023-08-21T24:00").contains("hour 24 does not exist"));
    assert!(why("2023-08-21T10:60").contains("minute 60 does not exist"));
    for leap in [
        "2016-12-31T23:59:60",
        "2016-12-31T23:59:60+09:00",
        "2016-12-31T14:59:60Z",
    ] {
        assert!(
            why(leap).contains("second 60 is a leap second"),
            "{leap}: {}",
            why(leap)
        );
    }
    assert!(why("0000-01-01").contains("the year must be from 1 to 9999"));
    assert!(why("21.08.2023").contains("write YYYY-MM-DD"));
    assert_eq!(
        PartialDate::parse("2023-13").unwrap_err(),
        "`2023-13` is not a valid date: there is no month 13"
    );
    // The year is checked after the conversion into the site's zone too.
    let late = DateInput::parse("9999-12-31T20:00-05:00").unwrap();
    let e = late.resolve(chrono_tz::Asia::Seoul).unwrap_err();
    assert_eq!(e, "+10000-01-01T10:00:00+09:00 falls in the year 10000 in the time zone Asia/Seoul; the year must be from 1 to 9999");
}

#[test]
fn partial_dates_keep_precision() {
    let p = PartialDate::parse("2023-10").unwrap();
    assert_eq!(p.precision(), Precision::Month);
    assert_eq!(p.human(Lang::Ko), "2023년 10월");
    assert_eq!(p.human(Lang::En), "October 2023");
    assert_eq!(p.last_day().to_string(), "2023-10-31");
    assert_eq!(PartialDate::parse("2023").unwrap().iso(), "2023");
}
