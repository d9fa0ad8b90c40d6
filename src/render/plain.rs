//! A plain page (`content/pages/`): its Markdown body and its "last updated" date.

use super::views::PlainView;
use super::Cx;
use crate::diag::Diagnostic;
use crate::time::{format_date, iso_date};
use crate::types::PageId;

impl Cx<'_> {
    pub(super) fn plain(&self, id: PageId) -> Result<Vec<u8>, Diagnostic> {
        let pg = self.site.page(id);
        let body = PlainView {
            title: pg.title.clone(),
            summary: pg.summary.clone(),
            content: self.body().html.clone(),
            updated: pg.updated.map(|u| format_date(u.date_naive(), self.lang)),
            updated_iso: pg.updated.as_ref().map(iso_date),
        };
        let crumbs = vec![self.home_crumb(), Self::here(&pg.title)];
        let data = self.data(pg.title.clone(), pg.summary.clone(), crumbs, "page", body);
        self.render_template("page.html", &data)
    }
}
