//! Issue 6: the search page in headless Chromium. Builds the search fixture, serves it on
//! 127.0.0.1 (random port, `Content-Security-Policy: default-src 'self'`) from a small
//! std-only file server, and runs `node tests/browser/search.test.mjs`.
//!
//! Needs `node`, `/usr/bin/chromium` and `tests/browser/node_modules` (`npm ci` there).
//! Without them the test prints why and passes, unless `GONGBO_BROWSER_TESTS=required`.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use support::{repo, SiteTest};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Serves `root` until dropped.
struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(root: PathBuf) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let root = root.clone();
                        std::thread::spawn(move || serve(stream, &root));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            port,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn serve(stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Skip the headers.
    let mut h = String::new();
    while reader.read_line(&mut h).map(|n| n > 2).unwrap_or(false) {
        h.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = percent_decode(target.split('?').next().unwrap_or("/"));
    let mut file = root.join(path.trim_start_matches('/'));
    if path.contains("..") {
        file = root.join("missing");
    } else if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(b) => ("200 OK", b),
        Err(_) => ("404 Not Found", b"not found".to_vec()),
    };
    let mime = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\
         Content-Security-Policy: default-src 'self'\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut w = &stream;
    let _ = w
        .write_all(head.as_bytes())
        .and_then(|_| w.write_all(&body));
}

/// Why the browser test cannot run here, if it cannot.
fn missing() -> Option<String> {
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.map(|o| o.status.success()).unwrap_or(false) {
        return Some("`node` is not installed".into());
    }
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is not installed"));
    }
    if !repo()
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        return Some(
            "tests/browser/node_modules is missing (run `npm ci` in tests/browser)".into(),
        );
    }
    None
}

/// The tokenizer cases and the query fixture as one JSON file for the script.
fn fixture_json(dir: &Path) -> PathBuf {
    let read = |rel: &str| -> toml::Value {
        toml::from_str(&std::fs::read_to_string(repo().join(rel)).unwrap()).unwrap()
    };
    let spec = read("tests/fixtures/search/tokenizer.toml");
    let queries = read("tests/fixtures/search/queries.toml");
    let json = serde_json::json!({
        "tokenizer": spec["case"],
        "shards": spec["shard"],
        "queries": queries["query"],
    });
    let path = dir.join("search-fixture.json");
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    path
}

#[test]
fn search_in_headless_chromium() {
    if let Some(why) = missing() {
        if std::env::var("GONGBO_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!("GONGBO_BROWSER_TESTS=required but {why}");
        }
        eprintln!("SKIPPED search browser test: {why} (set GONGBO_BROWSER_TESTS=required to fail instead)");
        return;
    }
    let site = SiteTest::from_fixture("search/site");
    site.build();
    let fixture = fixture_json(site.root());
    let server = Server::start(site.out());
    let out = std::process::Command::new("node")
        .arg(repo().join("tests/browser/search.test.mjs"))
        .arg(format!("http://127.0.0.1:{}", server.port))
        .arg(&fixture)
        .arg(repo().join("themes/default/static/search.js"))
        .output()
        .unwrap();
    drop(server);
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the browser test failed");
}
