//! `site.toml`: read as written ([`RawConfig`]), then checked into [`Config`].
//!
//! Every table denies unknown keys; an unknown key is reported with its line and the
//! nearest valid key. Derived values (the time zone, the base path) live only in
//! [`Config`].

use chrono_tz::Tz;
use serde::Deserialize;

mod errors;

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Text};
use crate::types::{Kogl, Lang, PerLang};

pub const FILE: &str = "site.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    #[serde(default = "default_tz")]
    timezone: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_per_page")]
    releases_per_page: usize,
    #[serde(default = "default_feed_limit")]
    feed_limit: usize,
    #[serde(default = "default_kogl")]
    default_kogl: Kogl,
    languages: PerLang<RawLanguage>,
    organization: RawOrganization,
    #[serde(default)]
    strings: RawStrings,
}

/// `[strings.ko]` and `[strings.en]`: the site's own wording of the theme's UI strings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrings {
    #[serde(default)]
    ko: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    en: std::collections::BTreeMap<String, String>,
}

fn default_tz() -> String {
    "Asia/Seoul".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_per_page() -> usize {
    10
}
fn default_feed_limit() -> usize {
    20
}
fn default_kogl() -> Kogl {
    Kogl::new(1).expect("1 is valid")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    notice: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganization {
    name: PerLang<String>,
    url: String,
    #[serde(default)]
    department: Option<PerLang<String>>,
    #[serde(default)]
    contact: OrgContact,
}

/// The organisation's default press contact, used when a release names none.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OrgContact {
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// Per-language site settings.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Language {
    pub title: String,
    pub description: String,
    /// The notice band at the top of every page (and repeated in the footer), e.g. that
    /// the site is a demonstration; none when not set.
    pub notice: Option<String>,
}

/// One UI string the site words itself (`[strings.ko]` in site.toml), with the line it
/// is on for errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiString {
    pub key: String,
    pub text: String,
    pub loc: Option<Loc>,
}

/// The publishing organisation.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Organization {
    pub name: PerLang<String>,
    pub url: String,
    pub department: Option<PerLang<String>>,
    pub contact: OrgContact,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// The path part of the base URL, always starting and ending in `/`.
    pub base_path: String,
    pub tz: Tz,
    pub theme: String,
    pub releases_per_page: usize,
    pub feed_limit: usize,
    pub default_kogl: Kogl,
    pub languages: PerLang<Language>,
    pub organization: Organization,
    /// The site's own UI strings per language, over the theme's (`[strings.ko]`).
    pub strings: PerLang<Vec<UiString>>,
}

impl Config {
    /// Root-relative URL of a site-relative path (`releases/x/` → `/base/releases/x/`).
    pub fn url(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel)
    }

    /// Absolute URL of a site-relative path.
    pub fn abs_url(&self, rel: &str) -> String {
        format!("{}{}", self.base_url, rel)
    }

    /// Absolute URL of a file under `content/`; an address that is already absolute
    /// (an image hosted elsewhere) is returned unchanged.
    pub fn abs_asset_url(&self, src: &str) -> String {
        if src.starts_with("http://") || src.starts_with("https://") {
            src.to_string()
        } else {
            self.abs_url(src)
        }
    }

    pub fn language(&self, lang: Lang) -> &Language {
        self.languages.get(lang)
    }
}

/// Parses `site.toml` text. `base_url_override` comes from `--base-url`.
pub fn parse(text: &str, base_url_override: Option<&str>) -> Result<Config, Diagnostics> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let loc = e.span().map(|s| Loc::of_offset(text, s.start));
        let mut all = Diagnostics::new();
        all.push(errors::toml_error(e.message(), text, e.span().map(|s| s.start)).at_opt(loc));
        all
    })?;
    validate(raw, text, base_url_override)
}

fn validate(
    raw: RawConfig,
    text: &str,
    base_url_override: Option<&str>,
) -> Result<Config, Diagnostics> {
    let RawConfig {
        base_url,
        timezone,
        theme,
        releases_per_page,
        feed_limit,
        default_kogl,
        languages,
        organization,
        strings,
    } = raw;
    let mut diags = Diagnostics::new();
    let key_loc = |key: &str| key_line(text, key);
    let (base_url, from_cli) = match base_url_override {
        Some(u) => (u.to_string(), true),
        None => (base_url, false),
    };
    let base = match normalize_base_url(&base_url) {
        Ok(b) => Some(b),
        Err(msg) => {
            let msg = t!("base URL {problem}", problem = msg);
            let d = if from_cli {
                Diagnostic::new(Code::OtherError, "--base-url", msg)
            } else {
                Diagnostic::new(Code::SiteConfig, FILE, msg)
                    .at_opt(key_loc("base_url"))
                    .field("base_url")
            };
            diags.push(d.hint(t!("use an absolute http(s) URL such as https://example.org/ or https://example.org/ai/")));
            None
        }
    };
    let tz: Option<Tz> = match timezone.parse() {
        Ok(tz) => Some(tz),
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    Code::SiteConfig,
                    FILE,
                    t!("`{timezone}` is not an IANA time zone name", timezone),
                )
                .at_opt(key_loc("timezone"))
                .field("timezone")
                .hint(t!("use a name such as Asia/Seoul")),
            );
            None
        }
    };
    if releases_per_page == 0 {
        diags.push(
            Diagnostic::new(Code::SiteConfig, FILE, t!("must be at least 1"))
                .at_opt(key_loc("releases_per_page"))
                .field("releases_per_page")
                .hint(t!("e.g. releases_per_page = 10")),
        );
    }
    if feed_limit == 0 {
        diags.push(
            Diagnostic::new(Code::SiteConfig, FILE, t!("must be at least 1"))
                .at_opt(key_loc("feed_limit"))
                .field("feed_limit")
                .hint(t!("e.g. feed_limit = 20")),
        );
    }
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        diags.push(
            Diagnostic::new(
                Code::SiteConfig,
                FILE,
                t!("`{theme}` is not a theme folder name", theme = &theme),
            )
            .at_opt(key_loc("theme"))
            .field("theme")
            .hint(t!("name a folder inside themes/, e.g. \"default\"")),
        );
    }
    check_organization(&organization, text, &mut diags);
    let (Some((base_url, base_path)), Some(tz), false) = (base, tz, diags.has_errors()) else {
        return Err(diags);
    };
    Ok(Config {
        base_url,
        base_path,
        tz,
        theme,
        releases_per_page,
        feed_limit,
        default_kogl,
        languages: PerLang::from_fn(|l| {
            let raw = languages.get(l);
            Language {
                title: raw.title.clone(),
                description: raw.description.clone(),
                notice: raw
                    .notice
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_string),
            }
        }),
        organization: Organization {
            name: organization.name,
            url: organization.url,
            department: organization.department,
            contact: organization.contact,
        },
        strings: PerLang::from_fn(|l| {
            let table = match l {
                Lang::Ko => &strings.ko,
                Lang::En => &strings.en,
            };
            table
                .iter()
                .map(|(key, value)| UiString {
                    key: key.clone(),
                    text: value.clone(),
                    loc: key_line_in(text, &format!("strings.{l}"), key),
                })
                .collect()
        }),
    })
}

/// Checks the base URL and splits it into (absolute URL with trailing `/`, path part).
/// The error is the end of a sentence that starts "the base URL".
fn normalize_base_url(url: &str) -> Result<(String, String), Text> {
    let url = url.trim();
    let parsed = crate::address::web(url)?;
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let path = rest.split_once('/').map_or("", |(_, p)| p);
    if path.contains(['?', '#']) || path.split('/').any(|s| s == ".." || s == ".") {
        return Err(t!(
            "`{url}` must be a plain path without query, fragment or dots",
            url
        ));
    }
    let path = path.trim_matches('/');
    let base_path = if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    };
    let host = parsed.host_str().unwrap_or_default();
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    Ok((
        format!("{}://{host}{port}{base_path}", parsed.scheme()),
        base_path,
    ))
}

/// The problems of the organisation's address and press contact, each at its key.
fn check_organization(org: &RawOrganization, text: &str, diags: &mut Diagnostics) {
    let mut push = |key: &str, table: &str, field: &str, msg: Text, hint: Text| {
        diags.push(
            Diagnostic::new(Code::SiteConfig, FILE, msg)
                .at_opt(key_line_in(text, table, key))
                .field(field)
                .hint(hint),
        );
    };
    if let Err(e) = crate::address::web(&org.url) {
        let hint = t!("write the organisation's web address, e.g. https://www.example.go.kr/");
        push("url", "organization", "organization.url", e, hint);
    }
    if let Some(email) = &org.contact.email {
        if let Err(e) = crate::address::email(email) {
            let hint = t!("write one address such as press@example.org");
            push(
                "email",
                "organization.contact",
                "organization.contact.email",
                e,
                hint,
            );
        }
    }
    if let Some(phone) = &org.contact.phone {
        if let Err(e) = crate::address::phone(phone) {
            let hint =
                t!("write digits with spaces or hyphens, e.g. 062-613-1234 or +82 62-613-1234");
            push(
                "phone",
                "organization.contact",
                "organization.contact.phone",
                e,
                hint,
            );
        }
    }
}

/// The line of `key` inside the TOML table `table` (`organization.contact`): under its
/// `[table]` header, as a dotted key of a parent table, or inside an inline table.
fn key_line_in(text: &str, table: &str, key: &str) -> Option<Loc> {
    let mut current = String::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if let Some(h) = t.strip_prefix('[') {
            current = h.split(']').next().unwrap_or("").trim().to_string();
        } else if let Some(sub) = table
            .strip_prefix(&current)
            .map(|r| r.trim_start_matches('.'))
        {
            // `key = …` in the table itself, `sub.key = …` or `sub = { key = … }` above it.
            let dotted = if sub.is_empty() {
                key.to_string()
            } else {
                format!("{sub}.{key}")
            };
            let starts = |k: &str| {
                t.strip_prefix(k)
                    .is_some_and(|r| r.trim_start().starts_with('='))
            };
            if starts(&dotted) {
                return Some(Loc::of_offset(text, offset + indent));
            }
            if !sub.is_empty() && starts(sub) {
                if let Some(at) = t.find(key).filter(|_| t.contains('{')) {
                    return Some(Loc::of_offset(text, offset + indent + at));
                }
            }
        }
        offset += line.len();
    }
    None
}

/// The location of a top-level `key =` line, for diagnostics about a value.
fn key_line(text: &str, key: &str) -> Option<Loc> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                let col = line.len() - t.len();
                return Some(Loc::of_offset(text, offset + col));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = "base_url = \"https://example.org/ai\"\n[languages.ko]\ntitle = \"가\"\n[languages.en]\ntitle = \"A\"\n[organization]\nurl = \"https://example.org/\"\nname = { ko = \"시\", en = \"City\" }\n";

    #[test]
    fn defaults_and_base_path() {
        let c = parse(MIN, None).unwrap();
        assert_eq!(c.base_url, "https://example.org/ai/");
        assert_eq!(c.base_path, "/ai/");
        assert_eq!(c.tz, chrono_tz::Asia::Seoul);
        assert_eq!(c.url("releases/"), "/ai/releases/");
        let c = parse(MIN, Some("http://localhost:1111")).unwrap();
        assert_eq!(c.base_path, "/");
        assert_eq!(c.abs_url("en/"), "http://localhost:1111/en/");
    }

    #[test]
    fn addresses_are_refused_at_their_key() {
        let text = MIN
            .replace("https://example.org/ai", "javascript:alert(1)")
            .replace(
                "url = \"https://example.org/\"",
                "url = \"javascript:alert(document.domain)\"",
            )
            + "contact = { phone = \"<b>1</b>\", email = \"x@y\" }\n";
        let err = parse(&text, None).unwrap_err().to_string();
        for want in [
            "site.toml:1:1: error[E010]: base_url: base URL `javascript:alert(1)` is not an http:// or https:// address",
            "site.toml:7:1: error[E010]: organization.url: `javascript:alert(document.domain)` is not an http:// or https:// address",
            "site.toml:9:13: error[E010]: organization.contact.phone: `<b>1</b>` is not a phone number",
            "site.toml:9:33: error[E010]: organization.contact.email: `x@y` is not an e-mail address",
        ] {
            assert!(err.contains(want), "{want}\nin\n{err}");
        }
        let table = MIN.replace("https://example.org/ai", "https://u:p@example.org/")
            + "[organization.contact]\nemail = \"a@b.org\"\nphone = \"062\\\"\"\n";
        let err = parse(&table, None).unwrap_err().to_string();
        assert!(err.contains("site.toml:1:1: error[E010]: base_url: base URL `https://u:p@example.org/` contains a user name or password"), "{err}");
        assert!(
            err.contains("site.toml:11:1: error[E010]: organization.contact.phone:"),
            "{err}"
        );
        let c = parse(
            &MIN.replace("https://example.org/ai", "https://Example.ORG:8443/ai"),
            None,
        )
        .unwrap();
        assert_eq!(c.base_url, "https://example.org:8443/ai/");
    }

    #[test]
    fn unknown_key_names_line_and_nearest_key() {
        let text = MIN.replace("base_url", "timezon = \"Asia/Seoul\"\nbase_url");
        let err = parse(&text, None).unwrap_err();
        let d = err.iter().next().unwrap();
        assert_eq!(d.loc.unwrap().line, 1, "{d}");
        assert!(d.to_string().contains("unknown key `timezon`"), "{d}");
        assert!(d.to_string().contains("did you mean `timezone`?"), "{d}");
    }
}
