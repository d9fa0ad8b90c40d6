//! The texts of a new site (`src/init/files/`) and the marks filled into them.
//!
//! A mark is `%%name%%` (the value as it is: dates, numbers) or `%%name:context%%`, the
//! value written for its place: `toml` and `yaml` as a double-quoted string (JSON's
//! escapes are valid in both), `md` with Markdown's punctuation escaped, `comment` as it
//! is (on a comment line). Values have no line breaks ([`super::checked`]).

use std::collections::BTreeMap;

use super::{Answers, NewFile};

/// (path in the new site, text, executable). The publishing script is the repository's
/// own, so the two never drift apart; scripts are copied as they are (a shell's `%%` is
/// not a mark).
const FILES: [(&str, &str, bool); 11] = [
    ("site.toml", include_str!("files/site.toml"), false),
    ("content/tags.yaml", include_str!("files/tags.yaml"), false),
    (
        "content/milestones.yaml",
        include_str!("files/milestones.yaml"),
        false,
    ),
    (
        "content/pages/about.ko.md",
        include_str!("files/about.ko.md"),
        false,
    ),
    (
        "content/pages/about.en.md",
        include_str!("files/about.en.md"),
        false,
    ),
    (
        "content/releases/%%stem%%.ko.md",
        include_str!("files/release.ko.md"),
        false,
    ),
    (
        "content/releases/%%stem%%.en.md",
        include_str!("files/release.en.md"),
        false,
    ),
    (
        ".github/workflows/site.yml",
        include_str!("files/site.yml"),
        false,
    ),
    (
        "scripts/publish-site.sh",
        include_str!("../../scripts/publish-site.sh"),
        true,
    ),
    (".gitignore", include_str!("files/gitignore"), false),
    ("README.md", include_str!("files/README.md"), false),
];

/// The files of the new site for checked answers, dated `today` (`YYYY-MM-DD`).
pub fn files(a: &Answers, today: &str) -> Vec<NewFile> {
    let vars = values(a, today);
    FILES
        .iter()
        .map(|(rel, text, executable)| NewFile {
            rel: fill(rel, &vars),
            bytes: if *executable {
                text.as_bytes().to_vec()
            } else {
                fill(text, &vars).into_bytes()
            },
            executable: *executable,
        })
        .collect()
}

fn values(a: &Answers, today: &str) -> BTreeMap<&'static str, String> {
    let (ko, en) = (&a.name.ko, &a.name.en);
    let year = &today[..4];
    BTreeMap::from([
        ("name_ko", ko.clone()),
        ("name_en", en.clone()),
        ("title_ko", format!("{ko} 보도자료")),
        ("title_en", format!("{en} press releases")),
        (
            "description_ko",
            format!("{ko}의 보도자료와 사업 일정을 한국어와 영어로 알리는 누리집"),
        ),
        (
            "description_en",
            format!("Press releases and project milestones of {en}, in Korean and English"),
        ),
        ("base_url", a.base_url.clone()),
        ("org_url", a.org_url.clone()),
        ("timezone", a.timezone.clone()),
        ("today", today.to_string()),
        ("year", year.to_string()),
        ("month", today[..7].to_string()),
        ("stem", format!("{today}-press-site")),
        ("phase_ko", format!("누리집 개설 ({year})")),
        ("phase_en", format!("Site launch ({year})")),
        ("release_title_ko", format!("{ko}, 보도자료 누리집 개설")),
        (
            "release_title_en",
            format!("{en} opens its press release website"),
        ),
        (
            "release_summary_ko",
            format!("{ko}의 보도자료를 한국어와 영어로 함께 싣는 누리집이 문을 열었습니다."),
        ),
        (
            "release_summary_en",
            format!("{en} now publishes its press releases in Korean and English on one website."),
        ),
        ("about_summary_ko", format!("{ko} 보도자료 누리집 소개")),
        (
            "about_summary_en",
            format!("About the press release website of {en}"),
        ),
        ("version", env!("CARGO_PKG_VERSION").to_string()),
    ])
}

/// Replaces every mark of `text`. A mark naming no value is a mistake in the files
/// above, caught by the tests.
fn fill(text: &str, vars: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    while let Some(start) = rest.find("%%") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("%%").expect("a mark is closed");
        let mark = &after[..end];
        let (name, context) = mark.split_once(':').unwrap_or((mark, ""));
        let value = vars
            .get(name)
            .unwrap_or_else(|| panic!("no value for the mark {mark}"));
        out.push_str(&match context {
            "" | "comment" => value.clone(),
            "toml" | "yaml" => serde_json::to_string(value).expect("strings serialize"),
            "md" => markdown_text(value),
            other => panic!("unknown mark context {other}"),
        });
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Text that Markdown shows as written: every ASCII punctuation character escaped.
fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::PerLang;

    #[test]
    fn every_mark_is_filled_and_escaped_for_its_place() {
        let a = Answers {
            name: PerLang {
                ko: "\"따옴표\" *시*".into(),
                en: "A & B [Office]".into(),
            },
            base_url: "https://example.org/".into(),
            org_url: "https://example.org/".into(),
            timezone: "Asia/Seoul".into(),
        };
        for f in files(&a, "2026-03-02") {
            let text = String::from_utf8(f.bytes).unwrap();
            assert!(!text.contains("%%"), "{}: {text}", f.rel);
            assert!(!f.rel.contains("%%"), "{}", f.rel);
        }
        let all = files(&a, "2026-03-02");
        let get = |rel: &str| {
            String::from_utf8(all.iter().find(|f| f.rel == rel).unwrap().bytes.clone()).unwrap()
        };
        assert!(get("site.toml").contains(r#"ko = "\"따옴표\" *시*""#));
        assert!(get("content/releases/2026-03-02-press-site.en.md")
            .contains(r"A \& B \[Office\] has opened"));
        assert!(get(".github/workflows/site.yml").contains(&format!(
            "GONGBO_VERSION: \"{}\"",
            env!("CARGO_PKG_VERSION")
        )));
    }
}
