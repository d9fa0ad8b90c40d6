//! JPEG: a sequence of marker segments (ITU T.81 Annex B). Each scan (`SOS`) is
//! followed by entropy-coded data in which `FF` is always escaped (`FF 00`) or a
//! restart marker, so the next real marker is the next `FF` followed by anything else.
//!
//! Kept: the frame, tables, scans with their data (all scans of a progressive file),
//! restart intervals, the Adobe `APP14` segment (it says how to read the colours) and
//! complete `ICC_PROFILE` segments. Dropped: every other application segment (JFIF with
//! its thumbnail, EXIF, XMP, Photoshop/IPTC, MPF, maker segments), comments, reserved
//! markers, and everything after the end-of-image marker.

use super::{be16, Meta};
use crate::photo::error::Problem;

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP1: u8 = 0xE1;
const APP2: u8 = 0xE2;
const APP13: u8 = 0xED;
const APP14: u8 = 0xEE;
const COM: u8 = 0xFE;

/// The parts of a JPEG that [`assemble`] writes back, in file order.
#[derive(Debug)]
pub(crate) struct Body<'a> {
    /// Whole segments (marker included) and scan data, in order.
    parts: Vec<&'a [u8]>,
    /// The `APP2 ICC_PROFILE` segments, when they form one complete profile.
    pub icc: Vec<&'a [u8]>,
    /// The `APP14 Adobe` segment.
    adobe: Option<&'a [u8]>,
    /// Width and height from the frame header (height 0 means "see DNL": `None`).
    pub size: Option<(u32, u32)>,
}

pub(crate) fn parse<'a>(d: &'a [u8], meta: &mut Meta<'a>) -> Result<Body<'a>, Problem> {
    if d.get(..2) != Some(&[0xFF, SOI]) {
        return Err(corrupt("it does not start like a JPEG"));
    }
    let mut body = Body {
        parts: Vec::new(),
        icc: Vec::new(),
        adobe: None,
        size: None,
    };
    let mut icc = Vec::new();
    let (mut frame, mut scans) = (false, false);
    let mut i = 2;
    loop {
        // Fill bytes (`FF FF …`) may precede any marker.
        while d.get(i) == Some(&0xFF) && d.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let marker = match (d.get(i), d.get(i + 1)) {
            (Some(0xFF), Some(&m)) => m,
            (None, _) | (Some(0xFF), None) => return Err(Problem::Truncated),
            _ => return Err(corrupt("a marker is missing between two segments")),
        };
        if marker == EOI {
            meta.trailer = d.len() - (i + 2);
            if meta.trailer > 0 {
                meta.thumbnails.push("data after the end of the image");
            }
            break;
        }
        // Markers without a length: stray restart markers and TEM carry nothing.
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            i += 2;
            continue;
        }
        if marker == SOI || marker == 0x00 {
            return Err(corrupt("a second start-of-image marker"));
        }
        let len = be16(d, i + 2).ok_or(Problem::Truncated)?;
        if len < 2 {
            return Err(corrupt("a segment with an impossible length"));
        }
        let end = i + 2 + len;
        let seg = d.get(i..end).ok_or(Problem::Truncated)?;
        let payload = &seg[4..];
        match marker {
            SOS => {
                if !frame {
                    return Err(corrupt("a scan before the frame header"));
                }
                scans = true;
                let data_end = scan_end(d, end)?;
                body.parts.push(&d[i..data_end]);
                i = data_end;
                continue;
            }
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            0xC0..=0xCF if ![0xC4, 0xC8, 0xCC].contains(&marker) => {
                // Precision (1), height (2), width (2), components…
                if !frame {
                    let (h, w) = (be16(payload, 1), be16(payload, 3));
                    body.size = h
                        .zip(w)
                        .filter(|&(h, w)| h > 0 && w > 0)
                        .map(|(h, w)| (w as u32, h as u32));
                }
                frame = true;
                body.parts.push(seg);
            }
            // DHT, DAC, DQT, DNL, DRI, DHP, EXP.
            0xC4 | 0xCC | 0xDB..=0xDF => body.parts.push(seg),
            APP0..=0xEF | COM => app(marker, seg, payload, meta, &mut body, &mut icc),
            // JPG, JPGn (F0–FD) and other reserved markers: extensions gongbo's decoder
            // does not read, so nothing of the image is lost with them.
            _ => meta.other.push(format!("marker {marker:02X}")),
        }
        i = end;
    }
    if !frame || !scans {
        return Err(corrupt("it has no image data"));
    }
    body.icc = complete_icc(icc);
    Ok(body)
}

/// Sorts an application segment or comment into `meta` or `body`.
fn app<'a>(
    marker: u8,
    seg: &'a [u8],
    payload: &'a [u8],
    meta: &mut Meta<'a>,
    body: &mut Body<'a>,
    icc: &mut Vec<(u8, u8, &'a [u8])>,
) {
    let starts = |p: &[u8]| payload.starts_with(p);
    match marker {
        APP0 if starts(b"JFIF\0") => {
            // Version (2), units (1), density (4), then the thumbnail's width and height.
            if payload.get(12).is_some_and(|&w| w > 0) && payload.get(13).is_some_and(|&h| h > 0) {
                meta.thumbnails.push("JFIF thumbnail");
            }
        }
        APP0 if starts(b"JFXX\0") => meta.thumbnails.push("JFIF extension thumbnail"),
        APP1 if starts(b"Exif\0") && payload.len() > 6 => meta.exif.push(&payload[6..]),
        APP1 if starts(b"http://ns.adobe.com/xap/1.0/\0") => meta.xmp.push(&payload[29..]),
        APP1 if starts(b"http://ns.adobe.com/xmp/extension/\0") => {
            // GUID (32), full length (4), offset (4), then a piece of the packet.
            meta.xmp.push(payload.get(35 + 40..).unwrap_or_default());
        }
        APP2 if starts(b"ICC_PROFILE\0") && payload.len() > 14 => {
            icc.push((payload[12], payload[13], seg));
        }
        APP2 if starts(b"MPF\0") => meta.thumbnails.push("Multi-Picture images"),
        APP13 if starts(b"Photoshop 3.0\0") => meta.photoshop.push(&payload[14..]),
        APP14 if starts(b"Adobe") && body.adobe.is_none() => body.adobe = Some(seg),
        COM => meta.other.push("comment".to_string()),
        _ => meta.other.push(format!("APP{}", marker - APP0)),
    }
}

/// The `APP2` segments of one profile, in sequence order, when each of `1..=count`
/// is there exactly once; otherwise none (a broken profile is worse than none).
fn complete_icc(mut chunks: Vec<(u8, u8, &[u8])>) -> Vec<&[u8]> {
    let Some(&(_, count, _)) = chunks.first() else {
        return Vec::new();
    };
    chunks.sort_by_key(|c| c.0);
    let complete = count > 0
        && chunks.len() == usize::from(count)
        && chunks
            .iter()
            .enumerate()
            .all(|(k, c)| c.1 == count && usize::from(c.0) == k + 1);
    if complete {
        chunks.into_iter().map(|c| c.2).collect()
    } else {
        Vec::new()
    }
}

/// The end of the entropy-coded data that starts at `from`: the next `FF` that is
/// neither stuffing (`FF 00`), a restart marker (`FF D0`–`FF D7`) nor a fill byte.
fn scan_end(d: &[u8], from: usize) -> Result<usize, Problem> {
    let mut i = from;
    loop {
        let ff = d[i..]
            .iter()
            .position(|&b| b == 0xFF)
            .ok_or(Problem::Truncated)?;
        i += ff;
        match d.get(i + 1) {
            None => return Err(Problem::Truncated),
            Some(0x00 | 0xD0..=0xD7) => i += 2,
            // A fill byte or a marker: the main loop reads it.
            Some(_) => return Ok(i),
        }
    }
}

/// The JPEG rebuilt: SOI, the minimal EXIF, the profile, the Adobe segment, the image.
pub(crate) fn assemble(body: &Body<'_>, exif: Option<&[u8]>) -> Vec<u8> {
    let size: usize = body.parts.iter().chain(&body.icc).map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(size + 128);
    out.extend_from_slice(&[0xFF, SOI]);
    if let Some(exif) = exif {
        // The callers' EXIF holds a few short fields; one segment holds up to 64 KB.
        let len = 2 + 6 + exif.len();
        if let Ok(len) = u16::try_from(len) {
            out.extend_from_slice(&[0xFF, APP1]);
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(b"Exif\0\0");
            out.extend_from_slice(exif);
        }
    }
    for part in body.icc.iter().chain(&body.adobe).chain(&body.parts) {
        out.extend_from_slice(part);
    }
    out.extend_from_slice(&[0xFF, EOI]);
    out
}

fn corrupt(what: &str) -> Problem {
    Problem::Corrupt {
        detail: format!("the JPEG structure is broken: {what}"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn seg(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    /// A structurally complete JPEG (not decodable: the tables are dummies).
    pub(crate) fn tiny() -> Vec<u8> {
        let mut d = vec![0xFF, SOI];
        d.extend(seg(APP1, b"Exif\0\0MM\0*\0\0\0\x08\0\0"));
        d.extend(seg(0xDB, &[0; 65]));
        d.extend(seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        d.extend(seg(SOS, &[1, 1, 0, 0, 63, 0]));
        d.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        d.extend([0xFF, EOI]);
        d
    }

    #[test]
    fn keeps_the_image_and_drops_metadata_and_trailers() {
        let mut d = tiny();
        let eoi = d.len() - 2;
        // Metadata between the scan and the end, and a "motion photo" after the end.
        d.splice(eoi..eoi, seg(COM, b"secret"));
        d.extend(b"ftypmp42 video with GPS");
        let mut meta = Meta::default();
        let body = parse(&d, &mut meta).unwrap();
        assert_eq!(meta.exif.len(), 1);
        assert_eq!(meta.other, ["comment"]);
        assert_eq!(meta.trailer, 23);
        let out = assemble(&body, None);
        assert!(out.ends_with(&[0x56, 0xFF, EOI]), "{out:02X?}");
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("secret") && !text.contains("GPS") && !text.contains("Exif"));
        // Scan data keeps its stuffing and restart markers byte for byte.
        assert!(out
            .windows(7)
            .any(|w| w == [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]));
        let again = assemble(&parse(&out, &mut Meta::default()).unwrap(), Some(b"MM\0*"));
        assert!(again.windows(10).any(|w| w == b"Exif\0\0MM\0*"));
    }

    #[test]
    fn an_icc_profile_is_kept_only_when_complete() {
        let icc = |seq: u8, n: u8| {
            let mut p = b"ICC_PROFILE\0".to_vec();
            p.extend([seq, n, 1, 2, 3]);
            seg(APP2, &p)
        };
        let with = |chunks: Vec<Vec<u8>>| {
            let mut d = tiny();
            for c in chunks.into_iter().rev() {
                d.splice(2..2, c);
            }
            let mut meta = Meta::default();
            parse(&d, &mut meta).unwrap().icc.len()
        };
        assert_eq!(with(vec![icc(2, 2), icc(1, 2)]), 2);
        assert_eq!(with(vec![icc(1, 2)]), 0);
        assert_eq!(with(vec![icc(1, 2), icc(1, 2)]), 0);
        assert_eq!(with(vec![icc(0, 0)]), 0);
    }

    #[test]
    fn broken_structures_are_errors_not_panics() {
        let mut no_frame = vec![0xFF, SOI];
        no_frame.extend(seg(SOS, &[0]));
        no_frame.extend([1, 0xFF, EOI]);
        assert!(matches!(
            parse(&no_frame, &mut Meta::default()),
            Err(Problem::Corrupt { .. })
        ));
        let bad_len = [0xFF, SOI, 0xFF, 0xDB, 0x00, 0x01];
        assert!(parse(&bad_len, &mut Meta::default()).is_err());
        let no_marker = [0xFF, SOI, 0x12, 0x34];
        assert!(parse(&no_marker, &mut Meta::default()).is_err());
    }
}
