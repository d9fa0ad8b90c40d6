//! Plain pages (`content/pages/<stem>.<lang>.md`), such as the about page.

use serde::Deserialize;

use super::frontmatter::{self, field, Blankable, Field};
use crate::diag::{Code, Diagnostic, Loc};
use crate::time::{DateInput, SiteTime};
use crate::types::Lang;
use chrono_tz::Tz;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default, deserialize_with = "frontmatter::flag")]
    draft: bool,
    #[serde(default)]
    updated: Blankable<DateInput>,
}

/// Every key of [`PageFront`], for reporting all problems of a file at once, and the
/// schema of the CMS's pages collection (src/cms/).
static FIELDS: [Field; 5] = [
    field::<String>("title", true, t!("text"), "title: 누리집 소개"),
    field::<Option<String>>("summary", false, t!("text"), "summary: 한두 문장의 요약"),
    field::<Option<String>>("slug", false, t!("text"), "slug: about"),
    field::<Blankable<bool>>("draft", false, t!("true or false"), "draft: true"),
    field::<Blankable<DateInput>>("updated", false, t!("a date"), "updated: 2025-03-02"),
];

/// The keys of a page's front matter, as [`parse`] reads them.
pub fn fields() -> &'static [Field] {
    &FIELDS
}

/// A checked plain page (kept between builds without its body).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Page {
    pub src: String,
    pub lang: Lang,
    pub stem: String,
    pub slug: String,
    pub slug_loc: Loc,
    pub title: String,
    pub summary: Option<String>,
    pub draft: bool,
    /// When the page's content last changed (`updated:`), for the page and the sitemap.
    #[serde(with = "crate::content::kept::opt_site_time")]
    pub updated: Option<SiteTime>,
    #[serde(skip)]
    pub body: String,
    pub body_line: usize,
    /// The fingerprint of the source file's text.
    pub fp: crate::fp::Fp,
}

pub fn parse(
    file: &str,
    lang: Lang,
    stem: &str,
    text: &str,
    tz: Tz,
) -> Result<Page, Vec<Diagnostic>> {
    let split = frontmatter::split(file, text).map_err(|d| vec![d])?;
    let (f, mut errs) = frontmatter::parse_checked::<PageFront>(file, &split, &FIELDS);
    let Some(f) = f else {
        return Err(errs);
    };
    if f.title.trim().is_empty() {
        errs.push(
            Diagnostic::new(Code::MissingField, file, t!("the title is empty"))
                .at(split.key_loc("title"))
                .field("title")
                .hint(t!("write the page's title")),
        );
    }
    let updated = f.updated.0.and_then(|d| {
        d.resolve(tz)
            .map_err(|m| {
                errs.push(
                    Diagnostic::new(Code::InvalidValue, file, m)
                        .at(split.key_loc("updated"))
                        .field("updated")
                        .hint(t!("write the date as 2024-05-01 or 2024-05-01T10:00")),
                )
            })
            .ok()
    });
    let slug = split
        .slug(file, stem, f.slug.as_deref())
        .map_err(|d| errs.push(d))
        .ok();
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Page {
        src: file.to_string(),
        lang,
        stem: stem.to_string(),
        slug_loc: slug.as_ref().map(|s| s.1).expect("checked above"),
        slug: slug.map(|s| s.0).expect("checked above"),
        title: f.title.trim().to_string(),
        summary: f.summary.filter(|s| !s.trim().is_empty()),
        draft: f.draft,
        updated,
        body: split.body.to_string(),
        fp: crate::fp::Fp::of(text.as_bytes()),
        body_line: split.body_line,
    })
}
