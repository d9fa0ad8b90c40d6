//! Links written as an address of the site (`/files/report.pdf`, `../other/`) that the
//! site does not have (W014): a citizen following one gets "page not found". `@/` links
//! are the build's own to check (E008); this looks at the rest, read from the page's
//! address as a browser reads them.

use std::collections::HashSet;

use super::body::Body;
use crate::diag::{nearest, Code, Diagnostic};
use crate::link::Site;
use crate::markdown;
use crate::types::{percent_decode, OutputFile};

/// Every address the site has, or will have once what it holds back is published (a
/// held-back release may link to its own files and to other held-back releases).
pub struct Known {
    base_path: String,
    /// Output paths (`releases/x/index.html`, `files/a.pdf`).
    files: HashSet<String>,
    /// How many more findings get a "did you mean" (each looks through every address;
    /// a site with thousands of such links gets its first ones with a suggestion).
    suggestions: std::cell::Cell<usize>,
}

impl Known {
    pub fn new(files: &[OutputFile], site: &Site) -> Known {
        let mut set: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
        for path in site.links.values() {
            if path.is_empty() {
                continue;
            }
            if path.ends_with('/') {
                set.insert(format!("{path}index.html"));
            } else {
                set.insert(path.clone());
            }
        }
        set.extend(site.held.files.iter().map(|f| f.path.clone()));
        Known {
            base_path: site.config.base_path.clone(),
            files: set,
            suggestions: std::cell::Cell::new(20),
        }
    }

    /// The address of the site nearest to `wanted` (relative to the base path): one in
    /// the same folder whose last part is a likely typo of `wanted`'s, never `page`.
    fn nearest(&self, wanted: &str, page: &str) -> Option<String> {
        let split = |p: &str| -> (String, String) {
            let trimmed = p.trim_end_matches('/');
            match trimmed.rsplit_once('/') {
                Some((dir, last)) => (format!("{dir}/"), last.to_string()),
                None => (String::new(), trimmed.to_string()),
            }
        };
        let (dir, last) = split(wanted);
        let addresses: Vec<String> = self
            .files
            .iter()
            .map(|f| f.strip_suffix("index.html").unwrap_or(f).to_string())
            .filter(|a| a != page && !a.is_empty() && split(a).0 == dir)
            .collect();
        let lasts: Vec<String> = addresses.iter().map(|a| split(a).1).collect();
        let near = nearest(&last, lasts.iter().map(String::as_str))?;
        let i = lasts.iter().position(|l| l == near)?;
        Some(addresses[i].clone())
    }

    /// Whether the site answers `path` (relative to the base path, decoded): a file, or
    /// a folder with its `index.html`.
    fn has(&self, path: &str) -> bool {
        if path.is_empty() || path.ends_with('/') {
            return self.files.contains(&format!("{path}index.html"));
        }
        self.files.contains(path) || self.files.contains(&format!("{path}/index.html"))
    }
}

/// Checks the link `dest` written at byte `offset` of `b`, shown on the page at `page`
/// (site-relative, `releases/x/`).
pub(super) fn check(
    b: &Body<'_>,
    page: &str,
    dest: &str,
    offset: usize,
    known: &Known,
    out: &mut Vec<Diagnostic>,
) {
    let dest = dest.trim();
    // A fragment, an `@/` link (the build's), another host or any scheme (https:,
    // mailto:): not an address of this site written by hand.
    if dest.is_empty()
        || dest.starts_with('#')
        || dest.starts_with("@/")
        || dest.starts_with("//")
        || markdown::has_scheme(dest)
    {
        return;
    }
    let Ok(here) = url::Url::parse(&format!("http://site.invalid{}{page}", known.base_path)) else {
        return;
    };
    let Ok(u) = here.join(dest) else {
        return;
    };
    let address = u.path().to_string();
    let found = match address.strip_prefix(&known.base_path) {
        Some(rest) => {
            let rest = String::from_utf8_lossy(&percent_decode(rest)).into_owned();
            known.has(&rest)
        }
        None => false,
    };
    if found {
        return;
    }
    let msg = t!(
        "the link `{dest}` goes to {address}, which the site does not have: a reader gets \"page not found\"",
        dest,
        address = address.as_str()
    );
    let wanted = address
        .strip_prefix(&known.base_path)
        .unwrap_or(address.trim_start_matches('/'));
    let left = known.suggestions.get();
    known.suggestions.set(left.saturating_sub(1));
    let near = (left > 0).then(|| known.nearest(wanted, page)).flatten();
    let hint = match near {
        Some(n) => t!(
            "did you mean {address}? To link to a release, a page or a file of content/, write `@/` and its path there (`@/releases/x.ko.md`, `@/files/report.pdf`): gongbo checks it and writes the right address",
            address = format!("{}{n}", known.base_path)
        ),
        None => t!("to link to a release, a page or a file of content/, write `@/` and its path there (`@/releases/x.ko.md`, `@/files/report.pdf`): gongbo checks it and writes the right address"),
    };
    out.push(
        Diagnostic::new(Code::MissingAddress, b.src, msg)
            .at(b.loc(offset))
            .field("body")
            .hint(hint),
    );
}
