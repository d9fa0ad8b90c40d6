//! Load: read everything under `content/` into checked [`Content`].
//!
//! Steps: walk `content/` (sorted, symlinks refused), classify each file by its path,
//! read text as UTF-8 (a BOM is stripped, CRLF becomes LF), parse the data files
//! (tags, milestones), then parse and check every release and page in parallel.
//! All problems are collected; nothing stops at the first bad file.

pub mod frontmatter;
pub mod milestones;
pub mod page;
pub mod release;
pub mod tags;

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, Loc};
use crate::types::Lang;
pub use milestones::Plan;
pub use page::Page;
pub use release::Release;
pub use tags::TagRegistry;

/// Largest Markdown file accepted (bytes).
pub const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// A non-Markdown file under `content/`, copied to the same path in the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub abs: PathBuf,
    pub bytes: u64,
}

/// Everything loaded from `content/`, checked.
#[derive(Debug, Default)]
pub struct Content {
    pub releases: Vec<Release>,
    pub pages: Vec<Page>,
    pub tags: TagRegistry,
    pub plan: Plan,
    /// Keyed by path relative to `content/`.
    pub assets: BTreeMap<String, Asset>,
    /// Sources (relative to `content/`) that failed their checks: links to them are not
    /// reported again as links to missing content.
    pub broken: Vec<String>,
}

enum SourceKind {
    Release,
    Page,
}

struct Source {
    rel: String,
    abs: PathBuf,
    kind: SourceKind,
    lang: Lang,
    stem: String,
}

/// Loads and checks the content of the site at `root`. Returns every source that passed
/// its checks, and the problems of the others, so later stages can still report theirs.
pub fn load(root: &Path, config: &Config) -> (Content, Diagnostics) {
    let mut diags = Diagnostics::new();
    let dir = root.join("content");
    let mut sources = Vec::new();
    let mut assets = BTreeMap::new();
    let mut data: BTreeMap<&str, Option<String>> =
        BTreeMap::from([("tags.yaml", None), ("milestones.yaml", None)]);
    if !dir.is_dir() {
        diags.push(
            Diagnostic::new(
                Code::OtherError,
                "content",
                "the site has no content/ folder",
            )
            .hint("create content/releases/ and put releases there"),
        );
        return (Content::default(), diags);
    }
    let walker = walkdir::WalkDir::new(&dir)
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
                diags.push(Diagnostic::new(
                    Code::OtherError,
                    p,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let rel = rel_path(root, entry.path());
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::new(
                    Code::OtherError,
                    rel,
                    "symbolic links are not followed in content/",
                )
                .hint("copy the file into content/ instead of linking to it"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let in_content = rel.strip_prefix("content/").unwrap_or(&rel).to_string();
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(slot) = data.get_mut(in_content.as_str()) {
            match read_text(&rel, entry.path()) {
                Ok(t) => *slot = Some(t),
                Err(d) => diags.push(d),
            }
            continue;
        }
        if !name.ends_with(".md") {
            let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if name.to_ascii_lowercase().ends_with(".svg") {
                if let Some(d) = check_svg(&rel, entry.path(), bytes) {
                    diags.push(d);
                    continue;
                }
            }
            assets.insert(
                in_content,
                Asset {
                    abs: entry.path().to_path_buf(),
                    bytes,
                },
            );
            continue;
        }
        let kind = match in_content.split_once('/') {
            Some(("releases", rest)) if !rest.contains('/') => SourceKind::Release,
            Some(("pages", rest)) if !rest.contains('/') => SourceKind::Page,
            _ => {
                diags.push(
                    Diagnostic::new(
                        Code::OtherError,
                        rel,
                        "this Markdown file is outside content/releases/ and content/pages/",
                    )
                    .hint("move releases to content/releases/ and plain pages to content/pages/"),
                );
                continue;
            }
        };
        let base = name.trim_end_matches(".md");
        match base
            .rsplit_once('.')
            .and_then(|(stem, l)| Lang::from_code(l).map(|l| (stem, l)))
        {
            Some((stem, lang)) if !stem.is_empty() => sources.push(Source {
                rel,
                abs: entry.path().to_path_buf(),
                kind,
                lang,
                stem: stem.to_string(),
            }),
            _ => diags.push(
                Diagnostic::new(
                    Code::OtherError,
                    rel,
                    "the file name does not say its language",
                )
                .hint(format!(
                    "name it `{base}.ko.md` (Korean) or `{base}.en.md` (English)"
                )),
            ),
        }
    }
    let tags = TagRegistry::parse(data["tags.yaml"].as_deref()).unwrap_or_else(|d| {
        diags.extend(d);
        TagRegistry::broken()
    });
    let plan = Plan::parse(data["milestones.yaml"].as_deref()).unwrap_or_else(|d| {
        diags.extend(d);
        Plan::broken()
    });
    let cx = release::Context {
        config,
        tags: &tags,
        plan: &plan,
        assets: &assets,
    };
    let parsed: Vec<Result<Parsed, Vec<Diagnostic>>> = sources
        .par_iter()
        .map(|s| {
            let text = read_text(&s.rel, &s.abs).map_err(|d| vec![d])?;
            Ok(match s.kind {
                SourceKind::Release => Parsed::Release(Box::new(release::parse(
                    &s.rel, s.lang, &s.stem, &text, &cx,
                )?)),
                SourceKind::Page => Parsed::Page(Box::new(page::parse(
                    &s.rel, s.lang, &s.stem, &text, config.tz,
                )?)),
            })
        })
        .collect();
    let mut content = Content::default();
    for (p, s) in parsed.into_iter().zip(&sources) {
        match p {
            Ok(Parsed::Release(r)) => content.releases.push(*r),
            Ok(Parsed::Page(p)) => content.pages.push(*p),
            Err(ds) => {
                diags.extend(ds);
                content
                    .broken
                    .push(s.rel.trim_start_matches("content/").to_string());
            }
        }
    }
    // Releases that name tags or milestones of a broken data file: one line each.
    diags.extend(tags.follow_on());
    diags.extend(plan.follow_on());
    content.tags = tags;
    content.plan = plan;
    content.assets = assets;
    (content, diags)
}

enum Parsed {
    Release(Box<Release>),
    Page(Box<Page>),
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// An SVG is copied as it is and, opened directly, runs its scripts in the site's
/// origin: refuse one that carries a script, an event handler, a `javascript:` URL or a
/// `<foreignObject>` (HTML inside SVG).
fn check_svg(rel: &str, abs: &Path, len: u64) -> Option<Diagnostic> {
    let refuse = |why: &str| {
        Some(
            Diagnostic::new(Code::OtherError, rel, format!("the SVG file {why}"))
                .hint("export the drawing again without scripts, or convert it to PNG"),
        )
    };
    if len > MAX_SOURCE_BYTES {
        return refuse("is too large to check for scripts (limit 4 MB)");
    }
    let text = String::from_utf8_lossy(&std::fs::read(abs).ok()?).to_ascii_lowercase();
    let handler = text.match_indices("on").any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let name_end = text[i..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(text.len(), |e| i + e);
        before.is_some_and(|c| c.is_whitespace() || c == '/' || c == '"' || c == '\'')
            && name_end > i + 2
            && text[name_end..].trim_start().starts_with('=')
    });
    if text.contains("<script") || text.contains("<foreignobject") || handler {
        return refuse("contains a script or an event handler");
    }
    let plain: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let hidden = ["href=\"&#", "href='&#", "href=&#"];
    if plain.contains("javascript:") || hidden.iter().any(|h| plain.contains(h)) {
        return refuse("contains a script URL, or a link hidden behind character references");
    }
    None
}

/// Reads a text file: size-limited, UTF-8 checked, BOM stripped, line endings made `\n`.
fn read_text(rel: &str, abs: &Path) -> Result<String, Diagnostic> {
    let len = std::fs::metadata(abs).map(|m| m.len()).unwrap_or(0);
    if len > MAX_SOURCE_BYTES {
        return Err(Diagnostic::new(
            Code::OtherError,
            rel,
            format!(
                "the file is {} MB; the limit is {} MB",
                len / 1_000_000,
                MAX_SOURCE_BYTES / 1_048_576
            ),
        )
        .hint("split the release or move large material into an attachment"));
    }
    let bytes = std::fs::read(abs).map_err(|e| {
        Diagnostic::new(Code::OtherError, rel, format!("cannot read the file: {e}"))
    })?;
    decode(rel, bytes, Code::OtherError)
}

/// UTF-8 decoding with a precise location for the first invalid byte; a failure is a
/// diagnostic with `code` (site.toml's own code, or E000 for content files).
pub fn decode(rel: &str, bytes: Vec<u8>, code: Code) -> Result<String, Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
        Diagnostic::new(code, rel, "the file is not valid UTF-8")
            .at(Loc::of_offset(&prefix, prefix.len()))
            .hint("save the file as UTF-8 (in most editors: Save with encoding → UTF-8)")
    })?;
    let mut text = text;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(
            decode("a", b"\xEF\xBB\xBF---\r\nx\r\n".to_vec(), Code::OtherError).unwrap(),
            "---\nx\n"
        );
        let d = decode("a", b"ab\ncd\xFFe".to_vec(), Code::OtherError).unwrap_err();
        assert_eq!(d.loc, Some(Loc::new(2, 3)));
    }
}
