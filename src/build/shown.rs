//! The bodies of the outputs a build writes, each freed as soon as the last output that
//! shows it is made ([`Shown`]).

use rustc_hash::FxHashSet;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use crate::markdown::{Bodies, Rendered};
use crate::route::Page;
use crate::search::{self, store::DocKey, store::LangIndex};
use crate::types::{Lang, PageId, PerLang, ReleaseId};

/// The bodies of the outputs written this build, each freed as soon as the last output
/// that shows it is made. A body shows on its page and in its search document, and one
/// task makes both: the reader of the document takes the body out of its slot, renders
/// the page if that is still to be done, reads the document and drops the body. A large
/// site's HTML is hundreds of megabytes; held until every page was written, it was the
/// largest part of a clean build's memory.
pub struct Shown {
    /// Body `k`: release `k`, then page `k - releases`. `None`: taken.
    slots: Vec<Mutex<Option<Arc<Rendered>>>>,
    /// The language of body `k`'s page while that page is still to be rendered (0: none
    /// or done; 1 + the language's index).
    pending: Vec<AtomicU8>,
    releases: usize,
}

impl Shown {
    /// The bodies, and the pages to render (of which those that show a body are noted).
    pub fn new(bodies: Bodies, todo: &[(Lang, Page)]) -> Shown {
        let releases = bodies.releases.len();
        let slots: Vec<Mutex<Option<Arc<Rendered>>>> = bodies
            .releases
            .into_iter()
            .chain(bodies.pages)
            .map(|b| Mutex::new(Some(b)))
            .collect();
        let pending: Vec<AtomicU8> = (0..slots.len()).map(|_| AtomicU8::new(0)).collect();
        let shown = Shown {
            slots,
            pending,
            releases,
        };
        for &(lang, page) in todo {
            if let Some(k) = shown.slot(page) {
                shown.pending[k].store(lang_code(lang), Ordering::Relaxed);
            }
        }
        shown
    }

    /// The body a page shows, by its slot.
    pub fn slot(&self, page: Page) -> Option<usize> {
        match page {
            Page::Release(id) => Some(id.index()),
            Page::Plain(id) => Some(self.releases + id.index()),
            _ => None,
        }
    }

    /// The slot of a search document's body.
    pub fn of_doc(&self, doc: search::index::Source) -> usize {
        doc_slot(self.releases, doc)
    }

    /// The page that shows body `k`.
    pub fn page(&self, k: usize) -> Page {
        if k < self.releases {
            Page::Release(ReleaseId::new(k))
        } else {
            Page::Plain(PageId::new(k - self.releases))
        }
    }

    /// Takes on rendering body `k`'s page, if it is still to be rendered: its language.
    /// Only one caller gets it.
    pub fn claim(&self, k: usize) -> Option<Lang> {
        match self.pending[k].swap(0, Ordering::AcqRel) {
            0 => None,
            c => Some(Lang::ALL[usize::from(c - 1)]),
        }
    }

    /// Body `k`, left in its slot (`None`: taken).
    pub fn get(&self, k: usize) -> Option<Arc<Rendered>> {
        lock(&self.slots[k]).clone()
    }

    /// Body `k`, out of its slot: freed when the taker is done with it (unless an
    /// earlier [`Shown::get`] still holds it).
    pub fn take(&self, k: usize) -> Option<Arc<Rendered>> {
        lock(&self.slots[k]).take()
    }

    /// The bodies whose pages are still to be rendered, and each page's language.
    pub fn unclaimed(&self) -> Vec<(usize, Lang)> {
        (0..self.pending.len())
            .filter_map(|k| self.claim(k).map(|l| (k, l)))
            .collect()
    }
}

/// The index of a search document's body among a site's bodies (its `releases`
/// published releases first, then its pages), as [`run`](super::run) and [`Shown`] keep
/// them.
pub fn doc_slot(releases: usize, doc: search::index::Source) -> usize {
    match doc {
        search::index::Source::Release(id) => id.index(),
        search::index::Source::Page(id) => releases + id.index(),
    }
}

/// The bodies whose HTML a build needs, as slots of [`doc_slot`], sorted: those of the
/// pages to render (`todo`), of the releases the feeds to write show, and of the search
/// documents read again; and apart, the slots of those read again (the reader of each
/// renders the body's page too, see [`Shown`]).
pub fn wanted(
    releases: usize,
    todo: &[(Lang, Page)],
    feeds: &[&crate::emit::feeds::Feed],
    search: &PerLang<LangIndex>,
    docs: &PerLang<(Vec<DocKey>, Vec<search::index::Source>)>,
) -> (Vec<usize>, FxHashSet<usize>) {
    let mut wanted: Vec<usize> = Vec::new();
    for &(_, page) in todo {
        match page {
            Page::Release(id) => wanted.push(id.index()),
            Page::Plain(id) => wanted.push(releases + id.index()),
            _ => {}
        }
    }
    for f in feeds {
        wanted.extend(f.releases().iter().map(|id| id.index()));
    }
    let mut read_again = FxHashSet::default();
    for lang in Lang::ALL {
        let (keys, srcs) = docs.get(lang);
        read_again.extend(
            search
                .get(lang)
                .stale(keys)
                .into_iter()
                .map(|i| doc_slot(releases, srcs[i])),
        );
    }
    wanted.extend(read_again.iter().copied());
    wanted.sort_unstable();
    wanted.dedup();
    (wanted, read_again)
}

fn lang_code(lang: Lang) -> u8 {
    match lang {
        Lang::Ko => 1,
        Lang::En => 2,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Arc<Rendered> {
        Arc::new(Rendered {
            html: html.to_string(),
            ..Rendered::default()
        })
    }

    #[test]
    fn each_bodys_page_is_claimed_once_and_a_taken_body_is_freed_with_its_taker() {
        let bodies = Bodies {
            releases: vec![body("<p>a</p>"), body("<p>b</p>"), body("<p>c</p>")],
            pages: vec![body("<p>about</p>")],
        };
        let todo = [
            (Lang::Ko, Page::Release(ReleaseId::new(0))),
            (Lang::En, Page::Release(ReleaseId::new(2))),
            (Lang::En, Page::Plain(PageId::new(0))),
            (Lang::Ko, Page::Home),
        ];
        let shown = Shown::new(bodies, &todo);
        assert_eq!(shown.slot(Page::Plain(PageId::new(0))), Some(3));
        assert_eq!(shown.slot(Page::Home), None);
        assert_eq!(shown.page(3), Page::Plain(PageId::new(0)));
        assert_eq!(
            shown.of_doc(search::index::Source::Release(ReleaseId::new(2))),
            2
        );
        // A page to render is claimed by one caller, in its language; one not to render
        // (release 1) by none.
        assert_eq!(shown.claim(2), Some(Lang::En));
        assert_eq!(shown.claim(2), None);
        assert_eq!(shown.claim(1), None);
        // Taken: the slot is empty, and the body lives only as long as its taker holds
        // it (or a reader that got it before).
        let held = shown.get(0).unwrap();
        let taken = shown.take(0).unwrap();
        assert!(shown.get(0).is_none() && shown.take(0).is_none());
        assert_eq!(Arc::strong_count(&taken), 2);
        drop(held);
        assert_eq!(Arc::strong_count(&taken), 1);
        // What nobody claimed is left, each page once.
        assert_eq!(shown.unclaimed(), vec![(0, Lang::Ko), (3, Lang::En)]);
        assert!(shown.unclaimed().is_empty());
    }
}
