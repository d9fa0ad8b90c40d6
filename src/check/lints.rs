//! Editorial lints: problems a build accepts but an editor should fix. Each takes the
//! linked [`Site`] (and, for tag spelling, the source text) and returns findings with a
//! [`Code`], a position and a hint.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

use crate::content::frontmatter;
use crate::content::release::Release;
use crate::diag::{Code, Diagnostic, Loc};
use crate::link::Site;
use crate::markdown;
use crate::types::Lang;

/// Lint settings.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest `highlights` line accepted, in characters.
    pub highlight_chars: usize,
    /// Alternative text shorter than this (in characters) is not meaningful.
    pub min_alt_chars: usize,
    /// Paragraphs shorter than this are not compared for repeats.
    pub min_repeat_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            highlight_chars: 120,
            min_alt_chars: 5,
            min_repeat_chars: 30,
        }
    }
}

/// A body to lint: which file, which text, and where it starts.
struct Body<'a> {
    src: &'a str,
    text: &'a str,
    line: usize,
}

impl Body<'_> {
    fn loc(&self, offset: usize) -> Loc {
        let l = Loc::of_offset(self.text, offset);
        Loc::new(l.line + self.line - 1, l.col)
    }
}

/// Runs every lint over `site`.
/// `ids` holds the heading ids of every body, keyed by its `@/` link name
/// (`releases/x.ko.md`), from [`crate::Built::heading_ids`].
pub fn all(
    site: &Site,
    ids: &HashMap<String, Vec<String>>,
    root: &Path,
    limits: &Limits,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    translations(site, &mut out);
    let bodies = site
        .releases
        .iter()
        .map(|r| Body {
            src: &r.src,
            text: &r.body,
            line: r.body_line,
        })
        .chain(site.pages.iter().map(|p| Body {
            src: &p.src,
            text: &p.body,
            line: p.body_line,
        }));
    for b in bodies {
        body(&b, ids, limits, &mut out);
    }
    for r in &site.releases {
        release(site, r, root, limits, &mut out);
    }
    for h in &site.held_back {
        if h.until > site.now + chrono::Duration::days(365) {
            let loc = split_of(root, &h.src).map(|(text, _)| key_loc(&text, "embargo"));
            out.push(
                Diagnostic::new(
                    Code::EmbargoFar,
                    &h.src,
                    format!(
                        "the embargo lifts on {}, more than a year from now",
                        crate::time::iso_date(&h.until)
                    ),
                )
                .at_opt(loc)
                .field("embargo")
                .hint("check the year of the embargo"),
            );
        }
    }
    out
}

fn translations(site: &Site, out: &mut Vec<Diagnostic>) {
    let mut check = |pairs: &std::collections::BTreeMap<
        String,
        crate::types::PerLang<Option<usize>>,
    >,
                     src: &dyn Fn(usize) -> String,
                     kind: &str| {
        for (stem, pair) in pairs {
            for lang in [Lang::Ko, Lang::En] {
                let other = lang.other();
                if pair.get(lang).is_none() {
                    if let Some(i) = *pair.get(other) {
                        let have = src(i);
                        let missing = have.replace(
                            &format!(".{}.md", other.code()),
                            &format!(".{}.md", lang.code()),
                        );
                        let name = if lang == Lang::Ko {
                            "Korean"
                        } else {
                            "English"
                        };
                        out.push(
                            Diagnostic::new(Code::MissingTranslation, &have, format!("the {kind} `{stem}` has no {name} translation ({missing} is missing)"))
                                .at(Loc::new(1, 1))
                                .hint(format!("add {missing}, or ignore this if the {kind} is meant for one language")),
                        );
                    }
                }
            }
        }
    };
    check(
        &site.release_pairs,
        &|i| site.releases[i].src.clone(),
        "release",
    );
    check(&site.page_pairs, &|i| site.pages[i].src.clone(), "page");
}

/// Text with runs of white space folded to one space.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn body(
    b: &Body<'_>,
    ids: &HashMap<String, Vec<String>>,
    limits: &Limits,
    out: &mut Vec<Diagnostic>,
) {
    let own = b.src.trim_start_matches("content/");
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut para: Option<(usize, String)> = None;
    let mut image: Option<(usize, String, String)> = None;
    let mut last_level = 1usize;
    for (event, range) in Parser::new_ext(b.text, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => para = Some((range.start, String::new())),
            Event::End(TagEnd::Paragraph) => {
                if let Some((start, text)) = para.take() {
                    let text = normalise(&text);
                    if text.chars().count() >= limits.min_repeat_chars {
                        if let Some(first) = seen.get(&text) {
                            out.push(
                                Diagnostic::new(
                                    Code::RepeatedParagraph,
                                    b.src,
                                    format!("this paragraph repeats the one on line {first}"),
                                )
                                .at(b.loc(start))
                                .field("body")
                                .hint(
                                    "remove the copy; syndicated texts often repeat the whole body",
                                ),
                            );
                        } else {
                            seen.insert(text, b.loc(start).line);
                        }
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, p)) = para.as_mut() {
                    p.push_str(&t);
                }
                if let Some((_, _, alt)) = image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, p)) = para.as_mut() {
                    p.push(' ');
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let n = level_number(level);
                if n > last_level + 1 {
                    out.push(
                        Diagnostic::new(
                            Code::SkippedHeading,
                            b.src,
                            format!("the heading level jumps from {} to {}", last_level, n),
                        )
                        .at(b.loc(range.start))
                        .field("body")
                        .hint(format!(
                            "use {} (the release title is the level-1 heading)",
                            "#".repeat(last_level + 1)
                        )),
                    );
                }
                last_level = n;
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((range.start, dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, dest, alt)) = image.take() {
                    if let Some(why) = weak_alt(&alt, &dest, limits) {
                        out.push(
                            Diagnostic::new(Code::WeakAlt, b.src, format!("the image `{dest}` has {why}"))
                                .at(b.loc(start))
                                .field("body")
                                .hint("describe what the image shows, e.g. `착공식에서 첫 삽을 뜨는 참석자들`"),
                        );
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                anchor(b, own, &dest_url, range.start, ids, out);
            }
            _ => {}
        }
    }
}

fn level_number(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Why `alt` does not describe the image at `dest`, if it does not.
pub fn weak_alt(alt: &str, dest: &str, limits: &Limits) -> Option<String> {
    let alt = normalise(alt);
    let lower = alt.to_lowercase();
    let file = dest.rsplit('/').next().unwrap_or(dest).to_lowercase();
    let stem = file
        .rsplit_once('.')
        .map_or(file.as_str(), |(s, _)| s)
        .to_string();
    const GENERIC: [&str; 12] = [
        "image",
        "img",
        "picture",
        "photo",
        "graphic",
        "사진",
        "이미지",
        "그림",
        "사진1",
        "image1",
        "alt",
        "screenshot",
    ];
    if alt.is_empty() {
        Some("no alternative text".into())
    } else if lower == file || lower == stem {
        Some(format!("its file name `{alt}` as alternative text"))
    } else if GENERIC.contains(&lower.as_str()) {
        Some(format!("the generic alternative text `{alt}`"))
    } else if alt.chars().count() < limits.min_alt_chars {
        Some(format!(
            "the alternative text `{alt}`, too short to describe it"
        ))
    } else {
        None
    }
}

fn anchor(
    b: &Body<'_>,
    own: &str,
    dest: &str,
    offset: usize,
    ids: &HashMap<String, Vec<String>>,
    out: &mut Vec<Diagnostic>,
) {
    let (target, frag) = if let Some(frag) = dest.strip_prefix('#') {
        (own, frag)
    } else if let Some((path, frag)) = dest.strip_prefix("@/").and_then(|d| d.split_once('#')) {
        (path, frag)
    } else {
        return;
    };
    let Some(known) = ids.get(target) else {
        return; // a missing page is the build's own error (E008)
    };
    let frag = percent_decode(frag);
    if frag.is_empty()
        || known.contains(&frag)
        || markdown::anchors::THEME_IDS.contains(&frag.as_str())
    {
        return;
    }
    let hint = match crate::diag::nearest(&frag, known.iter().map(String::as_str)) {
        Some(n) => format!("did you mean `#{n}`? headings there: {}", known.join(", ")),
        None if known.is_empty() => format!("content/{target} has no headings"),
        None => format!("headings there: {}", known.join(", ")),
    };
    out.push(
        Diagnostic::new(
            Code::BrokenAnchor,
            b.src,
            format!("the anchor `#{frag}` does not exist in content/{target}"),
        )
        .at(b.loc(offset))
        .field("body")
        .hint(hint),
    );
}

fn percent_decode(s: &str) -> String {
    String::from_utf8_lossy(&crate::types::percent_decode(s)).into_owned()
}

/// The front matter text of a source file and the line its YAML starts on.
fn split_of(root: &Path, src: &str) -> Option<(String, usize)> {
    let text = std::fs::read_to_string(root.join(src)).ok()?;
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    Some((text, 0))
}

fn key_loc(text: &str, key: &str) -> Loc {
    frontmatter::split("", text).map_or(Loc::new(1, 1), |s| s.key_loc(key))
}

#[derive(Deserialize)]
struct RawTags {
    #[serde(default)]
    tags: Vec<String>,
}

fn release(site: &Site, r: &Release, root: &Path, limits: &Limits, out: &mut Vec<Diagnostic>) {
    let text = split_of(root, &r.src).map(|(t, _)| t).unwrap_or_default();
    let split = frontmatter::split(&r.src, &text).ok();
    let key = |k: &str| split.as_ref().map(|s| s.key_loc(k));
    let value = |k: &str, v: &str| split.as_ref().map(|s| s.value_loc(k, v));
    for h in &r.highlights {
        let n = h.chars().count();
        if n > limits.highlight_chars {
            out.push(
                Diagnostic::new(
                    Code::LongHighlight,
                    &r.src,
                    format!(
                        "this highlight is {n} characters long, more than {}",
                        limits.highlight_chars
                    ),
                )
                .at_opt(value(
                    "highlights",
                    h.chars().take(10).collect::<String>().as_str(),
                ))
                .field("highlights")
                .hint("keep each highlight to one short line; move detail into the body"),
            );
        }
    }
    if let Some(alt) = r
        .image
        .as_ref()
        .and_then(|i| weak_alt(&i.alt, &i.src, limits).map(|w| (i, w)))
    {
        out.push(
            Diagnostic::new(
                Code::WeakAlt,
                &r.src,
                format!("the image `{}` has {}", alt.0.src, alt.1),
            )
            .at_opt(key("image_alt"))
            .field("image_alt")
            .hint("describe what the image shows"),
        );
    }
    match r.embargo {
        Some(e) if e <= site.now => out.push(
            Diagnostic::new(
                Code::EmbargoPast,
                &r.src,
                format!(
                    "the embargo ({}) has already passed",
                    crate::time::iso_date(&e)
                ),
            )
            .at_opt(key("embargo"))
            .field("embargo")
            .hint("remove the `embargo` line now that the release is public"),
        ),
        None if r.date > site.now => out.push(
            Diagnostic::new(
                Code::FutureDate,
                &r.src,
                format!(
                    "the date {} is in the future but there is no embargo",
                    crate::time::iso_date(&r.date)
                ),
            )
            .at_opt(key("date"))
            .field("date")
            .hint("add `embargo:` with the release time, or correct the date"),
        ),
        _ => {}
    }
    if let Some(split) = &split {
        if let Ok(raw) = frontmatter::parse::<RawTags>(&r.src, split) {
            for t in &raw.tags {
                let Ok(id) = site.tags.resolve(t) else {
                    continue;
                };
                let tag = &site.tags.tags[id.0];
                if *t != tag.slug && *t != tag.label.ko && *t != tag.label.en {
                    out.push(
                        Diagnostic::new(
                            Code::TagSpelling,
                            &r.src,
                            format!(
                                "the tag `{t}` is written differently from the declared `{}`",
                                tag.slug
                            ),
                        )
                        .at(split.value_loc("tags", t))
                        .field("tags")
                        .hint(format!(
                            "write it as `{}`, `{}` or `{}`, as declared in content/tags.yaml",
                            tag.slug, tag.label.ko, tag.label.en
                        )),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_text_rules() {
        let l = Limits::default();
        assert!(weak_alt("site.svg", "images/site.svg", &l).is_some());
        assert!(weak_alt("사진", "a.png", &l).is_some());
        assert!(weak_alt("Image", "a.png", &l).is_some());
        assert!(weak_alt("도면", "a.png", &l).is_some());
        assert!(weak_alt("착공식 현장의 참석자들", "a.png", &l).is_none());
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("%EC%B6%94%EC%A7%84"), "추진");
        assert_eq!(percent_decode("a%2"), "a%2");
    }
}
