//! Who has which URL: each source's claim on its address, compared as a host that
//! ignores letter case and Unicode form compares them ([`folded`]), and the clashes
//! reported with the source that had the address first.

use crate::diag::{Code, Diagnostic, Diagnostics};

/// How two URLs compare on a host that ignores letter case and Unicode normalisation
/// (macOS, Windows, many web servers): `Press` and `press`, NFC and NFD Hangul,
/// full-width and plain letters are the same.
pub(super) fn folded(url: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // ASCII is its own NFKC and NFC form: only the letter case folds (most addresses
    // are ASCII, and this runs for every source of every build).
    if url.is_ascii() {
        return url.to_ascii_lowercase();
    }
    url.nfkc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .nfc()
        .collect()
}

/// One source's claim on a URL: the URL as written, its folded form ([`folded`]) and
/// that form's hash (made on every core, beside the URL), and the claimant.
pub(super) struct Claim<'a> {
    url: String,
    key: String,
    hash: u64,
    src: &'a str,
    loc: crate::diag::Loc,
}

impl<'a> Claim<'a> {
    pub(super) fn new(url: String, src: &'a str, loc: crate::diag::Loc) -> Claim<'a> {
        use std::hash::BuildHasher;
        let key = folded(&url);
        let hash = rustc_hash::FxBuildHasher.hash_one(&key);
        Claim {
            url,
            key,
            hash,
            src,
            loc,
        }
    }
}

/// The URLs claimed so far. The first claim of each folded form is found by its hash
/// (a map of numbers: the sequential part of a build's claims, 20,000 of them on a
/// large site, was a map of strings hashed and moved one by one), and by the form itself
/// for the rare forms whose hash another form had first.
pub(super) struct Claims<'a> {
    first: rustc_hash::FxHashMap<u64, usize>,
    other: rustc_hash::FxHashMap<String, usize>,
    claims: Vec<Claim<'a>>,
}

impl<'a> Claims<'a> {
    pub(super) fn with_capacity(n: usize) -> Claims<'a> {
        let mut first = rustc_hash::FxHashMap::default();
        first.reserve(n);
        Claims {
            first,
            other: Default::default(),
            claims: Vec::with_capacity(n),
        }
    }

    /// The first claim of `c`'s folded form, if there is one; else `c` becomes it.
    fn first_of(&mut self, c: &Claim<'a>) -> Option<usize> {
        let at = self.claims.len();
        let j = *self.first.entry(c.hash).or_insert(at);
        if j == at {
            return None;
        }
        if self.claims[j].key == c.key {
            return Some(j);
        }
        let j = *self.other.entry(c.key.clone()).or_insert(at);
        (j != at).then_some(j)
    }

    /// Records `c`, or reports the source that has its URL.
    pub(super) fn claim(&mut self, c: Claim<'a>, diags: &mut Diagnostics) {
        let Some(j) = self.first_of(&c) else {
            self.claims.push(c);
            return;
        };
        let (first_url, first) = (&self.claims[j].url, self.claims[j].src);
        let (url, src, loc) = (&c.url, c.src, c.loc);
        // A claim that loses takes no place: `first` and `other` hold only places of
        // claims kept.
        if *first_url == *url {
            diags.push(
                Diagnostic::new(
                    Code::Duplicate,
                    src,
                    t!("the URL /{url} is already used by {first}", url, first),
                )
                .at(loc)
                .field("slug")
                .hint(t!("give one of the two a different `slug:`")),
            );
        } else {
            diags.push(
                Diagnostic::new(
                    Code::Duplicate,
                    src,
                    t!("the URL /{url} differs from /{first_url} of {first} only in letter case or Unicode form, so many web servers would serve one for the other", url, first_url, first),
                )
                .at(loc)
                .field("slug")
                .hint(t!("give one of the two a clearly different `slug:`")),
            );
        }
    }

    /// The URLs and their folded forms, to be freed (on another thread: 40,000 strings).
    pub(super) fn into_urls(self) -> Vec<(String, String)> {
        self.claims.into_iter().map(|c| (c.url, c.key)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{folded, Claim, Claims};
    use crate::diag::{Diagnostics, Loc};

    #[test]
    fn claims_of_two_forms_with_one_hash_are_told_apart() {
        // Two different addresses whose hashes are made to coincide, then each again.
        let claim = |url: &str, src: &'static str, hash: u64| Claim {
            hash,
            ..Claim::new(url.to_string(), src, Loc::new(2, 1))
        };
        let mut claims = Claims::with_capacity(4);
        let mut diags = Diagnostics::new();
        claims.claim(claim("releases/a/", "a.md", 7), &mut diags);
        claims.claim(claim("releases/b/", "b.md", 7), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        claims.claim(claim("releases/B/", "c.md", 7), &mut diags);
        claims.claim(claim("releases/a/", "d.md", 7), &mut diags);
        let said: Vec<String> = diags
            .iter()
            .map(|d| format!("{}: {}", d.file, d.message))
            .collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0].starts_with("c.md") && said[0].contains("/releases/b/ of b.md"),
            "{said:?}"
        );
        assert!(
            said[1].starts_with("d.md") && said[1].contains("already used by a.md"),
            "{said:?}"
        );
        assert_eq!(
            claims.into_urls().len(),
            2,
            "a claim that loses is not kept"
        );
    }

    use unicode_normalization::UnicodeNormalization;

    /// The slow path of [`folded`], for comparison.
    fn full(url: &str) -> String {
        url.nfkc()
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .nfc()
            .collect()
    }

    #[test]
    fn the_ascii_shortcut_folds_as_the_full_form_does() {
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(folded(&ascii), full(&ascii));
        for s in ["Releases/Press-2024/", "EN/About", "a%2Fb?Q=1#X"] {
            assert_eq!(folded(s), full(s));
        }
        // Not ASCII: the full form (full-width letters, NFD Hangul).
        assert_eq!(folded("ＰＲＥＳＳ"), "press");
        assert_eq!(folded("\u{1100}\u{1161}"), "\u{AC00}");
    }
}
