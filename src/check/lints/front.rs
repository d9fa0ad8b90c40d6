//! Lints of a release's front matter as written: a `highlights` line that is too long
//! (W005), an `image_alt` or a photo's `alt` that says nothing (W002) and a tag written differently from
//! its declaration (W009, which needs the tags as written, not as resolved).

use serde::Deserialize;

use super::{alt, Limits};
use crate::content::frontmatter::{self, Split};
use crate::content::release::Release;
use crate::diag::{Code, Diagnostic};
use crate::link::Site;

/// Runs the front matter lints of `r`; `split` is its source text, when it could be read.
pub(super) fn check(
    site: &Site,
    r: &Release,
    split: Option<&Split<'_>>,
    limits: &Limits,
    out: &mut Vec<Diagnostic>,
) {
    highlights(r, split, limits, out);
    image_alt(r, split, limits, out);
    if let Some(split) = split {
        tag_spelling(site, r, split, out);
    }
}

fn highlights(r: &Release, split: Option<&Split<'_>>, limits: &Limits, out: &mut Vec<Diagnostic>) {
    for h in &r.highlights {
        let n = h.chars().count();
        if n > limits.highlight_chars {
            let start: String = h.chars().take(10).collect();
            out.push(
                Diagnostic::new(
                    Code::LongHighlight,
                    &r.src,
                    t!(
                        "this highlight is {n} characters long, more than {limit}",
                        n,
                        limit = limits.highlight_chars
                    ),
                )
                .at_opt(split.map(|s| s.value_loc("highlights", &start)))
                .field("highlights")
                .hint(t!(
                    "keep each highlight to one short line; move detail into the body"
                )),
            );
        }
    }
}

fn image_alt(r: &Release, split: Option<&Split<'_>>, limits: &Limits, out: &mut Vec<Diagnostic>) {
    for p in &r.photos {
        // Empty, the caption or the file name: the build's own errors (E007, E016).
        if crate::alt::repeats(&p.alt, p.caption.as_deref(), &p.src).is_some() {
            continue;
        }
        if let Some(why) = alt::weak_alt(&p.alt, &p.src, limits) {
            let field = if p.field == crate::content::release::PhotoKey::Image {
                "image_alt"
            } else {
                "photos.alt"
            };
            out.push(
                Diagnostic::new(
                    Code::WeakAlt,
                    &r.src,
                    t!("the photo `{photo}` has {why}", photo = &p.src, why),
                )
                .at(p.loc)
                .field(field)
                .hint(t!("describe what the photo shows")),
            );
        }
    }
    let Some(image) = &r.image else {
        return;
    };
    // The file name is the build's own error (E016).
    if crate::alt::repeats(&image.alt, None, &image.src) == Some(crate::alt::Repeat::FileName) {
        return;
    }
    if let Some(why) = alt::weak_alt(&image.alt, &image.src, limits) {
        out.push(
            Diagnostic::new(
                Code::WeakAlt,
                &r.src,
                t!("the image `{image}` has {why}", image = &image.src, why),
            )
            .at_opt(split.map(|s| s.key_loc("image_alt")))
            .field("image_alt")
            .hint(t!("describe what the image shows")),
        );
    }
}

/// The tags of a release as written (the checked release holds them resolved).
#[derive(Deserialize)]
struct RawTags {
    #[serde(default)]
    tags: Vec<String>,
}

fn tag_spelling(site: &Site, r: &Release, split: &Split<'_>, out: &mut Vec<Diagnostic>) {
    let Ok(raw) = frontmatter::parse::<RawTags>(&r.src, split) else {
        return;
    };
    for t in &raw.tags {
        let Ok(id) = site.tags.resolve(t) else {
            continue;
        };
        let tag = &site.tags.tags[id.index()];
        if *t != tag.slug && *t != tag.label.ko && *t != tag.label.en {
            out.push(
                Diagnostic::new(
                    Code::TagSpelling,
                    &r.src,
                    t!(
                        "the tag `{t}` is written differently from the declared `{slug}`",
                        t,
                        slug = &tag.slug
                    ),
                )
                .at(split.value_loc("tags", t))
                .field("tags")
                .hint(t!(
                    "write it as `{slug}`, `{ko}` or `{en}`, as declared in content/tags.yaml",
                    slug = &tag.slug,
                    ko = &tag.label.ko,
                    en = &tag.label.en
                )),
            );
        }
    }
}
