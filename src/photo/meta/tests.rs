use super::*;
use crate::photo::testing::camera_exif;

#[test]
fn reads_orientation_privacy_and_rights_from_exif() {
    let blob = camera_exif();
    let meta = Meta {
        exif: vec![&blob],
        ..Meta::default()
    };
    let r = read(&meta);
    assert_eq!(r.orientation, 6);
    assert_eq!(r.private.location, [Where::Exif]);
    assert!(r.private.serial_numbers && r.private.owner_name && r.private.maker_note);
    assert_eq!(r.private.thumbnails, ["EXIF thumbnail"]);
    assert_eq!(
        Rights::text(&r.rights.copyright).unwrap(),
        "(c) Gwangju City"
    );
    assert_eq!(Rights::text(&r.rights.artist).unwrap(), "Kim Photographer");
}

#[test]
fn the_minimal_exif_keeps_orientation_and_rights_only() {
    let blob = camera_exif();
    let r = read(&Meta {
        exif: vec![&blob],
        ..Meta::default()
    });
    let out = minimal_exif(Some(r.orientation), &r.rights).unwrap();
    let back = exif::Reader::new().read_raw(out.clone()).unwrap();
    let mut tags: Vec<String> = back.fields().map(|f| f.tag.to_string()).collect();
    tags.sort();
    assert_eq!(tags, ["Artist", "Copyright", "Orientation"]);
    let again = read(&Meta {
        exif: vec![&out],
        ..Meta::default()
    });
    assert_eq!(again.private, Private::default());
    assert_eq!(again.rights, r.rights);
    assert_eq!(again.orientation, 6);
    // Derivatives are rotated: no orientation, and nothing at all without rights.
    let derived = minimal_exif(None, &r.rights).unwrap();
    assert!(
        read(&Meta {
            exif: vec![&derived],
            ..Meta::default()
        })
        .orientation
            == 1
    );
    assert_eq!(minimal_exif(Some(1), &Rights::default()), None);
}

#[test]
fn finds_location_in_xmp_whatever_the_prefix() {
    let has = |x: &str| xmp_has(x.as_bytes(), is_location_name);
    assert!(has("<rdf:Description exif:GPSLatitude=\"35,9.0N\"/>"));
    assert!(has("<photoshop:City>Gwangju</photoshop:City>"));
    assert!(has(
        "<x:Iptc4xmpCore:Location>Site</x:Iptc4xmpCore:Location>"
    ));
    assert!(has("<rdf:Description my:GPSLongitude='126'/>"));
    assert!(!has("<dc:description>Gwangju City Hall</dc:description>"));
    assert!(!has("<rdf:Description photoshop:City=\"\"/>"));
    assert!(!has("<rdf:Description exif:GPSVersionID=\"2.2\"/>"));
    assert!(!has("<photoshop:City/>"));
    assert!(xmp_has(b"<aux:SerialNumber>42</aux:SerialNumber>", |n| n
        .ends_with("SerialNumber")));
}

#[test]
fn finds_location_and_rights_in_iptc() {
    // Photoshop resource 0x0404 with IPTC datasets 2:90 (city), 2:116, 2:80.
    let mut iptc = Vec::new();
    for (set, value) in [(90u8, &b"Gwangju"[..]), (116, b"(c) Agency"), (80, b"Lee")] {
        iptc.extend([0x1C, 2, set]);
        iptc.extend((value.len() as u16).to_be_bytes());
        iptc.extend(value);
    }
    let mut res = b"8BIM\x04\x04\0\0".to_vec();
    res.extend((iptc.len() as u32).to_be_bytes());
    res.extend(&iptc);
    if iptc.len() % 2 == 1 {
        res.push(0);
    }
    res.extend(b"8BIM\x04\x0C\0\0\0\0\0\x02ab");
    let r = read(&Meta {
        photoshop: vec![&res],
        ..Meta::default()
    });
    assert_eq!(r.private.location, [Where::Iptc]);
    assert_eq!(r.private.thumbnails, ["Photoshop thumbnail"]);
    assert_eq!(Rights::text(&r.rights.copyright).unwrap(), "(c) Agency");
    assert_eq!(Rights::text(&r.rights.artist).unwrap(), "Lee");
}

#[test]
fn broken_blocks_are_reported_not_trusted() {
    let r = read(&Meta {
        exif: vec![b"MM\0*\xFF\xFF\xFF\xFF"],
        photoshop: vec![b"8BIM\x04\x04\0\0\xFF\xFF\xFF\xFF"],
        ..Meta::default()
    });
    assert_eq!(r.orientation, 1);
    assert_eq!(r.private.other, ["damaged EXIF", "Photoshop/IPTC"]);
    let r = read(&Meta {
        exif: vec![b"not a TIFF header"],
        ..Meta::default()
    });
    assert_eq!(r.private.other, ["unreadable EXIF"]);
    // Long rights texts are cut at a character boundary.
    let long = "가".repeat(600);
    let cut = cut(long.as_bytes());
    assert!(cut.len() <= MAX_RIGHTS && std::str::from_utf8(&cut).is_ok());
}
