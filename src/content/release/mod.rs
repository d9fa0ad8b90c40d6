//! Release front matter: [`front::ReleaseFront`] as the editor wrote it, checked into
//! [`Release`].
//!
//! Steps: split the `---` fences and deserialize the YAML ([`front`], [`kind`]); check
//! the title, dates, slug and sources here; the tags and milestones against their
//! declarations ([`declared`]); the change history ([`changes`]); the attachments and
//! the image against the files under content/ ([`assets`]). Every problem is recorded in
//! a [`Checker`] and the checks go on, so one run reports all of a file's mistakes.

mod assets;
mod changes;
mod checker;
mod declared;
mod front;
mod kind;
mod photos;
pub mod placeholder;

use std::collections::BTreeMap;

use super::frontmatter::{self, Split};
use super::milestones::Plan;
use super::tags::{TagId, TagRegistry};
use super::Asset;
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Loc};
use crate::time::SiteTime;
use crate::types::{Kogl, Lang, MilestoneId};
pub use assets::{Attachment, Image};
pub use changes::Change;
use checker::Checker;
pub use declared::MilestoneUpdate;
use front::ReleaseFront;
pub use front::{Contact, Source};
pub use kind::Kind;
pub use photos::{is_photo_image, Photo, PhotoKey};

/// A checked release (kept between builds without its body: [`crate::content::kept`]).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Release {
    /// Path relative to the site root, e.g. `content/releases/x.ko.md`.
    pub src: String,
    pub lang: Lang,
    pub stem: String,
    pub slug: String,
    /// Where the slug comes from (the `slug:` line, or the top of the file).
    pub slug_loc: Loc,
    pub title: String,
    #[serde(with = "crate::content::kept::site_time")]
    pub date: SiteTime,
    #[serde(with = "crate::content::kept::listed")]
    pub kind: Kind,
    pub summary: Option<String>,
    pub highlights: Vec<String>,
    pub tags: Vec<TagId>,
    /// Milestones mentioned (indexes into the plan), including updated ones.
    pub milestones: Vec<MilestoneId>,
    pub milestone_updates: Vec<MilestoneUpdate>,
    pub department: Option<String>,
    pub contacts: Vec<Contact>,
    #[serde(with = "crate::content::kept::opt_site_time")]
    pub embargo: Option<SiteTime>,
    pub draft: bool,
    /// Meant for one language (`one_language: true`): no translation is missing.
    pub one_language: bool,
    pub changes: Vec<Change>,
    /// The date of the last change, or the publication date ([`Release::updated`]):
    /// kept beside the changes, since every page list and sitemap entry asks for it,
    /// and reading the changes was a cache miss per release on every rebuild.
    #[serde(with = "crate::content::kept::site_time")]
    pub(crate) updated: SiteTime,
    pub attachments: Vec<Attachment>,
    /// A drawing or an image elsewhere (`image:` naming an SVG or an address); an
    /// `image:` that names a photo is the first of `photos`.
    pub image: Option<Image>,
    /// The press photos, as listed (`image:` first when it names a photo).
    pub photos: Vec<Photo>,
    pub sources: Vec<Source>,
    #[serde(with = "crate::content::kept::kogl")]
    pub kogl: Kogl,
    #[serde(skip)]
    pub body: String,
    pub body_line: usize,
    /// Placeholder texts of `gongbo new release` still in it (E014): errors once the
    /// release is to be published, nothing while it is a held-back draft.
    #[serde(skip)]
    pub unfinished: Vec<Diagnostic>,
    /// The fingerprint of the source file's text.
    pub fp: crate::fp::Fp,
}

impl Release {
    /// The date of the last change, or the publication date.
    pub fn updated(&self) -> SiteTime {
        debug_assert_eq!(self.updated, last_change(self.date, &self.changes));
        self.updated
    }
}

/// The keys of a release's front matter, as [`parse`] reads them: the schema that the
/// CMS configuration is made from (src/cms/), so the form cannot drift from the parser.
pub fn fields() -> &'static [frontmatter::Field] {
    &front::FIELDS
}

/// The keys of the items of each list of a release's front matter that holds records
/// (`contacts`, `changes`, …), by the list's key.
pub fn item_fields() -> &'static [(&'static str, &'static [&'static str])] {
    &front::ITEMS
}

/// What a release is checked against.
pub struct Context<'a> {
    pub config: &'a Config,
    pub tags: &'a TagRegistry,
    pub plan: &'a Plan,
    pub assets: &'a BTreeMap<String, Asset>,
}

/// Parses and checks one release file.
pub fn parse(
    file: &str,
    lang: Lang,
    stem: &str,
    text: &str,
    cx: &Context<'_>,
) -> Result<Release, Vec<Diagnostic>> {
    let split = frontmatter::split(file, text).map_err(|d| vec![d])?;
    let (front, mut errs) =
        frontmatter::parse_checked::<ReleaseFront>(file, &split, &front::FIELDS);
    let Some(front) = front else {
        return Err(errs);
    };
    match check(file, lang, stem, front, &split, cx) {
        Ok(mut r) if errs.is_empty() => {
            r.fp = crate::fp::Fp::of(text.as_bytes());
            Ok(r)
        }
        Ok(_) => Err(errs),
        Err(more) => {
            errs.extend(more);
            errs.sort_by_key(|d| d.loc);
            errs.dedup();
            Err(errs)
        }
    }
}

fn check(
    file: &str,
    lang: Lang,
    stem: &str,
    f: ReleaseFront,
    split: &Split<'_>,
    cx: &Context<'_>,
) -> Result<Release, Vec<Diagnostic>> {
    let mut ck = Checker {
        file,
        split,
        cx,
        errs: Vec::new(),
    };
    if f.title.trim().is_empty() {
        let loc = split.key_loc("title");
        ck.push(
            ck.error(Code::MissingField, "title", loc, t!("the title is empty"))
                .hint(t!("write the release's headline")),
        );
    }
    let date = ck.time("date", f.date);
    let embargo = f.embargo.0.and_then(|e| ck.time("embargo", e));
    let slug = split
        .slug(file, stem, f.slug.as_deref())
        .map_err(|d| ck.push(d))
        .ok();
    let tags = declared::tags(&mut ck, &f.tags);
    let mut milestones = declared::milestones(&mut ck, &f.milestones);
    let updates = declared::updates(&mut ck, &f.milestone_updates, date, &mut milestones);
    let changes = changes::changes(&mut ck, &f.changes, date);
    let attachments = assets::attachments(&mut ck, &f.attachments);
    // An emptied form field (`image: ""`) is no image, as a missing key is.
    fn given(s: &Option<String>) -> Option<&str> {
        s.as_deref().filter(|s| !s.trim().is_empty())
    }
    let image = assets::image(&mut ck, given(&f.image), given(&f.image_alt));
    let (image, photos) = photos::photos(&mut ck, &f.photos, image);
    sources(&mut ck, &f.sources);
    let unfinished = placeholder::find(file, split, &f.title, f.summary.as_deref(), split.body);
    let (Some((slug, slug_loc)), Some(date), true) = (slug, date, ck.errs.is_empty()) else {
        return Err(ck.errs);
    };
    Ok(Release {
        src: file.to_string(),
        lang,
        stem: stem.to_string(),
        slug,
        slug_loc,
        title: f.title.trim().to_string(),
        date,
        kind: f.kind.0.unwrap_or(Kind::PressRelease),
        summary: f
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        highlights: f.highlights,
        tags,
        milestones,
        milestone_updates: updates,
        department: f.department.filter(|d| !d.trim().is_empty()),
        contacts: f.contacts,
        embargo,
        draft: f.draft,
        one_language: f.one_language,
        updated: last_change(date, &changes),
        changes,
        attachments,
        image,
        photos,
        sources: f.sources,
        kogl: f.kogl.0.unwrap_or(cx.config.default_kogl),
        body: split.body.to_string(),
        fp: crate::fp::Fp::default(),
        body_line: split.body_line,
        unfinished,
    })
}

/// The date of the last of `changes`, or `date` if none is later.
fn last_change(date: SiteTime, changes: &[Change]) -> SiteTime {
    changes
        .iter()
        .map(|c| c.date)
        .max()
        .unwrap_or(date)
        .max(date)
}

/// Every source needs a full http(s) address.
fn sources(ck: &mut Checker<'_>, sources: &[Source]) {
    for s in sources {
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            let loc = ck.split.value_loc("sources", &s.url);
            let msg = t!("`{url}` is not an http(s) URL", url = &s.url);
            ck.push(
                ck.error(Code::InvalidValue, "sources.url", loc, msg)
                    .hint(t!("write the full address, starting with https://")),
            );
        }
    }
}
