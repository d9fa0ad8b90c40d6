//! Issue 13, points 2 and 3: an embargo or a draft holds back everything of a release,
//! and a held-back release is checked like a published one.
//!
//! Fixtures (overlays on `build/basic`, under `tests/fixtures/hostile/`): `embargo/`, a
//! release under embargo until 2030 with a secret attachment, image, body images and an
//! annex linked from its body, plus a published release sharing one image with it;
//! `embargo-links/`, published and held-back pages that link to it; `held-checks/`, an
//! embargoed release and a draft page with broken links and anchors; `backups/`,
//! editors' backup files next to the sources; `names/`, sources and files whose names
//! must be refused.

mod support;

use std::path::Path;

use support::{repo, SiteTest, NOW};

/// 2030-01-01T00:00:00Z: 09:00 in Seoul, when the secret release's embargo lifts.
const LIFTED: i64 = 1_893_456_000;

/// `build/basic` with the overlays `dirs` of tests/fixtures/hostile copied over it.
fn site(dirs: &[&str]) -> SiteTest {
    let s = SiteTest::from_fixture("build/basic");
    for d in dirs {
        let from = repo().join("tests/fixtures/hostile").join(d);
        for e in walkdir::WalkDir::new(&from) {
            let e = e.unwrap();
            let to = s.root().join(e.path().strip_prefix(&from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(e.path(), &to).unwrap();
            }
        }
    }
    s
}

fn errors(s: &SiteTest, now: i64) -> String {
    let opts = gongbo::BuildOptions {
        now_unix: now,
        ..s.options()
    };
    match gongbo::build(&opts) {
        Ok(_) => panic!("the build should have failed"),
        Err(d) => d.to_string(),
    }
}

/// Every output file whose bytes contain `needle`.
fn mentions(out: &Path, needle: &str) -> Vec<String> {
    support::tree(out)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(path, _)| path)
        .collect()
}

const SECRET_FILES: [&str; 5] = [
    "files/secret-budget.pdf",
    "files/secret-annex.pdf",
    "images/secret-map.png",
    "images/secret-chart.png",
    "images/secret-photo.png",
];

#[test]
fn the_files_of_an_embargoed_release_are_held_back_until_it_is_published() {
    let s = site(&["embargo"]);
    let report = s.build();
    let out = s.out();
    for f in SECRET_FILES {
        assert!(!s.exists(f), "{f} was published before the embargo");
    }
    // Nothing of it anywhere: no page, no list, feed, sitemap, search index, file, or
    // copy of its photos.
    for needle in ["SECRET-BYTES", "secret", "비밀예산", "Secret budget"] {
        assert_eq!(mentions(&out, needle), Vec::<String>::new(), "{needle}");
    }
    let paths: Vec<String> = support::tree(&out).into_keys().collect();
    assert!(paths.iter().all(|p| !p.contains("secret")), "{paths:?}");
    // A file the published release uses too, and one nobody uses, are published: the
    // photo as its pixels, without its text chunk.
    let shared = std::fs::read(out.join("images/shared.png")).unwrap();
    let source = std::fs::read(s.root().join("content/images/shared.png")).unwrap();
    assert!(!shared.windows(12).any(|w| w == b"SHARED-BYTES"));
    assert_eq!(
        image::load_from_memory(&shared).unwrap().as_bytes(),
        image::load_from_memory(&source).unwrap().as_bytes()
    );
    assert!(s.exists("photos/images/shared-16.webp"));
    assert!(s.exists("files/unlisted.pdf"));
    let page = s.html("releases/open/index.html");
    assert_eq!(
        page.attr("main a.photo-download", "href").as_deref(),
        Some("/images/shared.png")
    );
    assert!(page
        .attrs("main a", "href")
        .contains(&"/files/unlisted.pdf".to_string()));
    // The report says what was held back and with which releases.
    let held: Vec<(String, Vec<String>)> = report
        .held_files
        .iter()
        .map(|f| (f.path.clone(), f.with.clone()))
        .collect();
    let both = vec![
        "content/releases/secret.en.md".to_string(),
        "content/releases/secret.ko.md".to_string(),
    ];
    let ko = vec!["content/releases/secret.ko.md".to_string()];
    assert_eq!(
        held,
        vec![
            ("files/secret-annex.pdf".to_string(), both.clone()),
            ("files/secret-budget.pdf".to_string(), both.clone()),
            ("images/secret-chart.png".to_string(), ko.clone()),
            ("images/secret-map.png".to_string(), both),
            ("images/secret-photo.png".to_string(), ko),
        ]
    );

    // From the embargo on, everything is there.
    let opts = gongbo::BuildOptions {
        now_unix: LIFTED,
        ..s.options()
    };
    let report = gongbo::build(&opts).unwrap_or_else(|d| panic!("{d}"));
    assert!(report.held_files.is_empty());
    for f in SECRET_FILES {
        assert!(s.exists(f), "{f} missing after the embargo");
    }
    let page = s.html("releases/secret/index.html");
    // The photos with their copies; the raw `<img>` with the (stripped) file itself.
    let originals = page.attrs("main a.photo-download", "href");
    let srcs = page.attrs("main img", "src");
    for (original, copy) in [
        ("/images/secret-map.png", "/photos/images/secret-map-16.jpg"),
        (
            "/images/secret-chart.png",
            "/photos/images/secret-chart-16.jpg",
        ),
    ] {
        assert!(
            originals.contains(&original.to_string()),
            "{original} not in {originals:?}"
        );
        assert!(srcs.contains(&copy.to_string()), "{copy} not in {srcs:?}");
        assert!(s.exists(copy.trim_start_matches('/')), "{copy}");
    }
    assert!(
        srcs.contains(&"/images/secret-photo.png".to_string()),
        "{srcs:?}"
    );
    assert!(s
        .read("sitemap.xml")
        .contains("https://example.org/releases/secret/"));
    assert!(!mentions(&s.out().join("search"), "비밀예산").is_empty());
}

#[test]
fn a_link_to_held_back_content_is_an_error_naming_both() {
    let s = site(&["embargo", "embargo-links"]);
    let all = errors(&s, NOW);
    let until = "until 1 January 2030, 09:00 KST";
    for want in [
        format!("content/releases/leak.ko.md:7:8: error[E008]: body: this page links to content/releases/secret.ko.md, which is held back {until}\n  hint: wait until 1 January 2030, 09:00 KST to add the link, remove it, or give this release an `embargo:` no earlier than that"),
        format!("content/releases/leak.ko.md:9:1: error[E008]: body: this page links to content/files/secret-budget.pdf, which is held back {until} with content/releases/secret.en.md, content/releases/secret.ko.md"),
        "content/releases/leak.ko.md:11:1: error[E008]: body: this page links to content/releases/wip.ko.md, which is held back as a draft\n  hint: publish the draft first (remove `draft: true`), or remove the link".to_string(),
        format!("content/pages/about.ko.md:7:15: error[E008]: body: this page links to content/releases/secret.ko.md, which is held back {until}\n  hint: wait until 1 January 2030, 09:00 KST to add the link, or remove it"),
        "content/releases/early.ko.md:8:6: error[E008]: body: this release links to content/releases/secret.en.md, which is held back until 1 January 2030, 09:00 KST, after this release goes live on 1 June 2029, 09:00 KST".to_string(),
        format!("content/releases/early.ko.md:8:37: error[E008]: body: this page links to content/images/secret-map.png, which is held back {until} with content/releases/secret.en.md, content/releases/secret.ko.md"),
    ] {
        assert!(all.contains(&want), "expected\n{want}\nin\n{all}");
    }
    // A release published after its target, and a draft, may link to it.
    assert!(!all.contains("late.ko.md"), "{all}");
    assert!(!all.contains("sketch.ko.md"), "{all}");
    assert_eq!(all.matches("error[E008]").count(), 6, "{all}");
    // Once the embargo lifts (and the draft is published), the links are fine.
    let opts = gongbo::BuildOptions {
        now_unix: LIFTED,
        drafts: true,
        ..s.options()
    };
    let report = gongbo::build(&opts).unwrap_or_else(|d| panic!("{d}"));
    assert!(report.held_files.is_empty());
}

#[test]
fn held_back_bodies_are_checked_by_build_and_check() {
    let s = site(&["held-checks"]);
    let all = errors(&s, NOW);
    for want in [
        "content/releases/later.ko.md:8:1: error[E008]: body: the link target `@/releases/budgt.ko.md` does not exist\n  hint: did you mean `@/releases/budget.ko.md`?",
        "content/pages/notes.ko.md:5:1: error[E008]: body: the link target `@/pages/nothing.ko.md` does not exist",
    ] {
        assert!(all.contains(want), "expected\n{want}\nin\n{all}");
    }
    let check = || gongbo::check::check(&s.options(), &gongbo::check::Limits::default());
    let found = check().to_string();
    for want in [
        "content/releases/later.ko.md:8:1: error[E008]: body: the link target `@/releases/budgt.ko.md` does not exist",
        "content/pages/notes.ko.md:5:1: error[E008]: body: the link target `@/pages/nothing.ko.md` does not exist",
    ] {
        assert!(found.contains(want), "expected\n{want}\nin\n{found}");
    }
    // With the links fixed, the anchors are next (a check, as for published releases);
    // the build passes and writes nothing of the release.
    let text = std::fs::read_to_string(s.root().join("content/releases/later.ko.md")).unwrap();
    s.write(
        "content/releases/later.ko.md",
        &text.replace("budgt.ko.md", "budget.ko.md"),
    );
    s.remove("content/pages/notes.ko.md");
    let found = check().to_string();
    for want in [
        "content/releases/later.ko.md:8:35: error[E012]: body: the anchor `#세부-내용이-아님` does not exist in content/releases/budget.ko.md\n  hint: did you mean `#세부-내용`?",
        "content/releases/later.ko.md:10:1: error[E012]: body: the anchor `#개요-아님` does not exist in content/releases/later.ko.md",
        "content/releases/later.ko.md:1:1: warning[W001]: the release `later` has no English translation",
    ] {
        assert!(found.contains(want), "expected\n{want}\nin\n{found}");
    }
    assert_eq!(found.matches("error[E012]").count(), 2, "{found}");
    s.build();
    assert!(!s.exists("releases/later/index.html"));
    // Fixed, it passes: the checks are the published ones.
    s.write(
        "content/releases/later.ko.md",
        "---\ntitle: \"나중에 공개될 자료\"\ndate: 2030-03-01T09:00\nembargo: 2030-03-01T09:00\n---\n## 개요\n\n[세부](@/releases/budget.ko.md#세부-내용) [위로](#개요)\n",
    );
    let found = check();
    assert!(!found.has_errors(), "{found}");
}

#[test]
fn backup_and_system_files_are_never_published() {
    let s = site(&["backups"]);
    let report = s.build();
    assert_eq!(mentions(&s.out(), "BACKUP-ONLY-TEXT"), Vec::<String>::new());
    let mut ignored = report.ignored.clone();
    ignored.sort();
    assert_eq!(
        ignored,
        [
            "content/files/report.pdf.part",
            "content/files/~$report.docx",
            "content/images/site.svg~",
            "content/releases/#committee.ko.md#",
            "content/releases/Thumbs.db",
            "content/releases/committee.ko.md.BAK",
            "content/releases/committee.ko.md.bak",
            "content/releases/committee.ko.md.orig",
            "content/releases/committee.ko.md.rej",
            "content/releases/committee.ko.md.swo",
            "content/releases/committee.ko.md.tmp",
            "content/releases/committee.ko.md~",
            "content/releases/desktop.ini",
        ]
    );
    // The binary says so in one line.
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("not published: 13 editor backup or system files: content/files/report.pdf.part, content/files/~$report.docx, content/images/site.svg~ and 10 more"),
        "{err}"
    );
}

#[test]
fn misnamed_sources_and_pages_or_scripts_under_content_are_refused() {
    let s = site(&["names"]);
    let all = errors(&s, NOW);
    let page = "cannot be published from content/: it could run script as part of the site";
    for want in [
        "content/releases/LOUD.KO.MD: error[E000]: a Markdown file's name must end in `.md`, with the language code, in lower case\n  hint: rename it to `LOUD.ko.md`".to_string(),
        "content/releases/mixed.ko.Md: error[E000]: a Markdown file's name must end in `.md`, with the language code, in lower case\n  hint: rename it to `mixed.ko.md`".to_string(),
        "content/releases/long.en.markdown: error[E000]: a Markdown file's name must end in `.md`".to_string(),
        "content/files/notes.MD: error[E000]: a Markdown file's name must end in `.md`".to_string(),
        "content/Tags.yaml: error[E000]: gongbo reads this data file only under its exact name\n  hint: rename it to `content/tags.yaml`".to_string(),
        format!("content/files/page.html: error[E000]: a web page {page}\n  hint: attach a PDF instead"),
        format!("content/files/Old.HTM: error[E000]: a web page {page}"),
        format!("content/files/app.JS: error[E000]: a script {page}"),
        format!("content/files/mod.mjs: error[E000]: a script {page}"),
        format!("content/files/data.xml: error[E000]: an XML document {page}"),
        format!("content/files/run.php: error[E000]: a server-side script {page}"),
        format!("content/images/map.svgz: error[E000]: a compressed SVG {page}"),
    ] {
        assert!(all.contains(&want), "expected\n{want}\nin\n{all}");
    }
    assert!(!s.out().exists());
}

/// A translation pair under embargo whose versions announce different milestone changes
/// is reported now, as a published pair is.
#[test]
fn held_back_translations_must_agree_on_milestone_updates() {
    let s = SiteTest::from_fixture("milestones/basic");
    let head =
        "date: 2030-01-01T09:00\nembargo: 2030-01-01T09:00\nmilestone_updates:\n  - id: delta\n";
    s.write(
        "content/releases/delta-news.ko.md",
        &format!(
            "---\ntitle: 델타 소식\n{head}    status: done\n    date: 2030-01-01\n---\n본문.\n"
        ),
    );
    s.write(
        "content/releases/delta-news.en.md",
        &format!("---\ntitle: Delta news\n{head}    status: in_progress\n    date: 2030-01-01\n---\nBody.\n"),
    );
    let all = errors(&s, NOW);
    assert!(
        all.contains("content/releases/delta-news.en.md:6:9: error[E004]: milestone_updates: this update of `delta` differs from the one in content/releases/delta-news.ko.md"),
        "{all}"
    );
    assert_eq!(all.matches("error[").count(), 1, "{all}");
}
