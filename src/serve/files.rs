//! Mapping a request path onto the built site safely, content types, and the serve-mode
//! additions to HTML (the reload script tag and the error overlay).

use std::path::{Component, Path, PathBuf};

use crate::diag::{hint_word, Diagnostics};
use crate::markdown::escape;
use crate::types::Lang;

/// The URL of the reload script, served only in serve mode.
pub const RELOAD_JS: &str = "/__gongbo/reload.js";
/// The Server-Sent Events endpoint.
pub const EVENTS: &str = "/__gongbo/events";

/// The reload script. Every `reload` event says the build's generation, `ok` or
/// `failed`, and the pages the build wrote (a JSON list of paths, or `*` for all): the
/// page reloads when the build failed (to show the errors), when it wrote this page, or
/// when this page shows the errors of an earlier build that this one fixed. The error
/// overlay closes with its button or the Escape key, leaving the page below it.
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
  function closeErrors() {
    var overlay = document.getElementById("gongbo-errors");
    if (overlay) { overlay.parentNode.removeChild(overlay); }
  }
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t && t.closest && t.closest("[data-gongbo-close]")) { closeErrors(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.getElementById("gongbo-errors")) { closeErrors(); }
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

/// The overlay that lists the errors of a failed rebuild, in `lang`, every field
/// escaped: a panel at the top of the window, over the last good build (which shows
/// below it), first in the reading and tab order. Its heading folds the list away to one
/// line (`<details>`, no script needed); its button, or the Escape key, closes it
/// ([`RELOAD_SCRIPT`]).
pub fn overlay(diags: &Diagnostics, lang: Lang) -> String {
    let n = diags.errors().count();
    let title = if n == 1 {
        t!("The site could not be rebuilt: 1 error")
    } else {
        t!("The site could not be rebuilt: {n} errors", n)
    };
    let fold = t!("(click here to fold the list away or open it again)");
    let under = t!("The page below is the last good build. Fix these and save the file:");
    let close = t!("Close");
    let close_label = t!("Close the list of errors");
    let mut s = format!(
        "<details id=\"gongbo-errors\" open role=\"alert\" lang=\"{code}\" style=\"position:fixed;top:0;left:0;right:0;max-height:60vh;z-index:99999;overflow:auto;box-sizing:border-box;background:#fff;color:#000;padding:.75rem 1.5rem;font:16px/1.5 monospace;border-top:6px solid #c00;border-bottom:2px solid #c00;box-shadow:0 4px 16px rgba(0,0,0,.35)\"><summary style=\"cursor:pointer;color:#c00;font-weight:bold;font-size:1.1rem\">{title} <span style=\"font-weight:normal;font-size:.9rem;color:#444\">{fold}</span></summary><button type=\"button\" data-gongbo-close aria-label=\"{label}\" style=\"float:right;font:inherit;padding:.25rem .75rem;margin:.5rem 0 0 1rem;cursor:pointer\">{close}</button><p style=\"margin:.5rem 0\">{under}</p><ol>",
        code = lang.code(),
        title = escape(&title.render(lang)),
        fold = escape(&fold.render(lang)),
        label = escape(&close_label.render(lang)),
        close = escape(&close.render(lang)),
        under = escape(&under.render(lang)),
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
            escape(&d.message.render(lang))
        ));
        if let Some(h) = &d.hint {
            s.push_str(&format!(
                "<br><em>{}: {}</em>",
                hint_word(lang),
                escape(&h.render(lang))
            ));
        }
        s.push_str("</li>");
    }
    s.push_str("</ol></details>");
    s
}

/// Adds `banner` right after the opening `<body…>` tag (at the start when there is none).
pub fn inject_banner(html: &str, banner: &str) -> String {
    let at = body_start(html).unwrap_or(0);
    format!("{}{banner}{}", &html[..at], &html[at..])
}

/// Adds the error overlay, if any, right after `<body…>` (so that it comes first when
/// read aloud or tabbed through), and the reload script tag before `</body>`.
pub fn inject(html: &str, overlay: Option<&str>) -> String {
    let tag = format!("<script src=\"{RELOAD_JS}\"></script>");
    let mut page = match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    };
    if let Some(overlay) = overlay {
        let at = body_start(&page).unwrap_or(0);
        page.insert_str(at, overlay);
    }
    page
}

/// The offset just after the `<body…>` start tag, if the page has one.
fn body_start(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<body") {
        let at = from + i;
        let next = lower.as_bytes().get(at + 5).copied();
        if matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return lower[at..].find('>').map(|e| at + e + 1);
        }
        from = at + 5;
    }
    None
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
            crate::diag::Diagnostic::new(
                crate::diag::Code::InvalidValue,
                "a<b>.md",
                crate::diag::Text::verbatim("<i>x</i>"),
            )
            .hint(crate::diag::Text::verbatim("h&")),
        );
        let o = overlay(&d, Lang::En);
        assert!(o.starts_with("<details id=\"gongbo-errors\" open"), "{o}");
        assert!(o.contains("<summary"), "{o}");
        assert!(o.contains("1 error <span"), "{o}");
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

    #[test]
    fn the_overlay_comes_first_can_be_closed_and_leaves_the_page_visible() {
        use crate::diag::{Code, Diagnostic, Loc};
        use scraper::{ElementRef, Html, Selector};
        let sel = |s: &str| Selector::parse(s).unwrap();
        let mut d = Diagnostics::new();
        let month = 13u32;
        d.push(
            Diagnostic::new(
                Code::InvalidValue,
                "content/a.ko.md",
                t!("there is no month {month}", month),
            )
            .at(Loc::new(3, 7))
            .field("date")
            .hint(t!("check the year of the embargo")),
        );
        let page = "<!doctype html><html><head></head><body class=\"home\"><main>본문</main></body></html>";
        for (lang, title, close, hint) in [
            (
                Lang::Ko,
                "사이트를 다시 만들지 못했습니다: 오류 1개",
                "닫기",
                "도움말: 보도시점의 연도를 확인하세요",
            ),
            (
                Lang::En,
                "The site could not be rebuilt: 1 error",
                "Close",
                "hint: check the year of the embargo",
            ),
        ] {
            let html = Html::parse_document(&inject(page, Some(&overlay(&d, lang))));
            let body = html.select(&sel("body")).next().unwrap();
            let first = body.children().find_map(ElementRef::wrap).unwrap();
            assert_eq!(
                first.value().attr("id"),
                Some("gongbo-errors"),
                "first in the body"
            );
            assert_eq!(first.value().attr("lang"), Some(lang.code()));
            assert_eq!(first.value().attr("role"), Some("alert"));
            // A panel over the top of the page, not a cover: the page shows below it.
            let style = first.value().attr("style").unwrap();
            assert!(
                style.contains("max-height:60vh") && !style.contains("inset:0"),
                "{style}"
            );
            assert_eq!(html.select(&sel("main")).count(), 1);
            // A real button (keyboard-focusable), named with its visible word.
            let button = html
                .select(&sel(
                    "#gongbo-errors > button[type=button][data-gongbo-close]",
                ))
                .next()
                .expect("a close button");
            assert_eq!(button.text().collect::<String>(), close);
            assert!(button.value().attr("aria-label").unwrap().contains(close));
            let text: String = first.text().collect();
            assert!(text.contains(title), "{text}");
            assert!(text.contains("content/a.ko.md:3:7 [E004] date: "), "{text}");
            assert!(text.contains(hint), "{text}");
        }
        // The script of every served page closes it: the button, or Escape.
        assert!(RELOAD_SCRIPT.contains("closest(\"[data-gongbo-close]\")"));
        assert!(RELOAD_SCRIPT.contains("e.key === \"Escape\""));
        assert!(RELOAD_SCRIPT.contains("getElementById(\"gongbo-errors\")"));
    }
}
