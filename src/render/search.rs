//! The search page of each language (`search/`, `en/search/`): a GET form that works
//! without script, a results region that `search.js` fills, and every string the script
//! needs as `data-` attributes, so no text is written in JavaScript.

use serde::Serialize;

use super::Cx;
use crate::diag::Diagnostic;
use crate::i18n::get;
use crate::route::{Data, Page};

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
    pub(super) fn search(&self) -> Result<Vec<u8>, Diagnostic> {
        let other = self.lang.other();
        let body = SearchView {
            heading: self.tr("search_heading"),
            index_url: self.url(&self.site.data_path(Data::SearchIndex, self.lang)),
            other_url: self.url(&self.site.path(Page::Search, other)),
            other_lang: other.code(),
            script_url: self.url("search.js"),
            archive_url: self.link(Page::Archive),
            tags_url: self.link(Page::Topics),
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
        let crumbs = vec![self.home_crumb(), Self::here(&body.heading)];
        let data = self.data(body.heading.clone(), None, crumbs, "search", body);
        self.render_template("search.html", &data)
    }
}
