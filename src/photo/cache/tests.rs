use super::*;
use crate::photo::meta::Private;

fn probe() -> Probe {
    Probe {
        format: Format::Jpeg,
        width: 4,
        height: 3,
        orientation: 1,
        bytes: 100,
        alpha: false,
        icc_profile: false,
        copyright: None,
        artist: None,
        private: Private::default(),
    }
}

fn file(name: &str, bytes: &[u8]) -> NewFile {
    NewFile {
        name: name.into(),
        original: false,
        format: Format::Webp,
        width: 4,
        height: 3,
        bytes: bytes.to_vec(),
    }
}

fn stored(dir: &Path) -> (Cache, Hash, PathBuf) {
    let (cache, _) = Cache::open(dir).unwrap();
    let key = Hash::of(b"key");
    let files = vec![
        file("w4.webp", b"webp bytes"),
        file("w4.jpg", b"jpeg bytes"),
    ];
    let (entry, _) = cache.store(&key, Hash::of(b"src"), probe(), files).unwrap();
    (cache, key, entry)
}

#[test]
fn an_entry_round_trips_and_lists_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, key, entry) = stored(&dir.path().join("photos"));
    let Loaded::Hit(at, index) = cache.load(&key) else {
        panic!("not a hit")
    };
    assert_eq!(at, entry);
    assert_eq!(index.probe, probe());
    let names: Vec<_> = index.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["w4.webp", "w4.jpg"]);
    assert_eq!(fs::read(entry.join("w4.jpg")).unwrap(), b"jpeg bytes");
    assert!(matches!(cache.load(&Hash::of(b"other")), Loaded::Missing));
    // No temporary folders are left behind.
    let left: Vec<_> = fs::read_dir(dir.path().join("photos/entries"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from(key.hex())]);
}

#[test]
fn a_changed_file_is_detected_and_the_entry_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, key, entry) = stored(&dir.path().join("photos"));
    // Same length, other bytes.
    fs::write(entry.join("w4.webp"), b"WEBP BYTES").unwrap();
    assert!(matches!(cache.load(&key), Loaded::Broken));
    // Rewriting replaces the broken entry.
    let files = vec![file("w4.webp", b"webp bytes")];
    cache.store(&key, Hash::of(b"src"), probe(), files).unwrap();
    assert!(matches!(cache.load(&key), Loaded::Hit(..)));
    assert_eq!(fs::read(entry.join("w4.webp")).unwrap(), b"webp bytes");
    // Cut short.
    fs::write(entry.join("w4.webp"), b"webp").unwrap();
    assert!(matches!(cache.load(&key), Loaded::Broken));
    // Missing.
    fs::remove_file(entry.join("w4.webp")).unwrap();
    assert!(matches!(cache.load(&key), Loaded::Broken));
}

#[test]
fn a_touched_file_with_the_same_bytes_is_trusted_and_restamped() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, key, entry) = stored(&dir.path().join("photos"));
    let before = fs::read(entry.join(INDEX)).unwrap();
    // Rewriting the same bytes changes the stamp (as a cache restored by CI would).
    fs::write(entry.join("w4.jpg"), b"jpeg bytes").unwrap();
    assert!(matches!(cache.load(&key), Loaded::Hit(..)));
    assert_ne!(
        fs::read(entry.join(INDEX)).unwrap(),
        before,
        "new stamp saved"
    );
    assert!(matches!(cache.load(&key), Loaded::Hit(..)));
}

#[test]
fn a_tampered_index_is_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, key, entry) = stored(&dir.path().join("photos"));
    let index = fs::read_to_string(entry.join(INDEX)).unwrap();
    fs::write(
        entry.join(INDEX),
        index.replace("\"width\":4", "\"width\":5"),
    )
    .unwrap();
    assert!(matches!(cache.load(&key), Loaded::Broken));
    // A valid checksum over a file name that leaves the entry is refused too.
    let (_, json) = index.split_once('\n').unwrap();
    let evil = json.replace("w4.webp", "../../../x");
    let evil = format!("{INDEX_MAGIC}{}\n{evil}", Hash::of(evil.as_bytes()).hex());
    fs::write(entry.join(INDEX), evil).unwrap();
    assert!(matches!(cache.load(&key), Loaded::Broken));
    fs::write(entry.join(INDEX), b"").unwrap();
    assert!(matches!(cache.load(&key), Loaded::Broken));
}

#[test]
fn a_foreign_version_empties_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("photos");
    let (_, key, _) = stored(&root);
    fs::write(root.join("VERSION"), "gongbo photo cache 0\n").unwrap();
    fs::write(root.join("manifest.json"), "{}").unwrap();
    let (cache, _) = Cache::open(&root).unwrap();
    assert!(matches!(cache.load(&key), Loaded::Missing));
    assert!(!root.join("manifest.json").exists());
    assert_eq!(
        fs::read_to_string(root.join("VERSION")).unwrap(),
        VERSION_TEXT
    );
    assert!(root.join("CACHEDIR.TAG").exists());
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_place_of_the_cache_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("precious"), "keep me").unwrap();
    let root = dir.path().join("photos");
    std::os::unix::fs::symlink(&outside, &root).unwrap();
    let e = Cache::open(&root).unwrap_err();
    assert!(e.problem.is_cache());
    assert!(outside.join("precious").exists());
    // `entries` as a link is refused too, and what it points at is left alone.
    let root2 = dir.path().join("photos2");
    fs::create_dir(&root2).unwrap();
    fs::write(root2.join("VERSION"), VERSION_TEXT).unwrap();
    std::os::unix::fs::symlink(&outside, root2.join("entries")).unwrap();
    assert!(Cache::open(&root2).is_err());
    assert!(outside.join("precious").exists());
}

#[test]
fn prune_keeps_what_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let (cache, key, entry) = stored(&dir.path().join("photos"));
    let other = Hash::of(b"other");
    cache
        .store(&other, Hash::of(b"s2"), probe(), vec![file("w4.jpg", b"x")])
        .unwrap();
    fs::create_dir(dir.path().join("photos/entries/.tmp-crashed")).unwrap();
    fs::write(dir.path().join("photos/entries/notes.txt"), "not ours").unwrap();
    let keep = HashSet::from([key.clone()]);
    assert_eq!(cache.prune(&keep).unwrap(), 2);
    assert!(entry.exists());
    assert!(matches!(cache.load(&other), Loaded::Missing));
    assert!(dir.path().join("photos/entries/notes.txt").exists());
}
