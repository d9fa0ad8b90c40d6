//! The outputs of one run: every file of the site with its signature, and which of them
//! are written (those whose signature differs from the previous build's manifest).

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::fp::Fp;
use crate::route::Page;
use crate::types::{Lang, OutputFile, Sink};

pub struct Outputs<'a> {
    /// The previous build's files and signatures; `None`: write everything.
    old: Option<&'a BTreeMap<String, Fp>>,
    /// Its pages, as its plan listed them.
    old_pages: Option<&'a crate::render::kept::Signed>,
    sink: &'a dyn Sink,
    files: Mutex<FxHashMap<String, Fp>>,
    written: Mutex<Vec<String>>,
    problems: Mutex<Diagnostics>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<'a> Outputs<'a> {
    pub fn new(old: Option<&'a super::Manifest>, sink: &'a dyn Sink) -> Outputs<'a> {
        Outputs {
            old: old.map(|m| &m.files),
            old_pages: old.and_then(|m| m.pages.as_ref()),
            sink,
            files: Mutex::default(),
            written: Mutex::default(),
            problems: Mutex::default(),
        }
    }

    /// Records that the site has `path`, made from `sig`; whether the output already
    /// holds it as made from the same (so it need not be written). Two records of one
    /// path are an error: two sources would write the same file.
    pub fn unchanged(&self, path: &str, sig: Fp) -> bool {
        if lock(&self.files).insert(path.to_string(), sig).is_some() {
            lock(&self.problems).push(twice_written(path));
        }
        self.old.is_some_and(|old| old.get(path) == Some(&sig))
    }

    /// [`Outputs::unchanged`] for many files at once (the site's pages, `files` and
    /// their signatures `sigs`): compared on every core, recorded under one lock.
    fn unchanged_many(&self, files: &[String], sigs: &[Fp]) -> Vec<bool> {
        let same: Vec<bool> = files
            .par_iter()
            .zip(sigs)
            .map(|(path, sig)| self.old.is_some_and(|old| old.get(path) == Some(sig)))
            .collect();
        self.record_many(files, sigs);
        same
    }

    /// Records many files (the site's pages, `files` and their signatures `sigs`) under
    /// one lock.
    fn record_many(&self, files: &[String], sigs: &[Fp]) {
        let mut twice = Vec::new();
        {
            let mut all = lock(&self.files);
            all.reserve(files.len());
            for (path, sig) in files.iter().zip(sigs) {
                if all.insert(path.clone(), *sig).is_some() {
                    twice.push(path.clone());
                }
            }
        }
        for path in twice {
            lock(&self.problems).push(twice_written(&path));
        }
    }

    /// The pages to render: each page's file is recorded with its signature (`signed`,
    /// index-aligned with `pages`: [`crate::render::Plan::signed`]), and those whose
    /// signature the previous build's manifest holds are left out.
    pub fn pages_to_render(
        &self,
        pages: &[(Lang, Page)],
        signed: &crate::render::kept::Signed,
    ) -> Vec<(Lang, Page)> {
        let same = match self.old_pages {
            // The previous build's plan listed the same files: each page's signature is
            // compared with the one at its place.
            Some(old) if std::sync::Arc::ptr_eq(&old.files, &signed.files) => {
                debug_assert!(old
                    .files
                    .iter()
                    .zip(&old.sigs)
                    .all(|(f, s)| self.old.is_some_and(|m| m.get(f) == Some(s))));
                self.record_many(&signed.files, &signed.sigs);
                old.sigs
                    .iter()
                    .zip(&signed.sigs)
                    .map(|(a, b)| a == b)
                    .collect()
            }
            _ => self.unchanged_many(&signed.files, &signed.sigs),
        };
        pages
            .iter()
            .zip(same)
            .filter(|(_, same)| !same)
            .map(|(p, _)| *p)
            .collect()
    }

    /// Writes a file whose signature was recorded with [`Outputs::unchanged`].
    pub fn write(&self, file: OutputFile) {
        lock(&self.written).push(file.path.clone());
        self.sink.put(file);
    }

    /// Records `file` with a signature of its bytes, and writes it if that changed.
    pub fn put_bytes(&self, file: OutputFile) {
        let sig = match &file.content {
            crate::types::OutputContent::Bytes(b) => Fp::of(b),
            crate::types::OutputContent::Copy(_) => file.copied_signature(),
        };
        if !self.unchanged(&file.path, sig) {
            self.write(file);
        }
    }

    /// Records a copied file (a static file, an asset) and copies it if it changed.
    pub fn put_copied(&self, file: OutputFile) {
        self.put_bytes(file)
    }

    /// Records that the output still has `path` as the previous build made it (a part of
    /// the search index this build did not change).
    pub fn keep(&self, path: &str) {
        let sig = self
            .old
            .and_then(|old| old.get(path).copied())
            .unwrap_or_default();
        self.unchanged(path, sig);
    }

    /// Every file with its signature, the files written, and the problems met.
    pub fn finish(self) -> (BTreeMap<String, Fp>, Vec<String>, Diagnostics) {
        let mut files: Vec<(String, Fp)> = self
            .files
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect();
        // Sorted on every core first (a large site has tens of thousands of files); the
        // map is then built from the sorted list as it is.
        files.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let files = files.into_iter().collect();
        let mut written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        written.sort_unstable();
        let problems = self
            .problems
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        (files, written, problems)
    }
}

/// Two sources would write the file at `path`.
fn twice_written(path: &str) -> Diagnostic {
    Diagnostic::new(
        Code::Duplicate,
        path,
        t!("two sources would write this same output file"),
    )
    .hint(t!(
        "rename one of them (a static file, an asset under content/ or a page slug)"
    ))
}
