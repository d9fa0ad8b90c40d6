//! Issue 5: the default theme in a real browser. Builds the real site, serves it on
//! 127.0.0.1 with `Content-Security-Policy: default-src 'self'`, and runs
//! `tests/browser/a11y.test.mjs` in Debian's headless Chromium (axe-core on every kind of
//! page in both languages, keyboard walk, language switcher, print, 375/320 px reflow,
//! screenshots into `target/browser-artifacts/`; issue 15: a release's press photos on a
//! 390 px phone — the copy it takes, its bytes, the lazy gallery, no layout shift), and
//! `tests/browser/tracker.test.mjs`
//! (issue 17: the milestone timeline, the home summary, layout shift, the citizen pages).
//! Also validates the markup with the Nu Html Checker and checks page weight.
//!
//! The browser and the checker are system tools: when one is missing the test fails and
//! names the command that installs it (`.ci/install-test-tools` installs them all);
//! `GONGBO_SKIP_TESTS=browser,nu` skips these tests on purpose, counted as ignored
//! (tests/support/tools.rs).

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::tools::{self, Tool};

fn build_real_site() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let opts = gongbo::BuildOptions {
        root: support::repo(),
        output: public.clone(),
        base_url: None,
        drafts: false,
        now_unix: support::NOW,
        home: None,
    };
    gongbo::build(&opts).unwrap_or_else(|d| panic!("{d}"));
    (out, public)
}

/// Runs `tests/browser/<script>` in headless Chromium against the real site, served with
/// the strict CSP, with screenshots into `target/browser-artifacts/<artifacts>`; fails
/// with the failed checks' lines. The caller has required the tools (tests/support/tools.rs).
fn run_browser_script(script: &str, artifacts: &str) -> PathBuf {
    let browser_dir = support::repo().join("tests/browser");
    let chromium = tools::chromium();
    let (_keep, public) = build_real_site();
    let server = support::serve::Server::start(&public);
    let url = server.url();
    let artifacts = support::repo()
        .join("target/browser-artifacts")
        .join(artifacts);
    let out = Command::new("node")
        .arg(browser_dir.join(script))
        .arg(&url)
        .arg(&artifacts)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    drop(server);
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "browser checks failed:\n{}",
        stdout
            .lines()
            .filter(|l| !l.starts_with("ok"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    artifacts
}

#[test]
#[cfg_attr(gongbo_skip_browser, ignore = "GONGBO_SKIP_TESTS=browser")]
fn accessibility_keyboard_switcher_and_reflow_in_chromium() {
    tools::require(&[Tool::Chromium, Tool::Node, Tool::BrowserModules]);
    let artifacts = run_browser_script("a11y.test.mjs", "");
    assert!(
        artifacts.join("release-375.png").exists() && artifacts.join("release-1280.png").exists()
    );
}

/// Issue 17: the milestone timeline read from the rendered DOM at 390 and 1280 px and in
/// print (labels visible inside the chart, none overlapping, the chart within the
/// viewport, a delayed milestone's planned and current marks), late completion in both
/// languages, the home summary's links, no layout shift as search results arrive, no
/// console error on any page, the citizen pages' edges; screenshots of the home,
/// milestones, milestone, release and search pages at 390 and 1280 px, light and dark,
/// into `target/browser-artifacts/tracker/`.
#[test]
#[cfg_attr(gongbo_skip_browser, ignore = "GONGBO_SKIP_TESTS=browser")]
fn milestone_tracker_and_citizen_pages_in_chromium() {
    tools::require(&[Tool::Chromium, Tool::Node, Tool::BrowserModules]);
    let artifacts = run_browser_script("tracker.test.mjs", "tracker");
    for page in ["home", "milestones", "milestone", "release", "search"] {
        for shot in ["390-light", "390-dark", "1280-light", "1280-dark"] {
            let png = artifacts.join(format!("{page}-{shot}.png"));
            assert!(png.exists(), "{} was not taken", png.display());
        }
    }
}

#[test]
#[cfg_attr(gongbo_skip_nu, ignore = "GONGBO_SKIP_TESTS=nu")]
fn markup_is_valid_for_the_nu_html_checker() {
    tools::require(&[Tool::Nu, Tool::Java]);
    let jar = tools::vnu_jar().expect("required above");
    let (_keep, public) = build_real_site();
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html"])
        .arg(&public)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stderr).replace(&public.display().to_string(), "");
    assert!(
        out.status.success() && report.trim().is_empty(),
        "Nu Html Checker errors:\n{report}"
    );
}

/// Issue 5, point 5: a typical release page is at most 30 KB of HTML and the one
/// stylesheet at most 25 KB; no page needs JavaScript. Issue 17: the milestone pages'
/// own stylesheet is at most 12 KB, and only the pages that show milestones load it.
#[test]
fn pages_are_light() {
    let (_keep, public) = build_real_site();
    let css = std::fs::metadata(public.join("style.css")).unwrap().len();
    assert!(css <= 25 * 1024, "style.css is {css} bytes");
    let tracker = std::fs::metadata(public.join("tracker.css")).unwrap().len();
    assert!(tracker <= 12 * 1024, "tracker.css is {tracker} bytes");
    let loads = |page: &str| {
        std::fs::read_to_string(public.join(page))
            .unwrap()
            .contains("/tracker.css\"")
    };
    assert!(loads("index.html") && loads("en/milestones/index.html"));
    assert!(loads("milestones/status/overdue/index.html"));
    assert!(
        !loads("releases/index.html") && !loads("releases/2021-11-22-groundbreaking/index.html")
    );
    for entry in std::fs::read_dir(public.join("releases"))
        .unwrap()
        .flatten()
    {
        let page = entry.path().join("index.html");
        if page.exists() && !entry.file_name().to_string_lossy().starts_with("page") {
            let len = std::fs::metadata(&page).unwrap().len();
            assert!(len <= 30 * 1024, "{} is {len} bytes", page.display());
        }
    }
}

/// One GET through a fresh connection: (status line, headers, body).
fn get(url: &str, path: &str) -> (String, String, String) {
    use std::io::{Read, Write};
    let addr = url.strip_prefix("http://").unwrap();
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let (status, headers) = head.split_once("\r\n").unwrap();
    (status.to_string(), headers.to_string(), body.to_string())
}

/// The browser tests' file server (tests/support/serve.rs), which needs no browser:
/// loopback only, folder indexes, the site's 404 page, the strict CSP, nothing outside the
/// served folder, and no listener left once the guard is dropped.
#[test]
fn the_test_file_server_serves_the_site_and_stops_when_dropped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), "outside").unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("sub")).unwrap();
    std::fs::write(site.join("index.html"), "home").unwrap();
    std::fs::write(site.join("sub/index.html"), "sub").unwrap();
    std::fs::write(site.join("404.html"), "not here").unwrap();
    std::fs::write(site.join("data.json"), "{}").unwrap();
    std::fs::write(site.join("한글.txt"), "korean").unwrap();

    let server = support::serve::Server::start(&site);
    let url = server.url();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let (status, headers, body) = get(&url, "/");
    assert_eq!(
        (status.as_str(), body.as_str()),
        ("HTTP/1.1 200 OK", "home")
    );
    assert!(
        headers.contains("Content-Type: text/html; charset=utf-8"),
        "{headers}"
    );
    assert!(
        headers.contains("Content-Security-Policy: default-src 'self'"),
        "{headers}"
    );
    assert_eq!(get(&url, "/sub/").2, "sub");
    let (_, headers, body) = get(&url, "/data.json?q=1#x");
    assert_eq!(body, "{}");
    assert!(
        headers.contains("Content-Type: application/json"),
        "{headers}"
    );
    assert_eq!(get(&url, "/%ED%95%9C%EA%B8%80.txt").2, "korean");
    for path in [
        "/missing/",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/sub/..%2F..%2Fsecret.txt",
        "/..%5Csecret.txt",
    ] {
        let (status, _, body) = get(&url, path);
        assert_eq!(
            (status.as_str(), body.as_str()),
            ("HTTP/1.1 404 Not Found", "not here"),
            "{path}"
        );
    }
    drop(server);
    let addr = url.strip_prefix("http://").unwrap();
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "the server still listens after it was dropped"
    );
}
