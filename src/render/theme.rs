//! The theme: templates per language (site `templates/` over the theme's), UI strings,
//! and static files (the site's `static/` over the theme's; stylesheets lose their
//! comments on the way), plus the generated highlighting stylesheet.

use serde::Serialize;
use std::path::Path;

use super::templates::{self, Templates};
use super::views::SiteView;
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::i18n::{self, Strings};
use crate::types::{Lang, OutputFile, PerLang};

/// The loaded theme: templates per language, strings and static files.
pub struct Theme {
    pub templates: PerLang<Templates>,
    pub strings: PerLang<Strings>,
    pub statics: Vec<OutputFile>,
    /// The fingerprint of the templates and strings: what every page is rendered with.
    pub fp: crate::fp::Fp,
}

/// Loads the theme named in `site.toml`, with the site's `templates/` and `static/`
/// folders layered on top.
pub fn load_theme(
    root: &Path,
    config: &Config,
    about_slug: &PerLang<Option<String>>,
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
    if !theme_dir.is_dir() {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::new(
                Code::SiteConfig,
                crate::config::FILE,
                t!("the theme folder {theme_rel}/ does not exist", theme_rel),
            )
            .field("theme")
            .hint(t!("set `theme` to a folder inside themes/")),
        );
        return Err(d);
    }
    let strings = i18n::load(&theme_dir, &theme_rel)?;
    let files = templates::load(
        root,
        &[
            (
                &theme_dir.join("templates"),
                format!("{theme_rel}/templates"),
            ),
            (&root.join("templates"), "templates".into()),
        ],
    )?;
    let mut diags = Diagnostics::new();
    let mut build = |lang: Lang| {
        let globals = Globals {
            lang: lang.code(),
            t: strings.get(lang),
            site: site_view(config, lang, about_slug.get(lang).as_deref()),
        };
        Templates::new(&files, &globals, &theme_rel)
            .map_err(|d| diags.extend(d))
            .ok()
    };
    let (ko, en) = (build(Lang::Ko), build(Lang::En));
    let mut statics = Vec::new();
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
    match (ko, en) {
        (Some(ko), Some(en)) if !diags.has_errors() => Ok(Theme {
            templates: PerLang { ko, en },
            fp: fingerprint(&files, &strings),
            strings,
            statics,
        }),
        _ => Err(diags),
    }
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

fn site_view(config: &Config, lang: Lang, about: Option<&str>) -> SiteView {
    let p = lang.prefix();
    SiteView {
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
