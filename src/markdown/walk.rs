//! The walk over pulldown-cmark's events that makes a body's HTML: heading ids, code
//! highlighting, images, table wrappers and captions, links; then the limits on the
//! HTML, the sanitizer for raw HTML, and what the body uses.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::findings::{over, plain_code, Findings};
use super::links::{fix_link, raw_links};
use super::{anchors, highlight, images, limits, options, sanitize};
use super::{Heading, Input, Rendered};
use crate::diag::{Code, Diagnostic, LineIndex, Loc};

pub fn render(input: &Input<'_>, links: &crate::types::Links) -> (Rendered, Vec<Diagnostic>) {
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
        html: exact(html),
        headings,
        links,
        targets,
        images,
        code,
    };
    (r, found.into_vec(input.src))
}

/// `html` in a block of its own length. The HTML is written into room for half as much
/// again as the Markdown (it is usually a fifth larger), and a body is held from its
/// render until its page and search document are made: at 10,000 releases that room
/// was 50 MB at the build's peak. (`shrink_to_fit` leaves the block as it is when the
/// allocator can shrink it in place, which frees nothing.)
fn exact(html: String) -> String {
    if html.capacity() - html.len() <= html.len() / 16 {
        return html;
    }
    html.as_str().to_owned()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> (Rendered, Vec<Diagnostic>) {
        let links: crate::types::Links =
            [("releases/a.ko.md".to_string(), "releases/a/".to_string())]
                .into_iter()
                .collect();
        let input = Input {
            page: "releases/b/",
            ..Input::plain("content/releases/b.ko.md", body, 5, "/sub/")
        };
        render(&input, &links)
    }

    #[test]
    fn a_body_holds_no_more_room_than_its_html() {
        let paragraph = "광주 인공지능 산업융합 집적단지 조성 사업의 2단계 착수. ".repeat(40);
        let (r, _) = md(&format!("{paragraph}\n\n{paragraph}\n"));
        assert!(r.html.len() > 4000, "{}", r.html.len());
        assert!(
            r.html.capacity() - r.html.len() <= r.html.len() / 16,
            "{} bytes of HTML in a block of {}",
            r.html.len(),
            r.html.capacity()
        );
        let mut roomy = String::with_capacity(1000);
        roomy.push_str("<p>a</p>");
        assert_eq!(exact(roomy).capacity(), 8);
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
