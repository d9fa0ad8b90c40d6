//! The home page of a language: the latest releases and the milestone summary
//! ([`super::progress`]).

use super::views::HomeView;
use super::Cx;
use crate::diag::Diagnostic;
use crate::i18n::fill;
use crate::route::Page;

impl Cx<'_> {
    pub(super) fn home(&self) -> Result<Vec<u8>, Diagnostic> {
        let all = &self.lang_plan().releases;
        let per = self.site.config.releases_per_page;
        let total = all.len();
        let body = HomeView {
            latest: self.cards(&all[..total.min(per)]),
            more_url: self.link(Page::Releases(1)),
            total,
            total_label: fill(self.t, "total_releases", &[("n", &total.to_string())]),
            milestones: super::progress::progress(self.site, self.lang, self.t, self.as_of()),
        };
        let title = self.site.config.language(self.lang).title.clone();
        self.render_template("home.html", &self.data(title, None, vec![], "home", body))
    }
}
