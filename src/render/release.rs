//! A release's page: its front matter as the reader sees it (kind, dates, the 보도시점
//! line, contacts, tags, milestones, attachments, the licence) and its body.

use super::views::{
    asset_url, human_size, tag_links, AttachmentView, ChangeView, ContactView, ImageView, KoglView,
    MilestoneLink, ReleaseView, SourceView,
};
use super::Cx;
use crate::content::release::{Attachment, Release};
use crate::diag::Diagnostic;
use crate::i18n::{fill, get, Strings};
use crate::link::Site;
use crate::markdown::Rendered;
use crate::route::Page;
use crate::time::{format_date, format_datetime, rfc3339};
use crate::types::{Lang, PerLang, ReleaseId};

impl Cx<'_> {
    pub(super) fn release(&self, id: ReleaseId) -> Result<Vec<u8>, Diagnostic> {
        let r = self.site.release(id);
        let view = view(self.site, id, self.body(), &self.theme.strings);
        let crumbs = vec![
            self.home_crumb(),
            self.crumb("releases", Page::Releases(1)),
            Self::here(&r.title),
        ];
        let data = self.data(r.title.clone(), r.summary.clone(), crumbs, "releases", view);
        self.render_template("release.html", &data)
    }
}

/// Builds the view of release `id`.
fn view(site: &Site, id: ReleaseId, body: &Rendered, strings: &PerLang<Strings>) -> ReleaseView {
    let r = site.release(id);
    let t = strings.get(r.lang);
    let lang = r.lang;
    let cfg = &site.config;
    let updated = r.updated();
    let photos = super::photos::figures(site, id, body, t);
    ReleaseView {
        title: r.title.clone(),
        kind: get(t, &format!("kind_{}", r.kind.key())).to_string(),
        kind_key: r.kind.key(),
        date: format_date(r.date.date_naive(), lang),
        date_iso: rfc3339(&r.date),
        updated: (updated > r.date).then(|| format_date(updated.date_naive(), lang)),
        updated_iso: rfc3339(&updated),
        summary: r.summary.clone(),
        highlights: r.highlights.clone(),
        department: site.department(id).map(str::to_string),
        contacts: contacts(site, r),
        embargo: r.embargo.map(|e| {
            [
                fill(
                    &strings.ko,
                    "embargo_line",
                    &[("time", &format_datetime(&e, Lang::Ko))],
                ),
                fill(
                    &strings.en,
                    "embargo_line",
                    &[("time", &format_datetime(&e, Lang::En))],
                ),
            ]
        }),
        changes: r
            .changes
            .iter()
            .rev()
            .map(|c| ChangeView {
                date: format_date(c.date.date_naive(), lang),
                date_iso: rfc3339(&c.date),
                note: c.note.clone(),
            })
            .collect(),
        tags: tag_links(site, &r.tags, lang),
        milestones: r
            .milestones
            .iter()
            .filter_map(|&m| {
                let state = site.milestones.get(m.index())?;
                let ms = &site.plan.milestones[m.index()];
                Some(MilestoneLink {
                    title: ms.title.get(lang).clone(),
                    url: cfg.url(&site.path(Page::Milestone(m, 1), lang)),
                    status: super::milestones::status_view(t, state.status),
                })
            })
            .collect(),
        attachments: r
            .attachments
            .iter()
            .map(|a| attachment(site, a, t))
            .collect(),
        image: r.image.as_ref().map(|img| ImageView {
            src: asset_url(site, &img.src),
            alt: img.alt.clone(),
        }),
        lead_photo: photos.0,
        photos: photos.1,
        sources: r
            .sources
            .iter()
            .map(|s| SourceView {
                title: s.title.clone(),
                url: s.url.clone(),
            })
            .collect(),
        kogl: kogl(site, r, t),
        toc: body
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .cloned()
            .collect(),
        content: body.html.clone(),
    }
}

fn contacts(site: &Site, r: &Release) -> Vec<ContactView> {
    if r.contacts.is_empty() {
        let c = &site.config.organization.contact;
        if c.phone.is_none() && c.email.is_none() {
            return Vec::new();
        }
        return vec![ContactView {
            role: None,
            rank: None,
            name: None,
            phone: c.phone.clone(),
            email: c.email.clone(),
        }];
    }
    r.contacts
        .iter()
        .map(|c| ContactView {
            role: c.role.clone(),
            rank: c.rank.clone(),
            name: c.name.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
        })
        .collect()
}

fn attachment(site: &Site, a: &Attachment, t: &Strings) -> AttachmentView {
    let file_type = a
        .path
        .rsplit_once('.')
        .map(|(_, e)| e.to_uppercase())
        .unwrap_or_else(|| get(t, "file").to_string());
    let size = human_size(a.bytes);
    AttachmentView {
        title: a.title.clone(),
        url: site.config.url(&a.path),
        label: attachment_label(&a.title, &file_type, &size),
        file_type,
        size,
    }
}

/// "보도자료 원문 (PDF, 245 KB)": the title with the file's format and size, the format
/// said once. A title that already names its format, as in "개요 (PDF, 1쪽, 영문)", gets
/// the size inside its own closing bracket ("개요 (PDF, 1쪽, 영문, 2 KB)"), or after it.
fn attachment_label(title: &str, file_type: &str, size: &str) -> String {
    let says_type = title
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(file_type));
    if !says_type {
        return format!("{title} ({file_type}, {size})");
    }
    match title.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        Some((head, inside))
            if inside
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case(file_type)) =>
        {
            format!("{head}({inside}, {size})")
        }
        _ => format!("{title} ({size})"),
    }
}

fn kogl(site: &Site, r: &Release, t: &Strings) -> KoglView {
    let n = r.kogl.number();
    let org = site.config.organization.name.get(r.lang);
    let year = r.date.format("%Y").to_string();
    KoglView {
        number: n,
        name: get(t, &format!("kogl_{n}_name")).to_string(),
        meaning: get(t, &format!("kogl_{n}_meaning")).to_string(),
        sentence: fill(
            t,
            "kogl_sentence",
            &[
                ("org", org),
                ("year", &year),
                ("type", get(t, &format!("kogl_{n}_name"))),
                ("title", &r.title),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::attachment_label;

    #[test]
    fn an_attachment_says_its_format_once() {
        assert_eq!(
            attachment_label("보도자료 원문", "PDF", "245 KB"),
            "보도자료 원문 (PDF, 245 KB)"
        );
        assert_eq!(
            attachment_label("착공 개요 자료 (PDF, 1쪽, 영문)", "PDF", "2 KB"),
            "착공 개요 자료 (PDF, 1쪽, 영문, 2 KB)"
        );
        assert_eq!(
            attachment_label("Overview (pdf)", "PDF", "2 KB"),
            "Overview (pdf, 2 KB)"
        );
        assert_eq!(
            attachment_label("PDF overview (1 page)", "PDF", "2 KB"),
            "PDF overview (1 page) (2 KB)"
        );
        // A word that only contains the format's letters is not a mention.
        assert_eq!(
            attachment_label("HWPX guide", "HWP", "9 KB"),
            "HWPX guide (HWP, 9 KB)"
        );
    }
}
