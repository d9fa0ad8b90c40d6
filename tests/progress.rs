//! Issue 7, point 4: the build counts its progress for the CLI to draw, and off a terminal
//! the CLI prints one summary line instead of a bar. The bar counts what each stage
//! really works on: Markdown bodies, then the HTML pages rendered and put into the
//! staging folder (as many as the build then reports); the search index, made beside
//! the pages, and the final swap into place are not counted item by item.

mod support;

use gongbo::progress::{Progress, Snapshot};
use support::SiteTest;

fn stage(all: &[Snapshot], name: &str) -> Snapshot {
    *all.iter()
        .find(|s| s.stage == name)
        .unwrap_or_else(|| panic!("no stage {name}: {all:?}"))
}

#[test]
fn the_bar_counts_bodies_then_the_pages_rendered() {
    let s = SiteTest::from_fixture("build/basic");
    let progress = Progress::default();
    let report = gongbo::build_with(&s.options(), &progress).unwrap();
    let all = progress.stages();
    let names: Vec<&str> = all.iter().map(|s| s.stage).collect();
    assert_eq!(names, ["load", "markdown", "render", "search", "write"]);

    // The bodies of every release and page: published (+ about.ko.md, about.en.md) and
    // held back (rendered for their checks since issue 13).
    let markdown = stage(&all, "markdown");
    let held = report.held_back.len() + report.drafts_skipped.len();
    assert_eq!(held, 2);
    let bodies = report.releases.ko + report.releases.en + 2 + held;
    assert_eq!((markdown.unit, markdown.counted), ("bodies", true));
    assert_eq!((markdown.done, markdown.total), (bodies, bodies));

    // Every HTML page, one tick each: the pages the summary line reports, 404 included,
    // many more than there are bodies.
    let render = stage(&all, "render");
    let pages = report.pages.ko + report.pages.en;
    assert_eq!((render.unit, render.counted), ("pages", true));
    assert_eq!((render.done, render.total), (pages, pages));
    assert!(pages > 2 * bodies, "{pages} pages, {bodies} bodies");

    // The files were written as they were made; the write stage is the swap into
    // place, one step: no bar that would never move.
    let write = stage(&all, "write");
    assert!(report.files_written > pages);
    assert_eq!((write.counted, write.done, write.total), (false, 0, 0));
    assert!(!stage(&all, "search").counted);
}

#[test]
fn checking_renders_every_page_too_but_writes_nothing() {
    let s = SiteTest::from_fixture("check/base");
    let progress = Progress::default();
    let built = gongbo::render_site_with(&s.options(), &progress).unwrap();
    let render = stage(&progress.stages(), "render");
    let html = built
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    assert_eq!((render.done, render.total), (html, html));
    assert_eq!(
        html,
        built.pages.len() + 1,
        "every page in the sitemap, and 404"
    );
    assert_eq!(progress.snapshot().stage, "search");
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
            && summary[0].ends_with(" warnings"),
        "{err}"
    );
}
