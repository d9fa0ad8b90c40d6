//! Alternative text that says nothing (W002): empty, the file name, a generic word such
//! as `사진` or `image`, or too short to describe anything. Used for images in bodies
//! and for a release's `image_alt`.

use super::{normalise, Limits};
use crate::diag::Text;

/// Why `alt` does not describe the image at `dest`, if it does not.
pub fn weak_alt(alt: &str, dest: &str, limits: &Limits) -> Option<Text> {
    let alt = normalise(alt);
    let lower = alt.to_lowercase();
    let file = dest.rsplit('/').next().unwrap_or(dest).to_lowercase();
    let stem = file
        .rsplit_once('.')
        .map_or(file.as_str(), |(s, _)| s)
        .to_string();
    const GENERIC: [&str; 12] = [
        "image",
        "img",
        "picture",
        "photo",
        "graphic",
        "사진",
        "이미지",
        "그림",
        "사진1",
        "image1",
        "alt",
        "screenshot",
    ];
    if alt.is_empty() {
        Some(t!("no alternative text"))
    } else if lower == file || lower == stem {
        Some(t!("its file name `{alt}` as alternative text", alt))
    } else if GENERIC.contains(&lower.as_str()) {
        Some(t!("the generic alternative text `{alt}`", alt))
    } else if alt.chars().count() < limits.min_alt_chars {
        Some(t!(
            "the alternative text `{alt}`, too short to describe it",
            alt
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_text_rules() {
        let l = Limits::default();
        assert!(weak_alt("site.svg", "images/site.svg", &l).is_some());
        assert!(weak_alt("사진", "a.png", &l).is_some());
        assert!(weak_alt("Image", "a.png", &l).is_some());
        assert!(weak_alt("도면", "a.png", &l).is_some());
        assert!(weak_alt("착공식 현장의 참석자들", "a.png", &l).is_none());
    }
}
