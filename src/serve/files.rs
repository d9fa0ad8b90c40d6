//! Mapping a request path onto the built site safely, content types, and the serve-mode
//! additions to HTML (the reload script tag and the error overlay).

use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostics;
use crate::markdown::escape;

/// The URL of the reload script, served only in serve mode.
pub const RELOAD_JS: &str = "/__gongbo/reload.js";
/// The Server-Sent Events endpoint.
pub const EVENTS: &str = "/__gongbo/events";

/// The reload script. Every `reload` event says the build's generation, `ok` or
/// `failed`, and the pages the build wrote (a JSON list of paths, or `*` for all): the
/// page reloads when the build failed (to show the errors), when it wrote this page, or
/// when this page shows the errors of an earlier build that this one fixed.
pub const RELOAD_SCRIPT: &str = r#"// gongbo serve: reload this page when the site is rebuilt and the page changed.
(function () {
  var source = new EventSource("/__gongbo/events");
  var here = function () {
    try { return decodeURIComponent(window.location.pathname); } catch (e) { return window.location.pathname; }
  };
  source.addEventListener("reload", function (event) {
    var parts = String(event.data).split(" ");
    var ok = parts[1] === "ok";
    var pages = parts.slice(2).join(" ");
    var showsErrors = !!document.getElementById("gongbo-errors");
    if (!ok || showsErrors || pages === "*" || pages === "") { window.location.reload(); return; }
    var list;
    try { list = JSON.parse(pages); } catch (e) { window.location.reload(); return; }
    var path = here();
    if (list.indexOf(path) >= 0 || list.indexOf(path.replace(/index\.html$/, "")) >= 0) {
      window.location.reload();
    }
  });
})();
"#;

/// The URL paths of the HTML pages among `written` (output files relative to a site
/// served at `/`): `releases/x/index.html` is `/releases/x/`, `404.html` is `/404.html`.
pub fn page_paths(written: &[String]) -> Vec<String> {
    written
        .iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| match f.strip_suffix("index.html") {
            Some(dir) => format!("/{dir}"),
            None => format!("/{f}"),
        })
        .collect()
}

/// Decodes `%XX` escapes; `None` when the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    String::from_utf8(crate::types::percent_decode(s)).ok()
}

/// The file under `dir` that `url` names, or `None` (a 404) for anything that could leave
/// `dir`: `..` segments (plain or `%2e%2e`), encoded slashes or backslashes, backslashes,
/// NUL, or a symlink pointing outside.
pub fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    if !path.starts_with('/')
        || path.contains('\\')
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
    {
        return None;
    }
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut rel = PathBuf::new();
    for seg in decoded.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." || seg == "." {
            return None;
        }
        let mut c = Path::new(seg).components();
        match (c.next(), c.next()) {
            (Some(Component::Normal(_)), None) => rel.push(seg),
            _ => return None,
        }
    }
    let mut full = dir.join(&rel);
    if full.is_dir() {
        full.push("index.html");
    }
    let real = full.canonicalize().ok()?;
    let root = dir.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

/// The `Content-Type` of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The overlay that lists the errors of a failed rebuild, every field escaped: a panel
/// over the top of the page that folds away to one line when its heading is clicked
/// (`<details>`, no script needed), so the last good build below stays readable.
pub fn overlay(diags: &Diagnostics) -> String {
    let text = &super::text::OVERLAY;
    let count = diags.errors().count().to_string();
    let mut s = format!(
        "<details id=\"gongbo-errors\" open role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;z-index:99999;max-height:75vh;overflow:auto;background:#fff;color:#000;padding:0.75rem 2rem;font:16px/1.5 monospace;border-bottom:6px solid #c00;box-shadow:0 4px 16px rgba(0,0,0,.35)\"><summary style=\"cursor:pointer;color:#c00;font-weight:bold;font-size:1.1rem\">{}</summary><p>{}</p><ol>",
        escape(&text.summary.replace("{n}", &count)),
        escape(text.below)
    );
    for d in diags.errors() {
        let at = d
            .loc
            .map(|l| format!(":{}:{}", l.line, l.col))
            .unwrap_or_default();
        let code = format!("[{}] ", d.code);
        let field = d
            .field
            .as_deref()
            .map(|f| format!("{f}: "))
            .unwrap_or_default();
        s.push_str(&format!(
            "<li><strong class=\"gongbo-error-file\">{}{}</strong> {}{}{}",
            escape(&d.file),
            at,
            escape(&code),
            escape(&field),
            escape(&d.message)
        ));
        if let Some(h) = &d.hint {
            s.push_str(&format!(
                "<br><em>{}: {}</em>",
                escape(text.hint),
                escape(h)
            ));
        }
        s.push_str("</li>");
    }
    s.push_str("</ol></details>");
    s
}

/// Adds `banner` right after the opening `<body…>` tag (at the start when there is none).
pub fn inject_banner(html: &str, banner: &str) -> String {
    let at = html
        .find("<body")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1));
    match at {
        Some(i) => format!("{}{banner}{}", &html[..i], &html[i..]),
        None => format!("{banner}{html}"),
    }
}

/// Adds the reload script tag (and the error overlay, if any) before `</body>`.
pub fn inject(html: &str, overlay: Option<&str>) -> String {
    let tag = format!("<script src=\"{RELOAD_JS}\"></script>");
    let extra = format!("{}{tag}", overlay.unwrap_or(""));
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_inside_and_refuses_outside() {
        let dir = std::env::temp_dir().join(format!("gongbo-files-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("보도")).unwrap();
        std::fs::write(dir.join("보도/index.html"), "x").unwrap();
        std::fs::write(dir.join("index.html"), "x").unwrap();
        assert!(resolve(&dir, "/").is_some());
        assert!(resolve(&dir, "/%EB%B3%B4%EB%8F%84/").is_some());
        assert!(resolve(&dir, "/%EB%B3%B4%EB%8F%84/index.html?x=1").is_some());
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a%2fb",
            "/..%5cx",
            "/a\\b",
            "/%00",
            "/nothing",
        ] {
            assert!(resolve(&dir, bad).is_none(), "{bad}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_banner_goes_after_the_body_tag() {
        assert_eq!(
            inject_banner("<html><body class=\"x\"><p>a</p></body>", "<b>B</b>"),
            "<html><body class=\"x\"><b>B</b><p>a</p></body>"
        );
        assert_eq!(inject_banner("<p>a</p>", "<b>B</b>"), "<b>B</b><p>a</p>");
    }

    #[test]
    fn the_overlay_folds_away_and_escapes() {
        let mut d = Diagnostics::new();
        d.push(
            crate::diag::Diagnostic::new(crate::diag::Code::InvalidValue, "a<b>.md", "<i>x</i>")
                .hint("h&"),
        );
        let o = overlay(&d);
        assert!(o.starts_with("<details id=\"gongbo-errors\" open"), "{o}");
        assert!(o.contains("<summary"), "{o}");
        assert!(o.contains("1 error(s)"), "{o}");
        assert!(
            o.contains("a&lt;b&gt;.md")
                && o.contains("&lt;i&gt;x&lt;/i&gt;")
                && o.contains("h&amp;"),
            "{o}"
        );
        assert!(!o.contains("inset:0"), "the page below stays visible: {o}");
    }

    #[test]
    fn injects_before_body_end() {
        assert_eq!(
            inject("<body>a</body>", None),
            "<body>a<script src=\"/__gongbo/reload.js\"></script></body>"
        );
    }
}
