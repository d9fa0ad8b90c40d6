//! Measures what the highlighting bounds of `markdown::highlight` allow: for every
//! bundled grammar, one line at its length limit of each of several kinds of content
//! (words, code, punctuation, one letter, random printable text, …), and reports the
//! slowest line and what a whole code block of such lines would take. This is how the
//! per-grammar limits (`SLOW`) and `NEVER` were chosen; rerun it after a syntect update:
//!
//!     cargo run --release --example highlight_cost [GRAMMAR ...]
//!
//! Output: one line per grammar, slowest first: milliseconds for the worst line, the
//! content that made it, the line limit, and seconds for a block of `MAX_BLOCK_BYTES`.

use std::time::Instant;

use gongbo::markdown::highlight::{self, Budget, MAX_BLOCK_BYTES};

fn kinds(n: usize) -> Vec<(&'static str, String)> {
    let rep = |unit: &str| unit.repeat(n / unit.len() + 1);
    let mut x: u32 = 39595;
    let random: String = (0..n)
        .map(|_| {
            x = x.wrapping_mul(1103515245).wrapping_add(12345);
            (32 + ((x >> 16) % 95) as u8) as char
        })
        .collect();
    let all = vec![
        ("words", rep("lorem ipsum dolor ")),
        ("code", rep("x = (y + 1) * f(z, \"s\"); ")),
        ("punctuation", rep("*_`[]()<>{}#|=+-:;'\",.!?/\\")),
        ("letter", rep("a")),
        ("spaces", rep("a ")),
        ("dots", rep("a.b")),
        ("quotes", rep("\"a\" ")),
        ("dollars", rep("$(x) ")),
        ("parens", rep("(")),
        ("random", random),
    ];
    all.into_iter()
        .map(|(k, mut s)| {
            s.truncate(n);
            (k, s)
        })
        .collect()
}

fn main() {
    let only: Vec<String> = std::env::args().skip(1).collect();
    let mut rows = Vec::new();
    for (name, token) in highlight::grammars() {
        if !only.is_empty() && !only.contains(&name) {
            continue;
        }
        if highlight::NEVER.contains(&name.as_str()) {
            println!("never    {name}");
            continue;
        }
        let limit = highlight::max_line(&name);
        // The first use of a grammar loads it: not part of what a line costs.
        highlight::highlight("x\n", &token, &mut Budget::default());
        let mut worst = (0.0f64, "");
        for (kind, line) in kinds(limit) {
            let code = format!("{line}\n");
            // The fastest of three runs: the machine's other work only adds time.
            let took = (0..3)
                .map(|_| {
                    let started = Instant::now();
                    let (_, plain) = highlight::highlight(&code, &token, &mut Budget::default());
                    assert!(plain.is_none(), "{name}: a line at the limit was refused");
                    started.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min);
            if took > worst.0 {
                worst = (took, kind);
            }
        }
        let block = worst.0 * (MAX_BLOCK_BYTES / (limit + 1)) as f64;
        rows.push((worst.0, name, worst.1, limit, block));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, name, kind, limit, block) in rows {
        println!(
            "{:8.3} ms  {name:32} {kind:12} limit {limit:5}  block {block:6.2} s",
            t * 1e3
        );
    }
}
