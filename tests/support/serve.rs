//! The one static file server of the browser tests: serves a built site on 127.0.0.1 (a
//! free port, never another address) with `Content-Security-Policy: default-src 'self'`,
//! so a page that needs inline script or style fails visibly. A directory serves its
//! `index.html`; unknown paths, and paths that would leave the site (`..`, also
//! percent-encoded, or a backslash), get the site's `/404.html` with status 404.
//!
//! [`Server::start_without_csp`] serves without that header, as most static hosts do:
//! what a file can do there is what it can do on a real site (the SVG tests).
//!
//! [`Server::start`] returns a guard: dropping it stops the server and waits for its
//! thread, so a test never leaves a listener behind. Each connection answers one request
//! (`Connection: close`) and gives up on a client that sends nothing for five seconds.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// A running server; stops when dropped.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves the folder `root` until the returned guard is dropped.
    pub fn start(root: &Path) -> Server {
        Server::start_with(root, true)
    }

    /// [`Server::start`] without the `Content-Security-Policy` header.
    pub fn start_without_csp(root: &Path) -> Server {
        Server::start_with(root, false)
    }

    fn start_with(root: &Path, csp: bool) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let root = root.to_path_buf();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                std::thread::spawn(move || {
                    let _ = handle(&root, stream, csp);
                });
            }
        });
        Server {
            addr,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the loop sees the flag and ends.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn handle(root: &Path, mut stream: TcpStream, csp: bool) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Skip the headers.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let (status, file) = match resolve(root, path) {
        Some(f) => ("200 OK", f),
        None => ("404 Not Found", root.join("404.html")),
    };
    let body = std::fs::read(&file).unwrap_or_else(|_| b"not found".to_vec());
    let policy = if csp {
        "Content-Security-Policy: default-src 'self'\r\n"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         {policy}Connection: close\r\n\r\n",
        mime(&file),
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)
}

/// The file a request path names inside `root`, if it exists and stays inside.
fn resolve(root: &Path, raw: &str) -> Option<PathBuf> {
    let path = String::from_utf8(gongbo::types::percent_decode(raw)).ok()?;
    if path.split('/').any(|s| s == "..") || path.contains('\\') || path.contains('\0') {
        return None;
    }
    let mut p = root.join(path.trim_start_matches('/'));
    if p.is_dir() {
        p = p.join("index.html");
    }
    p.is_file().then_some(p)
}

fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        Some("csv") => "text/csv; charset=utf-8",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
