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

use super::tokenize::{each_index_term, shard_of};
use crate::link::Site;
use crate::render::i18n::{get, Strings};
use crate::render::Bodies;
use crate::time::format_date;
use crate::types::{Lang, OutputFile, PerLang};

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

/// The index files of both languages.
pub fn files(site: &Site, bodies: &Bodies, strings: &PerLang<Strings>) -> Vec<OutputFile> {
    Lang::ALL
        .iter()
        .flat_map(|&l| lang_files(site, bodies, strings.get(l), l))
        .collect()
}

struct Source {
    doc: Doc,
    fields: [(u8, String); 3],
}

fn sources(site: &Site, bodies: &Bodies, t: &Strings, lang: Lang) -> Vec<Source> {
    let mut out = Vec::new();
    for i in site.releases_in(lang) {
        let r = &site.releases[i];
        let mut meta: Vec<String> = r.summary.iter().cloned().collect();
        meta.extend(r.highlights.iter().cloned());
        meta.extend(
            r.tags
                .iter()
                .map(|&tg| site.tags.get(tg).label.get(lang).clone()),
        );
        meta.push(r.date.format("%Y").to_string());
        let body = html_text(&bodies.releases[i].html);
        out.push(Source {
            doc: Doc {
                t: r.title.clone(),
                u: site.config.url(&site.release_path(i)),
                d: format_date(r.date.date_naive(), lang),
                k: get(t, &format!("kind_{}", r.kind.key())).to_string(),
                x: join_text(r.summary.as_deref(), &body),
            },
            fields: [
                (TITLE, r.title.clone()),
                (META, meta.join("\n")),
                (BODY, body),
            ],
        });
    }
    for (i, p) in site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lang == lang)
    {
        let body = html_text(&bodies.pages[i].html);
        out.push(Source {
            doc: Doc {
                t: p.title.clone(),
                u: site.config.url(&site.page_path(i)),
                d: String::new(),
                k: get(t, "search_kind_page").to_string(),
                x: join_text(p.summary.as_deref(), &body),
            },
            fields: [
                (TITLE, p.title.clone()),
                (META, p.summary.clone().unwrap_or_default()),
                (BODY, body),
            ],
        });
    }
    out
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

/// The terms of one document with the fields each occurs in, sorted by term.
pub fn doc_terms(fields: &[(u8, String)]) -> Vec<(String, u8)> {
    let mut seen: FxHashMap<String, u8> = FxHashMap::default();
    for (bit, text) in fields {
        each_index_term(text, &mut |t| match seen.get_mut(t) {
            Some(bits) => *bits |= bit,
            None => {
                seen.insert(t.to_string(), *bit);
            }
        });
    }
    let mut out: Vec<(String, u8)> = seen.into_iter().collect();
    out.sort_unstable();
    out
}

fn lang_files(site: &Site, bodies: &Bodies, t: &Strings, lang: Lang) -> Vec<OutputFile> {
    let dir = index_dir(lang);
    let sources = sources(site, bodies, t, lang);
    // Tokenise a block of documents at a time in parallel and intern its terms, so memory
    // holds one block's term strings rather than the whole site's; postings stay in doc
    // order because blocks and documents are taken in order.
    const BLOCK: usize = 512;
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut terms: Vec<String> = Vec::new();
    let mut postings: Vec<Vec<(u32, u8)>> = Vec::new();
    for (b, block) in sources.chunks(BLOCK).enumerate() {
        let per_doc: Vec<Vec<(String, u8)>> =
            block.par_iter().map(|s| doc_terms(&s.fields)).collect();
        for (k, doc) in per_doc.into_iter().enumerate() {
            let doc_id = (b * BLOCK + k) as u32;
            for (term, bits) in doc {
                let id = match ids.get(&term) {
                    Some(&id) => id,
                    None => {
                        let id = terms.len() as u32;
                        ids.insert(term.clone(), id);
                        terms.push(term);
                        postings.push(Vec::new());
                        id
                    }
                };
                postings[id as usize].push((doc_id, bits));
            }
        }
    }
    drop(ids);
    let total: usize = postings.iter().map(Vec::len).sum();
    // About five bytes a posting; a power of two keeps the modulus cheap to reason about.
    let shards = (total * 5 / SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(4096) as u32;
    let mut by_shard: Vec<Vec<u32>> = vec![Vec::new(); shards as usize];
    for (id, term) in terms.iter().enumerate() {
        by_shard[shard_of(term, shards) as usize].push(id as u32);
    }
    let mut files: Vec<OutputFile> = by_shard
        .par_iter()
        .enumerate()
        .map(|(n, mine)| {
            let mut list: Vec<(&str, &[(u32, u8)])> = mine
                .iter()
                .map(|&i| (terms[i as usize].as_str(), postings[i as usize].as_slice()))
                .collect();
            list.sort_unstable_by(|a, b| a.0.cmp(b.0));
            OutputFile::bytes(format!("{dir}s/{n}.json"), shard_json(&list))
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.extend(
        sources
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, group)| {
                let docs: Vec<&Doc> = group.iter().map(|s| &s.doc).collect();
                OutputFile::bytes(
                    format!("{dir}d/{c}.json"),
                    serde_json::to_vec(&docs).unwrap_or_default(),
                )
            })
            .collect::<Vec<_>>(),
    );
    let meta = Meta {
        version: VERSION,
        shards,
        docs: sources.len(),
        chunk: CHUNK,
    };
    files.push(OutputFile::bytes(
        format!("{dir}meta.json"),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
}

fn shard_json(terms: &[(&str, &[(u32, u8)])]) -> Vec<u8> {
    use std::fmt::Write;
    let mut out = String::from("{");
    for (i, (term, list)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(term).unwrap_or_default());
        out.push_str(":[");
        let mut prev = 0;
        for (j, (id, bits)) in list.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let _ = write!(out, "{},{}", id - prev, bits);
            prev = *id;
        }
        out.push(']');
    }
    out.push('}');
    out.into_bytes()
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
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
        let t = doc_terms(&[(TITLE, "광주 AI".into()), (BODY, "광주는".into())]);
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
