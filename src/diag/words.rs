//! serde's error messages in plain words for an editor, for the front matter, the data
//! files and site.toml alike: `invalid type: string "maybe", expected a boolean` becomes
//! "true or false, not the text `maybe`", with no Rust type names. Every piece is a
//! [`Text`], so the words are translated with the sentence they are put in.

use super::Text;

/// What a serde type error says was found (`string "maybe"`, `sequence`), in words.
pub fn found(what: &str) -> Text {
    if let Some(s) = what.strip_prefix("string ") {
        let value = s.trim_matches('"');
        return t!("the text `{value}`", value);
    }
    if let Some(n) = what
        .strip_prefix("integer ")
        .or_else(|| what.strip_prefix("floating point "))
    {
        let number = n.trim_matches('`');
        return t!("the number {number}", number);
    }
    if let Some(b) = what.strip_prefix("boolean ") {
        let value = b.trim_matches('`');
        return t!("`{value}`", value);
    }
    if let Some(c) = what.strip_prefix("character ") {
        let c = c.trim_matches('`');
        return t!("the character `{c}`", c);
    }
    match what {
        "sequence" => t!("a list"),
        "map" => t!("a group of `key: value` lines"),
        "unit value" | "null" | "Option value" => t!("nothing"),
        "byte array" => t!("binary data"),
        w if w.starts_with("enum") || w.ends_with(" variant") || w.starts_with("newtype") => {
            t!("a YAML tag (`!…`) with a value")
        }
        w => Text::verbatim(w),
    }
}

/// What serde expected (`a boolean`, `a sequence`, `struct Contact`, or what one of
/// gongbo's own types says it expects), in words.
pub fn expected(what: &str) -> Text {
    let w = what.trim();
    if w.starts_with("struct ")
        || w.starts_with("a map")
        || w == "map"
        || w == "front matter fields"
    {
        return t!("a group of `key: value` lines");
    }
    match w {
        "a string" => t!("text"),
        "a boolean" => t!("true or false"),
        "a sequence" => t!("a list"),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => t!("a whole number of 0 or more"),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "an integer" => t!("a whole number"),
        "a character" | "char" => t!("one character"),
        "unit" | "a unit" => t!("nothing"),
        "f32" | "f64" | "a float" => t!("a number"),
        "a date such as 2023-08-21 or 2023-08-21T10:00" => {
            t!("a date such as 2023-08-21 or 2023-08-21T10:00")
        }
        "a date such as 2023, 2023-10 or 2023-10-15" => {
            t!("a date such as 2023, 2023-10 or 2023-10-15")
        }
        "a milestone status" => t!("a milestone status"),
        "a release kind" => t!("a release kind"),
        "a 공공누리 (KOGL) type, 1 to 4" => t!("a 공공누리 (KOGL) type, 1 to 4"),
        w if w.starts_with("an array of length") => {
            let n = &w[19..];
            t!("a list of {n}", n)
        }
        w if w.starts_with("a tuple of size") => {
            let n = w[15..].trim();
            t!("a list of {n}", n)
        }
        w => Text::verbatim(w),
    }
}

/// A serde type error `invalid type: FOUND, expected EXPECTED`, split in two.
pub fn type_error(message: &str) -> Option<(&str, &str)> {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    rest.rsplit_once(", expected ")
}

/// A serde length error `invalid length N, expected EXPECTED`: (N, EXPECTED).
pub fn length_error(message: &str) -> Option<(&str, &str)> {
    let rest = message.strip_prefix("invalid length ")?;
    let (n, expected) = rest.split_once(", expected ")?;
    n.bytes()
        .all(|b| b.is_ascii_digit())
        .then_some((n, expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_rust_words_are_left() {
        let rust = [
            "struct", "enum", "variant", "usize", "u8", "i64", "char", "Option",
        ];
        let leaks = |shown: &str| {
            shown
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| rust.contains(&w))
        };
        for found_words in [
            "string \"x\"",
            "integer `3`",
            "floating point `2.5`",
            "boolean `true`",
            "character `x`",
            "unit value",
            "Option value",
            "byte array",
            "sequence",
            "map",
            "enum",
            "unit variant",
            "newtype struct",
        ] {
            let shown = found(found_words).to_string();
            assert!(!leaks(&shown), "{found_words}: {shown}");
        }
        for expected_words in [
            "a string",
            "a boolean",
            "usize",
            "u8",
            "i64",
            "char",
            "struct Contact",
            "front matter fields",
            "a sequence",
            "an array of length 2",
        ] {
            let shown = expected(expected_words).to_string();
            assert!(!leaks(&shown), "{expected_words}: {shown}");
        }
    }

    #[test]
    fn serde_words_become_plain_words() {
        assert_eq!(found("string \"maybe\""), "the text `maybe`");
        assert_eq!(found("sequence"), "a list");
        assert_eq!(expected("a boolean"), "true or false");
        assert_eq!(expected("usize"), "a whole number of 0 or more");
        assert_eq!(expected("struct Contact"), "a group of `key: value` lines");
        assert_eq!(
            type_error("invalid type: string \"a, b\", expected a sequence"),
            Some(("string \"a, b\"", "a sequence"))
        );
        assert_eq!(
            length_error("invalid length 3, expected an array of length 2"),
            Some(("3", "an array of length 2"))
        );
    }
}
