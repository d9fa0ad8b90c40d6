use super::*;

/// A marker read gets a stamp only once it is older than two seconds; the stamp
/// tells the same file from a rewritten one (even with the same bytes) and from an
/// edit in place.
#[cfg(unix)]
#[test]
fn a_settled_marker_is_told_apart_from_a_rewritten_one_by_its_stamp() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), Kind::Output, &["index.html"]).unwrap();
    let (_, fresh) = read_seen(dir.path()).unwrap().unwrap();
    assert_eq!(fresh, None, "a marker written just now has no stamp");
    std::thread::sleep(std::time::Duration::from_millis(3100));
    let (m, stamp) = read_seen(dir.path()).unwrap().unwrap();
    assert_eq!(m.files, ["index.html"]);
    assert!(stamp.is_some());
    assert_eq!(seen(dir.path()), stamp);
    // The same bytes again, by a rename: another file.
    write(dir.path(), Kind::Output, &["index.html"]).unwrap();
    assert_ne!(seen(dir.path()), stamp);
    // An edit in place changes its times.
    let (_, before) = {
        std::thread::sleep(std::time::Duration::from_millis(3100));
        read_seen(dir.path()).unwrap().unwrap()
    };
    let path = dir.path().join(FILE);
    let bytes = fs::read(&path).unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
        .unwrap();
    assert_ne!(seen(dir.path()), before);
    assert!(before.is_some());
    // Gone: no stamp.
    fs::remove_file(&path).unwrap();
    assert_eq!(seen(dir.path()), None);
}

#[test]
fn a_marker_reads_back_as_written() {
    let files = [
        "index.html",
        "en/index.html",
        "a%b\nc.pdf",
        "보도/자료.html",
    ];
    let t = text(Kind::Output, &files);
    assert!(t.starts_with("gongbo output folder, format 1\n# Written by gongbo build."));
    assert!(t.contains(
        "\n4 files\nindex.html\nen/index.html\na%25b%0Ac.pdf\n보도/자료.html\nchecksum "
    ));
    let m = parse(t.as_bytes()).unwrap();
    assert_eq!(m.kind, Kind::Output);
    assert_eq!(m.files, files);
    let m = parse(text(Kind::Serve, &[]).as_bytes()).unwrap();
    assert_eq!((m.kind, m.files.len()), (Kind::Serve, 0));
}

#[test]
fn damaged_forged_and_foreign_markers_are_refused() {
    let good = text(Kind::Output, &["index.html", "a.html"]);
    let cases = [
        ("".to_string(), "does not start"),
        ("gongbo\n".to_string(), "does not start"),
        ("gongbo output folder, format 1\n".to_string(), "incomplete"),
        ("gongbo output folder, format 7\n".to_string(), "format 7"),
        (
            "gongbo site folder, format 1\n".to_string(),
            "does not start",
        ),
        (good[..good.len() - 3].to_string(), "incomplete"),
        (
            good[..good.find("checksum").unwrap()].to_string(),
            "incomplete",
        ),
        (good.replace("a.html", "b.html"), "checksum does not match"),
        (
            good.replace("2 files", "3 files"),
            "checksum does not match",
        ),
        (format!("{good}extra\n"), "goes on after"),
        ("\u{feff}".to_string() + &good, "does not start"),
    ];
    for (text, why) in cases {
        let err = parse(text.as_bytes()).unwrap_err();
        assert!(err.contains(why), "{text:?}: {err}");
    }
    // A marker whose count is wrong but whose checksum was recomputed: still refused.
    let body = "gongbo output folder, format 1\n# x\n3 files\na\n";
    let forged = format!("{body}checksum {:016x}\n", fnv1a(body.as_bytes()));
    assert!(parse(forged.as_bytes())
        .unwrap_err()
        .contains("says 3 files"));
    assert!(parse(&[0xff, 0xfe]).is_err());
}

#[test]
fn unlisted_files_are_found_and_listed_ones_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("en")).unwrap();
    for f in ["index.html", "en/index.html", ".DS_Store", "en/Thumbs.db"] {
        fs::write(d.join(f), "x").unwrap();
    }
    write(d, Kind::Output, &["index.html", "en/index.html"]).unwrap();
    let m = read(d).unwrap().unwrap();
    assert_eq!(unlisted(d, &m, 3), (vec![], false));
    fs::write(d.join("en/thesis.docx"), "mine").unwrap();
    fs::create_dir_all(d.join("old/.x")).unwrap();
    fs::write(d.join("old/.x/notes.txt"), "mine").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc", d.join("etc")).unwrap();
    let (found, more) = unlisted(d, &m, 3);
    assert_eq!(
        found,
        [
            "en/thesis.docx",
            #[cfg(unix)]
            "etc (a symbolic link)",
            "old/.x/notes.txt"
        ]
    );
    assert!(!more);
    assert!(unlisted(d, &m, 1).1);
    // A marker in a subfolder counts for nothing.
    write(&d.join("en"), Kind::Output, &["thesis.docx"]).unwrap();
    assert!(unlisted(d, &m, 9)
        .0
        .iter()
        .any(|f| f == "en/.gongbo-output"));
}
