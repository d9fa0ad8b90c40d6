//! Every sentence `gongbo serve` adds to the pages it serves: the error overlay and the
//! preview banner. Kept here, together, so translating them is a change to this table.
//!
//! The preview banner speaks both languages on purpose: it says what is special about
//! the page in the page's language and the editor's alike. `{time}` is filled in.

/// The overlay over the last good build when a rebuild failed.
pub struct Overlay {
    /// The always-visible line; clicking it folds the list away. `{n}`: the error count.
    pub summary: &'static str,
    pub below: &'static str,
    pub hint: &'static str,
}

pub const OVERLAY: Overlay = Overlay {
    summary: "The site could not be rebuilt: {n} error(s). Click here to hide or show them.",
    below: "The page below is the last good build. Fix these and save:",
    hint: "hint",
};

/// The banner of a preview of something a build leaves out.
pub struct Banner {
    pub heading: &'static str,
    pub text: &'static str,
}

/// A release whose embargo (보도시점) has not come.
pub const EMBARGOED: [Banner; 2] = [
    Banner {
        heading: "보도시점 전 미리보기",
        text: "이 보도자료는 {time_ko} 이후에 공개됩니다. 지금 빌드하면 이 페이지는 누리집에 없습니다.",
    },
    Banner {
        heading: "Preview before release time",
        text: "This release goes public at {time_en}. A build made now leaves this page out.",
    },
];

/// A draft, previewed with `gongbo serve --drafts`.
pub const DRAFT: [Banner; 2] = [
    Banner {
        heading: "초안 미리보기",
        text:
            "이 글은 초안(draft: true)이라 빌드하면 누리집에 없습니다. 공개하려면 그 줄을 지우세요.",
    },
    Banner {
        heading: "Draft preview",
        text:
            "This is a draft (draft: true): a build leaves it out. Delete that line to publish it.",
    },
];
