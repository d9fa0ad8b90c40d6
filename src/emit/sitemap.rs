//! The sitemap (`sitemap.xml`) and `robots.txt`.
//!
//! Input: the [`PageRecord`] of every HTML page the render stage wrote (the 404 page has
//! none); output: [`OutputFile`]s. Each page becomes a `<url>` with its absolute,
//! XML-escaped `<loc>`, its `<lastmod>` (W3C datetime, site offset) when known, and, when
//! its translation exists, `xhtml:link` alternates for both languages and `x-default`
//! (the Korean page). Above [`MAX_URLS`] pages, `sitemap.xml` becomes a sitemap index
//! pointing to `sitemap-1.xml`, `sitemap-2.xml`, … of at most that many pages each.

use super::xml::Xml;
use crate::config::Config;
use crate::time::rfc3339;
use crate::types::{Lang, OutputFile, PageRecord};

/// The most URLs one sitemap file may list (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// `sitemap.xml`, and the files of a sitemap index when there are more than `max_urls`
/// pages. Pages are listed by path.
pub fn files(config: &Config, pages: &[PageRecord], max_urls: usize) -> Vec<OutputFile> {
    let max_urls = max_urls.max(1);
    let mut pages: Vec<&PageRecord> = pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    if pages.len() <= max_urls {
        return vec![OutputFile::bytes("sitemap.xml", urlset(config, &pages))];
    }
    let mut files = Vec::new();
    let mut x = Xml::document();
    x.open("sitemapindex", &[("xmlns", SITEMAP_NS)]);
    for (n, chunk) in pages.chunks(max_urls).enumerate() {
        let path = format!("sitemap-{}.xml", n + 1);
        x.open("sitemap", &[]);
        x.text("loc", &[], &loc(config, &path));
        if let Some(t) = chunk.iter().filter_map(|p| p.lastmod).max() {
            x.text("lastmod", &[], &rfc3339(&t));
        }
        x.close();
        files.push(OutputFile::bytes(path, urlset(config, chunk)));
    }
    x.close();
    files.insert(0, OutputFile::bytes("sitemap.xml", x.finish()));
    files
}

fn urlset(config: &Config, pages: &[&PageRecord]) -> String {
    let mut x = Xml::document();
    x.open(
        "urlset",
        &[("xmlns", SITEMAP_NS), ("xmlns:xhtml", XHTML_NS)],
    );
    for p in pages {
        x.open("url", &[]);
        x.text("loc", &[], &loc(config, &p.path));
        if let Some(t) = p.lastmod {
            x.text("lastmod", &[], &rfc3339(&t));
        }
        if let Some(other) = &p.translation {
            let (ko, en) = match p.lang {
                Lang::Ko => (&p.path, other),
                Lang::En => (other, &p.path),
            };
            for (hreflang, path) in [("ko", ko), ("en", en), ("x-default", ko)] {
                x.empty(
                    "xhtml:link",
                    &[
                        ("rel", "alternate"),
                        ("hreflang", hreflang),
                        ("href", &loc(config, path)),
                    ],
                );
            }
        }
        x.close();
    }
    x.close();
    x.finish()
}

/// The absolute URL of a site-relative path, with non-ASCII characters (Korean slugs)
/// percent-encoded as the sitemap protocol asks.
fn loc(config: &Config, path: &str) -> String {
    let url = config.abs_url(path);
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `robots.txt`: everything may be crawled; the sitemap's absolute URL.
pub fn robots(config: &Config) -> OutputFile {
    OutputFile::bytes(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            loc(config, "sitemap.xml")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_paths_are_percent_encoded() {
        let text = "base_url = \"https://example.org/ai/\"\n[languages.ko]\ntitle = \"가\"\n[languages.en]\ntitle = \"A\"\n[organization]\nurl = \"https://example.org/\"\nname = { ko = \"시\", en = \"City\" }\n";
        let config = crate::config::parse(text, None).unwrap();
        assert_eq!(
            loc(&config, "releases/인공지능/"),
            "https://example.org/ai/releases/%EC%9D%B8%EA%B3%B5%EC%A7%80%EB%8A%A5/"
        );
    }
}
