//! Issue 16, points 6 and 7: the documentation says what the code does.
//!
//! - The editor guides (Korean and its English twin) explain every finding code of
//!   `src/diag/code.rs` and every front matter field, with the same sections.
//! - Every relative link of the README and `docs/` reaches a file, and every `#anchor` a
//!   heading or an `<a id>` of that file.
//! - The README's test command is the one `.ci/run` runs, and a test that needs an
//!   outside tool can only be skipped on purpose (counted as ignored by cargo).

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use gongbo::diag::Code;
use support::repo;

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const GUIDES: [&str; 2] = ["docs/editor-guide.ko.md", "docs/editor-guide.en.md"];

#[test]
fn the_editor_guides_explain_every_code() {
    for guide in GUIDES {
        let text = read(guide);
        for code in Code::ALL {
            let id = code.id();
            assert!(
                text.contains(&format!("<a id=\"{}\"></a>", id.to_lowercase())),
                "{guide} has no anchor for {id}"
            );
            assert!(
                text.contains(&format!("- **{id} — ")),
                "{guide} does not explain {id}"
            );
        }
    }
}

/// The fields of a release's front matter, as the `### \`field\`` headings of a guide
/// (`### \`image\`, \`image_alt\` — …` names two).
fn field_headings(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let Some(mut rest) = line.strip_prefix("### ") else {
            continue;
        };
        while let Some(r) = rest.strip_prefix('`') {
            let Some((name, after)) = r.split_once('`') else {
                break;
            };
            out.insert(name.to_string());
            rest = after.trim_start_matches([',', ' ']);
        }
    }
    out
}

#[test]
fn the_editor_guides_are_twins_and_show_every_front_matter_field() {
    let fields: BTreeSet<String> = [
        "title",
        "date",
        "kind",
        "summary",
        "highlights",
        "tags",
        "milestones",
        "milestone_updates",
        "department",
        "contacts",
        "embargo",
        "draft",
        "slug",
        "changes",
        "attachments",
        "image",
        "image_alt",
        "sources",
        "kogl",
        "one_language",
        "photos",
    ]
    .map(String::from)
    .into();
    let [ko, en] = GUIDES.map(read);
    assert_eq!(field_headings(&ko), fields, "docs/editor-guide.ko.md");
    assert_eq!(field_headings(&en), fields, "docs/editor-guide.en.md");
    // Each field has an example right under its heading.
    for (guide, text) in GUIDES.iter().zip([&ko, &en]) {
        for block in text.split("\n### `").skip(1) {
            let block = block.split("\n## ").next().unwrap();
            assert!(
                block.contains("```yaml"),
                "{guide}: no example for `{block:.30}"
            );
        }
    }
    let count = |t: &str, p: &str| t.lines().filter(|l| l.starts_with(p)).count();
    for level in ["## ", "### "] {
        assert_eq!(count(&ko, level), count(&en, level), "{level} headings");
    }
    assert_eq!(count(&ko, "<a id="), count(&en, "<a id="));
}

/// GitHub's id for a heading: lower case, letters (any script), digits, `-` and `_`
/// kept, spaces made `-`, the rest dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The ids a Markdown file offers: its headings' and its `<a id="…">`s.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if fenced {
            continue;
        }
        if let Some(h) = line.strip_prefix('#') {
            ids.insert(slug(h.trim_start_matches('#')));
        }
        for part in line.split("<a id=\"").skip(1) {
            ids.insert(part.split('"').next().unwrap().to_string());
        }
    }
    ids
}

/// The `](target)` links of a Markdown file outside code.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.starts_with("```") || line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Inline code may show link syntax as an example.
        let plain: String = line.split('`').step_by(2).collect();
        for part in plain.split("](").skip(1) {
            out.push(part.split(')').next().unwrap().to_string());
        }
    }
    out
}

#[test]
fn every_link_of_the_readme_and_docs_reaches_its_target() {
    let mut files = vec!["README.md".to_string()];
    for e in std::fs::read_dir(repo().join("docs")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            files.push(format!("docs/{name}"));
        }
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = read(file);
        let dir = Path::new(file).parent().unwrap();
        for link in links(&text) {
            if link.starts_with("http://") || link.starts_with("https://") || link.starts_with('@')
            {
                continue;
            }
            let (path, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() {
                file.clone()
            } else {
                dir.join(path).to_string_lossy().replace('\\', "/")
            };
            checked += 1;
            let Ok(body) = std::fs::read_to_string(repo().join(&target)) else {
                if !repo().join(&target).exists() {
                    broken.push(format!("{file}: {link} (no such file)"));
                }
                continue;
            };
            if !anchor.is_empty() && target.ends_with(".md") && !anchors(&body).contains(anchor) {
                broken.push(format!("{file}: {link} (no such heading)"));
            }
        }
    }
    assert!(checked > 40, "only {checked} links found");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_link_checker_finds_what_it_should() {
    assert_eq!(
        slug(" Addresses in `site.toml` and CSV cells (issue 13)"),
        "addresses-in-sitetoml-and-csv-cells-issue-13"
    );
    assert_eq!(slug(" 보도시점(엠바고)"), "보도시점엠바고");
    assert_eq!(
        links("see [a](b.md#c) and `[x](y)`\n```\n[z](w)\n```\n"),
        vec!["b.md#c"]
    );
    assert!(anchors("## Error codes\n<a id=\"e001\"></a>\n").contains("error-codes"));
}

/// Point 7: the README's test command is what `.ci/run` runs.
#[test]
fn ci_runs_the_readmes_test_command() {
    let readme = read("README.md");
    let block = readme
        .split("## The two commands")
        .nth(1)
        .and_then(|r| r.split("```sh\n").nth(1))
        .and_then(|r| r.split("```").next())
        .expect("the README shows the two commands");
    let test = block
        .lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .find(|l| l.contains("test"))
        .expect("a test command");
    assert_eq!(test, "cargo test");
    let ci = read(".ci/run");
    assert!(
        ci.lines().any(|l| l.trim() == test),
        ".ci/run does not run `{test}`"
    );
}

/// Point 7: every test that needs an outside tool checks for it (failing with the
/// install command when it is missing) and can be skipped only through
/// `GONGBO_SKIP_TESTS`, which cargo then counts as ignored; the old switches that made
/// a missing tool a silent pass are gone.
#[test]
fn tool_tests_fail_without_their_tool_or_are_skipped_on_purpose() {
    let mut wrong = Vec::new();
    let mut guarded = 0;
    for e in std::fs::read_dir(repo().join("tests")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".rs") || name == "docs.rs" {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        for old in ["GONGBO_BROWSER_TESTS", "GONGBO_CI_TOOLS"] {
            if text.contains(old) {
                wrong.push(format!("tests/{name} still reads {old}"));
            }
        }
        for test in text.split("#[test]").skip(1) {
            let body = test.split("\n}\n").next().unwrap();
            let needs = body.contains("tools::require(");
            let skippable = body.trim_start().starts_with("#[cfg_attr(gongbo_skip_");
            if needs != skippable {
                let f = body
                    .split("fn ")
                    .nth(1)
                    .unwrap_or("")
                    .split('(')
                    .next()
                    .unwrap();
                wrong.push(format!(
                    "tests/{name}: {f} must both call tools::require and carry #[cfg_attr(gongbo_skip_…, ignore)]"
                ));
            }
            guarded += usize::from(needs && skippable);
        }
    }
    assert!(guarded >= 5, "only {guarded} tool tests found");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let build = read("build.rs");
    for group in ["browser", "nu", "actionlint"] {
        assert!(
            build.contains(&format!("(\"{group}\",")),
            "build.rs lacks {group}"
        );
    }
}
