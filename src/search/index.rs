//! The index writer: the site's releases and pages of one language become a sharded
//! search index under `search/` (`en/search/`):
//!
//! - `index/meta.json`: `{"version":1,"shards":N,"docs":D}`;
//! - `index/s/<n>.json`: the terms whose [`shard_of`] is `n`, each with its postings as
//!   a flat list `[doc, fields, doc, fields, …]`, doc ids delta-coded;
//! - `index/d/<c>.json`: documents `c*CHUNK .. c*CHUNK+CHUNK-1` as an array: title,
//!   URL, date, kind, department and the text snippets are cut from (the summary and the start of
//!   the body, at most [`SNIPPET_CHARS`] characters, so a result list of 20 stays small).
//!
//! Grouping documents keeps a 10,000-release site to about a thousand files per
//! language instead of one per document; short snippet text keeps each group small.
//!
//! Doc ids follow [`order`]: pages first, then releases oldest first, so a larger id is a
//! newer release (and a new release is appended: see [`super::store`], which keeps the
//! index between builds and writes only the files a change touches). Field bits:
//! [`TITLE`], [`META`] (summary, highlights, tags, year), [`BODY`]. Documents are
//! tokenised in parallel.

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use serde::Serialize;
use std::hash::Hasher;

use super::store::{Changed, DocKey, LangIndex, Posting};
use super::terms::{each_term, Term};
use super::text::html_text;
use crate::fp::Fp;
use crate::i18n::{get, Strings};
use crate::link::Site;
use crate::markdown::{Bodies, Rendered};
use crate::route::Data;
use crate::time::format_date;
use crate::types::{Lang, OutputFile, PageId, PerLang, ReleaseId, Sink};

pub const TITLE: u8 = 1;
pub const META: u8 = 2;
pub const BODY: u8 = 4;
/// 2: doc ids run pages first, then releases oldest first (1: newest first).
pub const VERSION: u32 = 2;
/// Documents per `d/<c>.json` file.
pub const CHUNK: usize = 16;
/// Characters of summary and body kept for snippets.
pub const SNIPPET_CHARS: usize = 480;
/// Aim for shards of about this many raw bytes.
const SHARD_BYTES: usize = 48 * 1024;

/// One searchable document. Kept between builds as it is (every field, in order: the
/// kept state's format has no field names), written to `index/d/<id>.json` as [`DocJson`].
#[derive(Serialize, serde::Deserialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// Title.
    pub t: String,
    /// URL.
    pub u: String,
    /// Date as shown (empty for pages).
    pub d: String,
    /// Kind label.
    pub k: String,
    /// Department (releases; empty for pages).
    pub p: String,
    /// Summary and body text, for snippets.
    pub x: String,
}

/// A document as `index/d/<id>.json` holds it: an empty department is left out.
#[derive(Serialize)]
pub struct DocJson<'a> {
    t: &'a str,
    u: &'a str,
    d: &'a str,
    k: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    p: &'a str,
    x: &'a str,
}

impl Doc {
    pub fn json(&self) -> DocJson<'_> {
        DocJson {
            t: &self.t,
            u: &self.u,
            d: &self.d,
            k: &self.k,
            p: &self.p,
            x: &self.x,
        }
    }
}

#[derive(Serialize)]
struct Meta {
    version: u32,
    shards: u32,
    docs: usize,
    chunk: usize,
}

/// Puts the index files of both languages into `sink`. The two languages are indexed
/// side by side, so one's sequential merge overlaps the other's parallel reading.
pub fn files(site: &Site, bodies: &Bodies, strings: &PerLang<Strings>, sink: &dyn Sink) {
    Lang::ALL.par_iter().for_each(|&l| {
        for f in lang_files(site, bodies, strings.get(l), l) {
            sink.put(f);
        }
    });
}

/// A document of the index, before it is read: a release or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Release(ReleaseId),
    Page(PageId),
}

/// The documents of `lang` in doc-id order: pages (by slug), then releases oldest first.
pub fn order(site: &Site, lang: Lang) -> Vec<Source> {
    let mut releases: Vec<ReleaseId> = site.releases_in(lang).collect();
    releases.reverse();
    site.pages_in(lang)
        .map(Source::Page)
        .chain(releases.into_iter().map(Source::Release))
        .collect()
}

/// The source path of a document, its key in the index kept between builds.
pub fn source_path(site: &Site, src: Source) -> &str {
    match src {
        Source::Release(i) => &site.release(i).src,
        Source::Page(i) => &site.page(i).src,
    }
}

/// Reads one document: what its result shows, and the terms it is found by.
/// `body`: the document's rendered body.
pub fn read(site: &Site, body: &Rendered, t: &Strings, lang: Lang, src: Source) -> (Doc, DocTerms) {
    match src {
        Source::Release(i) => {
            let r = site.release(i);
            let mut meta: Vec<&str> = r.summary.iter().map(String::as_str).collect();
            meta.extend(r.highlights.iter().map(String::as_str));
            meta.extend(
                r.tags
                    .iter()
                    .map(|&tg| site.tags.get(tg).label.get(lang).as_str()),
            );
            let year = r.date.format("%Y").to_string();
            meta.push(&year);
            let body = html_text(&body.html);
            let terms = doc_terms(&[(TITLE, &r.title), (META, &meta.join("\n")), (BODY, &body)]);
            let doc = Doc {
                t: r.title.clone(),
                u: site.config.url(&site.release_path(i)),
                d: format_date(r.date.date_naive(), lang),
                k: get(t, &format!("kind_{}", r.kind.key())).to_string(),
                p: site.department(i).unwrap_or_default().to_string(),
                x: join_text(r.summary.as_deref(), &body),
            };
            (doc, terms)
        }
        Source::Page(i) => {
            let p = site.page(i);
            let body = html_text(&body.html);
            let meta = p.summary.as_deref().unwrap_or_default();
            let terms = doc_terms(&[(TITLE, &p.title), (META, meta), (BODY, &body)]);
            let doc = Doc {
                t: p.title.clone(),
                u: site.config.url(&site.page_path(i)),
                d: String::new(),
                k: get(t, "search_kind_page").to_string(),
                p: String::new(),
                x: join_text(p.summary.as_deref(), &body),
            };
            (doc, terms)
        }
    }
}

/// The summary, a line break and the body, cut after [`SNIPPET_CHARS`] characters
/// (copying only what is kept).
fn join_text(summary: Option<&str>, body: &str) -> String {
    let parts = match summary {
        Some(s) => [s, "\n", body],
        None => [body, "", ""],
    };
    let mut out = String::new();
    let mut left = SNIPPET_CHARS;
    for part in parts {
        match part.char_indices().nth(left) {
            Some((cut, _)) => {
                out.push_str(&part[..cut]);
                break;
            }
            None => {
                out.push_str(part);
                left -= part.chars().count();
            }
        }
    }
    out
}

/// The distinct terms of one document, each with the fields it occurs in: Hangul terms
/// by [`Term::hangul_key`], words by their text. In no particular order (but the same
/// on every run): the shards sort their terms, so the order of first use never shows.
#[derive(Debug, Default)]
pub struct DocTerms {
    pub hangul: Vec<(u32, u8)>,
    /// The distinct words end to end, so a document's words are one allocation.
    text: String,
    /// Each word's start and end in `text`, and its fields.
    words: Vec<(u32, u32, u8)>,
}

impl DocTerms {
    /// The number of distinct words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.hangul.is_empty()
    }

    /// Each distinct word with its fields.
    pub fn words(&self) -> impl Iterator<Item = (&str, u8)> {
        self.words
            .iter()
            .map(|&(a, b, bits)| (&self.text[a as usize..b as usize], bits))
    }

    /// Every term as text, sorted, with its fields.
    pub fn strings(&self) -> Vec<(String, u8)> {
        let hangul = self
            .hangul
            .iter()
            .map(|&(k, bits)| (Term::from_hangul_key(k).to_string(), bits));
        let words = self.words().map(|(w, bits)| (w.to_string(), bits));
        let mut out: Vec<(String, u8)> = hangul.chain(words).collect();
        out.sort_unstable();
        out
    }
}

fn word_hash(w: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(w.as_bytes());
    h.finish()
}

/// The terms of one document's fields.
pub fn doc_terms(fields: &[(u8, &str)]) -> DocTerms {
    // Sized for the text up front (about one distinct term per three bytes of Korean,
    // fewer for English) so the tables do not grow step by step.
    let len: usize = fields.iter().map(|(_, t)| t.len()).sum();
    let mut hangul: FxHashMap<u32, u8> =
        FxHashMap::with_capacity_and_hasher(len / 6, Default::default());
    // Words are looked up by their text without a `String` per word: the table holds
    // (hash, index into `words`) and compares against the text kept in `doc.text`.
    let mut table: HashTable<(u64, u32)> = HashTable::with_capacity(len / 16);
    let mut doc = DocTerms {
        text: String::with_capacity(len / 4),
        words: Vec::with_capacity(len / 16),
        ..Default::default()
    };
    for &(bit, text) in fields {
        each_term(text, &mut |t| match t.hangul_key() {
            Some(k) => *hangul.entry(k).or_default() |= bit,
            None => {
                let Term::Word(w) = t else { return };
                let hash = word_hash(w);
                let (words, kept) = (&mut doc.words, &mut doc.text);
                let same = |&(h, i): &(u64, u32)| {
                    let (a, b, _) = words[i as usize];
                    h == hash && &kept[a as usize..b as usize] == w
                };
                if let Some(&(_, i)) = table.find(hash, same) {
                    words[i as usize].2 |= bit;
                    return;
                }
                let start = kept.len() as u32;
                kept.push_str(w);
                words.push((start, kept.len() as u32, bit));
                table.insert_unique(hash, (hash, (words.len() - 1) as u32), |&(h, _)| h);
            }
        });
    }
    doc.hangul = hangul.into_iter().collect();
    doc
}

/// How many shards an index of `postings` postings has: shards of about [`SHARD_BYTES`]
/// (some five bytes a posting), a power of two, at most 4096.
pub fn shard_count(postings: usize) -> u32 {
    (postings * 5 / SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(4096) as u32
}

fn lang_files(site: &Site, bodies: &Bodies, t: &Strings, lang: Lang) -> Vec<OutputFile> {
    let dir = site.data_path(Data::SearchIndex, lang);
    let sources = order(site, lang);
    let keys: Vec<DocKey> = sources
        .iter()
        .map(|&src| DocKey {
            key: source_path(site, src).to_string(),
            fp: Fp::default(),
        })
        .collect();
    let mut index = LangIndex::default();
    index.update(&keys, &|i| {
        let body = match sources[i] {
            Source::Release(id) => bodies.release(id),
            Source::Page(id) => bodies.page(id),
        };
        read(site, body, t, lang, sources[i])
    });
    let mut files: Vec<OutputFile> = index
        .all_shards()
        .into_iter()
        .enumerate()
        .map(|(n, bytes)| OutputFile::bytes(format!("{dir}s/{n}.json"), bytes))
        .collect();
    files.extend(
        (0..index.groups())
            .into_par_iter()
            .map(|c| OutputFile::bytes(format!("{dir}d/{c}.json"), index.group(c)))
            .collect::<Vec<_>>(),
    );
    files.push(OutputFile::bytes(
        format!("{dir}meta.json"),
        meta_json(&index),
    ));
    files
}

/// The files of `index` (the index of `lang`) that `changed` names (every file when
/// it says all changed), and the path of every file of the index.
pub fn changed_files(
    site: &Site,
    lang: Lang,
    index: &LangIndex,
    changed: &Changed,
) -> (Vec<OutputFile>, Vec<String>) {
    let dir = site.data_path(Data::SearchIndex, lang);
    let shard = |n: u32| format!("{dir}s/{n}.json");
    let group = |c: u32| format!("{dir}d/{c}.json");
    let mut paths: Vec<String> = (0..index.shards()).map(shard).collect();
    paths.extend((0..index.groups()).map(group));
    paths.push(format!("{dir}meta.json"));
    let mut files: Vec<OutputFile> = if changed.all {
        index
            .all_shards()
            .into_iter()
            .enumerate()
            .map(|(n, bytes)| OutputFile::bytes(shard(n as u32), bytes))
            .collect()
    } else {
        index
            .some_shards(&changed.shards)
            .into_iter()
            .map(|(n, bytes)| OutputFile::bytes(shard(n), bytes))
            .collect()
    };
    let groups: Vec<u32> = if changed.all {
        (0..index.groups()).collect()
    } else {
        changed
            .groups
            .iter()
            .copied()
            .filter(|&c| c < index.groups())
            .collect()
    };
    files.extend(
        groups
            .into_par_iter()
            .map(|c| OutputFile::bytes(group(c), index.group(c)))
            .collect::<Vec<_>>(),
    );
    files.push(OutputFile::bytes(
        format!("{dir}meta.json"),
        meta_json(index),
    ));
    (files, paths)
}

/// `meta.json` of an index.
pub fn meta_json(index: &LangIndex) -> Vec<u8> {
    let meta = Meta {
        version: VERSION,
        shards: index.shards(),
        docs: index.docs(),
        chunk: CHUNK,
    };
    serde_json::to_vec(&meta).unwrap_or_default()
}

/// One shard as JSON. Terms are runs of letters or digits (see the tokenizer), which
/// JSON strings hold without escapes, so they are written as they are.
pub fn shard_json(terms: &[(&str, &[Posting])]) -> Vec<u8> {
    let size: usize = terms.iter().map(|(t, l)| t.len() + 5 + l.len() * 6).sum();
    let mut out = Vec::with_capacity(size + 2);
    let mut num = itoa::Buffer::new();
    out.push(b'{');
    for (i, (term, list)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        debug_assert!(!term.contains(|c: char| c == '"' || c == '\\' || c.is_control()));
        out.push(b'"');
        out.extend_from_slice(term.as_bytes());
        out.extend_from_slice(b"\":[");
        let mut prev = 0;
        for (j, p) in list.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            out.extend_from_slice(num.format(p.doc() - prev).as_bytes());
            out.push(b',');
            out.extend_from_slice(num.format(p.bits()).as_bytes());
            prev = p.doc();
        }
        out.push(b']');
    }
    out.push(b'}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_text_keeps_the_first_characters() {
        assert_eq!(join_text(Some("요약"), "본문"), "요약\n본문");
        assert_eq!(join_text(None, "본문"), "본문");
        let long = "가".repeat(SNIPPET_CHARS + 5);
        assert_eq!(join_text(None, &long).chars().count(), SNIPPET_CHARS);
        let cut = join_text(Some("ab"), &long);
        assert_eq!(cut.chars().count(), SNIPPET_CHARS);
        assert!(cut.starts_with("ab\n가"));
        let exact = "나".repeat(SNIPPET_CHARS);
        assert_eq!(join_text(Some(&exact), "x"), exact);
    }

    #[test]
    fn doc_terms_merge_fields() {
        let t = doc_terms(&[(TITLE, "광주 AI"), (BODY, "광주는")]).strings();
        assert!(t.contains(&("광주".to_string(), TITLE | BODY)));
        assert!(t.contains(&("ai".to_string(), TITLE)));
        assert!(t.contains(&("주는".to_string(), BODY)));
        // Words met again, in the same field or another, keep one entry each.
        let t = doc_terms(&[
            (TITLE, "AI data"),
            (META, "Data"),
            (BODY, "data AI center ai"),
        ]);
        let words: Vec<(&str, u8)> = t.words().collect();
        assert_eq!(words.len(), 3, "{words:?}");
        let s = t.strings();
        assert!(s.contains(&("ai".to_string(), TITLE | BODY)));
        assert!(s.contains(&("data".to_string(), TITLE | META | BODY)));
        assert!(s.contains(&("center".to_string(), BODY)));
    }

    #[test]
    fn shard_json_is_delta_coded() {
        let list = [Posting::new(3, 1), Posting::new(7, 4)];
        let m = [("ab", &list[..])];
        assert_eq!(shard_json(&m), br#"{"ab":[3,1,4,4]}"#.to_vec());
    }
}
