//! The query side, in Rust: the same algorithm as `themes/default/static/search.js`, run
//! against the index files, so the query fixture can be checked without a browser.
//!
//! Each query word gives doc → field bits (a prefix: the union over matching terms; a
//! Hangul stem: the intersection over its bigrams); words are ANDed. Score: per word
//! twice its best field's weight (4 in the title, 2 in summary/highlights/tags, 1 in the
//! body), plus 1 when the word itself, not only a longer word it starts, is in that best
//! field (Hangul stems and numbers always count as the word itself); higher first, then
//! newer (larger id) first. So `data` ranks a title with "data" above a title with only
//! "database", and either above "data" in a summary.

use std::collections::{BTreeMap, HashMap};

use super::index::{BODY, META, TITLE};
use super::tokenize::{query_words, shard_of, QueryTerm};

/// Postings of one shard: term → (doc, field bits).
pub type Shard = BTreeMap<String, Vec<(u32, u8)>>;

/// Parses a shard file, undoing the delta coding.
pub fn parse_shard(json: &str) -> Result<Shard, String> {
    let raw: BTreeMap<String, Vec<u32>> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(raw
        .into_iter()
        .map(|(term, flat)| {
            let mut id = 0;
            let list = flat
                .chunks(2)
                .map(|c| {
                    id += c[0];
                    (id, c.get(1).copied().unwrap_or(0) as u8)
                })
                .collect();
            (term, list)
        })
        .collect())
}

/// A hit: doc id and score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub score: u32,
}

fn weight(bits: u8) -> u32 {
    if bits & TITLE != 0 {
        4
    } else if bits & META != 0 {
        2
    } else if bits & BODY != 0 {
        1
    } else {
        0
    }
}

/// Runs `query` against an index of `shards` shards; `load(n)` returns shard `n`.
pub fn search(query: &str, shards: u32, load: &mut dyn FnMut(u32) -> Shard) -> Vec<Hit> {
    let words = query_words(query);
    if words.is_empty() {
        return Vec::new();
    }
    let mut cache: HashMap<u32, Shard> = HashMap::new();
    let mut shard = |term: &str| -> Shard {
        let n = shard_of(term, shards);
        cache.entry(n).or_insert_with(|| load(n)).clone()
    };
    let mut total: Option<HashMap<u32, u32>> = None;
    for w in &words {
        let mut docs: HashMap<u32, u8> = HashMap::new();
        // The fields in which the word occurs as itself; `None`: wherever it occurs.
        let mut exact: Option<HashMap<u32, u8>> = None;
        match &w.term {
            QueryTerm::Prefix(p) => {
                let sh = shard(p);
                let one = p.chars().count() == 1;
                for (term, list) in sh.range(p.clone()..) {
                    if !term.starts_with(p.as_str()) || (one && term != p) {
                        break;
                    }
                    for &(d, b) in list {
                        *docs.entry(d).or_default() |= b;
                    }
                }
                exact = Some(sh.get(p).into_iter().flatten().copied().collect());
            }
            QueryTerm::All(terms) => {
                for (k, term) in terms.iter().enumerate() {
                    let sh = shard(term);
                    let list = sh.get(term).cloned().unwrap_or_default();
                    if k == 0 {
                        docs = list.into_iter().collect();
                    } else {
                        let here: HashMap<u32, u8> = list.into_iter().collect();
                        docs.retain(|d, b| match here.get(d) {
                            Some(x) => {
                                *b &= *x;
                                if *b == 0 {
                                    *b = BODY;
                                }
                                true
                            }
                            None => false,
                        });
                    }
                }
            }
        }
        let score = |d: u32, b: u8| {
            let itself = exact
                .as_ref()
                .map_or(b, |e| e.get(&d).copied().unwrap_or(0));
            2 * weight(b) + u32::from(weight(itself) == weight(b))
        };
        total = Some(match total {
            None => docs.iter().map(|(&d, &b)| (d, score(d, b))).collect(),
            Some(mut t) => {
                t.retain(|d, s| match docs.get(d) {
                    Some(&b) => {
                        *s += score(*d, b);
                        true
                    }
                    None => false,
                });
                t
            }
        });
    }
    let mut hits: Vec<Hit> = total
        .unwrap_or_default()
        .into_iter()
        .map(|(doc, score)| Hit { doc, score })
        .collect();
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(b.doc.cmp(&a.doc)));
    hits
}
