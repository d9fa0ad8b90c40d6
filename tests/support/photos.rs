//! Fixture photos made in memory for the photo tests: a camera JPEG carrying everything
//! a camera or phone puts in one (GPS, serial numbers, a rotation tag, XMP, IPTC, a
//! comment, a motion-photo trailer), PNGs, and pixel bombs.

use std::io::Cursor;

use exif::{Field, In, Rational, Tag, Value};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder};

/// A textured scene whose stored left half is warm and right half cool, so a test can
/// tell which way a derivative was turned.
pub fn scene(w: u32, h: u32) -> Vec<u8> {
    let mut seed = 0x9E37_79B9u32;
    let mut data = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let n = (seed >> 27) as u8;
            let shade = ((x + y) % 64) as u8;
            if x < w / 2 {
                data.extend([200 + n, 40 + shade, 30 + n]);
            } else {
                data.extend([30 + n, 60 + shade, 200 + n]);
            }
        }
    }
    data
}

pub fn ascii(tag: Tag, s: &str) -> Field {
    Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![s.as_bytes().to_vec()]),
    }
}

/// A camera's EXIF: orientation 6 (turn 90° clockwise), GPS, serial numbers, owner,
/// maker note, rights, and a thumbnail in IFD1.
pub fn camera_exif() -> Vec<u8> {
    let r = |n| Rational { num: n, denom: 1 };
    let f = |tag, value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    let fields = [
        ascii(Tag::Make, "Camera Maker"),
        f(Tag::Orientation, Value::Short(vec![6])),
        ascii(Tag::Copyright, "(c) Gwangju Metropolitan City"),
        ascii(Tag::Artist, "Kim Photographer"),
        ascii(Tag::BodySerialNumber, "SN-BODY-123456"),
        ascii(Tag::LensSerialNumber, "SN-LENS-654321"),
        ascii(Tag::CameraOwnerName, "Owner Kim"),
        f(
            Tag::MakerNote,
            Value::Undefined(b"MAKER-SECRET-NOTE".to_vec(), 0),
        ),
        ascii(Tag::GPSLatitudeRef, "N"),
        f(Tag::GPSLatitude, Value::Rational(vec![r(35), r(9), r(27)])),
        ascii(Tag::GPSLongitudeRef, "E"),
        f(
            Tag::GPSLongitude,
            Value::Rational(vec![r(126), r(51), r(10)]),
        ),
    ];
    let thumb = Field {
        tag: Tag::Compression,
        ifd_num: In::THUMBNAIL,
        value: Value::Short(vec![6]),
    };
    let mut w = exif::experimental::Writer::new();
    fields.iter().for_each(|f| w.push_field(f));
    w.push_field(&thumb);
    w.set_jpeg(b"\xFF\xD8THUMBNAIL-PREVIEW\xFF\xD9", In::THUMBNAIL);
    let mut out = Cursor::new(Vec::new());
    w.write(&mut out, true).unwrap();
    out.into_inner()
}

pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend(((payload.len() + 2) as u16).to_be_bytes());
    s.extend(payload);
    s
}

pub const ICC: &[u8] = b"ICC-PROFILE-STAND-IN";

/// A camera JPEG `w` × `h` (stored) with everything a phone or camera puts in one.
pub fn camera_jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, 92);
    enc.set_exif_metadata(camera_exif()).unwrap();
    enc.set_icc_profile(ICC.to_vec()).unwrap();
    enc.write_image(&scene(w, h), w, h, ExtendedColorType::Rgb8)
        .unwrap();
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description \
        exif:GPSLatitude=\"35,9.45N\" photoshop:City=\"XMP-CITY-NAME\" \
        aux:SerialNumber=\"XMP-SERIAL-42\"/></x:xmpmeta>";
    let mut iptc = b"Photoshop 3.0\x008BIM\x04\x04\0\0".to_vec();
    let city = b"\x1C\x02\x5A\x00\x0BIPTC-Sangmu";
    iptc.extend((city.len() as u32).to_be_bytes());
    iptc.extend(city);
    iptc.push(0);
    let extra = [
        segment(0xE1, xmp),
        segment(0xED, &iptc),
        segment(0xFE, b"COMMENT-HOME-ADDRESS"),
    ]
    .concat();
    out.splice(2..2, extra);
    out.extend(b"MotionPhoto_Data ftypmp42 VIDEO-WITH-GPS");
    out
}

/// A small RGB PNG whose pixels follow `seed`: two seeds give two different files.
pub fn png_seeded(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let mut x = seed | 1;
    let data: Vec<u8> = (0..w * h * 3)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            ((i / 3 % w) as u8).wrapping_add((x >> 28) as u8)
        })
        .collect();
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(&data, w, h, ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// An RGBA PNG with a text chunk.
pub fn png_rgba(w: u32, h: u32) -> Vec<u8> {
    let rgba: Vec<u8> = scene(w, h)
        .chunks(3)
        .enumerate()
        .flat_map(|(i, p)| [p[0], p[1], p[2], (i % 256) as u8])
        .collect();
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(&rgba, w, h, ExtendedColorType::Rgba8)
        .unwrap();
    let text = png_chunk(b"tEXt", b"Comment\0PNG-TEXT-SECRET");
    out.splice(33..33, text);
    out
}

pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend(kind);
    c.extend(data);
    c.extend(crc32fast::hash(&c[4..]).to_be_bytes());
    c
}

/// A PNG whose header claims `w` × `h` over a few bytes of data.
pub fn bomb_png(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut d = b"\x89PNG\r\n\x1a\n".to_vec();
    d.extend(png_chunk(b"IHDR", &ihdr));
    d.extend(png_chunk(b"IDAT", &[0x78, 0x9C, 0x63, 0, 0, 0, 1, 0, 1]));
    d.extend(png_chunk(b"IEND", &[]));
    d
}

/// A small real JPEG whose frame header is patched to claim `w` × `h`.
pub fn bomb_jpeg(w: u16, h: u16) -> Vec<u8> {
    let mut d = Vec::new();
    JpegEncoder::new(&mut d)
        .write_image(&scene(16, 16), 16, 16, ExtendedColorType::Rgb8)
        .unwrap();
    let sof = d.windows(2).position(|p| p == [0xFF, 0xC0]).unwrap();
    d[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    d[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    d
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
