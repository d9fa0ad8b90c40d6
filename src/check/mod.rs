//! `gongbo check`: everything a build validates, plus editorial lints, without writing.
//!
//! [`check`] renders the site in memory (the same stages as a build, whose diagnostics
//! already carry their codes), runs the lints of [`lints`] when the site linked, and
//! returns all findings sorted. [`report`] turns them into text (rustc style), JSON or
//! GitHub Actions annotations; the CLI decides where they go.

pub mod lints;
pub mod report;

use crate::diag::Diagnostics;
use crate::BuildOptions;

pub use lints::Limits;

/// Checks the site at `opts.root`; `opts.output` is not touched.
pub fn check(opts: &BuildOptions, limits: &Limits) -> Diagnostics {
    let all = match crate::render_site(opts) {
        Ok(built) => {
            let mut d = built.warnings;
            // The checks `output::write` makes before writing anything.
            d.extend(crate::output::check_paths(&built.files));
            let known = lints::addresses::Known::new(&built.files, &built.site);
            d.extend(lints::all(
                &built.site,
                &built.heading_ids,
                &known,
                &opts.root,
                limits,
            ));
            d.extend(locations(&built.site, &opts.root));
            // W012: the committed configuration of the hosted editor is out of date.
            let cms = crate::cms::Inputs {
                config: &built.site.config,
                tags: &built.site.tags,
                plan: &built.site.plan,
                tags_editable: crate::cms::tags_editable(
                    std::fs::read_to_string(opts.root.join(crate::content::tags::FILE))
                        .ok()
                        .as_deref(),
                ),
            };
            d.extend(crate::cms::stale(&opts.root, &cms));
            d
        }
        Err(d) => d,
    };
    all.sorted()
}

/// W011: the source photos that carry their location (a GPS position, place names).
/// Nothing gongbo publishes keeps it; the warning is for the sources themselves, which
/// a shared repository spreads.
fn locations(site: &crate::link::Site, root: &std::path::Path) -> Vec<crate::diag::Diagnostic> {
    use crate::diag::{Code, Diagnostic};
    let rels: Vec<&str> = site.photos.iter().map(|p| p.src.as_str()).collect();
    let paths: Vec<std::path::PathBuf> =
        rels.iter().map(|r| root.join("content").join(r)).collect();
    let (located, _) = crate::photo::location_report(&paths, &crate::photo::Limits::default());
    located
        .into_iter()
        .filter_map(|l| {
            let rel = rels[paths.iter().position(|p| *p == l.file)?];
            let found = crate::diag::Arg::list(l.found.iter().map(|w| w.described()), false);
            Some(
                Diagnostic::new(
                    Code::PhotoLocation,
                    format!("content/{rel}"),
                    t!("this photo carries where it was taken ({found}); the published copies and original do not", found),
                )
                .hint(t!("remove the location from the source too if the site's files are shared, e.g. `exiftool -gps:all= -xmp:all= -iptc:all= photo.jpg`")),
            )
        })
        .collect()
}
