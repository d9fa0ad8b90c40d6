//! What a photo's metadata says, read from the blocks the container walk found: the
//! orientation, what is private ([`Private`]: location, serial numbers, owner,
//! previews), and the rights ([`Rights`]: copyright and artist) that gongbo writes back
//! into every file it publishes, as a minimal EXIF ([`minimal_exif`]).
//!
//! EXIF is parsed with `kamadak-exif`; XMP is searched for the standard property names
//! (an XML parser would add nothing: the names are what matters, whatever prefix a
//! writer chose); the IPTC record inside Photoshop's APP13 resources is walked by hand
//! (a few lines; no maintained crate reads it).

use exif::{Context, Field, In, Tag, Value};
use serde::{Deserialize, Serialize};

use super::container::Meta;
use crate::diag::Text;

/// Private data a photo carries. gongbo never publishes any of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Private {
    /// Where location data was found (GPS position, city, country…).
    pub location: Vec<Where>,
    /// Camera body or lens serial numbers.
    pub serial_numbers: bool,
    /// The camera owner's name.
    pub owner_name: bool,
    /// A maker note: the camera maker's private block, which often holds serials.
    pub maker_note: bool,
    /// Embedded previews and extra images, by where they were found.
    pub thumbnails: Vec<String>,
    /// Other metadata blocks that are dropped (XMP, IPTC, comments, text chunks…).
    pub other: Vec<String>,
}

/// Which metadata block holds location data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Where {
    /// EXIF GPS fields.
    Exif,
    /// XMP properties (`exif:GPS…`, `photoshop:City`, `Iptc4xmpCore:Location`, …).
    Xmp,
    /// IPTC datasets (city, sub-location, province, country).
    Iptc,
}

impl Where {
    pub fn described(self) -> Text {
        match self {
            Where::Exif => t!("a GPS position in the EXIF data"),
            Where::Xmp => t!("location fields in the XMP data"),
            Where::Iptc => t!("location fields in the IPTC data"),
        }
    }
}

/// Copyright and artist, as raw EXIF ASCII parts (EXIF's copyright has a
/// photographer part and an editor part).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Rights {
    pub copyright: Vec<Vec<u8>>,
    pub artist: Vec<Vec<u8>>,
}

/// Everything read from the metadata.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// EXIF orientation, 1–8 (1 when absent or invalid).
    pub orientation: u8,
    pub private: Private,
    pub rights: Rights,
}

/// The most bytes kept of a copyright or artist text.
const MAX_RIGHTS: usize = 1000;

pub(crate) fn read(meta: &Meta<'_>) -> Read {
    let mut r = Read {
        orientation: 1,
        ..Read::default()
    };
    let mut exif_blobs: Vec<&[u8]> = meta.exif.clone();
    let mut xmp: Vec<&[u8]> = meta.xmp.clone();
    let mut iptc = Iptc::default();
    for block in &meta.photoshop {
        photoshop(block, &mut exif_blobs, &mut xmp, &mut iptc, &mut r.private);
    }
    for (n, blob) in exif_blobs.iter().enumerate() {
        exif(blob, n == 0, &mut r);
    }
    if xmp.iter().any(|x| xmp_has(x, is_location_name)) {
        r.private.location.push(Where::Xmp);
    }
    r.private.serial_numbers |= xmp
        .iter()
        .any(|x| xmp_has(x, |n| n.ends_with("SerialNumber")));
    r.private.owner_name |= xmp.iter().any(|x| xmp_has(x, |n| n.ends_with("OwnerName")));
    if iptc.location {
        r.private.location.push(Where::Iptc);
    }
    if r.rights.copyright.is_empty() {
        r.rights.copyright = iptc.copyright.into_iter().collect();
    }
    if r.rights.artist.is_empty() {
        r.rights.artist = iptc.by_line.into_iter().collect();
    }
    let p = &mut r.private;
    p.thumbnails
        .extend(meta.thumbnails.iter().map(|t| t.to_string()));
    if !meta.xmp.is_empty() || meta.xmp_compressed {
        p.other.push("XMP".to_string());
    }
    if !meta.photoshop.is_empty() {
        p.other.push("Photoshop/IPTC".to_string());
    }
    p.other.extend(meta.other.iter().cloned());
    r
}

fn exif(blob: &[u8], primary: bool, r: &mut Read) {
    let mut damaged = false;
    let parsed = exif::Reader::new()
        .continue_on_error(true)
        .read_raw(blob.to_vec())
        .or_else(|e| e.distill_partial_result(|errors| damaged = !errors.is_empty()));
    let Ok(parsed) = parsed else {
        r.private.other.push("unreadable EXIF".to_string());
        return;
    };
    if damaged {
        r.private.other.push("damaged EXIF".to_string());
    }
    let mut gps = false;
    for f in parsed.fields() {
        let main = f.ifd_num == In::PRIMARY;
        match f.tag {
            Tag::BodySerialNumber | Tag::LensSerialNumber => r.private.serial_numbers = true,
            Tag::CameraOwnerName => r.private.owner_name = true,
            Tag::MakerNote => r.private.maker_note = true,
            Tag::JPEGInterchangeFormat if f.ifd_num == In::THUMBNAIL => {
                r.private.thumbnails.push("EXIF thumbnail".to_string());
            }
            Tag::Orientation if main && primary => {
                if let Some(o @ 1..=8) = f.value.get_uint(0) {
                    r.orientation = o as u8;
                }
            }
            Tag::Copyright if main && r.rights.copyright.is_empty() => {
                r.rights.copyright = ascii(&f.value);
            }
            Tag::Artist if main && r.rights.artist.is_empty() => r.rights.artist = ascii(&f.value),
            Tag(Context::Gps, _) if f.tag != Tag::GPSVersionID => gps = true,
            _ => {}
        }
    }
    if gps && !r.private.location.contains(&Where::Exif) {
        r.private.location.push(Where::Exif);
    }
}

/// The non-empty parts of an ASCII value, each cut to [`MAX_RIGHTS`] bytes.
fn ascii(v: &Value) -> Vec<Vec<u8>> {
    let Value::Ascii(parts) = v else {
        return Vec::new();
    };
    let parts: Vec<Vec<u8>> = parts.iter().map(|p| cut(p.trim_ascii())).collect();
    if parts.iter().all(|p| p.is_empty()) {
        return Vec::new();
    }
    parts
}

fn cut(b: &[u8]) -> Vec<u8> {
    let mut n = b.len().min(MAX_RIGHTS);
    // Cut UTF-8 text at a character boundary.
    while n < b.len() && n > 0 && (b[n] & 0xC0) == 0x80 {
        n -= 1;
    }
    b[..n].to_vec()
}

/// Whether an XMP packet has a non-empty property whose local name passes `want`.
fn xmp_has(xml: &[u8], want: impl Fn(&str) -> bool) -> bool {
    let name_char = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
    xml.iter().enumerate().any(|(i, &c)| {
        if c != b':' || !i.checked_sub(1).is_some_and(|j| name_char(xml[j])) {
            return false;
        }
        let rest = &xml[i + 1..];
        let len = rest.iter().take_while(|&&c| name_char(c)).count();
        let Ok(name) = std::str::from_utf8(&rest[..len]) else {
            return false;
        };
        let after = &rest[len..];
        let empty =
            after.starts_with(b"=\"\"") || after.starts_with(b"=''") || after.starts_with(b"/>");
        let property = matches!(
            after.first(),
            Some(b'=' | b'>' | b' ' | b'\t' | b'\r' | b'\n')
        );
        len > 0 && property && !empty && want(name)
    })
}

fn is_location_name(name: &str) -> bool {
    (name.starts_with("GPS") && name != "GPSVersionID")
        || matches!(
            name,
            "City"
                | "State"
                | "Country"
                | "CountryCode"
                | "CountryName"
                | "Location"
                | "Sublocation"
                | "LocationCreated"
                | "LocationShown"
                | "ProvinceState"
                | "WorldRegion"
        )
}

#[derive(Debug, Default)]
struct Iptc {
    location: bool,
    copyright: Option<Vec<u8>>,
    by_line: Option<Vec<u8>>,
}

/// Photoshop image resources: `8BIM`, id, Pascal name (even), size, data (even).
fn photoshop<'a>(
    mut d: &'a [u8],
    exif: &mut Vec<&'a [u8]>,
    xmp: &mut Vec<&'a [u8]>,
    iptc: &mut Iptc,
    private: &mut Private,
) {
    while d.len() >= 12 && [&b"8BIM"[..], b"MeSa", b"PHUT", b"AgHg", b"DCSR"].contains(&&d[..4]) {
        let id = u16::from_be_bytes([d[4], d[5]]);
        let name = 1 + usize::from(d[6]);
        let at = 6 + name + name % 2;
        let Some(size) = d.get(at..at + 4) else {
            return;
        };
        let size = u32::from_be_bytes([size[0], size[1], size[2], size[3]]) as usize;
        let Some(data) = d.get(at + 4..).and_then(|r| r.get(..size)) else {
            return;
        };
        match id {
            0x0404 => iptc_records(data, iptc),
            0x0409 | 0x040C => private.thumbnails.push("Photoshop thumbnail".to_string()),
            0x0422 => exif.push(data),
            0x0424 => xmp.push(data),
            _ => {}
        }
        d = d.get(at + 4 + size + size % 2..).unwrap_or_default();
    }
}

/// IPTC-IIM datasets: `1C`, record, dataset, size (16 bits; extended sizes skipped).
fn iptc_records(mut d: &[u8], iptc: &mut Iptc) {
    while d.len() >= 5 && d[0] == 0x1C {
        let (record, set) = (d[1], d[2]);
        let size = usize::from(u16::from_be_bytes([d[3], d[4]]));
        if size & 0x8000 != 0 {
            return;
        }
        let Some(value) = d.get(5..5 + size) else {
            return;
        };
        let value = value.trim_ascii();
        if record == 2 && !value.is_empty() {
            match set {
                26 | 27 | 90 | 92 | 95 | 100 | 101 => iptc.location = true,
                116 if iptc.copyright.is_none() => iptc.copyright = Some(cut(value)),
                80 if iptc.by_line.is_none() => iptc.by_line = Some(cut(value)),
                _ => {}
            }
        }
        d = &d[5 + size..];
    }
}

/// A TIFF payload with only what gongbo keeps: the orientation (for an original whose
/// pixels are not rotated) and the rights. `None` when there is nothing to say.
pub(crate) fn minimal_exif(orientation: Option<u8>, rights: &Rights) -> Option<Vec<u8>> {
    let mut fields = Vec::new();
    if let Some(o) = orientation.filter(|&o| o != 1) {
        fields.push(field(Tag::Orientation, Value::Short(vec![u16::from(o)])));
    }
    if !rights.artist.is_empty() {
        fields.push(field(Tag::Artist, Value::Ascii(rights.artist.clone())));
    }
    if !rights.copyright.is_empty() {
        fields.push(field(
            Tag::Copyright,
            Value::Ascii(rights.copyright.clone()),
        ));
    }
    if fields.is_empty() {
        return None;
    }
    let mut w = exif::experimental::Writer::new();
    fields.iter().for_each(|f| w.push_field(f));
    let mut out = std::io::Cursor::new(Vec::new());
    w.write(&mut out, true).ok()?;
    Some(out.into_inner())
}

fn field(tag: Tag, value: Value) -> Field {
    Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    }
}

impl Rights {
    /// For display: the parts joined with "; ".
    pub fn text(parts: &[Vec<u8>]) -> Option<String> {
        let parts: Vec<String> = parts
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

#[cfg(test)]
mod tests;
