//! The Markdown bodies of a build: rendered again only when they could render
//! differently, and their HTML read back only when an output needs it.
//!
//! A body renders the same HTML as long as its source text, the base path and what each
//! `@/` target it looked up resolves to stay the same: [`BodyCache`] keeps, per source,
//! that key with what the render found besides the HTML (headings, links, warnings and
//! the HTML's fingerprint). A body whose key is unchanged is not rendered; its HTML is
//! produced again only for the outputs that show it and are written this time
//! ([`load_html`]), from the file, which is unchanged (its stamp says so).

use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::content;
use crate::diag::Diagnostic;
use crate::fp::{Fp, Hasher};
use crate::link::{self, Site};
use crate::markdown::{self, Bodies, Rendered};
use crate::progress::Progress;

/// What a body's render found, kept between builds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Entry {
    key: Fp,
    targets: Vec<String>,
    /// Without its HTML, which is large and read back from the file when an output
    /// needs it.
    rendered: Arc<Rendered>,
    /// Kept in memory only: a body with warnings is not kept on disk (its render is
    /// redone next build, which reports them again).
    #[serde(skip)]
    warnings: Vec<Diagnostic>,
    html: Fp,
}

/// The bodies of the previous build, by source path.
#[derive(Debug, Default)]
pub struct BodyCache {
    entries: HashMap<String, Entry>,
}

impl serde::Serialize for BodyCache {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut kept: Vec<(&String, &Entry)> = self
            .entries
            .iter()
            .filter(|(_, e)| e.warnings.is_empty())
            .collect();
        kept.sort_by(|a, b| a.0.cmp(b.0));
        s.collect_seq(kept)
    }
}

impl<'de> serde::Deserialize<'de> for BodyCache {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let kept: Vec<(String, Entry)> = serde::Deserialize::deserialize(d)?;
        Ok(BodyCache {
            entries: kept.into_iter().collect(),
        })
    }
}

/// One body to render: its source, its text if it was read this build, the line it
/// starts on and the fingerprint of its file.
pub struct Source<'a> {
    pub src: &'a str,
    pub body: Option<&'a str>,
    pub body_line: usize,
    pub fp: Fp,
    /// The page shows a photo above the body (a release's lead photo or image).
    pub lead: bool,
}

/// The bodies of a list of sources, index-aligned with it, and the fingerprint of each
/// one's HTML.
pub struct Done {
    pub bodies: Vec<Arc<Rendered>>,
    pub html: Vec<Fp>,
    /// Which bodies hold their HTML (rendered this build).
    pub loaded: Vec<bool>,
}

fn key(site: &Site, s: &Source<'_>, targets: &[String]) -> Fp {
    let mut h = Hasher::new("body");
    h.str(env!("CARGO_PKG_VERSION"))
        .str(&site.config.base_path)
        .str(s.src)
        .fp(s.fp);
    h.bool(s.lead);
    for t in targets {
        h.str(t).opt_str(site.links.get(t).map(String::as_str));
        h.bool(site.statics.contains(t));
        // A photo's body markup shows its sizes and its download link's words.
        if let Some(p) = site.photos.get(t) {
            h.fp(p.fp);
        }
    }
    h.finish()
}

/// Renders one body from its text.
fn render(site: &Site, s: &Source<'_>, body: &str) -> (Rendered, Vec<Diagnostic>) {
    let page = site
        .links
        .get(s.src.trim_start_matches("content/"))
        .map_or("", String::as_str);
    markdown::render(
        &markdown::Input {
            src: s.src,
            body,
            body_line: s.body_line,
            base_path: &site.config.base_path,
            page,
            lang: crate::route::lang_of(page),
            photos: &site.photos,
            lead: s.lead,
            statics: &site.statics,
        },
        &site.links,
    )
}

impl BodyCache {
    /// The bodies of `sources`, rendered where they changed (reading the files of those
    /// whose text was not read, under `root`), with every body's problems. Keeps what
    /// this build rendered for the next one.
    pub fn bodies(
        &mut self,
        root: &Path,
        site: &Site,
        sources: &[Source<'_>],
        progress: &Progress,
    ) -> (Done, Vec<Diagnostic>) {
        // Each body: shared from the cache when its key is unchanged (with its HTML's
        // fingerprint and warnings), else rendered, with the entry to keep for it.
        type Made = (Arc<Rendered>, Fp, Option<Entry>, Vec<Diagnostic>);
        let results: Vec<Made> = sources
            .par_iter()
            .map(|s| {
                progress.tick();
                if let Some(e) = self.entries.get(s.src) {
                    if key(site, s, &e.targets) == e.key {
                        return (e.rendered.clone(), e.html, None, e.warnings.clone());
                    }
                }
                let text = match s.body {
                    Some(b) => std::borrow::Cow::Borrowed(b),
                    None => match content::read_body(root, s.src) {
                        Ok(b) => std::borrow::Cow::Owned(b),
                        Err(d) => {
                            let empty = Entry::empty();
                            return (empty.rendered.clone(), empty.html, Some(empty), vec![d]);
                        }
                    },
                };
                let (mut rendered, diags) = render(site, s, &text);
                let html = std::mem::take(&mut rendered.html);
                let entry = Entry {
                    key: key(site, s, &rendered.targets),
                    targets: rendered.targets.clone(),
                    html: Fp::of(html.as_bytes()),
                    warnings: diags.iter().filter(|d| !d.is_error()).cloned().collect(),
                    rendered: Arc::new(rendered.clone()),
                };
                rendered.html = html;
                (Arc::new(rendered), entry.html, Some(entry), diags)
            })
            .collect();
        let mut done = Done {
            bodies: Vec::with_capacity(results.len()),
            html: Vec::with_capacity(results.len()),
            loaded: Vec::with_capacity(results.len()),
        };
        let mut diags = Vec::new();
        for ((rendered, html, entry, ds), s) in results.into_iter().zip(sources) {
            let ok = !ds.iter().any(Diagnostic::is_error);
            diags.extend(ds);
            done.html.push(html);
            done.loaded.push(entry.is_some());
            match entry {
                // Reused: the cache holds it already.
                None => {}
                Some(entry) if ok => {
                    self.entries.insert(s.src.to_string(), entry);
                }
                Some(_) => {
                    self.entries.remove(s.src);
                }
            }
            done.bodies.push(rendered);
        }
        (done, diags)
    }

    /// Forgets the bodies of sources that are gone.
    pub fn retain(&mut self, keep: &dyn Fn(&str) -> bool) {
        self.entries.retain(|src, _| keep(src));
    }
}

impl Entry {
    fn empty() -> Entry {
        Entry {
            key: Fp::default(),
            targets: Vec::new(),
            rendered: Arc::default(),
            warnings: Vec::new(),
            html: Fp::default(),
        }
    }
}

/// Renders again, from their files, the HTML of the bodies at `wanted` that were not
/// rendered this build (the sources are unchanged, so the HTML is what the build before
/// rendered). `sources` and `bodies` are index-aligned.
pub fn load_html(
    root: &Path,
    site: &Site,
    sources: &[Source<'_>],
    bodies: &mut [Arc<Rendered>],
    loaded: &mut [bool],
    wanted: &[usize],
) -> Vec<Diagnostic> {
    let todo: Vec<usize> = wanted.iter().copied().filter(|&i| !loaded[i]).collect();
    let html: Vec<(usize, Result<String, Diagnostic>)> = todo
        .par_iter()
        .map(|&i| {
            let s = &sources[i];
            let body = match s.body {
                Some(b) => Ok(b.to_string()),
                None => content::read_body(root, s.src),
            };
            (i, body.map(|b| render(site, s, &b).0.html))
        })
        .collect();
    let mut diags = Vec::new();
    for (i, h) in html {
        match h {
            Ok(h) => {
                // A copy of the kept body (which has no HTML), for this build.
                Arc::make_mut(&mut bodies[i]).html = h;
                loaded[i] = true;
            }
            Err(d) => diags.push(d),
        }
    }
    diags
}

/// Every body of the site in the order [`run`] keeps them: published releases, pages,
/// held-back releases, held-back pages.
pub fn sources<'a>(site: &'a Site, unread: &rustc_hash::FxHashSet<String>) -> Vec<Source<'a>> {
    let src = |src: &'a str, body: &'a str, body_line: usize, fp: Fp, lead| Source {
        src,
        body: (!unread.contains(src)).then_some(body),
        body_line,
        fp,
        lead,
    };
    let release = |r: &'a content::Release| {
        let lead = r.image.is_some() || r.photos.iter().any(|p| p.lead);
        src(&r.src, &r.body, r.body_line, r.fp, lead)
    };
    let page = |p: &'a content::Page| src(&p.src, &p.body, p.body_line, p.fp, false);
    // On every core: a source's lookup in `unread` hashes its path, 20,000 at 10k.
    let releases = site.releases.par_iter().map(release);
    let pages = site.pages.par_iter().map(page);
    let held_releases = site.held.releases.par_iter().map(|h| release(&h.release));
    let held_pages = site.held.pages.par_iter().map(page);
    releases
        .chain(pages)
        .chain(held_releases)
        .chain(held_pages)
        .collect()
}

pub fn links(b: &Bodies) -> link::held::BodyLinks<'_> {
    link::held::BodyLinks {
        releases: b.releases.iter().map(|r| r.links.as_slice()).collect(),
        pages: b.pages.iter().map(|p| p.links.as_slice()).collect(),
    }
}

pub fn heading_ids(
    site: &Site,
    bodies: &Bodies,
    held: &Bodies,
) -> std::collections::HashMap<String, Vec<String>> {
    let ids = |src: &str, body: &Rendered| {
        (
            src.trim_start_matches("content/").to_string(),
            body.headings.iter().map(|h| h.id.clone()).collect(),
        )
    };
    let releases = site.releases.iter().map(|r| &r.src).zip(&bodies.releases);
    let pages = site.pages.iter().map(|p| &p.src).zip(&bodies.pages);
    let held_releases = site
        .held
        .releases
        .iter()
        .map(|h| &h.release.src)
        .zip(&held.releases);
    let held_pages = site.held.pages.iter().map(|p| &p.src).zip(&held.pages);
    releases
        .chain(pages)
        .chain(held_releases)
        .chain(held_pages)
        .map(|(src, b)| ids(src, b))
        .collect()
}
