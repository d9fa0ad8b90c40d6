//! What each page is made from: [`Plan::signature`] fingerprints every input a page's
//! view reads, so an incremental build renders a page again exactly when one of them
//! changed. One arm per kind of page, as in `Cx::render`; when a view starts reading
//! something new, its arm here must hash it too (the property test of incremental
//! builds, `tests/incremental.rs`, catches an arm that forgets).
//!
//! The inputs come as [`Fps`], fingerprints made once per build:
//! - `globals`: everything every page may show — `site.toml`, the theme (templates, UI
//!   strings), `tags.yaml` and `milestones.yaml` (tag labels and slugs, milestone titles),
//!   the about pages' slugs, the build's options and gongbo's version;
//! - one per release and plain page: its source file and what its body links to (and
//!   shows: a body photo's content is part of its body's fingerprint);
//! - one per release for what a list shows of it (its card: title, date, summary, tags…),
//!   so an edit of its body or photos does not render the lists that hold it again;
//! - one per release for what only its own page and the feeds show of the files it
//!   names in front matter: its photos and the sizes of its attachments (a list that
//!   holds the release shows neither);
//! - one per milestone: its state at the build's reference time;
//! - `today`: the reference date, which the milestone pages show.
//!
//! Structure comes from the plan itself: which releases a list page holds, how many pages
//! its list has, where its translation is.

use super::{pages_of, Plan};
use crate::fp::{Fp, Hasher};
use crate::route::Page;
use crate::types::{Lang, ReleaseId};

/// The fingerprints a build computes once and every signature reads.
#[derive(Debug, Clone, Default)]
pub struct Fps {
    pub globals: Fp,
    /// By release id.
    pub releases: Vec<Fp>,
    /// By release id: its front matter's photos and attachments.
    pub release_files: Vec<Fp>,
    /// By release id: what its card in a list shows.
    pub cards: Vec<Fp>,
    /// By page id.
    pub pages: Vec<Fp>,
    /// By milestone id.
    pub milestones: Vec<Fp>,
    pub today: Fp,
}

impl Plan<'_> {
    /// The signature of `page` in `lang`, whose output file is `file` (its
    /// [`Page::file`], which the caller has made): equal in two builds only if the page's
    /// bytes are too.
    pub fn signature(&self, lang: Lang, page: Page, file: &str, fps: &Fps) -> Fp {
        let site = self.site;
        let mut h = Hasher::new("page");
        // The file names the page's address (one address, one file).
        h.fp(fps.globals).str(lang.code()).str(file);
        // The language switch, `hreflang` and `og:locale:alternate` follow the
        // translation (or its absence).
        match self.counterpart(lang, page) {
            Some(p) => h.bool(true).str(&self.path(lang.other(), p)),
            None => h.bool(false),
        };
        let plan = self.langs.get(lang);
        let per = site.config.releases_per_page;
        let items = |h: &mut Hasher, all: &[ReleaseId], n: usize| {
            h.u64(pages_of(all.len(), per) as u64);
            let page_items = &all[((n - 1) * per).min(all.len())..(n * per).min(all.len())];
            h.u64(page_items.len() as u64);
            for &id in page_items {
                h.fp(fps.cards[id.index()]);
            }
        };
        match page {
            Page::Home => {
                items(&mut h, &plan.releases, 1);
                h.u64(plan.releases.len() as u64);
                // The milestone summary says which day it is as of.
                milestones(&mut h, fps);
                h.fp(fps.today);
            }
            Page::Releases(n) => items(&mut h, &plan.releases, n),
            Page::Release(id) => {
                h.fp(fps.releases[id.index()])
                    .fp(fps.release_files[id.index()]);
                for m in &site.release(id).milestones {
                    h.fp(fps.milestones[m.index()]);
                }
            }
            Page::Topics => {
                for (t, list) in &plan.by_tag {
                    h.u64(t.index() as u64).u64(list.len() as u64);
                }
            }
            Page::Topic(t, n) => items(&mut h, &plan.by_tag[&t], n),
            Page::Archive => {
                for (y, list) in &plan.by_year {
                    h.i64(i64::from(*y)).u64(list.len() as u64);
                }
            }
            Page::Year(y, n) => items(&mut h, &plan.by_year[&y], n),
            Page::Plain(id) => {
                h.fp(fps.pages[id.index()]);
            }
            Page::Milestones | Page::MilestonesBy(_) => {
                milestones(&mut h, fps);
                h.fp(fps.today);
            }
            Page::Milestone(m, n) => {
                let state = site.milestone(m);
                h.fp(fps.milestones[m.index()]).fp(fps.today);
                items(&mut h, state.releases.get(lang), n);
                if n == 1 {
                    // The milestone's own page also shows its status history, naming the
                    // releases that announced each change, and the other language's
                    // releases that have no translation.
                    for entry in &state.history {
                        for r in [entry.release.ko, entry.release.en].into_iter().flatten() {
                            h.fp(fps.cards[r.index()]);
                        }
                    }
                    for &r in state.releases.get(lang.other()) {
                        h.fp(fps.cards[r.index()])
                            .bool(site.release_translation(r).is_some());
                    }
                }
            }
            Page::Search | Page::NotFound => {}
        }
        h.finish()
    }
}

/// Every milestone's state (the home page's summary, the milestones page and the lists
/// by status).
fn milestones(h: &mut Hasher, fps: &Fps) {
    h.u64(fps.milestones.len() as u64);
    for &m in &fps.milestones {
        h.fp(m);
    }
}
