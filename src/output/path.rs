//! Paths as the system reads them: [`resolve`] follows symbolic links one component at a
//! time, for [`super::target`]'s rules to apply to the real path.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::target::{refusal, symlink, HINT_ELSEWHERE};
use crate::diag::Diagnostic;

/// `output` with every symbolic link resolved, reading the path one component at a
/// time as the system does (so `link/..` is the folder above the link's target). A link
/// as the last component is refused; components after the first missing one are taken
/// as written (nothing there can be a link).
pub(super) fn resolve(output: &Path, given: &Path) -> Result<PathBuf, Diagnostic> {
    let parts: Vec<Component> = given.components().collect();
    let shown = output.display().to_string();
    let mut real = PathBuf::new();
    let mut missing = false;
    for (i, part) in parts.iter().enumerate() {
        match part {
            Component::Prefix(_) | Component::RootDir => real.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
                // Back above the missing part: what follows may exist (and be a link).
                missing = fs::symlink_metadata(&real).is_err();
            }
            Component::Normal(name) => {
                let next = real.join(name);
                let last = i + 1 == parts.len();
                if missing {
                    real = next;
                    continue;
                }
                match fs::symlink_metadata(&next) {
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        missing = true;
                        real = next;
                    }
                    Err(e) => {
                        return Err(refusal(
                            t!(
                                "refusing to replace {shown}: {path} cannot be read ({reason})",
                                shown,
                                path = next.display().to_string(),
                                reason = crate::diag::io_reason(&e)
                            ),
                            HINT_ELSEWHERE,
                        ))
                    }
                    Ok(m) if m.file_type().is_symlink() => {
                        if last {
                            return Err(symlink(&shown, &next));
                        }
                        real = match fs::canonicalize(&next) {
                            Ok(r) if r.is_dir() => r,
                            _ => return Err(refusal(
                                t!("refusing to replace {shown}: its path goes through {path}, a symbolic link that does not lead to a folder", shown, path = next.display().to_string()),
                                t!("fix or remove the link, or choose another path"),
                            )),
                        };
                    }
                    Ok(m) if !last && !m.is_dir() => {
                        return Err(refusal(
                            t!(
                                "refusing to replace {shown}: {path} in its path is a file, not a folder",
                                shown,
                                path = next.display().to_string()
                            ),
                            HINT_ELSEWHERE,
                        ))
                    }
                    Ok(_) => real = next,
                }
            }
        }
    }
    Ok(real)
}

pub(super) fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    }
}

/// `p` with `.` and `..` removed as text (the path as a reader of the command sees it).
pub(super) fn normalize(p: &Path) -> PathBuf {
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
}

pub(super) fn canonical(p: &Path) -> PathBuf {
    fs::canonicalize(p).unwrap_or_else(|_| normalize(&absolute(p)))
}
