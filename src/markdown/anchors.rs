//! Heading anchors: stable, readable ids that keep Korean text (`## 추진 경과` →
//! `추진-경과`), de-duplicated within a page and never equal to an id the theme uses.

use std::collections::{HashMap, HashSet};

/// Ids the default theme uses; a heading never takes one of them, nor any id starting
/// with `gb-`, the prefix kept for theme ids.
pub const THEME_IDS: [&str; 8] = [
    "main-content",
    "gb-history",
    "gb-toc",
    "gb-search",
    "gb-search-input",
    "gb-search-results",
    "gb-search-status",
    "gb-milestones",
];

/// Makes ids for the headings of one page.
#[derive(Debug, Default)]
pub struct Anchors {
    used: HashSet<String>,
    /// The next number to try after each base already used, so that 100,000 headings
    /// of one text take linear time, not a search from `-1` each (the numbers below it
    /// are all taken: `used` only grows).
    next: HashMap<String, usize>,
}

impl Anchors {
    pub fn id_for(&mut self, text: &str) -> String {
        let mut base = String::new();
        for c in text.trim().chars() {
            if c.is_alphanumeric() {
                base.extend(c.to_lowercase());
            } else if (c.is_whitespace() || c == '-' || c == '_')
                && !base.ends_with('-')
                && !base.is_empty()
            {
                base.push('-');
            }
        }
        let base = base.trim_end_matches('-');
        // `gb-…` is kept for the theme, and numbering never leaves that prefix.
        let base = if base.is_empty() {
            "section".to_string()
        } else if base.starts_with("gb-") {
            format!("h-{base}")
        } else {
            base.to_string()
        };
        let taken = |id: &str, used: &HashSet<String>| {
            used.contains(id) || THEME_IDS.contains(&id) || id.starts_with("gb-")
        };
        if !taken(&base, &self.used) {
            self.used.insert(base.clone());
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        let mut id = format!("{base}-{n}");
        while taken(&id, &self.used) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        *n += 1;
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_ids_are_kept_and_deduplicated() {
        let mut a = Anchors::default();
        assert_eq!(a.id_for("추진 경과"), "추진-경과");
        assert_eq!(a.id_for("추진 경과"), "추진-경과-1");
        assert_eq!(a.id_for("Phase 2: the plan!"), "phase-2-the-plan");
        assert_eq!(a.id_for("!!!"), "section");
        assert_eq!(a.id_for("main content"), "main-content-1");
        // Numbers skip ids written as headings of their own.
        assert_eq!(a.id_for("a"), "a");
        assert_eq!(a.id_for("a 1"), "a-1");
        assert_eq!(a.id_for("a"), "a-2");
        assert_eq!(a.id_for("a"), "a-3");
        assert_eq!(a.id_for("a 4"), "a-4");
        assert_eq!(a.id_for("a"), "a-5");
        // Once an endless search for an id outside `gb-…`.
        assert_eq!(a.id_for("gb-x"), "h-gb-x");
        assert_eq!(a.id_for("GB x"), "h-gb-x-1");
    }

    #[test]
    fn many_headings_of_one_text_are_numbered_in_order() {
        // Timed in benches/hostile.sh (100,000 such headings).
        let mut a = Anchors::default();
        for _ in 0..2_000 {
            a.id_for("같은 제목");
        }
        assert_eq!(a.id_for("같은 제목"), "같은-제목-2000");
    }
}
