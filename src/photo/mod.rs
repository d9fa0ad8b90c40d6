//! Press photos: from a camera JPEG (or a PNG or WebP) to the files a release page
//! publishes — WebP and JPEG copies in a few widths, a 1200 px JPEG for `og:image`, and
//! the original for download — with nothing private in any of them, bounded in time and
//! memory whatever the input, and cached so a second build encodes nothing.
//!
//! # For the build (the integration)
//!
//! ```text
//! let photos = Photos::open(&site_root, Settings::default())?;    // .gongbo/photos/
//! let results = photos.process_all(&paths);   // rayon; beside the page render
//! for r in results { match r {
//!     Ok(p)  => // p.size(): width/height attributes (orientation applied)
//!               // p.webp / p.jpeg: ascending widths → <source srcset> / <img srcset>
//!               // p.og_image(): og:image and JSON-LD, with its width/height
//!               // p.original: the download link
//!               // each Derivative: OutputFile::copy(url_path, d.path.clone())
//!     Err(e) => // Diagnostic::new(code, e.file, e.message()).hint(e.hint()),
//!               // located at the front-matter line or Markdown image that names it
//! }}
//! photos.finish()?;                            // saves the manifest
//! photos.prune()?;                             // after a complete build only
//! ```
//!
//! For `sizes`, a photo in the page column can say `(max-width: 42rem) 100vw, 42rem`:
//! a 390 px phone at 3× then takes the 1200 px WebP (benches/README.md measures it).
//! The cache folder should be in `.gitignore` and in the site workflow's CI cache.
//!
//! `gongbo check` calls [`location_report`] on the source photos: which carry a GPS
//! position or other location data ([`Probe::private`] has the rest). [`probe_file`]
//! answers for one photo without decoding it.
//!
//! Output names are the caller's: [`Derivative::file_name`] gives `stem-960.webp` and
//! `stem.jpg`; [`Processed::hash`] (the source's content hash) can make them unique.
//! [`Processed::from_cache`] and [`Photos::stats`] say what was encoded this run.
//!
//! # What is published
//!
//! Every file written carries only the pixels, the colour profile (ICC, so colours stay
//! right) and, when the source names them, the copyright and artist in a minimal EXIF.
//! No GPS or other location, serial numbers, owner, maker notes, thumbnails, XMP, IPTC,
//! comments, or data after the image (motion-photo videos, extra pictures) — the
//! container walkers keep a known list of image parts and drop everything else.
//!
//! Derivatives have the orientation applied to their pixels. The downloadable original
//! keeps its pixels byte for byte and keeps the EXIF Orientation tag instead of being
//! turned: turning a JPEG without re-encoding works only in whole 8–16 px blocks
//! (jpegtran trims or leaves the edge blocks), re-encoding loses quality the media came
//! for, and every current browser and editor honours the tag.
//!
//! # Bounds
//!
//! Size and pixel count are read from the header first ([`Limits`]: 50 megapixels,
//! 100 MB); a bomb is refused before any pixel is allocated. Decodes wait on a memory
//! budget ([`Settings::decode_budget`]), so many large photos in parallel hold at most
//! that much decoded pixels at once; time is linear in pixels and file size. A panic in
//! a decoder or encoder is caught and reported as a bug, never taken down the build.
//!
//! # Cache
//!
//! See `cache.rs` (layout, checks, atomic writes) and `manifest.rs` (why recognising an
//! unchanged photo by its stamp is safe). Outputs are deterministic: the same source and
//! settings give byte-identical files (see `encode.rs` and `resize.rs` for the encoders'
//! and resizer's part); the entry key covers [`CACHE_VERSION`], the encoders and every
//! setting.

mod cache;
mod container;
mod decode;
mod encode;
mod error;
mod gate;
mod manifest;
mod meta;
mod pipeline;
mod plan;
mod probe;
mod resize;
mod sniff;
mod store;
#[cfg(test)]
pub(crate) mod testing;

pub use cache::Hash;
pub use error::{PhotoError, Problem};
pub use meta::{Private, Where};
pub use plan::Planned;
pub use probe::{Limits, Probe};
pub use sniff::{Format, Other};
pub use store::{Derivative, Described, Photos, Processed, Stats};

use rayon::prelude::*;
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Bumped whenever the files made from the same source and settings would change
/// (another encoder version or setting, a pipeline change); `tests` pin the output.
pub const CACHE_VERSION: u32 = 1;

/// The encoders and their fixed settings, part of every cache key.
const ENCODERS: &str = "image 0.25 baseline jpeg 4:2:2; libwebp 1.3 photo m4; fir 6 lanczos3";

/// How photos are turned into derivatives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    /// Widths (as seen, after orientation) of the WebP and JPEG copies.
    pub widths: Vec<u32>,
    /// Width of the `og:image` JPEG (also made when not in `widths`).
    pub og_width: u32,
    /// WebP quality, 0–100.
    pub webp_quality: f32,
    /// JPEG quality, 1–100.
    pub jpeg_quality: u8,
    pub limits: Limits,
    /// The most bytes of decoded pixels held at once across threads.
    #[serde(skip)]
    pub decode_budget: u64,
}

impl Default for Settings {
    /// 480, 960, 1200 and 1600 px: 1200 is what a 390 px-wide phone at 3× asks for
    /// (1170 device pixels), kept under 150 KB for a lead photo (benches/README.md).
    fn default() -> Self {
        Settings {
            widths: vec![480, 960, 1200, 1600],
            og_width: 1200,
            webp_quality: 75.0,
            jpeg_quality: 80,
            limits: Limits::default(),
            decode_budget: 1 << 30,
        }
    }
}

impl Settings {
    /// Everything that shapes the output, as bytes for the cache key (and for the
    /// build's fingerprint of the pages that show photos).
    pub fn fingerprint(&self) -> Vec<u8> {
        let json = serde_json::to_string(self).expect("settings always serialize");
        format!("gongbo photos {CACHE_VERSION}; {ENCODERS}; {json}").into_bytes()
    }
}

/// What a photo is, read from `data` without decoding its pixels; `name` (its path),
/// when given, must have the extension of its format.
pub fn probe(data: &[u8], name: Option<&Path>, limits: &Limits) -> Result<Probe, PhotoError> {
    let file = name.unwrap_or(Path::new("photo"));
    probe::source(data, name, limits)
        .map(|s| s.probe)
        .map_err(|p| PhotoError::new(file, p))
}

/// [`probe`] of the file at `path`.
pub fn probe_file(path: &Path, limits: &Limits) -> Result<Probe, PhotoError> {
    let data = read_limited(path, limits.max_file_bytes)?;
    probe(&data, Some(path), limits)
}

/// A source photo that carries location data, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub file: PathBuf,
    pub found: Vec<Where>,
}

/// Which of `paths` carry location data (in their order), and the photos that could
/// not be read. For `gongbo check`: the build never publishes that data anyway.
pub fn location_report(paths: &[PathBuf], limits: &Limits) -> (Vec<Located>, Vec<PhotoError>) {
    let results: Vec<_> = paths
        .par_iter()
        .map(|p| (p, probe_file(p, limits)))
        .collect();
    let mut located = Vec::new();
    let mut errors = Vec::new();
    for (path, r) in results {
        match r {
            Ok(probe) if probe.carries_location() => located.push(Located {
                file: path.clone(),
                found: probe.private.location,
            }),
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    (located, errors)
}

/// The bytes of `path`, refusing more than `max` without reading them.
fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, PhotoError> {
    let file = std::fs::File::open(path).map_err(|e| PhotoError::io(path, &e))?;
    let meta = file.metadata().map_err(|e| PhotoError::io(path, &e))?;
    if !meta.is_file() {
        let reason = "it is a folder or a device, not a file".to_string();
        return Err(PhotoError::new(path, Problem::Unreadable { reason }));
    }
    let too_large = |bytes| PhotoError::new(path, Problem::FileTooLarge { bytes, limit: max });
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    let mut data = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut data)
        .map_err(|e| PhotoError::io(path, &e))?;
    if data.len() as u64 > max {
        return Err(too_large(data.len() as u64));
    }
    Ok(data)
}
