//! Lints of a Markdown body, in one walk over its events (parsed with the build's own
//! [`markdown::options`]): a paragraph repeated in the body (W003), a skipped heading
//! level (W004), an image whose alternative text says nothing (W002), and every link
//! handed to [`super::anchors`] (E012).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashMap;

use super::{addresses, alt, anchors, normalise, Limits};
use crate::diag::{Code, Diagnostic, Loc};
use crate::markdown;

/// A body to lint: which file, which text, and where it starts.
pub(super) struct Body<'a> {
    pub(super) src: &'a str,
    pub(super) text: &'a str,
    pub(super) line: usize,
}

impl Body<'_> {
    /// The file position of byte `offset` of the body.
    pub(super) fn loc(&self, offset: usize) -> Loc {
        let l = Loc::of_offset(self.text, offset);
        Loc::new(l.line + self.line - 1, l.col)
    }
}

/// What the walk has seen so far.
struct Walk<'a, 'b> {
    b: &'b Body<'a>,
    limits: &'b Limits,
    out: &'b mut Vec<Diagnostic>,
    /// Normalised text of each long paragraph → the line it first appears on.
    seen: HashMap<String, usize>,
    /// The paragraph being read: start offset and text.
    para: Option<(usize, String)>,
    /// The image being read: start offset, destination and alternative text.
    image: Option<(usize, String, String)>,
    last_level: usize,
}

/// Runs the body lints over `b`, shown on the page at `page` (`releases/x/`); `ids`
/// holds the heading ids of every body, `known` every address of the site.
pub(super) fn check(
    b: &Body<'_>,
    page: &str,
    ids: &HashMap<String, Vec<String>>,
    known: &addresses::Known,
    limits: &Limits,
    out: &mut Vec<Diagnostic>,
) {
    let own = b.src.trim_start_matches("content/");
    let mut w = Walk {
        b,
        limits,
        out,
        seen: HashMap::new(),
        para: None,
        image: None,
        last_level: 1,
    };
    for (event, range) in Parser::new_ext(b.text, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => w.para = Some((range.start, String::new())),
            Event::End(TagEnd::Paragraph) => w.end_paragraph(),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, p)) = w.para.as_mut() {
                    p.push_str(&t);
                }
                if let Some((_, _, alt)) = w.image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, p)) = w.para.as_mut() {
                    p.push(' ');
                }
            }
            Event::Start(Tag::Heading { level, .. }) => w.heading(level, range.start),
            Event::Start(Tag::Image { dest_url, .. }) => {
                w.image = Some((range.start, dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Image) => w.end_image(),
            Event::Start(Tag::Link { dest_url, .. }) => {
                anchors::check(b, own, &dest_url, range.start, ids, w.out);
                addresses::check(b, page, &dest_url, range.start, known, w.out);
            }
            _ => {}
        }
    }
}

impl Walk<'_, '_> {
    /// W003: a long paragraph that appeared before in the same body.
    fn end_paragraph(&mut self) {
        let Some((start, text)) = self.para.take() else {
            return;
        };
        let text = normalise(&text);
        if text.chars().count() < self.limits.min_repeat_chars {
            return;
        }
        if let Some(first) = self.seen.get(&text) {
            self.out.push(
                Diagnostic::new(
                    Code::RepeatedParagraph,
                    self.b.src,
                    t!("this paragraph repeats the one on line {first}", first),
                )
                .at(self.b.loc(start))
                .field("body")
                .hint(t!(
                    "remove the copy; syndicated texts often repeat the whole body"
                )),
            );
        } else {
            self.seen.insert(text, self.b.loc(start).line);
        }
    }

    /// W004: a heading more than one level below the one before (the title is level 1).
    fn heading(&mut self, level: HeadingLevel, offset: usize) {
        let n = level_number(level);
        if n > self.last_level + 1 {
            self.out.push(
                Diagnostic::new(
                    Code::SkippedHeading,
                    self.b.src,
                    t!(
                        "the heading level jumps from {from} to {to}",
                        from = self.last_level,
                        to = n
                    ),
                )
                .at(self.b.loc(offset))
                .field("body")
                .hint(t!(
                    "use {marks} (the release title is the level-1 heading)",
                    marks = "#".repeat(self.last_level + 1)
                )),
            );
        }
        self.last_level = n;
    }

    /// W002: an image in the body whose alternative text says nothing.
    fn end_image(&mut self) {
        let Some((start, dest, alt)) = self.image.take() else {
            return;
        };
        // The build's own errors: no alternative text (E007), the file name (E016).
        if crate::alt::is_empty(&alt)
            || crate::alt::repeats(&alt, None, &dest) == Some(crate::alt::Repeat::FileName)
        {
            return;
        }
        if let Some(why) = alt::weak_alt(&alt, &dest, self.limits) {
            self.out.push(
                Diagnostic::new(
                    Code::WeakAlt,
                    self.b.src,
                    t!("the image `{dest}` has {why}", dest, why),
                )
                .at(self.b.loc(start))
                .field("body")
                .hint(t!(
                    "describe what the image shows, e.g. `착공식에서 첫 삽을 뜨는 참석자들`"
                )),
            );
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
