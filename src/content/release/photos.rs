//! A release's press photos: `photos:` in front matter, each a file under content/ with
//! its alternative text, caption, credit and whether it is the lead photo; and `image:`
//! when it names a photo (JPEG, PNG, WebP…), which stays what it was, the release's
//! main picture, now published as the lead photo (an SVG drawing or an address
//! elsewhere stays an `image`, shown as it is).
//!
//! Checked here: the file exists, the alternative text is there and is neither the
//! caption nor the file name, no photo is listed twice, at most one is the lead. What
//! the file holds (format, size, damage) is the build's to check, at the same place.

use super::front::PhotoFront;
use super::{Checker, Image};
use crate::alt::{self, Repeat};
use crate::diag::{Code, Loc};

/// A press photo of a release.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Photo {
    /// Path relative to `content/`, `/`-separated.
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// The photo shown first, large, above the body (and the page's `og:image`).
    pub lead: bool,
    /// Where the photo is named (the `src:` value, or the `image:` line), and the field,
    /// for the problems of its file that the build finds.
    pub loc: Loc,
    pub field: PhotoKey,
}

/// The front matter key a photo is named in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PhotoKey {
    /// `image:` naming a photo (the lead photo).
    Image,
    /// An entry of `photos:`.
    Photos,
}

impl PhotoKey {
    /// The key as written.
    pub fn key(self) -> &'static str {
        match self {
            PhotoKey::Image => "image",
            PhotoKey::Photos => "photos",
        }
    }
}

/// Whether an `image:` value names a photo rather than a drawing or an address.
pub fn is_photo_image(src: &str) -> bool {
    let lower = src.trim().to_lowercase();
    !(lower.starts_with("http://") || lower.starts_with("https://") || lower.ends_with(".svg"))
}

/// The photos of `written`, with `image` made the lead photo when it is one; returns
/// what is left of `image` (a drawing or an address).
pub(super) fn photos(
    ck: &mut Checker<'_>,
    written: &[PhotoFront],
    image: Option<Image>,
) -> (Option<Image>, Vec<Photo>) {
    let mut photos = Vec::new();
    let image = match image {
        Some(img) if is_photo_image(&img.src) => {
            let loc = ck.split.key_loc("image");
            check_alt(ck, &img.alt, None, &img.src, "image_alt", loc);
            photos.push(Photo {
                src: img.src,
                alt: img.alt,
                caption: None,
                credit: None,
                lead: true,
                loc,
                field: PhotoKey::Image,
            });
            None
        }
        Some(img) => {
            let loc = ck.split.key_loc("image_alt");
            check_alt(ck, &img.alt, None, &img.src, "image_alt", loc);
            Some(img)
        }
        None => None,
    };
    let mut lead_locs = Vec::new();
    for (i, p) in written.iter().enumerate() {
        let loc = ck.split.item_loc("photos", i, "src", &p.src);
        let src = match super::assets::asset(&p.src, ck.cx) {
            Ok((path, _)) => Some(path),
            Err((code, msg, hint)) => {
                ck.push(ck.error(code, "photos.src", loc, msg).hint(hint));
                None
            }
        };
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let caption = text(&p.caption);
        let alt = p.alt.as_deref().unwrap_or_default().trim().to_string();
        if alt::is_empty(&alt) {
            let msg = t!(
                "the photo {src} has no alternative text",
                src = p.src.trim()
            );
            ck.push(ck.error(Code::MissingAlt, "photos.alt", loc, msg).hint(t!(
                "add `alt:` saying what the photo shows, for readers who cannot see it"
            )));
        } else {
            let at = ck.split.item_loc("photos", i, "alt", &alt);
            check_alt(ck, &alt, caption.as_deref(), &p.src, "photos.alt", at);
        }
        let Some(src) = src else {
            continue;
        };
        if photos.iter().any(|q: &Photo| q.src == src) {
            let msg = t!(
                "the photo content/{src} is listed twice",
                src = src.as_str()
            );
            ck.push(ck.error(Code::Duplicate, "photos.src", loc, msg).hint(t!(
                "remove one of the two entries (and `image:`, if it names the same file)"
            )));
            continue;
        }
        if p.lead {
            lead_locs.push((
                p.src.trim().to_string(),
                ck.split.item_loc("photos", i, "lead", "lead"),
            ));
        }
        photos.push(Photo {
            src,
            alt,
            caption,
            credit: text(&p.credit),
            lead: p.lead,
            loc,
            field: PhotoKey::Photos,
        });
    }
    // The lead photos as written: `image:` naming a photo, then `lead: true` entries.
    let mut leads: Vec<(String, Loc)> = photos
        .iter()
        .filter(|p| p.field == PhotoKey::Image)
        .map(|p| (p.src.clone(), p.loc))
        .collect();
    let from_image = !leads.is_empty();
    leads.extend(lead_locs);
    if let [first, second, ..] = &leads[..] {
        let msg = t!(
            "both {first} and {second} are marked as the lead photo, but a release has one",
            first = first.0.as_str(),
            second = second.0.as_str()
        );
        let hint = if from_image {
            t!("`image:` is the lead photo: remove it, or remove `lead: true` from the other")
        } else {
            t!("keep `lead: true` on one photo only")
        };
        let d = ck
            .error(Code::InvalidValue, "photos.lead", second.1, msg)
            .hint(hint);
        ck.push(d);
    }
    (image, photos)
}

/// Alternative text that repeats the caption or the file name is an error.
fn check_alt(
    ck: &mut Checker<'_>,
    alt: &str,
    caption: Option<&str>,
    src: &str,
    field: &str,
    loc: Loc,
) {
    let (msg, hint) = match alt::repeats(alt, caption, src) {
        None => return,
        Some(Repeat::Caption) => (
            t!("the alternative text repeats the caption, so a screen reader reads it twice"),
            t!("let `alt:` say what the photo shows, and the caption what it is about (who, where, when)"),
        ),
        Some(Repeat::FileName) => (
            t!("the alternative text is the file name, which says nothing about the photo"),
            t!("write what the photo shows, e.g. `착공식에서 첫 삽을 뜨는 참석자들`"),
        ),
    };
    ck.push(ck.error(Code::AltRepeats, field, loc, msg).hint(hint));
}
