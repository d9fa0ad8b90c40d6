//! The site's URL and file layout, in one place: every page and file a build writes is a
//! [`Route`], and its URL path and output file come only from here.
//!
//! A route names *what* is published (a release, page 3 of a topic, the Atom feed) by
//! typed ids; [`Route::path`] says *where*, in one language, given the slugs of the
//! things it names ([`Names`], which the linked site implements). Korean lives at the
//! root and English under `en/`; a page at path `p/` is written to `p/index.html`.
//!
//! | route | Korean path | English path |
//! |---|---|---|
//! | home | `` | `en/` |
//! | release list page n | `releases/`, `releases/page/<n>/` | `en/releases/…` |
//! | release | `releases/<slug>/` | `en/releases/<slug>/` |
//! | topics, topic page n | `tags/`, `tags/<slug>/`, `tags/<slug>/page/<n>/` | `en/…` |
//! | archive, year page n | `archive/`, `archive/<year>/`, `archive/<year>/page/<n>/` | `en/…` |
//! | plain page | `<slug>/` | `en/<slug>/` |
//! | milestones, milestone page n | `milestones/`, `milestones/<id>/`, `…/page/<n>/` | `en/…` |
//! | milestones by status | `milestones/status/<status>/` (`done`, `overdue`, …) | `en/…` |
//! | search | `search/` (index under `search/index/`) | `en/search/` |
//! | feeds | `atom.xml`, `feed.json`, `tags/<slug>/atom.xml` | `en/…` |
//! | open data | `milestones.json`, `.csv`, `.ics` (both languages in one file) | — |
//! | sitemap, robots | `sitemap.xml` (`sitemap-<n>.xml`), `robots.txt` | — |
//! | not found | `404.html` (both languages on one page) | — |
//! | a photo's copies | `photos/<path under content/ without extension>-<width>.webp` and `.jpg` | — |
//!
//! A photo's original keeps its path under content/, like every other file there.

use crate::types::{Lang, MilestoneId, PageId, ReleaseId, TagId};

/// The slugs a route's path is made of. The linked site implements it.
pub trait Names {
    fn release_slug(&self, id: ReleaseId) -> &str;
    fn page_slug(&self, id: PageId) -> &str;
    fn tag_slug(&self, id: TagId) -> &str;
    fn milestone_slug(&self, id: MilestoneId) -> &str;
}

/// An HTML page. Numbered pages are 1-based; page 1 of a list is at the list's own path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    Home,
    /// Page `n` of the release list.
    Releases(usize),
    Release(ReleaseId),
    /// The list of topics (tags).
    Topics,
    /// Page `n` of a topic's releases.
    Topic(TagId, usize),
    /// The list of years.
    Archive,
    /// Page `n` of a year's releases.
    Year(i32, usize),
    /// A plain page (`content/pages/`).
    Plain(PageId),
    Milestones,
    /// Page `n` of a milestone's page (its releases are paginated).
    Milestone(MilestoneId, usize),
    /// The milestones with one status, or the overdue ones.
    MilestonesBy(MilestoneFilter),
    Search,
    /// `404.html`: one page at the root in both languages.
    NotFound,
}

/// Which milestones a list by status shows. Its path segment is under
/// `milestones/status/`, a folder no milestone may take as its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MilestoneFilter {
    Done,
    InProgress,
    Delayed,
    Planned,
    Cancelled,
    /// The planned date has passed and the milestone is neither done nor cancelled.
    Overdue,
}

impl MilestoneFilter {
    pub const ALL: [MilestoneFilter; 6] = [
        MilestoneFilter::Done,
        MilestoneFilter::InProgress,
        MilestoneFilter::Delayed,
        MilestoneFilter::Planned,
        MilestoneFilter::Cancelled,
        MilestoneFilter::Overdue,
    ];

    /// The last segment of its path.
    pub fn slug(self) -> &'static str {
        match self {
            MilestoneFilter::Done => "done",
            MilestoneFilter::InProgress => "in-progress",
            MilestoneFilter::Delayed => "delayed",
            MilestoneFilter::Planned => "planned",
            MilestoneFilter::Cancelled => "cancelled",
            MilestoneFilter::Overdue => "overdue",
        }
    }
}

/// Open data formats of the milestones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Json,
    Csv,
    Ics,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Json, Format::Csv, Format::Ics];
}

/// A file that is not an HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Data {
    /// The Atom feed of a language.
    Atom,
    /// The JSON Feed of a language.
    JsonFeed,
    /// The Atom feed of a topic.
    TopicAtom(TagId),
    /// The milestones as open data (both languages in one file, at the root).
    OpenData(Format),
    /// `sitemap.xml`: the sitemap, or the index of its parts.
    Sitemap,
    /// `sitemap-<n>.xml` (1-based), when the site has more pages than one sitemap holds.
    SitemapPart(usize),
    Robots,
    /// The search index's folder of a language; its files are named inside it.
    SearchIndex,
}

/// Everything a build writes, but the theme's static files and the content's own files
/// (attachments, images), which keep the path they have in the theme or `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    Page(Page),
    Data(Data),
}

impl From<Page> for Route {
    fn from(p: Page) -> Route {
        Route::Page(p)
    }
}

impl From<Data> for Route {
    fn from(d: Data) -> Route {
        Route::Data(d)
    }
}

/// The path of page `n` (1-based) of a paginated list whose first page is at the path
/// made of `pieces`: that path itself for page 1, that path + `page/<n>/` after it. Put
/// together by hand, as [`release_path`] is: every list page's path is made several
/// times a build.
fn numbered(pieces: &[&str], n: usize) -> String {
    let mut s = concat(pieces);
    if n > 1 {
        s.push_str("page/");
        s.push_str(itoa::Buffer::new().format(n));
        s.push('/');
    }
    s
}

/// The path of the release with `slug` in `lang`, for the link stage, which needs it
/// before the release has an id ([`Page::Release`] otherwise).
pub fn release_path(lang: Lang, slug: &str) -> String {
    // Put together by hand: made for every release several times a build, where
    // `format!` was a tenth of a rebuild after one edit.
    concat(&[lang.prefix(), "releases/", slug, "/"])
}

/// The pieces as one string, allocated once.
fn concat(pieces: &[&str]) -> String {
    let mut s = String::with_capacity(pieces.iter().map(|p| p.len()).sum::<usize>() + 20);
    for p in pieces {
        s.push_str(p);
    }
    s
}

/// The path of the plain page with `slug` in `lang` (see [`release_path`]).
pub fn plain_path(lang: Lang, slug: &str) -> String {
    concat(&[lang.prefix(), slug, "/"])
}

impl Page {
    /// The site-relative URL path of this page in `lang`: `""` for the Korean home page,
    /// `en/releases/x/`, `404.html`.
    pub fn path(self, lang: Lang, names: &dyn Names) -> String {
        let p = lang.prefix();
        match self {
            Page::Home => p.to_string(),
            Page::Releases(n) => numbered(&[p, "releases/"], n),
            Page::Release(id) => release_path(lang, names.release_slug(id)),
            Page::Topics => concat(&[p, "tags/"]),
            Page::Topic(t, n) => numbered(&[p, "tags/", names.tag_slug(t), "/"], n),
            Page::Archive => concat(&[p, "archive/"]),
            Page::Year(y, n) => numbered(&[p, "archive/", itoa::Buffer::new().format(y), "/"], n),
            Page::Plain(id) => plain_path(lang, names.page_slug(id)),
            Page::Milestones => concat(&[p, "milestones/"]),
            Page::Milestone(m, n) => numbered(&[p, "milestones/", names.milestone_slug(m), "/"], n),
            Page::MilestonesBy(f) => concat(&[p, "milestones/status/", f.slug(), "/"]),
            Page::Search => concat(&[p, "search/"]),
            Page::NotFound => "404.html".to_string(),
        }
    }

    /// The output file of this page in `lang`, relative to the output folder.
    pub fn file(self, lang: Lang, names: &dyn Names) -> String {
        match self {
            Page::NotFound => "404.html".to_string(),
            page => {
                let mut file = page.path(lang, names);
                file.push_str("index.html");
                file
            }
        }
    }

    /// Page `n` of the list this page belongs to (itself when it is not numbered).
    pub fn at(self, n: usize) -> Page {
        match self {
            Page::Releases(_) => Page::Releases(n),
            Page::Topic(t, _) => Page::Topic(t, n),
            Page::Year(y, _) => Page::Year(y, n),
            Page::Milestone(m, _) => Page::Milestone(m, n),
            p => p,
        }
    }

    /// The page number of a numbered page.
    pub fn number(self) -> Option<usize> {
        match self {
            Page::Releases(n) | Page::Topic(_, n) | Page::Year(_, n) | Page::Milestone(_, n) => {
                Some(n)
            }
            _ => None,
        }
    }
}

impl Data {
    /// The site-relative path of this file in `lang` (the language is ignored for the
    /// files that exist once, at the root).
    pub fn path(self, lang: Lang, names: &dyn Names) -> String {
        let p = lang.prefix();
        match self {
            Data::Atom => format!("{p}atom.xml"),
            Data::JsonFeed => format!("{p}feed.json"),
            Data::TopicAtom(t) => format!("{p}tags/{}/atom.xml", names.tag_slug(t)),
            Data::OpenData(Format::Json) => "milestones.json".to_string(),
            Data::OpenData(Format::Csv) => "milestones.csv".to_string(),
            Data::OpenData(Format::Ics) => "milestones.ics".to_string(),
            Data::Sitemap => "sitemap.xml".to_string(),
            Data::SitemapPart(n) => format!("sitemap-{n}.xml"),
            Data::Robots => "robots.txt".to_string(),
            Data::SearchIndex => format!("{p}search/index/"),
        }
    }
}

impl Route {
    /// The site-relative URL path of this route in `lang`.
    pub fn path(self, lang: Lang, names: &dyn Names) -> String {
        match self {
            Route::Page(p) => p.path(lang, names),
            Route::Data(d) => d.path(lang, names),
        }
    }
}

/// The language of an output file or URL path (relative to the site root): English
/// under `en/`, Korean elsewhere.
pub fn lang_of(path: &str) -> Lang {
    if path.starts_with(Lang::En.prefix()) {
        Lang::En
    } else {
        Lang::Ko
    }
}

/// Top-level names of the site's own routes in the Korean tree (the root): a plain page
/// may not take one as its slug, or its folder would clash with gongbo's.
pub const RESERVED: [&str; 22] = [
    "releases",
    "tags",
    "archive",
    "milestones",
    "search",
    // The English tree.
    "en",
    // Later pages of a list live under `page/`.
    "page",
    "index.html",
    "404.html",
    "atom.xml",
    "feed.json",
    "milestones.json",
    "milestones.csv",
    "milestones.ics",
    "sitemap.xml",
    "robots.txt",
    // The copies made from photos.
    "photos",
    // The theme's generated stylesheet and the files a theme ships by default.
    "highlight.css",
    "static",
    "favicon.ico",
    "favicon.svg",
    "favicon.png",
];

/// The site-relative path of the `width` px copy, in format `ext` (`webp`, `jpg`), of
/// the photo at `src` (its path under content/): `images/site.jpg` →
/// `photos/images/site-960.webp`. One set of copies serves both languages.
pub fn photo_copy(src: &str, width: u32, ext: &str) -> String {
    let stem = match src.rsplit_once('.') {
        Some((stem, _)) if !stem.ends_with('/') && !stem.is_empty() => stem,
        _ => src,
    };
    format!("photos/{stem}-{width}.{ext}")
}

/// Whether `name` is a top-level name that gongbo's own files use (see [`RESERVED`]),
/// compared without regard to case, as case-insensitive hosts would (`Releases` and
/// `releases` are one folder there). `sitemap-<n>.xml` parts are included.
pub fn is_reserved(name: &str) -> bool {
    let lower = name.to_lowercase();
    RESERVED.contains(&lower.as_str())
        || lower
            .strip_prefix("sitemap-")
            .and_then(|r| r.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct N;
    impl Names for N {
        fn release_slug(&self, _: ReleaseId) -> &str {
            "r"
        }
        fn page_slug(&self, _: PageId) -> &str {
            "about"
        }
        fn tag_slug(&self, _: TagId) -> &str {
            "data"
        }
        fn milestone_slug(&self, _: MilestoneId) -> &str {
            "m1"
        }
    }

    #[test]
    fn paths_and_files_per_language() {
        let cases: [(Page, &str, &str); 13] = [
            (Page::Home, "", "en/"),
            (Page::Releases(1), "releases/", "en/releases/"),
            (Page::Releases(3), "releases/page/3/", "en/releases/page/3/"),
            (Page::Release(ReleaseId(0)), "releases/r/", "en/releases/r/"),
            (Page::Topics, "tags/", "en/tags/"),
            (
                Page::Topic(TagId(0), 2),
                "tags/data/page/2/",
                "en/tags/data/page/2/",
            ),
            (Page::Archive, "archive/", "en/archive/"),
            (Page::Year(2023, 1), "archive/2023/", "en/archive/2023/"),
            (Page::Plain(PageId(0)), "about/", "en/about/"),
            (Page::Milestones, "milestones/", "en/milestones/"),
            (
                Page::Milestone(MilestoneId(0), 2),
                "milestones/m1/page/2/",
                "en/milestones/m1/page/2/",
            ),
            (
                Page::MilestonesBy(MilestoneFilter::InProgress),
                "milestones/status/in-progress/",
                "en/milestones/status/in-progress/",
            ),
            (Page::Search, "search/", "en/search/"),
        ];
        for (page, ko, en) in cases {
            assert_eq!(page.path(Lang::Ko, &N), ko);
            assert_eq!(page.path(Lang::En, &N), en);
            assert_eq!(page.file(Lang::En, &N), format!("{en}index.html"));
            assert_eq!(lang_of(&page.file(Lang::En, &N)), Lang::En);
            assert_eq!(lang_of(&page.file(Lang::Ko, &N)), Lang::Ko);
        }
        assert_eq!(Page::NotFound.file(Lang::Ko, &N), "404.html");
        assert_eq!(
            Data::TopicAtom(TagId(0)).path(Lang::En, &N),
            "en/tags/data/atom.xml"
        );
        assert_eq!(
            Data::OpenData(Format::Csv).path(Lang::En, &N),
            "milestones.csv"
        );
    }

    #[test]
    fn reserved_names_ignore_case() {
        assert!(is_reserved("releases"));
        assert!(is_reserved("Releases"));
        assert!(is_reserved("SITEMAP.XML"));
        assert!(is_reserved("sitemap-12.xml"));
        assert!(!is_reserved("sitemap-.xml"));
        assert!(!is_reserved("about"));
        assert!(is_reserved("Photos"));
    }

    #[test]
    fn photo_copies_live_under_photos() {
        assert_eq!(
            photo_copy("images/site.jpg", 960, "webp"),
            "photos/images/site-960.webp"
        );
        assert_eq!(photo_copy("a.b/c.PNG", 480, "jpg"), "photos/a.b/c-480.jpg");
        assert_eq!(
            photo_copy("images/.jpg", 480, "jpg"),
            "photos/images/.jpg-480.jpg"
        );
        assert!(is_reserved(
            photo_copy("x.jpg", 1, "jpg").split('/').next().unwrap()
        ));
    }

    /// Every top-level name a route writes in the Korean tree is reserved.
    #[test]
    fn every_top_level_name_of_a_route_is_reserved() {
        let pages = [
            Page::Releases(2),
            Page::Release(ReleaseId(0)),
            Page::Topics,
            Page::Archive,
            Page::Milestones,
            Page::Search,
            Page::NotFound,
        ];
        let data = [
            Data::Atom,
            Data::JsonFeed,
            Data::OpenData(Format::Json),
            Data::OpenData(Format::Csv),
            Data::OpenData(Format::Ics),
            Data::Sitemap,
            Data::SitemapPart(2),
            Data::Robots,
            Data::SearchIndex,
        ];
        let paths = pages
            .iter()
            .map(|p| p.file(Lang::Ko, &N))
            .chain(data.iter().map(|d| d.path(Lang::Ko, &N)))
            .chain([Page::Home.file(Lang::En, &N)]);
        for path in paths {
            let top = path.split('/').next().unwrap();
            assert!(is_reserved(top), "{path}");
        }
    }
}
