//! Releases and pages in one language only (W001), reported on the file that exists and
//! naming the one that is missing.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic, Loc};
use crate::link::Site;
use crate::types::{Lang, PerLang};

/// Checks the translation pairs of releases and of pages.
pub(super) fn check(site: &Site, out: &mut Vec<Diagnostic>) {
    pairs(
        &site.release_pairs,
        &|i| site.release(i).src.clone(),
        "release",
        out,
    );
    pairs(&site.page_pairs, &|i| site.page(i).src.clone(), "page", out);
}

/// `pairs` maps each stem to its version per language (an index); `src` gives a
/// version's source path and `kind` names it in the message.
fn pairs<Id: Copy>(
    pairs: &BTreeMap<String, PerLang<Option<Id>>>,
    src: &dyn Fn(Id) -> String,
    kind: &str,
    out: &mut Vec<Diagnostic>,
) {
    for (stem, pair) in pairs {
        for lang in [Lang::Ko, Lang::En] {
            let other = lang.other();
            let (None, Some(i)) = (pair.get(lang), *pair.get(other)) else {
                continue;
            };
            let have = src(i);
            let missing = have.replace(
                &format!(".{}.md", other.code()),
                &format!(".{}.md", lang.code()),
            );
            let name = if lang == Lang::Ko {
                "Korean"
            } else {
                "English"
            };
            out.push(
                Diagnostic::new(
                    Code::MissingTranslation,
                    &have,
                    format!("the {kind} `{stem}` has no {name} translation ({missing} is missing)"),
                )
                .at(Loc::new(1, 1))
                .hint(format!(
                    "add {missing}, or ignore this if the {kind} is meant for one language"
                )),
            );
        }
    }
}
