//! The CSS an SVG may carry: `style="…"` declarations, presentation attribute values and
//! `<style>` sheets. Written by hand because no CSS crate answers the one question asked
//! here, and the answer is small enough to read in full:
//!
//! CSS reaches outside the drawing, or runs script in old browsers, only through a
//! function (`url()`, `image-set()`, `image()`, `cross-fade()`, `expression()`), an
//! at-rule (`@import`, `@font-face`, `@namespace`) or an escape that spells one of
//! those (`u\72l(`). So every backslash and every `@` outside a string is refused, and
//! every `(` must follow a function of [`FUNCTIONS`] (colours, transforms, filters,
//! arithmetic, basic shapes), or be `url(#id)` pointing inside the drawing. Property
//! names need no list: a property can only fetch through a value. Comments are read as
//! white space, strings as inert text.

use crate::diag::Text;

/// Functions whose arguments are numbers, colours, lengths or other functions: none of
/// them loads anything.
const FUNCTIONS: &[&str] = &[
    "rgb",
    "rgba",
    "hsl",
    "hsla",
    "hwb",
    "lab",
    "lch",
    "oklab",
    "oklch",
    "color",
    "color-mix",
    "calc",
    "min",
    "max",
    "clamp",
    "var",
    "translate",
    "translatex",
    "translatey",
    "translatez",
    "translate3d",
    "rotate",
    "rotatex",
    "rotatey",
    "rotatez",
    "rotate3d",
    "scale",
    "scalex",
    "scaley",
    "scalez",
    "scale3d",
    "skew",
    "skewx",
    "skewy",
    "matrix",
    "matrix3d",
    "perspective",
    "blur",
    "brightness",
    "contrast",
    "drop-shadow",
    "grayscale",
    "hue-rotate",
    "invert",
    "opacity",
    "saturate",
    "sepia",
    "cubic-bezier",
    "steps",
    "inset",
    "circle",
    "ellipse",
    "polygon",
    "path",
    "linear-gradient",
    "radial-gradient",
    "conic-gradient",
    "repeating-linear-gradient",
    "repeating-radial-gradient",
    "repeating-conic-gradient",
];

/// Pseudo-classes that take an argument in a selector (`:not(.a)`, `:nth-child(2n)`).
const PSEUDO_FUNCTIONS: &[&str] = &[
    "not",
    "is",
    "where",
    "has",
    "nth-child",
    "nth-last-child",
    "nth-of-type",
    "nth-last-of-type",
    "lang",
    "dir",
];

/// Checks one value (a presentation attribute, or the right side of a declaration).
pub fn value(v: &str) -> Result<(), Text> {
    scan(v, Context::Value)
}

/// Checks the declarations of a `style` attribute.
pub fn declarations(v: &str) -> Result<(), Text> {
    scan(v, Context::Declarations)
}

/// Checks the text of a `<style>` element: rules `selector { declarations }` only.
pub fn stylesheet(css: &str) -> Result<(), Text> {
    scan(css, Context::Sheet)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Value,
    Declarations,
    Sheet,
}

fn scan(css: &str, cx: Context) -> Result<(), Text> {
    let b = css.as_bytes();
    let mut i = 0;
    // Inside a `{ … }` block of a sheet; outside it, a sheet holds selectors.
    let mut in_block = cx != Context::Sheet;
    while i < b.len() {
        match b[i] {
            b'\\' => return Err(t!("a backslash (a CSS escape)")),
            b'@' => return Err(t!("an at-rule (such as @import)")),
            b'<' if cx == Context::Sheet => return Err(t!("a `<` sign")),
            b'"' | b'\'' => i = skip_string(b, i)?,
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = css[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                continue;
            }
            b'{' => {
                if cx != Context::Sheet || in_block {
                    return Err(t!("a `{{` outside a style rule"));
                }
                in_block = true;
            }
            b'}' => {
                if cx != Context::Sheet || !in_block {
                    return Err(t!("a `}}` without its `{{`"));
                }
                in_block = false;
            }
            b';' if cx == Context::Value => return Err(t!("a `;` inside one value")),
            b'(' => {
                let name = ident_before(css, i).to_ascii_lowercase();
                if !in_block {
                    let pseudo = css[..i - name.len()].ends_with(':');
                    if !(pseudo && PSEUDO_FUNCTIONS.contains(&name.as_str())) {
                        return Err(t!("`{name}(` in a selector", name));
                    }
                } else if name == "url" {
                    i = local_url(css, i + 1)?;
                    continue;
                } else if name.is_empty() {
                    return Err(t!("a parenthesis that is not a function"));
                } else if !FUNCTIONS.contains(&name.as_str()) {
                    return Err(t!("the function `{name}()`", name));
                }
            }
            _ => {}
        }
        i += 1;
    }
    if in_block && cx == Context::Sheet {
        return Err(t!("a style rule that is not closed"));
    }
    Ok(())
}

/// The index after the string that starts at `start` (a CSS string ends at its quote or
/// at the end of the line).
fn skip_string(b: &[u8], start: usize) -> Result<usize, Text> {
    let quote = b[start];
    let mut i = start + 1;
    while i < b.len() && b[i] != quote && b[i] != b'\n' {
        i += 1;
    }
    Ok(i.min(b.len().saturating_sub(1)).max(start))
}

/// The identifier that ends right before byte `end` (letters, digits, `-`, `_`).
fn ident_before(css: &str, end: usize) -> &str {
    let start = css[..end]
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map_or(0, |p| p + 1);
    &css[start..end]
}

/// Checks the argument of `url(` starting at byte `from`: it must point inside the
/// drawing (`#id`, optionally quoted). Returns the index after the closing `)`.
fn local_url(css: &str, from: usize) -> Result<usize, Text> {
    let rest = &css[from..];
    let Some(close) = rest.find(')') else {
        return Err(t!("a `url(` that is not closed"));
    };
    let arg = rest[..close].trim().trim_matches(['"', '\'']).trim();
    if !arg.starts_with('#') || arg.contains('(') {
        return Err(t!("`url({arg})` pointing outside the drawing", arg));
    }
    Ok(from + close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawing_styles_pass() {
        for ok in [
            "fill:#ff0000;stroke:rgb(0, 0, 0);stroke-width:2px",
            "font-family:'Noto Sans KR', sans-serif;font-weight:bold",
            "fill:url(#grad1);filter:url( '#shadow' )",
            "transform:translate(10px, 20px) rotate(45deg);opacity:.5 !important",
            "-inkscape-font-specification:'Sans (Bold)';enable-background:new 0 0 10 10",
            "/* comment */ fill: none",
        ] {
            assert_eq!(declarations(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            stylesheet(".st0{fill:#FFFFFF;} .a > .b:not(.c), #x:hover { stroke: red }"),
            Ok(())
        );
        assert_eq!(value("url(#a)"), Ok(()));
        assert_eq!(value("translate(1,2) scale(2)"), Ok(()));
    }

    #[test]
    fn fetching_and_escapes_are_refused() {
        for bad in [
            "fill:url(https://evil.example/x.svg#a)",
            "fill:url(x.svg#a)",
            "fill:URL(//evil.example/a)",
            "background:image-set('x.png' 1x)",
            "width:expression(alert(1))",
            "fill:u\\72l(http://e/)",
            "@import 'x.css'",
            "behavior:url(x.htc)",
            "fill:(x)",
            "fill:url(#a",
            "a{b:c}",
        ] {
            assert!(declarations(bad).is_err(), "{bad}");
        }
        for bad in [
            "@import url(https://evil.example/x.css);",
            ".a{fill:red}@font-face{src:url(x)}",
            ".a{background:url('https://evil.example/x')}",
            ".a{fill:red",
            ".a:url(x){fill:red}",
            "}",
            "<!-- .a{} -->",
        ] {
            assert!(stylesheet(bad).is_err(), "{bad}");
        }
        assert!(value("red;x:y").is_err());
    }
}
