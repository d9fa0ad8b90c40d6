//! Release front matter as the editor wrote it: [`ReleaseFront`] and its nested parts,
//! deserialized with `deny_unknown_fields` so a misspelled key is an error with a hint.
//! Nothing here is checked beyond its type; the parent module makes a `Release` of it.

use serde::{Deserialize, Serialize};

use super::Kind;
use crate::content::frontmatter::{field, flag, list, Blankable, Field};
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
    #[serde(default, deserialize_with = "flag")]
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
    pub(super) date: Blankable<DateInput>,
    #[serde(default)]
    pub(super) planned: Blankable<PartialDate>,
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
    pub(super) kind: Blankable<Kind>,
    #[serde(default)]
    pub(super) summary: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub(super) highlights: Vec<String>,
    #[serde(default, deserialize_with = "list")]
    pub(super) tags: Vec<String>,
    #[serde(default, deserialize_with = "list")]
    pub(super) milestones: Vec<String>,
    #[serde(default, deserialize_with = "list")]
    pub(super) milestone_updates: Vec<UpdateFront>,
    #[serde(default)]
    pub(super) department: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub(super) contacts: Vec<Contact>,
    #[serde(default)]
    pub(super) embargo: Blankable<DateInput>,
    #[serde(default, deserialize_with = "flag")]
    pub(super) draft: bool,
    #[serde(default, deserialize_with = "flag")]
    pub(super) one_language: bool,
    #[serde(default)]
    pub(super) slug: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub(super) changes: Vec<ChangeFront>,
    #[serde(default, deserialize_with = "list")]
    pub(super) attachments: Vec<AttachmentFront>,
    #[serde(default)]
    pub(super) image: Option<String>,
    #[serde(default)]
    pub(super) image_alt: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub(super) photos: Vec<PhotoFront>,
    #[serde(default, deserialize_with = "list")]
    pub(super) sources: Vec<Source>,
    #[serde(default)]
    pub(super) kogl: Blankable<Kogl>,
}

/// Every key of [`ReleaseFront`], for reporting all problems of a file at once, and the
/// schema the CMS configuration is made from (src/cms/).
pub(super) static FIELDS: [Field; 21] = [
    field::<String>("title", true, t!("text"), "title: 인공지능 위원회 출범"),
    field::<DateInput>(
        "date",
        true,
        t!("a date"),
        "date: 2025-03-02 or date: 2025-03-02T09:00",
    ),
    field::<Blankable<Kind>>(
        "kind",
        false,
        t!("one of 보도자료, 보도참고자료, 설명자료, 해명자료"),
        "kind: 보도자료",
    ),
    field::<Option<String>>("summary", false, t!("text"), "summary: 한두 문장의 요약"),
    field::<Blankable<Vec<String>>>(
        "highlights",
        false,
        t!("a list of lines"),
        "highlights: [첫째 요점, 둘째 요점]",
    ),
    field::<Blankable<Vec<String>>>("tags", false, t!("a list"), "tags: [예산, 인공지능]"),
    field::<Blankable<Vec<String>>>(
        "milestones",
        false,
        t!("a list of milestone ids"),
        "milestones: [data-center]",
    ),
    field::<Blankable<Vec<UpdateFront>>>(
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
    field::<Blankable<Vec<Contact>>>(
        "contacts",
        false,
        t!("a list of contacts"),
        "contacts: [{name: 홍길동, phone: 062-000-0000}]",
    ),
    field::<Blankable<DateInput>>(
        "embargo",
        false,
        t!("a date and time"),
        "embargo: 2025-03-02T12:00",
    ),
    field::<Blankable<bool>>("draft", false, t!("true or false"), "draft: true"),
    field::<Blankable<bool>>(
        "one_language",
        false,
        t!("true or false"),
        "one_language: true",
    ),
    field::<Option<String>>("slug", false, t!("text"), "slug: 2025-ai-committee"),
    field::<Blankable<Vec<ChangeFront>>>(
        "changes",
        false,
        t!("a list of changes, each with `date:` and `note:`"),
        "changes: [{date: 2025-03-03, note: 오타 수정}]",
    ),
    field::<Blankable<Vec<AttachmentFront>>>(
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
    field::<Blankable<Vec<PhotoFront>>>(
        "photos",
        false,
        t!("a list of photos, each with `src:` and `alt:` (and `caption:`, `credit:`, `lead: true`)"),
        "photos: [{src: images/site.jpg, alt: 부지 전경, caption: 착공 전 부지}]",
    ),
    field::<Blankable<Vec<Source>>>(
        "sources",
        false,
        t!("a list of sources, each with `title:` and `url:`"),
        "sources: [{title: 원문, url: https://example.org/a}]",
    ),
    field::<Blankable<Kogl>>("kogl", false, t!("a 공공누리 type, 1 to 4"), "kogl: 1"),
];

/// The keys of each list item of [`ReleaseFront`] (its nested structs), by the list's key:
/// the CMS makes the fields of each list's form from it (src/cms/).
pub(super) const ITEMS: [(&str, &[&str]); 6] = [
    (
        "milestone_updates",
        &["id", "status", "date", "planned", "note"],
    ),
    ("contacts", &["role", "rank", "name", "phone", "email"]),
    ("changes", &["date", "note"]),
    ("attachments", &["path", "title"]),
    ("sources", &["title", "url"]),
    ("photos", &["src", "alt", "caption", "credit", "lead"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys serde knows for `T`, from the hint of its error for an unknown key.
    fn keys_of<T: serde::de::DeserializeOwned>() -> Vec<String> {
        let split = crate::content::frontmatter::split("x.md", "---\nzzz: 1\n---\n").unwrap();
        let d = crate::content::frontmatter::parse::<T>("x.md", &split)
            .err()
            .expect("an unknown key is an error");
        let hint = d.hint.expect("the hint lists the keys").to_string();
        let keys = hint.rsplit(": ").next().unwrap();
        keys.split(", ").map(str::to_string).collect()
    }

    /// `ITEMS` names every key of each nested struct, in order, and no other.
    #[test]
    fn items_list_every_key_of_the_nested_parts() {
        let known: [(&str, Vec<String>); 6] = [
            ("milestone_updates", keys_of::<UpdateFront>()),
            ("contacts", keys_of::<Contact>()),
            ("changes", keys_of::<ChangeFront>()),
            ("attachments", keys_of::<AttachmentFront>()),
            ("sources", keys_of::<Source>()),
            ("photos", keys_of::<PhotoFront>()),
        ];
        for (list, keys) in known {
            let listed = ITEMS.iter().find(|i| i.0 == list).unwrap().1;
            assert_eq!(keys, listed, "{list}");
        }
        for (list, _) in ITEMS {
            assert!(FIELDS.iter().any(|f| f.name == list), "{list}");
        }
    }

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
