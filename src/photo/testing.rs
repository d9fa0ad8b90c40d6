//! Fixture photos for the unit tests, made in memory.

use exif::{Field, In, Rational, Tag, Value};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder};

/// A smooth RGB picture with some texture, `w` × `h`.
pub(crate) fn rgb(w: u32, h: u32) -> Vec<u8> {
    let mut data = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let t = ((x * 7 + y * 13) % 32) as u8;
            data.extend([
                (x * 255 / w.max(1)) as u8 ^ t,
                (y * 255 / h.max(1)) as u8,
                96 + t,
            ]);
        }
    }
    data
}

pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(&rgb(w, h), w, h, ExtendedColorType::Rgb8)
        .unwrap();
    out
}

pub(crate) fn jpeg(w: u32, h: u32, exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, 90);
    if let Some(exif) = exif {
        enc.set_exif_metadata(exif).unwrap();
    }
    enc.write_image(&rgb(w, h), w, h, ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// A camera's EXIF: orientation 6, GPS, serial numbers, owner, maker note, thumbnail.
pub(crate) fn camera_exif() -> Vec<u8> {
    let f = |tag, value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    let r = |n| Rational { num: n, denom: 1 };
    let fields = [
        f(Tag::Make, Value::Ascii(vec![b"Camera Maker".to_vec()])),
        f(Tag::Orientation, Value::Short(vec![6])),
        f(
            Tag::Copyright,
            Value::Ascii(vec![b"(c) Gwangju City".to_vec()]),
        ),
        f(
            Tag::Artist,
            Value::Ascii(vec![b"Kim Photographer".to_vec()]),
        ),
        f(
            Tag::BodySerialNumber,
            Value::Ascii(vec![b"SN-123456".to_vec()]),
        ),
        f(Tag::CameraOwnerName, Value::Ascii(vec![b"Kim".to_vec()])),
        f(
            Tag::MakerNote,
            Value::Undefined(b"maker secrets".to_vec(), 0),
        ),
        f(Tag::GPSLatitudeRef, Value::Ascii(vec![b"N".to_vec()])),
        f(Tag::GPSLatitude, Value::Rational(vec![r(35), r(9), r(0)])),
        f(Tag::GPSLongitudeRef, Value::Ascii(vec![b"E".to_vec()])),
        f(
            Tag::GPSLongitude,
            Value::Rational(vec![r(126), r(51), r(0)]),
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
    w.set_jpeg(b"\xFF\xD8 thumbnail \xFF\xD9", In::THUMBNAIL);
    let mut out = std::io::Cursor::new(Vec::new());
    w.write(&mut out, false).unwrap();
    out.into_inner()
}
