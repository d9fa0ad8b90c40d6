//! Issue 7, point 2: `gongbo new release <stem>` writes front matter that builds cleanly,
//! dated today in the site's time zone, and never overwrites a file.

mod support;

use std::process::Command;
use support::{SiteTest, NOW};

fn new(s: &SiteTest, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .env("LC_ALL", "C")
        .args(["new", "release"])
        .args(args)
        .arg("--root")
        .arg(s.root())
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn creates_both_languages_that_build_and_check_cleanly() {
    let s = SiteTest::from_fixture("check/base");
    let (code, err) = new(&s, &["2025-11-25-new-centre"]);
    assert_eq!(code, 0, "{err}");
    let ko = std::fs::read_to_string(
        s.root()
            .join("content/releases/2025-11-25-new-centre.ko.md"),
    )
    .unwrap();
    let en = std::fs::read_to_string(
        s.root()
            .join("content/releases/2025-11-25-new-centre.en.md"),
    )
    .unwrap();
    // NOW is 2025-11-24T16:00Z, already the 25th in Seoul.
    assert!(ko.contains("\ndate: 2025-11-25\n"), "{ko}");
    assert!(ko.contains("department: \"인공지능정책과\""), "{ko}");
    assert!(en.contains("department: \"AI Policy Division\""), "{en}");
    assert!(
        ko.contains("email: \"press@example.org\"") && ko.contains("phone: \"062-000-0000\""),
        "{ko}"
    );
    assert!(
        ko.contains("\n# embargo: ") && ko.contains("\n# tags: []"),
        "optional fields are commented: {ko}"
    );
    let report = s.build();
    assert_eq!(report.warnings.len(), 0, "{}", report.warnings);
    let diags = gongbo::check::check(&s.options(), &Default::default());
    assert!(diags.is_empty(), "{diags}");
}

#[test]
fn one_language_only_with_lang() {
    let s = SiteTest::from_fixture("check/base");
    let (code, err) = new(&s, &["solo", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(s.root().join("content/releases/solo.en.md").exists());
    assert!(!s.root().join("content/releases/solo.ko.md").exists());
    s.build();
}

#[test]
fn refuses_to_overwrite_and_writes_nothing() {
    let s = SiteTest::from_fixture("check/base");
    s.write("content/releases/taken.en.md", "mine\n");
    let (code, err) = new(&s, &["taken"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("content/releases/taken.en.md: error[E000]: the file already exists"),
        "{err}"
    );
    assert!(!s.root().join("content/releases/taken.ko.md").exists());
    assert_eq!(
        std::fs::read_to_string(s.root().join("content/releases/taken.en.md")).unwrap(),
        "mine\n"
    );
}

#[test]
fn rejects_a_stem_that_is_not_a_slug() {
    let s = SiteTest::from_fixture("check/base");
    let (code, err) = new(&s, &["../escape"]);
    assert_eq!(code, 1, "{err}");
    assert!(!s.root().join("content/escape.ko.md").exists());
}

#[test]
fn the_organisation_without_department_gets_a_commented_line() {
    let s = SiteTest::from_fixture("check/base");
    let toml = std::fs::read_to_string(s.root().join("site.toml")).unwrap();
    let toml: String = toml
        .lines()
        .filter(|l| !l.starts_with("department"))
        .map(|l| format!("{l}\n"))
        .collect();
    s.write("site.toml", &toml);
    let (code, err) = new(&s, &["plain"]);
    assert_eq!(code, 0, "{err}");
    let ko = std::fs::read_to_string(s.root().join("content/releases/plain.ko.md")).unwrap();
    assert!(ko.contains("# department: \"\""), "{ko}");
    s.build();
}
