//! The HTTP layer of `gongbo serve`: plain request and response types, a router, and the
//! limits that keep the server answering whatever its clients do.
//!
//! Handlers are ordinary functions `Fn(&Request) -> Response`, run on a small pool of
//! blocking threads, so they may read files and take locks. They never see the wire
//! protocol: [`server`] (hyper on a one-thread tokio runtime) parses requests, checks the
//! `Host`, the method, the `Origin` and the body size before a handler runs, and turns the
//! [`Response`] back into bytes. A later route (a local API taking a JSON body) is one
//! more [`Route`] with a body limit; nothing in the protocol code changes.

mod body;
mod host;
mod server;
mod slots;
mod socket;
#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

pub use server::{Server, Stopper};

/// Locks `m`, also after a thread panicked while holding it: the data behind the locks
/// of the server (build state, connection table) stays consistent at every await point,
/// so a poisoned lock is no reason to stop answering.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the server allows its clients. The defaults suit a preview server on loopback:
/// a browser opens at most six connections to a host and one event stream per tab.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Open connections. When all are taken, a new connection closes the one that has
    /// been idle (or stuck sending its request head) the longest; when every one is busy
    /// answering, the new connection gets 503.
    pub connections: usize,
    /// Open event streams (long-lived responses); more get 503.
    pub event_streams: usize,
    /// Request line plus headers, in bytes; larger heads get 431 (at least 8192).
    pub head_bytes: usize,
    /// Number of header fields; more get 431.
    pub headers: usize,
    /// Time to send a complete request head, counted from the connection's start or the
    /// end of the previous response (so it is also the keep-alive idle time).
    pub head_timeout: Duration,
    /// Time to send a request body, for routes that take one (408 after it).
    pub body_timeout: Duration,
    /// Time a response may wait for a client that reads nothing before the connection
    /// is closed.
    pub write_stall: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            connections: 256,
            event_streams: 64,
            head_bytes: 32 * 1024,
            headers: 100,
            head_timeout: Duration::from_secs(5),
            body_timeout: Duration::from_secs(10),
            write_stall: Duration::from_secs(10),
        }
    }
}

/// A request method. Only these are told apart; every other one is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
    Other,
}

impl Method {
    pub fn parse(s: &str) -> Method {
        match s {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            _ => Method::Other,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Other => "OTHER",
        }
    }

    /// GET, HEAD and OPTIONS change nothing on the server.
    pub fn is_safe(self) -> bool {
        matches!(self, Method::Get | Method::Head | Method::Options)
    }
}

/// A request as a handler sees it: its head already checked, its body read in full (and
/// within the route's limit).
#[derive(Debug)]
pub struct Request {
    pub method: Method,
    /// The path as sent, still percent-encoded, without the query.
    pub path: String,
    pub query: Option<String>,
    /// Header fields, names in lower case, values as text (invalid UTF-8 replaced).
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn new(method: Method, path: &str) -> Request {
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p.to_string(), Some(q.to_string())),
            None => (path.to_string(), None),
        };
        Request {
            method,
            path,
            query,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Request {
        self.headers
            .push((name.to_ascii_lowercase(), value.to_string()));
        self
    }

    /// The first value of a header field (the name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What a response carries.
pub enum Body {
    Bytes(Vec<u8>),
    /// A file sent in chunks, never read into memory whole; its length is taken when the
    /// response is made.
    File(std::fs::File, u64),
    /// A long-lived stream (Server-Sent Events), fed through a [`StreamSender`]. Counts
    /// against [`Limits::event_streams`].
    Stream(body::StreamReceiver),
}

/// The sending end of a [`Body::Stream`].
pub use body::StreamSender;

/// A stream body and its sender; `capacity` chunks may wait for a slow client before
/// [`StreamSender::send`] gives up on it.
pub fn stream(capacity: usize) -> (StreamSender, Body) {
    let (tx, rx) = body::stream(capacity);
    (tx, Body::Stream(rx))
}

/// A response: status, header fields, body. `Content-Length` is set by the server.
pub struct Response {
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    pub body: Body,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Body) -> Response {
        Response {
            status,
            headers: vec![("content-type", content_type.to_string())],
            body,
        }
    }

    /// A short plain-text answer (errors, refusals).
    pub fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            Body::Bytes(format!("{text}\n").into_bytes()),
        )
    }

    /// A file; its length is read now.
    pub fn file(status: u16, content_type: &str, file: std::fs::File) -> std::io::Result<Response> {
        let len = file.metadata()?.len();
        Ok(Response::new(status, content_type, Body::File(file, len)))
    }

    /// Adds a header field; the name in lower case.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Which paths a route answers.
#[derive(Clone, Copy, Debug)]
pub enum Path {
    Exact(&'static str),
    /// Every path that starts with this text.
    Prefix(&'static str),
    Any,
}

impl Path {
    fn matches(self, path: &str) -> bool {
        match self {
            Path::Exact(p) => path == p,
            Path::Prefix(p) => path.starts_with(p),
            Path::Any => true,
        }
    }
}

pub type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// One route: paths, methods, how large a body it takes, whose pages may call it.
pub struct Route {
    path: Path,
    methods: Vec<Method>,
    /// The largest body accepted (413 above); 0 for routes that take none, which then
    /// refuse any body.
    body_limit: usize,
    /// Whether a request must come from the server's own pages when it says where it
    /// comes from (`Origin`). Always true for methods that change something.
    same_origin: bool,
    /// How many requests of this route may be read and answered at once (their bodies
    /// are held in memory); more wait, at most [`Limits::body_timeout`], then get 503.
    at_once: Option<Arc<tokio::sync::Semaphore>>,
    handler: Handler,
}

impl Route {
    /// GET (and so HEAD), without a body.
    pub fn get(
        path: Path,
        handler: impl Fn(&Request) -> Response + Send + Sync + 'static,
    ) -> Route {
        Route {
            path,
            methods: vec![Method::Get, Method::Head],
            body_limit: 0,
            same_origin: false,
            at_once: None,
            handler: Arc::new(handler),
        }
    }

    /// A method with a body of at most `body_limit` bytes (`Content-Length` or chunked).
    pub fn with_body(
        method: Method,
        path: Path,
        body_limit: usize,
        handler: impl Fn(&Request) -> Response + Send + Sync + 'static,
    ) -> Route {
        Route {
            path,
            methods: vec![method],
            body_limit,
            same_origin: true,
            at_once: None,
            handler: Arc::new(handler),
        }
    }

    /// Refuses (403) requests whose `Origin` is not the server's own.
    pub fn same_origin(mut self) -> Route {
        self.same_origin = true;
        self
    }

    /// Answers at most `n` requests of this route at once, counted from before the body
    /// is read; the others wait their turn (503 with `Retry-After` after the body
    /// timeout).
    pub fn at_most(mut self, n: usize) -> Route {
        self.at_once = Some(Arc::new(tokio::sync::Semaphore::new(n)));
        self
    }
}

/// The routes, tried in order.
#[derive(Default)]
pub struct Router {
    routes: Vec<Route>,
}

/// What the router finds for a method and path.
pub enum Found<'a> {
    Route(&'a Route),
    /// The path exists but not with this method: these are allowed (405).
    WrongMethod(Vec<Method>),
    NotFound,
}

impl Router {
    pub fn new() -> Router {
        Router::default()
    }

    pub fn route(mut self, route: Route) -> Router {
        self.routes.push(route);
        self
    }

    pub fn find(&self, method: Method, path: &str) -> Found<'_> {
        let mut allowed = Vec::new();
        for r in self.routes.iter().filter(|r| r.path.matches(path)) {
            if r.methods.contains(&method) {
                return Found::Route(r);
            }
            for m in &r.methods {
                if !allowed.contains(m) {
                    allowed.push(*m);
                }
            }
        }
        if allowed.is_empty() {
            Found::NotFound
        } else {
            Found::WrongMethod(allowed)
        }
    }
}
