//! Lints of a release's dates against the build's reference time: an embargo that has
//! passed (W006), an embargo more than a year ahead (W007, on the releases the build held
//! back) and a date in the future without an embargo (W008).

use std::path::Path;

use super::source_text;
use crate::content::frontmatter::{self, Split};
use crate::content::release::Release;
use crate::diag::{Code, Diagnostic, Loc};
use crate::link::Site;
use crate::time::iso_date;

/// W006 and W008 for a published release; `split` is its source text, when readable.
pub(super) fn release(
    site: &Site,
    r: &Release,
    split: Option<&Split<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    let key = |k: &str| split.map(|s| s.key_loc(k));
    match r.embargo {
        Some(e) if e <= site.now => out.push(
            Diagnostic::new(
                Code::EmbargoPast,
                &r.src,
                t!(
                    "the embargo ({date}) has already passed",
                    date = iso_date(&e)
                ),
            )
            .at_opt(key("embargo"))
            .field("embargo")
            .hint(t!(
                "remove the `embargo` line now that the release is public"
            )),
        ),
        None if r.date > site.now => out.push(
            Diagnostic::new(
                Code::FutureDate,
                &r.src,
                t!(
                    "the date {date} is in the future but there is no embargo",
                    date = iso_date(&r.date)
                ),
            )
            .at_opt(key("date"))
            .field("date")
            .hint(t!(
                "add `embargo:` with the release time, or correct the date"
            )),
        ),
        _ => {}
    }
}

/// W007 for every release the build held back until a time more than a year ahead.
pub(super) fn held_back(site: &Site, root: &Path, out: &mut Vec<Diagnostic>) {
    for h in &site.held_back {
        if h.until > site.now + chrono::Duration::days(365) {
            let loc = source_text(root, &h.src).map(|text| {
                frontmatter::split("", &text).map_or(Loc::new(1, 1), |s| s.key_loc("embargo"))
            });
            out.push(
                Diagnostic::new(
                    Code::EmbargoFar,
                    &h.src,
                    t!(
                        "the embargo lifts on {date}, more than a year from now",
                        date = iso_date(&h.until)
                    ),
                )
                .at_opt(loc)
                .field("embargo")
                .hint(t!("check the year of the embargo")),
            );
        }
    }
}
