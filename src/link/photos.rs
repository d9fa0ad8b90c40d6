//! The photos of the site as its pages show them: for each photo file under content/
//! (by its path there), its size as seen and the files made from it, with the paths
//! [`crate::route::photo_copy`] gives them. The build fills [`Photos`] from each photo's
//! header (or the photo cache) before any page is rendered, so pages are laid out while
//! the photos are still being made; the renderers only read it.

use std::collections::BTreeMap;

use super::Site;
use crate::content::release::Photo;
use crate::content::Release;
use crate::fp::Fp;
use crate::types::PerLang;

/// One file made from a photo: its site-relative path and pixel size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// A photo ready to be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Its path relative to content/, which is also where its original (stripped of
    /// private data) is published.
    pub src: String,
    /// `JPEG`, `PNG`, `WebP`: the original's format, and its media type.
    pub format: &'static str,
    pub mime: &'static str,
    /// The original's size as seen (orientation applied).
    pub width: u32,
    pub height: u32,
    /// WebP and JPEG copies, narrowest first.
    pub webp: Vec<Copy>,
    pub jpeg: Vec<Copy>,
    /// Which of `jpeg` is the `og:image`.
    pub og: usize,
    /// The text of the link to the original, per language ("원본 내려받기 (JPEG, …)").
    pub download: PerLang<String>,
    /// Everything above and the photo's content: pages that show it are rendered again
    /// when it changes.
    pub fp: Fp,
}

impl Shown {
    /// The JPEG for `og:image` and JSON-LD.
    pub fn og_image(&self) -> &Copy {
        &self.jpeg[self.og]
    }

    /// The JPEG an `<img>` shows when the browser picks from no `srcset`: the widest
    /// copy up to 960 px, a good size for most screens.
    pub fn fallback(&self) -> &Copy {
        self.jpeg
            .iter()
            .rev()
            .find(|c| c.width <= 960)
            .unwrap_or(&self.jpeg[0])
    }
}

/// Every photo of the site that could be read, by its path under content/.
#[derive(Debug, Default)]
pub struct Photos {
    by_src: BTreeMap<String, Shown>,
}

impl Photos {
    pub fn new(shown: impl IntoIterator<Item = Shown>) -> Photos {
        Photos {
            by_src: shown.into_iter().map(|s| (s.src.clone(), s)).collect(),
        }
    }

    /// The photo at `src` (relative to content/), if it is one that could be read.
    pub fn get(&self, src: &str) -> Option<&Shown> {
        self.by_src.get(src)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Shown> {
        self.by_src.values()
    }
}

impl Site {
    /// The photo a release is represented by (its lead photo, else its first), for
    /// `og:image`, JSON-LD and feeds.
    pub fn cover_photo<'a>(&'a self, r: &'a Release) -> Option<(&'a Photo, &'a Shown)> {
        let p = r.photos.iter().find(|p| p.lead).or(r.photos.first())?;
        Some((p, self.photos.get(&p.src)?))
    }
}
