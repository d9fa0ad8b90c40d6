//! What a build holds back, and what may link to it.
//!
//! A release under embargo at the build's reference time, a draft (without `--drafts`)
//! and a draft page are held back: checked like every other source (their bodies are
//! rendered for the checks), never written. [`settle`] then decides which files under
//! content/ go with them, from every reference of every body and front matter:
//!
//! - a file that a published release or page *uses* (as an attachment, as its image or
//!   one of its photos, or as an image in its body) is published, and with a photo the
//!   copies made from it;
//! - otherwise a file that a held-back source uses is held back with it, until the
//!   earliest embargo among its users lifts;
//! - otherwise a file that only held-back sources link to is held back with them;
//! - every other file (linked by a published page, or by nobody) is published.
//!
//! A published page that links to a held-back release or page, or to a file held back
//! with one, is an error naming both: the link would show a missing page today, or
//! publish a file before its release. A held-back release may link to another one only
//! if that one is published no later (else the link breaks the day the linker goes
//! live); a draft may link to anything, and is checked when it stops being a draft.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use super::{page_path, release_path, Site};
use crate::content::{Page, Release};
use crate::diag::{Arg, Code, Diagnostic, Loc, Text};
use crate::time::SiteTime;
use targets::{points, Points, Targets};

mod targets;

/// A release left out of this build, and when it goes live (`None`: a draft, which has
/// no date until it stops being one).
#[derive(Debug, Clone)]
pub struct HeldRelease {
    pub release: std::sync::Arc<Release>,
    pub until: Option<SiteTime>,
}

/// A file under content/ held back with the releases or pages that use or link it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldFile {
    /// Path relative to content/.
    pub path: String,
    /// The held-back sources it goes with (site-relative paths).
    pub with: Vec<String>,
    /// When the first of them goes live, if any is scheduled.
    pub until: Option<SiteTime>,
}

/// Everything a build holds back.
#[derive(Debug, Default)]
pub struct Held {
    pub releases: Vec<HeldRelease>,
    /// Draft pages.
    pub pages: Vec<Page>,
    /// Files under content/ that go with them (filled by [`settle`]).
    pub files: Vec<HeldFile>,
}

/// A link or image of a rendered body, with the URL as it stands in the output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BodyLink {
    pub url: String,
    /// An image (`![…](…)`, `<img src>`), shown as part of the page; else a link.
    pub embed: bool,
    pub loc: Loc,
}

/// The links of every body, index-aligned with a list of releases and one of pages.
pub struct BodyLinks<'a> {
    pub releases: Vec<&'a [BodyLink]>,
    pub pages: Vec<&'a [BodyLink]>,
}

/// Who references a file or a held-back source.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    Published,
    /// A held-back release or page, and when it goes live.
    Held(Option<SiteTime>),
}

/// A held-back release or page that something can link to.
#[derive(Clone, Copy)]
enum HeldTarget {
    Release(usize),
    Page(usize),
}

/// Everything one source references.
struct Source<'a> {
    src: &'a str,
    who: Who,
    /// Its page, whose absolute URL relative links resolve against.
    page: Of<'a>,
    /// Files it uses in its front matter (paths relative to content/).
    uses: Vec<&'a str>,
    links: &'a [BodyLink],
}

/// The release or plain page a [`Source`] is.
#[derive(Clone, Copy)]
enum Of<'a> {
    Release(&'a Release),
    Page(&'a Page),
}

impl Of<'_> {
    /// The absolute URL of its page: made only for a source whose links are looked at
    /// (every source's, made up front, was 3.6 % of a `serve` rebuild at 10,000
    /// releases, on a site where no link needed it).
    fn url(self, config: &crate::config::Config) -> String {
        config.abs_url(&match self {
            Of::Release(r) => release_path(r),
            Of::Page(p) => page_path(p),
        })
    }
}

/// Decides which files are held back (moving them from `site.assets` to
/// `site.held.files`) and reports links from published pages to held-back content and
/// from held-back releases to content published after them.
pub fn settle(site: &mut Site, published: &BodyLinks<'_>, held: &BodyLinks<'_>) -> Vec<Diagnostic> {
    let (files, diags) = {
        let sources = sources(site, published, held);
        let targets = Targets::new(site);
        decide(site, &sources, &targets)
    };
    for f in &files {
        site.assets.remove(&f.path);
    }
    site.held.files = files;
    diags
}

fn sources<'a>(site: &'a Site, published: &BodyLinks<'a>, held: &BodyLinks<'a>) -> Vec<Source<'a>> {
    let release = |r: &'a Release, who, links| Source {
        src: &r.src,
        who,
        page: Of::Release(r),
        uses: r
            .attachments
            .iter()
            .map(|a| a.path.as_str())
            .chain(r.image.as_ref().map(|i| i.src.as_str()))
            .chain(r.photos.iter().map(|p| p.src.as_str()))
            .collect(),
        links,
    };
    let page = |p: &'a Page, who, links| Source {
        src: &p.src,
        who,
        page: Of::Page(p),
        uses: Vec::new(),
        links,
    };
    let mut out = Vec::with_capacity(site.releases.len() + site.pages.len());
    out.extend(
        site.releases
            .iter()
            .zip(&published.releases)
            .map(|(r, l)| release(r, Who::Published, l)),
    );
    for (p, l) in site.pages.iter().zip(&published.pages) {
        out.push(page(p, Who::Published, l));
    }
    for (h, l) in site.held.releases.iter().zip(&held.releases) {
        out.push(release(&h.release, Who::Held(h.until), l));
    }
    for (p, l) in site.held.pages.iter().zip(&held.pages) {
        out.push(page(p, Who::Held(None), l));
    }
    out
}

/// Per file: who uses it and who links it (source index, and where).
#[derive(Default)]
struct Refs {
    uses: Vec<usize>,
    links: Vec<(usize, Loc)>,
}

fn decide(
    site: &Site,
    sources: &[Source<'_>],
    targets: &Targets,
) -> (Vec<HeldFile>, Vec<Diagnostic>) {
    // What each link points at, source by source in parallel (URL parsing was most of
    // this stage's time on a large site, and is now needed only for links that are not
    // plain absolute paths); then merged in source order. With nothing for a link to
    // point at (no files, nothing held back), there is nothing to work out.
    let nothing = targets.files.is_empty() && targets.held.is_empty();
    let pointed: Vec<Vec<(&BodyLink, Points)>> = sources
        .par_iter()
        .map(|s| {
            if nothing || s.links.is_empty() {
                return Vec::new();
            }
            let page = s.page.url(&site.config);
            let mut parsed = None;
            s.links
                .iter()
                .filter_map(|l| Some((l, points(targets, &page, &mut parsed, &l.url)?)))
                .collect()
        })
        .collect();
    let mut refs: BTreeMap<String, Refs> = BTreeMap::new();
    let mut diags = Vec::new();
    for ((si, s), pointed) in sources.iter().enumerate().zip(pointed) {
        for u in &s.uses {
            if site.assets.contains_key(*u) {
                refs.entry((*u).to_string()).or_default().uses.push(si);
            }
        }
        let mut seen = BTreeSet::new();
        for (l, p) in pointed {
            match p {
                Points::File(f) if l.embed => refs.entry(f).or_default().uses.push(si),
                Points::File(f) => refs.entry(f).or_default().links.push((si, l.loc)),
                Points::Held(t) => {
                    let key = match t {
                        HeldTarget::Release(i) => ('r', i),
                        HeldTarget::Page(i) => ('p', i),
                    };
                    if seen.insert(key) {
                        diags.extend(to_held(site, s, l.loc, t));
                    }
                }
            }
        }
    }
    let mut files = Vec::new();
    for (path, r) in refs {
        let published_use = r.uses.iter().any(|&i| sources[i].who == Who::Published);
        let published_link = r
            .links
            .iter()
            .any(|(i, _)| sources[*i].who == Who::Published);
        let holders: Vec<usize> = if published_use {
            continue;
        } else if !r.uses.is_empty() {
            r.uses.clone()
        } else if !published_link && !r.links.is_empty() {
            r.links.iter().map(|(i, _)| *i).collect()
        } else {
            continue;
        };
        let with: BTreeSet<&str> = holders.iter().map(|&i| sources[i].src).collect();
        let until = holders
            .iter()
            .filter_map(|&i| match sources[i].who {
                Who::Held(t) => t,
                Who::Published => None,
            })
            .min();
        let file = HeldFile {
            path,
            with: with.into_iter().map(str::to_string).collect(),
            until,
        };
        let mut reported = BTreeSet::new();
        for (i, loc) in &r.links {
            if reported.insert(*i) {
                diags.extend(to_held_file(&sources[*i], *loc, &file));
            }
        }
        files.push(file);
    }
    (files, diags)
}

/// When `t` goes live, for messages: its embargo, or that it is a draft.
fn when(t: Option<SiteTime>) -> Text {
    match t {
        Some(t) => t!("until {time}", time = Arg::time(&t)),
        None => t!("as a draft"),
    }
}

/// Whether a link from `from` to something going live at `to` is broken at some moment
/// when `from` is published.
fn breaks(from: Who, to: Option<SiteTime>) -> bool {
    match from {
        Who::Published => true,
        Who::Held(None) => false,
        Who::Held(Some(from)) => to.is_none_or(|to| to > from),
    }
}

fn to_held(site: &Site, s: &Source<'_>, loc: Loc, t: HeldTarget) -> Option<Diagnostic> {
    let (target, until) = match t {
        HeldTarget::Release(i) => (
            &site.held.releases[i].release.src,
            site.held.releases[i].until,
        ),
        HeldTarget::Page(i) => (&site.held.pages[i].src, None),
    };
    if !breaks(s.who, until) {
        return None;
    }
    let msg = match (s.who, until) {
        (Who::Held(Some(from)), Some(to)) => t!(
            "this release links to {target}, which is held back until {until}, after this release goes live on {from}",
            target,
            until = Arg::time(&to),
            from = Arg::time(&from)
        ),
        _ => t!(
            "this page links to {target}, which is held back {when}",
            target,
            when = when(until)
        ),
    };
    Some(link_error(s, loc, msg, until))
}

fn to_held_file(s: &Source<'_>, loc: Loc, f: &HeldFile) -> Option<Diagnostic> {
    if !breaks(s.who, f.until) {
        return None;
    }
    let msg = t!(
        "this page links to content/{path}, which is held back {when} with {with}",
        path = &f.path,
        when = when(f.until),
        with = f.with.join(", ")
    );
    Some(link_error(s, loc, msg, f.until))
}

fn link_error(s: &Source<'_>, loc: Loc, msg: Text, until: Option<SiteTime>) -> Diagnostic {
    let is_release = s.src.starts_with("content/releases/");
    let hint = match (until, is_release) {
        (None, _) => t!("publish the draft first (remove `draft: true`), or remove the link"),
        (Some(t), true) => t!(
            "wait until {time} to add the link, remove it, or give this release an `embargo:` no earlier than that",
            time = Arg::time(&t)
        ),
        (Some(t), false) => t!(
            "wait until {time} to add the link, or remove it",
            time = Arg::time(&t)
        ),
    };
    Diagnostic::new(Code::BrokenLink, s.src, msg)
        .at(loc)
        .field("body")
        .hint(hint)
}
