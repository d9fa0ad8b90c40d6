//! What a page says about itself beyond its content: the `<head>` metadata (Open Graph,
//! feed discovery links, JSON-LD) and the [`PageRecord`] the sitemap is made from.
//!
//! Every URL here is absolute (built from `base_url`). JSON-LD is built with serde_json
//! as one schema.org `@graph` per page: `WebSite` and `GovernmentOrganization` on the home
//! pages, `NewsArticle` on release pages, and a `BreadcrumbList` on every page that has
//! breadcrumbs. [`script_json`] escapes `<`, `>` and `&` so the text can never end the
//! `<script type="application/ld+json">` element it is placed in.

use serde::Serialize;
use serde_json::{json, Value};

use super::views::Crumb;
use super::Cx;
use crate::config::Config;
use crate::i18n::{fill, get, Strings};
use crate::link::Site;
use crate::route::{Data, Page};
use crate::types::{Lang, PageRecord, ReleaseId, TagId};

/// The `<head>` metadata of one page (`meta` in the page data).
#[derive(Serialize, Default)]
pub struct Meta {
    /// `<meta property content>`: Open Graph and `article:*`, in output order.
    pub og: Vec<Property>,
    /// `<link rel="alternate">` to the feeds that follow this page.
    pub feeds: Vec<FeedLink>,
    /// The JSON-LD graph, already escaped for a `<script>` element.
    pub json_ld: Option<String>,
}

#[derive(Serialize)]
pub struct Property {
    pub property: &'static str,
    pub content: String,
}

#[derive(Serialize)]
pub struct FeedLink {
    /// The media type of the feed.
    pub mime: &'static str,
    pub title: String,
    /// The visible link text in the page's language, e.g. "보도자료 전체 (Atom)".
    pub label: String,
    pub href: String,
    /// The feed of the page's topic rather than of the whole language.
    pub topic: bool,
}

/// The licence page of a 공공누리 type.
pub fn kogl_url(number: u8) -> String {
    format!("https://www.kogl.or.kr/info/licenseType{number}.do")
}

/// The feeds of `lang` (Atom, JSON Feed) and, on a tag page, the tag's Atom feed, with
/// link text from the UI strings `t` of `lang`.
pub fn feed_links(site: &Site, lang: Lang, tag: Option<TagId>, t: &Strings) -> Vec<FeedLink> {
    let cfg = &site.config;
    let title = &cfg.language(lang).title;
    let all = get(t, "feeds_all");
    let mut links = vec![
        FeedLink {
            mime: "application/atom+xml",
            title: format!("{title} (Atom)"),
            label: format!("{all} (Atom)"),
            href: cfg.abs_url(&site.data_path(Data::Atom, lang)),
            topic: false,
        },
        FeedLink {
            mime: "application/feed+json",
            title: format!("{title} (JSON Feed)"),
            label: format!("{all} (JSON Feed)"),
            href: cfg.abs_url(&site.data_path(Data::JsonFeed, lang)),
            topic: false,
        },
    ];
    if let Some(tg) = tag {
        let name = site.tags.get(tg).label.get(lang);
        links.push(FeedLink {
            mime: "application/atom+xml",
            title: format!("{title}: {name} (Atom)"),
            label: format!("{} (Atom)", fill(t, "feeds_topic", &[("tag", name)])),
            href: cfg.abs_url(&site.data_path(Data::TopicAtom(tg), lang)),
            topic: true,
        });
    }
    links
}

/// JSON for inside `<script>`: `<`, `>` and `&` (which JSON only has inside strings) are
/// written as `\u003c`, `\u003e`, `\u0026`, so `</script>` in a title cannot close the
/// element.
pub fn script_json(value: &Value) -> String {
    let json = serde_json::to_string(value).expect("JSON values always serialize");
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// An absolute URL for a root-relative one (`/ai/releases/` → `https://host/ai/releases/`).
fn absolute(cfg: &Config, url: &str) -> String {
    if url.starts_with("http://") || url.starts_with("https://") {
        return url.to_string();
    }
    let origin = cfg
        .base_url
        .strip_suffix(cfg.base_path.as_str())
        .unwrap_or(&cfg.base_url);
    format!("{origin}{url}")
}

fn organization(cfg: &Config, lang: Lang) -> Value {
    json!({
        "@type": "GovernmentOrganization",
        "name": cfg.organization.name.get(lang),
        "url": cfg.organization.url,
    })
}

fn prop(property: &'static str, content: impl Into<String>) -> Property {
    Property {
        property,
        content: content.into(),
    }
}

impl Cx<'_> {
    /// The `<head>` metadata of the page, whose canonical URL, title, description and
    /// breadcrumbs the page data already has.
    pub(super) fn meta(
        &self,
        canonical: &str,
        title: &str,
        description: &str,
        crumbs: &[Crumb],
    ) -> Meta {
        let cfg = &self.site.config;
        let lang = self.lang;
        let mut og = vec![
            prop(
                "og:type",
                if matches!(self.page, Page::Release(_)) {
                    "article"
                } else {
                    "website"
                },
            ),
            prop("og:title", title),
            prop("og:url", canonical),
            prop("og:site_name", &cfg.language(lang).title),
            prop("og:locale", lang.locale()),
        ];
        if !description.is_empty() {
            og.insert(2, prop("og:description", description));
        }
        if self.counterpart(self.page).is_some() {
            og.push(prop("og:locale:alternate", lang.other().locale()));
        }
        let mut graph = Vec::new();
        match self.page {
            Page::Home => graph.extend([
                json!({
                    "@type": "WebSite",
                    "name": cfg.language(lang).title,
                    "description": description,
                    "url": canonical,
                    "inLanguage": lang.code(),
                    "publisher": organization(cfg, lang),
                }),
                organization(cfg, lang),
            ]),
            Page::Release(i) => graph.push(self.release_meta(i, canonical, &mut og)),
            _ => {}
        }
        if !crumbs.is_empty() {
            graph.push(breadcrumbs(cfg, canonical, crumbs));
        }
        let tag = match self.page {
            Page::Topic(t, _) => Some(t),
            _ => None,
        };
        Meta {
            og,
            feeds: feed_links(self.site, lang, tag, self.t),
            json_ld: (!graph.is_empty()).then(|| {
                script_json(&json!({ "@context": "https://schema.org", "@graph": graph }))
            }),
        }
    }

    /// The `NewsArticle` of release `i`; adds its `og:image` and `article:*` properties.
    fn release_meta(&self, i: ReleaseId, canonical: &str, og: &mut Vec<Property>) -> Value {
        let cfg = &self.site.config;
        let r = self.site.release(i);
        let published = crate::time::rfc3339(&r.date);
        let modified = crate::time::rfc3339(&r.updated());
        // The lead (else first) photo's 1200 px JPEG, with its size; else the image.
        let photo = self.site.cover_photo(r).map(|(p, shown)| {
            let c = shown.og_image();
            (
                cfg.abs_url(&c.path),
                p.alt.clone(),
                Some((c.width, c.height)),
            )
        });
        let image = photo.or_else(|| {
            r.image
                .as_ref()
                .map(|img| (cfg.abs_asset_url(&img.src), img.alt.clone(), None))
        });
        if let Some((src, alt, size)) = &image {
            og.push(prop("og:image", src));
            if let Some((w, h)) = size {
                og.push(prop("og:image:type", "image/jpeg"));
                og.push(prop("og:image:width", w.to_string()));
                og.push(prop("og:image:height", h.to_string()));
            }
            og.push(prop("og:image:alt", alt));
        }
        og.push(prop("article:published_time", &published));
        og.push(prop("article:modified_time", &modified));
        let tags: Vec<&String> = r
            .tags
            .iter()
            .map(|&t| self.site.tags.get(t).label.get(r.lang))
            .collect();
        for t in &tags {
            og.push(prop("article:tag", t.as_str()));
        }
        let n = r.kogl.number();
        let mut article = json!({
            "@type": "NewsArticle",
            "headline": r.title,
            "url": canonical,
            "mainEntityOfPage": { "@type": "WebPage", "@id": canonical },
            "datePublished": published,
            "dateModified": modified,
            "inLanguage": r.lang.code(),
            "author": organization(cfg, r.lang),
            "publisher": organization(cfg, r.lang),
            "license": {
                "@type": "CreativeWork",
                "name": get(self.t, &format!("kogl_{n}_name")),
                "url": kogl_url(n),
            },
        });
        let obj = article.as_object_mut().expect("built as an object");
        if let Some(s) = &r.summary {
            obj.insert("description".into(), json!(s));
        }
        if let Some((src, alt, size)) = image {
            let mut img = json!({ "@type": "ImageObject", "url": src, "description": alt });
            if let Some((w, h)) = size {
                img["width"] = json!(w);
                img["height"] = json!(h);
                img["encodingFormat"] = json!("image/jpeg");
            }
            obj.insert("image".into(), img);
        }
        if !tags.is_empty() {
            obj.insert("keywords".into(), json!(tags));
        }
        if !r.sources.is_empty() {
            let sources: Vec<Value> = r
                .sources
                .iter()
                .map(|s| json!({ "@type": "CreativeWork", "name": s.title, "url": s.url }))
                .collect();
            obj.insert("isBasedOn".into(), Value::Array(sources));
        }
        article
    }

    /// The sitemap's record of the page.
    pub(super) fn into_record(self) -> PageRecord {
        let site = self.site;
        let newest = &self.lang_plan().newest;
        let lastmod = match self.page {
            Page::Release(i) => Some(site.release(i).updated()),
            // A plain page has a date only when its front matter gives `updated`.
            Page::Plain(i) => site.page(i).updated,
            Page::Topic(t, _) => newest.by_tag.get(&t).copied(),
            Page::Year(y, _) => newest.by_year.get(&y).copied(),
            // Home, lists and indexes change when any release of the language does.
            _ => newest.all,
        };
        // Only translations that name each other back (page 3 of a long Korean list
        // points at the last English page, which points at Korean page 1).
        let other_lang = self.lang.other();
        let translation = self.counterpart(self.page).and_then(|c| {
            (self.plan.counterpart(other_lang, c) == Some(self.page))
                .then(|| self.plan.path(other_lang, c).into_owned())
        });
        PageRecord {
            path: self.path.into_owned(),
            lang: self.lang,
            lastmod,
            translation,
        }
    }
}

fn breadcrumbs(cfg: &Config, canonical: &str, crumbs: &[Crumb]) -> Value {
    let items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(n, c)| {
            json!({
                "@type": "ListItem",
                "position": n + 1,
                "name": c.title,
                "item": c.url.as_deref().map_or_else(|| canonical.to_string(), |u| absolute(cfg, u)),
            })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let v = json!({ "headline": "</script><script>alert(1)</script> & \"q\"" });
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
