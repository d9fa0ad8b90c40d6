//! Feeds: per language an Atom feed (`atom.xml`, `en/atom.xml`) and a JSON Feed 1.1
//! (`feed.json`, `en/feed.json`) of the latest releases, and an Atom feed per tag
//! (`tags/<slug>/atom.xml`, `en/tags/<slug>/atom.xml`).
//!
//! Input: the linked [`Site`] and the rendered release bodies; output: [`OutputFile`]s.
//! Steps: choose each feed's releases (newest first, at most `feed_limit`); prepare each
//! release once as an [`Entry`]; write the Atom feeds with the escaping [`Xml`] writer and
//! the JSON Feeds with serde_json.
//!
//! Every URL is absolute: links, the image, and the links inside the content (relative
//! URLs in the body are resolved against the release's URL). Times are RFC 3339 in the
//! site time zone. An entry's `updated` is the release's last change (its change
//! history), the feed's `updated` the newest of its entries. Entry ids are the release's
//! absolute URL, stable from build to build.

use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use super::xml::Xml;
use crate::link::Site;
use crate::markdown::{escape, sanitize, Bodies, Rendered};
use crate::route::{Data, Page};
use crate::time::{rfc3339, SiteTime};
use crate::types::{Lang, OutputFile, PerLang, ReleaseId, TagId};

const ATOM_TYPE: &str = "application/atom+xml";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// One feed: its language, titles, where it lives and which releases it lists.
#[derive(Debug, PartialEq, Eq)]
struct Spec {
    lang: Lang,
    title: String,
    subtitle: Option<String>,
    /// Site-relative path of the feed file.
    path: String,
    /// Site-relative path of the HTML page the feed follows.
    page: String,
    /// Its releases, newest first.
    releases: Vec<ReleaseId>,
}

/// A release as every feed shows it, prepared once.
struct Entry {
    url: String,
    title: String,
    summary: Option<String>,
    /// The sanitized body with absolute URLs, after the image if there is one.
    content: String,
    image: Option<String>,
    published: SiteTime,
    updated: SiteTime,
    /// (slug, label) per tag.
    tags: Vec<(String, String)>,
}

/// One feed file of the site.
#[derive(Debug, PartialEq, Eq)]
pub struct Feed {
    spec: Spec,
    /// A JSON Feed (else Atom).
    json: bool,
}

impl Feed {
    /// The feed's path, relative to the site root.
    pub fn path(&self) -> &str {
        &self.spec.path
    }

    /// The releases it lists, newest first.
    pub fn releases(&self) -> &[ReleaseId] {
        &self.spec.releases
    }

    /// Whether it is empty, so that its `updated` is the build's reference time.
    pub fn is_empty(&self) -> bool {
        self.spec.releases.is_empty()
    }
}

/// Every feed of the site: the Atom feeds (per language the main one, then one per tag),
/// then the JSON Feed of each language.
pub fn all(site: &Site) -> Vec<Feed> {
    let mut feeds: Vec<Feed> = specs(site)
        .into_iter()
        .map(|spec| Feed { spec, json: false })
        .collect();
    feeds.extend(Lang::ALL.map(|lang| Feed {
        spec: main_spec(site, lang, site.data_path(Data::JsonFeed, lang)),
        json: true,
    }));
    feeds
}

/// The files of `feeds`; `bodies` holds the body of every release they list.
pub fn write(site: &Site, feeds: &[&Feed], bodies: &Bodies) -> Vec<OutputFile> {
    let entries = entries(site, feeds, bodies);
    feeds.iter().map(|f| file(site, f, &entries)).collect()
}

/// [`write`], handing each file to `put` as soon as it is made (in parallel), so the
/// feeds of a large site are never all in memory at once.
pub fn write_each(
    site: &Site,
    feeds: &[&Feed],
    bodies: &Bodies,
    put: &(dyn Fn(OutputFile) + Sync),
) {
    let entries = entries(site, feeds, bodies);
    feeds.par_iter().for_each(|f| put(file(site, f, &entries)));
}

/// The entry of every release that one of `feeds` lists.
fn entries(site: &Site, feeds: &[&Feed], bodies: &Bodies) -> BTreeMap<ReleaseId, Entry> {
    let needed: BTreeSet<ReleaseId> = feeds
        .iter()
        .flat_map(|f| f.spec.releases.iter().copied())
        .collect();
    needed
        .into_par_iter()
        .map(|i| (i, entry(site, i, bodies.release(i))))
        .collect()
}

fn file(site: &Site, f: &Feed, entries: &BTreeMap<ReleaseId, Entry>) -> OutputFile {
    let bytes = if f.json {
        json_feed(site, &f.spec, entries)
    } else {
        atom(site, &f.spec, entries)
    };
    OutputFile::bytes(f.spec.path.clone(), bytes)
}

/// Every feed file of the site.
pub fn files(site: &Site, bodies: &Bodies) -> Vec<OutputFile> {
    let feeds = all(site);
    write(site, &feeds.iter().collect::<Vec<_>>(), bodies)
}

fn main_spec(site: &Site, lang: Lang, path: String) -> Spec {
    let language = site.config.language(lang);
    Spec {
        lang,
        title: language.title.clone(),
        subtitle: Some(language.description.clone()).filter(|d| !d.is_empty()),
        path,
        page: site.path(Page::Home, lang),
        releases: site
            .releases_in(lang)
            .take(site.config.feed_limit)
            .collect(),
    }
}

/// The Atom feeds: per language the main feed, then one per tag used on the site (a tag
/// page exists in both languages, so its feed does too, even when empty).
fn specs(site: &Site) -> Vec<Spec> {
    // One pass over the releases (newest first) gives every tag used and, per language,
    // the newest releases of each tag up to the feed's limit: a pass for each tag and
    // language read 20,000 releases for each rare tag.
    let limit = site.config.feed_limit;
    let mut newest: PerLang<BTreeMap<TagId, Vec<ReleaseId>>> = PerLang::default();
    for id in site.release_ids() {
        let r = site.release(id);
        for &t in &r.tags {
            let list = newest.get_mut(r.lang).entry(t).or_default();
            if list.len() < limit {
                list.push(id);
            }
        }
    }
    let used: BTreeSet<TagId> = newest.ko.keys().chain(newest.en.keys()).copied().collect();
    let mut specs = Vec::new();
    for lang in Lang::ALL {
        specs.push(main_spec(site, lang, site.data_path(Data::Atom, lang)));
        for &t in &used {
            let tag = site.tags.get(t);
            specs.push(Spec {
                lang,
                title: format!(
                    "{}: {}",
                    site.config.language(lang).title,
                    tag.label.get(lang)
                ),
                subtitle: None,
                path: site.data_path(Data::TopicAtom(t), lang),
                page: site.path(Page::Topic(t, 1), lang),
                releases: newest.get_mut(lang).remove(&t).unwrap_or_default(),
            });
        }
    }
    specs
}

fn entry(site: &Site, i: ReleaseId, body: &Rendered) -> Entry {
    let r = site.release(i);
    let cfg = &site.config;
    let url = cfg.abs_url(&site.release_path(i));
    // The lead (else first) photo's 1200 px JPEG, else the image.
    let image = site
        .cover_photo(r)
        .map(|(p, shown)| (cfg.abs_url(&shown.og_image().path), p.alt.clone()))
        .or_else(|| {
            r.image
                .as_ref()
                .map(|img| (cfg.abs_asset_url(&img.src), img.alt.clone()))
        });
    let mut content = String::new();
    if let Some((src, alt)) = &image {
        content.push_str(&format!(
            "<p><img src=\"{}\" alt=\"{}\"></p>\n",
            escape(src),
            escape(alt)
        ));
    }
    // The base URL was checked to be absolute http(s), so this cannot fail in practice;
    // if it did, the body would keep its root-relative links rather than be lost.
    content.push_str(&sanitize::absolutize(&body.html, &url).unwrap_or_else(|| body.html.clone()));
    Entry {
        title: r.title.clone(),
        summary: r.summary.clone(),
        content,
        image: image.map(|(src, _)| src),
        published: r.date,
        updated: r.updated(),
        tags: r
            .tags
            .iter()
            .map(|&t| {
                let tag = site.tags.get(t);
                (tag.slug.clone(), tag.label.get(r.lang).clone())
            })
            .collect(),
        url,
    }
}

/// The feed's `updated`: its newest entry's, or the build's reference time when empty.
fn feed_updated(site: &Site, spec: &Spec, entries: &BTreeMap<ReleaseId, Entry>) -> SiteTime {
    spec.releases
        .iter()
        .map(|i| entries[i].updated)
        .max()
        .unwrap_or(site.now)
}

fn atom(site: &Site, spec: &Spec, entries: &BTreeMap<ReleaseId, Entry>) -> String {
    let cfg = &site.config;
    let self_url = cfg.abs_url(&spec.path);
    let org = &cfg.organization;
    let mut x = Xml::document();
    x.open(
        "feed",
        &[("xmlns", ATOM_NS), ("xml:lang", spec.lang.code())],
    );
    x.text("title", &[("type", "text")], &spec.title);
    if let Some(s) = &spec.subtitle {
        x.text("subtitle", &[("type", "text")], s);
    }
    x.empty(
        "link",
        &[("rel", "self"), ("type", ATOM_TYPE), ("href", &self_url)],
    );
    x.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("hreflang", spec.lang.code()),
            ("href", &cfg.abs_url(&spec.page)),
        ],
    );
    x.text("id", &[], &self_url);
    x.text("updated", &[], &rfc3339(&feed_updated(site, spec, entries)));
    x.open("author", &[]);
    x.text("name", &[], org.name.get(spec.lang));
    x.text("uri", &[], &org.url);
    x.close();
    x.text("generator", &[], "gongbo");
    for i in &spec.releases {
        let e = &entries[i];
        x.open("entry", &[]);
        x.text("title", &[("type", "text")], &e.title);
        x.empty(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("href", &e.url),
            ],
        );
        x.text("id", &[], &e.url);
        x.text("published", &[], &rfc3339(&e.published));
        x.text("updated", &[], &rfc3339(&e.updated));
        for (slug, label) in &e.tags {
            x.empty("category", &[("term", slug), ("label", label)]);
        }
        if let Some(s) = &e.summary {
            x.text("summary", &[("type", "text")], s);
        }
        x.text("content", &[("type", "html")], &e.content);
        x.close();
    }
    x.close();
    x.finish()
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    language: &'static str,
    authors: [JsonAuthor<'a>; 1],
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    language: &'static str,
}

fn json_feed(site: &Site, spec: &Spec, entries: &BTreeMap<ReleaseId, Entry>) -> String {
    let cfg = &site.config;
    let org = &cfg.organization;
    let feed = JsonFeed {
        version: JSON_FEED_VERSION,
        title: &spec.title,
        home_page_url: cfg.abs_url(&spec.page),
        feed_url: cfg.abs_url(&spec.path),
        description: spec.subtitle.as_deref(),
        language: spec.lang.code(),
        authors: [JsonAuthor {
            name: org.name.get(spec.lang),
            url: &org.url,
        }],
        items: spec
            .releases
            .iter()
            .map(|i| {
                let e = &entries[i];
                JsonItem {
                    id: &e.url,
                    url: &e.url,
                    title: &e.title,
                    content_html: &e.content,
                    summary: e.summary.as_deref(),
                    image: e.image.as_deref(),
                    date_published: rfc3339(&e.published),
                    date_modified: rfc3339(&e.updated),
                    tags: e.tags.iter().map(|(_, l)| l.as_str()).collect(),
                    language: spec.lang.code(),
                }
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&feed).expect("a feed always serializes");
    text.push('\n');
    text
}
