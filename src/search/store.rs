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
use std::collections::{BTreeMap, BTreeSet};

use super::index::{shard_count, shard_json, Doc, DocTerms, CHUNK};
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

    /// The bytes of shard `n`: its terms sorted, each with its postings.
    pub fn shard(&self, n: u32) -> Vec<u8> {
        let mut list: Vec<TermPostings> = self
            .terms
            .iter()
            .filter(|t| shard_of(&t.text, self.shards) == n)
            .map(|t| (t.text.as_str(), t.postings.as_slice()))
            .collect();
        list.sort_unstable_by(|a, b| a.0.cmp(b.0));
        shard_json(&list)
    }

    /// The bytes of the shards in `wanted` (one pass over the terms).
    pub fn some_shards(&self, wanted: &BTreeSet<u32>) -> Vec<(u32, Vec<u8>)> {
        let mut by_shard: BTreeMap<u32, Vec<TermPostings>> = wanted
            .iter()
            .filter(|&&n| n < self.shards)
            .map(|&n| (n, Vec::new()))
            .collect();
        for t in &self.terms {
            if let Some(list) = by_shard.get_mut(&shard_of(&t.text, self.shards)) {
                list.push((t.text.as_str(), t.postings.as_slice()));
            }
        }
        by_shard
            .into_par_iter()
            .map(|(n, mut list)| {
                list.sort_unstable_by(|a, b| a.0.cmp(b.0));
                (n, shard_json(&list))
            })
            .collect()
    }

    /// Every shard's bytes, in shard order (one pass over the terms).
    pub fn all_shards(&self) -> Vec<Vec<u8>> {
        let mut by_shard: Vec<Vec<TermPostings>> = vec![Vec::new(); self.shards as usize];
        for t in &self.terms {
            by_shard[shard_of(&t.text, self.shards) as usize]
                .push((t.text.as_str(), t.postings.as_slice()));
        }
        by_shard
            .into_par_iter()
            .map(|mut list| {
                list.sort_unstable_by(|a, b| a.0.cmp(b.0));
                shard_json(&list)
            })
            .collect()
    }

    /// The number of document groups.
    pub fn groups(&self) -> u32 {
        self.docs.len().div_ceil(CHUNK) as u32
    }

    /// The bytes of document group `c`.
    pub fn group(&self, c: u32) -> Vec<u8> {
        let start = c as usize * CHUNK;
        let docs: Vec<_> = self.docs
            [start.min(self.docs.len())..(start + CHUNK).min(self.docs.len())]
            .iter()
            .map(|s| s.doc.json())
            .collect();
        serde_json::to_vec(&docs).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::{doc_terms, BODY, TITLE};
    use proptest::prelude::*;

    /// A document: key and text (title, body).
    type D = (String, String, String);

    fn keys(docs: &[D]) -> Vec<DocKey> {
        docs.iter()
            .map(|(k, t, b)| DocKey {
                key: k.clone(),
                fp: Fp::of(format!("{t}\n{b}").as_bytes()),
            })
            .collect()
    }

    fn read(docs: &[D]) -> impl Fn(usize) -> (Doc, DocTerms) + Sync + '_ {
        move |i| {
            let (k, t, b) = &docs[i];
            let doc = Doc {
                t: t.clone(),
                u: format!("/{k}/"),
                ..Default::default()
            };
            (doc, doc_terms(&[(TITLE, t), (BODY, b)]))
        }
    }

    /// Every file of an index: shards then groups.
    fn files(index: &LangIndex) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
        let groups = (0..index.groups()).map(|c| index.group(c)).collect();
        (index.all_shards(), groups)
    }

    fn clean(docs: &[D]) -> LangIndex {
        let mut index = LangIndex::default();
        index.update(&keys(docs), &read(docs));
        index
    }

    fn word() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "광주",
            "인공지능",
            "데이터센터",
            "예산을",
            "ai",
            "data",
            "center",
            "2024",
            "공공",
            "집적단지",
            "open",
            "opens",
            "실증",
            "센터는",
        ])
        .prop_map(str::to_string)
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(word(), 0..6).prop_map(|w| w.join(" "))
    }

    #[derive(Debug, Clone)]
    enum Edit {
        Change(usize, String),
        Append(String),
        Insert(usize, String),
        Remove(usize),
        Swap(usize, usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (any::<usize>(), text()).prop_map(|(i, t)| Edit::Change(i, t)),
            text().prop_map(Edit::Append),
            (any::<usize>(), text()).prop_map(|(i, t)| Edit::Insert(i, t)),
            any::<usize>().prop_map(Edit::Remove),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// After any sequence of edits, the kept index writes the same files as one built
        /// from nothing, and every file that differs from before is one it says changed;
        /// also when it went to disk and back between edits (every other one).
        #[test]
        fn updates_match_a_clean_build(start in prop::collection::vec(text(), 0..12),
                                       edits in prop::collection::vec(edit(), 1..10)) {
            let mut next = 0;
            let fresh = |next: &mut usize| { *next += 1; format!("k{next}") };
            let mut docs: Vec<D> = start.into_iter()
                .map(|b| (fresh(&mut next), format!("t{}", b.len() % 3), b)).collect();
            let mut kept = clean(&docs);
            for (step, e) in edits.into_iter().enumerate() {
                if step % 2 == 1 {
                    let bytes = postcard::to_allocvec(&kept).unwrap();
                    kept = postcard::from_bytes(&bytes).unwrap();
                    kept.after_load();
                }
                let n = docs.len();
                match e {
                    Edit::Change(i, t) if n > 0 => docs[i % n].2 = t,
                    Edit::Append(t) => { let k = fresh(&mut next); docs.push((k, "new".into(), t)) }
                    Edit::Insert(i, t) => { let k = fresh(&mut next); docs.insert(i % (n + 1), (k, "mid".into(), t)) }
                    Edit::Remove(i) if n > 0 => { docs.remove(i % n); }
                    Edit::Swap(a, b) if n > 0 => docs.swap(a % n, b % n),
                    _ => {}
                }
                let before = files(&kept);
                let changed = kept.update(&keys(&docs), &read(&docs));
                let after = files(&kept);
                prop_assert_eq!(&after, &files(&clean(&docs)));
                if !changed.all {
                    for (n, (a, b)) in before.0.iter().zip(&after.0).enumerate() {
                        prop_assert!(a == b || changed.shards.contains(&(n as u32)), "shard {} changed unsaid", n);
                    }
                    for (c, b) in after.1.iter().enumerate() {
                        let same = before.1.get(c) == Some(b);
                        prop_assert!(same || changed.groups.contains(&(c as u32)), "group {} changed unsaid", c);
                    }
                }
            }
        }
    }

    /// Postings as (doc id, bits) pairs, as they would be kept without the gaps.
    fn plain_postings(t: &TermEntry) -> Vec<(u32, u8)> {
        t.postings.iter().map(|p| (p.doc(), p.bits())).collect()
    }

    #[test]
    fn postings_go_to_disk_as_gaps_and_come_back() {
        let t = TermEntry {
            text: "인공".into(),
            hangul: Some(7),
            postings: [(0, 1), (3, 2), (300, 1), (100_000, 4)]
                .map(|(d, b)| Posting::new(d, b))
                .to_vec(),
        };
        let bytes = postcard::to_allocvec(&t).unwrap();
        let back: TermEntry = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.postings, t.postings);
        // A common term is in most documents: every gap takes one byte where an id of
        // a large site takes three.
        let common = TermEntry {
            postings: (20_000..30_000).map(|d| Posting::new(d, 1)).collect(),
            ..t.clone()
        };
        let gaps = postcard::to_allocvec(&common).unwrap();
        let plain = postcard::to_allocvec(&(&common.text, common.hangul, &plain_postings(&common)))
            .unwrap();
        assert!(
            gaps.len() * 3 < plain.len() * 2,
            "{} against {}",
            gaps.len(),
            plain.len()
        );
        let back: TermEntry = postcard::from_bytes(&gaps).unwrap();
        assert_eq!(back.postings, common.postings);
        // A gap of zero after the first (two postings of one document) is damage.
        let bad = postcard::to_allocvec(&("x", None::<u32>, vec![(5u32, 1u8), (0, 1)])).unwrap();
        assert!(postcard::from_bytes::<TermEntry>(&bad).is_err());
    }

    #[test]
    fn a_few_documents_postings_are_found_as_a_pass_over_every_list_finds_them() {
        let words = [
            "광주 인공지능",
            "data 센터",
            "인공지능 data",
            "광주광역시",
            "센터 개소",
        ];
        let docs: Vec<D> = (0..40)
            .map(|i| {
                (
                    format!("k{i}"),
                    format!("t{i}"),
                    words[i % 5].repeat(1 + i % 3),
                )
            })
            .collect();
        let index = clean(&docs);
        // More than a few: the pass over every list; then each document alone and a few
        // together (with a repeat and one past the end) by bisection.
        let all: Vec<u32> = (0..40).collect();
        let every = index.postings_of(&all);
        assert_eq!(every.len(), 40);
        for d in 0..40u32 {
            assert_eq!(
                index.postings_of(&[d]).get(&d),
                every.get(&d),
                "document {d}"
            );
        }
        let few = index.postings_of(&[31, 2, 17, 2, 99]);
        assert_eq!(few.len(), 3);
        for d in [2, 17, 31] {
            assert_eq!(few.get(&d), every.get(&d));
        }
    }

    #[test]
    fn a_new_newest_document_is_appended_and_touches_only_its_terms() {
        let mut docs: Vec<D> = (0..40)
            .map(|i| {
                (
                    format!("k{i}"),
                    format!("t{i}"),
                    "광주 인공지능 data".to_string(),
                )
            })
            .collect();
        let mut index = clean(&docs);
        docs.push(("k40".into(), "new".into(), "데이터센터".into()));
        let changed = index.update(&keys(&docs), &read(&docs));
        assert!(!changed.all, "{changed:?}");
        assert_eq!(changed.groups, BTreeSet::from([2]));
        assert!(changed.shards.len() <= 4, "{changed:?}");
    }
}
