//! Links to heading anchors that do not exist (E012): `#id` within the same body, or
//! `@/releases/x.ko.md#id` into another one, checked against the heading ids of the
//! build's own render. A link to a missing page is the build's error (E008), not this.

use std::collections::HashMap;

use super::body::Body;
use crate::diag::{nearest, Code, Diagnostic};
use crate::markdown;

/// Checks the link `dest` written at byte `offset` of `b`, whose own `@/` name is `own`.
/// `ids` holds the heading ids of every body by its `@/` name.
pub(super) fn check(
    b: &Body<'_>,
    own: &str,
    dest: &str,
    offset: usize,
    ids: &HashMap<String, Vec<String>>,
    out: &mut Vec<Diagnostic>,
) {
    let (target, frag) = if let Some(frag) = dest.strip_prefix('#') {
        (own, frag)
    } else if let Some((path, frag)) = dest.strip_prefix("@/").and_then(|d| d.split_once('#')) {
        (path, frag)
    } else {
        return;
    };
    let Some(known) = ids.get(target) else {
        return; // a missing page is the build's own error (E008)
    };
    let frag = percent_decode(frag);
    if frag.is_empty()
        || known.contains(&frag)
        || markdown::anchors::THEME_IDS.contains(&frag.as_str())
    {
        return;
    }
    let ids = known.join(", ");
    let hint = match nearest(&frag, known.iter().map(String::as_str)) {
        Some(near) => t!("did you mean `#{near}`? headings there: {ids}", near, ids),
        None if known.is_empty() => t!("content/{target} has no headings", target),
        None => t!("headings there: {ids}", ids),
    };
    out.push(
        Diagnostic::new(
            Code::BrokenAnchor,
            b.src,
            t!(
                "the anchor `#{frag}` does not exist in content/{target}",
                frag,
                target
            ),
        )
        .at(b.loc(offset))
        .field("body")
        .hint(hint),
    );
}

fn percent_decode(s: &str) -> String {
    String::from_utf8_lossy(&crate::types::percent_decode(s)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("%EC%B6%94%EC%A7%84"), "추진");
        assert_eq!(percent_decode("a%2"), "a%2");
    }
}
