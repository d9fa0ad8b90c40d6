//! The bounded tables of open connections and event streams.
//!
//! A connection is *busy* while a response is being produced or sent, else *idle*
//! (waiting for, or receiving, its next request head). When every connection slot is
//! taken, a new connection takes the slot of the idle connection that has been idle the
//! longest, or else of a busy one whose client has read nothing for a second; only when
//! every slot is busy answering a client that reads does the new connection get 503.
//! So neither idle connections nor slowloris clients (a request head sent a byte at a
//! time) can keep a page from loading.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::Notify;

use super::lock;

/// How long a busy connection's writes must have been stuck before it may be closed to
/// make room.
const STALLED_MS: u64 = 1000;

pub(super) struct Slots {
    max: usize,
    start: Instant,
    table: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    next: u64,
    open: HashMap<u64, Arc<ConnState>>,
}

/// What the table knows of one connection, shared with its task.
pub(super) struct ConnState {
    busy: AtomicBool,
    stalled: AtomicBool,
    /// Milliseconds since the table's start when the connection became idle.
    idle_since: AtomicU64,
    /// Milliseconds since the table's start when its writes got stuck.
    stalled_since: AtomicU64,
    /// Told when the slot is taken away; the connection's task then closes it.
    evict: Notify,
}

/// A taken connection slot; freed when dropped.
pub(super) struct Conn {
    id: u64,
    slots: Arc<Slots>,
    pub(super) state: Arc<ConnState>,
}

/// Marks a connection busy until dropped.
pub(super) struct Busy {
    state: Arc<ConnState>,
    slots: Arc<Slots>,
}

impl Slots {
    pub(super) fn new(max: usize) -> Arc<Slots> {
        Arc::new(Slots {
            max: max.max(1),
            start: Instant::now(),
            table: Mutex::new(Table::default()),
        })
    }

    fn now(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    /// A slot for a new connection, and whether another connection was closed for it;
    /// `None` when every connection is busy (the caller answers 503).
    pub(super) fn admit(self: &Arc<Self>) -> Option<(Conn, bool)> {
        let now = self.now();
        let mut t = lock(&self.table);
        let full = t.open.len() >= self.max;
        if full {
            let victim = t
                .open
                .iter()
                .filter_map(|(id, c)| c.eviction_rank(now).map(|r| (r, *id)))
                .min()
                .map(|(_, id)| id)?;
            if let Some(c) = t.open.remove(&victim) {
                c.evict.notify_one();
            }
        }
        let id = t.next;
        t.next += 1;
        let state = Arc::new(ConnState {
            busy: AtomicBool::new(false),
            stalled: AtomicBool::new(false),
            idle_since: AtomicU64::new(now),
            stalled_since: AtomicU64::new(now),
            evict: Notify::new(),
        });
        t.open.insert(id, state.clone());
        let conn = Conn {
            id,
            slots: self.clone(),
            state,
        };
        Some((conn, full))
    }

    #[cfg(test)]
    fn open(&self) -> usize {
        lock(&self.table).open.len()
    }
}

impl ConnState {
    /// Lower is closed first: idle ones by how long they have been idle, then ones whose
    /// writes have been stuck for a second, by how long; `None` for the others (busy
    /// answering, or sending output that the client reads). The runtime has one thread,
    /// so a connection is seen between two of its steps: output it could not send yet
    /// always shows as stuck.
    fn eviction_rank(&self, now: u64) -> Option<(u8, u64)> {
        if self.stalled.load(Ordering::Relaxed) {
            let since = self.stalled_since.load(Ordering::Relaxed);
            (now.saturating_sub(since) >= STALLED_MS).then_some((1, since))
        } else if !self.busy.load(Ordering::Relaxed) {
            Some((0, self.idle_since.load(Ordering::Relaxed)))
        } else {
            None
        }
    }

    /// Resolves when the slot was given to another connection.
    pub(super) async fn evicted(&self) {
        self.evict.notified().await
    }
}

impl Conn {
    pub(super) fn busy(&self) -> Busy {
        self.state.busy.store(true, Ordering::Relaxed);
        Busy {
            state: self.state.clone(),
            slots: self.slots.clone(),
        }
    }

    /// Called by the connection's writer: whether the client stopped reading.
    pub(super) fn set_stalled(&self, stalled: bool) {
        if stalled {
            self.state
                .stalled_since
                .store(self.slots.now(), Ordering::Relaxed);
        }
        self.state.stalled.store(stalled, Ordering::Relaxed);
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        lock(&self.slots.table).open.remove(&self.id);
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.state
            .idle_since
            .store(self.slots.now(), Ordering::Relaxed);
        self.state.busy.store(false, Ordering::Relaxed);
    }
}

/// The count of open event streams.
pub(super) struct Streams {
    max: usize,
    open: Arc<AtomicUsize>,
}

/// A taken event-stream slot; freed when dropped.
pub(super) struct StreamSlot(Arc<AtomicUsize>);

impl Streams {
    pub(super) fn new(max: usize) -> Streams {
        Streams {
            max,
            open: Arc::new(AtomicUsize::new(0)),
        }
    }

    pub(super) fn take(&self) -> Option<StreamSlot> {
        self.open
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.max).then_some(n + 1)
            })
            .ok()
            .map(|_| StreamSlot(self.open.clone()))
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_table_closes_the_longest_idle_then_refuses_when_all_are_busy() {
        let slots = Slots::new(2);
        let (a, _) = slots.admit().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let (b, closed) = slots.admit().unwrap();
        assert!(!closed);
        // Both idle: the third takes a's slot (idle longest).
        let (c, closed) = slots.admit().unwrap();
        assert!(closed);
        assert_eq!(slots.open(), 2);
        assert!(!lock(&slots.table).open.contains_key(&a.id));
        assert!(lock(&slots.table).open.contains_key(&b.id));
        // b and c busy and flowing: nobody is closed, the newcomer is refused.
        let _bb = b.busy();
        let _cb = c.busy();
        assert!(slots.admit().is_none());
        // A stalled writer for over a second may be closed.
        c.set_stalled(true);
        c.state.stalled_since.store(0, Ordering::Relaxed);
        let now = slots.now() + STALLED_MS;
        assert_eq!(c.state.eviction_rank(now), Some((1, 0)));
        drop(a);
        assert_eq!(
            slots.open(),
            2,
            "dropping an evicted connection frees nothing twice"
        );
    }

    #[test]
    fn streams_are_counted_and_given_back() {
        let s = Streams::new(2);
        let a = s.take().unwrap();
        let _b = s.take().unwrap();
        assert!(s.take().is_none());
        drop(a);
        assert!(s.take().is_some());
    }
}
