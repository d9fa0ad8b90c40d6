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

pub mod address;
pub mod check;
pub mod config;
pub mod content;
pub mod diag;
pub mod emit;
pub mod fp;
pub mod i18n;
pub mod init;
pub mod link;
pub mod markdown;
pub mod new;
pub mod output;
pub mod progress;
pub mod render;
pub mod route;
pub mod search;
pub mod serve;
pub mod time;
pub mod types;

use rayon::prelude::*;
use std::path::PathBuf;

use diag::{Code, Diagnostic, Diagnostics};
use types::{PerLang, Sink};

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

/// What a render reports besides the files it put into its sink: [`Built`] without files.
struct Rendered {
    timings: Vec<(&'static str, std::time::Duration)>,
    pages: Vec<types::PageRecord>,
    site: link::Site,
    heading_ids: std::collections::HashMap<String, Vec<String>>,
    warnings: Diagnostics,
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
    let r = render_into(opts, progress, &sink, Sources::Keep, link::Embargoes::Hold)?;
    Ok(Built {
        timings: r.timings,
        files: sink.into_files(),
        pages: r.pages,
        site: r.site,
        heading_ids: r.heading_ids,
        warnings: r.warnings,
    })
}

/// Whether the linked site keeps its Markdown sources once they are rendered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sources {
    /// `gongbo check` lints them.
    Keep,
    /// A build needs them no more: freeing them early lets the pages and the search
    /// index reuse the memory instead of asking the system for more.
    Drop,
}

/// Runs every stage up to writing, putting each file into `sink` as it is made.
fn render_into(
    opts: &BuildOptions,
    progress: &progress::Progress,
    sink: &dyn Sink,
    sources: Sources,
    embargoes: link::Embargoes,
) -> Result<Rendered, Diagnostics> {
    progress.stage("load");
    let config_text = std::fs::read(opts.root.join(config::FILE)).map_err(|e| {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::new(
                Code::SiteConfig,
                config::FILE,
                format!(
                    "cannot read {}: {e}",
                    opts.root.join(config::FILE).display()
                ),
            )
            .hint("run gongbo in the site's folder or pass --root DIR"),
        );
        d
    })?;
    let config_text = content::decode(config::FILE, config_text, Code::SiteConfig).map_err(one)?;
    let config = config::parse(&config_text, opts.base_url.as_deref())?;
    // Each stage runs on what the previous one could check, so one run reports the
    // problems of every stage; nothing is rendered while any error stands.
    let mut timings = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let (content, mut diags) = content::load(&opts.root, &config);
    lap("load");
    let about = PerLang::from_fn(|l| {
        content
            .pages
            .iter()
            .find(|p| p.lang == l && p.stem == "about" && !p.draft)
            .map(|p| p.slug.clone())
    });
    let theme = render::load_theme(&opts.root, &config, &about)
        .map_err(|d| diags.extend(d))
        .ok();
    let now = time::reference_time(opts.now_unix, config.tz).map_err(|e| one(e.into()))?;
    let (mut site, link_diags) = link::link(
        content,
        config,
        link::Options {
            now,
            drafts: opts.drafts,
            embargoes,
        },
    );
    diags.extend(link_diags);
    lap("link");
    let held_count = site.held.releases.len() + site.held.pages.len();
    let count = site.releases.len() + site.pages.len() + held_count;
    progress.counted("markdown", count, "bodies");
    let (bodies, body_diags) = render_bodies(&site, progress);
    diags.extend(body_diags);
    // Held-back bodies are rendered for their checks (links, anchors, what they use)
    // and for nothing else.
    let (held_bodies, held_diags) = render_held_bodies(&site, progress);
    diags.extend(held_diags);
    diags.extend(link::held::settle(
        &mut site,
        &body_links(&bodies),
        &body_links(&held_bodies),
    ));
    if sources == Sources::Drop {
        site.releases
            .iter_mut()
            .chain(site.held.releases.iter_mut().map(|h| &mut h.release))
            .for_each(|r| r.body = String::new());
        site.pages
            .iter_mut()
            .chain(site.held.pages.iter_mut())
            .for_each(|p| p.body = String::new());
    }
    lap("markdown");
    let theme = match theme {
        Some(t) if !diags.has_errors() => t,
        _ => return Err(diags.sorted()),
    };
    let warnings = diags.sorted();
    let tick = |t: render::Tick| match t {
        render::Tick::Planned(pages) => progress.counted("render", pages, "pages"),
        render::Tick::Rendered => progress.tick(),
    };
    // The pages and the search index need only the linked site and the bodies, so they
    // are made side by side: each one's sequential steps run while the other keeps the
    // cores busy. Their timings overlap.
    let timed = |f: &dyn Fn() -> Result<Vec<types::PageRecord>, Diagnostics>| {
        let started = std::time::Instant::now();
        (f(), started.elapsed())
    };
    let ((pages, render_time), (_, search_time)) = rayon::join(
        || {
            timed(&|| {
                let pages = render::site(&site, &bodies, &theme, sink, &tick)?;
                let emitted = [
                    emit::feeds::files(&site, &bodies.releases),
                    emit::milestones::files(&site, &theme.strings),
                    emit::sitemap::files(&site.config, &pages, emit::sitemap::MAX_URLS),
                ];
                emitted.into_iter().flatten().for_each(|f| sink.put(f));
                // A site's own static/robots.txt wins over the generated one.
                if !theme.statics.iter().any(|f| f.path == "robots.txt") {
                    sink.put(emit::sitemap::robots(&site.config));
                }
                // What is left, if anything, is the search index.
                progress.stage("search");
                Ok(pages)
            })
        },
        || {
            timed(&|| {
                search::files(&site, &bodies, &theme.strings, sink);
                Ok(Vec::new())
            })
        },
    );
    let pages = pages?;
    lap("render+search");
    timings.push(("(render)", render_time));
    timings.push(("(search)", search_time));
    let heading_ids = heading_ids(&site, &bodies, &held_bodies);
    Ok(Rendered {
        timings,
        pages,
        site,
        heading_ids,
        warnings: warnings.sorted(),
    })
}

fn heading_ids(
    site: &link::Site,
    bodies: &markdown::Bodies,
    held: &markdown::Bodies,
) -> std::collections::HashMap<String, Vec<String>> {
    let ids = |src: &str, body: &markdown::Rendered| {
        (
            src.trim_start_matches("content/").to_string(),
            body.headings.iter().map(|h| h.id.clone()).collect(),
        )
    };
    let releases = site
        .releases
        .iter()
        .zip(&bodies.releases)
        .map(|(r, b)| ids(&r.src, b));
    let pages = site
        .pages
        .iter()
        .zip(&bodies.pages)
        .map(|(p, b)| ids(&p.src, b));
    let held_releases = site
        .held
        .releases
        .iter()
        .zip(&held.releases)
        .map(|(h, b)| ids(&h.release.src, b));
    let held_pages = site
        .held
        .pages
        .iter()
        .zip(&held.pages)
        .map(|(p, b)| ids(&p.src, b));
    releases
        .chain(pages)
        .chain(held_releases)
        .chain(held_pages)
        .collect()
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}

fn body_links(b: &markdown::Bodies) -> link::held::BodyLinks<'_> {
    link::held::BodyLinks {
        releases: b.releases.iter().map(|r| r.links.as_slice()).collect(),
        pages: b.pages.iter().map(|p| p.links.as_slice()).collect(),
    }
}

/// The published bodies, index-aligned with `site.releases` and `site.pages`.
fn render_bodies(
    site: &link::Site,
    progress: &progress::Progress,
) -> (markdown::Bodies, Vec<Diagnostic>) {
    let releases = site
        .releases
        .iter()
        .map(|r| (&*r.src, &*r.body, r.body_line));
    let pages = site.pages.iter().map(|p| (&*p.src, &*p.body, p.body_line));
    render_all(site, releases.collect(), pages.collect(), progress)
}

/// The held-back bodies, index-aligned with `site.held.releases` and `site.held.pages`.
fn render_held_bodies(
    site: &link::Site,
    progress: &progress::Progress,
) -> (markdown::Bodies, Vec<Diagnostic>) {
    let held = &site.held;
    let releases = held.releases.iter().map(|h| &h.release);
    let releases = releases.map(|r| (&*r.src, &*r.body, r.body_line));
    let pages = held.pages.iter().map(|p| (&*p.src, &*p.body, p.body_line));
    render_all(site, releases.collect(), pages.collect(), progress)
}

/// A body to render: its source path, its text and the file line it starts on.
type BodySource<'a> = (&'a str, &'a str, usize);

fn render_all(
    site: &link::Site,
    releases: Vec<BodySource<'_>>,
    pages: Vec<BodySource<'_>>,
    progress: &progress::Progress,
) -> (markdown::Bodies, Vec<Diagnostic>) {
    let base = site.config.base_path.as_str();
    let run = |&(src, body, body_line): &BodySource<'_>| {
        progress.tick();
        markdown::render(
            &markdown::Input {
                src,
                body,
                body_line,
                base_path: base,
            },
            &site.links,
        )
    };
    let releases: Vec<_> = releases.par_iter().map(run).collect();
    let pages: Vec<_> = pages.par_iter().map(run).collect();
    let mut diags = Vec::new();
    let mut unzip = |v: Vec<(markdown::Rendered, Vec<Diagnostic>)>| {
        v.into_iter()
            .map(|(r, d)| {
                diags.extend(d);
                r
            })
            .collect()
    };
    let bodies = markdown::Bodies {
        releases: unzip(releases),
        pages: unzip(pages),
    };
    (bodies, diags)
}

/// Builds the site at `opts.root` into `opts.output`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    build_with(opts, &progress::Progress::default())
}

/// [`build`], reporting its stages in `progress`.
pub fn build_with(
    opts: &BuildOptions,
    progress: &progress::Progress,
) -> Result<BuildReport, Diagnostics> {
    build_as(opts, progress, link::Embargoes::Hold)
}

/// The site as it will be once every embargo has passed (and with its drafts, when
/// `opts.drafts`), for `gongbo serve`'s previews of held-back releases. Never a site to
/// publish: `gongbo build` has no way to ask for it.
pub fn build_preview(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    build_as(
        opts,
        &progress::Progress::default(),
        link::Embargoes::Preview,
    )
}

fn build_as(
    opts: &BuildOptions,
    progress: &progress::Progress,
    embargoes: link::Embargoes,
) -> Result<BuildReport, Diagnostics> {
    // Nothing is touched (no folder made, no leftover of a killed build removed) until
    // the output folder is known to be one gongbo may replace.
    let checked = std::time::Instant::now();
    let target =
        output::check_target(&opts.root, &opts.output, opts.home.as_deref()).map_err(one)?;
    let checked = checked.elapsed();
    // Pages are written into the staging folder as they are rendered; a failed build
    // drops it, which removes the folder and leaves the previous output untouched.
    let staging = output::Staging::new(&target)?;
    let built = render_into(opts, progress, &staging, Sources::Drop, embargoes)?;
    progress.stage("write");
    let started = std::time::Instant::now();
    let [ko, en] = staging.html_counts();
    let files_written = staging.commit()?;
    let mut timings = vec![("output check", checked)];
    timings.extend(built.timings);
    timings.push(("write", started.elapsed()));
    let site = &built.site;
    Ok(BuildReport {
        files_written,
        pages: PerLang { ko, en },
        releases: PerLang::from_fn(|l| site.releases_in(l).count()),
        held_back: site.held_back.clone(),
        drafts_skipped: site.drafts_skipped.clone(),
        held_files: site.held.files.clone(),
        ignored: site.ignored.clone(),
        warnings: built.warnings,
        timings,
        held_pages: held_pages(site),
    })
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
