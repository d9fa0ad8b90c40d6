//! Write: the built files go into a temporary folder beside the output folder as they are
//! rendered ([`Staging`]), which then replaces the old output in two renames. A failed
//! build removes only its temporary folder, so the previous site is never destroyed or
//! half-written.
//!
//! This module knows nothing about releases: it writes [`OutputFile`]s.

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::types::{OutputContent, OutputFile, Sink};

/// Checks that `output` is a folder gongbo may replace: not the site root, not one of its
/// source folders, not the home folder, not `/`.
pub fn check_target(root: &Path, output: &Path, home: Option<&Path>) -> Result<(), Diagnostic> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    };
    let out = abs(output);
    let root = abs(root);
    let refuse = |why: &str| {
        Err(Diagnostic::new(
            Code::OtherError,
            "--output",
            format!("refusing to replace {}: {why}", output.display()),
        )
        .hint("choose an empty or generated folder such as public/"))
    };
    if out.parent().is_none() {
        return refuse("it is the file system root");
    }
    if home.is_some_and(|h| abs(h) == out) {
        return refuse("it is your home folder");
    }
    if root.starts_with(&out) {
        return refuse("it contains the site's sources");
    }
    for src in [
        "content",
        "themes",
        "templates",
        "static",
        "site.toml",
        "src",
        ".git",
    ] {
        if out.starts_with(root.join(src)) {
            return refuse(&format!("it is inside the site's {src}"));
        }
    }
    Ok(())
}

/// Checks that no two files claim the same path and that every path stays inside the
/// output folder.
pub fn check_paths(files: &[OutputFile]) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut seen = FxHashSet::default();
    for f in files {
        if let Some(d) = check_path(&mut seen, &f.path) {
            diags.push(d);
        }
    }
    diags
}

/// The problem with writing `path` after the paths in `seen`, if any; adds it to `seen`.
fn check_path(seen: &mut FxHashSet<String>, path: &str) -> Option<Diagnostic> {
    let p = Path::new(path);
    if p.is_absolute()
        || p.components().any(|c| !matches!(c, Component::Normal(_)))
        || path.is_empty()
    {
        Some(Diagnostic::new(
            Code::OtherError,
            path,
            "refusing to write outside the output folder",
        ))
    } else if !seen.insert(path.to_string()) {
        Some(
            Diagnostic::new(
                Code::Duplicate,
                path,
                "two sources would write this same output file",
            )
            .hint("rename one of them (a static file, an asset under content/ or a page slug)"),
        )
    } else {
        None
    }
}

/// A [`Sink`] that keeps the files in memory, for `gongbo check` and tests.
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutputFile>>);

impl Sink for Memory {
    fn put(&self, file: OutputFile) {
        lock(&self.0).push(file);
    }
}

impl Memory {
    /// The files, sorted by path (they arrive in whatever order the threads finish).
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A [`Sink`] that writes each file as it comes into a temporary folder beside the
/// output folder; [`Staging::commit`] then swaps it in with two renames. Dropped without
/// a commit (a build error, a panic), it removes its temporary folder and the previous
/// output stays exactly as it was.
pub struct Staging {
    output: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// Folders made so far inside `tmp`.
    dirs: Mutex<FxHashSet<PathBuf>>,
    /// Paths written so far, to refuse a second file at the same path.
    paths: Mutex<FxHashSet<String>>,
    problems: Mutex<Diagnostics>,
    /// The first write that failed; nothing more is written after it.
    failed: Mutex<Option<std::io::Error>>,
    html: [AtomicUsize; 2],
    committed: bool,
}

impl Staging {
    /// Makes the temporary folder for a new build of `output` (after cleaning up the
    /// folders of killed builds).
    pub fn new(output: &Path) -> Result<Staging, Diagnostics> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| io_error(output, "cannot create the parent folder", e))?;
        recover_stale(parent, &name, output);
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.gongbo-new-{pid}"));
        let old = parent.join(format!(".{name}.gongbo-old-{pid}"));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp).map_err(|e| io_error(output, "cannot write the new site", e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            tmp,
            old,
            dirs: Mutex::default(),
            paths: Mutex::default(),
            problems: Mutex::default(),
            failed: Mutex::default(),
            html: Default::default(),
            committed: false,
        })
    }

    fn write(&self, file: &OutputFile) -> std::io::Result<()> {
        let dest = self.tmp.join(&file.path);
        if let Some(dir) = Path::new(&file.path).parent() {
            if !lock(&self.dirs).contains(dir) {
                fs::create_dir_all(self.tmp.join(dir))?;
                lock(&self.dirs).insert(dir.to_path_buf());
            }
        }
        match &file.content {
            OutputContent::Bytes(b) => fs::write(dest, b),
            OutputContent::Copy(from) => fs::copy(from, dest).map(|_| ()),
        }
    }

    /// HTML files written so far, by language: `[Korean, English]`.
    pub fn html_counts(&self) -> [usize; 2] {
        [0, 1].map(|i| self.html[i].load(Ordering::Relaxed))
    }

    /// Puts the new site in place of the old one and removes the old one. Returns the
    /// number of files written.
    pub fn commit(mut self) -> Result<usize, Diagnostics> {
        let problems = std::mem::take(&mut *lock(&self.problems));
        if problems.has_errors() {
            return Err(problems);
        }
        if let Some(e) = lock(&self.failed).take() {
            return Err(io_error(&self.output, "cannot write the new site", e));
        }
        let written = lock(&self.paths).len();
        let output = self.output.clone();
        let had_old = output.exists();
        if had_old {
            fs::rename(&output, &self.old)
                .map_err(|e| io_error(&output, "cannot move the previous output aside", e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &output) {
            if had_old {
                let _ = fs::rename(&self.old, &output);
            }
            return Err(io_error(&output, "cannot move the new site into place", e));
        }
        self.committed = true;
        if had_old {
            remove_tree(&self.old);
        }
        Ok(written)
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) {
        if let Some(d) = check_path(&mut lock(&self.paths), &file.path) {
            lock(&self.problems).push(d);
            return;
        }
        if lock(&self.failed).is_some() {
            return;
        }
        if let Err(e) = self.write(&file) {
            lock(&self.failed).get_or_insert(e);
            return;
        }
        if file.path.ends_with(".html") {
            let en = usize::from(crate::route::lang_of(&file.path) == crate::types::Lang::En);
            self.html[en].fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_tree(&self.tmp);
        }
    }
}

fn io_error(output: &Path, what: &str, e: std::io::Error) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.push(Diagnostic::new(
        Code::OtherError,
        output.display().to_string(),
        format!("{what}: {e}"),
    ));
    d
}

/// Cleans up after builds that were killed (SIGKILL, power loss) before they could tidy
/// up: their `.<name>.gongbo-new-<pid>` (half-written) and `.<name>.gongbo-old-<pid>`
/// (previous output, moved aside) folders stay beside the output. A folder whose process
/// is gone is removed, except that a moved-aside old output is put back when the output
/// itself is missing (the build was killed between its two renames). Whether a process
/// is alive is read from `/proc`; where there is no `/proc`, nothing is cleaned.
fn recover_stale(parent: &Path, name: &str, output: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.gongbo-");
    let mut stale: Vec<(bool, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().to_string();
            let rest = file.strip_prefix(&prefix)?;
            let (is_old, pid) = match rest.split_once('-')? {
                ("new", pid) => (false, pid),
                ("old", pid) => (true, pid),
                _ => return None,
            };
            let pid: u32 = pid.parse().ok()?;
            let alive = pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists();
            (!alive && e.file_type().ok()?.is_dir()).then(|| (is_old, e.path()))
        })
        .collect();
    stale.sort();
    for (is_old, dir) in stale {
        if is_old && !output.exists() && fs::rename(&dir, output).is_ok() {
            continue;
        }
        remove_tree(&dir);
    }
}

/// Removes a folder tree, deleting its files in parallel (a large site's old output has
/// tens of thousands of files, and one thread spends seconds in unlink alone).
fn remove_tree(dir: &Path) {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    let _ = fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_targets() {
        let root = Path::new("/srv/site");
        assert!(check_target(root, Path::new("/srv/site/public"), None).is_ok());
        assert!(check_target(root, Path::new("/srv/site"), None).is_err());
        assert!(check_target(root, Path::new("/srv/site/content"), None).is_err());
        assert!(check_target(root, Path::new("/srv/site/themes/x"), None).is_err());
        assert!(check_target(root, Path::new("/srv"), None).is_err());
        assert!(check_target(root, Path::new("/"), None).is_err());
        assert!(check_target(root, Path::new("/home/u"), Some(Path::new("/home/u"))).is_err());
        assert!(check_target(root, Path::new("/srv/site/public/../content"), None).is_err());
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gongbo-staging-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("public")).unwrap();
        fs::write(dir.join("public/old.html"), "old").unwrap();
        dir
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn staging_swaps_in_on_commit_and_vanishes_otherwise() {
        let dir = scratch("swap");
        let out = dir.join("public");
        // Dropped without a commit (a build error): the old output stays, no temp folder.
        let staging = Staging::new(&out).unwrap();
        staging.put(OutputFile::bytes("a/index.html", "new"));
        drop(staging);
        assert_eq!(listing(&dir), ["public", "public/old.html"]);
        // Committed: the new files replace the old ones, nothing is left beside them.
        let staging = Staging::new(&out).unwrap();
        staging.put(OutputFile::bytes("a/index.html", "new"));
        staging.put(OutputFile::bytes("en/b/index.html", "new"));
        staging.put(OutputFile::bytes("feed.json", "{}"));
        assert_eq!(staging.html_counts(), [1, 1]);
        assert_eq!(staging.commit().unwrap(), 3);
        assert_eq!(
            listing(&dir),
            [
                "public",
                "public/a",
                "public/a/index.html",
                "public/en",
                "public/en/b",
                "public/en/b/index.html",
                "public/feed.json"
            ]
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn staging_refuses_a_second_file_at_one_path() {
        let dir = scratch("dup");
        let out = dir.join("public");
        let staging = Staging::new(&out).unwrap();
        staging.put(OutputFile::bytes("a/index.html", "one"));
        staging.put(OutputFile::bytes("a/index.html", "two"));
        staging.put(OutputFile::bytes("../escape", "x"));
        let err = staging.commit().unwrap_err();
        assert_eq!(err.len(), 2, "{err}");
        assert!(err.to_string().contains("two sources would write"), "{err}");
        assert_eq!(listing(&dir), ["public", "public/old.html"]);
        assert!(!dir.join("escape").exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn duplicate_and_escaping_paths_are_errors() {
        let files = vec![
            OutputFile::bytes("a/index.html", "x"),
            OutputFile::bytes("a/index.html", "y"),
            OutputFile::bytes("../x", "z"),
        ];
        assert_eq!(check_paths(&files).len(), 2);
    }
}
