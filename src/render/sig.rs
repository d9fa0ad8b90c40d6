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
use crate::types::{Lang, MilestoneId, PageId, ReleaseId};

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
    /// By release id: what the plan's structure reads of it
    /// ([`super::kept::release_structure`]; no page's signature reads it).
    pub structure: Vec<Fp>,
    pub today: Fp,
}

impl Plan<'_> {
    /// The signature of `page` in `lang`, whose output file is `file` (its
    /// [`Page::file`], which the caller has made): equal in two builds only if the page's
    /// bytes are too.
    pub fn signature(&self, lang: Lang, page: Page, file: &str, fps: &Fps) -> Fp {
        let mut h = Hasher::new("page");
        // The file names the page's address (one address, one file).
        h.fp(fps.globals).str(lang.code()).str(file);
        self.reads(lang, page, &mut |read| {
            match read {
                Read::Count(n) => h.u64(n as u64),
                Read::Year(y) => h.i64(i64::from(y)),
                Read::Flag(b) => h.bool(b),
                // The language switch, `hreflang` and `og:locale:alternate` follow the
                // translation (or its absence).
                Read::Counterpart => match self.counterpart(lang, page) {
                    Some(p) => h.bool(true).str(&self.path(lang.other(), p)),
                    None => h.bool(false),
                },
                Read::Card(id) => h.fp(fps.cards[id.index()]),
                Read::Release(id) => h
                    .fp(fps.releases[id.index()])
                    .fp(fps.release_files[id.index()]),
                Read::Plain(id) => h.fp(fps.pages[id.index()]),
                Read::Milestone(m) => h.fp(fps.milestones[m.index()]),
                Read::Milestones => {
                    h.u64(fps.milestones.len() as u64);
                    for &m in &fps.milestones {
                        h.fp(m);
                    }
                    &mut h
                }
                Read::Today => h.fp(fps.today),
            };
        });
        h.finish()
    }

    /// Whether `page` in `lang` reads a fingerprint that `changed` says is not the one
    /// the last build had (so its signature must be made again). The plan's structure,
    /// which the rest of the signature is made from, is the last build's.
    pub(super) fn reads_changed(&self, lang: Lang, page: Page, changed: &Changed) -> bool {
        // The answer for the many pages of a few kinds without walking what they read
        // (the walk, for 30,000 pages, was 7 % of a `serve` rebuild); the same answer as
        // the walk, which a debug build compares.
        let quick = match page {
            Page::Release(id) => Some(
                changed.releases[id.index()]
                    || (changed.any_milestone
                        && self
                            .site
                            .release(id)
                            .milestones
                            .iter()
                            .any(|m| changed.milestones[m.index()])),
            ),
            Page::Releases(_) | Page::Topic(..) | Page::Year(..) if !changed.any_card => {
                Some(false)
            }
            Page::Topics | Page::Archive | Page::Search | Page::NotFound => Some(false),
            _ => None,
        };
        if let Some(quick) = quick {
            debug_assert_eq!(quick, self.walk_changed(lang, page, changed), "{page:?}");
            return quick;
        }
        self.walk_changed(lang, page, changed)
    }

    /// [`Plan::reads_changed`], by walking everything the page reads.
    fn walk_changed(&self, lang: Lang, page: Page, changed: &Changed) -> bool {
        let mut any = false;
        self.reads(lang, page, &mut |read| {
            any |= match read {
                Read::Count(_) | Read::Year(_) | Read::Flag(_) | Read::Counterpart => false,
                Read::Card(id) => changed.cards[id.index()],
                Read::Release(id) => changed.releases[id.index()],
                Read::Plain(id) => changed.pages[id.index()],
                Read::Milestone(m) => changed.milestones[m.index()],
                Read::Milestones => changed.any_milestone,
                Read::Today => changed.today,
            };
        });
        any
    }

    /// Everything of the site `page` in `lang` shows, in a fixed order: one arm per kind
    /// of page, as in `Cx::render`. [`Plan::signature`] hashes each; [`Plan::reads_changed`]
    /// asks of each whether it changed.
    fn reads(&self, lang: Lang, page: Page, read: &mut dyn FnMut(Read)) {
        let site = self.site;
        read(Read::Counterpart);
        let plan = self.langs.get(lang);
        let per = site.config.releases_per_page;
        let items = |all: &[ReleaseId], n: usize, read: &mut dyn FnMut(Read)| {
            read(Read::Count(pages_of(all.len(), per)));
            let page_items = &all[((n - 1) * per).min(all.len())..(n * per).min(all.len())];
            read(Read::Count(page_items.len()));
            for &id in page_items {
                read(Read::Card(id));
            }
        };
        match page {
            Page::Home => {
                items(&plan.releases, 1, read);
                read(Read::Count(plan.releases.len()));
                // The milestone summary says which day it is as of.
                read(Read::Milestones);
                read(Read::Today);
            }
            Page::Releases(n) => items(&plan.releases, n, read),
            Page::Release(id) => {
                read(Read::Release(id));
                for m in &site.release(id).milestones {
                    read(Read::Milestone(*m));
                }
            }
            Page::Topics => {
                for (t, list) in &plan.by_tag {
                    read(Read::Count(t.index()));
                    read(Read::Count(list.len()));
                }
            }
            Page::Topic(t, n) => items(&plan.by_tag[&t], n, read),
            Page::Archive => {
                for (y, list) in &plan.by_year {
                    read(Read::Year(*y));
                    read(Read::Count(list.len()));
                }
            }
            Page::Year(y, n) => items(&plan.by_year[&y], n, read),
            Page::Plain(id) => read(Read::Plain(id)),
            Page::Milestones | Page::MilestonesBy(_) => {
                read(Read::Milestones);
                read(Read::Today);
            }
            Page::Milestone(m, n) => {
                let state = site.milestone(m);
                read(Read::Milestone(m));
                read(Read::Today);
                items(state.releases.get(lang), n, read);
                if n == 1 {
                    // The milestone's own page also shows its status history, naming the
                    // releases that announced each change, and the other language's
                    // releases that have no translation.
                    for entry in &state.history {
                        for r in [entry.release.ko, entry.release.en].into_iter().flatten() {
                            read(Read::Card(r));
                        }
                    }
                    for &r in state.releases.get(lang.other()) {
                        read(Read::Card(r));
                        read(Read::Flag(site.release_translation(r).is_some()));
                    }
                }
            }
            Page::Search | Page::NotFound => {}
        }
    }
}

/// One thing a page shows, as [`Plan::reads`] names it.
enum Read {
    /// A number of the plan's structure (a list's length, a tag's index).
    Count(usize),
    Year(i32),
    /// A yes or no of the plan's structure.
    Flag(bool),
    /// The address of the page's translation, if it has one.
    Counterpart,
    /// What a list shows of a release.
    Card(ReleaseId),
    /// A release's own page: its source, body and files.
    Release(ReleaseId),
    Plain(PageId),
    Milestone(MilestoneId),
    /// Every milestone's state.
    Milestones,
    /// The reference date.
    Today,
}

/// Which of a build's fingerprints differ from the last build's ([`Changed::between`]).
pub struct Changed {
    /// By release id: its own page's fingerprints (source and body, files).
    releases: Vec<bool>,
    cards: Vec<bool>,
    pages: Vec<bool>,
    milestones: Vec<bool>,
    /// Whether any card, any milestone changed.
    any_card: bool,
    any_milestone: bool,
    today: bool,
}

impl Changed {
    /// What changed from `old` to `new`; `None` when the globals did, or when the two
    /// are not of the same releases, pages and milestones (every signature is then made
    /// again).
    pub fn between(old: &Fps, new: &Fps) -> Option<Changed> {
        let same_shape = old.globals == new.globals
            && old.releases.len() == new.releases.len()
            && old.release_files.len() == new.release_files.len()
            && old.cards.len() == new.cards.len()
            && old.pages.len() == new.pages.len()
            && old.milestones.len() == new.milestones.len();
        if !same_shape {
            return None;
        }
        let differ =
            |a: &[Fp], b: &[Fp]| -> Vec<bool> { a.iter().zip(b).map(|(x, y)| x != y).collect() };
        let releases = old
            .releases
            .iter()
            .zip(&new.releases)
            .zip(old.release_files.iter().zip(&new.release_files))
            .map(|((a, b), (c, d))| a != b || c != d)
            .collect();
        let cards = differ(&old.cards, &new.cards);
        let milestones = differ(&old.milestones, &new.milestones);
        Some(Changed {
            releases,
            any_card: cards.contains(&true),
            cards,
            pages: differ(&old.pages, &new.pages),
            any_milestone: milestones.contains(&true),
            milestones,
            today: old.today != new.today,
        })
    }
}
