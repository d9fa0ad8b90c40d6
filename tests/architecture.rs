//! The house import rules of /work/shared/style.md, section (b), checked on the source:
//! which file may name which external crate (serde_yaml, deprecated upstream, stays in
//! content/frontmatter.rs and its submodules), which module may use which other module (nothing imports
//! "upward"), and that only the CLI (src/cli/, the binary's command line) prints or reads
//! the environment.

use std::path::Path;

/// Every `src/**/*.rs` as (path relative to src/, code with comments removed).
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(e.path()).unwrap();
            let code = text
                .lines()
                .map(|l| match l.find("//") {
                    // A `//` inside a string ("https://…") is not a comment.
                    Some(i) if l[..i].matches('"').count() % 2 == 0 => &l[..i],
                    _ => l,
                })
                .collect::<Vec<_>>()
                .join("\n");
            (rel, code)
        })
        .collect();
    out.sort();
    assert!(out.len() > 20, "src/ not found");
    out
}

/// Whether `code` names the path root `name` (`name::…`, `use name`), not as a part of
/// a longer identifier or path.
fn names(code: &str, name: &str) -> bool {
    let b = code.as_bytes();
    code.match_indices(name).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = &code[i + name.len()..];
        let starts = !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b':');
        starts
            && (after.starts_with("::") || (code[..i].ends_with("use ") && after.starts_with(';')))
    })
}

fn allowed(file: &str, places: &[&str]) -> bool {
    places.iter().any(|p| {
        if p.ends_with('/') {
            file.starts_with(p)
        } else {
            file == *p
        }
    })
}

/// External crates with a fixed home. Crates not listed may be used anywhere.
const CRATES: &[(&str, &[&str])] = &[
    (
        "serde_yaml",
        &["content/frontmatter.rs", "content/frontmatter/"],
    ),
    ("tera", &["render/templates.rs"]),
    ("syntect", &["markdown/highlight.rs"]),
    ("onig_sys", &["markdown/highlight.rs"]),
    ("ammonia", &["markdown/sanitize.rs"]),
    // check/lints/body.rs walks the same event stream for editorial lints, with the options
    // from markdown::options(), so the options are still set in one place.
    ("pulldown_cmark", &["markdown/", "check/lints/body.rs"]),
    ("clap", &["cli/", "main.rs"]),
    ("walkdir", &["content/", "output/", "render/"]),
    // diag/catalog.rs reads the Korean catalog of messages (src/diag/ko.toml).
    ("toml", &["config.rs", "i18n.rs", "diag/catalog.rs"]),
    ("csv", &["emit/"]),
    // The HTTP stack of `gongbo serve` stays behind its own request/response types.
    ("hyper", &["serve/http/"]),
    ("hyper_util", &["serve/http/"]),
    ("http_body_util", &["serve/http/"]),
    ("tokio", &["serve/http/"]),
    ("bytes", &["serve/http/"]),
    // Press photos: the image crates stay in photo/, each in the file that owns its job.
    ("image", &["photo/"]),
    ("fast_image_resize", &["photo/resize.rs"]),
    ("webp", &["photo/encode.rs"]),
    (
        "exif",
        &["photo/meta.rs", "photo/meta/", "photo/testing.rs"],
    ),
    ("blake3", &["photo/cache.rs"]),
    ("crc32fast", &["photo/container/png.rs"]),
    // The vendored CMS bundle is stored compressed (cms/admin.rs); uploads come base64-
    // encoded in the CMS's protocol (serve/cms/backend.rs), and SRI hashes are base64
    // (the test of the bundle's hashes, cms/tests.rs).
    ("flate2", &["cms/admin.rs"]),
    ("base64", &["serve/cms/backend.rs", "cms/tests.rs"]),
];

#[test]
fn external_crates_are_used_only_where_the_house_rules_say() {
    let mut wrong = Vec::new();
    for (file, code) in sources() {
        for (krate, places) in CRATES {
            if names(&code, krate) && !allowed(&file, places) {
                wrong.push(format!(
                    "src/{file} names `{krate}` (allowed in {places:?})"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Module (file prefix) → the crate modules it may use; the first row whose prefix
/// matches a file is its row, so a folder's own row comes before its parent's. `diag`,
/// `types` and `time` are leaves every stage may use; `route` (the URL layout) uses only
/// `types`. Deviation from the style table, on purpose: render and emit read `content`
/// types (Release, Page) that the linked `Site` carries. `lib.rs`, `cli/` and `main.rs`
/// may use every module; so may `check` (it runs the build's stages and lints their
/// results) — but nothing below the build may reach up to it, to `serve` or to `new`.
/// `cms` (the web editor's configuration) reads what the parsers read; `check` uses it
/// for W012 and serve's editor for its pages.
const MODULES: &[(&str, &[&str])] = &[
    ("diag.rs", &["diag", "types", "time"]),
    ("diag/", &["diag", "types", "time"]),
    ("types.rs", &["diag", "types", "time"]),
    ("time.rs", &["diag", "types", "time"]),
    ("time/", &["diag", "types", "time"]),
    ("route.rs", &["route", "types"]),
    ("fp.rs", &["fp"]),
    // Web, e-mail and phone addresses: a leaf, like types (diag only for its words).
    ("address.rs", &["address", "diag"]),
    // What alternative text may not be: a leaf that content, markdown and check share.
    ("alt.rs", &["alt"]),
    ("config.rs", &["diag", "types", "time", "config", "address"]),
    ("config/", &["diag", "types", "time", "config", "address"]),
    ("i18n.rs", &["i18n", "diag", "types"]),
    (
        "content/",
        &["content", "config", "diag", "fp", "types", "time", "alt"],
    ),
    (
        "link/",
        &[
            "link", "content", "config", "diag", "fp", "route", "types", "time",
        ],
    ),
    ("markdown/", &["markdown", "link", "diag", "types", "alt"]),
    (
        "render/",
        &[
            "render", "link", "markdown", "content", "config", "diag", "fp", "i18n", "route",
            "types", "time",
        ],
    ),
    (
        "emit/",
        &[
            "emit", "link", "markdown", "content", "config", "diag", "fp", "route", "types", "time",
        ],
    ),
    (
        "search/",
        &[
            "search", "link", "markdown", "content", "config", "diag", "fp", "i18n", "route",
            "types", "time",
        ],
    ),
    ("output/", &["output", "diag", "route", "types"]),
    ("progress.rs", &["progress"]),
    (
        "new.rs",
        &["new", "config", "content", "diag", "types", "time"],
    ),
    // `gongbo init` and `gongbo theme eject`: check their answers like site.toml does
    // and write the built-in theme out, so they read config and render::builtin.
    (
        "init/",
        &[
            "init", "config", "render", "address", "diag", "types", "time",
        ],
    ),
    // The web editor in serve: its pages and configuration (cms), the site's content
    // folder it writes (content::names decides which names are refused, as the build
    // does), the check that feeds its status area, and fp for the protocol's file ids.
    (
        "serve/cms/",
        &["serve", "cms", "check", "content", "diag", "fp", "types"],
    ),
    (
        "serve/",
        &[
            "serve", "build", "diag", "markdown", "output", "progress", "types", "time",
        ],
    ),
    // The CMS configuration, made from the parsers' schema (content), site.toml and the
    // data files; the editor page escapes its policy with markdown::escape.
    (
        "cms/",
        &[
            "cms", "config", "content", "diag", "markdown", "types", "time",
        ],
    ),
    // The build pipeline: every stage, but nothing that runs builds (check, serve, new).
    (
        "build/",
        &[
            "build", "config", "content", "diag", "emit", "fp", "i18n", "link", "markdown",
            "output", "photo", "progress", "render", "route", "search", "time", "types",
        ],
    ),
    (
        "check/",
        &[
            "check", "cms", "link", "markdown", "content", "config", "diag", "output", "photo",
            "route", "types", "time", "alt",
        ],
    ),
    // A leaf library: files in, files in its cache out; the build maps its errors to
    // diagnostics. It uses `diag` only for the words of its errors (`diag::Text`).
    ("photo/", &["photo", "diag"]),
];

/// The files that may use every module: the library's root (the build's stage calls)
/// and the command line (the binary's `main.rs` and its `cli/` module).
const TOP: [&str; 3] = ["lib.rs", "cli/", "main.rs"];

/// The files that may print or read the environment: the command line.
const CLI: [&str; 2] = ["cli/", "main.rs"];

#[test]
fn every_module_has_a_row() {
    let missing: Vec<String> = sources()
        .into_iter()
        .map(|(file, _)| file)
        .filter(|f| !allowed(f, &TOP))
        .filter(|f| !MODULES.iter().any(|(p, _)| allowed(f, &[p])))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to MODULES with what they may use: {missing:?}"
    );
}

#[test]
fn no_module_imports_upward() {
    const ALL: [&str; 24] = [
        "address", "alt", "build", "check", "cms", "config", "content", "diag", "emit", "fp",
        "i18n", "init", "link", "markdown", "new", "output", "photo", "progress", "render",
        "route", "search", "serve", "time", "types",
    ];
    let mut wrong = Vec::new();
    for (file, code) in sources() {
        let Some((_, may)) = MODULES.iter().find(|(p, _)| allowed(&file, &[p])) else {
            assert!(allowed(&file, &TOP), "src/{file} has no row");
            continue; // lib.rs, cli/, main.rs: may use every stage
        };
        assert!(
            !code.contains("crate::{"),
            "src/{file}: write one `use crate::x` per module"
        );
        for m in ALL {
            let uses =
                code.contains(&format!("crate::{m}::")) || code.contains(&format!("crate::{m};"));
            if uses && !may.contains(&m) {
                wrong.push(format!("src/{file} uses crate::{m}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn only_the_cli_prints_or_reads_the_environment() {
    let mut wrong = Vec::new();
    for (file, code) in sources() {
        if allowed(&file, &CLI) {
            continue;
        }
        for bad in [
            "println!",
            "eprintln!",
            "print!",
            "eprint!",
            "dbg!",
            "env::var",
            "env::args",
        ] {
            let used = code.match_indices(bad).any(|(i, _)| {
                !code[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            });
            if used {
                wrong.push(format!("src/{file} uses {bad}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checker_finds_what_it_should() {
    assert!(names("use serde_yaml::Value;", "serde_yaml"));
    assert!(names("let x = serde_yaml::from_str(s);", "serde_yaml"));
    assert!(!names("my_serde_yaml::x", "serde_yaml"));
    assert!(!names("pulldown_cmark_x::y", "pulldown_cmark"));
    assert!(!names("crate::tera::x", "tera"));
    assert!(allowed("markdown/mod.rs", &["markdown/"]));
    assert!(!allowed("render/mod.rs", &["render/templates.rs"]));
    // The command line is a folder of the binary; nothing else is exempt from the
    // printing rule (a `cli.rs` or `client/` elsewhere is not the command line).
    assert!(allowed("cli/build.rs", &CLI) && allowed("cli/mod.rs", &CLI));
    assert!(!allowed("serve/cli.rs", &CLI) && !allowed("client/x.rs", &CLI));
    assert!(!allowed("cli.rs", &CLI) && !allowed("build/mod.rs", &CLI));
}
