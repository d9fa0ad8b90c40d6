//! Finding codes: the stable names of docs/lints.md (`E003`, `W004`).
//!
//! Every [`super::Diagnostic`] carries one, chosen where the diagnostic is created, so a
//! reworded message keeps its code. The severity follows from the code (`E…` errors,
//! `W…` warnings). [`Code::ALL`] is the registry that docs/lints.md repeats row by row; a
//! test keeps the two in step.

use std::fmt;

use super::Severity;

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// E000: a build error of no other kind (unreadable file, symbolic link, output folder).
    OtherError,
    /// E001: front matter or a YAML data file cannot be read (fences, syntax, shape).
    Unreadable,
    /// E002: a required field is missing or empty.
    MissingField,
    /// E003: a key that the front matter or data file does not have.
    UnknownKey,
    /// E004: a value of the wrong type or form (date, kind, slug, licence, URL…).
    InvalidValue,
    /// E005: a tag or milestone that is not declared.
    Undeclared,
    /// E006: a referenced file (attachment, image) that does not exist.
    MissingFile,
    /// E007: an image without alternative text.
    MissingAlt,
    /// E008: an internal `@/` link to content that does not exist.
    BrokenLink,
    /// E009: two sources claim the same slug, URL, output file or name.
    Duplicate,
    /// E010: a problem in site.toml (or the reference time).
    SiteConfig,
    /// E011: a problem in the theme or a template.
    Theme,
    /// E012: a link to a heading anchor that does not exist (`gongbo check`).
    BrokenAnchor,
    /// E013: input over a size or complexity limit (nesting, table cells, front matter).
    TooLarge,
    /// E014: a release still holds the placeholder text of `gongbo new release`.
    Placeholder,
    /// E015: a photo that cannot be published (damaged, too large, not what its name says).
    BadPhoto,
    /// E016: alternative text that repeats the caption or the file name.
    AltRepeats,
    /// E017: a body image whose relative path does not work on its page.
    RelativeImage,
    /// W000: a build warning of no other kind.
    OtherWarning,
    /// W001: a release or page in one language only.
    MissingTranslation,
    /// W002: alternative text that does not describe the image.
    WeakAlt,
    /// W003: a paragraph repeated in one release.
    RepeatedParagraph,
    /// W004: a skipped heading level.
    SkippedHeading,
    /// W005: a `highlights` line that is too long.
    LongHighlight,
    /// W006: an embargo that has already passed.
    EmbargoPast,
    /// W007: an embargo more than a year ahead.
    EmbargoFar,
    /// W008: a date in the future without an embargo.
    FutureDate,
    /// W009: a tag written differently from its declaration.
    TagSpelling,
    /// W010: a code block shown without highlighting (too long, or a slow grammar).
    PlainCode,
    /// W011: a source photo carries its location (`gongbo check`; never published).
    PhotoLocation,
    /// W012: the committed CMS configuration (cms/config.yml) no longer matches the schema.
    CmsConfig,
    /// W013: an unquoted front matter text cut short by ` #`, which starts a YAML comment.
    CommentInText,
    /// W014: a link written as an address of the site that the site does not have.
    MissingAddress,
}

impl Code {
    /// Every code, in the order of docs/lints.md.
    pub const ALL: [Code; 33] = [
        Code::OtherError,
        Code::Unreadable,
        Code::MissingField,
        Code::UnknownKey,
        Code::InvalidValue,
        Code::Undeclared,
        Code::MissingFile,
        Code::MissingAlt,
        Code::BrokenLink,
        Code::Duplicate,
        Code::SiteConfig,
        Code::Theme,
        Code::BrokenAnchor,
        Code::TooLarge,
        Code::Placeholder,
        Code::BadPhoto,
        Code::AltRepeats,
        Code::RelativeImage,
        Code::OtherWarning,
        Code::MissingTranslation,
        Code::WeakAlt,
        Code::RepeatedParagraph,
        Code::SkippedHeading,
        Code::LongHighlight,
        Code::EmbargoPast,
        Code::EmbargoFar,
        Code::FutureDate,
        Code::TagSpelling,
        Code::PlainCode,
        Code::PhotoLocation,
        Code::CmsConfig,
        Code::CommentInText,
        Code::MissingAddress,
    ];

    /// The code as printed and documented, and its one-line title in docs/lints.md.
    fn entry(self) -> (&'static str, &'static str) {
        match self {
            Code::OtherError => ("E000", "other build error"),
            Code::Unreadable => (
                "E001",
                "front matter cannot be read (fences or YAML syntax)",
            ),
            Code::MissingField => ("E002", "a required field is missing or empty"),
            Code::UnknownKey => ("E003", "unknown front matter key"),
            Code::InvalidValue => ("E004", "invalid value (type, date, kind, slug, licence)"),
            Code::Undeclared => ("E005", "undeclared tag or milestone"),
            Code::MissingFile => (
                "E006",
                "a referenced file (attachment, image) does not exist",
            ),
            Code::MissingAlt => ("E007", "an image has no alternative text"),
            Code::BrokenLink => (
                "E008",
                "an internal link target does not exist or is unsafe",
            ),
            Code::Duplicate => ("E009", "two sources claim the same slug or URL"),
            Code::SiteConfig => ("E010", "site.toml problem"),
            Code::Theme => ("E011", "theme or template problem"),
            Code::BrokenAnchor => (
                "E012",
                "a link points to a heading anchor that does not exist",
            ),
            Code::TooLarge => (
                "E013",
                "input over a size or complexity limit (nesting, table, front matter)",
            ),
            Code::Placeholder => (
                "E014",
                "a release still holds the placeholder text of `gongbo new release`",
            ),
            Code::BadPhoto => (
                "E015",
                "a photo cannot be published (damaged, too large, wrong format)",
            ),
            Code::AltRepeats => (
                "E016",
                "an image's alternative text repeats its caption or file name",
            ),
            Code::RelativeImage => (
                "E017",
                "a body image's relative path does not work on its page",
            ),
            Code::OtherWarning => ("W000", "other build warning"),
            Code::MissingTranslation => ("W001", "a release or page exists in one language only"),
            Code::WeakAlt => ("W002", "an image's alternative text is not meaningful"),
            Code::RepeatedParagraph => ("W003", "a paragraph appears twice in one release"),
            Code::SkippedHeading => ("W004", "a heading level is skipped"),
            Code::LongHighlight => ("W005", "a `highlights` line is too long"),
            Code::EmbargoPast => ("W006", "the embargo has already passed"),
            Code::EmbargoFar => ("W007", "the embargo is more than a year ahead"),
            Code::FutureDate => ("W008", "the date is in the future but there is no embargo"),
            Code::TagSpelling => (
                "W009",
                "a tag is written differently from its declared slug or label",
            ),
            Code::PlainCode => ("W010", "a code block is shown without highlighting"),
            Code::PhotoLocation => ("W011", "a source photo carries location data"),
            Code::CmsConfig => ("W012", "the CMS configuration no longer matches the schema"),
            Code::CommentInText => (
                "W013",
                "a front matter text is cut short at ` #`, which starts a comment",
            ),
            Code::MissingAddress => ("W014", "a link goes to an address the site does not have"),
        }
    }

    /// `E003`, `W004`: the code as printed and as listed in docs/lints.md.
    pub fn id(self) -> &'static str {
        self.entry().0
    }

    /// The code's one-line description, as in docs/lints.md.
    pub fn title(self) -> &'static str {
        self.entry().1
    }

    /// Errors fail the build; warnings do not.
    pub fn severity(self) -> Severity {
        if self.id().starts_with('E') {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_well_formed_and_in_order() {
        let ids: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            ids, sorted,
            "ALL lists each code once, E before W, ascending"
        );
        for c in Code::ALL {
            let id = c.id();
            assert!(
                id.len() == 4 && id[1..].bytes().all(|b| b.is_ascii_digit()),
                "{id}"
            );
            assert_eq!(c.to_string(), id);
        }
        // ALL holds every variant: each at the index of its discriminant, the last one last.
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c}");
        }
        assert_eq!(Code::MissingAddress as usize + 1, Code::ALL.len());
        assert_eq!(Code::Theme.severity(), Severity::Error);
        assert_eq!(Code::WeakAlt.severity(), Severity::Warning);
    }
}
