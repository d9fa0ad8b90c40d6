//! Render: the linked [`Site`] and its rendered bodies become HTML files.
//!
//! Steps: plan the pages of each language ([`Job`]); render every job in parallel with
//! the theme's templates; add the bilingual `404.html`, the theme's static files, the
//! generated highlighting stylesheet and the content's assets. The language switcher and
//! `hreflang` alternates come from looking up each job's counterpart in the other
//! language's plan, so they never point at a page that was not written.

pub mod i18n;
mod lists;
pub mod meta;
pub mod milestones;
pub mod search;
pub mod templates;
pub mod theme;
pub mod timeline;
pub mod tree;
pub mod views;

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use crate::content::tags::TagId;
use crate::diag::{Diagnostic, Diagnostics};
use crate::link::Site;
use crate::markdown::Rendered;
use crate::time::SiteTime;
use crate::types::{Lang, OutputFile, PageRecord, PerLang, Sink};
use i18n::{fill, get, Strings};
use templates::Prepared;
pub use theme::{load_theme, Theme};
use views::*;

/// One page to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Job {
    Home,
    List(usize),
    Release(usize),
    Tags,
    Tag(TagId, usize),
    Archive,
    /// Page `n` (1-based) of the releases of a year.
    Year(i32, usize),
    Page(usize),
    Milestones,
    /// Index into the plan's milestones.
    Milestone(usize),
    Search,
}

/// The pages of one language and the data they list.
struct LangPlan {
    releases: Vec<usize>,
    by_tag: BTreeMap<TagId, Vec<usize>>,
    by_year: BTreeMap<i32, Vec<usize>>,
    jobs: BTreeSet<Job>,
    /// When anything listed changed last, for the sitemap: computed once here, since
    /// every list page and tag page asks (per page it would be quadratic).
    newest: Newest,
}

#[derive(Default)]
struct Newest {
    all: Option<SiteTime>,
    by_tag: BTreeMap<TagId, SiteTime>,
    by_year: BTreeMap<i32, SiteTime>,
}

fn pages_of(n: usize, per: usize) -> usize {
    n.div_ceil(per).max(1)
}

fn plan(site: &Site, lang: Lang, used_tags: &BTreeSet<TagId>) -> LangPlan {
    let per = site.config.releases_per_page;
    let releases: Vec<usize> = site.releases_in(lang).collect();
    let mut by_tag: BTreeMap<TagId, Vec<usize>> =
        used_tags.iter().map(|t| (*t, Vec::new())).collect();
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    let mut newest = Newest::default();
    for &i in &releases {
        let r = &site.releases[i];
        let updated = r.updated();
        let year = r.date.year();
        for t in &r.tags {
            by_tag.entry(*t).or_default().push(i);
            bump(newest.by_tag.entry(*t).or_insert(updated), updated);
        }
        by_year.entry(year).or_default().push(i);
        bump(newest.by_year.entry(year).or_insert(updated), updated);
        newest.all = newest.all.max(Some(updated));
    }
    let mut jobs = BTreeSet::from([
        Job::Home,
        Job::Tags,
        Job::Archive,
        Job::Milestones,
        Job::Search,
    ]);
    jobs.extend((0..site.milestones.len()).map(Job::Milestone));
    jobs.extend((1..=pages_of(releases.len(), per)).map(Job::List));
    jobs.extend(releases.iter().map(|&i| Job::Release(i)));
    for (t, list) in &by_tag {
        jobs.extend((1..=pages_of(list.len(), per)).map(|n| Job::Tag(*t, n)));
    }
    for (y, list) in &by_year {
        jobs.extend((1..=pages_of(list.len(), per)).map(|n| Job::Year(*y, n)));
    }
    jobs.extend(
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.lang == lang)
            .map(|(i, _)| Job::Page(i)),
    );
    LangPlan {
        releases,
        by_tag,
        by_year,
        jobs,
        newest,
    }
}

fn bump(slot: &mut SiteTime, t: SiteTime) {
    if t > *slot {
        *slot = t;
    }
}

fn job_path(site: &Site, lang: Lang, job: Job) -> String {
    let p = lang.prefix();
    match job {
        Job::Home => p.to_string(),
        Job::List(n) => page_path(&format!("{p}releases/"), n),
        Job::Release(i) => site.release_path(i),
        Job::Tags => format!("{p}tags/"),
        Job::Tag(t, n) => page_path(&format!("{p}tags/{}/", site.tags.get(t).slug), n),
        Job::Archive => format!("{p}archive/"),
        Job::Year(y, n) => page_path(&format!("{p}archive/{y}/"), n),
        Job::Page(i) => site.page_path(i),
        Job::Milestones => format!("{p}milestones/"),
        Job::Milestone(i) => milestones::milestone_path(site, lang, i),
        Job::Search => format!("{p}search/"),
    }
}

/// What [`site`] reports as it works, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// This many HTML pages will be rendered (said once, before the first).
    Planned(usize),
    /// One more page is rendered and in the sink (from any thread).
    Rendered,
}

/// Renders every page of the site into `sink`, with the theme's static files and the
/// content's assets, and returns a record of each HTML page but 404 for the sitemap.
/// Pages go to the sink as soon as they are rendered, so a large site is never held in
/// memory whole; `tick` hears how many there are and when each is done.
pub fn site(
    site: &Site,
    bodies: &Bodies,
    theme: &Theme,
    sink: &dyn Sink,
    tick: &(dyn Fn(Tick) + Sync),
) -> Result<Vec<PageRecord>, Diagnostics> {
    let used_tags: BTreeSet<TagId> = site
        .releases
        .iter()
        .flat_map(|r| r.tags.iter().copied())
        .collect();
    let plans = PerLang::from_fn(|l| plan(site, l, &used_tags));
    let jobs: Vec<(Lang, Job)> = Lang::ALL
        .iter()
        .flat_map(|&l| plans.get(l).jobs.iter().map(move |j| (l, *j)))
        .collect();
    tick(Tick::Planned(jobs.len() + 1)); // + 404.html
                                         // A release's card is on several pages (the list, each of its tags, its year, maybe
                                         // the home page), so each is made once.
    let cards: Vec<Prepared> = (0..site.releases.len())
        .into_par_iter()
        .map(|i| Prepared::new(&card(site, i, theme.strings.get(site.releases[i].lang))))
        .collect();
    let results: Vec<Result<PageRecord, Diagnostic>> = jobs
        .par_iter()
        .map(|&(lang, job)| {
            let cx = Cx {
                site,
                bodies,
                theme,
                plans: &plans,
                cards: &cards,
                lang,
                t: theme.strings.get(lang),
            };
            let path = job_path(site, lang, job);
            cx.render(job, &path).map(|html| {
                sink.put(OutputFile::bytes(format!("{path}index.html"), html));
                tick(Tick::Rendered);
                cx.record(job, &path)
            })
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut pages = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(record) => pages.push(record),
            Err(d) => diags.push(d),
        }
    }
    match not_found(site, theme) {
        Ok(f) => {
            sink.put(f);
            tick(Tick::Rendered);
        }
        Err(d) => diags.push(d),
    }
    if diags.has_errors() {
        return Err(diags);
    }
    for f in &theme.statics {
        sink.put(f.clone());
    }
    for (rel, a) in &site.assets {
        sink.put(OutputFile::copy(rel.clone(), a.abs.clone()));
    }
    Ok(pages)
}

/// Rendered Markdown bodies, index-aligned with `Site::releases` and `Site::pages`.
pub struct Bodies {
    pub releases: Vec<Rendered>,
    pub pages: Vec<Rendered>,
}

struct Cx<'a> {
    site: &'a Site,
    bodies: &'a Bodies,
    theme: &'a Theme,
    plans: &'a PerLang<LangPlan>,
    /// The list card of each release, index-aligned with `Site::releases`.
    cards: &'a [Prepared],
    lang: Lang,
    t: &'a Strings,
}

impl Cx<'_> {
    fn url(&self, path: &str) -> String {
        self.site.config.url(path)
    }

    fn plan(&self) -> &LangPlan {
        self.plans.get(self.lang)
    }

    fn tr(&self, key: &str) -> String {
        get(self.t, key).to_string()
    }

    /// The same page in the other language, if it was written. A page of a paginated
    /// list maps to the same page number there, or to its last page when it has fewer.
    fn counterpart(&self, job: Job) -> Option<Job> {
        let other = self.plans.get(self.lang.other());
        let clamp = |n: usize, list: Option<&Vec<usize>>| {
            n.min(pages_of(
                list.map_or(0, Vec::len),
                self.site.config.releases_per_page,
            ))
        };
        let cand = match job {
            Job::Release(i) => Job::Release(self.site.release_translation(i)?),
            Job::Page(i) => Job::Page(self.site.page_translation(i)?),
            Job::List(n) => Job::List(clamp(n, Some(&other.releases))),
            Job::Tag(t, n) => Job::Tag(t, clamp(n, other.by_tag.get(&t))),
            Job::Year(y, n) => Job::Year(y, clamp(n, other.by_year.get(&y))),
            j => j,
        };
        other.jobs.contains(&cand).then_some(cand)
    }

    fn switch(&self, job: Job) -> Switch {
        let other = self.lang.other();
        let name = get(self.theme.strings.get(other), "language_name").to_string();
        match self.counterpart(job) {
            Some(j) => Switch {
                lang: other.code(),
                name,
                url: self.url(&job_path(self.site, other, j)),
                available: true,
                message: None,
            },
            None => {
                let (fallback, key) = match job {
                    Job::Release(_) => (Job::List(1), "only_in_release"),
                    Job::Year(..) => (Job::Archive, "only_in_page"),
                    _ => (Job::Home, "only_in_page"),
                };
                // The sentence is written in the other language, for its readers.
                let ot = self.theme.strings.get(other);
                let message = fill(
                    ot,
                    key,
                    &[(
                        "lang",
                        get(ot, &format!("language_in_{}", self.lang.code())),
                    )],
                );
                Switch {
                    lang: other.code(),
                    name,
                    url: self.url(&job_path(self.site, other, fallback)),
                    available: false,
                    message: Some(message),
                }
            }
        }
    }

    fn alternates(&self, job: Job, path: &str) -> Vec<Alternate> {
        let mut by_lang = vec![(self.lang, self.site.config.abs_url(path))];
        if let Some(j) = self.counterpart(job) {
            by_lang.push((
                self.lang.other(),
                self.site
                    .config
                    .abs_url(&job_path(self.site, self.lang.other(), j)),
            ));
        }
        by_lang.sort_by_key(|(l, _)| *l);
        let mut out: Vec<Alternate> = by_lang
            .iter()
            .map(|(l, h)| Alternate {
                hreflang: l.code(),
                href: h.clone(),
            })
            .collect();
        if let Some((_, h)) = by_lang.first() {
            out.push(Alternate {
                hreflang: "x-default",
                href: h.clone(),
            });
        }
        out
    }

    #[allow(clippy::too_many_arguments)] // one call per kind of page, each naming its parts
    fn page<T: Serialize>(
        &self,
        job: Job,
        path: &str,
        title: String,
        description: Option<String>,
        crumbs: Vec<Crumb>,
        section: &'static str,
        body: T,
    ) -> PageData<T> {
        let description =
            description.unwrap_or_else(|| self.site.config.language(self.lang).description.clone());
        let canonical = self.site.config.abs_url(path);
        let meta = self.meta(job, &canonical, &title, &description, &crumbs);
        PageData {
            title,
            description,
            canonical,
            alternates: self.alternates(job, path),
            switch: self.switch(job),
            crumbs,
            section,
            meta,
            body,
        }
    }

    fn home_crumb(&self) -> Crumb {
        Crumb {
            title: self.tr("home"),
            url: Some(self.url(self.lang.prefix())),
        }
    }

    fn crumb(&self, key: &str, path: &str) -> Crumb {
        Crumb {
            title: self.tr(key),
            url: Some(self.url(&format!("{}{path}", self.lang.prefix()))),
        }
    }

    fn cards(&self, list: &[usize]) -> Vec<Prepared> {
        list.iter().map(|&i| self.cards[i].clone()).collect()
    }

    fn render(&self, job: Job, path: &str) -> Result<Vec<u8>, Diagnostic> {
        let tpl = self.theme.templates.get(self.lang);
        let per = self.site.config.releases_per_page;
        let p = self.lang.prefix();
        if let Some(result) = self
            .render_list(job, path)
            .or_else(|| self.render_milestones(job, path))
            .or_else(|| self.render_search(job, path))
        {
            return result.map_err(|e| render_error(path, e));
        }
        let result = match job {
            Job::Home => {
                let latest =
                    self.cards(&self.plan().releases[..self.plan().releases.len().min(per)]);
                let total = self.plan().releases.len();
                let body = HomeView {
                    latest,
                    more_url: self.url(&format!("{p}releases/")),
                    total,
                    total_label: fill(self.t, "total_releases", &[("n", &total.to_string())]),
                    milestones: milestones::progress(self.site, self.lang, self.t),
                };
                let title = self.site.config.language(self.lang).title.clone();
                tpl.render(
                    "home.html",
                    &self.page(job, path, title, None, vec![], "home", body),
                )
            }
            Job::Release(i) => {
                let r = &self.site.releases[i];
                let view = release(self.site, i, &self.bodies.releases[i], &self.theme.strings);
                let crumbs = vec![
                    self.home_crumb(),
                    self.crumb("releases", "releases/"),
                    Crumb {
                        title: r.title.clone(),
                        url: None,
                    },
                ];
                tpl.render(
                    "release.html",
                    &self.page(
                        job,
                        path,
                        r.title.clone(),
                        r.summary.clone(),
                        crumbs,
                        "releases",
                        view,
                    ),
                )
            }
            Job::Page(i) => {
                let pg = &self.site.pages[i];
                let body = PlainView {
                    title: pg.title.clone(),
                    summary: pg.summary.clone(),
                    content: self.bodies.pages[i].html.clone(),
                    updated: pg
                        .updated
                        .map(|u| crate::time::format_date(u.date_naive(), self.lang)),
                    updated_iso: pg.updated.as_ref().map(crate::time::iso_date),
                };
                let crumbs = vec![
                    self.home_crumb(),
                    Crumb {
                        title: pg.title.clone(),
                        url: None,
                    },
                ];
                tpl.render(
                    "page.html",
                    &self.page(
                        job,
                        path,
                        pg.title.clone(),
                        pg.summary.clone(),
                        crumbs,
                        "page",
                        body,
                    ),
                )
            }
            Job::List(_)
            | Job::Tags
            | Job::Tag(..)
            | Job::Archive
            | Job::Year(..)
            | Job::Milestones
            | Job::Milestone(_)
            | Job::Search => unreachable!("rendered above"),
        };
        result.map_err(|e| render_error(path, e))
    }
}

/// A template error `d` met while rendering the page at `path`, which it names.
fn render_error(path: &str, mut d: Diagnostic) -> Diagnostic {
    d.message = format!("cannot render /{path}: {}", d.message);
    d
}

fn not_found(site: &Site, theme: &Theme) -> Result<OutputFile, Diagnostic> {
    let part = |lang: Lang| {
        let t = theme.strings.get(lang);
        NotFoundLang {
            title: get(t, "not_found_title").to_string(),
            text: get(t, "not_found_text").to_string(),
            home_label: get(t, "not_found_home").to_string(),
            home_url: site.config.url(lang.prefix()),
        }
    };
    let body = NotFoundView {
        ko: part(Lang::Ko),
        en: part(Lang::En),
    };
    let data = PageData {
        title: body.ko.title.clone(),
        description: site.config.language(Lang::Ko).description.clone(),
        canonical: site.config.abs_url("404.html"),
        alternates: vec![],
        switch: Switch {
            lang: "en",
            name: get(theme.strings.get(Lang::En), "language_name").to_string(),
            url: site.config.url("en/"),
            available: true,
            message: None,
        },
        crumbs: vec![],
        section: "404",
        meta: meta::Meta {
            feeds: meta::feed_links(site, Lang::Ko, None, theme.strings.get(Lang::Ko)),
            ..Default::default()
        },
        body,
    };
    theme
        .templates
        .ko
        .render("404.html", &data)
        .map(|html| OutputFile::bytes("404.html", html))
        .map_err(|e| render_error("404.html", e))
}
