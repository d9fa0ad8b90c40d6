//! The one CSV writer of gongbo: UTF-8 with a byte order mark (so spreadsheets read
//! Korean text right), CRLF line ends, fields quoted where needed, and every cell made
//! inert for spreadsheets. A cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return (or their full-width forms, which some input methods type, or any of
//! them after leading spaces) would be read as a formula by Excel, LibreOffice or
//! Google Sheets: such a cell gets the usual leading apostrophe, which spreadsheets
//! show as text and do not evaluate (OWASP "CSV injection").

use std::borrow::Cow;

/// First characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// `cell`, made inert if a spreadsheet would evaluate it.
pub fn inert(cell: &str) -> Cow<'_, str> {
    let first = cell
        .trim_start_matches([' ', '\u{3000}', '\n'])
        .chars()
        .next();
    match (cell.chars().next(), first) {
        (Some(c), _) | (_, Some(c)) if TRIGGERS.contains(&c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// A CSV file of `header` and `rows`, every cell passed through [`inert`].
pub fn table<R: AsRef<[String]>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = "writing CSV into memory cannot fail";
        w.write_record(header.iter().map(|h| inert(h).into_owned()))
            .expect(fail);
        for row in rows {
            w.write_record(row.as_ref().iter().map(|c| inert(c).into_owned()))
                .expect(fail);
        }
        w.flush().expect(fail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_made_inert() {
        for (cell, want) in [
            (
                "=HYPERLINK(\"http://evil\",\"x\")",
                "'=HYPERLINK(\"http://evil\",\"x\")",
            ),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("  =1", "'  =1"),
            ("＝1+1", "'＝1+1"),
            ("2025-03", "2025-03"),
            ("a=b", "a=b"),
            ("실증동 - 착공", "실증동 - 착공"),
            ("", ""),
        ] {
            assert_eq!(inert(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn the_table_quotes_and_defuses() {
        let rows = vec![vec!["=1+1".to_string(), "a,\"b\"".to_string()]];
        let text = String::from_utf8(table(&["id", "title"], rows)).unwrap();
        assert_eq!(text, "\u{feff}id,title\r\n'=1+1,\"a,\"\"b\"\"\"\r\n");
    }
}
