//! Rules 1, 2, 4 and 5 of [`super::tokenize`] for the index writer, in one pass over the
//! bytes of a text: no normalised copy (unless the text is not NFC), no list of segments
//! and no string per term. Hangul terms come out as syllable numbers, so the writer can
//! key them by number. The tests hold this to the plain statement of the rules
//! ([`super::tokenize::segments`]).

use unicode_normalization::UnicodeNormalization;

use super::tokenize::{class, is_syllable, Class};

/// The first Hangul syllable, U+AC00 가; syllables are numbered from it.
const HANGUL_BASE: u32 = 0xAC00;
/// The number of Hangul syllables (가 … 힣).
pub const HANGUL_SYLLABLES: u32 = 11_172;

/// One index term, as [`each_term`] finds it: Hangul terms as syllable numbers (from
/// 가 = 0), so the index writer can key them by number instead of by string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'a> {
    /// The first syllable of a Hangul segment.
    Unigram(u16),
    /// Two neighbouring syllables of a Hangul segment.
    Bigram(u16, u16),
    /// A run of digits, or of other letters.
    Word(&'a str),
}

impl Term<'_> {
    /// A number for each Hangul term, unique among them and below 2^27: unigrams are
    /// `0..11172`, bigrams follow. `None` for words.
    pub fn hangul_key(self) -> Option<u32> {
        match self {
            Term::Unigram(a) => Some(u32::from(a)),
            Term::Bigram(a, b) => Some(HANGUL_SYLLABLES * (1 + u32::from(a)) + u32::from(b)),
            Term::Word(_) => None,
        }
    }

    /// The term of a [`Term::hangul_key`].
    pub fn from_hangul_key(key: u32) -> Term<'static> {
        let syllable = |n: u32| n as u16;
        match key.checked_sub(HANGUL_SYLLABLES) {
            None => Term::Unigram(syllable(key)),
            Some(k) => Term::Bigram(
                syllable(k / HANGUL_SYLLABLES),
                syllable(k % HANGUL_SYLLABLES),
            ),
        }
    }
}

impl std::fmt::Display for Term<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let syllable = |n: u16| char::from_u32(HANGUL_BASE + u32::from(n)).unwrap_or('\u{FFFD}');
        match *self {
            Term::Unigram(a) => write!(f, "{}", syllable(a)),
            Term::Bigram(a, b) => write!(f, "{}{}", syllable(a), syllable(b)),
            Term::Word(w) => f.write_str(w),
        }
    }
}

/// Calls `f` with each index term of `text`, in order: rules 1, 2, 4 and 5 in one pass
/// over the characters, without a normalised copy of the text (unless it is not NFC),
/// a list of segments or a string per term. [`segments`] is the plain statement of the
/// same rules, and a test holds the two to the same output.
pub fn each_term(text: &str, f: &mut impl FnMut(Term<'_>)) {
    let recomposed: String;
    let text = if plainly_nfc(text) {
        text
    } else {
        recomposed = text.nfc().collect();
        &recomposed
    };
    let mut walk = Walk {
        class: None,
        word: String::new(),
        syllable: 0,
        prev_digit: false,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // A run of ASCII letters or digits joins the segment in one step.
            let digit = b.is_ascii_digit();
            let same = |c: &u8| {
                if digit {
                    c.is_ascii_digit()
                } else {
                    c.is_ascii_alphabetic()
                }
            };
            let end = bytes[i..]
                .iter()
                .position(|c| !same(c))
                .map_or(bytes.len(), |n| i + n);
            walk.ascii_run(&text[i..end], digit, f);
            i = end;
            continue;
        }
        if (0xEA..=0xED).contains(&b) {
            // The lead byte of U+A000..U+DFFF, which holds the Hangul syllables: decode
            // the three bytes here rather than through `chars` (the text is valid UTF-8,
            // so both continuation bytes are there).
            let code = (u32::from(b & 0x0F) << 12)
                | (u32::from(bytes[i + 1] & 0x3F) << 6)
                | u32::from(bytes[i + 2] & 0x3F);
            if (HANGUL_BASE..HANGUL_BASE + HANGUL_SYLLABLES).contains(&code) {
                walk.syllable(syllable_index(code), f);
                i += 3;
                continue;
            }
        }
        if b.is_ascii() {
            i += 1;
            // Rule 1: a comma between two digits is dropped.
            if b == b',' && walk.prev_digit && bytes.get(i).is_some_and(u8::is_ascii_digit) {
                walk.prev_digit = false;
                continue;
            }
            walk.ascii(b.to_ascii_lowercase(), f);
            continue;
        }
        // A multi-byte character: `i` is on a character boundary, since every byte
        // before it was a whole ASCII character or skipped with its character.
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if is_syllable(c) {
            // Hangul has no case: skip the lower-case table.
            walk.syllable(syllable_index(c as u32), f);
        } else {
            for lower in c.to_lowercase() {
                walk.push(lower, f);
            }
        }
    }
    walk.end_segment(f);
}

/// True when `text` is NFC for a cheap reason: every character is one that NFC never
/// changes and that never combines with a neighbour ([`PLAIN_NFC`]). Otherwise the full
/// quick check decides (table lookups per character).
fn plainly_nfc(text: &str) -> bool {
    text.is_ascii()
        || text.chars().all(plain_nfc_char)
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Blocks whose every character is NFC_Quick_Check=Yes with combining class 0: below the
/// combining marks, Hangul syllables, and the punctuation and symbols Korean and English
/// text uses most (quotes, dashes, ellipsis, 「」, ㎡, fullwidth forms). A test checks
/// every character of every range against the Unicode tables.
const PLAIN_NFC: &[(u32, u32)] = &[
    (0x0000, 0x02FF),
    (0x2010, 0x205E),
    (0x3000, 0x3029),
    (0x3030, 0x303F),
    (0x3131, 0x318E),
    (0x3200, 0x33FF),
    (0xAC00, 0xD7A3),
    (0xFF01, 0xFFBE),
];

fn plain_nfc_char(c: char) -> bool {
    let c = c as u32;
    c < 0x300
        || (0xAC00..=0xD7A3).contains(&c)
        || PLAIN_NFC.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// The index of a Hangul syllable's code point (`가` is 0).
#[inline]
fn syllable_index(code: u32) -> u16 {
    (code - HANGUL_BASE) as u16
}

/// The state of [`each_term`] between characters.
struct Walk {
    /// The class of the segment being read.
    class: Option<Class>,
    /// The text of a digit or letter segment being read.
    word: String,
    /// The last syllable of a Hangul segment being read.
    syllable: u16,
    /// Whether the previous character was an ASCII digit, for the comma rule.
    prev_digit: bool,
}

impl Walk {
    /// An ASCII character, already lower case.
    #[inline]
    fn ascii(&mut self, b: u8, f: &mut impl FnMut(Term<'_>)) {
        self.prev_digit = b.is_ascii_digit();
        let class = if self.prev_digit {
            Class::Digit
        } else if b.is_ascii_alphabetic() {
            Class::Letter
        } else {
            self.end_segment(f);
            self.class = None;
            return;
        };
        if self.class != Some(class) {
            self.end_segment(f);
            self.class = Some(class);
        }
        self.word.push(char::from(b));
    }

    /// A run of ASCII letters (or of ASCII digits, when `digit`).
    #[inline]
    fn ascii_run(&mut self, run: &str, digit: bool, f: &mut impl FnMut(Term<'_>)) {
        let class = if digit { Class::Digit } else { Class::Letter };
        if self.class != Some(class) {
            self.end_segment(f);
            self.class = Some(class);
        }
        if run.bytes().any(|b| b.is_ascii_uppercase()) {
            self.word
                .extend(run.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            self.word.push_str(run);
        }
        self.prev_digit = digit;
    }

    /// A Hangul syllable.
    #[inline]
    fn syllable(&mut self, s: u16, f: &mut impl FnMut(Term<'_>)) {
        self.prev_digit = false;
        if self.class == Some(Class::Hangul) {
            f(Term::Bigram(self.syllable, s));
        } else {
            self.end_segment(f);
            self.class = Some(Class::Hangul);
            f(Term::Unigram(s));
        }
        self.syllable = s;
    }

    /// Any other character, already lower case.
    fn push(&mut self, c: char, f: &mut impl FnMut(Term<'_>)) {
        if c.is_ascii() {
            return self.ascii(c as u8, f);
        }
        if is_syllable(c) {
            return self.syllable(syllable_index(c as u32), f);
        }
        self.prev_digit = false;
        match class(c) {
            Some(k) => {
                if self.class != Some(k) {
                    self.end_segment(f);
                    self.class = Some(k);
                }
                self.word.push(c);
            }
            None => {
                self.end_segment(f);
                self.class = None;
            }
        }
    }

    #[inline]
    fn end_segment(&mut self, f: &mut impl FnMut(Term<'_>)) {
        if !self.word.is_empty() {
            f(Term::Word(&self.word));
            self.word.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokenize::{index_terms, normalize, segments};

    /// Rules 1, 2, 4 and 5 stated plainly, to hold the one-pass [`each_term`] to.
    fn plain_index_terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for seg in segments(&normalize(text)) {
            match seg.class {
                Class::Hangul => {
                    let cs: Vec<char> = seg.text.chars().collect();
                    out.push(cs[0].to_string());
                    out.extend(cs.windows(2).map(|w| w.iter().collect::<String>()));
                }
                Class::Digit | Class::Letter => out.push(seg.text),
            }
        }
        out
    }

    #[test]
    fn one_pass_terms_equal_the_plain_rules() {
        for text in [
            "",
            "광주 AI 데이터센터를 2019년 1월 29일에 4,000억 원",
            "1,000,000 1,,2 ,5 5, a,1 1,a 12,345원",
            "ÄİΣ Straße ǅemal ﬁle ＡＢＣ１２３ 한글ABC123한",
            "e\u{301}cole 한\u{1100}\u{1161}\u{11A8} 가각\u{11A8}",
            "가 나다 라마바 ㄱㄴ 가ㄱ나",
            "x\ty\n z—광주·전남 (AI) [1] 🙂가",
            "Ⅻ ½ ² ١٢٣ 四五 ９,９",
        ] {
            assert_eq!(index_terms(text), plain_index_terms(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_terms_equal_the_plain_rules_for_any_text(
            text in "[가-힣ᄀ-ᇿa-zA-ZÀ-ž0-9, .İ\u{301}\u{A000}-\u{A48C}\u{D7B0}-\u{D7C6}]{0,40}"
        ) {
            proptest::prop_assert_eq!(index_terms(&text), plain_index_terms(&text));
        }
    }

    #[test]
    fn plain_nfc_ranges_hold_only_characters_nfc_leaves_alone() {
        use unicode_normalization::char::canonical_combining_class;
        for &(lo, hi) in PLAIN_NFC {
            for c in (lo..=hi).filter_map(char::from_u32) {
                assert_eq!(
                    unicode_normalization::is_nfc_quick(std::iter::once(c)),
                    unicode_normalization::IsNormalized::Yes,
                    "U+{:04X}",
                    c as u32
                );
                assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
                assert!(plain_nfc_char(c));
            }
        }
        // Outside the ranges: a combining acute, the Ohm sign (NFC makes it Ω), jamo.
        for c in ['\u{301}', '\u{2126}', '\u{1161}', '\u{11A8}'] {
            assert!(!plain_nfc_char(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn hangul_keys_round_trip() {
        for t in [
            Term::Unigram(0),
            Term::Unigram(11_171),
            Term::Bigram(0, 0),
            Term::Bigram(11_171, 11_171),
            Term::Bigram(5, 11_171),
        ] {
            let k = t.hangul_key().unwrap();
            assert!(k < 1 << 27);
            assert_eq!(Term::from_hangul_key(k), t);
        }
        assert_eq!(Term::Bigram(0, 1).to_string(), "가각");
        assert_eq!(Term::Word("ai").hangul_key(), None);
    }
}
