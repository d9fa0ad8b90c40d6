//! Markdown bodies become sanitized HTML.
//!
//! The one place that sets pulldown-cmark's options: tables, footnotes, strikethrough
//! and task lists. Steps over the event stream: headings get stable ids (and move one
//! level down when the body uses `#`, because the page title is the only `h1`); fenced
//! code is highlighted with CSS classes; `@/releases/<stem>.<lang>.md` links become
//! URLs (a missing target is an error at the link's line); dangerous URL schemes are
//! made inert; images are checked and written by [`images`] (photos as `<picture>`, an
//! image alone in its paragraph as a `<figure>` captioned with its title). Table alignment becomes classes instead of `style=`. Raw HTML, when
//! present, sends the whole body through the [`sanitize`] allow-list.

pub mod anchors;
pub mod figure;
mod findings;
pub mod highlight;
pub mod images;
pub mod limits;
pub mod sanitize;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

use crate::diag::{Code, Diagnostic, LineIndex, Loc};
use crate::link::photos::Photos;
use crate::link::BodyLink;
use crate::types::{Lang, PageId, ReleaseId};
use findings::{over, plain_code, Findings};
pub use limits::MAX_NESTING;

/// A heading of the body, for tables of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A rendered body.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Every link and image of the body, as its URL stands in `html`.
    pub links: Vec<BodyLink>,
    /// Every `@/` target the body looked up in the link table, and every content file
    /// its images name, sorted: the body renders the same again while its text and what
    /// these targets resolve to (and, for photos, the photos) stay the same.
    pub targets: Vec<String>,
    /// The files under content/ that the body shows as images (paths there), and where.
    pub images: Vec<(String, Loc)>,
    /// Whether the body has highlighted code (its page needs `highlight.css`).
    pub code: bool,
}

/// The rendered bodies of a site, index-aligned with its published releases and pages.
#[derive(Debug, Default)]
pub struct Bodies {
    pub releases: Vec<Rendered>,
    pub pages: Vec<Rendered>,
}

impl Bodies {
    pub fn release(&self, id: ReleaseId) -> &Rendered {
        &self.releases[id.index()]
    }

    pub fn page(&self, id: PageId) -> &Rendered {
        &self.pages[id.index()]
    }
}

/// What to render.
pub struct Input<'a> {
    /// Site-relative path of the source, for diagnostics.
    pub src: &'a str,
    pub body: &'a str,
    /// File line on which the body starts.
    pub body_line: usize,
    /// The base path links are made under (`/` or `/sub/`).
    pub base_path: &'a str,
    /// The site-relative path of the page the body is shown on (`releases/x/`), which
    /// relative image paths are read from.
    pub page: &'a str,
    /// The language of the page.
    pub lang: Lang,
    /// The site's photos, as the build described them.
    pub photos: &'a Photos,
    /// Whether the page shows a photo above the body (then every photo of the body is
    /// loaded lazily).
    pub lead: bool,
    /// Output paths of the site's static files, which a body may show by address
    /// (`/images/logo.svg`).
    pub statics: &'a HashSet<String>,
}

impl<'a> Input<'a> {
    /// A body on no particular page (Korean, at the site's root), with no photos: for
    /// tests and the fuzzer.
    pub fn plain(src: &'a str, body: &'a str, body_line: usize, base_path: &'a str) -> Self {
        static NO_PHOTOS: std::sync::OnceLock<Photos> = std::sync::OnceLock::new();
        static NO_STATICS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
        Input {
            src,
            body,
            body_line,
            base_path,
            page: "",
            lang: Lang::Ko,
            photos: NO_PHOTOS.get_or_init(Photos::default),
            lead: false,
            statics: NO_STATICS.get_or_init(HashSet::new),
        }
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

pub fn render(input: &Input<'_>, links: &HashMap<String, String>) -> (Rendered, Vec<Diagnostic>) {
    let lines = LineIndex::new(input.body);
    let loc = |offset: usize| {
        let l = lines.loc(offset);
        Loc::new(l.line + input.body_line - 1, l.col)
    };
    // Tables are measured before pulldown-cmark builds its tree: a wide one would be
    // filled with empty cells there, before any event could be counted.
    if let Err(o) = limits::tables(input.body) {
        let d = over(input, Code::TooLarge, loc(o.offset), o.message, o.hint);
        return (Rendered::default(), vec![d]);
    }
    let mut events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(input.body, options())
            .into_offset_iter()
            .collect();
    if let Some(offset) = limits::too_deep(&events) {
        // Deeper trees make the HTML sanitizer and the feed rewriter quadratic (100k
        // levels of `>` took minutes): refuse them before anything walks the tree.
        let message = t!(
            "the Markdown nests more than {limit} levels deep",
            limit = limits::MAX_NESTING
        );
        let hint = t!("flatten the nested block quotes, lists or HTML elements");
        let d = over(input, Code::TooLarge, loc(offset), message, hint);
        return (Rendered::default(), vec![d]);
    }
    let shift = events.iter().any(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });
    let lone = images::lone_images(&mut events);
    let mut found = Findings::default();
    let mut photos = 0;
    let mut budget = highlight::Budget::default();
    let mut anchors = anchors::Anchors::default();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut raw_html = false;
    let mut iter = events.into_iter().peekable();
    let mut caption: Option<Vec<Event<'_>>> = None;
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let level = if shift { deeper(level) } else { level };
                let mut inner = Vec::new();
                let mut text = String::new();
                for (e, _) in iter.by_ref() {
                    match &e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        Event::Html(_) | Event::InlineHtml(_) => raw_html = true,
                        _ => {}
                    }
                    inner.push(e);
                }
                let id = anchors.id_for(&text);
                headings.push(Heading {
                    level: level as u8,
                    id: id.clone(),
                    text: text.trim().to_string(),
                });
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs,
                }));
                out.extend(
                    inner
                        .into_iter()
                        .map(|e| fix_link(e, input, links, &mut found, &|| loc(range.start))),
                );
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (e, _) in iter.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let (lang, first_line) = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        (info.split([' ', ',', '{']).next().unwrap_or(""), 1)
                    }
                    CodeBlockKind::Indented => ("", 0),
                };
                let (html, plain) = highlight::highlight(&code, lang, &mut budget);
                if let Some(why) = plain {
                    let at = loc(range.start);
                    if found.room(Code::PlainCode, &|| at) {
                        found.push(plain_code(input, lang, at, first_line, &why));
                    }
                }
                out.push(Event::Html(html.into()));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                raw_html = true;
                out.push(event);
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let alt = images::alt_text(&mut iter);
                let img = images::Image {
                    dest: dest_url,
                    title,
                    alt,
                    block: lone.contains(&range.start),
                    loc: loc(range.start),
                };
                let mut writer = images::Images {
                    input,
                    links,
                    found: &mut found,
                    photos,
                };
                out.push(writer.write(img));
                photos = writer.photos;
            }
            // Wide tables scroll inside a focusable wrapper instead of the whole page.
            // A paragraph `Table: …` (or `표: …`) right before a table becomes its caption.
            Event::Start(Tag::Paragraph)
                if caption_prefix(iter.peek().map(|(e, _)| e)).is_some() =>
            {
                let mut inner = Vec::new();
                for (e, _) in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Paragraph)) {
                        break;
                    }
                    inner.push(fix_link(e, input, links, &mut found, &|| loc(range.start)));
                }
                if matches!(iter.peek(), Some((Event::Start(Tag::Table(_)), _))) {
                    if let Some(Event::Text(t)) = inner.first_mut() {
                        let cut = caption_prefix(Some(&Event::Text(t.clone()))).unwrap_or(0);
                        *t = t[cut..].trim_start().to_string().into();
                    }
                    caption = Some(inner);
                } else {
                    out.push(Event::Start(Tag::Paragraph));
                    out.extend(inner);
                    out.push(Event::End(TagEnd::Paragraph));
                }
            }
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(
                    "<div class=\"table-wrap\" tabindex=\"0\">".into(),
                ));
                out.push(event);
                if let Some(inner) = caption.take() {
                    out.push(Event::Html("<caption>".into()));
                    out.extend(inner);
                    out.push(Event::Html("</caption>".into()));
                }
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html("</div>".into()));
            }
            e => out.push(fix_link(e, input, links, &mut found, &|| loc(range.start))),
        }
    }
    let mut html = String::with_capacity(input.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    if html.len() > limits::MAX_HTML_BYTES {
        // Everything after this (sanitizer, feeds, search) is proportional to the HTML.
        let message = t!(
            "this body makes {size} MB of HTML; the limit is {limit} MB",
            size = html.len().div_ceil(1 << 20),
            limit = limits::MAX_HTML_BYTES >> 20
        );
        let hint = t!("split the release: many footnote references, task list items or table cells make far more HTML than text");
        let d = over(
            input,
            Code::TooLarge,
            Loc::new(input.body_line, 1),
            message,
            hint,
        );
        return (Rendered::default(), vec![d]);
    }
    if html.contains(" style=\"text-align: ") {
        html = html
            .replace(" style=\"text-align: left\"", " class=\"align-left\"")
            .replace(" style=\"text-align: center\"", " class=\"align-center\"")
            .replace(" style=\"text-align: right\"", " class=\"align-right\"");
    }
    let mut links = std::mem::take(&mut found.links);
    if raw_html {
        let (clean, urls) = sanitize::clean_with_urls(&html);
        html = clean;
        raw_links(input, urls, &mut links);
    }
    let mut targets = std::mem::take(&mut found.targets);
    targets.sort();
    targets.dedup();
    let images = std::mem::take(&mut found.images);
    // highlight.css styles only these classes (from the highlighter, or raw HTML).
    let code = html.contains("class=\"hl-");
    let r = Rendered {
        html,
        headings,
        links,
        targets,
        images,
        code,
    };
    (r, found.into_vec(input.src))
}

/// The length of a `Table:` / `표:` caption marker at the start of `event`'s text.
fn caption_prefix(event: Option<&Event<'_>>) -> Option<usize> {
    let Some(Event::Text(t)) = event else {
        return None;
    };
    ["Table:", "표:"]
        .iter()
        .find(|p| t.starts_with(**p))
        .map(|p| p.len())
}

fn deeper(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The URLs of raw HTML (`<img src>`, `<a href>`) that the Markdown events did not
/// already give, located at the first line of the body that contains them.
fn raw_links(input: &Input<'_>, urls: Vec<(bool, String)>, found: &mut Vec<BodyLink>) {
    for (embed, url) in urls {
        if found.iter().any(|l| l.url == url) {
            continue;
        }
        let offset = input.body.find(url.as_str()).unwrap_or(0);
        let l = Loc::of_offset(input.body, offset);
        let loc = Loc::new(l.line + input.body_line - 1, l.col);
        found.push(BodyLink { url, embed, loc });
    }
}

/// Resolves `@/` links and neutralises dangerous URLs in link and image events.
fn fix_link<'a>(
    e: Event<'a>,
    input: &Input<'_>,
    links: &HashMap<String, String>,
    found: &mut Findings,
    at: &dyn Fn() -> Loc,
) -> Event<'a> {
    match e {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = resolve(dest_url, input, links, found, at);
            found.record(&dest_url, false, at);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = resolve(dest_url, input, links, found, at);
            found.record(&dest_url, true, at);
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        e => e,
    }
}

fn resolve<'a>(
    dest: CowStr<'a>,
    input: &Input<'_>,
    links: &HashMap<String, String>,
    found: &mut Findings,
    at: &dyn Fn() -> Loc,
) -> CowStr<'a> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, frag) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        found.targets.push(path.to_string());
        return match links.get(path) {
            Some(url) => {
                let mut u = format!("{}{}", input.base_path, url);
                if let Some(f) = frag {
                    u.push('#');
                    u.push_str(f);
                }
                u.into()
            }
            None if !found.room(Code::BrokenLink, at) => "#".into(),
            None => {
                let near = crate::diag::nearest(path, links.keys().map(String::as_str));
                found.push(
                    Diagnostic::new(
                        Code::BrokenLink,
                        input.src,
                        t!("the link target `@/{path}` does not exist", path),
                    )
                    .at(at())
                    .field("body")
                    .hint(match near {
                        Some(near) => t!("did you mean `@/{near}`?", near),
                        None => t!("link to a file under content/, e.g. `@/releases/<stem>.ko.md`"),
                    }),
                );
                "#".into()
            }
        };
    }
    if safe_url(&dest) {
        dest
    } else if !found.room(Code::OtherWarning, at) {
        "#".into()
    } else {
        found.push(
            Diagnostic::new(
                Code::OtherWarning,
                input.src,
                t!(
                    "the link `{dest}` uses a scheme that is not allowed and was removed",
                    dest = dest.as_ref()
                ),
            )
            .at(at())
            .field("body")
            .hint(t!(
                "link to http(s), mailto or tel addresses, or to other content with @/"
            )),
        );
        "#".into()
    }
}

/// True for relative URLs and http, https, mailto and tel.
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => !cleaned.contains("&#") && !cleaned.to_ascii_lowercase().contains("&colon"),
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> (Rendered, Vec<Diagnostic>) {
        let links = HashMap::from([("releases/a.ko.md".to_string(), "releases/a/".to_string())]);
        let input = Input {
            page: "releases/b/",
            ..Input::plain("content/releases/b.ko.md", body, 5, "/sub/")
        };
        render(&input, &links)
    }

    #[test]
    fn headings_get_korean_ids_and_h1_moves_down() {
        let (r, _) = md("# 추진 경과\n\n## 향후 계획\n");
        assert!(
            r.html.contains(r#"<h2 id="추진-경과">추진 경과</h2>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h3 id="향후-계획">"#), "{}", r.html);
    }

    #[test]
    fn internal_links_resolve_and_missing_ones_error_at_their_line() {
        let (r, d) = md("[a](@/releases/a.ko.md#x)\n\n[b](@/releases/zz.ko.md)\n");
        assert!(
            r.html.contains(r#"href="/sub/releases/a/#x""#),
            "{}",
            r.html
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].loc, Some(Loc::new(7, 1)));
    }

    #[test]
    fn dangerous_urls_are_neutralised() {
        let (r, d) = md(
            "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) ![i](data:image/svg+xml,<svg>)\n",
        );
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
        assert!(!r.html.contains("data:"), "{}", r.html);
        assert_eq!(d.len(), 3);
    }

    #[test]
    fn tables_use_classes_not_styles() {
        let (r, _) = md("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
        assert!(r.html.contains(r#"<th class="align-left">"#), "{}", r.html);
        assert!(!r.html.contains("style="));
    }

    #[test]
    fn a_table_paragraph_becomes_the_caption() {
        let (r, _) = md(
            "표: 건물별 **층수**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: not before a table\n",
        );
        assert!(
            r.html
                .contains("<table><caption>건물별 <strong>층수</strong></caption><thead>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<p>Table: not before a table</p>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let (r, _) = md("```rust\nfn main() {}\n```\n");
        assert!(r.html.contains("hl-"), "{}", r.html);
        assert!(!r.html.contains("style="));
    }

    #[test]
    fn raw_html_is_sanitized() {
        let (r, _) = md("<div onclick=\"x()\">hi</div>\n\n<script>alert(1)</script>\n\n## 제목\n");
        assert!(
            !r.html.contains("onclick") && !r.html.contains("<script"),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"id="제목""#), "{}", r.html);
    }
}
