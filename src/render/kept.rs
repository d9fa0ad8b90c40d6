//! What a plan leaves for the next build of the same site in the same process (`gongbo
//! serve`): the structure of both languages' pages, every page's file and signature, and
//! the sitemap's records.
//!
//! The structure (which pages there are, what each list holds, each page's address and
//! translation, each list's last change) depends on far less than a page's content: the
//! globals and, of each release and plain page, its source, language, slug, dates, tags,
//! milestones' lists and translation. [`structure`] fingerprints exactly that. When the
//! next build's fingerprint is the same (an edit of a body, a title, a summary: nearly
//! every save in `serve`), the plan is the kept one, the records are the kept ones, and
//! only the pages that read a fingerprint that changed (`Plan::reads_changed`) are
//! signed again. A debug build signs every page again and checks the two agree.
//!
//! Making these was a third of a `serve` rebuild at 10,000 releases (the plan's lists
//! and 40,000 addresses, 30,000 signatures, 30,000 sitemap records).

use chrono::Timelike;
use rayon::prelude::*;
use std::sync::Arc;

use super::sig::Changed;
use super::{LangPlan, Plan, Theme};
use crate::fp::{Fp, Hasher};
use crate::link::Site;
use crate::route::Page;
use crate::time::SiteTime;
use crate::types::{Lang, PageRecord, PerLang};

/// A plan's structure and what was made from it, for the next build.
pub struct Kept {
    key: Fp,
    langs: PerLang<LangPlan>,
    all: Vec<(Lang, Page)>,
    signed: Signed,
    fps: super::Fps,
    records: Arc<Vec<PageRecord>>,
}

/// Every page's output file and signature, index-aligned with [`Plan::pages`].
#[derive(Debug, Clone, Default)]
pub struct Signed {
    /// The files: the plan's structure, shared with the next build's.
    pub files: Arc<Vec<String>>,
    pub sigs: Vec<Fp>,
}

/// What the last build left that this build can use: its plan was of the same structure.
pub(super) struct Leftover {
    signed: Signed,
    fps: super::Fps,
    records: Arc<Vec<PageRecord>>,
}

fn time(h: &mut Hasher, t: &SiteTime) {
    h.i64(t.timestamp()).u64(t.nanosecond().into());
}

/// What the plan's structure reads of a release itself: its source, language, slug,
/// dates and tags (made once for each release the load parsed, in `build::fps`).
pub fn release_shape(r: &crate::content::Release) -> Fp {
    let mut h = Hasher::new("release-shape");
    h.str(&r.src).str(r.lang.code()).str(&r.slug);
    time(&mut h, &r.date);
    time(&mut h, &r.updated());
    h.u64(r.tags.len() as u64);
    for t in &r.tags {
        h.u64(t.index() as u64);
    }
    h.finish()
}

/// What the plan's structure reads of a release: its [`release_shape`] and where its
/// translation is.
pub fn release_structure(shape: Fp, translation: Option<crate::types::ReleaseId>) -> Fp {
    Hasher::new("release-structure")
        .fp(shape)
        .u64(translation.map_or(u64::MAX, |t| t.index() as u64))
        .finish()
}

/// The fingerprint of a linked site's structure, as the plan, the pages' addresses and
/// translations, the signatures' structural part and the sitemap records read it (see
/// the module's documentation), from `fps`: its globals (site.toml's languages, the
/// number of releases a page lists and the time zone, tags.yaml's and milestones.yaml's
/// slugs, the theme) and each release's [`release_structure`].
pub fn structure(site: &Site, fps: &super::Fps) -> Fp {
    debug_assert_eq!(fps.structure.len(), site.releases.len());
    let mut h = Hasher::new("structure");
    h.fp(fps.globals).u64(fps.structure.len() as u64);
    for &r in &fps.structure {
        h.fp(r);
    }
    h.u64(site.pages.len() as u64);
    for (i, p) in site.pages.iter().enumerate() {
        h.str(&p.src).str(p.lang.code()).str(&p.slug);
        match &p.updated {
            Some(t) => time(h.bool(true), t),
            None => {
                h.bool(false);
            }
        }
        let translation = site.page_translation(crate::types::PageId::new(i));
        h.u64(translation.map_or(u64::MAX, |t| t.index() as u64));
    }
    h.u64(site.milestones.len() as u64);
    for m in &site.milestones {
        for list in [&m.releases.ko, &m.releases.en] {
            h.u64(list.len() as u64);
            for r in list {
                h.u64(r.index() as u64);
            }
        }
    }
    h.finish()
}

impl<'a> Plan<'a> {
    /// The plan of `site`, whose [`structure`] is `key`: the kept one when `kept` is of
    /// the same structure, made otherwise.
    pub fn with_kept(site: &'a Site, theme: &'a Theme, key: Fp, kept: Option<Kept>) -> Plan<'a> {
        match kept.filter(|k| k.key == key) {
            Some(k) => Plan::of(
                site,
                theme,
                k.langs,
                k.all,
                Some(Leftover {
                    signed: k.signed,
                    fps: k.fps,
                    records: k.records,
                }),
            ),
            None => Plan::new(site, theme),
        }
    }

    /// Every page's output file and signature. With the last build's plan, the files are
    /// its files, and a page that reads nothing that changed keeps its signature.
    pub fn signed(&self, fps: &super::Fps) -> Signed {
        let Some((old, changed)) = self
            .leftover
            .as_ref()
            .and_then(|l| Some((&l.signed, Changed::between(&l.fps, fps)?)))
        else {
            let (files, sigs) = self
                .all
                .par_iter()
                .map(|&(lang, page)| {
                    let file = self.file(lang, page);
                    let sig = self.signature(lang, page, &file, fps);
                    (file, sig)
                })
                .unzip();
            return Signed {
                files: Arc::new(files),
                sigs,
            };
        };
        let sigs = self
            .all
            .par_iter()
            .zip(old.files.par_iter())
            .zip(old.sigs.par_iter())
            .map(|((&(lang, page), file), &was)| {
                debug_assert_eq!(
                    *file,
                    self.file(lang, page),
                    "the same structure, the same files"
                );
                if self.reads_changed(lang, page, &changed) {
                    return self.signature(lang, page, file, fps);
                }
                debug_assert_eq!(
                    self.signature(lang, page, file, fps),
                    was,
                    "{lang:?} {page:?} reads nothing that changed"
                );
                was
            })
            .collect();
        Signed {
            files: Arc::clone(&old.files),
            sigs,
        }
    }

    /// The sitemap's record of every page but 404, in [`Plan::pages`] order: the last
    /// build's when the plan is its.
    pub fn records(&self) -> Arc<Vec<PageRecord>> {
        let made = || -> Vec<PageRecord> {
            self.all
                .par_iter()
                .filter_map(|&(lang, page)| self.record(lang, page))
                .collect()
        };
        match &self.leftover {
            Some(l) => {
                debug_assert_eq!(*l.records, made(), "the same structure, the same records");
                Arc::clone(&l.records)
            }
            None => Arc::new(made()),
        }
    }

    /// What this plan leaves for the next build: its structure (`key`), the pages'
    /// files and signatures (`signed`, from [`Plan::signed`]) and fingerprints, and the
    /// records.
    pub fn into_kept(
        self,
        key: Fp,
        signed: Signed,
        fps: super::Fps,
        records: Arc<Vec<PageRecord>>,
    ) -> Kept {
        Kept {
            key,
            langs: self.langs,
            all: self.all,
            signed,
            fps,
            records,
        }
    }
}
