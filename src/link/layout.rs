//! The link stage's [`Layout`] made afresh: which releases are published and in what
//! order, which are held back, the link table, who claims which URL and the
//! translations. [`super::memo`] keeps it while nothing it reads changed.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::claims::{folded, Claim, Claims};
use super::memo::{self, Layout, Window};
use super::{page_path, release_path, Embargoes, HeldBack, Options};
use crate::content::{Asset, Page, Release};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::route;
use crate::time::SiteTime;
use crate::types::{Lang, PerLang, ReleaseId};

/// The [`Layout`] of the releases as loaded, with the published pages (sorted) and the
/// held ones: which releases are published and in what order, the link table, who claims
/// which URL, the translations.
pub(super) fn layout(
    releases: &[Arc<Release>],
    pages: &[Page],
    held_pages: &[Page],
    assets: &BTreeMap<String, Asset>,
    broken: &[String],
    opts: &Options<'_>,
) -> Layout {
    let mut links: crate::types::Links =
        broken.iter().map(|b| (b.clone(), String::new())).collect();
    links.reserve(releases.len() + pages.len() + held_pages.len() + assets.len());
    // Every source gets a link-table entry, published or not, so `@/` links to a
    // held-back release are reported as such rather than as missing.
    // A file under content/ is linked by its path: `@/files/report.pdf`.
    links.extend(assets.keys().map(|a| (a.clone(), a.clone())));
    // The link-table entries of every release, made on every core (two strings each),
    // then put in.
    let entries: Vec<(String, String)> = releases
        .par_iter()
        .map(|r| {
            // A release's source is always under content/ (`strip_prefix`: no
            // pattern search, as `trim_start_matches` makes, for 20,000 sources).
            let rel = r.src.strip_prefix("content/").unwrap_or(&r.src);
            (rel.to_string(), release_path(r))
        })
        .collect();
    links.extend(entries);
    for p in pages.iter().chain(held_pages) {
        links.insert(
            p.src.trim_start_matches("content/").to_string(),
            page_path(p),
        );
    }
    let mut published = Vec::with_capacity(releases.len());
    let mut held = Vec::new();
    let mut unfinished = Vec::new();
    let mut held_back = Vec::new();
    let mut drafts_skipped = Vec::new();
    let mut window = Window::default();
    for (i, r) in releases.iter().enumerate() {
        if !memo::reported(r, opts) {
            drafts_skipped.push(r.src.clone());
            held.push((i, None));
            continue;
        }
        if !r.unfinished.is_empty() {
            unfinished.push(i);
        }
        if let Some(until) = r.embargo {
            window.add(until, opts.now);
        }
        match r.embargo.filter(|e| *e > opts.now) {
            Some(until) => {
                held_back.push(HeldBack {
                    src: r.src.clone(),
                    until,
                });
                if opts.embargoes == Embargoes::Preview {
                    published.push(i);
                } else {
                    held.push((i, Some(until)));
                }
            }
            None => published.push(i),
        }
    }
    drafts_skipped.extend(held_pages.iter().map(|p| p.src.clone()));
    let published = newest_first(releases, published);

    let mut claims = Diagnostics::new();
    let mut claimed = Claims::with_capacity(releases.len() + pages.len() + held_pages.len());
    // Held-back sources claim their URLs too: a clash shows the day it is written, not
    // the day the embargo lifts. Each address, its folded form and its hash are made on
    // every core.
    let order: Vec<usize> = published
        .iter()
        .copied()
        .chain(held.iter().map(|h| h.0))
        .collect();
    let urls: Vec<Claim<'_>> = order
        .par_iter()
        .map(|&i| {
            let r = &releases[i];
            Claim::new(release_path(r), &r.src, r.slug_loc)
        })
        .collect();
    for c in urls {
        claimed.claim(c, &mut claims);
    }
    let asset_dirs: Vec<&str> = assets
        .keys()
        .filter_map(|k| k.split_once('/').map(|(top, _)| top))
        .collect();
    for p in pages.iter().chain(held_pages) {
        if let Some(d) = slug_taken(p, opts.statics, &asset_dirs) {
            claims.push(d);
        }
        claimed.claim(Claim::new(page_path(p), &p.src, p.slug_loc), &mut claims);
    }
    crate::types::free_aside(claimed.into_urls());
    held_back.sort_by(|a, b| a.src.cmp(&b.src));
    drafts_skipped.sort();
    let translations = {
        let mut pairs: rustc_hash::FxHashMap<&str, PerLang<Option<ReleaseId>>> =
            rustc_hash::FxHashMap::default();
        pairs.reserve(published.len());
        for (n, &i) in published.iter().enumerate() {
            let r = &releases[i];
            *pairs.entry(r.stem.as_str()).or_default().get_mut(r.lang) = Some(ReleaseId::new(n));
        }
        published
            .iter()
            .map(|&i| {
                let r = &releases[i];
                *pairs[r.stem.as_str()].get(r.lang.other())
            })
            .collect()
    };
    Layout {
        published,
        held,
        unfinished,
        links: Arc::new(links),
        claims,
        translations,
        held_back,
        drafts_skipped,
        window,
    }
}

/// The problem with a page's slug, if it is a name gongbo, the theme's static files or
/// a folder under content/ already takes.
fn slug_taken(p: &Page, statics: &[String], asset_dirs: &[&str]) -> Option<Diagnostic> {
    let slug = folded(&p.slug);
    let slug_of = &p.slug;
    let why = if route::is_reserved(&p.slug) {
        t!(
            "the slug `{slug_of}` is used by gongbo's own pages and files",
            slug_of
        )
    } else if statics
        .iter()
        .any(|t| folded(t.split('/').next().unwrap_or(t)) == slug)
    {
        t!(
            "the slug `{slug_of}` is the name of one of the theme's static files",
            slug_of
        )
    } else if asset_dirs.iter().any(|d| folded(d) == slug) {
        t!(
            "the slug `{slug_of}` is the folder content/{slug_of}/, whose files are published there",
            slug_of
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::new(Code::InvalidValue, &p.src, why)
            .at(p.slug_loc)
            .field("slug")
            .hint(t!("choose another `slug:` for this page")),
    )
}

/// The positions of `published` (releases of `releases`) newest first, then by stem and
/// language (and, for two of one stem and language, as they came). Sorted by key, each
/// release read once: a sort comparing the releases themselves read two of them,
/// scattered in memory, at every comparison (6 % of a `serve` rebuild at 10,000
/// releases). The key is unique, so an unstable sort gives the stable order.
fn newest_first(releases: &[Arc<Release>], published: Vec<usize>) -> Vec<usize> {
    let mut keys: Vec<(SiteTime, &str, Lang, usize)> = published
        .into_iter()
        .map(|i| {
            let r = &releases[i];
            (r.date, r.stem.as_str(), r.lang, i)
        })
        .collect();
    keys.par_sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.cmp(b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    keys.into_iter().map(|k| k.3).collect()
}
