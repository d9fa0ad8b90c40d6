//! Search for Korean and English: the tokenizer ([`tokenize`]), the sharded index written
//! at build time ([`index`]) and the query side ([`query`]), which mirrors the browser's
//! `search.js` so both can be tested against the same query fixture.

pub mod index;
pub mod query;
pub mod store;
pub mod terms;
pub mod text;
pub mod tokenize;

pub use index::files;
