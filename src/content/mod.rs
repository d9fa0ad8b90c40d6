//! Load: read everything under `content/` into checked [`Content`].
//!
//! Steps: walk `content/` (sorted, symlinks refused), classify each file by its path,
//! read text as UTF-8 (a BOM is stripped, CRLF becomes LF), parse the data files
//! (tags, milestones), then parse and check every release and page in parallel.
//! All problems are collected; nothing stops at the first bad file.

mod broken;
pub mod frontmatter;
pub mod kept;
pub mod milestones;
pub mod names;
pub mod page;
pub mod release;
mod svg;
pub mod tags;

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::{io_reason, Code, Diagnostic, Diagnostics, Loc, Text};
use crate::fp::{Fp, Hasher};
use crate::types::Lang;
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

/// When a file last changed, as the file system says: its size, modification and
/// status-change times and inode. The status-change time cannot be set back by a user
/// or a tool (`cp -p`, `touch -d` set the modification time only), so a file whose
/// stamp is unchanged has not been written since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    ino: u64,
}

impl Stamp {
    /// The modification time: seconds and nanoseconds since 1970.
    pub fn modified(&self) -> (i64, i64) {
        self.modified
    }

    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                len: meta.len(),
                modified: (meta.mtime(), meta.mtime_nsec()),
                changed: (meta.ctime(), meta.ctime_nsec()),
                ino: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let nanos = |t: std::io::Result<std::time::SystemTime>| {
                t.ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or((0, 0), |d| {
                        (d.as_secs() as i64, i64::from(d.subsec_nanos()))
                    })
            };
            Stamp {
                len: meta.len(),
                modified: nanos(meta.modified()),
                changed: nanos(meta.created()),
                ino: 0,
            }
        }
    }
}

/// The parsed sources of the previous build, kept by an incremental build (and by
/// `gongbo serve` between rebuilds): a source whose file has the same [`Stamp`] and
/// whose [`Content::context`] is unchanged is not read or parsed again.
#[derive(Default)]
pub struct Cache {
    entries: HashMap<String, Cached>,
}

struct Cached {
    stamp: Stamp,
    context: Fp,
    /// The source without its body, or its problems.
    result: Result<Parsed, Vec<Diagnostic>>,
}

impl Cache {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets the sources whose file changed less than two seconds before `saved` (when
    /// the kept state was written, by the same file system's clock): a file written again
    /// within the same tick of a coarse clock, with the same size, would otherwise look
    /// unchanged (git's "racily clean" entries).
    pub fn forget_recent(&mut self, saved: (i64, i64)) {
        let limit = (saved.0 - 2, saved.1);
        self.entries.retain(|_, c| c.stamp.changed < limit);
    }
}

/// One kept source on disk: only those that passed their checks with nothing left to
/// report (a source with problems is parsed again, which reports them again).
#[derive(serde::Serialize, serde::Deserialize)]
struct Kept<P> {
    rel: String,
    stamp: Stamp,
    context: Fp,
    parsed: P,
}

impl serde::Serialize for Cache {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut kept: Vec<Kept<&Parsed>> = self
            .entries
            .iter()
            .filter_map(|(rel, c)| match &c.result {
                Ok(Parsed::Release(r)) if !r.unfinished.is_empty() => None,
                Ok(p) => Some(Kept {
                    rel: rel.clone(),
                    stamp: c.stamp,
                    context: c.context,
                    parsed: p,
                }),
                Err(_) => None,
            })
            .collect();
        kept.sort_by(|a, b| a.rel.cmp(&b.rel));
        s.collect_seq(kept)
    }
}

impl<'de> serde::Deserialize<'de> for Cache {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let kept: Vec<Kept<Parsed>> = serde::Deserialize::deserialize(d)?;
        Ok(Cache {
            entries: kept
                .into_iter()
                .map(|k| {
                    let cached = Cached {
                        stamp: k.stamp,
                        context: k.context,
                        result: Ok(k.parsed),
                    };
                    (k.rel, cached)
                })
                .collect(),
        })
    }
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
                stamp: entry.metadata().ok().map(|m| Stamp::of(&m)),
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

#[derive(Clone, serde::Serialize, serde::Deserialize)]
enum Parsed {
    Release(Box<Release>),
    Page(Box<Page>),
}

impl Parsed {
    fn without_body(&self) -> Parsed {
        match self {
            Parsed::Release(r) => Parsed::Release(Box::new(Release {
                body: String::new(),
                ..(**r).clone()
            })),
            Parsed::Page(p) => Parsed::Page(Box::new(Page {
                body: String::new(),
                ..(**p).clone()
            })),
        }
    }
}

impl Clone for Cached {
    fn clone(&self) -> Cached {
        Cached {
            stamp: self.stamp,
            context: self.context,
            result: self.result.clone(),
        }
    }
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

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }

    fn releases_without_bodies(c: &Content) -> Vec<String> {
        c.releases
            .iter()
            .map(|r| {
                format!(
                    "{:?}",
                    Release {
                        body: String::new(),
                        ..r.clone()
                    }
                )
            })
            .collect()
    }

    /// The cache as a build keeps it on disk comes back whole: a load through it parses
    /// only the file that changed, and gives the same releases as a fresh load.
    #[test]
    fn the_kept_cache_parses_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build/basic");
        copy(&fixture, dir.path());
        let text = std::fs::read(dir.path().join("site.toml")).unwrap();
        let config = crate::config::parse(std::str::from_utf8(&text).unwrap(), None).unwrap();
        let mut cache = Cache::default();
        let (first, _) = load_with(dir.path(), &config, &text, Some(&mut cache));
        assert!(first.releases.len() >= 4);
        let bytes = postcard::to_allocvec(&cache).unwrap();
        let mut kept: Cache = postcard::from_bytes(&bytes).unwrap();
        let far = (i64::MAX / 2, 0);
        kept.forget_recent(far);
        assert_eq!(kept.len(), cache.len(), "every good source is kept");

        let changed = "content/releases/budget.ko.md";
        let source = std::fs::read_to_string(dir.path().join(changed)).unwrap();
        std::fs::write(
            dir.path().join(changed),
            source.replacen("title:", "summary: \"바뀐 요약\"\ntitle:", 1),
        )
        .unwrap();
        let (again, diags) = load_with(dir.path(), &config, &text, Some(&mut kept));
        let (fresh, fresh_diags) = load(dir.path(), &config);
        assert_eq!(format!("{diags:?}"), format!("{fresh_diags:?}"));
        assert!(!again.unread.contains(changed), "the edited file is read");
        let sources = again.releases.len() + again.pages.len();
        assert_eq!(again.unread.len(), sources - 1, "{:?}", again.unread);
        assert_eq!(
            releases_without_bodies(&again),
            releases_without_bodies(&fresh)
        );
        assert!(again
            .releases
            .iter()
            .any(|r| r.summary.as_deref() == Some("바뀐 요약")));

        // Kept from a state written just after the files changed: not trusted.
        let meta = std::fs::metadata(dir.path().join(changed)).unwrap();
        let mut racy: Cache = postcard::from_bytes(&postcard::to_allocvec(&kept).unwrap()).unwrap();
        assert!(racy.entries.contains_key(changed));
        racy.forget_recent((Stamp::of(&meta).changed.0 + 1, 0));
        assert!(!racy.entries.contains_key(changed));
    }
}
