//! Issue 7, point 3: `gongbo serve` serves the last good build, rebuilds on change, tells
//! pages to reload over Server-Sent Events, shows build errors on the page, and never
//! serves anything outside its output folder.
//!
//! Issue 13, point 6: it stays up and answers whatever its clients do: a flood of
//! connections (idle, slowloris, event streams), huge heads, foreign `Host` and `Origin`
//! values, wrong methods, unwanted bodies; and it never panics.
//!
//! Every server listens on 127.0.0.1 and is killed when its test ends. To check that
//! these tests fail on another build of gongbo (say main's, before the fix), point
//! `GONGBO_SERVE_BIN` at that binary.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::running::Running;
use support::{repo, SiteTest};

/// A raw GET (the path is sent exactly as given): (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let (status, text) = raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Sends `request` as it is and reads until the server closes (at most 10 s): the status
/// (0 when there was no answer) and the whole response.
fn raw(addr: &str, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).unwrap();
    read_response(&mut s)
}

fn read_response(s: &mut TcpStream) -> (u16, String) {
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
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
    let server = Running::start(s.root());
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
    // The event lists the pages the rebuild wrote: the edited one is among them, a
    // page it does not touch (the other release) is not.
    let reload = next_reload(&rx);
    assert!(reload.contains(" ok ["), "{reload}");
    assert!(reload.contains("\"/en/releases/budget/\""), "{reload}");
    assert!(!reload.contains("\"/search/\""), "{reload}");
    let (_, page) = get(a, "/en/releases/budget/");
    assert!(page.contains("Budget revised"), "{page}");

    // A broken file: the errors on the page, escaped, over the last good build.
    s.write(
        "content/releases/budget.en.md",
        &en.replace("date: 2021-03-02", "date: <b>soon</b>"),
    );
    assert!(next_reload(&rx).contains(" failed"));
    let (status, page) = get(a, "/en/releases/budget/");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"gongbo-errors\""), "{page}");
    // Issue 16: the list folds away (a `<details>`), so the page below can be read.
    assert!(
        page.contains("<details id=\"gongbo-errors\" open"),
        "{page}"
    );
    assert!(page.contains("<summary"), "{page}");
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
    assert!(next_reload(&rx).contains(" ok"));
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

/// Issue 16, point 5: an embargoed release is served at its address with a banner
/// saying when it goes public, with the files only it uses; drafts only with `--drafts`;
/// the site served (lists, home page) and a build stay without them.
#[test]
fn held_back_releases_are_previewed_with_a_banner_and_never_built() {
    let s = SiteTest::from_fixture("check/base");
    // NOW is 2025-11-25 01:00 in Seoul.
    s.write("content/files/plan.pdf", "%PDF-1.4 plan\n");
    s.write(
        "content/releases/later.ko.md",
        "---\ntitle: 보도시점 뒤 공개\ndate: 2025-11-25\nembargo: 2025-12-01T10:00\nattachments:\n  - path: files/plan.pdf\n    title: 계획\n---\n나중에 공개합니다.\n",
    );
    s.write(
        "content/releases/wip.ko.md",
        "---\ntitle: 쓰는 중\ndate: 2025-11-20\ndraft: true\n---\n아직 쓰는 중입니다.\n",
    );
    let banner = |page: &str| {
        let doc = scraper::Html::parse_document(page);
        let sel = scraper::Selector::parse("#gongbo-preview").unwrap();
        doc.select(&sel)
            .next()
            .map(|e| e.text().collect::<String>())
    };
    let server = Running::start(s.root());
    let a = server.addr.as_str();
    let (status, page) = get(a, "/releases/later/");
    assert_eq!(status, 200, "{page}");
    let text = banner(&page).expect("the preview has its banner");
    assert!(text.contains("보도시점 전 미리보기"), "{text}");
    assert!(text.contains("Preview before release time"), "{text}");
    assert!(
        text.contains("2025년 12월 1일(월) 10:00 이후에 공개됩니다"),
        "{text}"
    );
    assert!(text.contains("1 December 2025, 10:00 KST"), "{text}");
    assert!(
        page.contains("나중에 공개합니다."),
        "the release itself: {page}"
    );
    let (status, pdf) = get(a, "/files/plan.pdf");
    assert_eq!((status, pdf.as_str()), (200, "%PDF-1.4 plan\n"));
    // The site as published: not on the home page, not in the list; the draft is a 404.
    let (_, home) = get(a, "/");
    assert!(
        !home.contains("보도시점 뒤 공개") && banner(&home).is_none(),
        "{home}"
    );
    let (_, list) = get(a, "/releases/");
    assert!(!list.contains("보도시점 뒤 공개"));
    let (status, _) = get(a, "/releases/wip/");
    assert_eq!(status, 404);
    let (status, page) = get(a, "/releases/nothing-here/");
    assert_eq!(status, 404);
    assert!(banner(&page).is_none());
    let printed = server.stderr.lock().unwrap().clone();
    assert!(
        printed.contains(&format!(
            "preview (embargoed until 1 December 2025, 10:00 KST): http://{a}/releases/later/"
        )),
        "{printed}"
    );
    drop(server);

    let server = Running::start_with(s.root(), &["--drafts"]);
    let (status, page) = get(&server.addr, "/releases/wip/");
    assert_eq!(status, 200);
    let text = banner(&page).expect("the draft has its banner");
    assert!(
        text.contains("초안 미리보기") && text.contains("Draft preview"),
        "{text}"
    );
    let (_, home) = get(&server.addr, "/");
    assert!(
        !home.contains("쓰는 중"),
        "drafts stay out of the site served"
    );
    drop(server);

    // A build has neither.
    s.build();
    assert!(!s.exists("releases/later/index.html"));
    assert!(!s.exists("releases/wip/index.html"));
    assert!(!s.exists("files/plan.pdf"));
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("next release due: content/releases/later.ko.md at 1 December 2025, 10:00 KST; build again after that time to publish it"),
        "{err}"
    );
}

#[test]
fn a_site_that_never_built_shows_its_errors() {
    let s = SiteTest::from_fixture("check/base");
    s.write(
        "content/releases/bad.ko.md",
        "---\ntitle: 가\ndate: 2021-02-30\n---\n",
    );
    let server = Running::start(s.root());
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
    let server = Running::start(dir.path());
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
        assert!(next_reload(&rx).contains(" ok"));
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

/// What the flood left behind on one of its connections.
#[derive(Debug, PartialEq)]
enum Seen {
    Open(String),
    Closed(String),
}

/// Reads what has arrived without waiting; `Closed` when the server has closed.
fn seen(s: &mut TcpStream) -> Seen {
    s.set_nonblocking(true).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let closed = loop {
        match s.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break false,
            Err(_) => break true,
        }
    };
    let text = String::from_utf8_lossy(&got).into_owned();
    if closed {
        Seen::Closed(text)
    } else {
        Seen::Open(text)
    }
}

/// 1,500 connections at once: idle ones, slowloris ones sending their head a byte at a
/// time, event streams. The server closes what it cannot hold, a page is still served
/// within a second all along, and afterwards it answers as before.
#[test]
fn a_connection_flood_neither_stops_nor_slows_the_server() {
    let site = SiteTest::from_fixture("check/base");
    let mut server = Running::start(site.root());
    let a = server.addr.clone();
    let (home_status, home) = get(&a, "/");
    assert_eq!(home_status, 200);

    // A reader loading the home page every 100 ms while the flood goes on.
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let reader = {
        let a = a.clone();
        std::thread::spawn(move || {
            let mut times = Vec::new();
            while done_rx.try_recv().is_err() {
                let started = Instant::now();
                let mut s = TcpStream::connect(&a).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
                let _ = write!(
                    s,
                    "GET / HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n"
                );
                let (status, text) = read_response(&mut s);
                times.push((status, started.elapsed(), text.len()));
                std::thread::sleep(Duration::from_millis(100));
            }
            times
        })
    };

    let started = Instant::now();
    let mut idle = Vec::new();
    let mut slow = Vec::new();
    let mut streams = Vec::new();
    for i in 0..1500 {
        let mut s = match TcpStream::connect_timeout(&a.parse().unwrap(), Duration::from_secs(2)) {
            Ok(s) => s,
            Err(e) if e.raw_os_error() == Some(24) => {
                panic!("out of file descriptors in the test: raise the limit (ulimit -n 4096)")
            }
            // The server's queue of new connections was full: that is refusing too.
            Err(_) => continue,
        };
        match i % 15 {
            0 => {
                let _ = write!(s, "GET /__gongbo/events HTTP/1.1\r\nHost: {a}\r\n\r\n");
                streams.push(s);
            }
            1..=4 => {
                let _ = write!(s, "GET / HTTP/1.1\r\nHost: {a}\r\nX-Slow: ");
                slow.push(s);
            }
            _ => idle.push(s),
        }
    }
    let opened = started.elapsed();
    // The slowloris clients send one more byte every half second for two seconds.
    for _ in 0..4 {
        std::thread::sleep(Duration::from_millis(500));
        for s in &mut slow {
            let _ = s.write_all(b"x");
        }
    }
    done_tx.send(()).unwrap();
    let times = reader.join().unwrap();

    let mut open = 0;
    for s in idle.iter_mut().chain(slow.iter_mut()) {
        if let Seen::Open(_) = seen(s) {
            open += 1;
        }
    }
    let mut live_streams = 0;
    let mut refused_streams = 0;
    for s in &mut streams {
        match seen(s) {
            Seen::Open(t) if t.contains("event: hello") => live_streams += 1,
            Seen::Open(t) | Seen::Closed(t) if t.starts_with("HTTP/1.1 503") => {
                refused_streams += 1
            }
            _ => {}
        }
    }
    eprintln!(
        "flood: 1500 connections opened in {opened:?}; afterwards {open} plain ones open, \
         {live_streams} event streams live, {refused_streams} refused; \
         page loads during the flood (status, time, bytes): {times:?}"
    );
    assert!(times.len() >= 10, "too few page loads: {times:?}");
    for (status, took, len) in &times {
        assert_eq!(*status, 200, "{times:?}");
        assert!(
            *took < Duration::from_secs(1),
            "a page took {took:?}: {times:?}"
        );
        assert!(*len > home.len(), "{times:?}");
    }
    assert!(
        open + live_streams <= 256,
        "{open} connections and {live_streams} streams held"
    );
    assert!(
        (1..=64).contains(&live_streams),
        "{live_streams} event streams live"
    );
    assert!(refused_streams > 0, "no event stream was refused");

    drop((idle, slow, streams));
    let started = Instant::now();
    assert_eq!(get(&a, "/").0, 200);
    assert!(started.elapsed() < Duration::from_secs(1));
    let rx = events(&a);
    assert!(rx
        .recv_timeout(Duration::from_secs(5))
        .unwrap()
        .starts_with("hello "));
    server.assert_healthy();
}

/// A 100 MB request head: 431 within seconds, and the server does not grow.
#[test]
fn a_huge_request_head_gets_431_without_the_server_growing() {
    let site = SiteTest::from_fixture("check/base");
    let mut server = Running::start(site.root());
    let a = server.addr.clone();
    assert_eq!(get(&a, "/").0, 200);
    let before = server.rss_kib();
    let mut s = TcpStream::connect(&a).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut w = s.try_clone().unwrap();
    let started = Instant::now();
    let host = a.clone();
    let writer = std::thread::spawn(move || {
        let _ = write!(w, "GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: ");
        let chunk = vec![b'a'; 1 << 20];
        let mut sent = 0;
        for _ in 0..100 {
            if w.write_all(&chunk).is_err() {
                break;
            }
            sent += chunk.len();
        }
        sent
    });
    let (status, _) = read_response(&mut s);
    let took = started.elapsed();
    drop(s);
    let sent = writer.join().unwrap();
    let after = server.rss_kib();
    eprintln!(
        "431 after {took:?}; {sent} bytes of head accepted by the socket; RSS {before} -> {after} KiB"
    );
    assert_eq!(status, 431);
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(
        after < before + 16 * 1024,
        "RSS grew from {before} to {after} KiB"
    );
    // Many header fields are refused the same way.
    let many: String = (0..200).map(|i| format!("X-{i}: y\r\n")).collect();
    let (status, _) = raw(
        &a,
        format!("GET / HTTP/1.1\r\nHost: {a}\r\n{many}\r\n").as_bytes(),
    );
    assert_eq!(status, 431);
    assert_eq!(get(&a, "/").0, 200);
    server.assert_healthy();
}

/// DNS rebinding: a page on another name pointed at 127.0.0.1 gets nothing; neither do
/// other sites' pages asking for the reload stream.
#[test]
fn only_our_own_host_and_origin_are_answered() {
    let site = SiteTest::from_fixture("check/base");
    let mut server = Running::start(site.root());
    let a = server.addr.clone();
    let port = a.rsplit(':').next().unwrap();
    let with_host = |host: &str| {
        raw(
            &a,
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    for ok in [
        a.clone(),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        "127.0.0.1".to_string(),
    ] {
        assert_eq!(with_host(&ok).0, 200, "{ok}");
    }
    for bad in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("127.0.0.1:{}", port.parse::<u16>().unwrap() ^ 1),
    ] {
        let (status, text) = with_host(&bad);
        assert_eq!(status, 421, "{bad}: {text}");
        assert!(!text.contains("<html"), "{bad}: {text}");
    }
    let (status, _) = raw(&a, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 400, "HTTP/1.1 without Host");
    let (status, _) = raw(
        &a,
        format!("GET http://evil.example/ HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(status, 421, "absolute form naming another host");

    let stream = |origin: &str| {
        let mut s = TcpStream::connect(&a).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(
            s,
            "GET /__gongbo/events HTTP/1.1\r\nHost: {a}\r\nOrigin: {origin}\r\n\r\n"
        )
        .unwrap();
        let mut buf = [0u8; 1024];
        let n = s.read(&mut buf).unwrap_or(0);
        String::from_utf8_lossy(&buf[..n]).into_owned()
    };
    let foreign = stream("http://evil.example");
    assert!(foreign.starts_with("HTTP/1.1 403"), "{foreign}");
    let null = stream("null");
    assert!(null.starts_with("HTTP/1.1 403"), "{null}");
    let own = stream(&format!("http://{a}"));
    assert!(own.starts_with("HTTP/1.1 200"), "{own}");
    server.assert_healthy();
}

/// Files take GET and HEAD only, no body; heads sent a byte at a time and idle
/// keep-alive connections are closed after a few seconds.
#[test]
fn methods_bodies_and_slow_clients() {
    let site = SiteTest::from_fixture("check/base");
    let mut server = Running::start(site.root());
    let a = server.addr.clone();
    let (_, home) = get(&a, "/");
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"] {
        let (status, text) = raw(
            &a,
            format!("{method} / HTTP/1.1\r\nHost: {a}\r\nContent-Length: 0\r\n\r\n").as_bytes(),
        );
        assert_eq!(status, 405, "{method}: {text}");
        assert!(text.contains("allow: GET, HEAD\r\n"), "{method}: {text}");
    }
    let (status, text) = raw(
        &a,
        format!("HEAD / HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 200);
    assert!(
        text.to_ascii_lowercase()
            .contains(&format!("content-length: {}\r\n", home.len())),
        "{text}"
    );
    assert!(text.ends_with("\r\n\r\n"), "HEAD sent a body: {text}");
    let started = Instant::now();
    for framing in ["Content-Length: 100000000", "Transfer-Encoding: chunked"] {
        let (status, _) = raw(
            &a,
            format!("GET / HTTP/1.1\r\nHost: {a}\r\n{framing}\r\n\r\nabc").as_bytes(),
        );
        assert_eq!(status, 413, "{framing}");
    }
    assert!(started.elapsed() < Duration::from_secs(2));

    // A head sent a byte every half second, and a connection left idle after one
    // request: both closed by the server within its five-second head timeout.
    let cut_off = |mut s: TcpStream, trickle: bool| {
        s.set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let started = Instant::now();
        let mut buf = [0u8; 8192];
        loop {
            assert!(started.elapsed() < Duration::from_secs(12), "never closed");
            if trickle && s.write_all(b"x").is_err() {
                break;
            }
            match s.read(&mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => break,
            }
        }
        started.elapsed()
    };
    let mut slowloris = TcpStream::connect(&a).unwrap();
    write!(slowloris, "GET / HTTP/1.1\r\nHost: {a}\r\nX-Slow: ").unwrap();
    let mut idle = TcpStream::connect(&a).unwrap();
    write!(idle, "GET / HTTP/1.1\r\nHost: {a}\r\n\r\n").unwrap();
    let idle = std::thread::spawn(move || cut_off(idle, false));
    let slow = cut_off(slowloris, true);
    let idle = idle.join().unwrap();
    eprintln!("slowloris closed after {slow:?}, idle keep-alive after {idle:?}");
    for t in [slow, idle] {
        assert!(
            t >= Duration::from_secs(4) && t < Duration::from_secs(8),
            "{t:?}"
        );
    }
    assert_eq!(get(&a, "/").0, 200);
    server.assert_healthy();
}

/// Issue 16, point 3: the error overlay in a real browser, in the editor's language
/// (`--locale ko`): over the top of the last good build, which shows below it; first in
/// the tab order; folded by its heading; closed by its button or Escape; no axe
/// violation (`tests/browser/overlay.test.mjs`).
#[test]
#[cfg_attr(gongbo_skip_browser, ignore = "GONGBO_SKIP_TESTS=browser")]
fn the_error_overlay_speaks_korean_folds_closes_and_shows_the_page_in_chromium() {
    use support::tools::{self, Tool};
    tools::require(&[Tool::Chromium, Tool::Node, Tool::BrowserModules]);
    let s = SiteTest::from_fixture("check/base");
    let server = Running::start_with(s.root(), &["--locale", "ko"]);
    let a = server.addr.clone();
    let ko = std::fs::read_to_string(s.root().join("content/releases/budget.ko.md")).unwrap();
    assert!(ko.contains("date: 2021-03-02"), "{ko}");
    s.write(
        "content/releases/budget.ko.md",
        &ko.replace("date: 2021-03-02", "date: 2021-13-01"),
    );
    // Wait for the failed rebuild to show on the page.
    let started = Instant::now();
    let page = loop {
        let (_, page) = get(&a, "/releases/budget/");
        if page.contains("gongbo-errors") {
            break page;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no overlay after 30 s: {}",
            server.stderr.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(page.contains("lang=\"ko\""), "{page}");
    let out = Command::new("node")
        .arg(repo().join("tests/browser/overlay.test.mjs"))
        .arg(format!("http://{a}/releases/budget/"))
        .arg("ko")
        .arg("사이트를 다시 만들지 못했습니다: 오류")
        .arg("content/releases/budget.ko.md:3:7 [E004] date: `2021-13-01`은 올바른 날짜가 아닙니다. 13월은 없습니다")
        .env("CHROMIUM", tools::chromium())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success() && stdout.contains(" passed, 0 failed"),
        "browser checks failed:\n{}",
        stdout
            .lines()
            .filter(|l| !l.starts_with("ok"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Every file under `dir` with its bytes (the output marker left out: it is gongbo's
/// note of what it wrote, in the order it wrote it).
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".gongbo-output")
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Issue 14: serve trusts its file watcher to say what changed, and walks content/
/// again only when that cannot tell it all. After edits of every kind — in place, twice
/// within a clock tick with the same size, saved through a temporary file and a rename
/// as many editors do, a new release, a deleted one, a new folder, that folder moved
/// away, an editor's swap file — each page shows what its source says, and the folder
/// served is byte for byte what a clean build of the same sources makes.
#[test]
fn after_edits_of_every_kind_the_served_site_is_a_clean_build() {
    let s = SiteTest::from_fixture("check/base");
    let server = Running::start(s.root());
    let a = server.addr.as_str();
    let rx = events(a);
    assert!(rx
        .recv_timeout(Duration::from_secs(10))
        .unwrap()
        .starts_with("hello "));
    let path = "content/releases/budget.en.md";
    let en = std::fs::read_to_string(s.root().join(path)).unwrap();
    let titled = |t: &str| en.replace("Budget of 400 billion won confirmed", t);
    let shows = |page: &str, text: &str| {
        let (status, body) = get(a, page);
        assert_eq!(status, 200, "{page}");
        assert!(body.contains(text), "{page} does not show {text:?}");
    };
    // The first rebuild after the start walks; the next ones need not.
    s.write(path, &titled("Budget AAAA"));
    assert!(next_reload(&rx).contains(" ok"));
    shows("/en/releases/budget/", "Budget AAAA");
    // Twice within a few milliseconds, with the same size: the second is served.
    s.write(path, &titled("Budget BBBB"));
    s.write(path, &titled("Budget CCCC"));
    assert!(next_reload(&rx).contains(" ok"));
    // (One rebuild, or two if the first began between the writes.)
    let deadline = Instant::now() + Duration::from_secs(10);
    while !get(a, "/en/releases/budget/").1.contains("Budget CCCC") {
        assert!(Instant::now() < deadline, "the last write is never served");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Saved through a temporary file and a rename.
    let tmp = s.root().join("content/releases/.budget.en.md.tmp1234");
    std::fs::write(&tmp, titled("Budget by rename")).unwrap();
    let visible_tmp = s.root().join("content/releases/budget.en.md~tmp");
    std::fs::write(&visible_tmp, titled("Budget by rename")).unwrap();
    std::fs::rename(&visible_tmp, s.root().join(path)).unwrap();
    std::fs::remove_file(&tmp).unwrap();
    assert!(next_reload(&rx).contains(" ok"));
    shows("/en/releases/budget/", "Budget by rename");
    // A new release, in its own file.
    let news = en
        .replace("Budget of 400 billion won confirmed", "A second release")
        .replace("date: 2021-03-02", "date: 2021-04-05");
    s.write("content/releases/second.en.md", &news);
    assert!(next_reload(&rx).contains(" ok"));
    shows("/en/releases/second/", "A second release");
    shows("/en/", "A second release");
    // A new folder with a file, published as it is; then the folder moved away.
    s.write("content/files/note.txt", "a note\n");
    assert!(next_reload(&rx).contains(" ok"));
    shows("/files/note.txt", "a note");
    let away = s.root().join("files-away");
    std::fs::rename(s.root().join("content/files"), &away).unwrap();
    assert!(next_reload(&rx).contains(" ok"));
    assert_eq!(get(a, "/files/note.txt").0, 404);
    // An editor's swap file: never published, nothing else changes.
    s.write("content/releases/.second.en.md.swp", "swap");
    // The new release deleted.
    std::fs::remove_file(s.root().join("content/releases/second.en.md")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while get(a, "/en/releases/second/").0 != 404 {
        assert!(
            Instant::now() < deadline,
            "the deleted release is still served"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // One more edit in place (the events of the last steps may still be queued), then
    // the whole folder against a clean build.
    s.write(path, &titled("Budget at the end"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !get(a, "/en/releases/budget/")
        .1
        .contains("Budget at the end")
    {
        assert!(Instant::now() < deadline, "the last edit is never served");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Let any rebuild still under way finish.
    while rx.recv_timeout(Duration::from_millis(800)).is_ok() {}
    let clean = s.root().join("clean");
    let built = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .env("LC_ALL", "C")
        .env("SOURCE_DATE_EPOCH", support::NOW.to_string())
        .args(["build", "--clean", "--root"])
        .arg(s.root())
        .arg("--output")
        .arg(&clean)
        .args(["--base-url", &format!("http://{a}/")])
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let (served, expected) = (tree(&server.site_dir()), tree(&clean));
    let differ: Vec<&String> = expected
        .keys()
        .chain(served.keys())
        .filter(|k| served.get(*k) != expected.get(*k))
        .collect();
    assert!(differ.is_empty(), "served and built differ in {differ:?}");
}
