//! What the commands read from the environment: the reference time (the clock or
//! `SOURCE_DATE_EPOCH`), the home folder and whether to colour output.

use std::path::PathBuf;

use gongbo::time::parse_epoch;
use gongbo::types::Lang;

use super::say::say_error;

/// The reference time: `SOURCE_DATE_EPOCH` or the clock. `None` (after printing why
/// and what to set) when `SOURCE_DATE_EPOCH` is not a whole number of seconds or is
/// out of range; callers exit with 2, as for other bad usage.
pub fn reference_time(lang: Lang) -> Option<i64> {
    // A value that is not UTF-8 is not a number either (shown with its bad bytes
    // replaced), never taken as unset.
    match std::env::var_os("SOURCE_DATE_EPOCH") {
        Some(v) => match parse_epoch(&v.to_string_lossy()) {
            Ok(n) => Some(n),
            Err(e) => {
                say_error(lang, &e.message, Some(&e.hint));
                None
            }
        },
        None => Some(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0),
        ),
    }
}

/// Whether to colour output on `stream`: a terminal, and `NO_COLOR` unset or empty.
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The user's home folder (`HOME`), where the build looks for a shared cache.
pub fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}
