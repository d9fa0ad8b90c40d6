//! Link: checked content becomes the immutable [`Site`].
//!
//! Steps: drop drafts (unless asked for) and releases still under embargo at the build's
//! reference time; sort releases newest first; pair translations by stem; give every
//! release and page its URL and report two sources that claim the same URL; build the
//! `@/` link table; apply milestone updates in date order (see [`milestones`]).

pub mod held;
pub mod milestones;

use std::collections::{BTreeMap, HashMap};

use crate::config::Config;
use crate::content::tags::TagId;
use crate::content::Asset;
use crate::content::{Content, Page, Plan, Release, TagRegistry};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::time::SiteTime;
use crate::types::{Lang, PerLang};
pub use held::{BodyLink, Held, HeldFile, HeldRelease};
pub use milestones::{HistoryEntry, MilestoneState};

/// Top-level names that gongbo's own pages use; a plain page may not take them.
pub const RESERVED: [&str; 10] = [
    "releases",
    "tags",
    "archive",
    "milestones",
    "search",
    "en",
    "static",
    "404.html",
    "index.html",
    "page",
];

/// What the link stage needs besides the content.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The build's reference time: now, or `SOURCE_DATE_EPOCH`.
    pub now: SiteTime,
    pub drafts: bool,
}

/// A release left out of this build because of its embargo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBack {
    pub src: String,
    pub until: SiteTime,
}

/// The linked site: everything the renderers read, never changed after this stage.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub now: SiteTime,
    /// Published releases, newest first (then by stem, Korean before English).
    pub releases: Vec<Release>,
    pub pages: Vec<Page>,
    pub tags: TagRegistry,
    pub plan: Plan,
    pub assets: BTreeMap<String, Asset>,
    /// Release translations by stem: index into `releases` per language.
    pub release_pairs: BTreeMap<String, PerLang<Option<usize>>>,
    pub page_pairs: BTreeMap<String, PerLang<Option<usize>>>,
    /// `releases/x.ko.md` or `pages/about.en.md` → site-relative URL path.
    pub links: HashMap<String, String>,
    pub milestones: Vec<MilestoneState>,
    pub held_back: Vec<HeldBack>,
    pub drafts_skipped: Vec<String>,
    /// What this build holds back (embargoed releases, drafts, and the files only they
    /// use): checked like the rest, never written.
    pub held: Held,
    /// Editor backup and system files under content/, never published.
    pub ignored: Vec<String>,
}

impl Site {
    /// Site-relative URL path (`releases/x/` or `en/releases/x/`) of release `i`.
    pub fn release_path(&self, i: usize) -> String {
        release_path(&self.releases[i])
    }

    pub fn page_path(&self, i: usize) -> String {
        page_path(&self.pages[i])
    }

    /// The translation of release `i`, if published.
    pub fn release_translation(&self, i: usize) -> Option<usize> {
        let r = &self.releases[i];
        *self.release_pairs.get(&r.stem)?.get(r.lang.other())
    }

    pub fn page_translation(&self, i: usize) -> Option<usize> {
        let p = &self.pages[i];
        *self.page_pairs.get(&p.stem)?.get(p.lang.other())
    }

    /// Site-relative path of the Atom feed of `lang`: `atom.xml`, `en/atom.xml`.
    pub fn atom_path(&self, lang: Lang) -> String {
        format!("{}atom.xml", lang.prefix())
    }

    /// Site-relative path of the JSON Feed of `lang`: `feed.json`, `en/feed.json`.
    pub fn json_feed_path(&self, lang: Lang) -> String {
        format!("{}feed.json", lang.prefix())
    }

    /// Site-relative path of the Atom feed of a tag: `tags/<slug>/atom.xml`.
    pub fn tag_feed_path(&self, lang: Lang, tag: TagId) -> String {
        format!("{}tags/{}/atom.xml", lang.prefix(), self.tags.get(tag).slug)
    }

    /// Releases in `lang`, newest first, as indexes.
    pub fn releases_in(&self, lang: Lang) -> impl Iterator<Item = usize> + '_ {
        self.releases
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.lang == lang)
            .map(|(i, _)| i)
    }
}

fn release_path(r: &Release) -> String {
    format!("{}releases/{}/", r.lang.prefix(), r.slug)
}

fn page_path(p: &Page) -> String {
    format!("{}{}/", p.lang.prefix(), p.slug)
}

/// Links loaded content into a [`Site`], with the problems found on the way (two
/// sources claiming one URL, translations that disagree on a milestone update).
pub fn link(content: Content, config: Config, opts: Options) -> (Site, Diagnostics) {
    let Content {
        releases,
        pages,
        tags,
        plan,
        assets,
        broken,
        ignored,
    } = content;
    let mut diags = Diagnostics::new();
    let mut held_back = Vec::new();
    let mut drafts_skipped = Vec::new();
    let mut links: HashMap<String, String> =
        broken.into_iter().map(|b| (b, String::new())).collect();
    // Every source gets a link-table entry, published or not, so `@/` links to a
    // held-back release are reported as such rather than as missing.
    // A file under content/ is linked by its path: `@/files/report.pdf`.
    links.extend(assets.keys().map(|a| (a.clone(), a.clone())));
    let mut held = Held::default();
    let mut releases: Vec<Release> = releases
        .into_iter()
        .filter_map(|r| {
            links.insert(
                r.src.trim_start_matches("content/").to_string(),
                release_path(&r),
            );
            if r.draft && !opts.drafts {
                drafts_skipped.push(r.src.clone());
                held.releases.push(HeldRelease {
                    release: r,
                    until: None,
                });
                return None;
            }
            if let Some(until) = r.embargo.filter(|e| *e > opts.now) {
                held_back.push(HeldBack {
                    src: r.src.clone(),
                    until,
                });
                held.releases.push(HeldRelease {
                    release: r,
                    until: Some(until),
                });
                return None;
            }
            Some(r)
        })
        .collect();
    let mut pages: Vec<Page> = pages
        .into_iter()
        .filter_map(|p| {
            links.insert(
                p.src.trim_start_matches("content/").to_string(),
                page_path(&p),
            );
            if p.draft && !opts.drafts {
                drafts_skipped.push(p.src.clone());
                held.pages.push(p);
                return None;
            }
            Some(p)
        })
        .collect();
    releases.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.stem.cmp(&b.stem))
            .then_with(|| a.lang.cmp(&b.lang))
    });
    pages.sort_by(|a, b| (a.lang, &a.slug).cmp(&(b.lang, &b.slug)));

    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    let mut claim = |url: String, src: &str, loc, diags: &mut Diagnostics| {
        if let Some(first) = claimed.get(&url) {
            diags.push(
                Diagnostic::new(
                    Code::Duplicate,
                    src,
                    format!("the URL /{url} is already used by {first}"),
                )
                .at(loc)
                .field("slug")
                .hint("give one of the two a different `slug:`"),
            );
        } else {
            claimed.insert(url, src.to_string());
        }
    };
    // Held-back sources claim their URLs too: a clash shows the day it is written, not
    // the day the embargo lifts.
    let held_releases = held.releases.iter().map(|h| &h.release);
    for r in releases.iter().chain(held_releases) {
        claim(release_path(r), &r.src, r.slug_loc, &mut diags);
    }
    for p in pages.iter().chain(&held.pages) {
        if RESERVED.contains(&p.slug.as_str()) {
            diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    &p.src,
                    format!("the slug `{}` is used by gongbo's own pages", p.slug),
                )
                .at(p.slug_loc)
                .field("slug")
                .hint("choose another `slug:` for this page"),
            );
        }
        claim(page_path(p), &p.src, p.slug_loc, &mut diags);
    }
    let mut release_pairs: BTreeMap<String, PerLang<Option<usize>>> = BTreeMap::new();
    for (i, r) in releases.iter().enumerate() {
        *release_pairs
            .entry(r.stem.clone())
            .or_default()
            .get_mut(r.lang) = Some(i);
    }
    let mut page_pairs: BTreeMap<String, PerLang<Option<usize>>> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        *page_pairs
            .entry(p.stem.clone())
            .or_default()
            .get_mut(p.lang) = Some(i);
    }
    let milestones = milestones::derive(&plan, &releases, opts.now).unwrap_or_else(|d| {
        diags.extend(d);
        Vec::new()
    });
    let reported: Vec<Diagnostic> = diags.iter().cloned().collect();
    diags.extend(milestones::held_checks(
        &plan, &releases, &held, opts.now, &reported,
    ));
    held_back.sort_by(|a, b| a.src.cmp(&b.src));
    drafts_skipped.sort();
    let site = Site {
        config,
        now: opts.now,
        releases,
        pages,
        tags,
        plan,
        assets,
        release_pairs,
        page_pairs,
        links,
        milestones,
        held_back,
        drafts_skipped,
        held,
        ignored,
    };
    (site, diags)
}
