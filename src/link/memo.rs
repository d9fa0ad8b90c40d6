//! What linking made of the releases' addresses, dates, languages and states (their
//! [`Layout`]), kept in memory by `gongbo serve` for the next link of the same site.
//!
//! The layout is the order of the releases, which are held back, the link table, the
//! URL claims and their problems, and the translations. It reads of each release only
//! its *link shape*: source, language, stem, slug (and where it stands), date, draft and
//! embargo ([`same_shape`]); of the rest, the pages' shapes, the names of the files under
//! content/, the sources that could not be read and the options ([`rest`]). An edit of a
//! release's text, title or tags leaves its shape as it was, and the next link then takes
//! the layout from here instead of reading, sorting, hashing and claiming 20,000 releases
//! again (the link stage was a quarter of a `serve` rebuild at 10,000 releases).
//!
//! The reference time is read only against the embargoes: the layout holds as long as no
//! embargo has passed or come back into the future ([`Window`]).

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Embargoes, HeldBack, Options};
use crate::content::{Asset, Page, Release};
use crate::diag::Diagnostics;
use crate::fp::{Fp, Hasher};
use crate::time::SiteTime;
use crate::types::{Links, ReleaseId};

/// What the link stage makes of the link shapes alone. Positions are in load order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Layout {
    /// The published releases, newest first.
    pub published: Vec<usize>,
    /// The releases held back, in load order, each with the end of its embargo (`None`:
    /// a draft).
    pub held: Vec<(usize, Option<SiteTime>)>,
    /// The releases whose placeholder texts are reported (none is a draft left out), in
    /// load order.
    pub unfinished: Vec<usize>,
    pub links: Arc<Links>,
    /// Two sources with one URL, a page's slug that is taken.
    pub claims: Diagnostics,
    /// By published release, the published translation.
    pub translations: Vec<Option<ReleaseId>>,
    /// Sorted by source.
    pub held_back: Vec<HeldBack>,
    /// Sorted.
    pub drafts_skipped: Vec<String>,
    pub window: Window,
}

/// The reference times for which the embargoes decide as they did: from the latest
/// embargo that had passed (if any) to just before the first that had not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Window {
    pub passed: Option<SiteTime>,
    pub next: Option<SiteTime>,
}

impl Window {
    /// Takes in the embargo `until` of a release, as it stands at `now`.
    pub fn add(&mut self, until: SiteTime, now: SiteTime) {
        if until > now {
            self.next = Some(self.next.map_or(until, |n| n.min(until)));
        } else {
            self.passed = Some(self.passed.map_or(until, |p| p.max(until)));
        }
    }

    fn holds(&self, now: SiteTime) -> bool {
        self.passed.is_none_or(|p| p <= now) && self.next.is_none_or(|n| now < n)
    }
}

/// The last link's releases as loaded and what it made of them.
pub struct Memo {
    /// Held so that no other release can take the address of one of them.
    loaded: Vec<Arc<Release>>,
    rest: Fp,
    layout: Layout,
}

impl Memo {
    pub(super) fn new(loaded: &[Arc<Release>], rest: Fp, layout: &Layout) -> Memo {
        Memo {
            loaded: loaded.to_vec(),
            rest,
            layout: layout.clone(),
        }
    }

    /// The layout of `releases` (as loaded), if it is the kept one: the same rest, the
    /// same number of releases, each the same shared value or one of the same shape at
    /// the same position, and `now` within the embargoes' window.
    pub(super) fn reuse(
        self,
        releases: &[Arc<Release>],
        rest: Fp,
        opts: &Options<'_>,
    ) -> Option<Layout> {
        if self.rest != rest
            || self.loaded.len() != releases.len()
            || !self.layout.window.holds(opts.now)
        {
            return None;
        }
        // Compared by address: nothing of a release the load reused is read.
        let changed: Vec<usize> = (0..releases.len())
            .into_par_iter()
            .filter(|&i| !Arc::ptr_eq(&self.loaded[i], &releases[i]))
            .collect();
        if !changed
            .iter()
            .all(|&i| same_shape(&self.loaded[i], &releases[i]))
        {
            return None;
        }
        let mut layout = self.layout;
        if !changed.is_empty() {
            let mut unfinished: Vec<usize> = layout
                .unfinished
                .into_iter()
                .filter(|i| changed.binary_search(i).is_err())
                .collect();
            unfinished.extend(changed.iter().copied().filter(|&i| {
                let r = &releases[i];
                reported(r, opts) && !r.unfinished.is_empty()
            }));
            unfinished.sort_unstable();
            layout.unfinished = unfinished;
        }
        Some(layout)
    }
}

/// Whether a release is checked as one to publish (a draft is, only when drafts are
/// built).
pub(super) fn reported(r: &Release, opts: &Options<'_>) -> bool {
    !r.draft || opts.drafts
}

/// Whether two releases have the same link shape: what the layout reads of a release.
fn same_shape(a: &Release, b: &Release) -> bool {
    a.src == b.src
        && a.lang == b.lang
        && a.stem == b.stem
        && a.slug == b.slug
        && a.slug_loc == b.slug_loc
        && a.date == b.date
        && a.draft == b.draft
        && a.embargo == b.embargo
}

/// The fingerprint of what the layout reads besides the releases: the pages' shapes in
/// load order, the names of the files under content/, the sources that could not be
/// read, the static files' paths, and whether drafts and embargoed releases are shown.
pub(super) fn rest(
    pages: &[Page],
    assets: &BTreeMap<String, Asset>,
    broken: &[String],
    opts: &Options<'_>,
) -> Fp {
    let mut h = Hasher::new("link rest");
    h.u64(pages.len() as u64);
    for p in pages {
        h.str(&p.src)
            .str(p.lang.code())
            .str(&p.stem)
            .str(&p.slug)
            .u64(p.slug_loc.line as u64)
            .u64(p.slug_loc.col as u64)
            .bool(p.draft);
    }
    h.u64(assets.len() as u64);
    for a in assets.keys() {
        h.str(a);
    }
    h.u64(broken.len() as u64);
    for b in broken {
        h.str(b);
    }
    h.u64(opts.statics.len() as u64);
    for s in opts.statics {
        h.str(s);
    }
    h.bool(opts.drafts)
        .bool(opts.embargoes == Embargoes::Preview);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::Window;
    use crate::time::SiteTime;

    fn at(secs: i64) -> SiteTime {
        crate::time::from_unix(secs, chrono_tz::Asia::Seoul).expect("a time")
    }

    #[test]
    fn a_window_holds_until_an_embargo_passes_or_returns() {
        let now = at(1_000_000);
        let mut w = Window::default();
        assert!(w.holds(now) && w.holds(at(0)), "no embargo: every time");
        for until in [900_000, 1_000_000, 1_000_100, 2_000_000] {
            w.add(at(until), now);
        }
        assert_eq!(
            (w.passed, w.next),
            (Some(at(1_000_000)), Some(at(1_000_100)))
        );
        assert!(w.holds(now) && w.holds(at(1_000_099)));
        assert!(
            !w.holds(at(999_999)),
            "the embargo that had just passed is to come again"
        );
        assert!(!w.holds(at(1_000_100)), "the next embargo has passed");
    }
}
