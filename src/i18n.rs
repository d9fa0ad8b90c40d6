//! UI strings per language, in layers: the built-in theme's `i18n/{ko,en}.toml`, then a
//! theme folder's own files (`themes/<theme>/i18n/ko.toml`, key by key over the layer
//! below), then the site's `[strings.ko]` and `[strings.en]` in site.toml.
//!
//! After layering both languages must have exactly the same keys, so a page never shows
//! a missing string in one language. A site string must name a key of the theme, unless
//! the site gives it in both languages (a new string for its own templates). Strings may
//! hold `{name}` placeholders, filled by [`fill`].

use std::collections::BTreeMap;

use crate::diag::{nearest, Code, Diagnostic, Diagnostics, Loc};
use crate::types::{Lang, PerLang};

pub type Strings = BTreeMap<String, String>;

/// One string table file of a layer: where it is (for errors) and its TOML text.
pub struct File {
    pub rel: String,
    pub text: String,
}

/// A string the site words itself, from site.toml.
pub struct Override {
    pub key: String,
    pub text: String,
    pub loc: Option<Loc>,
}

/// Loads the string tables of every layer, lowest first (`files` per language, each
/// later file overriding keys of the earlier ones), then the site's `overrides` from
/// `config_file`, and cross-checks the two languages.
pub fn load(
    files: &PerLang<Vec<File>>,
    overrides: &PerLang<Vec<Override>>,
    config_file: &str,
) -> Result<PerLang<Strings>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut strings = PerLang::from_fn(|lang| {
        let mut table = Strings::new();
        for f in files.get(lang) {
            table.extend(parse(f, &mut diags));
        }
        table
    });
    if diags.has_errors() {
        return Err(diags);
    }
    // Missing keys are looked for in the theme's tables, before the site's strings: a
    // theme missing a key in one language is the theme's problem, not the site's.
    let rel_of = |lang: Lang| {
        files
            .get(lang)
            .last()
            .map_or_else(|| format!("i18n/{lang}.toml"), |f| f.rel.clone())
    };
    for lang in Lang::ALL {
        let missing: Vec<&str> = strings
            .get(lang.other())
            .keys()
            .filter(|k| !strings.get(lang).contains_key(*k))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::Theme,
                    rel_of(lang),
                    t!("missing strings: {keys}", keys = missing.join(", ")),
                )
                .hint(t!(
                    "every key in {other}.toml must also be in {lang}.toml",
                    other = lang.other().code(),
                    lang = lang.code()
                )),
            );
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    for lang in Lang::ALL {
        let theirs: Vec<&str> = overrides
            .get(lang.other())
            .iter()
            .map(|o| o.key.as_str())
            .collect();
        for o in overrides.get(lang) {
            let known = strings.get(lang).contains_key(&o.key);
            if !known && !theirs.contains(&o.key.as_str()) {
                let table = strings.get(lang);
                let hint = match nearest(&o.key, table.keys().map(String::as_str)) {
                    Some(k) => t!("did you mean `{k}`? A new string must be given in [strings.ko] and [strings.en] both", k),
                    None => t!("a new string must be given in [strings.ko] and [strings.en] both"),
                };
                diags.push(
                    Diagnostic::new(
                        Code::SiteConfig,
                        config_file,
                        t!("`{key}` is not one of the theme's UI strings", key = &o.key),
                    )
                    .at_opt(o.loc)
                    .field(format!("strings.{lang}.{}", o.key))
                    .hint(hint),
                );
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    for lang in Lang::ALL {
        let table = strings.get_mut(lang);
        for o in overrides.get(lang) {
            table.insert(o.key.clone(), o.text.clone());
        }
    }
    Ok(strings)
}

/// The strings of one file; a file that is not a table of strings is an error at the
/// place TOML names.
fn parse(f: &File, diags: &mut Diagnostics) -> Strings {
    toml::from_str(&f.text).unwrap_or_else(|e: toml::de::Error| {
        let loc = e.span().map(|s| Loc::of_offset(&f.text, s.start));
        diags.push(
            Diagnostic::new(
                Code::Theme,
                &f.rel,
                t!(
                    "the theme's strings cannot be read: {reason}",
                    reason = e.message().trim()
                ),
            )
            .at_opt(loc)
            .hint(t!("write one `key = \"text\"` per line")),
        );
        Strings::new()
    })
}

/// Looks a key up; a missing key shows as the key itself (templates are checked at load).
pub fn get<'a>(strings: &'a Strings, key: &'a str) -> &'a str {
    strings.get(key).map_or(key, String::as_str)
}

/// Replaces `{name}` placeholders in the string `key`.
pub fn fill(strings: &Strings, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = get(strings, key).to_string();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        let s = Strings::from([("x".to_string(), "{n}개 중 {m}개".to_string())]);
        assert_eq!(fill(&s, "x", &[("n", "3"), ("m", "1")]), "3개 중 1개");
        assert_eq!(get(&s, "nope"), "nope");
    }

    fn file(rel: &str, text: &str) -> File {
        File {
            rel: rel.into(),
            text: text.into(),
        }
    }

    fn ov(key: &str, text: &str, line: usize) -> Override {
        Override {
            key: key.into(),
            text: text.into(),
            loc: Some(Loc::new(line, 1)),
        }
    }

    fn layers() -> PerLang<Vec<File>> {
        PerLang {
            ko: vec![
                file("b/ko.toml", "home = \"홈\"\nintro = \"소개\"\n"),
                file("t/ko.toml", "intro = \"우리 소개\"\n"),
            ],
            en: vec![file("b/en.toml", "home = \"Home\"\nintro = \"About\"\n")],
        }
    }

    #[test]
    fn layers_override_key_by_key_and_the_site_has_the_last_word() {
        let overrides = PerLang {
            ko: vec![ov("home", "처음으로", 3), ov("extra", "더", 4)],
            en: vec![ov("extra", "More", 7)],
        };
        let s = load(&layers(), &overrides, "site.toml").unwrap();
        assert_eq!(s.ko["home"], "처음으로");
        assert_eq!(s.ko["intro"], "우리 소개");
        assert_eq!(s.en["home"], "Home");
        assert_eq!(s.en["extra"], "More");
    }

    #[test]
    fn an_unknown_site_string_in_one_language_names_the_nearest_key() {
        let overrides = PerLang {
            ko: vec![ov("hom", "처음", 9)],
            en: vec![],
        };
        let err = load(&layers(), &overrides, "site.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("site.toml:9:1: error[E010]: strings.ko.hom: `hom` is not one of the theme's UI strings"),
            "{err}"
        );
        assert!(err.contains("did you mean `home`?"), "{err}");
    }

    #[test]
    fn a_key_missing_in_one_language_is_named() {
        let files = PerLang {
            ko: vec![file("t/ko.toml", "a = \"가\"\nb = \"나\"\n")],
            en: vec![file("t/en.toml", "a = \"A\"\n")],
        };
        let err = load(&files, &PerLang::default(), "site.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("t/en.toml: error[E011]: missing strings: b"),
            "{err}"
        );
    }
}
