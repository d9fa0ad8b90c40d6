use super::*;

#[test]
fn kept_state_round_trips_and_damage_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = State {
        manifest: Some(Manifest {
            output: dir.path().join("public"),
            files: [("index.html".to_string(), Fp(7))].into_iter().collect(),
            pages: None,
        }),
        ..State::default()
    };
    save(dir.path(), &mut state).unwrap();
    let (back, note) = load(dir.path());
    assert_eq!(note, None);
    assert_eq!(back.manifest.unwrap().files.len(), 1);
    // A flipped byte: ignored, with a note.
    let file = dir.path().join(".gongbo/build/state.bin");
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    let (back, note) = load(dir.path());
    assert!(back.manifest.is_none());
    assert!(note.unwrap().contains("damaged"));
    // Nothing there: no note.
    forget(dir.path());
    assert_eq!(load(dir.path()).1, None);
}

/// A search part that does not decode (though the file's checksum matches) leaves an
/// empty index, which the build fills and writes in full; the rest of the state is
/// kept.
#[test]
fn a_search_part_that_does_not_decode_leaves_an_empty_index() {
    let head = Head {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").into(),
        output: Some(PathBuf::from("/x")),
    };
    let mut parts = encode_parts(&State::default()).unwrap();
    parts.search_ko = vec![0xff; 64];
    let payload = Payload::new(&head, parts).unwrap().pieces().concat();
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&payload);
    bytes.extend_from_slice(&Fp::of(&payload).0.to_le_bytes());
    let mut state = decode(bytes).unwrap();
    state.settle_search();
    assert!(state.pending_search.is_none());
    assert_eq!((state.search.ko.docs(), state.search.en.docs()), (0, 0));
    assert_eq!(state.manifest.unwrap().output, PathBuf::from("/x"));
}

/// A state another gongbo kept is not trusted, whatever it holds.
#[test]
fn another_versions_state_is_ignored() {
    let other = Head {
        format: FORMAT,
        version: "0.0.1-other".into(),
        output: Some(PathBuf::from("/x")),
    };
    let parts = encode_parts(&State::default()).unwrap();
    let payload = Payload::new(&other, parts).unwrap().pieces().concat();
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&payload);
    bytes.extend_from_slice(&Fp::of(&payload).0.to_le_bytes());
    let err = decode(bytes).err().unwrap();
    assert!(err.contains("was kept by gongbo 0.0.1-other"), "{err}");
}

/// A state file that is a link (to an endless `/dev/zero`, or anywhere) is not read.
#[cfg(unix)]
#[test]
fn a_linked_state_file_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), &mut State::default()).unwrap();
    let file = dir.path().join(".gongbo/build/state.bin");
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
    let (back, note) = load(dir.path());
    assert!(back.manifest.is_none());
    assert!(note.unwrap().contains("not a plain file"));
}

#[cfg(unix)]
#[test]
fn a_linked_cache_folder_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(DIR)).unwrap();
    let err = save(dir.path(), &mut State::default()).unwrap_err();
    assert!(err.contains("not a folder"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}
