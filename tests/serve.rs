//! Issue 7, point 3: `gongbo serve` serves the last good build, rebuilds on change, tells
//! pages to reload over Server-Sent Events, shows build errors on the page, and never
//! serves anything outside its output folder.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::{repo, SiteTest, NOW};

/// A running `gongbo serve`, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited").unwrap();
        if let Some(rest) = line.strip_prefix("serving at http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

/// A raw GET (the path is sent exactly as given): (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).unwrap().parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Subscribes to the event stream; each `event:`/`data:` pair arrives as one string.
fn events(addr: &str) -> mpsc::Receiver<String> {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET /__gongbo/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { break };
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                if tx.send(format!("{event} {d}")).is_err() {
                    break;
                }
            }
        }
    });
    rx
}

fn next_reload(rx: &mpsc::Receiver<String>) -> String {
    loop {
        let e = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("no reload event");
        if e.starts_with("reload ") {
            return e;
        }
    }
}

#[test]
fn rebuilds_reloads_shows_errors_and_recovers() {
    let s = SiteTest::from_fixture("check/base");
    s.write("static/자료/안내.txt", "한글 파일\n");
    let server = start(s.root());
    let a = server.addr.as_str();

    let (status, home) = get(a, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("<script src=\"/__gongbo/reload.js\"></script>"),
        "{home}"
    );
    let (status, js) = get(a, "/__gongbo/reload.js");
    assert_eq!(status, 200);
    assert!(js.contains("EventSource(\"/__gongbo/events\")"));

    let rx = events(a);
    assert!(rx
        .recv_timeout(Duration::from_secs(10))
        .unwrap()
        .starts_with("hello "));

    // An edit: the reload event, then the new content.
    let en = std::fs::read_to_string(s.root().join("content/releases/budget.en.md")).unwrap();
    s.write(
        "content/releases/budget.en.md",
        &en.replace("Budget of 400 billion won confirmed", "Budget revised"),
    );
    assert!(next_reload(&rx).ends_with(" ok"));
    let (_, page) = get(a, "/en/releases/budget/");
    assert!(page.contains("Budget revised"), "{page}");

    // A broken file: the errors on the page, escaped, over the last good build.
    s.write(
        "content/releases/budget.en.md",
        &en.replace("date: 2021-03-02", "date: <b>soon</b>"),
    );
    assert!(next_reload(&rx).ends_with(" failed"));
    let (status, page) = get(a, "/en/releases/budget/");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"gongbo-errors\""), "{page}");
    assert!(page.contains("content/releases/budget.en.md:3:7"), "{page}");
    assert!(
        page.contains("&lt;b&gt;soon&lt;/b&gt;") && !page.contains("<b>soon</b>"),
        "{page}"
    );
    assert!(
        page.contains("Budget revised"),
        "the last good build is still served"
    );

    // Fixed: the overlay goes away.
    s.write("content/releases/budget.en.md", &en);
    assert!(next_reload(&rx).ends_with(" ok"));
    let (_, page) = get(a, "/en/releases/budget/");
    assert!(!page.contains("gongbo-errors"));
    assert!(page.contains("Budget of 400 billion won confirmed"));

    // Korean file names, percent-encoded.
    let (status, body) = get(a, "/%EC%9E%90%EB%A3%8C/%EC%95%88%EB%82%B4.txt");
    assert_eq!((status, body.as_str()), (200, "한글 파일\n"));

    // Nothing outside the output folder.
    for bad in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsite.toml",
        "/en%2f..%2f..%2fsite.toml",
        "/..%5csite.toml",
        "/..\\site.toml",
    ] {
        let (status, body) = get(a, bad);
        assert_eq!(status, 404, "{bad}");
        assert!(!body.contains("base_url"), "{bad}");
    }
}

#[test]
fn a_site_that_never_built_shows_its_errors() {
    let s = SiteTest::from_fixture("check/base");
    s.write(
        "content/releases/bad.ko.md",
        "---\ntitle: 가\ndate: 2021-02-30\n---\n",
    );
    let server = start(s.root());
    let (status, page) = get(&server.addr, "/");
    assert_eq!(status, 500);
    assert!(page.contains("content/releases/bad.ko.md:3:7"), "{page}");
}

/// The edit → reload-event time on the repository's own site. Prints the numbers; the
/// bound asserted is loose (debug builds, busy CI machines), the goal is under 300 ms.
#[test]
fn edit_to_reload_on_the_real_site() {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(repo())
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() > 1
                || ["content", "themes", "site.toml", "static", "templates"]
                    .contains(&name.as_ref())
        })
    {
        let e = entry.unwrap();
        let dest = dir.path().join(e.path().strip_prefix(repo()).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    let server = start(dir.path());
    let rx = events(&server.addr);
    rx.recv_timeout(Duration::from_secs(10)).unwrap();
    let file = dir
        .path()
        .join("content/releases/2021-11-22-groundbreaking.en.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut times = Vec::new();
    for i in 0..5 {
        let started = Instant::now();
        std::fs::write(
            &file,
            text.replace("\n---\n", &format!("\n---\nEdit {i}.\n\n")),
        )
        .unwrap();
        assert!(next_reload(&rx).ends_with(" ok"));
        let event = started.elapsed();
        let (_, page) = get(&server.addr, "/en/releases/2021-11-22-groundbreaking/");
        let visible = started.elapsed();
        assert!(page.contains(&format!("Edit {i}.")), "edit {i} not visible");
        times.push((event.as_millis(), visible.as_millis()));
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("edit → reload event, → new page fetched (ms): {times:?}");
    let best = times.iter().map(|t| t.1).min().unwrap();
    assert!(best < 3000, "edit to visible took {best} ms");
}
