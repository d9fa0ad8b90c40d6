//! Heading anchors: stable, readable ids that keep Korean text (`## 추진 경과` →
//! `추진-경과`), de-duplicated within a page and never equal to an id the theme uses.

use std::collections::HashSet;

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
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base.to_string()
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.used.contains(&id) || THEME_IDS.contains(&id.as_str()) || id.starts_with("gb-") {
            id = format!("{base}-{n}");
            n += 1;
        }
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
    }
}
