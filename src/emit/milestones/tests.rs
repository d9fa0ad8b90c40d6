use super::*;

/// The whole document in one serialization: the layout the parts must give.
fn whole(site: &Site) -> Vec<u8> {
    let mut doc = doc(site);
    doc.milestones = site
        .milestones
        .iter()
        .map(|s| milestone_json(site, s))
        .collect();
    let mut out = serde_json::to_vec_pretty(&doc).unwrap();
    out.push(b'\n');
    out
}

#[test]
fn the_parts_make_the_file_a_whole_serialization_makes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for site_root in [
        root.join("tests/fixtures/milestones/basic"),
        root.to_path_buf(),
    ] {
        let opts = crate::BuildOptions {
            root: site_root.clone(),
            output: site_root.join("public"),
            base_url: None,
            drafts: false,
            now_unix: 1_764_000_000,
            home: None,
        };
        let site = crate::render_site(&opts).unwrap().site;
        assert!(site.milestones.len() > 2, "{}", site_root.display());
        // Any fingerprint per release will do for the layout.
        let cards: Vec<Fp> = site
            .releases
            .iter()
            .map(|r| Fp::of(r.src.as_bytes()))
            .collect();
        let mut kept = Kept::default();
        let made = json(&site, &mut kept, &cards);
        assert_eq!(
            String::from_utf8_lossy(&made),
            String::from_utf8_lossy(&whole(&site))
        );
        assert_eq!(kept.len(), site.milestones.len());
        // From the kept parts and the kept tail: the same bytes.
        assert_eq!(json(&site, &mut kept, &cards), made);
        assert!(kept.tail.is_some());
        // A kept part that is no longer right (its signature says so) is made again.
        for part in kept.parts.values_mut() {
            part.0 = Fp::default();
            part.1 = b"stale".to_vec();
        }
        assert_eq!(json(&site, &mut kept, &cards), made);
        // A tail kept for other parts is not used.
        kept.tail = Some((vec![Fp::default()], b"stale".to_vec()));
        assert_eq!(json(&site, &mut kept, &cards), made);
    }
}

#[test]
fn host_of_base_url() {
    assert_eq!(host("https://example.org/ai/"), "example.org");
    assert_eq!(host("http://localhost:8000/"), "localhost");
}
