//! Build progress for a front end to show: the current stage, what it works on and how
//! far it is. The library only counts (atomics); the CLI decides whether and how to draw.
//!
//! A stage is either counted item by item ([`Progress::counted`], e.g. the pages
//! rendered) or not ([`Progress::stage`], e.g. the swap of the output folder). Every
//! stage started is kept with its final counts, so a test (or a summary) can see what
//! each one did.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One stage as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub stage: &'static str,
    /// What the stage counts: `bodies`, `pages` (empty when it is not counted).
    pub unit: &'static str,
    /// How many items the stage has (0 when it is not counted).
    pub total: usize,
    /// How many are done; only a counted stage counts them.
    pub done: usize,
    /// Whether the stage reports each item as it is done.
    pub counted: bool,
}

/// Shared counters, updated by the build from any thread.
#[derive(Debug, Default)]
pub struct Progress {
    current: Mutex<Option<Snapshot>>,
    done: AtomicUsize,
    finished: Mutex<Vec<Snapshot>>,
}

impl Progress {
    /// Starts `stage`, which is not counted item by item.
    pub fn stage(&self, stage: &'static str) {
        self.start(stage, "", 0, false);
    }

    /// Starts `stage` with `total` items of `unit`, each reported with [`Progress::tick`].
    pub fn counted(&self, stage: &'static str, total: usize, unit: &'static str) {
        self.start(stage, unit, total, true);
    }

    fn start(&self, stage: &'static str, unit: &'static str, total: usize, counted: bool) {
        let mut current = self.current.lock().expect("progress lock");
        if let Some(mut previous) = current.take() {
            previous.done = self.done.load(Ordering::Relaxed);
            self.finished.lock().expect("progress lock").push(previous);
        }
        self.done.store(0, Ordering::Relaxed);
        *current = Some(Snapshot {
            stage,
            unit,
            total,
            done: 0,
            counted,
        });
    }

    /// One more item of the current stage is done.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The current stage right now (an empty `load` stage before the build starts).
    pub fn snapshot(&self) -> Snapshot {
        let current = *self.current.lock().expect("progress lock");
        let mut s = current.unwrap_or(Snapshot {
            stage: "load",
            unit: "",
            total: 0,
            done: 0,
            counted: false,
        });
        s.done = self.done.load(Ordering::Relaxed);
        s
    }

    /// Every stage started so far, in order, with its counts (the last as it stands).
    pub fn stages(&self) -> Vec<Snapshot> {
        let started = self.current.lock().expect("progress lock").is_some();
        let mut all = self.finished.lock().expect("progress lock").clone();
        if started {
            all.push(self.snapshot());
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_keep_their_final_counts() {
        let p = Progress::default();
        assert_eq!(p.snapshot().stage, "load");
        p.counted("render", 2, "pages");
        p.tick();
        assert_eq!((p.snapshot().done, p.snapshot().total), (1, 2));
        p.tick();
        p.stage("write");
        assert_eq!(p.snapshot().done, 0);
        let stages = p.stages();
        assert_eq!(stages.len(), 2);
        assert_eq!(
            (stages[0].stage, stages[0].done, stages[0].counted),
            ("render", 2, true)
        );
        assert_eq!(
            (stages[1].stage, stages[1].total, stages[1].counted),
            ("write", 0, false)
        );
    }
}
