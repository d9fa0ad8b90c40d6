//! The images of a body: where each one points, whether that works on the page the
//! body is shown on, and how it is written.
//!
//! An image names a file under content/ as `@/images/x.jpg`, or by a path that the
//! browser reads from the page's own address (`/images/x.jpg`, `../../images/x.jpg`),
//! or it is elsewhere (`https://…`, shown as it is). A path that names no file from the
//! page is an error at its line: E017 with the `@/` form when the file exists under
//! content/ (`images/x.jpg` on `/releases/<slug>/` would load
//! `/releases/<slug>/images/x.jpg`), else E006 with the nearest file. Every image needs
//! alternative text (E007), and it may not be the file name or the caption (E016).
//!
//! A photo (a file the build described, see [`crate::link::photos`]) is written as a
//! `<picture>` ([`super::figure`]); an image alone in its paragraph becomes a
//! `<figure>` whose caption is the image's title. Every content file an image names is
//! a target of the body (so the body is rendered again when the file comes, goes or
//! changes) and is listed in [`super::Rendered::images`], where the build reports the
//! problems of the photo file itself.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashSet;

use super::figure::{self, Place};
use super::findings::Findings;
use super::{safe_url, Input};
use crate::alt::{self, Repeat};
use crate::diag::{Code, Diagnostic, Loc, Text};

/// The extensions of the photos the build makes copies of.
pub const PHOTO_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "jpe", "jfif", "png", "webp"];

/// Whether a path under content/ names a photo by its extension.
pub fn is_photo_path(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, e)| PHOTO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The start offsets of the images that stand alone in their paragraph, with those
/// paragraphs' own events taken out of `events` (the image becomes a figure in their
/// place: a figure may not sit inside a paragraph).
pub(super) fn lone_images(events: &mut Vec<(Event<'_>, std::ops::Range<usize>)>) -> HashSet<usize> {
    let mut lone = HashSet::new();
    let mut drop = vec![false; events.len()];
    let mut i = 0;
    while i + 1 < events.len() {
        let starts = matches!(events[i].0, Event::Start(Tag::Paragraph))
            && matches!(events[i + 1].0, Event::Start(Tag::Image { .. }));
        if !starts {
            i += 1;
            continue;
        }
        let mut depth = 0;
        let mut j = i + 1;
        while j < events.len() {
            match events[j].0 {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if matches!(events.get(j + 1), Some((Event::End(TagEnd::Paragraph), _))) {
            lone.insert(events[i + 1].1.start);
            drop[i] = true;
            drop[j + 1] = true;
            i = j + 2;
        } else {
            i += 1;
        }
    }
    if !lone.is_empty() {
        let mut k = 0;
        events.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }
    lone
}

/// One image of the body, as read from its events.
pub(super) struct Image<'a> {
    pub dest: CowStr<'a>,
    pub title: CowStr<'a>,
    pub alt: String,
    /// Alone in its paragraph: written as a figure.
    pub block: bool,
    pub loc: Loc,
}

/// Collects an image's alternative text: the text of the events up to its end.
pub(super) fn alt_text<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> String {
    let mut alt = String::new();
    let mut depth = 1;
    for (e, _) in events.by_ref() {
        match e {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// Where an image points.
enum Points {
    /// A file under content/ (its path there).
    Content(String),
    /// Somewhere else, as written (already checked safe), or `#` if it was not.
    Elsewhere(String),
    /// Nothing that works: the problem is reported.
    Broken,
}

/// What a body's images need besides the input: the link table, and the rest of the
/// render's state.
pub(super) struct Images<'a, 'b> {
    pub input: &'b Input<'a>,
    pub links: &'b crate::types::Links,
    pub found: &'b mut Findings,
    /// Photos written so far, to tell the first of the page.
    pub photos: usize,
}

impl Images<'_, '_> {
    /// The HTML of one image, and its problems recorded.
    pub(super) fn write(&mut self, img: Image<'_>) -> Event<'static> {
        let input = self.input;
        let base = input.base_path;
        self.check_alt(&img);
        let title = (!img.title.is_empty()).then_some(img.title.as_ref());
        let html = match self.points(&img) {
            Points::Content(path) => {
                self.found.images.push((path.clone(), img.loc));
                let url = format!("{base}{path}");
                self.found.record(&url, true, &|| img.loc);
                match input.photos.get(&path) {
                    Some(photo) => {
                        let place = Place {
                            sizes: figure::COLUMN,
                            first: !input.lead && self.photos == 0,
                            base_path: base,
                        };
                        self.photos += 1;
                        let label = photo.download.get(input.lang);
                        if img.block {
                            figure::body_figure(photo, &img.alt, title, label, place)
                        } else {
                            figure::picture(photo, &img.alt, title, place)
                        }
                    }
                    None => {
                        if !path.to_ascii_lowercase().ends_with(".svg") && !is_photo_path(&path) {
                            self.not_an_image(&path, img.loc);
                        }
                        self.plain(&url, &img, title)
                    }
                }
            }
            Points::Elsewhere(url) => {
                self.found.record(&url, true, &|| img.loc);
                self.plain(&url, &img, title)
            }
            Points::Broken => self.plain("#", &img, title),
        };
        if img.block {
            Event::Html(html.into())
        } else {
            Event::InlineHtml(html.into())
        }
    }

    fn plain(&self, url: &str, img: &Image<'_>, title: Option<&str>) -> String {
        if img.block {
            figure::plain_figure(url, &img.alt, title)
        } else {
            figure::plain_img(url, &img.alt, title)
        }
    }

    fn push(&mut self, code: Code, loc: Loc, message: Text, hint: Text) {
        if self.found.room(code, &|| loc) {
            let d = Diagnostic::new(code, self.input.src, message)
                .at(loc)
                .field("body")
                .hint(hint);
            self.found.push(d);
        }
    }

    fn check_alt(&mut self, img: &Image<'_>) {
        let dest = img.dest.as_ref();
        if alt::is_empty(&img.alt) {
            let msg = t!("the image `{dest}` has no alternative text", dest);
            let hint = t!(
                "write what the image shows between the brackets, e.g. `![착공식에서 첫 삽을 뜨는 참석자들]({dest})`",
                dest
            );
            self.push(Code::MissingAlt, img.loc, msg, hint);
            return;
        }
        let caption = (!img.title.is_empty()).then_some(img.title.as_ref());
        let (msg, hint) = match alt::repeats(&img.alt, caption, dest) {
            None => return,
            Some(Repeat::Caption) => (
                t!("the alternative text of `{dest}` repeats its caption, so a screen reader reads it twice", dest),
                t!("let the text in brackets say what the image shows, and the title in quotes what it is about"),
            ),
            Some(Repeat::FileName) => (
                t!("the alternative text of `{dest}` is its file name, which says nothing about the image", dest),
                t!("write what the image shows between the brackets"),
            ),
        };
        self.push(Code::AltRepeats, img.loc, msg, hint);
    }

    /// E015 for a content file that no browser shows as a picture, or that gongbo does
    /// not publish as one.
    fn not_an_image(&mut self, path: &str, loc: Loc) {
        let msg = t!(
            "content/{path} is not a JPEG, PNG or WebP photo or an SVG drawing, so it cannot be shown in the body",
            path
        );
        let hint = t!("export it as JPEG (or PNG for a chart or a screenshot)");
        self.push(Code::BadPhoto, loc, msg, hint);
    }

    /// Whether `path` (relative to content/) is a file there.
    fn is_file(&self, path: &str) -> bool {
        self.links.get(path).is_some_and(|v| v == path)
    }

    fn points(&mut self, img: &Image<'_>) -> Points {
        let dest = img.dest.trim();
        if let Some(target) = dest.strip_prefix("@/") {
            let path = target.split(['#', '?']).next().unwrap_or_default();
            self.found.targets.push(path.to_string());
            if self.is_file(path) {
                return Points::Content(path.to_string());
            }
            self.missing(dest, path, img.loc);
            return Points::Broken;
        }
        if super::links::has_scheme(dest) || dest.starts_with("//") {
            if safe_url(dest) {
                return Points::Elsewhere(dest.to_string());
            }
            let msg = t!(
                "the image `{dest}` uses a scheme that is not allowed and was removed",
                dest
            );
            let hint =
                t!("show images from content/ (`@/images/x.jpg`) or from an http(s) address");
            self.push(Code::OtherWarning, img.loc, msg, hint);
            return Points::Elsewhere("#".to_string());
        }
        let page = self.input.page;
        let on_page = self.on_page(dest);
        if let Some(p) = &on_page {
            self.found.targets.push(p.clone());
            if self.is_file(p) {
                return Points::Content(p.clone());
            }
            // A file of the site's (or the theme's) static/ folder, served at that
            // address: shown as written.
            if self.input.statics.contains(p) {
                return Points::Elsewhere(dest.to_string());
            }
        }
        // What the editor meant: the path as written, read from content/.
        let meant = dest
            .split(['#', '?'])
            .next()
            .unwrap_or_default()
            .trim_start_matches(['.', '/'])
            .to_string();
        let meant = String::from_utf8_lossy(&crate::types::percent_decode(&meant)).into_owned();
        self.found.targets.push(meant.clone());
        if self.is_file(&meant) {
            let loads: crate::diag::Arg = match &on_page {
                Some(p) => format!("{}{p}", self.input.base_path).into(),
                None => t!("an address outside the site").into(),
            };
            let address = format!("{}{page}", self.input.base_path);
            let msg = t!(
                "the image path `{dest}` does not work on this page: read from its address {address}, it loads {loads}, where there is no file",
                dest,
                address,
                loads
            );
            let hint = t!(
                "did you mean `@/{meant}`? Paths that start with @/ are read from content/",
                meant = meant.as_str()
            );
            self.push(Code::RelativeImage, img.loc, msg, hint);
        } else {
            self.missing(dest, &meant, img.loc);
        }
        Points::Broken
    }

    /// The path under content/ that `dest`, read from the page's address, names, if it
    /// is inside the site.
    fn on_page(&self, dest: &str) -> Option<String> {
        let base = self.input.base_path;
        let page =
            url::Url::parse(&format!("http://site.invalid{base}{}", self.input.page)).ok()?;
        let u = page.join(dest).ok()?;
        if u.host_str() != Some("site.invalid") {
            return None;
        }
        let rest = u.path().strip_prefix(base)?;
        Some(String::from_utf8_lossy(&crate::types::percent_decode(rest)).into_owned())
    }

    /// E006 for an image whose file is not under content/, with the nearest one.
    fn missing(&mut self, dest: &str, path: &str, loc: Loc) {
        if !self.found.room(Code::MissingFile, &|| loc) {
            return;
        }
        let files = self
            .links
            .iter()
            .filter(|(k, v)| k == v)
            .map(|(k, _)| k.as_str());
        let near = crate::diag::nearest(path, files);
        let msg = t!(
            "the image `{dest}` names a file that does not exist: content/{path}",
            dest,
            path
        );
        let hint = match near {
            Some(n) => t!("did you mean `@/{near}`?", near = n),
            None => t!("put the image under content/ (e.g. content/images/) and write its path as `@/images/<name>`"),
        };
        let d = Diagnostic::new(Code::MissingFile, self.input.src, msg)
            .at(loc)
            .field("body")
            .hint(hint);
        self.found.push(d);
    }
}

#[cfg(test)]
mod tests;
