//! `gongbo serve`: build into a temporary folder, serve it over HTTP on loopback, watch
//! the site's sources, rebuild on change and tell open pages to reload (Server-Sent Events).
//!
//! A failed rebuild keeps the last good build online and adds an overlay listing the
//! errors to every HTML page. The library never prints: what happens is reported through
//! the `on_event` callback, and the clock through `now`, both given by the CLI.
//!
//! This file holds the build and watch state and the routes; [`http`] is the protocol and
//! its limits, [`files`] maps request paths onto the built site, [`events`] feeds the
//! reload streams, [`preview`] serves held-back releases (embargoes, drafts) with a
//! banner where the built site has nothing, [`watch`] turns the watcher's reports into
//! the changes to rebuild, [`cms`] is the web editor at /admin/ with
//! its local backend, and [`text`] holds the sentences serve adds to pages.

pub mod cms;
mod events;
pub mod files;
pub mod http;
pub mod preview;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use crate::diag::{io_reason, Diagnostics, Text};
use crate::types::Lang;
use crate::BuildOptions;
use http::{lock, Request, Response, Route, Router};

/// What the server reports to its caller.
#[derive(Debug)]
pub enum Event {
    Listening(SocketAddr),
    Built {
        generation: u64,
        took: Duration,
        files: usize,
        /// Wall time of each stage of the build.
        timings: Vec<(&'static str, Duration)>,
        /// The held-back pages served as previews: their address, why.
        previews: Vec<(String, preview::Hold)>,
    },
    Failed {
        generation: u64,
        diagnostics: Diagnostics,
    },
    /// Something the server could not do (watch a folder, answer a request).
    Problem(Text),
    /// The site was built but the previews of its held-back releases were not.
    PreviewsFailed(Diagnostics),
}

/// How to serve.
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Preview drafts too (with a banner, at their own address; the site served stays
    /// what a build publishes).
    pub drafts: bool,
    /// The language of the error overlay.
    pub lang: Lang,
    /// The reference time for each build (seconds since the epoch).
    pub now: Box<dyn Fn() -> i64 + Send + Sync>,
    pub on_event: Box<dyn Fn(Event) + Send + Sync>,
}

#[derive(Default)]
struct State {
    /// The last good build, if any.
    dir: Option<PathBuf>,
    /// The overlay of the last failed build, cleared by a good one.
    overlay: Option<String>,
    /// The previews of what the last good build held back.
    previews: Arc<preview::Previews>,
    /// Bumped by every build, good or not.
    generation: u64,
    /// The open reload streams, told of every build.
    streams: events::Subscribers,
}

struct Shared {
    state: Mutex<State>,
}

/// The folders and files watched for changes, relative to the root.
pub const WATCHED: [&str; 5] = ["content", "themes", "templates", "static", "site.toml"];

/// How often open reload streams get a comment, so that dead clients are found.
const PING: Duration = Duration::from_secs(15);

/// Serves until the process ends; returns only if the server cannot start.
pub fn run(opts: Options) -> Result<(), Text> {
    let server = http::Server::bind(
        SocketAddr::new(opts.bind, opts.port),
        http::Limits::default(),
    )
    .map_err(|e| {
        t!(
            "cannot listen on {addr}: {reason}",
            addr = SocketAddr::new(opts.bind, opts.port).to_string(),
            reason = io_reason(&e)
        )
    })?;
    let addr = server.local_addr();
    remove_stale(&std::env::temp_dir());
    let base = std::env::temp_dir().join(format!(
        "gongbo-serve-{}-{}",
        std::process::id(),
        addr.port()
    ));
    crate::output::create_serve_folder(&base).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::AlreadyExists => t!(
                "something of that name is already there, and gongbo did not make it; remove it"
            ),
            _ => io_reason(&e),
        };
        t!(
            "cannot create {path}: {reason}",
            path = base.display().to_string(),
            reason
        )
    })?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
    });
    let opts = Arc::new(opts);
    let base_url = format!("http://{addr}/");
    // What each build keeps for the next, so a rebuild renders only what changed.
    let mut kept = crate::build::State::default();
    let mut kept_preview = crate::build::State::default();
    // The watcher starts before the first build: what changes while it runs is reported
    // (and built next), so the first rebuild too may trust the reports.
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Some(change) = watch::Change::of(res) else {
            return;
        };
        let _ = tx.send(change);
    })
    .map_err(|e| t!("cannot watch files: {reason}", reason = e.to_string()))?;
    // Whether every watched folder is watched: only then do the watcher's reports name
    // every change, so that a rebuild may trust them instead of walking content/.
    let mut complete = true;
    for w in WATCHED {
        let p = opts.root.join(w);
        complete &= w != "content" || p.is_dir();
        if p.exists() {
            let mode = if p.is_dir() {
                notify::RecursiveMode::Recursive
            } else {
                notify::RecursiveMode::NonRecursive
            };
            if let Err(e) = notify::Watcher::watch(&mut watcher, &p, mode) {
                complete = false;
                (opts.on_event)(Event::Problem(t!(
                    "cannot watch {path}: {reason}",
                    path = p.display().to_string(),
                    reason = e.to_string()
                )));
            }
        }
    }
    if complete {
        kept.content.watched();
        kept_preview.content.watched();
    }
    rebuild(
        &opts,
        &shared,
        &mut kept,
        &mut kept_preview,
        &base,
        &base_url,
    );
    {
        let (opts, shared, base) = (opts.clone(), shared.clone(), base.clone());
        std::thread::spawn(move || {
            let _watcher = watcher;
            loop {
                match rx.recv_timeout(PING) {
                    Ok(first) => {
                        let Some(changed) = watch::burst(&rx, first) else {
                            continue;
                        };
                        // The next load walks content/ again only if this cannot say
                        // what changed there.
                        kept.content.changed(changed.clone());
                        kept_preview.content.changed(changed);
                        rebuild(
                            &opts,
                            &shared,
                            &mut kept,
                            &mut kept_preview,
                            &base,
                            &base_url,
                        );
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => lock(&shared.state).streams.ping(),
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
        });
    }
    (opts.on_event)(Event::Listening(addr));
    let problems = {
        let opts = opts.clone();
        Arc::new(move |p: Text| (opts.on_event)(Event::Problem(p)))
    };
    let editor = {
        let (now, state) = (opts.clone(), shared.clone());
        Arc::new(cms::Editor::new(
            opts.root.clone(),
            Arc::new(move || (now.now)()),
            Arc::new(move || {
                let s = lock(&state.state);
                (s.generation, s.dir.is_some() && s.overlay.is_none())
            }),
        ))
    };
    server.run(routes(shared, editor), problems);
    Ok(())
}

/// What the server answers. The editor's API takes POST (cms.rs); every other route
/// takes GET and HEAD only; anything else is 405.
fn routes(shared: Arc<Shared>, editor: Arc<cms::Editor>) -> Router {
    let events = shared.clone();
    cms::routes(Router::new(), editor)
        .route(Route::get(http::Path::Exact(files::RELOAD_JS), |_| {
            Response::new(
                200,
                "text/javascript; charset=utf-8",
                http::Body::Bytes(files::RELOAD_SCRIPT.as_bytes().to_vec()),
            )
            .with_header("cache-control", "no-store")
        }))
        .route(
            // Only the server's own pages may listen (a foreign page could learn when the
            // preview changes).
            Route::get(http::Path::Exact(files::EVENTS), move |_| {
                let mut s = lock(&events.state);
                let generation = s.generation;
                s.streams.subscribe(generation)
            })
            .same_origin(),
        )
        .route(Route::get(http::Path::Any, move |req| page(&shared, req)))
}

/// A file of the last good build (HTML with the reload script and the error overlay), or
/// the site's 404 page.
fn page(shared: &Shared, req: &Request) -> Response {
    let (dir, overlay, previews) = {
        let s = lock(&shared.state);
        (s.dir.clone(), s.overlay.clone(), s.previews.clone())
    };
    let Some(dir) = dir else {
        let page = files::inject("<!doctype html><html><head><meta charset=\"utf-8\"><title>gongbo serve</title></head><body></body></html>", overlay.as_deref());
        return html(500, page).with_header("cache-control", "no-store");
    };
    let mut banner = None;
    let (status, file) = match files::resolve(&dir, &req.path) {
        Some(f) => (200, Some(f)),
        None => match previews.find(&req.path) {
            Some((f, hold)) => {
                banner = hold.map(preview::banner);
                (200, Some(f))
            }
            None => (404, files::resolve(&dir, "/404.html")),
        },
    };
    let Some(file) = file else {
        return Response::text(404, "not found");
    };
    let kind = files::content_type(&file);
    let opened = if kind.starts_with("text/html") {
        std::fs::read(&file).map(|bytes| {
            let mut page = String::from_utf8_lossy(&bytes).into_owned();
            if let Some(b) = &banner {
                page = files::inject_banner(&page, b);
            }
            html(status, files::inject(&page, overlay.as_deref()))
        })
    } else {
        std::fs::File::open(&file).and_then(|f| Response::file(status, kind, f))
    };
    match opened {
        Ok(r) => r.with_header("cache-control", "no-store"),
        // A rebuild replaced the folder between resolving and opening: ask again.
        Err(e) => Response::text(503, &format!("cannot read {}: {e}", file.display()))
            .with_header("retry-after", "1"),
    }
}

fn html(status: u16, page: String) -> Response {
    Response::new(
        status,
        "text/html; charset=utf-8",
        http::Body::Bytes(page.into_bytes()),
    )
}

/// Removes the folders of earlier `gongbo serve` runs whose process has ended (a server
/// stopped with Ctrl-C cannot clean up after itself). Only where `/proc` shows processes,
/// and only folders this user's gongbo serve made (a real folder with its marker): a
/// link or someone else's folder of the same name stays.
fn remove_stale(tmp: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("gongbo-serve-")
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new("/proc").join(pid.to_string()).exists()
            && crate::output::is_serve_folder(&e.path())
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Builds the site into `base/site` with what `kept` holds of the previous build, so
/// only what changed is rendered and written; tells the reload streams which pages did.
fn rebuild(
    opts: &Options,
    shared: &Shared,
    kept: &mut crate::build::State,
    kept_preview: &mut crate::build::State,
    base: &Path,
    base_url: &str,
) {
    let started = Instant::now();
    let generation = lock(&shared.state).generation + 1;
    let out = base.join("site");
    // The site as a build publishes it: drafts are previews, not part of it.
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        output: out.clone(),
        base_url: Some(base_url.to_string()),
        drafts: false,
        now_unix: (opts.now)(),
        home: None,
    };
    let result = crate::build_into(&build_opts, kept, &crate::progress::Progress::default());
    let previews = result.as_ref().ok().map(|report| {
        let dir = base.join("preview");
        preview::Previews::build(&build_opts, kept_preview, report, opts.drafts, dir)
            .unwrap_or_else(|d| {
                (opts.on_event)(Event::PreviewsFailed(d));
                preview::Previews::default()
            })
    });
    let mut state = lock(&shared.state);
    state.generation = generation;
    let (event, pages) = match result {
        Ok(report) => {
            state.overlay = None;
            state.dir = Some(out);
            let previews = Arc::new(previews.unwrap_or_default());
            let mut pages = files::page_paths(&report.written);
            pages.extend(previews.written());
            let listed = previews
                .list()
                .into_iter()
                .map(|(path, hold)| (format!("{}{}", base_url, &path[1..]), hold))
                .collect();
            state.previews = previews;
            let event = Event::Built {
                generation,
                took: started.elapsed(),
                files: report.files_written,
                timings: report.timings,
                previews: listed,
            };
            (event, Some(pages))
        }
        Err(diags) => {
            state.overlay = Some(files::overlay(&diags, opts.lang));
            let event = Event::Failed {
                generation,
                diagnostics: diags,
            };
            (event, None)
        }
    };
    let ok = matches!(event, Event::Built { .. });
    state.streams.reload(generation, ok, pages.as_deref());
    drop(state);
    (opts.on_event)(event);
}
