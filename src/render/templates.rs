//! Tera templates: the theme's `templates/` folder, then the site's own `templates/`
//! folder on top (a file with the same name replaces the theme's). The only user of tera.
//!
//! One [`Tera`] per language holds that language's UI strings and site settings in its
//! global context, so each page only serializes its own data.

use serde::Serialize;
use std::path::Path;
use tera::{Context, Tera};

use crate::diag::{Code, Diagnostic, Diagnostics};

/// Template data converted once and shared by many pages (a release's list card is on
/// its list page, its tag pages, its year page and maybe the home page). Cloning it is
/// cheap, and a page that holds it does not convert it again: tera takes a value
/// already in its own form as it is.
#[derive(Clone)]
pub struct Prepared(tera::Value);

impl Prepared {
    pub fn new(data: &impl Serialize) -> Prepared {
        Prepared(tera::Value::from_serializable(data))
    }
}

impl Serialize for Prepared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Loaded templates, ready to render.
pub struct Templates {
    tera: Tera,
}

/// Reads every template file under `dirs` (later folders override earlier ones).
pub fn load(dirs: &[(&Path, String)]) -> Result<Vec<(String, String)>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut files: std::collections::BTreeMap<String, String> = Default::default();
    for (dir, rel) in dirs {
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => {
                    files.insert(name, text);
                }
                Err(e) => diags.push(Diagnostic::new(
                    Code::Theme,
                    format!("{rel}/{name}"),
                    format!("cannot read the template: {e}"),
                )),
            }
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files.into_iter().collect())
    }
}

impl Templates {
    /// Compiles the templates with `globals` available to every render.
    pub fn new(
        files: &[(String, String)],
        globals: &impl Serialize,
        theme_rel: &str,
    ) -> Result<Templates, Diagnostics> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let mut diags = Diagnostics::new();
        if let Err(e) = tera.add_raw_templates(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            diags.push(
                Diagnostic::new(
                    Code::Theme,
                    format!("{theme_rel}/templates"),
                    format!("template error: {e}"),
                )
                .hint("fix the template syntax"),
            );
            return Err(diags);
        }
        match Context::from_serialize(globals) {
            Ok(ctx) => tera.global_context().extend(ctx),
            Err(e) => {
                diags.push(Diagnostic::new(
                    Code::Theme,
                    theme_rel,
                    format!("cannot prepare the template globals: {e}"),
                ));
                return Err(diags);
            }
        }
        Ok(Templates { tera })
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name` with `data` as its context, to the bytes of the page (UTF-8: the
    /// templates and every value are strings; writing bytes spares checking them again).
    pub fn render(&self, name: &str, data: &impl Serialize) -> Result<Vec<u8>, String> {
        let ctx = Context::from_serialize(data).map_err(|e| e.to_string())?;
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, &ctx, &mut out)
            .map_err(|e| format!("{name}: {e}"))?;
        Ok(out)
    }
}
