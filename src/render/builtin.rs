//! The built-in theme: `themes/default/` of gongbo's own source, embedded in the binary by
//! `build.rs`, so a site needs no `themes/` folder. [`super::theme`] layers a site's own
//! files over it; `gongbo theme eject` writes it out ([`crate::render::builtin::files`]).

mod table {
    include!(concat!(env!("OUT_DIR"), "/builtin_theme.rs"));
}

/// The name of the built-in theme (`theme = "default"` in site.toml).
pub const NAME: &str = "default";

/// Every file of the built-in theme, sorted by path: (path inside the theme, bytes),
/// e.g. `("templates/base.html", …)`.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    table::FILES
}

/// The files under `folder` (`templates`, `static`, `i18n`): (path inside that folder,
/// bytes).
pub fn under(folder: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    files().iter().filter_map(move |(rel, bytes)| {
        rel.strip_prefix(folder)
            .and_then(|r| r.strip_prefix('/'))
            .map(|r| (r, *bytes))
    })
}

/// One file of the built-in theme by its path inside the theme.
pub fn file(rel: &str) -> Option<&'static [u8]> {
    files().iter().find(|(r, _)| *r == rel).map(|(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_is_embedded_whole() {
        let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = walkdir::WalkDir::new(&theme)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&theme)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        let mut embedded: Vec<String> = files().iter().map(|(r, _)| r.to_string()).collect();
        embedded.sort();
        let mut on_disk = on_disk;
        on_disk.sort();
        assert_eq!(embedded, on_disk);
        for (rel, bytes) in files() {
            assert_eq!(std::fs::read(theme.join(rel)).unwrap(), *bytes, "{rel}");
        }
        assert!(file("templates/base.html").is_some());
        assert!(under("i18n").any(|(r, _)| r == "ko.toml"));
    }
}
