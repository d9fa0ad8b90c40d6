//! Which folder `--output` may name: gongbo replaces only what it wrote.
//!
//! Accepted: a path where nothing is yet, an empty folder, or an earlier gongbo output
//! (its [`marker`](super::marker) lists every file in it). Refused, before anything is
//! touched: a folder holding anything else, a file, a symbolic link, the site or its
//! sources, the home folder, a system folder, `/`.
//!
//! Symbolic links: a link as the output itself is refused, wherever it points (replacing
//! the link would break what it was for, and following it would write where the user did
//! not say; the message names its target, so the user can pass that instead). Links
//! earlier in the path are resolved, and every rule applies to the real path as well as
//! to the path as written: `--output /tmp/x/site` with `/tmp/x` → the site's `content/`
//! is refused as inside the sources, and `a/link/..` means the folder above the link's
//! target, as the system reads it. The build then writes through the real path only.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::marker::{self, Kind};
use super::path::{absolute, canonical, normalize, resolve};
use crate::diag::{io_reason, Arg, Code, Diagnostic, Diagnostics, Text};

/// The `file` of a refusal: the option, not a file of the site.
pub const OPTION: &str = "--output";

/// An output folder that [`check_target`] accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The path as given, for messages.
    pub given: PathBuf,
    /// The same place with every symbolic link resolved; the build writes here.
    pub real: PathBuf,
    /// The marker found there when it is an earlier build's output.
    pub listed: Option<Arc<Listed>>,
}

/// The marker of an earlier build's output, as [`check_target`] read it.
#[derive(Debug, PartialEq, Eq)]
pub struct Listed {
    pub marker: marker::Marker,
    seen: Option<marker::Seen>,
}

impl Listed {
    /// Whether the marker in `dir` is still the file that was read (so what it lists
    /// need not be read again).
    pub fn still(&self, dir: &Path) -> bool {
        self.seen.is_some() && marker::seen(dir) == self.seen
    }
}

/// Whether the diagnostics are a refusal of the output folder (a usage error: the CLI
/// exits with 2), not problems of the site.
pub fn refused(diags: &Diagnostics) -> bool {
    diags.iter().any(|d| d.file == OPTION && d.is_error())
}

/// Checks that `output` is a folder gongbo may replace (module doc), touching nothing.
pub fn check_target(root: &Path, output: &Path, home: Option<&Path>) -> Result<Target, Diagnostic> {
    let target = check_target_shallow(root, output, home)?;
    deep_check(&target)?;
    Ok(target)
}

/// [`check_target`] but for the walk through an earlier build's files: enough for a
/// build that changes only files the marker lists (an incremental build), which never
/// touches anything else in the folder. A build that replaces the whole folder must
/// [`deep_check`] it too.
pub fn check_target_shallow(
    root: &Path,
    output: &Path,
    home: Option<&Path>,
) -> Result<Target, Diagnostic> {
    check_target_kept(root, output, home, None)
}

/// [`check_target_shallow`], given what an earlier check of the same process read of the
/// marker (`kept`): used as it is while the folder's marker is still that file (same
/// device, inode, size and times, see [`Listed::still`]), read again otherwise.
pub fn check_target_kept(
    root: &Path,
    output: &Path,
    home: Option<&Path>,
    kept: Option<Arc<Listed>>,
) -> Result<Target, Diagnostic> {
    let given = absolute(output);
    let real = resolve(output, &given)?;
    let lexical = normalize(&given);
    let shown = shown(output, &real);
    let roots = [normalize(&absolute(root)), canonical(root)];
    let homes = home.map(|h| [normalize(&absolute(h)), canonical(h)]);
    for out in [&lexical, &real] {
        if out.parent().is_none() {
            return Err(refusal(
                t!(
                    "refusing to replace {shown}: it is the file system root",
                    shown
                ),
                HINT_ELSEWHERE,
            ));
        }
        if homes.as_ref().is_some_and(|h| h.contains(out)) {
            return Err(refusal(
                t!("refusing to replace {shown}: it is your home folder", shown),
                HINT_ELSEWHERE,
            ));
        }
        for root in &roots {
            if root.starts_with(out) {
                return Err(refusal(
                    t!(
                        "refusing to replace {shown}: it contains the site's sources",
                        shown
                    ),
                    HINT_ELSEWHERE,
                ));
            }
            for src in SOURCES {
                if out.starts_with(root.join(src)) {
                    return Err(refusal(
                        t!(
                            "refusing to replace {shown}: it is inside the site's {src}",
                            shown,
                            src
                        ),
                        HINT_ELSEWHERE,
                    ));
                }
            }
        }
        if is_system_folder(out) {
            return Err(refusal(
                t!(
                    "refusing to replace {shown}: {folder} is a system folder",
                    shown,
                    folder = out.display().to_string()
                ),
                HINT_ELSEWHERE,
            ));
        }
        if let Some(system) = SYSTEM_ONLY.iter().find(|s| out.starts_with(s)) {
            return Err(refusal(
                t!(
                    "refusing to write {shown}: it is inside the system folder {system}",
                    shown,
                    system
                ),
                HINT_ELSEWHERE,
            ));
        }
    }
    let listed = match kept {
        Some(k) if is_folder(&shown, &real)? && k.still(&real) => Some(k),
        _ => inspect(&shown, &real, false)?.map(Arc::new),
    };
    Ok(Target {
        given: output.to_path_buf(),
        real,
        listed,
    })
}

/// Whether the folder holds nothing but the files its marker lists (so that replacing
/// it destroys nothing gongbo did not write); touching nothing.
pub fn deep_check(target: &Target) -> Result<(), Diagnostic> {
    inspect(&shown(&target.given, &target.real), &target.real, true).map(|_| ())
}

/// [`check_target`]'s look at what is at the path, again, right before the swap (the
/// folder may have changed while the site was built); the file list is not walked again.
pub(super) fn recheck(target: &Target) -> Result<(), Diagnostic> {
    let shown = shown(&target.given, &target.real);
    match &target.listed {
        // The same marker: only the folder itself is looked at again.
        Some(l) if l.still(&target.real) => is_folder(&shown, &target.real).map(|_| ()),
        _ => inspect(&shown, &target.real, false).map(|_| ()),
    }
}

const SOURCES: [&str; 7] = [
    "content",
    "themes",
    "templates",
    "static",
    "site.toml",
    "src",
    ".git",
];

pub(super) const HINT_ELSEWHERE: Text =
    t!("choose a folder of its own for the site, such as public/ inside the site's folder");
const HINT_NOT_OURS: Text = t!("choose an empty folder or a new path; if it is an earlier build, delete it yourself (gongbo replaces only folders holding its .gongbo-output marker)");

pub(super) fn refusal(message: Text, hint: Text) -> Diagnostic {
    Diagnostic::new(Code::OtherError, OPTION, message).hint(hint)
}

/// The path as given, and the real path when links make it another.
fn shown(given: &Path, real: &Path) -> String {
    if normalize(&absolute(given)) == real {
        given.display().to_string()
    } else {
        format!("{} (really {})", given.display(), real.display())
    }
}

/// Whether there is a folder at `real` (`false`: nothing is there); a link, a file or
/// a device there is refused.
fn is_folder(shown: &str, real: &Path) -> Result<bool, Diagnostic> {
    let meta = match fs::symlink_metadata(real) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => {
            return Err(refusal(
                t!(
                    "refusing to replace {shown}: it cannot be read ({reason})",
                    shown,
                    reason = io_reason(&e)
                ),
                HINT_NOT_OURS,
            ))
        }
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err(symlink(shown, real));
    }
    if kind.is_file() {
        return Err(refusal(
            t!("refusing to replace {shown}: it is a file, not a folder", shown),
            t!("choose a folder (a new one, an empty one or an earlier gongbo build); gongbo never replaces a file"),
        ));
    }
    if !kind.is_dir() {
        return Err(refusal(
            t!(
                "refusing to replace {shown}: it is not a folder but a device, pipe or socket",
                shown
            ),
            HINT_NOT_OURS,
        ));
    }
    Ok(true)
}

/// What is at `real` may be replaced: nothing, an empty folder, or a gongbo output that
/// holds only the files its marker lists (checked when `walk`). Returns the marker of
/// such an output.
fn inspect(shown: &str, real: &Path, walk: bool) -> Result<Option<Listed>, Diagnostic> {
    if !is_folder(shown, real)? {
        return Ok(None);
    }
    match marker::read_seen(real) {
        Ok(Some((m, seen))) if m.kind == Kind::Output => {
            if !walk {
                return Ok(Some(Listed { marker: m, seen }));
            }
            match marker::unlisted(real, &m, 3) {
                (found, _) if found.is_empty() => Ok(Some(Listed { marker: m, seen })),
                (found, more) => Err(refusal(
                    t!(
                        "refusing to replace {shown}: it is a gongbo build, but it also holds files gongbo did not write: {found}",
                        shown,
                        found = Arg::list(found, more)
                    ),
                    t!("move those files out of the folder (files to publish belong in static/ or content/), or delete the folder yourself if you do not need them"),
                )),
            }
        }
        Ok(Some(_)) => Err(refusal(
            t!(
                "refusing to replace {shown}: it is a working folder of gongbo, not a build output",
                shown
            ),
            HINT_NOT_OURS,
        )),
        Err(why) => Err(refusal(
            t!(
                "refusing to replace {shown}: it holds a .gongbo-output file that gongbo did not write or that was damaged ({why})",
                shown,
                why
            ),
            HINT_NOT_OURS,
        )),
        Ok(None) => {
            let entries = fs::read_dir(real).map_err(|e| {
                refusal(
                    t!(
                        "refusing to replace {shown}: it cannot be read ({reason})",
                        shown,
                        reason = io_reason(&e)
                    ),
                    HINT_NOT_OURS,
                )
            })?;
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .filter(|e| {
                    let name = e.file_name();
                    let litter = name.to_str().is_some_and(marker::is_os_litter);
                    !(litter && e.file_type().is_ok_and(|t| t.is_file()))
                })
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            if names.is_empty() {
                return Ok(None);
            }
            names.sort();
            let n = names.len();
            names.truncate(3);
            let names = Arg::list(names, n > 3);
            Err(refusal(
                if n == 1 {
                    t!(
                        "refusing to replace {shown}: gongbo did not make this folder, and it holds 1 item ({names})",
                        shown,
                        names
                    )
                } else {
                    t!(
                        "refusing to replace {shown}: gongbo did not make this folder, and it holds {n} items ({names})",
                        shown,
                        n,
                        names
                    )
                },
                HINT_NOT_OURS,
            ))
        }
    }
}

pub(super) fn symlink(shown: &str, path: &Path) -> Diagnostic {
    let to = fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "?".into());
    refusal(
        t!("refusing to replace {shown}: it is a symbolic link (to {to}), and gongbo replaces only real folders", shown, to),
        t!("give the folder itself as --output if the site belongs there, or choose another path"),
    )
}

/// Folders of the operating system that hold nothing a web server serves: no output
/// may be anywhere inside them, not even a new folder. (`/usr` and `/var` are not among
/// them: `/usr/share/nginx/html` and `/var/www/html` are web roots.)
const SYSTEM_ONLY: &[&str] = &[
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/proc",
    "/sbin",
    "/sys",
    "/usr/bin",
    "/usr/lib",
    "/usr/sbin",
    "/System",
    "/private/etc",
];

/// The folders of the operating system itself (Linux, BSD, macOS), which no build may
/// replace even when empty.
fn is_system_folder(p: &Path) -> bool {
    const SYSTEM: &[&str] = &[
        "/bin",
        "/boot",
        "/dev",
        "/etc",
        "/home",
        "/lib",
        "/lib32",
        "/lib64",
        "/libx32",
        "/media",
        "/mnt",
        "/opt",
        "/proc",
        "/root",
        "/run",
        "/sbin",
        "/snap",
        "/srv",
        "/sys",
        "/tmp",
        "/usr",
        "/var",
        "/usr/bin",
        "/usr/lib",
        "/usr/local",
        "/usr/sbin",
        "/usr/share",
        "/var/lib",
        "/var/log",
        "/var/tmp",
        "/var/www",
        "/Applications",
        "/Library",
        "/System",
        "/Users",
        "/Volumes",
        "/private",
        "/private/etc",
        "/private/tmp",
        "/private/var",
    ];
    SYSTEM.iter().any(|s| p == Path::new(s))
}

#[cfg(test)]
mod tests;
