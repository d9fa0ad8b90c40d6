//! Issue 7, point 4: the build counts its progress for the CLI to draw, and off a terminal
//! the CLI prints one summary line instead of a bar.

mod support;

use support::SiteTest;

#[test]
fn build_with_counts_stages_and_items() {
    let s = SiteTest::from_fixture("check/base");
    let progress = gongbo::progress::Progress::default();
    let report = gongbo::build_with(&s.options(), &progress).unwrap();
    let (stage, done, total) = progress.snapshot();
    assert_eq!(stage, "write");
    assert!(report.files_written > 0);
    // Files are written as they are rendered; the write stage is the swap into place.
    assert_eq!(
        (done, total),
        (0, 0),
        "the swap is not counted item by item"
    );
    let progress = gongbo::progress::Progress::default();
    gongbo::render_site_with(&s.options(), &progress).unwrap();
    assert_eq!(progress.snapshot().0, "render");
}

#[test]
fn off_a_terminal_the_build_prints_one_summary_line() {
    let s = SiteTest::from_fixture("check/base");
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains('\r') && !err.contains('\x1b'), "{err:?}");
    let summary: Vec<&str> = err.lines().filter(|l| l.starts_with("built ")).collect();
    assert_eq!(summary.len(), 1, "{err}");
    assert!(
        summary[0].contains("pages in Korean")
            && summary[0].contains("files written")
            && summary[0].contains("warning(s)"),
        "{err}"
    );
}
