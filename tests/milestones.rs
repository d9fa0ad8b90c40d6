//! Issue 3: the milestone tracker. The fixture `milestones/basic` declares six
//! milestones; its releases move them (some out of date order, one only in Korean, one
//! dated after the reference time). Tests read the pages as parsed HTML and the three
//! open-data files with real parsers.

mod support;

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use scraper::{Html, Selector};
use serde_json::Value;
use support::{SiteTest, NOW};

fn basic() -> SiteTest {
    let s = SiteTest::from_fixture("milestones/basic");
    s.build();
    s
}

fn json(s: &SiteTest) -> Value {
    serde_json::from_str(&s.read("milestones.json")).expect("milestones.json parses")
}

fn milestone<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no milestone {id}"))
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e[key].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn status_is_derived_from_updates_in_date_order() {
    let s = basic();
    let doc = json(&s);
    // `late` (published 2022) dates its update 2021-02-01, before `early` (2021-05-01):
    // applied by date, the current status is `early`'s.
    let beta = milestone(&doc, "beta");
    assert_eq!(beta["status"], "delayed");
    assert_eq!(strs(&beta["history"], "date"), ["2021-02-01", "2021-05-01"]);
    assert_eq!(strs(&beta["history"], "status"), ["in_progress", "delayed"]);
    let alpha = milestone(&doc, "alpha");
    assert_eq!(alpha["status"], "done");
    assert_eq!(alpha["done_on"], "2021-06-01");

    let page = s.html("milestones/beta/index.html");
    assert_eq!(page.text("main h1"), "베타 완공");
    assert!(page.text(".meta .ms-state").contains("지연"));
    assert_eq!(page.count(".ms-history tbody tr"), 2);
    assert_eq!(
        page.texts(".ms-history tbody tr td:first-child"),
        ["2021년 2월 1일(월)", "2021년 5월 1일(토)"]
    );
    assert_eq!(
        page.attrs(".ms-history tbody a", "href"),
        ["/releases/late/", "/releases/early/"]
    );
    assert_eq!(
        page.texts(".ms-history tbody tr td:nth-child(3)")[0],
        "2021년 2월에 착공했음을 뒤늦게 알림"
    );
    // The English page links the Korean-only release, marked as Korean.
    let en = s.html("en/milestones/beta/index.html");
    assert!(en.text(".meta .ms-state").contains("Delayed"));
    assert_eq!(
        en.attrs(".ms-history tbody a", "href"),
        ["/en/releases/late/", "/releases/early/"]
    );
    assert_eq!(
        en.attrs(".ms-history tbody a", "lang"),
        ["ko"],
        "only the Korean-only release is marked"
    );
}

#[test]
fn every_status_shows_a_word_and_a_hidden_glyph() {
    let s = basic();
    let page = s.html("en/milestones/index.html");
    let words = page.texts(".timeline .status");
    assert!(words.iter().all(|w| !w.is_empty()));
    assert_eq!(
        page.count(".timeline .status"),
        page.count(".timeline .status > .status-icon[aria-hidden=true]")
    );
    assert_eq!(
        page.text("#m-alpha .status"),
        "✓ Done",
        "glyph and word together"
    );
}

#[test]
fn planned_date_moves_are_shown_plainly() {
    let s = basic();
    let doc = json(&s);
    let beta = milestone(&doc, "beta");
    assert_eq!(beta["planned"], "2022");
    assert_eq!(beta["original_planned"], "2021");
    assert_eq!(beta["history"][1]["planned"], "2022");
    let en = s.html("en/milestones/index.html");
    assert_eq!(en.text("#m-beta .ms-moved"), "planned for 2021, now 2022");
    let ko = s.html("milestones/index.html");
    assert_eq!(
        ko.text("#m-beta .ms-moved"),
        "당초 2021년 예정, 현재 2022년 예정"
    );
    // Not moved: no sentence.
    assert_eq!(en.count("#m-alpha .ms-moved"), 0);
}

#[test]
fn overdue_is_derived_from_the_reference_time() {
    let s = basic();
    let doc = json(&s);
    let overdue: Vec<&str> = doc["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["overdue"] == true)
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    // beta: planned 2022, delayed. gamma: planned 2025-10-15, NOW is 2025-11-25 KST.
    assert_eq!(overdue, ["beta", "gamma"]);
    let en = s.html("en/milestones/index.html");
    assert_eq!(en.text("p.as-of"), "As of 25 November 2025");
    assert_eq!(en.count("#m-gamma .overdue"), 1);
    assert_eq!(en.count("#m-delta .overdue"), 0);
    assert_eq!(en.text("#m-gamma .overdue"), "⚠\u{fe0e} Overdue");
    let page = s.html("en/milestones/gamma/index.html");
    assert_eq!(page.text("main .as-of"), "As of 25 November 2025");
    assert_eq!(page.count("main .overdue"), 1);

    // A month earlier, gamma's day has not come yet.
    let mut opts = s.options();
    opts.now_unix = NOW - 60 * 86_400;
    gongbo::build(&opts).unwrap();
    let doc = json(&s);
    assert_eq!(milestone(&doc, "gamma")["overdue"], false);
    assert_eq!(doc["as_of_date"], "2025-09-26");
    let page = s.html("en/milestones/gamma/index.html");
    assert_eq!(page.count("main .overdue"), 0);
    assert_eq!(page.text("main .as-of"), "As of 26 September 2025");
}

#[test]
fn updates_dated_after_the_reference_time_are_not_in_effect() {
    let s = basic();
    let doc = json(&s);
    let zeta = milestone(&doc, "zeta");
    assert_eq!(zeta["status"], "planned");
    assert_eq!(zeta["history"].as_array().unwrap().len(), 0);
    // The release still mentions it.
    assert_eq!(zeta["releases"].as_array().unwrap().len(), 1);
    let mut opts = s.options();
    opts.now_unix = NOW + 60 * 86_400;
    gongbo::build(&opts).unwrap();
    let zeta = milestone(&json(&s), "zeta").clone();
    assert_eq!(zeta["status"], "done");
    assert_eq!(zeta["done_on"], "2026-01-01");
}

#[test]
fn milestones_pages_list_phases_with_progress_and_summary() {
    let s = basic();
    let en = s.html("en/milestones/index.html");
    assert_eq!(en.texts("main .phase h2"), ["Phase 1", "Phase 2"]);
    assert_eq!(en.texts(".phase-progress"), ["1 of 2 done", "0 of 4 done"]);
    assert_eq!(
        en.text(".ms-summary"),
        "1 of 6 milestones done, 1 delayed, 2 overdue"
    );
    // Done ones show the day they were done.
    assert_eq!(en.texts("#m-alpha .ms-dates dt"), ["Planned", "Done on"]);
    assert_eq!(
        en.texts("#m-alpha .ms-dates dd"),
        ["March 2021", "1 June 2021"]
    );
    // Links to every milestone page and to the three data files.
    assert_eq!(
        en.attr("#m-delta h3 a", "href").as_deref(),
        Some("/en/milestones/delta/")
    );
    assert_eq!(
        en.attrs(".ms-data a", "href"),
        ["/milestones.json", "/milestones.csv", "/milestones.ics"]
    );
    // Breadcrumbs and the main menu.
    assert_eq!(en.texts(".breadcrumbs li"), ["Home", "Milestones"]);
    assert_eq!(
        en.attr(".main-nav a[aria-current=page]", "href").as_deref(),
        Some("/en/milestones/")
    );
    let ko = s.html("milestones/index.html");
    assert_eq!(
        ko.text(".ms-summary"),
        "전체 6개 일정 중 1개 완료, 1개 지연, 2개 예정 시기 경과"
    );
    assert_eq!(ko.text("p.as-of"), "2025년 11월 25일(화) 기준");
}

#[test]
fn the_timeline_is_svg_hidden_from_screen_readers_with_text_alongside() {
    let s = basic();
    for path in ["milestones/index.html", "en/milestones/index.html"] {
        let page = s.html(path);
        assert_eq!(
            page.attr("figure.ms-chart svg", "aria-hidden").as_deref(),
            Some("true")
        );
        assert_eq!(page.count("figure.ms-chart svg .chart-mark"), 6);
        assert_eq!(page.count("figure.ms-chart svg .chart-band"), 2);
        assert_eq!(page.count("figure.ms-chart svg .chart-now"), 1);
        assert!(!page.text("figure.ms-chart figcaption").is_empty());
        // The same content as text: one list item per milestone.
        assert_eq!(page.count(".timeline > li"), 6);
        // CSP default-src 'self': no inline styles, no scripts.
        assert_eq!(page.count("[style]"), 0, "{path}");
        assert_eq!(
            page.count("script:not([src]):not([type=\"application/ld+json\"])"),
            0,
            "{path}"
        );
    }
    let page = s.html("milestones/beta/index.html");
    assert_eq!(page.count("[style]"), 0);
}

#[test]
fn milestone_pages_in_both_languages_with_switcher_and_breadcrumbs() {
    let s = basic();
    let ko = s.html("milestones/alpha/index.html");
    assert_eq!(ko.attr("html", "lang").as_deref(), Some("ko"));
    assert_eq!(
        ko.attr("link[rel=alternate][hreflang=en]", "href")
            .as_deref(),
        Some("https://example.org/en/milestones/alpha/")
    );
    assert_eq!(
        ko.attr(".lang-switch a", "href").as_deref(),
        Some("/en/milestones/alpha/")
    );
    assert_eq!(
        ko.texts(".breadcrumbs li"),
        ["홈", "사업 일정", "알파 착수"]
    );
    assert_eq!(ko.text("main .summary"), "알파 단계 설명.");
    let en = s.html("en/milestones/alpha/index.html");
    assert_eq!(
        en.attr("link[rel=alternate][hreflang=ko]", "href")
            .as_deref(),
        Some("https://example.org/milestones/alpha/")
    );
    assert_eq!(en.text("main h1"), "Alpha starts");
    assert_eq!(
        en.texts(".ms-history tbody tr td:nth-child(3)"),
        ["Alpha works started", "Alpha finished"]
    );
    assert_eq!(
        en.attrs(".ms-history tbody a", "href"),
        ["/en/releases/kickoff/", "/en/releases/alpha-done/"]
    );
    let mut ms = s
        .html("milestones/index.html")
        .attrs(".lang-switch a", "href");
    ms.extend(en.attrs(".breadcrumbs a", "href"));
    assert_eq!(ms, ["/en/milestones/", "/en/", "/en/milestones/"]);
}

#[test]
fn releases_that_only_mention_a_milestone_are_listed_on_it() {
    let s = basic();
    let ko = s.html("milestones/delta/index.html");
    assert_eq!(ko.texts("#ms-releases ~ .cards .card-title"), ["베타 지연"]);
    assert_eq!(ko.count(".ms-history"), 0, "no status change");
    // The English page names the Korean-only release as such.
    let en = s.html("en/milestones/delta/index.html");
    assert_eq!(en.count("#ms-releases ~ .cards .card"), 0);
    assert_eq!(
        en.attr(".ms-other a", "href").as_deref(),
        Some("/releases/early/")
    );
    assert_eq!(en.attr(".ms-other a", "lang").as_deref(), Some("ko"));
    let delta = milestone(&json(&s), "delta").clone();
    assert_eq!(delta["releases"][0]["title"]["ko"], "베타 지연");
    assert_eq!(delta["releases"][0]["title"]["en"], Value::Null);
}

#[test]
fn release_pages_link_their_milestones_with_current_status() {
    let s = basic();
    let page = s.html("en/releases/kickoff/index.html");
    assert_eq!(
        page.attrs(".milestone-list a", "href"),
        ["/en/milestones/alpha/"]
    );
    assert!(page.text(".milestone-list li").contains("Done"));
    let page = s.html("releases/early/index.html");
    assert_eq!(
        page.attrs(".milestone-list a", "href"),
        ["/milestones/delta/", "/milestones/beta/"]
    );
}

#[test]
fn home_page_summarises_progress_with_a_link() {
    let s = basic();
    let en = s.html("en/index.html");
    assert_eq!(
        en.text(".ms-progress p"),
        "1 of 6 milestones done, 1 delayed, 2 overdue. See all milestones"
    );
    assert_eq!(
        en.attr(".ms-progress a", "href").as_deref(),
        Some("/en/milestones/")
    );
    let ko = s.html("index.html");
    assert_eq!(
        ko.attr(".ms-progress a", "href").as_deref(),
        Some("/milestones/")
    );
}

#[test]
fn milestones_json_has_both_languages_and_the_documented_fields() {
    let s = basic();
    let doc = json(&s);
    assert_eq!(doc["schema"], "gongbo-milestones/1");
    assert_eq!(doc["as_of"], "2025-11-25T01:00:00+09:00");
    assert_eq!(strs(&doc["phases"], "id"), ["p1", "p2"]);
    assert_eq!(doc["phases"][1]["milestones"][0], "gamma");
    assert_eq!(
        strs(&doc["milestones"], "id"),
        ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    );
    let alpha = milestone(&doc, "alpha");
    assert_eq!(alpha["title"]["ko"], "알파 착수");
    assert_eq!(alpha["title"]["en"], "Alpha starts");
    assert_eq!(alpha["planned_precision"], "month");
    assert_eq!(
        alpha["url"]["en"],
        "https://example.org/en/milestones/alpha/"
    );
    assert_eq!(alpha["history"][0]["note"]["ko"], "알파 공사 시작");
    assert_eq!(
        alpha["history"][1]["release"]["en"],
        "https://example.org/en/releases/alpha-done/"
    );
    // Newest first.
    assert_eq!(
        alpha["releases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["date"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["2021-06-01", "2021-01-10"]
    );
}

#[test]
fn milestones_csv_has_a_bom_and_parses_back() {
    let s = basic();
    let bytes = std::fs::read(s.out().join("milestones.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&header[..3], ["id", "phase", "phase_name_ko"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6, "one row per milestone");
    let eps = rows.iter().find(|r| &r[0] == "epsilon").unwrap();
    assert_eq!(&eps[col("title_ko")], "엡실론, \"따옴표\"");
    assert_eq!(&eps[col("title_en")], "Epsilon; with, commas");
    assert_eq!(
        &eps[col("description_en")],
        "Says \"hello\", then; goes\\on\nand on"
    );
    let beta = rows.iter().find(|r| &r[0] == "beta").unwrap();
    assert_eq!(&beta[col("status")], "delayed");
    assert_eq!(&beta[col("overdue")], "true");
    assert_eq!(&beta[col("planned")], "2022");
    assert_eq!(&beta[col("original_planned")], "2021");
    assert_eq!(&beta[col("last_update")], "2021-05-01");
    assert_eq!(
        &beta[col("url_en")],
        "https://example.org/en/milestones/beta/"
    );
}

#[test]
fn milestones_ics_is_valid_icalendar_with_day_and_month_events_only() {
    let s = basic();
    let raw = std::fs::read(s.out().join("milestones.ics")).unwrap();
    let text = String::from_utf8(raw.clone()).unwrap();
    // CRLF everywhere, no line over 75 octets.
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(
        text.split("\r\n").any(|l| l.starts_with(' ')),
        "long lines are folded"
    );
    for key in ["VERSION:2.0", "PRODID:", "CALSCALE:GREGORIAN"] {
        assert!(text.contains(&format!("\r\n{key}")), "{key}");
    }
    let cal: Calendar = text.parse().expect("the calendar parses");
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let uids: Vec<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    // beta (2022) and epsilon (2027) are planned to the year only: left out.
    assert_eq!(
        uids,
        [
            "alpha@example.org",
            "gamma@example.org",
            "delta@example.org",
            "zeta@example.org"
        ]
    );
    let date = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::Date(d)) => d.to_string(),
        other => panic!("not an all-day date: {other:?}"),
    };
    let alpha = events[0];
    assert_eq!(date(alpha.get_start()), "2021-03-01");
    assert_eq!(date(alpha.get_end()), "2021-04-01", "end of month + 1");
    let gamma = events[1];
    assert_eq!(date(gamma.get_start()), "2025-10-15");
    assert_eq!(date(gamma.get_end()), "2025-10-16");
    assert_eq!(
        gamma.get_summary(),
        Some("감마 개소\\역슬래시 / Gamma opens; hall A, B")
    );
    let desc = gamma.get_description().unwrap();
    assert!(
        desc.contains("Line one, with comma;\nline two \\ end"),
        "{desc}"
    );
    assert!(
        desc.contains("감마 센터는 지상 2층 규모의 시설로, 인공지능 연구와"),
        "{desc}"
    );
    assert!(desc.starts_with("예정 / Planned"), "{desc}");
    assert_eq!(gamma.property_value("DTSTAMP"), Some("20251124T160000Z"));
    assert_eq!(
        gamma.property_value("URL"),
        Some("https://example.org/milestones/gamma/")
    );
    assert_eq!(alpha.property_value("STATUS"), Some("CONFIRMED"));
}

#[test]
fn open_data_is_deterministic() {
    let a = basic();
    let b = basic();
    for f in ["milestones.json", "milestones.csv", "milestones.ics"] {
        assert_eq!(
            std::fs::read(a.out().join(f)).unwrap(),
            std::fs::read(b.out().join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn no_milestones_means_no_data_files_and_an_empty_page() {
    let s = SiteTest::from_fixture("milestones/basic");
    s.write("content/milestones.yaml", "");
    for f in [
        "kickoff.ko.md",
        "kickoff.en.md",
        "alpha-done.ko.md",
        "alpha-done.en.md",
        "late.ko.md",
        "late.en.md",
        "early.ko.md",
        "future-update.ko.md",
        "future-update.en.md",
    ] {
        s.remove(&format!("content/releases/{f}"));
    }
    s.write(
        "content/releases/one.ko.md",
        "---\ntitle: 하나\ndate: 2023-01-01\n---\n본문\n",
    );
    s.build();
    assert!(!s.exists("milestones.json"));
    let page = s.html("en/milestones/index.html");
    assert_eq!(page.count(".phase"), 0);
    assert_eq!(page.count("figure.ms-chart"), 0);
    assert_eq!(s.html("en/index.html").count(".ms-progress"), 0);
}

// ---- errors -------------------------------------------------------------------------

fn errors(s: &SiteTest) -> String {
    match s.try_build() {
        Ok(_) => panic!("the build should have failed"),
        Err(d) => d.to_string(),
    }
}

fn diag<'a>(all: &'a str, needle: &str) -> (&'a str, &'a str) {
    let mut lines = all.lines();
    while let Some(l) = lines.next() {
        if !l.starts_with(' ') && l.contains(needle) {
            let hint = lines
                .next()
                .filter(|h| h.starts_with("  hint:"))
                .unwrap_or("");
            return (l, hint);
        }
    }
    panic!("no diagnostic mentions {needle}:\n{all}")
}

#[test]
fn unknown_milestone_ids_in_releases_are_reported_with_position_and_hint() {
    let s = SiteTest::from_fixture("milestones/basic");
    s.write(
        "content/releases/typo.ko.md",
        "---\ntitle: 오타\ndate: 2023-01-01\nmilestones: [alpah]\nmilestone_updates:\n  - id: gama\n    status: done\n---\n",
    );
    let all = errors(&s);
    let (line, hint) = diag(&all, "unknown milestone `alpah`");
    assert!(
        line.starts_with("content/releases/typo.ko.md:4:14: error[E005]: milestones:"),
        "{line}"
    );
    assert!(hint.contains("did you mean `alpha`?"), "{hint}");
    let (line, hint) = diag(&all, "unknown milestone `gama`");
    assert!(
        line.starts_with("content/releases/typo.ko.md:6:9: error[E005]: milestone_updates.id:"),
        "{line}"
    );
    assert!(hint.contains("did you mean `gamma`?"), "{hint}");
}

#[test]
fn bad_status_and_bad_dates_in_updates_are_reported() {
    let s = SiteTest::from_fixture("milestones/basic");
    s.write(
        "content/releases/bad.ko.md",
        "---\ntitle: 나쁨\ndate: 2023-01-01\nmilestone_updates:\n  - id: alpha\n    status: doen\n---\n",
    );
    s.write(
        "content/releases/baddate.ko.md",
        "---\ntitle: 나쁨\ndate: 2023-01-01\nmilestone_updates:\n  - id: alpha\n    status: done\n    planned: 2023-13\n---\n",
    );
    let all = errors(&s);
    let (line, _) = diag(&all, "`doen` is not a status");
    assert!(
        line.starts_with("content/releases/bad.ko.md:6:13: error[E004]:"),
        "{line}"
    );
    assert!(line.contains("did you mean `done`?"), "{line}");
    let (line, _) = diag(&all, "`2023-13` is not a valid date");
    assert!(
        line.starts_with("content/releases/baddate.ko.md:7:14: error[E004]:"),
        "{line}"
    );
}

#[test]
fn plan_errors_duplicate_ids_unknown_phases_bad_status_and_dates() {
    let s = SiteTest::from_fixture("milestones/basic");
    let plan = "phases:\n  - id: p1\n    name: {ko: 가, en: A}\n    years: [2020, 2024]\nmilestones:\n  - id: one\n    phase: p1\n    title: {ko: 가, en: A}\n    planned: 2021\n  - id: one\n    phase: p1\n    title: {ko: 나, en: B}\n    planned: 2022\n  - id: two\n    phase: p9\n    title: {ko: 다, en: C}\n    planned: 2022\n";
    s.write("content/milestones.yaml", plan);
    for f in ["kickoff", "alpha-done", "late", "future-update"] {
        s.remove(&format!("content/releases/{f}.ko.md"));
        s.remove(&format!("content/releases/{f}.en.md"));
    }
    s.remove("content/releases/early.ko.md");
    let all = errors(&s);
    let (line, hint) = diag(&all, "the milestone id `one` is declared twice");
    assert!(
        line.starts_with("content/milestones.yaml:10:5: error[E009]: milestones.id:"),
        "{line}"
    );
    assert!(!hint.is_empty());
    let (line, hint) = diag(&all, "unknown phase `p9`");
    assert!(
        line.starts_with("content/milestones.yaml:15:12: error[E004]:"),
        "{line}"
    );
    assert!(hint.contains("did you mean `p1`?"), "{hint}");

    s.write(
        "content/milestones.yaml",
        &format!("{plan}    status: finished\n")
            .replace("phase: p9", "phase: p1")
            .replace(
                "  - id: one\n    phase: p1\n    title: {ko: 나, en: B}\n    planned: 2022\n",
                "",
            ),
    );
    let all = errors(&s);
    let (line, _) = diag(&all, "`finished` is not a status");
    assert!(
        line.starts_with("content/milestones.yaml:14:13: error[E004]:"),
        "{line}"
    );

    s.write(
        "content/milestones.yaml",
        &plan
            .replace("planned: 2021", "planned: 2021-02-30")
            .replace(
                "  - id: one\n    phase: p1\n    title: {ko: 나, en: B}\n    planned: 2022\n",
                "",
            )
            .replace("p9", "p1"),
    );
    let all = errors(&s);
    let (line, _) = diag(&all, "`2021-02-30` is not a valid date");
    assert!(
        line.starts_with("content/milestones.yaml:9:14: error[E004]:"),
        "{line}"
    );
}

#[test]
fn translations_that_disagree_on_an_update_are_errors() {
    let s = SiteTest::from_fixture("milestones/basic");
    // Different status in the English version.
    s.write(
        "content/releases/kickoff.en.md",
        "---\ntitle: Alpha work begins\ndate: 2021-01-10\nmilestone_updates:\n  - id: alpha\n    status: delayed\n---\nBody.\n",
    );
    // The English version leaves out the update.
    s.write(
        "content/releases/alpha-done.en.md",
        "---\ntitle: Alpha done\ndate: 2021-06-01T10:00\n---\nBody.\n",
    );
    // A different planned date.
    s.write(
        "content/releases/late.en.md",
        "---\ntitle: Beta\ndate: 2022-01-01\nmilestone_updates:\n  - id: beta\n    status: in_progress\n    date: 2021-02-01\n    planned: 2023\n---\nBody.\n",
    );
    let all = errors(&s);
    let (line, hint) = diag(
        &all,
        "this update of `alpha` differs from the one in content/releases/kickoff.ko.md",
    );
    assert!(
        line.starts_with("content/releases/kickoff.en.md:5:9: error[E004]: milestone_updates:"),
        "{line}"
    );
    assert!(hint.contains("only `note` is translated"), "{hint}");
    let (line, _) = diag(
        &all,
        "the English version of this release has no update of `alpha` dated 2021-06-01",
    );
    assert!(
        line.starts_with("content/releases/alpha-done.ko.md:5:9: error[E004]:"),
        "{line}"
    );
    let (line, _) = diag(&all, "this update of `beta` differs");
    assert!(
        line.starts_with("content/releases/late.en.md:5:9: error[E004]:"),
        "{line}"
    );
}

#[test]
fn the_real_site_shows_its_milestones() {
    let dir = tempfile::tempdir().unwrap();
    let opts = gongbo::BuildOptions {
        root: support::repo(),
        output: dir.path().join("public"),
        base_url: None,
        drafts: false,
        now_unix: NOW,
        home: None,
    };
    let built = gongbo::render_site(&opts).unwrap_or_else(|d| panic!("{d}"));
    assert!(built.warnings.is_empty(), "{}", built.warnings);
    let site = &built.site;
    assert!(site.plan.milestones.len() >= 10);
    let updated = site
        .milestones
        .iter()
        .filter(|m| !m.history.is_empty())
        .count();
    assert!(updated >= 8, "{updated} milestones changed by releases");
    let id = |i: usize| site.plan.milestones[i].id.as_str();
    let state = |name: &str| {
        site.milestones
            .iter()
            .find(|m| id(m.id.index()) == name)
            .unwrap()
    };
    assert_eq!(state("groundbreaking").status.key(), "done");
    let testbed = state("testbed-buildings");
    assert_eq!(testbed.status.key(), "delayed");
    assert_eq!(testbed.planned.iso(), "2024");
    assert_eq!(testbed.original_planned.iso(), "2023");
    assert!(built
        .files
        .iter()
        .any(|f| f.path == "en/milestones/testbed-buildings/index.html"));
    for f in ["milestones.json", "milestones.csv", "milestones.ics"] {
        assert!(built.files.iter().any(|o| o.path == f), "{f}");
    }
}

/// The real site claims a milestone done only where one of its releases announces it, in
/// Korean and in English: `content/milestones.yaml` declares every milestone as planned
/// (the releases are written from the public reports, which decide what is reached). A
/// milestone whose planned date has passed without such a release says exactly that on
/// its page, not that the work is unfinished.
#[test]
fn the_real_site_marks_milestones_done_only_through_its_releases() {
    let dir = tempfile::tempdir().unwrap();
    let opts = gongbo::BuildOptions {
        root: support::repo(),
        output: dir.path().join("public"),
        base_url: None,
        drafts: false,
        now_unix: NOW,
        home: None,
    };
    let built = gongbo::render_site(&opts).unwrap_or_else(|d| panic!("{d}"));
    let site = &built.site;
    for m in &site.plan.milestones {
        assert_eq!(
            m.status.key(),
            "planned",
            "{} is declared {:?}",
            m.id,
            m.status
        );
    }
    let mut overdue = Vec::new();
    for s in &site.milestones {
        let id = &site.plan.milestones[s.id.index()].id;
        if s.status.key() == "done" {
            let done = s
                .history
                .iter()
                .rfind(|h| h.status.key() == "done")
                .unwrap_or_else(|| panic!("{id} is done without a release saying so"));
            assert!(
                done.release.ko.is_some() && done.release.en.is_some(),
                "{id}: marked done by a release that is not in both languages"
            );
        }
        if s.overdue {
            overdue.push(id.clone());
        }
    }
    assert!(
        !overdue.is_empty(),
        "the reference time should leave some overdue"
    );
    let page = |path: &str| -> Html {
        let f = built
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} not written"));
        match &f.content {
            gongbo::types::OutputContent::Bytes(b) => {
                Html::parse_document(std::str::from_utf8(b).unwrap())
            }
            gongbo::types::OutputContent::Copy(_) => panic!("{path} is generated"),
        }
    };
    let note = Selector::parse(".ms-overdue-note").unwrap();
    for id in &overdue {
        for (path, says) in [
            (
                format!("milestones/{id}/index.html"),
                "완료를 알린 보도자료는 아직 없습니다",
            ),
            (
                format!("en/milestones/{id}/index.html"),
                "no release on this site has reported this milestone done",
            ),
        ] {
            let doc = page(&path);
            let text: String = doc.select(&note).flat_map(|e| e.text()).collect::<String>();
            assert!(text.contains(says), "{path}: {text:?}");
        }
    }
}
