//! The walk of `content/`: every file there, classified by its path (a release, a page,
//! a data file, a file to publish as it is, or one refused), in a stable order; and, for
//! `gongbo serve`, the same findings again after a file watcher reported what changed,
//! without walking a large site's folder again ([`Walked::again`]).

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::names::{self, Name};
use super::{Asset, Stamp, MAX_SOURCE_BYTES};
use crate::diag::{io_reason, Code, Diagnostic, Text};
use crate::types::Lang;

/// The data files at the top of content/, read with every load.
pub(super) const DATA: [&str; 2] = ["tags.yaml", "milestones.yaml"];

#[derive(Debug, Clone, Copy)]
pub(super) enum SourceKind {
    Release,
    Page,
}

/// A Markdown source as the walk found it.
#[derive(Debug, Clone)]
pub(super) struct Source {
    pub(super) rel: String,
    pub(super) abs: PathBuf,
    pub(super) kind: SourceKind,
    pub(super) lang: Lang,
    pub(super) stem: String,
    pub(super) stamp: Option<Stamp>,
}

/// What a walk of content/ found.
#[derive(Debug, Clone, Default)]
pub(super) struct Walked {
    /// In the walk's order (by file name, folder by folder).
    pub(super) sources: Vec<Source>,
    /// Keyed by path relative to `content/`.
    pub(super) assets: BTreeMap<String, Asset>,
    /// Editor backup, swap and system files (paths from the site root).
    pub(super) ignored: Vec<String>,
    /// The data files there: their name in content/, path from the site root, path.
    pub(super) data: Vec<(&'static str, String, PathBuf)>,
    /// What is wrong with the files found (refused names, links, misplaced files).
    pub(super) diags: Vec<Diagnostic>,
    /// Every path the walk saw, folders too.
    seen: Vec<PathBuf>,
    /// False when part of the folder could not be read.
    complete: bool,
}

/// Walks `dir` (the site's content/ folder, under `root`).
pub(super) fn walk(root: &Path, dir: &Path) -> Walked {
    let mut w = Walked {
        complete: true,
        ..Walked::default()
    };
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in
        walker.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| "content".into());
                let reason = match e.io_error() {
                    Some(io) => io_reason(io),
                    None => Text::verbatim(e.to_string()),
                };
                w.diags.push(Diagnostic::new(
                    Code::OtherError,
                    p,
                    t!("cannot read it: {reason}", reason),
                ));
                // Walked again next time: what is unreadable now may not be then.
                w.complete = false;
                continue;
            }
        };
        w.seen.push(entry.path().to_path_buf());
        let rel = rel_path(root, entry.path());
        if entry.path_is_symlink() {
            w.diags.push(
                Diagnostic::new(
                    Code::OtherError,
                    rel,
                    t!("symbolic links are not followed in content/"),
                )
                .hint(t!("copy the file into content/ instead of linking to it")),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let in_content = rel.strip_prefix("content/").unwrap_or(&rel).to_string();
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(name) = DATA.into_iter().find(|d| *d == in_content) {
            w.data.push((name, rel, entry.path().to_path_buf()));
            continue;
        }
        match names::classify(&name) {
            Name::Markdown => {}
            Name::Ignored => {
                w.ignored.push(rel);
                continue;
            }
            Name::Refused { what, hint } => {
                let msg = t!("{what} cannot be published from content/: it could run script as part of the site", what);
                w.diags
                    .push(Diagnostic::new(Code::OtherError, rel, msg).hint(hint));
                continue;
            }
            Name::RenameTo(to) => {
                let msg = t!("a Markdown file's name must end in `.md`, with the language code, in lower case");
                w.diags.push(
                    Diagnostic::new(Code::OtherError, rel, msg).hint(t!("rename it to `{to}`", to)),
                );
                continue;
            }
            Name::Other => {
                if let Some(d) = misnamed_data_file(&rel, &in_content) {
                    w.diags.push(d);
                } else if let Some(asset) = asset(&rel, &entry, &mut w.diags) {
                    w.assets.insert(in_content, asset);
                }
                continue;
            }
        }
        let kind = match in_content.split_once('/') {
            Some(("releases", rest)) if !rest.contains('/') => SourceKind::Release,
            Some(("pages", rest)) if !rest.contains('/') => SourceKind::Page,
            _ => {
                w.diags.push(
                    Diagnostic::new(
                        Code::OtherError,
                        rel,
                        t!("this Markdown file is outside content/releases/ and content/pages/"),
                    )
                    .hint(t!(
                        "move releases to content/releases/ and plain pages to content/pages/"
                    )),
                );
                continue;
            }
        };
        let base = name.trim_end_matches(".md");
        match base
            .rsplit_once('.')
            .and_then(|(stem, l)| Lang::from_code(l).map(|l| (stem, l)))
        {
            Some((stem, lang)) if !stem.is_empty() => w.sources.push(Source {
                rel,
                abs: entry.path().to_path_buf(),
                kind,
                lang,
                stem: stem.to_string(),
                // Read below, for every source at once.
                stamp: None,
            }),
            _ => w.diags.push(
                Diagnostic::new(
                    Code::OtherError,
                    rel,
                    t!("the file name does not say its language"),
                )
                .hint(t!(
                    "name it `{base}.ko.md` (Korean) or `{base}.en.md` (English)",
                    base
                )),
            ),
        }
    }
    // Each source's stamp (size, times, inode), in parallel: on a large site one
    // `statx` per file is a good part of a rebuild that parses nothing.
    w.sources.par_iter_mut().for_each(|s| {
        s.stamp = std::fs::symlink_metadata(&s.abs)
            .ok()
            .map(|m| Stamp::of(&m));
    });
    w
}

impl Walked {
    /// What a walk would find now, given every path under the site that changed since
    /// this walk (as a file watcher reports them, the changes of files outside content/
    /// included): the same files, with the stamps of the changed sources read again. The
    /// second value is those sources (paths from the site root), whose cached parse is
    /// not to be trusted even if their stamp looks the same (a coarse clock, a write
    /// within its tick).
    ///
    /// `None` when only a walk can tell: a path that is there now and was not (a new
    /// file or folder), a path that was seen and is gone or no longer a plain file, a
    /// file published as it is that changed (its size and checks), a path the walk could
    /// not have seen, a walk that could not read everything.
    pub(super) fn again(
        self,
        root: &Path,
        dir: &Path,
        changed: &[PathBuf],
    ) -> Option<(Walked, Vec<String>)> {
        if !self.complete {
            return None;
        }
        let mut again = self;
        let mut fresh = Vec::new();
        for path in changed {
            // Compared as bytes (a path compared component by component, against every
            // path of a large site, was most of a rebuild's load): the watcher names
            // files as the walk does, under the same `content/` path; a path written
            // otherwise is not trusted.
            let bytes = path.as_os_str().as_encoded_bytes();
            let same_form = bytes.starts_with(dir.as_os_str().as_encoded_bytes());
            let Some(inside) = path.strip_prefix(dir).ok().filter(|_| same_form) else {
                // Outside content/: only the site's other watched files may change.
                let elsewhere = ["themes", "templates", "static", "site.toml"]
                    .iter()
                    .any(|w| path.starts_with(root.join(w)));
                if elsewhere {
                    continue;
                }
                return None;
            };
            let same_form = inside
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
                && dir.join(inside).as_os_str().as_encoded_bytes() == bytes;
            if !same_form {
                return None;
            }
            let hidden = inside
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            if hidden {
                // Never walked (editors' swap files, `.git`).
                continue;
            }
            let now = std::fs::symlink_metadata(path).ok();
            let plain = now.as_ref().is_some_and(|m| m.file_type().is_file());
            let is = |p: &Path| p.as_os_str().as_encoded_bytes() == bytes;
            if let Some(s) = again.sources.iter_mut().find(|s| is(&s.abs)) {
                if !plain {
                    return None;
                }
                s.stamp = now.as_ref().map(Stamp::of);
                fresh.push(s.rel.clone());
                continue;
            }
            if again.data.iter().any(|(_, _, abs)| is(abs)) {
                // Read again by every load.
                if !plain {
                    return None;
                }
                continue;
            }
            let under = |p: &Path| {
                let p = p.as_os_str().as_encoded_bytes();
                p.starts_with(bytes)
                    && p.get(bytes.len())
                        .is_none_or(|&b| std::path::is_separator(b.into()))
            };
            if now.is_some() || again.seen.iter().any(|s| under(s)) {
                return None;
            }
            // A file that came and went between two walks (an editor's temporary copy).
        }
        Some((again, fresh))
    }
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A content file that is not a source: checked (SVGs) and recorded for copying.
fn asset(rel: &str, entry: &walkdir::DirEntry, diags: &mut Vec<Diagnostic>) -> Option<Asset> {
    let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
    if entry
        .file_name()
        .to_string_lossy()
        .to_lowercase()
        .ends_with(".svg")
    {
        let problems = match read_svg(rel, entry.path(), bytes) {
            Ok(text) => super::svg::check(rel, &text),
            Err(d) => vec![d],
        };
        if !problems.is_empty() {
            diags.extend(problems);
            return None;
        }
    }
    Some(Asset {
        abs: entry.path().to_path_buf(),
        bytes,
    })
}

/// The text of an SVG, within the size limit and in UTF-8 (as [`svg::check`] reads it).
fn read_svg(rel: &str, abs: &Path, len: u64) -> Result<String, Diagnostic> {
    let refuse = |msg: Text, hint: Text| Diagnostic::new(Code::OtherError, rel, msg).hint(hint);
    if len > MAX_SOURCE_BYTES {
        let limit = MAX_SOURCE_BYTES / 1_048_576;
        let msg = t!(
            "the SVG file is too large to check for scripts (limit {limit} MB)",
            limit
        );
        return Err(refuse(
            msg,
            t!("simplify the drawing, or convert it to PNG"),
        ));
    }
    let bytes = std::fs::read(abs).map_err(|e| {
        refuse(
            t!("cannot read the file: {reason}", reason = io_reason(&e)),
            t!("check the file's permissions"),
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        refuse(
            t!("the SVG file is not UTF-8 text, so it cannot be checked for scripts"),
            t!("save the drawing as SVG with UTF-8 encoding, or convert it to PNG"),
        )
    })
}

/// A data file at the top of content/ written with other letters or extension than
/// gongbo reads (`Tags.yaml`, `milestones.yml`): it would be published as a raw copy.
fn misnamed_data_file(rel: &str, in_content: &str) -> Option<Diagnostic> {
    let lower = in_content.to_lowercase();
    let canonical = ["tags", "milestones"]
        .into_iter()
        .find(|n| [format!("{n}.yaml"), format!("{n}.yml")].contains(&lower))?;
    let msg = t!("gongbo reads this data file only under its exact name");
    Some(
        Diagnostic::new(Code::OtherError, rel, msg)
            .hint(t!("rename it to `content/{canonical}.yaml`", canonical)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A site with two releases, a page, a data file and a file published as it is.
    fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().to_path_buf();
        let dir = root.join("content");
        for (rel, text) in [
            ("releases/a.ko.md", "a"),
            ("releases/b.ko.md", "b"),
            ("pages/about.ko.md", "p"),
            ("tags.yaml", "t"),
            ("files/x.txt", "x"),
        ] {
            let p = dir.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        (d, root, dir)
    }

    #[test]
    fn the_walk_finds_every_kind_of_file() {
        let (_d, root, dir) = site();
        let w = walk(&root, &dir);
        let rels: Vec<&str> = w.sources.iter().map(|s| s.rel.as_str()).collect();
        assert_eq!(
            rels,
            [
                "content/pages/about.ko.md",
                "content/releases/a.ko.md",
                "content/releases/b.ko.md"
            ]
        );
        assert!(w.sources.iter().all(|s| s.stamp.is_some()));
        assert_eq!(w.assets.keys().collect::<Vec<_>>(), ["files/x.txt"]);
        assert_eq!(w.data.len(), 1);
        assert!(w.diags.is_empty() && w.complete);
    }

    #[test]
    fn a_watchers_report_is_trusted_only_for_sources_changed_in_place() {
        let (_d, root, dir) = site();
        let w = walk(&root, &dir);
        let again = |paths: &[PathBuf]| w.clone().again(&root, &dir, paths);
        let a = dir.join("releases/a.ko.md");
        // Changed in place: the same files, that one's stamp read again and named.
        fs::write(&a, "a longer text").unwrap();
        let (w2, fresh) = again(std::slice::from_ref(&a)).expect("in place");
        assert_eq!(fresh, ["content/releases/a.ko.md"]);
        assert_eq!(w2.sources.len(), 3);
        assert_ne!(w2.sources[1].stamp, w.sources[1].stamp);
        assert_eq!(w2.sources[2].stamp, w.sources[2].stamp);
        // Nothing of the walk is lost: a report of no change gives the same walk.
        assert_eq!(again(&[]).unwrap().0.sources.len(), 3);
        // A data file, the theme, site.toml, a hidden swap file, a temporary file that
        // is gone again: the same walk.
        fs::write(dir.join(".a.ko.md.swp"), "swap").unwrap();
        for p in [
            dir.join("tags.yaml"),
            root.join("themes/default/page.html"),
            root.join("site.toml"),
            dir.join(".a.ko.md.swp"),
            dir.join("releases/sed12345"),
        ] {
            assert!(again(std::slice::from_ref(&p)).is_some(), "{}", p.display());
        }
        // Anything a walk must look at again.
        fs::write(dir.join("releases/c.ko.md"), "c").unwrap();
        let gone = dir.join("releases/b.ko.md");
        fs::remove_file(&gone).unwrap();
        fs::rename(dir.join("files"), root.join("away")).unwrap();
        fs::remove_file(dir.join("pages/about.ko.md")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.join("pages/about.ko.md")).unwrap();
        for p in [
            dir.join("releases/c.ko.md"),  // new
            gone,                          // deleted
            dir.join("files"),             // a folder moved away
            dir.join("files/x.txt"),       // a file published as it is
            dir.join("pages/about.ko.md"), // now a link
            root.join("other/file.md"),    // not a watched place
            dir.join("./files"),           // written in another form
            PathBuf::from(format!("{}//files", dir.display())),
            PathBuf::from("/elsewhere/content"), // not under the site at all
        ] {
            assert!(again(&[a.clone(), p.clone()]).is_none(), "{}", p.display());
        }
        // A walk that could not read everything is never reused.
        let incomplete = Walked {
            complete: false,
            ..w.clone()
        };
        assert!(incomplete.again(&root, &dir, &[]).is_none());
    }
}
