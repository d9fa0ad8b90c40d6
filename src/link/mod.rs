//! Link: checked content becomes the immutable [`Site`].
//!
//! Steps: drop drafts (unless asked for) and releases still under embargo at the build's
//! reference time; sort releases newest first; pair translations by stem; give every
//! release and page its URL and report two sources that claim the same URL; build the
//! `@/` link table; apply milestone updates in date order (see [`milestones`]).

pub mod milestones;

use std::collections::{BTreeMap, HashMap};

use crate::config::Config;
use crate::content::tags::TagId;
use crate::content::Asset;
use crate::content::{Content, Page, Plan, Release, TagRegistry};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::time::SiteTime;
use crate::types::{Lang, PerLang};
pub use milestones::{HistoryEntry, MilestoneState};

/// Every top-level name the build writes itself (its pages, feeds, open data, sitemap,
/// the search index under `search/`, the generated stylesheet), compared without
/// regard to case; a plain page may not take one as its slug, and neither may it take a
/// top-level name of the theme's static files or of the files under content/.
/// `tests/all_errors.rs` builds a site and checks that this list covers what it wrote.
pub const RESERVED: [&str; 18] = [
    "404.html",
    "archive",
    "atom.xml",
    "en",
    "feed.json",
    "highlight.css",
    "index.html",
    "milestones",
    "milestones.csv",
    "milestones.ics",
    "milestones.json",
    "page",
    "releases",
    "robots.txt",
    "search",
    "sitemap.xml",
    "static",
    "tags",
];

/// How two URLs compare on a host that ignores letter case and Unicode normalisation
/// (macOS, Windows, many web servers): `Press` and `press`, NFC and NFD Hangul,
/// full-width and plain letters are the same.
fn folded(url: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    url.nfkc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .nfc()
        .collect()
}

/// What the link stage needs besides the content.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The build's reference time: now, or `SOURCE_DATE_EPOCH`.
    pub now: SiteTime,
    pub drafts: bool,
    /// Top-level names of the theme's static files (`style.css`, `search.js`).
    pub theme_files: &'a [String],
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
pub fn link(content: Content, config: Config, opts: Options<'_>) -> (Site, Diagnostics) {
    let Content {
        releases,
        pages,
        tags,
        plan,
        assets,
        broken,
    } = content;
    let mut diags = Diagnostics::new();
    let mut held_back = Vec::new();
    let mut drafts_skipped = Vec::new();
    let mut links: HashMap<String, String> =
        broken.into_iter().map(|b| (b, String::new())).collect();
    // Every source gets a link-table entry, published or not, so `@/` links to a
    // held-back release are reported as such rather than as missing.
    let mut releases: Vec<Release> = releases
        .into_iter()
        .filter(|r| {
            links.insert(
                r.src.trim_start_matches("content/").to_string(),
                release_path(r),
            );
            if r.draft && !opts.drafts {
                drafts_skipped.push(r.src.clone());
                return false;
            }
            if let Some(until) = r.embargo.filter(|e| *e > opts.now) {
                held_back.push(HeldBack {
                    src: r.src.clone(),
                    until,
                });
                return false;
            }
            true
        })
        .collect();
    let mut pages: Vec<Page> = pages
        .into_iter()
        .filter(|p| {
            links.insert(
                p.src.trim_start_matches("content/").to_string(),
                page_path(p),
            );
            if p.draft && !opts.drafts {
                drafts_skipped.push(p.src.clone());
                return false;
            }
            true
        })
        .collect();
    releases.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.stem.cmp(&b.stem))
            .then_with(|| a.lang.cmp(&b.lang))
    });
    pages.sort_by(|a, b| (a.lang, &a.slug).cmp(&(b.lang, &b.slug)));

    // Claimed URLs by their folded form: the URL as written and its source.
    let mut claimed: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut claim = |url: String, src: &str, loc, diags: &mut Diagnostics| {
        match claimed
        .get(&folded(&url))
    {
        Some((first_url, first)) if *first_url == url => diags.push(
            Diagnostic::new(
                Code::Duplicate,
                src,
                format!("the URL /{url} is already used by {first}"),
            )
            .at(loc)
            .field("slug")
            .hint("give one of the two a different `slug:`"),
        ),
        Some((first_url, first)) => diags.push(
            Diagnostic::new(
                Code::Duplicate,
                src,
                format!("the URL /{url} differs from /{first_url} of {first} only in letter case or Unicode form, so many web servers would serve one for the other"),
            )
            .at(loc)
            .field("slug")
            .hint("give one of the two a clearly different `slug:`"),
        ),
        None => {
            claimed.insert(folded(&url), (url, src.to_string()));
        }
    }
    };
    for r in &releases {
        claim(release_path(r), &r.src, r.slug_loc, &mut diags);
    }
    let asset_dirs: Vec<&str> = assets
        .keys()
        .filter_map(|k| k.split_once('/').map(|(top, _)| top))
        .collect();
    for p in &pages {
        let slug = folded(&p.slug);
        let taken = if RESERVED.iter().any(|r| *r == slug) {
            Some("is used by gongbo's own pages and files".to_string())
        } else if opts.theme_files.iter().any(|t| folded(t) == slug) {
            Some("is the name of one of the theme's static files".to_string())
        } else if asset_dirs.iter().any(|d| folded(d) == slug) {
            Some(format!(
                "is the folder content/{}/, whose files are published there",
                p.slug
            ))
        } else {
            None
        };
        if let Some(why) = taken {
            diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    &p.src,
                    format!("the slug `{}` {why}", p.slug),
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
    };
    (site, diags)
}
