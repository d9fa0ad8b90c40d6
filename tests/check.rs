//! Issue 7, point 1: `gongbo check` reports what a build would, plus editorial lints,
//! each with a stable code and a position; one small case per code.

mod support;

use serde_json::Value;
use std::process::Command;
use support::{repo, SiteTest, NOW};

/// Runs `gongbo check --root <site> <args>`: (exit code, stdout, stderr).
fn run(s: &SiteTest, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongbo"));
    // Messages in English, whatever the machine's locale.
    cmd.env("LC_ALL", "C");
    cmd.arg("check").arg("--root").arg(s.root()).args(args);
    cmd.env("SOURCE_DATE_EPOCH", NOW.to_string());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn findings(s: &SiteTest) -> Vec<Value> {
    let (_, out, err) = run(s, &["--format", "json"], &[]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    v["findings"].as_array().unwrap().clone()
}

/// (code, "line:col") of each finding in `file`.
fn codes_in(all: &[Value], file: &str) -> Vec<(String, String)> {
    all.iter()
        .filter(|f| f["file"] == file)
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                format!("{}:{}", f["line"], f["column"]),
            )
        })
        .collect()
}

const EN: &str = "---\ntitle: \"Case\"\ndate: 2021-03-02\n---\nBody.\n";

/// Writes `case.ko.md` (with an English twin) into the clean base site and returns the
/// findings for the Korean file.
fn lint(ko: &str) -> Vec<(String, String)> {
    let s = SiteTest::from_fixture("check/base");
    s.write("content/releases/case.ko.md", ko);
    s.write("content/releases/case.en.md", EN);
    codes_in(&findings(&s), "content/releases/case.ko.md")
}

fn one(code: &str, at: &str) -> Vec<(String, String)> {
    vec![(code.to_string(), at.to_string())]
}

#[test]
fn the_base_fixture_is_clean() {
    let s = SiteTest::from_fixture("check/base");
    let (code, out, err) = run(&s, &["--deny-warnings"], &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("check: 0 errors, 0 warnings"), "{err}");
    assert!(!s.out().exists(), "check must not write the output folder");
}

#[test]
fn w001_missing_translation_names_the_language() {
    let s = SiteTest::from_fixture("check/base");
    s.write(
        "content/releases/solo.ko.md",
        "---\ntitle: 가\ndate: 2021-03-02\n---\n본문\n",
    );
    let all = findings(&s);
    assert_eq!(
        codes_in(&all, "content/releases/solo.ko.md"),
        one("W001", "1:1")
    );
    let msg = all.iter().find(|f| f["code"] == "W001").unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("no English translation") && msg.contains("solo.en.md"),
        "{msg}"
    );
    // Issue 16: a release meant for one language says so, and is not reported.
    s.write(
        "content/releases/solo.ko.md",
        "---\ntitle: 가\ndate: 2021-03-02\none_language: true\n---\n본문\n",
    );
    assert_eq!(
        codes_in(&findings(&s), "content/releases/solo.ko.md"),
        vec![]
    );
}

/// Issue 16, point 7: the demo site passes `check --deny-warnings`.
#[test]
fn the_real_site_checks_with_no_finding() {
    let out = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .env("LC_ALL", "C")
        .args(["check", "--deny-warnings", "--root"])
        .arg(repo())
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("check: 0 errors, 0 warnings"), "{err}");
}

#[test]
fn w002_image_alt_text_that_says_nothing() {
    let text = "---\ntitle: 가\ndate: 2021-03-02\nimage: images/site.svg\nimage_alt: 그림\n---\n첫 문단.\n\n![사진](/images/site.svg)\n\n![image](/images/site.svg)\n\n![부지 배치 개념도](/images/site.svg)\n";
    assert_eq!(
        lint(text),
        vec![
            ("W002".to_string(), "5:1".to_string()),
            ("W002".to_string(), "9:1".to_string()),
            ("W002".to_string(), "11:1".to_string()),
        ]
    );
}

/// The file name as alternative text is an error of the build itself (E016), in front
/// matter and in the body, and not a W002 as well.
#[test]
fn e015_alt_text_that_is_the_file_name() {
    let text = "---\ntitle: 가\ndate: 2021-03-02\nimage: images/site.svg\nimage_alt: site.svg\n---\n첫 문단.\n";
    assert_eq!(lint(text), one("E016", "5:1"));
    let text = "---\ntitle: 가\ndate: 2021-03-02\n---\n첫 문단.\n\n![SITE](@/images/site.svg)\n\n![](@/images/site.svg)\n";
    assert_eq!(
        lint(text),
        vec![
            ("E016".to_string(), "7:1".to_string()),
            ("E007".to_string(), "9:1".to_string()),
        ]
    );
}

#[test]
fn w003_a_paragraph_repeated_in_one_release() {
    let para = "광주 인공지능 집적단지 2단계 사업이 예비타당성조사 면제 대상으로 확정되었다.";
    let text = format!("---\ntitle: 가\ndate: 2021-03-02\n---\n{para}\n\n둘째 문단.\n\n{para}\n");
    assert_eq!(lint(&text), one("W003", "9:1"));
}

#[test]
fn w004_a_skipped_heading_level() {
    let text = "---\ntitle: 가\ndate: 2021-03-02\n---\n## 개요\n\n본문\n\n#### 세부\n\n본문\n";
    assert_eq!(lint(text), one("W004", "9:1"));
    let first = "---\ntitle: 가\ndate: 2021-03-02\n---\n### 개요\n\n본문\n";
    assert_eq!(lint(first), one("W004", "5:1"));
}

#[test]
fn w005_a_long_highlight() {
    let long = "가".repeat(130);
    let text = format!(
        "---\ntitle: 가\ndate: 2021-03-02\nhighlights:\n  - 짧은 줄\n  - \"{long}\"\n---\n본문\n"
    );
    assert_eq!(lint(&text), one("W005", "6:6"));
}

#[test]
fn w006_an_embargo_in_the_past() {
    let text = "---\ntitle: 가\ndate: 2021-03-02\nembargo: 2021-03-02T09:00\n---\n본문\n";
    assert_eq!(lint(text), one("W006", "4:1"));
}

#[test]
fn w007_an_embargo_more_than_a_year_ahead() {
    let text = "---\ntitle: 가\ndate: 2027-06-01\nembargo: 2027-06-01T09:00\n---\n본문\n";
    assert_eq!(lint(text), one("W007", "4:1"));
    // Within the year: held back, no finding.
    let near = "---\ntitle: 가\ndate: 2026-06-01\nembargo: 2026-06-01T09:00\n---\n본문\n";
    assert_eq!(lint(near), vec![]);
}

#[test]
fn w008_a_future_date_without_embargo() {
    let text = "---\ntitle: 가\ndate: 2025-12-01\n---\n본문\n";
    assert_eq!(lint(text), one("W008", "3:1"));
}

#[test]
fn w009_a_tag_written_differently_from_its_declaration() {
    let text = "---\ntitle: 가\ndate: 2021-03-02\ntags: [데이터센터, Data Center]\n---\n본문\n";
    assert_eq!(lint(text), one("W009", "4:15"));
}

#[test]
fn w013_a_text_cut_short_by_a_comment() {
    // In YAML ` #` starts a comment, even inside an unquoted value: the build publishes
    // the title `광주` and says nothing. `gongbo check` points at each cut text field
    // of a release or a page, and leaves quoted values and comment lines alone.
    let s = SiteTest::from_fixture("check/base");
    s.write(
        "content/releases/case.ko.md",
        "---\ntitle: 광주 #1 행사\ndate: 2021-03-02\nsummary: \"따옴표 안의 #2\" # 메모\n# 메모 #3\nhighlights:\n  - 착공 #4 단계\nattachments:\n  - path: images/site.svg\n    title: 배치도 #5\n---\n본문\n",
    );
    s.write("content/releases/case.en.md", EN);
    s.write(
        "content/pages/about.ko.md",
        "---\ntitle: 소개\nsummary: 광주 #1 누리집\n---\n시험 누리집이다.\n",
    );
    s.build();
    assert_eq!(s.html("releases/case/index.html").text("h1"), "광주");
    let all = findings(&s);
    assert_eq!(
        codes_in(&all, "content/releases/case.ko.md"),
        [("W013", "2:11"), ("W013", "7:8"), ("W013", "10:16")]
            .map(|(c, at)| (c.to_string(), at.to_string()))
    );
    assert_eq!(
        codes_in(&all, "content/pages/about.ko.md"),
        one("W013", "3:13")
    );
    let title = all
        .iter()
        .find(|f| f["code"] == "W013" && f["line"] == 2)
        .unwrap();
    assert_eq!(title["severity"], "warning");
    assert_eq!(title["field"], "title");
    assert_eq!(
        title["message"],
        "the text after ` #` is dropped as a comment, so `title` is published as `광주`"
    );
    let hint = title["hint"].as_str().unwrap();
    assert!(hint.contains("`title: \"광주 #1 행사\"`"), "{hint}");
    let attachment = all.iter().find(|f| f["line"] == 10).unwrap();
    assert_eq!(attachment["field"], "attachments.title");
    // Quoted, the whole title is published and nothing is found.
    s.write(
        "content/releases/case.ko.md",
        "---\ntitle: \"광주 #1 행사\"\ndate: 2021-03-02\n---\n본문\n",
    );
    assert_eq!(codes_in(&findings(&s), "content/releases/case.ko.md"), []);
    s.build();
    assert_eq!(
        s.html("releases/case/index.html").text("h1"),
        "광주 #1 행사"
    );
}

#[test]
fn w014_a_link_to_an_address_the_site_does_not_have() {
    // Written by hand, an address is not checked by the build: a typo is a "page not
    // found" for a citizen. Every address the site has passes: a release, a file, a
    // static file, the search page, a held-back release (it will be there), a link
    // relative to the page; anything else is found at its line. (A published page's
    // link to a held-back release is an error of the build, E008.)
    let s = SiteTest::from_fixture("check/base");
    let logo = s.root().join("static/docs/guide.pdf");
    std::fs::create_dir_all(logo.parent().unwrap()).unwrap();
    std::fs::write(&logo, "%PDF-1.4\n").unwrap();
    s.write(
        "content/releases/later.ko.md",
        "---\ntitle: \"나중 자료\"\ndate: 2021-03-02\nembargo: 2099-01-01T09:00\n---\n[이 자료](/releases/later/)와 [사례](/releases/case/)\n",
    );
    s.write(
        "content/releases/case.ko.md",
        concat!(
            "---\ntitle: \"주소 시험\"\ndate: 2021-03-02\n---\n",
            "[예산](/releases/budget/) [그림](/images/site.svg) [안내서](/docs/guide.pdf)\n",
            "[검색](/search/?q=예산) [옆](../budget/#top) [밖](https://example.com/x)\n",
            "[메일](mailto:press@example.org) [위](#x) [예산 자료](@/releases/budget.ko.md)\n\n",
            "[오타](/releases/budgte/)\n\n",
            "[없는 파일](../../files/none.pdf)\n",
        ),
    );
    s.write("content/releases/case.en.md", EN);
    let all = findings(&s);
    assert_eq!(
        codes_in(&all, "content/releases/case.ko.md")
            .into_iter()
            .filter(|(c, _)| c == "W014")
            .collect::<Vec<_>>(),
        [("W014", "9:1"), ("W014", "11:1")].map(|(c, at)| (c.to_string(), at.to_string()))
    );
    let typo = all
        .iter()
        .find(|f| f["code"] == "W014" && f["line"] == 9)
        .unwrap();
    assert_eq!(typo["severity"], "warning");
    assert_eq!(typo["field"], "body");
    assert_eq!(
        typo["message"],
        "the link `/releases/budgte/` goes to /releases/budgte/, which the site does not have: a reader gets \"page not found\""
    );
    let hint = typo["hint"].as_str().unwrap();
    assert!(
        hint.starts_with("did you mean /releases/budget/?"),
        "{hint}"
    );
    let file = all
        .iter()
        .find(|f| f["code"] == "W014" && f["line"] == 11)
        .unwrap();
    assert!(
        file["message"]
            .as_str()
            .unwrap()
            .contains("goes to /files/none.pdf,"),
        "{file}"
    );
    assert!(
        codes_in(&all, "content/releases/later.ko.md")
            .iter()
            .all(|(c, _)| c != "W014"),
        "a held-back release's own address is known"
    );
    // The same site under a base path: the site-absolute links now leave it.
    let toml = std::fs::read_to_string(s.root().join("site.toml")).unwrap();
    s.write(
        "site.toml",
        &toml.replace("https://example.org/", "https://example.org/press/"),
    );
    let all = findings(&s);
    let lines: Vec<String> = codes_in(&all, "content/releases/case.ko.md")
        .into_iter()
        .filter(|(c, _)| c == "W014")
        .map(|(_, at)| at)
        .collect();
    // Line 6's `/search/` leaves it; its `../budget/` is relative and still works.
    let line6: Vec<&String> = lines.iter().filter(|at| at.starts_with("6:")).collect();
    assert_eq!(line6, ["6:1"], "{lines:?}");
    assert!(lines.contains(&"5:1".to_string()), "{lines:?}");
}

#[test]
fn e012_links_to_missing_heading_anchors() {
    let text = "---\ntitle: 가\ndate: 2021-03-02\n---\n## 개요\n\n[위](#개요) [없음](#없는-절)\n\n[영문](@/releases/budget.en.md#details) [틀림](@/releases/budget.en.md#detail)\n";
    assert_eq!(
        lint(text),
        vec![
            ("E012".to_string(), "7:10".to_string()),
            ("E012".to_string(), "9:39".to_string()),
        ]
    );
    let s = SiteTest::from_fixture("check/base");
    s.write("content/releases/case.ko.md", text);
    s.write("content/releases/case.en.md", EN);
    let (code, _, err) = run(&s, &[], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("did you mean `#details`?"), "{err}");
}

#[test]
fn build_errors_get_codes_too() {
    let s = SiteTest::from_fixture("check/base");
    s.write("content/releases/case.ko.md", "---\ntitle: 가\ndate: 2021-03-02\nsumary: 요약\ntags: [없는태그]\n---\n[x](@/releases/nothing.ko.md)\n");
    s.write("content/releases/case.en.md", EN);
    let all = findings(&s);
    let got = codes_in(&all, "content/releases/case.ko.md");
    assert_eq!(got, one("E003", "4:1"));
    s.write(
        "content/releases/case.ko.md",
        "---\ntitle: 가\ndate: 2021-02-30\n---\n",
    );
    s.write(
        "content/releases/tag.ko.md",
        "---\ntitle: 가\ndate: 2021-02-03\ntags: [없는태그]\n---\n",
    );
    s.write(
        "content/releases/link.ko.md",
        "---\ntitle: 가\ndate: 2021-02-03\n---\n[x](@/releases/nothing.ko.md)\n",
    );
    let all = findings(&s);
    assert_eq!(
        codes_in(&all, "content/releases/case.ko.md"),
        one("E004", "3:7")
    );
    assert_eq!(
        codes_in(&all, "content/releases/tag.ko.md"),
        one("E005", "4:8")
    );
    assert_eq!(
        codes_in(&all, "content/releases/link.ko.md"),
        one("E008", "5:1")
    );
}

/// `gongbo build` and `gongbo check` print the same build errors with the same codes.
#[test]
fn build_and_check_agree_on_every_build_error_and_its_code() {
    let s = SiteTest::from_fixture("check/base");
    s.write(
        "content/releases/a.ko.md",
        "---\ntitle: 가\nsumary: 요약\ndate: 2021-02-03\n---\n",
    );
    s.write("content/releases/b.ko.md", "---\ntitle: \"\"\ndate: 2021-02-03\ntags: [없는태그]\nimage: images/none.png\nimage_alt: 없는 그림의 설명\n---\n");
    s.write(
        "content/releases/c.ko.md",
        "---\ntitle: 가\ndate: 2021-02-03\nslug: budget\n---\n",
    );
    s.write(
        "content/releases/d.ko.md",
        "---\ntitle: 가\n  date: 2021-02-03\n---\n",
    );
    s.write(
        "content/releases/e.ko.md",
        "---\ntitle: 가\ndate: 2021-02-03\nkogl: 9\n---\n",
    );
    s.write(
        "content/releases/f.ko.md",
        "---\ntitle: 가\ndate: 2021-02-03\n---\n[x](@/releases/nothing.ko.md)\n",
    );
    let from_check: std::collections::BTreeSet<String> = findings(&s)
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["code"].as_str().unwrap()
            )
        })
        .collect();
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 1, "{err}");
    let from_build: std::collections::BTreeSet<String> = err
        .lines()
        .filter_map(|l| {
            let (at, rest) = l.split_once(": error[")?;
            Some(format!("{at} {}", &rest[..4]))
        })
        .collect();
    assert_eq!(from_build, from_check, "{err}");
    let codes: std::collections::BTreeSet<&str> =
        from_build.iter().map(|l| &l[l.len() - 4..]).collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        ["E001", "E002", "E003", "E004", "E005", "E006", "E008", "E009"],
        "{err}"
    );
}

#[test]
fn human_output_is_rustc_style_without_colour_off_a_terminal() {
    let s = SiteTest::from_fixture("check/base");
    s.write(
        "content/releases/case.ko.md",
        "---\ntitle: 가\ndate: 2025-12-01\n---\n본문\n",
    );
    s.write("content/releases/case.en.md", EN);
    let (code, _, err) = run(&s, &[], &[]);
    assert_eq!(code, 0, "warnings alone do not fail");
    assert!(
        err.contains("warning[W008]: date: the date 2025-12-01 is in the future but there is no embargo\n --> content/releases/case.ko.md:3:1\n  |\n3 | date: 2025-12-01\n  | ^\n  = hint: "),
        "{err}"
    );
    assert!(
        !err.contains('\x1b'),
        "no colour when stderr is not a terminal"
    );
    let (code, _, _) = run(&s, &["--deny-warnings"], &[]);
    assert_eq!(code, 1);
}

#[test]
fn github_format_prints_workflow_annotations() {
    let s = SiteTest::from_fixture("check/base");
    s.write(
        "content/releases/case.ko.md",
        "---\ntitle: 가\ndate: 2021-03-02\n---\n[없음](#없는-절)\n",
    );
    s.write("content/releases/case.en.md", EN);
    let (code, out, _) = run(&s, &["--format", "github"], &[]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("::error file=content/releases/case.ko.md,line=5,col=1,title=E012::body: the anchor `#없는-절` does not exist"),
        "{out}"
    );
}

#[test]
fn every_code_is_documented_in_docs_lints_md() {
    use gongbo::diag::{Code, Severity};
    let doc = std::fs::read_to_string(repo().join("docs/lints.md")).unwrap();
    for code in Code::ALL {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| {code} ")))
            .unwrap_or_else(|| panic!("docs/lints.md has no row for {code}"));
        let severity = match code.severity() {
            Severity::Error => "| error |",
            Severity::Warning => "| warning |",
        };
        assert!(row.contains(code.title()), "{code}: {row}");
        assert!(row.contains(severity), "{code}: {row}");
    }
    // And no row documents a code that does not exist.
    let documented = doc
        .lines()
        .filter(|l| l.starts_with("| E") || l.starts_with("| W"))
        .count();
    assert_eq!(documented, Code::ALL.len(), "{doc}");
}

#[test]
fn the_real_site_checks_without_errors() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongbo"));
    // Messages in English, whatever the machine's locale.
    cmd.env("LC_ALL", "C");
    let out = cmd
        .args(["check", "--format", "json", "--root"])
        .arg(repo())
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"], 0, "{v:#}");
    assert_eq!(out.status.code(), Some(0));
}
