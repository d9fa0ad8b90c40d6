//! Emit: the files of the site that are not HTML pages, each a function from the linked
//! site (and what the render stage reports) to [`crate::types::OutputFile`]s.
//!
//! - [`feeds`]: Atom and JSON feeds per language, Atom feeds per tag;
//! - [`sitemap`]: `sitemap.xml` (or a sitemap index) and `robots.txt`.

pub mod feeds;
pub mod sitemap;
mod xml;
