//! `[cms]` in site.toml: where the hosted editor (docs/cms.md) saves, and how editors
//! sign in. Only `gongbo cms config` needs it; a site without the table edits locally
//! with `gongbo serve` alone.

use serde::Deserialize;

use super::{key_line_in, FILE};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::types::Lang;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCms {
    repo: String,
    #[serde(default = "main")]
    branch: String,
    #[serde(default)]
    auth_url: Option<String>,
    #[serde(default)]
    auth_endpoint: Option<String>,
    #[serde(default = "yes")]
    editorial_workflow: bool,
    #[serde(default = "ko")]
    locale: String,
}

fn main() -> String {
    "main".into()
}
fn yes() -> bool {
    true
}
fn ko() -> String {
    "ko".into()
}

/// The hosted editor's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cms {
    /// The GitHub repository, `owner/name`.
    pub repo: String,
    pub branch: String,
    /// The OAuth helper that signs editors in to GitHub (`base_url` in the CMS).
    pub auth_url: Option<String>,
    /// Its path, when not `auth`.
    pub auth_endpoint: Option<String>,
    /// Every release saved is a pull request (the CMS's editorial workflow).
    pub editorial_workflow: bool,
    /// The language of the editor's buttons, labels and hints.
    pub locale: Lang,
}

fn name_ok(part: &str) -> bool {
    !part.is_empty()
        && part != "."
        && part != ".."
        && part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Checks `[cms]`; problems go to `diags`.
pub(super) fn check(raw: RawCms, text: &str, diags: &mut Diagnostics) -> Option<Cms> {
    let at = |key: &str| key_line_in(text, "cms", key);
    let before = diags.len();
    let repo = raw.repo.trim().to_string();
    if !matches!(repo.split_once('/'), Some((o, n)) if name_ok(o) && name_ok(n)) {
        diags.push(
            Diagnostic::new(
                Code::SiteConfig,
                FILE,
                t!("`{repo}` is not a GitHub repository name", repo = &repo),
            )
            .at_opt(at("repo"))
            .field("cms.repo")
            .hint(t!("write the owner and the name, as in the repository's address: repo = \"city-press/press-site\"")),
        );
    }
    if raw.branch.trim().is_empty() || raw.branch.contains(char::is_whitespace) {
        diags.push(
            Diagnostic::new(
                Code::SiteConfig,
                FILE,
                t!("the branch name is empty or has spaces"),
            )
            .at_opt(at("branch"))
            .field("cms.branch")
            .hint(t!(
                "name the branch the site is published from, usually \"main\""
            )),
        );
    }
    if let Some(url) = &raw.auth_url {
        if let Err(e) = crate::address::web(url) {
            diags.push(
                Diagnostic::new(Code::SiteConfig, FILE, e)
                    .at_opt(at("auth_url"))
                    .field("cms.auth_url")
                    .hint(t!("the address of the OAuth helper that editors sign in through, e.g. \"https://press-oauth.example.workers.dev\" (docs/cms.md)")),
            );
        }
    }
    if let Some(p) = &raw.auth_endpoint {
        if p.trim().is_empty() || p.contains("://") || p.contains(char::is_whitespace) {
            diags.push(
                Diagnostic::new(Code::SiteConfig, FILE, t!("`{p}` is not a path", p))
                    .at_opt(at("auth_endpoint"))
                    .field("cms.auth_endpoint")
                    .hint(t!(
                        "the path of the OAuth helper's sign-in page, e.g. \"auth\""
                    )),
            );
        }
    }
    let locale = match raw.locale.as_str() {
        "ko" => Lang::Ko,
        "en" => Lang::En,
        other => {
            diags.push(
                Diagnostic::new(
                    Code::SiteConfig,
                    FILE,
                    t!("`{other}` is not a language of the editor", other),
                )
                .at_opt(at("locale"))
                .field("cms.locale")
                .hint(t!("use \"ko\" or \"en\"")),
            );
            Lang::Ko
        }
    };
    (diags.len() == before).then(|| Cms {
        repo,
        branch: raw.branch.trim().to_string(),
        auth_url: raw.auth_url.map(|u| u.trim().to_string()),
        auth_endpoint: raw
            .auth_endpoint
            .map(|p| p.trim().trim_matches('/').to_string()),
        editorial_workflow: raw.editorial_workflow,
        locale,
    })
}
