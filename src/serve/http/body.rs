//! Response bodies on the wire: bytes, a file read in chunks, or a stream fed from
//! another thread; each holds the guards (busy connection, event-stream slot) that are
//! released when hyper drops the body, that is when the response is done or the client
//! has gone.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Frame, SizeHint};
use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

use super::slots::{Busy, StreamSlot};

/// The size of the chunks a file is sent in.
const CHUNK: usize = 64 * 1024;

/// The sending end of a stream body. Never blocks: a client that does not read what was
/// sent before is dropped.
#[derive(Clone)]
pub struct StreamSender(mpsc::Sender<Bytes>);

/// The receiving end, inside a [`super::Body::Stream`].
pub struct StreamReceiver(mpsc::Receiver<Bytes>);

pub(super) fn stream(capacity: usize) -> (StreamSender, StreamReceiver) {
    let (tx, rx) = mpsc::channel(capacity.max(1));
    (StreamSender(tx), StreamReceiver(rx))
}

impl StreamSender {
    /// Queues a chunk; false when the client is gone or has not read the chunks already
    /// queued (then the stream should be dropped, which ends the response).
    pub fn send(&self, chunk: &str) -> bool {
        self.0
            .try_send(Bytes::copy_from_slice(chunk.as_bytes()))
            .is_ok()
    }

    /// Whether the response has ended (client gone or refused).
    pub fn is_closed(&self) -> bool {
        self.0.is_closed()
    }
}

enum Kind {
    Bytes(Option<Bytes>),
    File {
        file: tokio::fs::File,
        left: u64,
        buf: Vec<u8>,
    },
    Stream(mpsc::Receiver<Bytes>),
}

/// A response body as hyper sends it.
pub(super) struct OutBody {
    kind: Kind,
    _busy: Option<Busy>,
    _slot: Option<StreamSlot>,
}

impl OutBody {
    pub(super) fn bytes(b: Vec<u8>, busy: Option<Busy>) -> OutBody {
        OutBody {
            kind: Kind::Bytes(Some(Bytes::from(b))),
            _busy: busy,
            _slot: None,
        }
    }

    pub(super) fn file(file: std::fs::File, len: u64, busy: Option<Busy>) -> OutBody {
        OutBody {
            kind: Kind::File {
                file: tokio::fs::File::from_std(file),
                left: len,
                buf: Vec::new(),
            },
            _busy: busy,
            _slot: None,
        }
    }

    pub(super) fn stream(rx: StreamReceiver, busy: Option<Busy>, slot: StreamSlot) -> OutBody {
        OutBody {
            kind: Kind::Stream(rx.0),
            _busy: busy,
            _slot: Some(slot),
        }
    }
}

impl hyper::body::Body for OutBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match &mut self.get_mut().kind {
            Kind::Bytes(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Kind::File { file, left, buf } => {
                if *left == 0 {
                    return Poll::Ready(None);
                }
                let want = (*left).min(CHUNK as u64) as usize;
                buf.resize(want, 0);
                let mut rb = ReadBuf::new(&mut buf[..want]);
                match Pin::new(file).poll_read(cx, &mut rb) {
                    Poll::Pending => Poll::Pending,
                    Poll::Ready(Err(e)) => Poll::Ready(Some(Err(e))),
                    Poll::Ready(Ok(())) if rb.filled().is_empty() => Poll::Ready(Some(Err(
                        io::Error::new(io::ErrorKind::UnexpectedEof, "the file became shorter"),
                    ))),
                    Poll::Ready(Ok(())) => {
                        let data = Bytes::copy_from_slice(rb.filled());
                        *left -= data.len() as u64;
                        Poll::Ready(Some(Ok(Frame::data(data))))
                    }
                }
            }
            Kind::Stream(rx) => rx.poll_recv(cx).map(|c| c.map(|c| Ok(Frame::data(c)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            Kind::Bytes(b) => b.is_none(),
            Kind::File { left, .. } => *left == 0,
            Kind::Stream(_) => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Bytes(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            Kind::File { left, .. } => SizeHint::with_exact(*left),
            Kind::Stream(_) => SizeHint::default(),
        }
    }
}
