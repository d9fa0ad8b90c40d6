//! The arguments of a [`Text`]: values shown as written, texts translated with the
//! sentence they are part of, values each language writes its own way, and lists.

use super::Text;
use crate::types::Lang;

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

    pub(super) fn render_into(&self, lang: Lang, out: &mut String) {
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

    pub(super) fn printable(&self) -> Arg {
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
