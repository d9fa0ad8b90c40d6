//! SVG files under `content/`. An SVG is copied as it is, and a reader who opens it
//! directly runs it as a document of the site's origin: a script in it could read and
//! change every page of the site. So an SVG is parsed as XML the way a browser parses it
//! (roxmltree: namespaces resolved, character references decoded) and published only
//! when every element and attribute is on the allow-lists of [`allow`]:
//!
//! - the file is UTF-8 (a declared encoding other than UTF-8 is refused: a browser would
//!   decode other bytes than the check read);
//! - no document type with declarations of its own (`<!DOCTYPE svg [ … ]>`): entities
//!   could hide markup from a reader, and attribute defaults (`<!ATTLIST … onload …>`)
//!   are applied by some browsers but by no XML library; an external DTD is never
//!   fetched by browsers and is harmless;
//! - no processing instruction (`<?xml-stylesheet?>` would run XSLT or load CSS);
//! - elements: SVG drawing elements, or editor metadata ([`allow::METADATA`]); never
//!   `script`, `foreignObject`, XHTML, MathML or anything else;
//! - attributes: the lists of [`allow`]; `href`/`xlink:href` only to `#id` inside the
//!   drawing (an `<image>` may also show a PNG, JPEG, GIF, WebP or AVIF file of the site,
//!   or such an image as `data:`); presentation attributes, `style` and `<style>` only
//!   as CSS that cannot fetch or run anything ([`css`]); animations may not change
//!   links, styles or handlers.

mod allow;
mod css;

use roxmltree::{Node, NodeType};

use crate::diag::{Code, Diagnostic, Loc, Text};

/// The most nodes (elements, attributes' parents, text runs) an SVG may have.
const MAX_NODES: u32 = 500_000;

/// The most problems reported for one file (the rest are counted).
const MAX_REPORTED: usize = 10;

const HINT: Text = t!("export the drawing again without scripts, links, embedded pages or external files (in Inkscape: Save As → Optimized SVG), or convert it to PNG");

/// Checks the SVG `text` of the file `rel`: every problem found, at its position.
pub fn check(rel: &str, text: &str) -> Vec<Diagnostic> {
    let problems = match prolog(text) {
        Err(p) => vec![p],
        Ok(()) => match parse(text) {
            Err(p) => vec![p],
            Ok(doc) => walk(&doc),
        },
    };
    let mut out: Vec<Diagnostic> = problems
        .iter()
        .take(MAX_REPORTED)
        .map(|(offset, msg)| {
            Diagnostic::new(Code::OtherError, rel, msg.clone())
                .at(Loc::of_offset(text, *offset))
                .hint(HINT.clone())
        })
        .collect();
    if problems.len() > MAX_REPORTED {
        out.push(
            Diagnostic::new(
                Code::OtherError,
                rel,
                t!(
                    "the SVG has {n} more problems of this kind",
                    n = problems.len() - MAX_REPORTED
                ),
            )
            .hint(HINT),
        );
    }
    out
}

/// A problem: the byte offset it is at, and the message.
type Problem = (usize, Text);

/// The checks made on the text before parsing: encoding and document type.
fn prolog(text: &str) -> Result<(), Problem> {
    let body = text.trim_start_matches('\u{feff}');
    if let Some(decl) = body
        .strip_prefix("<?xml")
        .and_then(|r| r.split("?>").next())
    {
        if let Some(enc) = declared_encoding(decl) {
            if !enc.eq_ignore_ascii_case("utf-8") && !enc.eq_ignore_ascii_case("utf8") {
                return Err((
                    0,
                    t!(
                        "the SVG declares the encoding `{enc}`; only UTF-8 is accepted",
                        enc
                    ),
                ));
            }
        }
    }
    let upper = text.to_ascii_uppercase();
    for (at, _) in upper.match_indices("<!DOCTYPE") {
        if internal_subset(&text[at..]) {
            return Err((at, t!("the SVG has a document type with its own declarations (`<!DOCTYPE svg [ … ]>`), which can hide markup in entities")));
        }
    }
    for decl in ["<!ENTITY", "<!ATTLIST"] {
        if let Some(at) = upper.find(decl) {
            return Err((
                at,
                t!(
                    "the SVG declares `{decl}`, which can hide markup or add attributes",
                    decl
                ),
            ));
        }
    }
    Ok(())
}

/// The value of `encoding="…"` in the text of an XML declaration.
fn declared_encoding(decl: &str) -> Option<&str> {
    let rest = &decl[decl.find("encoding")? + "encoding".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    rest[1..].split(quote).next()
}

/// Whether the `<!DOCTYPE` at the start of `from` has an internal subset: a `[` before
/// the `>` that ends it, outside the quoted public and system identifiers.
fn internal_subset(from: &str) -> bool {
    let mut quote = None;
    for c in from.chars().skip(2) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => return true,
            (None, '>') => return false,
            _ => {}
        }
    }
    false
}

fn parse(text: &str) -> Result<roxmltree::Document<'_>, Problem> {
    let options = roxmltree::ParsingOptions {
        // `prolog` refused every DTD with declarations; what is left is a name and an
        // external identifier, which no browser fetches.
        allow_dtd: true,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        let offset = offset_of(text, pos.row as usize, pos.col as usize);
        let reason = e.to_string();
        (
            offset,
            t!("the SVG is not well-formed XML: {reason}", reason),
        )
    })
}

/// The byte offset of a 1-based (line, column in characters) position.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .chars()
            .take(col.saturating_sub(1))
            .map(char::len_utf8)
            .sum::<usize>()
}

fn walk(doc: &roxmltree::Document<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(allow::SVG) || root.tag_name().name() != "svg" {
        out.push((
            root.range().start,
            t!(
                "the file is not an SVG drawing: its root element `<{root}>` is not `<svg xmlns=\"{ns}\">`",
                root = written(&root),
                ns = allow::SVG
            ),
        ));
        return out;
    }
    // The inside of a refused element is not reported again.
    let mut refused_until = 0;
    for node in doc.descendants() {
        if node.range().start < refused_until {
            continue;
        }
        let before = out.len();
        match node.node_type() {
            NodeType::PI => out.push((
                node.range().start,
                t!("the SVG has a processing instruction (`<?…?>`), which can load a style sheet or a transformation"),
            )),
            NodeType::Element => element(&node, &mut out),
            _ => {}
        }
        if out.len() > before && out[before].0 == node.range().start {
            refused_until = node.range().end;
        }
    }
    out
}

/// The element's name as written in the file (`x:script`), for messages.
fn written<'a>(node: &Node<'a, '_>) -> &'a str {
    let text = &node.document().input_text()[node.range()];
    let name = text.trim_start_matches('<');
    let end = name
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(name.len());
    &name[..end]
}

fn element(node: &Node<'_, '_>, out: &mut Vec<Problem>) {
    let tag = node.tag_name();
    let at = node.range().start;
    let name = written(node);
    match tag.namespace() {
        Some(ns) if allow::METADATA.contains(&ns) => {
            for a in node.attributes() {
                let lower = a.name().to_ascii_lowercase();
                let inert = matches!(a.namespace(), None | Some(allow::XML))
                    || a.namespace()
                        .is_some_and(|ns| allow::METADATA.contains(&ns));
                if !inert
                    || lower.starts_with("on")
                    || ["href", "src", "style"].contains(&lower.as_str())
                {
                    out.push((
                        a.range().start,
                        t!(
                            "the attribute `{attr}` of the metadata element `<{name}>` is not allowed",
                            attr = a.name(),
                            name
                        ),
                    ));
                }
            }
            return;
        }
        Some(allow::SVG) if allow::ELEMENTS.contains(&tag.name()) => {}
        ns => {
            let why = match (ns, tag.name()) {
                (Some(allow::SVG), "script" | "handler" | "listener") => t!("it runs script"),
                (Some(allow::SVG), "foreignObject") => {
                    t!("it embeds a web page, which can run script")
                }
                (Some("http://www.w3.org/1999/xhtml"), _) => {
                    t!("an XHTML element in an SVG can run script or load a page")
                }
                (Some(allow::SVG), _) => t!("it is not on gongbo's list of drawing elements"),
                _ => t!("it belongs to a namespace that is not SVG or drawing metadata"),
            };
            out.push((
                at,
                t!(
                    "the SVG element `<{name}>` is not allowed: {why}",
                    name,
                    why
                ),
            ));
            return;
        }
    }
    let el = tag.name();
    if el == "style" {
        let css: String = node
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        if let Err(why) = css::stylesheet(&css) {
            out.push((
                at,
                t!(
                    "the style sheet `<{name}>` uses {why}, which could load files or run script",
                    name,
                    why
                ),
            ));
        }
    }
    for a in node.attributes() {
        if let Some(msg) = attribute(el, name, &a) {
            out.push((a.range().start, msg));
        }
    }
}

/// The problem with the attribute `a` of the SVG element `el` (written `name`), if any.
fn attribute(el: &str, name: &str, a: &roxmltree::Attribute<'_, '_>) -> Option<Text> {
    let (attr, value) = (a.name(), a.value());
    let refuse = |why: Text| {
        Some(t!(
            "the attribute `{attr}` of `<{name}>` is not allowed: {why}",
            attr,
            name,
            why
        ))
    };
    match a.namespace() {
        None => {}
        Some(allow::XLINK) if allow::XLINK_ATTRIBUTES.contains(&attr) => {
            return (attr == "href").then(|| href(el, name, value)).flatten();
        }
        Some(allow::XML) if allow::XML_ATTRIBUTES.contains(&attr) => return None,
        Some(allow::XML) if attr == "base" => return refuse(t!("it changes where links point")),
        Some(ns) if allow::METADATA.contains(&ns) => return None,
        Some(_) => return refuse(t!("it is not on gongbo's list of drawing attributes")),
    }
    if attr.to_ascii_lowercase().starts_with("on") {
        return refuse(t!("it is an event handler, which runs script"));
    }
    if !allow::attribute(attr) {
        return refuse(t!("it is not on gongbo's list of drawing attributes"));
    }
    let animation = allow::ANIMATIONS.contains(&el);
    let css = match attr {
        "href" => return href(el, name, value),
        "style" => css::declarations(value),
        "type" if el == "style" && !value.trim().eq_ignore_ascii_case("text/css") => {
            return refuse(t!("a style sheet must be `text/css`"));
        }
        "attributeName" if animation && !allow::animatable(value.trim()) => {
            return Some(t!("the animation `<{name}>` changes `{what}`, which is not allowed: an animation may not change links, styles or event handlers", name, what = value.trim()));
        }
        "values" if animation => value.split(';').try_for_each(css::value),
        "from" | "to" | "by" if animation => css::value(value),
        _ if allow::PRESENTATION.contains(&attr) => css::value(value),
        _ => Ok(()),
    };
    css.err().map(|why| {
        t!(
            "the attribute `{attr}` of `<{name}>` uses {why}, which could load files or run script",
            attr,
            name,
            why
        )
    })
}

/// The problem with the link `value` of the SVG element `el` (written `name`), if any.
fn href(el: &str, name: &str, value: &str) -> Option<Text> {
    // As a browser reads a URL: tabs and newlines removed, control characters and
    // spaces trimmed.
    let url: String = value
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = url.trim_matches(|c: char| c <= ' ');
    if url.len() > 1 && url.starts_with('#') {
        return None;
    }
    if allow::IMAGE_ELEMENTS.contains(&el) {
        if raster(url) {
            return None;
        }
        return Some(t!("the image `{url}` of `<{name}>` is not allowed: an SVG may only show a PNG, JPEG, GIF, WebP or AVIF file of the site", url = shorten(url), name));
    }
    Some(t!("the link `{url}` of `<{name}>` is not allowed: links in an SVG may only point inside the drawing (`#id`)", url = shorten(url), name))
}

/// A raster image of the same site (a relative path) or inside the file (`data:`).
fn raster(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("data:") {
        return [
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "image/avif",
        ]
        .iter()
        .any(|t| {
            rest.strip_prefix(t)
                .is_some_and(|r| r.starts_with([';', ',']))
        });
    }
    if lower.contains([':', '\\']) || lower.starts_with("//") {
        return false;
    }
    let path = lower.split(['?', '#']).next().unwrap_or("");
    [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// A URL cut to a readable length for a message (`data:` images are long).
fn shorten(url: &str) -> String {
    let mut s: String = url.chars().take(60).collect();
    if s.len() < url.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests;
