//! Render: the linked [`Site`] and its rendered bodies become HTML files.
//!
//! Steps: plan the pages of each language (a set of [`route::Page`]s); render every page
//! in parallel with the theme's templates, dispatching on its route to the module of its
//! kind ([`home`], [`release`], [`plain`], [`lists`], [`milestones`], [`progress`],
//! [`search`], [`not_found`]); add the theme's static files, the generated highlighting stylesheet
//! and the content's assets. The language switcher and `hreflang` alternates come from
//! looking up each page's counterpart in the other language's plan, so they never point
//! at a page that was not written. Every path comes from [`crate::route`].

pub mod builtin;
mod home;
pub mod kept;
mod lists;
pub mod meta;
pub mod milestones;
mod not_found;
mod photos;
mod plain;
mod plan;
mod progress;
mod release;
mod schedule;
pub mod search;
mod sig;
pub mod templates;
pub mod theme;
pub mod timeline;
pub mod tree;
pub mod views;

use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::diag::Diagnostic;
use crate::i18n::{fill, get, Strings};
use crate::link::Site;
use crate::markdown::Rendered;
use crate::route::Page;
use crate::types::{Lang, OutputFile, PageRecord, PerLang, ReleaseId, TagId};
use plan::{pages_of, plan, LangPlan};
pub use sig::Fps;
use templates::Prepared;
pub use theme::{load_theme, Theme};
use views::*;

/// What [`site`] reports as it works, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// This many HTML pages will be rendered (said once, before the first).
    Planned(usize),
    /// One more page is rendered and in the sink (from any thread).
    Rendered,
}

/// The pages of the site in both languages, ready to be rendered one by one: what a
/// clean build renders all of, and an incremental build renders the changed ones of.
pub struct Plan<'a> {
    site: &'a Site,
    theme: &'a Theme,
    langs: PerLang<LangPlan>,
    /// Every page of the site, Korean first, each language in route order.
    all: Vec<(Lang, Page)>,
    /// What the last build made from the same structure ([`kept`]).
    leftover: Option<kept::Leftover>,
    /// The list card of each release, index-aligned with `Site::releases`, made when a
    /// page first needs it (a release's card is on several pages: the list, each of its
    /// tags, its year, maybe the home page).
    cards: Vec<OnceLock<Prepared>>,
}

impl<'a> Plan<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Plan<'a> {
        let used_tags: BTreeSet<TagId> = site
            .releases
            .iter()
            .flat_map(|r| r.tags.iter().copied())
            .collect();
        // The two languages side by side (each a set of tens of thousands of pages on a
        // large site).
        let (ko, en) = rayon::join(
            || plan(site, Lang::Ko, &used_tags),
            || plan(site, Lang::En, &used_tags),
        );
        let langs = PerLang { ko, en };
        let all = Lang::ALL
            .iter()
            .flat_map(|&l| langs.get(l).pages.iter().map(move |p| (l, *p)))
            .collect();
        Plan::of(site, theme, langs, all, None)
    }

    /// A plan of these pages (`all`, both languages' in order), with what the last build
    /// of the same structure left, if any.
    fn of(
        site: &'a Site,
        theme: &'a Theme,
        langs: PerLang<LangPlan>,
        all: Vec<(Lang, Page)>,
        leftover: Option<kept::Leftover>,
    ) -> Plan<'a> {
        Plan {
            site,
            theme,
            langs,
            all,
            leftover,
            cards: (0..site.releases.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Every page of the site, Korean first, each language in route order.
    pub fn pages(&self) -> &[(Lang, Page)] {
        &self.all
    }

    fn cx<'p>(&'p self, lang: Lang, page: Page, body: Option<&'p Rendered>) -> Cx<'p> {
        Cx {
            site: self.site,
            body,
            theme: self.theme,
            plan: self,
            lang,
            t: self.theme.strings.get(lang),
            page,
            path: self.path(lang, page),
        }
    }

    /// The site-relative path of `page` in `lang`: from the table when the page is
    /// planned, made otherwise.
    fn path(&self, lang: Lang, page: Page) -> Cow<'_, str> {
        let plan = self.langs.get(lang);
        match plan.has.position(&page) {
            Some(i) => Cow::Borrowed(&plan.paths[i]),
            None => Cow::Owned(self.site.path(page, lang)),
        }
    }

    /// The output file of `page` in `lang` (its [`Page::file`]).
    pub fn file(&self, lang: Lang, page: Page) -> String {
        match page {
            Page::NotFound => page.file(lang, self.site),
            _ => {
                let path = self.path(lang, page);
                let mut file = String::with_capacity(path.len() + "index.html".len());
                file.push_str(&path);
                file.push_str("index.html");
                file
            }
        }
    }

    /// The same page in the other language, if it was written. A page of a paginated
    /// list maps to the same page number there, or to its last page when it has fewer.
    fn counterpart(&self, lang: Lang, page: Page) -> Option<Page> {
        let other_lang = lang.other();
        let other = self.langs.get(other_lang);
        let per = self.site.config.releases_per_page;
        let clamp = |n: usize, len: usize| n.min(pages_of(len, per));
        let len = |list: Option<&Vec<ReleaseId>>| list.map_or(0, Vec::len);
        let cand = match page {
            Page::Release(id) => Page::Release(self.site.release_translation(id)?),
            Page::Plain(id) => Page::Plain(self.site.page_translation(id)?),
            Page::Releases(n) => Page::Releases(clamp(n, other.releases.len())),
            Page::Topic(t, n) => Page::Topic(t, clamp(n, len(other.by_tag.get(&t)))),
            Page::Year(y, n) => Page::Year(y, clamp(n, len(other.by_year.get(&y)))),
            Page::Milestone(m, n) => {
                let there = self.site.milestone(m).releases.get(other_lang).len();
                Page::Milestone(m, clamp(n, there))
            }
            Page::NotFound => return None,
            p @ (Page::Home
            | Page::Topics
            | Page::Archive
            | Page::Milestones
            | Page::MilestonesBy(_)
            | Page::Search) => p,
        };
        other.has.contains(&cand).then_some(cand)
    }

    /// Renders one page: its output file and bytes. `body`: the page's rendered body,
    /// for a release's or a plain page's (no other page shows a body).
    pub fn render(
        &self,
        lang: Lang,
        page: Page,
        body: Option<&Rendered>,
    ) -> Result<OutputFile, Diagnostic> {
        debug_assert_eq!(
            body.is_some(),
            matches!(page, Page::Release(_) | Page::Plain(_)),
            "a release's or plain page's body, and no other"
        );
        let html = self.cx(lang, page, body).render()?;
        Ok(OutputFile::bytes(self.file(lang, page), html))
    }

    /// The sitemap's record of a page (none for the 404 page).
    pub fn record(&self, lang: Lang, page: Page) -> Option<PageRecord> {
        (page != Page::NotFound).then(|| self.cx(lang, page, None).into_record())
    }

    fn card(&self, id: ReleaseId) -> &Prepared {
        self.cards[id.index()].get_or_init(|| {
            let t = self.theme.strings.get(self.site.release(id).lang);
            Prepared::new(&card(self.site, id, t))
        })
    }
}

/// What rendering one page needs: the site, the theme, both languages' plans, and the
/// page itself with its path.
struct Cx<'a> {
    site: &'a Site,
    /// The page's body, if it is a release's or a plain page's.
    body: Option<&'a Rendered>,
    theme: &'a Theme,
    plan: &'a Plan<'a>,
    lang: Lang,
    t: &'a Strings,
    /// The page being rendered and its site-relative path.
    page: Page,
    path: Cow<'a, str>,
}

impl Cx<'_> {
    /// The page, rendered: one arm per kind of page, each in the module of its kind.
    fn render(&self) -> Result<Vec<u8>, Diagnostic> {
        let result = match self.page {
            Page::Home => self.home(),
            Page::Releases(n) => self.releases(n),
            Page::Release(id) => self.release(id),
            Page::Topics => self.topics(),
            Page::Topic(t, n) => self.topic(t, n),
            Page::Archive => self.archive(),
            Page::Year(y, n) => self.year(y, n),
            Page::Plain(id) => self.plain(id),
            Page::Milestones => self.milestones(),
            Page::Milestone(m, n) => self.milestone(m, n),
            Page::MilestonesBy(f) => self.milestones_by(f),
            Page::Search => self.search(),
            Page::NotFound => self.not_found(),
        };
        result.map_err(|mut d| {
            d.message = t!(
                "cannot render /{path}: {reason}",
                path = &*self.path,
                reason = d.message
            );
            d
        })
    }

    /// Root-relative URL of a site-relative path.
    fn url(&self, path: &str) -> String {
        self.site.config.url(path)
    }

    /// Root-relative URL of `page` in this page's language.
    fn link(&self, page: Page) -> String {
        self.url(&self.plan.path(self.lang, page))
    }

    fn lang_plan(&self) -> &LangPlan {
        self.plan.langs.get(self.lang)
    }

    fn tr(&self, key: &str) -> String {
        get(self.t, key).to_string()
    }

    fn render_template(&self, name: &str, data: &impl Serialize) -> Result<Vec<u8>, Diagnostic> {
        self.theme.templates.get(self.lang).render(name, data)
    }

    /// The same page in the other language, if it was written ([`Plan::counterpart`]).
    fn counterpart(&self, page: Page) -> Option<Page> {
        self.plan.counterpart(self.lang, page)
    }

    fn switch(&self) -> Switch {
        let other = self.lang.other();
        let name = get(self.theme.strings.get(other), "language_name").to_string();
        match self.counterpart(self.page) {
            Some(p) => Switch {
                lang: other.code(),
                name,
                url: self.url(&self.plan.path(other, p)),
                available: true,
                message: None,
            },
            None => {
                let (fallback, key) = match self.page {
                    Page::Release(_) => (Page::Releases(1), "only_in_release"),
                    Page::Year(..) => (Page::Archive, "only_in_page"),
                    _ => (Page::Home, "only_in_page"),
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
                    url: self.url(&self.plan.path(other, fallback)),
                    available: false,
                    message: Some(message),
                }
            }
        }
    }

    fn alternates(&self) -> Vec<Alternate> {
        let cfg = &self.site.config;
        let mut by_lang = vec![(self.lang, cfg.abs_url(&self.path))];
        if let Some(p) = self.counterpart(self.page) {
            let other = self.lang.other();
            by_lang.push((other, cfg.abs_url(&self.plan.path(other, p))));
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

    /// The data every page template receives around its own `body`.
    fn data<T: Serialize>(
        &self,
        title: String,
        description: Option<String>,
        crumbs: Vec<Crumb>,
        section: &'static str,
        body: T,
    ) -> PageData<T> {
        let description =
            description.unwrap_or_else(|| self.site.config.language(self.lang).description.clone());
        let canonical = self.site.config.abs_url(&self.path);
        let meta = self.meta(&canonical, &title, &description, &crumbs);
        let code = self.body.is_some_and(|b| b.code);
        PageData {
            title,
            description,
            canonical,
            alternates: self.alternates(),
            switch: self.switch(),
            crumbs,
            section,
            meta,
            code,
            body,
        }
    }

    /// The page's body (empty if a release's or plain page's was not given, which
    /// [`Plan::render`] does not allow).
    fn body(&self) -> &Rendered {
        static NONE: OnceLock<Rendered> = OnceLock::new();
        self.body
            .unwrap_or_else(|| NONE.get_or_init(Rendered::default))
    }

    fn home_crumb(&self) -> Crumb {
        Crumb {
            title: self.tr("home"),
            url: Some(self.link(Page::Home)),
        }
    }

    /// A crumb linking to `page`, titled with the UI string `key`.
    fn crumb(&self, key: &str, page: Page) -> Crumb {
        Crumb {
            title: self.tr(key),
            url: Some(self.link(page)),
        }
    }

    /// The crumb of the page itself: its title, not a link.
    fn here(title: impl Into<String>) -> Crumb {
        Crumb {
            title: title.into(),
            url: None,
        }
    }

    fn cards(&self, list: &[ReleaseId]) -> Vec<Prepared> {
        list.iter().map(|&i| self.plan.card(i).clone()).collect()
    }
}
