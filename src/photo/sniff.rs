//! What a file really is, from its first bytes, never from its name: the three formats
//! gongbo publishes ([`Format`]) and the ones an editor is likely to drop in by mistake
//! ([`Other`]), each with a hint. Then the name is checked against the content.
//!
//! Hand-written: a table of magic numbers is shorter than any dependency, and the
//! `image` crate's own guess knows neither HEIC nor SVG, PDF or text, which are the
//! mistakes worth a precise hint.

use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::diag::Text;

/// A format gongbo decodes and publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Webp => "WebP",
        }
    }

    /// The extension gongbo writes for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The media type, for `<source type>` and JSON-LD.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    /// Whether a file name extension (any case) names this format.
    pub fn accepts_extension(self, ext: &str) -> bool {
        let ext = ext.to_ascii_lowercase();
        match self {
            Format::Jpeg => matches!(ext.as_str(), "jpg" | "jpeg" | "jpe" | "jfif"),
            Format::Png => ext == "png",
            Format::Webp => ext == "webp",
        }
    }

    pub(crate) fn image_format(self) -> image::ImageFormat {
        match self {
            Format::Jpeg => image::ImageFormat::Jpeg,
            Format::Png => image::ImageFormat::Png,
            Format::Webp => image::ImageFormat::WebP,
        }
    }
}

/// Content gongbo does not publish as a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Other {
    Gif,
    Heic,
    Avif,
    JpegXl,
    /// TIFF and the camera raw formats built on it (DNG, CR2, NEF, ARW).
    Tiff,
    Bmp,
    Ico,
    Psd,
    Pdf,
    Svg,
    /// A WebP with several frames.
    AnimatedWebp,
    /// Readable text (HTML, Markdown, a web page saved under an image name…).
    Text,
    /// None of the above.
    Unknown,
}

impl Other {
    /// "a GIF animation", "an HEIC photo (the iPhone's format)", …
    pub fn described(self) -> Text {
        match self {
            Other::Gif => t!("a GIF image"),
            Other::Heic => t!("an HEIC photo (the format iPhones save by default)"),
            Other::Avif => t!("an AVIF image"),
            Other::JpegXl => t!("a JPEG XL image"),
            Other::Tiff => t!("a TIFF or camera raw image"),
            Other::Bmp => t!("a BMP image"),
            Other::Ico => t!("an icon file"),
            Other::Psd => t!("a Photoshop document"),
            Other::Pdf => t!("a PDF document"),
            Other::Svg => t!("an SVG drawing"),
            Other::AnimatedWebp => t!("an animated WebP"),
            Other::Text => t!("a text file, not an image"),
            Other::Unknown => t!("not an image format gongbo knows"),
        }
    }

    pub fn hint(self) -> Text {
        match self {
            Other::Heic => {
                t!("export it as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible)")
            }
            Other::Svg => t!("put drawings in the body as an SVG image, or export a JPEG or PNG"),
            Other::Psd | Other::Pdf => {
                t!("export the picture from it as JPEG (or PNG for a chart)")
            }
            Other::Text | Other::Unknown => {
                t!("check that this is the photo you meant, and export it as JPEG")
            }
            Other::AnimatedWebp | Other::Gif => t!("export a still picture as JPEG or PNG"),
            _ => t!("export it as JPEG (or PNG for a screenshot or chart)"),
        }
    }
}

/// What the content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Photo(Format),
    Other(Other),
    Empty,
}

/// Looks at the first bytes of `data`.
pub fn sniff(data: &[u8]) -> Sniffed {
    if data.is_empty() {
        return Sniffed::Empty;
    }
    let at = |i: usize, magic: &[u8]| data.get(i..i + magic.len()) == Some(magic);
    let other = if at(0, &[0xFF, 0xD8, 0xFF]) {
        return Sniffed::Photo(Format::Jpeg);
    } else if at(0, b"\x89PNG\r\n\x1a\n") {
        return Sniffed::Photo(Format::Png);
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        return Sniffed::Photo(Format::Webp);
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        Other::Gif
    } else if at(4, b"ftyp") {
        ftyp(data)
    } else if at(0, &[0xFF, 0x0A]) || at(0, b"\0\0\0\x0cJXL \r\n\x87\n") {
        Other::JpegXl
    } else if at(0, b"II*\0") || at(0, b"MM\0*") || at(0, b"IIRO") || at(0, b"IIU\0") {
        Other::Tiff
    } else if at(0, b"BM") && data.len() > 14 {
        Other::Bmp
    } else if at(0, &[0, 0, 1, 0]) {
        Other::Ico
    } else if at(0, b"8BPS") {
        Other::Psd
    } else if at(0, b"%PDF") {
        Other::Pdf
    } else {
        text_kind(data)
    };
    Sniffed::Other(other)
}

/// ISO-BMFF files (`....ftyp<brand>`): HEIC/HEIF and AVIF, by their brands.
fn ftyp(data: &[u8]) -> Other {
    let size = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as usize;
    let end = size.clamp(12, 64).min(data.len());
    let brands = data.get(8..end).unwrap_or_default();
    let has = |b: &[u8]| brands.chunks(4).any(|c| c == b);
    if has(b"avif") || has(b"avis") {
        Other::Avif
    } else if [
        b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1",
    ]
    .iter()
    .any(|b| has(*b))
    {
        Other::Heic
    } else {
        Other::Unknown
    }
}

/// Text, and among text files the SVG drawings.
fn text_kind(data: &[u8]) -> Other {
    let head = &data[..data.len().min(4096)];
    // A cut in the middle of a character at the end of the sample is still text.
    let valid = match std::str::from_utf8(head) {
        Ok(s) => Some(s),
        Err(e) if e.valid_up_to() + 4 > head.len() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).ok()
        }
        Err(_) => None,
    };
    let Some(text) = valid.filter(|t| !t.contains('\0')) else {
        return Other::Unknown;
    };
    let lower = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if lower.contains("<svg") && (lower.starts_with('<')) {
        Other::Svg
    } else {
        Other::Text
    }
}

/// The file name's extension, lower-case, or `""`.
pub fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_photo_formats_by_content() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Sniffed::Photo(Format::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Sniffed::Photo(Format::Png));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Sniffed::Photo(Format::Webp));
        assert_eq!(sniff(b""), Sniffed::Empty);
    }

    #[test]
    fn names_the_usual_mistakes() {
        let o = |d: &[u8]| match sniff(d) {
            Sniffed::Other(o) => o,
            s => panic!("{s:?}"),
        };
        assert_eq!(o(b"GIF89a......"), Other::Gif);
        assert_eq!(o(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), Other::Heic);
        assert_eq!(o(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"), Other::Avif);
        assert_eq!(o(b"\0\0\0\x14ftypisom\0\0\0\0isom"), Other::Unknown);
        assert_eq!(o(b"II*\0\x08\0\0\0"), Other::Tiff);
        assert_eq!(o(b"%PDF-1.7\n"), Other::Pdf);
        assert_eq!(
            o(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<svg xmlns=\"\">"),
            Other::Svg
        );
        assert_eq!(o(b"  <svg viewBox='0 0 1 1'/>"), Other::Svg);
        assert_eq!(o("보도자료 본문입니다".as_bytes()), Other::Text);
        assert_eq!(o(b"<html><body>not found</body></html>"), Other::Text);
        assert_eq!(o(&[0x00, 0x13, 0x99, 0xFE, 0x00, 0x01]), Other::Unknown);
        // A four-byte sample of a longer Korean text cut mid-character is still text.
        assert_eq!(o(&"가나".as_bytes()[..4]), Other::Text);
    }

    #[test]
    fn extensions_are_compared_without_case() {
        assert!(Format::Jpeg.accepts_extension("JPEG"));
        assert!(Format::Jpeg.accepts_extension("jpg"));
        assert!(!Format::Jpeg.accepts_extension("png"));
        assert!(Format::Webp.accepts_extension("WebP"));
        assert_eq!(extension(Path::new("a/B.JPG")), "jpg");
        assert_eq!(extension(Path::new("a/noext")), "");
    }
}
