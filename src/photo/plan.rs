//! The sizes of the files a photo gets, from its [`Probe`] alone ([`Settings::plan`]):
//! what a page needs to lay the photo out (`width`/`height`, `srcset`, `og:image`)
//! before any pixel is decoded, so pages are rendered while the photos are still being
//! made. The pipeline makes exactly these sizes (it asks the same function), and
//! [`Processed`](super::Processed) reports them again; a test holds the three together.

use super::probe::Probe;
use super::resize;
use super::Settings;

/// The pixel sizes of a photo's files, as seen (orientation applied), narrowest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The photo as seen: the downloadable original's size.
    pub shown: (u32, u32),
    /// The WebP copies.
    pub webp: Vec<(u32, u32)>,
    /// The JPEG copies (the fallback, and `og:image`).
    pub jpeg: Vec<(u32, u32)>,
    /// Which of `jpeg` is the `og:image`: the one of `og_width`, or the widest.
    pub og: usize,
}

impl Planned {
    /// The JPEG for `og:image`.
    pub fn og_image(&self) -> (u32, u32) {
        self.jpeg[self.og]
    }
}

impl Settings {
    /// The sizes [`Photos::process`](super::Photos::process) will make for a photo of
    /// `probe`.
    pub fn plan(&self, probe: &Probe) -> Planned {
        let shown = probe.display_size();
        let sized = |widths: Vec<u32>| -> Vec<(u32, u32)> {
            widths
                .into_iter()
                .map(|w| (w, resize::height_for(w, shown)))
                .collect()
        };
        let webp = fitting(
            sized(resize::plan(shown.0, &self.widths)),
            shown,
            WEBP_MAX_SIDE,
        );
        let mut wanted = self.widths.clone();
        wanted.push(self.og_width);
        let jpeg = fitting(sized(resize::plan(shown.0, &wanted)), shown, JPEG_MAX_SIDE);
        let og = og_index(jpeg.iter().map(|s| s.0), self.og_width);
        Planned {
            shown,
            webp,
            jpeg,
            og,
        }
    }
}

/// The longest side a WebP image can have (libwebp's `WEBP_MAX_DIMENSION`): a larger
/// copy is refused by the encoder.
pub(crate) const WEBP_MAX_SIDE: u32 = 16383;

/// The longest side of a JPEG image (its header holds 16 bits).
const JPEG_MAX_SIDE: u32 = 65535;

/// The copies of `sizes` that a format whose images are at most `max` pixels a side can
/// hold: a tall picture (a long infographic) keeps those no taller, or, when none is,
/// gets one copy exactly that tall. (The probe refuses a picture so narrow that even
/// one pixel of width is too tall for WebP: see `probe::check_size`.)
fn fitting(sizes: Vec<(u32, u32)>, shown: (u32, u32), max: u32) -> Vec<(u32, u32)> {
    let fits = |&(w, h): &(u32, u32)| w <= max && h <= max;
    let mut kept: Vec<(u32, u32)> = sizes.into_iter().filter(fits).collect();
    if kept.is_empty() {
        let width = (u64::from(shown.0) * u64::from(max) / u64::from(shown.1.max(1)))
            .clamp(1, u64::from(max)) as u32;
        kept.push((width, resize::height_for(width, shown).min(max)));
    }
    kept
}

/// The index of the `og:image` among JPEG widths (ascending): `og_width`, or the widest.
pub(crate) fn og_index(widths: impl ExactSizeIterator<Item = u32>, og_width: u32) -> usize {
    let n = widths.len();
    let mut widths = widths;
    widths
        .position(|w| w == og_width)
        .unwrap_or(n.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::super::{testing, Photos};
    use super::*;

    /// What the pipeline makes is what the plan says, for wide, small, turned and
    /// transparent photos.
    #[test]
    fn the_plan_is_what_is_made() {
        let dir = tempfile::tempdir().unwrap();
        let photos = Photos::open(dir.path(), Settings::default()).unwrap();
        let cases: [(&str, Vec<u8>); 5] = [
            ("wide.jpg", testing::jpeg(2000, 1333, None)),
            ("small.png", testing::png(700, 300)),
            (
                "turned.jpg",
                testing::jpeg(1700, 1100, Some(testing::camera_exif())),
            ),
            ("tiny.jpg", testing::jpeg(200, 200, None)),
            // Taller than a WebP image can be (a long infographic).
            ("tall.png", testing::png(30, 17_000)),
        ];
        for (name, bytes) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let p = photos.process(&path).unwrap();
            let plan = photos.settings().plan(&p.probe);
            let sizes = |d: &[super::super::Derivative]| -> Vec<(u32, u32)> {
                d.iter().map(|d| (d.width, d.height)).collect()
            };
            assert_eq!(sizes(&p.webp), plan.webp, "{name}");
            assert_eq!(sizes(&p.jpeg), plan.jpeg, "{name}");
            assert_eq!(
                (p.og_image().width, p.og_image().height),
                plan.og_image(),
                "{name}"
            );
            assert_eq!((p.original.width, p.original.height), plan.shown, "{name}");
            assert_eq!(p.size(), plan.shown, "{name}");
        }
    }

    #[test]
    fn the_copies_of_a_tall_picture_fit_their_format() {
        let plan = |w, h| {
            let probe = Probe {
                format: crate::photo::Format::Png,
                width: w,
                height: h,
                orientation: 1,
                bytes: 1 << 20,
                alpha: false,
                icc_profile: false,
                copyright: None,
                artist: None,
                private: Default::default(),
            };
            Settings::default().plan(&probe)
        };
        // 1200 × 20,000: the 480 and 960 px WebP copies fit, the full width would not;
        // JPEG holds them all.
        let tall = plan(1200, 20_000);
        assert_eq!(tall.webp, [(480, 8000), (960, 16_000)]);
        assert_eq!(tall.jpeg, [(480, 8000), (960, 16_000), (1200, 20_000)]);
        // 30 × 17,000: no width fits WebP, so one copy exactly as tall as WebP allows.
        assert_eq!(plan(30, 17_000).webp, [(28, 15_867)]);
        // 700 × 70,000 (49 megapixels): its full width is taller than a JPEG can be.
        assert_eq!(plan(700, 70_000).jpeg, [(480, 48_000)]);
        // 400 × 70,000: no width fits JPEG, so one copy as tall as a JPEG can be.
        assert_eq!(plan(400, 70_000).jpeg, [(374, 65_450)]);
        assert_eq!(
            plan(2000, 1333).webp,
            [(480, 320), (960, 640), (1200, 800), (1600, 1066)]
        );
    }

    #[test]
    fn turned_photos_swap_their_sides() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.jpg");
        std::fs::write(
            &path,
            testing::jpeg(1700, 1100, Some(testing::camera_exif())),
        )
        .unwrap();
        let probe = super::super::probe_file(&path, &Default::default()).unwrap();
        let plan = Settings::default().plan(&probe);
        assert_eq!(plan.shown, (1100, 1700));
        assert_eq!(plan.webp, [(480, 742), (960, 1484), (1100, 1700)]);
        assert_eq!(plan.og_image(), (1100, 1700));
    }

    /// A photo is described from its header the first time and from the cache's index
    /// once it is made, with the same answer, and problems found before decoding are
    /// found by `describe` too.
    #[test]
    fn describe_reads_the_header_then_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jpg");
        std::fs::write(
            &path,
            testing::jpeg(1300, 900, Some(testing::camera_exif())),
        )
        .unwrap();
        let first = {
            let photos = Photos::open(dir.path(), Settings::default()).unwrap();
            let d = photos.describe(&path).unwrap();
            assert_eq!(photos.stats().hashed, 1);
            let p = photos.process(&path).unwrap();
            assert_eq!((d.hash.clone(), d.probe.clone()), (p.hash, p.probe));
            photos.finish().unwrap();
            d
        };
        // Files changed less than two seconds ago are hashed again once (manifest.rs).
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let photos = Photos::open(dir.path(), Settings::default()).unwrap();
        assert_eq!(photos.describe(&path).unwrap(), first);
        photos.finish().unwrap();
        let photos = Photos::open(dir.path(), Settings::default()).unwrap();
        assert_eq!(photos.describe(&path).unwrap(), first);
        assert_eq!(
            photos.stats().hashed,
            0,
            "the second run reads the index only"
        );

        let png = dir.path().join("b.jpg");
        std::fs::write(&png, testing::png(10, 10)).unwrap();
        let e = photos.describe(&png).unwrap_err();
        assert!(
            matches!(e.problem, super::super::Problem::Mislabelled { .. }),
            "{e}"
        );
        let e = photos.describe(&dir.path().join("none.jpg")).unwrap_err();
        assert_eq!(e.problem, super::super::Problem::NotFound);
    }
}
