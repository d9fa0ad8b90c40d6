//! The web editor: Decap CMS, configured by gongbo from its own front matter schema
//! (docs/cms.md says why Decap, and how to set it up).
//!
//! [`config_yaml`] writes the CMS configuration (`config.yml`): collections for releases,
//! plain pages, content/tags.yaml and content/milestones.yaml, each form made from the
//! parsers' tables ([`schema`]) with a widget per key ([`fields`], [`collections`]),
//! labels and hints in the editor's language, dates in the site's time zone. Two targets:
//! [`Target::Local`] for `gongbo serve` (the CMS saves through serve's local backend,
//! src/serve/cms/), and [`Target::Hosted`] for the committed `cms/config.yml` that a
//! hosted editor uses (GitHub backend, pull requests). [`stale`] tells `gongbo check`
//! when the committed file no longer matches what this gongbo writes. [`admin`] is the
//! editor page and the vendored CMS bundle, pinned by version and hash.

pub mod admin;
pub mod collections;
pub mod fields;
pub mod schema;
#[cfg(test)]
mod tests;
mod widgets;
pub mod yaml;

use std::path::Path;

use crate::config::{self, Config};
use crate::content::milestones::Plan;
use crate::content::tags::TagRegistry;
use crate::diag::{io_reason, Code, Diagnostic, Diagnostics, Loc};
use crate::types::Lang;
use yaml::Node;

/// The committed configuration of the hosted editor, relative to the site root.
pub const CONFIG_FILE: &str = "cms/config.yml";

/// What the configuration is made from besides the schema.
pub struct Inputs<'a> {
    pub config: &'a Config,
    pub tags: &'a TagRegistry,
    pub plan: &'a Plan,
    /// Whether the CMS can edit content/tags.yaml: it is missing, or holds its list
    /// under a `tags:` key. A file that is a bare list (the older form) is left out of
    /// the editor, which can only edit files whose top level is a map, and would
    /// otherwise save the form's empty list over the tags.
    pub tags_editable: bool,
}

/// Where the CMS saves.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// Through `gongbo serve`'s local backend, straight into the site's files.
    Local,
    /// To the GitHub repository of `[cms]` in site.toml.
    Hosted(&'a config::Cms),
}

/// The configuration as a tree.
pub fn config_node(inputs: &Inputs<'_>, target: Target<'_>, lang: Lang) -> Node {
    let backend = match target {
        Target::Local => Node::map([
            ("name", Node::str("proxy")),
            ("proxy_url", Node::str(crate::cms::admin::API)),
            ("branch", Node::str("main")),
        ]),
        Target::Hosted(c) => {
            let mut b = vec![
                ("name", Node::str("github")),
                ("repo", Node::str(&c.repo)),
                ("branch", Node::str(&c.branch)),
            ];
            if let Some(u) = &c.auth_url {
                b.push(("base_url", Node::str(u)));
            }
            if let Some(p) = &c.auth_endpoint {
                b.push(("auth_endpoint", Node::str(p)));
            }
            Node::Map(b)
        }
    };
    let mut top = vec![("backend", backend)];
    if let Target::Hosted(c) = target {
        if c.editorial_workflow {
            top.push(("publish_mode", Node::str("editorial_workflow")));
        }
        top.push(("site_url", Node::str(&inputs.config.base_url)));
        top.push(("display_url", Node::str(&inputs.config.base_url)));
    }
    top.extend([
        ("locale", Node::str(lang.code())),
        // Uploads from the body; front matter fields name their own folders.
        ("media_folder", Node::str("content/images")),
        ("public_folder", Node::str("@/images")),
        (
            "slug",
            Node::map([
                ("encoding", Node::str("ascii")),
                ("clean_accents", Node::Bool(true)),
                ("sanitize_replacement", Node::str("-")),
            ]),
        ),
        (
            "i18n",
            Node::map([
                ("structure", Node::str("multiple_files")),
                (
                    "locales",
                    Node::List(vec![Node::str("ko"), Node::str("en")]),
                ),
                ("default_locale", Node::str("ko")),
            ]),
        ),
        ("collections", Node::List(collections::all(inputs, lang))),
    ]);
    Node::Map(top)
}

/// The configuration file's text, with a header saying where it comes from.
pub fn config_yaml(inputs: &Inputs<'_>, target: Target<'_>, lang: Lang) -> String {
    let header = match target {
        Target::Local => format!(
            "# Decap CMS configuration for `gongbo serve`'s editor at /admin/, made by gongbo {}\n\
             # for this site on every load of the editor, from gongbo's front matter schema,\n\
             # site.toml, content/tags.yaml and content/milestones.yaml (docs/cms.md).\n",
            env!("CARGO_PKG_VERSION")
        ),
        Target::Hosted(_) => format!(
            "# Decap CMS configuration for the hosted editor, written by gongbo {} from its front\n\
             # matter schema, site.toml, content/tags.yaml and content/milestones.yaml (docs/cms.md).\n\
             # Do not edit it: `gongbo check` reports it when it no longer matches; write it\n\
             # again with `gongbo cms config`.\n",
            env!("CARGO_PKG_VERSION")
        ),
    };
    header + &yaml::to_yaml(&config_node(inputs, target, lang))
}

/// Whether the text of content/tags.yaml can be edited by the CMS (see
/// [`Inputs::tags_editable`]): missing, empty, or a map at its top.
pub fn tags_editable(text: Option<&str>) -> bool {
    let Some(text) = text else { return true };
    let first = text
        .lines()
        .map(str::trim_end)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#') && *l != "---");
    first.is_none_or(|l| !l.trim_start().starts_with('-') && !l.trim_start().starts_with('['))
}

/// The text of a site file as the build reads it (no BOM, `\n` line ends), `None`
/// when it does not exist.
fn read(root: &Path, rel: &str) -> Result<Option<String>, Diagnostic> {
    match std::fs::read(root.join(rel)) {
        Ok(bytes) => crate::content::decode(rel, bytes, Code::OtherError)
            .map(|t| Some(t.trim_start_matches('\u{feff}').replace("\r\n", "\n"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Diagnostic::new(
            Code::OtherError,
            rel,
            t!("cannot read the file: {reason}", reason = io_reason(&e)),
        )),
    }
}

/// Everything [`Inputs`] borrows, read from the site at `root`.
pub struct Loaded {
    pub config: Config,
    pub tags: TagRegistry,
    pub plan: Plan,
    pub tags_editable: bool,
}

impl Loaded {
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs {
            config: &self.config,
            tags: &self.tags,
            plan: &self.plan,
            tags_editable: self.tags_editable,
        }
    }
}

/// Reads site.toml, content/tags.yaml and content/milestones.yaml; their errors, as a
/// build reports them.
pub fn load(root: &Path) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut one = |r: Result<Option<String>, Diagnostic>| match r {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let site = one(read(root, config::FILE));
    let tags_text = one(read(root, crate::content::tags::FILE));
    let plan_text = one(read(root, crate::content::milestones::FILE));
    let Some(site) = site else {
        if diags.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::SiteConfig,
                    config::FILE,
                    t!("site.toml does not exist"),
                )
                .hint(t!("run gongbo in the site's folder or pass --root DIR")),
            );
        }
        return Err(diags);
    };
    let config = config::parse(&site, None);
    let tags = TagRegistry::parse(tags_text.as_deref());
    let plan = Plan::parse(plan_text.as_deref());
    match (config, tags, plan) {
        (Ok(config), Ok(tags), Ok(plan)) if diags.is_empty() => Ok(Loaded {
            config,
            tags,
            plan,
            tags_editable: tags_editable(tags_text.as_deref()),
        }),
        (c, t, p) => {
            for e in [c.err(), t.err(), p.err()].into_iter().flatten() {
                diags.extend(e);
            }
            Err(diags)
        }
    }
}

/// The hosted configuration of the site, or why it cannot be written.
pub fn hosted_yaml(loaded: &Loaded) -> Result<String, Box<Diagnostic>> {
    let Some(cms) = &loaded.config.cms else {
        return Err(Box::new(
            Diagnostic::new(
                Code::SiteConfig,
                config::FILE,
                t!("site.toml has no [cms] table, so there is no hosted editor to configure"),
            )
            .hint(t!("add [cms] with repo = \"owner/name\" (docs/cms.md); for editing on this computer, `gongbo serve` alone is enough")),
        ));
    };
    Ok(config_yaml(
        &loaded.inputs(),
        Target::Hosted(cms),
        cms.locale,
    ))
}

/// W012 when the committed cms/config.yml differs from what this gongbo writes, at the
/// first line that differs; nothing when the site has no such file.
pub fn stale(root: &Path, inputs: &Inputs<'_>) -> Option<Diagnostic> {
    let committed = read(root, CONFIG_FILE).ok()??;
    let hint = t!("run `gongbo cms config` and commit cms/config.yml, so that the editor's form matches what gongbo accepts");
    let Some(cms) = &inputs.config.cms else {
        return Some(
            Diagnostic::new(
                Code::CmsConfig,
                CONFIG_FILE,
                t!("cms/config.yml is there but site.toml has no [cms] table"),
            )
            .at(Loc::new(1, 1))
            .hint(t!("add the [cms] table to site.toml (docs/cms.md), or delete cms/config.yml if the site has no hosted editor")),
        );
    };
    let fresh = config_yaml(inputs, Target::Hosted(cms), cms.locale);
    if committed == fresh {
        return None;
    }
    // The header names the gongbo version: a new version alone is no change of form.
    let body = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    let (old, new) = (body(&committed), body(&fresh));
    if old == new {
        return None;
    }
    let header = committed.lines().take_while(|l| l.starts_with('#')).count();
    let at = old
        .iter()
        .zip(&new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    let line = header + at + 1;
    let what = match (old.get(at), new.get(at)) {
        (Some(a), Some(b)) => t!(
            "cms/config.yml no longer matches the schema: line {line} is `{old}`, gongbo writes `{new}`",
            line,
            old = a.trim(),
            new = b.trim()
        ),
        (Some(a), None) => t!(
            "cms/config.yml no longer matches the schema: line {line} (`{old}`) and those after it are no longer written",
            line,
            old = a.trim()
        ),
        (None, Some(b)) => t!(
            "cms/config.yml no longer matches the schema: it ends where gongbo writes `{new}`",
            new = b.trim()
        ),
        (None, None) => t!("cms/config.yml no longer matches the schema"),
    };
    Some(
        Diagnostic::new(Code::CmsConfig, CONFIG_FILE, what)
            .at(Loc::new(line, 1))
            .hint(hint),
    )
}
