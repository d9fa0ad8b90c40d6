//! What a photo is, before any pixel is decoded: the real format (from the content,
//! checked against the file name), the size from the header, the orientation, the
//! colour profile, the rights and the private data it carries. Everything that makes a
//! photo unpublishable is refused here, so a decompression bomb costs a header read.

use serde::{Deserialize, Serialize};
use std::path::Path;

use super::container::{self, Parsed};
use super::decode;
use super::error::Problem;
use super::meta::{self, Private, Rights};
use super::sniff::{self, Format, Other, Sniffed};

/// What gongbo accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// The most pixels (width × height) decoded for one photo.
    pub max_pixels: u64,
    /// The most bytes read for one photo file.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    /// 50 megapixels (an 8660 × 5773 photo: more than any press camera's 45 MP), and
    /// 100 MB (a 50 MP PNG of a detailed photo is about 90 MB).
    fn default() -> Self {
        Limits {
            max_pixels: 50_000_000,
            max_file_bytes: 100_000_000,
        }
    }
}

/// More than this many pixels per byte of file is not a photo (a real JPEG stores at
/// most a few hundred; only flat, synthetic or damaged files go beyond), checked for
/// images over a megapixel.
const MAX_PIXELS_PER_BYTE: u64 = 4096;

/// A photo as its header and metadata describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    pub format: Format,
    /// The size as stored in the file, before the orientation is applied.
    pub width: u32,
    pub height: u32,
    /// EXIF orientation, 1 (as stored) to 8.
    pub orientation: u8,
    /// The file's size in bytes.
    pub bytes: u64,
    /// Whether the image has an alpha channel.
    pub alpha: bool,
    /// Whether the file has a colour profile (kept in everything gongbo writes).
    pub icc_profile: bool,
    /// The copyright text (EXIF, or IPTC when EXIF has none), kept in what gongbo writes.
    pub copyright: Option<String>,
    /// The artist (EXIF, or the IPTC by-line), kept in what gongbo writes.
    pub artist: Option<String>,
    /// What the file carries that gongbo never publishes.
    pub private: Private,
}

impl Probe {
    /// Whether the orientation turns the picture by a quarter (width and height swap).
    pub fn quarter_turn(&self) -> bool {
        self.orientation >= 5
    }

    /// The size as the photo is seen, after the orientation.
    pub fn display_size(&self) -> (u32, u32) {
        if self.quarter_turn() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// Whether the source file carries location data (for `gongbo check`).
    pub fn carries_location(&self) -> bool {
        !self.private.location.is_empty()
    }
}

/// A probed photo with what processing needs beyond the [`Probe`].
pub(crate) struct Source<'a> {
    pub probe: Probe,
    pub parsed: Parsed<'a>,
    pub rights: Rights,
    pub icc: Option<Vec<u8>>,
    /// Bytes per pixel of the decoder's output, for the memory estimate.
    pub decoded_bpp: u64,
}

/// Refuses sizes that are empty, over the pixel limit, or implausible for the file size.
fn check_size(width: u32, height: u32, bytes: u64, limits: &Limits) -> Result<(), Problem> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels == 0 {
        return Err(Problem::Corrupt {
            detail: "the image has no pixels".to_string(),
        });
    }
    // So narrow that a copy one pixel wide (or high) is longer than a WebP image can be.
    let (short, long) = (width.min(height), width.max(height));
    if u64::from(long) > u64::from(short) * u64::from(super::plan::WEBP_MAX_SIDE) {
        return Err(Problem::Stripe { width, height });
    }
    if pixels > limits.max_pixels {
        return Err(Problem::TooManyPixels {
            width,
            height,
            limit: limits.max_pixels,
        });
    }
    if pixels > 1_000_000 && pixels / bytes.max(1) > MAX_PIXELS_PER_BYTE {
        return Err(Problem::Implausible {
            width,
            height,
            bytes,
        });
    }
    Ok(())
}

/// Probes `data`; `name` (the file's path), when given, must have a matching extension.
pub(crate) fn source<'a>(
    data: &'a [u8],
    name: Option<&Path>,
    limits: &Limits,
) -> Result<Source<'a>, Problem> {
    let bytes = data.len() as u64;
    if bytes > limits.max_file_bytes {
        return Err(Problem::FileTooLarge {
            bytes,
            limit: limits.max_file_bytes,
        });
    }
    let format = match sniff::sniff(data) {
        Sniffed::Empty => return Err(Problem::Empty),
        Sniffed::Other(found) => return Err(Problem::Unsupported { found }),
        Sniffed::Photo(f) => f,
    };
    if let Some(name) = name {
        let extension = sniff::extension(name);
        if !format.accepts_extension(&extension) {
            return Err(Problem::Mislabelled {
                found: format,
                extension,
            });
        }
    }
    let parsed = container::parse(data, format)?;
    if parsed.animated() {
        return Err(Problem::Unsupported {
            found: Other::AnimatedWebp,
        });
    }
    // The size as the container states it, checked before the decoder sees the file.
    let declared = parsed.size;
    if let Some((w, h)) = declared {
        check_size(w, h, bytes, limits)?;
    }
    let pixels = declared.map_or(limits.max_pixels, |(w, h)| u64::from(w) * u64::from(h));
    let header = decode::header(data, format, pixels)?;
    let (width, height) = (header.width, header.height);
    match declared {
        Some(d) if d != (width, height) => {
            return Err(Problem::Corrupt {
                detail: "its header gives two different sizes".to_string(),
            })
        }
        Some(_) => {}
        None => check_size(width, height, bytes, limits)?,
    }
    let read = meta::read(&parsed.meta);
    let probe = Probe {
        format,
        width,
        height,
        orientation: read.orientation,
        bytes,
        alpha: header.alpha,
        icc_profile: header.icc.is_some() || parsed.has_icc(),
        copyright: Rights::text(&read.rights.copyright),
        artist: Rights::text(&read.rights.artist),
        private: read.private,
    };
    Ok(Source {
        probe,
        parsed,
        rights: read.rights,
        icc: header.icc,
        decoded_bpp: header.decoded_bpp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_must_match_the_content() {
        let png = crate::photo::testing::png(8, 8);
        let limits = Limits::default();
        let p = source(&png, Some(Path::new("a/chart.PNG")), &limits).unwrap();
        assert_eq!(
            (p.probe.format, p.probe.width, p.probe.height),
            (Format::Png, 8, 8)
        );
        assert_eq!(
            source(&png, Some(Path::new("a/chart.jpg")), &limits).err(),
            Some(Problem::Mislabelled {
                found: Format::Png,
                extension: "jpg".into()
            })
        );
        assert!(matches!(
            source(&png, Some(Path::new("a/chart")), &limits),
            Err(Problem::Mislabelled { .. })
        ));
        assert!(source(&png, None, &limits).is_ok());
    }

    #[test]
    fn a_camera_jpeg_is_described_without_decoding() {
        use crate::photo::testing::{camera_exif, jpeg};
        let data = jpeg(40, 30, Some(camera_exif()));
        let p = source(&data, Some(Path::new("site.jpeg")), &Limits::default())
            .unwrap()
            .probe;
        assert_eq!((p.width, p.height, p.orientation), (40, 30, 6));
        assert_eq!(p.display_size(), (30, 40));
        assert!(p.carries_location() && p.private.serial_numbers);
        assert_eq!(p.copyright.as_deref(), Some("(c) Gwangju City"));
        assert_eq!(p.bytes, data.len() as u64);
    }

    #[test]
    fn a_stripe_no_webp_can_hold_is_refused() {
        let limits = Limits::default();
        let stripe = crate::photo::testing::png(1, 16_384);
        assert_eq!(
            source(&stripe, None, &limits).err(),
            Some(Problem::Stripe {
                width: 1,
                height: 16_384
            })
        );
        let wide = crate::photo::testing::png(16_384, 1);
        assert!(matches!(
            source(&wide, None, &limits).err(),
            Some(Problem::Stripe { .. })
        ));
        // As narrow as a WebP can show.
        let narrow = crate::photo::testing::png(1, 16_383);
        assert!(source(&narrow, None, &limits).is_ok());
    }

    #[test]
    fn limits_are_checked_on_the_header() {
        let png = crate::photo::testing::png(300, 200);
        let small = Limits {
            max_pixels: 50_000,
            ..Limits::default()
        };
        assert_eq!(
            source(&png, None, &small).err(),
            Some(Problem::TooManyPixels {
                width: 300,
                height: 200,
                limit: 50_000
            })
        );
        let tiny_file = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        assert!(matches!(
            source(&png, None, &tiny_file),
            Err(Problem::FileTooLarge { .. })
        ));
    }
}
