//! The photos of a build: which files under content/ are photos, what each one is
//! (described before any page is rendered, for the site's photo table), making their
//! copies beside the page build, and publishing them.
//!
//! A photo is every file under content/ with a photo's extension (JPEG, PNG, WebP: its
//! original is published stripped of private data, never as it is), and every file a
//! release names in `photos:` or `image:`. [`Run::describe`] reads each one's header,
//! or the photo cache's record of it ([`photo::Photos::describe`]), and fills
//! [`Site::photos`]; [`Run::start`] then makes the copies on another thread, in a rayon
//! pool of their own beside the pages', while the build goes on; [`Run::publish`] waits for
//! them and puts each published photo's original, and the copies of those a published
//! page shows, among the outputs. A run into memory (`gongbo check`, tests) describes
//! the photos from their headers but makes nothing: the copies are not among its files
//! and an original stands as its source.
//!
//! A photo's problems are reported where it is named: at its `photos:` entry or
//! `image:` line, at each body image that shows it, or at the file itself when nothing
//! names it.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::outputs::Outputs;
use crate::diag::{Code, Diagnostic, Diagnostics, Loc};
use crate::fp::{Fp, Hasher};
use crate::i18n::{fill, Strings};
use crate::link::photos::{Copy, Photos, Shown};
use crate::link::Site;
use crate::markdown::images::is_photo_path;
use crate::markdown::Bodies;
use crate::photo::{self, Described, PhotoError, Processed, Settings};
use crate::route;
use crate::types::{OutputFile, PerLang};

/// Where a photo is named: the source file, the place and the field.
#[derive(Debug, Clone)]
struct Ref {
    src: String,
    loc: Loc,
    field: &'static str,
}

type Made = Vec<(String, Result<Processed, PhotoError>)>;

/// The copies being made on another thread. Dropping it (an early return of the build)
/// stops the photos not yet begun and waits for the others, which stay cached.
struct Encoding {
    cancel: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<Made>>,
}

impl Drop for Encoding {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// The photos of one build.
pub struct Run {
    root: PathBuf,
    /// The photo cache; `None` for a run into memory (or when it cannot be opened).
    store: Option<Arc<photo::Photos>>,
    /// Every photo by its path under content/, and what describing it found.
    described: BTreeMap<String, Result<Described, PhotoError>>,
    /// Where each photo is named.
    refs: BTreeMap<String, Vec<Ref>>,
    /// The photos a published page shows (their copies are published).
    shown: BTreeSet<String>,
    encoding: Option<Encoding>,
}

/// The path under content/ → the file.
fn abs(root: &Path, rel: &str) -> PathBuf {
    root.join("content").join(rel)
}

impl Run {
    /// Describes every photo of `site` (whose assets are all there still: the held-back
    /// ones are sorted out later) and returns the run and the photo table, with the
    /// problems met. `strings` words the link to each original.
    pub fn describe(
        root: &Path,
        site: &Site,
        memory: bool,
        strings: Option<&PerLang<Strings>>,
    ) -> (Run, Photos, Diagnostics) {
        let mut diags = Diagnostics::new();
        let settings = Settings::default();
        let mut refs: BTreeMap<String, Vec<Ref>> = BTreeMap::new();
        let releases = site
            .releases
            .iter()
            .chain(site.held.releases.iter().map(|h| &h.release));
        for r in releases {
            for p in &r.photos {
                refs.entry(p.src.clone()).or_default().push(Ref {
                    src: r.src.clone(),
                    loc: p.loc,
                    field: p.field.key(),
                });
            }
        }
        let paths: BTreeSet<String> = site
            .assets
            .keys()
            .filter(|k| is_photo_path(k))
            .chain(refs.keys().filter(|k| site.assets.contains_key(*k)))
            .cloned()
            .collect();
        let store = if memory || paths.is_empty() {
            None
        } else {
            match photo::Photos::open(root, settings.clone()) {
                Ok(s) => Some(Arc::new(s)),
                Err(e) => {
                    diags.push(
                        Diagnostic::new(Code::OtherError, ".gongbo/photos", e.message())
                            .hint(e.hint()),
                    );
                    None
                }
            }
        };
        let list: Vec<&String> = paths.iter().collect();
        let found: Vec<Result<Described, PhotoError>> = list
            .par_iter()
            .map(|rel| {
                let file = abs(root, rel);
                match &store {
                    Some(s) => s.describe(&file),
                    None => photo::probe_file(&file, &settings.limits).map(|probe| Described {
                        hash: photo::Hash::of(
                            &serde_json::to_vec(&probe).expect("a probe serializes"),
                        ),
                        probe,
                    }),
                }
            })
            .collect();
        let described: BTreeMap<String, Result<Described, PhotoError>> =
            paths.iter().cloned().zip(found).collect();
        diags.extend(clashes(described.keys()));
        let fingerprint = settings.fingerprint();
        let table = Photos::new(described.iter().filter_map(|(rel, d)| {
            let d = d.as_ref().ok()?;
            Some(shown(rel, d, &settings, &fingerprint, strings))
        }));
        let run = Run {
            root: root.to_path_buf(),
            store,
            described,
            refs,
            shown: BTreeSet::new(),
            encoding: None,
        };
        (run, table, diags)
    }

    /// Starts making the copies of every photo that could be described, on another
    /// thread (nothing happens for a run into memory).
    pub fn start(&mut self) {
        let Some(store) = self.store.clone() else {
            return;
        };
        let todo: Vec<(String, PathBuf)> = self
            .described
            .iter()
            .filter(|(_, d)| d.is_ok())
            .map(|(rel, _)| (rel.clone(), abs(&self.root, rel)))
            .collect();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = cancel.clone();
        // A pool of their own: in the build's pool the photos' jobs would come before
        // the pages' (a worker takes its own queue's jobs before those sent from
        // outside), and the pages would wait for every photo. Side by side, the page
        // build takes its share of the cores and is done in its usual time.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(rayon::current_num_threads())
            .thread_name(|i| format!("gongbo-photos-{i}"))
            .build()
            .ok();
        let handle = std::thread::spawn(move || {
            let make = || {
                todo.par_iter()
                    .filter(|_| !stop.load(Ordering::Relaxed))
                    .map(|(rel, file)| (rel.clone(), store.process(file)))
                    .collect()
            };
            match pool {
                Some(pool) => pool.install(make),
                None => make(),
            }
        });
        self.encoding = Some(Encoding {
            cancel,
            handle: Some(handle),
        });
    }

    /// Records where the bodies show photos (published ones, then held-back ones, as
    /// index-aligned with the site's lists) and which photos published pages show;
    /// returns the problems of the photos that could not be described, at every place
    /// that names them.
    pub fn settle(&mut self, site: &Site, published: &Bodies, held: &Bodies) -> Vec<Diagnostic> {
        let body_refs = site
            .releases
            .iter()
            .map(|r| &r.src)
            .zip(&published.releases)
            .chain(site.pages.iter().map(|p| &p.src).zip(&published.pages))
            .chain(
                site.held
                    .releases
                    .iter()
                    .map(|h| &h.release.src)
                    .zip(&held.releases),
            )
            .chain(site.held.pages.iter().map(|p| &p.src).zip(&held.pages));
        for (src, body) in body_refs {
            for (path, loc) in &body.images {
                if self.described.contains_key(path) {
                    self.refs.entry(path.clone()).or_default().push(Ref {
                        src: src.clone(),
                        loc: *loc,
                        field: "body",
                    });
                }
            }
        }
        let front = site.releases.iter().flat_map(|r| &r.photos).map(|p| &p.src);
        let body = published
            .releases
            .iter()
            .chain(&published.pages)
            .flat_map(|b| &b.images)
            .map(|(p, _)| p);
        self.shown = front.chain(body).cloned().collect();
        let mut diags = Vec::new();
        for (rel, d) in &self.described {
            if let Err(e) = d {
                diags.extend(self.located(rel, e));
            }
        }
        diags
    }

    /// The problems of the photos being made, for a build that stops with `diags`
    /// (every problem of a build is reported at once): waits for the copies, which stay
    /// cached for the next build.
    pub fn fail(&mut self, mut diags: Diagnostics) -> Diagnostics {
        if let Some(mut encoding) = self.encoding.take() {
            if let Some(Ok(made)) = encoding.handle.take().map(|h| h.join()) {
                for (rel, r) in made {
                    if let Err(e) = r {
                        diags.extend(self.located(&rel, &e));
                    }
                }
            }
            if let Some(store) = &self.store {
                let _ = store.finish();
            }
        }
        diags
    }

    /// Whether copies are being made (what the build then waits for).
    pub fn making(&self) -> bool {
        self.encoding.is_some()
    }

    /// Whether the build leaves `rel` (a file under content/) to this run.
    pub fn owns(&self, rel: &str) -> bool {
        self.store.is_some() && self.described.contains_key(rel)
    }

    /// Waits for the copies and puts the published photos' files among the outputs;
    /// saves the cache's records (and, after a complete build, drops the entries no
    /// photo used). The problems met while making them are returned, located.
    pub fn publish(&mut self, site: &Site, outputs: &Outputs<'_>) -> Result<(), Diagnostics> {
        let Some(mut encoding) = self.encoding.take() else {
            return Ok(());
        };
        let made = match encoding.handle.take().map(|h| h.join()) {
            Some(Ok(made)) => made,
            _ => {
                let mut d = Diagnostics::new();
                d.push(
                    Diagnostic::new(
                        Code::OtherError,
                        ".gongbo/photos",
                        t!("gongbo stopped while making the copies of the photos"),
                    )
                    .hint(t!(
                        "this is a bug in gongbo: please report it with the photos attached"
                    )),
                );
                return Err(d);
            }
        };
        let mut diags = Diagnostics::new();
        let mut ok = Vec::new();
        for (rel, r) in made {
            match r {
                Ok(p) => ok.push((rel, p)),
                Err(e) => diags.extend(self.located(&rel, &e)),
            }
        }
        if let Some(store) = &self.store {
            let saved = if diags.has_errors() {
                store.finish().map(|_| ())
            } else {
                store.prune().map(|_| ())
            };
            if let Err(e) = saved {
                diags.push(
                    Diagnostic::new(Code::OtherError, ".gongbo/photos", e.message()).hint(e.hint()),
                );
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        for (rel, p) in ok {
            if !site.assets.contains_key(&rel) {
                continue; // held back with its release
            }
            outputs.put_copied(OutputFile::copy(rel.clone(), p.original.path.clone()));
            if !self.shown.contains(&rel) {
                continue;
            }
            let planned = site.photos.get(&rel);
            for d in p.webp.iter().chain(&p.jpeg) {
                let ext = d.format.extension();
                let path = route::photo_copy(&rel, d.width, ext);
                let expected = planned.is_some_and(|s| {
                    s.webp
                        .iter()
                        .chain(&s.jpeg)
                        .any(|c| c.path == path && c.height == d.height)
                });
                if !expected {
                    diags.push(Diagnostic::new(
                        Code::OtherError,
                        format!("content/{rel}"),
                        t!("gongbo made a {width} × {height} copy of this photo that its pages do not show", width = d.width, height = d.height),
                    ).hint(t!("this is a bug in gongbo: please report it with the photo attached")));
                }
                outputs.put_copied(OutputFile::copy(path, d.path.clone()));
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(())
    }

    /// `e` as a diagnostic at every place that names the photo `rel` (or at the file).
    fn located(&self, rel: &str, e: &PhotoError) -> Vec<Diagnostic> {
        let code = if e.problem.is_cache() {
            Code::OtherError
        } else {
            Code::BadPhoto
        };
        match self.refs.get(rel).filter(|r| !r.is_empty()) {
            Some(refs) => refs
                .iter()
                .map(|r| {
                    let file = format!("content/{rel}");
                    Diagnostic::new(
                        code,
                        &r.src,
                        t!("{file}: {problem}", file, problem = e.message()),
                    )
                    .at(r.loc)
                    .field(r.field)
                    .hint(e.hint())
                })
                .collect(),
            None => {
                vec![Diagnostic::new(code, format!("content/{rel}"), e.message()).hint(e.hint())]
            }
        }
    }
}

/// Two photos whose copies would have the same names (`a.jpg` and `a.png`, or two
/// names that differ only in case, which many hosts serve as one).
fn clashes<'a>(paths: impl Iterator<Item = &'a String>) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<String, &String> = BTreeMap::new();
    let mut out = Vec::new();
    for rel in paths {
        let copy = route::photo_copy(rel, 0, "webp").to_lowercase();
        match seen.get(&copy) {
            Some(first) => out.push(
                Diagnostic::new(
                    Code::Duplicate,
                    format!("content/{rel}"),
                    t!("this photo and content/{first} would publish their smaller copies under the same names", first = first.as_str()),
                )
                .hint(t!("rename one of the two files")),
            ),
            None => {
                seen.insert(copy, rel);
            }
        }
    }
    out
}

/// The photo table's entry for a described photo.
fn shown(
    rel: &str,
    d: &Described,
    settings: &Settings,
    fingerprint: &[u8],
    strings: Option<&PerLang<Strings>>,
) -> Shown {
    let plan = settings.plan(&d.probe);
    let copies = |sizes: &[(u32, u32)], ext: &str| -> Vec<Copy> {
        sizes
            .iter()
            .map(|&(width, height)| Copy {
                path: route::photo_copy(rel, width, ext),
                width,
                height,
            })
            .collect()
    };
    let format = d.probe.format;
    let (w, h) = plan.shown;
    let download = PerLang::from_fn(|lang| {
        strings.map_or_else(String::new, |s| {
            fill(
                s.get(lang),
                "photo_download",
                &[
                    ("format", format.name()),
                    ("width", &w.to_string()),
                    ("height", &h.to_string()),
                ],
            )
        })
    });
    let fp: Fp = Hasher::new("photo")
        .str(rel)
        .str(d.hash.hex())
        .bytes(fingerprint)
        .str(&download.ko)
        .str(&download.en)
        .finish();
    Shown {
        src: rel.to_string(),
        format: format.name(),
        mime: format.mime(),
        width: w,
        height: h,
        webp: copies(&plan.webp, "webp"),
        jpeg: copies(&plan.jpeg, "jpg"),
        og: plan.og,
        download,
        fp,
    }
}
