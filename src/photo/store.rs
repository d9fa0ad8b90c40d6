//! [`Photos`]: one build's access to the photo cache. [`Photos::process`] recognises an
//! unchanged photo by its stamp (manifest), finds its entry by content hash and
//! settings (cache), and only on a miss reads, checks and encodes it (pipeline). It is
//! `Sync`: call it from any number of threads.

use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::cache::{Cache, Hash, Index, Loaded};
use super::error::{PhotoError, Problem};
use super::gate::Gate;
use super::manifest::{Manifest, Stamp};
use super::probe::Probe;
use super::sniff::{self, Format};
use super::{pipeline, read_limited, Settings};

/// One file made from a photo, in the cache folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivative {
    pub format: Format,
    /// Exact pixel size (for the original: as shown, orientation applied).
    pub width: u32,
    pub height: u32,
    /// File size in bytes.
    pub bytes: u64,
    /// Where it is: copy it from here into the output.
    pub path: PathBuf,
    /// Whether this is the downloadable original (same pixels as the source).
    pub original: bool,
}

impl Derivative {
    /// `stem.jpg` for the original, `stem-960.webp` for a copy.
    pub fn file_name(&self, stem: &str) -> String {
        if self.original {
            format!("{stem}.{}", self.format.extension())
        } else {
            format!("{stem}-{}.{}", self.width, self.format.extension())
        }
    }
}

/// A photo ready to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    pub source: PathBuf,
    /// The source file's content hash.
    pub hash: Hash,
    pub probe: Probe,
    pub original: Derivative,
    /// WebP copies, narrowest first.
    pub webp: Vec<Derivative>,
    /// JPEG copies (the fallback and `og:image`), narrowest first.
    pub jpeg: Vec<Derivative>,
    og: usize,
    /// Whether nothing had to be made this run.
    pub from_cache: bool,
}

impl Processed {
    /// The photo's size as shown (orientation applied): for `width`/`height`.
    pub fn size(&self) -> (u32, u32) {
        self.probe.display_size()
    }

    /// The JPEG for `og:image` and JSON-LD: the one of `og_width`, or the widest.
    pub fn og_image(&self) -> &Derivative {
        &self.jpeg[self.og]
    }

    fn from_index(source: &Path, dir: &Path, index: Index, og_width: u32, cached: bool) -> Self {
        let mut original = None;
        let (mut webp, mut jpeg) = (Vec::new(), Vec::new());
        for f in index.files {
            let d = Derivative {
                format: f.format,
                width: f.width,
                height: f.height,
                bytes: f.len,
                path: dir.join(&f.name),
                original: f.original,
            };
            match (f.original, f.format) {
                (true, _) => original = Some(d),
                (false, Format::Webp) => webp.push(d),
                (false, _) => jpeg.push(d),
            }
        }
        webp.sort_by_key(|d| d.width);
        jpeg.sort_by_key(|d| d.width);
        let og = super::plan::og_index(jpeg.iter().map(|d| d.width), og_width);
        Processed {
            source: source.to_path_buf(),
            hash: index.source,
            probe: index.probe,
            original: original.expect("checked by complete()"),
            webp,
            jpeg,
            og,
            from_cache: cached,
        }
    }
}

/// An index from which a [`Processed`] can be built.
fn complete(index: &Index) -> bool {
    let has = |f: &dyn Fn(&super::cache::FileRecord) -> bool| index.files.iter().any(f);
    has(&|f| f.original) && has(&|f| !f.original && f.format == Format::Jpeg)
}

/// What a photo is, found without making it: enough to lay out a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    /// The source file's content hash.
    pub hash: Hash,
    pub probe: Probe,
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Photos processed successfully.
    pub photos: usize,
    /// Of those, found whole in the cache.
    pub from_cache: usize,
    /// Of those, decoded and encoded this run.
    pub made: usize,
    /// Source files read and hashed (their stamp was new or unsure).
    pub hashed: usize,
    /// Cache entries found broken and rewritten.
    pub rebuilt: usize,
}

#[derive(Default)]
struct Counters {
    photos: AtomicUsize,
    from_cache: AtomicUsize,
    made: AtomicUsize,
    hashed: AtomicUsize,
    rebuilt: AtomicUsize,
}

/// The photos of one build, and their cache.
pub struct Photos {
    site: PathBuf,
    settings: Settings,
    fingerprint: Vec<u8>,
    cache: Cache,
    manifest: Manifest,
    gate: Gate,
    used: Mutex<(HashSet<Hash>, HashSet<String>)>,
    counters: Counters,
}

impl Photos {
    /// The photos of the site at `site`, cached in `site/.gongbo/photos/`.
    pub fn open(site: &Path, settings: Settings) -> Result<Photos, PhotoError> {
        let dot = site.join(".gongbo");
        super::cache::real_dir(&dot)?;
        Photos::open_at(&dot.join("photos"), site, settings)
    }

    /// Like [`Photos::open`] with the cache in `cache_dir` (whose parent must exist).
    pub fn open_at(
        cache_dir: &Path,
        site: &Path,
        settings: Settings,
    ) -> Result<Photos, PhotoError> {
        let (cache, now) = Cache::open(cache_dir)?;
        let manifest = Manifest::load(cache.manifest_path(), now);
        Ok(Photos {
            site: site.to_path_buf(),
            fingerprint: settings.fingerprint(),
            gate: Gate::new(settings.decode_budget),
            settings,
            cache,
            manifest,
            used: Mutex::new(Default::default()),
            counters: Counters::default(),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// What the photo at `source` is, without decoding it: from the cache's index when
    /// the manifest knows the file, else from its header (reading and hashing it). Every
    /// problem [`Photos::process`] finds before decoding is found here too; a damaged
    /// image that only decoding shows is left to `process`.
    pub fn describe(&self, source: &Path) -> Result<Described, PhotoError> {
        let io = |e: std::io::Error| PhotoError::io(source, &e);
        let meta = std::fs::metadata(source).map_err(io)?;
        let limit = self.settings.limits.max_file_bytes;
        if meta.len() > limit {
            let p = Problem::FileTooLarge {
                bytes: meta.len(),
                limit,
            };
            return Err(PhotoError::new(source, p));
        }
        let name = self.manifest_key(source);
        let stamp = Stamp::of(&meta);
        if let Some(hash) = self.manifest.lookup(&name, &stamp) {
            if let Some(probe) = self.cache.probe(&self.key(&hash)) {
                self.check_name(source, probe.format)?;
                return Ok(Described { hash, probe });
            }
        }
        let data = read_limited(source, limit)?;
        let hash = Hash::of(&data);
        self.counters.hashed.fetch_add(1, Ordering::Relaxed);
        if std::fs::metadata(source).is_ok_and(|m| Stamp::of(&m) == stamp) {
            self.manifest.record(name, stamp, hash.clone());
        }
        let probe = super::probe::source(&data, Some(source), &self.settings.limits)
            .map_err(|p| PhotoError::new(source, p))?
            .probe;
        Ok(Described { hash, probe })
    }

    /// The cache key of a source with content `hash` under these settings.
    fn key(&self, hash: &Hash) -> Hash {
        Hash::of_parts(&[&self.fingerprint, hash.hex().as_bytes()])
    }

    /// The photo at `source`, from the cache or made now.
    pub fn process(&self, source: &Path) -> Result<Processed, PhotoError> {
        let result = self.process_inner(source);
        if let Ok(p) = &result {
            let c = &self.counters;
            c.photos.fetch_add(1, Ordering::Relaxed);
            let n = if p.from_cache { &c.from_cache } else { &c.made };
            n.fetch_add(1, Ordering::Relaxed);
        }
        result
    }

    /// [`Photos::process`] of each path, in parallel, in their order.
    pub fn process_all(&self, sources: &[PathBuf]) -> Vec<Result<Processed, PhotoError>> {
        sources.par_iter().map(|s| self.process(s)).collect()
    }

    fn process_inner(&self, source: &Path) -> Result<Processed, PhotoError> {
        match self.attempt(source, true)? {
            Some(p) => Ok(p),
            // The manifest named a content that the file no longer has (it changed
            // without changing its stamp): start again from the bytes.
            None => Ok(self
                .attempt(source, false)?
                .expect("a hash taken from the bytes matches them")),
        }
    }

    /// One try: `None` when the manifest's hash turned out wrong once the file was read.
    fn attempt(&self, source: &Path, trust: bool) -> Result<Option<Processed>, PhotoError> {
        let io = |e: std::io::Error| PhotoError::io(source, &e);
        let meta = std::fs::metadata(source).map_err(io)?;
        let limit = self.settings.limits.max_file_bytes;
        if meta.len() > limit {
            let p = Problem::FileTooLarge {
                bytes: meta.len(),
                limit,
            };
            return Err(PhotoError::new(source, p));
        }
        let name = self.manifest_key(source);
        let stamp = Stamp::of(&meta);
        let known = self.manifest.lookup(&name, &stamp).filter(|_| trust);
        let (hash, mut data) = match known {
            Some(hash) => (hash, None),
            None => {
                let data = read_limited(source, limit)?;
                let hash = Hash::of(&data);
                self.counters.hashed.fetch_add(1, Ordering::Relaxed);
                // Recorded only if the file did not change while it was read.
                if std::fs::metadata(source).is_ok_and(|m| Stamp::of(&m) == stamp) {
                    self.manifest.record(name.clone(), stamp, hash.clone());
                }
                (hash, Some(data))
            }
        };
        let key = self.key(&hash);
        {
            let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
            used.0.insert(key.clone());
            used.1.insert(name.clone());
        }
        self.cache.exclusive(&key, || {
            let broken = match self.cache.load(&key) {
                Loaded::Hit(dir, index) if complete(&index) => {
                    self.check_name(source, index.probe.format)?;
                    let og = self.settings.og_width;
                    return Ok(Some(Processed::from_index(source, &dir, *index, og, true)));
                }
                Loaded::Hit(..) | Loaded::Broken => true,
                Loaded::Missing => false,
            };
            if data.is_none() {
                let bytes = read_limited(source, limit)?;
                if Hash::of(&bytes) != hash {
                    self.manifest.forget(&name);
                    return Ok(None);
                }
                data = Some(bytes);
            }
            let data = data.take().unwrap_or_default();
            if broken {
                self.counters.rebuilt.fetch_add(1, Ordering::Relaxed);
            }
            let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                pipeline::make(&data, source, &self.settings, &self.gate)
            }))
            .unwrap_or_else(|panic| {
                Err(Problem::Internal {
                    detail: panic_text(&panic),
                })
            })
            .map_err(|p| PhotoError::new(source, p))?;
            let (dir, index) = self
                .cache
                .store(&key, hash.clone(), made.probe, made.files)?;
            let og = self.settings.og_width;
            Ok(Some(Processed::from_index(source, &dir, index, og, false)))
        })
    }

    /// A cached probe knows the content, not this file's name: check it here.
    fn check_name(&self, source: &Path, format: Format) -> Result<(), PhotoError> {
        let extension = sniff::extension(source);
        if format.accepts_extension(&extension) {
            Ok(())
        } else {
            let p = Problem::Mislabelled {
                found: format,
                extension,
            };
            Err(PhotoError::new(source, p))
        }
    }

    /// The manifest's name for `source`: relative to the site when inside it.
    fn manifest_key(&self, source: &Path) -> String {
        let rel = source.strip_prefix(&self.site).unwrap_or(source);
        match rel.to_str() {
            Some(s) => s.replace('\\', "/"),
            // Not UTF-8: the raw bytes, escaped, so no two paths share a name.
            None => format!("\0{:?}", rel.as_os_str()),
        }
    }

    /// What this run did so far.
    pub fn stats(&self) -> Stats {
        let c = &self.counters;
        let get = |a: &AtomicUsize| a.load(Ordering::Relaxed);
        Stats {
            photos: get(&c.photos),
            from_cache: get(&c.from_cache),
            made: get(&c.made),
            hashed: get(&c.hashed),
            rebuilt: get(&c.rebuilt),
        }
    }

    /// Saves what was learnt about the source files (the manifest). Call once the
    /// photos are processed; until then nothing is lost but the fast path next time.
    pub fn finish(&self) -> Result<Stats, PhotoError> {
        self.manifest
            .save()
            .map_err(|e| PhotoError::cache(self.manifest.path(), e))?;
        Ok(self.stats())
    }

    /// Removes cache entries and manifest records that this run did not use. Only
    /// after a complete build (a partial one would evict photos it did not look at),
    /// and not while another gongbo works on the same site. Returns entries removed.
    pub fn prune(&self) -> Result<usize, PhotoError> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        self.manifest.retain(|name| used.1.contains(name));
        let removed = self
            .cache
            .prune(&used.0)
            .map_err(|e| PhotoError::cache(&self.cache.manifest_path(), e))?;
        drop(used);
        self.finish()?;
        Ok(removed)
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("an internal error: {msg}")
}
