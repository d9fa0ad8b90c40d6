//! Issue 18 in Debian's headless Chromium: `gongbo serve` on a copy of
//! tests/fixtures/cms/site, the editor at /admin/, and tests/browser/cms.test.mjs making
//! a release in both languages through the form (Hangul typed through IME-like
//! composition events, a date, a kind and a tag from their lists, an attachment, and a
//! photo uploaded with its description and caption), seeing the build's status and errors next to
//! the form, and saving the release `gongbo new release` made. Then, here: the two files
//! hold the front matter expected, `gongbo check` finds no error, serve serves the pages,
//! they are byte for byte the pages of the same release written by hand, and the release
//! of `gongbo new release` means what it meant before the editor saved it.
//!
//! The browser is a system tool: without it the test fails and names the command that
//! installs it; `GONGBO_SKIP_TESTS=browser` skips it on purpose (tests/support/tools.rs).

mod support;

use std::process::Command;

use support::running::Running;
use support::tools::{self, Tool};
use support::{repo, SiteTest, NOW};

const SLUG: &str = "2025-11-20-budget";
const MADE_BY_NEW: &str = "2025-11-01-from-new";
const TITLE_KO: &str = "세종시, 2026년 예산 4,000억 원 확정… 하나로 잇는 행정수도";
const TITLE_EN: &str = "Sejong City confirms its 2026 budget";

/// The same release as a person would write it by hand.
const HAND_KO: &str = concat!(
    "---\n",
    "title: \"세종시, 2026년 예산 4,000억 원 확정… 하나로 잇는 행정수도\"\n",
    "date: 2025-11-20T09:30\n",
    "kind: 보도참고자료\n",
    "summary: \"올해 예산이 확정되어 사월부터 사업을 시작합니다\"\n",
    "tags: [예산]\n",
    "attachments:\n",
    "  - path: files/budget-overview.pdf\n",
    "    title: \"2026년 예산 개요\"\n",
    "photos:\n",
    "  - src: images/city-hall.png\n",
    "    alt: \"세종시청 본관 앞 광장\"\n",
    "    caption: \"예산안을 의결한 날의 시청\"\n",
    "    lead: true\n",
    "---\n",
    "시의회가 예산안을 의결했습니다\n",
);
const HAND_EN: &str = concat!(
    "---\n",
    "title: Sejong City confirms its 2026 budget\n",
    "date: 2025-11-20T09:30\n",
    "kind: background\n",
    "tags: [Budget]\n",
    "photos:\n",
    "  - src: images/city-hall.png\n",
    "    alt: The square in front of Sejong City Hall\n",
    "    caption: City Hall on the day the budget passed\n",
    "---\n",
    "The city council passed the budget.\n",
);

/// The front matter of a source as YAML values.
fn front(text: &str) -> serde_yaml::Value {
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .map(|(y, _)| y)
        .unwrap_or_else(|| panic!("no front matter:\n{text}"));
    serde_yaml::from_str(yaml).unwrap()
}

fn page_bytes(s: &SiteTest, rel: &str) -> Vec<u8> {
    let built = gongbo::render_site(&s.options()).unwrap_or_else(|d| panic!("{d}"));
    let file = built
        .files
        .iter()
        .find(|f| f.path == rel)
        .unwrap_or_else(|| panic!("{rel} is not built"));
    match &file.content {
        gongbo::types::OutputContent::Bytes(b) => b.clone(),
        gongbo::types::OutputContent::Copy(p) => std::fs::read(p).unwrap(),
    }
}

/// What a release means: everything gongbo reads from it, without where it was read.
fn meaning(s: &SiteTest, stem: &str) -> Vec<String> {
    let built = gongbo::render_site(&s.options()).unwrap_or_else(|d| panic!("{d}"));
    let mut all: Vec<String> = built
        .site
        .held
        .releases
        .iter()
        .map(|h| &h.release)
        .filter(|r| r.stem == stem)
        .map(|r| {
            format!(
                "{:?} {:?}",
                (
                    r.lang,
                    &r.slug,
                    &r.title,
                    r.date,
                    r.kind,
                    &r.summary,
                    &r.highlights,
                    &r.tags,
                    &r.milestones,
                    &r.department,
                ),
                (
                    &r.contacts,
                    r.embargo,
                    r.draft,
                    r.one_language,
                    &r.changes,
                    &r.attachments,
                    &r.image,
                    &r.sources,
                    r.kogl,
                    r.body.trim(),
                )
            )
        })
        .collect();
    all.sort();
    assert_eq!(all.len(), 2, "both files of {stem} are held back drafts");
    all
}

#[test]
#[cfg_attr(gongbo_skip_browser, ignore = "GONGBO_SKIP_TESTS=browser")]
fn a_release_made_in_the_editor_in_chromium() {
    tools::require(&[Tool::Chromium, Tool::Node, Tool::BrowserModules]);
    let s = SiteTest::from_fixture("cms/site");
    let made = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .args(["new", "release", MADE_BY_NEW, "--root"])
        .arg(s.root())
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let meant = meaning(&s, MADE_BY_NEW);

    let server = Running::start(s.root());
    let artifacts = repo().join("target/browser-artifacts/cms");
    let out = Command::new("node")
        .arg(repo().join("tests/browser/cms.test.mjs"))
        .arg(server.url())
        .arg(&artifacts)
        .arg(repo().join("tests/fixtures/cms/uploads"))
        .env("CHROMIUM", tools::chromium())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "browser checks failed:\n{}\nserve said:\n{}",
        stdout
            .lines()
            .filter(|l| !l.starts_with("ok"))
            .collect::<Vec<_>>()
            .join("\n"),
        server.stderr.lock().unwrap()
    );

    // The two files, with the front matter the form was given.
    let ko_text = s.read_source(&format!("content/releases/{SLUG}.ko.md"));
    let en_text = s.read_source(&format!("content/releases/{SLUG}.en.md"));
    let (ko, en) = (front(&ko_text), front(&en_text));
    let text = |v: &serde_yaml::Value, k: &str| v[k].as_str().map(str::to_string);
    assert_eq!(text(&ko, "title").as_deref(), Some(TITLE_KO), "{ko_text}");
    assert_eq!(text(&en, "title").as_deref(), Some(TITLE_EN), "{en_text}");
    for (v, file) in [(&ko, &ko_text), (&en, &en_text)] {
        // The site's wall-clock time, as typed, without an offset.
        assert_eq!(
            text(v, "date").as_deref(),
            Some("2025-11-20T09:30"),
            "{file}"
        );
        assert_eq!(text(v, "kind").as_deref(), Some("보도참고자료"), "{file}");
        assert_eq!(
            v["tags"],
            serde_yaml::from_str::<serde_yaml::Value>("[budget]").unwrap(),
            "{file}"
        );
        assert_eq!(text(v, "slug").as_deref(), Some(SLUG), "{file}");
        assert_eq!(
            text(&v["photos"][0], "src").as_deref(),
            Some("images/city-hall.png"),
            "{file}"
        );
    }
    let photo = |v: &serde_yaml::Value, k: &str| text(&v["photos"][0], k);
    assert_eq!(photo(&ko, "alt").as_deref(), Some("세종시청 본관 앞 광장"));
    assert_eq!(
        photo(&ko, "caption").as_deref(),
        Some("예산안을 의결한 날의 시청")
    );
    assert_eq!(ko["photos"][0]["lead"].as_bool(), Some(true), "{ko_text}");
    assert_eq!(
        photo(&en, "alt").as_deref(),
        Some("The square in front of Sejong City Hall")
    );
    assert_eq!(
        photo(&en, "caption").as_deref(),
        Some("City Hall on the day the budget passed")
    );
    assert_eq!(
        text(&ko, "summary").as_deref(),
        Some("올해 예산이 확정되어 사월부터 사업을 시작합니다")
    );
    assert_eq!(
        text(&ko["attachments"][0], "path").as_deref(),
        Some("files/budget-overview.pdf")
    );
    assert_eq!(
        text(&ko["attachments"][0], "title").as_deref(),
        Some("2026년 예산 개요")
    );
    assert!(
        ko_text.ends_with("---\n시의회가 예산안을 의결했습니다\n"),
        "{ko_text}"
    );
    assert_eq!(
        std::fs::read(s.root().join("content/images/city-hall.png")).unwrap(),
        std::fs::read(repo().join("tests/fixtures/cms/uploads/city-hall.png")).unwrap()
    );
    assert!(s.root().join("content/files/budget-overview.pdf").is_file());

    // gongbo check: no error, no warning.
    let diags = gongbo::check::check(&s.options(), &Default::default());
    assert!(diags.is_empty(), "{diags}");

    // serve serves both pages, with the picture.
    let ko_page = server.get(&format!("/releases/{SLUG}/"));
    assert_eq!(ko_page.status, 200);
    let html = scraper::Html::parse_document(&ko_page.text());
    let h1 = scraper::Selector::parse("h1").unwrap();
    let title: String = html.select(&h1).next().unwrap().text().collect();
    assert_eq!(title.trim(), TITLE_KO);
    let shown = ko_page.text();
    assert!(
        shown.contains("alt=\"세종시청 본관 앞 광장\"")
            && shown.contains("예산안을 의결한 날의 시청"),
        "the photo is on the page with its description and caption"
    );
    let en_page = server.get(&format!("/en/releases/{SLUG}/"));
    assert_eq!(en_page.status, 200);
    assert!(en_page.text().contains(TITLE_EN));
    drop(server);

    // The same pages as the release written by hand.
    let hand = SiteTest::from_fixture("cms/site");
    hand.write(&format!("content/releases/{SLUG}.ko.md"), HAND_KO);
    hand.write(&format!("content/releases/{SLUG}.en.md"), HAND_EN);
    for f in ["images/city-hall.png", "files/budget-overview.pdf"] {
        let to = hand.root().join("content").join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(s.root().join("content").join(f), to).unwrap();
    }
    for stem in [MADE_BY_NEW] {
        for lang in ["ko", "en"] {
            let rel = format!("content/releases/{stem}.{lang}.md");
            hand.write(&rel, &s.read_source(&rel));
        }
    }
    for page in [
        format!("releases/{SLUG}/index.html"),
        format!("en/releases/{SLUG}/index.html"),
    ] {
        let (form, by_hand) = (page_bytes(&s, &page), page_bytes(&hand, &page));
        assert!(
            form == by_hand,
            "{page} differs from the hand-written release's:\n{}\n---\n{}",
            String::from_utf8_lossy(&form),
            String::from_utf8_lossy(&by_hand)
        );
    }

    // What `gongbo new release` wrote, opened and saved in the editor, means the same.
    assert_eq!(meaning(&s, MADE_BY_NEW), meant);
    let saved = s.read_source(&format!("content/releases/{MADE_BY_NEW}.ko.md"));
    assert!(
        !saved.contains("# "),
        "the form wrote the file anew (no comments):\n{saved}"
    );
}
