//! Write: the built files go into a temporary folder beside the output folder, which then
//! replaces the old output in two renames. A failed build removes only its temporary
//! folder, so the previous site is never destroyed or half-written.
//!
//! This module knows nothing about releases: it writes [`OutputFile`]s.

use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::types::{OutputContent, OutputFile};

/// Checks that `output` is a folder gongbo may replace: not the site root, not one of its
/// source folders, not the home folder, not `/`.
pub fn check_target(root: &Path, output: &Path, home: Option<&Path>) -> Result<(), Diagnostic> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    };
    let out = abs(output);
    let root = abs(root);
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            "--output",
            format!("refusing to replace {}: {why}", output.display()),
        )
        .hint("choose an empty or generated folder such as public/"))
    };
    if out.parent().is_none() {
        return refuse("it is the file system root");
    }
    if home.is_some_and(|h| abs(h) == out) {
        return refuse("it is your home folder");
    }
    if root.starts_with(&out) {
        return refuse("it contains the site's sources");
    }
    for src in [
        "content",
        "themes",
        "templates",
        "static",
        "site.toml",
        "src",
        ".git",
    ] {
        if out.starts_with(root.join(src)) {
            return refuse(&format!("it is inside the site's {src}"));
        }
    }
    Ok(())
}

/// Checks that no two files claim the same path and that every path stays inside the
/// output folder.
pub fn check_paths(files: &[OutputFile]) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut seen = BTreeSet::new();
    for f in files {
        let p = Path::new(&f.path);
        if p.is_absolute()
            || p.components().any(|c| !matches!(c, Component::Normal(_)))
            || f.path.is_empty()
        {
            diags.push(Diagnostic::error(
                &f.path,
                "refusing to write outside the output folder",
            ));
        } else if !seen.insert(f.path.as_str()) {
            diags.push(
                Diagnostic::error(&f.path, "two sources would write this same output file").hint(
                    "rename one of them (a static file, an asset under content/ or a page slug)",
                ),
            );
        }
    }
    diags
}

/// Writes `files` as the new content of `output`.
pub fn write(output: &Path, files: &[OutputFile]) -> Result<usize, Diagnostics> {
    let diags = check_paths(files);
    if diags.has_errors() {
        return Err(diags);
    }
    let io = |what: String, e: std::io::Error| {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::error(
            output.display().to_string(),
            format!("{what}: {e}"),
        ));
        d
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| io("cannot create the parent folder".into(), e))?;
    recover_stale(parent, &name, output);
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.gongbo-new-{pid}"));
    let old = parent.join(format!(".{name}.gongbo-old-{pid}"));
    let _ = fs::remove_dir_all(&tmp);
    let result = (|| {
        fs::create_dir_all(&tmp)?;
        let dirs: BTreeSet<&Path> = files
            .iter()
            .filter_map(|f| Path::new(&f.path).parent())
            .collect();
        for d in dirs {
            fs::create_dir_all(tmp.join(d))?;
        }
        files.par_iter().try_for_each(|f| -> std::io::Result<()> {
            let dest = tmp.join(&f.path);
            match &f.content {
                OutputContent::Bytes(b) => fs::write(dest, b),
                OutputContent::Copy(from) => fs::copy(from, dest).map(|_| ()),
            }
        })
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(io("cannot write the new site".into(), e));
    }
    let had_old = output.exists();
    if had_old {
        if let Err(e) = fs::rename(output, &old) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(io("cannot move the previous output aside".into(), e));
        }
    }
    if let Err(e) = fs::rename(&tmp, output) {
        if had_old {
            let _ = fs::rename(&old, output);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(io("cannot move the new site into place".into(), e));
    }
    if had_old {
        remove_tree(&old);
    }
    Ok(files.len())
}

/// Cleans up after builds that were killed (SIGKILL, power loss) before they could tidy
/// up: their `.<name>.gongbo-new-<pid>` (half-written) and `.<name>.gongbo-old-<pid>`
/// (previous output, moved aside) folders stay beside the output. A folder whose process
/// is gone is removed, except that a moved-aside old output is put back when the output
/// itself is missing (the build was killed between its two renames). Whether a process
/// is alive is read from `/proc`; where there is no `/proc`, nothing is cleaned.
fn recover_stale(parent: &Path, name: &str, output: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.gongbo-");
    let mut stale: Vec<(bool, PathBuf)> = entries
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
            let alive = pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists();
            (!alive && e.file_type().ok()?.is_dir()).then(|| (is_old, e.path()))
        })
        .collect();
    stale.sort();
    for (is_old, dir) in stale {
        if is_old && !output.exists() && fs::rename(&dir, output).is_ok() {
            continue;
        }
        remove_tree(&dir);
    }
}

/// Removes a folder tree, deleting its files in parallel (a large site's old output has
/// tens of thousands of files, and one thread spends seconds in unlink alone).
fn remove_tree(dir: &Path) {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    let _ = fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_targets() {
        let root = Path::new("/srv/site");
        assert!(check_target(root, Path::new("/srv/site/public"), None).is_ok());
        assert!(check_target(root, Path::new("/srv/site"), None).is_err());
        assert!(check_target(root, Path::new("/srv/site/content"), None).is_err());
        assert!(check_target(root, Path::new("/srv/site/themes/x"), None).is_err());
        assert!(check_target(root, Path::new("/srv"), None).is_err());
        assert!(check_target(root, Path::new("/"), None).is_err());
        assert!(check_target(root, Path::new("/home/u"), Some(Path::new("/home/u"))).is_err());
        assert!(check_target(root, Path::new("/srv/site/public/../content"), None).is_err());
    }

    #[test]
    fn duplicate_and_escaping_paths_are_errors() {
        let files = vec![
            OutputFile::bytes("a/index.html", "x"),
            OutputFile::bytes("a/index.html", "y"),
            OutputFile::bytes("../x", "z"),
        ];
        assert_eq!(check_paths(&files).len(), 2);
    }
}
