//! The search page of each language (`search/`, `en/search/`): a GET form that works
//! without script, a results region that `search.js` fills, and every string the script
//! needs as `data-` attributes, so no text is written in JavaScript.

use serde::Serialize;

use super::i18n::get;
use super::views::Crumb;
use super::{Cx, Job};
use crate::diag::Diagnostic;
use crate::search::index::index_dir;

/// UI strings handed to `search.js`, as `data-s-<key>` attributes.
const SCRIPT_STRINGS: [&str; 8] = [
    "search_results_one",
    "search_results_many",
    "search_no_results",
    "search_try_other",
    "search_loading",
    "search_more",
    "search_error",
    "search_prompt",
];

#[derive(Serialize)]
pub struct SearchView {
    pub heading: String,
    pub index_url: String,
    pub other_url: String,
    pub other_lang: &'static str,
    pub script_url: String,
    pub archive_url: String,
    pub tags_url: String,
    /// `data-` attributes for the script.
    pub strings: Vec<DataAttr>,
}

#[derive(Serialize)]
pub struct DataAttr {
    pub name: String,
    pub text: String,
}

impl Cx<'_> {
    /// Renders the search job; `None` for any other job.
    pub(super) fn render_search(
        &self,
        job: Job,
        path: &str,
    ) -> Option<Result<Vec<u8>, Diagnostic>> {
        if job != Job::Search {
            return None;
        }
        let p = self.lang.prefix();
        let other = self.lang.other();
        let body = SearchView {
            heading: self.tr("search_heading"),
            index_url: self.url(&index_dir(self.lang)),
            other_url: self.url(&format!("{}search/", other.prefix())),
            other_lang: other.code(),
            script_url: self.url("search.js"),
            archive_url: self.url(&format!("{p}archive/")),
            tags_url: self.url(&format!("{p}tags/")),
            strings: SCRIPT_STRINGS
                .iter()
                .map(|k| DataAttr {
                    name: format!(
                        "data-s-{}",
                        k.trim_start_matches("search_").replace('_', "-")
                    ),
                    text: get(self.t, k).to_string(),
                })
                .collect(),
        };
        let crumbs = vec![
            self.home_crumb(),
            Crumb {
                title: body.heading.clone(),
                url: None,
            },
        ];
        let tpl = self.theme.templates.get(self.lang);
        Some(tpl.render(
            "search.html",
            &self.page(
                job,
                path,
                body.heading.clone(),
                None,
                crumbs,
                "search",
                body,
            ),
        ))
    }
}
