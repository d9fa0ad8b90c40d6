//! The list pages of a language: the paginated release list, the topic index and each
//! topic's pages, the archive and each year's pages. They share one way to paginate
//! ([`Cx::paginated`]), so their URLs, pagers and titles agree.

use super::i18n::fill;
use super::views::*;
use super::{job_path, pages_of, Cx, Job};
use crate::diag::Diagnostic;

impl Cx<'_> {
    /// Page `n` (1-based) of the releases `all`, a list whose first page is at `base`:
    /// the page's title (`heading`, then the page number after page 1) and its list
    /// view, with a pager when there is more than one page. The release list, topic
    /// pages and year pages all paginate this way.
    fn paginated(
        &self,
        all: &[usize],
        n: usize,
        base: &str,
        heading: String,
        intro: Option<String>,
    ) -> (String, ListView) {
        let per = self.site.config.releases_per_page;
        let total = pages_of(all.len(), per);
        let items = self.cards(&all[((n - 1) * per).min(all.len())..(n * per).min(all.len())]);
        let pager = (total > 1).then(|| pager(self.site, base, n, total, self.t));
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

    /// Renders a list job; `None` for any other job.
    pub(super) fn render_list(&self, job: Job, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        let tpl = self.theme.templates.get(self.lang);
        let p = self.lang.prefix();
        let result = match job {
            Job::List(n) => {
                let (title, body) = self.paginated(
                    &self.plan().releases,
                    n,
                    &job_path(self.site, self.lang, Job::List(1)),
                    self.tr("releases"),
                    None,
                );
                tpl.render(
                    "list.html",
                    &self.page(
                        job,
                        path,
                        title,
                        None,
                        vec![
                            self.home_crumb(),
                            Crumb {
                                title: self.tr("releases"),
                                url: None,
                            },
                        ],
                        "releases",
                        body,
                    ),
                )
            }
            Job::Tags => {
                let tags: Vec<TagCount> = self
                    .plan()
                    .by_tag
                    .iter()
                    .filter(|(_, l)| !l.is_empty())
                    .map(|(t, l)| {
                        let tag = self.site.tags.get(*t);
                        TagCount {
                            label: tag.label.get(self.lang).clone(),
                            url: self.url(&format!("{p}tags/{}/", tag.slug)),
                            count: l.len(),
                        }
                    })
                    .collect();
                tpl.render(
                    "tags.html",
                    &self.page(
                        job,
                        path,
                        self.tr("tags"),
                        None,
                        vec![
                            self.home_crumb(),
                            Crumb {
                                title: self.tr("tags"),
                                url: None,
                            },
                        ],
                        "tags",
                        tags,
                    ),
                )
            }
            Job::Tag(t, n) => {
                let tag = self.site.tags.get(t);
                let label = tag.label.get(self.lang).clone();
                let all = &self.plan().by_tag[&t];
                let (title, body) = self.paginated(
                    all,
                    n,
                    &job_path(self.site, self.lang, Job::Tag(t, 1)),
                    fill(self.t, "tag_heading", &[("tag", &label)]),
                    all.is_empty().then(|| self.tr("tag_empty")),
                );
                let crumbs = vec![
                    self.home_crumb(),
                    self.crumb("tags", "tags/"),
                    Crumb {
                        title: label,
                        url: None,
                    },
                ];
                tpl.render(
                    "list.html",
                    &self.page(job, path, title, None, crumbs, "tags", body),
                )
            }
            Job::Archive => {
                let years: Vec<YearGroup> = self
                    .plan()
                    .by_year
                    .iter()
                    .rev()
                    .map(|(y, l)| YearGroup {
                        year: *y,
                        url: self.url(&job_path(self.site, self.lang, Job::Year(*y, 1))),
                        count: l.len(),
                        label: fill(self.t, "year_label", &[("year", &y.to_string())]),
                    })
                    .collect();
                tpl.render(
                    "archive.html",
                    &self.page(
                        job,
                        path,
                        self.tr("archive"),
                        None,
                        vec![
                            self.home_crumb(),
                            Crumb {
                                title: self.tr("archive"),
                                url: None,
                            },
                        ],
                        "archive",
                        years,
                    ),
                )
            }
            Job::Year(y, n) => {
                let label = fill(self.t, "year_label", &[("year", &y.to_string())]);
                let (title, body) = self.paginated(
                    &self.plan().by_year[&y],
                    n,
                    &job_path(self.site, self.lang, Job::Year(y, 1)),
                    fill(self.t, "archive_year_heading", &[("year", &label)]),
                    None,
                );
                let crumbs = vec![
                    self.home_crumb(),
                    self.crumb("archive", "archive/"),
                    Crumb {
                        title: label,
                        url: None,
                    },
                ];
                tpl.render(
                    "list.html",
                    &self.page(job, path, title, None, crumbs, "archive", body),
                )
            }
            _ => return None,
        };
        Some(result)
    }
}
