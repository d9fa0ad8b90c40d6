//! The parsed sources of the previous build ([`Cache`]), keyed by each file's [`Stamp`]:
//! kept in memory by `gongbo serve` between rebuilds and on disk by `gongbo build` (in
//! the build state, through serde; [`super::kept`] has the forms of the values that need
//! one).

use super::page::Page;
use super::release::Release;
use crate::diag::Diagnostic;
use crate::fp::Fp;

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
    /// By source path (an Fx map: every load looks up every source; the paths are the
    /// site's own files).
    pub(super) entries: rustc_hash::FxHashMap<String, Cached>,
    /// What the last load's walk of content/ found (in memory only).
    pub(super) walked: Option<super::walk::Walked>,
    /// The paths that changed since the last load, as a file watcher reported them
    /// ([`Cache::changed`]); `None`: not known.
    pub(super) since: Option<Vec<std::path::PathBuf>>,
    /// The owner reports every change ([`Cache::watched`]).
    pub(super) watched: bool,
}

pub(super) struct Cached {
    pub(super) stamp: Stamp,
    pub(super) context: Fp,
    /// The source without its body, or its problems.
    pub(super) result: Result<Parsed, Vec<Diagnostic>>,
}

impl Cache {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// From now on, the owner tells this cache every change under the site
    /// ([`Cache::changed`]), as a file watcher that watches all of it does (`gongbo
    /// serve`): a load then need not walk content/ again when only sources changed in
    /// place. A cache that is not told walks every time.
    pub fn watched(&mut self) {
        self.watched = true;
    }

    /// Paths under the site that changed since the last load (a watcher's report), or
    /// `None`: something changed that the watcher cannot name (it lost events). Reports
    /// add up until a load uses them.
    pub fn changed(&mut self, paths: Option<Vec<std::path::PathBuf>>) {
        self.since = match (self.since.take(), paths) {
            (Some(mut all), Some(more)) => {
                all.extend(more);
                Some(all)
            }
            _ => None,
        };
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
            walked: None,
            since: None,
            watched: false,
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

#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) enum Parsed {
    /// Shared with the loads that reuse it: a reused release is not copied.
    Release(std::sync::Arc<Release>),
    Page(Box<Page>),
}

impl Parsed {
    /// What the cache keeps of a source just parsed: a release as it is (the parse took
    /// its body out, so the cache and the build share the one value), a page without its
    /// body.
    pub(super) fn without_body(&self) -> Parsed {
        match self {
            Parsed::Release(r) => {
                debug_assert!(r.body.is_empty(), "the parse takes a release's body out");
                Parsed::Release(r.clone())
            }
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

#[cfg(test)]
mod tests {
    use super::super::*;
    use std::path::Path;

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
                        ..(**r).clone()
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
        assert!(again.texts.contains_key(changed), "the edited file is read");
        assert_eq!(again.parsed, 1, "and no other");
        assert!(again.fresh_pages.is_empty());
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
