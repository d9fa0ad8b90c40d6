//! Decap CMS's local backend protocol, as decap-server speaks it (`POST /api/v1` with
//! `{"action": …, "params": {…}}`), answered by serve on loopback for the editor at
//! /admin/: listing and reading entries, saving them with their uploads, the media
//! library, deleting. Only the simple publish mode: locally a save is a write, and
//! pull requests belong to the hosted editor (docs/cms.md).
//!
//! Every path goes through [`Store`] (only under content/, no links, no refused
//! names), and everything is bounded: the request body by its route, each file read or
//! written, the number of files and the bytes of one answer ([`Bounds`]). A refusal is
//! `{"error": "…"}` with a status the CMS shows to the editor.

use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Value};

use super::store::{Refused, Store};
use crate::diag::Text;

/// How much one request may make the server read, write or send.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// The request body (`Route::with_body`).
    pub body: usize,
    /// One entry file (Markdown or YAML).
    pub entry: u64,
    /// One upload, decoded.
    pub upload: u64,
    /// Files in one listing.
    pub files: usize,
    /// Bytes of file contents in one answer.
    pub answer: u64,
}

impl Default for Bounds {
    fn default() -> Bounds {
        Bounds {
            body: 48 << 20,
            entry: 4 << 20,
            upload: 32 << 20,
            files: 5000,
            answer: 64 << 20,
        }
    }
}

/// An answer: JSON, or a refusal the CMS shows the editor (a status and its words, put
/// into `{"error": …}` in the editor's language by the route).
pub type Answer = Result<Value, (u16, Text)>;

fn refused(r: Refused) -> Answer {
    Err((422, r.0))
}

fn bad(why: Text) -> Answer {
    Err((400, why))
}

#[derive(Deserialize)]
struct Call {
    action: String,
    #[serde(default)]
    params: Value,
}

#[derive(Deserialize)]
struct DataFile {
    path: String,
    raw: String,
    #[serde(default, rename = "newPath")]
    new_path: Option<String>,
}

#[derive(Deserialize)]
struct Asset {
    path: String,
    content: String,
    #[serde(default = "base64_word")]
    encoding: String,
}

fn base64_word() -> String {
    "base64".into()
}

#[derive(Deserialize)]
struct PersistEntry {
    #[serde(default)]
    entry: Option<DataFile>,
    #[serde(default, rename = "dataFiles")]
    data_files: Vec<DataFile>,
    #[serde(default)]
    assets: Vec<Asset>,
}

/// Answers one call of the protocol.
pub fn answer(store: &Store, bounds: &Bounds, body: &[u8]) -> Answer {
    let call: Call = match serde_json::from_slice(body) {
        Ok(c) => c,
        Err(e) => {
            return bad(t!(
                "the request is not a call of the CMS protocol: {reason}",
                reason = Text::verbatim(e.to_string())
            ))
        }
    };
    let p = &call.params;
    let text = |key: &str| p.get(key).and_then(Value::as_str);
    match call.action.as_str() {
        "info" => Ok(json!({ "repo": "site", "publish_modes": ["simple"], "type": "local_fs" }),
        ),
        "entriesByFolder" => {
            let Some(folder) = text("folder") else {
                return bad(t!("entriesByFolder needs a folder"));
            };
            let ext = text("extension").unwrap_or("");
            let ext = if ext.is_empty() || ext.starts_with('.') {
                ext.to_string()
            } else {
                format!(".{ext}")
            };
            let depth = p
                .get("depth")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .clamp(1, 4) as usize;
            match store.list(folder, &ext, depth, bounds.files) {
                Ok(files) => Ok(entries(store, bounds, &files)),
                Err(r) => refused(r),
            }
        }
        "entriesByFiles" => {
            let files: Vec<String> = p
                .get("files")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|f| f.get("path").and_then(Value::as_str))
                        .map(str::to_string)
                        .take(bounds.files)
                        .collect()
                })
                .unwrap_or_default();
            Ok(entries(store, bounds, &files))
        }
        "getEntry" => match text("path") {
            Some(path) => Ok(entry(store, bounds, path, &mut 0)),
            None => bad(t!("getEntry needs a path")),
        },
        "persistEntry" => persist(store, bounds, p),
        "getMedia" => match text("mediaFolder") {
            Some(folder) => media_list(store, bounds, folder),
            None => bad(t!("getMedia needs a mediaFolder")),
        },
        "getMediaFile" => match text("path") {
            Some(path) => match media_file(store, bounds.upload, path) {
                Ok(Some(f)) => Ok(f),
                Ok(None) => Err((404, t!("`{path}` does not exist", path))),
                Err(r) => refused(r),
            },
            None => bad(t!("getMediaFile needs a path")),
        },
        "persistMedia" => {
            let Some(asset) = p.get("asset").and_then(|a| Asset::deserialize(a).ok()) else {
                return bad(t!("persistMedia needs an asset with a path and a content"));
            };
            match save_asset(store, bounds, &asset)
                .and_then(|()| media_file(store, bounds.upload, &asset.path))
            {
                Ok(Some(f)) => Ok(f),
                Ok(None) => refused(Refused(t!("`{path}` was not written", path = &asset.path))),
                Err(r) => refused(r),
            }
        }
        "deleteFile" => match text("path") {
            Some(path) => match store.delete(path) {
                Ok(()) => Ok(json!({ "message": format!("deleted file {path}") })),
                Err(r) => refused(r),
            },
            None => bad(t!("deleteFile needs a path")),
        },
        "deleteFiles" => {
            let paths: Vec<&str> = p
                .get("paths")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if paths.len() > bounds.files {
                return bad(t!("at most {n} files at a time", n = bounds.files));
            }
            // Check every path before deleting any.
            if let Some(r) = paths.iter().find_map(|p| store.check(p, false).err()) {
                return refused(r);
            }
            for path in &paths {
                if let Err(r) = store.delete(path) {
                    return refused(r);
                }
            }
            Ok(json!({ "message": format!("deleted files {}", paths.join(", ")) }),
            )
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err((
            422,
            t!(
                "the action `{action}` is not supported by gongbo serve (only the simple publish mode is)",
                action = crate::diag::printable(other)
            ),
        )),
    }
}

/// The entries of `files` as the protocol lists them: `{data, file: {path, id}}`, with
/// `data: null` for a file that cannot be read (missing, too large, refused).
fn entries(store: &Store, bounds: &Bounds, files: &[String]) -> Value {
    let mut sent = 0u64;
    Value::Array(
        files
            .iter()
            .map(|f| entry(store, bounds, f, &mut sent))
            .collect(),
    )
}

fn entry(store: &Store, bounds: &Bounds, path: &str, sent: &mut u64) -> Value {
    let room = bounds.answer.saturating_sub(*sent).min(bounds.entry);
    let bytes = store.read(path, room).ok().flatten();
    let text = bytes.and_then(|b| String::from_utf8(b).ok());
    match text {
        Some(t) => {
            *sent += t.len() as u64;
            let id = id_of(t.as_bytes());
            json!({ "data": t, "file": { "path": path, "id": id } })
        }
        None => json!({ "data": Value::Null, "file": { "path": path, "id": Value::Null } }),
    }
}

fn id_of(bytes: &[u8]) -> String {
    format!("{:032x}", crate::fp::Fp::of(bytes).0)
}

/// Saves the data files of an entry (one per language) and its uploads: every path is
/// checked first, so a refused one writes nothing.
fn persist(store: &Store, bounds: &Bounds, p: &Value) -> Answer {
    let call = match PersistEntry::deserialize(p) {
        Ok(c) => c,
        Err(e) => {
            return bad(t!(
                "the save could not be read: {reason}",
                reason = Text::verbatim(e.to_string())
            ))
        }
    };
    let files: Vec<&DataFile> = if call.data_files.is_empty() {
        call.entry.iter().collect()
    } else {
        call.data_files.iter().collect()
    };
    if files.is_empty() || files.len() > 8 || call.assets.len() > 64 {
        return bad(t!("a save takes 1 to 8 files and at most 64 uploads"));
    }
    for f in &files {
        if f.raw.len() as u64 > bounds.entry {
            return refused(Refused(t!(
                "`{path}` is over {max} MB; split the release or attach long tables as files",
                path = &f.path,
                max = bounds.entry >> 20
            )));
        }
        if let Err(r) = store.check(&f.path, true) {
            return refused(r);
        }
        if let Some(np) = &f.new_path {
            if let Err(r) = store.check(np, true) {
                return refused(r);
            }
        }
    }
    for a in &call.assets {
        if let Err(r) = store.check(&a.path, true) {
            return refused(r);
        }
    }
    for a in &call.assets {
        if let Err(r) = save_asset(store, bounds, a) {
            return refused(r);
        }
    }
    for f in &files {
        let target = f.new_path.as_deref().unwrap_or(&f.path);
        if let Err(r) = store.write(target, f.raw.as_bytes()) {
            return refused(r);
        }
        if target != f.path {
            if let Err(r) = store.delete(&f.path) {
                return refused(r);
            }
        }
    }
    Ok(json!({ "message": "entry persisted" }))
}

fn save_asset(store: &Store, bounds: &Bounds, a: &Asset) -> Result<(), Refused> {
    if a.encoding != "base64" {
        return Err(Refused(t!(
            "`{path}` is sent as {encoding}, not base64",
            path = &a.path,
            encoding = crate::diag::printable(&a.encoding)
        )));
    }
    // Base64 is four characters for three bytes: refuse before decoding.
    if (a.content.len() as u64 / 4) * 3 > bounds.upload + 3 {
        return Err(Refused(t!(
            "`{path}` is over {max} MB, the largest upload",
            path = &a.path,
            max = bounds.upload >> 20
        )));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(a.content.trim())
        .map_err(|e| {
            Refused(t!(
                "`{path}` is not valid base64: {reason}",
                path = &a.path,
                reason = Text::verbatim(e.to_string())
            ))
        })?;
    store.write(&a.path, &bytes).map(|_| ())
}

fn media_file(store: &Store, max: u64, path: &str) -> Result<Option<Value>, Refused> {
    let Some(bytes) = store.read(path, max)? else {
        return Ok(None);
    };
    Ok(Some(media_json(path, &bytes)))
}

fn media_json(path: &str, bytes: &[u8]) -> Value {
    json!({
        "id": id_of(bytes),
        "content": base64::engine::general_purpose::STANDARD.encode(bytes),
        "encoding": "base64",
        "path": path,
        "name": path.rsplit('/').next().unwrap_or(path),
    })
}

/// The media library: the files of a folder with their contents, as long as the answer
/// stays within its bound; the files after that (and any single file over the upload
/// size) are listed without their bytes, which the CMS shows without a thumbnail.
fn media_list(store: &Store, bounds: &Bounds, folder: &str) -> Answer {
    let files = match store.list(folder, "", 1, bounds.files) {
        Ok(f) => f,
        Err(r) => return refused(r),
    };
    let mut sent = 0u64;
    let list: Vec<Value> = files
        .iter()
        .map(|f| {
            let room = bounds.answer.saturating_sub(sent).min(bounds.upload);
            match store.read(f, room) {
                Ok(Some(bytes)) => {
                    sent += bytes.len() as u64;
                    media_json(f, &bytes)
                }
                _ => json!({
                    "id": Value::Null,
                    "content": "",
                    "encoding": "base64",
                    "path": f,
                    "name": f.rsplit('/').next().unwrap_or(f),
                }),
            }
        })
        .collect();
    Ok(Value::Array(list))
}
