//! The typed views that templates receive. Everything a template shows is prepared
//! here: dates formatted per language, URLs made, labels looked up in the UI strings.

use serde::Serialize;

use super::templates::Prepared;
use crate::i18n::{fill, get, Strings};
use crate::link::Site;
use crate::markdown::Heading;
use crate::route::Page;
use crate::time::{format_date, iso_date};
use crate::types::{Lang, ReleaseId, TagId};

/// Site-wide values, the same on every page of one language (template global `site`).
#[derive(Serialize)]
pub struct SiteView {
    pub lang: &'static str,
    /// The site's notice band (`notice` in site.toml), if any.
    pub notice: Option<String>,
    /// The footer's reuse sentence, naming the site's default KOGL type.
    pub licence: String,
    pub title: String,
    pub description: String,
    pub base_path: String,
    pub base_url: String,
    pub org_name: String,
    pub org_url: String,
    pub home_url: String,
    pub releases_url: String,
    pub tags_url: String,
    pub archive_url: String,
    pub milestones_url: String,
    pub search_url: String,
    pub about_url: Option<String>,
    pub css_url: String,
    pub highlight_css_url: String,
}

/// A link in the breadcrumb trail.
#[derive(Serialize, Clone)]
pub struct Crumb {
    pub title: String,
    pub url: Option<String>,
}

/// `<link rel="alternate" hreflang>` entries.
#[derive(Serialize, Clone)]
pub struct Alternate {
    pub hreflang: &'static str,
    pub href: String,
}

/// The language switcher: a link to the same page in the other language, or a plain
/// sentence saying it does not exist and a link to that language's list instead.
#[derive(Serialize, Clone)]
pub struct Switch {
    pub lang: &'static str,
    pub name: String,
    pub url: String,
    pub available: bool,
    pub message: Option<String>,
}

/// What every page template receives (besides the globals).
#[derive(Serialize)]
pub struct PageData<T: Serialize> {
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub switch: Switch,
    pub crumbs: Vec<Crumb>,
    pub section: &'static str,
    /// Open Graph, feed links and JSON-LD for `<head>`.
    pub meta: super::meta::Meta,
    /// The page shows highlighted code (and links `highlight.css`).
    pub code: bool,
    pub body: T,
}

#[derive(Serialize, Clone)]
pub struct TagLink {
    pub label: String,
    pub url: String,
}

/// A release in a list.
#[derive(Serialize, Clone)]
pub struct Card {
    pub title: String,
    pub url: String,
    pub date: String,
    pub date_iso: String,
    pub kind: String,
    pub kind_key: &'static str,
    /// The department that issued it (the release's own, else the site's default).
    pub department: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<TagLink>,
}

#[derive(Serialize)]
pub struct ContactView {
    pub role: Option<String>,
    pub rank: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Serialize)]
pub struct ChangeView {
    pub date: String,
    pub date_iso: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct AttachmentView {
    pub title: String,
    pub url: String,
    pub file_type: String,
    pub size: String,
    /// "보도자료 원문 (PDF, 245 KB)"
    pub label: String,
}

#[derive(Serialize)]
pub struct ImageView {
    pub src: String,
    pub alt: String,
}

#[derive(Serialize)]
pub struct SourceView {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct KoglView {
    pub number: u8,
    pub name: String,
    pub meaning: String,
    pub sentence: String,
}

#[derive(Serialize)]
pub struct MilestoneLink {
    pub title: String,
    pub url: String,
    pub status: super::milestones::StatusView,
}

#[derive(Serialize)]
pub struct ReleaseView {
    pub title: String,
    pub kind: String,
    pub kind_key: &'static str,
    pub date: String,
    pub date_iso: String,
    pub updated: Option<String>,
    pub updated_iso: String,
    pub summary: Option<String>,
    pub highlights: Vec<String>,
    pub department: Option<String>,
    pub contacts: Vec<ContactView>,
    /// The 보도시점 line in Korean and English.
    pub embargo: Option<[String; 2]>,
    pub changes: Vec<ChangeView>,
    pub tags: Vec<TagLink>,
    pub milestones: Vec<MilestoneLink>,
    pub attachments: Vec<AttachmentView>,
    pub image: Option<ImageView>,
    /// The lead photo's figure (HTML), shown above the body.
    pub lead_photo: Option<String>,
    /// The other photos' figures (HTML), shown in a gallery after the body.
    pub photos: Vec<String>,
    pub sources: Vec<SourceView>,
    pub kogl: KoglView,
    pub toc: Vec<Heading>,
    pub content: String,
}

/// Root-relative URL of a file under `content/` (or an absolute URL, unchanged).
pub fn asset_url(site: &Site, src: &str) -> String {
    if src.starts_with("http://") || src.starts_with("https://") {
        src.to_string()
    } else {
        site.config.url(src)
    }
}

/// `245 KB`, `1.2 MB`, `900 bytes`.
pub fn human_size(bytes: u64) -> String {
    if bytes < 1000 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000 {
        format!("{} KB", (bytes + 500) / 1000)
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

pub fn tag_links(site: &Site, tags: &[TagId], lang: Lang) -> Vec<TagLink> {
    tags.iter()
        .map(|&id| TagLink {
            label: site.tags.get(id).label.get(lang).clone(),
            url: site.config.url(&site.path(Page::Topic(id, 1), lang)),
        })
        .collect()
}

/// The list entry of a release.
pub fn card(site: &Site, i: ReleaseId, t: &Strings) -> Card {
    let r = site.release(i);
    Card {
        title: r.title.clone(),
        url: site.config.url(&site.release_path(i)),
        date: format_date(r.date.date_naive(), r.lang),
        date_iso: iso_date(&r.date),
        kind: get(t, &format!("kind_{}", r.kind.key())).to_string(),
        kind_key: r.kind.key(),
        department: site.department(i).map(str::to_string),
        summary: r.summary.clone(),
        tags: tag_links(site, &r.tags, r.lang),
    }
}

#[derive(Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PagerLink>,
    pub label: String,
}

/// Pagination for page `n` (1-based) of `total`, whose pages are at `url(k)`.
pub fn pager(url: &dyn Fn(usize) -> String, n: usize, total: usize, t: &Strings) -> Pager {
    let lo = n.saturating_sub(3).max(1);
    let hi = (n + 3).min(total);
    Pager {
        current: n,
        total,
        prev: (n > 1).then(|| url(n - 1)),
        next: (n < total).then(|| url(n + 1)),
        pages: (lo..=hi)
            .map(|k| PagerLink {
                number: k,
                url: url(k),
                current: k == n,
            })
            .collect(),
        label: fill(
            t,
            "page_of",
            &[("n", &n.to_string()), ("total", &total.to_string())],
        ),
    }
}

#[derive(Serialize)]
pub struct ListView {
    pub heading: String,
    pub intro: Option<String>,
    pub items: Vec<Prepared>,
    pub pager: Option<Pager>,
}

#[derive(Serialize)]
pub struct TagCount {
    pub label: String,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct YearGroup {
    pub year: i32,
    pub url: String,
    pub count: usize,
    pub label: String,
}

#[derive(Serialize)]
pub struct PlainView {
    pub title: String,
    pub summary: Option<String>,
    pub content: String,
    /// "Last updated" as shown, and as `YYYY-MM-DD` for `<time datetime>`.
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
}

#[derive(Serialize)]
pub struct HomeView {
    pub latest: Vec<Prepared>,
    pub more_url: String,
    pub total: usize,
    pub total_label: String,
    pub milestones: Option<super::progress::ProgressView>,
}

#[derive(Serialize)]
pub struct NotFoundView {
    pub ko: NotFoundLang,
    pub en: NotFoundLang,
}

#[derive(Serialize)]
pub struct NotFoundLang {
    pub title: String,
    pub text: String,
    pub home_label: String,
    pub home_url: String,
}
