//! Issue 18: the web editor, without a browser. `gongbo cms config` writes the hosted
//! editor's configuration and `gongbo check` reports it once it no longer matches (W012);
//! `gongbo cms admin` writes the hosted editor with the pinned bundle; `gongbo serve`
//! serves the editor at /admin/ and speaks the CMS's local backend protocol at /api/v1,
//! writing only under content/, refusing paths out of it, links, refused names, other
//! sites and bodies over its bound. The browser test is tests/cms_browser.rs.

mod support;

use std::process::Command;

use base64::Engine as _;
use serde_json::json;
use support::running::Running;
use support::{SiteTest, NOW};

fn gongbo(args: &[&str], root: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout),
    )
}

#[test]
fn the_committed_configuration_is_checked_against_the_schema() {
    let s = SiteTest::from_fixture("cms/site");
    let (code, out) = gongbo(&["check"], s.root());
    assert_eq!(code, 0, "{out}");
    // No cms/config.yml: nothing to report.
    assert!(!out.contains("W012"), "{out}");
    let (code, out) = gongbo(&["cms", "config"], s.root());
    assert_eq!(code, 0, "{out}");
    let written = s.read_source("cms/config.yml");
    assert!(
        written.starts_with("# Decap CMS configuration for the hosted editor"),
        "{written}"
    );
    assert!(
        written.contains("  name: github\n  repo: sejong-press/press-site\n"),
        "{written}"
    );
    assert!(written.contains("publish_mode: editorial_workflow\n"));
    assert!(written.contains("  base_url: \"https://press-oauth.example.workers.dev\"\n"));
    let (code, out) = gongbo(&["check", "--deny-warnings"], s.root());
    assert_eq!(code, 0, "the fresh file is no finding: {out}");

    // A tag declared since: the form would not offer it.
    let tags = s.read_source("content/tags.yaml");
    s.write(
        "content/tags.yaml",
        &format!("{tags}  - slug: welfare\n    ko: 복지\n    en: Welfare\n"),
    );
    let (code, out) = gongbo(&["check", "--format", "github"], s.root());
    assert_eq!(code, 0, "a warning: {out}");
    let line = written
        .lines()
        .position(|l| l.contains("- label: \"데이터센터 · Data center\""))
        .unwrap()
        + 3;
    assert!(
        out.contains(&format!(
            "::warning file=cms/config.yml,line={line},col=1,title=W012::"
        )),
        "{out}"
    );
    assert!(out.contains("gongbo cms config"), "{out}");
    // The hosted editor is not written from an out-of-date configuration.
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = gongbo(
        &["cms", "admin", "--out", &dir.path().display().to_string()],
        s.root(),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("W012") && !dir.path().join("index.html").exists(),
        "{out}"
    );
    let (code, _) = gongbo(&["cms", "config"], s.root());
    assert_eq!(code, 0);
    let (code, out) = gongbo(&["check", "--deny-warnings"], s.root());
    assert_eq!(code, 0, "{out}");
    assert!(s.read_source("cms/config.yml").contains("value: welfare"));
}

#[test]
fn the_hosted_editor_is_the_pinned_bundle_with_its_policy() {
    let s = SiteTest::from_fixture("cms/site");
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("admin");
    let (code, out) = gongbo(
        &["cms", "admin", "--out", &out_dir.display().to_string()],
        s.root(),
    );
    assert_eq!(code, 1, "no configuration yet: {out}");
    assert!(out.contains("gongbo cms config"), "{out}");
    gongbo(&["cms", "config"], s.root());
    let (code, out) = gongbo(
        &["cms", "admin", "--out", &out_dir.display().to_string()],
        s.root(),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Decap CMS 3.16.3"), "{out}");
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    let page = scraper::Html::parse_document(&index);
    let meta = scraper::Selector::parse("meta[http-equiv=Content-Security-Policy]").unwrap();
    let csp = page
        .select(&meta)
        .next()
        .unwrap()
        .value()
        .attr("content")
        .unwrap();
    assert!(
        csp.starts_with("default-src 'self'; script-src 'self' 'unsafe-eval'"),
        "{csp}"
    );
    assert!(
        csp.contains("connect-src 'self' data: blob: https://api.github.com;"),
        "{csp}"
    );
    let script = scraper::Selector::parse("script").unwrap();
    let scripts: Vec<_> = page.select(&script).collect();
    assert_eq!(scripts.len(), 1, "only the bundle: {index}");
    let integrity = scripts[0].value().attr("integrity").unwrap();
    let bundle = std::fs::read(out_dir.join("decap-cms.js")).unwrap();
    assert_eq!(integrity, sri(&bundle));
    assert_eq!(
        std::fs::read_to_string(out_dir.join("config.yml")).unwrap(),
        s.read_source("cms/config.yml")
    );
    assert!(out_dir.join("cms.css").exists() && out_dir.join("103.decap-cms.js").exists());
}

fn sri(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

#[test]
fn serve_serves_the_editor_with_its_policy_and_configuration() {
    let s = SiteTest::from_fixture("cms/site");
    let server = Running::start(s.root());
    let page = server.request(
        "GET",
        "/admin/",
        &[("Accept-Language", "ko-KR,ko;q=0.9")],
        b"",
    );
    assert_eq!(page.status, 200);
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.starts_with("default-src 'self'") && !csp.contains("http"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let html = page.text();
    assert!(
        html.contains("<html lang=\"ko\">") && html.contains("보도자료 편집기"),
        "{html}"
    );
    let en = server.request(
        "GET",
        "/admin/",
        &[("Accept-Language", "en-GB,ko;q=0.5")],
        b"",
    );
    assert!(en.text().contains("<html lang=\"en\">"));
    assert_eq!(server.get("/admin").status, 301);

    let config = server.request(
        "GET",
        "/admin/config.yml",
        &[("Accept-Language", "en")],
        b"",
    );
    assert_eq!(config.status, 200);
    let yml = config.text();
    assert!(
        yml.contains("backend:\n  name: proxy\n  proxy_url: /api/v1\n"),
        "{yml}"
    );
    assert!(
        !yml.contains("publish_mode"),
        "locally a save is a write: {yml}"
    );
    assert!(
        yml.contains("locale: en\n") && yml.contains("label: Title\n"),
        "{yml}"
    );
    // The configuration follows the site: a tag declared now is in the next one.
    let tags = s.read_source("content/tags.yaml");
    s.write(
        "content/tags.yaml",
        &format!("{tags}  - slug: welfare\n    ko: 복지\n    en: Welfare\n"),
    );
    assert!(server
        .get("/admin/config.yml")
        .text()
        .contains("value: welfare"));

    // The bundle, compressed for browsers and as it is for the rest, as pinned.
    let main = server.request(
        "GET",
        "/admin/decap-cms.js",
        &[("Accept-Encoding", "gzip, br")],
        b"",
    );
    assert_eq!(main.header("content-encoding"), Some("gzip"));
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&main.body[..]),
        &mut plain,
    )
    .unwrap();
    let integrity = html
        .split("integrity=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_eq!(sri(&plain), integrity);
    let raw = server.get("/admin/decap-cms.js");
    assert_eq!(raw.header("content-encoding"), None);
    assert_eq!(raw.body, plain);
    let etag = raw.header("etag").unwrap().to_string();
    assert_eq!(
        server
            .request(
                "GET",
                "/admin/decap-cms.js",
                &[("If-None-Match", &etag)],
                b""
            )
            .status,
        304
    );
    assert_eq!(server.get("/admin/gongbo-admin.js").status, 200);
    assert_eq!(server.get("/admin/../site.toml").status, 404);
    assert_eq!(server.get("/admin/nothing.js").status, 404);
}

#[test]
fn the_local_backend_reads_and_writes_entries_and_uploads_under_content() {
    let s = SiteTest::from_fixture("cms/site");
    let server = Running::start(s.root());
    let info = server.api(&json!({"action": "info", "params": {}})).json();
    assert_eq!(info["publish_modes"], json!(["simple"]));
    let list = server
        .api(&json!({"action": "entriesByFolder", "params": {"folder": "content/releases", "extension": "md", "depth": 1}}))
        .json();
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "content/releases/2025-10-15-data-center.en.md",
            "content/releases/2025-10-15-data-center.ko.md"
        ]
    );
    assert!(list[1]["data"]
        .as_str()
        .unwrap()
        .contains("데이터센터 설계 공모"));

    let ko = "---\ntitle: 새 보도자료\ndate: 2025-11-20T09:30\nslug: 2025-11-20-new\nimage: images/a.png\nimage_alt: 시청 앞 광장의 모습\n---\n본문\n";
    // A real (small) PNG: `image:` naming a photo makes it the lead photo, checked as one.
    let photo =
        std::fs::read(support::repo().join("tests/fixtures/cms/uploads/city-hall.png")).unwrap();
    let png = base64::engine::general_purpose::STANDARD.encode(&photo);
    let saved = server.api(&json!({"action": "persistEntry", "params": {
        "dataFiles": [
            {"slug": "2025-11-20-new", "path": "content/releases/2025-11-20-new.ko.md", "raw": ko},
            {"slug": "2025-11-20-new", "path": "content/releases/2025-11-20-new.en.md", "raw": ko.replace("새 보도자료", "New release")},
        ],
        "assets": [{"path": "content/images/a.png", "content": png, "encoding": "base64"}],
        "options": {"commitMessage": "x", "useWorkflow": false, "status": ""}
    }}));
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(s.read_source("content/releases/2025-11-20-new.ko.md"), ko);
    assert_eq!(
        std::fs::read(s.root().join("content/images/a.png")).unwrap(),
        photo
    );
    let entry = server.api(&json!({"action": "getEntry", "params": {"path": "content/releases/2025-11-20-new.ko.md"}})).json();
    assert_eq!(entry["data"], json!(ko));
    let media = server
        .api(&json!({"action": "getMedia", "params": {"mediaFolder": "content/images"}}))
        .json();
    assert_eq!(media[0]["path"], json!("content/images/a.png"));
    assert_eq!(media[0]["content"], json!(png));
    let file = server
        .api(&json!({"action": "getMediaFile", "params": {"path": "content/images/a.png"}}))
        .json();
    assert_eq!(file["name"], json!("a.png"));
    let up = server.api(&json!({"action": "persistMedia", "params": {"asset": {"path": "content/files/b.pdf", "content": "JVBERi0=", "encoding": "base64"}, "options": {}}}));
    assert_eq!(up.status, 200, "{}", up.text());
    assert_eq!(
        std::fs::read(s.root().join("content/files/b.pdf")).unwrap(),
        b"%PDF-"
    );
    let del = server.api(&json!({"action": "deleteFiles", "params": {"paths": ["content/files/b.pdf"], "options": {}}}));
    assert_eq!(del.status, 200);
    assert!(!s.root().join("content/files/b.pdf").exists());
    // The status of the editor: what check finds, for the build that saw the save.
    let status = wait_for(&server, |st| st["generation"].as_u64().unwrap_or(0) >= 2);
    assert_eq!(status["built"], json!(true), "{status}");
    assert_eq!(status["errors"], json!(0), "{status}");
    // A refusal in the editor's language: Korean unless the browser asks for English.
    let unknown = server.api(&json!({"action": "publishUnpublishedEntry", "params": {}}));
    assert_eq!(unknown.status, 422);
    assert!(
        unknown.text().contains("단순 게시 방식만"),
        "{}",
        unknown.text()
    );
    let origin = server.url();
    let english = server.request(
        "POST",
        "/api/v1",
        &[
            ("Content-Type", "application/json"),
            ("Origin", &origin),
            ("Accept-Language", "en-US,en;q=0.9"),
        ],
        br#"{"action": "publishUnpublishedEntry", "params": {}}"#,
    );
    assert!(
        english.text().contains("only the simple publish mode"),
        "{}",
        english.text()
    );
}

fn wait_for(server: &Running, ok: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let origin = server.url();
        let st = server
            .request("GET", "/api/gongbo/status", &[("Origin", &origin)], b"")
            .json();
        if ok(&st) || std::time::Instant::now() > until {
            return st;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn the_local_backend_refuses_what_is_not_plain_content() {
    let s = SiteTest::from_fixture("cms/site");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), s.root().join("content/linked")).unwrap();
    let server = Running::start(s.root());
    let site_toml = s.read_source("site.toml");
    let write = |path: &str| {
        server.api(&json!({"action": "persistEntry", "params": {
            "dataFiles": [{"slug": "x", "path": path, "raw": "x"}], "assets": [], "options": {}
        }}))
    };
    for bad in [
        "site.toml",
        "../site.toml",
        "content/../site.toml",
        "content/releases/../../site.toml",
        "/etc/passwd",
        "content/.git/config",
        "content\\releases\\x.md",
        "content/linked/secret.txt",
        "content/files/page.html",
    ] {
        let r = write(bad);
        assert_eq!(r.status, 422, "{bad}: {}", r.text());
        assert!(r.json()["error"].is_string(), "{bad}");
        let read = server
            .api(&json!({"action": "getEntry", "params": {"path": bad}}))
            .json();
        assert!(read["data"].is_null(), "{bad} was read: {read}");
    }
    assert_eq!(s.read_source("site.toml"), site_toml);
    assert_eq!(
        std::fs::read_to_string(outside.path().join("secret.txt")).unwrap(),
        "secret"
    );
    let media = server
        .api(&json!({"action": "getMediaFile", "params": {"path": "content/linked/secret.txt"}}));
    assert_eq!(media.status, 422, "{}", media.text());
    let listed = server.api(&json!({"action": "entriesByFolder", "params": {"folder": "content/linked", "extension": "txt", "depth": 1}}));
    assert_eq!(listed.status, 422, "{}", listed.text());
    let gone = server.api(&json!({"action": "deleteFiles", "params": {"paths": ["content/tags.yaml", "content/linked/secret.txt"], "options": {}}}));
    assert_eq!(gone.status, 422);
    assert!(
        s.root().join("content/tags.yaml").exists(),
        "nothing is deleted when one path is refused"
    );
    // An upload's path is checked before anything is written.
    let mixed = server.api(&json!({"action": "persistEntry", "params": {
        "dataFiles": [{"slug": "x", "path": "content/releases/x.ko.md", "raw": "x"}],
        "assets": [{"path": "content/linked/y.png", "content": "AAAA", "encoding": "base64"}], "options": {}
    }}));
    assert_eq!(mixed.status, 422);
    assert!(!s.root().join("content/releases/x.ko.md").exists());
}

#[test]
fn the_local_backend_is_bounded_and_answers_only_its_own_pages() {
    let s = SiteTest::from_fixture("cms/site");
    let server = Running::start(s.root());
    let call = serde_json::to_vec(&json!({"action": "info"})).unwrap();
    let json_type = ("Content-Type", "application/json");
    let foreign = server.request(
        "POST",
        "/api/v1",
        &[json_type, ("Origin", "https://evil.example")],
        &call,
    );
    assert_eq!(foreign.status, 403);
    let host = server.request(
        "POST",
        "/api/v1",
        &[json_type, ("Host", "evil.example")],
        &call,
    );
    assert_eq!(host.status, 421);
    let form = server.request("POST", "/api/v1", &[("Content-Type", "text/plain")], &call);
    assert_eq!(form.status, 415, "a form from another page cannot call it");
    // Only POST reaches the API; a GET is a page of the site, which has none there.
    assert_eq!(server.get("/api/v1").status, 404);
    let status_foreign = server.request(
        "GET",
        "/api/gongbo/status",
        &[("Origin", "https://evil.example")],
        b"",
    );
    assert_eq!(status_foreign.status, 403);
    let bad = server.request("POST", "/api/v1", &[json_type], b"{not json");
    assert_eq!(bad.status, 400);
    // Over the body's bound (48 MB): refused from its length, before it is read.
    let big = vec![b' '; 49 << 20];
    let r = server.request("POST", "/api/v1", &[json_type], &big);
    assert_eq!(r.status, 413);
    // An upload over its own bound (32 MB decoded) inside a body within the bound.
    let content = "A".repeat(44 << 20);
    let r = server.api(&json!({"action": "persistMedia", "params": {"asset": {"path": "content/images/big.png", "content": content, "encoding": "base64"}}}));
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("가장 큰 크기인 32MB"), "{}", r.text());
    assert!(!s.root().join("content/images/big.png").exists());
    let r = server.api(&json!({"action": "persistEntry", "params": {
        "dataFiles": [{"slug": "x", "path": "content/releases/x.ko.md", "raw": "x".repeat(5 << 20)}], "assets": [], "options": {}
    }}));
    assert_eq!(r.status, 422);
}
