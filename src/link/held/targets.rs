//! What a body link points at: a file under content/, a held-back release or page, or
//! nothing of this site. A link is resolved against its page's absolute URL as a
//! browser would, except a plain absolute path (the form of nearly every link between a
//! site's own pages), which is resolved without a URL parse ([`plain_path`]).

use std::collections::HashMap;

use super::HeldTarget;
use crate::link::{page_path, release_path, Site};

/// What a URL of the site can name: a file or a held-back source, by lower-case path
/// (a case-insensitive host serves `/Files/A.pdf` for `files/a.pdf`).
pub(super) struct Targets {
    base: Option<url::Url>,
    pub(super) files: HashMap<String, String>,
    pub(super) held: HashMap<String, HeldTarget>,
}

impl Targets {
    pub(super) fn new(site: &Site) -> Targets {
        let files = site
            .assets
            .keys()
            .map(|k| (k.to_lowercase(), k.clone()))
            .collect();
        let mut held = HashMap::new();
        for (i, h) in site.held.releases.iter().enumerate() {
            held.insert(
                release_path(&h.release).to_lowercase(),
                HeldTarget::Release(i),
            );
        }
        for (i, p) in site.held.pages.iter().enumerate() {
            held.insert(page_path(p).to_lowercase(), HeldTarget::Page(i));
        }
        Targets {
            base: url::Url::parse(&site.config.base_url).ok(),
            files,
            held,
        }
    }

    /// [`Targets::path`] for a link that is a plain absolute path ([`plain_path`]) on a
    /// page at the base URL's origin, without parsing a URL: the URL parser would keep
    /// such a path as it is, so the answer is the same (a unit test compares the two).
    /// `None` when the shortcut does not apply or the link is not under the base path.
    fn plain(&self, page: &str, url: &str) -> Option<Option<String>> {
        let base = self.base.as_ref()?;
        let web = matches!(base.scheme(), "http" | "https");
        if !web || !page.starts_with(base.as_str()) {
            return None;
        }
        let Some(rest) = plain_path(url)?.strip_prefix(base.path()) else {
            return Some(None);
        };
        let lower = rest.to_ascii_lowercase();
        Some(Some(match lower.strip_suffix("index.html") {
            Some(dir) => dir.to_string(),
            None => lower,
        }))
    }

    /// The site-relative path `url` names when read on the page at `page`, if it is on
    /// this site.
    fn path(&self, page: &url::Url, url: &str) -> Option<String> {
        let base = self.base.as_ref()?;
        let u = page.join(url).ok()?;
        if !matches!(u.scheme(), "http" | "https") || u.host_str() != base.host_str() {
            return None;
        }
        let rest = u.path().strip_prefix(base.path())?;
        let decoded = String::from_utf8_lossy(&crate::types::percent_decode(rest)).to_lowercase();
        Some(
            decoded
                .strip_suffix("index.html")
                .unwrap_or(&decoded)
                .to_string(),
        )
    }
}

/// What one body link points at.
pub(super) enum Points {
    File(String),
    Held(HeldTarget),
}

/// `url` if it is an absolute path of plain characters (letters, digits, `-_.~/`) with
/// no `.` or `..` segment and not `//…` (another host): the form of nearly every link
/// between a site's own pages and files, which a URL parser keeps as it is.
fn plain_path(url: &str) -> Option<&str> {
    let b = url.as_bytes();
    if b.first() != Some(&b'/') || b.get(1) == Some(&b'/') {
        return None;
    }
    // One pass (a large site has hundreds of thousands of links): every byte plain,
    // and no segment (between slashes) that is only dots, one or two.
    let mut dots = 0;
    for &c in &b[1..] {
        match c {
            b'/' if dots == 1 || dots == 2 => return None,
            b'/' => dots = 0,
            b'.' if dots >= 0 => dots += 1,
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'~' | b'.' => dots = -1,
            _ => return None,
        }
    }
    (dots != 1 && dots != 2).then_some(url)
}

/// What `url`, a link on the page at `page` (its address as a string, `parsed` once a
/// link needs it), points at.
pub(super) fn points(
    targets: &Targets,
    page: &str,
    parsed: &mut Option<Option<url::Url>>,
    url: &str,
) -> Option<Points> {
    let path = match targets.plain(page, url) {
        Some(path) => path?,
        None => {
            let page = parsed
                .get_or_insert_with(|| url::Url::parse(page).ok())
                .as_ref()?;
            targets.path(page, url)?
        }
    };
    if let Some(f) = targets.files.get(&path) {
        return Some(Points::File(f.clone()));
    }
    let dir = if path.ends_with('/') || path.is_empty() {
        path
    } else {
        format!("{path}/")
    };
    targets.held.get(&dir).map(|t| Points::Held(*t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn site_path(config: &Config, page: &str, url: &str) -> Option<String> {
        let t = Targets {
            base: url::Url::parse(&config.base_url).ok(),
            files: HashMap::new(),
            held: HashMap::new(),
        };
        t.path(&url::Url::parse(&config.abs_url(page)).ok()?, url)
    }

    #[test]
    fn a_plain_path_resolves_as_the_url_parser_resolves_it() {
        for base in [
            "https://example.org/",
            "https://example.org/ai/",
            "http://Ex.org:8080/a/",
        ] {
            let t = Targets {
                base: url::Url::parse(base).ok(),
                files: HashMap::new(),
                held: HashMap::new(),
            };
            let root = t.base.as_ref().unwrap().as_str().to_string();
            for page in [format!("{root}en/releases/x/"), format!("{root}index.html")] {
                let parsed = url::Url::parse(&page).unwrap();
                for url in [
                    "/releases/pr-00355/",
                    "/ai/files/A.PDF",
                    "/ai/releases/y/index.html",
                    "/a/images/photo-11.svg",
                    "/ai/a//b/",
                    "/ai/~x/_y-z.tar.gz",
                    "/ai/.../x/",
                    "/ai/.x/..y/",
                    "/ai/x./",
                    "/",
                    "/ai",
                    "/ai/",
                    "/a/index.html",
                ] {
                    assert!(plain_path(url).is_some(), "{url}");
                    assert_eq!(
                        t.plain(&page, url),
                        Some(t.path(&parsed, url)),
                        "{url} on {page}"
                    );
                }
                for url in [
                    "//example.org/ai/x/",
                    "/ai/./x/",
                    "/ai/../x/",
                    "/ai/x/..",
                    "/ai/x/.",
                    "/..",
                    "/./",
                    "/ai/%7Ex/",
                    "/ai/x y/",
                    "/ai/x\\y",
                    "/ai/x?q=1",
                    "/ai/x#top",
                    "/ai/보도/",
                    "releases/x/",
                    "https://example.org/ai/x/",
                    "mailto:a@example.org",
                ] {
                    assert!(plain_path(url).is_none(), "{url}");
                }
            }
            // A page at another origin is not shortcut.
            assert_eq!(t.plain("https://other.org/x/", "/ai/x/"), None);
        }
    }

    #[test]
    fn links_are_resolved_against_their_page() {
        let text = "base_url = \"https://example.org/ai\"\n[languages.ko]\ntitle = \"가\"\n[languages.en]\ntitle = \"A\"\n[organization]\nurl = \"https://example.org/\"\nname = { ko = \"시\", en = \"City\" }\n";
        let c = crate::config::parse(text, None).unwrap();
        let p = |url| site_path(&c, "en/releases/x/", url);
        assert_eq!(p("/ai/files/a.pdf").as_deref(), Some("files/a.pdf"));
        assert_eq!(
            p("../../../Files/%EB%B3%B4%EB%8F%84.PDF").as_deref(),
            Some("files/보도.pdf")
        );
        assert_eq!(
            p("https://example.org/ai/releases/y/index.html").as_deref(),
            Some("releases/y/")
        );
        assert_eq!(
            p("http://example.org/ai/images/b.png").as_deref(),
            Some("images/b.png")
        );
        assert_eq!(p("#top").as_deref(), Some("en/releases/x/"));
        assert_eq!(p("/files/a.pdf"), None, "outside the base path");
        assert_eq!(p("https://other.example/ai/files/a.pdf"), None);
        assert_eq!(p("mailto:a@example.org"), None);
    }
}
