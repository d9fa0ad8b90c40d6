//! `gongbo new release <stem>`: a new release as a draft (`draft: true`), its front
//! matter filled in from site.toml (department, contact) and the reference time (today
//! in the site's time zone), every optional field listed as a comment, and placeholder
//! texts for the title, summary and body that `check` and `build` refuse to publish
//! (E014, content/release/placeholder.rs).
//!
//! [`release_files`] is pure; [`create`] writes the files and refuses to overwrite any.

use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::content::decode;
use crate::content::release::placeholder;
use crate::diag::{io_reason, Code, Diagnostic, Diagnostics};
use crate::time::{iso_date, reference_time};
use crate::types::{check_slug, Lang, PerLang};

/// The relative path and text of each new file.
pub fn release_files(
    config: &Config,
    stem: &str,
    langs: &[Lang],
    now_unix: i64,
) -> Result<Vec<(String, String)>, Box<Diagnostic>> {
    check_slug(stem).map_err(|m| -> Box<Diagnostic> {
        Diagnostic::new(
            Code::InvalidValue,
            format!("content/releases/{stem}"),
            t!("`{stem}` cannot be a file stem: {m}", stem, m),
        )
        .hint(t!(
            "use letters, digits and hyphens, e.g. `2026-03-02-budget`"
        ))
        .into()
    })?;
    let today = reference_time(now_unix, config.tz)
        .map(|t| iso_date(&t))
        .map_err(|e| Box::new(Diagnostic::from(e)))?;
    Ok(langs
        .iter()
        .map(|&lang| {
            (
                format!("content/releases/{stem}.{}.md", lang.code()),
                front_matter(config, lang, &today),
            )
        })
        .collect())
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// The comments of the template, per language: the only wording besides the
/// placeholders (content/release/placeholder.rs).
struct Notes {
    kind: &'static str,
    draft: &'static str,
    optional: &'static str,
    role: &'static str,
}

const NOTES: PerLang<Notes> = PerLang {
    ko: Notes {
        kind: "보도자료, 보도참고자료, 설명자료, 해명자료 가운데 하나",
        draft: "초안입니다. 다 쓰고 나서 공개할 때 이 줄을 지우세요.",
        optional: "아래는 쓸 수 있는 항목입니다. 쓰려면 줄 앞의 #를 지우세요.",
        role: "담당자",
    },
    en: Notes {
        kind: "press_release, background, explanation or rebuttal",
        draft: "a draft: delete this line to publish the release when it is ready",
        optional: "Optional fields: delete the # in front of a line to use it.",
        role: "Contact",
    },
};

fn front_matter(config: &Config, lang: Lang, today: &str) -> String {
    let texts = placeholder::TEXTS.get(lang);
    let notes = NOTES.get(lang);
    let kind = if lang == Lang::Ko {
        "보도자료"
    } else {
        "press_release"
    };
    let mut s = String::from("---\n");
    s.push_str(&format!("title: {}\n", quote(texts.title)));
    s.push_str(&format!("date: {today}\n"));
    s.push_str(&format!("kind: {kind}  # {}\n", notes.kind));
    s.push_str(&format!("summary: {}\n", quote(texts.summary)));
    s.push_str(&format!("draft: true  # {}\n", notes.draft));
    match &config.organization.department {
        Some(d) => s.push_str(&format!("department: {}\n", quote(d.get(lang)))),
        None => s.push_str("# department: \"\"\n"),
    }
    let c = &config.organization.contact;
    if c.email.is_some() || c.phone.is_some() {
        s.push_str(&format!("contacts:\n  - role: {}\n", quote(notes.role)));
        if let Some(p) = &c.phone {
            s.push_str(&format!("    phone: {}\n", quote(p)));
        }
        if let Some(e) = &c.email {
            s.push_str(&format!("    email: {}\n", quote(e)));
        }
    }
    s.push_str(&format!("# {}\n", notes.optional));
    if c.email.is_none() && c.phone.is_none() {
        s.push_str("# contacts:\n#   - role: \"\"\n#     rank: \"\"\n#     name: \"\"\n#     phone: \"\"\n#     email: \"\"\n");
    }
    s.push_str(&format!(
        "# highlights:\n#   - \"\"\n# tags: []\n# milestones: []\n\
         # milestone_updates:\n#   - id: milestone-id\n#     status: done\n#     date: {today}\n#     planned: {month}\n#     note: \"\"\n\
         # embargo: {today}T09:00\n\
         # changes:\n#   - date: {today}T18:00\n#     note: \"\"\n\
         # attachments:\n#   - path: files/example.pdf\n#     title: \"\"\n\
         # image: images/example.jpg\n# image_alt: \"\"\n\
         # sources:\n#   - title: \"\"\n#     url: https://\n\
         # kogl: {}\n# slug: my-release\n# one_language: true\n",
        config.default_kogl.number(),
        month = &today[..7]
    ));
    s.push_str("---\n\n");
    s.push_str(texts.body);
    s.push('\n');
    s
}

/// Writes the new release files under `root`; refuses (writing nothing) if any exists.
pub fn create(
    root: &Path,
    stem: &str,
    langs: &[Lang],
    now_unix: i64,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let one = |d: Diagnostic| {
        let mut all = Diagnostics::new();
        all.push(d);
        all
    };
    let text = std::fs::read(root.join(config::FILE)).map_err(|e| {
        one(Diagnostic::new(
            Code::SiteConfig,
            config::FILE,
            t!(
                "cannot read {path}: {reason}",
                path = root.join(config::FILE).display().to_string(),
                reason = io_reason(&e)
            ),
        )
        .hint(t!("run gongbo in the site's folder or pass --root DIR")))
    })?;
    let text = decode(config::FILE, text, Code::SiteConfig).map_err(one)?;
    let config = config::parse(&text, None)?;
    let files = release_files(&config, stem, langs, now_unix).map_err(|d| one(*d))?;
    let mut diags = Diagnostics::new();
    for (rel, _) in &files {
        if root.join(rel).exists() {
            diags.push(
                Diagnostic::new(
                    Code::OtherError,
                    rel.as_str(),
                    t!("the file already exists; nothing was written"),
                )
                .hint(t!("choose another stem, or edit the existing file")),
            );
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut written = Vec::new();
    for (rel, body) in files {
        let path = root.join(&rel);
        let result = std::fs::create_dir_all(path.parent().expect("has a parent")).and_then(|_| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut f| std::io::Write::write_all(&mut f, body.as_bytes()))
        });
        if let Err(e) = result {
            return Err(one(Diagnostic::new(
                Code::OtherError,
                rel,
                t!("cannot write the file: {reason}", reason = io_reason(&e)),
            )));
        }
        written.push(path);
    }
    Ok(written)
}
