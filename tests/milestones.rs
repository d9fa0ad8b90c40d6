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
    assert_eq!(en.text(".ms-summary"), "1 of 6 milestones done");
    // The lists by status, each with how many it holds (empty ones too).
    assert_eq!(
        en.texts(".ms-filters a"),
        [
            "✓ Done 1",
            "◐ In progress 0",
            "! Delayed 1",
            "○ Planned 4",
            "× Cancelled 0",
            "⚠\u{fe0e} Overdue 2"
        ]
    );
    assert_eq!(
        en.attr(".ms-filters a.filter-overdue", "href").as_deref(),
        Some("/en/milestones/status/overdue/")
    );
    // Done ones show the day they were done, and how that stands against the plan.
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
    assert_eq!(ko.text(".ms-summary"), "전체 6개 일정 중 1개 완료");
    assert_eq!(ko.text("p.as-of"), "2025년 11월 25일(화) 기준");
}

/// Issue 17: the timeline is one image with a name and a description, one row per
/// milestone with a visible label, its first planned period and its mark; the lists
/// below keep every fact as text.
#[test]
fn the_timeline_is_a_described_image_with_a_labelled_row_per_milestone() {
    let s = basic();
    for path in ["milestones/index.html", "en/milestones/index.html"] {
        let page = s.html(path);
        let chart = ".ms-chart .gantt[role=img]";
        assert_eq!(page.count(chart), 1, "{path}");
        assert_eq!(
            page.attr(chart, "aria-labelledby").as_deref(),
            Some("ms-chart-title")
        );
        assert_eq!(
            page.attr(chart, "aria-describedby").as_deref(),
            Some("ms-chart-desc")
        );
        assert!(!page.text("#ms-chart-title").is_empty());
        assert_eq!(page.count(".gantt .gantt-milestone"), 6);
        assert_eq!(page.count(".gantt .gantt-milestone .gantt-plan"), 6);
        assert_eq!(page.count(".gantt .gantt-milestone .gantt-mark"), 6);
        assert_eq!(page.count(".gantt .gantt-phase"), 2);
        assert_eq!(page.count(".gantt-axis .gantt-year"), 10, "2020 to 2029");
        assert_eq!(page.count(".gantt-now .gantt-today-label"), 1);
        // Every SVG is drawing only; the words are HTML.
        assert_eq!(
            page.count(".gantt svg.gantt-track"),
            page.count(".gantt svg.gantt-track[aria-hidden=true]")
        );
        // The legend names every kind of mark, every status among them.
        assert_eq!(page.count(".chart-legend li"), 11);
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
    let en = s.html("en/milestones/index.html");
    // Rows in date order per phase, with the short label when one is declared.
    assert_eq!(
        en.texts(".gantt-milestone .gantt-name"),
        [
            "Alpha starts",
            "Beta completed",
            "Gamma opens; hall A, B",
            "Zeta",
            "Delta plan",
            "Epsilon"
        ]
    );
    assert_eq!(
        en.text("#ms-chart-desc"),
        "A timeline of 6 milestones in 2 phases: what was first planned against what happened. \
         Each milestone's first planned period is a dashed box and its status a symbol; a line \
         joins the two by as much as it slipped. The lists of each phase below give the same \
         facts as text. 1 of 6 milestones done (Delayed: 1 · Planned: 4). 2 milestones are \
         past their planned date with no news that they are done."
    );
    let row = |id: &str| format!(".gantt-milestone[data-milestone={id}]");
    // Alpha was planned for March 2021 and done on 1 June: a solid line joins the two.
    assert_eq!(
        en.text(&format!("{} .gantt-note", row("alpha"))),
        "Completed 3 months late"
    );
    assert_eq!(
        en.count(&format!("{} .gantt-slip.is-done", row("alpha"))),
        1
    );
    assert_eq!(en.count(&format!("{} .gantt-late", row("alpha"))), 0);
    // Beta's plan moved from 2021 to 2022 and it is overdue: a dashed line to its
    // current mark and a dotted one to today.
    assert_eq!(
        en.text(&format!("{} .gantt-note", row("beta"))),
        "1 year later than first planned · Overdue"
    );
    assert_eq!(
        en.count(&format!("{} .gantt-slip.is-moved", row("beta"))),
        1
    );
    assert_eq!(en.count(&format!("{} .gantt-late", row("beta"))), 1);
    let plan_x = en
        .attr(&format!("{} .gantt-plan", row("beta")), "x")
        .unwrap();
    let mark_x = en
        .attr(&format!("{} .gantt-mark circle", row("beta")), "cx")
        .unwrap();
    assert_eq!((plan_x.as_str(), mark_x.as_str()), ("10.019%", "24.993%"));
    // Delta is planned and not due: no line at all.
    assert_eq!(
        en.count(&format!(
            "{0} .gantt-slip, {0} .gantt-late, {0} .gantt-note",
            row("delta")
        )),
        0
    );
    let page = s.html("milestones/beta/index.html");
    assert_eq!(page.count("[style]"), 0);
}

/// Issue 17: a milestone done later or earlier than planned says by how much, in the
/// lists, on its page and in both languages.
#[test]
fn late_completion_is_said_in_words_in_both_languages() {
    let s = basic();
    let en = s.html("en/milestones/index.html");
    assert_eq!(en.text("#m-alpha .ms-schedule"), "Completed 3 months late");
    assert_eq!(en.count("#m-beta .ms-schedule"), 0, "not done");
    let ko = s.html("milestones/index.html");
    assert_eq!(ko.text("#m-alpha .ms-schedule"), "예정보다 3개월 늦게 완료");
    let page = s.html("en/milestones/alpha/index.html");
    assert_eq!(page.text(".meta .ms-schedule"), "Completed 3 months late");
    let page = s.html("milestones/alpha/index.html");
    assert_eq!(page.text(".meta .ms-schedule"), "예정보다 3개월 늦게 완료");
    // Done within the planned month: on schedule.
    s.write(
        "content/releases/alpha-done.en.md",
        &s.read_source("content/releases/alpha-done.en.md")
            .replace("2021-06-01", "2021-03-20"),
    );
    s.write(
        "content/releases/alpha-done.ko.md",
        &s.read_source("content/releases/alpha-done.ko.md")
            .replace("2021-06-01", "2021-03-20"),
    );
    s.build();
    let en = s.html("en/milestones/index.html");
    assert_eq!(en.text("#m-alpha .ms-schedule"), "Completed on schedule");
    assert_eq!(
        en.count(".gantt-milestone[data-milestone=alpha] .gantt-note"),
        0
    );
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

/// Issue 17, point 3: the home page shows each phase's progress as a bar with the counts
/// in words, and says plainly how many milestones are overdue, linking to that list.
#[test]
fn home_page_summarises_progress_by_phase_with_links() {
    let s = basic();
    let en = s.html("en/index.html");
    assert_eq!(
        en.text(".ms-progress .progress-summary"),
        "1 of 6 milestones done"
    );
    assert_eq!(en.text(".ms-progress .as-of"), "As of 25 November 2025");
    assert_eq!(en.texts(".progress-phase a"), ["Phase 1", "Phase 2"]);
    assert_eq!(
        en.attrs(".progress-phase a", "href"),
        ["/en/milestones/#phase-p1", "/en/milestones/#phase-p2"]
    );
    assert_eq!(en.texts(".progress-done"), ["1 of 2 done", "0 of 4 done"]);
    assert_eq!(en.texts(".progress-counts"), ["Delayed: 1", "Planned: 4"]);
    // Phase 1: one done, one delayed, half each; phase 2: all four planned.
    assert_eq!(
        en.attrs(".progress-phases li:first-child .progress-seg", "width"),
        ["50.000%", "50.000%"]
    );
    assert_eq!(
        en.attrs(".progress-phases li:first-child .progress-seg", "class"),
        ["progress-seg status-done", "progress-seg status-delayed"]
    );
    assert_eq!(
        en.attr(".progress-bar", "aria-hidden").as_deref(),
        Some("true")
    );
    assert_eq!(
        en.text(".progress-overdue a"),
        "2 milestones are past their planned date with no news that they are done"
    );
    assert_eq!(
        en.attr(".progress-overdue a", "href").as_deref(),
        Some("/en/milestones/status/overdue/")
    );
    // Only the lists that hold something.
    assert_eq!(
        en.attrs(".ms-progress .ms-filters a", "href"),
        [
            "/en/milestones/status/done/",
            "/en/milestones/status/delayed/",
            "/en/milestones/status/planned/",
            "/en/milestones/status/overdue/"
        ]
    );
    assert_eq!(
        en.attr(".ms-progress .more a", "href").as_deref(),
        Some("/en/milestones/")
    );
    let ko = s.html("index.html");
    assert_eq!(
        ko.text(".progress-overdue a"),
        "예정 시기가 지났지만 완료 소식이 없는 일정 2개"
    );
    assert_eq!(ko.texts(".progress-counts"), ["지연 1개", "예정 4개"]);
    assert_eq!(
        ko.attr(".progress-overdue a", "href").as_deref(),
        Some("/milestones/status/overdue/")
    );
}

/// Issue 17: the lists the summary links to, one per status and one of the overdue
/// milestones, in both languages; an empty one says so.
#[test]
fn lists_by_status_hold_exactly_their_milestones() {
    let s = basic();
    let en = s.html("en/milestones/status/overdue/index.html");
    assert_eq!(
        en.text("main h1"),
        "Overdue milestones: past the planned date with no news that they are done"
    );
    assert_eq!(en.text(".ms-summary"), "2 milestones");
    assert!(en
        .text(".ms-overdue-note")
        .contains("no release on this site"));
    assert_eq!(en.texts(".phase h2"), ["Phase 1", "Phase 2"]);
    assert_eq!(en.attrs(".timeline > li", "id"), ["m-beta", "m-gamma"]);
    assert_eq!(
        en.attr(".ms-filters a[aria-current=page]", "href")
            .as_deref(),
        Some("/en/milestones/status/overdue/")
    );
    assert_eq!(
        en.texts(".breadcrumbs li"),
        [
            "Home",
            "Milestones",
            "Overdue milestones: past the planned date with no news that they are done"
        ]
    );
    assert_eq!(
        en.attr(".lang-switch a", "href").as_deref(),
        Some("/milestones/status/overdue/")
    );
    let done = s.html("milestones/status/done/index.html");
    assert_eq!(done.text("main h1"), "완료된 일정");
    assert_eq!(done.text(".ms-summary"), "일정 1개");
    assert_eq!(done.attrs(".timeline > li", "id"), ["m-alpha"]);
    assert_eq!(
        done.text("#m-alpha .ms-schedule"),
        "예정보다 3개월 늦게 완료"
    );
    let planned = s.html("en/milestones/status/planned/index.html");
    assert_eq!(
        planned.attrs(".timeline > li", "id"),
        ["m-gamma", "m-zeta", "m-delta", "m-epsilon"]
    );
    let none = s.html("en/milestones/status/cancelled/index.html");
    assert_eq!(none.count(".timeline > li"), 0);
    assert_eq!(
        none.text("main > p:not(.as-of):not(.ms-summary):not(.more)"),
        "No milestone has this status now."
    );
    assert!(s.exists("milestones/status/in-progress/index.html"));
    let sitemap = s.read("sitemap.xml");
    assert!(
        sitemap.contains("https://example.org/en/milestones/status/overdue/"),
        "{sitemap}"
    );
}

/// A milestone may not take the folder of the lists by status as its id, and a short
/// label may not be empty: both are errors with their line.
#[test]
fn the_status_folder_is_no_milestone_id_and_short_labels_are_not_empty() {
    let s = SiteTest::from_fixture("milestones/basic");
    let plan = s.read_source("content/milestones.yaml");
    s.write(
        "content/milestones.yaml",
        &plan
            .replace("id: zeta", "id: status")
            .replace("en: \"Epsilon\"", "en: \"\""),
    );
    s.remove("content/releases/future-update.ko.md");
    s.remove("content/releases/future-update.en.md");
    let all = errors(&s);
    let (line, hint) = diag(&all, "`status` cannot be a milestone id");
    assert!(
        line.starts_with("content/milestones.yaml:39:5: error[E004]: milestones.id:"),
        "{line}"
    );
    assert!(hint.contains("choose another id"), "{hint}");
    let (line, _) = diag(&all, "the short label of milestone `epsilon` is empty");
    assert!(
        line.starts_with("content/milestones.yaml:34:5: error[E004]: milestones.short:"),
        "{line}"
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
    assert_eq!(page.count(".ms-chart"), 0);
    assert_eq!(s.html("en/index.html").count(".ms-progress"), 0);
    // No lists by status, and no link to one.
    assert!(!s.exists("milestones/status/overdue/index.html"));
    assert_eq!(page.count(".ms-filters a"), 0);
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

/// Issue 17, point 4: a milestone that 300 releases mention lists the latest on its page
/// and pages through the rest with the release list's pager and titles; its history
/// stays whole on its first page, and milestones.json still lists every release.
#[test]
fn a_milestone_mentioned_by_300_releases_gets_paginated_pages() {
    let s = SiteTest::from_fixture("milestones/basic");
    let toml = s.read_source("site.toml");
    s.write(
        "site.toml",
        &toml.replace("releases_per_page = 2", "releases_per_page = 20"),
    );
    let day = |i: usize| {
        chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Days::new(i as u64)
    };
    for i in 0..300 {
        let date = day(i);
        s.write(
            &format!("content/releases/bulk-{i:03}.ko.md"),
            &format!("---\ntitle: 알파 소식 {i}\ndate: {date}\nmilestones: [alpha]\n---\n알파 소식 {i}.\n"),
        );
        if i < 100 {
            s.write(
                &format!("content/releases/bulk-{i:03}.en.md"),
                &format!("---\ntitle: Alpha news {i}\ndate: {date}\nmilestones: [alpha]\n---\nAlpha news {i}.\n"),
            );
        }
    }
    s.build();
    // 300 + the fixture's two Korean releases about alpha: 16 pages of 20.
    let first = s.html("milestones/alpha/index.html");
    assert_eq!(first.count("#ms-releases ~ .cards .card"), 20);
    assert_eq!(
        first.text("#ms-releases ~ .cards .card-title"),
        "알파 소식 299"
    );
    assert_eq!(first.text(".pager .pager-status"), "16쪽 중 1쪽");
    assert_eq!(
        first.attr(".pager a[rel=next]", "href").as_deref(),
        Some("/milestones/alpha/page/2/")
    );
    assert_eq!(
        first.count(".ms-history tbody tr"),
        2,
        "the history stays whole"
    );
    assert_eq!(first.text("title"), "알파 착수 | 시험 공보");

    let second = s.html("milestones/alpha/page/2/index.html");
    assert_eq!(second.text("title"), "알파 착수 (16쪽 중 2쪽) | 시험 공보");
    assert_eq!(
        second.text("#ms-releases"),
        "이 일정을 다룬 보도자료 (16쪽 중 2쪽)"
    );
    assert_eq!(
        second.text("#ms-releases ~ .cards .card-title"),
        "알파 소식 279"
    );
    assert_eq!(
        second.count(".ms-history"),
        0,
        "later pages show only the list"
    );
    assert_eq!(
        second.attr(".pager a[rel=prev]", "href").as_deref(),
        Some("/milestones/alpha/")
    );
    let last = s.html("milestones/alpha/page/16/index.html");
    assert_eq!(
        last.texts("#ms-releases ~ .cards .card-title"),
        ["알파 완료", "알파 착수 발표"]
    );
    assert!(!s.exists("milestones/alpha/page/17/index.html"));
    // The English pages: 100 + 2 releases, 6 pages; Korean page 16 points at the last.
    assert!(s.exists("en/milestones/alpha/page/6/index.html"));
    assert!(!s.exists("en/milestones/alpha/page/7/index.html"));
    assert_eq!(
        last.attr(".lang-switch a", "href").as_deref(),
        Some("/en/milestones/alpha/page/6/")
    );
    // Every page stays small, whatever the number of releases.
    for n in 2..=16 {
        let len = s
            .read(&format!("milestones/alpha/page/{n}/index.html"))
            .len();
        assert!(len < 40_000, "page {n} is {len} bytes");
    }
    assert!(s.read("milestones/alpha/index.html").len() < 40_000);
    let alpha = milestone(&json(&s), "alpha").clone();
    assert_eq!(alpha["releases"].as_array().unwrap().len(), 302);
}
