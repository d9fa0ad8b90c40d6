//! Link: checked content becomes the immutable [`Site`].
//!
//! Steps: drop drafts (unless asked for) and releases still under embargo at the build's
//! reference time; sort releases newest first; pair translations by stem; give every
//! release and page its URL and report two sources that claim the same URL; build the
//! `@/` link table; apply milestone updates in date order (see [`milestones`]).

mod claims;
pub mod held;
mod layout;
mod memo;
pub mod milestones;
pub mod photos;

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::Config;
use crate::content::Asset;
use crate::content::{Content, Page, Plan, Release, TagRegistry};
use crate::diag::{Diagnostic, Diagnostics};
use crate::route::{self, Names};
use crate::time::SiteTime;
use crate::types::{Lang, MilestoneId, PageId, PerLang, ReleaseId, TagId};
pub use held::{BodyLink, Held, HeldFile, HeldRelease};
use layout::layout;
pub use memo::Memo;
pub use milestones::{HistoryEntry, MilestoneState};

/// What the link stage needs besides the content.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The build's reference time: now, or `SOURCE_DATE_EPOCH`.
    pub now: SiteTime,
    pub drafts: bool,
    /// Output paths of the static files (the theme's and the site's `static/`:
    /// `style.css`, `images/logo.svg`): no page may take a top-level name of one, and
    /// a body may show one by its address (`/images/logo.svg`).
    pub statics: &'a [String],
    /// Whether releases under embargo are held back (every real build) or published as
    /// if their time had come (`gongbo serve`'s previews only; still listed in
    /// `held_back`).
    pub embargoes: Embargoes,
}

/// What a build does with releases whose embargo has not passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embargoes {
    Hold,
    /// Publish them: a preview of the site as it will be, never written as the site.
    Preview,
}

/// A release left out of this build because of its embargo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBack {
    pub src: String,
    pub until: SiteTime,
}

/// The linked site: everything the renderers read, never changed after this stage.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub now: SiteTime,
    /// Published releases, newest first (then by stem, Korean before English). Shared
    /// with the load's cache: a rebuild that reuses a release does not copy it.
    pub releases: Vec<std::sync::Arc<Release>>,
    pub pages: Vec<Page>,
    pub tags: TagRegistry,
    pub plan: Plan,
    pub assets: BTreeMap<String, Asset>,
    /// The published translation of each release, by release id (looked up for every
    /// page's language switch and on every milestone page, so kept at hand). A map of
    /// pairs by stem, which this replaced, cloned and compared 20,000 strings a rebuild.
    pub translations: Vec<Option<ReleaseId>>,
    pub page_pairs: BTreeMap<String, PerLang<Option<PageId>>>,
    /// `releases/x.ko.md` or `pages/about.en.md` → site-relative URL path (shared with
    /// the layout kept for the next link, [`Memo`]).
    pub links: Arc<crate::types::Links>,
    pub milestones: Vec<MilestoneState>,
    pub held_back: Vec<HeldBack>,
    pub drafts_skipped: Vec<String>,
    /// What this build holds back (embargoed releases, drafts, and the files only they
    /// use): checked like the rest, never written.
    pub held: Held,
    /// Editor backup and system files under content/, never published.
    pub ignored: Vec<String>,
    /// The photos under content/ as pages show them (filled by the build).
    pub photos: photos::Photos,
    /// Output paths of the static files ([`Options::statics`]).
    pub statics: rustc_hash::FxHashSet<String>,
}

impl Site {
    pub fn release(&self, id: ReleaseId) -> &Release {
        &self.releases[id.index()]
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.index()]
    }

    /// A release and its published translation, by language.
    pub fn release_pair(&self, id: ReleaseId) -> PerLang<Option<ReleaseId>> {
        let mut pair = PerLang::<Option<ReleaseId>>::default();
        *pair.get_mut(self.release(id).lang) = Some(id);
        *pair.get_mut(self.release(id).lang.other()) = self.release_translation(id);
        pair
    }

    /// Site-relative URL path of `page` in `lang`.
    pub fn path(&self, page: route::Page, lang: Lang) -> String {
        page.path(lang, self)
    }

    /// Site-relative URL path (`releases/x/` or `en/releases/x/`) of a release.
    pub fn release_path(&self, id: ReleaseId) -> String {
        let r = self.release(id);
        route::release_path(r.lang, &r.slug)
    }

    /// Site-relative URL path of a plain page.
    pub fn page_path(&self, id: PageId) -> String {
        let p = self.page(id);
        route::plain_path(p.lang, &p.slug)
    }

    /// Site-relative path of a data file of `lang` (a feed, the open data).
    pub fn data_path(&self, data: route::Data, lang: Lang) -> String {
        data.path(lang, self)
    }

    /// The translation of a release, if published.
    pub fn release_translation(&self, id: ReleaseId) -> Option<ReleaseId> {
        self.translations[id.index()]
    }

    pub fn page_translation(&self, id: PageId) -> Option<PageId> {
        let p = self.page(id);
        *self.page_pairs.get(&p.stem)?.get(p.lang.other())
    }

    /// Every published release, newest first.
    pub fn release_ids(&self) -> impl Iterator<Item = ReleaseId> + '_ {
        (0..self.releases.len()).map(ReleaseId::new)
    }

    /// Releases in `lang`, newest first.
    pub fn releases_in(&self, lang: Lang) -> impl Iterator<Item = ReleaseId> + '_ {
        self.release_ids()
            .filter(move |&id| self.release(id).lang == lang)
    }

    /// Plain pages in `lang`, by slug.
    pub fn pages_in(&self, lang: Lang) -> impl Iterator<Item = PageId> + '_ {
        (0..self.pages.len())
            .map(PageId::new)
            .filter(move |&id| self.page(id).lang == lang)
    }

    /// Every declared milestone, in declared order.
    pub fn milestone_ids(&self) -> impl Iterator<Item = MilestoneId> {
        (0..self.milestones.len()).map(MilestoneId::new)
    }

    /// The department a release names, else the site's default department.
    pub fn department(&self, id: ReleaseId) -> Option<&str> {
        let r = self.release(id);
        r.department.as_deref().or_else(|| {
            self.config
                .organization
                .department
                .as_ref()
                .map(|d| d.get(r.lang).as_str())
        })
    }

    pub fn milestone(&self, id: MilestoneId) -> &MilestoneState {
        &self.milestones[id.index()]
    }
}

impl Names for Site {
    fn release_slug(&self, id: ReleaseId) -> &str {
        &self.release(id).slug
    }
    fn page_slug(&self, id: PageId) -> &str {
        &self.page(id).slug
    }
    fn tag_slug(&self, id: TagId) -> &str {
        &self.tags.get(id).slug
    }
    fn milestone_slug(&self, id: MilestoneId) -> &str {
        &self.plan.milestones[id.index()].id
    }
}

fn release_path(r: &Release) -> String {
    route::release_path(r.lang, &r.slug)
}

fn page_path(p: &Page) -> String {
    route::plain_path(p.lang, &p.slug)
}

/// Links loaded content into a [`Site`], with the problems found on the way (two
/// sources claiming one URL, translations that disagree on a milestone update). The
/// layout of the releases is taken from `memo` when it holds for this content, and the
/// layout of this link is left there for the next one ([`memo`]).
pub fn link(
    content: Content,
    config: Config,
    opts: Options<'_>,
    memo: &mut Option<Memo>,
) -> (Site, Diagnostics) {
    let Content {
        releases,
        pages,
        tags,
        plan,
        assets,
        broken,
        ignored,
        // What the load reused is the build's business, not the linked site's.
        fresh_pages: _,
        texts: _,
        context: _,
        shown: _,
        parsed: _,
    } = content;
    let rest = memo::rest(&pages, &assets, &broken, &opts);
    let (pages, held_pages): (Vec<Page>, Vec<Page>) =
        pages.into_iter().partition(|p| !p.draft || opts.drafts);
    // Sorted by moving each page once: a page is a large value.
    let pages = sorted(pages, |a, b| (a.lang, &a.slug).cmp(&(b.lang, &b.slug)));
    let layout = match memo.take().and_then(|m| m.reuse(&releases, rest, &opts)) {
        Some(kept) => {
            debug_assert_eq!(
                kept,
                layout(&releases, &pages, &held_pages, &assets, &broken, &opts),
                "a kept layout is the one this content makes"
            );
            kept
        }
        None => layout(&releases, &pages, &held_pages, &assets, &broken, &opts),
    };
    *memo = Some(Memo::new(&releases, rest, &layout));
    let mut diags = Diagnostics::new();
    // Placeholder texts may stay in a draft, never in what is to be published (an
    // embargoed release goes out by itself when its time comes).
    for &i in &layout.unfinished {
        diags.extend(releases[i].unfinished.iter().cloned());
    }
    diags.extend(layout.claims.iter().cloned());
    let mut slots: Vec<Option<Arc<Release>>> = releases.into_iter().map(Some).collect();
    let mut take = |i: usize| slots[i].take().expect("a release has one place");
    let releases: Vec<Arc<Release>> = layout.published.iter().map(|&i| take(i)).collect();
    let held = Held {
        releases: layout
            .held
            .iter()
            .map(|&(i, until)| HeldRelease {
                release: take(i),
                until,
            })
            .collect(),
        pages: held_pages,
        files: Vec::new(),
    };
    drop(slots);
    let mut page_pairs: BTreeMap<String, PerLang<Option<PageId>>> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        *page_pairs
            .entry(p.stem.clone())
            .or_default()
            .get_mut(p.lang) = Some(PageId::new(i));
    }
    let milestones = milestones::derive(&plan, &releases, opts.now).unwrap_or_else(|d| {
        diags.extend(d);
        Vec::new()
    });
    let reported: Vec<Diagnostic> = diags.iter().cloned().collect();
    diags.extend(milestones::held_checks(
        &plan, &releases, &held, opts.now, &reported,
    ));
    let site = Site {
        config,
        now: opts.now,
        releases,
        pages,
        tags,
        plan,
        assets,
        translations: layout.translations,
        page_pairs,
        links: layout.links,
        milestones,
        held_back: layout.held_back,
        drafts_skipped: layout.drafts_skipped,
        held,
        ignored,
        photos: photos::Photos::default(),
        statics: opts.statics.iter().cloned().collect(),
    };
    (site, diags)
}

/// `items` in the order of `cmp` (a stable sort), each moved once.
fn sorted<T: Sync>(items: Vec<T>, cmp: impl Fn(&T, &T) -> std::cmp::Ordering + Sync) -> Vec<T> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.par_sort_by(|&a, &b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|i| slots[i].take().expect("each index once"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sorted;

    #[test]
    fn sorted_is_a_stable_sort() {
        let items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|e| std::cmp::Reverse(e.0));
        assert_eq!(sorted(items, |a, b| b.0.cmp(&a.0)), expected);
        assert_eq!(sorted(Vec::<u8>::new(), u8::cmp), Vec::<u8>::new());
    }
}
