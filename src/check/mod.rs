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
            d.extend(lints::all(
                &built.site,
                &built.heading_ids,
                &opts.root,
                limits,
            ));
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
