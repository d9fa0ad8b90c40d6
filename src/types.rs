//! Small validated types shared by every stage: languages, slugs and site-relative URLs.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::diag::Text;

/// The link table: a source's path under content/ (`releases/x.ko.md`) → its URL path.
pub type Links = std::collections::HashMap<String, String, rustc_hash::FxBuildHasher>;

/// A language the site is published in. Korean is the default and lives at `/`;
/// English lives under `/en/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ko,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language of the pair.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ko => Lang::En,
            Lang::En => Lang::Ko,
        }
    }

    /// The URL prefix of this language, relative to the site root: `""` or `"en/"`.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Ko => "",
            Lang::En => "en/",
        }
    }

    /// Open Graph locale.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Ko => "ko_KR",
            Lang::En => "en_US",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Typed indexes: a release, page, tag or milestone as other stages refer to it. Each is
/// an index into the list that owns the things (`Site::releases`, `Site::pages`, the tag
/// registry, the milestone plan), so a release id cannot be used where a page is meant.
macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        pub struct $name(pub u32);

        impl $name {
            pub fn new(index: usize) -> Self {
                $name(u32::try_from(index).expect("fewer than 4 billion"))
            }

            /// The index into the owning list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(
    /// A published release: an index into `Site::releases`.
    ReleaseId
);
id!(
    /// A published plain page: an index into `Site::pages`.
    PageId
);
id!(
    /// A declared tag: an index into the tag registry.
    TagId
);
id!(
    /// A declared milestone: an index into the plan's milestones.
    MilestoneId
);

/// Frees `value` on another thread, or here if no thread can be made: what a large
/// site's build is done with (its bodies, its linked site, the link stage's claims on
/// addresses) is millions of small allocations, and freeing them is no part of the
/// build's answer.
pub fn free_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Checks a URL slug: one path segment that is safe on every file system and in a URL.
/// Unicode letters are allowed (Korean slugs work), separators, dots-only names,
/// control characters and Windows-reserved names are not.
pub fn check_slug(slug: &str) -> Result<(), Text> {
    if slug.is_empty() {
        return Err(t!("the slug is empty"));
    }
    if slug.chars().count() > 120 {
        return Err(t!("the slug is longer than 120 characters"));
    }
    if let Some(c) = slug.chars().find(|c| {
        c.is_control()
            || c.is_whitespace()
            || matches!(
                c,
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '%' | '&' | '\''
            )
    }) {
        let c = format!("{c:?}");
        return Err(t!(
            "the slug contains the character {c}, which is not allowed in a URL segment",
            c
        ));
    }
    if slug.starts_with('.') || slug.ends_with('.') {
        return Err(t!("a slug may not start or end with a dot"));
    }
    let stem = slug.split('.').next().unwrap_or(slug).to_ascii_uppercase();
    const RESERVED: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    if RESERVED.contains(&stem.as_str()) {
        return Err(t!("`{slug}` is a reserved file name on Windows", slug));
    }
    Ok(())
}

/// Turns a file stem or label into a slug suggestion: lowercase, spaces to hyphens,
/// disallowed characters dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c == '-' || c == '_' || c.is_whitespace()) && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Decodes `%XX` escapes in a URL path or fragment; malformed escapes stay as written.
/// The bytes may not be UTF-8: callers decide whether to refuse or replace.
pub fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(n) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(n);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(check_slug("2023-committee").is_ok());
        assert!(check_slug("인공지능-위원회").is_ok());
        assert!(check_slug("").is_err());
        assert!(check_slug("../../etc").is_err());
        assert!(check_slug("CON").is_err());
        assert!(check_slug("con.txt").is_err());
        assert!(check_slug("a b").is_err());
        assert!(check_slug("..").is_err());
        assert_eq!(slugify(" Data  Center "), "data-center");
    }
}

/// One value per language, written in YAML or TOML as `{ko: …, en: …}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PerLang<T> {
    pub ko: T,
    pub en: T,
}

impl<T> PerLang<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }

    pub fn get_mut(&mut self, lang: Lang) -> &mut T {
        match lang {
            Lang::Ko => &mut self.ko,
            Lang::En => &mut self.en,
        }
    }

    pub fn from_fn(mut f: impl FnMut(Lang) -> T) -> Self {
        PerLang {
            ko: f(Lang::Ko),
            en: f(Lang::En),
        }
    }
}

/// 공공누리 (Korea Open Government License) type 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Kogl(u8);

impl Kogl {
    pub fn new(n: i64) -> Result<Kogl, Text> {
        if (1..=4).contains(&n) {
            Ok(Kogl(n as u8))
        } else {
            Err(t!(
                "`{n}` is not a 공공누리 (KOGL) type; use 1, 2, 3 or 4",
                n
            ))
        }
    }

    /// The type as editors write it in Korean (`제1유형`, `1유형`, `공공누리 제1유형`,
    /// `제1유형(출처표시)`) or as a quoted number.
    fn from_words(s: &str) -> Option<Kogl> {
        let s = s.split('(').next().unwrap_or(s).trim();
        let s = s.strip_prefix("공공누리").unwrap_or(s).trim_start();
        let s = s.strip_prefix('제').unwrap_or(s);
        let s = s.strip_suffix("유형").unwrap_or(s).trim();
        if s.len() != 1 {
            return None;
        }
        s.parse::<i64>().ok().and_then(|n| Kogl::new(n).ok())
    }

    pub fn number(self) -> u8 {
        self.0
    }
}

/// Checked in a visitor, so a wrong number is reported at its field and position (an
/// error after deserializing would come back from serde_yaml without either).
impl<'de> serde::Deserialize<'de> for Kogl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Kogl;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a 공공누리 (KOGL) type, 1 to 4")
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Kogl, E> {
                Kogl::new(n).map_err(Text::into_serde)
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Kogl, E> {
                Kogl::new(i64::try_from(n).unwrap_or(i64::MAX)).map_err(Text::into_serde)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Kogl, E> {
                Kogl::from_words(v).ok_or_else(|| {
                    t!(
                        "`{v}` is not a 공공누리 (KOGL) type; write 1, 2, 3 or 4 (or 제1유형 to 제4유형)",
                        v
                    )
                    .into_serde()
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A file of the built site: its path relative to the output folder (`/`-separated)
/// and where its bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub content: OutputContent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputContent {
    Bytes(Vec<u8>),
    /// Copied from this file.
    Copy(std::path::PathBuf),
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            content: OutputContent::Bytes(bytes.into()),
        }
    }

    pub fn copy(path: impl Into<String>, from: std::path::PathBuf) -> Self {
        OutputFile {
            path: path.into(),
            content: OutputContent::Copy(from),
        }
    }
}

/// Where built files go as they are made: kept in memory, or written straight into the
/// build's temporary folder (`output::Staging`), so a large site never holds all of its
/// pages at once.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile);
}

/// An HTML page of the built site, as the sitemap needs it: where it is, when its content
/// last changed and where its translation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRecord {
    /// Site-relative URL path: `""` for the Korean home page, `en/releases/x/`, …
    pub path: String,
    pub lang: Lang,
    /// The newest change of what the page shows; `None` when unknown (plain pages).
    pub lastmod: Option<chrono::DateTime<chrono_tz::Tz>>,
    /// Site-relative URL path of the same page in the other language, when both
    /// pages name each other as translations.
    pub translation: Option<String>,
}
