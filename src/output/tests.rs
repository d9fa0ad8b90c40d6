use super::*;

/// A folder holding `public/`, an earlier build with one file.
fn scratch() -> (tempfile::TempDir, Target) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("old.html"), "old").unwrap();
    marker::write(&out, marker::Kind::Output, &["old.html"]).unwrap();
    let target = check_target(dir.path(), &out, None).unwrap();
    assert_eq!(target.real, out);
    (dir, target)
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn staging_swaps_in_on_commit_and_vanishes_otherwise() {
    let (dir, out) = scratch();
    let dir = dir.path();
    let before = ["public", "public/.gongbo-output", "public/old.html"];
    // Dropped without a commit (a build error): the old output stays, no temp folder.
    let staging = Staging::new(&out).unwrap();
    staging.put(OutputFile::bytes("a/index.html", "new"));
    drop(staging);
    assert_eq!(listing(dir), before);
    // Committed: the new files replace the old ones, nothing is left beside them,
    // and the marker lists them.
    let staging = Staging::new(&out).unwrap();
    staging.put(OutputFile::bytes("a/index.html", "new"));
    staging.put(OutputFile::bytes("en/b/index.html", "new"));
    staging.put(OutputFile::bytes("feed.json", "{}"));
    assert_eq!(staging.html_counts(), [1, 1]);
    assert_eq!(staging.commit().unwrap(), 3);
    assert_eq!(
        listing(dir),
        [
            "public",
            "public/.gongbo-output",
            "public/a",
            "public/a/index.html",
            "public/en",
            "public/en/b",
            "public/en/b/index.html",
            "public/feed.json"
        ]
    );
    let m = marker::read(&out.real).unwrap().unwrap();
    assert_eq!(m.kind, marker::Kind::Output);
    assert_eq!(m.files, ["a/index.html", "en/b/index.html", "feed.json"]);
}

#[test]
fn staging_refuses_a_second_file_at_one_path() {
    let (dir, out) = scratch();
    let staging = Staging::new(&out).unwrap();
    staging.put(OutputFile::bytes("a/index.html", "one"));
    staging.put(OutputFile::bytes("a/index.html", "two"));
    staging.put(OutputFile::bytes("../escape", "x"));
    staging.put(OutputFile::bytes(".gongbo-output", "mine"));
    let err = staging.commit().unwrap_err();
    assert_eq!(err.len(), 3, "{err}");
    assert!(err.to_string().contains("two sources would write"), "{err}");
    assert!(err.to_string().contains("gongbo's own marker"), "{err}");
    assert_eq!(
        listing(dir.path()),
        ["public", "public/.gongbo-output", "public/old.html"]
    );
    assert!(!dir.path().join("escape").exists());
}

/// The output is looked at again right before the swap: a folder that stopped being
/// gongbo's while the site was built is not replaced.
#[test]
fn an_output_that_changed_during_the_build_is_not_replaced() {
    let (dir, out) = scratch();
    let staging = Staging::new(&out).unwrap();
    staging.put(OutputFile::bytes("index.html", "new"));
    fs::remove_file(out.real.join(marker::FILE)).unwrap();
    let err = staging.commit().unwrap_err();
    assert!(refused(&err), "{err}");
    assert!(
        err.to_string().contains("gongbo did not make this folder"),
        "{err}"
    );
    assert_eq!(listing(dir.path()), ["public", "public/old.html"]);
}

#[test]
fn duplicate_and_escaping_paths_are_errors() {
    let files = vec![
        OutputFile::bytes("a/index.html", "x"),
        OutputFile::bytes("a/index.html", "y"),
        OutputFile::bytes("../x", "z"),
    ];
    assert_eq!(check_paths(&files).len(), 2);
}
