//! The open reload streams (`/__gongbo/events`, Server-Sent Events) and what is sent on
//! them: `hello` on connecting, `reload` after every build, a comment now and then so
//! dead clients are found. Sending never waits: a client that has not read the last
//! few messages is dropped, which ends its response (a browser reconnects by itself).

use super::http::{self, Response, StreamSender};

/// Messages that may wait for a slow client.
const QUEUE: usize = 8;

/// Above this many changed pages, the event says "all" (`*`) instead of listing them.
const MAX_LISTED: usize = 500;

#[derive(Default)]
pub struct Subscribers(Vec<StreamSender>);

impl Subscribers {
    /// A new stream, greeted with the current generation.
    pub fn subscribe(&mut self, generation: u64) -> Response {
        let (tx, body) = http::stream(QUEUE);
        tx.send(&format!("retry: 500\nevent: hello\ndata: {generation}\n\n"));
        self.0.retain(|s| !s.is_closed());
        self.0.push(tx);
        Response::new(200, "text/event-stream", body).with_header("cache-control", "no-store")
    }

    /// Tells every page that build `generation` is done (`ok` or `failed`) and which
    /// pages it wrote (`None`: any may have changed). A page that did not change need not
    /// reload.
    pub fn reload(&mut self, generation: u64, ok: bool, pages: Option<&[String]>) {
        let data = if ok { "ok" } else { "failed" };
        let pages = match pages {
            Some(list) if list.len() <= MAX_LISTED => {
                serde_json::to_string(list).unwrap_or_else(|_| "*".into())
            }
            _ => "*".into(),
        };
        self.send(&format!(
            "event: reload\ndata: {generation} {data} {pages}\n\n"
        ));
    }

    /// A comment: keeps proxies from closing idle streams, finds clients that are gone.
    pub fn ping(&mut self) {
        self.send(": ping\n\n");
    }

    fn send(&mut self, message: &str) {
        self.0.retain(|s| s.send(message));
    }
}
