//! Releases and pages in one language only (W001), reported on the file that exists and
//! naming the one that is missing. Held-back versions count: a release whose translation
//! is under embargo has one, and a held-back release without one is reported too. A
//! release that says it is meant for one language (`one_language: true`) is not.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic, Loc, Text};
use crate::link::Site;
use crate::types::{Lang, PerLang};

/// Checks the translation pairs of releases and of pages, published or held back.
pub(super) fn check(site: &Site, out: &mut Vec<Diagnostic>) {
    let held = site.held.releases.iter().map(|h| &h.release);
    let releases: Vec<(&str, Lang, &str)> = site
        .releases
        .iter()
        .chain(held)
        .filter(|r| !r.one_language)
        .map(|r| (r.stem.as_str(), r.lang, r.src.as_str()))
        .collect();
    let pages: Vec<(&str, Lang, &str)> = site
        .pages
        .iter()
        .chain(&site.held.pages)
        .map(|p| (p.stem.as_str(), p.lang, p.src.as_str()))
        .collect();
    for (sources, kind) in [(releases, t!("release")), (pages, t!("page"))] {
        let mut by_stem: BTreeMap<String, PerLang<Option<usize>>> = BTreeMap::new();
        for (i, (stem, lang, _)) in sources.iter().enumerate() {
            *by_stem.entry(stem.to_string()).or_default().get_mut(*lang) = Some(i);
        }
        pairs(&by_stem, &|i| sources[i].2.to_string(), &kind, out);
    }
}

/// `pairs` maps each stem to its version per language (an index); `src` gives a
/// version's source path and `kind` names it in the message.
fn pairs<Id: Copy>(
    pairs: &BTreeMap<String, PerLang<Option<Id>>>,
    src: &dyn Fn(Id) -> String,
    kind: &Text,
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
                t!("Korean")
            } else {
                t!("English")
            };
            out.push(
                Diagnostic::new(
                    Code::MissingTranslation,
                    &have,
                    t!(
                        "the {kind} `{stem}` has no {name} translation ({missing} is missing)",
                        kind,
                        stem,
                        name,
                        missing = &missing
                    ),
                )
                .at(Loc::new(1, 1))
                .hint(if kind.template() == "release" {
                    t!("add {missing}, or write `one_language: true` in the front matter if the release is meant for one language", missing)
                } else {
                    t!(
                        "add {missing}, or ignore this if the {kind} is meant for one language",
                        missing,
                        kind
                    )
                }),
            );
        }
    }
}
