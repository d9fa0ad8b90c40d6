//! The search index of one language as a value kept between builds: its documents in
//! id order and the postings of every term (a document's own postings are found in
//! them when it changes).
//! [`LangIndex::update`] brings it to a new list of documents, reading only those whose
//! fingerprint changed, and says which shards and document groups changed, so an
//! incremental build writes only those files. A clean build is an update of an empty
//! index, and both give the same files byte for byte.
//!
//! Doc ids are positions in [`super::index::order`]: pages first, then releases oldest
//! first, so the usual change — a new release, newer than the others — appends a document
//! and leaves every id before it alone. A change of order (a release deleted, moved in
//! time, a page added) renumbers the postings once, in one pass.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::index::{shard_count, Doc, DocTerms, CHUNK};
use super::terms::Term;
use super::tokenize::shard_of;
use crate::fp::Fp;

/// What a document is, for the index: a key that stays the same while the document is
/// the same thing (its source path) and the fingerprint of everything it is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocKey {
    pub key: String,
    pub fp: Fp,
}

/// One document of the index.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Slot {
    key: String,
    fp: Fp,
    doc: Doc,
}

/// One term: its text (what the shard files say), its Hangul key when it is a Hangul
/// term, and its postings in doc order.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TermEntry {
    text: String,
    hangul: Option<u32>,
    #[serde(with = "deltas")]
    postings: Vec<Posting>,
}

mod deltas;
mod files;
mod posting;

pub use posting::Posting;

/// The search index of one language.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct LangIndex {
    docs: Vec<Slot>,
    terms: Vec<TermEntry>,
    shards: u32,
    /// Hangul key → term id and word → term id; rebuilt from `terms` after loading.
    #[serde(skip)]
    hangul: FxHashMap<u32, u32>,
    #[serde(skip)]
    words: FxHashMap<String, u32>,
}

/// A term's text and postings, as a shard file lists them.
type TermPostings<'a> = (&'a str, &'a [Posting]);

/// What an update changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// Every file changed (the number of shards or the doc ids changed).
    pub all: bool,
    pub shards: BTreeSet<u32>,
    pub groups: BTreeSet<u32>,
}

impl LangIndex {
    /// Rebuilds the lookup tables, which are not stored. A posting of a document the
    /// index does not have (a damaged state) empties the index, which the next update
    /// then fills.
    pub fn after_load(&mut self) {
        let docs = self.docs.len() as u32;
        if self
            .terms
            .iter()
            .any(|t| t.postings.iter().any(|p| p.doc() >= docs))
        {
            *self = LangIndex::default();
            return;
        }
        self.lookups();
    }

    /// The postings each of the documents `ids` (sorted) has now, as (term id, bits) in
    /// term order: one pass over the terms. Documents keep no list of their own terms:
    /// at 10,000 releases that list was as large as the postings themselves.
    fn postings_of(&self, ids: &[u32]) -> FxHashMap<u32, Vec<(u32, u8)>> {
        if ids.is_empty() {
            return FxHashMap::default();
        }
        // A term's postings are sorted by document: a few documents (an edit) are looked
        // up in each term's list by bisection, many are found in one pass over it.
        const FEW: usize = 16;
        let hits: Vec<Vec<(u32, u32, u8)>> = if ids.len() <= FEW {
            let mut few = ids.to_vec();
            few.sort_unstable();
            few.dedup();
            self.terms
                .par_iter()
                .enumerate()
                .map(|(tid, t)| {
                    few.iter()
                        .filter_map(|&d| {
                            let p = t.postings.binary_search_by_key(&d, |p| p.doc()).ok()?;
                            Some((d, tid as u32, t.postings[p].bits()))
                        })
                        .collect()
                })
                .collect()
        } else {
            let mut wanted = vec![false; self.docs.len()];
            for &i in ids {
                if let Some(w) = wanted.get_mut(i as usize) {
                    *w = true;
                }
            }
            self.terms
                .par_iter()
                .enumerate()
                .map(|(tid, t)| {
                    t.postings
                        .iter()
                        .filter(|p| wanted.get(p.doc() as usize) == Some(&true))
                        .map(|p| (p.doc(), tid as u32, p.bits()))
                        .collect()
                })
                .collect()
        };
        let mut by_doc: FxHashMap<u32, Vec<(u32, u8)>> = FxHashMap::default();
        for (d, tid, bits) in hits.into_iter().flatten() {
            by_doc.entry(d).or_default().push((tid, bits));
        }
        by_doc
    }

    /// Rebuilds the term lookup tables.
    fn lookups(&mut self) {
        self.hangul.clear();
        self.words.clear();
        for (id, t) in self.terms.iter().enumerate() {
            match t.hangul {
                Some(k) => self.hangul.insert(k, id as u32),
                None => self.words.insert(t.text.clone(), id as u32),
            };
        }
    }

    pub fn docs(&self) -> usize {
        self.docs.len()
    }

    pub fn shards(&self) -> u32 {
        self.shards
    }

    /// The positions in `keys` of the documents an [`LangIndex::update`] to `keys` would
    /// read: new ones and those whose fingerprint changed.
    pub fn stale(&self, keys: &[DocKey]) -> Vec<usize> {
        // Usually the documents are the same ones in the same order: compared in place.
        let aligned = self.docs.len() == keys.len()
            && self.docs.iter().zip(keys).all(|(s, k)| s.key == k.key);
        if aligned {
            return (0..keys.len())
                .filter(|&i| self.docs[i].fp != keys[i].fp)
                .collect();
        }
        let old: FxHashMap<&str, Fp> = self.docs.iter().map(|s| (s.key.as_str(), s.fp)).collect();
        (0..keys.len())
            .filter(|&i| old.get(keys[i].key.as_str()) != Some(&keys[i].fp))
            .collect()
    }

    /// Brings the index to the documents `keys`, in id order. `read(i)` gives document
    /// `keys[i]` and its terms; it is called (in parallel, a block at a time) only for
    /// documents that are new or whose fingerprint changed.
    pub fn update(
        &mut self,
        keys: &[DocKey],
        read: &(dyn Fn(usize) -> (Doc, DocTerms) + Sync),
    ) -> Changed {
        // Doc ids are 24 bits: documents beyond the first 16,777,216 of a language are
        // not found by search (their pages are made all the same).
        let keys = &keys[..keys.len().min(Posting::MAX_DOCS as usize)];
        let mut changed = Changed::default();
        let same_prefix = self
            .docs
            .iter()
            .zip(keys)
            .take_while(|(s, k)| s.key == k.key)
            .count();
        if same_prefix < self.docs.len() {
            // Documents went away or moved: renumber what stays, drop the rest.
            self.renumber(keys);
            changed.all = true;
        }
        // Documents whose content changed, or that are new (or fill a gap).
        let stale: Vec<usize> = (0..keys.len())
            .filter(|&i| {
                self.docs
                    .get(i)
                    .is_none_or(|s| s.fp != keys[i].fp || s.key != keys[i].key)
            })
            .collect();
        // What the documents being replaced contribute now, to take out of the postings.
        let replaced: Vec<u32> = stale
            .iter()
            .filter(|&&i| i < self.docs.len())
            .map(|&i| i as u32)
            .collect();
        let mut old = self.postings_of(&replaced);
        const BLOCK: usize = 512;
        for block in stale.chunks(BLOCK) {
            let read: Vec<(Doc, DocTerms)> = block.par_iter().map(|&i| read(i)).collect();
            for (&i, (doc, terms)) in block.iter().zip(read) {
                let before = old.remove(&(i as u32)).unwrap_or_default();
                self.put(i, &keys[i], doc, terms, before, &mut changed);
            }
        }
        let shards = shard_count(self.terms.iter().map(|t| t.postings.len()).sum());
        if shards != self.shards {
            self.shards = shards;
            changed.all = true;
        }
        self.drop_unused_terms();
        changed
    }

    /// Puts document `i` (new at the end, or replacing the one at `i`, whose postings
    /// are `old`: (term id, bits) in term order).
    fn put(
        &mut self,
        i: usize,
        key: &DocKey,
        doc: Doc,
        terms: DocTerms,
        old: Vec<(u32, u8)>,
        changed: &mut Changed,
    ) {
        let id = i as u32;
        changed.groups.insert(id / CHUNK as u32);
        debug_assert!(i <= self.docs.len(), "documents arrive in id order");
        let mut new: Vec<(u32, u8)> = Vec::with_capacity(terms.hangul.len() + terms.len());
        for &(k, bits) in &terms.hangul {
            let tid = match self.hangul.get(&k) {
                Some(&t) => t,
                None => {
                    let t = self.new_term(Term::from_hangul_key(k).to_string(), Some(k));
                    self.hangul.insert(k, t);
                    t
                }
            };
            new.push((tid, bits));
        }
        for (w, bits) in terms.words() {
            let tid = match self.words.get(w) {
                Some(&t) => t,
                None => {
                    let t = self.new_term(w.to_string(), None);
                    self.words.insert(w.to_string(), t);
                    t
                }
            };
            new.push((tid, bits));
        }
        new.sort_unstable();
        // Postings that differ between the old and the new version (both sorted by term).
        let (mut a, mut b) = (0, 0);
        loop {
            let (o, n) = (old.get(a).copied(), new.get(b).copied());
            match (o, n) {
                (None, None) => break,
                (Some(o), Some(n)) if o.0 == n.0 => {
                    if o.1 != n.1 {
                        self.set_posting(n.0, id, Some(n.1), changed);
                    }
                    a += 1;
                    b += 1;
                }
                (Some(o), Some(n)) if o.0 < n.0 => {
                    self.set_posting(o.0, id, None, changed);
                    a += 1;
                }
                (Some(o), None) => {
                    self.set_posting(o.0, id, None, changed);
                    a += 1;
                }
                (_, Some(n)) => {
                    self.set_posting(n.0, id, Some(n.1), changed);
                    b += 1;
                }
            }
        }
        let slot = Slot {
            key: key.key.clone(),
            fp: key.fp,
            doc,
        };
        if i < self.docs.len() {
            self.docs[i] = slot;
        } else {
            self.docs.push(slot);
        }
    }

    fn new_term(&mut self, text: String, hangul: Option<u32>) -> u32 {
        self.terms.push(TermEntry {
            text,
            hangul,
            postings: Vec::new(),
        });
        (self.terms.len() - 1) as u32
    }

    /// Sets (or with `None` removes) the posting of doc `id` in term `tid`.
    fn set_posting(&mut self, tid: u32, id: u32, bits: Option<u8>, changed: &mut Changed) {
        let t = &mut self.terms[tid as usize];
        if self.shards > 0 {
            changed.shards.insert(shard_of(&t.text, self.shards));
        }
        let list = &mut t.postings;
        // Appending, the common case of a clean build, needs no search.
        if let Some(b) = bits {
            if list.last().is_none_or(|p| p.doc() < id) {
                list.push(Posting::new(id, b));
                return;
            }
        }
        match (list.binary_search_by_key(&id, |p| p.doc()), bits) {
            (Ok(p), Some(b)) => list[p] = Posting::new(id, b),
            (Ok(p), None) => {
                list.remove(p);
            }
            (Err(p), Some(b)) => list.insert(p, Posting::new(id, b)),
            (Err(_), None) => {}
        }
    }

    /// Gives the documents that stay their position in `keys` and drops the others.
    fn renumber(&mut self, keys: &[DocKey]) {
        let new_id: FxHashMap<&str, u32> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.key.as_str(), i as u32))
            .collect();
        let map: Vec<Option<u32>> = self
            .docs
            .iter()
            .map(|s| new_id.get(s.key.as_str()).copied())
            .collect();
        self.terms.par_iter_mut().for_each(|t| {
            t.postings = t
                .postings
                .iter()
                .filter_map(|&p| Some(Posting::new(map[p.doc() as usize]?, p.bits())))
                .collect();
            t.postings.sort_unstable();
        });
        // A new document in the middle leaves a gap: an empty slot that the update reads.
        let mut slots: Vec<Slot> = (0..keys.len())
            .map(|_| Slot {
                key: String::new(),
                fp: Fp::default(),
                doc: Doc::default(),
            })
            .collect();
        for (s, to) in std::mem::take(&mut self.docs).into_iter().zip(&map) {
            if let Some(to) = to {
                slots[*to as usize] = s;
            }
        }
        self.docs = slots;
    }

    /// Forgets terms that no document uses any more (a clean build would not have them).
    fn drop_unused_terms(&mut self) {
        if self.terms.iter().all(|t| !t.postings.is_empty()) {
            return;
        }
        self.terms.retain(|t| !t.postings.is_empty());
        self.lookups();
    }
}

#[cfg(test)]
mod tests;
