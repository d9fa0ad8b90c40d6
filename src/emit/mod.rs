//! Emit: the files of the site that are not HTML pages, each a function from the linked
//! site (and what the render stage reports) to [`crate::types::OutputFile`]s. Output is
//! deterministic: the same site and reference time give the same bytes.
//!
//! - [`feeds`]: Atom and JSON feeds per language, Atom feeds per tag;
//! - [`sitemap`]: `sitemap.xml` (or a sitemap index) and `robots.txt`;
//! - [`milestones`]: `milestones.json`, `.csv` (through [`csv`], which every CSV uses)
//!   and (through [`ical`]) `.ics`.

pub mod csv;
pub mod feeds;
pub mod ical;
pub mod milestones;
pub mod sitemap;
mod xml;
