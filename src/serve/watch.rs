//! The watcher's reports, and when a burst of them is over: editors write a file in
//! several steps (truncate, write, write…, close; or write a temporary file and move it
//! into place), and serve rebuilds once, after the last.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// How long a change must be followed by no other before serve rebuilds.
const QUIET: Duration = Duration::from_millis(25);

/// The same once the last report said a file was saved (closed after writing, or moved
/// into place): only what the same save does next (a backup file removed) is waited for.
const SETTLED: Duration = Duration::from_millis(3);

/// One report of the watcher.
pub enum Change {
    /// These paths changed; `true`: and the report says a save is complete.
    Paths(Vec<PathBuf>, bool),
    /// Reports were lost: anything may have changed.
    Lost,
}

impl Change {
    /// What a report of the watcher says; `None` for one that changes nothing (a file
    /// opened or read).
    pub fn of(res: notify::Result<notify::Event>) -> Option<Change> {
        Some(match res {
            // The writer closed the file (its path came with the reports of its writes).
            Ok(ev) if closed(&ev.kind) => Change::Paths(Vec::new(), true),
            Ok(ev) if matches!(ev.kind, notify::EventKind::Access(_)) => return None,
            // Events were lost (the kernel's queue overflowed): everything may have.
            Ok(ev) if ev.need_rescan() || ev.paths.is_empty() => Change::Lost,
            // A finished file moved into place (an editor's atomic save) is saved too.
            Ok(ev) => {
                let saved = moved_in(&ev.kind);
                Change::Paths(ev.paths, saved)
            }
            Err(_) => Change::Lost,
        })
    }

    /// How long to wait for another report after this one.
    fn wait(&self) -> Duration {
        match self {
            Change::Paths(_, true) => SETTLED,
            Change::Paths(_, false) | Change::Lost => QUIET,
        }
    }
}

/// The paths a burst of reports that starts with `first` changed, once no other has
/// come for a while: `Some(None)` when reports were lost (anything may have changed),
/// `None` when nothing changed (only closes of files opened for writing).
pub fn burst(rx: &mpsc::Receiver<Change>, first: Change) -> Option<Option<Vec<PathBuf>>> {
    let mut changed = Some(Vec::new());
    let mut next = Some(first);
    while let Some(change) = next {
        let wait = change.wait();
        match change {
            Change::Paths(paths, _) => {
                if let Some(all) = &mut changed {
                    all.extend(paths);
                }
            }
            Change::Lost => changed = None,
        }
        next = rx.recv_timeout(wait).ok();
    }
    match changed {
        Some(paths) if paths.is_empty() => None,
        changed => Some(changed),
    }
}

/// Whether an event says a file opened for writing was closed.
fn closed(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    matches!(
        kind,
        notify::EventKind::Access(AccessKind::Close(AccessMode::Write))
    )
}

/// Whether an event says a file was moved to its place (an editor's atomic save).
fn moved_in(kind: &notify::EventKind) -> bool {
    use notify::event::{ModifyKind, RenameMode};
    matches!(
        kind,
        notify::EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

#[cfg(test)]
mod tests {
    use super::{burst, closed, moved_in, Change};
    use notify::event::{
        AccessKind, AccessMode, CreateKind, DataChange, EventKind, ModifyKind, RenameMode,
    };
    use std::path::PathBuf;

    #[test]
    fn only_a_closed_write_or_a_move_into_place_ends_the_wait_early() {
        let close_write = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let close_read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        let moved_to = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let moved_both = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let moved_from = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let created = EventKind::Create(CreateKind::File);
        assert!(closed(&close_write));
        for k in [close_read, moved_to, written, created] {
            assert!(!closed(&k), "{k:?}");
        }
        assert!(moved_in(&moved_to) && moved_in(&moved_both));
        // A file moved away, a write still going on or a new empty file: wait for more.
        for k in [moved_from, written, created, close_write] {
            assert!(!moved_in(&k), "{k:?}");
        }
    }

    /// The burst of reports `rest` after `first`, all sent before the burst is read.
    fn burst_of(first: Change, rest: Vec<Change>) -> Option<Option<Vec<PathBuf>>> {
        let (tx, rx) = std::sync::mpsc::channel();
        for c in rest {
            tx.send(c).unwrap();
        }
        drop(tx);
        burst(&rx, first)
    }

    #[test]
    fn a_burst_names_every_path_is_nothing_when_only_closed_and_everything_when_lost() {
        let p = |s: &str| PathBuf::from(s);
        let report = |e: EventKind, path: &str| {
            Change::of(Ok(notify::Event::new(e).add_path(p(path)))).expect("a change")
        };
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let close_write = EventKind::Access(AccessKind::Close(AccessMode::Write));
        // Truncate, write, close: the path once per report, built once.
        let got = burst_of(
            report(written, "a.md"),
            vec![report(written, "a.md"), report(close_write, "a.md")],
        );
        assert_eq!(got, Some(Some(vec![p("a.md"), p("a.md")])));
        // A file opened for writing and closed untouched: no rebuild.
        assert_eq!(burst_of(report(close_write, "a.md"), vec![]), None);
        // An opened or read file is not a change at all.
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(Change::of(Ok(notify::Event::new(opened).add_path(p("a.md")))).is_none());
        // Lost reports: the load walks content/ again.
        let lost = Change::of(Ok(notify::Event::new(written))).expect("a change");
        assert_eq!(burst_of(report(written, "a.md"), vec![lost]), Some(None));
    }
}
