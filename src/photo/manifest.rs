//! The fast path of a build with nothing changed: which content hash each source photo
//! had, keyed by its path and a [`Stamp`] of its metadata, so an unchanged photo is
//! recognised by one `stat` instead of hashing megabytes.
//!
//! Why it is safe (the argument git's index makes): a stamp is size, modification time,
//! change time and inode, all to the nanosecond where the file system has them. Saving
//! new content changes the modification time; tools that put an old modification time
//! back (`touch -r`, `cp -p`, `rsync -t`) still change the change time, which no user
//! tool can set; replacing the file changes the inode. What is left is a file changed
//! twice within one clock tick with the same size, with gongbo's `stat` in between.
//! For that race the stamp is taken before and after reading (a file changing while
//! read is not recorded), and a file whose last change is less than [`RACY_SECONDS`]
//! before the start of the run, or after it (the file system's clock, not the
//! machine's), is recorded as unsure and hashed again on the next run. Whenever the photo is read anyway (a cache miss), its
//! hash is checked against the recorded one.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use super::cache::{atomic_write, Hash};

/// Changes within this many seconds of the run's start are not trusted next time
/// (2 s also covers FAT's two-second timestamps).
const RACY_SECONDS: i64 = 2;

/// What `stat` says about a file, enough to tell that it has not changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    pub len: u64,
    /// Modification and change time, nanoseconds since the epoch.
    pub mtime: i128,
    pub ctime: i128,
    pub inode: u64,
}

impl Stamp {
    pub fn of(m: &Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
            Stamp {
                len: m.len(),
                mtime: ns(m.mtime(), m.mtime_nsec()),
                ctime: ns(m.ctime(), m.ctime_nsec()),
                inode: m.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128);
            Stamp {
                len: m.len(),
                mtime,
                ctime: mtime,
                inode: 0,
            }
        }
    }

    /// Whether the file changed within [`RACY_SECONDS`] before `now` (or after it).
    fn racy(&self, now: i128) -> bool {
        let edge = now - i128::from(RACY_SECONDS) * 1_000_000_000;
        self.mtime >= edge || self.ctime >= edge
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Record {
    stamp: Stamp,
    hash: Hash,
    /// Recorded too close to a change to be trusted without hashing again.
    unsure: bool,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    photos: BTreeMap<String, Record>,
}

const VERSION: u32 = 1;

#[derive(Debug)]
pub(crate) struct Manifest {
    path: PathBuf,
    /// The file system's time at the start of the run (ns since the epoch).
    now: i128,
    photos: Mutex<BTreeMap<String, Record>>,
    changed: AtomicBool,
}

impl Manifest {
    /// Loads `path`; a missing, unreadable or foreign file is an empty manifest.
    pub fn load(path: PathBuf, now: i128) -> Manifest {
        let photos = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<File>(&b).ok())
            .filter(|f| f.version == VERSION)
            .map(|f| f.photos)
            .unwrap_or_default();
        Manifest {
            path,
            now,
            photos: Mutex::new(photos),
            changed: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Record>> {
        self.photos.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The content hash recorded for `key` if the file still has `stamp`.
    pub fn lookup(&self, key: &str, stamp: &Stamp) -> Option<Hash> {
        let photos = self.lock();
        let r = photos.get(key)?;
        (r.stamp == *stamp && !r.unsure).then(|| r.hash.clone())
    }

    /// Records that the file at `key` with `stamp` has content `hash`.
    pub fn record(&self, key: String, stamp: Stamp, hash: Hash) {
        let unsure = stamp.racy(self.now);
        let record = Record {
            stamp,
            hash,
            unsure,
        };
        let mut photos = self.lock();
        let same = photos
            .get(&key)
            .is_some_and(|r| r.stamp == stamp && r.hash == record.hash && r.unsure == unsure);
        if !same {
            photos.insert(key, record);
            self.changed.store(true, Ordering::Relaxed);
        }
    }

    /// Forgets what was recorded for `key` (its recorded hash proved wrong).
    pub fn forget(&self, key: &str) {
        if self.lock().remove(key).is_some() {
            self.changed.store(true, Ordering::Relaxed);
        }
    }

    /// Forgets every photo for which `keep` is false.
    pub fn retain(&self, keep: impl Fn(&str) -> bool) {
        let mut photos = self.lock();
        let before = photos.len();
        photos.retain(|k, _| keep(k));
        if photos.len() != before {
            self.changed.store(true, Ordering::Relaxed);
        }
    }

    /// Writes the manifest (atomically) if anything changed.
    pub fn save(&self) -> std::io::Result<()> {
        if !self.changed.swap(false, Ordering::Relaxed) {
            return Ok(());
        }
        let file = File {
            version: VERSION,
            photos: self.lock().clone(),
        };
        let bytes = serde_json::to_vec(&file).map_err(std::io::Error::other)?;
        atomic_write(&self.path, &bytes)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(mtime_s: i128) -> Stamp {
        Stamp {
            len: 10,
            mtime: mtime_s * 1_000_000_000,
            ctime: mtime_s * 1_000_000_000,
            inode: 7,
        }
    }

    #[test]
    fn a_recorded_hash_is_used_only_while_the_stamp_matches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.json");
        let now = 1_000 * 1_000_000_000;
        let m = Manifest::load(path.clone(), now);
        m.record("a.jpg".into(), stamp(900), Hash::of(b"a"));
        m.record("fresh.jpg".into(), stamp(999), Hash::of(b"b"));
        m.save().unwrap();
        let m = Manifest::load(path.clone(), now + 60_000_000_000);
        assert_eq!(m.lookup("a.jpg", &stamp(900)), Some(Hash::of(b"a")));
        let mut touched = stamp(900);
        touched.ctime += 1;
        assert_eq!(m.lookup("a.jpg", &touched), None, "change time differs");
        assert_eq!(m.lookup("b.jpg", &stamp(900)), None);
        // Changed a second before the run started: hashed again next time.
        assert_eq!(m.lookup("fresh.jpg", &stamp(999)), None);
        // A foreign or broken manifest is empty, not an error.
        std::fs::write(&path, b"{\"version\":99,\"photos\":{}}").unwrap();
        assert_eq!(
            Manifest::load(path.clone(), now).lookup("a.jpg", &stamp(900)),
            None
        );
        std::fs::write(&path, b"\0garbage").unwrap();
        assert_eq!(Manifest::load(path, now).lookup("a.jpg", &stamp(900)), None);
    }

    #[test]
    fn an_unchanged_manifest_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.json");
        let m = Manifest::load(path.clone(), 0);
        m.save().unwrap();
        assert!(!path.exists());
        m.record("a".into(), stamp(-100), Hash::of(b"a"));
        m.save().unwrap();
        let before = std::fs::read(&path).unwrap();
        let m = Manifest::load(path.clone(), 0);
        m.record("a".into(), stamp(-100), Hash::of(b"a"));
        assert!(!m.changed.load(Ordering::Relaxed));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
