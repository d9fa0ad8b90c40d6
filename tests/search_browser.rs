//! Issue 6: the search page in headless Chromium. Builds the search fixture, serves it on
//! 127.0.0.1 (random port, `Content-Security-Policy: default-src 'self'`) with the tests'
//! file server (`tests/support/serve.rs`), and runs `node tests/browser/search.test.mjs`.
//!
//! Needs `node`, `/usr/bin/chromium` and `tests/browser/node_modules` (`npm ci` there):
//! without them it fails naming the install commands; `GONGBO_SKIP_TESTS=browser` skips
//! it on purpose, counted as ignored (tests/support/tools.rs).

mod support;

use std::path::{Path, PathBuf};

use support::serve::Server;
use support::tools::{self, Tool};
use support::{repo, SiteTest};

/// The tokenizer cases and the query fixture as one JSON file for the script.
fn fixture_json(dir: &Path) -> PathBuf {
    let read = |rel: &str| -> toml::Value {
        toml::from_str(&std::fs::read_to_string(repo().join(rel)).unwrap()).unwrap()
    };
    let spec = read("tests/fixtures/search/tokenizer.toml");
    let queries = read("tests/fixtures/search/queries.toml");
    let json = serde_json::json!({
        "tokenizer": spec["case"],
        "shards": spec["shard"],
        "queries": queries["query"],
    });
    let path = dir.join("search-fixture.json");
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    path
}

#[test]
#[cfg_attr(gongbo_skip_browser, ignore = "GONGBO_SKIP_TESTS=browser")]
fn search_in_headless_chromium() {
    tools::require(&[Tool::Node, Tool::Chromium, Tool::BrowserModules]);
    let site = SiteTest::from_fixture("search/site");
    site.build();
    let fixture = fixture_json(site.root());
    let server = Server::start(&site.out());
    let out = std::process::Command::new("node")
        .arg(repo().join("tests/browser/search.test.mjs"))
        .arg(server.url())
        .arg(&fixture)
        .arg(repo().join("themes/default/static/search.js"))
        .output()
        .unwrap();
    drop(server);
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the browser test failed");
}
