//! Previews in `gongbo serve` of what a build holds back: releases under embargo, and
//! drafts when serve runs with `--drafts`.
//!
//! The site served is exactly what `gongbo build` would publish. Next to it, when
//! anything is held back, serve makes a second build in which every embargo has passed
//! and (with `--drafts`) drafts are in ([`crate::build_preview`]). A request the real
//! build has no file for is answered from the preview build if it is the page of a
//! held-back release or page, or a file held back with one, and every such HTML page
//! carries a banner that says so ("보도시점 전 미리보기 / Preview before release time",
//! with the time it goes public). Anything else stays a 404, as in the published site.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::files;
use crate::diag::{Arg, Diagnostics};
use crate::markdown::escape;
use crate::time::SiteTime;
use crate::types::Lang;
use crate::BuildOptions;
use crate::BuildReport;

/// Why a page is a preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hold {
    /// Under embargo until then.
    Embargo(SiteTime),
    Draft,
}

/// The preview build of one generation, and what may be served from it.
#[derive(Debug, Default)]
pub struct Previews {
    /// The preview build; `None` when nothing is held back.
    dir: Option<PathBuf>,
    /// Output paths of held-back pages (`releases/x/index.html`) → why.
    pages: BTreeMap<String, Hold>,
    /// Output paths of files held back with them (`files/plan.pdf`).
    files: BTreeSet<String>,
    /// URL paths (`/releases/x/`) of the previewed pages this generation wrote anew.
    written: Vec<String>,
}

impl Previews {
    /// What of `report` (the real build's) serve previews: every release under embargo,
    /// and drafts when `drafts`.
    fn wanted(report: &BuildReport, drafts: bool) -> Previews {
        let pages: BTreeMap<String, Hold> = report
            .held_pages
            .iter()
            .filter_map(|p| {
                let hold = match p.until {
                    Some(t) => Hold::Embargo(t),
                    None if drafts => Hold::Draft,
                    None => return None,
                };
                Some((format!("{}index.html", p.path), hold))
            })
            .collect();
        let files = report.held_files.iter().map(|f| f.path.clone()).collect();
        Previews {
            dir: None,
            pages,
            files,
            written: Vec::new(),
        }
    }

    /// Builds the previews of `report` into `out`, if there is anything to preview, with
    /// what `kept` holds of the previous preview build (so only what changed is written).
    /// `opts` are the real build's options (their `drafts` is off: drafts are previews).
    pub fn build(
        opts: &BuildOptions,
        kept: &mut crate::build::State,
        report: &BuildReport,
        drafts: bool,
        out: PathBuf,
    ) -> Result<Previews, Diagnostics> {
        let mut previews = Previews::wanted(report, drafts);
        if previews.pages.is_empty() {
            return Ok(Previews::default());
        }
        let preview_opts = BuildOptions {
            output: out.clone(),
            drafts,
            ..opts.clone()
        };
        let built = crate::build_preview(&preview_opts, kept)?;
        previews.written = files::page_paths(&built.written)
            .into_iter()
            .filter(|p| {
                let rel = format!("{}index.html", &p[1..]);
                previews.pages.contains_key(&rel)
            })
            .collect();
        previews.dir = Some(out);
        Ok(previews)
    }

    /// URL paths of the previewed pages this build wrote anew (for the reload event).
    pub fn written(&self) -> impl Iterator<Item = String> + '_ {
        self.written.iter().cloned()
    }

    /// The previewed pages: URL path (`/releases/x/`) and why each is held back.
    pub fn list(&self) -> Vec<(String, Hold)> {
        if self.dir.is_none() {
            return Vec::new();
        }
        self.pages
            .iter()
            .map(|(rel, hold)| {
                let path = rel.strip_suffix("index.html").unwrap_or(rel);
                (format!("/{path}"), hold.clone())
            })
            .collect()
    }

    /// The folder of the preview build, to remove when it is replaced.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The preview file for a request path, and the reason when it is a held-back page:
    /// `None` unless the path names a held-back page or file.
    pub fn find(&self, url: &str) -> Option<(PathBuf, Option<&Hold>)> {
        let dir = self.dir.as_deref()?;
        let file = files::resolve(dir, url)?;
        let root = dir.canonicalize().ok()?;
        let rel = file
            .strip_prefix(&root)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        if let Some(hold) = self.pages.get(&rel) {
            return Some((file, Some(hold)));
        }
        self.files.contains(&rel).then_some((file, None))
    }
}

/// The banner of a held-back page, every text escaped. It speaks both languages on
/// purpose, Korean first: it says what is special about the page in the page's language
/// and the editor's alike.
pub fn banner(hold: &Hold) -> String {
    let (heading, text) = match hold {
        Hold::Embargo(t) => (
            t!("Preview before release time"),
            t!(
                "This release goes public at {time}. A build made now leaves this page out.",
                time = Arg::time(t)
            ),
        ),
        Hold::Draft => (
            t!("Draft preview"),
            t!("This is a draft (draft: true): a build leaves it out. Delete that line to publish it."),
        ),
    };
    let line = |lang: Lang| {
        format!(
            "<p lang=\"{}\" style=\"margin:0.2rem 0\"><strong>{}</strong> · {}</p>",
            lang.code(),
            escape(&heading.render(lang)),
            escape(&text.render(lang))
        )
    };
    format!(
        "<div id=\"gongbo-preview\" role=\"note\" style=\"position:sticky;top:0;z-index:99998;background:#fff3cd;color:#3d2c00;border-bottom:4px solid #b8860b;padding:0.6rem 1rem;font:16px/1.5 system-ui,sans-serif\">{}{}</div>",
        line(Lang::Ko),
        line(Lang::En)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_says_when_in_both_languages() {
        let t = crate::time::from_unix(1_764_550_800, chrono_tz::Asia::Seoul).unwrap();
        let b = banner(&Hold::Embargo(t));
        assert!(b.contains("보도시점 전 미리보기"), "{b}");
        assert!(b.contains("Preview before release time"), "{b}");
        assert!(b.contains("2025년 12월 1일(월) 10:00"), "{b}");
        assert!(b.contains("1 December 2025, 10:00 KST"), "{b}");
        let d = banner(&Hold::Draft);
        assert!(
            d.contains("초안 미리보기") && d.contains("Draft preview"),
            "{d}"
        );
    }
}
