//! `gongbo theme eject`: the built-in theme written out to `themes/default/` of a site,
//! to be changed there. Files already in that folder are kept as they are (they are the
//! site's own changes); only the missing ones are written. Every file of the folder
//! overrides the built-in one of the same name, so files left unchanged can be deleted
//! again to get the built-in version back (and its improvements in later gongbo versions).

use std::path::Path;

use crate::diag::{io_reason, Code, Diagnostic, Diagnostics};
use crate::render::builtin;

/// What [`eject`] did, each file by its path relative to the site root.
#[derive(Debug, Default)]
pub struct Ejected {
    /// The files written.
    pub written: Vec<String>,
    /// The files that were there already and were left alone.
    pub kept: Vec<String>,
}

/// The folder the built-in theme is written to, relative to the site root.
pub fn folder() -> String {
    format!("themes/{}", builtin::NAME)
}

/// Writes the built-in theme's files into `root/themes/default/`, keeping any that exist.
pub fn eject(root: &Path) -> Result<Ejected, Diagnostics> {
    let dir = root.join(folder());
    let mut done = Ejected::default();
    let mut diags = Diagnostics::new();
    // A linked folder could lead out of the site: nothing is written if there is one.
    let links: std::collections::BTreeSet<String> = builtin::files()
        .iter()
        .filter_map(|(rel, _)| linked_folder(root, &format!("{}/{rel}", folder())))
        .collect();
    for link in &links {
        diags.push(
            Diagnostic::new(
                Code::OtherError,
                link.as_str(),
                t!("this folder is a symbolic link; gongbo theme eject writes only into real folders of the site, so nothing was written"),
            )
            .hint(t!("make it a real folder inside the site, or remove the link")),
        );
    }
    if !links.is_empty() {
        return Err(diags);
    }
    for (rel, bytes) in builtin::files() {
        let path = dir.join(rel);
        let shown = format!("{}/{rel}", folder());
        if std::fs::symlink_metadata(&path).is_ok() {
            done.kept.push(shown);
            continue;
        }
        match super::write_new(&path, bytes, false) {
            Ok(()) => done.written.push(shown),
            Err(e) => diags.push(Diagnostic::new(
                Code::OtherError,
                shown,
                t!("cannot write the file: {reason}", reason = io_reason(&e)),
            )),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(done)
    }
}

/// The first folder on the way from `root` to the file `rel` that is a symbolic link
/// (which could lead out of the site), if any.
fn linked_folder(root: &Path, rel: &str) -> Option<String> {
    let parts: Vec<&str> = rel.split('/').collect();
    (1..parts.len()).find_map(|n| {
        let folder = parts[..n].join("/");
        std::fs::symlink_metadata(root.join(&folder))
            .is_ok_and(|m| m.file_type().is_symlink())
            .then_some(folder)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_missing_files_and_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("themes/default/static/style.css");
        std::fs::create_dir_all(own.parent().unwrap()).unwrap();
        std::fs::write(&own, "/* mine */").unwrap();
        let done = eject(dir.path()).unwrap();
        assert_eq!(done.kept, vec!["themes/default/static/style.css"]);
        assert_eq!(done.written.len(), builtin::files().len() - 1);
        assert_eq!(std::fs::read_to_string(&own).unwrap(), "/* mine */");
        let base = std::fs::read(dir.path().join("themes/default/templates/base.html")).unwrap();
        assert_eq!(base, builtin::file("templates/base.html").unwrap());
        let again = eject(dir.path()).unwrap();
        assert!(again.written.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_linked_folder() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("themes")).unwrap();
        let err = eject(dir.path()).unwrap_err().to_string();
        assert!(
            err.starts_with("themes: error[E000]: this folder is a symbolic link; gongbo theme eject writes only into real folders of the site, so nothing was written"),
            "{err}"
        );
        assert_eq!(err.matches("error[E000]").count(), 1, "{err}");
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}
