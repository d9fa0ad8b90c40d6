//! Reading pixels with the `image` crate: first the header alone ([`header`]: size,
//! colour type, profile, no pixel allocated), then, once the size is accepted, the
//! pixels under an allocation limit ([`decode`]), as 8-bit RGB or RGBA.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, Limits};

use super::error::Problem;
use super::sniff::Format;

/// What the header says.
#[derive(Debug)]
pub(crate) struct Header {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    /// Bytes per pixel of the decoder's own output (16-bit PNGs decode to 6 or 8).
    pub decoded_bpp: u64,
    /// The colour profile, decompressed (PNG's `iCCP` is zlib data).
    pub icc: Option<Vec<u8>>,
}

/// Decoded pixels, 8 bits per channel, rows top to bottom as stored in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pixels {
    pub width: u32,
    pub height: u32,
    /// RGBA when true, else RGB.
    pub alpha: bool,
    pub data: Vec<u8>,
}

/// What a decoder may allocate beyond the pixels (metadata chunks, a compressed colour
/// profile): enough for any real profile.
const HEADER_ALLOC: u64 = 16 * 1024 * 1024;

fn reader(data: &[u8], format: Format, max_alloc: u64) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(data), format.image_format());
    let mut limits = Limits::default();
    limits.max_alloc = Some(max_alloc);
    reader.limits(limits);
    reader
}

/// The header, for a photo of at most `pixels` pixels (already checked by the caller
/// on the container's own reading of the size).
pub(crate) fn header(data: &[u8], format: Format, pixels: u64) -> Result<Header, Problem> {
    let mut decoder = reader(data, format, pixels.saturating_mul(8) + HEADER_ALLOC)
        .into_decoder()
        .map_err(|e| problem(e, format))?;
    let (width, height) = decoder.dimensions();
    let color = decoder.color_type();
    let icc = decoder
        .icc_profile()
        .ok()
        .flatten()
        .filter(|p| !p.is_empty());
    Ok(Header {
        width,
        height,
        alpha: color.has_alpha(),
        decoded_bpp: u64::from(color.bytes_per_pixel()),
        icc,
    })
}

/// Decodes the pixels; `max_alloc` bounds what the decoder may allocate.
pub(crate) fn decode(data: &[u8], format: Format, max_alloc: u64) -> Result<Pixels, Problem> {
    let image = reader(data, format, max_alloc)
        .decode()
        .map_err(|e| problem(e, format))?;
    let (width, height) = (image.width(), image.height());
    let alpha = image.color().has_alpha();
    let data = match image {
        DynamicImage::ImageRgb8(b) => b.into_raw(),
        DynamicImage::ImageRgba8(b) => b.into_raw(),
        other if alpha => other.into_rgba8().into_raw(),
        other => other.into_rgb8().into_raw(),
    };
    Ok(Pixels {
        width,
        height,
        alpha,
        data,
    })
}

/// The decoder's error in the user's terms.
fn problem(e: ImageError, format: Format) -> Problem {
    match e {
        ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            Problem::Truncated
        }
        ImageError::Unsupported(u) => Problem::UnsupportedVariant {
            found: format,
            detail: u.to_string(),
        },
        ImageError::Limits(l) => Problem::Corrupt {
            detail: format!("decoding it would need too much memory: {l}"),
        },
        other => {
            let detail = other.to_string();
            // Decoders say "unexpected end of file" or "no more data" in their own words.
            let lower = detail.to_lowercase();
            if lower.contains("end of file") || lower.contains("eof") || lower.contains("no more") {
                Problem::Truncated
            } else {
                Problem::Corrupt { detail }
            }
        }
    }
}
