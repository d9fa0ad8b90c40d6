//! The list pages of a language: the paginated release list, the topic index and each
//! topic's pages, the archive and each year's pages. They share one way to paginate
//! ([`Cx::paginated`]), so their URLs, pagers and titles agree.

use super::views::*;
use super::{pages_of, Cx};
use crate::diag::Diagnostic;
use crate::i18n::fill;
use crate::route::Page;
use crate::types::{ReleaseId, TagId};

impl Cx<'_> {
    /// Page `n` (1-based) of the releases `all` listed by the numbered page `list`: the
    /// page's title (`heading`, then the page number after page 1) and its list view,
    /// with a pager when there is more than one page. The release list, topic pages, year
    /// pages and milestone pages all paginate this way.
    pub(super) fn paginated(
        &self,
        all: &[ReleaseId],
        list: Page,
        heading: String,
        intro: Option<String>,
    ) -> (String, ListView) {
        let n = list.number().unwrap_or(1);
        let per = self.site.config.releases_per_page;
        let total = pages_of(all.len(), per);
        let items = self.cards(&all[((n - 1) * per).min(all.len())..(n * per).min(all.len())]);
        let pager = (total > 1).then(|| pager(&|k| self.link(list.at(k)), n, total, self.t));
        let title = match &pager {
            Some(pg) if n > 1 => format!("{heading} ({})", pg.label),
            _ => heading.clone(),
        };
        let view = ListView {
            heading,
            intro,
            items,
            pager,
        };
        (title, view)
    }

    pub(super) fn releases(&self, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let heading = self.tr("releases");
        let (title, body) = self.paginated(
            &self.lang_plan().releases,
            Page::Releases(n),
            heading.clone(),
            None,
        );
        let crumbs = vec![self.home_crumb(), Self::here(heading)];
        self.render_template(
            "list.html",
            &self.data(title, None, crumbs, "releases", body),
        )
    }

    pub(super) fn topics(&self) -> Result<Vec<u8>, Diagnostic> {
        let tags: Vec<TagCount> = self
            .lang_plan()
            .by_tag
            .iter()
            .filter(|(_, l)| !l.is_empty())
            .map(|(&t, l)| TagCount {
                label: self.site.tags.get(t).label.get(self.lang).clone(),
                url: self.link(Page::Topic(t, 1)),
                count: l.len(),
            })
            .collect();
        let crumbs = vec![self.home_crumb(), Self::here(self.tr("tags"))];
        self.render_template(
            "tags.html",
            &self.data(self.tr("tags"), None, crumbs, "tags", tags),
        )
    }

    pub(super) fn topic(&self, t: TagId, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let label = self.site.tags.get(t).label.get(self.lang).clone();
        let all = &self.lang_plan().by_tag[&t];
        let (title, body) = self.paginated(
            all,
            Page::Topic(t, n),
            fill(self.t, "tag_heading", &[("tag", &label)]),
            all.is_empty().then(|| self.tr("tag_empty")),
        );
        let crumbs = vec![
            self.home_crumb(),
            self.crumb("tags", Page::Topics),
            Self::here(label),
        ];
        self.render_template("list.html", &self.data(title, None, crumbs, "tags", body))
    }

    pub(super) fn archive(&self) -> Result<Vec<u8>, Diagnostic> {
        let years: Vec<YearGroup> = self
            .lang_plan()
            .by_year
            .iter()
            .rev()
            .map(|(&y, l)| YearGroup {
                year: y,
                url: self.link(Page::Year(y, 1)),
                count: l.len(),
                label: fill(self.t, "year_label", &[("year", &y.to_string())]),
            })
            .collect();
        let crumbs = vec![self.home_crumb(), Self::here(self.tr("archive"))];
        self.render_template(
            "archive.html",
            &self.data(self.tr("archive"), None, crumbs, "archive", years),
        )
    }

    pub(super) fn year(&self, y: i32, n: usize) -> Result<Vec<u8>, Diagnostic> {
        let label = fill(self.t, "year_label", &[("year", &y.to_string())]);
        let (title, body) = self.paginated(
            &self.lang_plan().by_year[&y],
            Page::Year(y, n),
            fill(self.t, "archive_year_heading", &[("year", &label)]),
            None,
        );
        let crumbs = vec![
            self.home_crumb(),
            self.crumb("archive", Page::Archive),
            Self::here(label),
        ];
        self.render_template(
            "list.html",
            &self.data(title, None, crumbs, "archive", body),
        )
    }
}
