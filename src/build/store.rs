//! The state a build keeps for the next one, on disk: `.gongbo/build/state.bin` in the
//! site's folder (gongbo's own cache folder, which CI may restore between runs).
//!
//! What is kept: the output folder's manifest (every file and its signature), the search
//! index of each language, what each body's render found (not its HTML), and the
//! checked front matter of every source that passed its checks (without its body),
//! with the stamp of its file and the fingerprint of what it was checked against
//! ([`content::Cache`]). A build after one edit then reads and parses only the files
//! whose stamp changed. Sources that changed within two seconds before the state was
//! written are not trusted (a coarse file system clock could hide a second write).
//!
//! The file is a head naming the format and gongbo's version, then five parts (the
//! manifest, the bodies, the sources, the search index of each language), each postcard
//! (a compact serde format), encoded and decoded in parallel; it ends in a fingerprint
//! of everything before it. A file of another format or version, a damaged one, or one
//! that cannot be read is ignored with a note (the build then writes everything), never
//! trusted; a folder in the way that is not a real folder (a symbolic link) is left
//! alone and nothing is kept. The file is written to a temporary name and renamed into
//! place, so a killed build leaves the old state or the new one, and the state is saved
//! only after the output is committed, so it never describes an output that is not
//! there.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use super::{BodyCache, Manifest, State};
use crate::content;
use crate::diag::{io_reason, Text};
use crate::fp::Fp;
use crate::search::store::LangIndex;
use crate::types::PerLang;

/// The cache folder of a site, relative to its root.
pub const DIR: &str = ".gongbo";
/// The build's own folder inside it.
const SUB: &str = "build";
const FILE: &str = "state.bin";
/// Raised when what is kept changes shape.
const FORMAT: u32 = 5;
const MAGIC: &[u8] = b"gongbo build state\n";
/// The largest state read back (10,000 releases keep about 60 MB): a file beyond it, or
/// one that is not a plain file (a link to `/dev/zero`), is not read at all.
const MAX_BYTES: u64 = 2 << 30;

/// What the state file starts with (after [`MAGIC`]); the parts follow it, each as its
/// length (8 bytes, little-endian) and its postcard bytes, in the order of [`Parts`].
#[derive(Serialize, Deserialize)]
struct Head {
    format: u32,
    version: String,
    output: Option<PathBuf>,
}

/// The parts of the state, encoded and decoded side by side (a large site's state is
/// tens of megabytes; on two cores this halves the time to keep and to read it).
struct Parts {
    files: Vec<u8>,
    bodies: Vec<u8>,
    content: Vec<u8>,
    search_ko: Vec<u8>,
    search_en: Vec<u8>,
}

fn encode_parts(state: &State) -> Result<Parts, postcard::Error> {
    let files: Vec<(&str, Fp)> = state
        .manifest
        .as_ref()
        .map(|m| m.files.iter().map(|(k, v)| (k.as_str(), *v)).collect())
        .unwrap_or_default();
    let ((files, bodies), (content, (search_ko, search_en))) = rayon::join(
        || {
            rayon::join(
                || postcard::to_stdvec(&files),
                || postcard::to_stdvec(&state.bodies),
            )
        },
        || {
            rayon::join(
                || postcard::to_stdvec(&state.content),
                || {
                    rayon::join(
                        || postcard::to_stdvec(&state.search.ko),
                        || postcard::to_stdvec(&state.search.en),
                    )
                },
            )
        },
    );
    Ok(Parts {
        files: files?,
        bodies: bodies?,
        content: content?,
        search_ko: search_ko?,
        search_en: search_en?,
    })
}

/// The payload of a state file, ready to be written: the head, then each part after its
/// length (8 bytes, little-endian).
struct Payload {
    head: Vec<u8>,
    lens: [[u8; 8]; 5],
    parts: Parts,
}

impl Payload {
    fn new(head: &Head, parts: Parts) -> Result<Payload, postcard::Error> {
        let all = [
            &parts.files,
            &parts.bodies,
            &parts.content,
            &parts.search_ko,
            &parts.search_en,
        ];
        Ok(Payload {
            head: postcard::to_stdvec(head)?,
            lens: all.map(|p| (p.len() as u64).to_le_bytes()),
            parts,
        })
    }

    /// The payload in order, as slices (it is written piece by piece, with its checksum
    /// made on the way: no copy of tens of megabytes into one buffer first).
    fn pieces(&self) -> [&[u8]; 11] {
        let p = &self.parts;
        let l = &self.lens;
        [
            &self.head,
            &l[0],
            &p.files,
            &l[1],
            &p.bodies,
            &l[2],
            &p.content,
            &l[3],
            &p.search_ko,
            &l[4],
            &p.search_en,
        ]
    }
}

/// The five parts after the head, as slices of `rest`.
fn split_parts(mut rest: &[u8]) -> Option<[&[u8]; 5]> {
    let mut parts: [&[u8]; 5] = [&[]; 5];
    for part in &mut parts {
        let (len, tail) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        if len > tail.len() {
            return None;
        }
        let (this, tail) = tail.split_at(len);
        *part = this;
        rest = tail;
    }
    rest.is_empty().then_some(parts)
}

/// The folder `.gongbo/build` under `root`, if it is (or can be made) a real folder of
/// gongbo's: never followed through a symbolic link. `Err(None)`: it does not exist (and
/// `create` is false).
fn folder(root: &Path, create: bool) -> Result<PathBuf, Option<Text>> {
    let mut dir = root.to_path_buf();
    for part in [DIR, SUB] {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(Some(t!(
                    "{path} is not a folder (a link or a file); gongbo keeps no build state there",
                    path = dir.display().to_string()
                )))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && create => {
                std::fs::create_dir(&dir).map_err(|e| {
                    Some(t!(
                        "cannot make {path}: {reason}",
                        path = dir.display().to_string(),
                        reason = io_reason(&e)
                    ))
                })?;
                if part == DIR {
                    // Backup and indexing tools know to leave a cache alone.
                    let _ = std::fs::write(
                        dir.join("CACHEDIR.TAG"),
                        "Signature: 8a477f597d28d172789f06886806bc55\n# gongbo's cache: safe to delete; the next build rebuilds it.\n",
                    );
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(None),
            Err(e) => {
                return Err(Some(t!(
                    "cannot read {path}: {reason}",
                    path = dir.display().to_string(),
                    reason = io_reason(&e)
                )))
            }
        }
    }
    Ok(dir)
}

/// The state kept in `root/.gongbo/build`, or an empty one and why (no reason: there
/// was none to read).
pub fn load(root: &Path) -> (State, Option<Text>) {
    let dir = match folder(root, false) {
        Ok(d) => d,
        Err(why) => return (State::default(), why),
    };
    let file = dir.join(FILE);
    match std::fs::symlink_metadata(&file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (State::default(), None),
        Ok(m) if !m.is_file() => {
            return (
                State::default(),
                Some(t!(
                    "the kept build state is not a plain file; building everything"
                )),
            )
        }
        Ok(m) if m.len() > MAX_BYTES => {
            return (
                State::default(),
                Some(t!(
                    "the kept build state is larger than gongbo ever writes; building everything"
                )),
            )
        }
        _ => {}
    }
    let read = std::fs::File::open(&file).and_then(|f| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_BYTES + 1), &mut bytes)
            .map(|_| bytes)
    });
    let bytes = match read {
        Ok(b) if b.len() as u64 > MAX_BYTES => {
            return (
                State::default(),
                Some(t!(
                    "the kept build state is larger than gongbo ever writes; building everything"
                )),
            )
        }
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (State::default(), None),
        Err(e) => {
            let why = t!(
                "cannot read the kept build state ({reason}); building everything",
                reason = io_reason(&e)
            );
            return (State::default(), Some(why));
        }
    };
    match decode(bytes) {
        Ok(mut state) => {
            match std::fs::metadata(&file) {
                Ok(m) => state
                    .content
                    .forget_recent(content::Stamp::of(&m).modified()),
                Err(_) => state.content = content::Cache::default(),
            }
            (state, None)
        }
        Err(why) => (
            State::default(),
            Some(t!("the kept build state {why}; building everything", why)),
        ),
    }
}

fn decode(bytes: Vec<u8>) -> Result<State, Text> {
    let owned = std::sync::Arc::new(bytes);
    let bytes: &[u8] = &owned;
    let body = bytes
        .strip_prefix(MAGIC)
        .ok_or(t!("is not gongbo's (or is damaged)"))?;
    if body.len() < 16 {
        return Err(t!("is cut short"));
    }
    let (payload, sum) = body.split_at(body.len() - 16);
    let sum = u128::from_le_bytes(sum.try_into().expect("16 bytes"));
    if Fp::of(payload).0 != sum {
        return Err(t!("is damaged (its checksum does not match)"));
    }
    // The format and the version come first, so a state of another shape is named as
    // such rather than as unreadable.
    let (format, version): (u32, String) = postcard::take_from_bytes(payload)
        .map(|(head, _)| head)
        .map_err(|_| t!("cannot be read back"))?;
    if format != FORMAT || version != env!("CARGO_PKG_VERSION") {
        return Err(t!(
            "was kept by gongbo {version} (format {format}), not by this one",
            version = &version,
            format
        ));
    }
    let (head, rest): (Head, &[u8]) =
        postcard::take_from_bytes(payload).map_err(|_| t!("cannot be read back"))?;
    let [files, bodies, content, ko, en] = split_parts(rest).ok_or(t!("cannot be read back"))?;
    // The search index goes on decoding beside the build (see `State::pending_search`).
    let offset = |part: &[u8]| part.as_ptr() as usize - bytes.as_ptr() as usize;
    let (ko, en) = (
        offset(ko)..offset(ko) + ko.len(),
        offset(en)..offset(en) + en.len(),
    );
    fn part<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
        postcard::from_bytes(bytes).ok()
    }
    fn index(bytes: &[u8]) -> Option<LangIndex> {
        let mut index: LangIndex = part(bytes)?;
        index.after_load();
        Some(index)
    }
    let search = {
        let bytes = owned.clone();
        move || {
            let (ko, en) = rayon::join(|| index(&bytes[ko]), || index(&bytes[en]));
            Some(PerLang { ko: ko?, en: en? })
        }
    };
    let pending_search = std::thread::Builder::new().spawn(search.clone()).ok();
    let ((files, bodies), content) = rayon::join(
        || {
            rayon::join(
                || part::<Vec<(String, Fp)>>(files),
                || part::<BodyCache>(bodies),
            )
        },
        || part::<content::Cache>(content),
    );
    let unreadable = || t!("cannot be read back");
    let (search, pending_search) = match pending_search {
        Some(p) => (PerLang::default(), Some(p)),
        // No thread to be had: decoded here.
        None => (search().ok_or_else(unreadable)?, None),
    };
    Ok(State {
        content: content.ok_or_else(unreadable)?,
        bodies: bodies.ok_or_else(unreadable)?,
        search,
        pending_search,
        listed: None,
        open_data: Default::default(),
        releases: Default::default(),
        plan: None,
        docs: None,
        feeds: None,
        theme: None,
        link: None,
        manifest: match head.output {
            Some(output) => Some(Manifest {
                output,
                files: files.ok_or_else(unreadable)?.into_iter().collect(),
                pages: None,
            }),
            None => None,
        },
    })
}

/// Keeps `state` in `root/.gongbo/build` for the next build. A failure to keep it is
/// reported (the next build is then a full one), never an error of the build.
pub fn save(root: &Path, state: &mut State) -> Result<(), Text> {
    // A search index still being decoded (a build that failed before its plan stage) is
    // waited for, so it is kept whole.
    state.settle_search();
    // `None` (not there) does not come back when the folder is made.
    let dir = folder(root, true).map_err(|why| {
        why.unwrap_or_else(|| {
            t!(
                "cannot keep the build state in {path}: {reason}",
                path = root.join(DIR).join(SUB).display().to_string(),
                reason = t!("it does not exist")
            )
        })
    })?;
    let head = Head {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").to_string(),
        output: state.manifest.as_ref().map(|m| m.output.clone()),
    };
    let payload = encode_parts(state)
        .and_then(|parts| Payload::new(&head, parts))
        .map_err(|e| {
            t!(
                "cannot keep the build state: {reason}",
                reason = e.to_string()
            )
        })?;
    let pieces = payload.pieces();
    let mut sum = xxhash_rust::xxh3::Xxh3::new();
    for p in &pieces {
        sum.update(p);
    }
    let sum = sum.digest128().to_le_bytes();
    // What a build killed while saving left behind.
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            if e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{FILE}.part-"))
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let part = dir.join(format!("{FILE}.part-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::File::create(&part)?;
        f.write_all(MAGIC)?;
        for p in &pieces {
            f.write_all(p)?;
        }
        f.write_all(&sum)
    };
    write()
        .and_then(|()| std::fs::rename(&part, dir.join(FILE)))
        .map_err(|e| {
            let _ = std::fs::remove_file(&part);
            t!(
                "cannot keep the build state in {path}: {reason}",
                path = dir.display().to_string(),
                reason = io_reason(&e)
            )
        })
}

/// Forgets the kept state (before a build that will change the output without being
/// able to describe it, and for `--clean`).
pub fn forget(root: &Path) {
    if let Ok(dir) = folder(root, false) {
        let _ = std::fs::remove_file(dir.join(FILE));
    }
}

#[cfg(test)]
mod tests;
