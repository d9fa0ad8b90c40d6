//! Issue 6: search that understands Korean. The tokenizer against the shared spec, the
//! index files and pages the build writes, and the quality of the query fixture measured
//! with the Rust query side (the browser runs the same fixture in search_browser.rs).

mod support;

use serde::Deserialize;
use std::collections::BTreeSet;

use gongbo::search::query::{parse_shard, search};
use gongbo::search::tokenize::{index_terms, query_words, shard_of, QueryTerm};
use support::{repo, SiteTest};

#[derive(Deserialize)]
struct Spec {
    case: Vec<Case>,
    shard: Vec<ShardCase>,
}

#[derive(Deserialize)]
struct ShardCase {
    term: String,
    shards: u32,
    n: u32,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    index: Vec<String>,
    query: Vec<String>,
}

#[derive(Deserialize)]
struct Queries {
    query: Vec<Query>,
}

#[derive(Deserialize)]
pub struct Query {
    pub lang: String,
    pub q: String,
    pub expect: Vec<String>,
}

fn read_toml<T: serde::de::DeserializeOwned>(rel: &str) -> T {
    toml::from_str(&std::fs::read_to_string(repo().join(rel)).unwrap()).unwrap()
}

#[test]
fn tokenizer_follows_the_shared_spec() {
    let spec: Spec = read_toml("tests/fixtures/search/tokenizer.toml");
    for c in spec.case {
        assert_eq!(index_terms(&c.text), c.index, "index terms of {:?}", c.text);
        let words: Vec<String> = query_words(&c.text)
            .into_iter()
            .map(|w| match w.term {
                QueryTerm::All(t) => format!("={} @{}", t.join(" "), w.mark),
                QueryTerm::Prefix(p) => format!("^{p} @{}", w.mark),
            })
            .collect();
        assert_eq!(words, c.query, "query words of {:?}", c.text);
    }
    for c in spec.shard {
        assert_eq!(shard_of(&c.term, c.shards), c.n, "shard of {:?}", c.term);
    }
}

/// Last part of a URL path: `/en/releases/x/` → `x`.
fn slug(url: &str) -> String {
    url.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn run(site: &SiteTest, lang: &str, q: &str) -> Vec<String> {
    let dir = site
        .out()
        .join(if lang == "en" { "en/" } else { "" })
        .join("search/index");
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json")).unwrap()).unwrap();
    let shards = meta["shards"].as_u64().unwrap() as u32;
    let mut load = |n: u32| {
        parse_shard(&std::fs::read_to_string(dir.join(format!("s/{n}.json"))).unwrap()).unwrap()
    };
    search(q, shards, &mut load)
        .into_iter()
        .map(|h| {
            let chunk = meta["chunk"].as_u64().unwrap() as u32;
            let group: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join(format!("d/{}.json", h.doc / chunk))).unwrap(),
            )
            .unwrap();
            let doc = &group[(h.doc % chunk) as usize];
            slug(doc["u"].as_str().unwrap())
        })
        .collect()
}

#[test]
fn query_fixture_recall_and_precision() {
    let site = SiteTest::from_fixture("search/site");
    site.build();
    let queries: Queries = read_toml("tests/fixtures/search/queries.toml");
    assert!(queries.query.len() >= 40);
    let (mut expected, mut returned, mut right) = (0, 0, 0);
    let mut failures = Vec::new();
    for q in &queries.query {
        let got = run(&site, &q.lang, &q.q);
        let got_set: BTreeSet<&String> = got.iter().collect();
        let want: BTreeSet<&String> = q.expect.iter().collect();
        expected += want.len();
        returned += got_set.len();
        right += want.intersection(&got_set).count();
        if !want.is_subset(&got_set) || (want.is_empty() && !got.is_empty()) {
            failures.push(format!(
                "{} {:?}: want {:?}, got {:?}",
                q.lang, q.q, want, got
            ));
        }
    }
    let recall = right as f64 / expected as f64;
    let precision = right as f64 / returned.max(1) as f64;
    eprintln!(
        "search quality over {} queries: recall {recall:.3} ({right}/{expected}), precision {precision:.3} ({right}/{returned})",
        queries.query.len()
    );
    assert!(
        failures.is_empty(),
        "queries that failed:\n{}",
        failures.join("\n")
    );
    assert!(precision >= 0.9, "precision {precision:.3} below 0.9");
}

#[test]
fn title_matches_rank_above_body_matches_then_newer_first() {
    let site = SiteTest::from_fixture("search/site");
    site.build();
    // 센터: in the title of datacenter-open only; gpu-supply (2024) is newer than
    // committee (2025 is newer still) – both only in summary/tags or body.
    let got = run(&site, "ko", "센터");
    assert_eq!(got[0], "datacenter-open");
    // Same field for both: the newer release first.
    assert_eq!(run(&site, "ko", "실증"), ["mobility", "startup-support"]);
    // "open" itself in the oldest title beats "opens" in two newer titles, which keep
    // newest first between them; "open" in a summary comes after every title.
    assert_eq!(
        run(&site, "en", "open"),
        [
            "open-records",
            "education",
            "datacenter-open",
            "startup-support"
        ]
    );
    // The stored snippet text stops before "municipal" at the end of open-records (the
    // browser then reads the page for a marked snippet; tests/browser/search.test.mjs).
    assert_eq!(run(&site, "en", "municipal"), ["open-records"]);
    let group = site.read("en/search/index/d/0.json");
    assert!(group.contains("Meeting minutes go on a public portal."));
    assert!(!group.contains("municipal"), "{group}");
    // The word itself only in the body does not lift a title that has a longer word.
    assert_eq!(run(&site, "en", "train")[0], "education");
}

#[test]
fn search_pages_exist_in_both_languages_and_work_without_script() {
    let site = SiteTest::from_fixture("search/site");
    site.build();
    for (path, lang, action, other) in [
        (
            "search/index.html",
            "ko",
            "/search/",
            "https://example.org/en/search/",
        ),
        (
            "en/search/index.html",
            "en",
            "/en/search/",
            "https://example.org/search/",
        ),
    ] {
        let page = site.html(path);
        assert_eq!(page.attr("html", "lang").as_deref(), Some(lang));
        assert_eq!(
            page.attr("main form[role=search]", "action").as_deref(),
            Some(action)
        );
        assert_eq!(
            page.attr("main form[role=search]", "method").as_deref(),
            Some("get")
        );
        assert_eq!(
            page.attr("main form input[type=search]", "name").as_deref(),
            Some("q")
        );
        assert!(page
            .attrs("link[rel=alternate][hreflang]", "href")
            .contains(&other.to_string()));
        // The script is a separate deferred file; no inline script, no style attributes.
        assert_eq!(page.attr("script[src]", "defer").as_deref(), Some(""));
        assert!(page
            .attrs("script[src]", "src")
            .iter()
            .any(|s| s.ends_with("/search.js")));
        assert_eq!(
            page.count("script:not([src]):not([type='application/ld+json'])"),
            0
        );
        assert_eq!(page.count("[style]"), 0);
        // Status region for screen readers, strings for the script, a no-script fallback.
        assert_eq!(
            page.attr("#search-status", "aria-live").as_deref(),
            Some("polite")
        );
        assert!(page
            .attr("#search-app", "data-s-results-many")
            .unwrap()
            .contains("{n}"));
        assert_eq!(page.count("#search-nojs a"), 2);
    }
    assert_eq!(
        site.html("en/search/index.html")
            .attr("#search-app", "data-s-results-many")
            .as_deref(),
        Some("{n} results")
    );
    assert!(site.exists("search.js"));
}

#[test]
fn every_page_has_a_search_box_for_its_language() {
    let site = SiteTest::from_fixture("search/site");
    site.build();
    for (path, action) in [
        ("index.html", "/search/"),
        ("releases/gpu-supply/index.html", "/search/"),
        ("en/index.html", "/en/search/"),
        ("en/tags/index.html", "/en/search/"),
    ] {
        let page = site.html(path);
        assert_eq!(
            page.attr("header form[role=search]", "action").as_deref(),
            Some(action),
            "{path}"
        );
        assert_eq!(
            page.count("header form label[for=site-search-q]"),
            1,
            "{path}"
        );
    }
}

#[test]
fn index_files_are_per_language_and_hold_no_other_language() {
    let site = SiteTest::from_fixture("search/site");
    site.build();
    let meta: serde_json::Value =
        serde_json::from_str(&site.read("en/search/index/meta.json")).unwrap();
    assert_eq!(meta["docs"], 10); // 9 releases and the about page
    assert!(site
        .read("en/search/index/d/0.json")
        .contains("/en/releases/committee/"));
    assert!(site
        .read("search/index/d/0.json")
        .contains("\"/releases/committee/\""));
}
