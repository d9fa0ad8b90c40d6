//! Korean particles after an argument (`{:은/는}`, `{:이/가}`, …): the form follows the
//! last sound of what the argument shows.

/// The final sound of a shown text, which decides a Korean particle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coda {
    /// Ends in a vowel: 는, 가, 를, 로.
    Vowel,
    /// Ends in a consonant other than ㄹ: 은, 이, 을, 으로.
    Consonant,
    /// Ends in ㄹ: 은, 이, 을, but 로.
    Rieul,
}

/// `after_consonant` or `after_vowel` (the two forms of a particle), whichever follows
/// `shown`.
pub(super) fn particle_after<'a>(
    shown: &str,
    after_consonant: &'a str,
    after_vowel: &'a str,
) -> &'a str {
    match coda(shown) {
        Coda::Vowel => after_vowel,
        Coda::Rieul if after_consonant.starts_with('으') => after_vowel,
        Coda::Consonant | Coda::Rieul => after_consonant,
    }
}

fn coda(shown: &str) -> Coda {
    let tail = shown.trim_end_matches(|c: char| !(c.is_alphanumeric()));
    let Some(last) = tail.chars().next_back() else {
        return Coda::Vowel;
    };
    match last {
        '가'..='힣' => match (last as u32 - 0xAC00) % 28 {
            0 => Coda::Vowel,
            8 => Coda::Rieul,
            _ => Coda::Consonant,
        },
        '0' | '3' | '6' => Coda::Consonant, // 영, 삼, 육 (and 십, 백, 천, 만)
        '1' | '7' | '8' => Coda::Rieul,     // 일, 칠, 팔
        '2' | '4' | '5' | '9' => Coda::Vowel,
        c if c.is_ascii_alphabetic() => {
            let start = tail
                .rfind(|c: char| !c.is_ascii_alphabetic())
                .map_or(0, |i| {
                    i + tail[i..].chars().next().map_or(1, char::len_utf8)
                });
            latin_coda(&tail[start..])
        }
        _ => Coda::Vowel,
    }
}

/// The final sound of a Latin word as read in Korean: letter by letter for acronyms
/// and words without vowels (`PNG` 피엔지, `html` 에이치티엠엘), else by its spelling
/// (`title` 타이틀, `name` 네임, `tags` 태그스, `slug` 슬러그, `block` 블록).
fn latin_coda(word: &str) -> Coda {
    let lower = word.to_ascii_lowercase();
    let vowel = |c: u8| b"aeiouy".contains(&c);
    let b = lower.as_bytes();
    let spelled = word.len() <= 5 && word.bytes().all(|c| c.is_ascii_uppercase())
        || !b.iter().any(|&c| vowel(c));
    let last = b[b.len() - 1];
    if spelled {
        return match last {
            b'l' | b'r' => Coda::Rieul, // 엘, 알
            b'm' | b'n' => Coda::Consonant,
            _ => Coda::Vowel,
        };
    }
    let before = |n: usize| b.len().checked_sub(n + 1).map(|i| b[i]);
    match last {
        b'l' => Coda::Rieul,
        b'e' if before(1) == Some(b'l') => Coda::Rieul,
        b'e' if matches!(before(1), Some(b'm' | b'n')) => Coda::Consonant,
        b'm' | b'n' => Coda::Consonant,
        b'g' if before(1) == Some(b'n') => Coda::Consonant,
        b'k' if before(1) == Some(b'c') || lower.ends_with("ook") => Coda::Consonant,
        // `out`, `about` (아웃, 어바웃) end in a consonant like `cut`, `set`.
        b't' if lower.ends_with("out") => Coda::Consonant,
        b'c' | b'p' | b't' if before(1).is_some_and(vowel) && !before(2).is_some_and(vowel) => {
            Coda::Consonant
        }
        _ => Coda::Vowel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_last_sound() {
        let cases = [
            ("제목", "은"),
            ("날짜", "는"),
            ("서울", "은"),
            ("`title`", "은"),
            ("`tags`", "는"),
            ("`name`", "은"),
            ("`slug`", "는"),
            ("`date`", "는"),
            ("`kind`", "는"),
            ("`embargo`", "는"),
            ("`image_alt`", "는"),
            ("`status`", "는"),
            ("site.toml", "은"),
            ("cover.png", "는"),
            ("content/releases/a.ko.md", "는"),
            ("`id`", "는"),
            ("public", "은"),
            ("output", "은"),
            ("out", "은"),
            ("/tmp/site/out", "은"),
            ("dist", "는"),
            ("index.html", "은"),
            ("URL", "은"),
            ("13", "은"),
            ("2", "는"),
            ("10", "은"),
            ("U+0000", "은"),
            ("", "는"),
        ];
        for (shown, want) in cases {
            assert_eq!(particle_after(shown, "은", "는"), want, "{shown}");
        }
        assert_eq!(particle_after("서울", "으로", "로"), "로");
        assert_eq!(particle_after("`title`", "으로", "로"), "로");
        assert_eq!(particle_after("부산", "으로", "로"), "으로");
        assert_eq!(particle_after("부산", "이", "가"), "이");
    }
}
