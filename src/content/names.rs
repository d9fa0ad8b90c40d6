//! What a file under `content/` is, by its name alone: an editor's backup or temporary
//! file (never published, never read), a file type that would run as script or as a
//! document in the site's origin (refused), a Markdown source written with an upper-case
//! extension (refused, with the name to use), or anything else (a source or an asset,
//! decided by the caller). Names are compared case-insensitively, so `X.HTML` and
//! `x.ko.MD` cannot slip past a rule written in lower case.

use crate::diag::Text;

/// How the loader must treat a file, judged by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// A backup, lock, swap or system file of an editor or a file manager.
    Ignored,
    /// A type a browser runs as a page or a script (or a server runs as a program).
    Refused { what: Text, hint: Text },
    /// A Markdown file whose extension is not written `.md`: the name it should have.
    RenameTo(String),
    /// A Markdown source (`.md`, exactly).
    Markdown,
    /// Anything else: an asset, copied as it is (SVGs are checked first).
    Other,
}

/// Exact names (compared in lower case) of files that file managers and editors leave.
const IGNORED_NAMES: [&str; 6] = [
    "thumbs.db",
    "ehthumbs.db",
    "desktop.ini",
    ".ds_store",
    "4913", // vim writes and removes it to test whether a folder is writable
    "icon\r",
];

/// Endings (lower case) of backup, swap and temporary files.
const IGNORED_ENDINGS: [&str; 14] = [
    "~",
    ".bak",
    ".orig",
    ".rej",
    ".swp",
    ".swo",
    ".swn",
    ".swx",
    ".tmp",
    ".temp",
    ".kate-swp",
    ".crdownload",
    ".part",
    ".partial",
];

const PAGE_HINT: Text = t!("attach a PDF instead (print the page to PDF), or write the page in Markdown under content/pages/");
const SCRIPT_HINT: Text =
    t!("gongbo does not publish scripts from content/; attach a PDF or a ZIP archive instead");
const SERVER_HINT: Text =
    t!("attach the program's output as a PDF, or put the source in a ZIP archive");

/// Extensions (lower case, without the dot) that are refused, what they are and the hint.
const REFUSED: &[(&str, Text, Text)] = &[
    ("html", t!("a web page"), PAGE_HINT),
    ("htm", t!("a web page"), PAGE_HINT),
    ("shtml", t!("a web page"), PAGE_HINT),
    ("shtm", t!("a web page"), PAGE_HINT),
    ("xhtml", t!("a web page"), PAGE_HINT),
    ("xht", t!("a web page"), PAGE_HINT),
    ("mht", t!("a web page archive"), PAGE_HINT),
    ("mhtml", t!("a web page archive"), PAGE_HINT),
    ("xml", t!("an XML document"), PAGE_HINT),
    ("xsl", t!("an XSL style sheet"), PAGE_HINT),
    ("xslt", t!("an XSL style sheet"), PAGE_HINT),
    ("rss", t!("an XML feed"), PAGE_HINT),
    ("atom", t!("an XML feed"), PAGE_HINT),
    ("rdf", t!("an XML document"), PAGE_HINT),
    ("mathml", t!("a MathML document"), PAGE_HINT),
    ("mml", t!("a MathML document"), PAGE_HINT),
    ("xul", t!("an XML interface document"), PAGE_HINT),
    (
        "svgz",
        t!("a compressed SVG"),
        t!("save the drawing as a plain .svg (it is checked for scripts) or as PNG"),
    ),
    ("js", t!("a script"), SCRIPT_HINT),
    ("mjs", t!("a script"), SCRIPT_HINT),
    ("cjs", t!("a script"), SCRIPT_HINT),
    ("wasm", t!("a WebAssembly program"), SCRIPT_HINT),
    ("swf", t!("a Flash program"), SCRIPT_HINT),
    ("hta", t!("a Windows HTML program"), SCRIPT_HINT),
    ("php", t!("a server-side script"), SERVER_HINT),
    ("phtml", t!("a server-side script"), SERVER_HINT),
    ("phar", t!("a server-side script"), SERVER_HINT),
    ("php3", t!("a server-side script"), SERVER_HINT),
    ("php4", t!("a server-side script"), SERVER_HINT),
    ("php5", t!("a server-side script"), SERVER_HINT),
    ("php7", t!("a server-side script"), SERVER_HINT),
    ("php8", t!("a server-side script"), SERVER_HINT),
    ("asp", t!("a server-side script"), SERVER_HINT),
    ("aspx", t!("a server-side script"), SERVER_HINT),
    ("jsp", t!("a server-side script"), SERVER_HINT),
    ("cgi", t!("a server-side script"), SERVER_HINT),
];

/// Markdown extensions other than `.md` that editors use.
const OTHER_MARKDOWN: [&str; 6] = [".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtext"];

/// Classifies the file name `name` (the last path segment).
pub fn classify(name: &str) -> Name {
    let lower = name.to_lowercase();
    if is_ignored(name, &lower) {
        return Name::Ignored;
    }
    if let Some(ext) = lower.rsplit_once('.').map(|(_, e)| e) {
        if let Some((_, what, hint)) = REFUSED.iter().find(|(e, _, _)| *e == ext) {
            return Name::Refused {
                what: what.clone(),
                hint: hint.clone(),
            };
        }
    }
    if let Some(ending) = OTHER_MARKDOWN.iter().find(|e| lower.ends_with(**e)) {
        let base = &name[..name.len() - ending.len()];
        return Name::RenameTo(format!("{}.md", lower_language(base)));
    }
    if lower.ends_with(".md") {
        if name.ends_with(".md")
            && lower_language(&name[..name.len() - 3]) == name[..name.len() - 3]
        {
            return Name::Markdown;
        }
        return Name::RenameTo(format!("{}.md", lower_language(&name[..name.len() - 3])));
    }
    Name::Other
}

/// `x.KO` → `x.ko`: the language code lower-cased, the stem kept as written.
fn lower_language(base: &str) -> String {
    match base.rsplit_once('.') {
        Some((stem, code)) if ["ko", "en"].contains(&code.to_lowercase().as_str()) => {
            format!("{stem}.{}", code.to_lowercase())
        }
        _ => base.to_string(),
    }
}

fn is_ignored(name: &str, lower: &str) -> bool {
    IGNORED_NAMES.contains(&lower)
        || IGNORED_ENDINGS.iter().any(|e| lower.ends_with(e))
        // Emacs auto-save (`#x#`) and lock (`.#x`) files; Office owner files (`~$x.docx`).
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".#")
        || name.starts_with("~$")
        // LibreOffice lock files and macOS resource forks.
        || name.starts_with(".~lock.")
        || name.starts_with("._")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_and_system_files_are_ignored() {
        for n in [
            "x.ko.md~",
            "x.ko.md.bak",
            "x.ko.md.BAK",
            "x.ko.md.orig",
            "x.ko.md.rej",
            "#x.ko.md#",
            ".#x.ko.md",
            ".x.ko.md.swp",
            "x.ko.md.swo",
            "x.tmp",
            ".DS_Store",
            "Thumbs.db",
            "desktop.ini",
            "Desktop.ini",
            "~$report.docx",
            ".~lock.report.odt#",
            "._photo.jpg",
            "4913",
        ] {
            assert_eq!(classify(n), Name::Ignored, "{n}");
        }
        for n in ["report.pdf", "#tag.png", "backup-plan.pdf", "a~b.png"] {
            assert_eq!(classify(n), Name::Other, "{n}");
        }
    }

    #[test]
    fn pages_and_scripts_are_refused_in_any_case() {
        for n in [
            "a.html",
            "a.HTM",
            "a.XHTML",
            "a.xml",
            "a.Js",
            "a.mjs",
            "a.svgz",
            "a.php",
            "b.pdf.html",
        ] {
            assert!(matches!(classify(n), Name::Refused { .. }), "{n}");
        }
        for n in ["a.pdf", "a.svg", "a.hwp", "a.csv", "a.json", "a.html.pdf"] {
            assert_eq!(classify(n), Name::Other, "{n}");
        }
    }

    #[test]
    fn markdown_is_recognised_in_any_case() {
        assert_eq!(classify("x.ko.md"), Name::Markdown);
        assert_eq!(classify("X.ko.md"), Name::Markdown);
        assert_eq!(classify("x.KO.MD"), Name::RenameTo("x.ko.md".into()));
        assert_eq!(classify("x.ko.Md"), Name::RenameTo("x.ko.md".into()));
        assert_eq!(classify("x.Ko.md"), Name::RenameTo("x.ko.md".into()));
        assert_eq!(classify("x.en.markdown"), Name::RenameTo("x.en.md".into()));
        assert_eq!(classify("README.MD"), Name::RenameTo("README.md".into()));
    }
}
