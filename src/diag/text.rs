//! Translatable text: every sentence gongbo says to an editor is written in English at
//! the place that says it, with [`t!`](crate::t), and rendered in the reader's language
//! only when it is shown.
//!
//! ```
//! use gongbo::{t, diag::Text, types::Lang};
//! let tag = "예산";
//! let text: Text = t!("the tag `{t}` is not declared", t = tag);
//! assert_eq!(text.to_string(), "the tag `예산` is not declared");
//! assert_eq!(text.render(Lang::Ko), "태그 `예산`이 content/tags.yaml에 없습니다");
//! ```
//!
//! - The English template is the key: the Korean catalog (`src/diag/ko.toml`) maps it to
//!   a Korean template with the same `{name}`s. `tests/messages.rs` reads every `t!` of
//!   `src/` and fails when the catalog lacks a template, holds one no longer used, or
//!   names an argument the template does not have.
//! - Arguments are named: `t!("… {key} …", key = expr)`, or `t!("… {key} …", key)` for
//!   a variable of that name. A string or number is shown as written in every language
//!   (file names, field names, values); a [`Text`] argument is translated with the text
//!   it is part of (`t!("`{key}` must be {what}", key, what = t!("a list"))`).
//! - A Korean template chooses the particle after an argument with `{:은/는}` (also
//!   `{:이/가}`, `{:을/를}`, `{:과/와}`, `{:으로/로}`, `{:이어야/여야}`, …): the first
//!   form after a final consonant (받침), the second after a vowel, `로` after ㄹ too;
//!   it looks at the last letter or digit written before it, so `` `{key}`{:은/는} ``
//!   works through the backquote. The last sound of Hangul and digits is exact; of Latin
//!   letters it is read as Korean speakers read the word (`title` 타이틀 → `title`은,
//!   `tags` → `tags`는, `png` read letter by letter). Templates write `{{` and `}}` for
//!   braces.
//! - A text without arguments is `const` (`t!("a list")` in a table of fields).
//!
//! The library never chooses the language: the command line (`src/cli/`) reads the
//! locale and passes a [`Lang`] to [`Text::render`] (and [`super::Diagnostic::render`]);
//! `Display` is English.

use std::cell::RefCell;
use std::fmt;

use crate::types::Lang;

/// A sentence (or a part of one) in English, with its named arguments, rendered in a
/// language when shown.
///
/// Two texts are equal when they say the same in English (the key of the catalog).
#[derive(Debug, Clone)]
pub struct Text {
    template: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// One argument of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as written in every language: a file name, a key, a value, a number.
    Plain(String),
    /// Translated with the text it is part of.
    Text(Text),
    /// Written as each language writes it (a date: `March 2, 2025, 09:00` and
    /// `2025년 3월 2일 09:00`), made with [`Arg::time`] or [`Arg::each`].
    Each { en: String, ko: String },
    /// Items shown one after another, separated by commas (and `…` when there are more).
    List { items: Vec<Arg>, more: bool },
}

impl Arg {
    /// A value written in each language's own way.
    pub fn each(en: impl Into<String>, ko: impl Into<String>) -> Arg {
        Arg::Each {
            en: en.into(),
            ko: ko.into(),
        }
    }

    /// `items` separated by commas, with `, …` after them when `more` were left out.
    pub fn list<T: Into<Arg>>(items: impl IntoIterator<Item = T>, more: bool) -> Arg {
        Arg::List {
            items: items.into_iter().map(Into::into).collect(),
            more,
        }
    }

    fn render_into(&self, lang: Lang, out: &mut String) {
        match (self, lang) {
            (Arg::Plain(s), _) => out.push_str(s),
            (Arg::Text(t), _) => t.render_into(lang, out),
            (Arg::Each { en, .. }, Lang::En) => out.push_str(en),
            (Arg::Each { ko, .. }, Lang::Ko) => out.push_str(ko),
            (Arg::List { items, more }, _) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.render_into(lang, out);
                }
                if *more {
                    out.push_str(", …");
                }
            }
        }
    }

    fn printable(&self) -> Arg {
        let shown = |s: &str| super::printable(s).into_owned();
        match self {
            Arg::Plain(s) => Arg::Plain(shown(s)),
            Arg::Text(t) => Arg::Text(t.printable()),
            Arg::Each { en, ko } => Arg::each(shown(en), shown(ko)),
            Arg::List { items, more } => Arg::List {
                items: items.iter().map(Arg::printable).collect(),
                more: *more,
            },
        }
    }

    /// A date and time as each language writes it.
    pub fn time(t: &crate::time::SiteTime) -> Arg {
        Arg::each(
            crate::time::format_datetime(t, Lang::En),
            crate::time::format_datetime(t, Lang::Ko),
        )
    }
}

/// Builds a [`Text`]: an English template and its named arguments (see the module
/// documentation of `gongbo::diag::text`).
#[macro_export]
macro_rules! t {
    ($template:literal $(,)?) => {
        $crate::diag::Text::new($template)
    };
    ($template:literal, $($name:ident $(= $value:expr)?),+ $(,)?) => {
        $crate::diag::Text::with(
            $template,
            ::std::vec![$((::std::stringify!($name), $crate::t!(@arg $name $(= $value)?))),+],
        )
    };
    (@arg $name:ident = $value:expr) => {
        $crate::diag::Arg::from($value)
    };
    (@arg $name:ident) => {
        $crate::diag::Arg::from($name)
    };
}

/// The template of [`Text::verbatim`].
const VERBATIM: &str = "{text}";

impl Text {
    /// A text without arguments (what `t!("…")` makes).
    pub const fn new(template: &'static str) -> Text {
        Text {
            template,
            args: Vec::new(),
        }
    }

    /// A text with arguments (what `t!("…", a = x)` makes).
    pub fn with(template: &'static str, args: Vec<(&'static str, Arg)>) -> Text {
        Text { template, args }
    }

    /// Words from outside gongbo that have no translation (a parser's own message),
    /// shown as they are in every language. Use it only inside a [`t!`](crate::t) that
    /// says in gongbo's words what went wrong.
    pub fn verbatim(text: impl Into<String>) -> Text {
        Text::with(VERBATIM, vec![("text", Arg::Plain(text.into()))])
    }

    /// The English template, the key of the catalog.
    pub fn template(&self) -> &'static str {
        self.template
    }

    /// The text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::with_capacity(self.template.len() + 16);
        self.render_into(lang, &mut out);
        out
    }

    fn render_into(&self, lang: Lang, out: &mut String) {
        let template = match lang {
            Lang::En => self.template,
            Lang::Ko if self.template == VERBATIM => self.template,
            Lang::Ko => super::catalog::korean(self.template).unwrap_or(self.template),
        };
        let mut rest = template;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let brace = rest.as_bytes()[i];
            rest = &rest[i + 1..];
            if rest.as_bytes().first() == Some(&brace) {
                // `{{` or `}}`: a brace of the text itself.
                out.push(brace as char);
                rest = &rest[1..];
                continue;
            }
            let Some(end) = rest.find('}').filter(|_| brace == b'{') else {
                out.push(brace as char);
                continue;
            };
            let inner = &rest[..end];
            if let Some((after_consonant, after_vowel)) =
                inner.strip_prefix(':').and_then(|p| p.split_once('/'))
            {
                // `{:은/는}`: the particle that follows what is written so far.
                out.push_str(particle_after(out, after_consonant, after_vowel));
            } else if let Some(arg) = self.arg(inner) {
                arg.render_into(lang, out);
            } else {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
    }

    fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The same text with every plain argument made [`super::printable`] (control
    /// characters escaped), as a terminal must show it.
    pub fn printable(&self) -> Text {
        Text {
            template: self.template,
            args: self.args.iter().map(|(n, a)| (*n, a.printable())).collect(),
        }
    }

    /// Whether the English text contains `pat` (for matching a message in tests).
    pub fn contains(&self, pat: &str) -> bool {
        self.to_string().contains(pat)
    }

    /// Whether the English text starts with `pat`.
    pub fn starts_with(&self, pat: &str) -> bool {
        self.to_string().starts_with(pat)
    }

    /// Whether the English text is empty.
    pub fn is_empty(&self) -> bool {
        self.to_string().is_empty()
    }

    /// Whether the English text ends with `pat`.
    pub fn ends_with(&self, pat: &str) -> bool {
        self.to_string().ends_with(pat)
    }

    /// A serde error (for a `Deserialize` impl) that says `self`. serde errors carry
    /// only a string, so the text is kept aside (per thread, the last few) for
    /// [`Text::recover`] to find by its English words when the error becomes a
    /// diagnostic; anywhere else the error still reads as the English text.
    pub fn into_serde<E: serde::de::Error>(self) -> E {
        let english = self.to_string();
        KEPT.with(|kept| {
            let mut kept = kept.borrow_mut();
            if kept.len() >= KEEP {
                kept.remove(0);
            }
            kept.push((english.clone(), self));
        });
        E::custom(english)
    }

    /// The text that [`Text::into_serde`] made the serde error `message` of, if this
    /// thread made it recently.
    pub fn recover(message: &str) -> Option<Text> {
        KEPT.with(|kept| {
            kept.borrow()
                .iter()
                .rev()
                .find(|(english, _)| english == message)
                .map(|(_, t)| t.clone())
        })
    }
}

/// How many texts of serde errors a thread keeps for [`Text::recover`].
const KEEP: usize = 32;

thread_local! {
    static KEPT: RefCell<Vec<(String, Text)>> = const { RefCell::new(Vec::new()) };
}

/// English.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        (self.template == other.template && self.args == other.args)
            || self.render(Lang::En) == other.render(Lang::En)
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.render(Lang::En) == other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.render(Lang::En) == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.render(Lang::En) == *other
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(t)
    }
}

impl From<&Text> for Arg {
    fn from(t: &Text) -> Arg {
        Arg::Text(t.clone())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Plain(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Plain(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Plain(s.to_string())
    }
}

impl From<&&str> for Arg {
    fn from(s: &&str) -> Arg {
        Arg::Plain(s.to_string())
    }
}

impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Arg {
        Arg::Plain(s.into_owned())
    }
}

impl From<char> for Arg {
    fn from(c: char) -> Arg {
        Arg::Plain(c.to_string())
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Plain(n.to_string())
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                Arg::Plain(n.to_string())
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64);

/// An I/O error in words: the usual kinds translated, others as the system says them.
pub fn io_reason(e: &std::io::Error) -> Text {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => crate::t!("it does not exist"),
        ErrorKind::PermissionDenied => crate::t!("permission denied"),
        ErrorKind::AlreadyExists => crate::t!("it already exists"),
        ErrorKind::InvalidData => crate::t!("it is not valid text"),
        ErrorKind::IsADirectory => crate::t!("it is a folder, not a file"),
        ErrorKind::NotADirectory => crate::t!("a part of the path is a file, not a folder"),
        ErrorKind::StorageFull => crate::t!("the disk is full"),
        ErrorKind::ReadOnlyFilesystem => crate::t!("the disk is read-only"),
        _ => Text::verbatim(e.to_string()),
    }
}

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
fn particle_after<'a>(shown: &str, after_consonant: &'a str, after_vowel: &'a str) -> &'a str {
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
    fn arguments_fill_the_template_and_braces_can_be_written() {
        let key = "title";
        let t = crate::t!(
            "`{key}` must be {what}, not {{x}}",
            key,
            what = crate::t!("text")
        );
        assert_eq!(t.to_string(), "`title` must be text, not {x}");
        assert_eq!(t, "`title` must be text, not {x}");
        let n = 3usize;
        assert_eq!(crate::t!("{n} files", n).to_string(), "3 files");
        const LIST: Text = crate::t!("a list");
        assert_eq!(LIST.template(), "a list");
    }

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

    #[test]
    fn serde_errors_carry_their_text_back() {
        let v = "maybe";
        let t = crate::t!("`{v}` is not a status", v);
        let e: serde_json::Error = t.clone().into_serde();
        assert_eq!(e.to_string(), "`maybe` is not a status");
        assert_eq!(Text::recover("`maybe` is not a status"), Some(t));
        assert_eq!(Text::recover("something else"), None);
        for i in 0..100 {
            let _: serde_json::Error = crate::t!("{i}", i).into_serde();
        }
        assert_eq!(KEPT.with(|k| k.borrow().len()), KEEP);
    }

    #[test]
    fn plain_arguments_are_escaped_for_a_terminal() {
        let v = "a\u{1b}[2J";
        let t = crate::t!("`{v}` is bad", v).printable();
        assert_eq!(t.to_string(), "`a\\u{1b}[2J` is bad");
    }
}
