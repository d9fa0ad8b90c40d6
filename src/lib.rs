//! gongbo: Markdown press releases become a bilingual static site.
//!
//! [`build`] runs the stages in order, each a function from one typed value to the next:
//! load config → load content (parse + check) → link → render Markdown → render pages and
//! the search index (side by side), emit feeds and sitemap → write. Files go into a
//! staging folder as they are made ([`types::Sink`]); a stage that reports errors stops
//! the build, and the staging folder is removed, so the output folder only ever changes
//! by the final swap.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// Diagnostics are our error values; they are returned once per file or build, never on
// a hot path, so boxing them would only add noise.
#![allow(clippy::result_large_err)]

// First, so that its `t!` (translatable text) is in scope in every module below.
#[macro_use]
pub mod diag;

pub mod address;
pub mod alt;
pub mod build;
pub mod check;
pub mod cms;
pub mod config;
pub mod content;
pub mod emit;
pub mod fp;
pub mod i18n;
pub mod init;
pub mod link;
pub mod markdown;
pub mod new;
pub mod output;
pub mod photo;
pub mod progress;
pub mod render;
pub mod route;
pub mod search;
pub mod serve;
pub mod time;
pub mod types;

use std::path::PathBuf;

use diag::{Diagnostic, Diagnostics};
use types::PerLang;

/// Everything a build needs from outside (the CLI reads env and clock, not the library).
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The reference time in seconds since the Unix epoch (now, or `SOURCE_DATE_EPOCH`).
    pub now_unix: i64,
    /// The user's home folder, which `--output` may never be.
    pub home: Option<PathBuf>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub files_written: usize,
    /// The files written (the others of the output were already as they should be).
    pub written: Vec<String>,
    pub pages: PerLang<usize>,
    pub releases: PerLang<usize>,
    pub held_back: Vec<link::HeldBack>,
    pub drafts_skipped: Vec<String>,
    /// Files under content/ held back with the releases that use them.
    pub held_files: Vec<link::HeldFile>,
    /// Editor backup and system files under content/, never published.
    pub ignored: Vec<String>,
    pub warnings: Diagnostics,
    /// Wall time of each stage.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// Where each held-back release and page would be: what `gongbo serve` previews.
    pub held_pages: Vec<HeldPage>,
    /// How many sources were read and parsed (the others came unchanged from the state
    /// kept by the previous build).
    pub parsed: usize,
}

/// A release or page a build held back, and the site-relative URL path of its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldPage {
    pub src: String,
    /// `releases/x/`, `en/about/`: the path of its `index.html` in a build that has it.
    pub path: String,
    /// When its embargo lifts; `None` for a draft.
    pub until: Option<time::SiteTime>,
}

/// Everything up to, not including, writing: the files of the site and the report.
pub struct Built {
    /// Wall time of each stage, for `--timings`.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// Every file of the site, sorted by path.
    pub files: Vec<types::OutputFile>,
    /// Every HTML page written but 404, as listed in the sitemap.
    pub pages: Vec<types::PageRecord>,
    pub site: link::Site,
    /// Heading ids of every body, by source path relative to `content/`, for lints that
    /// check `#anchor` links without rendering the Markdown again.
    pub heading_ids: std::collections::HashMap<String, Vec<String>>,
    pub warnings: Diagnostics,
}

/// Loads, checks, links and renders the site without writing anything.
pub fn render_site(opts: &BuildOptions) -> Result<Built, Diagnostics> {
    render_site_with(opts, &progress::Progress::default())
}

/// [`render_site`], reporting its stages in `progress` (the Markdown bodies and the
/// pages rendered are counted one by one).
pub fn render_site_with(
    opts: &BuildOptions,
    progress: &progress::Progress,
) -> Result<Built, Diagnostics> {
    let sink = output::Memory::default();
    let mut state = build::State::default();
    let r = build::run(opts, &mut state, build::Out::Memory(&sink), progress)?;
    drop(state);
    Ok(Built {
        timings: r.timings,
        files: sink.into_files(),
        // The state that shared them is dropped: the records are this run's alone.
        pages: std::sync::Arc::try_unwrap(r.pages).unwrap_or_else(|shared| (*shared).clone()),
        site: r.site,
        heading_ids: r.heading_ids,
        warnings: r.warnings,
    })
}

/// Builds the site at `opts.root` into `opts.output`, from scratch.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    build_with(opts, &progress::Progress::default())
}

/// [`build`], reporting its stages in `progress`.
pub fn build_with(
    opts: &BuildOptions,
    progress: &progress::Progress,
) -> Result<BuildReport, Diagnostics> {
    build_into(opts, &mut build::State::default(), progress)
}

/// What [`build_cached`] did besides the build: notes about the kept state (ignored,
/// not kept), for the user.
pub struct Cached {
    pub report: BuildReport,
    pub notes: Vec<diag::Text>,
}

/// Builds the site with the state kept in its `.gongbo/build/` from the previous build
/// (see [`build::store`]), so that only what changed is written, and keeps the new state
/// there. `clean`: ignore what is kept and build everything (the output folder is then
/// replaced whole).
pub fn build_cached(
    opts: &BuildOptions,
    clean: bool,
    progress: &progress::Progress,
) -> Result<Cached, Diagnostics> {
    let mut notes = Vec::new();
    let clock = std::time::Instant::now();
    let mut state = if clean {
        build::State::default()
    } else {
        let (state, note) = build::store::load(&opts.root);
        notes.extend(note);
        state
    };
    let kept_load = clock.elapsed();
    let root = opts.root.clone();
    // Once the output starts to change, the kept state no longer describes it.
    let report = build_into_with(
        opts,
        &mut state,
        progress,
        &|| build::store::forget(&root),
        link::Embargoes::Hold,
    )?;
    let mut report = report;
    let clock = std::time::Instant::now();
    if let Err(why) = build::store::save(&opts.root, &mut state) {
        notes.push(why);
    }
    report.timings.insert(0, ("state load", kept_load));
    report.timings.push(("state save", clock.elapsed()));
    // Freeing the state of a large site takes longer than anything left to do: it
    // happens beside the caller, which is usually about to exit anyway.
    build::free_aside(state);
    Ok(Cached { report, notes })
}

/// The site as it will be once every embargo has passed (and with its drafts, when
/// `opts.drafts`), for `gongbo serve`'s previews of held-back releases. Never a site to
/// publish: `gongbo build` has no way to ask for it.
pub fn build_preview(
    opts: &BuildOptions,
    state: &mut build::State,
) -> Result<BuildReport, Diagnostics> {
    build_into_with(
        opts,
        state,
        &progress::Progress::default(),
        &|| {},
        link::Embargoes::Preview,
    )
}

/// Builds the site into `opts.output` with what `state` kept of the previous build:
/// when its manifest describes the output folder as it is, only the files that changed
/// are written. `state` is left describing the new output (and emptied of the output's
/// description when the build fails after touching the folder).
pub fn build_into(
    opts: &BuildOptions,
    state: &mut build::State,
    progress: &progress::Progress,
) -> Result<BuildReport, Diagnostics> {
    build_into_with(opts, state, progress, &|| {}, link::Embargoes::Hold)
}

/// [`build_into`], calling `touching` right before the output folder starts to change;
/// `embargoes` says whether held-back releases are held (a site to publish) or shown
/// (serve's preview).
fn build_into_with(
    opts: &BuildOptions,
    state: &mut build::State,
    progress: &progress::Progress,
    touching: &dyn Fn(),
    embargoes: link::Embargoes,
) -> Result<BuildReport, Diagnostics> {
    // Nothing is touched (no folder made, no leftover of a killed build removed) until
    // the output folder is known to be one gongbo may replace.
    let checked = std::time::Instant::now();
    let target = output::target::check_target_kept(
        &opts.root,
        &opts.output,
        opts.home.as_deref(),
        state.listed.take(),
    )
    .map_err(one)?;
    state.listed.clone_from(&target.listed);
    let incremental = state
        .manifest
        .as_ref()
        .is_some_and(|m| m.describes(&target));
    if !incremental {
        state.manifest = None;
        // The whole folder is replaced: it must hold nothing but gongbo's files.
        output::deep_check(&target).map_err(one)?;
    }
    let checked = checked.elapsed();
    // Pages are written into the staging folder as they are rendered; a failed build
    // drops it, which removes the folder and leaves the previous output untouched.
    let staging = output::Staging::new(&target)?;
    let out = build::Out::Staging {
        staging: &staging,
        incremental,
    };
    let built = build::run_as(opts, state, out, progress, embargoes)?;
    progress.stage("write");
    let started = std::time::Instant::now();
    let all: Vec<&str> = built.files.keys().map(String::as_str).collect();
    // Until the new manifest is in place the output is not what any manifest says. (The
    // old one lists every file of a large site: freed beside the write.)
    build::free_aside(state.manifest.take());
    touching();
    let files_written = if incremental {
        staging.commit_changes(&all)?
    } else {
        staging.commit()?
    };
    let html = |lang: types::Lang| {
        all.iter()
            .filter(|f| f.ends_with(".html") && route::lang_of(f) == lang)
            .count()
    };
    let pages = PerLang::from_fn(html);
    state.manifest = Some(build::Manifest {
        output: target.real.clone(),
        files: built.files,
        pages: Some(built.signed),
    });
    let mut timings = vec![("output check", checked)];
    timings.extend(built.timings);
    timings.push(("write", started.elapsed()));
    let site = &built.site;
    let report = BuildReport {
        files_written,
        written: built.written,
        pages,
        releases: PerLang::from_fn(|l| site.releases_in(l).count()),
        held_back: site.held_back.clone(),
        drafts_skipped: site.drafts_skipped.clone(),
        held_files: site.held.files.clone(),
        ignored: site.ignored.clone(),
        warnings: built.warnings,
        timings,
        held_pages: held_pages(site),
        parsed: built.parsed,
    };
    build::free_aside(built.site);
    Ok(report)
}

fn held_pages(site: &link::Site) -> Vec<HeldPage> {
    let releases = site.held.releases.iter().map(|h| HeldPage {
        src: h.release.src.clone(),
        path: route::release_path(h.release.lang, &h.release.slug),
        until: h.until,
    });
    let pages = site.held.pages.iter().map(|p| HeldPage {
        src: p.src.clone(),
        path: route::plain_path(p.lang, &p.slug),
        until: None,
    });
    releases.chain(pages).collect()
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}
