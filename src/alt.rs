//! What alternative text may not be, for every photo and body image alike: empty, the
//! caption again (a screen reader reads both, one after the other), or the file name
//! (`IMG_2031.JPG` describes nothing). The front-matter checks, the Markdown renderer
//! and `gongbo check` ask the same functions; each words its own diagnostic.
//!
//! A leaf: it uses nothing of the crate.

/// Why alternative text cannot stand, when it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// It is the caption, word for word.
    Caption,
    /// It is the image's file name, or that name without its extension.
    FileName,
}

/// Whether `alt` says nothing at all.
pub fn is_empty(alt: &str) -> bool {
    alt.trim().is_empty()
}

/// Whether `alt` repeats the `caption` or names the file at `path` (a path or URL whose
/// last part is the file name).
pub fn repeats(alt: &str, caption: Option<&str>, path: &str) -> Option<Repeat> {
    let a = folded(alt);
    if a.is_empty() {
        return None;
    }
    if caption.is_some_and(|c| folded(c) == a) {
        return Some(Repeat::Caption);
    }
    let file = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    let file = folded(file);
    let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
    let bare = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).collect() };
    let named = !file.is_empty() && (a == file || a == stem || bare(&a) == bare(stem));
    named.then_some(Repeat::FileName)
}

/// Lower case, whitespace runs made one space, without the punctuation at the ends.
fn folded(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    words
        .join(" ")
        .to_lowercase()
        .trim_matches(|c: char| c.is_ascii_punctuation() || "。．·…".contains(c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_must_not_be_the_caption_or_the_file_name() {
        let cap = Some("착공식에서 첫 삽을 뜨는 참석자들.");
        assert_eq!(
            repeats("착공식에서  첫 삽을 뜨는 참석자들", cap, "images/a.jpg"),
            Some(Repeat::Caption)
        );
        assert_eq!(
            repeats("IMG_2031.JPG", None, "images/img_2031.jpg"),
            Some(Repeat::FileName)
        );
        assert_eq!(
            repeats("img 2031", None, "/ai/images/IMG-2031.jpeg?v=1"),
            Some(Repeat::FileName)
        );
        assert_eq!(
            repeats("site-plan", None, "images/site-plan.png"),
            Some(Repeat::FileName)
        );
        assert_eq!(
            repeats("부지 전경을 남쪽에서 본 모습", cap, "images/site.jpg"),
            None
        );
        assert_eq!(repeats("  ", cap, "images/a.jpg"), None);
        assert!(is_empty(" \n"));
        assert!(!is_empty("a"));
    }
}
