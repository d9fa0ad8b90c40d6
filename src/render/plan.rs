//! The pages of one language: which there are (in route order, each once), what each
//! list holds, each page's path, where each page is among them, and when each list last
//! changed (for the sitemap).

use chrono::Datelike;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use crate::link::Site;
use crate::route::{MilestoneFilter, Page};
use crate::time::SiteTime;
use crate::types::{Lang, ReleaseId, TagId};

/// The pages of one language and the data they list.
pub(super) struct LangPlan {
    pub(super) releases: Vec<ReleaseId>,
    pub(super) by_tag: BTreeMap<TagId, Vec<ReleaseId>>,
    pub(super) by_year: BTreeMap<i32, Vec<ReleaseId>>,
    /// The pages in route order, each once.
    pub(super) pages: Vec<Page>,
    /// Each page's site-relative path, index-aligned with `pages`: made once a build,
    /// where the signature, the sitemap record and the render each made it again (with
    /// the counterpart's, that was six strings a page a rebuild: 9 % of a `serve`
    /// rebuild's samples at 10,000 releases).
    pub(super) paths: Vec<String>,
    /// The same pages, for asking whether one is there (every page's signature and
    /// sitemap record asks for its counterpart).
    pub(super) has: Has,
    /// When anything listed changed last, for the sitemap: computed once here, since
    /// every list page and tag page asks (per page it would be quadratic).
    pub(super) newest: Newest,
}

#[derive(Default)]
pub(super) struct Newest {
    pub(super) all: Option<SiteTime>,
    pub(super) by_tag: BTreeMap<TagId, SiteTime>,
    pub(super) by_year: BTreeMap<i32, SiteTime>,
}

/// How many pages a list of `n` items takes at `per` a page (an empty list has one).
pub(super) fn pages_of(n: usize, per: usize) -> usize {
    n.div_ceil(per).max(1)
}

pub(super) fn plan(site: &Site, lang: Lang, used_tags: &BTreeSet<TagId>) -> LangPlan {
    let per = site.config.releases_per_page;
    let releases: Vec<ReleaseId> = site.releases_in(lang).collect();
    let mut by_tag: BTreeMap<TagId, Vec<ReleaseId>> =
        used_tags.iter().map(|t| (*t, Vec::new())).collect();
    let mut by_year: BTreeMap<i32, Vec<ReleaseId>> = BTreeMap::new();
    let mut newest = Newest::default();
    for &id in &releases {
        let r = site.release(id);
        let updated = r.updated();
        let year = r.date.year();
        for t in &r.tags {
            by_tag.entry(*t).or_default().push(id);
            bump(newest.by_tag.entry(*t).or_insert(updated), updated);
        }
        by_year.entry(year).or_default().push(id);
        bump(newest.by_year.entry(year).or_insert(updated), updated);
        newest.all = newest.all.max(Some(updated));
    }
    let mut pages = vec![Page::Home, Page::Topics, Page::Archive, Page::Search];
    if lang == Lang::Ko {
        pages.push(Page::NotFound);
    }
    pages.push(Page::Milestones);
    // The lists by status exist whenever milestones do, empty or not, so their
    // addresses stay put as milestones move from one status to another.
    if !site.milestones.is_empty() {
        pages.extend(MilestoneFilter::ALL.map(Page::MilestonesBy));
    }
    for m in site.milestone_ids() {
        let n = site.milestone(m).releases.get(lang).len();
        pages.extend((1..=pages_of(n, per)).map(|k| Page::Milestone(m, k)));
    }
    pages.extend((1..=pages_of(releases.len(), per)).map(Page::Releases));
    pages.extend(releases.iter().map(|&id| Page::Release(id)));
    for (t, list) in &by_tag {
        pages.extend((1..=pages_of(list.len(), per)).map(|n| Page::Topic(*t, n)));
    }
    for (y, list) in &by_year {
        pages.extend((1..=pages_of(list.len(), per)).map(|n| Page::Year(*y, n)));
    }
    pages.extend(site.pages_in(lang).map(Page::Plain));
    // Sorted once (a set took an ordered insert for each of tens of thousands of pages).
    pages.sort_unstable();
    pages.dedup();
    let paths = pages.par_iter().map(|p| site.path(*p, lang)).collect();
    let has = Has::of(site, &pages);
    LangPlan {
        releases,
        by_tag,
        by_year,
        pages,
        paths,
        has,
        newest,
    }
}

/// Where each page of a language is in its plan's `pages` (and `paths`). A release's or
/// plain page's position is indexed by its id: a hash lookup among 20,000 pages, three
/// for every page of every rebuild (signature and sitemap record), was 3 % of a `serve`
/// rebuild's samples under `perf` at 10,000 releases, and a bisection of the pages 4 %;
/// the few other pages are in a map.
pub(super) struct Has {
    releases: Vec<u32>,
    plain: Vec<u32>,
    other: rustc_hash::FxHashMap<Page, u32>,
}

/// No position: the page is not planned.
const NONE: u32 = u32::MAX;

impl Has {
    fn of(site: &Site, pages: &[Page]) -> Has {
        let mut has = Has {
            releases: vec![NONE; site.releases.len()],
            plain: vec![NONE; site.pages.len()],
            other: Default::default(),
        };
        for (i, &p) in pages.iter().enumerate() {
            let i = u32::try_from(i).expect("fewer than 4 billion pages");
            match p {
                Page::Release(id) => has.releases[id.index()] = i,
                Page::Plain(id) => has.plain[id.index()] = i,
                p => {
                    has.other.insert(p, i);
                }
            }
        }
        has
    }

    /// The position of `page`, if it is planned.
    pub(super) fn position(&self, page: &Page) -> Option<usize> {
        let at = match *page {
            Page::Release(id) => self.releases.get(id.index()).copied(),
            Page::Plain(id) => self.plain.get(id.index()).copied(),
            ref p => self.other.get(p).copied(),
        };
        at.filter(|&i| i != NONE).map(|i| i as usize)
    }

    pub(super) fn contains(&self, page: &Page) -> bool {
        self.position(page).is_some()
    }
}

fn bump(slot: &mut SiteTime, t: SiteTime) {
    if t > *slot {
        *slot = t;
    }
}
