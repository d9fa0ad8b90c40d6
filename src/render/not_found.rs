//! `404.html`: one page at the root in both languages (a server shows it for any
//! missing path, in either tree), Korean first.

use super::meta::{feed_links, Meta};
use super::views::{NotFoundLang, NotFoundView, PageData, Switch};
use super::Cx;
use crate::diag::Diagnostic;
use crate::i18n::get;
use crate::route::Page;
use crate::types::Lang;

impl Cx<'_> {
    pub(super) fn not_found(&self) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let strings = &self.theme.strings;
        let part = |lang: Lang| {
            let t = strings.get(lang);
            NotFoundLang {
                title: get(t, "not_found_title").to_string(),
                text: get(t, "not_found_text").to_string(),
                home_label: get(t, "not_found_home").to_string(),
                home_url: site.config.url(&site.path(Page::Home, lang)),
            }
        };
        let body = NotFoundView {
            ko: part(Lang::Ko),
            en: part(Lang::En),
        };
        let data = PageData {
            title: body.ko.title.clone(),
            description: site.config.language(Lang::Ko).description.clone(),
            canonical: site.config.abs_url(&self.path),
            alternates: vec![],
            switch: Switch {
                lang: "en",
                name: get(strings.get(Lang::En), "language_name").to_string(),
                url: site.config.url(&site.path(Page::Home, Lang::En)),
                available: true,
                message: None,
            },
            crumbs: vec![],
            section: "404",
            meta: Meta {
                feeds: feed_links(site, Lang::Ko, None, strings.get(Lang::Ko)),
                ..Default::default()
            },
            code: false,
            body,
        };
        self.theme.templates.ko.render("404.html", &data)
    }
}
