//! Issue 15, points 2, 3, 4 and 6, through `gongbo::photo`'s public API: fixture photos
//! made here (a camera JPEG with GPS, serial numbers, a rotation tag, XMP, IPTC, a
//! comment and a motion-photo trailer; a PNG with transparency; corrupt, truncated,
//! mislabelled and disguised files; pixel bombs), then the derivatives read back with
//! an image decoder and an EXIF reader.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use exif::{Context, In, Tag};
use gongbo::photo::{self, Format, Other, Photos, Problem, Processed, Settings, Where};
use proptest::prelude::*;

// ---------------------------------------------------------------- allocation meter

/// Counts the bytes this thread has allocated and not freed, and their peak, so a test
/// can show that refusing a bomb allocates nothing like its pixels.
struct Meter;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Meter {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = LIVE.try_with(|l| {
            l.set(l.get() + layout.size() as isize);
            let _ = PEAK.try_with(|p| p.set(p.get().max(l.get())));
        });
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = LIVE.try_with(|l| l.set(l.get() - layout.size() as isize));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static METER: Meter = Meter;

/// The peak of this thread's live allocations while `f` runs, above what was live.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, isize) {
    let base = LIVE.with(|l| l.get());
    PEAK.with(|p| p.set(base));
    let out = f();
    (out, PEAK.with(|p| p.get()) - base)
}

// ---------------------------------------------------------------- fixtures

mod support;
use support::photos::*;

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn put(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join("content").join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, bytes).unwrap();
        p
    }
    fn root(&self) -> &Path {
        self.dir.path()
    }
    fn photos(&self) -> Photos {
        Photos::open(self.root(), Settings::default()).unwrap()
    }
}

fn problem(r: Result<Processed, photo::PhotoError>) -> Problem {
    r.expect_err("should be refused").problem
}

/// Every file a processed photo publishes, with its bytes.
fn outputs(p: &Processed) -> Vec<(String, Vec<u8>)> {
    std::iter::once(&p.original)
        .chain(&p.webp)
        .chain(&p.jpeg)
        .map(|d| (d.file_name("x"), fs::read(&d.path).unwrap()))
        .collect()
}

// ---------------------------------------------------------------- derivatives

#[test]
fn a_camera_photo_gets_every_width_turned_upright_with_exact_sizes() {
    let site = Site::new();
    // Stored 2200 × 1700 landscape; orientation 6 makes it a 1700 × 2200 portrait.
    let src = site.put("releases/a/ceremony.jpg", &camera_jpeg(2200, 1700));
    let photos = site.photos();
    let p = photos.process(&src).unwrap();
    assert_eq!(p.size(), (1700, 2200));
    assert_eq!(p.probe.orientation, 6);
    let widths = |ds: &[photo::Derivative]| ds.iter().map(|d| d.width).collect::<Vec<_>>();
    assert_eq!(widths(&p.webp), [480, 960, 1200, 1600]);
    assert_eq!(widths(&p.jpeg), [480, 960, 1200, 1600]);
    assert_eq!((p.og_image().width, p.og_image().height), (1200, 1553));
    for d in p.webp.iter().chain(&p.jpeg) {
        let bytes = fs::read(&d.path).unwrap();
        assert_eq!(d.bytes, bytes.len() as u64);
        let img = image::load_from_memory(&bytes).unwrap().into_rgb8();
        assert_eq!(
            (img.width(), img.height()),
            (d.width, d.height),
            "{}",
            d.file_name("x")
        );
        assert_eq!(
            d.height,
            (d.width * 2200 + 850) / 1700,
            "rounded aspect ratio"
        );
        // Turned clockwise: the stored left (warm) half is now on top.
        let top = img.get_pixel(d.width / 2, d.height / 8);
        let bottom = img.get_pixel(d.width / 2, d.height * 7 / 8);
        assert!(top[0] > 150 && top[2] < 100, "{top:?} at the top");
        assert!(
            bottom[2] > 150 && bottom[0] < 100,
            "{bottom:?} at the bottom"
        );
    }
    assert_eq!(p.webp[2].format, Format::Webp);
    assert_eq!(p.jpeg[2].file_name("ceremony"), "ceremony-1200.jpg");
    assert_eq!(p.original.file_name("ceremony"), "ceremony.jpg");
    assert_eq!((p.original.width, p.original.height), (1700, 2200));
}

#[test]
fn a_small_photo_is_never_enlarged_and_a_png_keeps_its_transparency() {
    let site = Site::new();
    let src = site.put("releases/a/chart.png", &png_rgba(700, 350));
    let p = site.photos().process(&src).unwrap();
    let widths: Vec<u32> = p.webp.iter().map(|d| d.width).collect();
    assert_eq!(widths, [480, 700]);
    assert_eq!(p.jpeg.last().unwrap().width, 700);
    assert_eq!(
        p.og_image().width,
        700,
        "the widest JPEG when smaller than 1200"
    );
    let webp = image::load_from_memory(&fs::read(&p.webp[1].path).unwrap()).unwrap();
    assert!(webp.color().has_alpha());
    assert_eq!((webp.width(), webp.height()), (700, 350));
    assert_eq!(p.original.format, Format::Png);
    let original = fs::read(&p.original.path).unwrap();
    assert!(!contains(&original, b"PNG-TEXT-SECRET"));
    // Lossless: the same pixels as the source.
    let a = image::load_from_memory(&original).unwrap();
    let b = image::load_from_memory(&fs::read(&src).unwrap()).unwrap();
    assert_eq!(a.as_bytes(), b.as_bytes());
}

// ---------------------------------------------------------------- nothing private

#[test]
fn no_published_file_carries_location_serials_thumbnails_or_trailers() {
    let site = Site::new();
    let src = site.put("releases/a/ceremony.jpg", &camera_jpeg(1300, 900));
    let probe = photo::probe_file(&src, &photo::Limits::default()).unwrap();
    assert_eq!(
        probe.private.location,
        [Where::Exif, Where::Xmp, Where::Iptc]
    );
    assert!(probe.private.serial_numbers && probe.private.owner_name && probe.private.maker_note);
    assert!(probe
        .private
        .thumbnails
        .iter()
        .any(|t| t == "EXIF thumbnail"));
    assert!(probe
        .private
        .thumbnails
        .iter()
        .any(|t| t.contains("after the end")));
    assert_eq!(
        probe.copyright.as_deref(),
        Some("(c) Gwangju Metropolitan City")
    );
    assert!(probe.icc_profile);

    let p = site.photos().process(&src).unwrap();
    let secrets: [&[u8]; 9] = [
        b"SN-BODY-123456",
        b"SN-LENS-654321",
        b"Owner Kim",
        b"MAKER-SECRET-NOTE",
        b"THUMBNAIL-PREVIEW",
        b"XMP-CITY-NAME",
        b"IPTC-Sangmu",
        b"COMMENT-HOME-ADDRESS",
        b"VIDEO-WITH-GPS",
    ];
    for (name, bytes) in outputs(&p) {
        for s in secrets {
            assert!(
                !contains(&bytes, s),
                "{name} has {}",
                String::from_utf8_lossy(s)
            );
        }
        assert!(contains(&bytes, ICC), "{name} lost its colour profile");
        let exif = exif::Reader::new()
            .read_from_container(&mut Cursor::new(&bytes))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut tags: Vec<String> = exif.fields().map(|f| f.tag.to_string()).collect();
        tags.sort();
        assert!(
            exif.fields().all(|f| f.tag.context() != Context::Gps),
            "{name}"
        );
        assert!(
            exif.fields().all(|f| f.ifd_num == In::PRIMARY),
            "{name}: thumbnail IFD"
        );
        let copyright = exif.get_field(Tag::Copyright, In::PRIMARY).unwrap();
        let copyright = copyright.display_value().to_string();
        assert!(
            copyright.contains("(c) Gwangju Metropolitan City"),
            "{name}: {copyright}"
        );
        if name == "x.jpg" {
            // The original keeps its pixels, so it keeps its orientation tag.
            assert_eq!(tags, ["Artist", "Copyright", "Orientation"], "{name}");
            let o = exif.get_field(Tag::Orientation, In::PRIMARY).unwrap();
            assert_eq!(o.value.get_uint(0), Some(6));
            assert!(bytes.ends_with(&[0xFF, 0xD9]), "nothing after the image");
        } else {
            assert_eq!(
                tags,
                ["Artist", "Copyright"],
                "{name}: turned, so no orientation"
            );
        }
    }
    // The original is the source's image data, byte for byte.
    let source = fs::read(&src).unwrap();
    let original = fs::read(&p.original.path).unwrap();
    let sos = |d: &[u8]| d.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    let eoi = |d: &[u8]| d.windows(2).rposition(|w| w == [0xFF, 0xD9]).unwrap();
    assert_eq!(
        &original[sos(&original)..],
        &source[sos(&source)..eoi(&source) + 2]
    );
}

#[test]
fn check_lists_the_photos_that_carry_location() {
    let site = Site::new();
    let gps = site.put("releases/a/site.jpg", &camera_jpeg(64, 48));
    let clean = site.put("releases/a/chart.png", &png_rgba(32, 32));
    let broken = site.put("releases/a/broken.jpg", b"\xFF\xD8\xFF\xE0 not really");
    let (located, errors) = photo::location_report(
        &[gps.clone(), clean, broken.clone()],
        &photo::Limits::default(),
    );
    assert_eq!(located.len(), 1);
    assert_eq!(located[0].file, gps);
    assert_eq!(located[0].found, [Where::Exif, Where::Xmp, Where::Iptc]);
    assert_eq!(
        located[0].found[0].described(),
        "a GPS position in the EXIF data"
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, broken);
}

// ---------------------------------------------------------------- refused input

#[test]
fn a_pixel_bomb_is_refused_at_once_without_allocating_its_pixels() {
    let site = Site::new();
    let photos = site.photos();
    for (name, bytes) in [
        ("png-bomb.png", bomb_png(100_000, 100_000)),
        ("jpeg-bomb.jpg", bomb_jpeg(65_000, 65_000)),
    ] {
        let path = site.put(name, &bytes);
        let started = Instant::now();
        let (result, peak) = peak_during(|| photos.process(&path));
        let elapsed = started.elapsed();
        match problem(result) {
            Problem::TooManyPixels {
                width,
                height,
                limit,
            } => {
                assert!(u64::from(width) * u64::from(height) > limit, "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
        assert!(elapsed < Duration::from_secs(1), "{name}: {elapsed:?}");
        assert!(peak < 64 << 20, "{name}: {peak} bytes allocated");
    }
    // Absurd dimensions under the pixel limit in a tiny file: refused as implausible.
    let path = site.put("flat.png", &bomb_png(7000, 7000));
    assert!(matches!(
        problem(photos.process(&path)),
        Problem::Implausible { .. }
    ));
}

#[test]
fn corrupt_mislabelled_and_unsupported_files_are_errors_with_a_hint() {
    let site = Site::new();
    let photos = site.photos();
    let jpeg = camera_jpeg(64, 48);
    let png = png_rgba(16, 16);
    type Expect = fn(&Problem) -> bool;
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        ("cut.jpg", jpeg[..jpeg.len() / 2].to_vec(), |p| {
            *p == Problem::Truncated
        }),
        ("empty.jpg", Vec::new(), |p| *p == Problem::Empty),
        ("chart.jpg", png.clone(), |p| {
            *p == Problem::Mislabelled {
                found: Format::Png,
                extension: "jpg".into(),
            }
        }),
        ("anim.jpg", b"GIF89a\x01\0\x01\0".to_vec(), |p| {
            *p == Problem::Unsupported { found: Other::Gif }
        }),
        (
            "iphone.jpg",
            b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec(),
            |p| *p == Problem::Unsupported { found: Other::Heic },
        ),
        (
            "drawing.png",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
            |p| *p == Problem::Unsupported { found: Other::Svg },
        ),
        ("page.webp", b"<!doctype html><p>404".to_vec(), |p| {
            *p == Problem::Unsupported { found: Other::Text }
        }),
        (
            "tables.jpg",
            {
                // Huffman tables that claim more codes than there are.
                let mut d = jpeg.clone();
                let dht = d.windows(2).position(|w| w == [0xFF, 0xC4]).unwrap();
                d[dht + 5..dht + 21].fill(0xFF);
                d
            },
            |p| matches!(p, Problem::Corrupt { .. }),
        ),
        // A camera-size photo cut in half, and one with damaged tables: refused as
        // fast as the small ones (decoding stops at the damage).
        (
            "big-cut.jpg",
            {
                let big = camera_jpeg(2200, 1700);
                big[..big.len() / 2].to_vec()
            },
            |p| *p == Problem::Truncated,
        ),
        (
            "big-tables.jpg",
            {
                let mut d = camera_jpeg(2200, 1700);
                let dht = d.windows(2).position(|w| w == [0xFF, 0xC4]).unwrap();
                d[dht + 5..dht + 21].fill(0xFF);
                d
            },
            |p| matches!(p, Problem::Corrupt { .. }),
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = site.put(name, &bytes);
        let started = Instant::now();
        let e = photos.process(&path).expect_err(name);
        let elapsed = started.elapsed();
        assert!(elapsed < Duration::from_secs(1), "{name}: {elapsed:?}");
        assert!(expected(&e.problem), "{name}: {:?}", e.problem);
        assert_eq!(e.file, path);
        assert!(!e.message().is_empty() && !e.hint().is_empty());
        assert!(
            !e.message().contains("Problem") && !e.message().contains("::"),
            "{}",
            e.message()
        );
    }
    let e = photos.process(&site.put("chart.jpg", &png)).unwrap_err();
    assert_eq!(
        e.message(),
        "the file name ends in .jpg but the file contains a PNG image"
    );
    assert_eq!(
        e.hint(),
        "rename it to chart.png, or export it again as JPEG"
    );
    let e = photos
        .process(&site.root().join("content/missing.jpg"))
        .unwrap_err();
    assert_eq!(e.problem, Problem::NotFound);
}

#[test]
fn a_cached_photo_under_a_wrong_name_is_still_refused() {
    let site = Site::new();
    let png = png_rgba(40, 40);
    let photos = site.photos();
    photos.process(&site.put("good.png", &png)).unwrap();
    // Same content, so the same cache entry, but named .jpg.
    let e = photos.process(&site.put("bad.jpg", &png)).unwrap_err();
    assert!(matches!(e.problem, Problem::Mislabelled { .. }));
}

// ---------------------------------------------------------------- cache

#[test]
fn a_second_run_encodes_nothing_and_a_third_reads_no_photo() {
    let site = Site::new();
    let srcs: Vec<PathBuf> = (0..3)
        .map(|i| {
            site.put(
                &format!("releases/r{i}/p.jpg"),
                &camera_jpeg(400 + i * 10, 300),
            )
        })
        .collect();
    let first = site.photos();
    let made = first.process_all(&srcs);
    let stats = first.finish().unwrap();
    assert_eq!((stats.made, stats.from_cache, stats.hashed), (3, 0, 3));
    let bytes: Vec<_> = made.iter().map(|p| outputs(p.as_ref().unwrap())).collect();
    // Files changed less than two seconds ago are hashed again once (see manifest.rs).
    std::thread::sleep(Duration::from_millis(2100));
    let second = site.photos();
    let again = second.process_all(&srcs);
    let stats = second.finish().unwrap();
    assert_eq!((stats.made, stats.from_cache, stats.rebuilt), (0, 3, 0));
    assert!(again.iter().all(|p| p.as_ref().unwrap().from_cache));
    let third = site.photos();
    third.process_all(&srcs);
    let stats = third.finish().unwrap();
    assert_eq!((stats.made, stats.from_cache, stats.hashed), (0, 3, 0));
    let same: Vec<_> = again.iter().map(|p| outputs(p.as_ref().unwrap())).collect();
    assert_eq!(same, bytes);
    // A changed photo is noticed and remade (600 × 300 as shown: turned a quarter).
    fs::write(&srcs[1], camera_jpeg(300, 600)).unwrap();
    let fourth = site.photos();
    let r = fourth.process(&srcs[1]).unwrap();
    assert_eq!((r.from_cache, r.webp[0].width), (false, 480));
    assert_eq!(r.jpeg.last().unwrap().width, 600);
}

#[test]
fn a_corrupted_or_foreign_cache_entry_is_detected_and_rewritten() {
    let site = Site::new();
    let src = site.put("p.jpg", &camera_jpeg(600, 400));
    let first = site.photos().process(&src).unwrap();
    let good = outputs(&first);
    // Same length, other bytes: the stamp changes, the hash does not match.
    let victim = &first.webp[0].path;
    let len = fs::metadata(victim).unwrap().len() as usize;
    fs::write(victim, vec![0x55; len]).unwrap();
    let photos = site.photos();
    let p = photos.process(&src).unwrap();
    let s = photos.stats();
    assert_eq!((p.from_cache, s.rebuilt, s.made), (false, 1, 1));
    assert_eq!(outputs(&p), good, "rewritten, byte-identical");
    // A damaged index.
    let index = first.original.path.parent().unwrap().join("index");
    fs::write(&index, b"gongbo-photo-index 1 garbage").unwrap();
    let photos = site.photos();
    assert!(!photos.process(&src).unwrap().from_cache);
    assert_eq!(photos.stats().rebuilt, 1);
    // Another cache version: everything is made again.
    fs::write(
        site.root().join(".gongbo/photos/VERSION"),
        "gongbo photo cache 0\n",
    )
    .unwrap();
    let photos = site.photos();
    assert!(!photos.process(&src).unwrap().from_cache);
    assert_eq!(outputs(&photos.process(&src).unwrap()), good);
}

#[test]
fn the_same_source_gives_the_same_bytes_in_another_cache() {
    let a = Site::new();
    let b = Site::new();
    let jpeg = camera_jpeg(900, 600);
    let pa = a.photos().process(&a.put("x.jpg", &jpeg)).unwrap();
    let pb = b.photos().process(&b.put("x.jpg", &jpeg)).unwrap();
    assert_eq!(outputs(&pa), outputs(&pb));
    assert_eq!(pa.hash, pb.hash);
}

#[test]
fn many_photos_in_parallel_under_a_small_memory_budget() {
    let site = Site::new();
    let srcs: Vec<PathBuf> = (0..8)
        .map(|i| site.put(&format!("p{i}.jpg"), &camera_jpeg(300, 200 + i)))
        .chain([site.put("p0-again.jpg", &camera_jpeg(300, 200))])
        .collect();
    let settings = Settings {
        decode_budget: 1,
        ..Settings::default()
    };
    let photos = Photos::open(site.root(), settings).unwrap();
    let all = photos.process_all(&[srcs.clone(), srcs].concat());
    assert!(all.iter().all(|r| r.is_ok()));
    let s = photos.stats();
    // Nine paths, eight contents: each made once however many threads asked.
    assert_eq!((s.photos, s.made), (18, 8));
}

#[test]
fn prune_removes_what_the_build_no_longer_uses() {
    let site = Site::new();
    let a = site.put("a.jpg", &camera_jpeg(100, 80));
    let b = site.put("b.jpg", &camera_jpeg(120, 80));
    let photos = site.photos();
    let pa = photos.process(&a).unwrap();
    let pb = photos.process(&b).unwrap();
    photos.finish().unwrap();
    let photos = site.photos();
    photos.process(&a).unwrap();
    assert_eq!(photos.prune().unwrap(), 1);
    assert!(pa.original.path.exists() && !pb.original.path.exists());
}

// ---------------------------------------------------------------- no panics

fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let mut webp = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_raw(8, 8, scene(8, 8)).unwrap())
        .write_to(&mut Cursor::new(&mut webp), image::ImageFormat::WebP)
        .unwrap();
    vec![
        ("x.jpg", camera_jpeg(24, 16)),
        ("x.png", png_rgba(12, 10)),
        ("x.webp", webp),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Mutated photos: every answer is a photo or a typed problem, never a panic and
    /// never an internal error (a panic caught inside would be reported as one).
    #[test]
    fn mutated_photos_never_panic(
        which in 0usize..3,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..12),
        cut in any::<prop::sample::Index>(),
        do_cut in any::<bool>(),
    ) {
        let (name, mut data) = seeds().swap_remove(which);
        for (at, byte, how) in edits {
            let i = at.index(data.len());
            match how {
                0 => data[i] = byte,
                1 => data.insert(i, byte),
                2 => { data.remove(i); }
                _ => data[i] ^= 0xFF,
            }
        }
        if do_cut {
            let n = cut.index(data.len() + 1);
            data.truncate(n);
        }
        let _ = photo::probe(&data, Some(Path::new(name)), &photo::Limits::default());
        let site = Site::new();
        let path = site.put(name, &data);
        if let Err(e) = site.photos().process(&path) {
            prop_assert!(!matches!(e.problem, Problem::Internal { .. }), "{e}");
        }
    }

    #[test]
    fn random_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = photo::probe(&data, None, &photo::Limits::default());
        let _ = photo::probe(&data, Some(Path::new("a.jpg")), &photo::Limits::default());
    }
}

/// Found by `mutated_photos_never_panic`: a camera JPEG stored 16,400 × 24 pixels, and
/// so seen turned upright 24 × 16,400, made the WebP encoder fail (no WebP image is taller than 16,383 pixels), which
/// was reported as a bug in gongbo. A tall picture gets the copies its formats can hold;
/// a stripe no WebP can hold is the photo's problem, said as such.
#[test]
fn a_picture_taller_than_webp_allows_is_published_and_a_stripe_refused() {
    let site = Site::new();
    let path = site.put("tall.jpg", &camera_jpeg(16_400, 24));
    let p = site.photos().process(&path).unwrap();
    assert!(!p.webp.is_empty() && !p.jpeg.is_empty());
    for d in p.webp.iter() {
        assert!(d.height <= 16_383, "{} × {}", d.width, d.height);
        let bytes = fs::read(&d.path).unwrap();
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (d.width, d.height));
    }
    assert_eq!((p.jpeg[0].width, p.jpeg[0].height), (24, 16_400));
    let path = site.put("stripe.png", &png_rgba(1, 16_384));
    let e = site.photos().process(&path).unwrap_err();
    assert!(
        matches!(
            e.problem,
            Problem::Stripe {
                width: 1,
                height: 16_384
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("16,383"), "{e}");
}

#[test]
fn the_public_error_type_says_file_problem_and_fix() {
    let site = Site::new();
    let path = site.put("releases/a/huge.jpg", &bomb_jpeg(60_000, 60_000));
    let e = site.photos().process(&path).unwrap_err();
    assert_eq!(
        e.message(),
        "the photo is 60000 × 60000 pixels (3600 megapixels), more than the 50 megapixels gongbo accepts"
    );
    assert!(e.hint().contains("6000 pixels"), "{}", e.hint());
    assert!(e.to_string().starts_with(&path.display().to_string()));
}

#[test]
fn the_cache_lives_in_its_own_folder_with_a_version_stamp() {
    let site = Site::new();
    site.photos()
        .process(&site.put("a.png", &png_rgba(20, 20)))
        .unwrap();
    let root = site.root().join(".gongbo/photos");
    assert_eq!(
        fs::read_to_string(root.join("VERSION")).unwrap(),
        "gongbo photo cache 1\n"
    );
    assert!(root.join("CACHEDIR.TAG").exists());
    assert!(root.join("entries").is_dir());
    let entries: Vec<_> = fs::read_dir(site.root().join(".gongbo")).unwrap().collect();
    assert_eq!(entries.len(), 1, "nothing else in .gongbo/");
}

#[test]
fn a_manifest_that_names_the_wrong_content_is_caught_when_the_photo_is_read() {
    let site = Site::new();
    let src = site.put("a.jpg", &camera_jpeg(300, 200));
    let photos = site.photos();
    let old = photos.process(&src).unwrap();
    photos.finish().unwrap();
    // New content, then a manifest that claims the new stamp has the old hash (what a
    // change within one clock tick would leave), and no cache entry for it.
    fs::write(&src, camera_jpeg(320, 200)).unwrap();
    let manifest = site.root().join(".gongbo/photos/manifest.json");
    let mut m: serde_json::Value = serde_json::from_slice(&fs::read(&manifest).unwrap()).unwrap();
    let meta = fs::metadata(&src).unwrap();
    let record = &mut m["photos"]["content/a.jpg"];
    record["unsure"] = false.into();
    record["stamp"]["len"] = meta.len().into();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| serde_json::Value::from(s * 1_000_000_000 + n);
        record["stamp"]["mtime"] = ns(meta.mtime(), meta.mtime_nsec());
        record["stamp"]["ctime"] = ns(meta.ctime(), meta.ctime_nsec());
        record["stamp"]["inode"] = meta.ino().into();
    }
    fs::write(&manifest, serde_json::to_vec(&m).unwrap()).unwrap();
    fs::remove_dir_all(old.original.path.parent().unwrap()).unwrap();
    let p = site.photos().process(&src).unwrap();
    assert_ne!(p.hash, old.hash);
    assert_eq!(p.size(), (200, 320), "the new photo, not the old one");
}

/// The bytes of every file made from one fixed photo. When a dependency update or a
/// pipeline change alters them, this fails: bump `photo::CACHE_VERSION` (so old cache
/// entries are not mixed with new ones) and update the hashes.
#[test]
fn derivatives_are_pinned_so_a_change_bumps_the_cache_version() {
    let site = Site::new();
    let p = site
        .photos()
        .process(&site.put("pin.jpg", &camera_jpeg(1000, 700)))
        .unwrap();
    let got: Vec<String> = outputs(&p)
        .iter()
        .map(|(name, bytes)| format!("{name} {}", &blake3::hash(bytes).to_hex()[..16]))
        .collect();
    let want = [
        "x.jpg 437cc814fcda22d4",
        "x-480.webp d107c3fd49d2e21c",
        "x-700.webp 2dd15da359168065",
        "x-480.jpg ccfe4aca0c9b3270",
        "x-700.jpg 65472d2995affb93",
    ];
    assert_eq!(got, want, "CACHE_VERSION is {}", photo::CACHE_VERSION);
}
