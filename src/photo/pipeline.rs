//! One photo, start to end, when the cache does not have it: probe (refusing what
//! cannot be published), strip the original losslessly, decode under the memory gate,
//! make every width from the full-size pixels, turn each as the orientation says, and
//! encode WebP and JPEG.

use std::path::Path;

use super::cache::NewFile;
use super::decode;
use super::encode;
use super::error::Problem;
use super::gate::Gate;
use super::meta;
use super::probe::{self, Probe};
use super::resize;
use super::sniff::Format;
use super::{container, Settings};

pub(crate) struct Made {
    pub probe: Probe,
    pub files: Vec<NewFile>,
}

/// The cache entry's files for the photo `data`, named `name`.
pub(crate) fn make(
    data: &[u8],
    name: &Path,
    settings: &Settings,
    gate: &Gate,
) -> Result<Made, Problem> {
    let src = probe::source(data, Some(name), &settings.limits)?;
    let p = &src.probe;
    // The original keeps its pixels, so it keeps its orientation (see the module doc).
    let original_exif = meta::minimal_exif(Some(p.orientation), &src.rights);
    let original = container::strip(&src.parsed, original_exif.as_deref(), (p.width, p.height));
    let exif = meta::minimal_exif(None, &src.rights);
    let icc = src.icc.as_deref();

    let shown = p.display_size();
    // The sizes the page was laid out with (plan.rs): the same function decides both.
    let planned = settings.plan(p);
    let webp_widths: Vec<u32> = planned.webp.iter().map(|s| s.0).collect();
    let jpeg_widths: Vec<u32> = planned.jpeg.iter().map(|s| s.0).collect();
    let mut widths: Vec<u32> = webp_widths.iter().chain(&jpeg_widths).copied().collect();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    widths.dedup();

    let pixels = u64::from(p.width) * u64::from(p.height);
    let channels = if p.alpha { 4 } else { 3 };
    let weight = pixels * (src.decoded_bpp + channels) + data.len() as u64;
    let small = {
        let _share = gate.enter(weight);
        let max_alloc = settings.limits.max_pixels.saturating_mul(8) + (64 << 20);
        let full = decode::decode(data, p.format, max_alloc)?;
        if (full.width, full.height) != (p.width, p.height) {
            return Err(Problem::Corrupt {
                detail: "the decoded size differs from the header".to_string(),
            });
        }
        let sizes: Vec<(u32, u32)> = widths
            .iter()
            .map(|&w| {
                let h = resize::height_for(w, shown);
                if p.quarter_turn() {
                    (h, w)
                } else {
                    (w, h)
                }
            })
            .collect();
        widths
            .iter()
            .copied()
            .zip(resize::resize_all(&full, &sizes)?)
            .collect::<Vec<_>>()
    };

    let mut files = Vec::with_capacity(widths.len() * 2 + 1);
    for (w, px) in small.into_iter().rev() {
        let px = resize::orient(px, p.orientation);
        let mut add = |format: Format, bytes: Vec<u8>| {
            files.push(NewFile {
                name: format!("w{w}.{}", format.extension()),
                original: false,
                format,
                width: px.width,
                height: px.height,
                bytes,
            });
        };
        if webp_widths.contains(&w) {
            add(
                Format::Webp,
                encode::webp(&px, settings.webp_quality, icc, exif.as_deref())?,
            );
        }
        if jpeg_widths.contains(&w) {
            add(
                Format::Jpeg,
                encode::jpeg(&px, settings.jpeg_quality, icc, exif.as_deref())?,
            );
        }
    }
    files.push(NewFile {
        name: format!("original.{}", p.format.extension()),
        original: true,
        format: p.format,
        // As a viewer shows it: viewers apply the orientation the original keeps.
        width: shown.0,
        height: shown.1,
        bytes: original,
    });
    Ok(Made {
        probe: src.probe,
        files,
    })
}
