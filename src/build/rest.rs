//! The files made from the whole site once its pages are: the sitemap, the open data
//! (`milestones.json`, `.csv`, `.ics`), robots.txt, and the files copied as they are
//! (the theme's static files, the files under content/ that are not photos).

use std::sync::Arc;

use super::fps;
use super::outputs::Outputs;
use super::photos;
use crate::emit;
use crate::fp::Fp;
use crate::link::Site;
use crate::render::{self, Fps, Theme};
use crate::types::{OutputFile, PageRecord};

/// Puts every file of the whole site into `outputs` (each written if it changed) and
/// gives the records of the site's pages, as the sitemap lists them.
pub fn whole_site(
    site: &Site,
    plan: &render::Plan<'_>,
    theme: &Theme,
    fps: &Fps,
    photos: &photos::Run,
    outputs: &Outputs<'_>,
    open_data: &mut emit::milestones::Kept,
) -> Arc<Vec<PageRecord>> {
    // The sitemap and the open data side by side: each reads the whole site.
    let (records, ()) = rayon::join(
        || {
            let records = plan.records();
            put_sitemap(site, &records, fps.globals, outputs);
            records
        },
        || {
            for f in emit::milestones::files_kept(site, &theme.strings, open_data, &fps.cards) {
                outputs.put_bytes(f);
            }
        },
    );
    // A site's own static/robots.txt wins over the generated one.
    if !theme.statics.iter().any(|f| f.path == "robots.txt") {
        outputs.put_bytes(emit::sitemap::robots(&site.config));
    }
    for f in &theme.statics {
        outputs.put_copied(f.clone());
    }
    for (rel, a) in &site.assets {
        if !photos.owns(rel) {
            outputs.put_copied(OutputFile::copy(rel.clone(), a.abs.clone()));
        }
    }
    records
}

/// The sitemap. When it is one file, its signature is made from the pages it lists
/// ([`fps::sitemap`], cheaper than making its bytes), and it is made only when that
/// changed; a sitemap index and its parts are made every time, signed by their bytes.
fn put_sitemap(site: &Site, records: &[PageRecord], globals: Fp, outputs: &Outputs<'_>) {
    let max = emit::sitemap::MAX_URLS;
    if records.len() > max {
        for f in emit::sitemap::files(&site.config, records, max) {
            outputs.put_bytes(f);
        }
        return;
    }
    if !outputs.unchanged("sitemap.xml", fps::sitemap(globals, records)) {
        for f in emit::sitemap::files(&site.config, records, max) {
            outputs.write(f);
        }
    }
}
