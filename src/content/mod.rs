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
mod walk;

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::{io_reason, Code, Diagnostic, Diagnostics, Loc};
use crate::fp::{Fp, Hasher};
pub use cache::{Cache, Stamp};
use cache::{Cached, Parsed};
pub use milestones::Plan;
pub use page::Page;
pub use release::Release;
pub use tags::TagRegistry;
use walk::{Source, SourceKind};

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
    /// Without their bodies (those are in `texts`), so that each is one value shared
    /// with the [`Cache`], which keeps them without bodies.
    pub releases: Vec<std::sync::Arc<Release>>,
    /// The body of each release read and parsed by this load, by source path.
    pub texts: rustc_hash::FxHashMap<String, String>,
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
    /// Pages read and parsed by this load (a release read has its body in `texts`); any
    /// other source came from the [`Cache`], its `body` was not read this time (it is
    /// empty), and the file is read again when the body is needed. (The sources read,
    /// not the ones reused: a rebuild of a large site copied 20,000 paths into a set of
    /// those.)
    pub fresh_pages: rustc_hash::FxHashSet<String>,
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
    let mut cache = cache;
    let mut diags = Diagnostics::new();
    let dir = root.join("content");
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
    // The walk, or what the last one found when a watcher told what changed since.
    let hint = cache.as_deref_mut().and_then(|c| c.since.take());
    let kept = cache.as_deref_mut().and_then(|c| c.walked.take());
    let again = match (kept, &hint) {
        (Some(w), Some(changed)) => w.again(root, &dir, changed),
        _ => None,
    };
    let walked = match again {
        Some((walked, fresh)) => {
            if let Some(c) = cache.as_deref_mut() {
                for rel in &fresh {
                    c.entries.remove(rel);
                }
            }
            walked
        }
        None => walk::walk(root, &dir),
    };
    diags.extend(walked.diags.iter().cloned());
    let mut data: BTreeMap<&str, Option<String>> =
        walk::DATA.into_iter().map(|d| (d, None)).collect();
    for (name, rel, abs) in &walked.data {
        match read_text(rel, abs) {
            Ok(t) => {
                data.insert(name, Some(t));
            }
            Err(d) => diags.push(d),
        }
    }
    let sources = &walked.sources;
    let assets = walked.assets.clone();
    let ignored = walked.ignored.clone();
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
    // A source whose stamp and context are unchanged is copied from the cache (on every
    // core: at 10k it is 20,000 front matters), any other is parsed.
    let read_only = cache.as_deref();
    // Each source: its result, whether it was parsed now, and a release's body (taken
    // out as it is parsed: the release is then what the cache keeps, and the same value
    // goes on to the build).
    type Loaded = (Result<Parsed, Vec<Diagnostic>>, bool, Option<String>);
    let parsed: Vec<Loaded> = sources
        .par_iter()
        .map(|s| {
            let reused = read_only
                .and_then(|c| c.entries.get(&s.rel))
                .and_then(|hit| {
                    (Some(hit.stamp) == s.stamp && hit.context == context)
                        .then(|| hit.result.clone())
                });
            match reused {
                Some(r) => (r, false, None),
                None => match parse_source(s, &cx) {
                    Ok((p, body)) => (Ok(p), true, body),
                    Err(d) => (Err(d), true, None),
                },
            }
        })
        .collect();
    let mut content = Content {
        parsed: parsed.iter().filter(|(_, fresh, _)| *fresh).count(),
        releases: Vec::with_capacity(parsed.len()),
        ..Content::default()
    };
    if let Some(cache) = cache.as_deref_mut() {
        // Reused entries stay where they are (a deep copy of every source on every
        // rebuild of a large site was a tenth of serve's time); the fresh ones go in.
        let mut kept = 0;
        for ((p, fresh, _), s) in parsed.iter().zip(sources) {
            match (s.stamp, *fresh) {
                (_, false) => kept += 1,
                (None, true) => {
                    cache.entries.remove(&s.rel);
                }
                (Some(stamp), true) => {
                    kept += 1;
                    let result = match p {
                        Ok(p) => Ok(p.without_body()),
                        Err(d) => Err(d.clone()),
                    };
                    let entry = Cached {
                        stamp,
                        context,
                        result,
                    };
                    cache.entries.insert(s.rel.clone(), entry);
                }
            }
        }
        // Every source kept has its entry: more entries are of sources that are gone.
        if cache.entries.len() != kept {
            let present: std::collections::HashSet<&str> =
                sources.iter().map(|s| s.rel.as_str()).collect();
            cache
                .entries
                .retain(|rel, _| present.contains(rel.as_str()));
        }
    }
    for ((p, fresh, body), s) in parsed.into_iter().zip(sources) {
        if fresh && matches!(p, Ok(Parsed::Page(_))) {
            content.fresh_pages.insert(s.rel.clone());
        }
        if let Some(body) = body {
            content.texts.insert(s.rel.clone(), body);
        }
        match p {
            Ok(Parsed::Release(r)) => content.releases.push(r),
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
    if let Some(cache) = cache {
        cache.walked = Some(walked);
        // What changes from now on, as the owner reports it.
        cache.since = cache.watched.then(Vec::new);
    }
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

/// Reads and parses one source; a release comes without its body, which is returned
/// beside it.
fn parse_source(
    s: &Source,
    cx: &release::Context<'_>,
) -> Result<(Parsed, Option<String>), Vec<Diagnostic>> {
    let text = read_text(&s.rel, &s.abs).map_err(|d| vec![d])?;
    Ok(match s.kind {
        SourceKind::Release => {
            let mut r = release::parse(&s.rel, s.lang, &s.stem, &text, cx)?;
            let body = std::mem::take(&mut r.body);
            (Parsed::Release(std::sync::Arc::new(r)), Some(body))
        }
        SourceKind::Page => {
            let page = page::parse(&s.rel, s.lang, &s.stem, &text, cx.config.tz)?;
            (Parsed::Page(Box::new(page)), None)
        }
    })
}

/// The body of a source whose file is unchanged since it was parsed (see
/// [`Content::fresh_pages`]): the text after its front matter, as the parse saw it.
pub fn read_body(root: &Path, rel: &str) -> Result<String, Diagnostic> {
    let text = read_text(rel, &root.join(rel))?;
    let split = frontmatter::split(rel, &text)?;
    Ok(split.body.to_string())
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
