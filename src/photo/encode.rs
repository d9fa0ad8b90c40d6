//! Writing derivatives: lossy WebP through libwebp (the `webp` crate; libwebp is the
//! reference encoder, and no pure-Rust crate encodes lossy WebP), and the JPEG fallback
//! through the `image` crate's baseline encoder. Each carries the source's colour
//! profile and, when the source names them, the copyright and artist as a minimal EXIF;
//! nothing else. Both encoders are single-threaded and deterministic: the same pixels
//! and settings give the same bytes.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder};

use super::container::wrap_webp;
use super::decode::Pixels;
use super::error::Problem;

/// Lossy WebP at `quality` (0–100), with libwebp's settings for photographs.
pub(crate) fn webp(
    p: &Pixels,
    quality: f32,
    icc: Option<&[u8]>,
    exif: Option<&[u8]>,
) -> Result<Vec<u8>, Problem> {
    let mut config = webp::WebPConfig::new().map_err(|()| internal("WebP settings"))?;
    config.quality = quality.clamp(0.0, 100.0);
    config.method = 4;
    // libwebp's "photo" preset (WebPConfigPreset, WEBP_PRESET_PHOTO): stronger spatial
    // noise shaping and a softer loop filter, which suits camera pictures. Its dithering
    // (preprocessing bit 2) uses a fixed seed, so the output stays deterministic.
    config.sns_strength = 80;
    config.filter_sharpness = 3;
    config.filter_strength = 30;
    config.preprocessing |= 2;
    config.thread_level = 0;
    let encoder = if p.alpha {
        webp::Encoder::from_rgba(&p.data, p.width, p.height)
    } else {
        webp::Encoder::from_rgb(&p.data, p.width, p.height)
    };
    let encoded = encoder
        .encode_advanced(&config)
        .map_err(|e| internal(&format!("WebP encoder: {e:?}")))?;
    wrap_webp(&encoded, icc, exif, (p.width, p.height))
}

/// Baseline JPEG at `quality` (1–100); transparent pixels are put on white.
pub(crate) fn jpeg(
    p: &Pixels,
    quality: u8,
    icc: Option<&[u8]>,
    exif: Option<&[u8]>,
) -> Result<Vec<u8>, Problem> {
    let rgb;
    let data = if p.alpha {
        rgb = on_white(&p.data);
        &rgb
    } else {
        &p.data
    };
    let mut out = Vec::with_capacity(data.len() / 8);
    let mut encoder = JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100));
    if let Some(icc) = icc {
        encoder
            .set_icc_profile(icc.to_vec())
            .map_err(|e| internal(&e.to_string()))?;
    }
    if let Some(exif) = exif {
        encoder
            .set_exif_metadata(exif.to_vec())
            .map_err(|e| internal(&e.to_string()))?;
    }
    encoder
        .write_image(data, p.width, p.height, ExtendedColorType::Rgb8)
        .map_err(|e| internal(&format!("JPEG encoder: {e}")))?;
    Ok(out)
}

/// RGBA composited over white, as RGB.
fn on_white(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|px| {
            let a = u16::from(px[3]);
            let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
            [mix(px[0]), mix(px[1]), mix(px[2])]
        })
        .collect()
}

fn internal(what: &str) -> Problem {
    Problem::Internal {
        detail: what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32, alpha: bool) -> Pixels {
        let c = if alpha { 4 } else { 3 };
        let mut data = Vec::new();
        for y in 0..h {
            for x in 0..w {
                data.extend([(x * 255 / w) as u8, (y * 255 / h) as u8, 128]);
                if alpha {
                    data.push((x % 256) as u8);
                }
            }
        }
        assert_eq!(data.len(), (w * h) as usize * c);
        Pixels {
            width: w,
            height: h,
            alpha,
            data,
        }
    }

    #[test]
    fn outputs_decode_to_the_right_size_and_are_deterministic() {
        for alpha in [false, true] {
            let p = gradient(61, 37, alpha);
            let w = webp(&p, 75.0, Some(b"fake profile"), Some(b"II*\0")).unwrap();
            assert_eq!(
                w,
                webp(&p, 75.0, Some(b"fake profile"), Some(b"II*\0")).unwrap()
            );
            let img = image::load_from_memory(&w).unwrap();
            assert_eq!((img.width(), img.height()), (61, 37));
            assert_eq!(img.color().has_alpha(), alpha);
            let j = jpeg(&p, 80, None, None).unwrap();
            assert_eq!(j, jpeg(&p, 80, None, None).unwrap());
            let img = image::load_from_memory(&j).unwrap();
            assert_eq!((img.width(), img.height()), (61, 37));
        }
    }

    #[test]
    fn transparency_becomes_white_in_jpeg() {
        assert_eq!(
            on_white(&[0, 0, 0, 0, 10, 20, 30, 255]),
            [255, 255, 255, 10, 20, 30]
        );
    }
}
