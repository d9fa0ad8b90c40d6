//! Build progress for a front end to show: the current stage and how many of its items
//! are done. The library only counts (atomics); the CLI decides whether and how to draw.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Shared counters, updated by the build from any thread.
#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// Starts `stage` with `total` items (0 when it is not counted).
    pub fn stage(&self, stage: &'static str, total: usize) {
        *self.stage.lock().expect("progress lock") = stage;
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more item of the current stage is done.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// (stage, done, total) right now.
    pub fn snapshot(&self) -> (&'static str, usize, usize) {
        let stage = *self.stage.lock().expect("progress lock");
        (
            stage,
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}
