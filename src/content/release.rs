//! Release front matter: [`ReleaseFront`] as the editor wrote it, checked into [`Release`].

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use super::frontmatter::{self, Split};
use super::milestones::{Plan, Status};
use super::tags::{TagId, TagRegistry};
use super::Asset;
use crate::config::Config;
use crate::diag::{nearest, Code, Diagnostic, Loc};
use crate::time::{DateInput, PartialDate, SiteTime};
use crate::types::{Kogl, Lang};

/// What kind of document a release is (보도자료 and its relatives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Kind {
    PressRelease,
    Background,
    Explanation,
    Rebuttal,
}

impl Kind {
    const NAMES: [(&'static str, &'static str, Kind); 4] = [
        ("보도자료", "press_release", Kind::PressRelease),
        ("보도참고자료", "background", Kind::Background),
        ("설명자료", "explanation", Kind::Explanation),
        ("해명자료", "rebuttal", Kind::Rebuttal),
    ];

    /// The key of the kind, also the i18n key suffix: `press_release`, …
    pub fn key(self) -> &'static str {
        Kind::NAMES
            .iter()
            .find(|n| n.2 == self)
            .map(|n| n.1)
            .expect("every kind is named")
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a release kind")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Kind, E> {
                let v = v.trim();
                if let Some(n) = Kind::NAMES
                    .iter()
                    .find(|n| n.0 == v || n.1 == v || n.1.replace('_', " ") == v.to_lowercase())
                {
                    return Ok(n.2);
                }
                let all = Kind::NAMES.iter().flat_map(|n| [n.0, n.1]);
                let hint = nearest(v, all)
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                Err(E::custom(format!(
                    "`{v}` is not a release kind; {hint}use 보도자료 (press_release), 보도참고자료 (background), 설명자료 (explanation) or 해명자료 (rebuttal)"
                )))
            }
        }
        d.deserialize_str(V)
    }
}

/// A press contact as written in front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub rank: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeFront {
    date: DateInput,
    note: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachmentFront {
    path: String,
    title: String,
}

/// A source the release is based on.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateFront {
    id: String,
    status: Status,
    #[serde(default)]
    date: Option<DateInput>,
    #[serde(default)]
    planned: Option<PartialDate>,
    #[serde(default)]
    note: Option<String>,
}

/// Release front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReleaseFront {
    title: String,
    date: DateInput,
    #[serde(default)]
    kind: Option<Kind>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    highlights: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    milestones: Vec<String>,
    #[serde(default)]
    milestone_updates: Vec<UpdateFront>,
    #[serde(default)]
    department: Option<String>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    embargo: Option<DateInput>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    changes: Vec<ChangeFront>,
    #[serde(default)]
    attachments: Vec<AttachmentFront>,
    #[serde(default)]
    image: Option<String>,
    #[serde(default)]
    image_alt: Option<String>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    kogl: Option<Kogl>,
}

/// One entry of the change history.
#[derive(Debug, Clone)]
pub struct Change {
    pub date: SiteTime,
    pub note: String,
}

/// An attached file, copied to the output.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Path relative to `content/`, `/`-separated; also its path in the output.
    pub path: String,
    pub title: String,
    pub bytes: u64,
}

/// A milestone status change announced by a release.
#[derive(Debug, Clone)]
pub struct MilestoneUpdate {
    /// Index into the plan's milestones.
    pub milestone: usize,
    pub status: Status,
    pub date: SiteTime,
    pub planned: Option<PartialDate>,
    pub note: Option<String>,
    /// Where the update's `id:` value is written.
    pub loc: Loc,
}

/// The main image of a release.
#[derive(Debug, Clone)]
pub struct Image {
    /// A path relative to `content/` or an absolute http(s) URL.
    pub src: String,
    pub alt: String,
}

/// A checked release.
#[derive(Debug, Clone)]
pub struct Release {
    /// Path relative to the site root, e.g. `content/releases/x.ko.md`.
    pub src: String,
    pub lang: Lang,
    pub stem: String,
    pub slug: String,
    /// Where the slug comes from (the `slug:` line, or the top of the file).
    pub slug_loc: Loc,
    pub title: String,
    pub date: SiteTime,
    pub kind: Kind,
    pub summary: Option<String>,
    pub highlights: Vec<String>,
    pub tags: Vec<TagId>,
    /// Milestones mentioned (indexes into the plan), including updated ones.
    pub milestones: Vec<usize>,
    pub milestone_updates: Vec<MilestoneUpdate>,
    pub department: Option<String>,
    pub contacts: Vec<Contact>,
    pub embargo: Option<SiteTime>,
    pub draft: bool,
    pub changes: Vec<Change>,
    pub attachments: Vec<Attachment>,
    pub image: Option<Image>,
    pub sources: Vec<Source>,
    pub kogl: Kogl,
    pub body: String,
    pub body_line: usize,
}

impl Release {
    /// The date of the last change, or the publication date.
    pub fn updated(&self) -> SiteTime {
        self.changes
            .iter()
            .map(|c| c.date)
            .max()
            .unwrap_or(self.date)
            .max(self.date)
    }
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
    let front: ReleaseFront = frontmatter::parse(file, &split).map_err(|d| vec![d])?;
    check(file, lang, stem, front, &split, cx)
}

fn check(
    file: &str,
    lang: Lang,
    stem: &str,
    f: ReleaseFront,
    split: &Split<'_>,
    cx: &Context<'_>,
) -> Result<Release, Vec<Diagnostic>> {
    let mut errs = Vec::new();
    let tz = cx.config.tz;
    let err = |code: Code, key: &str, loc: Loc, msg: String| {
        Diagnostic::new(code, file, msg)
            .at(loc)
            .field(key.to_string())
    };
    let time = |key: &str, d: DateInput, errs: &mut Vec<Diagnostic>| -> Option<SiteTime> {
        d.resolve(tz)
            .map_err(|m| errs.push(err(Code::InvalidValue, key, split.key_loc(key), m)))
            .ok()
    };
    if f.title.trim().is_empty() {
        errs.push(
            err(
                Code::MissingField,
                "title",
                split.key_loc("title"),
                "the title is empty".into(),
            )
            .hint("write the release's headline"),
        );
    }
    let date = time("date", f.date, &mut errs);
    let embargo = f.embargo.and_then(|e| time("embargo", e, &mut errs));
    let slug = split
        .slug(file, stem, f.slug.as_deref())
        .map_err(|d| errs.push(d))
        .ok();
    let mut tags = Vec::new();
    for t in &f.tags {
        match cx.tags.resolve(t) {
            Ok(id) if !tags.contains(&id) => tags.push(id),
            Ok(_) => {}
            Err(hint) => errs.push(
                err(
                    Code::Undeclared,
                    "tags",
                    split.value_loc("tags", t),
                    format!("the tag `{t}` is not declared"),
                )
                .hint(hint),
            ),
        }
    }
    let mut milestones = Vec::new();
    for id in &f.milestones {
        match cx.plan.find(id) {
            Ok(i) if !milestones.contains(&i) => milestones.push(i),
            Ok(_) => {}
            Err(hint) => errs.push(
                err(
                    Code::Undeclared,
                    "milestones",
                    split.value_loc("milestones", id),
                    format!("unknown milestone `{id}`"),
                )
                .hint(hint),
            ),
        }
    }
    let mut updates = Vec::new();
    for u in &f.milestone_updates {
        let loc = update_loc(split, &u.id);
        let ms = cx.plan.find(&u.id).map_err(|hint| {
            errs.push(
                err(
                    Code::Undeclared,
                    "milestone_updates.id",
                    loc,
                    format!("unknown milestone `{}`", u.id),
                )
                .hint(hint),
            );
        });
        let when = match u.date {
            Some(d) => time("milestone_updates", d, &mut errs),
            None => date,
        };
        if let (Ok(m), Some(when)) = (ms, when) {
            if !milestones.contains(&m) {
                milestones.push(m);
            }
            updates.push(MilestoneUpdate {
                milestone: m,
                status: u.status,
                date: when,
                planned: u.planned,
                note: u.note.clone(),
                loc,
            });
        }
    }
    let mut changes = Vec::new();
    for c in &f.changes {
        if let Some(t) = time("changes", c.date, &mut errs) {
            if date.is_some_and(|d| t < d) {
                errs.push(
                    err(
                        Code::InvalidValue,
                        "changes",
                        split.value_loc("changes", &c.note),
                        "this change is dated before the release itself".into(),
                    )
                    .hint("a change note must be dated on or after `date`"),
                );
            }
            if c.note.trim().is_empty() {
                errs.push(
                    err(
                        Code::MissingField,
                        "changes.note",
                        split.key_loc("changes"),
                        "a change needs a note".into(),
                    )
                    .hint("say what changed, in a sentence"),
                );
            }
            changes.push(Change {
                date: t,
                note: c.note.clone(),
            });
        }
    }
    changes.sort_by_key(|c| c.date);
    let mut attachments = Vec::new();
    for a in &f.attachments {
        let loc = split.value_loc("attachments", &a.path);
        match asset(&a.path, cx) {
            Ok(asset) => attachments.push(Attachment {
                path: asset.0,
                title: a.title.clone(),
                bytes: asset.1,
            }),
            Err((code, msg, hint)) => errs.push(err(code, "attachments.path", loc, msg).hint(hint)),
        }
        if a.title.trim().is_empty() {
            errs.push(
                err(
                    Code::MissingField,
                    "attachments.title",
                    loc,
                    "an attachment needs a title".into(),
                )
                .hint("e.g. `보도자료 원문`"),
            );
        }
    }
    let image = match (&f.image, &f.image_alt) {
        (None, None) => None,
        (None, Some(_)) => {
            errs.push(
                err(
                    Code::MissingField,
                    "image_alt",
                    split.key_loc("image_alt"),
                    "`image_alt` is set but there is no `image`".into(),
                )
                .hint("add `image:` or remove `image_alt`"),
            );
            None
        }
        (Some(_), None) => {
            errs.push(
                err(Code::MissingAlt, "image_alt", split.key_loc("image"), "the image has no alternative text".into())
                    .hint("add `image_alt:` describing what the image shows, for readers who cannot see it"),
            );
            None
        }
        (Some(_), Some(alt)) if alt.trim().is_empty() => {
            errs.push(
                err(Code::MissingAlt, "image_alt", split.key_loc("image"), "the image has no alternative text".into())
                    .hint("add `image_alt:` describing what the image shows, for readers who cannot see it"),
            );
            None
        }
        (Some(src), Some(alt)) => {
            if src.starts_with("https://") || src.starts_with("http://") {
                Some(Image {
                    src: src.clone(),
                    alt: alt.clone(),
                })
            } else {
                match asset(src, cx) {
                    Ok((path, _)) => Some(Image {
                        src: path,
                        alt: alt.clone(),
                    }),
                    Err((code, msg, hint)) => {
                        errs.push(err(code, "image", split.key_loc("image"), msg).hint(hint));
                        None
                    }
                }
            }
        }
    };
    for s in &f.sources {
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            errs.push(
                err(
                    Code::InvalidValue,
                    "sources.url",
                    split.value_loc("sources", &s.url),
                    format!("`{}` is not an http(s) URL", s.url),
                )
                .hint("write the full address, starting with https://"),
            );
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Release {
        src: file.to_string(),
        lang,
        stem: stem.to_string(),
        slug_loc: slug.as_ref().map(|s| s.1).expect("checked above"),
        slug: slug.map(|s| s.0).expect("checked above"),
        title: f.title.trim().to_string(),
        date: date.expect("checked above"),
        kind: f.kind.unwrap_or(Kind::PressRelease),
        summary: f
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        highlights: f.highlights,
        tags,
        milestones,
        milestone_updates: updates,
        department: f.department,
        contacts: f.contacts,
        embargo,
        draft: f.draft,
        changes,
        attachments,
        image,
        sources: f.sources,
        kogl: f.kogl.unwrap_or(cx.config.default_kogl),
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

/// Where `id: <id>` is written in the `milestone_updates` block (at the value).
fn update_loc(split: &Split<'_>, id: &str) -> Loc {
    let key = split.key_loc("milestone_updates");
    let at = split.value_loc("milestone_updates", &format!("id: {id}"));
    if at == key {
        split.value_loc("milestone_updates", id)
    } else {
        Loc::new(at.line, at.col + 4)
    }
}

/// Checks a path relative to `content/` against the known asset files.
fn asset(path: &str, cx: &Context<'_>) -> Result<(String, u64), (Code, String, String)> {
    let clean = path.trim().trim_start_matches("./");
    if clean.starts_with('/')
        || clean.contains('\\')
        || clean.split('/').any(|s| s == ".." || s.is_empty())
        || clean.contains(':')
    {
        return Err((
            Code::InvalidValue,
            format!("`{path}` must be a plain path inside content/"),
            "write the path relative to content/, e.g. `files/report.pdf`, without `..` or a leading `/`".into(),
        ));
    }
    match cx.assets.get(clean) {
        Some(a) => Ok((clean.to_string(), a.bytes)),
        None => {
            let near = nearest(clean, cx.assets.keys().map(String::as_str));
            Err((
                Code::MissingFile,
                format!("the file content/{clean} does not exist"),
                match near {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "put the file under content/ (e.g. content/files/) and give its path relative to content/".into(),
                },
            ))
        }
    }
}
