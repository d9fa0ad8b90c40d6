//! What one body may hold, so that rendering it takes time and memory in proportion to
//! its size: nesting depth, table columns and cells, the size of the HTML it makes, and
//! the number of problems listed for it. Each limit was found by a construct that
//! exploded (docs/hostile-input.md has the measurements):
//!
//! - 100k levels of `>` or `<div>` made the sanitizer and the feed rewriter quadratic;
//! - a table row fills every missing cell up to the header's column count, so a header
//!   of 30,000 columns over short rows makes billions of cells from a few hundred KB
//!   (pulldown-cmark caps the filling per table, not per body), before any event is seen:
//!   tables are measured on the source text, ahead of the parser;
//! - 200k references to one footnote make 11 bytes of HTML per byte of source.

use pulldown_cmark::Event;
use std::ops::Range;

use crate::diag::Text;

/// Deepest nesting of blocks, inline elements and raw HTML elements a body may have.
pub const MAX_NESTING: usize = 100;

/// Most columns a table may have.
pub const MAX_TABLE_COLUMNS: usize = 1000;

/// Most table cells (columns times rows, header included) one body may have.
pub const MAX_TABLE_CELLS: usize = 500_000;

/// Largest HTML one body may render to, in bytes.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// Most problems listed for one body; the rest are counted in one line.
pub const MAX_FINDINGS: usize = 50;

/// A body over a limit: where (byte offset in the body), what and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Over {
    pub offset: usize,
    pub message: Text,
    pub hint: Text,
}

const TABLE_HINT: Text = t!(
    "split the table into smaller ones, or attach it as a CSV or spreadsheet file and link to it"
);

/// Checks the tables of `body` on its text: a delimiter row (`|---|:-:|`) under a line
/// starts a table whose rows run to the next blank line (an estimate from above: what
/// pulldown-cmark will build is never larger).
pub fn tables(body: &str) -> Result<(), Over> {
    let mut total: usize = 0;
    let mut prev_blank = true;
    // Where the line before starts: a table starts at its header row.
    let mut header = 0;
    let mut lines = body.split_inclusive('\n').scan(0, |at, l| {
        let start = *at;
        *at += l.len();
        Some((start, l))
    });
    while let Some((start, line)) = lines.next() {
        let content = strip_containers(line);
        let blank = content.trim().is_empty();
        let cols = if prev_blank {
            None
        } else {
            delimiter_cells(content)
        };
        prev_blank = blank;
        let Some(cols) = cols else {
            header = start;
            continue;
        };
        let start = header;
        if cols > MAX_TABLE_COLUMNS {
            return Err(Over {
                offset: start,
                message: t!(
                    "the table has {cols} columns; a table may have at most {limit}",
                    cols,
                    limit = MAX_TABLE_COLUMNS
                ),
                hint: TABLE_HINT,
            });
        }
        // The header and the delimiter row, then every line up to a blank one.
        let mut rows = 1;
        for (_, l) in lines.by_ref() {
            if strip_containers(l).trim().is_empty() {
                prev_blank = true;
                break;
            }
            rows += 1;
        }
        total = total.saturating_add(cols.saturating_mul(rows));
        if total > MAX_TABLE_CELLS {
            return Err(Over {
                offset: start,
                message: t!(
                    "the tables up to this one have {total} cells; a body may have at most {limit}",
                    total,
                    limit = MAX_TABLE_CELLS
                ),
                hint: TABLE_HINT,
            });
        }
    }
    Ok(())
}

/// The line without block quote markers, list markers and indentation.
fn strip_containers(line: &str) -> &str {
    let mut s = line;
    loop {
        let t = s.trim_start_matches([' ', '\t', '>']);
        let t = ["- ", "* ", "+ "]
            .iter()
            .find_map(|m| t.strip_prefix(m))
            .or_else(|| {
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                (digits > 0)
                    .then(|| {
                        t[digits..]
                            .strip_prefix(". ")
                            .or(t[digits..].strip_prefix(") "))
                    })
                    .flatten()
            })
            .unwrap_or(t);
        if t.len() == s.len() {
            return s;
        }
        s = t;
    }
}

/// The number of cells of a table delimiter row (`| --- | :-: |`), if `line` is one.
fn delimiter_cells(line: &str) -> Option<usize> {
    let t = line.trim();
    if !t.contains('-')
        || !t
            .bytes()
            .all(|b| matches!(b, b'|' | b':' | b'-' | b' ' | b'\t'))
    {
        return None;
    }
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = 0;
    for cell in inner.split('|') {
        let c = cell.trim();
        let c = c.strip_prefix(':').unwrap_or(c);
        let c = c.strip_suffix(':').unwrap_or(c);
        if c.is_empty() || !c.bytes().all(|b| b == b'-') {
            return None;
        }
        cells += 1;
    }
    // A single cell needs a pipe, or it is a thematic break or a setext underline.
    (cells > 1 || t.contains('|')).then_some(cells)
}

/// The offset at which the nesting of `events` (Markdown containers and raw HTML
/// elements together) first exceeds [`MAX_NESTING`].
pub fn too_deep(events: &[(Event<'_>, Range<usize>)]) -> Option<usize> {
    let mut depth: usize = 0;
    for (e, range) in events {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(h) | Event::InlineHtml(h) => depth = html_depth(h, depth),
            _ => {}
        }
        if depth > MAX_NESTING {
            return Some(range.start);
        }
    }
    None
}

/// The element depth after the tags in `html`, starting at `depth`: start tags of
/// non-void elements open, end tags close (a rough count, never below zero).
fn html_depth(html: &str, mut depth: usize) -> usize {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let mut rest = html;
    while let Some(p) = rest.find('<') {
        rest = &rest[p + 1..];
        if let Some(r) = rest.strip_prefix('/') {
            if r.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || VOID.contains(&name.as_str()) {
            continue;
        }
        let self_closed = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        if !self_closed {
            depth += 1;
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_rows() {
        assert_eq!(delimiter_cells("|---|:-:|"), Some(2));
        assert_eq!(delimiter_cells(" --- | --- "), Some(2));
        assert_eq!(delimiter_cells("|---|\n"), Some(1));
        assert_eq!(delimiter_cells("---"), None);
        assert_eq!(delimiter_cells("| a |"), None);
        assert_eq!(delimiter_cells("|--|  |"), None);
        assert_eq!(strip_containers("> - 1. |-|-|"), "|-|-|");
    }

    #[test]
    fn wide_tables_and_too_many_cells_are_found_on_the_text() {
        assert!(tables("|a|b|\n|-|-|\n|1|2|\n").is_ok());
        let wide = format!("x\n\n|{}\n|{}\n", "a|".repeat(1001), "-|".repeat(1001));
        let e = tables(&wide).unwrap_err();
        assert_eq!(e.offset, 3);
        assert!(
            e.message.starts_with("the table has 1001 columns"),
            "{}",
            e.message
        );
        // 1000 columns over 500 short rows, in a block quote.
        let tall = format!(
            "> |{}\n> |{}\n{}",
            "a|".repeat(1000),
            "-|".repeat(1000),
            "> x\n".repeat(500)
        );
        let e = tables(&tall).unwrap_err();
        assert!(e.message.contains("have 501000 cells"), "{}", e.message);
        // A delimiter-like line after a blank line is no table.
        assert!(tables(&format!("\n|{}\n", "-|".repeat(5000))).is_ok());
    }
}
