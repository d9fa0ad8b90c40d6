//! Issue 7, point 2: `gongbo new release <stem>` writes front matter that builds cleanly,
//! dated today in the site's time zone, and never overwrites a file.
//!
//! Issue 16, point 4: it makes a draft; a release that still holds its placeholder title,
//! summary or body is an error (E014) in `check` and `build` once it is to be published
//! (also while it waits for its embargo), never while it is a draft; the template lists
//! every optional field, each one a field the front matter has.

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
    assert!(
        ko.contains("\ndraft: true"),
        "a new release is a draft: {ko}"
    );
    // A draft is held back: the build and the check see nothing to complain about.
    let report = s.build();
    assert_eq!(report.warnings.len(), 0, "{}", report.warnings);
    assert_eq!(
        report.drafts_skipped,
        vec![
            "content/releases/2025-11-25-new-centre.en.md",
            "content/releases/2025-11-25-new-centre.ko.md"
        ]
    );
    let diags = gongbo::check::check(&s.options(), &Default::default());
    assert!(diags.is_empty(), "{diags}");
}

/// The errors of a release that still holds the template's texts, rendered.
fn placeholder_errors(s: &SiteTest) -> Vec<String> {
    let err = s.try_build().expect_err("placeholders are errors");
    // In the build's order: by file, then line.
    err.iter()
        .filter(|d| d.code == gongbo::diag::Code::Placeholder)
        .map(|d| {
            d.to_string()
                .lines()
                .take(2)
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

#[test]
fn placeholders_are_errors_once_the_release_is_to_be_published() {
    let s = SiteTest::from_fixture("check/base");
    let (code, err) = new(&s, &["2025-11-25-centre"]);
    assert_eq!(code, 0, "{err}");
    let path = |l: &str| format!("content/releases/2025-11-25-centre.{l}.md");
    let ko = std::fs::read_to_string(s.root().join(path("ko"))).unwrap();
    let en = std::fs::read_to_string(s.root().join(path("en"))).unwrap();
    let body_line = |text: &str, body: &str| text.lines().position(|l| l == body).unwrap() + 1;
    let (ko_body, en_body) = (
        body_line(&ko, "본문을 입력하세요."),
        body_line(&en, "Write the body here."),
    );
    // `check --drafts` and `build --drafts` treat drafts as published.
    let opts = gongbo::BuildOptions {
        drafts: true,
        ..s.options()
    };
    let diags = gongbo::check::check(&opts, &Default::default());
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.code == gongbo::diag::Code::Placeholder)
            .count(),
        6,
        "{diags}"
    );
    // The draft line deleted: the build refuses, naming each place, and writes nothing.
    let undraft = |text: &str| {
        text.lines()
            .filter(|l| !l.starts_with("draft: true"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    };
    s.write(&path("ko"), &undraft(&ko));
    s.write(&path("en"), &undraft(&en));
    let ko = std::fs::read_to_string(s.root().join(path("ko"))).unwrap();
    let (ko_body, en_body) = (ko_body - 1, en_body - 1);
    assert_eq!(
        placeholder_errors(&s),
        vec![
            format!("content/releases/2025-11-25-centre.en.md:2:1: error[E014]: title: the title is still the text that gongbo new release put there |   hint: write the release's headline"),
            format!("content/releases/2025-11-25-centre.en.md:5:1: error[E014]: summary: the summary is still the text that gongbo new release put there |   hint: write one or two sentences that sum the release up, or delete the `summary:` line"),
            format!("content/releases/2025-11-25-centre.en.md:{en_body}:1: error[E014]: the body is still the text that gongbo new release put there |   hint: write the text of the release in place of this line"),
            format!("content/releases/2025-11-25-centre.ko.md:2:1: error[E014]: title: the title is still the text that gongbo new release put there |   hint: write the release's headline"),
            format!("content/releases/2025-11-25-centre.ko.md:5:1: error[E014]: summary: the summary is still the text that gongbo new release put there |   hint: write one or two sentences that sum the release up, or delete the `summary:` line"),
            format!("content/releases/2025-11-25-centre.ko.md:{ko_body}:1: error[E014]: the body is still the text that gongbo new release put there |   hint: write the text of the release in place of this line"),
        ]
    );
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(!s.out().exists(), "nothing was written");
    // Under embargo it would go out by itself: still an error.
    let written = ko
        .replace("제목을 입력하세요", "새 센터 문 열어")
        .replace("요약을 한두 문장으로 입력하세요", "새 센터가 문을 열었다.");
    s.write(
        &path("ko"),
        &written.replace("---\n\n", "embargo: 2026-01-05T09:00\n---\n\n"),
    );
    s.remove(&path("en"));
    let errors = placeholder_errors(&s);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains(".ko.md:") && errors[0].contains("the body is still"),
        "{errors:?}"
    );
    // Written in full, it is published.
    s.write(
        &path("ko"),
        &written.replace("본문을 입력하세요.", "센터가 11월 25일 문을 열었다."),
    );
    let report = s.build();
    assert!(report.drafts_skipped.is_empty() && report.held_back.is_empty());
    assert_eq!(
        s.html("releases/2025-11-25-centre/index.html")
            .text("main h1"),
        "새 센터 문 열어"
    );
}

/// Every optional field the template lists is a field of the front matter: with every
/// comment line turned into a field, nothing is an unknown key (E003).
#[test]
fn the_template_lists_only_fields_that_exist() {
    let s = SiteTest::from_fixture("check/base");
    let (code, err) = new(&s, &["all-fields", "--lang", "ko"]);
    assert_eq!(code, 0, "{err}");
    let rel = "content/releases/all-fields.ko.md";
    let text = std::fs::read_to_string(s.root().join(rel)).unwrap();
    let fm = text.split("---\n").nth(1).unwrap();
    let mut keys = Vec::new();
    let uncommented: String = fm
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix("# ").unwrap_or(l);
            if l.starts_with(' ') || l.starts_with('-') {
                return Some(format!("{l}\n"));
            }
            let key = l.split(':').next().unwrap();
            let is_field =
                l.contains(':') && key.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            // Anything else is a note in words.
            is_field.then(|| {
                keys.push(key.to_string());
                format!("{l}\n")
            })
        })
        .collect();
    for want in [
        "title",
        "date",
        "kind",
        "summary",
        "draft",
        "department",
        "contacts",
        "highlights",
        "tags",
        "milestones",
        "milestone_updates",
        "embargo",
        "changes",
        "attachments",
        "image",
        "image_alt",
        "sources",
        "kogl",
        "slug",
    ] {
        assert!(
            keys.iter().any(|k| k == want),
            "the template lacks {want}: {keys:?}"
        );
    }
    s.write(rel, &format!("---\n{uncommented}---\n\nx\n"));
    let diags = gongbo::check::check(&s.options(), &Default::default());
    let unknown: Vec<String> = diags
        .iter()
        .filter(|d| d.code == gongbo::diag::Code::UnknownKey)
        .map(ToString::to_string)
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    assert!(
        diags.iter().any(|d| d.file == rel),
        "the file was checked: {diags}"
    );
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
