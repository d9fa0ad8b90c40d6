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
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{page_path, release_path, Site};
use crate::content::{Page, Release};
use crate::diag::{Arg, Code, Diagnostic, Loc, Text};
use crate::time::SiteTime;

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

/// What a URL of the site can name: a file or a held-back source, by lower-case path
/// (a case-insensitive host serves `/Files/A.pdf` for `files/a.pdf`).
struct Targets {
    base: Option<url::Url>,
    files: HashMap<String, String>,
    held: HashMap<String, HeldTarget>,
}

impl Targets {
    fn new(site: &Site) -> Targets {
        let files = site
            .assets
            .keys()
            .map(|k| (k.to_lowercase(), k.clone()))
            .collect();
        let mut held = HashMap::new();
        for (i, h) in site.held.releases.iter().enumerate() {
            held.insert(
                release_path(&h.release).to_lowercase(),
                HeldTarget::Release(i),
            );
        }
        for (i, p) in site.held.pages.iter().enumerate() {
            held.insert(page_path(p).to_lowercase(), HeldTarget::Page(i));
        }
        Targets {
            base: url::Url::parse(&site.config.base_url).ok(),
            files,
            held,
        }
    }

    /// [`Targets::path`] for a link that is a plain absolute path ([`plain_path`]) on a
    /// page at the base URL's origin, without parsing a URL: the URL parser would keep
    /// such a path as it is, so the answer is the same (a unit test compares the two).
    /// `None` when the shortcut does not apply or the link is not under the base path.
    fn plain(&self, page: &str, url: &str) -> Option<Option<String>> {
        let base = self.base.as_ref()?;
        let web = matches!(base.scheme(), "http" | "https");
        if !web || !page.starts_with(base.as_str()) {
            return None;
        }
        let Some(rest) = plain_path(url)?.strip_prefix(base.path()) else {
            return Some(None);
        };
        let lower = rest.to_ascii_lowercase();
        Some(Some(match lower.strip_suffix("index.html") {
            Some(dir) => dir.to_string(),
            None => lower,
        }))
    }

    /// The site-relative path `url` names when read on the page at `page`, if it is on
    /// this site.
    fn path(&self, page: &url::Url, url: &str) -> Option<String> {
        let base = self.base.as_ref()?;
        let u = page.join(url).ok()?;
        if !matches!(u.scheme(), "http" | "https") || u.host_str() != base.host_str() {
            return None;
        }
        let rest = u.path().strip_prefix(base.path())?;
        let decoded = String::from_utf8_lossy(&crate::types::percent_decode(rest)).to_lowercase();
        Some(
            decoded
                .strip_suffix("index.html")
                .unwrap_or(&decoded)
                .to_string(),
        )
    }
}

/// What one body link points at.
enum Points {
    File(String),
    Held(HeldTarget),
}

/// `url` if it is an absolute path of plain characters (letters, digits, `-_.~/`) with
/// no `.` or `..` segment and not `//…` (another host): the form of nearly every link
/// between a site's own pages and files, which a URL parser keeps as it is.
fn plain_path(url: &str) -> Option<&str> {
    let b = url.as_bytes();
    if b.first() != Some(&b'/') || b.get(1) == Some(&b'/') {
        return None;
    }
    // One pass (a large site has hundreds of thousands of links): every byte plain,
    // and no segment (between slashes) that is only dots, one or two.
    let mut dots = 0;
    for &c in &b[1..] {
        match c {
            b'/' if dots == 1 || dots == 2 => return None,
            b'/' => dots = 0,
            b'.' if dots >= 0 => dots += 1,
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'~' | b'.' => dots = -1,
            _ => return None,
        }
    }
    (dots != 1 && dots != 2).then_some(url)
}

/// What `url`, a link on the page at `page` (its address as a string, `parsed` once a
/// link needs it), points at.
fn points(
    targets: &Targets,
    page: &str,
    parsed: &mut Option<Option<url::Url>>,
    url: &str,
) -> Option<Points> {
    let path = match targets.plain(page, url) {
        Some(path) => path?,
        None => {
            let page = parsed
                .get_or_insert_with(|| url::Url::parse(page).ok())
                .as_ref()?;
            targets.path(page, url)?
        }
    };
    if let Some(f) = targets.files.get(&path) {
        return Some(Points::File(f.clone()));
    }
    let dir = if path.ends_with('/') || path.is_empty() {
        path
    } else {
        format!("{path}/")
    };
    targets.held.get(&dir).map(|t| Points::Held(*t))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn site_path(config: &Config, page: &str, url: &str) -> Option<String> {
        let t = Targets {
            base: url::Url::parse(&config.base_url).ok(),
            files: HashMap::new(),
            held: HashMap::new(),
        };
        t.path(&url::Url::parse(&config.abs_url(page)).ok()?, url)
    }

    #[test]
    fn a_plain_path_resolves_as_the_url_parser_resolves_it() {
        for base in [
            "https://example.org/",
            "https://example.org/ai/",
            "http://Ex.org:8080/a/",
        ] {
            let t = Targets {
                base: url::Url::parse(base).ok(),
                files: HashMap::new(),
                held: HashMap::new(),
            };
            let root = t.base.as_ref().unwrap().as_str().to_string();
            for page in [format!("{root}en/releases/x/"), format!("{root}index.html")] {
                let parsed = url::Url::parse(&page).unwrap();
                for url in [
                    "/releases/pr-00355/",
                    "/ai/files/A.PDF",
                    "/ai/releases/y/index.html",
                    "/a/images/photo-11.svg",
                    "/ai/a//b/",
                    "/ai/~x/_y-z.tar.gz",
                    "/ai/.../x/",
                    "/ai/.x/..y/",
                    "/ai/x./",
                    "/",
                    "/ai",
                    "/ai/",
                    "/a/index.html",
                ] {
                    assert!(plain_path(url).is_some(), "{url}");
                    assert_eq!(
                        t.plain(&page, url),
                        Some(t.path(&parsed, url)),
                        "{url} on {page}"
                    );
                }
                for url in [
                    "//example.org/ai/x/",
                    "/ai/./x/",
                    "/ai/../x/",
                    "/ai/x/..",
                    "/ai/x/.",
                    "/..",
                    "/./",
                    "/ai/%7Ex/",
                    "/ai/x y/",
                    "/ai/x\\y",
                    "/ai/x?q=1",
                    "/ai/x#top",
                    "/ai/보도/",
                    "releases/x/",
                    "https://example.org/ai/x/",
                    "mailto:a@example.org",
                ] {
                    assert!(plain_path(url).is_none(), "{url}");
                }
            }
            // A page at another origin is not shortcut.
            assert_eq!(t.plain("https://other.org/x/", "/ai/x/"), None);
        }
    }

    #[test]
    fn links_are_resolved_against_their_page() {
        let text = "base_url = \"https://example.org/ai\"\n[languages.ko]\ntitle = \"가\"\n[languages.en]\ntitle = \"A\"\n[organization]\nurl = \"https://example.org/\"\nname = { ko = \"시\", en = \"City\" }\n";
        let c = crate::config::parse(text, None).unwrap();
        let p = |url| site_path(&c, "en/releases/x/", url);
        assert_eq!(p("/ai/files/a.pdf").as_deref(), Some("files/a.pdf"));
        assert_eq!(
            p("../../../Files/%EB%B3%B4%EB%8F%84.PDF").as_deref(),
            Some("files/보도.pdf")
        );
        assert_eq!(
            p("https://example.org/ai/releases/y/index.html").as_deref(),
            Some("releases/y/")
        );
        assert_eq!(
            p("http://example.org/ai/images/b.png").as_deref(),
            Some("images/b.png")
        );
        assert_eq!(p("#top").as_deref(), Some("en/releases/x/"));
        assert_eq!(p("/files/a.pdf"), None, "outside the base path");
        assert_eq!(p("https://other.example/ai/files/a.pdf"), None);
        assert_eq!(p("mailto:a@example.org"), None);
    }
}
