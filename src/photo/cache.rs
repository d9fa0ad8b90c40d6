//! The derivative cache, `.gongbo/photos/` inside the site:
//!
//! ```text
//! .gongbo/photos/VERSION         "gongbo photo cache 1": another stamp empties the cache
//! .gongbo/photos/CACHEDIR.TAG    tells backup tools this is a cache
//! .gongbo/photos/manifest.json   path + stamp → content hash (see manifest.rs)
//! .gongbo/photos/entries/<key>/  one photo's files: index, original.jpg, w480.webp, …
//! ```
//!
//! `<key>` is the BLAKE3 hash of the source's content hash and everything that shapes
//! the output (cache version, encoders, settings), so a changed photo or setting never
//! meets an old entry. An entry is written into a temporary folder and renamed into
//! place, so it is there whole or not at all; its index starts with a hash of itself and
//! records, for each file, its length, BLAKE3 hash and stamp. Loading checks all of it:
//! a file whose stamp changed is hashed again, and an entry that fails any check is
//! ignored and rewritten, never trusted. The build copies files from the entry folder
//! (`OutputContent::Copy`), so derivatives never sit in memory between encode and write.
//!
//! The cache folder, `.gongbo` and `entries` must be real folders: a symbolic link there
//! (a site repository could carry one) is refused, so gongbo never writes or deletes
//! outside the site through its cache.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use super::error::PhotoError;
use super::manifest::Stamp;
use super::probe::Probe;
use super::sniff::Format;

const VERSION_TEXT: &str = "gongbo photo cache 1\n";
const INDEX: &str = "index";
const INDEX_MAGIC: &str = "gongbo-photo-index 1 ";
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by gongbo (its photo derivatives).\n";

/// A BLAKE3 hash as 64 lower-case hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hash(String);

impl Hash {
    pub fn of(bytes: &[u8]) -> Hash {
        Hash(blake3::hash(bytes).to_hex().to_string())
    }

    pub(crate) fn of_parts(parts: &[&[u8]]) -> Hash {
        let mut h = blake3::Hasher::new();
        for p in parts {
            h.update(&(p.len() as u64).to_le_bytes());
            h.update(p);
        }
        Hash(h.finalize().to_hex().to_string())
    }

    pub fn hex(&self) -> &str {
        &self.0
    }

    fn is_valid(s: &str) -> bool {
        s.len() == 64
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }
}

/// What an entry holds: the probe of its source and its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Index {
    pub key: Hash,
    pub source: Hash,
    pub probe: Probe,
    pub files: Vec<FileRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileRecord {
    pub name: String,
    pub original: bool,
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub len: u64,
    pub hash: Hash,
    pub stamp: Stamp,
}

/// A file to put in a new entry.
pub(crate) struct NewFile {
    pub name: String,
    pub original: bool,
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// What loading an entry found.
pub(crate) enum Loaded {
    Hit(PathBuf, Box<Index>),
    Missing,
    /// There, but not whole or not ours: to be rewritten.
    Broken,
}

#[derive(Debug)]
pub(crate) struct Cache {
    root: PathBuf,
    entries: PathBuf,
    busy: Mutex<HashSet<Hash>>,
    freed: Condvar,
}

/// Creates `dir` if needed and checks it is a real folder, not a link.
pub(crate) fn real_dir(dir: &Path) -> Result<(), PhotoError> {
    match fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(PhotoError::cache(dir, e)),
    }
    let meta = fs::symlink_metadata(dir).map_err(|e| PhotoError::cache(dir, e))?;
    if meta.file_type().is_symlink() || !meta.is_dir() {
        return Err(PhotoError::cache(
            dir,
            "it is a symbolic link or a file, not a folder",
        ));
    }
    Ok(())
}

impl Cache {
    /// Opens (creating) the cache at `root`, whose parent must exist. A cache of another
    /// version is emptied. Returns it with the file system's current time.
    pub fn open(root: &Path) -> Result<(Cache, i128), PhotoError> {
        real_dir(root)?;
        let version = root.join("VERSION");
        let entries = root.join("entries");
        if fs::read(&version).ok().as_deref() != Some(VERSION_TEXT.as_bytes()) {
            // Foreign or missing stamp: nothing in here is trusted. Only our own names
            // are removed, and `entries` only when it is a real folder.
            if fs::symlink_metadata(&entries).is_ok_and(|m| m.is_dir()) {
                fs::remove_dir_all(&entries).map_err(|e| PhotoError::cache(&entries, e))?;
            }
            let _ = fs::remove_file(root.join("manifest.json"));
            atomic_write(&version, VERSION_TEXT.as_bytes())
                .map_err(|e| PhotoError::cache(&version, e))?;
            let _ = atomic_write(&root.join("CACHEDIR.TAG"), CACHEDIR_TAG.as_bytes());
        }
        real_dir(&entries)?;
        let now = fs_now(root).map_err(|e| PhotoError::cache(root, e))?;
        let cache = Cache {
            root: root.to_path_buf(),
            entries,
            busy: Mutex::new(HashSet::new()),
            freed: Condvar::new(),
        };
        Ok((cache, now))
    }

    pub fn manifest_path(&self) -> PathBuf {
        self.root.join("manifest.json")
    }

    /// Runs `f` while no other thread works on `key`: one photo used twice (or two
    /// copies of one photo) is made once, and the second use finds it in the cache.
    pub fn exclusive<T>(&self, key: &Hash, f: impl FnOnce() -> T) -> T {
        let lock = || self.busy.lock().unwrap_or_else(|e| e.into_inner());
        let mut busy = lock();
        while busy.contains(key) {
            busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
        busy.insert(key.clone());
        drop(busy);
        struct Release<'a>(&'a Cache, &'a Hash);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                let mut busy = self.0.busy.lock().unwrap_or_else(|e| e.into_inner());
                busy.remove(self.1);
                self.0.freed.notify_all();
            }
        }
        let _release = Release(self, key);
        f()
    }

    /// The entry for `key`, checked; see the module doc.
    pub fn load(&self, key: &Hash) -> Loaded {
        let dir = self.entries.join(key.hex());
        let Ok(text) = fs::read(dir.join(INDEX)) else {
            return if fs::symlink_metadata(&dir).is_ok() {
                Loaded::Broken
            } else {
                Loaded::Missing
            };
        };
        let Some(mut index) = parse_index(&text).filter(|i| i.key == *key) else {
            return Loaded::Broken;
        };
        let mut restamped = false;
        for f in &mut index.files {
            let path = dir.join(&f.name);
            let Ok(meta) = fs::symlink_metadata(&path) else {
                return Loaded::Broken;
            };
            let stamp = Stamp::of(&meta);
            if !meta.is_file() || stamp.len != f.len {
                return Loaded::Broken;
            }
            if stamp != f.stamp {
                // Touched since written (or restored from a CI cache): trust the bytes
                // only if they still hash the same.
                match fs::read(&path) {
                    Ok(bytes) if Hash::of(&bytes) == f.hash => {
                        f.stamp = stamp;
                        restamped = true;
                    }
                    _ => return Loaded::Broken,
                }
            }
        }
        if restamped {
            // Best effort: if this fails, the next run hashes again.
            let _ = atomic_write(&dir.join(INDEX), &index_bytes(&index));
        }
        Loaded::Hit(dir, Box::new(index))
    }

    /// The probe recorded in the entry for `key`, read from its index alone (its files
    /// are not looked at: [`Cache::load`] checks them when they are used).
    pub fn probe(&self, key: &Hash) -> Option<Probe> {
        let text = fs::read(self.entries.join(key.hex()).join(INDEX)).ok()?;
        parse_index(&text)
            .filter(|i| i.key == *key)
            .map(|i| i.probe)
    }

    /// Writes a new entry for `key` (replacing a broken one) and returns it.
    pub fn store(
        &self,
        key: &Hash,
        source: Hash,
        probe: Probe,
        files: Vec<NewFile>,
    ) -> Result<(PathBuf, Index), PhotoError> {
        let err = |p: &Path, e: io::Error| PhotoError::cache(p, e);
        let tmp = tempfile::Builder::new()
            .prefix(".tmp-")
            .tempdir_in(&self.entries)
            .map_err(|e| err(&self.entries, e))?;
        let mut records = Vec::with_capacity(files.len());
        for f in files {
            let path = tmp.path().join(&f.name);
            fs::write(&path, &f.bytes).map_err(|e| err(&path, e))?;
            let meta = fs::metadata(&path).map_err(|e| err(&path, e))?;
            records.push(FileRecord {
                hash: Hash::of(&f.bytes),
                len: f.bytes.len() as u64,
                stamp: Stamp::of(&meta),
                name: f.name,
                original: f.original,
                format: f.format,
                width: f.width,
                height: f.height,
            });
        }
        let index = Index {
            key: key.clone(),
            source,
            probe,
            files: records,
        };
        let index_path = tmp.path().join(INDEX);
        fs::write(&index_path, index_bytes(&index)).map_err(|e| err(&index_path, e))?;
        let dir = self.entries.join(key.hex());
        if fs::symlink_metadata(&dir).is_ok() {
            // A broken entry: move it aside (one rename), then delete it.
            let old = tempfile::Builder::new()
                .prefix(".old-")
                .tempdir_in(&self.entries)
                .map_err(|e| err(&self.entries, e))?
                .keep();
            fs::rename(&dir, &old).map_err(|e| err(&dir, e))?;
            let _ = fs::remove_dir_all(&old);
        }
        // Files inside keep their stamps when their folder is renamed.
        fs::rename(tmp.path(), &dir).map_err(|e| err(&dir, e))?;
        let _ = tmp.keep();
        Ok((dir, index))
    }

    /// Removes every entry whose key is not in `keep`, and leftovers of interrupted
    /// writes. Returns how many folders were removed.
    pub fn prune(&self, keep: &HashSet<Hash>) -> io::Result<usize> {
        let mut removed = 0;
        for e in fs::read_dir(&self.entries)? {
            let e = e?;
            let name = e.file_name().to_string_lossy().into_owned();
            let ours = name.starts_with(".tmp-")
                || name.starts_with(".old-")
                || (Hash::is_valid(&name) && !keep.contains(&Hash(name.clone())));
            if ours && e.file_type()?.is_dir() {
                fs::remove_dir_all(e.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

fn index_bytes(index: &Index) -> Vec<u8> {
    let json = serde_json::to_vec(index).expect("an index always serializes");
    let mut out = format!("{INDEX_MAGIC}{}\n", Hash::of(&json).hex()).into_bytes();
    out.extend_from_slice(&json);
    out
}

fn parse_index(text: &[u8]) -> Option<Index> {
    let rest = text.strip_prefix(INDEX_MAGIC.as_bytes())?;
    let (hash, json) = (rest.get(..64)?, rest.get(65..)?);
    if rest.get(64) != Some(&b'\n') || Hash::of(json).hex().as_bytes() != hash {
        return None;
    }
    let index: Index = serde_json::from_slice(json).ok()?;
    // Names come from our own writer; anything else (a path, "..") is not ours.
    let safe = |n: &str| {
        !n.is_empty()
            && n.len() < 64
            && n != INDEX
            && !n.starts_with('.')
            && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
    };
    index.files.iter().all(|f| safe(&f.name)).then_some(index)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub(crate) fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The file system's clock: the modification time of a file created now.
fn fs_now(dir: &Path) -> io::Result<i128> {
    let tmp = tempfile::Builder::new()
        .prefix(".tmp-now-")
        .tempfile_in(dir)?;
    Ok(Stamp::of(&tmp.as_file().metadata()?).mtime)
}

#[cfg(test)]
mod tests;
