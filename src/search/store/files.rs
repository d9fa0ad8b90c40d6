//! The files of a [`LangIndex`]: its shards (each term with its postings, by a hash of
//! the term) and its document groups, as the search page fetches them.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use super::super::index::{shard_json, CHUNK};
use super::super::tokenize::shard_of;
use super::{LangIndex, TermPostings};

impl LangIndex {
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
