//! The parsers' schema as the CMS reads it: each top-level key of a release's or a
//! page's front matter, whether it is required, and the keys of its list items. Taken
//! from the tables the parsers check files with (`content::release::fields()`,
//! `item_fields()`, `content::page::fields()`), never written out again here.

use crate::content::{page, release};

/// One top-level key of a front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaField {
    pub name: &'static str,
    pub required: bool,
    /// The keys of each item, for a list of records (`contacts`); empty otherwise.
    pub items: &'static [&'static str],
}

/// The keys of a release's front matter, in the parser's order.
pub fn release() -> Vec<SchemaField> {
    let items = release::item_fields();
    release::fields()
        .iter()
        .map(|f| SchemaField {
            name: f.name,
            required: f.required,
            items: items
                .iter()
                .find(|(list, _)| *list == f.name)
                .map_or(&[][..], |(_, keys)| keys),
        })
        .collect()
}

/// The keys of a plain page's front matter, in the parser's order.
pub fn page() -> Vec<SchemaField> {
    page::fields()
        .iter()
        .map(|f| SchemaField {
            name: f.name,
            required: f.required,
            items: &[],
        })
        .collect()
}
