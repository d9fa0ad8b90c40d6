//! The search tokenizer, shared by the index writer and the query side. The browser's
//! `search.js` implements the same rules; `tests/fixtures/search/tokenizer.toml` holds the
//! cases both are tested against.
//!
//! Rules:
//! 1. Normalise: NFC, lower case, and drop a comma between two digits (`4,000` → `4000`).
//! 2. Words are runs of letters and digits; a word splits into segments where the
//!    character class changes: Hangul syllables, digits, other letters.
//! 3. A Hangul segment that ends its word loses its particle or ending (longest match from
//!    [`SUFFIXES`], at most twice, only while two syllables remain): `데이터센터를` → `데이터센터`.
//! 4. Index terms of a Hangul segment: its first syllable (`h:` unigram) and every
//!    overlapping syllable bigram of the whole segment. A query segment asks for the
//!    unigram when its stem is one syllable, otherwise for every bigram of its stem.
//! 5. Digits are exact terms; other letters are terms matched by prefix at query time.

use unicode_normalization::UnicodeNormalization;

/// Particles and endings stripped from the end of a Hangul segment, longest first.
pub const SUFFIXES: &[&str] = &[
    "했습니다",
    "됐습니다",
    "하겠습니다",
    "입니다",
    "합니다",
    "됩니다",
    "에서는",
    "에서도",
    "에서의",
    "으로는",
    "으로도",
    "으로의",
    "에게는",
    "까지는",
    "부터는",
    "이라는",
    "했으며",
    "하였다",
    "되었다",
    "에서",
    "으로",
    "에게",
    "께서",
    "까지",
    "부터",
    "이다",
    "했다",
    "한다",
    "하는",
    "하고",
    "하며",
    "하여",
    "된다",
    "됐다",
    "되는",
    "되어",
    "에는",
    "에도",
    "와의",
    "과의",
    "로의",
    "로는",
    "라는",
    "이며",
    "으며",
    "들의",
    "들이",
    "들은",
    "들을",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "에",
    "의",
    "로",
    "와",
    "과",
    "도",
    "만",
    "들",
    "한",
    "된",
    "할",
];

/// The class of a character, for splitting words into segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Hangul,
    Digit,
    Letter,
}

fn class(c: char) -> Option<Class> {
    if is_syllable(c) {
        Some(Class::Hangul)
    } else if c.is_numeric() {
        Some(Class::Digit)
    } else if c.is_alphabetic() {
        Some(Class::Letter)
    } else {
        None
    }
}

/// Rule 1: NFC, lower case, commas between digits dropped.
pub fn normalize(text: &str) -> String {
    // Most text is already NFC: skip the (allocating) recomposition when a quick check
    // says so; the result is the same either way.
    let chars: Vec<char> = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => {
            text.chars().flat_map(char::to_lowercase).collect()
        }
        _ => text.nfc().flat_map(char::to_lowercase).collect(),
    };
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ','
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// A segment of a word: its class, its text, and whether it ends the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub class: Class,
    pub text: String,
    pub last: bool,
}

/// Rule 2: the segments of normalised `text`, in order.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut prev: Option<Class> = None;
    for c in text.chars() {
        let cl = class(c);
        match (cl, prev) {
            (Some(a), Some(b)) if a == b => out.last_mut().unwrap().text.push(c),
            (Some(a), _) => {
                if prev.is_some() {
                    out.last_mut().unwrap().last = false;
                }
                out.push(Segment {
                    class: a,
                    text: c.to_string(),
                    last: true,
                });
            }
            (None, _) => {}
        }
        prev = cl;
    }
    out
}

/// Rule 3: the stem of a Hangul segment.
pub fn stem(seg: &str) -> &str {
    let mut s = seg;
    for _ in 0..2 {
        let n = s.chars().count();
        let Some(suffix) = SUFFIXES
            .iter()
            .find(|x| s.ends_with(*x) && n - x.chars().count() >= 2)
        else {
            break;
        };
        s = &s[..s.len() - suffix.len()];
    }
    s
}

fn bigrams(s: &str, out: &mut Vec<String>) {
    let cs: Vec<char> = s.chars().collect();
    out.extend(cs.windows(2).map(|w| w.iter().collect::<String>()));
}

/// Rule 4 and 5: the index terms of `text` (duplicates kept, in order).
pub fn index_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, &mut |t| out.push(t.to_string()));
    out
}

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
            walk.syllable(c, f);
        } else {
            for lower in c.to_lowercase() {
                walk.push(lower, f);
            }
        }
    }
    walk.end_segment(f);
}

fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
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

    /// A Hangul syllable.
    #[inline]
    fn syllable(&mut self, c: char, f: &mut impl FnMut(Term<'_>)) {
        self.prev_digit = false;
        let s = (c as u32 - HANGUL_BASE) as u16;
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
            return self.syllable(c, f);
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

/// One requirement of a query: a document must hold every term of `all` (a Hangul
/// stem's bigrams, or one unigram / number), or for a prefix, any term starting with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryTerm {
    /// Every one of these exact terms.
    All(Vec<String>),
    /// Any term starting with this text.
    Prefix(String),
}

/// A query word: what to look up, and the text to mark in snippets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub term: QueryTerm,
    pub mark: String,
}

/// The query side of rules 1–5: one [`QueryWord`] per segment, duplicates removed.
pub fn query_words(query: &str) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::new();
    for seg in segments(&normalize(query)) {
        let w = match seg.class {
            Class::Hangul => {
                let st = if seg.last { stem(&seg.text) } else { &seg.text };
                let mut grams = Vec::new();
                if st.chars().count() == 1 {
                    grams.push(st.to_string());
                } else {
                    bigrams(st, &mut grams);
                }
                grams.dedup();
                QueryWord {
                    term: QueryTerm::All(grams),
                    mark: st.to_string(),
                }
            }
            Class::Digit => QueryWord {
                term: QueryTerm::All(vec![seg.text.clone()]),
                mark: seg.text,
            },
            Class::Letter => QueryWord {
                term: QueryTerm::Prefix(seg.text.clone()),
                mark: seg.text,
            },
        };
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// The shard of a term among `shards`: FNV-1a over the code points of its first two
/// characters.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in term.chars().take(2) {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_are_stripped_only_while_two_syllables_remain() {
        assert_eq!(stem("데이터센터를"), "데이터센터");
        assert_eq!(stem("광주는"), "광주");
        assert_eq!(stem("기업들의"), "기업");
        assert_eq!(stem("나는"), "나는");
        assert_eq!(stem("추진했다"), "추진");
    }

    #[test]
    fn numbers_lose_their_commas_and_split_from_units() {
        assert_eq!(normalize("4,000억 원, 그리고"), "4000억 원, 그리고");
        assert_eq!(index_terms("4,000억"), vec!["4000", "억"]);
    }

    #[test]
    fn latin_is_case_folded_and_prefix_matched() {
        let w = query_words("Comput");
        assert_eq!(w[0].term, QueryTerm::Prefix("comput".into()));
    }

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
            text in "[가-힣ᄀ-ᇿa-zA-ZÀ-ž0-9, .İ\u{301}]{0,40}"
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

    #[test]
    fn shard_hash_is_fnv1a() {
        // FNV-1a of "a" is 0xe40c292c.
        assert_eq!(shard_of("a", 1000), 0xe40c_292c % 1000);
    }
}
