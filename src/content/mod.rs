//! Load: read everything under `content/` into checked [`Content`].
//!
//! Steps: walk `content/` (sorted, symlinks refused), classify each file by its path,
//! read text as UTF-8 (a BOM is stripped, CRLF becomes LF), parse the data files
//! (tags, milestones), then parse and check every release and page in parallel.
//! All problems are collected; nothing stops at the first bad file.

mod broken;
mod cache;
pub mod frontmatter;
pub mod kept;
pub mod milestones;
pub mod names;
pub mod page;
pub mod release;
mod svg;
pub mod tags;

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::{io_reason, Code, Diagnostic, Diagnostics, Loc, Text};
use crate::fp::{Fp, Hasher};
use crate::types::Lang;
pub use cache::{Cache, Stamp};
use cache::{Cached, Parsed};
pub use milestones::Plan;
use names::Name;
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
    /// Editor backup, swap and system files (paths from the site root), never published.
    pub ignored: Vec<String>,
    /// Sources whose result came from the [`Cache`]: their `body` was not read this time
    /// (it is empty); read the file again when the body is needed.
    pub unread: BTreeSet<String>,
    /// The fingerprint of what every source is checked against (site.toml, tags.yaml,
    /// milestones.yaml, the files under content/): a change re-reads every source.
    pub context: Fp,
    /// The same without the files under content/: what every page may show of it. A
    /// page shows a file only through the release or body that names it, whose own
    /// fingerprints carry the file (its size, a photo's content), so adding, changing
    /// or removing a file renders again only the pages that show it.
    pub shown: Fp,
    /// How many sources this load read and parsed (the others came from the cache).
    pub parsed: usize,
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
    stamp: Option<Stamp>,
}

/// Loads and checks the content of the site at `root`. Returns every source that passed
/// its checks, and the problems of the others, so later stages can still report theirs.
pub fn load(root: &Path, config: &Config) -> (Content, Diagnostics) {
    load_with(root, config, &[], None)
}

/// [`load`], reusing the sources in `cache` that did not change (and refilling it with
/// this load's). `config_text` is the text of site.toml, part of what every source is
/// checked against.
pub fn load_with(
    root: &Path,
    config: &Config,
    config_text: &[u8],
    cache: Option<&mut Cache>,
) -> (Content, Diagnostics) {
    let mut diags = Diagnostics::new();
    let dir = root.join("content");
    let mut sources = Vec::new();
    let mut assets = BTreeMap::new();
    let mut ignored = Vec::new();
    let mut data: BTreeMap<&str, Option<String>> =
        BTreeMap::from([("tags.yaml", None), ("milestones.yaml", None)]);
    if !dir.is_dir() {
        diags.push(
            Diagnostic::new(
                Code::OtherError,
                "content",
                t!("the site has no content/ folder"),
            )
            .hint(t!("create content/releases/ and put releases there")),
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
                let reason = match e.io_error() {
                    Some(io) => io_reason(io),
                    None => Text::verbatim(e.to_string()),
                };
                diags.push(Diagnostic::new(
                    Code::OtherError,
                    p,
                    t!("cannot read it: {reason}", reason),
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
        if let Some(slot) = data.get_mut(in_content.as_str()) {
            match read_text(&rel, entry.path()) {
                Ok(t) => *slot = Some(t),
                Err(d) => diags.push(d),
            }
            continue;
        }
        match names::classify(&name) {
            Name::Markdown => {}
            Name::Ignored => {
                ignored.push(rel);
                continue;
            }
            Name::Refused { what, hint } => {
                let msg = t!("{what} cannot be published from content/: it could run script as part of the site", what);
                diags.push(Diagnostic::new(Code::OtherError, rel, msg).hint(hint));
                continue;
            }
            Name::RenameTo(to) => {
                let msg = t!("a Markdown file's name must end in `.md`, with the language code, in lower case");
                diags.push(
                    Diagnostic::new(Code::OtherError, rel, msg).hint(t!("rename it to `{to}`", to)),
                );
                continue;
            }
            Name::Other => {
                if let Some(d) = misnamed_data_file(&rel, &in_content) {
                    diags.push(d);
                } else if let Some(asset) = asset(&rel, &entry, &mut diags) {
                    assets.insert(in_content, asset);
                }
                continue;
            }
        }
        let kind = match in_content.split_once('/') {
            Some(("releases", rest)) if !rest.contains('/') => SourceKind::Release,
            Some(("pages", rest)) if !rest.contains('/') => SourceKind::Page,
            _ => {
                diags.push(
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
            Some((stem, lang)) if !stem.is_empty() => sources.push(Source {
                rel,
                abs: entry.path().to_path_buf(),
                kind,
                lang,
                stem: stem.to_string(),
                // Read below, for every source at once.
                stamp: None,
            }),
            _ => diags.push(
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
    sources.par_iter_mut().for_each(|s| {
        s.stamp = std::fs::symlink_metadata(&s.abs)
            .ok()
            .map(|m| Stamp::of(&m));
    });
    let tags = TagRegistry::parse(data["tags.yaml"].as_deref()).unwrap_or_else(|d| {
        diags.extend(d);
        TagRegistry::broken()
    });
    let plan = Plan::parse(data["milestones.yaml"].as_deref()).unwrap_or_else(|d| {
        diags.extend(d);
        Plan::broken()
    });
    let shown = context(config_text, &data, &BTreeMap::new());
    let context = context(config_text, &data, &assets);
    let cx = release::Context {
        config,
        tags: &tags,
        plan: &plan,
        assets: &assets,
    };
    let reused: Vec<Option<Result<Parsed, Vec<Diagnostic>>>> = sources
        .iter()
        .map(|s| {
            let hit = cache.as_deref()?.entries.get(&s.rel)?;
            (Some(hit.stamp) == s.stamp && hit.context == context).then(|| hit.result.clone())
        })
        .collect();
    let parsed: Vec<(Result<Parsed, Vec<Diagnostic>>, bool)> = sources
        .par_iter()
        .zip(reused)
        .map(|(s, reused)| match reused {
            Some(r) => (r, false),
            None => (parse_source(s, &cx), true),
        })
        .collect();
    let mut content = Content {
        parsed: parsed.iter().filter(|(_, fresh)| *fresh).count(),
        releases: Vec::with_capacity(parsed.len()),
        ..Content::default()
    };
    if let Some(cache) = cache {
        let mut old = std::mem::take(&mut cache.entries);
        for ((p, fresh), s) in parsed.iter().zip(&sources) {
            let (Some(stamp), true) = (s.stamp, *fresh) else {
                // Reused: the entry moves over as it is (a deep copy of every source on
                // every rebuild of a large site was a tenth of serve's time).
                if let Some(c) = old.remove(&s.rel).filter(|_| !*fresh) {
                    cache.entries.insert(s.rel.clone(), c);
                }
                continue;
            };
            let result = match p {
                Ok(p) => Ok(p.without_body()),
                Err(d) => Err(d.clone()),
            };
            cache.entries.insert(
                s.rel.clone(),
                Cached {
                    stamp,
                    context,
                    result,
                },
            );
        }
    }
    for ((p, fresh), s) in parsed.into_iter().zip(&sources) {
        if !fresh {
            content.unread.insert(s.rel.clone());
        }
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
    content.ignored = ignored;
    content.context = context;
    content.shown = shown;
    (content, diags)
}

/// What every source is checked against, as one fingerprint.
fn context(
    config_text: &[u8],
    data: &BTreeMap<&str, Option<String>>,
    assets: &BTreeMap<String, Asset>,
) -> Fp {
    let mut h = Hasher::new("content-context");
    h.str(env!("CARGO_PKG_VERSION")).bytes(config_text);
    for (name, text) in data {
        h.str(name).opt_str(text.as_deref());
    }
    for (path, a) in assets {
        h.str(path).u64(a.bytes);
    }
    h.finish()
}

fn parse_source(s: &Source, cx: &release::Context<'_>) -> Result<Parsed, Vec<Diagnostic>> {
    let text = read_text(&s.rel, &s.abs).map_err(|d| vec![d])?;
    Ok(match s.kind {
        SourceKind::Release => Parsed::Release(Box::new(release::parse(
            &s.rel, s.lang, &s.stem, &text, cx,
        )?)),
        SourceKind::Page => Parsed::Page(Box::new(page::parse(
            &s.rel,
            s.lang,
            &s.stem,
            &text,
            cx.config.tz,
        )?)),
    })
}

/// The body of a source whose file is unchanged since it was parsed (see
/// [`Content::unread`]): the text after its front matter, as the parse saw it.
pub fn read_body(root: &Path, rel: &str) -> Result<String, Diagnostic> {
    let text = read_text(rel, &root.join(rel))?;
    let split = frontmatter::split(rel, &text)?;
    Ok(split.body.to_string())
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A content file that is not a source: checked (SVGs) and recorded for copying.
fn asset(rel: &str, entry: &walkdir::DirEntry, diags: &mut Diagnostics) -> Option<Asset> {
    let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
    if entry
        .file_name()
        .to_string_lossy()
        .to_lowercase()
        .ends_with(".svg")
    {
        let problems = match read_svg(rel, entry.path(), bytes) {
            Ok(text) => svg::check(rel, &text),
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

/// Reads a text file: size-limited, UTF-8 checked, BOM stripped, line endings made `\n`.
fn read_text(rel: &str, abs: &Path) -> Result<String, Diagnostic> {
    let len = std::fs::metadata(abs).map(|m| m.len()).unwrap_or(0);
    if len > MAX_SOURCE_BYTES {
        let (size, limit) = (len / 1_000_000, MAX_SOURCE_BYTES / 1_048_576);
        return Err(Diagnostic::new(
            Code::OtherError,
            rel,
            t!(
                "the file is {size} MB; the limit is {limit} MB",
                size,
                limit
            ),
        )
        .hint(t!(
            "split the release or move large material into an attachment"
        )));
    }
    let bytes = std::fs::read(abs).map_err(|e| {
        let reason = io_reason(&e);
        Diagnostic::new(
            Code::OtherError,
            rel,
            t!("cannot read the file: {reason}", reason),
        )
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
        Diagnostic::new(code, rel, t!("the file is not valid UTF-8"))
            .at(Loc::of_offset(&prefix, prefix.len()))
            .hint(t!(
                "save the file as UTF-8 (in most editors: Save with encoding → UTF-8)"
            ))
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
