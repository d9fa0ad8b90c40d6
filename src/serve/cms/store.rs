//! The files the editor may read and write: only under the site's `content/` folder,
//! never through a symbolic link, never a name the build refuses or a hidden one, and
//! each within a size.
//!
//! A path comes from the browser as the CMS names it, relative to the site root
//! (`content/releases/x.ko.md`). [`Store::check`] refuses, before touching the disk,
//! anything that is not plain `content/…` (absolute, `..`, `.`, empty segments,
//! backslashes, control characters, hidden names, refused types such as `.html`), then
//! walks the path one folder at a time with `symlink_metadata`, so a link anywhere on
//! the way (a folder inside `content/`, `content/` itself) is refused rather than
//! followed. Writes go to a temporary file beside the target and are renamed over it, so
//! the build (which watches these folders) never reads half a file, and a link at the
//! target is replaced, not written through.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::content::names::{classify, Name};
use crate::diag::{io_reason, Text};

/// The folder the editor works in.
pub const CONTENT: &str = "content";

/// Why a path or a file was refused, in words for the editor (shown by the CMS).
#[derive(Debug, Clone)]
pub struct Refused(pub Text);

/// The site's `content/` folder, as the editor may use it.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// A checked path: its `/`-separated name relative to the root and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub rel: String,
    pub path: PathBuf,
}

impl Store {
    pub fn new(root: &Path) -> Store {
        Store {
            root: root.to_path_buf(),
        }
    }

    /// Checks `rel` by its text alone, then along the disk. `for_writing` also refuses
    /// names the build would refuse (a `.html` page, a script).
    pub fn check(&self, rel: &str, for_writing: bool) -> Result<Checked, Refused> {
        let segments = segments(rel)?;
        if for_writing {
            let name = segments.last().expect("at least content/ and a name");
            match classify(name) {
                Name::Refused { what, .. } => {
                    return Err(Refused(t!(
                        "`{rel}` is {what}, which gongbo does not publish; attach a PDF instead",
                        rel,
                        what
                    )))
                }
                Name::Ignored => {
                    return Err(Refused(t!(
                        "`{rel}` has the name of a backup or system file, which gongbo does not publish",
                        rel
                    )))
                }
                _ => {}
            }
        }
        let mut path = self.root.clone();
        for (i, seg) in segments.iter().enumerate() {
            path.push(seg);
            let last = i + 1 == segments.len();
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(Refused(t!(
                        "`{path}` is a symbolic link, which the editor does not follow",
                        path = segments[..=i].join("/")
                    )))
                }
                Ok(m) if !last && !m.is_dir() => {
                    return Err(Refused(t!(
                        "`{path}` is a file, not a folder",
                        path = segments[..=i].join("/")
                    )))
                }
                Ok(m) if last && m.is_dir() => {
                    return Err(Refused(t!("`{rel}` is a folder, not a file", rel)))
                }
                Ok(_) => {}
                // What does not exist yet has no link in it; a write makes the folders.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
                Err(e) => return Err(cannot_read(rel, &e)),
            }
        }
        Ok(Checked {
            rel: segments.join("/"),
            path: self.root.join(segments.join("/")),
        })
    }

    /// The bytes of `rel`, if it is a file of at most `max` bytes; `Ok(None)` when it
    /// does not exist.
    pub fn read(&self, rel: &str, max: u64) -> Result<Option<Vec<u8>>, Refused> {
        let c = self.check(rel, false)?;
        let file = match std::fs::File::open(&c.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(cannot_read(&c.rel, &e)),
        };
        let len = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
        if len > max {
            return Err(Refused(t!(
                "`{rel}` is {size} MB; the editor opens files up to {max} MB",
                rel = &c.rel,
                size = len.div_ceil(1 << 20),
                max = max >> 20
            )));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        std::io::Read::read_to_end(&mut std::io::Read::take(file, max + 1), &mut bytes)
            .map_err(|e| cannot_read(&c.rel, &e))?;
        Ok(Some(bytes))
    }

    /// Writes `bytes` to `rel` (making its folders), through a temporary file renamed
    /// over the target.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<Checked, Refused> {
        let c = self.check(rel, true)?;
        let parent = c.path.parent().expect("under content/");
        std::fs::create_dir_all(parent).map_err(|e| cannot_write(&c.rel, &e))?;
        // The folders made just now could have been swapped for links meanwhile: check
        // the whole path again before writing into it.
        let c = self.check(rel, true)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".gongbo-cms-")
            .suffix(".tmp")
            .tempfile_in(parent)
            .map_err(|e| cannot_write(&c.rel, &e))?;
        tmp.write_all(bytes)
            .and_then(|_| tmp.as_file().sync_all())
            .and_then(|_| keep_mode(tmp.as_file(), &c.path))
            .map_err(|e| cannot_write(&c.rel, &e))?;
        tmp.persist(&c.path)
            .map_err(|e| cannot_write(&c.rel, &e.error))?;
        Ok(c)
    }

    /// Deletes `rel`; a file that is not there is no error.
    pub fn delete(&self, rel: &str) -> Result<(), Refused> {
        let c = self.check(rel, false)?;
        match std::fs::remove_file(&c.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Refused(t!(
                "cannot delete `{rel}`: {reason}",
                rel = &c.rel,
                reason = io_reason(&e)
            ))),
        }
    }

    /// The files under the folder `rel` (at most `depth` levels down) whose names end in
    /// `extension`, sorted, at most `max` of them; links and hidden names are skipped.
    pub fn list(
        &self,
        rel: &str,
        extension: &str,
        depth: usize,
        max: usize,
    ) -> Result<Vec<String>, Refused> {
        let probe_path = format!("{}/x", rel.trim_end_matches('/'));
        let segs = segments(&probe_path)?;
        let folder = segs[..segs.len() - 1].join("/");
        let probe = self.check(&format!("{folder}/x"), false)?;
        let dir = probe.path.parent().expect("a folder").to_path_buf();
        let mut out = Vec::new();
        walk(&dir, &folder, extension, depth, max, &mut out);
        out.sort();
        Ok(out)
    }
}

/// Gives the new file the mode of the one it replaces, or that of a file made the usual
/// way (readable by all, `rw-r--r--`), not the temporary file's owner-only mode.
fn keep_mode(file: &std::fs::File, target: &Path) -> std::io::Result<()> {
    let mode = match std::fs::metadata(target) {
        Ok(m) => m.permissions(),
        Err(_) => {
            #[cfg(unix)]
            {
                std::os::unix::fs::PermissionsExt::from_mode(0o644)
            }
            #[cfg(not(unix))]
            {
                return Ok(());
            }
        }
    };
    file.set_permissions(mode)
}

fn walk(dir: &Path, rel: &str, ext: &str, depth: usize, max: usize, out: &mut Vec<String>) {
    if depth == 0 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        if out.len() >= max {
            return;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || segment_problem(&name).is_some() {
            continue;
        }
        let Ok(t) = e.file_type() else { continue };
        let child = format!("{rel}/{name}");
        if t.is_dir() {
            walk(&e.path(), &child, ext, depth - 1, max, out);
        } else if t.is_file() && name.ends_with(ext) && classify(&name) != Name::Ignored {
            out.push(child);
        }
    }
}

fn cannot_read(rel: &str, e: &std::io::Error) -> Refused {
    Refused(t!(
        "cannot read `{rel}`: {reason}",
        rel,
        reason = io_reason(e)
    ))
}

fn cannot_write(rel: &str, e: &std::io::Error) -> Refused {
    Refused(t!(
        "cannot write `{rel}`: {reason}",
        rel,
        reason = io_reason(e)
    ))
}

/// What is wrong with one segment of a path, if anything.
fn segment_problem(seg: &str) -> Option<Text> {
    if seg.is_empty() {
        Some(t!("an empty folder name"))
    } else if seg == "." || seg == ".." {
        Some(t!("`.` or `..`"))
    } else if seg.starts_with('.') {
        Some(t!("a hidden name (starting with a dot)"))
    } else if seg.chars().any(|c| c.is_control() || c == '\\' || c == ':') {
        Some(t!("a control character, a backslash or a colon"))
    } else if seg.len() > 255 {
        Some(t!("a name longer than 255 bytes"))
    } else {
        None
    }
}

/// The segments of a plain `content/…` path, or why it is not one.
fn segments(rel: &str) -> Result<Vec<&str>, Refused> {
    if rel.len() > 1024 {
        return Err(Refused(t!("the path is longer than 1024 bytes")));
    }
    let segs: Vec<&str> = rel.split('/').collect();
    let shown = crate::diag::printable(rel).into_owned();
    if let Some(why) = segs.iter().find_map(|s| segment_problem(s)) {
        return Err(Refused(t!(
            "`{path}` has {why}; the editor takes plain paths under content/",
            path = &shown,
            why
        )));
    }
    if segs.len() < 2 || segs[0] != CONTENT {
        return Err(Refused(t!(
            "`{path}` is not under content/, the only folder the editor may use",
            path = &shown
        )));
    }
    Ok(segs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/releases")).unwrap();
        let store = Store::new(dir.path());
        (dir, store)
    }

    #[test]
    fn only_plain_paths_under_content() {
        let (_d, s) = site();
        for bad in [
            "",
            "/etc/passwd",
            "site.toml",
            "content",
            "content/",
            "content//x.md",
            "content/../site.toml",
            "content/./x.md",
            "content/releases/../../x",
            "./content/x.md",
            "content\\x.md",
            "content/.git/config",
            "content/x\u{0}.md",
            "content/releases/C:x.md",
            "../content/x.md",
        ] {
            assert!(s.check(bad, false).is_err(), "{bad:?}");
        }
        assert!(s.check("content/releases/x.ko.md", false).is_ok());
        let e = s.check("content/files/page.html", true).unwrap_err();
        assert!(e.0.to_string().contains("web page"), "{e:?}");
        assert!(s.check("content/files/page.html", false).is_ok());
        assert!(s.check("content/x.md~", true).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_never_followed() {
        let (d, s) = site();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.path(), d.path().join("content/linked")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            d.path().join("content/releases/x.ko.md"),
        )
        .unwrap();
        assert!(s.read("content/linked/secret.txt", 1 << 20).is_err());
        assert!(s.write("content/linked/new.md", b"x").is_err());
        assert!(s.delete("content/linked/secret.txt").is_err());
        assert!(s.read("content/releases/x.ko.md", 1 << 20).is_err());
        assert!(s.write("content/releases/x.ko.md", b"x").is_err());
        assert_eq!(
            std::fs::read_to_string(outside.path().join("secret.txt")).unwrap(),
            "secret"
        );
        assert!(!outside.path().join("new.md").exists());
        // content/ itself a link: nothing under it.
        let d2 = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), d2.path().join("content")).unwrap();
        let s2 = Store::new(d2.path());
        assert!(s2.write("content/a.md", b"x").is_err());
        assert!(s2.list("content", ".txt", 3, 10).is_err());
    }

    #[test]
    fn writes_replace_whole_files_and_make_folders() {
        let (d, s) = site();
        s.write("content/images/a/b.jpg", b"one").unwrap();
        s.write("content/images/a/b.jpg", b"two").unwrap();
        assert_eq!(
            std::fs::read(d.path().join("content/images/a/b.jpg")).unwrap(),
            b"two"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(d.path().join("content/images/a/b.jpg"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644, "{mode:o}");
        }
        let left: Vec<_> = std::fs::read_dir(d.path().join("content/images/a"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "no temporary file left: {left:?}");
        assert_eq!(
            s.read("content/images/a/b.jpg", 3).unwrap().unwrap(),
            b"two"
        );
        assert!(
            s.read("content/images/a/b.jpg", 2).is_err(),
            "over the size"
        );
        assert_eq!(s.read("content/none.md", 10).unwrap(), None);
        s.delete("content/images/a/b.jpg").unwrap();
        s.delete("content/images/a/b.jpg").unwrap();
        assert_eq!(
            s.list("content/images", "", 3, 10).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn listing_is_sorted_bounded_and_skips_hidden_names() {
        let (d, s) = site();
        for n in ["b.ko.md", "a.ko.md", ".hidden.md", "c.txt", "a.ko.md~"] {
            std::fs::write(d.path().join("content/releases").join(n), "x").unwrap();
        }
        assert_eq!(
            s.list("content/releases", ".md", 1, 10).unwrap(),
            ["content/releases/a.ko.md", "content/releases/b.ko.md"]
        );
        assert_eq!(s.list("content/releases/", ".md", 1, 1).unwrap().len(), 1);
        assert!(s.list("content/../x", ".md", 1, 1).is_err());
    }
}
