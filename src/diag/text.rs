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

pub use super::arg::Arg;
use super::particle::particle_after;

/// A sentence (or a part of one) in English, with its named arguments, rendered in a
/// language when shown.
///
/// Two texts are equal when they say the same in English (the key of the catalog).
#[derive(Debug, Clone)]
pub struct Text {
    template: &'static str,
    args: Vec<(&'static str, Arg)>,
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

    pub(super) fn render_into(&self, lang: Lang, out: &mut String) {
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
