//! A release's press photos on its page: the lead photo above the body, the others in
//! a gallery after it, each a figure ([`crate::markdown::figure`]) with its caption,
//! credit and the link to its original. An English page whose photo has no caption of
//! its own shows the Korean release's caption of the same photo, marked as Korean.

use crate::content::release::Photo;
use crate::i18n::{fill, get, Strings};
use crate::link::Site;
use crate::markdown::figure::{self, Caption, Place};
use crate::markdown::Rendered;
use crate::types::{Lang, ReleaseId};

/// The lead photo's figure and the gallery's, as HTML.
pub(super) fn figures(
    site: &Site,
    id: ReleaseId,
    body: &Rendered,
    t: &Strings,
) -> (Option<String>, Vec<String>) {
    let r = site.release(id);
    let base = &site.config.base_path;
    let body_photos = body
        .images
        .iter()
        .any(|(p, _)| site.photos.get(p).is_some());
    // The first photo of the page loads at once: the lead photo, or else the first of
    // the gallery when the body shows none (a drawing above the body comes first).
    let mut first = r.image.is_none() && (r.photos.iter().any(|p| p.lead) || !body_photos);
    let mut lead = None;
    let mut gallery = Vec::new();
    let ordered = r
        .photos
        .iter()
        .filter(|p| p.lead)
        .chain(r.photos.iter().filter(|p| !p.lead));
    for p in ordered {
        let Some(shown) = site.photos.get(&p.src) else {
            continue;
        };
        let place = Place {
            sizes: if p.lead {
                figure::COLUMN
            } else {
                figure::GALLERY
            },
            first,
            base_path: base,
        };
        first = false;
        let korean = (p.caption.is_none() && r.lang == Lang::En)
            .then(|| korean_caption(site, id, p))
            .flatten();
        let caption = match (&p.caption, &korean) {
            (Some(c), _) => Some(Caption {
                text: c,
                lang: None,
                note: None,
            }),
            (None, Some(k)) => Some(Caption {
                text: k,
                lang: Some(Lang::Ko.code()),
                note: Some(get(t, "caption_in_korean")),
            }),
            (None, None) => None,
        };
        let credit = p
            .credit
            .as_deref()
            .map(|c| fill(t, "photo_credit", &[("credit", c)]));
        let html = figure::photo_figure(
            shown,
            &p.alt,
            caption,
            credit.as_deref(),
            shown.download.get(r.lang),
            p.lead,
            place,
        );
        if p.lead {
            lead = Some(html);
        } else {
            gallery.push(html);
        }
    }
    (lead, gallery)
}

/// The caption the Korean translation gives the same photo, if it has one.
fn korean_caption(site: &Site, id: ReleaseId, p: &Photo) -> Option<String> {
    let ko = site.release(site.release_translation(id)?);
    ko.photos
        .iter()
        .find(|q| q.src == p.src)
        .and_then(|q| q.caption.clone())
}
