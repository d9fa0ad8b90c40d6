//! Issue 2, point 8: every content mistake is reported with path:line:column, the field,
//! what is wrong and how to fix it; all of them at once; exit 1; the previous output is
//! left exactly as it was. Also the CLI's exit codes and site.toml checks.

mod support;

use support::{tree, SiteTest};

/// Builds `s` expecting failure and returns the rendered diagnostics.
fn errors(s: &SiteTest) -> String {
    match s.try_build() {
        Ok(_) => panic!("the build should have failed"),
        Err(d) => d.to_string(),
    }
}

fn line_with<'a>(all: &'a str, needle: &str) -> &'a str {
    all.lines()
        .find(|l| !l.starts_with(' ') && l.contains(needle))
        .unwrap_or_else(|| panic!("no diagnostic mentions {needle}:\n{all}"))
}

#[test]
fn all_errors_of_a_build_are_reported_together_with_positions_and_hints() {
    let s = SiteTest::from_fixture("build/basic");
    s.write("content/releases/yaml.ko.md", "---\ntitle: 가: 나\n---\n");
    s.write(
        "content/releases/type.ko.md",
        "---\ntitle: 가\ndate: 2023-01-01\ndraft: maybe\n---\n",
    );
    s.write(
        "content/releases/missing.ko.md",
        "---\ndate: 2023-01-01\n---\n본문\n",
    );
    s.write(
        "content/releases/baddate.ko.md",
        "---\ntitle: 가\ndate: 2023-02-30\n---\n",
    );
    s.write(
        "content/releases/badtime.ko.md",
        "---\ntitle: 가\ndate: 2023-02-01T24:00\n---\n",
    );
    s.write(
        "content/releases/unknown.ko.md",
        "---\ntitle: 가\ndate: 2023-01-01\nsumary: 요약\n---\n",
    );
    s.write(
        "content/releases/tag.ko.md",
        "---\ntitle: 가\ndate: 2023-01-01\ntags:\n  - 데이터센타\n---\n",
    );
    s.write("content/releases/attach.ko.md", "---\ntitle: 가\ndate: 2023-01-01\nattachments:\n  - path: files/reprot.pdf\n    title: 원문\n---\n");
    s.write(
        "content/releases/alt.ko.md",
        "---\ntitle: 가\ndate: 2023-01-01\nimage: images/site.svg\n---\n",
    );
    s.write(
        "content/releases/link.ko.md",
        "---\ntitle: 가\ndate: 2023-01-01\n---\n첫 줄\n\n[없는 글](@/releases/nothing.ko.md)\n",
    );
    s.write(
        "content/releases/dup.ko.md",
        "---\ntitle: 가\ndate: 2023-01-01\nslug: committee\n---\n",
    );
    s.write(
        "content/releases/kind.ko.md",
        "---\ntitle: 가\ndate: 2023-01-01\nkind: 보도자로\n---\n",
    );
    let all = errors(&s);
    let expect = [
        ("yaml.ko.md:2", "content/releases/yaml.ko.md:2:9: error[E001]: the title has a colon and a space (`: `) in it, which YAML reads as the start of another field"),
        ("draft", "content/releases/type.ko.md:4:8: error[E004]: draft: `draft` must be true or false, not the text `maybe`"),
        ("missing.ko.md", "content/releases/missing.ko.md:1:1: error[E002]: title: the required field `title` is missing"),
        ("baddate", "content/releases/baddate.ko.md:3:7: error[E004]: date: `2023-02-30` is not a valid date"),
        ("badtime", "content/releases/badtime.ko.md:3:7: error[E004]: date: `2023-02-01T24:00` is not a valid date"),
        ("unknown.ko.md", "content/releases/unknown.ko.md:4:1: error[E003]: unknown key `sumary`"),
        ("tag.ko.md", "content/releases/tag.ko.md:5:5: error[E005]: tags: the tag `데이터센타` is not declared"),
        ("attach.ko.md", "content/releases/attach.ko.md:5:11: error[E006]: attachments.path: the file content/files/reprot.pdf does not exist"),
        ("alt.ko.md", "content/releases/alt.ko.md:4:1: error[E007]: image_alt: the image has no alternative text"),
        ("link.ko.md", "content/releases/link.ko.md:7:1: error[E008]: body: the link target `@/releases/nothing.ko.md` does not exist"),
        ("kind.ko.md", "content/releases/kind.ko.md:4:7: error[E004]: kind: `보도자로` is not a release kind; did you mean `보도자료`?"),
    ];
    for (find, want) in expect {
        let line = line_with(&all, find);
        assert!(
            line.starts_with(want),
            "expected `{want}`, got `{line}`\n{all}"
        );
    }
    // Hints name the fix.
    assert!(
        all.contains(
            "hint: when the title has a colon (:) in it, put it in quotes: title: \"가: 나\""
        ),
        "{all}"
    );
    assert!(all.contains("hint: e.g. draft: true"), "{all}");
    assert!(all.contains("hint: did you mean `summary`?"), "{all}");
    assert!(all.contains("hint: did you mean `데이터센터`?"), "{all}");
    assert!(
        all.contains("hint: did you mean `files/report.pdf`?"),
        "{all}"
    );
    assert!(all.contains("hint: add `image_alt:`"), "{all}");
}

/// `gongbo build` prints each error's code (docs/lints.md) in rustc style. The code is
/// given where the error is made, not read from its words: one case for each kind of
/// error the test above does not show.
#[test]
fn the_build_prints_the_code_of_every_kind_of_error() {
    let s = SiteTest::from_fixture("build/basic");
    let release = |name: &str, extra: &str| {
        s.write(
            &format!("content/releases/{name}.ko.md"),
            &format!("---\ntitle: 가\ndate: 2023-01-01\n{extra}---\n본문\n"),
        );
    };
    release("alt-only", "image_alt: 설명\n");
    release("note", "changes:\n  - date: 2023-02-01\n    note: \" \"\n");
    release(
        "untitled-file",
        "attachments:\n  - path: files/report.pdf\n    title: \"\"\n",
    );
    release("kogl", "kogl: 7\n");
    s.write("content/releases/shape.ko.md", "---\n- title\n---\n");
    s.write(
        "content/releases/deep.ko.md",
        &format!(
            "---\ntitle: 가\ndate: 2023-01-01\n---\n{}\n",
            ">".repeat(200)
        ),
    );
    s.write("templates/home.html", "{% if %}");
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 1, "{err}");
    let expect = [
        ("alt-only", "content/releases/alt-only.ko.md:4:1: error[E002]: image_alt: `image_alt` is set but there is no `image`"),
        ("note.ko", "content/releases/note.ko.md:4:1: error[E002]: changes.note: a change needs a note"),
        ("untitled-file", "content/releases/untitled-file.ko.md:5:11: error[E002]: attachments.title: an attachment needs a title"),
        ("kogl", "content/releases/kogl.ko.md:4:7: error[E004]: kogl: `7` is not a 공공누리 (KOGL) type"),
        ("shape", "content/releases/shape.ko.md:2:1: error[E001]: the front matter must be `key: value` lines, not a list"),
        ("deep", "content/releases/deep.ko.md:5:101: error[E013]: body: the Markdown nests more than 100 levels deep"),
        ("templates", "templates/home.html:1:7: error[E011]: template error"),
    ];
    for (find, want) in expect {
        let line = line_with(&err, find);
        assert!(
            line.starts_with(want),
            "expected `{want}`, got `{line}`\n{err}"
        );
    }
}

/// A template that does not parse is named by the file really used: the site's own
/// `templates/…` file when it overrides the theme's, with tera's line and column.
#[test]
fn a_broken_site_template_is_named_not_the_theme_file_it_overrides() {
    let s = SiteTest::from_fixture("build/basic");
    let broken = "<li>\n  {{ item.title }}\n  {% for x in %}\n</li>\n";
    s.write("templates/partials/card.html", broken);
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 1, "{err}");
    let mut lines = err.lines();
    assert!(
        lines.next().unwrap().starts_with(
            "templates/partials/card.html:3:15: error[E011]: template error: Found `%}`"
        ),
        "{err}"
    );
    assert_eq!(lines.next(), Some("  hint: fix the template"), "{err}");
    assert!(!err.contains("themes/"), "{err}");
    // Without the override, the theme's own file is the one named.
    s.remove("templates/partials/card.html");
    s.write("themes/default/templates/partials/card.html", broken);
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with(
            "themes/default/templates/partials/card.html:3:15: error[E011]: template error:"
        ),
        "{err}"
    );
}

/// An error while rendering names the file where it happened, here a site partial
/// included by a theme template, and the page being rendered.
#[test]
fn a_render_error_names_the_site_partial_and_where_it_is_included() {
    let s = SiteTest::from_fixture("build/basic");
    s.write(
        "templates/partials/pager.html",
        "{% if pager %}\n<nav>{{ pager.nope | upper }}</nav>{% endif %}\n",
    );
    let all = errors(&s);
    let line = line_with(&all, "/releases/page/2/");
    assert!(
        line.starts_with(
            "templates/partials/pager.html:2:9: error[E011]: cannot render /releases/page/2/: "
        ),
        "{all}"
    );
    assert!(
        line.contains("(called from themes/default/templates/list.html:"),
        "{all}"
    );
}

#[test]
fn two_releases_claiming_one_url_are_both_named() {
    let s = SiteTest::from_fixture("build/basic");
    s.write(
        "content/releases/dup.ko.md",
        "---\ntitle: 가\ndate: 2023-01-01\nslug: committee\n---\n",
    );
    let all = errors(&s);
    let line = line_with(&all, "already used");
    assert!(
        line.starts_with("content/releases/dup.ko.md:4:1: error[E009]: slug: the URL /releases/committee/ is already used by content/releases/committee.ko.md")
            || line.starts_with("content/releases/committee.ko.md:1:1: error[E009]: slug: the URL /releases/committee/ is already used by content/releases/dup.ko.md"),
        "{all}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let s = SiteTest::from_fixture("build/basic");
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 0, "{err}");
    let before = tree(&s.out());
    s.write("content/releases/broken.ko.md", "---\ntitle: 가\n");
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "content/releases/broken.ko.md:1:1: error[E001]: the front matter is not closed"
        ),
        "{err}"
    );
    assert!(err.contains("left unchanged"), "{err}");
    assert_eq!(tree(&s.out()), before, "the previous output changed");
    // No temporary folders are left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(s.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("gongbo-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn site_toml_unknown_key_names_its_line_and_the_nearest_key() {
    let s = SiteTest::from_fixture("build/basic");
    let cfg = std::fs::read_to_string(s.root().join("site.toml")).unwrap();
    s.write(
        "site.toml",
        &cfg.replace("releases_per_page = 2", "releses_per_page = 2"),
    );
    let (code, err) = s.cli(&[], &[]);
    assert_eq!(code, 1);
    assert!(err.starts_with("site.toml:4:1: error[E010]: unknown key `releses_per_page`\n  hint: did you mean `releases_per_page`?"), "{err}");
    s.write(
        "site.toml",
        &cfg.replace("[organization]", "[organization]\ndepartmnt = 1"),
    );
    let (_, err) = s.cli(&[], &[]);
    assert!(
        err.contains("unknown key `departmnt`") && err.contains("did you mean `department`?"),
        "{err}"
    );
    s.write("site.toml", &cfg.replace("Asia/Seoul", "Asia/Soul"));
    let (_, err) = s.cli(&[], &[]);
    assert!(
        err.starts_with(
            "site.toml:2:1: error[E010]: timezone: `Asia/Soul` is not an IANA time zone name"
        ),
        "{err}"
    );
}

#[test]
fn cli_exit_codes_help_and_version() {
    let bin = env!("CARGO_BIN_EXE_gongbo");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .env("LC_ALL", "C")
            .args(args)
            .output()
            .unwrap()
    };
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("build"));
    let help = run(&["build", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for opt in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(text.contains(opt), "{opt} missing from build --help");
    }
    let version = run(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("gongbo {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(run(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let s = SiteTest::from_fixture("build/basic");
    assert_eq!(s.cli(&[], &[]).0, 0);
    assert_eq!(s.cli(&[], &[("SOURCE_DATE_EPOCH", "soon")]).0, 2);
    s.remove("content/tags.yaml");
    assert_eq!(s.cli(&[], &[]).0, 1);
}

/// A `SOURCE_DATE_EPOCH` out of range is bad usage like one that is not a number: the
/// same `error:` line and exit code, naming the value and the valid range, with a hint.
#[test]
fn source_date_epoch_out_of_range_is_refused_like_a_non_number() {
    let s = SiteTest::from_fixture("build/basic");
    let hint = "  hint: set SOURCE_DATE_EPOCH to the seconds since 1970-01-01T00:00:00Z \
                (`date +%s` prints the current value), or unset it to use the clock";
    let (code, err) = s.cli(&[], &[("SOURCE_DATE_EPOCH", "soon")]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "error: SOURCE_DATE_EPOCH must be a whole number of seconds, not `soon`",
            hint
        ]
    );
    for far in ["99999999999999999", "-99999999999999999999", "253402300800"] {
        let (code, err) = s.cli(&[], &[("SOURCE_DATE_EPOCH", far)]);
        assert_eq!(code, 2, "{far}: {err}");
        assert_eq!(
            err.lines().collect::<Vec<_>>(),
            [
                format!(
                    "error: SOURCE_DATE_EPOCH `{far}` is out of range: it must be from \
                     -62135596800 to 253402300799 seconds \
                     (0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"
                )
                .as_str(),
                hint
            ]
        );
        assert!(!s.out().exists(), "nothing is written");
    }
    // Both ends of the range build.
    for edge in ["-62135596800", "253402300799"] {
        let (code, err) = s.cli(&[], &[("SOURCE_DATE_EPOCH", edge)]);
        assert_eq!(code, 0, "{edge}: {err}");
    }
}

/// A `SOURCE_DATE_EPOCH` that is not UTF-8 is refused like any other non-number, never
/// taken as unset (which would silently use the clock).
#[cfg(unix)]
#[test]
fn source_date_epoch_that_is_not_utf8_is_refused() {
    use std::os::unix::ffi::OsStrExt;
    let s = SiteTest::from_fixture("build/basic");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .env("LC_ALL", "C")
        .arg("build")
        .arg("--root")
        .arg(s.root())
        .env(
            "SOURCE_DATE_EPOCH",
            std::ffi::OsStr::from_bytes(b"17640\xff0000"),
        )
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(
            "error: SOURCE_DATE_EPOCH must be a whole number of seconds, not `17640\u{fffd}0000`"
        ),
        "{err}"
    );
    assert!(!s.out().exists(), "nothing is written");
}

#[test]
fn output_may_not_be_the_site_root_or_its_sources() {
    let s = SiteTest::from_fixture("build/basic");
    for bad in [".", "content", "themes", "/"] {
        let (code, err) = s.cli(&["--output", bad], &[]);
        // A refused --output is bad usage (issue 13), like clap's own errors.
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains("refusing to replace"), "{err}");
    }
    assert!(s.root().join("content/releases/committee.ko.md").exists());
}
