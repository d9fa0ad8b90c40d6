//! Release front matter as the editor wrote it: [`ReleaseFront`] and its nested parts,
//! deserialized with `deny_unknown_fields` so a misspelled key is an error with a hint.
//! Nothing here is checked beyond its type; the parent module makes a `Release` of it.

use serde::{Deserialize, Serialize};

use super::Kind;
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
    pub(super) sources: Vec<Source>,
    #[serde(default)]
    pub(super) kogl: Option<Kogl>,
}
