//! Issue 13, point 7: every error of a file at once, at its place. The rendered
//! diagnostics are compared whole (`path:line:col`, code, field, message, hint).

mod support;

use support::SiteTest;

const HEAD: &str = "---\ntitle: 가\ndate: 2023-01-01\n";

fn errors(s: &SiteTest) -> String {
    match s.try_build() {
        Ok(_) => panic!("the build should have failed"),
        Err(d) => d.to_string(),
    }
}

/// The diagnostics (with their hints) about `file`, in order.
fn about(all: &str, file: &str) -> String {
    let mut out = String::new();
    let mut mine = false;
    for l in all.lines() {
        if !l.starts_with(' ') {
            mine = l.starts_with(&format!("{file}:")) || l.starts_with(&format!("{file}: "));
        }
        if mine {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

#[test]
fn one_file_reports_its_unknown_keys_bad_values_and_missing_fields_together() {
    let s = SiteTest::from_fixture("build/basic");
    s.write(
        "content/releases/many.ko.md",
        "---\ntitel: 가\ndate: 2023-13-01\ndraft: maybe\ntags: 예산\nkogl: 7\ncontacts:\n  - nmae: 홍길동\n---\n본문\n",
    );
    let all = errors(&s);
    let keys = "title, date, kind, summary, highlights, tags, milestones, milestone_updates, department, contacts, embargo, draft, one_language, slug, changes, attachments, image, image_alt, photos, sources, kogl";
    let want = format!(
        "content/releases/many.ko.md:1:1: error[E002]: title: the required field `title` is missing
  hint: add a line `title: 인공지능 위원회 출범` to the front matter
content/releases/many.ko.md:2:1: error[E003]: unknown key `titel`
  hint: did you mean `title`? valid keys here: {keys}
content/releases/many.ko.md:3:7: error[E004]: date: `2023-13-01` is not a valid date: there is no month 13
content/releases/many.ko.md:4:8: error[E004]: draft: `draft` must be true or false, not the text `maybe`
  hint: e.g. draft: true
content/releases/many.ko.md:5:7: error[E004]: tags: `tags` must be a list, not the text `예산`
  hint: e.g. tags: [예산, 인공지능]
content/releases/many.ko.md:6:7: error[E004]: kogl: `7` is not a 공공누리 (KOGL) type; use 1, 2, 3 or 4
content/releases/many.ko.md:8:5: error[E003]: contacts[0]: unknown key `nmae`
  hint: did you mean `name`? valid keys here: role, rank, name, phone, email
"
    );
    assert_eq!(about(&all, "content/releases/many.ko.md"), want, "{all}");
    // A page reports all of its problems too.
    s.write(
        "content/pages/about.ko.md",
        "---\ntitle: [소개]\ndraft: 1\nsulg: x\n---\n",
    );
    let all = errors(&s);
    let page = about(&all, "content/pages/about.ko.md");
    assert_eq!(
        page.lines().filter(|l| !l.starts_with(' ')).count(),
        3,
        "{page}"
    );
    assert!(
        page.contains("about.ko.md:2:8: error[E004]: title: `title` must be text, not a list"),
        "{page}"
    );
    assert!(
        page.contains(
            "about.ko.md:3:8: error[E004]: draft: `draft` must be true or false, not the number 1"
        ),
        "{page}"
    );
    assert!(
        page.contains("about.ko.md:4:1: error[E003]: unknown key `sulg`"),
        "{page}"
    );
}

#[test]
fn yaml_syntax_errors_point_at_the_real_line_with_a_hint_in_plain_words() {
    let s = SiteTest::from_fixture("build/basic");
    let cases = [
        (
            "colon",
            "---\ntitle: 발표: 위원회 출범\ndate: 2023-01-01\n---\n",
            "content/releases/colon.ko.md:2:10: error[E001]: the title has a colon and a space (`: `) in it, which YAML reads as the start of another field\n  hint: when the title has a colon (:) in it, put it in quotes: title: \"발표: 위원회 출범\"\n",
        ),
        (
            "quote",
            "---\ndate: 2023-01-01\ntitle: \"위원회 출범\nsummary: 요약\n---\n",
            "content/releases/quote.ko.md:3:8: error[E001]: the quote that opens here is never closed\n  hint: end the value with the same quote mark, on the same line\n",
        ),
        (
            "tab",
            "---\ntitle: 가\n\tdate: 2023-01-01\n---\n",
            "content/releases/tab.ko.md:3:1: error[E001]: a tab is used for indentation here\n  hint: YAML indentation must use spaces, not tabs\n",
        ),
        (
            "indent",
            "---\ntitle: 가\n  date: 2023-01-01\n---\n",
            "content/releases/indent.ko.md:3:3: error[E001]: this line is indented as if it belonged to the line above\n  hint: start top-level keys at the beginning of the line, and indent the items of a list or group by the same number of spaces\n",
        ),
        (
            "item",
            "---\ntitle: 가\n- 예산\ndate: 2023-01-01\n---\n",
            "content/releases/item.ko.md:3:1: error[E001]: a list item here, where a `key: value` line was expected\n  hint: write list items under their key, indented, e.g. `tags:` and then `  - 예산` on the next line\n",
        ),
        (
            "star",
            "---\ntitle: *중요* 발표\ndate: 2023-01-01\n---\n",
            "content/releases/star.ko.md:2:9: error[E001]: a value that starts with `*` or `&` is read as a YAML alias or anchor\n  hint: put the value in quotes: title: \"*중요* 발표\"\n",
        ),
    ];
    for (name, text, _) in cases {
        s.write(&format!("content/releases/{name}.ko.md"), text);
    }
    let all = errors(&s);
    for (name, _, want) in cases {
        assert_eq!(
            about(&all, &format!("content/releases/{name}.ko.md")),
            want,
            "{all}"
        );
    }
}

#[test]
fn a_broken_tags_yaml_comes_first_and_its_follow_on_errors_fold_into_one_line() {
    let s = SiteTest::from_fixture("build/basic");
    s.write(
        "content/tags.yaml",
        "- slug: budget\n  ko: 예산\n  en: Budget\n  color: red\n",
    );
    s.write(
        "content/milestones.yaml",
        "phases: [{id: p1, name: {ko: 1단계, en: P1}, years: [2020, 2019x]}]\n",
    );
    for i in 0..3 {
        s.write(
            &format!("content/releases/t{i}.ko.md"),
            &format!("{HEAD}tags: [budget, 인공지능]\nmilestones: [m1]\n---\n본문\n"),
        );
    }
    let all = errors(&s);
    let lines: Vec<&str> = all.lines().filter(|l| !l.starts_with(' ')).collect();
    // The data files' own errors first, then one line each for the releases.
    // (The fixture's own releases use tags too.)
    assert!(lines[0].starts_with("content/milestones.yaml:1:58: error[E004]: phases[0].years[1]: `phases[0].years[1]` must be a whole number, not the text `2019x`"), "{all}");
    assert!(
        lines[1].starts_with("content/milestones.yaml: error[E005]: "),
        "{all}"
    );
    assert_eq!(
        lines[2],
        "content/tags.yaml:4:3: error[E003]: [0]: unknown key `color`"
    );
    assert_eq!(
        lines[3],
        "content/tags.yaml: error[E005]: 7 releases use tags from content/tags.yaml, which has errors; their tags are checked once it is fixed"
    );
    assert!(
        lines[1].contains("releases use milestones from content/milestones.yaml, which has errors"),
        "{all}"
    );
    assert!(!all.contains("is not declared"), "{all}");
    assert!(!all.contains("unknown milestone"), "{all}");
}

#[test]
fn reserved_page_slugs_are_errors_at_their_slug_line() {
    let s = SiteTest::from_fixture("build/basic");
    let cases = [
        (
            "sitemap",
            "sitemap.xml",
            "is used by gongbo's own pages and files",
        ),
        (
            "robots",
            "robots.txt",
            "is used by gongbo's own pages and files",
        ),
        (
            "feed",
            "Feed.JSON",
            "is used by gongbo's own pages and files",
        ),
        (
            "data",
            "milestones.json",
            "is used by gongbo's own pages and files",
        ),
        (
            "missing",
            "404.html",
            "is used by gongbo's own pages and files",
        ),
        ("find", "search", "is used by gongbo's own pages and files"),
        (
            "css",
            "style.css",
            "is the name of one of the theme's static files",
        ),
        (
            "downloads",
            "files",
            "is the folder content/files/, whose files are published there",
        ),
    ];
    for (stem, slug, _) in cases {
        s.write(
            &format!("content/pages/{stem}.ko.md"),
            &format!("---\ntitle: 쪽\nslug: {slug}\n---\n본문\n"),
        );
    }
    let all = errors(&s);
    for (stem, slug, why) in cases {
        let want = format!(
            "content/pages/{stem}.ko.md:3:1: error[E004]: slug: the slug `{slug}` {why}\n  hint: choose another `slug:` for this page\n"
        );
        assert_eq!(
            about(&all, &format!("content/pages/{stem}.ko.md")),
            want,
            "{all}"
        );
    }
}

/// `route::RESERVED` is written by hand; this keeps it in step with what a build writes.
#[test]
fn every_top_level_name_the_build_writes_is_reserved() {
    let s = SiteTest::from_fixture("build/basic");
    s.build();
    let statics: Vec<String> = std::fs::read_dir(support::repo().join("themes/default/static"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    for e in std::fs::read_dir(s.out()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        let content_folder = s.root().join("content").join(&name).is_dir();
        let page = s
            .root()
            .join(format!("content/pages/{name}.ko.md"))
            .is_file();
        assert!(
            gongbo::route::is_reserved(&name)
                || statics.contains(&name)
                || content_folder
                || page
                || name.starts_with('.'),
            "the build writes `{name}` at the top, but route::RESERVED does not list it"
        );
    }
}

#[test]
fn urls_that_differ_only_in_case_or_unicode_form_collide() {
    let s = SiteTest::from_fixture("build/basic");
    s.write(
        "content/pages/a.ko.md",
        "---\ntitle: 쪽\nslug: Press\n---\n",
    );
    s.write(
        "content/pages/b.ko.md",
        "---\ntitle: 쪽\nslug: press\n---\n",
    );
    // 한글 in NFC and in NFD (decomposed jamo), and full-width letters.
    let nfd = "\u{1112}\u{1161}\u{11ab}\u{1100}\u{1173}\u{11af}";
    s.write(
        "content/releases/c.ko.md",
        &format!("{HEAD}slug: 한글\n---\n"),
    );
    s.write(
        "content/releases/d.ko.md",
        &format!("{HEAD}slug: {nfd}\n---\n"),
    );
    s.write(
        "content/releases/e.ko.md",
        &format!("{HEAD}slug: ｐｌａｎ\n---\n"),
    );
    s.write(
        "content/releases/f.ko.md",
        &format!("{HEAD}slug: plan\n---\n"),
    );
    let all = errors(&s);
    assert!(
        all.contains("content/pages/b.ko.md:3:1: error[E009]: slug: the URL /press/ differs from /Press/ of content/pages/a.ko.md only in letter case or Unicode form"),
        "{all}"
    );
    assert!(
        all.contains(&format!("content/releases/d.ko.md:4:1: error[E009]: slug: the URL /releases/{nfd}/ differs from /releases/한글/ of content/releases/c.ko.md")),
        "{all}"
    );
    assert!(
        all.contains("content/releases/f.ko.md:4:1: error[E009]: slug: the URL /releases/plan/ differs from /releases/ｐｌａｎ/ of content/releases/e.ko.md"),
        "{all}"
    );
}

#[test]
fn control_characters_in_names_and_values_are_escaped_on_the_terminal() {
    let s = SiteTest::from_fixture("build/basic");
    // A file name that clears the screen, and a held-back release whose name turns the
    // terminal red.
    s.write("content/releases/x\u{1b}[2J.ko.md", "---\ntitle: 가\n---\n");
    s.write(
        "content/releases/y\u{1b}[31m.ko.md",
        "---\ntitle: 가\ndate: 2023-01-01\nslug: y\nembargo: 2099-01-01T09:00\n---\n",
    );
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "a raw escape reached the terminal: {err:?}"
    );
    assert!(
        err.contains("content/releases/x\\u{1b}[2J.ko.md:1:1: error[E002]"),
        "{err}"
    );
    s.remove("content/releases/x\u{1b}[2J.ko.md");
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(
        err.contains("held back: content/releases/y\\u{1b}[31m.ko.md"),
        "{err}"
    );
}
