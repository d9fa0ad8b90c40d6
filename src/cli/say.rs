//! Printing on stderr: a [`Text`] in the language of the messages, with the control
//! characters of its values escaped.

use gongbo::diag::{Severity, Text};
use gongbo::t;
use gongbo::types::Lang;

/// Prints `text` in `lang` on stderr, with its values' control characters escaped.
pub fn say(lang: Lang, text: Text) {
    eprintln!("{}", text.printable().render(lang));
}

/// Prints `error: …` (and `  hint: …`) for a problem that is not about a file.
pub fn say_error(lang: Lang, message: &Text, hint: Option<&Text>) {
    let word = Severity::Error.word(lang);
    eprintln!("{word}: {}", message.printable().render(lang));
    if let Some(h) = hint {
        let hint_word = gongbo::diag::hint_word(lang);
        eprintln!("  {hint_word}: {}", h.printable().render(lang));
    }
}

/// `1 error`, `3 errors`: the count of a failed build's errors.
pub fn errors(n: usize) -> Text {
    match n {
        1 => t!("1 error"),
        n => t!("{n} errors", n),
    }
}
