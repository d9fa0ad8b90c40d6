//! Issue 14: incremental builds give exactly what a clean build gives.
//!
//! A property test applies random sequences of edits to a generated site — releases
//! added, deleted, renamed; titles, dates, tags, milestones, embargoes, translations and
//! bodies changed; tags.yaml, milestones.yaml, a template and site.toml edited; the
//! reference time moved past an embargo; press photos put on a release, in its body,
//! recaptioned, replaced by other bytes under the same name; an attachment's size
//! changed — and after every edit builds twice: once
//! incrementally, into the output of the previous step with the state the previous build
//! kept, and once from nothing into a new folder. The two output trees must be the same
//! byte for byte (or both builds fail, and the incremental one leaves its output as it
//! was). `PROPTEST_CASES` sets the number of edit sequences (default 24).

mod support;

use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongbo::build::State;
use gongbo::progress::Progress;
use gongbo::BuildOptions;

/// 2025-11-24T16:00:00Z, as in the other tests.
const NOW: i64 = support::NOW;

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The first difference between two trees, for the failure message.
fn difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Option<String> {
    for (path, bytes) in a {
        match b.get(path) {
            None => return Some(format!("{path}: only in the incremental output")),
            Some(other) if other != bytes => {
                let (x, y) = (
                    String::from_utf8_lossy(bytes),
                    String::from_utf8_lossy(other),
                );
                let at = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
                let show = |s: &str| {
                    s.chars()
                        .skip(at.saturating_sub(60))
                        .take(160)
                        .collect::<String>()
                };
                return Some(format!(
                    "{path} differs at character {at}:\n  incremental: {}\n  clean:       {}",
                    show(&x),
                    show(&y)
                ));
            }
            _ => {}
        }
    }
    b.keys()
        .find(|p| !a.contains_key(*p))
        .map(|p| format!("{p}: only in the clean output"))
}

const TAGS: [(&str, &str, &str); 4] = [
    ("budget", "예산", "Budget"),
    ("data", "데이터센터", "Data center"),
    ("ai", "인공지능", "AI"),
    ("city", "시정", "City"),
];
const MILESTONES: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

/// One release of the generated site.
#[derive(Debug, Clone)]
struct Release {
    stem: String,
    title: String,
    /// Day of 2025 (1–300).
    day: u32,
    tags: Vec<usize>,
    milestones: Vec<usize>,
    /// A milestone update: (milestone, status).
    update: Option<(usize, &'static str)>,
    /// When its embargo ends (Unix seconds), if it has one: fixed when the embargo is
    /// set, so that moving the reference time (`Edit::Time`) takes it past the end
    /// without the file changing, as the clock does.
    embargo: Option<i64>,
    english: bool,
    body: String,
    /// Links to the anchor release (never deleted or renamed).
    links: bool,
    /// A photo in front matter: which of [`PHOTOS`], and its Korean caption's seed (the
    /// English page has none of its own, so it shows the Korean one).
    photo: Option<(usize, u32)>,
    /// A photo shown in the body (which of [`PHOTOS`]).
    body_photo: Option<usize>,
}

/// The photo files of the generated site, under content/images/.
const PHOTOS: usize = 3;

/// The site: its releases and the state of its other files.
#[derive(Debug, Clone)]
struct Site {
    releases: Vec<Release>,
    tag_label: String,
    milestone_title: String,
    site_title: String,
    template_note: Option<String>,
    now: i64,
    next: usize,
    /// The seed of each photo file's bytes (and size).
    photos: [u32; PHOTOS],
    /// The length of the anchor release's attachment.
    attachment: u32,
}

fn release(n: usize, seed: u32) -> Release {
    Release {
        stem: format!("r{n:02}"),
        title: format!("보도자료 {n} 제목 {seed}"),
        day: 1 + (seed.wrapping_mul(37).wrapping_add(n as u32 * 11)) % 300,
        tags: (0..TAGS.len()).filter(|t| (seed >> t) & 1 == 1).collect(),
        milestones: (0..MILESTONES.len())
            .filter(|m| (seed >> (m + 4)) & 1 == 1)
            .take(2)
            .collect(),
        update: None,
        embargo: None,
        english: seed % 3 != 0,
        body: format!("본문 {seed}. 광주 인공지능 데이터센터 {n}."),
        links: seed % 4 == 1,
        photo: (seed % 5 == 2).then_some(((seed / 5) as usize % PHOTOS, seed)),
        body_photo: (seed % 7 == 3).then_some((seed / 7) as usize % PHOTOS),
    }
}

/// A photo file's bytes: from 40 × 30 to 560 × 520 pixels, so some have two widths
/// of copies.
fn photo_bytes(seed: u32) -> Vec<u8> {
    let w = 40 + seed % 521;
    let h = 30 + (seed / 521) % 491;
    support::photos::png_seeded(w, h, seed)
}

impl Site {
    fn new(count: usize) -> Site {
        let mut releases: Vec<Release> = (0..count).map(|n| release(n, n as u32 * 7 + 3)).collect();
        // The anchor: others link to it; it is never deleted or renamed.
        releases[0].stem = "anchor".into();
        releases[0].embargo = None;
        releases[0].english = true;
        Site {
            releases,
            tag_label: "데이터센터".into(),
            milestone_title: "알파 착수".into(),
            site_title: "시험 공보".into(),
            template_note: None,
            now: NOW,
            next: count,
            photos: [11, 600_000, 123_456_789],
            attachment: 10,
        }
    }

    /// Writes the whole site into `root` (only files whose text changed are rewritten,
    /// so unchanged files keep their stamps, as they would on an editor's disk).
    fn write(&self, root: &Path) {
        let mut files: BTreeMap<String, String> = BTreeMap::new();
        files.insert(
            "site.toml".into(),
            format!(
                "base_url = \"https://example.org/\"\ntimezone = \"Asia/Seoul\"\ntheme = \"default\"\nreleases_per_page = 2\nfeed_limit = 3\n\n[languages.ko]\ntitle = \"{}\"\ndescription = \"시험\"\n\n[languages.en]\ntitle = \"Test\"\ndescription = \"A test\"\n\n[organization]\nurl = \"https://city.example.org/\"\nname = {{ ko = \"시험시\", en = \"Test City\" }}\n",
                self.site_title
            ),
        );
        let mut tags = String::new();
        for (slug, ko, en) in TAGS {
            let ko = if slug == "data" {
                self.tag_label.as_str()
            } else {
                ko
            };
            tags.push_str(&format!("- slug: {slug}\n  ko: \"{ko}\"\n  en: \"{en}\"\n"));
        }
        files.insert("content/tags.yaml".into(), tags);
        let mut ms = String::from("phases:\n  - id: p1\n    name: {ko: \"1단계\", en: \"Phase 1\"}\n    years: [2024, 2026]\nmilestones:\n");
        for (i, m) in MILESTONES.iter().enumerate() {
            let title = if i == 0 {
                self.milestone_title.clone()
            } else {
                format!("{m} 일정")
            };
            ms.push_str(&format!(
                "  - id: {m}\n    phase: p1\n    title: {{ko: \"{title}\", en: \"{m}\"}}\n    planned: 2025-{:02}\n",
                3 + i * 2
            ));
        }
        files.insert("content/milestones.yaml".into(), ms);
        files.insert(
            "content/pages/about.ko.md".into(),
            "---\ntitle: 소개\n---\n이 누리집은 시험용이다. [첫 보도자료](@/releases/anchor.ko.md)\n".into(),
        );
        files.insert(
            "content/pages/about.en.md".into(),
            "---\ntitle: About\n---\nA test site.\n".into(),
        );
        for r in &self.releases {
            for (lang, title) in [
                ("ko", r.title.clone()),
                ("en", format!("Release {}", r.title)),
            ] {
                if lang == "en" && !r.english {
                    continue;
                }
                let mut fm = format!("---\ntitle: \"{title}\"\ndate: 2025-{}\n", date(r.day));
                if !r.tags.is_empty() {
                    let t: Vec<&str> = r.tags.iter().map(|&t| TAGS[t].0).collect();
                    fm.push_str(&format!("tags: [{}]\n", t.join(", ")));
                }
                if !r.milestones.is_empty() {
                    let m: Vec<&str> = r.milestones.iter().map(|&m| MILESTONES[m]).collect();
                    fm.push_str(&format!("milestones: [{}]\n", m.join(", ")));
                }
                if let Some((m, status)) = r.update {
                    fm.push_str(&format!(
                        "milestone_updates:\n  - id: {}\n    status: {status}\n",
                        MILESTONES[m]
                    ));
                }
                if let Some((k, caption)) = r.photo {
                    fm.push_str(&format!("photos:\n  - src: images/p{k}.png\n"));
                    if lang == "ko" {
                        fm.push_str(&format!(
                            "    alt: \"건물 {k}동을 남쪽에서 본 모습\"\n    caption: \"공사 현장 {}\"\n",
                            caption % 100
                        ));
                    } else {
                        fm.push_str(&format!("    alt: \"Building {k} seen from the south\"\n"));
                    }
                }
                if r.stem == "anchor" {
                    fm.push_str("attachments:\n  - path: files/data.csv\n    title: 자료\n");
                }
                if let Some(until) = r.embargo {
                    let t = chrono::DateTime::from_timestamp(until, 0).unwrap();
                    let kst = t.with_timezone(&chrono_tz::Asia::Seoul);
                    fm.push_str(&format!("embargo: {}\n", kst.format("%Y-%m-%dT%H:%M")));
                }
                fm.push_str("---\n");
                fm.push_str(&r.body);
                if r.links && r.stem != "anchor" {
                    fm.push_str(&format!("\n\n[앞선 발표](@/releases/anchor.{lang}.md)\n"));
                }
                if let Some(k) = r.body_photo {
                    fm.push_str(&format!(
                        "\n\n![부지 {k}구역을 위에서 본 그림](@/images/p{k}.png \"배치 {k}\")\n"
                    ));
                }
                fm.push('\n');
                files.insert(format!("content/releases/{}.{lang}.md", r.stem), fm);
            }
        }
        if let Some(note) = &self.template_note {
            let theme =
                std::fs::read_to_string(root.join("themes/default/templates/page.html")).unwrap();
            files.insert(
                "templates/page.html".into(),
                format!("{theme}\n{{# {note} #}}<!-- {note} -->\n"),
            );
        }
        files.insert(
            "content/files/data.csv".into(),
            format!("a,b\n{}\n", "1,2\n".repeat(self.attachment as usize)),
        );
        for (k, seed) in self.photos.iter().enumerate() {
            let p = root.join(format!("content/images/p{k}.png"));
            let bytes = photo_bytes(*seed);
            if std::fs::read(&p).ok().as_deref() != Some(bytes.as_slice()) {
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, bytes).unwrap();
            }
        }
        // Remove what the site no longer has, then write what changed.
        for dir in ["content/releases", "templates"] {
            let d = root.join(dir);
            if let Ok(entries) = std::fs::read_dir(&d) {
                for e in entries.flatten() {
                    let rel = format!("{dir}/{}", e.file_name().to_string_lossy());
                    if !files.contains_key(&rel) {
                        std::fs::remove_file(e.path()).unwrap();
                    }
                }
            }
        }
        for (rel, text) in files {
            let p = root.join(&rel);
            if std::fs::read_to_string(&p).ok().as_deref() == Some(text.as_str()) {
                continue;
            }
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }
}

fn date(day: u32) -> String {
    let d = chrono::NaiveDate::from_yo_opt(2025, day).unwrap();
    d.format("%m-%dT09:00").to_string()
}

#[derive(Debug, Clone)]
enum Edit {
    Add(u32),
    Delete(usize),
    Rename(usize),
    Title(usize, u32),
    Date(usize, u32),
    Tags(usize, u32),
    Milestones(usize, u32),
    Update(usize, usize, bool),
    Embargo(usize, Option<i64>),
    Translation(usize),
    Body(usize, u32),
    Links(usize),
    TagLabel(u32),
    MilestoneTitle(u32),
    Template(Option<u32>),
    SiteTitle(u32),
    /// Hours the reference time moves forward.
    Time(i64),
    /// A release gets (or loses) a photo in front matter.
    Photo(usize, usize, u32),
    /// A photo's caption changes.
    Caption(usize, u32),
    /// A release's body gets (or loses) a photo.
    BodyPhoto(usize, usize),
    /// A photo file gets other bytes (and perhaps another size) under its name.
    PhotoFile(usize, u32),
    /// The anchor's attachment changes size.
    Attachment(u32),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<u32>().prop_map(Edit::Add),
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Rename),
        (any::<usize>(), any::<u32>()).prop_map(|(i, s)| Edit::Title(i, s)),
        (any::<usize>(), any::<u32>()).prop_map(|(i, s)| Edit::Date(i, s)),
        (any::<usize>(), any::<u32>()).prop_map(|(i, s)| Edit::Tags(i, s)),
        (any::<usize>(), any::<u32>()).prop_map(|(i, s)| Edit::Milestones(i, s)),
        (any::<usize>(), 0..MILESTONES.len(), any::<bool>())
            .prop_map(|(i, m, d)| Edit::Update(i, m, d)),
        (any::<usize>(), prop::option::of(-48i64..96)).prop_map(|(i, h)| Edit::Embargo(i, h)),
        any::<usize>().prop_map(Edit::Translation),
        (any::<usize>(), any::<u32>()).prop_map(|(i, s)| Edit::Body(i, s)),
        any::<usize>().prop_map(Edit::Links),
        any::<u32>().prop_map(Edit::TagLabel),
        any::<u32>().prop_map(Edit::MilestoneTitle),
        prop::option::of(any::<u32>()).prop_map(Edit::Template),
        any::<u32>().prop_map(Edit::SiteTitle),
        (1i64..72).prop_map(Edit::Time),
        (any::<usize>(), 0..PHOTOS, any::<u32>()).prop_map(|(i, k, s)| Edit::Photo(i, k, s)),
        (any::<usize>(), any::<u32>()).prop_map(|(i, s)| Edit::Caption(i, s)),
        (any::<usize>(), 0..PHOTOS).prop_map(|(i, k)| Edit::BodyPhoto(i, k)),
        (0..PHOTOS, any::<u32>()).prop_map(|(k, s)| Edit::PhotoFile(k, s)),
        (1u32..400).prop_map(Edit::Attachment),
    ]
}

impl Site {
    fn apply(&mut self, e: &Edit) {
        let n = self.releases.len();
        // Index 0 is the anchor: others link to it, so it is edited but never removed.
        let some = |i: usize| i % n;
        let other = |i: usize| 1 + i % (n - 1).max(1);
        match *e {
            Edit::Add(seed) => {
                let r = release(self.next, seed);
                self.next += 1;
                self.releases.push(r);
            }
            Edit::Delete(i) if n > 2 => {
                self.releases.remove(other(i));
            }
            Edit::Rename(i) if n > 1 => {
                let k = other(i);
                self.releases[k].stem = format!("r{:02}", self.next);
                self.next += 1;
            }
            Edit::Title(i, s) => self.releases[some(i)].title = format!("바뀐 제목 {s}"),
            Edit::Date(i, s) => self.releases[some(i)].day = 1 + s % 300,
            Edit::Tags(i, s) => {
                self.releases[some(i)].tags =
                    (0..TAGS.len()).filter(|t| (s >> t) & 1 == 1).collect()
            }
            Edit::Milestones(i, s) => {
                self.releases[some(i)].milestones = (0..MILESTONES.len())
                    .filter(|m| (s >> m) & 1 == 1)
                    .collect()
            }
            Edit::Update(i, m, done) => {
                let r = &mut self.releases[some(i)];
                r.update = match r.update {
                    Some(_) => None,
                    None => Some((m, if done { "done" } else { "delayed" })),
                }
            }
            Edit::Embargo(i, h) if n > 1 => {
                self.releases[other(i)].embargo = h.map(|h| self.now + h * 3600)
            }
            Edit::Translation(i) if n > 1 => {
                let r = &mut self.releases[other(i)];
                r.english = !r.english;
            }
            Edit::Body(i, s) => {
                self.releases[some(i)].body = format!("새 본문 {s}. 예산 {}억 원.", s % 1000)
            }
            Edit::Links(i) => {
                let r = &mut self.releases[some(i)];
                r.links = !r.links;
            }
            Edit::TagLabel(s) => self.tag_label = format!("데이터 {}", s % 50),
            Edit::MilestoneTitle(s) => self.milestone_title = format!("알파 {}", s % 50),
            Edit::Template(s) => self.template_note = s.map(|s| format!("note {s}")),
            Edit::SiteTitle(s) => self.site_title = format!("시험 공보 {}", s % 20),
            Edit::Time(h) => self.now += h * 3600,
            Edit::Photo(i, k, s) => {
                let r = &mut self.releases[some(i)];
                r.photo = match r.photo {
                    Some(_) => None,
                    None => Some((k, s)),
                }
            }
            Edit::Caption(i, s) => {
                if let Some((_, c)) = &mut self.releases[some(i)].photo {
                    *c = s;
                }
            }
            Edit::BodyPhoto(i, k) => {
                let r = &mut self.releases[some(i)];
                r.body_photo = match r.body_photo {
                    Some(_) => None,
                    None => Some(k),
                }
            }
            Edit::PhotoFile(k, s) => self.photos[k] = s,
            Edit::Attachment(n) => self.attachment = n,
            _ => {}
        }
    }
}

fn options(root: &Path, out: &Path, now: i64) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: out.to_path_buf(),
        base_url: None,
        drafts: false,
        now_unix: now,
        home: None,
    }
}

/// A fixture site of `count` releases written into a new temporary folder: the folder
/// (removed when dropped), the site's root in it, the site, and its output folder.
fn fixture(count: usize) -> (tempfile::TempDir, PathBuf, Site, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    support::copy_themes(&root);
    let site = Site::new(count);
    site.write(&root);
    let out = dir.path().join("public");
    (dir, root, site, out)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn incremental_builds_match_clean_builds(count in 3usize..8,
                                             edits in prop::collection::vec(edit(), 1..8)) {
        let (dir, root, mut site, out) = fixture(count);
        let mut state = State::default();
        let first = gongbo::build_into(&options(&root, &out, site.now), &mut state, &Progress::default());
        prop_assert!(first.is_ok(), "the first build failed: {:?}", first.err());
        for (step, e) in edits.iter().enumerate() {
            site.apply(e);
            site.write(&root);
            let before = tree(&out);
            let inc = gongbo::build_into(&options(&root, &out, site.now), &mut state, &Progress::default());
            let clean_out = dir.path().join(format!("clean-{step}"));
            let clean = gongbo::build(&options(&root, &clean_out, site.now));
            match (&inc, &clean) {
                (Ok(_), Ok(_)) => {
                    if let Some(d) = difference(&tree(&out), &tree(&clean_out)) {
                        prop_assert!(false, "after edit {step} ({e:?}): {d}");
                    }
                }
                (Err(a), Err(b)) => {
                    prop_assert_eq!(a.to_string(), b.to_string());
                    prop_assert!(tree(&out) == before, "a failed build changed the output");
                }
                _ => prop_assert!(false, "after edit {step} ({e:?}): incremental {:?}, clean {:?}",
                                  inc.as_ref().err().map(ToString::to_string),
                                  clean.as_ref().err().map(ToString::to_string)),
            }
            let _ = std::fs::remove_dir_all(&clean_out);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases() / 2, ..ProptestConfig::default() })]

    /// The same with the state kept on disk (`.gongbo/build/`), as `gongbo build` keeps
    /// it from one run to the next: every step reads it back.
    #[test]
    fn builds_with_the_kept_state_match_clean_builds(count in 3usize..8,
                                                     edits in prop::collection::vec(edit(), 1..6)) {
        let (dir, root, mut site, out) = fixture(count);
        let first = gongbo::build_cached(&options(&root, &out, site.now), false, &Progress::default());
        prop_assert!(first.is_ok(), "the first build failed: {:?}", first.err());
        for (step, e) in edits.iter().enumerate() {
            site.apply(e);
            site.write(&root);
            let inc = gongbo::build_cached(&options(&root, &out, site.now), false, &Progress::default());
            if let Ok(c) = &inc {
                prop_assert!(c.notes.is_empty(), "{:?}", c.notes);
            }
            let clean_out = dir.path().join(format!("clean-{step}"));
            let clean = gongbo::build(&options(&root, &clean_out, site.now));
            match (&inc, &clean) {
                (Ok(_), Ok(_)) => {
                    if let Some(d) = difference(&tree(&out), &tree(&clean_out)) {
                        prop_assert!(false, "after edit {step} ({e:?}): {d}");
                    }
                }
                (Err(_), Err(_)) => {}
                _ => prop_assert!(false, "after edit {step} ({e:?}): one build failed"),
            }
            let _ = std::fs::remove_dir_all(&clean_out);
        }
    }
}

/// `gongbo build` keeps the checked front matter in `.gongbo/build/`: the next process
/// reads and parses only the files that changed, and its output is a clean build's. A
/// file changed just before the state was kept is read again (a coarse clock could hide
/// a second write in the same tick).
#[test]
fn a_build_after_one_edit_parses_only_the_edited_files() {
    let (dir, root, mut site, out) = fixture(12);
    let build = || gongbo::build_cached(&options(&root, &out, NOW), false, &Progress::default());
    // Older than the state by more than its two seconds of doubt.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let first = build().unwrap();
    assert!(first.notes.is_empty(), "{:?}", first.notes);
    assert!(first.report.parsed >= 20, "{}", first.report.parsed);
    site.apply(&Edit::Title(5, 77));
    site.write(&root);
    let second = build().unwrap();
    // The title is in both languages' files of that release.
    assert!(site.releases[5].english);
    assert_eq!(second.report.parsed, 2, "only the edited release is parsed");
    let clean_out = dir.path().join("clean");
    gongbo::build(&options(&root, &clean_out, NOW)).unwrap();
    assert_eq!(difference(&tree(&out), &tree(&clean_out)), None);
    // Nothing changed since: at most the files edited right before that state was kept,
    // and no file is written, not even a part of the search index (which the process
    // reads back from the kept state, decoding it beside the build).
    let third = build().unwrap();
    assert!(third.report.parsed <= 2);
    assert_eq!(third.report.written, Vec::<String>::new());
}

/// An edit of one release rewrites only the files that show it, not the site.
#[test]
fn one_edit_writes_a_few_files() {
    let (_dir, root, mut site, out) = fixture(12);
    let mut state = State::default();
    let first =
        gongbo::build_into(&options(&root, &out, NOW), &mut state, &Progress::default()).unwrap();
    let marker = || {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(out.join(".gongbo-output")).unwrap().ino()
    };
    let marker_before = marker();
    site.apply(&Edit::Body(5, 42));
    site.write(&root);
    let second =
        gongbo::build_into(&options(&root, &out, NOW), &mut state, &Progress::default()).unwrap();
    let written = &second.written;
    // The site has the same files as before: the sitemap lists the same pages, and the
    // output's marker, which lists every file, is left as it was.
    assert!(!written.contains(&"sitemap.xml".to_string()), "{written:?}");
    assert_eq!(marker(), marker_before, "the marker was written again");
    // The edited release's pages are written again, but no list that holds it (a card
    // shows no body)...
    let edited = &site.releases[5].stem;
    assert!(
        written.contains(&format!("releases/{edited}/index.html")),
        "{written:?}"
    );
    let lists: Vec<&String> = written
        .iter()
        .filter(|f| f.ends_with(".html") && !f.contains(&format!("releases/{edited}/")))
        .collect();
    assert!(lists.is_empty(), "{lists:?}");
    // ...but no other release's page, and far fewer files than the site has.
    let others: Vec<&String> = written
        .iter()
        .filter(|f| {
            f.contains("releases/r") && !f.contains(edited.as_str()) && !f.contains("/page/")
        })
        .collect();
    assert!(others.is_empty(), "{others:?}");
    assert!(
        second.files_written * 3 < first.files_written,
        "{} of {} files written again: {written:?}",
        second.files_written,
        first.files_written
    );
    // And nothing at all when nothing changed.
    let third =
        gongbo::build_into(&options(&root, &out, NOW), &mut state, &Progress::default()).unwrap();
    assert_eq!(third.files_written, 0);
}

/// Issue 15: a photo's new bytes under the same name, a new caption, a photo taken off
/// a release: the pages that show the photo are written again, and no other page (no
/// list either: a list shows no photo).
#[test]
fn a_changed_photo_writes_only_the_pages_that_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    support::copy_themes(&root);
    let mut site = Site::new(12);
    for r in &mut site.releases {
        r.photo = None;
        r.body_photo = None;
        r.english = true;
        r.embargo = None;
    }
    site.releases[3].photo = Some((0, 5));
    site.releases[5].body_photo = Some(0);
    site.releases[8].photo = Some((1, 7));
    site.write(&root);
    let out = dir.path().join("public");
    let mut state = State::default();
    let build = |state: &mut State| {
        gongbo::build_into(&options(&root, &out, NOW), state, &Progress::default()).unwrap()
    };
    build(&mut state);
    let pages = |written: &[String]| -> Vec<String> {
        let mut p: Vec<String> = written
            .iter()
            .filter(|f| f.ends_with(".html"))
            .cloned()
            .collect();
        p.sort();
        p
    };
    let of = |stems: &[&str]| -> Vec<String> {
        let mut p: Vec<String> = stems
            .iter()
            .flat_map(|s| {
                [
                    format!("en/releases/{s}/index.html"),
                    format!("releases/{s}/index.html"),
                ]
            })
            .collect();
        p.sort();
        p
    };
    let (three, five) = (site.releases[3].stem.clone(), site.releases[5].stem.clone());

    // Other bytes, another size, the same name.
    site.photos[0] = 777_777;
    site.write(&root);
    let second = build(&mut state);
    assert_eq!(pages(&second.written), of(&[&three, &five]));
    assert!(second.written.contains(&"images/p0.png".to_string()));
    let (w, _) = image::image_dimensions(root.join("content/images/p0.png")).unwrap();
    let copy = format!("photos/images/p0-{}.webp", w.min(480));
    assert!(
        second.written.contains(&copy),
        "{copy} in {:?}",
        second.written
    );
    assert!(
        !second.written.iter().any(|f| f.contains("p1")),
        "{:?}",
        second.written
    );

    // A new Korean caption: the Korean page, and the English one, which shows it.
    site.releases[3].photo = Some((0, 6));
    site.write(&root);
    let third = build(&mut state);
    assert_eq!(pages(&third.written), of(&[&three]));
    let en = std::fs::read_to_string(out.join(format!("en/releases/{three}/index.html"))).unwrap();
    assert!(
        en.contains("공사 현장 6"),
        "the English page shows the Korean caption"
    );

    // The photo taken off the release: its pages; the file stays, shown by another body.
    site.releases[3].photo = None;
    site.write(&root);
    let fourth = build(&mut state);
    assert_eq!(pages(&fourth.written), of(&[&three]));
    assert!(out.join("images/p0.png").exists());

    // Nothing changed: nothing written.
    assert!(build(&mut state).written.is_empty());
}

/// The open data's milestones.json is made again from the milestones' parts the last build
/// kept where nothing they show changed; it is still the file a clean build
/// makes, and a change of what it lists (a title, a milestone named, a new time that
/// makes a milestone overdue) is in it.
#[test]
fn milestones_json_made_from_the_kept_part_is_a_clean_builds() {
    let (dir, root, mut site, out) = fixture(6);
    let mut state = State::default();
    let json = |dir: &Path| std::fs::read_to_string(dir.join("milestones.json")).unwrap();
    gongbo::build_into(
        &options(&root, &out, site.now),
        &mut state,
        &Progress::default(),
    )
    .unwrap();
    assert!(
        !state.open_data.is_empty(),
        "the milestones' parts are kept"
    );
    let mentioned = (0..site.releases.len())
        .find(|&i| !site.releases[i].milestones.is_empty())
        .expect("a release names a milestone");
    let edits = [
        Edit::Time(1),
        Edit::Title(mentioned, 77),
        Edit::Time(24 * 800),
        Edit::Milestones(mentioned, 0),
        Edit::MilestoneTitle(3),
    ];
    for (k, e) in edits.iter().enumerate() {
        let before = json(&out);
        site.apply(e);
        site.write(&root);
        let opts = options(&root, &out, site.now);
        gongbo::build_into(&opts, &mut state, &Progress::default()).unwrap();
        let clean = dir.path().join(format!("clean-{k}"));
        let mut fresh = State::default();
        gongbo::build_into(
            &options(&root, &clean, site.now),
            &mut fresh,
            &Progress::default(),
        )
        .unwrap();
        let (made, expected) = (json(&out), json(&clean));
        assert_eq!(made, expected, "after {e:?}");
        assert_ne!(made, before, "after {e:?}: milestones.json did not change");
        assert!(!state.open_data.is_empty());
    }
}

/// A milestone's state changes (one release announces it done) while the other releases
/// that name the milestone, and the site's structure, do not: their pages show the new
/// state, as a clean build's do. (A rebuild of the same structure signs again only the
/// pages that read a changed fingerprint; a release's page reads its milestones'.)
#[test]
fn a_milestone_done_renders_the_unchanged_releases_that_name_it() {
    let (dir, root, mut site, out) = fixture(6);
    for r in &mut site.releases {
        r.milestones = vec![1];
        r.update = None;
        r.embargo = None;
    }
    site.write(&root);
    let mut state = State::default();
    gongbo::build_into(
        &options(&root, &out, site.now),
        &mut state,
        &Progress::default(),
    )
    .unwrap();
    site.apply(&Edit::Update(2, 1, true));
    site.write(&root);
    let second = gongbo::build_into(
        &options(&root, &out, site.now),
        &mut state,
        &Progress::default(),
    )
    .unwrap();
    let clean_out = dir.path().join("clean");
    gongbo::build(&options(&root, &clean_out, site.now)).unwrap();
    if let Some(d) = difference(&tree(&out), &tree(&clean_out)) {
        panic!("{d}");
    }
    // Every other release's page was written again: each shows the milestone's state.
    let others = site
        .releases
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 2)
        .filter(|(_, r)| {
            !second
                .written
                .contains(&format!("releases/{}/index.html", r.stem))
        })
        .map(|(_, r)| r.stem.clone())
        .collect::<Vec<_>>();
    assert!(others.is_empty(), "not written again: {others:?}");
}

/// The reference time passes an embargo, then goes back before it (a build with an
/// earlier `SOURCE_DATE_EPOCH`), while no file changes: with the kept state, the release
/// is published, then held back again, as a clean build at each time does. (The link
/// stage keeps the releases' order and which are held while no embargo is passed or
/// comes back: that window is what this crosses.)
#[test]
fn an_embargo_passing_and_coming_back_with_the_kept_state() {
    let (dir, root, mut site, out) = fixture(5);
    for r in &mut site.releases {
        r.embargo = None;
    }
    site.releases[2].embargo = Some(site.now + 2 * 3600);
    site.releases[3].embargo = Some(site.now - 2 * 3600);
    site.write(&root);
    let (start, slug) = (site.now, site.releases[2].stem.clone());
    let page = format!("releases/{slug}/index.html");
    let mut state = State::default();
    for (k, now) in [
        start,
        start + 3 * 3600,
        start + 4 * 3600,
        start,
        start - 3 * 3600,
    ]
    .into_iter()
    .enumerate()
    {
        gongbo::build_into(&options(&root, &out, now), &mut state, &Progress::default()).unwrap();
        let clean_out = dir.path().join(format!("clean-{k}"));
        gongbo::build(&options(&root, &clean_out, now)).unwrap();
        if let Some(d) = difference(&tree(&out), &tree(&clean_out)) {
            panic!("build {k}: {d}");
        }
        let published = out.join(&page).exists();
        assert_eq!(
            published,
            k == 1 || k == 2,
            "build {k}: {page} published: {published}"
        );
    }
}

/// A release's body gets a placeholder text of `gongbo new release` (E014), then loses
/// it: with the kept state, the first build fails as a clean one does and leaves the
/// output as it was, the next succeeds. (The link stage keeps which releases hold
/// placeholders for those that did not change, and looks again at those that did.)
#[test]
fn a_placeholder_put_in_and_taken_out_with_the_kept_state() {
    let (dir, root, mut site, out) = fixture(4);
    for r in &mut site.releases {
        r.embargo = None;
    }
    site.write(&root);
    let mut state = State::default();
    let build = |state: &mut State| {
        gongbo::build_into(&options(&root, &out, site.now), state, &Progress::default())
    };
    build(&mut state).unwrap();
    let before = tree(&out);
    let body = site.releases[1].body.clone();
    site.releases[1].body = format!("{body}\n\n본문을 입력하세요.\n");
    site.write(&root);
    let failed = build(&mut state).expect_err("a placeholder is an error");
    let clean = gongbo::build(&options(&root, &dir.path().join("clean"), site.now))
        .expect_err("a placeholder is an error");
    assert_eq!(failed.to_string(), clean.to_string());
    assert!(failed.to_string().contains("E014"), "{failed}");
    assert!(tree(&out) == before, "a failed build changed the output");
    site.releases[1].body = body;
    site.write(&root);
    build(&mut state).unwrap();
    assert!(difference(&tree(&out), &before).is_none());
}
