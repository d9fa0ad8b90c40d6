//! Photo benchmark (issue 15, point 6): 50 camera-size JPEGs through `gongbo::photo`
//! as the build will call it, first with an empty cache, then again with the cache.
//!
//! ```text
//! bash benches/photos.sh                  # generate, first run, second run, sizes
//! cargo bench --bench photos -- gen DIR N        # make N 4000×3000 JPEGs in DIR/site
//! cargo bench --bench photos -- run DIR          # one build's photo stage, timed
//! cargo bench --bench photos -- sizes DIR [REAL] # derivative sizes (and of REAL photos)
//! ```
//!
//! The photos are photographic in the way that matters for compression: a 1/f
//! (fractal) spectrum of detail at every scale, hard edges, colour, and sensor noise,
//! encoded at quality 92 like a camera, with EXIF that has GPS, a serial number and an
//! orientation (every fifth photo is a portrait taken with the camera turned).

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::Instant;

use exif::{Field, In, Rational, Tag, Value};
use gongbo::photo::{Photos, Processed, Settings};
use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder};
use rayon::prelude::*;

const W: u32 = 4000;
const H: u32 = 3000;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let dir = PathBuf::from(arg(1).unwrap_or("target/photo-bench"));
    match arg(0) {
        Some("gen") => generate(&dir, arg(2).and_then(|n| n.parse().ok()).unwrap_or(50)),
        Some("run") => run(&dir),
        Some("sizes") => sizes(&dir, arg(2).map(Path::new)),
        _ => eprintln!("usage: photos gen DIR [N] | run DIR | sizes DIR [REAL_PHOTOS_DIR]"),
    }
}

// ---------------------------------------------------------------- generation

/// A small deterministic random generator (xorshift), so every machine makes the same
/// photos.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Value noise: a lattice of random values every `cell` pixels, smoothly interpolated.
struct Octave {
    cell: f32,
    cols: usize,
    values: Vec<f32>,
    amplitude: f32,
}

fn scene(seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    // Octaves from 1000 px down to 2 px, amplitude ∝ size: the 1/f spectrum of natural
    // images, so the picture has detail left at every width gongbo makes.
    let octaves: Vec<Octave> = (0..10)
        .map(|k| {
            let cell = 1000.0 / 2f32.powi(k);
            let cols = (W as f32 / cell) as usize + 2;
            let rows = (H as f32 / cell) as usize + 2;
            let values = (0..cols * rows * 3).map(|_| rng.unit() - 0.5).collect();
            Octave {
                cell,
                cols,
                values,
                amplitude: 0.75f32.powi(k),
            }
        })
        .collect();
    // Hard-edged shapes: buildings, a stage, people.
    let shapes: Vec<[f32; 7]> = (0..40)
        .map(|_| {
            let (x, y) = (rng.unit() * W as f32, rng.unit() * H as f32);
            let (w, h) = (50.0 + rng.unit() * 700.0, 50.0 + rng.unit() * 900.0);
            [x, y, w, h, rng.unit(), rng.unit(), rng.unit()]
        })
        .collect();
    let rows: Vec<Vec<u8>> = (0..H)
        .into_par_iter()
        .map(|y| {
            let mut noise = Rng(seed ^ (u64::from(y) << 20) | 1);
            let mut row = Vec::with_capacity(W as usize * 3);
            for x in 0..W {
                let mut c = [0.45f32, 0.42, 0.40];
                for o in &octaves {
                    let (fx, fy) = (x as f32 / o.cell, y as f32 / o.cell);
                    let (ix, iy) = (fx as usize, fy as usize);
                    let (tx, ty) = (fx.fract(), fy.fract());
                    let (sx, sy) = (tx * tx * (3.0 - 2.0 * tx), ty * ty * (3.0 - 2.0 * ty));
                    for (ch, v) in c.iter_mut().enumerate() {
                        let at = |i: usize, j: usize| o.values[(j * o.cols + i) * 3 + ch];
                        let top = at(ix, iy) * (1.0 - sx) + at(ix + 1, iy) * sx;
                        let bottom = at(ix, iy + 1) * (1.0 - sx) + at(ix + 1, iy + 1) * sx;
                        *v += (top * (1.0 - sy) + bottom * sy) * o.amplitude * 0.35;
                    }
                }
                for s in &shapes {
                    if (x as f32 - s[0]).abs() < s[2] / 2.0 && (y as f32 - s[1]).abs() < s[3] / 2.0
                    {
                        for (ch, v) in c.iter_mut().enumerate() {
                            *v = *v * 0.5 + s[4 + ch] * 0.5;
                        }
                    }
                }
                for v in c {
                    // Sensor noise of about ±3 levels.
                    let grain = (noise.unit() + noise.unit() - 1.0) * 3.0;
                    row.push((v * 255.0 + grain).clamp(0.0, 255.0) as u8);
                }
            }
            row
        })
        .collect();
    rows.concat()
}

fn camera_exif(i: usize) -> Vec<u8> {
    let r = |n| Rational {
        num: n,
        denom: 1000,
    };
    let f = |tag, value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    let text = |tag, s: String| f(tag, Value::Ascii(vec![s.into_bytes()]));
    let orientation = if i % 5 == 4 { 6 } else { 1 };
    let fields = [
        text(Tag::Make, "Bench Camera Co.".into()),
        text(Tag::Model, "BC-45".into()),
        f(Tag::Orientation, Value::Short(vec![orientation])),
        text(Tag::Copyright, "(c) Gwangju Metropolitan City".into()),
        text(Tag::BodySerialNumber, format!("BODY{:08}", 1000 + i)),
        text(Tag::GPSLatitudeRef, "N".into()),
        f(
            Tag::GPSLatitude,
            Value::Rational(vec![r(35_000), r(9_000), r(i as u32 * 100)]),
        ),
        text(Tag::GPSLongitudeRef, "E".into()),
        f(
            Tag::GPSLongitude,
            Value::Rational(vec![r(126_000), r(51_000), r(0)]),
        ),
    ];
    let mut w = exif::experimental::Writer::new();
    fields.iter().for_each(|f| w.push_field(f));
    let mut out = Cursor::new(Vec::new());
    w.write(&mut out, true).expect("EXIF");
    out.into_inner()
}

fn generate(dir: &Path, n: usize) {
    let photos = dir.join("site/content/photos");
    fs::create_dir_all(&photos).expect("bench folder");
    let started = Instant::now();
    for i in 0..n {
        let path = photos.join(format!("p{i:02}.jpg"));
        if path.exists() {
            continue;
        }
        let pixels = scene(i as u64 + 1);
        let mut out = Vec::new();
        let mut enc = JpegEncoder::new_with_quality(&mut out, 92);
        enc.set_exif_metadata(camera_exif(i)).expect("EXIF");
        enc.write_image(&pixels, W, H, ExtendedColorType::Rgb8)
            .expect("JPEG");
        fs::write(&path, out).expect("write");
    }
    println!(
        "generated {n} photos in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

// ---------------------------------------------------------------- runs

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir.join("site/content/photos"))
        .expect("run `gen` first")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

/// User + system CPU seconds of this process (Linux `/proc/self/stat`).
fn cpu_seconds() -> f64 {
    let stat = fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident memory in MiB (`VmHWM`).
fn peak_mib() -> f64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn run(dir: &Path) {
    let srcs = sources(dir);
    let site = dir.join("site");
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let photos = Photos::open(&site, Settings::default()).expect("cache");
    let results = photos.process_all(&srcs);
    let stats = photos.finish().expect("manifest");
    let wall = wall.elapsed().as_secs_f64();
    let failed = results.iter().filter(|r| r.is_err()).count();
    println!(
        "{} photos: {:.3} s wall, {:.2} s CPU, peak {:.0} MiB; made {}, from cache {}, hashed {}, failed {failed}",
        srcs.len(),
        wall,
        cpu_seconds() - cpu,
        peak_mib(),
        stats.made,
        stats.from_cache,
        stats.hashed,
    );
}

// ---------------------------------------------------------------- sizes

fn kb(b: u64) -> String {
    format!("{:.0} KB", b as f64 / 1000.0)
}

fn report(label: &str, done: &[Processed]) {
    let landscape: Vec<&Processed> = done.iter().filter(|p| p.size().0 >= p.size().1).collect();
    let mut rows: Vec<(u64, &str, u32)> = Vec::new();
    for p in &landscape {
        for d in p.webp.iter() {
            rows.push((d.bytes, "webp", d.width));
        }
        for d in p.jpeg.iter() {
            rows.push((d.bytes, "jpeg", d.width));
        }
    }
    println!("{label}: {} landscape photos", landscape.len());
    let original: Vec<u64> = landscape.iter().map(|p| p.original.bytes).collect();
    println!("  original (stripped): median {}", kb(median(original)));
    for format in ["webp", "jpeg"] {
        for width in [480, 960, 1200, 1600] {
            let sizes: Vec<u64> = rows
                .iter()
                .filter(|r| r.1 == format && r.2 == width)
                .map(|r| r.0)
                .collect();
            if sizes.is_empty() {
                continue;
            }
            let max = sizes.iter().copied().max().unwrap_or(0);
            println!(
                "  {format} {width:>4} px: median {}, max {}",
                kb(median(sizes)),
                kb(max)
            );
        }
    }
}

fn median(mut v: Vec<u64>) -> u64 {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

fn sizes(dir: &Path, real: Option<&Path>) {
    let photos = Photos::open(&dir.join("site"), Settings::default()).expect("cache");
    let done: Vec<Processed> = photos
        .process_all(&sources(dir))
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    report("generated 4000×3000", &done);
    let Some(real) = real else { return };
    let mut paths: Vec<PathBuf> = fs::read_dir(real)
        .expect("real photos folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    paths.sort();
    let site = dir.join("real");
    fs::create_dir_all(&site).expect("real site");
    let photos = Photos::open(&site, Settings::default()).expect("cache");
    let done: Vec<Processed> = photos
        .process_all(&paths)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|p| p.size().0 >= 1600)
        .collect();
    report(
        &format!("real photos from {} (≥ 1600 px wide)", real.display()),
        &done,
    );
}
