//! Emit: files of the site that are not HTML pages, each written by a function from the
//! linked [`Site`](crate::link::Site) to [`OutputFile`](crate::types::OutputFile)s.
//! Output is deterministic: the same site and reference time give the same bytes.

pub mod ical;
pub mod milestones;
