//! The pictures of the demo site's press releases (issue 15, point 8), drawn here from the
//! facts in the releases: no photograph of anyone else is copied. They are rendered
//! illustrations — an aerial view and a plan of zone 1 of Cheomdan 3 (three buildings on
//! 47,256 m²), the City Hall meeting room of the AI Industry Committee, the timeline of
//! the two phases, the 50,000 m² plot kept for the National AI Computing Center, and a
//! hall of GPU racks — written as a camera would: JPEG (with EXIF carrying only the
//! artist and copyright) for the rendered views, PNG for the diagrams.
//!
//! ```text
//! scripts/site-pictures.sh            # = cargo run --example site_pictures -- content/images
//! ```
//!
//! The output is the same on every machine (no randomness but a seeded hash, no fonts:
//! the few numbers are drawn with a built-in digit font), so the committed files can be
//! checked by running this again.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use exif::{Field, In, Tag, Value};
use image::codecs::jpeg::JpegEncoder;
use image::{imageops, ImageEncoder, RgbImage};

/// Drawn at twice the size and scaled down, for smooth edges.
const SS: u32 = 2;

type Rgb = [f32; 3];

fn rgb(hex: u32) -> Rgb {
    [
        ((hex >> 16) & 255) as f32,
        ((hex >> 8) & 255) as f32,
        (hex & 255) as f32,
    ]
}

fn shade(c: Rgb, k: f32) -> Rgb {
    [c[0] * k, c[1] * k, c[2] * k]
}

fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

/// A hash of two integers to [0, 1): the only source of variation.
fn hash(x: i64, y: i64, seed: u64) -> f32 {
    let mut h = (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (y as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ seed.wrapping_mul(0x1656_67B1_9E37_79F9);
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 29;
    (h >> 40) as f32 / (1u64 << 24) as f32
}

/// Smooth value noise at (x, y) with cells of `cell` units.
fn noise(x: f32, y: f32, cell: f32, seed: u64) -> f32 {
    let (fx, fy) = (x / cell, y / cell);
    let (ix, iy) = (fx.floor() as i64, fy.floor() as i64);
    let (tx, ty) = (fx - fx.floor(), fy - fy.floor());
    let s = |t: f32| t * t * (3.0 - 2.0 * t);
    let (sx, sy) = (s(tx), s(ty));
    let a = hash(ix, iy, seed);
    let b = hash(ix + 1, iy, seed);
    let c = hash(ix, iy + 1, seed);
    let d = hash(ix + 1, iy + 1, seed);
    let top = a + (b - a) * sx;
    let bottom = c + (d - c) * sx;
    top + (bottom - top) * sy
}

struct Canvas {
    w: u32,
    h: u32,
    px: Vec<Rgb>,
}

impl Canvas {
    /// A canvas `w` × `h` pixels as published (drawn at [`SS`] times that).
    fn new(w: u32, h: u32, background: Rgb) -> Canvas {
        Canvas {
            w: w * SS,
            h: h * SS,
            px: vec![background; (w * SS * h * SS) as usize],
        }
    }

    /// Paints every pixel whose centre is inside the polygon `pts` (published pixels,
    /// even-odd rule) with `paint(x, y, old)`, `x` and `y` in published pixels.
    fn poly(&mut self, pts: &[(f32, f32)], paint: &dyn Fn(f32, f32, Rgb) -> Rgb) {
        let s = SS as f32;
        let pts: Vec<(f32, f32)> = pts.iter().map(|&(x, y)| (x * s, y * s)).collect();
        let (lo, hi) = pts.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
        let y0 = lo.floor().max(0.0) as u32;
        let y1 = (hi.ceil().max(0.0) as u32).min(self.h);
        let mut xs = Vec::new();
        for y in y0..y1 {
            let cy = y as f32 + 0.5;
            xs.clear();
            for i in 0..pts.len() {
                let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
                if (a.1 <= cy) != (b.1 <= cy) {
                    xs.push(a.0 + (cy - a.1) / (b.1 - a.1) * (b.0 - a.0));
                }
            }
            xs.sort_by(|a, b| a.total_cmp(b));
            for pair in xs.chunks(2) {
                let [a, b] = pair else { continue };
                let x0 = (a - 0.5).ceil().max(0.0) as u32;
                let x1 = ((b - 0.5).floor() + 1.0).clamp(0.0, self.w as f32) as u32;
                for x in x0..x1 {
                    let i = (y * self.w + x) as usize;
                    self.px[i] = paint((x as f32 + 0.5) / s, cy / s, self.px[i]);
                }
            }
        }
    }

    fn fill(&mut self, pts: &[(f32, f32)], c: Rgb) {
        self.poly(pts, &|_, _, _| c);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgb) {
        self.fill(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h)], c);
    }

    fn ellipse(
        &mut self,
        cx: f32,
        cy: f32,
        rx: f32,
        ry: f32,
        paint: &dyn Fn(f32, f32, Rgb) -> Rgb,
    ) {
        let n = 48;
        let pts: Vec<(f32, f32)> = (0..n)
            .map(|i| {
                let a = i as f32 / n as f32 * std::f32::consts::TAU;
                (cx + rx * a.cos(), cy + ry * a.sin())
            })
            .collect();
        self.poly(&pts, paint);
    }

    /// A line `width` pixels wide from `a` to `b`.
    fn line(&mut self, a: (f32, f32), b: (f32, f32), width: f32, c: Rgb) {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-3);
        let (nx, ny) = (-dy / len * width / 2.0, dx / len * width / 2.0);
        self.fill(
            &[
                (a.0 + nx, a.1 + ny),
                (b.0 + nx, b.1 + ny),
                (b.0 - nx, b.1 - ny),
                (a.0 - nx, a.1 - ny),
            ],
            c,
        );
    }

    /// A dashed outline of the polygon `pts`.
    fn dashed(&mut self, pts: &[(f32, f32)], width: f32, dash: f32, c: Rgb) {
        for i in 0..pts.len() {
            let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let n = (len / (2.0 * dash)).ceil() as usize;
            for k in 0..n {
                let t0 = (2 * k) as f32 * dash / len;
                let t1 = (((2 * k + 1) as f32 * dash) / len).min(1.0);
                let p = |t: f32| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                self.line(p(t0), p(t1), width, c);
            }
        }
    }

    /// The digits of `text` (and `-`) in a 5 × 7 block font, `size` pixels per dot.
    fn digits(&mut self, text: &str, x: f32, y: f32, size: f32, c: Rgb) {
        let mut cx = x;
        for ch in text.chars() {
            let rows = glyph(ch);
            for (r, bits) in rows.iter().enumerate() {
                for col in 0..5 {
                    if bits & (0b10000 >> col) != 0 {
                        self.rect(cx + col as f32 * size, y + r as f32 * size, size, size, c);
                    }
                }
            }
            cx += 6.0 * size;
        }
    }

    /// Scaled down to its published size, with a camera's faint sensor noise.
    fn finish(self, grain: f32) -> RgbImage {
        let mut big = RgbImage::new(self.w, self.h);
        for (i, p) in big.pixels_mut().enumerate() {
            let c = self.px[i];
            p.0 = [
                c[0].clamp(0.0, 255.0) as u8,
                c[1].clamp(0.0, 255.0) as u8,
                c[2].clamp(0.0, 255.0) as u8,
            ];
        }
        let mut img = imageops::resize(
            &big,
            self.w / SS,
            self.h / SS,
            imageops::FilterType::Triangle,
        );
        if grain > 0.0 {
            for (x, y, p) in img.enumerate_pixels_mut() {
                let n = (hash(x as i64, y as i64, 7) - 0.5) * 2.0 * grain;
                for v in p.0.iter_mut() {
                    *v = (*v as f32 + n).clamp(0.0, 255.0) as u8;
                }
            }
        }
        img
    }
}

fn glyph(c: char) -> [u8; 7] {
    match c {
        '0' => [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E],
        '1' => [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        '2' => [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
        '3' => [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        '4' => [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02],
        '5' => [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        '6' => [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
        '7' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        '8' => [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E],
        '9' => [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
        '-' => [0, 0, 0, 0x1F, 0, 0, 0],
        _ => [0; 7],
    }
}

// ---------------------------------------------------------------- isometric views

/// A parallel view from the south-east, looking down: world metres (x east, y south,
/// z up) to published pixels.
#[derive(Clone, Copy)]
struct View {
    ox: f32,
    oy: f32,
    k: f32,
}

impl View {
    fn at(self, x: f32, y: f32, z: f32) -> (f32, f32) {
        (
            self.ox + (x - y) * self.k * 0.866,
            self.oy + (x + y) * self.k * 0.5 - z * self.k,
        )
    }

    fn ground(self, pts: &[(f32, f32)]) -> Vec<(f32, f32)> {
        pts.iter().map(|&(x, y)| self.at(x, y, 0.0)).collect()
    }
}

/// Shadows fall towards the viewer's left (the sun in the north-east, late morning).
const SUN: (f32, f32) = (-0.25, 0.75);

/// A block building: footprint (x0, y0)–(x1, y1), `floors` of `storey` metres.
#[derive(Clone, Copy)]
struct Block {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    floors: u32,
    storey: f32,
    wall: Rgb,
    glass: Rgb,
    roof: Rgb,
}

impl Block {
    fn height(&self) -> f32 {
        self.floors as f32 * self.storey
    }

    fn shadow(&self, c: &mut Canvas, v: View) {
        let h = self.height();
        let (sx, sy) = (SUN.0 * h, SUN.1 * h);
        let f = [
            (self.x0, self.y0),
            (self.x1, self.y0),
            (self.x1, self.y1),
            (self.x0, self.y1),
        ];
        // The footprint swept along the sun: the union of each edge's sweep.
        for i in 0..4 {
            let (a, b) = (f[i], f[(i + 1) % 4]);
            let quad = [a, b, (b.0 + sx, b.1 + sy), (a.0 + sx, a.1 + sy)];
            c.poly(&v.ground(&quad), &|_, _, old| {
                let dark = [92.0, 98.0, 96.0];
                if old[0] < dark[0] + 1.0 && old[1] < dark[1] + 1.0 {
                    old
                } else {
                    mix(old, dark, 0.55)
                }
            });
        }
    }

    fn draw(&self, c: &mut Canvas, v: View) {
        let h = self.height();
        let (x0, y0, x1, y1) = (self.x0, self.y0, self.x1, self.y1);
        // East face (x = x1) in light, south face (y = y1) in shade, then the roof.
        let east = [
            v.at(x1, y0, 0.0),
            v.at(x1, y1, 0.0),
            v.at(x1, y1, h),
            v.at(x1, y0, h),
        ];
        let south = [
            v.at(x0, y1, 0.0),
            v.at(x1, y1, 0.0),
            v.at(x1, y1, h),
            v.at(x0, y1, h),
        ];
        let roof = [
            v.at(x0, y0, h),
            v.at(x1, y0, h),
            v.at(x1, y1, h),
            v.at(x0, y1, h),
        ];
        c.fill(&east, shade(self.wall, 0.92));
        c.fill(&south, shade(self.wall, 0.72));
        // Windows: a band of glass on every floor, cut by mullions every 3.6 m.
        for f in 0..self.floors {
            let za = f as f32 * self.storey + self.storey * 0.3;
            let zb = f as f32 * self.storey + self.storey * 0.85;
            let bay = 3.6;
            let mut y = y0 + 1.0;
            while y + bay <= y1 - 0.5 {
                let q = [
                    v.at(x1, y + 0.35, za),
                    v.at(x1, y + bay - 0.35, za),
                    v.at(x1, y + bay - 0.35, zb),
                    v.at(x1, y + 0.35, zb),
                ];
                let g = shade(
                    self.glass,
                    0.95 + 0.1 * hash(f as i64, (y * 10.0) as i64, 3),
                );
                c.fill(&q, g);
                y += bay;
            }
            let mut x = x0 + 1.0;
            while x + bay <= x1 - 0.5 {
                let q = [
                    v.at(x + 0.35, y1, za),
                    v.at(x + bay - 0.35, y1, za),
                    v.at(x + bay - 0.35, y1, zb),
                    v.at(x + 0.35, y1, zb),
                ];
                let g = shade(
                    self.glass,
                    0.7 + 0.08 * hash((x * 10.0) as i64, f as i64, 4),
                );
                c.fill(&q, g);
                x += bay;
            }
        }
        c.fill(&roof, self.roof);
        // A parapet line round the roof.
        let edge = shade(self.roof, 0.8);
        for i in 0..4 {
            c.line(roof[i], roof[(i + 1) % 4], 1.5, edge);
        }
    }
}

/// A small box on the ground or a roof (cooling units, racks, a kiosk).
fn small_box(
    c: &mut Canvas,
    v: View,
    (x0, y0, x1, y1): (f32, f32, f32, f32),
    z: f32,
    h: f32,
    col: Rgb,
) {
    let east = [
        v.at(x1, y0, z),
        v.at(x1, y1, z),
        v.at(x1, y1, z + h),
        v.at(x1, y0, z + h),
    ];
    let south = [
        v.at(x0, y1, z),
        v.at(x1, y1, z),
        v.at(x1, y1, z + h),
        v.at(x0, y1, z + h),
    ];
    let top = [
        v.at(x0, y0, z + h),
        v.at(x1, y0, z + h),
        v.at(x1, y1, z + h),
        v.at(x0, y1, z + h),
    ];
    c.fill(&east, shade(col, 0.88));
    c.fill(&south, shade(col, 0.7));
    c.fill(&top, col);
}

fn tree(c: &mut Canvas, v: View, x: f32, y: f32, r: f32, seed: i64) {
    let (sx, sy) = v.at(x + SUN.0 * 6.0, y + SUN.1 * 6.0, 0.0);
    c.ellipse(sx, sy, r * v.k * 0.9, r * v.k * 0.45, &|_, _, old| {
        shade(old, 0.7)
    });
    let (tx, ty) = v.at(x, y, 0.0);
    c.line((tx, ty), (tx, ty - 3.0 * v.k), 0.5 * v.k, rgb(0x5b4630));
    let (cx, cy) = v.at(x, y, 6.0);
    let base = mix(rgb(0x3f6b35), rgb(0x5d8a3c), hash(seed, 1, 9));
    c.ellipse(cx, cy, r * v.k, r * v.k * 0.8, &move |px, py, _| {
        let n = noise(px, py, 2.5, seed as u64);
        shade(base, 0.8 + 0.35 * n)
    });
    c.ellipse(
        cx - r * v.k * 0.25,
        cy - r * v.k * 0.25,
        r * v.k * 0.45,
        r * v.k * 0.35,
        &move |_, _, old| mix(old, rgb(0x8fb65a), 0.35),
    );
}

/// Fields, roads and neighbouring lots around a site: the ground of an aerial view.
fn surroundings(c: &mut Canvas, v: View, seed: u64) {
    let grass = rgb(0x7d9a55);
    let field = rgb(0xa9a26a);
    let lot = rgb(0xb9b6a8);
    // Parcels on a 60 m grid, each a field, grass or a built lot.
    for gx in -8..12 {
        for gy in -8..12 {
            let (x0, y0) = (gx as f32 * 60.0 - 40.0, gy as f32 * 60.0 - 40.0);
            let kind = hash(gx, gy, seed);
            let base = if kind < 0.45 {
                grass
            } else if kind < 0.8 {
                field
            } else {
                lot
            };
            let pts = v.ground(&[
                (x0 + 3.0, y0 + 3.0),
                (x0 + 57.0, y0 + 3.0),
                (x0 + 57.0, y0 + 57.0),
                (x0 + 3.0, y0 + 57.0),
            ]);
            let s = seed.wrapping_add((gx * 31 + gy + 1000) as u64);
            c.poly(&pts, &move |px, py, _| {
                let n = noise(px, py, 40.0, s) * 0.6 + noise(px, py, 6.0, s + 1) * 0.4;
                shade(base, 0.86 + 0.22 * n)
            });
        }
    }
}

fn road(c: &mut Canvas, v: View, a: (f32, f32), b: (f32, f32), width: f32) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    let (nx, ny) = (-dy / len * width / 2.0, dx / len * width / 2.0);
    let quad = [
        (a.0 + nx, a.1 + ny),
        (b.0 + nx, b.1 + ny),
        (b.0 - nx, b.1 - ny),
        (a.0 - nx, a.1 - ny),
    ];
    c.poly(&v.ground(&quad), &|px, py, _| {
        shade(rgb(0x6d7073), 0.95 + 0.1 * noise(px, py, 3.0, 5))
    });
    // Dashed centre line.
    let n = (len / 8.0) as usize;
    for i in 0..n {
        let t0 = i as f32 * 8.0 / len;
        let t1 = t0 + 3.5 / len;
        let p = |t: f32| v.at(a.0 + dx * t, a.1 + dy * t, 0.0);
        c.line(p(t0), p(t1), 0.35 * v.k, rgb(0xe8e4d0));
    }
}

/// Zone 1 of Cheomdan 3 as planned: the testbed and start-up buildings (B1 + 7F) and the
/// two-storey AI data center on a 244 × 193.7 m plot (47,263 m², the release's 47,256).
fn zone1(c: &mut Canvas, v: View) {
    let plot = [(0.0, 0.0), (244.0, 0.0), (244.0, 193.7), (0.0, 193.7)];
    c.poly(&v.ground(&plot), &|px, py, _| {
        shade(rgb(0x93a86a), 0.9 + 0.15 * noise(px, py, 12.0, 21))
    });
    // Paved plaza and paths.
    let plaza = [(20.0, 80.0), (120.0, 80.0), (120.0, 108.0), (20.0, 108.0)];
    c.poly(&v.ground(&plaza), &|px, py, _| {
        shade(rgb(0xd8d2c2), 0.95 + 0.07 * noise(px, py, 2.0, 22))
    });
    let path = [(120.0, 88.0), (140.0, 88.0), (140.0, 100.0), (120.0, 100.0)];
    c.fill(&v.ground(&path), rgb(0xd2ccbc));
    // Parking south of the data center.
    let park = [
        (140.0, 135.0),
        (230.0, 135.0),
        (230.0, 180.0),
        (140.0, 180.0),
    ];
    c.fill(&v.ground(&park), rgb(0x8e9092));
    let mut x = 143.0;
    while x < 228.0 {
        for (ya, yb) in [(137.0, 151.0), (164.0, 178.0)] {
            c.line(v.at(x, ya, 0.0), v.at(x, yb, 0.0), 0.2 * v.k, rgb(0xeeeeee));
        }
        x += 2.6;
    }
    let blocks = [
        // Testbed building (실증동), B1 + 7F.
        Block {
            x0: 28.0,
            y0: 30.0,
            x1: 100.0,
            y1: 66.0,
            floors: 7,
            storey: 4.3,
            wall: rgb(0xe4e7ea),
            glass: rgb(0x5f86a8),
            roof: rgb(0xb9bec3),
        },
        // Start-up building (창업동), B1 + 7F.
        Block {
            x0: 28.0,
            y0: 122.0,
            x1: 100.0,
            y1: 158.0,
            floors: 7,
            storey: 4.3,
            wall: rgb(0xece6dc),
            glass: rgb(0x6a8fa0),
            roof: rgb(0xc3bdb2),
        },
        // AI data center, two tall floors.
        Block {
            x0: 140.0,
            y0: 30.0,
            x1: 228.0,
            y1: 118.0,
            floors: 2,
            storey: 7.0,
            wall: rgb(0xd9dcdf),
            glass: rgb(0x4f6f8c),
            roof: rgb(0xa9afb5),
        },
    ];
    for b in &blocks {
        b.shadow(c, v);
    }
    let mut trees = Vec::new();
    for i in 0..24 {
        trees.push((4.0 + i as f32 * 10.0, 189.0));
        if i < 19 {
            trees.push((240.0, 4.0 + i as f32 * 10.0));
        }
    }
    for i in 0..6 {
        trees.push((25.0 + i as f32 * 18.0, 113.0));
        trees.push((25.0 + i as f32 * 18.0, 75.0));
    }
    // Draw far to near: trees and buildings by their nearest corner.
    enum Thing {
        B(Block),
        T(f32, f32, i64),
    }
    let mut things: Vec<(f32, Thing)> =
        blocks.iter().map(|b| (b.x1 + b.y1, Thing::B(*b))).collect();
    for (i, &(x, y)) in trees.iter().enumerate() {
        things.push((x + y, Thing::T(x, y, i as i64)));
    }
    things.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, t) in things {
        match t {
            Thing::B(b) => {
                b.draw(c, v);
                if b.floors == 2 {
                    // Cooling units on the data center's roof.
                    for i in 0..6 {
                        for j in 0..3 {
                            let (x, y) = (150.0 + i as f32 * 12.5, 42.0 + j as f32 * 24.0);
                            small_box(
                                c,
                                v,
                                (x, y, x + 8.0, y + 14.0),
                                b.height(),
                                2.2,
                                rgb(0xc9ccd0),
                            );
                        }
                    }
                }
            }
            Thing::T(x, y, s) => tree(c, v, x, y, 3.6, s),
        }
    }
}

/// 1: the aerial view of zone 1 as planned at the groundbreaking (JPEG).
fn aerial(out: &Path) {
    let (w, h) = (2400, 1600);
    let mut c = Canvas::new(w, h, rgb(0x7d9a55));
    let v = View {
        ox: 1080.0,
        oy: 250.0,
        k: 5.4,
    };
    surroundings(&mut c, v, 11);
    road(&mut c, v, (-400.0, 205.0), (700.0, 205.0), 20.0);
    road(&mut c, v, (256.0, -400.0), (256.0, 700.0), 16.0);
    road(&mut c, v, (-400.0, -14.0), (256.0, -14.0), 12.0);
    zone1(&mut c, v);
    jpeg(&c.finish(2.5), &out.join("2021-11-22-zone1-aerial.jpg"));
}

/// 5: Cheomdan 3 with zone 1 built and the 50,000 m² plot kept for the National AI
/// Computing Center (250 × 200 m) east of it, marked out (JPEG).
fn computing_plot(out: &Path) {
    let (w, h) = (2400, 1600);
    let mut c = Canvas::new(w, h, rgb(0x7d9a55));
    let v = View {
        ox: 1000.0,
        oy: 250.0,
        k: 3.3,
    };
    surroundings(&mut c, v, 29);
    road(&mut c, v, (-500.0, 205.0), (900.0, 205.0), 20.0);
    road(&mut c, v, (256.0, -500.0), (256.0, 900.0), 16.0);
    road(&mut c, v, (-500.0, -14.0), (900.0, -14.0), 12.0);
    // The reserved plot: levelled earth, pegged out with a dashed line.
    let plot = [(276.0, 0.0), (526.0, 0.0), (526.0, 200.0), (276.0, 200.0)];
    c.poly(&v.ground(&plot), &|px, py, _| {
        shade(rgb(0xc2a77f), 0.88 + 0.2 * noise(px, py, 9.0, 41))
    });
    c.dashed(&v.ground(&plot), 4.0, 14.0, rgb(0xf4f1e6));
    // Survey pegs at the corners.
    for &(x, y) in &plot {
        small_box(
            &mut c,
            v,
            (x - 1.0, y - 1.0, x + 1.0, y + 1.0),
            0.0,
            4.0,
            rgb(0xd9472b),
        );
    }
    zone1(&mut c, v);
    jpeg(
        &c.finish(2.5),
        &out.join("2025-09-01-computing-center-plot.jpg"),
    );
}

/// 6: rows of GPU racks in a data hall, as the computing center would hold them (JPEG).
fn data_hall(out: &Path) {
    let (w, h) = (2000, 1125);
    let mut c = Canvas::new(w, h, rgb(0x2a3038));
    let v = View {
        ox: 1000.0,
        oy: 130.0,
        k: 31.0,
    };
    // The floor: raised tiles.
    let floor = [(0.0, 0.0), (30.0, 0.0), (30.0, 30.0), (0.0, 30.0)];
    c.poly(&v.ground(&floor), &|px, py, _| {
        let t = noise(px, py, 30.0, 51);
        shade(rgb(0xb8bec6), 0.93 + 0.05 * t)
    });
    for i in 0..=50 {
        let t = i as f32 * 0.6;
        c.line(v.at(t, 0.0, 0.0), v.at(t, 30.0, 0.0), 1.0, rgb(0x9aa1aa));
        c.line(v.at(0.0, t, 0.0), v.at(30.0, t, 0.0), 1.0, rgb(0x9aa1aa));
    }
    // The back walls.
    c.fill(
        &[
            v.at(0.0, 0.0, 0.0),
            v.at(30.0, 0.0, 0.0),
            v.at(30.0, 0.0, 4.0),
            v.at(0.0, 0.0, 4.0),
        ],
        rgb(0x59626e),
    );
    c.fill(
        &[
            v.at(0.0, 0.0, 0.0),
            v.at(0.0, 30.0, 0.0),
            v.at(0.0, 30.0, 4.0),
            v.at(0.0, 0.0, 4.0),
        ],
        rgb(0x4a525d),
    );
    // Rows of racks (0.6 × 1.2 m, 2.2 m tall), two to a pair facing a cold aisle.
    let mut racks = Vec::new();
    for row in 0..6 {
        let y = 3.0 + row as f32 * 4.2;
        for k in 0..38 {
            let x = 3.0 + k as f32 * 0.62;
            racks.push((x, y, row, k));
            racks.push((x, y + 1.25, row, k + 100));
        }
    }
    racks.sort_by(|a, b| (a.0 + a.1).total_cmp(&(b.0 + b.1)));
    for (x, y, row, k) in racks {
        small_box(&mut c, v, (x, y, x + 0.6, y + 1.2), 0.0, 2.2, rgb(0x22262c));
        // Status lights on the face towards the aisle.
        for u in 0..8 {
            let z = 0.3 + u as f32 * 0.23;
            let on = hash(k as i64 + row as i64 * 1000, u, 61);
            let col = if on < 0.75 {
                rgb(0x39d0ff)
            } else {
                rgb(0x7cff6b)
            };
            let (px, py) = v.at(x + 0.3, y + 1.2, z);
            c.rect(px - 2.0, py - 1.0, 4.0, 2.0, col);
        }
    }
    jpeg(&c.finish(3.0), &out.join("2025-09-01-gpu-hall.jpg"));
}

// ---------------------------------------------------------------- plans and charts

/// 2: the plan of zone 1 from above, with a north arrow and a 50 m scale bar (PNG).
fn plan(out: &Path) {
    let (w, h) = (1600, 1100);
    let mut c = Canvas::new(w, h, rgb(0xf4f2ec));
    let s = 4.9; // pixels a metre
    let (ox, oy) = (170.0, 60.0);
    let at = |x: f32, y: f32| (ox + x * s, oy + y * s);
    let rect = |c: &mut Canvas, x0: f32, y0: f32, x1: f32, y1: f32, col: Rgb| {
        let (a, b) = (at(x0, y0), at(x1, y1));
        c.rect(a.0, a.1, b.0 - a.0, b.1 - a.1, col);
    };
    // Roads around the plot.
    rect(&mut c, -30.0, 195.0, 300.0, 215.0, rgb(0xbfc1c4));
    rect(&mut c, 246.0, -30.0, 266.0, 215.0, rgb(0xbfc1c4));
    rect(&mut c, 0.0, 0.0, 244.0, 193.7, rgb(0xdfe8d2));
    c.dashed(
        &[
            at(0.0, 0.0),
            at(244.0, 0.0),
            at(244.0, 193.7),
            at(0.0, 193.7),
        ],
        4.0,
        16.0,
        rgb(0x4a6b57),
    );
    rect(&mut c, 20.0, 80.0, 120.0, 108.0, rgb(0xe9e2d0));
    rect(&mut c, 140.0, 135.0, 230.0, 180.0, rgb(0xc9cbce));
    let mut x = 143.0;
    while x < 228.0 {
        c.line(at(x, 137.0), at(x, 151.0), 1.5, rgb(0xffffff));
        c.line(at(x, 164.0), at(x, 178.0), 1.5, rgb(0xffffff));
        x += 2.6;
    }
    for (x0, y0, x1, y1, col, edge) in [
        (28.0, 30.0, 100.0, 66.0, rgb(0xcfe0f2), rgb(0x1f4e79)),
        (28.0, 122.0, 100.0, 158.0, rgb(0xd9ecd0), rgb(0x2f6b1f)),
        (140.0, 30.0, 228.0, 118.0, rgb(0xf6dcc4), rgb(0x8a4b12)),
    ] {
        rect(&mut c, x0, y0, x1, y1, edge);
        rect(&mut c, x0 + 0.8, y0 + 0.8, x1 - 0.8, y1 - 0.8, col);
    }
    for i in 0..24 {
        let (tx, ty) = at(4.0 + i as f32 * 10.0, 187.0);
        c.ellipse(tx, ty, 16.0, 16.0, &|_, _, _| rgb(0x7fa565));
    }
    // North arrow and a 50 m scale bar.
    let (nx, ny) = (1460.0, 120.0);
    c.fill(
        &[
            (nx, ny - 60.0),
            (nx + 24.0, ny + 30.0),
            (nx, ny + 12.0),
            (nx - 24.0, ny + 30.0),
        ],
        rgb(0x2b3f33),
    );
    let (bx, by) = (160.0, 1040.0);
    c.rect(bx, by, 50.0 * s, 10.0, rgb(0x2b3f33));
    c.rect(bx + 25.0 * s, by + 2.0, 25.0 * s - 2.0, 6.0, rgb(0xf4f2ec));
    c.digits("0", bx - 8.0, by - 34.0, 3.0, rgb(0x2b3f33));
    c.digits("50", bx + 50.0 * s - 16.0, by - 34.0, 3.0, rgb(0x2b3f33));
    png(&c.finish(0.0), &out.join("2021-11-22-zone1-plan.png"));
}

/// 3: the City Hall meeting room of the committee from above: one long table, the two
/// co-chairs' seats at its head, the screen on the wall (JPEG).
fn meeting_room(out: &Path) {
    let (w, h) = (2000, 1333);
    let mut c = Canvas::new(w, h, rgb(0xd9cfbf));
    // Wooden floor boards.
    for i in 0..40 {
        let y = i as f32 * 34.0;
        let tone = 0.9 + 0.12 * hash(i, 0, 71);
        c.poly(
            &[
                (0.0, y),
                (w as f32, y),
                (w as f32, y + 33.0),
                (0.0, y + 33.0),
            ],
            &move |px, py, _| {
                shade(
                    rgb(0xc8a978),
                    tone * (0.94 + 0.08 * noise(px * 0.2, py * 3.0, 8.0, i as u64)),
                )
            },
        );
    }
    // Walls, the screen and the window side.
    c.rect(0.0, 0.0, w as f32, 70.0, rgb(0xeeeae2));
    c.rect(w as f32 - 70.0, 0.0, 70.0, h as f32, rgb(0xeeeae2));
    c.rect(w as f32 - 62.0, 400.0, 40.0, 560.0, rgb(0x1c232b));
    c.rect(w as f32 - 56.0, 412.0, 28.0, 536.0, rgb(0x3b6e9e));
    c.rect(0.0, 70.0, 40.0, h as f32, rgb(0xe9e5dc));
    for i in 0..6 {
        c.rect(4.0, 120.0 + i as f32 * 200.0, 32.0, 160.0, rgb(0xbcd6ea));
    }
    // The table with its shadow, and the seats round it.
    let (tx, ty, tw, th) = (520.0, 330.0, 960.0, 700.0);
    c.rect(tx + 18.0, ty + 22.0, tw, th, rgb(0x8c7656));
    c.poly(
        &[(tx, ty), (tx + tw, ty), (tx + tw, ty + th), (tx, ty + th)],
        &|px, py, _| {
            shade(
                rgb(0x6b4b2e),
                0.9 + 0.15 * noise(px * 0.3, py * 2.0, 10.0, 81),
            )
        },
    );
    c.rect(tx + 60.0, ty + 60.0, tw - 120.0, th - 120.0, rgb(0x7a5636));
    let chair = |c: &mut Canvas, x: f32, y: f32, col: Rgb| {
        c.ellipse(x + 6.0, y + 8.0, 44.0, 40.0, &|_, _, old| shade(old, 0.75));
        c.ellipse(x, y, 42.0, 38.0, &move |_, _, _| col);
        c.ellipse(x, y, 30.0, 26.0, &move |_, _, _| shade(col, 1.15));
    };
    let grey = rgb(0x4b5563);
    for i in 0..8 {
        let x = tx + 90.0 + i as f32 * 112.0;
        chair(&mut c, x, ty - 60.0, grey);
        chair(&mut c, x, ty + th + 60.0, grey);
    }
    // The head of the table: the two co-chairs.
    let chairs = rgb(0x1f4e79);
    chair(&mut c, tx - 64.0, ty + th / 2.0 - 80.0, chairs);
    chair(&mut c, tx - 64.0, ty + th / 2.0 + 80.0, chairs);
    // Papers, name plates and microphones at each seat.
    for i in 0..8 {
        let x = tx + 60.0 + i as f32 * 112.0;
        for y in [ty + 8.0, ty + th - 58.0] {
            c.rect(x, y, 56.0, 50.0, rgb(0xf7f5ef));
            c.rect(x + 10.0, y + 10.0, 36.0, 4.0, rgb(0x9aa0a6));
            c.rect(x + 10.0, y + 20.0, 30.0, 4.0, rgb(0x9aa0a6));
        }
    }
    for k in [-1.0, 1.0] {
        c.rect(
            tx + 8.0,
            ty + th / 2.0 + k * 80.0 - 28.0,
            56.0,
            56.0,
            rgb(0xf7f5ef),
        );
    }
    c.ellipse(tx + 240.0, ty + th / 2.0, 60.0, 60.0, &|_, _, _| {
        rgb(0x4d7c3a)
    });
    c.ellipse(tx + 240.0, ty + th / 2.0, 38.0, 38.0, &|px, py, _| {
        shade(rgb(0xd9a441), 0.85 + 0.3 * noise(px, py, 6.0, 91))
    });
    jpeg(&c.finish(3.0), &out.join("2023-08-21-committee-room.jpg"));
}

/// 4: the two phases on a line of years: phase 1 (2020–2024) done, the phase 2 planning
/// study (June 2023 – February 2024), phase 2 (2025–2029) ahead (PNG).
fn timeline(out: &Path) {
    let (w, h) = (1600, 560);
    let mut c = Canvas::new(w, h, rgb(0xffffff));
    let (x0, x1) = (120.0, 1480.0);
    let year = |y: f32| x0 + (y - 2020.0) / 10.0 * (x1 - x0);
    let ink = rgb(0x1f2933);
    c.rect(x0, 420.0, x1 - x0, 4.0, ink);
    for y in 2020..=2030 {
        let x = year(y as f32);
        c.rect(x - 2.0, 408.0, 4.0, 28.0, ink);
        if y < 2030 {
            c.digits(
                &y.to_string(),
                x + (year(y as f32 + 1.0) - x) / 2.0 - 46.0,
                460.0,
                3.4,
                ink,
            );
        }
    }
    // Phase 1, five years; phase 2, five years ahead (hatched).
    c.rect(
        year(2020.0),
        230.0,
        year(2025.0) - year(2020.0) - 6.0,
        120.0,
        rgb(0x1f4e79),
    );
    let (p2a, p2b) = (year(2025.0), year(2030.0) - 6.0);
    c.rect(p2a, 230.0, p2b - p2a, 120.0, rgb(0xd6e4f0));
    let mut x = p2a - 120.0;
    while x < p2b {
        let a = (x.max(p2a), 230.0 + (x.max(p2a) - x));
        let b = (
            (x + 120.0).min(p2b),
            350.0 - ((x + 120.0) - (x + 120.0).min(p2b)),
        );
        if b.0 > a.0 {
            c.line(a, b, 6.0, rgb(0x8fb0cc));
        }
        x += 36.0;
    }
    c.dashed(
        &[(p2a, 230.0), (p2b, 230.0), (p2b, 350.0), (p2a, 350.0)],
        4.0,
        12.0,
        rgb(0x1f4e79),
    );
    // The planning study: June 2023 to February 2024, above the bars.
    let (sa, sb) = (year(2023.0 + 5.0 / 12.0), year(2024.0 + 2.0 / 12.0));
    c.rect(sa, 90.0, sb - sa, 70.0, rgb(0xd9a441));
    c.line((sb, 160.0), (year(2025.0), 230.0), 4.0, rgb(0xb07f1f));
    png(&c.finish(0.0), &out.join("2023-08-21-phases-timeline.png"));
}

// ---------------------------------------------------------------- files

fn exif() -> Vec<u8> {
    let text = |tag, s: &str| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![s.as_bytes().to_vec()]),
    };
    let mut w = exif::experimental::Writer::new();
    let fields = [
        text(Tag::Artist, "gongbo demo site"),
        text(Tag::Copyright, "gongbo demo site, KOGL type 1"),
    ];
    fields.iter().for_each(|f| w.push_field(f));
    let mut out = Cursor::new(Vec::new());
    w.write(&mut out, false).expect("EXIF");
    out.into_inner()
}

fn jpeg(img: &RgbImage, path: &Path) {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, 86);
    enc.set_exif_metadata(exif()).expect("EXIF");
    enc.write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )
    .expect("JPEG");
    std::fs::write(path, out).expect("write");
    println!(
        "{} ({} KB)",
        path.display(),
        std::fs::metadata(path).unwrap().len() / 1000
    );
}

fn png(img: &RgbImage, path: &Path) {
    img.save(path).expect("PNG");
    println!(
        "{} ({} KB)",
        path.display(),
        std::fs::metadata(path).unwrap().len() / 1000
    );
}

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "content/images".into()),
    );
    std::fs::create_dir_all(&out).expect("output folder");
    aerial(&out);
    plan(&out);
    meeting_room(&out);
    timeline(&out);
    computing_plot(&out);
    data_hall(&out);
}
