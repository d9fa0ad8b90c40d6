//! The Korean catalog: `ko.toml` maps each English template of [`super::Text`] to its
//! Korean template. It is compiled into the binary and read once, on first use.
//!
//! To add a message: write it with `t!("…")` where it is said, then add a line
//! `"the English template" = "한국어 템플릿"` to `src/diag/ko.toml` (in 합니다/하세요
//! style, with the same `{name}`s and a particle marker such as `{name:을/를}` after a
//! name whose last sound is not known). `cargo test --test messages` lists what is
//! missing or no longer used.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The catalog's text, as reviewed.
pub const KO_TOML: &str = include_str!("ko.toml");

fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    // A test (`the_catalog_parses`) keeps the file valid; should it ever not be, every
    // message falls back to English rather than failing.
    TABLE.get_or_init(|| toml::from_str(KO_TOML).unwrap_or_default())
}

/// The Korean template of the English `template`.
pub fn korean(template: &str) -> Option<&'static str> {
    table().get(template).map(String::as_str)
}

/// Every (English, Korean) pair of the catalog, for the tests that keep it in step
/// with the sources.
pub fn entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    table().iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalog_parses() {
        let parsed: Result<std::collections::HashMap<String, String>, _> =
            toml::from_str(super::KO_TOML);
        assert!(parsed.is_ok(), "src/diag/ko.toml: {:?}", parsed.err());
    }
}
