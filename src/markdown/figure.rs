//! The markup of a photo, wherever it is shown (the body's images here, the lead photo
//! and the gallery of a release page through `render`), so every photo of the site is
//! written the same way:
//!
//! ```html
//! <picture>
//!   <source type="image/webp" srcset="….webp 480w, …" sizes="…">
//!   <img src="…-960.jpg" srcset="….jpg 480w, …" sizes="…" width="960" height="720"
//!        alt="…" loading="lazy" decoding="async">
//! </picture>
//! ```
//!
//! `width` and `height` are those of the JPEG in `src`, so the browser reserves the
//! photo's aspect ratio before anything loads (no layout shift). The first photo of a
//! page is loaded at once; every photo below it waits until it is
//! scrolled near (`loading="lazy"`) and is decoded off the main thread.

use crate::link::photos::{Copy, Shown};
use crate::markdown::escape;

/// The `sizes` of a photo as wide as the page's column (the lead photo, body photos):
/// the theme's column is 60rem less 1.5rem of padding on each side, and the window
/// less 1rem on each side below 48em.
pub const COLUMN: &str =
    "(min-width: 60rem) 57rem, (min-width: 48rem) calc(100vw - 3rem), calc(100vw - 2rem)";

/// The `sizes` of a photo in the gallery: two to a row (1.5rem apart) from 40em, one
/// below.
pub const GALLERY: &str =
    "(min-width: 60rem) 28rem, (min-width: 40rem) calc(50vw - 2rem), calc(100vw - 2rem)";

/// How a photo is placed on its page.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The `sizes` attribute.
    pub sizes: &'a str,
    /// The first photo of the page: loaded at once, not lazily.
    pub first: bool,
    /// The site's base path (`/` or `/sub/`), that URLs start with.
    pub base_path: &'a str,
}

fn srcset(copies: &[Copy], base_path: &str) -> String {
    copies
        .iter()
        .map(|c| format!("{}{} {}w", base_path, c.path, c.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `<picture>` element of `photo`, with `alt` (and `title`, for an inline image
/// that has one).
pub fn picture(photo: &Shown, alt: &str, title: Option<&str>, place: Place<'_>) -> String {
    let b = place.base_path;
    let sizes = escape(place.sizes);
    let img = photo.fallback();
    // The first photo loads as the browser finds it (`fetchpriority="high"` would say
    // more, but the Nu Html Checker does not know the attribute yet).
    let loading = if place.first {
        ""
    } else {
        " loading=\"lazy\" decoding=\"async\""
    };
    let title = title
        .filter(|t| !t.is_empty())
        .map(|t| format!(" title=\"{}\"", escape(t)))
        .unwrap_or_default();
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{sizes}\"><img src=\"{b}{src}\" srcset=\"{jpeg}\" sizes=\"{sizes}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\"{title}{loading}></picture>",
        webp = escape(&srcset(&photo.webp, b)),
        jpeg = escape(&srcset(&photo.jpeg, b)),
        src = escape(&img.path),
        w = img.width,
        h = img.height,
        alt = escape(alt),
    )
}

/// The link to a photo's original, with `label` ("원본 내려받기 (JPEG, …)").
pub fn download(photo: &Shown, label: &str, base_path: &str) -> String {
    format!(
        "<a class=\"photo-download\" href=\"{}{}\" download>{}</a>",
        escape(base_path),
        escape(&photo.src),
        escape(label)
    )
}

/// A photo's caption: its text, and, when it is not in the page's language, that
/// language's code and a note that says so.
#[derive(Debug, Clone, Copy)]
pub struct Caption<'a> {
    pub text: &'a str,
    pub lang: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// A photo as a `<figure>`: the picture, then a caption with the credit and the link
/// to the original (`label` is its text, "원본 내려받기 (JPEG, …)"). `lead` marks the
/// release's lead photo.
pub fn photo_figure(
    photo: &Shown,
    alt: &str,
    caption: Option<Caption<'_>>,
    credit: Option<&str>,
    label: &str,
    lead: bool,
    place: Place<'_>,
) -> String {
    let mut text = String::new();
    if let Some(c) = caption.filter(|c| !c.text.trim().is_empty()) {
        if let Some(note) = c.note {
            text.push_str(&format!(
                "<span class=\"photo-note\">{}</span> ",
                escape(note)
            ));
        }
        let lang = c
            .lang
            .map(|l| format!(" lang=\"{}\"", escape(l)))
            .unwrap_or_default();
        text.push_str(&format!(
            "<span class=\"photo-caption\"{lang}>{}</span> ",
            escape(c.text.trim())
        ));
    }
    if let Some(credit) = credit.filter(|c| !c.trim().is_empty()) {
        text.push_str(&format!(
            "<span class=\"photo-credit\">{}</span> ",
            escape(credit)
        ));
    }
    format!(
        "<figure class=\"photo{}\">{}<figcaption>{text}{}</figcaption></figure>\n",
        if lead { " photo-lead" } else { "" },
        picture(photo, alt, None, place),
        download(photo, label, place.base_path)
    )
}

/// A body photo that stands alone in its paragraph: the picture, and its caption (the
/// Markdown image's title) with the link to the original.
pub fn body_figure(
    photo: &Shown,
    alt: &str,
    caption: Option<&str>,
    label: &str,
    place: Place<'_>,
) -> String {
    let caption = caption.map(|text| Caption {
        text,
        lang: None,
        note: None,
    });
    photo_figure(photo, alt, caption, None, label, false, place)
}

/// A body image that is not a photo (an SVG drawing, an image elsewhere) standing alone
/// in its paragraph: a figure whose caption is the image's title, if it has one.
pub fn plain_figure(url: &str, alt: &str, caption: Option<&str>) -> String {
    let img = plain_img(url, alt, None);
    match caption.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!(
            "<figure class=\"photo\">{img}<figcaption><span class=\"photo-caption\">{}</span></figcaption></figure>\n",
            escape(c)
        ),
        None => format!("<figure class=\"photo\">{img}</figure>\n"),
    }
}

/// An `<img>` of an image that is not a photo.
pub fn plain_img(url: &str, alt: &str, title: Option<&str>) -> String {
    let title = title
        .filter(|t| !t.is_empty())
        .map(|t| format!(" title=\"{}\"", escape(t)))
        .unwrap_or_default();
    format!(
        "<img src=\"{}\" alt=\"{}\"{title}>",
        escape(url),
        escape(alt)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::PerLang;

    pub(crate) fn shown() -> Shown {
        let copy = |w: u32, ext: &str| Copy {
            path: format!("photos/images/site-{w}.{ext}"),
            width: w,
            height: w * 3 / 4,
        };
        Shown {
            src: "images/site.jpg".into(),
            format: "JPEG",
            mime: "image/jpeg",
            width: 4000,
            height: 3000,
            webp: vec![copy(480, "webp"), copy(960, "webp"), copy(1600, "webp")],
            jpeg: vec![copy(480, "jpg"), copy(960, "jpg"), copy(1200, "jpg")],
            og: 2,
            download: PerLang {
                ko: "원본".into(),
                en: "Original".into(),
            },
            fp: Default::default(),
        }
    }

    #[test]
    fn a_picture_has_both_formats_its_size_and_loads_lazily_below_the_first() {
        let place = Place {
            sizes: COLUMN,
            first: false,
            base_path: "/ai/",
        };
        let html = picture(&shown(), "부지 \"전경\"", None, place);
        assert_eq!(
            html,
            "<picture><source type=\"image/webp\" srcset=\"/ai/photos/images/site-480.webp 480w, /ai/photos/images/site-960.webp 960w, /ai/photos/images/site-1600.webp 1600w\" sizes=\"(min-width: 60rem) 57rem, (min-width: 48rem) calc(100vw - 3rem), calc(100vw - 2rem)\"><img src=\"/ai/photos/images/site-960.jpg\" srcset=\"/ai/photos/images/site-480.jpg 480w, /ai/photos/images/site-960.jpg 960w, /ai/photos/images/site-1200.jpg 1200w\" sizes=\"(min-width: 60rem) 57rem, (min-width: 48rem) calc(100vw - 3rem), calc(100vw - 2rem)\" width=\"960\" height=\"720\" alt=\"부지 &quot;전경&quot;\" loading=\"lazy\" decoding=\"async\"></picture>"
        );
        let first = picture(
            &shown(),
            "a",
            None,
            Place {
                first: true,
                ..place
            },
        );
        assert!(!first.contains("loading=") && !first.contains("decoding="));
        let fig = body_figure(&shown(), "a", Some("<b>캡션</b>"), "원본", place);
        assert!(
            fig.starts_with("<figure class=\"photo\"><picture>"),
            "{fig}"
        );
        assert!(fig.contains("<figcaption><span class=\"photo-caption\">&lt;b&gt;캡션&lt;/b&gt;</span> <a class=\"photo-download\" href=\"/ai/images/site.jpg\" download>원본</a></figcaption></figure>"), "{fig}");
    }
}
