//! Build script, two jobs:
//!
//! 1. Embed the default theme: every file under `themes/default/` becomes an entry of
//!    `$OUT_DIR/builtin_theme.rs` (`include_bytes!`), read by `src/render/builtin.rs`, so
//!    the `gongbo` binary builds a site that has no `themes/` folder. Written here rather
//!    than with a crate (include_dir, rust-embed): a proc macro cannot tell Cargo to
//!    rebuild when a file is added to the folder, a build script can
//!    (`rerun-if-changed` on a folder watches everything in it), and the table is twenty
//!    lines (docs/dependencies.md).
//! 2. Embed the vendored Decap CMS bundle (`vendor/decap-cms/`, made by
//!    scripts/vendor-decap.sh): each gzip-compressed file with the SHA-384 that
//!    `vendor/decap-cms/MANIFEST` pins it to, into `$OUT_DIR/decap_cms.rs`, read by
//!    `src/cms/admin.rs`. A file listed but missing, or present but not listed, stops the
//!    build; the hashes themselves are checked by a test (src/cms/tests.rs).
//! 3. Turn `GONGBO_SKIP_TESTS` (a list of test groups that need outside tools) into cfg
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
    embed_cms();
    skip_flags();
}

fn embed_cms() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor/decap-cms");
    println!("cargo::rerun-if-changed=vendor/decap-cms");
    let manifest = std::fs::read_to_string(dir.join("MANIFEST"))
        .unwrap_or_else(|e| panic!("cannot read vendor/decap-cms/MANIFEST: {e}"));
    let mut version = None;
    let mut out = String::new();
    let mut listed = Vec::new();
    for line in manifest.lines().filter(|l| !l.starts_with('#')) {
        if let Some(v) = line.strip_prefix("version ") {
            version = Some(v.trim().to_string());
            continue;
        }
        let (sri, name) = line
            .split_once(' ')
            .unwrap_or_else(|| panic!("vendor/decap-cms/MANIFEST: bad line {line:?}"));
        assert!(
            sri.starts_with("sha384-") && !name.contains(['/', '\\']),
            "vendor/decap-cms/MANIFEST: bad line {line:?}"
        );
        let gz = dir.join(format!("{name}.gz"));
        assert!(
            gz.is_file(),
            "vendor/decap-cms/{name}.gz is listed but missing"
        );
        writeln!(
            out,
            "    ({name:?}, {sri:?}, include_bytes!({:?})),",
            gz.to_string_lossy()
        )
        .expect("writing to a string");
        listed.push(format!("{name}.gz"));
    }
    for entry in std::fs::read_dir(&dir).expect("vendor/decap-cms is readable") {
        let name = entry.expect("a readable entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            !name.ends_with(".gz") || listed.iter().any(|l| *l == name),
            "vendor/decap-cms/{name} is not listed in MANIFEST"
        );
    }
    let version = version.expect("vendor/decap-cms/MANIFEST names no version");
    let table = format!(
        "/// The vendored Decap CMS version.\n\
         pub static VERSION: &str = {version:?};\n\
         /// Every file of its dist/: name, SHA-384 (SRI form) of the uncompressed bytes, gzip bytes.\n\
         pub static FILES: &[(&str, &str, &[u8])] = &[\n{out}];\n"
    );
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("decap_cms.rs");
    std::fs::write(&target, table).expect("cannot write the CMS table");
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
