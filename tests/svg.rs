//! Issue 13, point 4: SVGs under content/ run as documents of the site's origin when
//! opened directly. `tests/fixtures/hostile/svg/cases.toml` lists the tricks that a text
//! scan missed (a namespace prefix, an entity, a DTD attribute default, an XHTML
//! `iframe srcdoc`, `xlink:href="javascript:"`, `<use href="data:">`, `<style>` with
//! `@import`, an animation that changes a link), each with the error gongbo must give and
//! what Chromium does with the file; and drawings that must pass.
//!
//! The browser test opens every file in Debian's headless Chromium, served without a
//! Content-Security-Policy (as most hosts serve a site): the accepted ones, as gongbo
//! copied them into the built site, must run and fetch nothing; the refused ones must do
//! what the list says (run script, fetch a file), which proves the browser test sees
//! what it looks for. Without node, Chromium or `tests/browser/node_modules` it fails
//! naming the install commands; `GONGBO_SKIP_TESTS=browser` skips it on purpose,
//! counted as ignored (tests/support/tools.rs).

mod support;

use std::path::PathBuf;

use support::{repo, SiteTest};

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/hostile/svg")
}

struct Case {
    file: String,
    at: String,
    error: String,
    browser: String,
}

fn cases() -> (Vec<Case>, Vec<String>) {
    let text = std::fs::read_to_string(fixtures().join("cases.toml")).unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    let s = |t: &toml::Value, k: &str| t[k].as_str().unwrap().to_string();
    let refused = v["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| Case {
            file: s(t, "file"),
            at: s(t, "at"),
            error: s(t, "error"),
            browser: s(t, "browser"),
        })
        .collect();
    let accepted = v["accepted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| s(t, "file"))
        .collect();
    (refused, accepted)
}

/// The basic site with the given SVG fixtures (and the real site's drawing) in images/.
fn site_with(dir: &str, files: &[String]) -> SiteTest {
    let s = SiteTest::from_fixture("build/basic");
    for f in files {
        std::fs::copy(
            fixtures().join(dir).join(f),
            s.root().join("content/images").join(f),
        )
        .unwrap();
    }
    std::fs::copy(
        repo().join("content/images/cluster-site.svg"),
        s.root().join("content/images/cluster-site.svg"),
    )
    .unwrap();
    s
}

#[test]
fn every_svg_trick_is_refused_with_the_element_and_its_line() {
    let (refused, accepted) = cases();
    let names: Vec<String> = refused.iter().map(|c| c.file.clone()).collect();
    let s = site_with("refused", &names);
    let all = match s.try_build() {
        Ok(_) => panic!("the build should have failed"),
        Err(d) => d.to_string(),
    };
    for c in &refused {
        let want = format!(
            "content/images/{}:{}: error[E000]: {}",
            c.file, c.at, c.error
        );
        assert!(all.contains(&want), "expected\n{want}\nin\n{all}");
    }
    assert!(!all.contains("cluster-site.svg"), "{all}");
    // Nothing was written: the previous output (none) stays.
    assert!(!s.out().exists());
    // The accepted drawings build, and are published as they are.
    let s = site_with("accepted", &accepted);
    s.build();
    for f in &accepted {
        assert_eq!(
            std::fs::read(s.out().join("images").join(f)).unwrap(),
            std::fs::read(fixtures().join("accepted").join(f)).unwrap()
        );
    }
}

#[test]
#[cfg_attr(gongbo_skip_browser, ignore = "GONGBO_SKIP_TESTS=browser")]
fn accepted_svgs_run_nothing_in_chromium_and_refused_ones_would() {
    support::tools::require(&[
        support::tools::Tool::Node,
        support::tools::Tool::Chromium,
        support::tools::Tool::BrowserModules,
    ]);
    let (refused, accepted) = cases();
    let s = site_with("accepted", &accepted);
    s.build();
    // One folder served: what gongbo published, and the refused files as they were.
    let served = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(served.path().join("accepted")).unwrap();
    std::fs::create_dir_all(served.path().join("refused")).unwrap();
    let mut list = Vec::new();
    for f in accepted.iter().chain([&"cluster-site.svg".to_string()]) {
        std::fs::copy(
            s.out().join("images").join(f),
            served.path().join("accepted").join(f),
        )
        .unwrap();
        list.push(serde_json::json!({"path": format!("/accepted/{f}"), "expect": "safe"}));
    }
    for c in &refused {
        std::fs::copy(
            fixtures().join("refused").join(&c.file),
            served.path().join("refused").join(&c.file),
        )
        .unwrap();
        list.push(serde_json::json!({"path": format!("/refused/{}", c.file), "expect": c.browser}));
    }
    let cases_json = served.path().join("cases.json");
    std::fs::write(&cases_json, serde_json::to_vec(&list).unwrap()).unwrap();
    let server = support::serve::Server::start_without_csp(served.path());
    let out = std::process::Command::new("node")
        .arg(repo().join("tests/browser/svg.test.mjs"))
        .arg(server.url())
        .arg(&cases_json)
        .output()
        .unwrap();
    drop(server);
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "the SVG browser test failed:\n{stdout}"
    );
    let ok = stdout.lines().filter(|l| l.starts_with("ok ")).count();
    assert_eq!(ok, list.len(), "{stdout}");
}
