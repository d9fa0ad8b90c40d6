use super::*;

#[test]
fn a_kept_marker_is_used_only_while_it_is_the_same_file() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("public");
    fs::create_dir(&out).unwrap();
    marker::write(&out, Kind::Output, &["index.html"]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(3100));
    let check = |kept| check_target_kept(site.path(), &out, None, kept).unwrap();
    let first = check(None).listed.expect("the marker is read");
    let again = check(Some(first.clone())).listed.unwrap();
    assert!(Arc::ptr_eq(&first, &again), "the same file: not read again");
    // Rewritten (with other files): read again, and what it says now is used.
    marker::write(&out, Kind::Output, &["index.html", "en/index.html"]).unwrap();
    let after = check(Some(first.clone())).listed.unwrap();
    assert!(!Arc::ptr_eq(&first, &after));
    assert_eq!(after.marker.files, ["index.html", "en/index.html"]);
    // Gone, with the folder turned into a link: refused, kept marker or not.
    fs::remove_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(site.path(), &out).unwrap();
    assert!(check_target_kept(site.path(), &out, None, Some(first)).is_err());
}

#[test]
fn refuses_dangerous_targets_by_their_path() {
    let root = Path::new("/nonexistent-gongbo/site");
    let ok = |p: &str| check_target(root, Path::new(p), None).map(|t| t.real);
    assert_eq!(
        ok("/nonexistent-gongbo/site/public").unwrap(),
        Path::new("/nonexistent-gongbo/site/public")
    );
    for bad in [
        "/nonexistent-gongbo/site",
        "/nonexistent-gongbo/site/content",
        "/nonexistent-gongbo/site/themes/x",
        "/nonexistent-gongbo/site/public/../content",
        "/nonexistent-gongbo",
        "/",
        "/etc",
        "/etc/ssh/site",
        "/usr/local",
        "/usr/lib/x",
    ] {
        assert!(ok(bad).is_err(), "{bad}");
    }
    let home = Some(Path::new("/nonexistent-gongbo/u"));
    assert!(check_target(root, Path::new("/nonexistent-gongbo/u"), home).is_err());
    assert!(check_target(root, Path::new("/nonexistent-gongbo/u/out"), home).is_ok());
}

#[cfg(unix)]
#[test]
fn links_in_the_path_are_resolved_and_a_link_as_output_is_refused() {
    use std::os::unix::fs::symlink as ln;
    let dir = tempfile::tempdir().unwrap();
    let d = fs::canonicalize(dir.path()).unwrap();
    let site = d.join("site");
    fs::create_dir_all(site.join("content/releases")).unwrap();
    fs::create_dir_all(d.join("disk")).unwrap();
    ln(d.join("disk"), d.join("to-disk")).unwrap();
    ln(site.join("content/releases"), d.join("to-releases")).unwrap();
    ln(d.join("nowhere"), d.join("dangling")).unwrap();
    fs::write(d.join("file"), "x").unwrap();
    let check = |p: PathBuf| check_target(&site, &p, None);
    assert_eq!(
        check(d.join("to-disk/public")).unwrap().real,
        d.join("disk/public")
    );
    let err = |p: PathBuf| check(p).unwrap_err().message;
    assert!(err(d.join("to-disk")).contains("is a symbolic link (to "));
    assert!(err(d.join("dangling")).contains("is a symbolic link"));
    assert!(err(d.join("to-releases/x")).contains("inside the site's content"));
    // `link/..` is the folder above the link's target, as the system reads it.
    let up = err(d.join("to-releases/.."));
    let really = format!("(really {})", site.join("content").display());
    assert!(up.contains(&really), "{up}");
    assert!(err(d.join("dangling/x")).contains("does not lead to a folder"));
    // Up out of a missing folder and into a link: still the link.
    assert!(err(d.join("missing/../to-disk")).contains("is a symbolic link"));
    let back = check(d.join("missing/../to-disk/public")).unwrap();
    assert_eq!(back.real, d.join("disk/public"));
    assert!(err(d.join("file/x")).contains("is a file, not a folder"));
    assert!(err(d.join("file")).contains("it is a file"));
}
