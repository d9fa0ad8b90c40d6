//! Addresses written by editors that end up in every page: web addresses, e-mail
//! addresses and phone numbers. Each check answers with the problem in words, or the
//! address as it may be published. A web address must be http(s) with a valid host (and
//! port), without a user name or password, and without characters that have no place in
//! an address (white space, control characters, quotes, angle brackets, backslashes):
//! `javascript:`, `data:` or `https://x" onmouseover="…` never reach a link.

use crate::diag::Text;

/// Characters never accepted in an address as written.
fn stray_character(s: &str) -> Option<char> {
    s.chars().find(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^'
            )
    })
}

/// Checks an absolute http(s) address and returns it parsed.
pub fn web(url: &str) -> Result<url::Url, Text> {
    let url = url.trim();
    if let Some(c) = stray_character(url) {
        let what = describe(c);
        return Err(t!(
            "`{url}` contains {what}, which has no place in a web address",
            url,
            what
        ));
    }
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(t!("`{url}` is not an http:// or https:// address", url));
    }
    let parsed = url::Url::parse(url).map_err(|e| {
        let reason = e.to_string();
        t!("`{url}` is not a valid web address: {reason}", url, reason)
    })?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(t!("`{url}` contains a user name or password", url));
    }
    match parsed.host() {
        None => return Err(t!("`{url}` has no host name", url)),
        Some(url::Host::Domain(d)) if !d.split('.').all(label) => {
            return Err(t!("`{url}` has no valid host name", url));
        }
        _ => {}
    }
    if parsed.port() == Some(0) {
        return Err(t!("`{url}` has port 0", url));
    }
    Ok(parsed)
}

/// A host name label: letters, digits and inner hyphens (after IDNA, so Korean names
/// arrive here as `xn--…`), 1 to 63 characters.
fn label(l: &str) -> bool {
    (1..=63).contains(&l.len())
        && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !l.starts_with('-')
        && !l.ends_with('-')
}

/// Checks an e-mail address: `local@domain`, the local part of letters, digits and
/// `. _ % + -` (no leading, trailing or double dot), the domain a host name with a dot.
pub fn email(s: &str) -> Result<(), Text> {
    let bad = || Err(t!("`{s}` is not an e-mail address", s));
    if stray_character(s).is_some() {
        return bad();
    }
    let Some((local, domain)) = s.rsplit_once('@') else {
        return bad();
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".!#$%&*+/=?_~-".contains(&b))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let host = url::Host::parse(domain).ok();
    let domain_ok =
        matches!(&host, Some(url::Host::Domain(d)) if d.contains('.') && d.split('.').all(label));
    if local_ok && domain_ok && s.len() <= 254 {
        Ok(())
    } else {
        bad()
    }
}

/// Checks a phone number as people write it: digits with spaces, hyphens, dots,
/// parentheses, a leading `+`, `~` or `,` between numbers (`062-613-2731~4`), and an
/// extension (`ext. 12`, `내선 12`); between 3 and 30 digits.
pub fn phone(s: &str) -> Result<(), Text> {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let rest = s
        .replace("ext.", "")
        .replace("Ext.", "")
        .replace("내선", "");
    let chars_ok = rest.chars().all(|c| {
        c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')' | '~' | ',' | '/')
    }) && !rest.get(1..).is_some_and(|r| r.contains('+'))
        && rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '+' || c == '(');
    if chars_ok && (3..=30).contains(&digits) {
        Ok(())
    } else {
        Err(t!("`{s}` is not a phone number", s))
    }
}

fn describe(c: char) -> Text {
    match c {
        c if c.is_whitespace() => t!("white space"),
        c if c.is_control() => {
            let code = format!("U+{:04X}", c as u32);
            t!("the control character {code}", code)
        }
        c => t!("the character `{c}`", c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        for ok in [
            "https://example.org/",
            "http://localhost:1111",
            "https://www.gwangju.go.kr/ai/?x=1#y",
            "https://광주.kr/",
            "https://127.0.0.1:8080/",
        ] {
            assert!(web(ok).is_ok(), "{ok}: {:?}", web(ok));
        }
        for (bad, why) in [
            ("javascript:alert(1)", "not an http"),
            ("JAVASCRIPT:alert(1)//https://x", "not an http"),
            ("data:text/html,x", "not an http"),
            (
                "https://x.org/\" onmouseover=\"alert(1)",
                "the character `\"`",
            ),
            ("https://x.org/<script>", "the character `<`"),
            ("https://x .org/", "white space"),
            ("https://x.org/\u{7}", "control character U+0007"),
            ("https://user:pw@x.org/", "user name or password"),
            ("https://evil.example@x.org/", "user name or password"),
            ("https://", "not a valid web address"),
            ("https://x.org:99999/", "not a valid web address"),
            ("https://x.org:0/", "port 0"),
            ("https://-x.org/", "no valid host"),
            ("https://x_y.org/", "no valid host"),
            ("https://x.org\\@evil/", "the character `\\`"),
        ] {
            let e = web(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn emails_and_phones() {
        for ok in [
            "press@example.org",
            "ai.press+2025@gwangju.go.kr",
            "a@광주.kr",
        ] {
            assert_eq!(email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "press",
            "press@localhost",
            "<b>@x.org",
            "a\"@x.org",
            "a@x.org>",
            ".a@x.org",
            "a..b@x.org",
            "a@-x.org",
            "javascript:alert(1)//@x.org",
            "a b@x.org",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
        for ok in [
            "062-613-1234",
            "+82 62-613-1234",
            "(062) 613 1234",
            "062-613-2731~4",
            "062-613-1234 내선 12",
        ] {
            assert_eq!(phone(ok), Ok(()), "{ok}");
        }
        for bad in [
            "<b>062</b>",
            "javascript:1",
            "12",
            "062-613-1234\"",
            "call me",
            "1+1",
        ] {
            assert!(phone(bad).is_err(), "{bad}");
        }
    }
}
