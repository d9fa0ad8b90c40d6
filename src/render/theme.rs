//! The theme, in layers, each file of a higher layer replacing the file of the same
//! name below it:
//!
//! 1. the built-in theme ([`super::builtin`], gongbo's own `themes/default/`), when
//!    `theme = "default"`;
//! 2. the folder `themes/<theme>/` of the site, if it has one: for `default`, single
//!    files over the built-in ones (an ejected or partly changed copy); for any other
//!    name, a whole theme of its own, with nothing taken from the built-in one;
//! 3. the site's `templates/` and `static/` folders, single files over both;
//!
//! and UI strings key by key: the theme's `i18n/{ko,en}.toml` files (layers 1 and 2),
//! then `[strings.ko]` and `[strings.en]` in site.toml ([`crate::i18n`]). Stylesheets lose
//! their comments on the way; the generated highlighting stylesheet is added last.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

use super::builtin;
use super::templates::{self, TemplateFile, Templates};
use super::views::SiteView;
use crate::config::Config;
use crate::diag::{io_reason, Code, Diagnostic, Diagnostics};
use crate::i18n::{self, Strings};
use crate::types::{Lang, OutputFile, PerLang};

/// The loaded theme: templates per language, strings and static files.
pub struct Theme {
    pub templates: PerLang<Templates>,
    pub strings: PerLang<Strings>,
    pub statics: Vec<OutputFile>,
    /// The fingerprint of the templates and strings: what every page is rendered with.
    pub fp: crate::fp::Fp,
    /// The fingerprint of what the templates were compiled from (their files, the globals
    /// of each language, the theme's folder), by which a later load reuses them.
    compiled: crate::fp::Fp,
}

/// Loads the theme named in `site.toml` with the layers above. The templates of `kept`
/// (the last build's theme, kept by `gongbo serve`) are used again when they were
/// compiled from the same files and globals: compiling them is half of loading a theme,
/// and a rebuild after an edit of a release loads it again.
pub fn load_theme(
    root: &Path,
    config: &Config,
    about_slug: &PerLang<Option<String>>,
    kept: Option<Theme>,
) -> Result<Theme, Diagnostics> {
    let theme_rel = format!("themes/{}", config.theme);
    let theme_dir = root.join(&theme_rel);
    for dir in [
        theme_dir.join("i18n"),
        root.join("templates"),
        root.join("static"),
    ] {
        super::tree::check_path(root, &dir).map_err(one)?;
    }
    let builtin = config.theme == builtin::NAME;
    if !builtin && !theme_dir.is_dir() {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::new(
                Code::SiteConfig,
                crate::config::FILE,
                t!(
                    "the theme folder {theme_rel}/ does not exist",
                    theme_rel = &theme_rel
                ),
            )
            .field("theme")
            .hint(t!(
                "set `theme = \"{name}\"` for the built-in theme, or put the theme's files in {theme_rel}/",
                name = builtin::NAME,
                theme_rel = &theme_rel
            )),
        );
        return Err(d);
    }
    let strings = strings(config, &theme_dir, &theme_rel, builtin)?;
    let mut layered: BTreeMap<String, TemplateFile> = BTreeMap::new();
    if builtin {
        for (name, bytes) in builtin::under("templates") {
            let text = String::from_utf8_lossy(bytes).into_owned();
            layered.insert(
                name.to_string(),
                TemplateFile {
                    name: name.to_string(),
                    rel: format!("{theme_rel}/templates/{name}"),
                    text,
                },
            );
        }
    }
    let on_disk = templates::load(
        root,
        &[
            (
                &theme_dir.join("templates"),
                format!("{theme_rel}/templates"),
            ),
            (&root.join("templates"), "templates".into()),
        ],
    )?;
    layered.extend(on_disk.into_iter().map(|f| (f.name.clone(), f)));
    let files: Vec<TemplateFile> = layered.into_values().collect();
    let mut diags = Diagnostics::new();
    let globals = PerLang::from_fn(|lang| Globals {
        lang: lang.code(),
        t: strings.get(lang),
        site: site_view(
            config,
            lang,
            about_slug.get(lang).as_deref(),
            strings.get(lang),
        ),
    });
    let compiled = compiled_from(&files, &globals, &theme_rel);
    let templates = match kept.filter(|k| k.compiled == compiled) {
        Some(k) => Some(k.templates),
        None => {
            let mut build = |lang: Lang| {
                Templates::new(&files, globals.get(lang), &theme_rel)
                    .map_err(|d| diags.extend(d))
                    .ok()
            };
            match (build(Lang::Ko), build(Lang::En)) {
                (Some(ko), Some(en)) => Some(PerLang { ko, en }),
                _ => None,
            }
        }
    };
    let mut statics = Vec::new();
    if builtin {
        for (rel, bytes) in builtin::under("static") {
            statics.push(if rel.ends_with(".css") {
                OutputFile::bytes(rel, strip_css_comments(&String::from_utf8_lossy(bytes)))
            } else {
                OutputFile::bytes(rel, bytes)
            });
        }
    }
    for dir in [theme_dir.join("static"), root.join("static")] {
        let found = match super::tree::files(root, &dir, super::tree::STATIC) {
            Ok(f) => f,
            Err(d) => {
                diags.extend(d);
                continue;
            }
        };
        for f in found {
            statics.retain(|o: &OutputFile| o.path != f.rel);
            let css = (f.rel.ends_with(".css") && f.bytes <= MAX_CSS_BYTES)
                .then(|| std::fs::read_to_string(&f.abs).ok())
                .flatten();
            statics.push(match css {
                Some(text) => OutputFile::bytes(f.rel, strip_css_comments(&text)),
                None => OutputFile::copy(f.rel, f.abs),
            });
        }
    }
    statics.push(OutputFile::bytes(
        "highlight.css",
        crate::markdown::highlight::stylesheet(),
    ));
    match templates {
        Some(templates) if !diags.has_errors() => Ok(Theme {
            templates,
            fp: fingerprint(&files, &strings),
            strings,
            statics,
            compiled,
        }),
        _ => Err(diags),
    }
}

/// The fingerprint of everything [`Templates::new`] is given: the files, each
/// language's globals (as JSON, the form the templates read them in) and the theme's
/// folder.
fn compiled_from(
    files: &[TemplateFile],
    globals: &PerLang<Globals<'_>>,
    theme_rel: &str,
) -> crate::fp::Fp {
    let mut h = crate::fp::Hasher::new("compiled templates");
    h.str(theme_rel).u64(files.len() as u64);
    for f in files {
        h.str(&f.name).str(&f.rel).str(&f.text);
    }
    for g in [&globals.ko, &globals.en] {
        // Serializing strings and maps of strings does not fail. Were it to, the
        // templates would fail to take the same globals, and a theme that failed to load
        // is never kept.
        h.str(&serde_json::to_string(g).unwrap_or_default());
    }
    h.finish()
}

/// The UI strings: the built-in theme's tables (for `default`), the theme folder's
/// tables, then the site's `[strings.*]`.
fn strings(
    config: &Config,
    theme_dir: &Path,
    theme_rel: &str,
    builtin: bool,
) -> Result<PerLang<Strings>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let files = PerLang::from_fn(|lang| {
        let mut files = Vec::new();
        let name = format!("{lang}.toml");
        if builtin {
            if let Some(bytes) = builtin::file(&format!("i18n/{name}")) {
                files.push(i18n::File {
                    rel: format!("{theme_rel}/i18n/{name}"),
                    text: String::from_utf8_lossy(bytes).into_owned(),
                });
            }
        }
        let path = theme_dir.join("i18n").join(&name);
        let rel = format!("{theme_rel}/i18n/{name}");
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push(i18n::File { rel, text }),
            // Only a whole theme must have its own tables.
            Err(e) if !builtin || path.exists() => diags.push(Diagnostic::new(
                Code::Theme,
                rel,
                t!(
                    "cannot read the theme's strings: {reason}",
                    reason = io_reason(&e)
                ),
            )),
            Err(_) => {}
        }
        files
    });
    if diags.has_errors() {
        return Err(diags);
    }
    let overrides = PerLang::from_fn(|lang| {
        config
            .strings
            .get(lang)
            .iter()
            .map(|s| i18n::Override {
                key: s.key.clone(),
                text: s.text.clone(),
                loc: s.loc,
            })
            .collect()
    });
    i18n::load(&files, &overrides, crate::config::FILE)
}

/// The fingerprint of the template files (as layered) and the strings of both languages.
fn fingerprint(files: &[templates::TemplateFile], strings: &PerLang<Strings>) -> crate::fp::Fp {
    let mut h = crate::fp::Hasher::new("theme");
    for f in files {
        h.str(&f.name).str(&f.rel).str(&f.text);
    }
    for t in [&strings.ko, &strings.en] {
        h.u64(t.len() as u64);
        for (k, v) in t {
            h.str(k).str(v);
        }
    }
    h.finish()
}

/// Stylesheets up to this size lose their comments; larger ones are copied as they are.
const MAX_CSS_BYTES: u64 = 4 << 20;

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}

#[derive(Serialize)]
struct Globals<'a> {
    lang: &'static str,
    t: &'a Strings,
    site: SiteView,
}

fn site_view(config: &Config, lang: Lang, about: Option<&str>, t: &Strings) -> SiteView {
    let p = lang.prefix();
    let kogl = i18n::get(t, &format!("kogl_{}_name", config.default_kogl.number())).to_string();
    SiteView {
        notice: config.language(lang).notice.clone(),
        licence: i18n::fill(t, "footer_licence", &[("kogl", &kogl)]),
        lang: lang.code(),
        title: config.language(lang).title.clone(),
        description: config.language(lang).description.clone(),
        base_path: config.base_path.clone(),
        base_url: config.base_url.clone(),
        org_name: config.organization.name.get(lang).clone(),
        org_url: config.organization.url.clone(),
        home_url: config.url(p),
        releases_url: config.url(&format!("{p}releases/")),
        tags_url: config.url(&format!("{p}tags/")),
        archive_url: config.url(&format!("{p}archive/")),
        milestones_url: config.url(&format!("{p}milestones/")),
        search_url: config.url(&format!("{p}search/")),
        about_url: about.map(|s| config.url(&format!("{p}{s}/"))),
        css_url: config.url("style.css"),
        highlight_css_url: config.url("highlight.css"),
    }
}

/// Drops `/* … */` comments and blank lines from a stylesheet, leaving strings alone, so
/// the theme's well-commented source ships lighter. Written by hand because a full CSS
/// minifier crate would pull in a CSS parser for a 2–3 KB saving.
pub fn strip_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for n in chars.by_ref() {
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
            }
            None => out.push(c),
        }
    }
    let mut lines: Vec<&str> = out
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    lines.push("");
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::strip_css_comments;

    #[test]
    fn css_comments_go_strings_stay() {
        let css = "/* a */\na { content: \"/* not a comment */\"; }\n\n/* b\n c */\nb{x:'*/'}\n";
        assert_eq!(
            strip_css_comments(css),
            "a { content: \"/* not a comment */\"; }\nb{x:'*/'}\n"
        );
    }
}
