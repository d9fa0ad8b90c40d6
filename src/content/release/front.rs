//! Release front matter as the editor wrote it: [`ReleaseFront`] and its nested parts,
//! deserialized with `deny_unknown_fields` so a misspelled key is an error with a hint.
//! Nothing here is checked beyond its type; the parent module makes a `Release` of it.

use serde::{Deserialize, Serialize};

use super::Kind;
use crate::content::frontmatter::{field, Field};
use crate::content::milestones::Status;
use crate::time::{DateInput, PartialDate};
use crate::types::Kogl;

/// A press contact as written in front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub rank: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ChangeFront {
    pub(super) date: DateInput,
    pub(super) note: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AttachmentFront {
    pub(super) path: String,
    pub(super) title: String,
}

/// A press photo as written; `alt` is optional here so that its absence is reported
/// with the other problems, at its place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PhotoFront {
    pub(super) src: String,
    #[serde(default)]
    pub(super) alt: Option<String>,
    #[serde(default)]
    pub(super) caption: Option<String>,
    #[serde(default)]
    pub(super) credit: Option<String>,
    #[serde(default)]
    pub(super) lead: bool,
}

/// A source the release is based on.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UpdateFront {
    pub(super) id: String,
    pub(super) status: Status,
    #[serde(default)]
    pub(super) date: Option<DateInput>,
    #[serde(default)]
    pub(super) planned: Option<PartialDate>,
    #[serde(default)]
    pub(super) note: Option<String>,
}

/// Release front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ReleaseFront {
    pub(super) title: String,
    pub(super) date: DateInput,
    #[serde(default)]
    pub(super) kind: Option<Kind>,
    #[serde(default)]
    pub(super) summary: Option<String>,
    #[serde(default)]
    pub(super) highlights: Vec<String>,
    #[serde(default)]
    pub(super) tags: Vec<String>,
    #[serde(default)]
    pub(super) milestones: Vec<String>,
    #[serde(default)]
    pub(super) milestone_updates: Vec<UpdateFront>,
    #[serde(default)]
    pub(super) department: Option<String>,
    #[serde(default)]
    pub(super) contacts: Vec<Contact>,
    #[serde(default)]
    pub(super) embargo: Option<DateInput>,
    #[serde(default)]
    pub(super) draft: bool,
    #[serde(default)]
    pub(super) one_language: bool,
    #[serde(default)]
    pub(super) slug: Option<String>,
    #[serde(default)]
    pub(super) changes: Vec<ChangeFront>,
    #[serde(default)]
    pub(super) attachments: Vec<AttachmentFront>,
    #[serde(default)]
    pub(super) image: Option<String>,
    #[serde(default)]
    pub(super) image_alt: Option<String>,
    #[serde(default)]
    pub(super) photos: Vec<PhotoFront>,
    #[serde(default)]
    pub(super) sources: Vec<Source>,
    #[serde(default)]
    pub(super) kogl: Option<Kogl>,
}

/// Every key of [`ReleaseFront`], for reporting all problems of a file at once.
pub(super) const FIELDS: [Field; 21] = [
    field::<String>("title", true, t!("text"), "title: 인공지능 위원회 출범"),
    field::<DateInput>(
        "date",
        true,
        t!("a date"),
        "date: 2025-03-02 or date: 2025-03-02T09:00",
    ),
    field::<Option<Kind>>(
        "kind",
        false,
        t!("one of 보도자료, 보도참고자료, 설명자료, 해명자료"),
        "kind: 보도자료",
    ),
    field::<Option<String>>("summary", false, t!("text"), "summary: 한두 문장의 요약"),
    field::<Vec<String>>(
        "highlights",
        false,
        t!("a list of lines"),
        "highlights: [첫째 요점, 둘째 요점]",
    ),
    field::<Vec<String>>("tags", false, t!("a list"), "tags: [예산, 인공지능]"),
    field::<Vec<String>>(
        "milestones",
        false,
        t!("a list of milestone ids"),
        "milestones: [data-center]",
    ),
    field::<Vec<UpdateFront>>(
        "milestone_updates",
        false,
        t!("a list of updates, each with `id:` and `status:`"),
        "milestone_updates: [{id: data-center, status: done}]",
    ),
    field::<Option<String>>(
        "department",
        false,
        t!("text"),
        "department: 인공지능정책과",
    ),
    field::<Vec<Contact>>(
        "contacts",
        false,
        t!("a list of contacts"),
        "contacts: [{name: 홍길동, phone: 062-000-0000}]",
    ),
    field::<Option<DateInput>>(
        "embargo",
        false,
        t!("a date and time"),
        "embargo: 2025-03-02T12:00",
    ),
    field::<bool>("draft", false, t!("true or false"), "draft: true"),
    field::<bool>(
        "one_language",
        false,
        t!("true or false"),
        "one_language: true",
    ),
    field::<Option<String>>("slug", false, t!("text"), "slug: 2025-ai-committee"),
    field::<Vec<ChangeFront>>(
        "changes",
        false,
        t!("a list of changes, each with `date:` and `note:`"),
        "changes: [{date: 2025-03-03, note: 오타 수정}]",
    ),
    field::<Vec<AttachmentFront>>(
        "attachments",
        false,
        t!("a list of files, each with `path:` and `title:`"),
        "attachments: [{path: files/report.pdf, title: 보도자료 원문}]",
    ),
    field::<Option<String>>(
        "image",
        false,
        t!("a file path or an http(s) address"),
        "image: images/photo.jpg",
    ),
    field::<Option<String>>(
        "image_alt",
        false,
        t!("text"),
        "image_alt: 위원회 첫 회의 모습",
    ),
    field::<Vec<PhotoFront>>(
        "photos",
        false,
        t!("a list of photos, each with `src:` and `alt:` (and `caption:`, `credit:`, `lead: true`)"),
        "photos: [{src: images/site.jpg, alt: 부지 전경, caption: 착공 전 부지}]",
    ),
    field::<Vec<Source>>(
        "sources",
        false,
        t!("a list of sources, each with `title:` and `url:`"),
        "sources: [{title: 원문, url: https://example.org/a}]",
    ),
    field::<Option<Kogl>>("kogl", false, t!("a 공공누리 type, 1 to 4"), "kogl: 1"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `FIELDS` names every key serde knows, and no other.
    #[test]
    fn fields_list_every_key_of_the_front_matter() {
        let err = serde_yaml_error_for_unknown_key();
        let listed: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(err, listed);
    }

    fn serde_yaml_error_for_unknown_key() -> Vec<&'static str> {
        let split = crate::content::frontmatter::split("x.md", "---\nzzz: 1\n---\n").unwrap();
        let d = crate::content::frontmatter::parse::<ReleaseFront>("x.md", &split).unwrap_err();
        let hint = d.hint.unwrap().to_string();
        let keys = hint.split(": ").nth(1).unwrap();
        keys.split(", ")
            .map(|k| FIELDS.iter().find(|f| f.name == k).map_or("?", |f| f.name))
            .collect()
    }
}
