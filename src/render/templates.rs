//! Tera templates: the theme's `templates/` folder, then the site's own `templates/`
//! folder on top (a file with the same name replaces the theme's). The only user of tera.
//!
//! One [`Tera`] per language holds that language's UI strings and site settings in its
//! global context, so each page only serializes its own data. Every template remembers
//! the file it was read from, so an error names the file really used (`templates/…` for
//! a site override, `themes/<theme>/templates/…` otherwise) with tera's line and column.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tera::{Context, ErrorKind, Tera};

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Text};

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
    sources: Sources,
}

/// One template file: its name for tera (`partials/card.html`), the file it was read
/// from relative to the site root, and its text.
pub struct TemplateFile {
    pub name: String,
    pub rel: String,
    pub text: String,
}

/// Reads every template file under `dirs`, each given with its path relative to the
/// site root (later folders override earlier ones). Links out of the site are refused
/// and the folders are bounded ([`super::tree`]).
pub fn load(root: &Path, dirs: &[(&Path, String)]) -> Result<Vec<TemplateFile>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut files: BTreeMap<String, TemplateFile> = BTreeMap::new();
    for (dir, rel) in dirs {
        let found = match super::tree::files(root, dir, super::tree::TEMPLATES) {
            Ok(f) => f,
            Err(d) => {
                diags.extend(d);
                continue;
            }
        };
        for f in found {
            let file = format!("{rel}/{}", f.rel);
            match std::fs::read_to_string(&f.abs) {
                Ok(text) => {
                    files.insert(
                        f.rel.clone(),
                        TemplateFile {
                            name: f.rel,
                            rel: file,
                            text,
                        },
                    );
                }
                Err(e) => diags.push(Diagnostic::new(
                    Code::Theme,
                    file,
                    t!(
                        "cannot read the template: {reason}",
                        reason = crate::diag::io_reason(&e)
                    ),
                )),
            }
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files.into_values().collect())
    }
}

/// Where each template came from, to name it in errors.
struct Sources {
    /// Template name → its file relative to the site root.
    files: BTreeMap<String, String>,
    /// The theme's templates folder, for errors that name no template.
    dir: String,
}

impl Sources {
    /// The file of template `name` relative to the site root, or the theme's templates
    /// folder when there is no such template.
    fn file(&self, name: Option<&str>) -> String {
        name.and_then(|n| self.files.get(n))
            .unwrap_or(&self.dir)
            .clone()
    }

    /// `name:line:col` of a template, with the name replaced by its file.
    fn place(&self, at: &str) -> String {
        match parse_place(at) {
            Some((name, loc)) => format!("{}:{}:{}", self.file(Some(name)), loc.line, loc.col),
            None => at.to_string(),
        }
    }

    /// The diagnostics of tera's error `e`, met in template `template` unless tera says
    /// where: one per problem tera reports, each at the file of the template it names
    /// (the site's override or the theme's) with tera's line and column. The message is
    /// tera's own, in English: the reader is the theme's author.
    fn diagnostics(&self, e: &tera::Error, template: Option<&str>) -> Vec<Diagnostic> {
        let one = |name: Option<&str>, loc: Option<Loc>, message: String| {
            Diagnostic::new(Code::Theme, self.file(name), Text::verbatim(message)).at_opt(loc)
        };
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let mut message = r.message().to_string();
                // "called from" notes are only in the text of the report.
                for (label, at) in report_notes(&e.to_string()) {
                    message.push_str(&format!(" ({label} {})", self.place(at)));
                }
                // tera's lines are 1-based, its columns 0-based characters.
                let loc = Loc::new(r.span().start_line, r.span().start_col + 1);
                vec![one(Some(r.filename()), Some(loc), message)]
            }
            ErrorKind::MissingParent { current, .. } => {
                vec![one(Some(current), None, e.to_string())]
            }
            ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
                vec![one(Some(tpl), None, e.to_string())]
            }
            ErrorKind::Msg(text) => {
                // Checks across templates (unknown filters, includes, blocks) come as
                // the text of one report per problem, blank-line separated.
                let reports: Vec<_> = text.split("\n\n").map(parse_report).collect();
                if reports.iter().all(Option::is_some) {
                    reports
                        .into_iter()
                        .flatten()
                        .map(|(message, name, loc)| one(Some(name), Some(loc), message.into()))
                        .collect()
                } else {
                    vec![one(template, None, with_sources(e))]
                }
            }
            _ => vec![one(template, None, with_sources(e))],
        }
    }
}

/// The error's text followed by the errors it came from.
fn with_sources(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    message
}

/// `name:line:col` (1-based column) as tera writes a place in a report.
fn parse_place(at: &str) -> Option<(&str, Loc)> {
    let mut parts = at.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    Some((name, Loc::new(line, col)))
}

/// The message and place of one report in tera's text form:
/// `error: MESSAGE` then ` --> NAME:LINE:COL`, then the source line.
fn parse_report(text: &str) -> Option<(&str, &str, Loc)> {
    let mut lines = text.lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let (name, loc) = parse_place(lines.next()?.trim_start().strip_prefix("--> ")?)?;
    Some((message, name, loc))
}

/// The `note: LABEL NAME:LINE:COL` lines of a report in tera's text form.
fn report_notes(text: &str) -> Vec<(&str, &str)> {
    text.lines()
        .filter_map(|l| l.strip_prefix("note: ")?.rsplit_once(' '))
        .collect()
}

impl Templates {
    /// Compiles the templates with `globals` available to every render.
    pub fn new(
        files: &[TemplateFile],
        globals: &impl Serialize,
        theme_rel: &str,
    ) -> Result<Templates, Diagnostics> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let sources = Sources {
            files: files
                .iter()
                .map(|f| (f.name.clone(), f.rel.clone()))
                .collect(),
            dir: format!("{theme_rel}/templates"),
        };
        let mut diags = Diagnostics::new();
        if let Err(e) = tera.add_raw_templates(files.iter().map(|f| (&f.name, &f.text))) {
            for mut d in sources.diagnostics(&e, None) {
                d.message = t!("template error: {reason}", reason = d.message);
                diags.push(d.hint(t!("fix the template")));
            }
            return Err(diags);
        }
        match Context::from_serialize(globals) {
            Ok(ctx) => tera.global_context().extend(ctx),
            Err(e) => {
                diags.push(Diagnostic::new(
                    Code::Theme,
                    theme_rel,
                    t!(
                        "cannot prepare the template globals: {reason}",
                        reason = e.to_string()
                    ),
                ));
                return Err(diags);
            }
        }
        Ok(Templates { tera, sources })
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name` with `data` as its context, to the bytes of the page (UTF-8: the
    /// templates and every value are strings; writing bytes spares checking them again).
    /// An error names the template file where it happened, which may be one that `name`
    /// extends or includes.
    pub fn render(&self, name: &str, data: &impl Serialize) -> Result<Vec<u8>, Diagnostic> {
        // Rendering stops at its first error, so tera reports one.
        let error = |e: tera::Error| {
            let mut all = self.sources.diagnostics(&e, Some(name));
            all.truncate(1);
            all.pop().expect("every tera error gives a diagnostic")
        };
        let ctx = Context::from_serialize(data).map_err(error)?;
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera.render_to(name, &ctx, &mut out).map_err(error)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Sources {
        Sources {
            files: [
                ("base.html", "themes/t/templates/base.html"),
                ("page.html", "templates/page.html"),
            ]
            .into_iter()
            .map(|(n, f)| (n.to_string(), f.to_string()))
            .collect(),
            dir: "themes/t/templates".into(),
        }
    }

    /// The diagnostics of adding `templates` to a new tera, rendered.
    fn load_errors(templates: &[(&str, &str)]) -> Vec<String> {
        let mut tera = Tera::new();
        let e = tera
            .add_raw_templates(templates.iter().copied())
            .unwrap_err();
        sources()
            .diagnostics(&e, None)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn syntax_errors_name_the_file_line_and_column() {
        let errors = load_errors(&[
            (
                "base.html",
                "<main>{% block main %}{% endblock main %}</main>",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n  {% if %}",
            ),
        ]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("templates/page.html:3:9: error[E011]: Found `%}`"),
            "{errors:?}"
        );
    }

    /// tera reports these only as text: each problem of the batch is read back from it.
    #[test]
    fn unknown_filters_and_includes_name_each_file() {
        let errors = load_errors(&[
            ("base.html", "<main>{{ x | nofilter }}</main>"),
            ("page.html", "한글 {% include \"missing.html\" %}"),
        ]);
        assert_eq!(
            errors,
            [
                "themes/t/templates/base.html:1:14: error[E011]: Unknown filter `nofilter`",
                "templates/page.html:1:15: error[E011]: Unknown template `missing.html`",
            ]
        );
    }

    #[test]
    fn a_missing_parent_names_the_child() {
        let errors = load_errors(&[("page.html", "{% extends \"nothere.html\" %}")]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("templates/page.html: error[E011]: Template 'page.html'"),
            "{errors:?}"
        );
    }

    #[test]
    fn render_errors_name_the_included_file_and_where_it_was_called() {
        let mut tera = Tera::new();
        tera.add_raw_templates([
            ("base.html", "<p>{{ a.b.c }}</p>"),
            ("page.html", "x\n{% include \"base.html\" %}"),
        ])
        .unwrap();
        let mut ctx = Context::new();
        ctx.insert("a", &1);
        let e = tera.render("page.html", &ctx).unwrap_err();
        let d = &sources().diagnostics(&e, Some("page.html"))[0];
        assert_eq!(d.file, "themes/t/templates/base.html");
        assert_eq!(d.loc, Some(Loc::new(1, 9)), "at `b`");
        assert!(
            d.message
                .ends_with(" (called from templates/page.html:2:12)"),
            "{}",
            d.message
        );
    }
}
