//! Issue 16, point 3: messages in the editor's language.
//!
//! - The Korean catalog (`src/diag/ko.toml`) and the `t!("…")` templates of `src/` are
//!   kept in step: every template has a Korean one, every entry is used, and both name
//!   only arguments that the call gives.
//! - Every diagnostic code, each from a small real site, rendered in English and in
//!   Korean, against reviewed snapshots (`tests/snapshots/messages.{en,ko}.txt`; run
//!   with `UPDATE_SNAPSHOTS=1` to rewrite them after a reviewed change).
//! - YAML syntax errors in plain words at the right line; the locale and `--locale`
//!   choosing the language of the command line; Korean status values accepted.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use gongbo::diag::{catalog, Code, Diagnostics};
use gongbo::types::Lang;
use support::{repo, SiteTest, NOW};

// ---------------------------------------------------------------------------------
// The catalog against the sources.

/// One `t!("…", a, b = x)` of `src/`.
#[derive(Debug)]
struct Call {
    at: String,
    template: String,
    args: Vec<String>,
}

/// Every `t!` call of `src/` outside tests (a `#[cfg(test)] mod tests` at the end of a
/// file, or a `tests.rs`), with comment lines left out.
fn calls() -> Vec<Call> {
    let src = repo().join("src");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().display().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        out.extend(calls_in(&rel, &code_of(&text)));
    }
    assert!(out.len() > 300, "found only {} t! calls", out.len());
    out
}

/// `text` without its test modules (`#[cfg(test)] mod x { … }`, blanked line for line)
/// and without its comment lines.
fn code_of(text: &str) -> String {
    let mut text = text.to_string();
    while let Some(start) = text.find("#[cfg(test)]") {
        let after = &text[start + 12..];
        let item = after.trim_start();
        let item = item
            .strip_prefix("pub(crate) ")
            .or(item.strip_prefix("pub "))
            .unwrap_or(item);
        let body = item.strip_prefix("mod ").map(|m| {
            let m = m.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
            m.trim_start()
        });
        let Some(body) = body.filter(|b| b.starts_with('{')) else {
            // `#[cfg(test)] mod tests;` or a test item: blank the attribute only.
            text.replace_range(start..start + 12, &" ".repeat(12));
            continue;
        };
        let open = text.len() - body.len();
        let end = block_end(&text, open);
        let blank: String = text[start..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        text.replace_range(start..end, &blank);
    }
    text.lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The index after the `}` that closes the `{` at `open`, skipping strings, character
/// literals and comments.
fn block_end(code: &str, open: usize) -> usize {
    let b = code.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = code[i..].find('\n').map_or(b.len(), |e| i + e);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = code[i..].find("*/").map_or(b.len(), |e| i + e + 2);
                continue;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') =>
            {
                let (_, end) = literal(code, i);
                i = end;
                continue;
            }
            b'"' => {
                let (_, end) = literal(code, i);
                i = end;
                continue;
            }
            b'\'' => {
                // 'x', '\n', '\u{7b}': skip it; a lifetime has no closing quote.
                let rest = &code[i + 1..];
                let len = if rest.starts_with('\\') {
                    rest.find('\'').map(|e| e + 1)
                } else {
                    rest.chars()
                        .next()
                        .filter(|c| rest[c.len_utf8()..].starts_with('\''))
                        .map(|c| c.len_utf8() + 1)
                };
                i += 1 + len.unwrap_or(0);
                continue;
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

fn calls_in(file: &str, code: &str) -> Vec<Call> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    for (i, _) in code.match_indices("t!(") {
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
            continue;
        }
        let mut j = i + 3;
        while b[j].is_ascii_whitespace() {
            j += 1;
        }
        if !(b[j] == b'"' || (b[j] == b'r' && matches!(b[j + 1], b'"' | b'#'))) {
            continue; // the macro's own rules (`t!(@arg …)`)
        }
        let (template, end) = literal(code, j);
        let args = arguments(&code[end..]);
        let line = code[..i].matches('\n').count() + 1;
        out.push(Call {
            at: format!("src/{file}:{line}"),
            template,
            args,
        });
    }
    out
}

/// The value of the string literal at `at` (plain or raw) and the index after it.
fn literal(code: &str, at: usize) -> (String, usize) {
    let b = code.as_bytes();
    if b[at] == b'r' {
        let hashes = code[at + 1..].bytes().take_while(|&c| c == b'#').count();
        let open = at + 1 + hashes + 1;
        let close = format!("\"{}", "#".repeat(hashes));
        let end = open + code[open..].find(&close).unwrap();
        return (code[open..end].to_string(), end + close.len());
    }
    let mut value = String::new();
    let mut chars = code[at + 1..].char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return (value, at + 1 + k + 1),
            '\\' => match chars.next().unwrap().1 {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                '0' => value.push('\0'),
                '\n' => {
                    // A line continuation: the next line's indentation is dropped.
                    let rest = chars.as_str();
                    let skip = rest.len() - rest.trim_start().len();
                    for _ in 0..rest[..skip].chars().count() {
                        chars.next();
                    }
                }
                e => value.push(e),
            },
            c => value.push(c),
        }
    }
    panic!("unclosed string literal");
}

/// The argument names after a template: `, a, b = x)` gives `a`, `b`.
fn arguments(rest: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                current.push(c);
            }
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => {
                depth -= 1;
                current.push(c);
            }
            ',' if depth == 0 => parts.push(std::mem::take(&mut current)),
            '"' => {
                current.push(c);
                while let Some(s) = chars.next() {
                    if s == '\\' {
                        chars.next();
                    } else if s == '"' {
                        break;
                    }
                }
            }
            '\'' => {
                // A char literal ('x', '\n', '\u{1b}'); a lifetime has no closing quote.
                let mut ahead = chars.clone();
                match ahead.next() {
                    Some('\\') => {
                        for s in chars.by_ref() {
                            if s == '\'' {
                                break;
                            }
                        }
                    }
                    Some(_) if ahead.next() == Some('\'') => {
                        chars.next();
                        chars.next();
                    }
                    _ => current.push(c),
                }
            }
            c => current.push(c),
        }
    }
    parts.push(current);
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let name: String = p
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let after = p[name.len()..].trim_start();
            assert!(
                !name.is_empty() && (after.is_empty() || after.starts_with('=')),
                "an argument of t! must be `name` or `name = value`: {p}"
            );
            name
        })
        .collect()
}

/// The `{name}`s of a template (not `{{`, `}}` or a particle marker `{:은/는}`).
fn placeholders(template: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = template.replace("{{", "").replace("}}", "");
    while let Some(i) = rest.find('{') {
        let end = rest[i..].find('}').map(|e| i + e).expect("a closed brace");
        let inner = &rest[i + 1..end];
        if !inner.starts_with(':') {
            names.insert(inner.to_string());
        }
        rest = rest[end + 1..].to_string();
    }
    names
}

/// The particle markers a Korean template may use: the form after a final consonant,
/// then the form after a vowel.
const PARTICLES: [&str; 13] = [
    "은/는",
    "이/가",
    "을/를",
    "과/와",
    "으로/로",
    "이어야/여야",
    "이라면/라면",
    "이어서/여서",
    "이라는/라는",
    "이나/나",
    "이며/며",
    "이고/고",
    "아/야",
];

#[test]
fn every_template_has_a_korean_one_and_every_entry_is_used() {
    let calls = calls();
    let ko: BTreeMap<&str, &str> = catalog::entries().collect();
    let used: BTreeSet<&str> = calls.iter().map(|c| c.template.as_str()).collect();
    let missing: Vec<String> = calls
        .iter()
        .filter(|c| !ko.contains_key(c.template.as_str()))
        .map(|c| format!("{}: {:?}", c.at, c.template))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to src/diag/ko.toml:\n{}",
        missing.join("\n")
    );
    let stale: Vec<&&str> = ko.keys().filter(|k| !used.contains(*k)).collect();
    assert!(
        stale.is_empty(),
        "src/diag/ko.toml holds templates no t! uses (remove them): {stale:#?}"
    );
}

#[test]
fn templates_name_only_the_arguments_their_calls_give() {
    let ko: BTreeMap<&str, &str> = catalog::entries().collect();
    let mut wrong = Vec::new();
    for c in calls() {
        let given: BTreeSet<String> = c.args.iter().cloned().collect();
        let en = placeholders(&c.template);
        let korean = ko
            .get(c.template.as_str())
            .map_or_else(BTreeSet::new, |k| placeholders(k));
        for name in en.iter().chain(&korean) {
            if !given.contains(name) {
                wrong.push(format!(
                    "{}: {{{name}}} is not given: {:?}",
                    c.at, c.template
                ));
            }
        }
        for name in &given {
            if !en.contains(name) && !korean.contains(name) {
                wrong.push(format!(
                    "{}: `{name}` is given but never shown: {:?}",
                    c.at, c.template
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn korean_templates_are_well_formed() {
    let mut wrong = Vec::new();
    for (en, ko) in catalog::entries() {
        assert!(
            !en.contains("{:"),
            "an English template has a particle: {en}"
        );
        let rest = ko.replace("{{", "").replace("}}", "");
        let mut at = 0;
        while let Some(i) = rest[at..].find(['{', '}']) {
            let i = at + i;
            if rest.as_bytes()[i] == b'}' {
                wrong.push(format!("a lone `}}` in {ko}"));
                break;
            }
            let Some(end) = rest[i..].find('}').map(|e| i + e) else {
                wrong.push(format!("an unclosed `{{` in {ko}"));
                break;
            };
            let inner = &rest[i + 1..end];
            // A particle: its form after a consonant, then after a vowel.
            let ok = match inner.strip_prefix(':') {
                Some(p) => PARTICLES.contains(&p),
                None => {
                    !inner.is_empty()
                        && inner
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                }
            };
            if !ok {
                wrong.push(format!("`{{{inner}}}` in {ko}"));
            }
            at = end + 1;
        }
        // A translation says it in Korean, unless the text is only its arguments.
        let words = rest
            .split(['{', '}'])
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<String>();
        if words.chars().any(char::is_alphabetic) && !ko.chars().any(|c| ('가'..='힣').contains(&c))
        {
            wrong.push(format!("not translated: {en:?} = {ko:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `Text::verbatim` shows words that no catalog translates; it is meant only for the
/// words of other programs (a parser's, the system's), inside a sentence of gongbo's.
#[test]
fn untranslated_text_is_used_only_for_the_words_of_other_programs() {
    let allowed = [
        ("content/frontmatter/errors.rs", 0),
        // The walk: the system's words for a folder it could not read.
        ("content/walk.rs", 1),
        ("diag/text.rs", 1),
        ("diag/words.rs", 2),
        ("output/marker.rs", 1),
        ("render/templates.rs", 1),
        ("render/tree.rs", 1),
        // serde_json's and base64's words about a request the editor sent.
        ("serve/cms/backend.rs", 3),
    ];
    let src = repo().join("src");
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        if entry.path().ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let n = code_of(&text).matches("Text::verbatim(").count();
        if n > 0 {
            let rel = entry
                .path()
                .strip_prefix(&src)
                .unwrap()
                .display()
                .to_string();
            found.insert(rel, n);
        }
    }
    let allowed: BTreeMap<String, usize> = allowed
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(f, n)| (f.to_string(), *n))
        .collect();
    assert_eq!(
        found, allowed,
        "a message must be a t!(\"…\") template: see src/diag/text.rs"
    );
}

// ---------------------------------------------------------------------------------
// Every code in both languages.

/// A small site (the clean `check/base` fixture with `files` written over it), the
/// findings of `gongbo check` on it.
/// A case's file whose text is this is written as a camera JPEG instead (with GPS, a
/// serial number and a rotation tag: `support::photos::camera_jpeg`).
const CAMERA_JPEG: &str = "(a camera JPEG with its GPS position, made by the test)";

fn check_case(files: &[(&str, &str)]) -> Diagnostics {
    let s = SiteTest::from_fixture("check/base");
    for (path, text) in files {
        if *text == CAMERA_JPEG {
            let p = s.root().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, support::photos::camera_jpeg(64, 48)).unwrap();
        } else {
            s.write(path, text);
        }
    }
    gongbo::check::check(&s.options(), &gongbo::check::Limits::default())
}

const EN_TWIN: &str = "---\ntitle: \"Case\"\ndate: 2021-03-02\n---\nBody.\n";

/// A Korean release `case.ko.md` with front matter `front` and body `body`, and its
/// English twin.
fn release(front: &str, body: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "content/releases/case.ko.md",
            format!("---\ntitle: 가\ndate: 2021-03-02\n{front}---\n{body}\n"),
        ),
        ("content/releases/case.en.md", EN_TWIN.to_string()),
    ]
}

const PLAN: &str = "phases:\n  - id: p1\n    name: {ko: 1단계, en: Phase 1}\n    years: [2020, 2024]\nmilestones:\n  - id: dc\n    phase: p1\n    title: {ko: 데이터센터, en: Data center}\n    planned: 2023-10\n    status: 진행 중\n";

/// Every case: what it shows, and the files that make it.
fn cases() -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let wide_table = format!("|{}\n|{}\n", "a|".repeat(1001), "-|".repeat(1001));
    let para = "광주 인공지능 집적단지 2단계 사업이 예비타당성조사 면제 대상으로 확정되었다.";
    vec![
        (
            "E000 a Markdown file whose name does not say its language",
            vec![(
                "content/releases/nolang.md",
                "---\ntitle: 가\ndate: 2021-03-02\n---\n".into(),
            )],
        ),
        (
            "E000 a web page under content/",
            vec![(
                "content/files/page.html",
                "<script>alert(1)</script>".into(),
            )],
        ),
        (
            "E001 a colon in the title",
            vec![(
                "content/releases/case.ko.md",
                "---\ntitle: 광주: 인공지능 집적단지 착공\ndate: 2021-03-02\n---\n".into(),
            )],
        ),
        (
            "E001 a quote that is never closed",
            vec![(
                "content/releases/case.ko.md",
                "---\ndate: 2021-03-02\ntitle: \"광주 인공지능\nsummary: 요약\n---\n".into(),
            )],
        ),
        (
            "E001 a colon in a change's note",
            release(
                "changes:\n  - date: 2021-03-03\n    note: 정정: 예산 금액\n",
                "본문",
            ),
        ),
        (
            "E004 a colon in a highlight",
            release("highlights:\n  - 예산: 100억 원\n", "본문"),
        ),
        (
            "E001 quotes inside quotes",
            release("summary: \"광주 \"AI\" 집적단지\"\n", "본문"),
        ),
        (
            "E001 a list not closed",
            release("tags: [예산, 인공지능\n", "본문"),
        ),
        (
            "E001 a line without its colon",
            release("summary 요약\n", "본문"),
        ),
        ("E001 an indented key", release("  summary: 요약\n", "본문")),
        (
            "E001 a value starting with @",
            release("department: @인공지능정책과\n", "본문"),
        ),
        (
            "E001 a backslash in double quotes",
            release("summary: \"C:\\자료\\보도\"\n", "본문"),
        ),
        (
            "E001 no front matter",
            vec![("content/releases/case.ko.md", "제목 없이 본문만\n".into())],
        ),
        (
            "E002 no title",
            vec![(
                "content/releases/case.ko.md",
                "---\ndate: 2021-03-02\n---\n".into(),
            )],
        ),
        ("E003 a misspelt key", release("sumary: 요약\n", "본문")),
        (
            "E004 month 13",
            release("embargo: 2021-13-01T09:00\n", "본문"),
        ),
        (
            "E004 April 31",
            release("changes:\n  - date: 2021-04-31\n    note: 고침\n", "본문"),
        ),
        (
            "E004 hour 24",
            release("embargo: 2021-03-02T24:00\n", "본문"),
        ),
        (
            "E004 a type error",
            release("draft: maybe\ntags: 예산\n", "본문"),
        ),
        (
            "E004 a bad kind and 공공누리 type",
            release("kind: 보도쟈료\nkogl: 7\n", "본문"),
        ),
        (
            "E005 an undeclared tag",
            release("tags: [없는태그]\n", "본문"),
        ),
        ("E004 a milestone status misspelt", {
            let mut f = release("milestone_updates:\n  - id: dc\n    status: 완려\n", "본문");
            f.push(("content/milestones.yaml", PLAN.into()));
            f
        }),
        ("E005 an undeclared milestone", {
            let mut f = release(
                    "milestone_updates:\n  - id: dc\n    status: 완료\n  - id: nothere\n    status: 완료\n",
                    "본문",
                );
            f.push((
                    "content/milestones.yaml",
                    "phases:\n  - id: p1\n    name: {ko: 1단계, en: Phase 1}\n    years: [2020, 2024]\nmilestones:\n  - id: dc\n    phase: p1\n    title: {ko: 데이터센터, en: Data center}\n    planned: 2023-10\n    status: 진행 중\n".into(),
                ));
            f
        }),
        (
            "E006 a missing attachment",
            release(
                "attachments:\n  - path: files/report.pdf\n    title: 원문\n",
                "본문",
            ),
        ),
        (
            "E007 an image without alternative text",
            release("image: images/site.svg\n", "본문"),
        ),
        (
            "E008 a broken link",
            release("", "[원문](@/releases/nothing.ko.md)"),
        ),
        (
            "E009 two releases with one slug",
            release("slug: budget\n", "본문"),
        ),
        (
            "E010 site.toml",
            vec![(
                "site.toml",
                std::fs::read_to_string(repo().join("tests/fixtures/check/base/site.toml"))
                    .unwrap()
                    .replace("Asia/Seoul", "Asia/Sool")
                    .replace("https://example.org/", "javascript:alert(1)"),
            )],
        ),
        (
            "E010 site.toml written like YAML",
            vec![(
                "site.toml",
                std::fs::read_to_string(repo().join("tests/fixtures/check/base/site.toml"))
                    .unwrap()
                    .replace("title = \"시험 공보\"", "title: \"시험 공보\""),
            )],
        ),
        (
            "E010 text without quotes in site.toml",
            vec![(
                "site.toml",
                std::fs::read_to_string(repo().join("tests/fixtures/check/base/site.toml"))
                    .unwrap()
                    .replace("title = \"시험 공보\"", "title = 시험 공보"),
            )],
        ),
        (
            "E010 a number in quotes in site.toml",
            vec![(
                "site.toml",
                std::fs::read_to_string(repo().join("tests/fixtures/check/base/site.toml"))
                    .unwrap()
                    .replace("releases_per_page = 2", "releases_per_page = \"2\""),
            )],
        ),
        (
            "E011 a template",
            vec![(
                "templates/release.html",
                "{% extends \"base.html\" %}\n{% block main %}{% if %}{% endblock %}\n".into(),
            )],
        ),
        (
            "E012 a missing anchor",
            release("", "## 개요\n\n[없음](#없는-절)"),
        ),
        ("E013 a table too wide", release("", &wide_table)),
        (
            "E014 a release still holding the placeholders of gongbo new release",
            vec![
                (
                    "content/releases/case.ko.md",
                    "---\ntitle: 제목을 입력하세요\ndate: 2021-03-02\nsummary: 요약을 한두 문장으로 입력하세요\n---\n본문을 입력하세요.\n".into(),
                ),
                ("content/releases/case.en.md", EN_TWIN.to_string()),
            ],
        ),
        (
            "E015 a photo whose file holds no photo",
            [
                release(
                    "photos:\n  - src: images/notes.jpg\n    alt: \"회의실을 위에서 본 그림\"\n",
                    "본문",
                ),
                vec![("content/images/notes.jpg", "회의 메모".to_string())],
            ]
            .concat(),
        ),
        (
            "E016 alternative text that repeats the caption",
            release("", "![배치 개념도](@/images/site.svg \"배치 개념도\")"),
        ),
        (
            "E017 a body image path read from the release's address",
            release("", "![부지 배치를 위에서 본 그림](images/site.svg)"),
        ),
        (
            "W000 a link that is not allowed",
            release("", "[x](javascript:alert(1))"),
        ),
        (
            "W001 a release in one language",
            vec![(
                "content/releases/solo.ko.md",
                "---\ntitle: 가\ndate: 2021-03-02\n---\n본문\n".into(),
            )],
        ),
        (
            "W002 alternative text that says nothing",
            release("", "![사진](/images/site.svg)"),
        ),
        (
            "W003 a repeated paragraph",
            release("", &format!("{para}\n\n둘째 문단.\n\n{para}")),
        ),
        (
            "W004 a skipped heading",
            release("", "## 개요\n\n#### 세부"),
        ),
        (
            "W005 a long highlight",
            release(
                &format!("highlights:\n  - \"{}\"\n", "가".repeat(130)),
                "본문",
            ),
        ),
        (
            "W006 an embargo that has passed",
            release("embargo: 2021-03-02T09:00\n", "본문"),
        ),
        (
            "W007 an embargo more than a year ahead",
            vec![
                (
                    "content/releases/case.ko.md",
                    "---\ntitle: 가\ndate: 2027-06-01\nembargo: 2027-06-01T09:00\n---\n본문\n"
                        .into(),
                ),
                (
                    "content/releases/case.en.md",
                    "---\ntitle: Case\ndate: 2027-06-01\nembargo: 2027-06-01T09:00\n---\nBody.\n"
                        .into(),
                ),
            ],
        ),
        (
            "W008 a date in the future without embargo",
            vec![
                (
                    "content/releases/case.ko.md",
                    "---\ntitle: 가\ndate: 2025-12-01\n---\n본문\n".into(),
                ),
                (
                    "content/releases/case.en.md",
                    "---\ntitle: Case\ndate: 2025-12-01\n---\nBody.\n".into(),
                ),
            ],
        ),
        (
            "W009 a tag written differently",
            release("tags: [Data Center]\n", "본문"),
        ),
        (
            "W010 a code block without highlighting",
            release("", "```makefile\nall:\n\techo hi\n```"),
        ),
        (
            "W011 a source photo that carries its GPS position",
            [
                release(
                    "photos:\n  - src: images/camera.jpg\n    alt: \"흙더미 앞에서 삽을 든 참석자들\"\n",
                    "본문",
                ),
                vec![("content/images/camera.jpg", CAMERA_JPEG.to_string())],
            ]
            .concat(),
        ),
        (
            "W012 the hosted editor's configuration out of date",
            vec![
                (
                    "site.toml",
                    std::fs::read_to_string(repo().join("tests/fixtures/check/base/site.toml"))
                        .unwrap()
                        + "\n[cms]\nrepo = \"city/press\"\n",
                ),
                (
                    "cms/config.yml",
                    "# written by an older gongbo\nbackend:\n  name: github\n".into(),
                ),
            ],
        ),
        (
            "W013 a text cut short by a comment",
            release("summary: 광주 #1 행사 요약\n", "본문"),
        ),
        (
            "W014 a link to an address the site does not have",
            release("", "[시행 계획](/releases/plann/)을 본다."),
        ),
    ]
}

/// The case's findings in `lang`, one per line, paths relative to the site.
fn rendered(d: &Diagnostics, lang: Lang) -> String {
    d.render(lang)
}

fn snapshot(name: &str, got: &str) {
    let path = repo().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want != got {
        let first = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(got.lines().count()));
        panic!(
            "{} differs from what gongbo says now (first at line {}):\n  snapshot: {:?}\n  now:      {:?}\nreview the change, then run with UPDATE_SNAPSHOTS=1",
            path.display(),
            first + 1,
            want.lines().nth(first).unwrap_or(""),
            got.lines().nth(first).unwrap_or("")
        );
    }
}

#[test]
fn every_code_renders_in_english_and_korean_as_reviewed() {
    let mut en = String::new();
    let mut ko = String::new();
    let mut seen = BTreeSet::new();
    for (what, files) in cases() {
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let d = check_case(&files);
        let want = &what[..4];
        assert!(
            d.iter().any(|x| x.code.id() == want),
            "{what}: no {want} in\n{d}"
        );
        seen.extend(d.iter().map(|x| x.code));
        for (out, lang) in [(&mut en, Lang::En), (&mut ko, Lang::Ko)] {
            out.push_str(&format!("## {what}\n{}\n", rendered(&d, lang)));
        }
    }
    let missing: Vec<&Code> = Code::ALL.iter().filter(|c| !seen.contains(c)).collect();
    assert!(missing.is_empty(), "no case shows {missing:?}");
    // The same codes, paths, positions and fields in both languages.
    let heads = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.starts_with("  ") && !l.starts_with("##") && !l.is_empty())
            .map(|l| {
                let (at, rest) = l.split_once("]: ").unwrap_or((l, ""));
                let at = at.replace("error[", "[").replace("warning[", "[");
                let at = at.replace("오류[", "[").replace("경고[", "[");
                let field = rest
                    .split_once(": ")
                    .map(|(f, _)| f)
                    .filter(|f| !f.contains(' '));
                format!("{at} {field:?}")
            })
            .collect()
    };
    assert_eq!(heads(&en), heads(&ko));
    snapshot("messages.en.txt", &en);
    snapshot("messages.ko.txt", &ko);
}

#[test]
fn yaml_mistakes_are_told_in_plain_words_at_their_line() {
    let colon = check_case(&[(
        "content/releases/case.ko.md",
        "---\ndate: 2021-03-02\ntitle: 광주: 인공지능 집적단지 착공\n---\n",
    )]);
    let d = colon.iter().next().unwrap();
    assert_eq!(
        (d.code, d.loc.map(|l| l.line)),
        (Code::Unreadable, Some(3)),
        "{d}"
    );
    assert_eq!(
        d.render(Lang::En),
        "content/releases/case.ko.md:3:10: error[E001]: the title has a colon and a space (`: `) in it, which YAML reads as the start of another field\n  hint: when the title has a colon (:) in it, put it in quotes: title: \"광주: 인공지능 집적단지 착공\""
    );
    assert_eq!(
        d.render(Lang::Ko),
        "content/releases/case.ko.md:3:10: 오류[E001]: 제목 안의 콜론(:) 때문에 그 뒤가 새 항목으로 읽힙니다\n  도움말: 제목에 콜론(:)이 있으면 따옴표로 감싸세요: title: \"광주: 인공지능 집적단지 착공\""
    );
    // The quote opens on line 3 and the parser notices at the end of the file.
    let quote = check_case(&[(
        "content/releases/case.ko.md",
        "---\ndate: 2021-03-02\ntitle: \"광주 인공지능\nsummary: 요약\n---\n본문\n",
    )]);
    let d = quote.iter().next().unwrap();
    assert_eq!(
        d.render(Lang::En),
        "content/releases/case.ko.md:3:8: error[E001]: the quote that opens here is never closed\n  hint: end the value with the same quote mark, on the same line"
    );
    assert_eq!(
        d.render(Lang::Ko),
        "content/releases/case.ko.md:3:8: 오류[E001]: 여기서 연 따옴표가 닫히지 않았습니다\n  도움말: 같은 줄에서 같은 따옴표로 값을 닫으세요"
    );
    // A type error names no Rust type, a bad date says what is wrong with it.
    let bad = check_case(&[
        (
            "content/releases/case.ko.md",
            "---\ntitle: 가\ndate: 2023-13-01\ndraft: maybe\n---\n",
        ),
        ("content/releases/case.en.md", EN_TWIN),
    ]);
    let ko = bad.render(Lang::Ko);
    assert!(
        ko.contains("date: `2023-13-01`은 올바른 날짜가 아닙니다. 13월은 없습니다"),
        "{ko}"
    );
    assert!(
        ko.contains(
            "draft: `draft` 값은 true 또는 false여야 합니다. 지금 값은 텍스트 `maybe`입니다"
        ),
        "{ko}"
    );
    for rust in [
        "bool",
        "usize",
        "String",
        "struct",
        "invalid type",
        "expected",
    ] {
        assert!(!bad.to_string().contains(rust), "{rust} in {bad}");
    }
}

#[test]
fn milestone_statuses_written_in_korean_are_accepted() {
    let plan = "phases:\n  - id: p1\n    name: {ko: 1단계, en: Phase 1}\n    years: [2020, 2030]\nmilestones:\n  - id: dc\n    phase: p1\n    title: {ko: 데이터센터, en: Data center}\n    planned: 2023-10\n    status: 지연\n";
    let update = |status: &str| {
        format!("---\ntitle: 가\ndate: 2021-03-02\nmilestone_updates:\n  - id: dc\n    status: {status}\n---\n본문\n")
    };
    for status in ["완료", "예정", "진행", "진행 중", "취소", "지연"] {
        let d = check_case(&[
            ("content/milestones.yaml", plan),
            ("content/releases/case.ko.md", &update(status)),
            (
                "content/releases/case.en.md",
                &update(status).replace("title: 가", "title: Case"),
            ),
        ]);
        assert!(d.is_empty(), "{status}: {d}");
    }
}

// ---------------------------------------------------------------------------------
// The command line's language.

/// Runs `gongbo <args>` on `s` with only the locale variables of `env` set: (exit
/// code, stderr).
fn gongbo(s: &SiteTest, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongbo"));
    cmd.args(args).arg("--root").arg(s.root());
    cmd.env("SOURCE_DATE_EPOCH", NOW.to_string());
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn broken_site() -> SiteTest {
    let s = SiteTest::from_fixture("check/base");
    s.write(
        "content/releases/case.ko.md",
        "---\ntitle: 가\ndate: 2021-02-30\n---\n",
    );
    s
}

const KO_BUILD: &str = "content/releases/case.ko.md:3:7: 오류[E004]: date: `2021-02-30`은 올바른 날짜가 아닙니다. 2021년 2월은 28일까지 있습니다";
const EN_BUILD: &str = "content/releases/case.ko.md:3:7: error[E004]: date: `2021-02-30` is not a valid date: February 2021 has 28 days";

#[test]
fn the_locale_chooses_the_language_and_the_flag_wins() {
    let s = broken_site();
    /// Arguments, locale variables, the first line and a part of the summary wanted.
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: [Case<'_>; 7] = [
        (
            &["build"],
            &[("LC_ALL", "ko_KR.UTF-8")],
            KO_BUILD,
            "빌드 실패: 오류 1개.",
        ),
        (
            &["build"],
            &[("LANG", "ko_KR.UTF-8")],
            KO_BUILD,
            "빌드 실패: 오류 1개.",
        ),
        (
            &["build"],
            &[("LANG", "en_US.UTF-8")],
            EN_BUILD,
            "build failed: 1 error;",
        ),
        (&["build"], &[], EN_BUILD, "build failed: 1 error;"),
        // LC_ALL decides over LANG, LC_MESSAGES over LANG.
        (
            &["build"],
            &[("LC_ALL", "C"), ("LANG", "ko_KR.UTF-8")],
            EN_BUILD,
            "build failed",
        ),
        (
            &["build"],
            &[("LC_MESSAGES", "ko_KR.UTF-8"), ("LANG", "en_US.UTF-8")],
            KO_BUILD,
            "빌드 실패",
        ),
        // The flag wins over the locale, before or after the subcommand.
        (
            &["--locale", "en", "build"],
            &[("LC_ALL", "ko_KR.UTF-8")],
            EN_BUILD,
            "build failed",
        ),
    ];
    for (args, env, first, summary) in cases {
        let (code, err) = gongbo(&s, args, env);
        assert_eq!(code, 1, "{args:?} {env:?}: {err}");
        assert!(err.starts_with(first), "{args:?} {env:?}:\n{err}");
        assert!(err.contains(summary), "{args:?} {env:?}:\n{err}");
    }
    let (_, err) = gongbo(&s, &["build", "--locale", "ko"], &[("LANG", "en_US.UTF-8")]);
    assert!(err.starts_with(KO_BUILD), "{err}");
}

#[test]
fn check_and_new_speak_korean_too() {
    let s = broken_site();
    let ko = [("LANG", "ko_KR.UTF-8")];
    let (code, err) = gongbo(&s, &["check"], &ko);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("오류[E004]: date: `2021-02-30`은 올바른 날짜가 아닙니다"),
        "{err}"
    );
    assert!(
        err.contains(" --> content/releases/case.ko.md:3:7\n"),
        "{err}"
    );
    assert!(err.ends_with("검사 결과: 오류 1개, 경고 0개\n"), "{err}");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongbo"));
    let out = cmd
        .args(["check", "--format", "json", "--locale", "ko", "--root"])
        .arg(s.root())
        .env("SOURCE_DATE_EPOCH", NOW.to_string())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["lang"], "ko");
    assert_eq!(json["findings"][0]["severity"], "error");
    assert_eq!(json["findings"][0]["code"], "E004");
    assert!(json["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("2월은 28일까지"));

    let fresh = SiteTest::from_fixture("check/base");
    let (code, err) = gongbo(&fresh, &["new", "release", "2025-11-25-centre"], &ko);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("만들었습니다: "), "{err}");
    let (code, err) = gongbo(&fresh, &["new", "release", "2025-11-25-centre"], &ko);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("오류[E000]: 파일이 이미 있습니다. 아무것도 쓰지 않았습니다\n  도움말: "),
        "{err}"
    );
}

#[test]
fn a_bad_source_date_epoch_is_told_in_korean() {
    let s = SiteTest::from_fixture("check/base");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongbo"));
    let out = cmd
        .args(["build", "--root"])
        .arg(s.root())
        .env("SOURCE_DATE_EPOCH", "soon")
        .env("LC_ALL", "ko_KR.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "오류: SOURCE_DATE_EPOCH는 초 단위 정수여야 합니다. 지금 값은 `soon`입니다\n  도움말: "
        ),
        "{err}"
    );
    assert!(!Path::new(&s.out()).exists());
}

/// Runs `gongbo <args>` in `cwd` on a terminal (a pseudo-terminal made by util-linux's
/// `script`), typing `input`: (exit code, what the terminal showed).
fn on_a_terminal(cwd: &Path, args: &str, input: &str) -> (i32, String) {
    use std::io::Write;
    let script = Path::new("/usr/bin/script");
    assert!(
        script.exists(),
        "this test needs util-linux's script(1): apt-get install -y bsdutils"
    );
    let command = format!(
        "SOURCE_DATE_EPOCH={NOW} LC_ALL=C LANG=C {} {args}",
        env!("CARGO_BIN_EXE_gongbo")
    );
    let mut child = Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .current_dir(cwd)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).replace('\r', ""),
    )
}

#[test]
fn init_asks_and_answers_in_korean() {
    let dir = tempfile::tempdir().unwrap();
    // On a terminal: every question in Korean, a wrong answer told in Korean and asked
    // again, the defaults taken, the next steps in Korean.
    let (code, shown) = on_a_terminal(
        dir.path(),
        "--locale ko init 새누리집",
        "광주광역시\nGwangju Metropolitan City\nnot a url\nhttps://press.example.go.kr/\n\n\n",
    );
    assert_eq!(code, 0, "{shown}");
    for want in [
        "기관 이름, 한국어(예: 광주광역시): ",
        "기관 이름, 영어(예: Gwangju Metropolitan City): ",
        "누리집을 게시할 주소(예: https://press.example.go.kr/ 또는 https://ORG.github.io/REPO/): ",
        "  `not a url` 안의 공백은 웹 주소에 쓸 수 없습니다 (https://press.example.go.kr/ 처럼 http(s)로 시작하는 전체 주소를 쓰세요)\n",
        "기관 누리집 주소 [https://press.example.go.kr/]: ",
        "날짜와 시각에 쓸 시간대 [Asia/Seoul]: ",
        "만들었습니다: 새누리집/site.toml\n",
        "새누리집에 사이트를 만들었습니다. 그 폴더에서(cd 새누리집) 다음 순서로 진행하세요:\n",
        "  gongbo check                        고칠 곳을 파일, 줄, 칸 위치와 함께 알려 줍니다\n",
    ] {
        assert!(shown.contains(want), "{want:?} not in\n{shown}");
    }
    assert!(!shown.contains("The organisation"), "{shown}");
    assert!(dir.path().join("새누리집/site.toml").is_file());

    // Off a terminal: the missing options named, in Korean, with an example.
    let out = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .args(["init", "다른곳", "--name-ko", "광주광역시"])
        .current_dir(dir.path())
        .env("LANG", "ko_KR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(
        err,
        "오류: gongbo init에 --name-en, --base-url 옵션이 필요합니다(터미널에서 실행하면 하나씩 물어봅니다)\n  도움말: 예: gongbo init press-site --name-ko 광주광역시 --name-en \"Gwangju Metropolitan City\" --base-url https://press.example.go.kr/\n"
    );
    // A folder that is not empty is refused, in Korean.
    let out = Command::new(env!("CARGO_BIN_EXE_gongbo"))
        .args(["--locale", "ko", "init", "새누리집"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("새누리집: 오류[E000]: 폴더가 비어 있지 않습니다(.github, .gitignore, README.md 외 3개). 아무것도 쓰지 않았습니다\n  도움말: "),
        "{err}"
    );
}

#[test]
fn held_back_releases_and_the_next_one_due_are_told_in_korean() {
    let s = SiteTest::from_fixture("check/base");
    for lang in ["ko", "en"] {
        s.write(
            &format!("content/releases/later.{lang}.md"),
            "---\ntitle: 나중\ndate: 2030-01-01\nembargo: 2030-01-01T09:00\n---\n본문\n",
        );
    }
    let (code, err) = gongbo(&s, &["build"], &[("LANG", "ko_KR.UTF-8")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "게시 보류: content/releases/later.ko.md(보도시점 2030년 1월 1일(화) 09:00까지)\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("다음 공개 예정: content/releases/later.en.md, 2030년 1월 1일(화) 09:00. 그 시각이 지난 뒤 다시 빌드하면 게시됩니다"),
        "{err}"
    );
    assert!(err.contains("를 만들고 파일 "), "{err}");
}
