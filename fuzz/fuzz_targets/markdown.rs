//! A Markdown body (with any raw HTML) through render + sanitize: never a panic, never an
//! executable script or event handler in the output.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/xss.rs"]
mod xss;
use std::collections::HashMap;

use gongbo::markdown::{render, Input};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let (out, _) = render(
        &Input::plain("content/releases/x.ko.md", body, 4, "/"),
        &HashMap::new(),
    );
    let found = xss::problems(&out.html);
    assert!(found.is_empty(), "{found:?} in {}", out.html);
});
