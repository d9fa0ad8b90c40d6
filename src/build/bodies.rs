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
    /// The fingerprint of the source file and whether a photo stands above the body, as
    /// when `key` was last made (in memory only; `None` after a load from disk).
    #[serde(skip)]
    source: Option<(Fp, bool)>,
}

/// The bodies of the previous build, by source path (an Fx map: every rebuild looks up
/// every source, and the paths are the site's own files, not anyone's input).
#[derive(Debug, Default)]
pub struct BodyCache {
    entries: rustc_hash::FxHashMap<String, Entry>,
    /// The link table of the last build and the fingerprint of the rest of what a key
    /// reads besides the source ([`Env::of`]), in memory only.
    env: Option<Env>,
}

/// The source's fingerprint and lead photo to remember for a reused body's entry, when
/// its key had to be made (the entry came from disk, or what it reads changed).
type Rekey = Option<(Fp, bool)>;

/// What every body's key reads besides its source: the link table (the same shared
/// table while the link stage keeps its layout, [`link::Memo`]), the base path, the
/// static files and the photos. While it is the last build's, a body whose source is
/// the one its key was made from has that key, and the key is not made again (it looks
/// up every `@/` target of 20,000 bodies).
#[derive(Debug)]
struct Env {
    links: Arc<crate::types::Links>,
    rest: Fp,
}

impl Env {
    fn of(site: &Site) -> Env {
        let mut h = Hasher::new("body env");
        h.str(env!("CARGO_PKG_VERSION")).str(&site.config.base_path);
        let mut statics: Vec<&String> = site.statics.iter().collect();
        statics.sort_unstable();
        h.u64(statics.len() as u64);
        for s in statics {
            h.str(s);
        }
        for p in site.photos.iter() {
            h.str(&p.src).fp(p.fp);
        }
        Env {
            links: Arc::clone(&site.links),
            rest: h.finish(),
        }
    }

    fn same(&self, other: &Env) -> bool {
        Arc::ptr_eq(&self.links, &other.links) && self.rest == other.rest
    }
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
            env: None,
            entries: kept.into_iter().collect(),
        })
    }
}

/// One body to render: its source, the line it starts on and the fingerprint of its
/// file. Its text, if it was read this build, is beside it in a [`Texts`].
pub struct Source<'a> {
    pub src: &'a str,
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
    /// The bodies of `sources` (every source of the site), rendered where they changed
    /// (reading the files of those whose text was not read, under `root`), with every
    /// body's problems. Keeps what this build rendered for the next one, and forgets the
    /// bodies of sources that are gone.
    pub fn bodies(
        &mut self,
        root: &Path,
        site: &Site,
        sources: &[Source<'_>],
        texts: &mut Texts,
        progress: &Progress,
    ) -> (Done, Vec<Diagnostic>) {
        // Each body: shared from the cache when its key is unchanged (with its HTML's
        // fingerprint and warnings), else rendered, with the entry to keep for it.
        type Made = (Arc<Rendered>, Fp, Option<Entry>, Vec<Diagnostic>, Rekey);
        let keep = texts.keep;
        let env = Env::of(site);
        let same_env = self.env.as_ref().is_some_and(|e| e.same(&env));
        let results: Vec<Made> = sources
            .par_iter()
            .zip(texts.texts.par_iter_mut())
            .map(|(s, slot)| {
                progress.tick();
                if let Some(e) = self.entries.get(s.src) {
                    let source = Some((s.fp, s.lead));
                    if same_env && e.source == source {
                        debug_assert_eq!(key(site, s, &e.targets), e.key, "{}", s.src);
                        return (e.rendered.clone(), e.html, None, e.warnings.clone(), None);
                    }
                    if key(site, s, &e.targets) == e.key {
                        // Its key is made again next time only if something changed.
                        let rekey = (e.source != source).then_some((s.fp, s.lead));
                        return (e.rendered.clone(), e.html, None, e.warnings.clone(), rekey);
                    }
                }
                let text = match slot {
                    Some(b) => std::mem::take(b),
                    None => match content::read_body(root, s.src) {
                        Ok(b) => b,
                        Err(d) => {
                            let empty = Entry::empty();
                            return (
                                empty.rendered.clone(),
                                empty.html,
                                Some(empty),
                                vec![d],
                                None,
                            );
                        }
                    },
                };
                let (mut rendered, diags) = render(site, s, &text);
                // A body rendered now has its HTML: its text is no longer needed (and is
                // freed here, not after every body is done).
                if keep {
                    if let Some(b) = slot {
                        *b = text;
                    }
                } else {
                    *slot = None;
                    drop(text);
                }
                let html = std::mem::take(&mut rendered.html);
                let entry = Entry {
                    source: Some((s.fp, s.lead)),
                    key: key(site, s, &rendered.targets),
                    targets: rendered.targets.clone(),
                    html: Fp::of(html.as_bytes()),
                    warnings: diags.iter().filter(|d| !d.is_error()).cloned().collect(),
                    rendered: Arc::new(rendered.clone()),
                };
                rendered.html = html;
                (Arc::new(rendered), entry.html, Some(entry), diags, None)
            })
            .collect();
        let mut done = Done {
            bodies: Vec::with_capacity(results.len()),
            html: Vec::with_capacity(results.len()),
            loaded: Vec::with_capacity(results.len()),
        };
        let mut diags = Vec::new();
        // How many of the sources the cache holds once this loop is done.
        let mut held = 0;
        for ((rendered, html, entry, ds, rekey), s) in results.into_iter().zip(sources) {
            if let Some(source) = rekey {
                if let Some(e) = self.entries.get_mut(s.src) {
                    e.source = Some(source);
                }
            }
            let ok = !ds.iter().any(Diagnostic::is_error);
            diags.extend(ds);
            done.html.push(html);
            done.loaded.push(entry.is_some());
            match entry {
                // Reused: the cache holds it already.
                None => held += 1,
                Some(entry) if ok => {
                    self.entries.insert(s.src.to_string(), entry);
                    held += 1;
                }
                Some(_) => {
                    self.entries.remove(s.src);
                }
            }
            done.bodies.push(rendered);
        }
        // Entries beyond those are of sources that are gone (the sources are distinct
        // files). A rebuild after an edit has none, and skips making a set of every
        // source to find them.
        if self.entries.len() != held {
            let present: rustc_hash::FxHashSet<&str> = sources.iter().map(|s| s.src).collect();
            self.entries.retain(|src, _| present.contains(src.as_str()));
        }
        debug_assert_eq!(self.entries.len(), held, "one entry a cached source");
        self.env = Some(env);
        (done, diags)
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
            source: None,
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
    texts: Option<&Texts>,
    bodies: &mut [Arc<Rendered>],
    loaded: &mut [bool],
    wanted: &[usize],
) -> Vec<Diagnostic> {
    let todo: Vec<usize> = wanted.iter().copied().filter(|&i| !loaded[i]).collect();
    let html: Vec<(usize, Result<String, Diagnostic>)> = todo
        .par_iter()
        .map(|&i| {
            let s = &sources[i];
            let html = match texts.and_then(|t| t.texts[i].as_deref()) {
                Some(b) => Ok(render(site, s, b).0.html),
                None => content::read_body(root, s.src).map(|b| render(site, s, &b).0.html),
            };
            (i, html)
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
pub fn sources<'a>(site: &'a Site) -> Vec<Source<'a>> {
    let release = |r: &'a content::Release| Source {
        src: &r.src,
        body_line: r.body_line,
        fp: r.fp,
        lead: r.image.is_some() || r.photos.iter().any(|p| p.lead),
    };
    let page = |p: &'a content::Page| Source {
        src: &p.src,
        body_line: p.body_line,
        fp: p.fp,
        lead: false,
    };
    site.releases
        .iter()
        .map(|r| release(r))
        .chain(site.pages.iter().map(page))
        .chain(site.held.releases.iter().map(|h| release(&h.release)))
        .chain(site.held.pages.iter().map(page))
        .collect()
}

/// The texts of the bodies, index-aligned with [`sources`]: taken out of the site while
/// they are rendered, so that a body's text can be freed as soon as its HTML is made (a
/// large site's Markdown is hundreds of megabytes) or, for a run into memory, put back.
pub struct Texts {
    /// `None`: not read this build (its parse came from the kept state), or freed.
    texts: Vec<Option<String>>,
    /// Keep every text (a run into memory gives the site back with them).
    keep: bool,
}

impl Texts {
    /// Takes the texts out of `site` and, for releases, out of `read` (the load's
    /// texts, by source: a release keeps none); a page's text is its own when it is one of
    /// `fresh_pages` (read this build). The parse takes the body out of every release it
    /// parses, so a release's text is in `read` exactly when it was read this build.
    pub fn take(
        site: &mut Site,
        read: &mut rustc_hash::FxHashMap<String, String>,
        fresh_pages: &rustc_hash::FxHashSet<String>,
        keep: bool,
    ) -> Texts {
        let take = |src: &str, body: &mut String| {
            let text = std::mem::take(body);
            fresh_pages.contains(src).then_some(text)
        };
        // A rebuild reads a release or two: once their texts are taken, the other
        // releases are not looked up.
        let mut release = |src: &str| {
            if read.is_empty() {
                None
            } else {
                read.remove(src)
            }
        };
        let mut texts = Vec::new();
        for r in &site.releases {
            texts.push(release(&r.src));
        }
        for p in &mut site.pages {
            texts.push(take(&p.src, &mut p.body));
        }
        for h in &site.held.releases {
            texts.push(release(&h.release.src));
        }
        for p in &mut site.held.pages {
            texts.push(take(&p.src, &mut p.body));
        }
        Texts { texts, keep }
    }

    /// Puts the texts back into `site` (whose sources are still the ones they were taken
    /// from, in the same order): into the releases too, which a run into memory does not
    /// share with a cache.
    pub fn restore(self, site: &mut Site) {
        let mut texts = self.texts.into_iter().map(Option::unwrap_or_default);
        let put = |r: &mut std::sync::Arc<content::Release>, text: String| {
            if !(text.is_empty() && r.body.is_empty()) {
                std::sync::Arc::make_mut(r).body = text;
            }
        };
        for r in &mut site.releases {
            put(r, texts.next().unwrap_or_default());
        }
        for p in &mut site.pages {
            p.body = texts.next().unwrap_or_default();
        }
        for h in &mut site.held.releases {
            put(&mut h.release, texts.next().unwrap_or_default());
        }
        for p in &mut site.held.pages {
            p.body = texts.next().unwrap_or_default();
        }
    }
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
