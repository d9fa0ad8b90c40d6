//! The build pipeline, incremental: load → link → bodies → plan → render what changed →
//! write.
//!
//! A [`State`] is what one build keeps for the next: the parsed sources
//! ([`content::Cache`]), what each body's render found ([`BodyCache`]), the search index
//! of each language, and the [`Manifest`] of the output folder, which says for every file
//! in it the signature of what it was made from. [`run`] does everything a clean build
//! does up to the point where it would render an output; then it renders, and writes,
//! only the outputs whose signature is not the one the manifest holds, and removes the
//! files the site no longer has. A clean build is a run with an empty state, and the two
//! give the same bytes.
//!
//! What decides a signature: for pages, [`render::Plan::signature`]; for feeds, the
//! globals and the releases they list; for files cheap to make (sitemap, open data,
//! robots.txt) and for the search index, the bytes themselves; for copied files, the
//! stamp of the file copied.
//!
//! Errors stop the build before anything is written. The files to write go into a
//! staging folder beside the output (as they are made); the commit then either swaps the
//! whole folder in (no usable manifest: a clean build) or moves each new file into place
//! and removes the stale ones (see [`crate::output::Staging`]).

mod bodies;
mod fps;
mod outputs;
mod pages;
mod photos;
mod rest;
mod shown;
mod state;
pub mod store;

use std::time::{Duration, Instant};

use crate::config;
use crate::content;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::emit;
use crate::fp::{Fp, Hasher};
use crate::link;
use crate::markdown::{Bodies, Rendered};
use crate::progress::Progress;
use crate::render;
use crate::time;
use crate::types::{OutputContent, OutputFile, PerLang, Sink};
use crate::BuildOptions;
pub use bodies::BodyCache;
use outputs::Outputs;
pub use state::{Manifest, Out, Outcome, State};

pub use crate::types::free_aside;

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}

/// Reads site.toml: its bytes (part of the globals) and the checked config.
fn read_config(opts: &BuildOptions) -> Result<(Vec<u8>, config::Config), Diagnostics> {
    let path = opts.root.join(config::FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        one(Diagnostic::new(
            Code::SiteConfig,
            config::FILE,
            t!(
                "cannot read {path}: {reason}",
                path = path.display().to_string(),
                reason = crate::diag::io_reason(&e)
            ),
        )
        .hint(t!("run gongbo in the site's folder or pass --root DIR")))
    })?;
    let text = content::decode(config::FILE, bytes.clone(), Code::SiteConfig).map_err(one)?;
    let config = config::parse(&text, opts.base_url.as_deref())?;
    Ok((bytes, config))
}

/// Wall time of each stage, as they end.
struct Laps {
    timings: Vec<(&'static str, Duration)>,
    clock: Instant,
}

impl Laps {
    fn new() -> Laps {
        Laps {
            timings: Vec::new(),
            clock: Instant::now(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        self.timings.push((name, self.clock.elapsed()));
        self.clock = Instant::now();
    }
}

/// Runs a build of the site at `opts.root` into `out`, with and into `state`.
pub fn run(
    opts: &BuildOptions,
    state: &mut State,
    out: Out<'_>,
    progress: &Progress,
) -> Result<Outcome, Diagnostics> {
    run_as(opts, state, out, progress, link::Embargoes::Hold)
}

/// [`run`], with releases under embargo held back (every real build) or published as
/// if their time had come (`gongbo serve`'s previews).
pub fn run_as(
    opts: &BuildOptions,
    state: &mut State,
    out: Out<'_>,
    progress: &Progress,
    embargoes: link::Embargoes,
) -> Result<Outcome, Diagnostics> {
    progress.stage("load");
    let mut laps = Laps::new();
    let (config_text, config) = read_config(opts)?;
    let memory = matches!(out, Out::Memory(_));
    let (mut content, mut diags) = content::load_with(
        &opts.root,
        &config,
        &config_text,
        (!memory).then_some(&mut state.content),
    );
    let fresh_pages = std::mem::take(&mut content.fresh_pages);
    let mut read = std::mem::take(&mut content.texts);
    let parsed = content.parsed;
    let context = content.shown;
    laps.lap("load");
    let about = PerLang::from_fn(|l| {
        content
            .pages
            .iter()
            .find(|p| p.lang == l && p.stem == "about" && !p.draft)
            .map(|p| p.slug.clone())
    });
    let theme = render::load_theme(&opts.root, &config, &about, state.theme.take())
        .map_err(|d| diags.extend(d))
        .ok();
    let now = time::reference_time(opts.now_unix, config.tz).map_err(|e| one(e.into()))?;
    // A page may not take the name of a static file at the root (`style.css`).
    let statics: Vec<String> = theme.as_ref().map_or_else(Vec::new, |t| {
        t.statics.iter().map(|f| f.path.clone()).collect()
    });
    let (mut site, link_diags) = link::link(
        content,
        config,
        link::Options {
            now,
            drafts: opts.drafts,
            statics: &statics,
            embargoes,
        },
        &mut state.link,
    );
    diags.extend(link_diags);
    laps.lap("link");
    // Photos are described before any body or page shows them, and made beside the rest.
    let strings = theme.as_ref().map(|t| &t.strings);
    let (mut photos, table, photo_diags) =
        photos::Run::describe(&opts.root, &site, memory, strings);
    site.photos = table;
    diags.extend(photo_diags);
    // Even when the build will fail: a photo that only decoding finds damaged is then
    // reported with the rest, and what is made stays cached.
    photos.start();
    laps.lap("photos");

    // Bodies: published releases, pages, then the held-back ones (rendered for their
    // checks and what they use, never written).
    let mut texts = bodies::Texts::take(&mut site, &mut read, &fresh_pages, memory);
    drop(read);
    let sources = bodies::sources(&site);
    progress.counted("markdown", sources.len(), "bodies");
    let (mut done, body_diags) = state
        .bodies
        .bodies(&opts.root, &site, &sources, &mut texts, progress);
    diags.extend(body_diags);
    drop(sources);
    let counts = [
        site.releases.len(),
        site.pages.len(),
        site.held.releases.len(),
    ];
    let mut rest = std::mem::take(&mut done.bodies);
    let held_pages = rest.split_off(counts[0] + counts[1] + counts[2]);
    let held_releases = rest.split_off(counts[0] + counts[1]);
    let pages = rest.split_off(counts[0]);
    let mut bodies = Bodies {
        releases: rest,
        pages,
    };
    let held = Bodies {
        releases: held_releases,
        pages: held_pages,
    };
    diags.extend(link::held::settle(
        &mut site,
        &bodies::links(&bodies),
        &bodies::links(&held),
    ));
    diags.extend(photos.settle(&site, &bodies, &held));
    let heading_ids = if memory {
        bodies::heading_ids(&site, &bodies, &held)
    } else {
        Default::default()
    };
    drop(held);
    // A run into memory gives the site back whole (`gongbo check` lints the texts); any
    // other keeps only the texts of bodies not rendered this build, for `load_html`.
    let texts = if memory {
        texts.restore(&mut site);
        None
    } else {
        Some(texts)
    };
    laps.lap("markdown");
    let theme = match theme {
        Some(t) if !diags.has_errors() => t,
        _ => return Err(photos.fail(diags).sorted()),
    };
    let warnings = diags.sorted();

    let globals = fps::globals(
        &config_text,
        opts.base_url.as_deref(),
        opts.drafts,
        context,
        &theme,
        &about,
    );
    let n = counts[0];
    let fps = fps::of_site(
        &site,
        globals,
        &|i| done.html[i],
        &|i| done.html[n + i],
        &mut state.releases,
    );
    let mut loaded = done.loaded;
    let (incremental, sink): (bool, &dyn Sink) = match &out {
        Out::Memory(m) => (false, *m),
        Out::Staging {
            staging,
            incremental,
        } => (*incremental, *staging),
    };
    state.settle_search();
    let old = incremental.then_some(state.manifest.as_ref()).flatten();
    if !incremental {
        state.search = PerLang::default();
    }
    let outputs = Outputs::new(old, sink);
    // The plan, from the last build's when the site's structure is the same.
    let key = render::kept::structure(&site, &fps);
    let plan = render::Plan::with_kept(&site, &theme, key, state.plan.take());
    let signed = plan.signed(&fps);
    let todo = outputs.pages_to_render(plan.pages(), &signed);
    // Feeds to write, and the bodies every output to write shows.
    let feeds = fps::feeds(&site, key, state.feeds.take());
    let feed_sigs: Vec<Fp> = feeds.iter().map(|f| fps::feed(f, &fps, &site)).collect();
    let feeds_todo: Vec<&emit::feeds::Feed> = feeds
        .iter()
        .zip(&feed_sigs)
        .filter(|(f, sig)| !outputs.unchanged(f.path(), **sig))
        .map(|(f, _)| f)
        .collect();
    let search_docs = fps::docs(&site, &fps, key, state.docs.take());
    let (wanted, read_again) = shown::wanted(n, &todo, &feeds_todo, &state.search, &search_docs);
    let sources = bodies::sources(&site);
    let mut all_bodies: Vec<std::sync::Arc<Rendered>> = std::mem::take(&mut bodies.releases);
    all_bodies.append(&mut bodies.pages);
    let count = all_bodies.len();
    let load_diags = bodies::load_html(
        &opts.root,
        &site,
        &sources[..count],
        texts.as_ref(),
        &mut all_bodies,
        &mut loaded[..count],
        &wanted,
    );
    if !load_diags.is_empty() {
        let mut d = Diagnostics::new();
        d.extend(load_diags);
        return Err(d.sorted());
    }
    drop(sources);
    drop(texts);
    let pages_bodies = all_bodies.split_off(n);
    let bodies = Bodies {
        releases: all_bodies,
        pages: pages_bodies,
    };
    laps.lap("plan");

    // Render and write what changed, the pages and the search index side by side. The
    // feeds first: they show the bodies of a few releases, which the pages then free.
    emit::feeds::write_each(&site, &feeds_todo, &bodies, &|f| outputs.write(f));
    let errors = pages::render_and_index(
        &pages::Stage {
            site: &site,
            plan: &plan,
            theme: &theme,
            outputs: &outputs,
            progress,
            todo: &todo,
            search_docs: &search_docs,
            read_again: &read_again,
        },
        bodies,
        &mut state.search,
    );
    let mut all = Diagnostics::new();
    all.extend(errors);
    if all.has_errors() {
        return Err(all.sorted());
    }
    let records = rest::whole_site(
        &site,
        &plan,
        &theme,
        &fps,
        &photos,
        &outputs,
        &mut state.open_data,
    );
    laps.lap("render+search");
    if photos.making() {
        progress.stage("photos");
    }
    photos.publish(&site, &outputs)?;
    laps.lap("photos (made beside)");
    let (files, written, problems) = outputs.finish();
    let kept = plan.into_kept(key, signed.clone(), fps, std::sync::Arc::clone(&records));
    if problems.has_errors() {
        return Err(problems);
    }
    state.plan = Some(kept);
    state.docs = Some(fps::KeptDocs::new(key, search_docs));
    state.feeds = Some(fps::ByStructure::new(key, feeds));
    state.theme = Some(theme);
    Ok(Outcome {
        parsed,
        site,
        warnings,
        pages: records,
        heading_ids,
        files,
        signed,
        written,
        timings: laps.timings,
    })
}

impl OutputFile {
    /// The signature of a file copied from elsewhere: the stamp of its source, or its
    /// bytes.
    fn copied_signature(&self) -> Fp {
        match &self.content {
            OutputContent::Bytes(b) => Fp::of(b),
            OutputContent::Copy(from) => {
                let mut h = Hasher::new("copy");
                h.str(&from.to_string_lossy());
                if let Ok(m) = std::fs::metadata(from) {
                    h.str(&format!("{:?}", content::Stamp::of(&m)));
                }
                h.finish()
            }
        }
    }
}
