//! Issue 13, point 5: bounded work. Each construct that once took minutes or aborted on
//! allocation is bounded: what happens instead (a located warning or error) is checked
//! here, deterministically; how long the hostile inputs take is measured by
//! benches/hostile.sh, not by a timed test.

mod support;

use support::SiteTest;

const HEAD: &str = "---\ntitle: 가\ndate: 2023-01-01\n---\n";

fn errors(s: &SiteTest) -> String {
    match s.try_build() {
        Ok(_) => panic!("the build should have failed"),
        Err(d) => d.to_string(),
    }
}

fn line_with<'a>(all: &'a str, needle: &str) -> &'a str {
    all.lines()
        .find(|l| !l.starts_with(' ') && l.contains(needle))
        .unwrap_or_else(|| panic!("no diagnostic mentions {needle}:\n{all}"))
}

#[test]
fn code_blocks_over_the_bounds_are_plain_text_with_a_located_warning() {
    let s = SiteTest::from_fixture("build/basic");
    let long_line = "int x = 1; ".repeat(500);
    let big = "let x = 1;\n".repeat(4000);
    s.write(
        "content/releases/code.ko.md",
        &format!(
            "{HEAD}첫 문단.\n\n```rust\nfn main() {{}}\n```\n\n```java\nclass A {{}}\n{long_line}\n```\n\n```rust\n{big}```\n\n```makefile\nall:\n\tcc a.c\n```\n"
        ),
    );
    let report = s.build();
    let warnings = report.warnings.to_string();
    let f = "content/releases/code.ko.md";
    // The long line is the second line of the java block: file line 13.
    assert!(
        warnings.contains(&format!("{f}:13:1: warning[W010]: body: this line of `java` code has 5500 characters, more than the 160 that are highlighted; the block is shown as plain text")),
        "{warnings}"
    );
    assert!(
        warnings.contains(&format!("{f}:16:1: warning[W010]: body: this code block is 43 KB, too large to highlight (the limit is 32 KB)")),
        "{warnings}"
    );
    assert!(
        warnings.contains(&format!(
            "{f}:4019:1: warning[W010]: body: `makefile` code (Makefile) is never highlighted"
        )),
        "{warnings}"
    );
    let page = s.html("releases/code/index.html");
    let sel = scraper::Selector::parse("pre.code code").unwrap();
    let blocks: Vec<String> = page.0.select(&sel).map(|e| e.inner_html()).collect();
    assert_eq!(blocks.len(), 4);
    assert!(blocks[0].contains("hl-"), "{}", blocks[0]);
    for b in &blocks[1..] {
        assert!(!b.contains("<span"), "{}", &b[..200.min(b.len())]);
    }
    // Nothing is lost: the plain blocks hold the code, escaped.
    assert!(blocks[1].contains(&long_line));
    assert_eq!(blocks[2].matches("let x = 1;").count(), 4000);
}

#[test]
fn tables_too_wide_or_with_too_many_cells_are_refused_at_their_line() {
    let s = SiteTest::from_fixture("build/basic");
    let wide = 30_000;
    s.write(
        "content/releases/wide.ko.md",
        &format!(
            "{HEAD}표:\n\n|{}\n|{}\n{}",
            "a|".repeat(wide),
            "-|".repeat(wide),
            "|x|\n".repeat(50_000)
        ),
    );
    // Many tables of 900 columns over short rows: each is allowed, not all of them.
    let table = format!(
        "|{}\n|{}\n{}\n",
        "a|".repeat(900),
        "-|".repeat(900),
        "x\n".repeat(99)
    );
    s.write(
        "content/releases/many.ko.md",
        &format!("{HEAD}{}", table.repeat(20)),
    );
    let all = errors(&s);
    assert!(
        line_with(&all, "wide.ko.md").starts_with("content/releases/wide.ko.md:7:1: error[E013]: body: the table has 30000 columns; a table may have at most 1000"),
        "{all}"
    );
    // The sixth table (5 × 900 × 100 = 450,000 cells before it) crosses 500,000.
    let line = 5 + 5 * 102;
    assert!(
        line_with(&all, "many.ko.md").starts_with(&format!("content/releases/many.ko.md:{line}:1: error[E013]: body: the tables up to this one have 540000 cells; a body may have at most 500000")),
        "{all}"
    );
    assert!(
        all.contains("attach it as a CSV or spreadsheet file"),
        "{all}"
    );
}

#[test]
fn a_body_that_makes_too_much_html_is_refused() {
    let s = SiteTest::from_fixture("build/basic");
    // Each reference is 5 bytes of text and 57 of HTML.
    s.write(
        "content/releases/notes.ko.md",
        &format!("{HEAD}{}\n\n[^a]: 주석\n", "[^a] ".repeat(200_000)),
    );
    let all = errors(&s);
    assert!(
        line_with(&all, "notes.ko.md").starts_with("content/releases/notes.ko.md:5:1: error[E013]: body: this body makes 11 MB of HTML; the limit is 8 MB"),
        "{all}"
    );
}

#[test]
fn one_body_lists_fifty_problems_and_counts_the_rest() {
    let s = SiteTest::from_fixture("build/basic");
    s.write(
        "content/releases/links.ko.md",
        &format!("{HEAD}{}", "[x](@/releases/none.ko.md)\n\n".repeat(200)),
    );
    let all = errors(&s);
    let mine: Vec<&str> = all
        .lines()
        .filter(|l| l.starts_with("content/releases/links.ko.md:"))
        .collect();
    assert_eq!(mine.len(), 51, "{all}");
    assert!(mine[49].starts_with("content/releases/links.ko.md:103:1: error[E008]"));
    assert_eq!(
        mine[50],
        "content/releases/links.ko.md:105:1: error[E008]: body: 150 more problems of this kind in this body are not listed"
    );
}

#[test]
fn a_heading_named_like_a_theme_id_gets_an_id_of_its_own() {
    // `## gb-x` once looked for a free id forever.
    let s = SiteTest::from_fixture("build/basic");
    s.write(
        "content/releases/gb.ko.md",
        &format!("{HEAD}## gb-toc\n\n## gb-toc\n"),
    );
    s.build();
    let page = s.html("releases/gb/index.html");
    assert_eq!(
        page.attrs("main h2[id^=\"h-gb\"]", "id"),
        ["h-gb-toc", "h-gb-toc-1"]
    );
}

#[test]
fn static_themes_and_templates_that_link_out_of_the_site_are_refused() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "비밀").unwrap();
    let cases: [(&str, &str); 4] = [
        (
            "static",
            "static is a symbolic link that leads out of the site",
        ),
        (
            "static/notes.txt",
            "static/notes.txt is a symbolic link that leads out of the site",
        ),
        (
            "templates",
            "templates is a symbolic link that leads out of the site",
        ),
        (
            "themes/default/static/x",
            "themes/default/static/x is a symbolic link that leads out of the site",
        ),
    ];
    for (link, message) in cases {
        let s = SiteTest::from_fixture("build/basic");
        let at = s.root().join(link);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        let target = if link.ends_with(".txt") {
            outside.path().join("secret.txt")
        } else {
            outside.path().to_path_buf()
        };
        symlink(&target, &at).unwrap();
        let all = errors(&s);
        assert!(
            all.contains(&format!("{link}: error[E011]: {message}")),
            "{link}: {all}"
        );
        assert!(!s.out().exists(), "{link}: something was written");
    }
    // `static -> /` fails without walking the disk; a link to a file inside the site is
    // followed.
    let s = SiteTest::from_fixture("build/basic");
    symlink("/", s.root().join("static")).unwrap();
    assert!(errors(&s).contains("static is a symbolic link that leads out of the site"));
    let s = SiteTest::from_fixture("build/basic");
    s.write("logo.txt", "로고");
    std::fs::create_dir_all(s.root().join("static")).unwrap();
    symlink(s.root().join("logo.txt"), s.root().join("static/logo.txt")).unwrap();
    s.build();
    assert_eq!(s.read("logo.txt"), "로고");
}
