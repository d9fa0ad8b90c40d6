//! Write: the built files go into a temporary folder beside the output folder as they are
//! rendered ([`Staging`]), which then replaces the old output in two renames. A failed
//! build removes only its temporary folder, so the previous site is never destroyed or
//! half-written. gongbo replaces only what it wrote ([`target`]): every folder it makes
//! carries a [`marker`] listing its files.
//!
//! This module knows nothing about releases: it writes [`OutputFile`]s.

pub mod marker;
mod path;
mod stale;
pub mod target;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diag::{io_reason, Code, Diagnostic, Diagnostics, Text};
use crate::types::{OutputContent, OutputFile, Sink};
pub use stale::{create_serve_folder, is_serve_folder};
pub use target::{check_target, check_target_shallow, deep_check, refused, Target};

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
        Some(
            Diagnostic::new(
                Code::OtherError,
                path,
                t!("refusing to write outside the output folder"),
            )
            .hint(t!("this is a bug in gongbo or its theme: please report it")),
        )
    } else if path == marker::FILE || path == format!("{}.part", marker::FILE) {
        Some(
            Diagnostic::new(
                Code::Duplicate,
                path,
                t!("this output file would take the place of gongbo's own marker of the output folder"),
            )
            .hint(t!("rename the file (a static file or an asset under content/)")),
        )
    } else if !seen.insert(path.to_string()) {
        Some(
            Diagnostic::new(
                Code::Duplicate,
                path,
                t!("two sources would write this same output file"),
            )
            .hint(t!(
                "rename one of them (a static file, an asset under content/ or a page slug)"
            )),
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
    target: Target,
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
    /// Makes the temporary folder for a new build of `target` (one [`check_target`]
    /// accepted), after cleaning up the folders of killed builds. The folder gets a
    /// staging marker at once, and the output marker, listing every file, before the
    /// swap.
    pub fn new(target: &Target) -> Result<Staging, Diagnostics> {
        let output = &target.real;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| io_error(output, t!("cannot create the parent folder"), e))?;
        stale::recover_builds(parent, &name, output);
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.gongbo-new-{pid}"));
        let old = parent.join(format!(".{name}.gongbo-old-{pid}"));
        // Never a folder that is already there: what is left of gongbo's own was cleaned
        // up above, so anything else is someone else's.
        fs::create_dir(&tmp).map_err(|e| {
            io_error(
                output,
                t!(
                    "cannot make the temporary folder {path}",
                    path = tmp.display().to_string()
                ),
                e,
            )
        })?;
        let staging = Staging {
            target: target.clone(),
            tmp,
            old,
            dirs: Mutex::default(),
            paths: Mutex::default(),
            problems: Mutex::default(),
            failed: Mutex::default(),
            html: Default::default(),
            committed: false,
        };
        marker::write(&staging.tmp, marker::Kind::Staging, &[])
            .map_err(|e| io_error(output, t!("cannot write the new site"), e))?;
        Ok(staging)
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
    /// number of files written (the marker not counted).
    pub fn commit(mut self) -> Result<usize, Diagnostics> {
        let problems = std::mem::take(&mut *lock(&self.problems));
        if problems.has_errors() {
            return Err(problems);
        }
        let output = self.target.real.clone();
        if let Some(e) = lock(&self.failed).take() {
            return Err(io_error(&output, t!("cannot write the new site"), e));
        }
        let mut files: Vec<String> = lock(&self.paths).iter().cloned().collect();
        files.sort_unstable();
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        marker::write(&self.tmp, marker::Kind::Output, &files)
            .map_err(|e| io_error(&output, t!("cannot write the new site"), e))?;
        target::recheck(&self.target).map_err(one)?;
        let had_old = fs::symlink_metadata(&output).is_ok();
        if had_old {
            fs::rename(&output, &self.old)
                .map_err(|e| io_error(&output, t!("cannot move the previous output aside"), e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &output) {
            if had_old {
                let _ = fs::rename(&self.old, &output);
            }
            return Err(io_error(
                &output,
                t!("cannot move the new site into place"),
                e,
            ));
        }
        self.committed = true;
        if had_old {
            remove_tree(&self.old);
        }
        Ok(files.len())
    }
}

impl Staging {
    /// Puts the files written into the staging folder into the output folder as it is,
    /// one by one, and removes the output's files that the site no longer has: for a
    /// build that wrote only what changed. `all` is every file the output holds after the
    /// commit (the new ones and the unchanged ones). Returns the number of files moved in.
    ///
    /// Killed at any point, the output holds old and new files and a marker listing all
    /// of them, so the next build may still replace it (a build that finds no manifest of
    /// the output does, the whole folder at once): nothing is left that gongbo cannot
    /// prove its own, and nothing half-written (each file arrives by one rename).
    pub fn commit_changes(mut self, all: &[&str]) -> Result<usize, Diagnostics> {
        let problems = std::mem::take(&mut *lock(&self.problems));
        if problems.has_errors() {
            return Err(problems);
        }
        let output = self.target.real.clone();
        if let Some(e) = lock(&self.failed).take() {
            return Err(io_error(&output, t!("cannot write the new site"), e));
        }
        target::recheck(&self.target).map_err(one)?;
        // The marker the target check read, if the file is still that one.
        let listed = self.target.listed.clone().filter(|l| l.still(&output));
        let read_again;
        let old: &[String] = match &listed {
            Some(l) => &l.marker.files,
            None => match marker::read(&output) {
                Ok(Some(m)) if m.kind == marker::Kind::Output => {
                    read_again = m.files;
                    &read_again
                }
                _ => {
                    return Err(one(Diagnostic::new(
                        Code::OtherError,
                        output.display().to_string(),
                        t!("cannot update the output in place: its marker is gone or changed during the build"),
                    )))
                }
            },
        };
        let fail = |e| io_error(&output, t!("cannot update the output"), e);
        // The usual edit replaces files and neither adds nor removes one: the marker
        // already lists them all (at 10,000 releases it is a 1.5 MB file), and none goes.
        let same = old.len() == all.len() && old.iter().zip(all).all(|(a, b)| a == b);
        let keep: FxHashSet<&str> = if same {
            FxHashSet::default()
        } else {
            let mut both: Vec<&str> = old
                .iter()
                .map(String::as_str)
                .chain(all.iter().copied())
                .collect();
            both.sort_unstable();
            both.dedup();
            marker::write(&output, marker::Kind::Output, &both).map_err(fail)?;
            all.iter().copied().collect()
        };
        // First the files that go (a file may give way to a folder of the same name).
        let mut emptied = FxHashSet::default();
        let gone = old.iter().filter(|f| !same && !keep.contains(f.as_str()));
        for f in gone {
            match fs::remove_file(output.join(f)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(fail(e)),
            }
            let mut dir = Path::new(f.as_str()).parent();
            while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
                emptied.insert(d.to_path_buf());
                dir = d.parent();
            }
        }
        let mut emptied: Vec<PathBuf> = emptied.into_iter().collect();
        // Deepest first, so a folder's emptied subfolders are gone before it is tried.
        emptied.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in emptied {
            let _ = fs::remove_dir(output.join(d));
        }
        let mut moved: Vec<String> = lock(&self.paths).iter().cloned().collect();
        moved.sort_unstable();
        for f in &moved {
            let dest = output.join(f);
            if let Some(dir) = dest.parent() {
                fs::create_dir_all(dir).map_err(fail)?;
            }
            fs::rename(self.tmp.join(f), &dest).map_err(fail)?;
        }
        if !same {
            marker::write(&output, marker::Kind::Output, all).map_err(fail)?;
        }
        self.committed = true;
        remove_tree(&self.tmp);
        Ok(moved.len())
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

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}

fn io_error(output: &Path, what: Text, e: std::io::Error) -> Diagnostics {
    one(Diagnostic::new(
        Code::OtherError,
        output.display().to_string(),
        t!("{what}: {reason}", what, reason = io_reason(&e)),
    ))
}

/// Removes a folder tree, deleting its files in parallel (a large site's old output has
/// tens of thousands of files, and one thread spends seconds in unlink alone). The
/// folder's own marker goes last: a build killed halfway through leaves a folder that
/// still says it is gongbo's, which the next build then finishes removing (without the
/// marker it would be left alone for good, as anyone's folder is).
fn remove_tree(dir: &Path) {
    let own_marker = dir.join(marker::FILE);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_root_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir() && e.path() != own_marker)
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    // The (now empty) folders, then the marker, then the folder itself.
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.path() != own_marker {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
    let _ = fs::remove_file(&own_marker);
    let _ = fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests;
