//! The editor page (`/admin/`): an HTML page that loads the vendored Decap CMS bundle,
//! pinned by its SHA-384 (`integrity`), and gongbo's own script and style for the
//! preview pane and the status area. Everything comes from the gongbo binary (build.rs
//! embeds vendor/decap-cms/), so no request leaves the site: the page works under its
//! own strict policy ([`CSP`]), with no CDN.

use std::io::Read as _;

use crate::types::Lang;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/decap_cms.rs"));
}

/// Where the editor is served.
pub const PATH: &str = "/admin/";
/// The local backend's address (Decap's `proxy` backend, decap-server's protocol).
pub const API: &str = "/api/v1";
/// The status of the last build as JSON, for the editor's status area and preview.
pub const STATUS: &str = "/api/gongbo/status";

/// The Decap CMS version of the bundle.
pub fn version() -> &'static str {
    embedded::VERSION
}

/// A file of the vendored bundle.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    pub name: &'static str,
    /// `sha384-…` of the uncompressed bytes.
    pub integrity: &'static str,
    /// The bytes, gzip-compressed.
    pub gzip: &'static [u8],
}

impl Bundled {
    /// The uncompressed bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(self.gzip)
            .read_to_end(&mut out)
            .expect("the vendored files are gzip (checked by a test)");
        out
    }

    pub fn content_type(&self) -> &'static str {
        content_type(self.name)
    }
}

/// Every file of the bundle.
pub fn bundle() -> impl Iterator<Item = Bundled> {
    embedded::FILES
        .iter()
        .map(|&(name, integrity, gzip)| Bundled {
            name,
            integrity,
            gzip,
        })
}

/// The bundle's file `name` (`decap-cms.js`, `103.decap-cms.js`).
pub fn bundled(name: &str) -> Option<Bundled> {
    bundle().find(|b| b.name == name)
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("html") => "text/html; charset=utf-8",
        Some("yml") => "text/yaml; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    }
}

/// gongbo's script of the editor page: the preview pane shows the saved page as the site
/// renders it, with the problems `gongbo check` finds in its files; the status area
/// says whether the last build worked.
pub const SCRIPT: &str = include_str!("admin/gongbo-admin.js");
/// Its style sheet, in the page and in the preview pane.
pub const STYLE: &str = include_str!("admin/gongbo-admin.css");
pub const SCRIPT_NAME: &str = "gongbo-admin.js";
pub const STYLE_NAME: &str = "gongbo-admin.css";

/// The policy of the editor page: everything from the site itself. Decap CMS compiles
/// its configuration schema with `new Function` (ajv), so scripts need 'unsafe-eval';
/// its components style themselves with inline styles (emotion); uploads are shown as
/// `blob:` and `data:` URLs; its image tools run WebAssembly. The hosted editor adds
/// GitHub's API ([`hosted_csp`]).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' data: blob:; frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

/// The policy for the hosted editor: [`CSP`] plus GitHub's API and the images it
/// serves (avatars, files of the repository). Signing in opens the OAuth helper in its
/// own window, which the policy does not govern.
pub fn hosted_csp() -> String {
    CSP.replace(
        "connect-src 'self' data: blob:",
        "connect-src 'self' data: blob: https://api.github.com",
    )
    .replace(
        "img-src 'self' data: blob:",
        "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com",
    )
    // A policy in a <meta> element cannot name the pages that may frame this one.
    .replace("; frame-ancestors 'none'", "")
}

/// Which editor page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Under `gongbo serve`: with gongbo's preview and status area, which follow serve's
    /// builds; serve sends [`CSP`] as a header.
    Local,
    /// On a static host: Decap CMS alone (the checks of a pull request are CI's), with
    /// [`hosted_csp`] in the page itself, as such a host sends no policy.
    Hosted,
}

/// The editor page in `lang`.
pub fn page(lang: Lang, kind: Page) -> String {
    let main = bundled("decap-cms.js").expect("the bundle has decap-cms.js");
    let title = match lang {
        Lang::Ko => "보도자료 편집기",
        Lang::En => "Press release editor",
    };
    let (meta, ours, style) = match kind {
        Page::Local => (
            String::new(),
            format!("<script src=\"{SCRIPT_NAME}\"></script>\n"),
            format!("<link rel=\"stylesheet\" href=\"{STYLE_NAME}\">\n"),
        ),
        Page::Hosted => (
            format!(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
                crate::markdown::escape(&hosted_csp())
            ),
            String::new(),
            String::new(),
        ),
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         {meta}<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n\
         <title>{title}</title>\n\
         <link rel=\"cms-config-url\" type=\"text/yaml\" href=\"config.yml\">\n\
         {style}</head>\n<body>\n{ours}\
         <script src=\"decap-cms.js\" integrity=\"{integrity}\"></script>\n\
         </body>\n</html>\n",
        lang = lang.code(),
        integrity = main.integrity,
    )
}

/// Writes the hosted editor into `dir` (made if missing): the page, every file of the
/// bundle, and `config` as config.yml. Returns the files written, relative to `dir`.
pub fn export(dir: &std::path::Path, lang: Lang, config: &str) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut put = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        let path = dir.join(name);
        // Never write through a link that happens to be there.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            std::fs::remove_file(&path)?;
        }
        std::fs::write(&path, bytes)?;
        written.push(name.to_string());
        Ok(())
    };
    put("index.html", page(lang, Page::Hosted).as_bytes())?;
    put("config.yml", config.as_bytes())?;
    for b in bundle() {
        put(b.name, &b.bytes())?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_pins_the_bundle_and_names_only_its_own_files() {
        let main = bundled("decap-cms.js").unwrap();
        for kind in [Page::Local, Page::Hosted] {
            let page = page(Lang::Ko, kind);
            assert!(page.contains(&format!("integrity=\"{}\"", main.integrity)));
            assert!(!page.contains("<script>"), "no inline script: {page}");
            assert!(page.contains("<html lang=\"ko\">"));
            assert!(!page.contains("src=\"http"), "{page}");
        }
        assert!(page(Lang::En, Page::Local).contains("gongbo-admin.js"));
        assert!(!page(Lang::En, Page::Hosted).contains("gongbo-admin.js"));
    }

    #[test]
    fn the_hosted_policy_adds_github_only() {
        let p = hosted_csp();
        assert!(
            p.contains("connect-src 'self' data: blob: https://api.github.com;"),
            "{p}"
        );
        assert!(!p.contains("frame-ancestors"), "{p}");
        assert!(!CSP.contains("https:"));
        let page = page(Lang::En, Page::Hosted);
        assert!(
            page.contains("content=\"default-src &#39;self&#39;; script-src"),
            "{page}"
        );
    }
}
