//! WebP: a RIFF file of chunks (module named for the container: `webp` is the crate) (the WebP container specification, RFC 9649 §2).
//!
//! Kept: the bitstream (`VP8 ` or `VP8L`), its alpha plane (`ALPH`) and the colour
//! profile (`ICCP`). Dropped: `EXIF`, `XMP `, unknown chunks and bytes after the RIFF
//! end. The extended header (`VP8X`) is written anew with flags for what is left.
//! Animations (`ANIM`/`ANMF`) are reported, for the caller to refuse.

use super::Meta;
use crate::photo::error::Problem;

const FLAG_ICC: u8 = 0x20;
const FLAG_ALPHA: u8 = 0x10;
const FLAG_EXIF: u8 = 0x08;
const FLAG_ANIMATION: u8 = 0x02;

#[derive(Debug)]
pub(crate) struct Body<'a> {
    /// Whole `ALPH` and `VP8 `/`VP8L` chunks (header and padding included), in order.
    image: Vec<&'a [u8]>,
    /// The profile's bytes (the `ICCP` chunk's data).
    pub icc: Option<&'a [u8]>,
    alpha: bool,
    pub animated: bool,
    /// The canvas (`VP8X`) or, without one, the bitstream's frame size.
    pub size: Option<(u32, u32)>,
}

pub(crate) fn parse<'a>(d: &'a [u8], meta: &mut Meta<'a>) -> Result<Body<'a>, Problem> {
    if d.len() < 12 || &d[..4] != b"RIFF" || &d[8..12] != b"WEBP" {
        return Err(if d.len() < 12 {
            Problem::Truncated
        } else {
            corrupt("it does not start like a WebP")
        });
    }
    let size = u32::from_le_bytes([d[4], d[5], d[6], d[7]]) as usize;
    let end = size
        .checked_add(8)
        .filter(|&e| e >= 12)
        .ok_or_else(|| corrupt("bad size"))?;
    if end > d.len() {
        return Err(Problem::Truncated);
    }
    let mut body = Body {
        image: Vec::new(),
        icc: None,
        alpha: false,
        animated: false,
        size: None,
    };
    let mut canvas = None;
    let mut bitstream = false;
    let mut i = 12;
    while i < end {
        let head = d
            .get(i..i + 8)
            .filter(|_| i + 8 <= end)
            .ok_or(Problem::Truncated)?;
        let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
        let data_end = (i + 8)
            .checked_add(len)
            .filter(|&e| e <= end)
            .ok_or(Problem::Truncated)?;
        let padded = (data_end + len % 2).min(end);
        let data = &d[i + 8..data_end];
        match &head[..4] {
            b"VP8X" => {
                let flags = *data.first().ok_or_else(|| corrupt("short VP8X"))?;
                let le24 = |i: usize| {
                    data.get(i..i + 3)
                        .map(|b| 1 + u32::from_le_bytes([b[0], b[1], b[2], 0]))
                };
                canvas = le24(4).zip(le24(7));
                body.alpha |= flags & FLAG_ALPHA != 0;
                body.animated |= flags & FLAG_ANIMATION != 0;
            }
            b"VP8 " | b"VP8L" if !bitstream => {
                bitstream = true;
                body.size = frame_size(&head[..4], data);
                if &head[..4] == b"VP8L" {
                    // Signature 0x2F, then 14+14 bits of size, then the alpha bit.
                    body.alpha |= data.get(4).is_some_and(|b| b & 0x10 != 0);
                }
                body.image.push(&d[i..padded]);
            }
            b"ALPH" if !bitstream => {
                body.alpha = true;
                body.image.push(&d[i..padded]);
            }
            b"ICCP" if body.icc.is_none() => body.icc = Some(data),
            b"ANIM" | b"ANMF" => body.animated = true,
            b"EXIF" => meta.exif.push(exif_payload(data)),
            b"XMP " => meta.xmp.push(data),
            other => meta
                .other
                .push(String::from_utf8_lossy(other).trim().to_string()),
        }
        i = padded;
    }
    if !bitstream && !body.animated {
        return Err(corrupt("it has no image data"));
    }
    meta.trailer = d.len() - end;
    body.size = canvas.or(body.size);
    Ok(body)
}

/// The size in a `VP8 ` key frame header or a `VP8L` header.
fn frame_size(kind: &[u8], d: &[u8]) -> Option<(u32, u32)> {
    if kind == b"VP8 " {
        // Frame tag (3), start code 9D 01 2A, then 14-bit width and height.
        if d.get(3..6)? != [0x9D, 0x01, 0x2A] {
            return None;
        }
        let le = |i: usize| u32::from(u16::from_le_bytes([d[i], d[i + 1]]) & 0x3FFF);
        d.get(6..10)?;
        Some((le(6), le(8)))
    } else {
        // Signature 0x2F, then width-1 and height-1 in 14 bits each.
        let b = d.get(1..5)?;
        let bits = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
    }
}

/// Some writers put JPEG's `Exif\0\0` prefix in front of the TIFF data.
fn exif_payload(data: &[u8]) -> &[u8] {
    data.strip_prefix(b"Exif\0\0").unwrap_or(data)
}

/// The WebP rebuilt from the kept chunks, with `exif` as its only metadata.
pub(crate) fn assemble(body: &Body<'_>, exif: Option<&[u8]>, size: (u32, u32)) -> Vec<u8> {
    write(&body.image, body.alpha, body.icc, exif, size)
}

/// An encoder's WebP (`encoded`) with a colour profile and EXIF added.
pub(crate) fn wrap(
    encoded: &[u8],
    icc: Option<&[u8]>,
    exif: Option<&[u8]>,
    size: (u32, u32),
) -> Result<Vec<u8>, Problem> {
    let body = parse(encoded, &mut Meta::default())?;
    Ok(write(&body.image, body.alpha, icc, exif, size))
}

fn write(
    image: &[&[u8]],
    alpha: bool,
    icc: Option<&[u8]>,
    exif: Option<&[u8]>,
    (w, h): (u32, u32),
) -> Vec<u8> {
    let has_alph = image.iter().any(|c| c.starts_with(b"ALPH"));
    let mut out = Vec::with_capacity(image.iter().map(|c| c.len()).sum::<usize>() + 64);
    out.extend_from_slice(b"RIFF\0\0\0\0WEBP");
    if icc.is_some() || exif.is_some() || has_alph {
        let mut flags = 0;
        if icc.is_some() {
            flags |= FLAG_ICC;
        }
        if alpha || has_alph {
            flags |= FLAG_ALPHA;
        }
        if exif.is_some() {
            flags |= FLAG_EXIF;
        }
        let mut x = vec![flags, 0, 0, 0];
        x.extend_from_slice(&(w.max(1) - 1).to_le_bytes()[..3]);
        x.extend_from_slice(&(h.max(1) - 1).to_le_bytes()[..3]);
        chunk(&mut out, b"VP8X", &x);
        if let Some(icc) = icc {
            chunk(&mut out, b"ICCP", icc);
        }
    }
    for c in image {
        out.extend_from_slice(c);
        if c.len() % 2 == 1 {
            out.push(0);
        }
    }
    if let Some(exif) = exif {
        chunk(&mut out, b"EXIF", exif);
    }
    let riff = (out.len() - 8) as u32;
    out[4..8].copy_from_slice(&riff.to_le_bytes());
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(kind);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

fn corrupt(what: &str) -> Problem {
    Problem::Corrupt {
        detail: format!("the WebP structure is broken: {what}"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn riff(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
        for (k, d) in chunks {
            chunk(&mut out, k, d);
        }
        let n = (out.len() - 8) as u32;
        out[4..8].copy_from_slice(&n.to_le_bytes());
        out
    }

    pub(crate) fn tiny() -> Vec<u8> {
        riff(&[(b"VP8 ", &[1, 2, 3, 4, 5]), (b"EXIF", b"MM\0*\0\0\0\x08")])
    }

    #[test]
    fn drops_metadata_and_rewrites_the_header() {
        let mut d = riff(&[
            (b"VP8X", &[FLAG_EXIF | 0x04, 0, 0, 0, 9, 0, 0, 4, 0, 0]),
            (b"ICCP", b"profile"),
            (b"VP8L", &[0x2F, 0, 0, 0, 0x10]),
            (b"XMP ", b"<exif:GPSLatitude>"),
            (b"EXIF", b"Exif\0\0II*\0"),
        ]);
        d.extend(b"junk");
        let mut meta = Meta::default();
        let body = parse(&d, &mut meta).unwrap();
        assert_eq!(meta.exif, [&b"II*\0"[..]]);
        assert_eq!(meta.xmp.len(), 1);
        assert_eq!(meta.trailer, 4);
        assert!(body.alpha, "VP8L alpha bit");
        let out = assemble(&body, None, (10, 5));
        let want = riff(&[
            (b"VP8X", &[FLAG_ICC | FLAG_ALPHA, 0, 0, 0, 9, 0, 0, 4, 0, 0]),
            (b"ICCP", b"profile"),
            (b"VP8L", &[0x2F, 0, 0, 0, 0x10]),
        ]);
        assert_eq!(out, want);
        // Nothing to declare: the simple format.
        let tiny = tiny();
        let simple = parse(&tiny, &mut Meta::default()).unwrap();
        assert_eq!(
            assemble(&simple, None, (1, 1)),
            riff(&[(b"VP8 ", &[1, 2, 3, 4, 5])])
        );
    }

    #[test]
    fn animations_are_reported() {
        let d = riff(&[
            (b"VP8X", &[FLAG_ANIMATION, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            (b"ANIM", &[0; 6]),
        ]);
        assert!(parse(&d, &mut Meta::default()).unwrap().animated);
    }
}
