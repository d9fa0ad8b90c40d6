//! UI strings of the theme, per language: `themes/<theme>/i18n/{ko,en}.toml`.
//!
//! Both files must have exactly the same keys, so a page never shows a missing string in
//! one language. Strings may hold `{name}` placeholders, filled by [`fill`].

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{io_reason, Code, Diagnostic, Diagnostics};
use crate::types::{Lang, PerLang};

pub type Strings = BTreeMap<String, String>;

/// Loads and cross-checks the two string tables of the theme at `theme_dir`.
pub fn load(theme_dir: &Path, theme_rel: &str) -> Result<PerLang<Strings>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut read = |lang: Lang| -> Strings {
        let rel = format!("{theme_rel}/i18n/{lang}.toml");
        let text =
            match std::fs::read_to_string(theme_dir.join("i18n").join(format!("{lang}.toml"))) {
                Ok(t) => t,
                Err(e) => {
                    diags.push(Diagnostic::new(
                        Code::Theme,
                        &rel,
                        t!(
                            "cannot read the theme's strings: {reason}",
                            reason = io_reason(&e)
                        ),
                    ));
                    return Strings::new();
                }
            };
        toml::from_str(&text).unwrap_or_else(|e: toml::de::Error| {
            let loc = e
                .span()
                .map(|s| crate::diag::Loc::of_offset(&text, s.start));
            diags.push(
                Diagnostic::new(
                    Code::Theme,
                    &rel,
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
    };
    let strings = PerLang {
        ko: read(Lang::Ko),
        en: read(Lang::En),
    };
    for lang in Lang::ALL {
        let missing: Vec<&String> = strings
            .get(lang.other())
            .keys()
            .filter(|k| !strings.get(lang).contains_key(*k))
            .collect();
        if !missing.is_empty() {
            let keys: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
            diags.push(
                Diagnostic::new(
                    Code::Theme,
                    format!("{theme_rel}/i18n/{lang}.toml"),
                    t!("missing strings: {keys}", keys = keys.join(", ")),
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
        Err(diags)
    } else {
        Ok(strings)
    }
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
}
