//! Issue 17, point 5: the citizen pages' edges, read from the real site's HTML (the
//! browser half, print and layout, is in `tests/browser/tracker.test.mjs`).

mod support;

use serde_json::Value;
use support::{Page, NOW};

struct Real {
    _dir: tempfile::TempDir,
    out: std::path::PathBuf,
}

impl Real {
    fn build() -> Real {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let opts = gongbo::BuildOptions {
            root: support::repo(),
            output: out.clone(),
            base_url: None,
            drafts: false,
            now_unix: NOW,
            home: None,
        };
        gongbo::build(&opts).unwrap_or_else(|d| panic!("{d}"));
        Real { _dir: dir, out }
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn html(&self, rel: &str) -> Page {
        Page(scraper::Html::parse_document(&self.read(rel)))
    }
}

#[test]
fn every_release_card_names_its_department() {
    let site = Real::build();
    for (page, dept) in [
        ("index.html", "인공지능산업실"),
        ("releases/index.html", "인공지능산업실"),
        ("tags/data-center/index.html", "인공지능산업실"),
        ("archive/2023/index.html", "인공지능산업실"),
        ("milestones/testbed-buildings/index.html", "인공지능산업실"),
        ("en/index.html", "AI Industry Office"),
        ("en/releases/index.html", "AI Industry Office"),
    ] {
        let doc = site.html(page);
        let cards = doc.count(".cards .card");
        assert!(cards > 0, "{page}: no cards");
        let depts = doc.texts(".cards .card .card-meta .card-dept");
        assert_eq!(depts.len(), cards, "{page}");
        let label = if page.starts_with("en/") {
            "Department"
        } else {
            "담당 부서"
        };
        assert!(
            depts.iter().all(|d| d == &format!("{label}: {dept}")),
            "{page}: {depts:?}"
        );
        // The label is for screen readers; the eye sees the department alone.
        assert_eq!(doc.count(".card-dept .visually-hidden"), cards, "{page}");
    }
}

#[test]
fn search_results_carry_the_department() {
    let site = Real::build();
    let docs: Value = serde_json::from_str(&site.read("search/index/d/0.json")).unwrap();
    let docs = docs.as_array().unwrap();
    let releases: Vec<&Value> = docs
        .iter()
        .filter(|d| d["u"].as_str().unwrap().starts_with("/releases/"))
        .collect();
    assert!(!releases.is_empty());
    assert!(
        releases.iter().all(|d| d["p"] == "인공지능산업실"),
        "{releases:?}"
    );
    // Pages have no department, and no empty field for it.
    let about = docs.iter().find(|d| d["u"] == "/about/").unwrap();
    assert!(about.get("p").is_none(), "{about}");
    let en: Value = serde_json::from_str(&site.read("en/search/index/d/0.json")).unwrap();
    assert!(en
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["p"] == "AI Industry Office"));
}

#[test]
fn an_attachment_names_its_format_once() {
    let site = Real::build();
    let ko = site.html("releases/2021-11-22-groundbreaking/index.html");
    let label = ko.text(".attachments a");
    assert!(
        label.starts_with("착공 개요 자료 (PDF, 1쪽, 영문, ") && label.ends_with(" KB)"),
        "{label}"
    );
    assert_eq!(label.matches("PDF").count(), 1, "{label}");
    let en = site.html("en/releases/2021-11-22-groundbreaking/index.html");
    let label = en.text(".attachments a");
    assert!(
        label.starts_with("Groundbreaking overview (PDF, 1 page, "),
        "{label}"
    );
}

#[test]
fn every_page_names_an_svg_icon_with_a_png_fallback() {
    let site = Real::build();
    for page in [
        "index.html",
        "en/index.html",
        "releases/2021-11-22-groundbreaking/index.html",
        "milestones/status/overdue/index.html",
        "search/index.html",
        "404.html",
    ] {
        let doc = site.html(page);
        assert_eq!(
            doc.attrs("link[rel=icon]", "href"),
            ["/favicon.png", "/favicon.svg"],
            "{page}"
        );
        assert_eq!(
            doc.attrs("link[rel=icon]", "type"),
            ["image/png", "image/svg+xml"],
            "{page}"
        );
    }
    let svg = site.read("favicon.svg");
    roxmltree::Document::parse(&svg).expect("the icon is well-formed SVG");
    assert!(!svg.contains("<script") && !svg.contains("href"), "{svg}");
    let png = std::fs::read(site.out.join("favicon.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian, right after the chunk's length and type.
    assert_eq!(&png[12..16], b"IHDR");
    assert_eq!(
        (
            u32::from_be_bytes(png[16..20].try_into().unwrap()),
            u32::from_be_bytes(png[20..24].try_into().unwrap())
        ),
        (32, 32)
    );
}

/// Only full addresses are printed: the stylesheet no longer prints a site-relative
/// `href`, and print.js gives the site's own links in the content their full address.
#[test]
fn print_shows_full_addresses_and_no_table_of_contents() {
    let site = Real::build();
    let css = site.read("style.css");
    let print = &css[css.find("@media print").unwrap()..];
    assert!(!print.contains(r#"a[href^="/"]::after"#), "{print}");
    assert!(
        print.contains(r#"a[data-print-url]::after { content: " (" attr(data-print-url) ")"; }"#)
    );
    assert!(
        print.contains(".toc,"),
        "the table of contents is hidden in print"
    );
    let js = site.read("print.js");
    assert!(js.contains(r#"link[rel="canonical"]"#) && js.contains("data-print-url"));
    // The English highlight lines are bullets, not the Korean "- … -".
    assert!(css.contains(r#".highlights li:lang(en)::before { content: "• ""#));
}
