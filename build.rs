//! Build script, two jobs:
//!
//! 1. Embed the default theme: every file under `themes/default/` becomes an entry of
//!    `$OUT_DIR/builtin_theme.rs` (`include_bytes!`), read by `src/render/builtin.rs`, so
//!    the `gongbo` binary builds a site that has no `themes/` folder. Written here rather
//!    than with a crate (include_dir, rust-embed): a proc macro cannot tell Cargo to
//!    rebuild when a file is added to the folder, a build script can
//!    (`rerun-if-changed` on a folder watches everything in it), and the table is twenty
//!    lines (docs/dependencies.md).
//! 2. Turn `GONGBO_SKIP_TESTS` (a list of test groups that need outside tools) into cfg
//!    flags, so those tests show as `ignored` in `cargo test`'s own summary instead of
//!    passing without running (tests/support/tools.rs).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The test groups that may be skipped, and what each needs.
const SKIP_GROUPS: [(&str, &str); 3] = [
    ("browser", "node, Chromium and tests/browser/node_modules"),
    ("nu", "java and the Nu Html Checker"),
    ("actionlint", "actionlint"),
];

fn main() {
    embed_theme();
    skip_flags();
}

fn embed_theme() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    println!("cargo::rerun-if-changed=themes/default");
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    let mut out = String::from(
        "/// Every file of the built-in theme: path inside the theme, contents.\n\
         pub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for path in &files {
        let rel = path
            .strip_prefix(&dir)
            .expect("inside the theme")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            path.to_string_lossy()
        )
        .expect("writing to a string");
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_theme.rs");
    std::fs::write(&target, out).expect("cannot write the built-in theme table");
}

/// The files under `dir`, leaving out hidden files and editor backups.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the theme folder {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("a readable folder entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn skip_flags() {
    println!("cargo::rerun-if-env-changed=GONGBO_SKIP_TESTS");
    for (group, _) in SKIP_GROUPS {
        println!("cargo::rustc-check-cfg=cfg(gongbo_skip_{group})");
    }
    let Some(value) = std::env::var_os("GONGBO_SKIP_TESTS") else {
        return;
    };
    let value = value.to_string_lossy();
    for word in value.split([',', ' ']).filter(|w| !w.is_empty()) {
        let groups: Vec<&str> = match word {
            "all" => SKIP_GROUPS.iter().map(|(g, _)| *g).collect(),
            w if SKIP_GROUPS.iter().any(|(g, _)| *g == w) => vec![w],
            w => {
                let known: Vec<String> = SKIP_GROUPS
                    .iter()
                    .map(|(g, needs)| format!("{g} ({needs})"))
                    .collect();
                panic!(
                    "GONGBO_SKIP_TESTS: `{w}` is not a test group; use all or a list of: {}",
                    known.join(", ")
                );
            }
        };
        for g in groups {
            println!("cargo::rustc-cfg=gongbo_skip_{g}");
        }
    }
}
