//! The wire side: a listener on a one-thread tokio runtime, hyper's HTTP/1.1 parser and
//! connection handling, and the checks every request passes before its handler runs.
//!
//! Order of the checks: request head within [`Limits::head_bytes`] and
//! [`Limits::head_timeout`] (hyper: 431, or the connection closed); `Host` (400 when
//! missing on HTTP/1.1 or repeated, 421 when foreign); route and method (404, 405 with
//! `Allow`); `Origin` for routes that want it and for every method that changes
//! something (403); body (413 when the route takes none or more than its limit, 408 when
//! it is sent too slowly); then the handler, on the blocking pool.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::{poll_fn, Future};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Limited};
use hyper::body::{Body as _, Incoming};
use hyper::header::{HeaderName, HeaderValue};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

use super::body::OutBody;
use super::slots::{Busy, Conn, Slots, Streams};
use super::socket::Watched;
use super::{host, lock, Body, Found, Limits, Method, Request, Response, Router};
use crate::diag::{io_reason, Text};

/// A bound listener, not yet answering.
pub struct Server {
    rt: tokio::runtime::Runtime,
    listener: TcpListener,
    addr: SocketAddr,
    limits: Limits,
    stop: Arc<Notify>,
}

/// Stops a running [`Server`] from another thread.
#[derive(Clone)]
pub struct Stopper(Arc<Notify>);

impl Stopper {
    pub fn stop(&self) {
        self.0.notify_one();
    }
}

struct Ctx {
    router: Router,
    limits: Limits,
    port: u16,
    slots: Arc<Slots>,
    streams: Streams,
    problems: Problems,
}

impl Server {
    pub fn bind(addr: SocketAddr, limits: Limits) -> io::Result<Server> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .max_blocking_threads(8)
            .thread_name("gongbo-serve")
            .build()?;
        let listener = rt.block_on(async { listen(addr) })?;
        let addr = listener.local_addr()?;
        Ok(Server {
            rt,
            listener,
            addr,
            limits,
            stop: Arc::new(Notify::new()),
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn stopper(&self) -> Stopper {
        Stopper(self.stop.clone())
    }

    /// Answers with `router` until stopped; `on_problem` hears what went wrong (each kind
    /// of trouble at most every ten seconds, so a flood cannot flood the terminal too).
    pub fn run(self, router: Router, on_problem: Arc<dyn Fn(Text) + Send + Sync>) {
        let Server {
            rt,
            listener,
            addr,
            limits,
            stop,
        } = self;
        let ctx = Arc::new(Ctx {
            router,
            port: addr.port(),
            slots: Slots::new(limits.connections),
            streams: Streams::new(limits.event_streams),
            limits,
            problems: Problems {
                report: on_problem,
                last: Mutex::new(HashMap::new()),
            },
        });
        rt.block_on(async {
            let stopped = stop.notified();
            let accepting = accept(listener, ctx);
            let (mut stopped, mut accepting) = (pin!(stopped), pin!(accepting));
            poll_fn(|cx| match stopped.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(()),
                Poll::Pending => accepting.as_mut().poll(cx),
            })
            .await
        });
        rt.shutdown_timeout(Duration::from_secs(1));
    }
}

/// A listener with a queue of 1024 connections not yet accepted. `TcpListener::bind`
/// (std's and tokio's) asks for 128: in a burst of connections the ones past it have
/// their SYN dropped and sent again a second later, a page's included.
fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

/// Reports each kind of problem at most every ten seconds.
struct Problems {
    report: Arc<dyn Fn(Text) + Send + Sync>,
    last: Mutex<HashMap<&'static str, Instant>>,
}

impl Problems {
    fn report(&self, kind: &'static str, message: impl FnOnce() -> Text) {
        let now = Instant::now();
        {
            let mut last = lock(&self.last);
            if last
                .get(kind)
                .is_some_and(|t| now.duration_since(*t) < Duration::from_secs(10))
            {
                return;
            }
            last.insert(kind, now);
        }
        (self.report)(message());
    }
}

const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 38\r\nretry-after: 1\r\nconnection: close\r\n\r\ntoo many connections; try again soon\r\n";

async fn accept(listener: TcpListener, ctx: Arc<Ctx>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => match ctx.slots.admit() {
                Some((conn, closed_another)) => {
                    if closed_another {
                        ctx.problems.report("evict", || {
                            t!(
                                "{n} connections are open; closing the ones idle the longest to make room",
                                n = ctx.limits.connections
                            )
                        });
                    }
                    tokio::spawn(connection(stream, conn, ctx.clone()));
                    // Let the new connection read its request before the next accept, so
                    // that a flood of connections cannot push a real request out of the
                    // table before it was even read.
                    tokio::task::yield_now().await;
                }
                None => {
                    // A fresh socket's send buffer is empty: this never blocks. The
                    // socket is closed right after, whatever the client sent.
                    let _ = stream.try_write(BUSY);
                    ctx.problems.report("full", || {
                        t!(
                            "{n} connections are open and busy; new ones get 503",
                            n = ctx.limits.connections
                        )
                    });
                }
            },
            Err(e) => {
                // Out of file descriptors, typically: wait for some to be closed.
                ctx.problems.report("accept", || {
                    t!(
                        "cannot accept a connection: {reason}",
                        reason = io_reason(&e)
                    )
                });
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn connection(stream: TcpStream, conn: Conn, ctx: Arc<Ctx>) {
    let _ = stream.set_nodelay(true);
    let Ok(local) = stream.local_addr().map(|a| a.ip()) else {
        return;
    };
    let conn = Arc::new(conn);
    let io = TokioIo::new(Watched::new(stream, conn.clone(), ctx.limits.write_stall));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(ctx.limits.head_timeout)
        .max_buf_size(ctx.limits.head_bytes.max(8192))
        .max_headers(ctx.limits.headers)
        .keep_alive(true);
    let service = {
        let (ctx, conn) = (ctx.clone(), conn.clone());
        hyper::service::service_fn(move |req| {
            let (ctx, conn) = (ctx.clone(), conn.clone());
            async move { Ok::<_, Infallible>(answer(req, &ctx, &conn, local).await) }
        })
    };
    let serving = builder.serve_connection(io, service);
    let evicted = conn.state.evicted();
    let (mut serving, mut evicted) = (pin!(serving), pin!(evicted));
    // Errors here are the client's (reset, timeout, malformed request already answered).
    poll_fn(|cx| match evicted.as_mut().poll(cx) {
        Poll::Ready(()) => Poll::Ready(()),
        Poll::Pending => serving.as_mut().poll(cx).map(|_| ()),
    })
    .await;
}

async fn answer(
    req: hyper::Request<Incoming>,
    ctx: &Ctx,
    conn: &Conn,
    local: IpAddr,
) -> hyper::Response<OutBody> {
    let busy = conn.busy();
    let (response, close) = match respond(req, ctx, local).await {
        Ok(r) => (r, false),
        Err(r) => (r, true),
    };
    wire(response, close, busy, ctx)
}

/// The handler's response, or (`Err`) a refusal after which the connection is closed.
async fn respond(
    req: hyper::Request<Incoming>,
    ctx: &Ctx,
    local: IpAddr,
) -> Result<Response, Response> {
    let (parts, incoming) = req.into_parts();
    let hosts: Vec<&HeaderValue> = parts.headers.get_all(hyper::header::HOST).iter().collect();
    let host = match hosts.as_slice() {
        [] if parts.version >= hyper::Version::HTTP_11 => {
            return Err(Response::text(400, "HTTP/1.1 requests need a Host header"))
        }
        [] => None,
        [one] => Some(String::from_utf8_lossy(one.as_bytes()).into_owned()),
        _ => return Err(Response::text(400, "more than one Host header")),
    };
    let names_us = |h: &str| host::allowed(h, ctx.port, local);
    let authority = parts.uri.authority().map(|a| a.as_str());
    if !host
        .iter()
        .map(String::as_str)
        .chain(authority)
        .all(names_us)
    {
        return Err(Response::text(
            421,
            "this server answers only requests for 127.0.0.1, localhost, [::1] or the address given with --bind",
        ));
    }
    let method = Method::parse(parts.method.as_str());
    let path = parts.uri.path();
    let route = match ctx.router.find(method, path) {
        Found::Route(r) => r,
        Found::NotFound => return Err(Response::text(404, "not found")),
        Found::WrongMethod(allowed) => {
            let allow: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
            return Err(Response::text(405, "method not allowed here")
                .with_header("allow", allow.join(", ")));
        }
    };
    let mut request = Request::new(method, path);
    request.query = parts.uri.query().map(str::to_string);
    for (name, value) in &parts.headers {
        request = request.with_header(name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
    }
    if route.same_origin || !method.is_safe() {
        if let Some(origin) = request.header("origin") {
            if !host::origin_allowed(origin, ctx.port, local) {
                return Err(Response::text(403, "requests from other sites are refused"));
            }
        }
    }
    request.body = read_body(incoming, route.body_limit, ctx.limits.body_timeout).await?;
    let handler = route.handler.clone();
    match tokio::task::spawn_blocking(move || handler(&request)).await {
        Ok(r) => Ok(r),
        Err(e) => {
            ctx.problems.report("handler", || {
                t!("a request failed: {reason}", reason = e.to_string())
            });
            Err(Response::text(500, "the server failed on this request"))
        }
    }
}

async fn read_body(
    incoming: Incoming,
    limit: usize,
    timeout: Duration,
) -> Result<Vec<u8>, Response> {
    let too_large = || Response::text(413, &format!("the request body is over {limit} bytes"));
    if incoming.is_end_stream() {
        return Ok(Vec::new());
    }
    if limit == 0 {
        return Err(Response::text(413, "this address takes no request body"));
    }
    if incoming.size_hint().lower() > limit as u64 {
        return Err(too_large());
    }
    match tokio::time::timeout(timeout, Limited::new(incoming, limit).collect()).await {
        Ok(Ok(body)) => Ok(body.to_bytes().to_vec()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(_)) => Err(Response::text(400, "the request body could not be read")),
        Err(_) => Err(Response::text(408, "the request body came too slowly")),
    }
}

/// Our response as hyper's. A stream over the limit becomes a 503.
fn wire(r: Response, close: bool, busy: Busy, ctx: &Ctx) -> hyper::Response<OutBody> {
    let Response {
        mut status,
        mut headers,
        body,
    } = r;
    let body = match body {
        Body::Bytes(b) => OutBody::bytes(b, Some(busy)),
        // hyper sends no body for HEAD but the length a GET would have.
        Body::File(f, len) => OutBody::file(f, len, Some(busy)),
        Body::Stream(rx) => match ctx.streams.take() {
            Some(slot) => OutBody::stream(rx, Some(busy), slot),
            None => {
                ctx.problems.report("streams", || {
                    t!(
                        "{n} event streams are open; more get 503",
                        n = ctx.limits.event_streams
                    )
                });
                status = 503;
                headers = vec![
                    ("content-type", "text/plain; charset=utf-8".into()),
                    ("retry-after", "5".into()),
                ];
                OutBody::bytes(b"too many open event streams\n".to_vec(), Some(busy))
            }
        },
    };
    let mut out = hyper::Response::new(body);
    *out.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let h = out.headers_mut();
    for (name, value) in headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            h.append(n, v);
        }
    }
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    if close {
        h.insert(hyper::header::CONNECTION, HeaderValue::from_static("close"));
    }
    out
}
