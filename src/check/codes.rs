//! The registry of finding codes: every code `gongbo check` can print, its severity and
//! a one-line description (docs/lints.md repeats this table, and a test keeps them in step).
//!
//! Build errors are raised all over the library without a code; [`classify`] gives each
//! one its code from the field and message it carries, so the stages stay unaware of codes.

use crate::diag::{Code, Diagnostic, Diagnostics, Severity};

/// One code: (code, severity, title).
pub type Entry = (Code, Severity, &'static str);

pub const MISSING_TRANSLATION: Code = Code::new("W001");
pub const WEAK_ALT: Code = Code::new("W002");
pub const REPEATED_PARAGRAPH: Code = Code::new("W003");
pub const SKIPPED_HEADING: Code = Code::new("W004");
pub const LONG_HIGHLIGHT: Code = Code::new("W005");
pub const EMBARGO_PAST: Code = Code::new("W006");
pub const EMBARGO_FAR: Code = Code::new("W007");
pub const FUTURE_DATE: Code = Code::new("W008");
pub const TAG_SPELLING: Code = Code::new("W009");
pub const OTHER_WARNING: Code = Code::new("W000");
pub const BROKEN_ANCHOR: Code = Code::new("E012");

/// Every code, in the order of docs/lints.md.
pub const ALL: &[Entry] = &[
    (Code::new("E000"), Severity::Error, "other build error"),
    (
        Code::new("E001"),
        Severity::Error,
        "front matter cannot be read (fences or YAML syntax)",
    ),
    (
        Code::new("E002"),
        Severity::Error,
        "a required field is missing or empty",
    ),
    (
        Code::new("E003"),
        Severity::Error,
        "unknown front matter key",
    ),
    (
        Code::new("E004"),
        Severity::Error,
        "invalid value (type, date, kind, slug, licence)",
    ),
    (
        Code::new("E005"),
        Severity::Error,
        "undeclared tag or milestone",
    ),
    (
        Code::new("E006"),
        Severity::Error,
        "a referenced file (attachment, image) does not exist",
    ),
    (
        Code::new("E007"),
        Severity::Error,
        "an image has no alternative text",
    ),
    (
        Code::new("E008"),
        Severity::Error,
        "an internal link target does not exist or is unsafe",
    ),
    (
        Code::new("E009"),
        Severity::Error,
        "two sources claim the same slug or URL",
    ),
    (Code::new("E010"), Severity::Error, "site.toml problem"),
    (
        Code::new("E011"),
        Severity::Error,
        "theme or template problem",
    ),
    (
        BROKEN_ANCHOR,
        Severity::Error,
        "a link points to a heading anchor that does not exist",
    ),
    (OTHER_WARNING, Severity::Warning, "other build warning"),
    (
        MISSING_TRANSLATION,
        Severity::Warning,
        "a release or page exists in one language only",
    ),
    (
        WEAK_ALT,
        Severity::Warning,
        "an image's alternative text is not meaningful",
    ),
    (
        REPEATED_PARAGRAPH,
        Severity::Warning,
        "a paragraph appears twice in one release",
    ),
    (
        SKIPPED_HEADING,
        Severity::Warning,
        "a heading level is skipped",
    ),
    (
        LONG_HIGHLIGHT,
        Severity::Warning,
        "a `highlights` line is too long",
    ),
    (
        EMBARGO_PAST,
        Severity::Warning,
        "the embargo has already passed",
    ),
    (
        EMBARGO_FAR,
        Severity::Warning,
        "the embargo is more than a year ahead",
    ),
    (
        FUTURE_DATE,
        Severity::Warning,
        "the date is in the future but there is no embargo",
    ),
    (
        TAG_SPELLING,
        Severity::Warning,
        "a tag is written differently from its declared slug or label",
    ),
];

/// The code of a build diagnostic that has none, read from its file, field and message.
pub fn classify(d: &Diagnostic) -> Code {
    if d.severity == Severity::Warning {
        return OTHER_WARNING;
    }
    let m = d.message.as_str();
    let field = d.field.as_deref().unwrap_or("");
    let has = |s: &str| m.contains(s);
    if d.file == crate::config::FILE || d.file == "SOURCE_DATE_EPOCH" {
        Code::new("E010")
    } else if d.file.starts_with("themes/") || d.file.starts_with("templates/") {
        Code::new("E011")
    } else if has("front matter")
        || has("YAML")
        || has("did not find expected")
        || (field.is_empty() && has("line "))
    {
        Code::new("E001")
    } else if has("unknown key") || has("unknown field") {
        Code::new("E003")
    } else if has("is missing") || has("is empty") {
        Code::new("E002")
    } else if has("not declared") || has("unknown milestone") {
        Code::new("E005")
    } else if field == "image_alt" || has("alternative text") {
        Code::new("E007")
    } else if has("link target") || field == "body" {
        Code::new("E008")
    } else if has("does not exist") {
        Code::new("E006")
    } else if has("same") || has("already") || has("collide") || has("twice") {
        Code::new("E009")
    } else if !field.is_empty() {
        Code::new("E004")
    } else {
        Code::new("E000")
    }
}

/// Gives every diagnostic without a code its code.
pub fn assign(diags: &mut Diagnostics) {
    for d in diags.iter_mut() {
        if d.code.is_none() {
            d.code = Some(classify(d));
        }
    }
}

/// The title of `code`, if it is registered.
pub fn title(code: Code) -> Option<&'static str> {
    ALL.iter().find(|e| e.0 == code).map(|e| e.2)
}
