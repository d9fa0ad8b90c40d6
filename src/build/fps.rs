//! The fingerprints a build computes once and every output's signature is made from
//! ([`render::Fps`]): the globals, each release and page, the files each release names,
//! each milestone, the date; and the signatures of the outputs that are not pages
//! (feeds, the sitemap, the search index's documents).

use rayon::prelude::*;
use std::sync::Arc;

use crate::content::Release;
use crate::emit;
use crate::fp::{Fp, Hasher};
use crate::link::{MilestoneState, Site};
use crate::render::{self, Fps, Theme};
use crate::search::{self, store::DocKey};
use crate::time::{self, iso_date, rfc3339};
use crate::types::{Lang, PageRecord, PerLang};

/// What every page may show: gongbo's version, site.toml (and `--base-url`, `--drafts`),
/// what every source is checked against but the files under content/ (tags,
/// milestones; see [`crate::content::Content::shown`]), the theme, and the about pages'
/// slugs (linked from every page's footer).
pub fn globals(
    config_text: &[u8],
    base_url: Option<&str>,
    drafts: bool,
    content: Fp,
    theme: &Theme,
    about: &PerLang<Option<String>>,
) -> Fp {
    let mut h = Hasher::new("globals");
    h.str(env!("CARGO_PKG_VERSION"))
        .bytes(config_text)
        .opt_str(base_url)
        .bool(drafts)
        .fp(content)
        .fp(theme.fp)
        .opt_str(about.ko.as_deref())
        .opt_str(about.en.as_deref());
    h.finish()
}

/// What the last build made of each release alone, by release id, with the release it
/// was made from (kept in memory by `gongbo serve`): its card ([`card`]), its shape
/// ([`render::kept::release_shape`]), the fingerprint of its source, and whether it
/// names no file in its front matter.
///
/// Each is made from the release alone (its front matter, its address from its language
/// and slug; a change of what releases are checked against, tags.yaml say, parses every
/// release again), and a release the load took from its cache is the same shared value
/// as in the last build: the same value, the same memo. Holding the release keeps its
/// address from being reused by another. A rebuild that changes one release reads one
/// release, not 20,000 scattered in memory (its summary and title were most of the bytes
/// a rebuild hashed, and reading each release most of the rest).
#[derive(Default)]
pub struct ReleaseMemo(Vec<(Arc<Release>, Alone)>);

/// What [`ReleaseMemo`] holds of one release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Alone {
    card: Fp,
    shape: Fp,
    source: Fp,
    /// No attachment, no photo.
    bare: bool,
}

impl Alone {
    fn of(site: &Site, i: usize) -> Alone {
        let r = &site.releases[i];
        Alone {
            card: card(site, i),
            shape: render::kept::release_shape(r),
            source: Hasher::new("release-source").str(&r.src).fp(r.fp).finish(),
            bare: r.attachments.is_empty() && r.photos.is_empty(),
        }
    }
}

/// Where a shared release is in memory: the key of [`ReleaseMemo`] for releases that
/// moved.
fn address(r: &Arc<Release>) -> usize {
    Arc::as_ptr(r) as usize
}

/// Every fingerprint of a linked site. `body` gives the fingerprint of each rendered
/// body (release `i`, page `i`) as it stands in the output. `kept` holds what the last
/// build made of each release alone and is left with this one's.
pub fn of_site(
    site: &Site,
    globals: Fp,
    release_body: &(dyn Fn(usize) -> Fp + Sync),
    page_body: &dyn Fn(usize) -> Fp,
    kept: &mut ReleaseMemo,
) -> Fps {
    // By the release's address in memory, when the releases are not where they were.
    let moved: std::sync::OnceLock<rustc_hash::FxHashMap<usize, Alone>> =
        std::sync::OnceLock::new();
    let old = &kept.0;
    let kept_alone = |i: usize, r: &Arc<Release>| -> Option<Alone> {
        match old.get(i) {
            Some((was, alone)) if Arc::ptr_eq(was, r) => Some(*alone),
            _ if old.is_empty() => None,
            _ => moved
                .get_or_init(|| old.iter().map(|(r, a)| (address(r), *a)).collect())
                .get(&address(r))
                .copied(),
        }
    };
    // Each release's, in parallel: on a large site this is a good part of a rebuild
    // that changes one release.
    let alone: Vec<Alone> = site
        .releases
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let alone = kept_alone(i, r).unwrap_or_else(|| Alone::of(site, i));
            debug_assert_eq!(alone, Alone::of(site, i), "a kept release, its memo");
            alone
        })
        .collect();
    let bare = Hasher::new("release-files").finish();
    #[allow(clippy::type_complexity)]
    let (releases, (release_files, structure)): (Vec<Fp>, (Vec<Fp>, Vec<Fp>)) = alone
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let release = Hasher::new("release")
                .fp(a.source)
                .fp(release_body(i))
                .finish();
            let id = crate::types::ReleaseId::new(i);
            let files = if a.bare {
                debug_assert_eq!(files(site, i), bare);
                bare
            } else {
                files(site, i)
            };
            let structure = render::kept::release_structure(a.shape, site.release_translation(id));
            (release, (files, structure))
        })
        .unzip();
    let cards = alone.iter().map(|a| a.card).collect();
    kept.0 = site.releases.iter().cloned().zip(alone).collect();
    let pages = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Hasher::new("plain-page")
                .str(&p.src)
                .fp(p.fp)
                .fp(page_body(i))
                .finish()
        })
        .collect();
    let milestones = site.milestones.iter().map(|m| milestone(site, m)).collect();
    Fps {
        globals,
        releases,
        release_files,
        cards,
        pages,
        milestones,
        structure,
        today: Hasher::new("today").str(&iso_date(&site.now)).finish(),
    }
}

/// What a list shows of a release (its card, `render::views::card`; a milestone's page
/// shows less): title, address, date and language, kind, department, summary and tags
/// (their labels are in the globals). Not its body, photos or files. Made from the
/// release alone, which [`ReleaseMemo`] relies on.
fn card(site: &Site, i: usize) -> Fp {
    let r = &site.releases[i];
    let mut h = Hasher::new("card");
    h.str(&r.src)
        .str(&r.title)
        .str(&site.release_path(crate::types::ReleaseId::new(i)))
        .str(&rfc3339(&r.date))
        .str(r.lang.code())
        .str(r.kind.key())
        .opt_str(r.department.as_deref())
        .opt_str(r.summary.as_deref());
    h.u64(r.tags.len() as u64);
    for t in &r.tags {
        h.u64(t.index() as u64);
    }
    h.finish()
}

/// What a release's page shows of the files its front matter names: each photo's sizes,
/// copies and words (the photo table's fingerprint), and, on a page whose photo has no
/// caption, the translation's source, whose caption it then shows; each attachment's
/// size.
fn files(site: &Site, i: usize) -> Fp {
    let r = &site.releases[i];
    let mut h = Hasher::new("release-files");
    for a in &r.attachments {
        h.str(&a.path).u64(a.bytes);
    }
    for p in &r.photos {
        match site.photos.get(&p.src) {
            Some(shown) => h.bool(true).fp(shown.fp),
            None => h.bool(false),
        };
    }
    if r.photos.iter().any(|p| p.caption.is_none()) {
        let other = site.release_translation(crate::types::ReleaseId::new(i));
        h.opt_str(other.map(|o| site.release(o).src.as_str()));
        if let Some(o) = other {
            h.fp(site.release(o).fp);
        }
    }
    h.finish()
}

/// A milestone's state: everything of it a page or data file shows. The declared plan
/// (titles, phases, descriptions) is in the globals.
fn milestone(site: &Site, m: &MilestoneState) -> Fp {
    let mut h = Hasher::new("milestone");
    h.u64(m.id.index() as u64)
        .str(m.status.key())
        .str(&m.planned.iso())
        .str(&m.original_planned.iso())
        .opt_str(m.done_on.as_ref().map(rfc3339).as_deref())
        .bool(m.overdue);
    for e in &m.history {
        h.str(&rfc3339(&e.date))
            .str(e.status.key())
            .opt_str(e.planned.map(|p| p.iso()).as_deref())
            .opt_str(e.note.ko.as_deref())
            .opt_str(e.note.en.as_deref());
        for r in [e.release.ko, e.release.en] {
            h.opt_str(r.map(|r| site.release(r).src.as_str()));
        }
    }
    for list in [&m.releases.ko, &m.releases.en] {
        h.u64(list.len() as u64);
        for &r in list {
            h.str(&site.release(r).src);
        }
    }
    h.finish()
}

/// The signature of a one-file sitemap: the globals and every page it lists (address,
/// language, `lastmod`, translation).
pub fn sitemap(globals: Fp, records: &[PageRecord]) -> Fp {
    use chrono::Offset;
    let mut h = Hasher::new("sitemap");
    h.fp(globals).u64(records.len() as u64);
    for r in records {
        h.str(&r.path).str(r.lang.code());
        match &r.lastmod {
            Some(t) => h
                .bool(true)
                .i64(t.timestamp())
                .u64(t.timestamp_subsec_nanos().into())
                .i64(t.offset().fix().local_minus_utc().into()),
            None => h.bool(false),
        };
        h.opt_str(r.translation.as_deref());
    }
    h.finish()
}

/// A feed's signature: the globals, the releases it lists, and (when it lists none) the
/// reference time, which is then its `updated`.
pub fn feed(f: &emit::feeds::Feed, fps: &Fps, site: &Site) -> Fp {
    let mut h = Hasher::new("feed");
    h.fp(fps.globals).str(f.path());
    for id in f.releases() {
        // An entry names the release's cover photo.
        h.fp(fps.releases[id.index()])
            .fp(fps.release_files[id.index()]);
    }
    if f.is_empty() {
        h.str(&time::rfc3339(&site.now));
    }
    h.finish()
}

/// What a build made from the site's structure alone ([`render::kept::structure`]: the
/// same sources in the same order, the same globals), for the next build of a site of the
/// same structure (in memory only): the search documents, the feeds.
pub struct ByStructure<T> {
    key: Fp,
    value: T,
}

impl<T> ByStructure<T> {
    pub fn new(key: Fp, value: T) -> ByStructure<T> {
        ByStructure { key, value }
    }

    /// The kept value, if it was made for the structure `key`.
    fn of(kept: Option<ByStructure<T>>, key: Fp) -> Option<T> {
        kept.filter(|k| k.key == key).map(|k| k.value)
    }
}

/// The search documents of each language, in id order ([`doc_keys`]).
pub type KeptDocs = ByStructure<PerLang<Docs>>;

/// The documents of one language's search index and their sources.
pub type Docs = (Vec<DocKey>, Vec<search::index::Source>);

/// [`doc_keys`] of both languages; from `kept` when it is of a site of the same structure
/// (`key`), whose documents then only take this build's fingerprints.
pub fn docs(site: &Site, fps: &Fps, key: Fp, kept: Option<KeptDocs>) -> PerLang<Docs> {
    let Some(mut docs) = ByStructure::of(kept, key) else {
        return PerLang::from_fn(|l| doc_keys(site, l, fps));
    };
    for lang in Lang::ALL {
        let (keys, srcs) = docs.get_mut(lang);
        debug_assert_eq!(*srcs, search::index::order(site, lang));
        keys.par_iter_mut()
            .zip(srcs.par_iter())
            .for_each(|(k, &s)| {
                debug_assert_eq!(k.key, search::index::source_path(site, s));
                k.fp = doc_fp(fps, s);
            });
    }
    docs
}

/// Every feed of the site ([`emit::feeds::all`]: which releases each lists, its titles
/// and paths, all read from the structure); from `kept` when it is of a site of the same
/// structure (`key`). Making them reads the language and tags of every release, scattered
/// in memory: 6 % of a `serve` rebuild at 10,000 releases.
pub fn feeds(
    site: &Site,
    key: Fp,
    kept: Option<ByStructure<Vec<emit::feeds::Feed>>>,
) -> Vec<emit::feeds::Feed> {
    match ByStructure::of(kept, key) {
        Some(feeds) => {
            debug_assert!(
                feeds == emit::feeds::all(site),
                "kept feeds are this site's"
            );
            feeds
        }
        None => emit::feeds::all(site),
    }
}

/// A search document's fingerprint: the globals and its source's.
fn doc_fp(fps: &Fps, s: search::index::Source) -> Fp {
    let fp = match s {
        search::index::Source::Release(id) => fps.releases[id.index()],
        search::index::Source::Page(id) => fps.pages[id.index()],
    };
    Hasher::new("search-doc").fp(fps.globals).fp(fp).finish()
}

/// The documents of the search index of `lang`, in id order, with their fingerprints.
pub fn doc_keys(site: &Site, lang: Lang, fps: &Fps) -> Docs {
    let srcs = search::index::order(site, lang);
    let keys = srcs
        .par_iter()
        .map(|&s| DocKey {
            key: search::index::source_path(site, s).to_string(),
            fp: doc_fp(fps, s),
        })
        .collect();
    (keys, srcs)
}
