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

pub(super) fn class(c: char) -> Option<Class> {
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

/// True for the Hangul syllables 가 … 힣.
pub(super) fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
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
    super::terms::each_term(text, &mut |t| out.push(t.to_string()));
    out
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

    #[test]
    fn shard_hash_is_fnv1a() {
        // FNV-1a of "a" is 0xe40c292c.
        assert_eq!(shard_of("a", 1000), 0xe40c_292c % 1000);
    }
}
