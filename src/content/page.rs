//! Plain pages (`content/pages/<stem>.<lang>.md`), such as the about page.

use serde::Deserialize;

use super::frontmatter;
use crate::diag::{Diagnostic, Loc};
use crate::types::{check_slug, Lang};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
}

/// A checked plain page.
#[derive(Debug, Clone)]
pub struct Page {
    pub src: String,
    pub lang: Lang,
    pub stem: String,
    pub slug: String,
    pub slug_loc: Loc,
    pub title: String,
    pub summary: Option<String>,
    pub draft: bool,
    pub body: String,
    pub body_line: usize,
}

pub fn parse(file: &str, lang: Lang, stem: &str, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let split = frontmatter::split(file, text).map_err(|d| vec![d])?;
    let f: PageFront = frontmatter::parse(file, &split).map_err(|d| vec![d])?;
    let mut errs = Vec::new();
    if f.title.trim().is_empty() {
        errs.push(
            Diagnostic::error(file, "the title is empty")
                .at(split.key_loc("title"))
                .field("title"),
        );
    }
    let slug = f.slug.clone().unwrap_or_else(|| stem.to_string());
    if let Err(m) = check_slug(&slug) {
        let loc = if f.slug.is_some() {
            split.key_loc("slug")
        } else {
            Loc::new(1, 1)
        };
        errs.push(
            Diagnostic::error(file, m)
                .at(loc)
                .field("slug")
                .hint("use letters, digits and hyphens"),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Page {
        src: file.to_string(),
        lang,
        stem: stem.to_string(),
        slug_loc: if f.slug.is_some() {
            split.key_loc("slug")
        } else {
            Loc::new(1, 1)
        },
        slug,
        title: f.title.trim().to_string(),
        summary: f.summary.filter(|s| !s.trim().is_empty()),
        draft: f.draft,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}
