//! PNG: a signature, then chunks of length, type, data and CRC (PNG 3rd edition §5).
//!
//! Kept: the chunks that change how the pixels look — header, palette, transparency,
//! colour space (`gAMA`, `cHRM`, `sRGB`, `iCCP`, `cICP`, `mDCv`, `cLLi`, `sBIT`) and the
//! image data. Dropped: `eXIf`, every text chunk (where XMP lives), times, physical
//! size, animation frames (an animated PNG keeps its still default image), private
//! chunks, and anything after `IEND`.

use super::Meta;
use crate::photo::error::Problem;

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const KEEP: [&[u8; 4]; 13] = [
    b"IHDR", b"PLTE", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"mDCv", b"cLLi",
    b"sBIT", b"IDAT", b"IEND",
];

#[derive(Debug)]
pub(crate) struct Body<'a> {
    /// Whole kept chunks (length, type, data, CRC), in order; `IHDR` first.
    chunks: Vec<&'a [u8]>,
    /// Width and height from `IHDR`.
    pub size: (u32, u32),
}

impl Body<'_> {
    pub fn has_icc(&self) -> bool {
        self.chunks.iter().any(|c| &c[4..8] == b"iCCP")
    }
}

pub(crate) fn parse<'a>(d: &'a [u8], meta: &mut Meta<'a>) -> Result<Body<'a>, Problem> {
    if !d.starts_with(SIGNATURE) {
        return Err(corrupt("it does not start like a PNG"));
    }
    let mut chunks = Vec::new();
    let mut i = SIGNATURE.len();
    let (mut data, mut ended) = (false, false);
    let mut size = (0, 0);
    while !ended {
        let head = d.get(i..i + 8).ok_or(Problem::Truncated)?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        if len > 0x7FFF_FFFF {
            return Err(corrupt("a chunk with an impossible length"));
        }
        let kind: [u8; 4] = [head[4], head[5], head[6], head[7]];
        let chunk = d.get(i..i + 12 + len).ok_or(Problem::Truncated)?;
        let body = &chunk[8..8 + len];
        if chunks.is_empty() {
            if &kind != b"IHDR" || len < 13 {
                return Err(corrupt("the header chunk is not first"));
            }
            let be =
                |i: usize| u32::from_be_bytes([body[i], body[i + 1], body[i + 2], body[i + 3]]);
            size = (be(0), be(4));
        }
        if KEEP.contains(&&kind) {
            data |= &kind == b"IDAT";
            ended = &kind == b"IEND";
            chunks.push(chunk);
        } else {
            classify(&kind, body, meta);
        }
        i += 12 + len;
    }
    if !data {
        return Err(corrupt("it has no image data"));
    }
    meta.trailer = d.len() - i;
    Ok(Body { chunks, size })
}

fn classify<'a>(kind: &[u8; 4], body: &'a [u8], meta: &mut Meta<'a>) {
    let keyword = |b: &'a [u8]| -> (&'a [u8], &'a [u8]) {
        match b.iter().position(|&c| c == 0) {
            Some(n) => (&b[..n], &b[n + 1..]),
            None => (b, &[]),
        }
    };
    match kind {
        b"eXIf" => meta.exif.push(body),
        b"iTXt" => {
            let (key, rest) = keyword(body);
            if key == b"XML:com.adobe.xmp" {
                // Compression flag, method, language tag\0, translated keyword\0, text.
                if rest.first() == Some(&0) {
                    let after_lang = keyword(rest.get(2..).unwrap_or_default()).1;
                    meta.xmp.push(keyword(after_lang).1);
                } else {
                    meta.xmp_compressed = true;
                }
            } else {
                meta.other.push(text_name(kind, key));
            }
        }
        b"tEXt" | b"zTXt" => {
            let key = keyword(body).0;
            meta.other.push(text_name(kind, key));
        }
        b"acTL" | b"fcTL" | b"fdAT" => {
            if !meta.thumbnails.contains(&"animation frames") {
                meta.thumbnails.push("animation frames");
            }
        }
        _ => meta.other.push(String::from_utf8_lossy(kind).into_owned()),
    }
}

fn text_name(kind: &[u8; 4], key: &[u8]) -> String {
    let key = String::from_utf8_lossy(&key[..key.len().min(79)]);
    format!("{} {key}", String::from_utf8_lossy(kind))
}

/// The PNG rebuilt from the kept chunks, with `exif` as an `eXIf` chunk after `IHDR`.
pub(crate) fn assemble(body: &Body<'_>, exif: Option<&[u8]>) -> Vec<u8> {
    let size: usize = body.chunks.iter().map(|c| c.len()).sum();
    let mut out = Vec::with_capacity(SIGNATURE.len() + size + 64);
    out.extend_from_slice(SIGNATURE);
    for (n, chunk) in body.chunks.iter().enumerate() {
        out.extend_from_slice(chunk);
        if let (0, Some(exif)) = (n, exif) {
            write_chunk(&mut out, b"eXIf", exif);
        }
    }
    out
}

fn write_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32fast::hash(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn corrupt(what: &str) -> Problem {
    Problem::Corrupt {
        detail: format!("the PNG structure is broken: {what}"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        write_chunk(&mut out, kind, data);
        out
    }

    pub(crate) fn tiny() -> Vec<u8> {
        let mut d = SIGNATURE.to_vec();
        d.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        d.extend(chunk(b"eXIf", b"MM\0*\0\0\0\x08"));
        d.extend(chunk(
            b"IDAT",
            &[0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0, 0],
        ));
        d.extend(chunk(b"IEND", &[]));
        d
    }

    #[test]
    fn keeps_pixels_and_colour_and_drops_text_and_exif() {
        let mut d = tiny();
        let at = SIGNATURE.len() + 25;
        let xmp = b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta exif:GPSLatitude='1'/>";
        d.splice(at..at, chunk(b"iTXt", xmp));
        d.splice(at..at, chunk(b"tEXt", b"Comment\0where I live"));
        d.splice(at..at, chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]));
        d.extend(b"trailing");
        let mut meta = Meta::default();
        let body = parse(&d, &mut meta).unwrap();
        assert_eq!(meta.exif.len(), 1);
        assert_eq!(meta.xmp, [&b"<x:xmpmeta exif:GPSLatitude='1'/>"[..]]);
        assert_eq!(meta.other, ["tEXt Comment"]);
        assert_eq!(meta.trailer, 8);
        let out = assemble(&body, Some(b"II*\0"));
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("gAMA") && !text.contains("where I live") && !text.contains("GPS"));
        assert!(out.ends_with(&chunk(b"IEND", &[])));
        // The new eXIf chunk follows IHDR and has a valid CRC.
        let ex = chunk(b"eXIf", b"II*\0");
        assert_eq!(&out[33..33 + ex.len()], &ex[..]);
    }

    #[test]
    fn the_header_must_come_first() {
        let mut d = SIGNATURE.to_vec();
        d.extend(chunk(b"IDAT", &[]));
        assert!(matches!(
            parse(&d, &mut Meta::default()),
            Err(Problem::Corrupt { .. })
        ));
    }
}
