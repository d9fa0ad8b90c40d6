//! How each front matter field is edited in the CMS form: its widget, whether both
//! language files hold the same value, and its label and hint in Korean and English.
//!
//! The table is keyed by the schema's own names: the top-level keys come from the
//! parsers' `FIELDS` tables (`content::release::fields()`, `content::page::fields()`)
//! and the keys of list items from `content::release::item_fields()`. The form is made
//! by walking the schema and looking each key up here ([`super::collections`]), so a
//! field added to the parser without a row here is a failing test, not a form that
//! silently lacks it (src/cms/tests.rs).

use crate::types::{Lang, PerLang};

/// What the editor fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    /// One line of text.
    Line,
    /// Several lines of plain text.
    Text,
    /// The Markdown body.
    Markdown,
    /// A date and time, in the site's time zone, saved as `YYYY-MM-DDTHH:MM`.
    DateTime,
    /// A year, a month or a day (`2026`, `2026-03`, `2026-03-02`).
    PartialDate,
    Bool,
    /// A word of the URL: letters, digits and hyphens.
    Slug,
    /// An http(s) address.
    Url,
    /// One of the release kinds (보도자료, …).
    Kind,
    /// One of the 공공누리 types.
    Kogl,
    /// One of the milestone statuses.
    Status,
    /// Declared tags (content/tags.yaml), several.
    Tags,
    /// Declared milestones (content/milestones.yaml), several.
    Milestones,
    /// One declared milestone.
    Milestone,
    /// One declared phase (content/milestones.yaml).
    Phase,
    /// A photo under content/images/.
    Image,
    /// A file under content/files/.
    File,
    /// A list of lines.
    Lines,
    /// A list of records, whose keys are the schema's item keys.
    Records,
    /// A text per language (`{ko: …, en: …}`) in a data file.
    PerLang {
        multiline: bool,
    },
    /// The two years of a phase (`[2020, 2024]`).
    Years,
}

/// Whether the Korean and the English file hold their own value or the same one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// Written in each language (a title, a note).
    Translated,
    /// The same in both files, entered once in the Korean form (a date, tags).
    Same,
}

/// The form of one key.
#[derive(Debug, Clone)]
pub struct Spec {
    /// `title`, or `contacts.name` for a key of a list's items.
    pub path: &'static str,
    pub widget: Widget,
    pub share: Share,
    /// Whether the form insists on a value: `None` follows the top-level schema
    /// (required keys are required) and means optional for the keys of list items and
    /// data files. The form may ask for more than the parser does (a slug, which names
    /// the files), never less (src/cms/tests.rs parses what an optional field left
    /// empty makes).
    pub required: Option<bool>,
    pub label: PerLang<&'static str>,
    pub hint: PerLang<&'static str>,
}

impl Spec {
    pub fn label(&self, lang: Lang) -> &'static str {
        self.label.get(lang)
    }

    pub fn hint(&self, lang: Lang) -> &'static str {
        self.hint.get(lang)
    }
}

const fn spec(
    path: &'static str,
    widget: Widget,
    share: Share,
    label: [&'static str; 2],
    hint: [&'static str; 2],
) -> Spec {
    Spec {
        path,
        widget,
        share,
        required: None,
        label: PerLang {
            ko: label[0],
            en: label[1],
        },
        hint: PerLang {
            ko: hint[0],
            en: hint[1],
        },
    }
}

const fn required(mut s: Spec, yes: bool) -> Spec {
    s.required = Some(yes);
    s
}

use Share::{Same, Translated};
use Widget as W;

/// The form of a release: every key of `content::release::fields()` and of its items.
pub const RELEASE: &[Spec] = &[
    spec("title", W::Line, Translated, ["제목", "Title"], [
        "누리집의 큰 제목, 목록, 검색, 공유 미리보기에 쓰입니다.",
        "The headline on the page, in lists, search and link previews.",
    ]),
    spec("date", W::DateTime, Same, ["게시일", "Date"], [
        "누리집의 시간대(site.toml의 timezone) 기준 시각입니다. 미래 날짜라면 보도시점도 적으세요.",
        "In the site's time zone (timezone in site.toml). For a future date, set an embargo too.",
    ]),
    spec("kind", W::Kind, Same, ["자료 종류", "Kind"], [
        "고르지 않으면 보도자료입니다.",
        "Press release (보도자료) when left empty.",
    ]),
    spec("summary", W::Text, Translated, ["요약", "Summary"], [
        "한두 문장. 목록과 검색 결과, 검색 엔진의 설명에 쓰입니다.",
        "One or two sentences, for lists, search results and search engines.",
    ]),
    spec("highlights", W::Lines, Translated, ["주요 내용", "Highlights"], [
        "제목 아래에 짧은 줄로 보입니다. 한 줄에 120자까지.",
        "Short lines under the title; up to 120 characters each.",
    ]),
    required(spec("highlights.line", W::Line, Translated, ["요점", "Point"], ["", ""]), true),
    spec("tags", W::Tags, Same, ["주제", "Tags"], [
        "content/tags.yaml에 선언된 주제 가운데서 고릅니다. 새 주제는 '주제' 모음에서 만드세요.",
        "Chosen from the tags declared in content/tags.yaml; add new ones in the Tags collection.",
    ]),
    spec("milestones", W::Milestones, Same, ["관련 사업 일정", "Milestones"], [
        "이 보도자료가 함께 실릴 사업 일정입니다.",
        "The milestones whose pages list this release.",
    ]),
    spec("milestone_updates", W::Records, Translated, ["사업 일정 갱신", "Milestone updates"], [
        "보도자료가 일정의 상태를 알릴 때 씁니다. 영어판에도 같은 일정·상태·날짜를 적고 설명만 각 언어로 씁니다.",
        "When the release changes a milestone's status. Give the English file the same milestone, status and dates; only the note is translated.",
    ]),
    required(spec("milestone_updates.id", W::Milestone, Translated, ["일정", "Milestone"], ["", ""]), true),
    required(spec("milestone_updates.status", W::Status, Translated, ["새 상태", "New status"], ["", ""]), true),
    spec("milestone_updates.date", W::DateTime, Translated, ["바뀐 날", "Changed on"], [
        "적지 않으면 이 보도자료의 게시일입니다.",
        "The release's date when left empty.",
    ]),
    spec("milestone_updates.planned", W::PartialDate, Translated, ["새 예정 시기", "New planned date"], [
        "2026, 2026-03 또는 2026-03-15.",
        "2026, 2026-03 or 2026-03-15.",
    ]),
    spec("milestone_updates.note", W::Line, Translated, ["설명", "Note"], ["", ""]),
    spec("department", W::Line, Translated, ["담당 부서", "Department"], [
        "적지 않으면 site.toml의 기관 부서입니다.",
        "The organisation's department from site.toml when left empty.",
    ]),
    spec("contacts", W::Records, Translated, ["연락처", "Contacts"], [
        "적지 않으면 site.toml의 기관 연락처가 쓰입니다.",
        "The organisation's contact from site.toml when left empty.",
    ]),
    spec("contacts.role", W::Line, Translated, ["역할", "Role"], ["예: 책임자, 담당자", "e.g. Lead, Contact"]),
    spec("contacts.rank", W::Line, Translated, ["직위", "Rank"], ["예: 과장", "e.g. Director"]),
    spec("contacts.name", W::Line, Translated, ["이름", "Name"], ["", ""]),
    spec("contacts.phone", W::Line, Translated, ["전화", "Phone"], ["예: 062-613-0000", "e.g. 062-613-0000"]),
    spec("contacts.email", W::Line, Translated, ["전자우편", "Email"], ["", ""]),
    spec("embargo", W::DateTime, Same, ["보도시점", "Embargo"], [
        "이 시각 전에는 누리집 어디에도 나오지 않습니다. 누리집의 시간대 기준입니다.",
        "Nothing of the release is published before this time, in the site's time zone.",
    ]),
    spec("draft", W::Bool, Same, ["초안", "Draft"], [
        "켜 두면 누리집에 올라가지 않습니다. 다 쓰면 끄세요.",
        "A draft is not published; switch it off when the release is ready.",
    ]),
    spec("one_language", W::Bool, Same, ["한 언어로만", "One language only"], [
        "번역하지 않기로 한 보도자료입니다. 이 편집기는 두 언어 파일을 모두 쓰므로, 그때는 파일 하나를 지우세요.",
        "For a release that will not be translated. This editor writes both files: delete the other one then.",
    ]),
    required(spec("slug", W::Slug, Same, ["주소 (파일 이름)", "Address (file name)"], [
        "영문 소문자, 숫자, 하이픈. 예: 2026-03-02-budget → /releases/2026-03-02-budget/. 만든 뒤에는 바꾸지 마세요.",
        "Lower-case letters, digits and hyphens, e.g. 2026-03-02-budget → /releases/2026-03-02-budget/. Do not change it later.",
    ]), true),
    spec("changes", W::Records, Translated, ["변경 이력", "Changes"], [
        "공개한 뒤 고친 내용을 적습니다.",
        "What was changed after the release was published.",
    ]),
    required(spec("changes.date", W::DateTime, Translated, ["고친 때", "Changed at"], ["", ""]), true),
    required(spec("changes.note", W::Line, Translated, ["고친 내용", "What changed"], ["", ""]), true),
    spec("attachments", W::Records, Translated, ["첨부파일", "Attachments"], [
        "content/files/에 올라갑니다.",
        "Uploaded to content/files/.",
    ]),
    required(spec("attachments.path", W::File, Translated, ["파일", "File"], ["", ""]), true),
    required(spec("attachments.title", W::Line, Translated, ["파일 제목", "Title"], [
        "예: 2026년 예산 개요 (PDF, 3쪽)",
        "e.g. 2026 budget overview (PDF, 3 pages)",
    ]), true),
    spec("image", W::Image, Same, ["대표 그림", "Image"], [
        "사진이라면 '보도 사진'에 올리세요. 여기에는 배치도 같은 그림(SVG)을 씁니다.",
        "For a photo, use Photos; this is for one drawing such as a site plan (SVG).",
    ]),
    spec("image_alt", W::Line, Translated, ["대표 그림 설명", "Image description"], [
        "그림을 볼 수 없는 사람을 위한 설명. 그림이 있으면 반드시 적습니다.",
        "For readers who cannot see the image; required with an image.",
    ]),
    spec("sources", W::Records, Translated, ["출처", "Sources"], ["", ""]),
    required(spec("sources.title", W::Line, Translated, ["출처 이름", "Source"], [
        "예: 아주경제, 2021년 11월 22일",
        "e.g. Aju News, 22 November 2021",
    ]), true),
    required(spec("sources.url", W::Url, Translated, ["주소", "Address"], [
        "https://로 시작하는 전체 주소",
        "The full address, starting with https://",
    ]), true),
    spec("photos", W::Records, Translated, ["보도 사진", "Photos"], [
        "content/images/에 올라갑니다. 사진 설명과 설명문은 이 파일의 언어로 씁니다. 대표 사진은 한 장만.",
        "Uploaded to content/images/. The description and caption are in this file's language; one lead photo at most.",
    ]),
    required(spec("photos.src", W::Image, Translated, ["사진", "Photo"], ["", ""]), true),
    required(spec("photos.alt", W::Line, Translated, ["사진 설명 (대체 텍스트)", "Description (alt text)"], [
        "사진을 볼 수 없는 사람을 위한 설명. 파일 이름이나 '사진'은 설명이 아닙니다.",
        "For readers who cannot see the photo; not its file name, not 'photo'.",
    ]), true),
    required(spec("photos.caption", W::Line, Translated, ["설명문", "Caption"], [
        "사진 아래에 보이는 한 줄.",
        "The line shown under the photo.",
    ]), true),
    spec("photos.credit", W::Line, Translated, ["저작권자", "Credit"], [
        "촬영자나 저작권자",
        "The photographer or copyright holder",
    ]),
    spec("photos.lead", W::Bool, Translated, ["대표 사진", "Lead photo"], [
        "목록과 공유 미리보기에 쓰입니다.",
        "Used in lists and link previews.",
    ]),
    spec("kogl", W::Kogl, Same, ["공공누리 유형", "KOGL type"], [
        "고르지 않으면 site.toml의 default_kogl입니다.",
        "The site's default_kogl from site.toml when left empty.",
    ]),
];

/// The body, after the front matter.
pub const BODY: Spec = spec(
    "body",
    W::Markdown,
    Translated,
    ["본문", "Body"],
    [
        "소제목은 ##부터 씁니다. 다른 보도자료로 가는 연결은 @/releases/파일이름.ko.md.",
        "Headings start at ##. Link another release as @/releases/file-name.en.md.",
    ],
);

/// The form of a plain page: every key of `content::page::fields()`.
pub const PAGE: &[Spec] = &[
    spec("title", W::Line, Translated, ["제목", "Title"], ["", ""]),
    spec(
        "summary",
        W::Text,
        Translated,
        ["요약", "Summary"],
        ["", ""],
    ),
    required(
        spec(
            "slug",
            W::Slug,
            Same,
            ["주소 (파일 이름)", "Address (file name)"],
            [
                "영문 소문자, 숫자, 하이픈. 예: about → /about/",
                "Lower-case letters, digits and hyphens, e.g. about → /about/",
            ],
        ),
        true,
    ),
    spec(
        "draft",
        W::Bool,
        Same,
        ["초안", "Draft"],
        [
            "켜 두면 누리집에 올라가지 않습니다.",
            "A draft is not published.",
        ],
    ),
    spec(
        "updated",
        W::DateTime,
        Same,
        ["고친 날", "Updated"],
        [
            "내용을 마지막으로 고친 때. 누리집의 시간대 기준입니다.",
            "When the content last changed, in the site's time zone.",
        ],
    ),
];

/// The form of content/tags.yaml, one item per tag.
pub const TAG: &[Spec] = &[
    required(
        spec(
            "slug",
            W::Slug,
            Same,
            ["슬러그", "Slug"],
            [
                "주소에 쓰입니다: /tags/슬러그/. 만든 뒤에는 바꾸지 마세요.",
                "Used in the address /tags/slug/; do not change it later.",
            ],
        ),
        true,
    ),
    required(
        spec(
            "ko",
            W::Line,
            Same,
            ["한국어 이름", "Korean name"],
            ["", ""],
        ),
        true,
    ),
    required(
        spec("en", W::Line, Same, ["영어 이름", "English name"], ["", ""]),
        true,
    ),
];

/// The form of content/milestones.yaml: its phases and its milestones.
pub const PLAN: &[Spec] = &[
    required(
        spec(
            "phases.id",
            W::Slug,
            Same,
            ["단계 id", "Phase id"],
            ["", ""],
        ),
        true,
    ),
    required(
        spec(
            "phases.name",
            W::PerLang { multiline: false },
            Same,
            ["단계 이름", "Phase name"],
            ["", ""],
        ),
        true,
    ),
    required(
        spec(
            "phases.years",
            W::Years,
            Same,
            ["기간 (시작 연도, 끝 연도)", "Years (first, last)"],
            ["", ""],
        ),
        true,
    ),
    required(
        spec(
            "milestones.id",
            W::Slug,
            Same,
            ["일정 id", "Milestone id"],
            [
                "보도자료가 이 id로 일정을 가리킵니다. 만든 뒤에는 바꾸지 마세요.",
                "Releases name the milestone by this id; do not change it later.",
            ],
        ),
        true,
    ),
    required(
        spec(
            "milestones.phase",
            W::Phase,
            Same,
            ["단계", "Phase"],
            ["", ""],
        ),
        true,
    ),
    required(
        spec(
            "milestones.title",
            W::PerLang { multiline: false },
            Same,
            ["제목", "Title"],
            ["", ""],
        ),
        true,
    ),
    spec(
        "milestones.short",
        W::PerLang { multiline: false },
        Same,
        ["짧은 이름", "Short label"],
        [
            "일정표에 보이는 몇 낱말. 적지 않으면 제목입니다.",
            "A few words for the timeline; the title when left out.",
        ],
    ),
    spec(
        "milestones.description",
        W::PerLang { multiline: true },
        Same,
        ["설명", "Description"],
        ["", ""],
    ),
    required(
        spec(
            "milestones.planned",
            W::PartialDate,
            Same,
            ["예정 시기", "Planned"],
            [
                "2026, 2026-03 또는 2026-03-15.",
                "2026, 2026-03 or 2026-03-15.",
            ],
        ),
        true,
    ),
    spec(
        "milestones.status",
        W::Status,
        Same,
        ["처음 상태", "Declared status"],
        [
            "바뀐 상태는 보도자료의 '사업 일정 갱신'으로 알립니다.",
            "Later changes come from releases' milestone updates.",
        ],
    ),
];

/// The row of `path` in `table`.
pub fn find(table: &'static [Spec], path: &str) -> Option<&'static Spec> {
    table.iter().find(|s| s.path == path)
}
