//! Reading the site's own folders (`themes/`, `templates/`, `static/`) without leaving
//! the site: a symbolic link is followed only to a file inside the site root; a link to
//! a folder, or to anything outside the site, is an error naming the link. The number
//! of files and their total size are bounded, so a folder that holds a disk's worth of
//! files fails in moments instead of being copied.

use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Diagnostics, Text};

/// How much one folder may hold.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub files: usize,
    pub bytes: u64,
}

/// `static/` folders (the theme's and the site's, each).
pub const STATIC: Bounds = Bounds {
    files: 20_000,
    bytes: 2 << 30,
};

/// `templates/` folders: every file is read into memory.
pub const TEMPLATES: Bounds = Bounds {
    files: 2_000,
    bytes: 64 << 20,
};

/// A file found under a folder: its path below the folder (`/`-separated), where to
/// read it and its size.
#[derive(Debug, Clone)]
pub struct Found {
    pub rel: String,
    pub abs: PathBuf,
    pub bytes: u64,
}

/// Path of `p` relative to the site root, `/`-separated, for messages.
fn shown(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

/// An error unless `path` (inside `root`) is a real folder or file, or a link to a file
/// inside the site. Each part of the path below `root` is checked, so `themes -> /` is
/// refused as well as `themes/default -> /etc`.
pub fn check_path(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let below = path.strip_prefix(root).unwrap_or(path);
    let mut at = root.to_path_buf();
    let parts: Vec<_> = below.components().collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let last = i + 1 == parts.len();
        check_link(root, &at, last)?;
    }
    Ok(())
}

/// `at` as the site may use it: not a link, or (when `file_ok`) a link to a file inside
/// the site.
fn check_link(root: &Path, at: &Path, file_ok: bool) -> Result<(), Diagnostic> {
    let Ok(meta) = std::fs::symlink_metadata(at) else {
        return Ok(()); // missing: the caller says so, if it matters
    };
    if !meta.file_type().is_symlink() {
        return Ok(());
    }
    let rel = shown(root, at);
    let target = std::fs::canonicalize(at).ok();
    let inside = match (&target, std::fs::canonicalize(root)) {
        (Some(t), Ok(r)) => t.starts_with(r),
        _ => false,
    };
    let message = if !inside {
        t!(
            "{rel} is a symbolic link that leads out of the site (or nowhere)",
            rel = &rel
        )
    } else if !(file_ok && target.as_deref().is_some_and(Path::is_file)) {
        t!(
            "{rel} is a symbolic link to a folder, which gongbo does not follow",
            rel = &rel
        )
    } else {
        return Ok(());
    };
    Err(Diagnostic::new(Code::Theme, &rel, message).hint(t!(
        "copy the files into the site instead of linking to them"
    )))
}

/// Every file under `dir` (a folder inside `root`), sorted by path, within `bounds`.
/// `Ok(empty)` when `dir` does not exist.
pub fn files(root: &Path, dir: &Path, bounds: Bounds) -> Result<Vec<Found>, Diagnostics> {
    let mut diags = Diagnostics::new();
    if let Err(d) = check_path(root, dir) {
        diags.push(d);
        return Err(diags);
    }
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let mut total: u64 = 0;
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map_or_else(|| shown(root, dir), |p| shown(root, p));
                let reason = match e.io_error() {
                    Some(io) => crate::diag::io_reason(io),
                    None => Text::verbatim(e.to_string()),
                };
                diags.push(Diagnostic::new(
                    Code::Theme,
                    at,
                    t!("cannot read it: {reason}", reason),
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        if entry.path_is_symlink() {
            if let Err(d) = check_link(root, entry.path(), true) {
                diags.push(d);
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::metadata(entry.path()).map_or(0, |m| m.len());
        total = total.saturating_add(bytes);
        if found.len() == bounds.files || total > bounds.bytes {
            let rel = shown(root, dir);
            let message = if found.len() == bounds.files {
                t!(
                    "{rel}/ holds more than {limit} files",
                    rel = &rel,
                    limit = bounds.files
                )
            } else {
                t!(
                    "{rel}/ holds more than {limit} MB",
                    rel = &rel,
                    limit = bounds.bytes >> 20
                )
            };
            diags.push(
                Diagnostic::new(Code::Theme, &rel, message)
                    .hint(t!("keep only the site's own files there; put large downloads under content/ as attachments")),
            );
            return Err(diags);
        }
        found.push(Found {
            rel: shown(dir, entry.path()),
            abs: entry.path().to_path_buf(),
            bytes,
        });
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_of_the_site_and_to_folders_are_refused() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::write(outside.path().join("passwd"), "secret").unwrap();
        std::fs::create_dir_all(root.join("static/css")).unwrap();
        std::fs::write(root.join("static/css/a.css"), "a{}").unwrap();
        std::fs::write(root.join("logo.svg"), "<svg/>").unwrap();
        symlink(root.join("logo.svg"), root.join("static/logo.svg")).unwrap();
        let ok = files(root, &root.join("static"), STATIC).unwrap();
        let rels: Vec<&str> = ok.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["css/a.css", "logo.svg"]);

        symlink(outside.path().join("passwd"), root.join("static/passwd")).unwrap();
        symlink(root.join("static/css"), root.join("static/again")).unwrap();
        let err = files(root, &root.join("static"), STATIC)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("static/passwd: error[E011]: static/passwd is a symbolic link that leads out of the site"),
            "{err}"
        );
        assert!(
            err.contains("static/again is a symbolic link to a folder"),
            "{err}"
        );

        symlink(outside.path(), root.join("templates")).unwrap();
        let err = files(root, &root.join("templates"), TEMPLATES)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("templates is a symbolic link that leads out"),
            "{err}"
        );
        assert!(!err.contains("passwd"), "{err}");
    }

    #[test]
    fn a_folder_with_too_many_files_stops_the_walk() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("static")).unwrap();
        for i in 0..5 {
            std::fs::write(root.join(format!("static/{i}.txt")), "12345").unwrap();
        }
        let few = Bounds {
            files: 4,
            bytes: 1 << 20,
        };
        let err = files(root, &root.join("static"), few)
            .unwrap_err()
            .to_string();
        assert!(err.contains("static/ holds more than 4 files"), "{err}");
        let small = Bounds {
            files: 100,
            bytes: 12,
        };
        assert!(files(root, &root.join("static"), small).is_err());
        assert_eq!(files(root, &root.join("nothing"), small).unwrap().len(), 0);
    }
}
