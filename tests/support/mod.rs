//! Test helpers: copy a fixture site into a temp folder, build it through the library
//! or the binary (with the theme built into gongbo: fixtures have no `themes/` folder
//! unless they test one), and read the output as parsed HTML.
#![allow(dead_code)]

pub mod photos;
pub mod running;
pub mod serve;
pub mod tools;

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;

use gongbo::diag::Diagnostics;
use gongbo::{build, BuildOptions, BuildReport};

/// 2025-11-24T16:00:00Z: the fixed reference time of the tests.
pub const NOW: i64 = 1_764_000_000;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site copied into a temp folder.
pub struct SiteTest {
    pub dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Copies the repo's `themes/` into `root/themes`.
pub fn copy_themes(root: &Path) {
    copy_dir(&repo().join("themes"), &root.join("themes"));
}

impl SiteTest {
    /// Copies `tests/fixtures/<name>` into a temp folder.
    pub fn from_fixture(name: &str) -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        SiteTest { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root().join(rel)).unwrap();
        self
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            output: self.out(),
            base_url: None,
            drafts: false,
            now_unix: NOW,
            home: None,
        }
    }

    pub fn try_build(&self) -> Result<BuildReport, Diagnostics> {
        build(&self.options())
    }

    pub fn build(&self) -> BuildReport {
        match self.try_build() {
            Ok(r) => r,
            Err(d) => panic!("build failed:\n{d}"),
        }
    }

    /// Runs the real binary with `args` (after `build --root <root>`), returning
    /// (exit code, stderr).
    pub fn cli(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongbo"));
        // Messages in English, whatever the machine\'s locale.
        cmd.env("LC_ALL", "C");
        cmd.arg("build").arg("--root").arg(self.root()).args(args);
        cmd.env("SOURCE_DATE_EPOCH", NOW.to_string());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr)
                .replace(&self.root().display().to_string(), "[ROOT]"),
        )
    }

    /// A file of the site's sources (relative to its root).
    pub fn read_source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }

    pub fn html(&self, rel: &str) -> Page {
        Page(Html::parse_document(&self.read(rel)))
    }
}

/// A parsed page with small query helpers.
pub struct Page(pub Html);

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("bad selector {s}: {e:?}"))
}

impl Page {
    /// Text of every element matching `css`, whitespace-normalised.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.0
            .select(&sel(css))
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        self.texts(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("nothing matches {css}"))
    }

    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.0
            .select(&sel(css))
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    pub fn attr(&self, css: &str, attr: &str) -> Option<String> {
        self.attrs(css, attr).into_iter().next()
    }

    pub fn count(&self, css: &str) -> usize {
        self.0.select(&sel(css)).count()
    }

    pub fn inner_html(&self, css: &str) -> String {
        self.0
            .select(&sel(css))
            .next()
            .map(|e| e.inner_html())
            .unwrap_or_default()
    }
}

/// Every file under `dir`, relative path → bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
