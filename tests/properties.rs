//! Issue 8, point 4: property tests over the entry points that see untrusted text: the
//! front matter splitter and parser, slug checks, Markdown rendering, and one release
//! through the whole pipeline. Case counts are kept small so `cargo test` stays quick;
//! the fuzz targets in fuzz/ run the same entry points for as long as one likes.

mod support;
#[path = "support/xss.rs"]
mod xss;

use proptest::prelude::*;
use std::path::{Component, Path};

use gongbo::content::frontmatter;
use gongbo::markdown::{render, Input};
use gongbo::types::check_slug;

/// Pieces hostile documents are made of.
const SNIPPETS: &[&str] = &[
    "---\n",
    "---",
    "\n",
    "\r\n",
    "\t",
    "\u{feff}",
    "title: ",
    "date: ",
    "slug: ",
    "tags: ",
    "- ",
    "  ",
    ": ",
    "&a ",
    "*a ",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "#",
    "> ",
    ">>>>",
    "* ",
    "1. ",
    "```",
    "`",
    "|",
    "|-|",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "</a>",
    "[x](javascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "<svg onload=alert(1)>",
    "<iframe src=x>",
    "<div>",
    "</div>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&#",
    "&colon;",
    "data:text/html,",
    "<math><mi>",
    "<noscript><p title=\"</noscript><img src=x onerror=1>\">",
    "<details open ontoggle=alert(1)>",
    "<form action=javascript:1>",
    "<object data=x>",
    "![i](javascript:x)",
    "<javascript:alert(1)>",
    "[r]: vbscript:x\n",
    "[r]",
    "ü",
    "가",
    "\u{0}",
    "2023-02-30",
    "24:00",
    "../",
    "CON",
    "~~",
    "[^1]",
    "[^1]: ",
    "- [ ] ",
];

fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(SNIPPETS).prop_map(str::to_string),
            1 => "\\PC{0,12}",
            1 => "[<>\"'=/a-z :&#;\\n\\t-]{0,16}",
        ],
        0..max,
    )
    .prop_map(|v| v.concat())
}

fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Splitting and parsing never panic; errors and split lines stay inside the file.
    #[test]
    fn front_matter_never_panics_and_locates_errors(text in hostile_text(24)) {
        match frontmatter::split("x.md", &text) {
            Ok(split) => {
                prop_assert!(split.body_line <= line_count(&text) + 1);
                prop_assert!(text.ends_with(split.body));
                if let Err(d) = frontmatter::parse::<serde_json::Value>("x.md", &split) {
                    let loc = d.loc.expect("a YAML error has a position");
                    prop_assert!(loc.line >= 1 && loc.line <= line_count(&text), "{d}");
                    prop_assert!(loc.col >= 1, "{d}");
                }
            }
            Err(d) => prop_assert_eq!(d.loc.map(|l| l.line), Some(1)),
        }
    }

    /// An accepted slug is always exactly one normal path segment, safe on Windows too.
    #[test]
    fn accepted_slugs_are_one_safe_segment(
        slug in prop_oneof![
            "\\PC{0,10}",
            "[a-zA-Z0-9./\\\\: -]{0,8}",
            prop::sample::select(vec![".", "..", "...", "./x", "a/..", "con", "Nul.txt", "com1", "lpt9.md", "", " ", "a\\b", "C:x"]).prop_map(str::to_string),
        ]
    ) {
        if check_slug(&slug).is_ok() {
            let parts: Vec<_> = Path::new(&slug).components().collect();
            prop_assert_eq!(parts.len(), 1, "{:?}", slug);
            prop_assert!(matches!(parts[0], Component::Normal(_)), "{:?}", slug);
            prop_assert!(!slug.contains(['/', '\\', ':']), "{:?}", slug);
            prop_assert!(!slug.chars().all(|c| c == '.'), "{:?}", slug);
            prop_assert!(!slug.chars().any(|c| c.is_control() || c.is_whitespace()), "{:?}", slug);
            let stem = slug.split('.').next().unwrap().to_ascii_uppercase();
            prop_assert!(!["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str()), "{:?}", slug);
            prop_assert!(!(stem.len() == 4 && (stem.starts_with("COM") || stem.starts_with("LPT")) && stem.ends_with(|c: char| c.is_ascii_digit() && c != '0')), "{:?}", slug);
        }
    }

    /// Rendering never panics and never lets a script, handler or script URL through.
    #[test]
    fn markdown_output_never_carries_script(body in hostile_text(40)) {
        let (out, _) = render(
            &Input::plain("content/releases/x.ko.md", &body, 4, "/"),
            &gongbo::types::Links::default(),
        );
        let found = xss::problems(&out.html);
        prop_assert!(found.is_empty(), "{:?} in {}", found, out.html);
    }
}

/// A one-release site built from hostile front matter and body: a page or errors that
/// each name a position in the release.
#[test]
fn one_release_through_the_pipeline_is_a_page_or_located_errors() {
    let site = support::SiteTest::from_fixture("build/basic");
    for e in std::fs::read_dir(site.root().join("content/releases")).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    let field = prop_oneof![
        prop::sample::select(vec![
            "date: 2023-01-01\n",
            "date: 2023-02-30\n",
            "date: 2023-01-01T24:00\n",
            "date: x\n",
            "slug: ../../etc\n",
            "slug: con\n",
            "slug: \"\"\n",
            "slug: 가나\n",
            "tags: [budget]\n",
            "tags: [nope]\n",
            "kind: 해명자료\n",
            "draft: maybe\n",
            "summary: <script>x</script>\n",
            "attachments:\n  - path: ../site.toml\n    title: x\n",
            "image: images/site.svg\n",
            "milestone_updates:\n  - id: nope\n    status: done\n",
            "a: &a [1]\nb: *a\n",
            "\ttitle: tab\n",
            "title: dup\n",
        ])
        .prop_map(str::to_string),
        "[a-z_]{1,8}: [^\\n]{0,10}\n",
    ];
    let doc = (
        "\\PC{1,20}",
        prop::bool::weighted(0.7),
        prop::collection::vec(field, 0..4),
        hostile_text(20),
    )
        .prop_map(|(title, dated, fields, body)| {
            format!(
                "---\ntitle: {}\n{}{}---\n{body}",
                serde_json::to_string(&title).unwrap(),
                if dated { "date: 2023-05-05\n" } else { "" },
                fields.concat()
            )
        });
    let (ok, failed) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let rel = "content/releases/p.ko.md";
    let result = runner.run(&doc, |text| {
        site.write(rel, &text);
        match gongbo::render_site(&site.options()) {
            Ok(built) => {
                let pages = built
                    .files
                    .iter()
                    .filter(|f| {
                        f.path.starts_with("releases/")
                            && f.path.ends_with("/index.html")
                            && f.path.matches('/').count() == 2
                    })
                    .count();
                let held =
                    !built.site.held_back.is_empty() || !built.site.drafts_skipped.is_empty();
                prop_assert!(pages == 1 || held, "no page for\n{text}");
                ok.set(ok.get() + 1);
            }
            Err(diags) => {
                failed.set(failed.get() + 1);
                prop_assert!(diags.has_errors());
                for d in diags.errors() {
                    prop_assert_eq!(&d.file, rel, "{}\n{}", d, text);
                    prop_assert!(d.loc.is_some(), "no position: {}\n{}", d, text);
                }
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Both outcomes were exercised.
    assert!(
        ok.get() > 0 && failed.get() > 0,
        "{} built, {} failed",
        ok.get(),
        failed.get()
    );
}
