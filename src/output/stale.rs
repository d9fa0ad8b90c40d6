//! Cleaning up after processes that were killed before they could tidy up, removing only
//! folders that this user's gongbo provably made: a real folder (not a link), owned by
//! the user running gongbo, holding gongbo's marker of the right kind. A folder of the
//! same name made by someone else (another user in `/tmp`, or the user by hand) stays.
//!
//! Ownership is read from `/proc/self`, which also tells whether a process is alive;
//! where there is no `/proc` (macOS, Windows) nothing is cleaned up.

use std::fs;
use std::path::Path;

use super::marker::{self, Kind};

/// The folder is a real folder owned by the user this process runs as. `false` where
/// that cannot be told.
fn is_own_folder(dir: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return false;
    };
    if !meta.file_type().is_dir() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // /proc/<pid> belongs to the process's effective user, who owns what it creates.
        fs::metadata("/proc/self").is_ok_and(|me| me.uid() == meta.uid())
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// The folder is this user's and its marker is of one of `kinds`.
fn is_marked(dir: &Path, kinds: &[Kind]) -> bool {
    is_own_folder(dir)
        && marker::read(dir).is_ok_and(|m| m.is_some_and(|m| kinds.contains(&m.kind)))
}

/// The folder is this user's and holds nothing but, at most, a marker (whole or cut off
/// by a kill while it was written): removing it loses nothing.
fn holds_at_most_a_marker(dir: &Path) -> bool {
    is_own_folder(dir)
        && fs::read_dir(dir).is_ok_and(|entries| {
            entries.filter_map(Result::ok).all(|e| {
                let name = e.file_name();
                (name == marker::FILE || name.to_str() == Some(&format!("{}.part", marker::FILE)))
                    && e.file_type().is_ok_and(|t| t.is_file())
            })
        })
}

fn is_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// Cleans up after builds of `output` (named `name`, in `parent`) that were killed
/// (SIGKILL, power loss): their `.<name>.gongbo-new-<pid>` (half-written) and
/// `.<name>.gongbo-old-<pid>` (previous output, moved aside) folders. A folder whose
/// process is gone is removed, except that a moved-aside old output is put back when the
/// output itself is missing (the build was killed between its two renames). A folder
/// named after this process is stale too: this process has made none yet, so it is an
/// earlier process's that had the same id. Only folders proven gongbo's are touched: a
/// `-new-` one with a staging or output marker, or nothing but a marker (killed while
/// starting); an `-old-` one with an output marker.
pub(super) fn recover_builds(parent: &Path, name: &str, output: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let own = std::process::id();
    let prefix = format!(".{name}.gongbo-");
    let mut stale: Vec<(bool, std::path::PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().to_string();
            let rest = file.strip_prefix(&prefix)?;
            let (is_old, pid) = match rest.split_once('-')? {
                ("new", pid) => (false, pid),
                ("old", pid) => (true, pid),
                _ => return None,
            };
            let pid: u32 = pid.parse().ok()?;
            (pid == own || !is_alive(pid)).then(|| (is_old, e.path()))
        })
        .collect();
    stale.sort();
    for (is_old, dir) in stale {
        if is_old {
            if !is_marked(&dir, &[Kind::Output]) {
                continue;
            }
            if fs::symlink_metadata(output).is_err() && fs::rename(&dir, output).is_ok() {
                continue;
            }
        } else if !is_marked(&dir, &[Kind::Staging, Kind::Output]) && !holds_at_most_a_marker(&dir)
        {
            continue;
        }
        super::remove_tree(&dir);
    }
}

/// Whether `dir` is a folder of an earlier `gongbo serve` of this user, which may be
/// removed once its process has ended.
pub fn is_serve_folder(dir: &Path) -> bool {
    is_marked(dir, &[Kind::Serve]) || holds_at_most_a_marker(dir)
}

/// Makes `dir`, `gongbo serve`'s temporary folder: a new folder (never one that is
/// already there, nor a link), readable by this user only, with a serve marker. A folder
/// of that name left by an earlier `gongbo serve` of this user with the same process id
/// is removed first; anything else there is an error.
pub fn create_serve_folder(dir: &Path) -> std::io::Result<()> {
    let make = || {
        let mut b = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir)
    };
    if let Err(e) = make() {
        if e.kind() != std::io::ErrorKind::AlreadyExists || !is_serve_folder(dir) {
            // AlreadyExists: something gongbo did not make (the caller says so).
            return Err(e);
        }
        fs::remove_dir_all(dir)?;
        make()?;
    }
    marker::write(dir, Kind::Serve, &[])
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_own_marked_folders_count_as_gongbos() {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let serve = d.join("gongbo-serve-1-2");
        create_serve_folder(&serve).unwrap();
        assert!(is_serve_folder(&serve));
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&serve).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        // Made again (an earlier run with the same process id): replaced.
        fs::write(serve.join("x"), "x").unwrap();
        create_serve_folder(&serve).unwrap();
        assert!(!serve.join("x").exists());
        // A folder of someone's, a link, a file: never taken.
        let mine = d.join("mine");
        fs::create_dir(&mine).unwrap();
        fs::write(mine.join("thesis.docx"), "x").unwrap();
        std::os::unix::fs::symlink(&serve, d.join("link")).unwrap();
        for p in [&mine, &d.join("link")] {
            assert!(!is_serve_folder(p), "{}", p.display());
            assert!(create_serve_folder(p).is_err(), "{}", p.display());
        }
        assert!(mine.join("thesis.docx").exists());
        // A build's staging marker is not a serve marker.
        marker::write(&mine, Kind::Staging, &[]).unwrap();
        assert!(!is_serve_folder(&mine));
        // Empty or only a marker: harmless to remove.
        let empty = d.join("empty");
        fs::create_dir(&empty).unwrap();
        assert!(is_serve_folder(&empty));
        fs::write(empty.join(marker::FILE), "gongbo ser").unwrap();
        assert!(is_serve_folder(&empty));
    }
}
