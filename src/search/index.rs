//! The index writer: the site's releases and pages of one language become a sharded
//! search index under `search/` (`en/search/`):
//!
//! - `index/meta.json`: `{"version":1,"shards":N,"docs":D}`;
//! - `index/s/<n>.json`: the terms whose [`shard_of`] is `n`, each with its postings as
//!   a flat list `[doc, fields, doc, fields, …]`, doc ids delta-coded;
//! - `index/d/<c>.json`: documents `c*CHUNK .. c*CHUNK+CHUNK-1` as an array: title,
//!   URL, date, kind and the text snippets are cut from (the summary and the start of
//!   the body, at most [`SNIPPET_CHARS`] characters, so a result list of 20 stays small).
//!
//! Grouping documents keeps a 10,000-release site to about a thousand files per
//! language instead of one per document; short snippet text keeps each group small.
//!
//! Doc ids follow the site's order (releases newest first, then pages), so a smaller id is
//! newer. Field bits: [`TITLE`], [`META`] (summary, highlights, tags, year), [`BODY`].
//! Documents are tokenised in parallel; the merge is one pass over the sorted postings.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::terms::{each_term, Term};
use super::tokenize::shard_of;
use crate::link::Site;
use crate::render::i18n::{get, Strings};
use crate::render::Bodies;
use crate::time::format_date;
use crate::types::{Lang, OutputFile, PerLang, Sink};

pub const TITLE: u8 = 1;
pub const META: u8 = 2;
pub const BODY: u8 = 4;
pub const VERSION: u32 = 1;
/// Documents per `d/<c>.json` file.
pub const CHUNK: usize = 16;
/// Characters of summary and body kept for snippets.
pub const SNIPPET_CHARS: usize = 480;
/// Aim for shards of about this many raw bytes.
const SHARD_BYTES: usize = 48 * 1024;

/// One searchable document, as written to `index/d/<id>.json`.
#[derive(Serialize, Debug, Clone)]
pub struct Doc {
    /// Title.
    pub t: String,
    /// URL.
    pub u: String,
    /// Date as shown (empty for pages).
    pub d: String,
    /// Kind label.
    pub k: String,
    /// Summary and body text, for snippets.
    pub x: String,
}

#[derive(Serialize)]
struct Meta {
    version: u32,
    shards: u32,
    docs: usize,
    chunk: usize,
}

/// Site-relative folder of the index of `lang`: `search/index/`, `en/search/index/`.
pub fn index_dir(lang: Lang) -> String {
    format!("{}search/index/", lang.prefix())
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
#[derive(Clone, Copy)]
enum Source {
    Release(usize),
    Page(usize),
}

/// The documents of `lang` in doc-id order: releases newest first, then pages.
fn sources(site: &Site, lang: Lang) -> Vec<Source> {
    let pages = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lang == lang);
    site.releases_in(lang)
        .map(Source::Release)
        .chain(pages.map(|(i, _)| Source::Page(i)))
        .collect()
}

/// Reads one document: what its result shows, and the terms it is found by.
fn read(site: &Site, bodies: &Bodies, t: &Strings, lang: Lang, src: Source) -> (Doc, DocTerms) {
    match src {
        Source::Release(i) => {
            let r = &site.releases[i];
            let mut meta: Vec<&str> = r.summary.iter().map(String::as_str).collect();
            meta.extend(r.highlights.iter().map(String::as_str));
            meta.extend(
                r.tags
                    .iter()
                    .map(|&tg| site.tags.get(tg).label.get(lang).as_str()),
            );
            let year = r.date.format("%Y").to_string();
            meta.push(&year);
            let body = html_text(&bodies.releases[i].html);
            let terms = doc_terms(&[(TITLE, &r.title), (META, &meta.join("\n")), (BODY, &body)]);
            let doc = Doc {
                t: r.title.clone(),
                u: site.config.url(&site.release_path(i)),
                d: format_date(r.date.date_naive(), lang),
                k: get(t, &format!("kind_{}", r.kind.key())).to_string(),
                x: join_text(r.summary.as_deref(), &body),
            };
            (doc, terms)
        }
        Source::Page(i) => {
            let p = &site.pages[i];
            let body = html_text(&bodies.pages[i].html);
            let meta = p.summary.as_deref().unwrap_or_default();
            let terms = doc_terms(&[(TITLE, &p.title), (META, meta), (BODY, &body)]);
            let doc = Doc {
                t: p.title.clone(),
                u: site.config.url(&site.page_path(i)),
                d: String::new(),
                k: get(t, "search_kind_page").to_string(),
                x: join_text(p.summary.as_deref(), &body),
            };
            (doc, terms)
        }
    }
}

fn join_text(summary: Option<&str>, body: &str) -> String {
    let full = match summary {
        Some(s) => format!("{s}\n{body}"),
        None => body.to_string(),
    };
    match full.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => full[..cut].to_string(),
        None => full,
    }
}

/// The distinct terms of one document, each with the fields it occurs in: Hangul terms
/// by [`Term::hangul_key`], words by their text. Both lists are sorted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DocTerms {
    pub hangul: Vec<(u32, u8)>,
    pub words: Vec<(String, u8)>,
}

impl DocTerms {
    /// Every term as text, sorted, with its fields.
    pub fn strings(&self) -> Vec<(String, u8)> {
        let hangul = self
            .hangul
            .iter()
            .map(|&(k, bits)| (Term::from_hangul_key(k).to_string(), bits));
        let mut out: Vec<(String, u8)> = hangul.chain(self.words.iter().cloned()).collect();
        out.sort_unstable();
        out
    }
}

/// The terms of one document's fields.
pub fn doc_terms(fields: &[(u8, &str)]) -> DocTerms {
    // Sized for the text up front (about one distinct term per three bytes of Korean,
    // fewer for English) so the maps do not grow step by step.
    let len: usize = fields.iter().map(|(_, t)| t.len()).sum();
    let mut hangul: FxHashMap<u32, u8> =
        FxHashMap::with_capacity_and_hasher(len / 6, Default::default());
    let mut words: FxHashMap<String, u8> =
        FxHashMap::with_capacity_and_hasher(len / 16, Default::default());
    for &(bit, text) in fields {
        each_term(text, &mut |t| match t.hangul_key() {
            Some(k) => *hangul.entry(k).or_default() |= bit,
            None => {
                let Term::Word(w) = t else { return };
                match words.get_mut(w) {
                    Some(bits) => *bits |= bit,
                    None => {
                        words.insert(w.to_string(), bit);
                    }
                }
            }
        });
    }
    let mut hangul: Vec<(u32, u8)> = hangul.into_iter().collect();
    hangul.sort_unstable();
    let mut words: Vec<(String, u8)> = words.into_iter().collect();
    words.sort_unstable();
    DocTerms { hangul, words }
}

/// Term ids, handed out in order of first use.
#[derive(Default)]
struct Terms {
    hangul: FxHashMap<u32, u32>,
    words: FxHashMap<String, u32>,
    /// The postings of each term id: `(doc, fields)` in doc order.
    postings: Vec<Vec<(u32, u8)>>,
    /// The text of each term id.
    text: Vec<String>,
}

impl Terms {
    fn add(&mut self, doc: u32, terms: DocTerms) {
        for (k, bits) in terms.hangul {
            let id = match self.hangul.get(&k) {
                Some(&id) => id,
                None => {
                    let id = self.new_term(Term::from_hangul_key(k).to_string());
                    self.hangul.insert(k, id);
                    id
                }
            };
            self.postings[id as usize].push((doc, bits));
        }
        for (w, bits) in terms.words {
            let id = match self.words.get(&w) {
                Some(&id) => id,
                None => {
                    let id = self.new_term(w.clone());
                    self.words.insert(w, id);
                    id
                }
            };
            self.postings[id as usize].push((doc, bits));
        }
    }

    fn new_term(&mut self, text: String) -> u32 {
        self.text.push(text);
        self.postings.push(Vec::new());
        (self.text.len() - 1) as u32
    }
}

fn lang_files(site: &Site, bodies: &Bodies, t: &Strings, lang: Lang) -> Vec<OutputFile> {
    let dir = index_dir(lang);
    let sources = sources(site, lang);
    // Read a block of documents at a time in parallel, then give their terms ids in
    // order, so postings stay in doc order and memory holds one block's term lists (and
    // no document's full text) at a time.
    const BLOCK: usize = 512;
    let mut terms = Terms::default();
    let mut docs: Vec<Doc> = Vec::with_capacity(sources.len());
    for (b, block) in sources.chunks(BLOCK).enumerate() {
        let read: Vec<(Doc, DocTerms)> = block
            .par_iter()
            .map(|&src| read(site, bodies, t, lang, src))
            .collect();
        for (k, (doc, doc_terms)) in read.into_iter().enumerate() {
            terms.add((b * BLOCK + k) as u32, doc_terms);
            docs.push(doc);
        }
    }
    let Terms { postings, text, .. } = terms;
    let total: usize = postings.iter().map(Vec::len).sum();
    // About five bytes a posting; a power of two keeps the modulus cheap to reason about.
    let shards = (total * 5 / SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(4096) as u32;
    let mut by_shard: Vec<Vec<u32>> = vec![Vec::new(); shards as usize];
    for (id, term) in text.iter().enumerate() {
        by_shard[shard_of(term, shards) as usize].push(id as u32);
    }
    let mut files: Vec<OutputFile> = by_shard
        .par_iter()
        .enumerate()
        .map(|(n, mine)| {
            let mut list: Vec<(&str, &[(u32, u8)])> = mine
                .iter()
                .map(|&i| (text[i as usize].as_str(), postings[i as usize].as_slice()))
                .collect();
            list.sort_unstable_by(|a, b| a.0.cmp(b.0));
            OutputFile::bytes(format!("{dir}s/{n}.json"), shard_json(&list))
        })
        .collect();
    files.extend(
        docs.par_chunks(CHUNK)
            .enumerate()
            .map(|(c, group)| {
                OutputFile::bytes(
                    format!("{dir}d/{c}.json"),
                    serde_json::to_vec(group).unwrap_or_default(),
                )
            })
            .collect::<Vec<_>>(),
    );
    let meta = Meta {
        version: VERSION,
        shards,
        docs: docs.len(),
        chunk: CHUNK,
    };
    files.push(OutputFile::bytes(
        format!("{dir}meta.json"),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
}

/// One shard as JSON. Terms are runs of letters or digits (see the tokenizer), which
/// JSON strings hold without escapes, so they are written as they are.
fn shard_json(terms: &[(&str, &[(u32, u8)])]) -> Vec<u8> {
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
        for (j, (id, bits)) in list.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            out.extend_from_slice(num.format(id - prev).as_bytes());
            out.push(b',');
            out.extend_from_slice(num.format(*bits).as_bytes());
            prev = *id;
        }
        out.push(b']');
    }
    out.push(b'}');
    out
}

/// The text of rendered HTML: tags dropped, entities decoded, whitespace collapsed.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_into(&rest[..lt], &mut out);
        let tag = &rest[lt..];
        let gt = tag.find('>').map_or(tag.len(), |g| g + 1);
        // Block-level boundaries become spaces so words do not run together.
        out.push(' ');
        rest = &tag[gt..];
    }
    decode_into(rest, &mut out);
    let mut collapsed = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let ent = &rest[amp..];
        let semi = ent.find(';').filter(|&n| n <= 10);
        let decoded = semi.and_then(|n| {
            let name = &ent[1..n];
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }
            .map(|c| (c, n + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &ent[len..];
            }
            None => {
                out.push('&');
                rest = &ent[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            html_text("<p>A &amp; B</p><p>4,000&#xC5B5;</p>"),
            "A & B 4,000억"
        );
    }

    #[test]
    fn doc_terms_merge_fields() {
        let t = doc_terms(&[(TITLE, "광주 AI"), (BODY, "광주는")]).strings();
        assert!(t.contains(&("광주".to_string(), TITLE | BODY)));
        assert!(t.contains(&("ai".to_string(), TITLE)));
        assert!(t.contains(&("주는".to_string(), BODY)));
    }

    #[test]
    fn shard_json_is_delta_coded() {
        let list = [(3, 1), (7, 4)];
        let m = [("ab", &list[..])];
        assert_eq!(shard_json(&m), br#"{"ab":[3,1,4,4]}"#.to_vec());
    }
}
