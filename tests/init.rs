//! Issue 16, points 1 and 2: `gongbo init DIR` makes a working site for a new
//! organisation that builds and checks with no finding and no `themes/` folder (the
//! theme is built into the binary), nothing of the demo site leaks into it, and a site
//! changes the theme by adding files (`templates/`, `static/`, `themes/default/`) or
//! strings (`[strings.ko]` in site.toml).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use support::{repo, tree, Page, NOW};

/// Runs the binary with `args` in `cwd`, stdin closed (never a terminal): (exit code,
/// stderr).
fn gongbo(cwd: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        // Messages in English, whatever the machine's locale.
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const ANSWERS: [&str; 6] = [
    "--name-ko",
    "세종특별자치시",
    "--name-en",
    "Sejong City",
    "--base-url",
    "https://press.example.go.kr/",
];

/// A new site made by `gongbo init` in a temp folder: (the temp folder, the site).
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["init", "press-site"];
    args.extend(ANSWERS);
    let (code, err) = gongbo(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    let site = dir.path().join("press-site");
    (dir, site)
}

fn options(root: &Path) -> gongbo::BuildOptions {
    gongbo::BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        drafts: false,
        now_unix: NOW,
        home: None,
    }
}

fn page(root: &Path, rel: &str) -> Page {
    let text = std::fs::read_to_string(root.join("public").join(rel)).unwrap();
    Page(scraper::Html::parse_document(&text))
}

#[test]
fn a_new_site_builds_and_checks_with_no_finding_no_themes_and_nothing_of_the_demo() {
    let (_keep, site) = new_site();
    assert!(!site.join("themes").exists());
    for f in [
        "site.toml",
        "content/tags.yaml",
        "content/milestones.yaml",
        "content/pages/about.ko.md",
        "content/pages/about.en.md",
        "content/releases/2025-11-25-press-site.ko.md",
        "content/releases/2025-11-25-press-site.en.md",
        ".github/workflows/site.yml",
        "scripts/publish-site.sh",
        ".gitignore",
    ] {
        assert!(site.join(f).is_file(), "{f}");
    }
    // site.toml explains every key it has, and lists the optional ones.
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    for key in [
        "base_url",
        "timezone",
        "theme",
        "releases_per_page",
        "feed_limit",
        "default_kogl",
        "title",
        "description",
        "notice",
        "name",
        "url",
        "department",
        "contact",
        "[strings.ko]",
    ] {
        let line = toml
            .lines()
            .position(|l| l.trim_start_matches("# ").starts_with(key))
            .unwrap_or_else(|| panic!("site.toml has no {key}"));
        let before = toml.lines().nth(line - 1).unwrap();
        assert!(before.starts_with('#'), "{key} has no comment above it");
    }

    let report = gongbo::build(&options(&site)).unwrap_or_else(|d| panic!("{d}"));
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    assert_eq!((report.releases.ko, report.releases.en), (1, 1));
    let (code, err) = gongbo(&site, &["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("check: 0 errors, 0 warnings"), "{err}");

    // Nothing of the demonstration site: not its organisation, project or notice.
    let out = tree(&site.join("public"));
    assert!(out.len() > 30, "{} files", out.len());
    for (path, bytes) in &out {
        let text = String::from_utf8_lossy(bytes);
        for demo in [
            "광주",
            "Gwangju",
            "gwangju",
            "시연",
            "demonstration",
            "gongbo.example.org",
        ] {
            assert!(!text.contains(demo), "{path} contains {demo}");
        }
    }
    let home = page(&site, "index.html");
    assert_eq!(home.text("a.site-name"), "세종특별자치시 보도자료");
    assert_eq!(
        home.count(".masthead"),
        0,
        "no notice band unless site.toml sets one"
    );
    assert!(home
        .texts("footer p")
        .iter()
        .any(|p| p == "발행: 세종특별자치시"));
    assert!(home
        .texts("footer p")
        .iter()
        .any(|p| p.contains("공공누리 제1유형(출처표시) 조건에 따라")));
    // The example release marked the example milestone done.
    let milestones = page(&site, "en/milestones/index.html");
    assert!(
        milestones.text("main").contains("Press release site opens"),
        "{}",
        milestones.text("main")
    );
    let release = page(&site, "releases/2025-11-25-press-site/index.html");
    assert_eq!(
        release.text("main h1"),
        "세종특별자치시, 보도자료 누리집 개설"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("notes.txt"), "mine").unwrap();
    let mut args = vec!["init", "full"];
    args.extend(ANSWERS);
    let (code, err) = gongbo(dir.path(), &args);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "full: error[E000]: the folder is not empty (it holds notes.txt); nothing was written"
        ),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(&full).unwrap().count(),
        1,
        "nothing was added"
    );
    // A file where the folder should be.
    let mut args = vec!["init", "full/notes.txt"];
    args.extend(ANSWERS);
    let (code, err) = gongbo(dir.path(), &args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("this is not a folder"), "{err}");
    // A freshly cloned repository (a lone .git) is fine.
    let repo_dir = dir.path().join("clone");
    std::fs::create_dir_all(repo_dir.join(".git")).unwrap();
    let mut args = vec!["init", "clone"];
    args.extend(ANSWERS);
    let (code, err) = gongbo(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert!(repo_dir.join("site.toml").is_file());
}

#[test]
fn init_off_a_terminal_names_the_missing_options_and_bad_answers() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = gongbo(dir.path(), &["init", "site", "--name-ko", "세종시"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "gongbo init needs --name-en, --base-url (or run it on a terminal to be asked)"
        ),
        "{err}"
    );
    let (code, err) = gongbo(
        dir.path(),
        &[
            "init",
            "site",
            "--name-ko",
            "세종시",
            "--name-en",
            "Sejong",
            "--base-url",
            "ftp://example.org/",
            "--timezone",
            "Korea/Sejong",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "--base-url: error[E000]: `ftp://example.org/` is not an http:// or https:// address"
        ),
        "{err}"
    );
    assert!(
        err.contains("--timezone: error[E000]: `Korea/Sejong` is not an IANA time zone name"),
        "{err}"
    );
    assert!(!dir.path().join("site").exists(), "nothing was written");
}

/// The workflow a new site gets has the schedule and the steps of this repository's,
/// and a time zone given to init reaches site.toml.
#[test]
fn the_new_site_has_the_publishing_workflow_and_its_settings() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["init", "s", "--timezone", "America/New_York"];
    args.extend(ANSWERS);
    let (code, err) = gongbo(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    let site = dir.path().join("s");
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(toml.contains("timezone = \"America/New_York\""), "{toml}");
    assert!(
        toml.contains("url = \"https://press.example.go.kr/\""),
        "{toml}"
    );
    let wf = std::fs::read_to_string(site.join(".github/workflows/site.yml")).unwrap();
    assert!(wf.contains("cron: \"*/15 * * * *\""), "{wf}");
    assert!(wf.contains(&format!(
        "GONGBO_VERSION: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    let script = site.join("scripts/publish-site.sh");
    assert_eq!(
        std::fs::read(&script).unwrap(),
        std::fs::read(repo().join("scripts/publish-site.sh")).unwrap()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&script).unwrap().permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "the script is executable");
    }
    // The script the workflow runs publishes the new site.
    let out = Command::new("bash")
        .arg(&script)
        .current_dir(&site)
        .env("GONGBO", env!("CARGO_BIN_EXE_gongbo"))
        .env("LC_ALL", "C")
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .env("SITE_BASE_URL", "https://org.github.io/press/")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains("https://org.github.io/press/"));
}

/// Point 1: a site's own `templates/` and `static/` files replace the built-in ones, a
/// `themes/default/` folder replaces single files and strings, and site.toml's
/// `[strings]` has the last word; everything else stays built in.
#[test]
fn a_sites_files_and_strings_override_the_built_in_theme() {
    let (_keep, site) = new_site();
    let write = |rel: &str, text: &str| {
        let p = site.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"own-404\">{{ t.not_found_title }}</p>{% endblock main %}",
    );
    write(
        "static/style.css",
        "/* ours */\nbody { color: rebeccapurple; }\n",
    );
    write("static/logo.txt", "our logo");
    write("themes/default/static/print.js", "// our print script\n");
    write(
        "themes/default/i18n/ko.toml",
        "releases = \"보도·해명자료\"\n",
    );
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    write(
        "site.toml",
        &format!("{toml}\n[strings.en]\nhome = \"Start\"\n"),
    );
    let report = gongbo::build(&options(&site)).unwrap_or_else(|d| panic!("{d}"));
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    let read = |rel: &str| std::fs::read_to_string(site.join("public").join(rel)).unwrap();
    assert!(read("404.html").contains("<p id=\"own-404\">페이지를 찾을 수 없습니다</p>"));
    assert_eq!(read("style.css"), "body { color: rebeccapurple; }\n");
    assert_eq!(read("logo.txt"), "our logo");
    assert_eq!(read("print.js"), "// our print script\n");
    // Files the site has not replaced are the built-in ones.
    assert_eq!(
        read("search.js"),
        std::fs::read_to_string(repo().join("themes/default/static/search.js")).unwrap()
    );
    let ko = page(&site, "index.html");
    let en = page(&site, "en/index.html");
    assert!(ko
        .texts("nav.main-nav a")
        .contains(&"보도·해명자료".to_string()));
    assert!(ko.texts("nav.main-nav a").contains(&"홈".to_string()));
    assert!(en.texts("nav.main-nav a").contains(&"Start".to_string()));
    assert!(en
        .texts("nav.main-nav a")
        .contains(&"Press releases".to_string()));
    // The release pages still use the built-in templates.
    let release = page(&site, "en/releases/2025-11-25-press-site/index.html");
    assert_eq!(release.count("main h1"), 1);
}

#[test]
fn an_unknown_string_or_a_missing_theme_is_an_error_naming_it() {
    let (_keep, site) = new_site();
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        format!("{toml}\n[strings.ko]\nhomee = \"처음\"\n"),
    )
    .unwrap();
    let err = gongbo::build(&options(&site)).unwrap_err().to_string();
    let line = toml.lines().count() + 3;
    assert!(
        err.contains(&format!(
            "site.toml:{line}:1: error[E010]: strings.ko.homee: `homee` is not one of the theme's UI strings"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `home`?"), "{err}");
    std::fs::write(
        site.join("site.toml"),
        toml.replace("theme = \"default\"", "theme = \"city\""),
    )
    .unwrap();
    let err = gongbo::build(&options(&site)).unwrap_err().to_string();
    assert!(
        err.contains("site.toml: error[E010]: theme: the theme folder themes/city/ does not exist"),
        "{err}"
    );
    assert!(
        err.contains("set `theme = \"default\"` for the built-in theme"),
        "{err}"
    );
}

/// Ejecting the theme changes nothing in the output; the copy is then the theme.
#[test]
fn an_ejected_theme_builds_the_same_site_and_keeps_the_sites_files() {
    let (_keep, site) = new_site();
    gongbo::build(&options(&site)).unwrap();
    let before = tree(&site.join("public"));
    let own = site.join("themes/default/templates/partials/pager.html");
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(&own, "{# mine #}").unwrap();
    let (code, err) = gongbo(&site, &["theme", "eject"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("kept themes/default/templates/partials/pager.html"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&own).unwrap(), "{# mine #}");
    std::fs::write(
        &own,
        std::fs::read(repo().join("themes/default/templates/partials/pager.html")).unwrap(),
    )
    .unwrap();
    for rel in ["templates/base.html", "i18n/ko.toml", "static/style.css"] {
        assert_eq!(
            std::fs::read(site.join("themes/default").join(rel)).unwrap(),
            std::fs::read(repo().join("themes/default").join(rel)).unwrap(),
            "{rel}"
        );
    }
    gongbo::build(&options(&site)).unwrap();
    assert_eq!(tree(&site.join("public")), before);
    // A changed copy is what the site uses.
    let base = site.join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, text.replace("<body>", "<body class=\"ejected\">")).unwrap();
    gongbo::build(&options(&site)).unwrap();
    assert!(page(&site, "index.html").count("body.ejected") == 1);
    // `init --eject-theme` does both at once.
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["init", "e", "--eject-theme"];
    args.extend(ANSWERS);
    let (code, err) = gongbo(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert!(dir
        .path()
        .join("e/themes/default/templates/base.html")
        .is_file());
}

/// Point 2: the theme names no organisation or project; the real site keeps its texts,
/// now from its site.toml.
#[test]
fn the_theme_names_no_organisation_and_the_demo_site_keeps_its_texts() {
    for (path, bytes) in tree(&repo().join("themes/default")) {
        let text = String::from_utf8_lossy(&bytes);
        for demo in ["광주", "Gwangju", "시연", "demonstration"] {
            assert!(
                !text.contains(demo),
                "themes/default/{path} contains {demo}"
            );
        }
    }
    let out = tempfile::tempdir().unwrap();
    let opts = gongbo::BuildOptions {
        output: out.path().join("public"),
        ..options(&repo())
    };
    gongbo::build(&opts).unwrap_or_else(|d| panic!("{d}"));
    let read = |rel: &str| {
        Page(scraper::Html::parse_document(
            &std::fs::read_to_string(out.path().join("public").join(rel)).unwrap(),
        ))
    };
    let home = read("index.html");
    assert!(
        home.text(".masthead")
            .contains("광주광역시 공식 누리집이 아닙니다"),
        "{}",
        home.text(".masthead")
    );
    assert!(home.text("footer .demo").contains("독립 시연 사이트"));
    let en = read("en/milestones/index.html");
    assert!(en
        .text("main .lead")
        .starts_with("The phases and milestones of the Gwangju AI cluster project"));
}
