//! `gongbo serve`: build into a temporary folder, serve it over HTTP on loopback, watch
//! the site's sources, rebuild on change and tell open pages to reload (Server-Sent Events).
//!
//! A failed rebuild keeps the last good build online and adds an overlay listing the
//! errors to every HTML page. The library never prints: what happens is reported through
//! the `on_event` callback, and the clock through `now`, both given by the CLI.

pub mod files;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::BuildOptions;

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
    },
    Failed {
        generation: u64,
        diagnostics: Diagnostics,
    },
    /// Something the server could not do (watch a folder, answer a request).
    Problem(String),
}

/// How to serve.
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
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
    /// Bumped by every build, good or not; SSE clients wait on it.
    generation: u64,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

/// The folders and files watched for changes, relative to the root.
pub const WATCHED: [&str; 5] = ["content", "themes", "templates", "static", "site.toml"];

/// Serves until the process ends; returns only if the server cannot start.
pub fn run(opts: Options) -> Result<(), String> {
    let server = tiny_http::Server::http((opts.bind, opts.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = server.server_addr().to_ip().ok_or("no IP address")?;
    remove_stale(&std::env::temp_dir());
    let base = std::env::temp_dir().join(format!(
        "gongbo-serve-{}-{}",
        std::process::id(),
        addr.port()
    ));
    crate::output::create_serve_folder(&base)
        .map_err(|e| format!("cannot create {}: {e}", base.display()))?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        changed: Condvar::new(),
    });
    let opts = Arc::new(opts);
    let base_url = format!("http://{addr}/");
    rebuild(&opts, &shared, &base, &base_url);
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            if !matches!(ev.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(());
            }
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for w in WATCHED {
        let p = opts.root.join(w);
        if p.exists() {
            let mode = if p.is_dir() {
                notify::RecursiveMode::Recursive
            } else {
                notify::RecursiveMode::NonRecursive
            };
            if let Err(e) = notify::Watcher::watch(&mut watcher, &p, mode) {
                (opts.on_event)(Event::Problem(format!("cannot watch {}: {e}", p.display())));
            }
        }
    }
    {
        let (opts, shared, base) = (opts.clone(), shared.clone(), base.clone());
        std::thread::spawn(move || {
            let _watcher = watcher;
            while rx.recv().is_ok() {
                // Editors write a file in several steps: wait until they are done.
                while rx.recv_timeout(Duration::from_millis(25)).is_ok() {}
                rebuild(&opts, &shared, &base, &base_url);
            }
        });
    }
    (opts.on_event)(Event::Listening(addr));
    for request in server.incoming_requests() {
        let shared = shared.clone();
        let opts = opts.clone();
        std::thread::spawn(move || {
            if let Err(e) = answer(request, &shared) {
                (opts.on_event)(Event::Problem(format!("request failed: {e}")));
            }
        });
    }
    Ok(())
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

fn rebuild(opts: &Options, shared: &Shared, base: &Path, base_url: &str) {
    let started = Instant::now();
    let generation = shared.state.lock().expect("state lock").generation + 1;
    let out = base.join(format!("site-{generation}"));
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        output: out.clone(),
        base_url: Some(base_url.to_string()),
        drafts: opts.drafts,
        now_unix: (opts.now)(),
        home: None,
    };
    let result = crate::build(&build_opts);
    let mut state = shared.state.lock().expect("state lock");
    state.generation = generation;
    let event = match result {
        Ok(report) => {
            state.overlay = None;
            if let Some(old) = state.dir.replace(out) {
                // Requests still reading the old build hold their files open; unix keeps them.
                let _ = std::fs::remove_dir_all(old);
            }
            Event::Built {
                generation,
                took: started.elapsed(),
                files: report.files_written,
                timings: report.timings,
            }
        }
        Err(diags) => {
            state.overlay = Some(files::overlay(&diags));
            Event::Failed {
                generation,
                diagnostics: diags,
            }
        }
    };
    drop(state);
    shared.changed.notify_all();
    (opts.on_event)(event);
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn answer(request: tiny_http::Request, shared: &Shared) -> std::io::Result<()> {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == files::EVENTS {
        return events(request, shared);
    }
    if path == files::RELOAD_JS {
        let r = tiny_http::Response::from_string(files::RELOAD_SCRIPT)
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
            .with_header(header("Cache-Control", "no-store"));
        return request.respond(r);
    }
    let (dir, overlay) = {
        let s = shared.state.lock().expect("state lock");
        (s.dir.clone(), s.overlay.clone())
    };
    let Some(dir) = dir else {
        let page = files::inject("<!doctype html><html><head><meta charset=\"utf-8\"><title>gongbo serve</title></head><body></body></html>", overlay.as_deref());
        let r = tiny_http::Response::from_string(page)
            .with_status_code(500)
            .with_header(header("Content-Type", "text/html; charset=utf-8"));
        return request.respond(r);
    };
    let (status, file) = match files::resolve(&dir, &url) {
        Some(f) => (200, Some(f)),
        None => (404, files::resolve(&dir, "/404.html")),
    };
    let Some(file) = file else {
        return request
            .respond(tiny_http::Response::from_string("not found").with_status_code(404));
    };
    let kind = files::content_type(&file);
    let mut bytes = std::fs::read(&file)?;
    if kind.starts_with("text/html") {
        bytes = files::inject(&String::from_utf8_lossy(&bytes), overlay.as_deref()).into_bytes();
    }
    let r = tiny_http::Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"));
    request.respond(r)
}

/// Holds the connection open and sends `event: reload` after every build.
fn events(request: tiny_http::Request, shared: &Shared) -> std::io::Result<()> {
    let mut seen = shared.state.lock().expect("state lock").generation;
    let mut w = request.into_writer();
    w.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    w.write_all(format!("retry: 500\nevent: hello\ndata: {seen}\n\n").as_bytes())?;
    w.flush()?;
    loop {
        let state = shared.state.lock().expect("state lock");
        let (state, timeout) = shared
            .changed
            .wait_timeout_while(state, Duration::from_secs(15), |s| s.generation == seen)
            .expect("state lock");
        if timeout.timed_out() {
            drop(state);
            // A comment keeps proxies from closing the stream and finds dead clients.
            w.write_all(b": ping\n\n")?;
        } else {
            seen = state.generation;
            let failed = state.overlay.is_some();
            drop(state);
            let data = if failed { "failed" } else { "ok" };
            w.write_all(format!("event: reload\ndata: {seen} {data}\n\n").as_bytes())?;
        }
        w.flush()?;
    }
}
