//! Markdown bodies become sanitized HTML.
//!
//! The one place that sets pulldown-cmark's options: tables, footnotes, strikethrough
//! and task lists. Steps over the event stream: headings get stable ids (and move one
//! level down when the body uses `#`, because the page title is the only `h1`); fenced
//! code is highlighted with CSS classes; `@/releases/<stem>.<lang>.md` links become
//! URLs (a missing target is an error at the link's line); dangerous URL schemes are
//! made inert; images are checked and written by [`images`] (photos as `<picture>`, an
//! image alone in its paragraph as a `<figure>` captioned with its title). Table alignment becomes classes instead of `style=`. Raw HTML, when
//! present, sends the whole body through the [`sanitize`] allow-list.
//!
//! This file holds what a body becomes ([`Rendered`]) and what it is rendered from
//! ([`Input`]); [`walk`] steps over the events, [`links`] resolves and checks links.

pub mod anchors;
pub mod figure;
mod findings;
pub mod highlight;
pub mod images;
pub mod limits;
mod links;
pub mod sanitize;
mod walk;

use pulldown_cmark::Options;
use rustc_hash::FxHashSet as HashSet;

use crate::diag::Loc;
use crate::link::photos::Photos;
use crate::link::BodyLink;
use crate::types::{Lang, PageId, ReleaseId};
pub use limits::MAX_NESTING;
pub use links::{has_scheme, safe_url};
pub use walk::render;

/// A heading of the body, for tables of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A rendered body.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Every link and image of the body, as its URL stands in `html`.
    pub links: Vec<BodyLink>,
    /// Every `@/` target the body looked up in the link table, and every content file
    /// its images name, sorted: the body renders the same again while its text and what
    /// these targets resolve to (and, for photos, the photos) stay the same.
    pub targets: Vec<String>,
    /// The files under content/ that the body shows as images (paths there), and where.
    pub images: Vec<(String, Loc)>,
    /// Whether the body has highlighted code (its page needs `highlight.css`).
    pub code: bool,
}

/// The rendered bodies of a site, index-aligned with its published releases and pages.
#[derive(Debug, Default)]
pub struct Bodies {
    /// Shared with the kept bodies of `gongbo serve` and incremental builds (a body
    /// that did not change is not copied).
    pub releases: Vec<std::sync::Arc<Rendered>>,
    pub pages: Vec<std::sync::Arc<Rendered>>,
}

impl Bodies {
    pub fn release(&self, id: ReleaseId) -> &Rendered {
        &self.releases[id.index()]
    }

    pub fn page(&self, id: PageId) -> &Rendered {
        &self.pages[id.index()]
    }
}

/// What to render.
pub struct Input<'a> {
    /// Site-relative path of the source, for diagnostics.
    pub src: &'a str,
    pub body: &'a str,
    /// File line on which the body starts.
    pub body_line: usize,
    /// The base path links are made under (`/` or `/sub/`).
    pub base_path: &'a str,
    /// The site-relative path of the page the body is shown on (`releases/x/`), which
    /// relative image paths are read from.
    pub page: &'a str,
    /// The language of the page.
    pub lang: Lang,
    /// The site's photos, as the build described them.
    pub photos: &'a Photos,
    /// Whether the page shows a photo above the body (then every photo of the body is
    /// loaded lazily).
    pub lead: bool,
    /// Output paths of the site's static files, which a body may show by address
    /// (`/images/logo.svg`).
    pub statics: &'a HashSet<String>,
}

impl<'a> Input<'a> {
    /// A body on no particular page (Korean, at the site's root), with no photos: for
    /// tests and the fuzzer.
    pub fn plain(src: &'a str, body: &'a str, body_line: usize, base_path: &'a str) -> Self {
        static NO_PHOTOS: std::sync::OnceLock<Photos> = std::sync::OnceLock::new();
        static NO_STATICS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
        Input {
            src,
            body,
            body_line,
            base_path,
            page: "",
            lang: Lang::Ko,
            photos: NO_PHOTOS.get_or_init(Photos::default),
            lead: false,
            statics: NO_STATICS.get_or_init(HashSet::default),
        }
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
