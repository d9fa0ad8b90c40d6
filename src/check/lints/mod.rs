//! Editorial lints: problems a build accepts but an editor should fix. [`all`] takes the
//! linked [`Site`] (and, for front matter as written, the source files) and returns
//! findings with a [`crate::diag::Code`], a position and a hint.
//!
//! Per concern: [`translations`] (W001); [`body`], one walk over each Markdown body
//! (W002–W004), handing links to [`anchors`] (E012); [`front`], a release's front matter
//! as written (W002, W005, W009); [`dates`], embargoes and dates against the reference
//! time (W006–W008). [`alt`] judges alternative text for bodies and front matter alike.
//! Text fields of releases and pages cut short by a ` #` comment (W013) are found by
//! [`frontmatter::dropped_comments`] on the front matter as written. Links written as an
//! address the site does not have (W014) are [`addresses`]'.

pub mod addresses;
mod alt;
mod anchors;
mod body;
mod dates;
mod front;
mod translations;

use std::collections::HashMap;
use std::path::Path;

use crate::content::frontmatter;
use crate::diag::Diagnostic;
use crate::link::Site;
pub use alt::weak_alt;
use body::Body;

/// Lint settings.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest `highlights` line accepted, in characters.
    pub highlight_chars: usize,
    /// Alternative text shorter than this (in characters) is not meaningful.
    pub min_alt_chars: usize,
    /// Paragraphs shorter than this are not compared for repeats.
    pub min_repeat_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            highlight_chars: 120,
            min_alt_chars: 5,
            min_repeat_chars: 30,
        }
    }
}

/// Runs every lint over `site`.
/// `ids` holds the heading ids of every body, keyed by its `@/` link name
/// (`releases/x.ko.md`), from [`crate::Built::heading_ids`].
pub fn all(
    site: &Site,
    ids: &HashMap<String, Vec<String>>,
    known: &addresses::Known,
    root: &Path,
    limits: &Limits,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    translations::check(site, &mut out);
    // Held-back releases and draft pages get every lint too: a problem shows the day
    // it is written, not the day the release goes live.
    let releases = || {
        let held = site.held.releases.iter().map(|h| &h.release);
        site.releases.iter().chain(held)
    };
    let pages = site.pages.iter().chain(&site.held.pages);
    let bodies = releases()
        .map(|r| Body {
            src: &r.src,
            text: &r.body,
            line: r.body_line,
        })
        .chain(pages.map(|p| Body {
            src: &p.src,
            text: &p.body,
            line: p.body_line,
        }));
    for b in bodies {
        let page = site
            .links
            .get(b.src.trim_start_matches("content/"))
            .map_or("", String::as_str);
        body::check(&b, page, ids, known, limits, &mut out);
    }
    for r in releases() {
        let text = source_text(root, &r.src).unwrap_or_default();
        let split = frontmatter::split(&r.src, &text).ok();
        front::check(site, r, split.as_ref(), limits, &mut out);
        dates::release(site, r, split.as_ref(), &mut out);
        if let Some(split) = &split {
            let cut = frontmatter::dropped_comments(&r.src, split, frontmatter::RELEASE_TEXT);
            out.extend(cut);
        }
    }
    for p in site.pages.iter().chain(&site.held.pages) {
        let text = source_text(root, &p.src).unwrap_or_default();
        if let Ok(split) = frontmatter::split(&p.src, &text) {
            out.extend(frontmatter::dropped_comments(
                &p.src,
                &split,
                frontmatter::PAGE_TEXT,
            ));
        }
    }
    dates::held_back(site, root, &mut out);
    out
}

/// The text of a source file as the build reads it (no BOM, `\n` line ends).
fn source_text(root: &Path, src: &str) -> Option<String> {
    let text = std::fs::read_to_string(root.join(src)).ok()?;
    Some(text.trim_start_matches('\u{feff}').replace("\r\n", "\n"))
}

/// Text with runs of white space folded to one space.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
