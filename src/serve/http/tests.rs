//! The HTTP layer against real sockets on 127.0.0.1, with a router of its own (a route
//! with a body, as the local API will have) and small limits so each case takes well
//! under a second or two. Every server stops when its guard is dropped.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use super::*;

struct Running {
    addr: SocketAddr,
    stop: Stopper,
    thread: Option<std::thread::JoinHandle<()>>,
    big: std::path::PathBuf,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let _ = std::fs::remove_file(&self.big);
    }
}

fn start(limits: Limits) -> Running {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let big = std::env::temp_dir().join(format!("gongbo-http-big-{}-{n}", std::process::id()));
    std::fs::write(&big, vec![b'x'; 1 << 20]).unwrap();
    let file = big.clone();
    let router = Router::new()
        .route(Route::with_body(
            Method::Post,
            Path::Exact("/api"),
            16,
            |r| Response::new(200, "text/plain", Body::Bytes(r.body.clone())),
        ))
        .route(Route::get(Path::Exact("/api"), |_| {
            Response::text(200, "list")
        }))
        .route(Route::get(Path::Exact("/stream"), |_| {
            let (tx, body) = stream(4);
            tx.send("hello\n");
            // Keep the sender alive as long as the test may need the stream.
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs(5));
                drop(tx)
            });
            Response::new(200, "text/event-stream", body)
        }))
        .route(Route::get(Path::Exact("/big"), move |_| {
            Response::file(
                200,
                "application/octet-stream",
                std::fs::File::open(&file).unwrap(),
            )
            .unwrap()
        }))
        // Far more than the socket buffers hold, so a client that reads nothing blocks it.
        .route(Route::get(Path::Exact("/huge"), |_| {
            Response::new(
                200,
                "application/octet-stream",
                Body::Bytes(vec![b'x'; 64 << 20]),
            )
        }))
        .route(Route::get(Path::Any, |r| {
            Response::text(200, &format!("page {}", r.path))
        }));
    let server = Server::bind("127.0.0.1:0".parse().unwrap(), limits).unwrap();
    let addr = server.local_addr();
    let stop = server.stopper();
    let thread = std::thread::spawn(move || server.run(router, Arc::new(|_| {})));
    Running {
        addr,
        stop,
        thread: Some(thread),
        big,
    }
}

fn limits() -> Limits {
    Limits {
        connections: 4,
        event_streams: 2,
        head_timeout: Duration::from_millis(400),
        body_timeout: Duration::from_millis(400),
        ..Limits::default()
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s
}

/// Sends `raw` and reads until the server closes (or 5 s): the status and the whole text.
fn exchange(addr: SocketAddr, raw: &[u8]) -> (u16, String) {
    let mut s = connect(addr);
    s.write_all(raw).unwrap();
    read_all(&mut s)
}

fn read_all(s: &mut TcpStream) -> (u16, String) {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
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
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    exchange(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

#[test]
fn bodies_are_bounded_by_length_and_chunked() {
    let srv = start(limits());
    let a = srv.addr;
    let post = |extra: &str, body: &str| {
        exchange(
            a,
            format!("POST /api HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n{extra}\r\n{body}")
                .as_bytes(),
        )
    };
    let (status, text) = post("Content-Length: 5\r\n", "hello");
    assert_eq!(status, 200, "{text}");
    assert!(text.ends_with("\r\n\r\nhello"), "{text}");
    let (status, _) = post("Content-Length: 17\r\n", "12345678901234567");
    assert_eq!(status, 413);
    // Declared far too large: refused before anything is read.
    let started = Instant::now();
    let (status, _) = post("Content-Length: 100000000000\r\n", "");
    assert_eq!(status, 413);
    assert!(started.elapsed() < Duration::from_secs(1));
    let (status, text) = post(
        "Transfer-Encoding: chunked\r\n",
        "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
    );
    assert_eq!(status, 200, "{text}");
    assert!(text.ends_with("\r\n\r\nabcde"), "{text}");
    let (status, _) = post(
        "Transfer-Encoding: chunked\r\n",
        "10\r\n0123456789abcdef\r\n1\r\nx\r\n0\r\n\r\n",
    );
    assert_eq!(status, 413);
    // Both framings: chunked wins (RFC 9112, 6.3), the length is ignored.
    let (status, text) = post(
        "Content-Length: 99\r\nTransfer-Encoding: chunked\r\n",
        "3\r\nabc\r\n0\r\n\r\n",
    );
    assert_eq!(status, 200, "{text}");
    assert!(text.ends_with("\r\n\r\nabc"), "{text}");
    // A bad length: hyper refuses with 400.
    let (status, _) = post("Content-Length: -1\r\n", "");
    assert_eq!(status, 400);
    // A body sent too slowly: 408 within the body timeout.
    let started = Instant::now();
    let (status, _) = post("Content-Length: 10\r\n", "abc");
    assert_eq!(status, 408);
    assert!(started.elapsed() < Duration::from_secs(2));
    // A route without a body refuses one.
    let (status, _) = exchange(
        a,
        format!("GET /x HTTP/1.1\r\nHost: {a}\r\nContent-Length: 3\r\n\r\nabc").as_bytes(),
    );
    assert_eq!(status, 413);
}

#[test]
fn methods_origins_and_hosts() {
    let srv = start(limits());
    let a = srv.addr;
    let (status, text) = exchange(
        a,
        format!("DELETE /api HTTP/1.1\r\nHost: {a}\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 405);
    assert!(text.contains("allow: POST, GET, HEAD"), "{text}");
    let post = |origin: &str| {
        exchange(
            a,
            format!("POST /api HTTP/1.1\r\nHost: {a}\r\nOrigin: {origin}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok").as_bytes(),
        )
        .0
    };
    assert_eq!(post("http://evil.example"), 403);
    assert_eq!(post("null"), 403);
    assert_eq!(post(&format!("http://{a}")), 200);
    assert_eq!(
        exchange(a, b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n").0,
        421
    );
    // The absolute form names the host too.
    assert_eq!(
        exchange(
            a,
            format!("GET http://evil.example/ HTTP/1.1\r\nHost: {a}\r\n\r\n").as_bytes()
        )
        .0,
        421
    );
    assert_eq!(exchange(a, b"GET / HTTP/1.1\r\n\r\n").0, 400);
    assert_eq!(
        exchange(
            a,
            format!("GET / HTTP/1.1\r\nHost: {a}\r\nHost: {a}\r\n\r\n").as_bytes()
        )
        .0,
        400
    );
    // HTTP/1.0 may leave Host out.
    assert_eq!(exchange(a, b"GET / HTTP/1.0\r\n\r\n").0, 200);
    // HEAD: the length of the GET, no body.
    let (status, text) = exchange(
        a,
        format!("HEAD /big HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 200);
    assert!(text.contains("content-length: 1048576\r\n"), "{text}");
    assert!(text.ends_with("\r\n\r\n"), "{text}");
    let (status, text) = get(a, "/big");
    assert_eq!(status, 200);
    assert_eq!(text.split_once("\r\n\r\n").unwrap().1.len(), 1 << 20);
}

#[test]
fn heads_are_bounded_in_size_and_time() {
    let srv = start(limits());
    let a = srv.addr;
    let mut s = connect(a);
    let started = Instant::now();
    s.write_all(format!("GET / HTTP/1.1\r\nHost: {a}\r\nX: ").as_bytes())
        .unwrap();
    // Writes fail once the server has answered and closed.
    let chunk = vec![b'a'; 64 * 1024];
    for _ in 0..64 {
        if s.write_all(&chunk).is_err() {
            break;
        }
    }
    let (status, _) = read_all(&mut s);
    assert_eq!(status, 431);
    assert!(started.elapsed() < Duration::from_secs(2));
    let many: String = (0..150).map(|i| format!("X-{i}: y\r\n")).collect();
    assert_eq!(
        exchange(
            a,
            format!("GET / HTTP/1.1\r\nHost: {a}\r\n{many}\r\n").as_bytes()
        )
        .0,
        431
    );
    // A head sent a byte at a time is cut off at the head timeout.
    let mut s = connect(a);
    s.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let started = Instant::now();
    for byte in b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
        .iter()
        .cycle()
    {
        if s.write_all(&[*byte]).is_err() || closed(&mut s) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(3), "not cut off");
    }
    assert!(started.elapsed() >= Duration::from_millis(300));
    // So is a keep-alive connection left idle after its response.
    let mut s = connect(a);
    s.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    s.write_all(format!("GET / HTTP/1.1\r\nHost: {a}\r\n\r\n").as_bytes())
        .unwrap();
    let started = Instant::now();
    while !closed(&mut s) {
        assert!(started.elapsed() < Duration::from_secs(3), "not cut off");
    }
    assert!(started.elapsed() >= Duration::from_millis(300));
}

/// Reads for up to the socket's read timeout: whether the server has closed.
fn closed(s: &mut TcpStream) -> bool {
    let mut buf = [0u8; 4096];
    match s.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[test]
fn a_full_server_closes_idle_connections_and_refuses_only_when_all_are_busy() {
    let srv = start(limits());
    let a = srv.addr;
    // Four idle connections (the limit), then a request: it is answered.
    let idle: Vec<TcpStream> = (0..4).map(|_| connect(a)).collect();
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(get(a, "/x").0, 200);
    // Two event streams take the stream limit; a third gets 503.
    let mut streams: Vec<TcpStream> = Vec::new();
    for _ in 0..2 {
        let mut s = connect(a);
        s.write_all(format!("GET /stream HTTP/1.1\r\nHost: {a}\r\n\r\n").as_bytes())
            .unwrap();
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).unwrap();
        assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
        streams.push(s);
    }
    let (status, _) = get(a, "/stream");
    assert_eq!(status, 503);
    drop(idle);
    // A client that reads nothing of a large response is closed once its writes have
    // been stuck for a second, when its slot is wanted.
    let mut stuck = Vec::new();
    for _ in 0..2 {
        let mut s = connect(a);
        s.write_all(format!("GET /huge HTTP/1.1\r\nHost: {a}\r\n\r\n").as_bytes())
            .unwrap();
        stuck.push(s);
    }
    std::thread::sleep(Duration::from_millis(300));
    // Two streams and two stuck writers: all busy, so the next one is refused...
    assert_eq!(get(a, "/x").0, 503);
    std::thread::sleep(Duration::from_millis(1200));
    // ...until the writers have been stuck for a second.
    assert_eq!(get(a, "/x").0, 200);
}

#[test]
fn a_stream_whose_client_left_frees_its_slot_at_once() {
    let srv = start(Limits {
        event_streams: 1,
        ..limits()
    });
    let a = srv.addr;
    for _ in 0..3 {
        let mut s = connect(a);
        s.write_all(format!("GET /stream HTTP/1.1\r\nHost: {a}\r\n\r\n").as_bytes())
            .unwrap();
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).unwrap();
        let text = String::from_utf8_lossy(&buf[..n]).into_owned();
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        drop(s);
        std::thread::sleep(Duration::from_millis(50));
    }
}
