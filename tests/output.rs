//! Issue 13, point 1: gongbo replaces only what it wrote. Each test does what a careless
//! or hostile user would (an output folder holding someone's files, a file, a link to a
//! "system" folder, a forged marker, folders named like gongbo's leftovers) through the
//! real binary, and checks the exit code, the message and that nothing was touched.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{tree, SiteTest, NOW};

const MARKER: &str = ".gongbo-output";

/// Runs `gongbo build --root <site> --output <out>`: (exit code, stderr).
fn build(s: &SiteTest, out: &Path) -> (i32, String) {
    s.cli(&["--output", out.to_str().unwrap()], &[])
}

/// Someone's document: bytes that survive only if untouched.
fn thesis() -> Vec<u8> {
    (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect()
}

/// The names in `dir` (one level), sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A folder outside the site, holding a "system" folder that stands in for /etc.
fn outside() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let system = root.join("system");
    std::fs::create_dir_all(system.join("ssh")).unwrap();
    std::fs::write(system.join("passwd"), "root:x:0:0::/root:/bin/sh\n").unwrap();
    std::fs::write(system.join("ssh/sshd_config"), "PermitRootLogin no\n").unwrap();
    (dir, root)
}

/// The refusal's promise: exit 2, the path and why in the message, a hint, and the
/// summary line saying nothing was built.
fn assert_refused(code: i32, err: &str, path: &Path, why: &str) {
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!(
            "--output: error[E000]: refusing to replace {}",
            path.display()
        )),
        "{err}"
    );
    assert!(err.contains(why), "expected {why:?} in:\n{err}");
    assert!(err.contains("\n  hint: "), "{err}");
    assert!(err.contains("nothing was built;"), "{err}");
}

/// A complete earlier build of the basic site, copied to `dest` (marker and all).
fn a_real_build(dest: &Path) {
    let s = SiteTest::from_fixture("build/basic");
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 0, "{err}");
    copy_dir(&s.out(), dest);
}

fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let p = to.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

/// The files a marker lists, read by hand from the documented format.
fn listed(marker: &str) -> Vec<String> {
    let mut lines = marker.lines();
    assert_eq!(lines.next(), Some("gongbo output folder, format 1"));
    assert!(lines.next().unwrap().starts_with("# "));
    let n: usize = lines
        .next()
        .unwrap()
        .strip_suffix(" files")
        .unwrap()
        .parse()
        .unwrap();
    let files: Vec<String> = lines.by_ref().take(n).map(str::to_string).collect();
    assert!(lines.next().unwrap().starts_with("checksum "));
    assert_eq!(lines.next(), None);
    files
}

#[test]
fn a_folder_holding_someones_files_is_refused_and_left_alone() {
    let s = SiteTest::from_fixture("build/basic");
    let (_keep, dir) = outside();
    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("notes")).unwrap();
    std::fs::write(docs.join("thesis.docx"), thesis()).unwrap();
    std::fs::write(docs.join("notes/todo.txt"), "finish chapter 3").unwrap();
    // A genuine leftover of a killed build beside it: the refusal must not clean it up.
    a_real_build(&dir.join(".docs.gongbo-old-999999999"));
    let before = (tree(&dir), names(&dir));
    let (code, err) = build(&s, &docs);
    assert_refused(
        code,
        &err,
        &docs,
        "gongbo did not make this folder, and it holds 2 items (notes, thesis.docx)",
    );
    assert!(err.contains("delete it yourself"), "{err}");
    assert_eq!((tree(&dir), names(&dir)), before, "something was touched");
    assert_eq!(std::fs::read(docs.join("thesis.docx")).unwrap(), thesis());
}

#[test]
fn a_file_is_refused() {
    let s = SiteTest::from_fixture("build/basic");
    let (_keep, dir) = outside();
    let file = dir.join("site.html");
    std::fs::write(&file, thesis()).unwrap();
    let (code, err) = build(&s, &file);
    assert_refused(code, &err, &file, "it is a file, not a folder");
    assert_eq!(std::fs::read(&file).unwrap(), thesis());
    assert_eq!(names(&dir), ["site.html", "system"]);
}

#[cfg(unix)]
#[test]
fn a_link_as_output_is_refused_wherever_it_points() {
    use std::os::unix::fs::symlink;
    let s = SiteTest::from_fixture("build/basic");
    let (_keep, dir) = outside();
    let system = dir.join("system");
    let before = tree(&system);
    std::fs::create_dir(dir.join("empty")).unwrap();
    symlink(&system, dir.join("to-system")).unwrap();
    symlink(dir.join("empty"), dir.join("to-empty")).unwrap();
    symlink(dir.join("nowhere"), dir.join("dangling")).unwrap();
    for (link, to) in [
        ("to-system", "system"),
        ("to-empty", "empty"),
        ("dangling", "nowhere"),
    ] {
        let out = dir.join(link);
        let (code, err) = build(&s, &out);
        assert_refused(
            code,
            &err,
            &out,
            &format!(
                "it is a symbolic link (to {}), and gongbo replaces only real folders",
                dir.join(to).display()
            ),
        );
        assert_eq!(std::fs::read_link(&out).unwrap(), dir.join(to));
    }
    assert_eq!(tree(&system), before);
    assert!(names(&dir.join("empty")).is_empty());
    // Written with a trailing slash or `/.`, it is still the link that is named.
    for tail in ["/", "/."] {
        let out = PathBuf::from(format!("{}{tail}", dir.join("to-system").display()));
        let (code, err) = build(&s, &out);
        assert_refused(code, &err, &out, "it is a symbolic link");
    }
    assert_eq!(tree(&system), before);
    assert_eq!(
        names(&dir),
        ["dangling", "empty", "system", "to-empty", "to-system"]
    );
}

#[cfg(unix)]
#[test]
fn links_earlier_in_the_path_are_resolved_and_the_rules_apply_to_the_real_path() {
    use std::os::unix::fs::symlink;
    let s = SiteTest::from_fixture("build/basic");
    let (_keep, dir) = outside();
    std::fs::create_dir(dir.join("disk")).unwrap();
    symlink(dir.join("disk"), dir.join("to-disk")).unwrap();
    symlink(s.root().join("content"), dir.join("to-content")).unwrap();
    symlink(s.root().join("content/files"), dir.join("to-files")).unwrap();
    let content = tree(&s.root().join("content"));
    // Into the site's sources through a link: refused by the real path.
    for out in [dir.join("to-content/public"), dir.join("to-files/..")] {
        let (code, err) = build(&s, &out);
        assert_eq!(code, 2, "{}: {err}", out.display());
        assert!(
            err.contains("(really [ROOT]/content") && err.contains("inside the site's content"),
            "{err}"
        );
    }
    assert_eq!(tree(&s.root().join("content")), content);
    assert!(!s.root().join("content/public").exists());
    // Through a link to a folder of one's own: built there, the link left as it was.
    let (code, err) = build(&s, &dir.join("to-disk/public"));
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("disk/public/index.html").is_file());
    assert!(dir.join("disk/public").join(MARKER).is_file());
    assert!(std::fs::symlink_metadata(dir.join("to-disk"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(names(&dir.join("disk")), ["public"]);
}

#[test]
fn a_new_or_empty_folder_is_used_and_an_earlier_build_replaced() {
    let s = SiteTest::from_fixture("build/basic");
    let (_keep, dir) = outside();
    let out = dir.join("site");
    std::fs::create_dir(&out).unwrap();
    // Litter of a file manager is not anyone's work.
    std::fs::write(out.join(".DS_Store"), "x").unwrap();
    let (code, err) = build(&s, &out);
    assert_eq!(code, 0, "{err}");
    let first = tree(&out);
    let marker = String::from_utf8(first[MARKER].clone()).unwrap();
    let mut files: Vec<String> = first.keys().filter(|k| *k != MARKER).cloned().collect();
    files.sort();
    assert_eq!(
        listed(&marker),
        files,
        "the marker lists every file written"
    );
    assert!(files.len() > 20);
    // Rebuilt without one release: its pages go, and nothing else is left beside it.
    std::fs::write(out.join("en/Thumbs.db"), "x").unwrap();
    s.remove("content/releases/korean-only.ko.md");
    let (code, err) = build(&s, &out);
    assert_eq!(code, 0, "{err}");
    let second = tree(&out);
    let gone: Vec<&String> = first.keys().filter(|k| !second.contains_key(*k)).collect();
    assert!(
        gone.iter().any(|p| p.starts_with("releases/")),
        "no release page went: {gone:?}"
    );
    assert_eq!(names(&dir), ["site", "system"]);
    // A path where nothing is yet, some folders deep.
    let deep = dir.join("a/b/c");
    let (code, err) = build(&s, &deep);
    assert_eq!(code, 0, "{err}");
    assert!(deep.join("index.html").is_file());
}

#[test]
fn a_copied_output_is_replaced_but_one_with_files_added_is_not() {
    let s = SiteTest::from_fixture("build/basic");
    let (_keep, dir) = outside();
    // `cp -r public copy`: every file in it is one the marker lists.
    let copy = dir.join("copy");
    a_real_build(&copy);
    let (code, err) = build(&s, &copy);
    assert_eq!(code, 0, "{err}");
    // Someone saved a file into a build: it is not gongbo's to delete. A build that
    // writes only what changed (the kept state describes this folder) leaves it alone...
    std::fs::write(copy.join("releases/thesis.docx"), thesis()).unwrap();
    let (code, err) = build(&s, &copy);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read(copy.join("releases/thesis.docx")).unwrap(),
        thesis()
    );
    // ...and one that would replace the whole folder refuses to.
    let before = tree(&copy);
    let (code, err) = s.cli(&["--output", copy.to_str().unwrap(), "--clean"], &[]);
    assert_refused(
        code,
        &err,
        &copy,
        "it is a gongbo build, but it also holds files gongbo did not write: releases/thesis.docx",
    );
    assert!(err.contains("move those files out"), "{err}");
    assert_eq!(tree(&copy), before);
}

#[test]
fn a_forged_damaged_or_borrowed_marker_proves_nothing() {
    let s = SiteTest::from_fixture("build/basic");
    let (_keep, dir) = outside();
    let genuine_dir = dir.join("genuine");
    a_real_build(&genuine_dir);
    let genuine = std::fs::read_to_string(genuine_dir.join(MARKER)).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "by-hand",
            "gongbo\n".into(),
            "it does not start with gongbo's marker line",
        ),
        (
            "first-line",
            "gongbo output folder, format 1\n".into(),
            "it is incomplete",
        ),
        (
            "cut",
            genuine[..genuine.len() / 2].to_string(),
            "it is incomplete",
        ),
        (
            "edited",
            genuine.replace("index.html", "thesis.docx"),
            "its checksum does not match",
        ),
        (
            "newer",
            "gongbo output folder, format 9\n".into(),
            "written by a newer gongbo",
        ),
        // The genuine marker of another build, copied in: it does not list the thesis.
        (
            "borrowed",
            genuine.clone(),
            "it also holds files gongbo did not write: thesis.docx",
        ),
    ];
    for (name, marker, why) in &cases {
        let out = dir.join(name);
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("thesis.docx"), thesis()).unwrap();
        std::fs::write(out.join(MARKER), marker).unwrap();
        let (code, err) = build(&s, &out);
        assert_refused(code, &err, &out, why);
        assert_eq!(std::fs::read(out.join("thesis.docx")).unwrap(), thesis());
        assert_eq!(names(&out), [MARKER, "thesis.docx"]);
    }
    // `cp -r public/. docs/`: a whole build merged into someone's folder.
    let docs = dir.join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("thesis.docx"), thesis()).unwrap();
    copy_dir(&genuine_dir, &docs);
    let (code, err) = build(&s, &docs);
    assert_refused(code, &err, &docs, "gongbo did not write: thesis.docx");
    assert_eq!(std::fs::read(docs.join("thesis.docx")).unwrap(), thesis());
    // A marker in a subfolder counts for nothing.
    let nested = dir.join("nested");
    std::fs::create_dir(&nested).unwrap();
    std::fs::write(nested.join("thesis.docx"), thesis()).unwrap();
    copy_dir(&genuine_dir, &nested.join("old-site"));
    let (code, err) = build(&s, &nested);
    assert_refused(code, &err, &nested, "gongbo did not make this folder");
    assert!(nested.join("old-site/index.html").is_file());
}

/// 64-bit FNV-1a, the marker's checksum (docs: src/output/marker.rs).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A well-formed marker of `kind` listing no file, as gongbo writes for its working
/// folders.
fn marker_of(kind: &str) -> String {
    let body = format!("gongbo {kind} folder, format 1\n# test\n0 files\n");
    format!("{body}checksum {:016x}\n", fnv1a(body.as_bytes()))
}

/// Gives `path` to another user (`nobody`), as an attacker's own folder would be. Only
/// root can; elsewhere that part of the test is skipped, and says so.
#[cfg(unix)]
fn give_away(path: &Path) -> bool {
    match std::os::unix::fs::lchown(path, Some(65534), Some(65534)) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("SKIPPED: a folder of another user needs root to make ({e})");
            false
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn leftovers_of_killed_builds_are_removed_only_when_they_are_gongbos() {
    use std::os::unix::fs::symlink;
    let s = SiteTest::from_fixture("build/basic");
    let (_keep, dir) = outside();
    let system = dir.join("system");
    let system_before = tree(&system);
    let out = dir.join("public");
    // Named like leftovers of dead processes (no process has such an id):
    // someone's folder,
    let mine = dir.join(".public.gongbo-new-999999999");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("thesis.docx"), thesis()).unwrap();
    // a link to a system folder, which the old code moved into the output's place,
    let link = dir.join(".public.gongbo-old-999999998");
    symlink(&system, &link).unwrap();
    // another user's folder with a well-formed staging marker,
    let theirs = dir.join(".public.gongbo-new-999999997");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join(MARKER), marker_of("staging")).unwrap();
    std::fs::write(theirs.join("notes.txt"), "theirs").unwrap();
    let given_away = give_away(&theirs.join("notes.txt"))
        && give_away(&theirs.join(MARKER))
        && give_away(&theirs);
    // and genuine leftovers: a build killed while starting (only a cut-off marker), one
    // killed while writing (staging marker and pages), one killed between its renames.
    let starting = dir.join(".public.gongbo-new-999999996");
    std::fs::create_dir(&starting).unwrap();
    std::fs::write(starting.join(MARKER), "gongbo sta").unwrap();
    let writing = dir.join(".public.gongbo-new-999999995");
    std::fs::create_dir(&writing).unwrap();
    std::fs::write(writing.join(MARKER), marker_of("staging")).unwrap();
    std::fs::write(writing.join("index.html"), "half").unwrap();
    let moved = dir.join(".public.gongbo-old-999999994");
    a_real_build(&moved);
    let (code, err) = build(&s, &out);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::symlink_metadata(&out).unwrap().is_dir());
    assert!(out.join("index.html").is_file());
    assert_eq!(std::fs::read(mine.join("thesis.docx")).unwrap(), thesis());
    assert_eq!(std::fs::read_link(&link).unwrap(), system);
    assert_eq!(tree(&system), system_before);
    let mut expected = vec![
        ".public.gongbo-new-999999999",
        ".public.gongbo-old-999999998",
        "public",
        "system",
    ];
    if given_away {
        assert_eq!(std::fs::read(theirs.join("notes.txt")).unwrap(), b"theirs");
        expected.insert(0, ".public.gongbo-new-999999997");
    }
    assert_eq!(names(&dir), expected);
}

/// `gongbo serve` removes the temporary folders of its earlier runs that have ended, and
/// nothing else of that name: someone's folder, a link, another user's folder.
#[cfg(target_os = "linux")]
#[test]
fn serve_removes_only_its_own_earlier_folders() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let s = SiteTest::from_fixture("build/basic");
    let (_keep, dir) = outside();
    let tmp = dir.join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let system = dir.join("system");
    let system_before = tree(&system);
    let mine = tmp.join("gongbo-serve-999999999-1");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("thesis.docx"), thesis()).unwrap();
    symlink(&system, tmp.join("gongbo-serve-999999998-1")).unwrap();
    let theirs = tmp.join("gongbo-serve-999999997-1");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join(MARKER), marker_of("serve")).unwrap();
    let given_away = give_away(&theirs.join(MARKER)) && give_away(&theirs);
    // A first server, killed (as Ctrl-C does): its folder stays behind.
    let first = serve(&s, &tmp);
    let stale: Vec<String> = names(&tmp)
        .into_iter()
        .filter(|n| n.starts_with(&format!("gongbo-serve-{first}-")))
        .collect();
    assert_eq!(stale.len(), 1, "{:?}", names(&tmp));
    let stale = tmp.join(&stale[0]);
    let mode = std::fs::metadata(&stale).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "only its user may read a preview");
    assert!(std::fs::read_to_string(stale.join(MARKER))
        .unwrap()
        .starts_with("gongbo serve folder, format 1\n"));
    // The next server removes that one and nothing else.
    let second = serve(&s, &tmp);
    assert!(!stale.exists());
    let mut left: Vec<String> = names(&tmp)
        .into_iter()
        .filter(|n| !n.starts_with(&format!("gongbo-serve-{second}-")))
        .collect();
    left.sort();
    let mut expected = vec!["gongbo-serve-999999998-1", "gongbo-serve-999999999-1"];
    if given_away {
        expected.insert(0, "gongbo-serve-999999997-1");
    }
    assert_eq!(left, expected);
    assert_eq!(std::fs::read(mine.join("thesis.docx")).unwrap(), thesis());
    assert_eq!(tree(&system), system_before);
}

/// Starts `gongbo serve` with `TMPDIR=tmp`, waits until it serves, kills it (SIGKILL) and
/// returns its process id.
fn serve(s: &SiteTest, tmp: &Path) -> u32 {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .env("LC_ALL", "C")
        .args(["serve", "--port", "0", "--root"])
        .arg(s.root())
        .env("TMPDIR", tmp)
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let started = Instant::now();
    let mut seen = Vec::new();
    loop {
        let left = Duration::from_secs(60).saturating_sub(started.elapsed());
        match rx.recv_timeout(left) {
            Ok(line) if line.starts_with("serving at ") => break,
            Ok(line) => seen.push(line),
            Err(_) => {
                let _ = child.kill();
                panic!("gongbo serve did not start:\n{}", seen.join("\n"));
            }
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    pid
}
