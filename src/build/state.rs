//! What a build keeps for the next one ([`State`], with the output folder's
//! [`Manifest`]), where a run's files go ([`Out`]) and what a run did ([`Outcome`]).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use super::bodies::BodyCache;
use super::fps;
use crate::content;
use crate::diag::Diagnostics;
use crate::emit;
use crate::fp::Fp;
use crate::link::{self, Site};
use crate::render;
use crate::search::store::LangIndex;
use crate::types::{PageRecord, PerLang};

/// The files of an output folder and the signature each was made from.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// The folder (its real path) the files are in.
    pub output: PathBuf,
    pub files: BTreeMap<String, Fp>,
    /// The pages among `files`, as the plan that made them listed them (in memory only):
    /// a build of the same structure, whose plan has the same list, compares each page's
    /// signature with the one at the same place instead of looking its file up.
    pub pages: Option<render::kept::Signed>,
}

impl Manifest {
    /// Whether this manifest describes the output folder `target` as it is now: the
    /// folder's marker, as the target check read it, lists exactly the manifest's files.
    pub fn describes(&self, target: &crate::output::Target) -> bool {
        self.output == target.real
            && target.listed.as_ref().is_some_and(|l| {
                l.marker.files.len() == self.files.len()
                    && l.marker
                        .files
                        .iter()
                        .zip(self.files.keys())
                        .all(|(a, b)| a == b)
            })
    }
}

/// What a build keeps for the next one.
#[derive(Default)]
pub struct State {
    pub content: content::Cache,
    pub bodies: BodyCache,
    /// The search index of each language, as the output holds it (valid only with the
    /// manifest).
    pub search: PerLang<LangIndex>,
    /// The output folder as the last build left it, if the state describes one.
    pub manifest: Option<Manifest>,
    /// The search index as read from disk, still being decoded on another thread while
    /// the build loads and links (the index is the larger part of the kept state, and
    /// nothing needs it before the plan stage). `None` when `search` is ready.
    pub pending_search: Option<std::thread::JoinHandle<Option<PerLang<LangIndex>>>>,
    /// The output folder's marker as the last build's target check read it (kept in
    /// memory only, by `gongbo serve`): the next check uses it while the marker is still
    /// that file, instead of reading a large site's list of files again.
    pub listed: Option<std::sync::Arc<crate::output::target::Listed>>,
    /// What the last build made of the open data (in memory only).
    pub open_data: emit::milestones::Kept,
    /// What the last build made of each release alone (in memory only).
    pub releases: fps::ReleaseMemo,
    /// The last build's plan and what it made (in memory only; taken by a build, put
    /// back only by one that succeeds).
    pub plan: Option<render::kept::Kept>,
    /// The last build's search documents (in memory only, as `plan`).
    pub docs: Option<fps::KeptDocs>,
    /// What the last link made of the releases' addresses and order (in memory only).
    pub link: Option<link::Memo>,
    /// The last build's theme, whose compiled templates the next load may use again (in
    /// memory only, as `plan`).
    pub theme: Option<render::Theme>,
    /// The last build's feeds (in memory only, as `plan`).
    pub feeds: Option<fps::ByStructure<Vec<emit::feeds::Feed>>>,
}

impl State {
    /// Waits for the search index being decoded, if it is. One that cannot be decoded
    /// (the state's checksum matched, so a gongbo bug) is replaced by an empty index,
    /// which the build then fills and writes in full.
    pub fn settle_search(&mut self) {
        if let Some(pending) = self.pending_search.take() {
            self.search = pending.join().ok().flatten().unwrap_or_default();
        }
    }
}

/// Where a run's files go.
pub enum Out<'a> {
    /// Into memory, every file (for `gongbo check` and tests).
    Memory(&'a crate::output::Memory),
    /// Into the staging folder of the output folder; `incremental`: the state's manifest
    /// describes that output folder as it is, so unchanged files are left alone.
    Staging {
        staging: &'a crate::output::Staging,
        incremental: bool,
    },
}

/// What a run did.
pub struct Outcome {
    pub site: Site,
    pub warnings: Diagnostics,
    /// Every HTML page but 404, as listed in the sitemap (shared with the state).
    pub pages: std::sync::Arc<Vec<PageRecord>>,
    /// Heading ids of every body, by source path relative to `content/` (for the anchor
    /// lint of `gongbo check`; filled only for a run into memory).
    pub heading_ids: std::collections::HashMap<String, Vec<String>>,
    /// Every file of the output and its signature.
    pub files: BTreeMap<String, Fp>,
    /// The pages among them, as the plan listed them ([`Manifest::pages`]).
    pub signed: render::kept::Signed,
    /// The files written this time (the others were already there).
    pub written: Vec<String>,
    /// Wall time of each stage.
    pub timings: Vec<(&'static str, Duration)>,
    /// How many sources were read and parsed (the others came from the kept state).
    pub parsed: usize,
}
