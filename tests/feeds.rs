//! Issue 4: feeds, sitemap, robots.txt and per-page metadata, checked on the fixture
//! sites under `tests/fixtures/feeds/` with real parsers: feed-rs for the feeds,
//! roxmltree for the sitemap, scraper for the HTML, serde_json for JSON-LD.

mod support;

use chrono::{DateTime, FixedOffset};
use feed_rs::model::Feed;
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::BTreeSet;

use gongbo::types::OutputContent;
use support::{tree, SiteTest, NOW};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// A built fixture of `tests/fixtures/feeds/` and the base URL it was built for.
struct Built {
    s: SiteTest,
    base: String,
}

fn fixture(case: &str) -> SiteTest {
    SiteTest::from_fixture(&format!("feeds/{case}"))
}

impl Built {
    fn new(case: &str, base_url: Option<&str>) -> Built {
        let s = fixture(case);
        let mut opts = s.options();
        opts.base_url = base_url.map(str::to_string);
        gongbo::build(&opts).unwrap_or_else(|d| panic!("build of {case} failed:\n{d}"));
        let toml = std::fs::read_to_string(s.root().join("site.toml")).unwrap();
        let base = base_url.map(str::to_string).unwrap_or_else(|| {
            toml.lines()
                .find_map(|l| l.strip_prefix("base_url = \""))
                .unwrap()
                .trim_end_matches('"')
                .to_string()
        });
        Built { s, base }
    }

    fn read(&self, rel: &str) -> String {
        self.s.read(rel)
    }

    fn html(&self, rel: &str) -> Html {
        self.s.html(rel).0
    }

    fn feed(&self, rel: &str) -> Feed {
        feed_rs::parser::parse(self.read(rel).as_bytes())
            .unwrap_or_else(|e| panic!("{rel} does not parse as a feed: {e}"))
    }

    /// Every file of the output, relative, `/`-separated and sorted.
    fn files(&self) -> Vec<String> {
        tree(&self.s.out())
            .into_keys()
            .map(|f| f.replace('\\', "/"))
            .collect()
    }

    fn html_files(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect()
    }

    /// The output file an absolute URL of this site points at.
    fn file_of(&self, url: &str) -> String {
        let rel = url
            .strip_prefix(&self.base)
            .unwrap_or_else(|| panic!("{url} is not under {}", self.base));
        let rel = rel.split('#').next().unwrap();
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        }
    }

    /// The absolute URL of an HTML file of the output.
    fn url_of(&self, html_file: &str) -> String {
        format!(
            "{}{}",
            self.base,
            html_file.strip_suffix("index.html").unwrap_or(html_file)
        )
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn attr(doc: &Html, selector: &str, name: &str) -> Option<String> {
    doc.select(&sel(selector))
        .next()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

fn attrs(doc: &Html, selector: &str, name: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(name))
        .map(str::to_string)
        .collect()
}

fn og(doc: &Html, property: &str) -> Vec<String> {
    attrs(doc, &format!("meta[property=\"{property}\"]"), "content")
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

const SPECIAL_KO: &str = "\"AI\" & <데이터> </script> 센터 착공 🚀";
const SPECIAL_EN: &str = "\"AI\" & <Data> </script> centre breaks ground 🚀";

fn entry_titles(feed: &Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect()
}

/// Every `<published>` and `<updated>` of an Atom feed is RFC 3339 with the site offset.
fn assert_atom_times_kst(text: &str) {
    let doc = roxmltree::Document::parse(text).unwrap();
    let times: Vec<&str> = doc
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "published" | "updated"))
        .map(|n| n.text().unwrap())
        .collect();
    assert!(!times.is_empty());
    for s in times {
        assert!(s.ends_with("+09:00"), "{s}");
        t(s);
    }
}

#[test]
fn atom_feeds_list_the_latest_releases_per_language() {
    let site = Built::new("basic", None);
    let ko = site.feed("atom.xml");
    assert_eq!(ko.language.as_deref(), Some("ko"));
    assert_eq!(
        ko.title.as_ref().unwrap().content,
        "시험 공보 \"따옴표\" & <꺾쇠>"
    );
    assert_eq!(ko.id, "https://example.org/atom.xml");
    assert_eq!(ko.authors[0].name.as_deref(), Some("시험시 \"공보실\""));
    assert_eq!(
        ko.authors[0].uri.as_deref(),
        Some("https://city.example.org/")
    );
    // feed_limit = 2 of three Korean releases, newest first.
    assert_eq!(entry_titles(&ko), [SPECIAL_KO, "두 번째 보도자료"]);
    // The feed's updated is the newest entry's updated, which comes from the change
    // history, not the publication date.
    assert_eq!(ko.updated, Some(t("2024-06-15T09:30:00+09:00").to_utc()));
    let e = &ko.entries[0];
    let url = "https://example.org/releases/2024-05-01-special/";
    assert_eq!(e.id, url);
    assert_eq!(e.links[0].href, url);
    assert_eq!(e.published, Some(t("2024-05-01T10:00:00+09:00").to_utc()));
    assert_eq!(e.updated, Some(t("2024-06-15T09:30:00+09:00").to_utc()));
    assert_eq!(
        e.summary.as_ref().unwrap().content,
        "요약: 5 < 6 & \"인용\" 🚀"
    );
    let terms: Vec<&str> = e.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(terms, ["ai", "budget"]);
    let body = e.content.as_ref().unwrap().body.as_ref().unwrap();
    assert_eq!(ko.entries[1].updated, ko.entries[1].published);
    // Absolute links and images inside the content, the front-matter image first.
    let content = Html::parse_fragment(body);
    let img = attrs(&content, "img", "src");
    assert_eq!(img[0], "https://example.org/images/plan.svg");
    assert_eq!(
        attr(&content, "img", "alt").unwrap(),
        "배치도 \"초안\" & <개요>"
    );
    let hrefs = attrs(&content, "a", "href");
    assert!(hrefs.contains(&"https://example.org/releases/2024-02-20-second/".to_string()));
    for u in img.iter().chain(&hrefs) {
        assert!(u.starts_with("https://example.org/"), "{u} in {body}");
    }
    assert_atom_times_kst(&site.read("atom.xml"));

    let en = site.feed("en/atom.xml");
    assert_eq!(en.language.as_deref(), Some("en"));
    assert_eq!(en.id, "https://example.org/en/atom.xml");
    assert_eq!(
        en.authors[0].name.as_deref(),
        Some("Test City <Press> & Co")
    );
    assert_eq!(entry_titles(&en), [SPECIAL_EN, "English-only release"]);
    let body = en.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .clone()
        .unwrap();
    let hrefs = attrs(&Html::parse_fragment(&body), "a", "href");
    for expected in [
        "https://example.org/en/releases/2024-02-20-second/",
        "https://example.org/en/releases/2024-05-01-special/files/note.pdf",
        "https://example.org/en/releases/2024-05-01-special/#details",
    ] {
        assert!(
            hrefs.iter().any(|h| h == expected),
            "{expected} in {hrefs:?}"
        );
    }
    assert_atom_times_kst(&site.read("en/atom.xml"));
}

#[test]
fn json_feeds_are_json_feed_1_1() {
    let site = Built::new("basic", None);
    for (path, lang, first) in [
        ("feed.json", "ko", SPECIAL_KO),
        ("en/feed.json", "en", SPECIAL_EN),
    ] {
        let feed = site.feed(path);
        assert_eq!(feed.language.as_deref(), Some(lang));
        assert_eq!(feed.entries.len(), 2);
        assert_eq!(entry_titles(&feed)[0], first);
        let raw: Value = serde_json::from_str(&site.read(path)).unwrap();
        assert_eq!(raw["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(raw["language"], lang);
        assert_eq!(raw["feed_url"], format!("https://example.org/{path}"));
        let item = &raw["items"][0];
        let prefix = if lang == "en" { "en/" } else { "" };
        let url = format!("https://example.org/{prefix}releases/2024-05-01-special/");
        assert_eq!(item["id"], url.as_str());
        assert_eq!(item["url"], url.as_str());
        assert_eq!(item["date_published"], "2024-05-01T10:00:00+09:00");
        assert_eq!(item["date_modified"], "2024-06-15T09:30:00+09:00");
        assert_eq!(item["image"], "https://example.org/images/plan.svg");
        assert!(item["summary"].as_str().unwrap().contains("5 < 6 & \""));
        let html = Html::parse_fragment(item["content_html"].as_str().unwrap());
        for u in attrs(&html, "a", "href")
            .into_iter()
            .chain(attrs(&html, "img", "src"))
        {
            assert!(u.starts_with("https://example.org/"), "{u}");
        }
        assert_eq!(
            feed.entries[0].updated,
            Some(t("2024-06-15T09:30:00+09:00").to_utc())
        );
    }
}

#[test]
fn every_tag_has_an_atom_feed_per_language() {
    let site = Built::new("basic", None);
    let cases: [(&str, &[&str]); 6] = [
        (
            "tags/ai/atom.xml",
            &[SPECIAL_KO, "한국어로만 낸 첫 보도자료"],
        ),
        ("tags/budget/atom.xml", &[SPECIAL_KO, "두 번째 보도자료"]),
        ("tags/legacy/atom.xml", &["한국어로만 낸 첫 보도자료"]),
        ("en/tags/ai/atom.xml", &[SPECIAL_EN]),
        ("en/tags/budget/atom.xml", &[SPECIAL_EN, "Second release"]),
        // No English release has this tag, but its English page exists, so does its feed.
        ("en/tags/legacy/atom.xml", &[]),
    ];
    for (path, titles) in cases {
        let feed = site.feed(path);
        assert_eq!(entry_titles(&feed), *titles, "{path}");
        assert_eq!(feed.id, format!("https://example.org/{path}"));
        let lang = if path.starts_with("en/") { "en" } else { "ko" };
        assert_eq!(feed.language.as_deref(), Some(lang));
        let newest = feed.entries.iter().filter_map(|e| e.updated).max();
        let expected = newest.or(DateTime::from_timestamp(NOW, 0));
        assert_eq!(feed.updated, expected, "{path}");
        // The tag page offers its tag feed besides the language's feeds.
        let page = site.html(&path.replace("atom.xml", "index.html"));
        let feeds = attrs(
            &page,
            "link[rel=alternate][type=\"application/atom+xml\"]",
            "href",
        );
        assert!(
            feeds.contains(&format!("https://example.org/{path}")),
            "{feeds:?}"
        );
    }
    let feed = site.read("tags/ai/atom.xml");
    assert!(feed.contains("<title type=\"text\">시험 공보 &quot;따옴표&quot; &amp; &lt;꺾쇠&gt;: 인공지능 &amp; &quot;데이터&quot;</title>"), "{feed}");
}

#[test]
fn every_feed_parses_and_points_at_written_pages() {
    let site = Built::new("basic", None);
    let feeds: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.ends_with("atom.xml") || f.ends_with("feed.json"))
        .collect();
    // Two main feeds per language, one Atom feed per tag and language.
    assert_eq!(feeds.len(), 2 * 2 + 3 * 2, "{feeds:?}");
    for path in feeds {
        let feed = site.feed(&path);
        assert!(feed.entries.len() <= 2, "{path}: feed_limit is 2");
        for e in &feed.entries {
            assert!(e.published <= e.updated, "{path}: {}", e.id);
            assert!(site.s.exists(&site.file_of(&e.id)), "{path}: {}", e.id);
            assert_eq!(e.links[0].href, e.id);
        }
        let published: Vec<_> = feed.entries.iter().map(|e| e.published).collect();
        let mut sorted = published.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(published, sorted, "{path}: newest first");
    }
}

#[test]
fn every_page_links_its_languages_feeds() {
    let site = Built::new("basic", None);
    for file in site.html_files() {
        let doc = site.html(&file);
        let lang = attr(&doc, "html", "lang").unwrap();
        let prefix = if lang == "en" { "en/" } else { "" };
        for (mime, name) in [
            ("application/atom+xml", "atom.xml"),
            ("application/feed+json", "feed.json"),
        ] {
            let hrefs = attrs(
                &doc,
                &format!("link[rel=alternate][type=\"{mime}\"]"),
                "href",
            );
            let main = format!("https://example.org/{prefix}{name}");
            assert!(hrefs.contains(&main), "{file}: {hrefs:?}");
            for h in hrefs {
                assert!(site.s.out().join(site.file_of(&h)).is_file(), "{file}: {h}");
            }
        }
        // JSON-LD is the only inline script; other scripts are our own files.
        for script in doc.select(&sel("script:not([src])")) {
            assert_eq!(
                script.value().attr("type"),
                Some("application/ld+json"),
                "{file}"
            );
        }
    }
}

#[test]
fn every_page_shows_visible_subscribe_links_in_its_language() {
    let site = Built::new("basic", None);
    let links = |file: &str| -> Vec<(String, String)> {
        site.html(file)
            .select(&sel("footer .subscribe a"))
            .map(|a| {
                let text = a.text().collect::<String>();
                (text, a.value().attr("href").unwrap_or_default().to_string())
            })
            .collect()
    };
    for (file, lang_all, prefix) in [
        ("index.html", "보도자료 전체", ""),
        ("en/index.html", "All releases", "en/"),
        ("releases/index.html", "보도자료 전체", ""),
    ] {
        assert_eq!(
            links(file),
            [
                (
                    format!("{lang_all} (Atom)"),
                    format!("https://example.org/{prefix}atom.xml")
                ),
                (
                    format!("{lang_all} (JSON Feed)"),
                    format!("https://example.org/{prefix}feed.json")
                ),
            ],
            "{file}"
        );
    }
    // A topic page adds its own feed, named with the topic's label in the page language.
    let ko = links("tags/ai/index.html");
    assert_eq!(ko.len(), 3, "{ko:?}");
    assert_eq!(ko[2].0, "이 주제: 인공지능 & \"데이터\" (Atom)");
    assert_eq!(ko[2].1, "https://example.org/tags/ai/atom.xml");
    let en = links("en/tags/ai/index.html");
    assert_eq!(en[2].0, "This topic: AI & \"Data\" <centre> (Atom)");
    // Every visible feed link points at a feed that was written, with its type.
    for file in site.html_files() {
        for (_, href) in links(&file) {
            assert!(
                site.s.out().join(site.file_of(&href)).is_file(),
                "{file}: {href}"
            );
        }
        let doc = site.html(&file);
        for a in doc.select(&sel("footer .subscribe a")) {
            let ty = a.value().attr("type").unwrap_or_default();
            assert!(
                ty == "application/atom+xml" || ty == "application/feed+json",
                "{file}: {ty}"
            );
        }
    }
}

/// The home page, the release list and each topic page offer their feeds in the main
/// content too, where readers look for them: the language's feeds on the home page and
/// the list, the topic's own feed on a topic page, each with its format in the link text
/// and pointing at a feed file of that page's language that was written.
#[test]
fn home_list_and_topic_pages_offer_their_feeds_in_the_main_content() {
    let site = Built::new("basic", None);
    let links = |file: &str| -> Vec<(String, String, String)> {
        site.html(file)
            .select(&sel("main .feed-links a"))
            .map(|a| {
                let attr = |n: &str| a.value().attr(n).unwrap_or_default().to_string();
                (a.text().collect::<String>(), attr("href"), attr("type"))
            })
            .collect()
    };
    let help = |file: &str| -> String {
        site.html(file)
            .select(&sel("main .feed-links p"))
            .map(|p| p.text().collect::<String>())
            .collect()
    };
    for (files, all, help_start, prefix) in [
        (
            [
                "index.html",
                "releases/index.html",
                "releases/page/2/index.html",
            ],
            "보도자료 전체",
            "피드 구독:",
            "",
        ),
        (
            [
                "en/index.html",
                "en/releases/index.html",
                "en/releases/page/2/index.html",
            ],
            "All releases",
            "Subscribe:",
            "en/",
        ),
    ] {
        for file in files {
            assert_eq!(
                links(file),
                [
                    (
                        format!("{all} (Atom)"),
                        format!("https://example.org/{prefix}atom.xml"),
                        "application/atom+xml".to_string()
                    ),
                    (
                        format!("{all} (JSON Feed)"),
                        format!("https://example.org/{prefix}feed.json"),
                        "application/feed+json".to_string()
                    ),
                ],
                "{file}"
            );
            assert!(help(file).starts_with(help_start), "{file}: {}", help(file));
        }
    }
    // A topic page offers the topic's feed, labelled in the page's language.
    for (file, label, href) in [
        (
            "tags/ai/index.html",
            "이 주제: 인공지능 & \"데이터\" (Atom)",
            "https://example.org/tags/ai/atom.xml",
        ),
        (
            "en/tags/ai/index.html",
            "This topic: AI & \"Data\" <centre> (Atom)",
            "https://example.org/en/tags/ai/atom.xml",
        ),
    ] {
        assert_eq!(
            links(file),
            [(
                label.to_string(),
                href.to_string(),
                "application/atom+xml".to_string()
            )],
            "{file}"
        );
    }
    // Each link leads to a feed that exists and is in the page's language.
    for file in [
        "index.html",
        "en/index.html",
        "releases/index.html",
        "en/releases/index.html",
        "tags/ai/index.html",
        "en/tags/ai/index.html",
    ] {
        let lang = if file.starts_with("en/") { "en" } else { "ko" };
        for (_, href, ty) in links(file) {
            let text = site.s.read(&site.file_of(&href));
            if ty == "application/atom+xml" {
                let root = roxmltree::Document::parse(&text).unwrap();
                let xml_lang = root
                    .root_element()
                    .attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
                assert_eq!(xml_lang, Some(lang), "{file}: {href}");
            } else {
                let json: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(json["language"], lang, "{file}: {href}");
            }
        }
    }
    // Pages that are not about a list of releases leave it to the footer.
    for file in ["archive/index.html", "about/index.html", "tags/index.html"] {
        assert!(links(file).is_empty(), "{file}");
    }
}

#[test]
fn a_plain_page_with_updated_gets_lastmod_and_shows_the_date() {
    let s = fixture("basic");
    s.write(
        "content/pages/about.ko.md",
        "---\ntitle: \"소개\"\nslug: about\nupdated: 2024-07-01T14:00\n---\n소개 본문.\n",
    );
    s.build();
    let urls = sitemap_urls(&s.read("sitemap.xml"));
    let about = urls
        .iter()
        .find(|u| u.0 == "https://example.org/about/")
        .unwrap();
    // In the site time zone (KST), not UTC.
    assert_eq!(about.1.as_deref(), Some("2024-07-01T14:00:00+09:00"));
    let page = s.html("about/index.html");
    assert_eq!(
        page.text(".page-updated"),
        "최종 수정일: 2024년 7월 1일(월)"
    );
    assert_eq!(
        page.attr(".page-updated time", "datetime").as_deref(),
        Some("2024-07-01")
    );
    // The English page has no `updated`: no line, no lastmod.
    assert_eq!(s.html("en/about/index.html").count(".page-updated"), 0);

    // A bad date is an error at its line, with the field named.
    s.write(
        "content/pages/about.ko.md",
        "---\ntitle: \"소개\"\nslug: about\nupdated: 2024-13-01\n---\n소개 본문.\n",
    );
    let err = s.try_build().unwrap_err().to_string();
    assert!(
        err.contains("content/pages/about.ko.md:4:") && err.contains("updated"),
        "{err}"
    );
}

/// One `<url>` of a sitemap: loc, lastmod and (hreflang, href) alternates.
type UrlEntry = (String, Option<String>, Vec<(String, String)>);

fn sitemap_urls(text: &str) -> Vec<UrlEntry> {
    let doc = roxmltree::Document::parse(text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.lookup_namespace_uri(Some("xhtml")), Some(XHTML_NS));
    root.children()
        .filter(|n| n.is_element())
        .map(|url| {
            assert_eq!(url.tag_name().name(), "url");
            assert_eq!(url.tag_name().namespace(), Some(SITEMAP_NS));
            let kids: Vec<_> = url.children().filter(|n| n.is_element()).collect();
            // The schema's sequence: loc, then lastmod, then elements of other namespaces.
            assert_eq!(kids[0].tag_name().name(), "loc");
            let loc = kids[0].text().unwrap().to_string();
            assert!(loc.starts_with("https://") && loc.len() <= 2048, "{loc}");
            let mut lastmod = None;
            let mut links = Vec::new();
            for k in &kids[1..] {
                match (k.tag_name().namespace(), k.tag_name().name()) {
                    (Some(SITEMAP_NS), "lastmod") => {
                        assert!(links.is_empty(), "lastmod after xhtml:link in {loc}");
                        let s = k.text().unwrap();
                        t(s);
                        lastmod = Some(s.to_string());
                    }
                    (Some(XHTML_NS), "link") => {
                        assert_eq!(k.attribute("rel"), Some("alternate"));
                        links.push((
                            k.attribute("hreflang").unwrap().to_string(),
                            k.attribute("href").unwrap().to_string(),
                        ));
                    }
                    other => panic!("unexpected element {other:?} in {loc}"),
                }
            }
            (loc, lastmod, links)
        })
        .collect()
}

#[test]
fn sitemap_lists_every_page_with_lastmod_and_alternates() {
    let site = Built::new("basic", None);
    let urls = sitemap_urls(&site.read("sitemap.xml"));
    let locs: BTreeSet<String> = urls.iter().map(|u| u.0.clone()).collect();
    let pages: BTreeSet<String> = site
        .html_files()
        .iter()
        .filter(|f| *f != "404.html")
        .map(|f| site.url_of(f))
        .collect();
    assert_eq!(locs, pages);
    assert_eq!(locs.len(), urls.len(), "no page twice");
    let find = |loc: &str| urls.iter().find(|u| u.0 == loc).unwrap();

    let ko = "https://example.org/releases/2024-05-01-special/";
    let en = "https://example.org/en/releases/2024-05-01-special/";
    let expected = vec![
        ("ko".to_string(), ko.to_string()),
        ("en".to_string(), en.to_string()),
        ("x-default".to_string(), ko.to_string()),
    ];
    assert_eq!(find(ko).1.as_deref(), Some("2024-06-15T09:30:00+09:00"));
    assert_eq!(find(ko).2, expected);
    assert_eq!(find(en).2, expected);
    // No counterpart, no alternates.
    let ko_only = find("https://example.org/releases/2024-01-10-first/");
    assert_eq!(ko_only.1.as_deref(), Some("2024-01-10T00:00:00+09:00"));
    assert!(ko_only.2.is_empty());
    assert!(
        find("https://example.org/en/releases/2024-03-01-english-only/")
            .2
            .is_empty()
    );
    // Lists change with their newest release.
    assert_eq!(
        find("https://example.org/").1.as_deref(),
        Some("2024-06-15T09:30:00+09:00")
    );
    assert_eq!(
        find("https://example.org/tags/legacy/").1.as_deref(),
        Some("2024-01-10T00:00:00+09:00")
    );
    // A plain page without `updated` has no date to give.
    assert_eq!(find("https://example.org/about/").1, None);
    // The year page changes with the newest release of its year.
    assert_eq!(
        find("https://example.org/archive/2024/").1.as_deref(),
        Some("2024-06-15T09:30:00+09:00")
    );
    // Every alternate is itself listed.
    for (_, _, links) in &urls {
        for (_, href) in links {
            assert!(locs.contains(href), "{href}");
        }
    }

    let robots = site.read("robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.org/sitemap.xml"),
        "{robots}"
    );
}

/// Year pages are paginated (`tests/fixtures/build/archive`: five Korean releases in
/// 2024 at two a page, three English ones): the sitemap lists every page, with
/// alternates where two pages name each other.
#[test]
fn sitemap_lists_every_page_of_a_year() {
    let s = SiteTest::from_fixture("build/archive");
    s.build();
    let urls = sitemap_urls(&s.read("sitemap.xml"));
    let year_pages: Vec<&str> = urls
        .iter()
        .map(|u| u.0.as_str())
        .filter(|u| u.contains("/archive/2024/"))
        .collect();
    assert_eq!(
        year_pages,
        [
            "https://example.org/archive/2024/",
            "https://example.org/archive/2024/page/2/",
            "https://example.org/archive/2024/page/3/",
            "https://example.org/en/archive/2024/",
            "https://example.org/en/archive/2024/page/2/",
        ]
    );
    let find = |loc: &str| urls.iter().find(|u| u.0 == loc).unwrap();
    let ko2 = "https://example.org/archive/2024/page/2/";
    let en2 = "https://example.org/en/archive/2024/page/2/";
    let pair = vec![
        ("ko".to_string(), ko2.to_string()),
        ("en".to_string(), en2.to_string()),
        ("x-default".to_string(), ko2.to_string()),
    ];
    assert_eq!(find(ko2).2, pair);
    assert_eq!(find(en2).2, pair);
    // Every page of a year changes with the newest release of that year.
    assert_eq!(find(ko2).1.as_deref(), Some("2024-05-15T00:00:00+09:00"));
    assert_eq!(find(en2).1.as_deref(), Some("2024-03-15T00:00:00+09:00"));
    // Korean page 3 points at the last English page, 2, which points back at Korean
    // page 2: only pages that name each other get alternates.
    assert!(find("https://example.org/archive/2024/page/3/")
        .2
        .is_empty());
}

#[test]
fn a_large_site_gets_a_sitemap_index() {
    let s = fixture("basic");
    let built = gongbo::render_site(&s.options()).unwrap_or_else(|d| panic!("{d}"));
    let max = 4;
    let files = gongbo::emit::sitemap::files(&built.site.config, &built.pages, max);
    let text = |i: usize| match &files[i].content {
        OutputContent::Bytes(b) => String::from_utf8(b.clone()).unwrap(),
        OutputContent::Copy(_) => panic!("generated"),
    };
    let n = built.pages.len().div_ceil(max);
    assert!(n > 2);
    assert_eq!(files.len(), n + 1);
    assert_eq!(files[0].path, "sitemap.xml");
    let index_text = text(0);
    let index = roxmltree::Document::parse(&index_text).unwrap();
    let root = index.root_element();
    assert_eq!(root.tag_name().name(), "sitemapindex");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    let locs: Vec<&str> = root
        .descendants()
        .filter(|e| e.tag_name().name() == "loc")
        .map(|e| e.text().unwrap())
        .collect();
    let expected: Vec<String> = (1..=n)
        .map(|k| format!("https://example.org/sitemap-{k}.xml"))
        .collect();
    assert_eq!(locs, expected);
    let mut all = BTreeSet::new();
    for (k, f) in files.iter().enumerate().skip(1) {
        assert_eq!(f.path, format!("sitemap-{k}.xml"));
        let urls = sitemap_urls(&text(k));
        assert!(!urls.is_empty() && urls.len() <= max);
        all.extend(urls.into_iter().map(|u| u.0));
    }
    // The same pages as the single sitemap of the real build.
    let single = gongbo::emit::sitemap::files(&built.site.config, &built.pages, 50_000);
    assert_eq!(single.len(), 1);
    assert_eq!(all.len(), built.pages.len());
}

fn json_ld(doc: &Html) -> (String, Vec<Value>) {
    let scripts: Vec<String> = doc
        .select(&sel("script:not([src])"))
        .map(|s| {
            assert_eq!(s.value().attr("type"), Some("application/ld+json"));
            s.inner_html()
        })
        .collect();
    assert_eq!(scripts.len(), 1, "one JSON-LD script and no other script");
    let v: Value = serde_json::from_str(&scripts[0]).unwrap();
    assert_eq!(v["@context"], "https://schema.org");
    (scripts[0].clone(), v["@graph"].as_array().unwrap().clone())
}

fn of_type<'a>(graph: &'a [Value], ty: &str) -> &'a Value {
    graph
        .iter()
        .find(|n| n["@type"] == ty)
        .unwrap_or_else(|| panic!("no {ty} in {graph:?}"))
}

#[test]
fn release_pages_carry_open_graph_and_news_article() {
    let site = Built::new("basic", None);
    let doc = site.html("en/releases/2024-05-01-special/index.html");
    let url = "https://example.org/en/releases/2024-05-01-special/";
    assert_eq!(attr(&doc, "link[rel=canonical]", "href").unwrap(), url);
    assert_eq!(og(&doc, "og:type"), ["article"]);
    assert_eq!(og(&doc, "og:title"), [SPECIAL_EN]);
    assert_eq!(og(&doc, "og:url"), [url]);
    assert_eq!(og(&doc, "og:site_name"), ["Test Bulletin"]);
    assert_eq!(og(&doc, "og:locale"), ["en_US"]);
    assert_eq!(og(&doc, "og:locale:alternate"), ["ko_KR"]);
    assert_eq!(
        og(&doc, "og:image"),
        ["https://example.org/images/plan.svg"]
    );
    assert_eq!(
        og(&doc, "og:image:alt"),
        ["Site plan \"draft\" & <overview>"]
    );
    assert_eq!(
        og(&doc, "article:published_time"),
        ["2024-05-01T10:00:00+09:00"]
    );
    assert_eq!(
        og(&doc, "article:modified_time"),
        ["2024-06-15T09:30:00+09:00"]
    );
    assert_eq!(
        attr(&doc, "meta[name=description]", "content").unwrap(),
        "Summary: 5 < 6 & \"quoted\" 🚀"
    );

    let (raw, graph) = json_ld(&doc);
    assert!(!raw.contains('<'), "`<` must be escaped: {raw}");
    let a = of_type(&graph, "NewsArticle");
    assert_eq!(a["headline"], SPECIAL_EN);
    assert_eq!(a["datePublished"], "2024-05-01T10:00:00+09:00");
    assert_eq!(a["dateModified"], "2024-06-15T09:30:00+09:00");
    assert_eq!(a["inLanguage"], "en");
    assert_eq!(a["mainEntityOfPage"]["@id"], url);
    for who in ["author", "publisher"] {
        assert_eq!(a[who]["@type"], "GovernmentOrganization");
        assert_eq!(a[who]["name"], "Test City <Press> & Co");
        assert_eq!(a[who]["url"], "https://city.example.org/");
    }
    assert_eq!(a["image"]["url"], "https://example.org/images/plan.svg");
    assert_eq!(a["isBasedOn"][0]["@type"], "CreativeWork");
    assert_eq!(
        a["isBasedOn"][0]["url"],
        "https://news.example.com/a?x=1&y=2"
    );
    assert_eq!(a["isBasedOn"][0]["name"], "Original report \"A\" & B");
    assert_eq!(
        a["license"]["url"],
        "https://www.kogl.or.kr/info/licenseType2.do"
    );
    assert!(a["license"]["name"].as_str().unwrap().contains("Type 2"));

    let crumbs = of_type(&graph, "BreadcrumbList")["itemListElement"]
        .as_array()
        .unwrap()
        .clone();
    let items: Vec<(i64, &str, &str)> = crumbs
        .iter()
        .map(|c| {
            (
                c["position"].as_i64().unwrap(),
                c["name"].as_str().unwrap(),
                c["item"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (1, "Home", "https://example.org/en/"),
            (2, "Press releases", "https://example.org/en/releases/"),
            (3, SPECIAL_EN, url),
        ]
    );

    // A release without a translation names no alternate locale.
    let doc = site.html("releases/2024-01-10-first/index.html");
    assert_eq!(og(&doc, "og:locale"), ["ko_KR"]);
    assert!(og(&doc, "og:locale:alternate").is_empty());
    assert!(og(&doc, "og:image").is_empty());
}

#[test]
fn home_pages_describe_the_website_and_organisation() {
    let site = Built::new("basic", None);
    for (file, lang, name) in [
        ("index.html", "ko", "시험시 \"공보실\""),
        ("en/index.html", "en", "Test City <Press> & Co"),
    ] {
        let doc = site.html(file);
        assert_eq!(og(&doc, "og:type"), ["website"]);
        assert_eq!(og(&doc, "og:url"), [site.url_of(file)]);
        let (raw, graph) = json_ld(&doc);
        assert!(!raw.contains('<'));
        let w = of_type(&graph, "WebSite");
        assert_eq!(w["url"], site.url_of(file));
        assert_eq!(w["inLanguage"], lang);
        let o = of_type(&graph, "GovernmentOrganization");
        assert_eq!(o["name"], name);
        assert_eq!(o["url"], "https://city.example.org/");
    }
    // Other pages: website, with breadcrumbs as JSON-LD where they show breadcrumbs.
    let doc = site.html("en/tags/ai/index.html");
    assert_eq!(og(&doc, "og:type"), ["website"]);
    let (_, graph) = json_ld(&doc);
    let last = of_type(&graph, "BreadcrumbList")["itemListElement"][2].clone();
    assert_eq!(last["item"], "https://example.org/en/tags/ai/");
    assert_eq!(last["name"], "AI & \"Data\" <centre>");
}

#[test]
fn a_sub_path_site_keeps_every_link_under_its_path() {
    let site = Built::new("subpath", None);
    let base = "https://example.org/ai/";
    for file in site.html_files() {
        let doc = site.html(&file);
        for e in doc.select(&sel("[href], [src]")) {
            for name in ["href", "src"] {
                let Some(v) = e.value().attr(name) else {
                    continue;
                };
                if v.starts_with('/') {
                    assert!(v.starts_with("/ai/"), "{file}: {name}={v}");
                    let target = site.file_of(&format!("https://example.org{v}"));
                    assert!(site.s.exists(&target), "{file}: {name}={v} is not written");
                }
                if v.starts_with("https://example.org") {
                    assert!(v.starts_with(base), "{file}: {name}={v}");
                }
            }
        }
        if file != "404.html" {
            let canonical = attr(&doc, "link[rel=canonical]", "href").unwrap();
            assert_eq!(canonical, site.url_of(&file));
            assert_eq!(og(&doc, "og:url"), [canonical]);
        }
    }
    for path in ["atom.xml", "en/atom.xml", "tags/budget/atom.xml"] {
        let feed = site.feed(path);
        assert_eq!(feed.id, format!("{base}{path}"));
        for e in &feed.entries {
            assert!(e.id.starts_with(base), "{}", e.id);
            let body = e.content.as_ref().unwrap().body.clone().unwrap();
            let html = Html::parse_fragment(&body);
            for u in attrs(&html, "a", "href")
                .into_iter()
                .chain(attrs(&html, "img", "src"))
            {
                assert!(u.starts_with(base), "{path}: {u}");
            }
        }
    }
    let ko = site.feed("atom.xml");
    let body = ko.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .clone()
        .unwrap();
    let hrefs = attrs(&Html::parse_fragment(&body), "a", "href");
    assert!(hrefs.contains(&format!("{base}releases/2024-02-01-start/")));
    assert!(hrefs.contains(&format!("{base}releases/2024-05-01-plan/#note")));
    for (loc, _, links) in sitemap_urls(&site.read("sitemap.xml")) {
        assert!(loc.starts_with(base), "{loc}");
        assert!(links.iter().all(|(_, h)| h.starts_with(base)));
    }
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://example.org/ai/sitemap.xml\n"));
}

#[test]
fn base_url_override_changes_only_absolute_urls() {
    let plain = Built::new("subpath", None);
    let mirror = Built::new("subpath", Some("https://mirror.example.net/ai/"));
    assert_eq!(plain.files(), mirror.files());
    let mut changed = 0;
    for f in plain.files() {
        let a = std::fs::read(plain.s.out().join(&f)).unwrap();
        let b = std::fs::read(mirror.s.out().join(&f)).unwrap();
        let (Ok(a), Ok(b)) = (String::from_utf8(a.clone()), String::from_utf8(b.clone())) else {
            assert_eq!(a, b, "{f}");
            continue;
        };
        if a != b {
            changed += 1;
        }
        assert_eq!(
            b.replace("https://mirror.example.net/ai/", "https://example.org/ai/"),
            a,
            "{f} differs in more than its absolute URLs"
        );
    }
    assert!(changed > 10, "the override changed only {changed} files");
    assert!(mirror
        .read("atom.xml")
        .contains("<id>https://mirror.example.net/ai/atom.xml</id>"));
}
