//! `content/tags.yaml`: every tag declared once, with a slug and a label per language.
//!
//! Releases name a tag by its slug or by either label; [`TagRegistry::resolve`] maps any
//! of them to the one [`TagId`], so the Korean and English tag pages are translations of
//! each other. An undeclared tag gets the nearest declared name as a hint.

use serde::Deserialize;
use std::collections::HashMap;

use super::broken::Broken;
use super::frontmatter::{self, Split};
use crate::diag::{nearest, Code, Diagnostic, Diagnostics, Text};
use crate::types::{check_slug, Lang, PerLang};

pub const FILE: &str = "content/tags.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TagFront {
    slug: String,
    ko: String,
    en: String,
}

/// tags.yaml as written: the list of tags, or (as the web editor writes it, since it
/// edits only files whose top level is a map) the list under one key `tags:`.
struct TagsFile(Vec<TagFront>);

impl<'de> Deserialize<'de> for TagsFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TagsFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of tags, each with slug, ko and en")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<TagsFile, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(TagsFile)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TagsFile, A::Error> {
                let mut tags = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "tags" || tags.is_some() {
                        return Err(de::Error::unknown_field(&key, &["tags"]));
                    }
                    tags = Some(map.next_value::<Vec<TagFront>>()?);
                }
                Ok(TagsFile(tags.unwrap_or_default()))
            }
        }
        d.deserialize_any(V)
    }
}

pub use crate::types::TagId;

#[derive(Debug, Clone)]
pub struct Tag {
    pub slug: String,
    pub label: PerLang<String>,
}

#[derive(Debug, Clone, Default)]
pub struct TagRegistry {
    pub tags: Vec<Tag>,
    by_name: HashMap<String, TagId>,
    /// Set when tags.yaml has errors: counts the releases whose tags cannot be checked.
    broken: Broken,
}

fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl TagRegistry {
    /// Parses tags.yaml; `None` text means the file does not exist (no tags declared).
    pub fn parse(text: Option<&str>) -> Result<TagRegistry, Diagnostics> {
        let mut diags = Diagnostics::new();
        let Some(text) = text else {
            return Ok(TagRegistry::default());
        };
        let fronts: Vec<TagFront> = if text.trim().is_empty() {
            Vec::new()
        } else {
            frontmatter::parse_data::<TagsFile>(FILE, text)
                .map(|t| t.0)
                .map_err(|d| {
                    let mut all = Diagnostics::new();
                    all.push(d);
                    all
                })?
        };
        let split = Split {
            yaml: text,
            yaml_line: 1,
            body: "",
            body_line: 1,
        };
        let mut reg = TagRegistry::default();
        for f in fronts {
            let id = TagId::new(reg.tags.len());
            if let Err(msg) = check_slug(&f.slug) {
                diags.push(
                    Diagnostic::new(Code::InvalidValue, FILE, msg)
                        .at(split.value_loc("- slug", &f.slug))
                        .field("slug"),
                );
            }
            for (field, name) in [("slug", &f.slug), ("ko", &f.ko), ("en", &f.en)] {
                if name.trim().is_empty() {
                    diags.push(
                        Diagnostic::new(Code::MissingField, FILE, t!("the tag has an empty name"))
                            .at(split.value_loc(field, name))
                            .field(field)
                            .hint(t!("give every tag a slug, a Korean label (`ko:`) and an English label (`en:`)")),
                    );
                    continue;
                }
                if let Some(prev) = reg.by_name.get(&key(name)) {
                    if *prev != id {
                        diags.push(
                            Diagnostic::new(Code::Duplicate, FILE, t!("`{name}` is already used by the tag `{tag}`", name, tag = &reg.tags[prev.index()].slug))
                                .at(line_of(text, name))
                                .field(field)
                                .hint(t!("every slug and label must be unique across tags (case and spacing ignored)")),
                        );
                    }
                    continue;
                }
                reg.by_name.insert(key(name), id);
            }
            reg.tags.push(Tag {
                slug: f.slug,
                label: PerLang { ko: f.ko, en: f.en },
            });
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(reg)
        }
    }

    /// The registry used when tags.yaml has errors: no tag resolves, and the releases
    /// that name tags are counted for [`TagRegistry::follow_on`] instead of reported.
    pub fn broken() -> TagRegistry {
        TagRegistry {
            broken: Broken::file(
                FILE,
                |n| {
                    if n == 1 {
                        t!("1 release uses tags from content/tags.yaml, which has errors; its tags are checked once it is fixed")
                    } else {
                        t!("{n} releases use tags from content/tags.yaml, which has errors; their tags are checked once it is fixed", n)
                    }
                },
                || t!("fix the errors of content/tags.yaml above first"),
            ),
            ..TagRegistry::default()
        }
    }

    /// Whether tags.yaml has errors; counts one release that uses tags if so.
    pub fn is_broken_for_one(&self) -> bool {
        self.broken.is_broken_for_one()
    }

    /// One line for all releases whose tags could not be checked, if any.
    pub fn follow_on(&self) -> Option<Diagnostic> {
        self.broken.follow_on()
    }

    /// The tag that `name` (slug or either label, any case) refers to, or a hint.
    pub fn resolve(&self, name: &str) -> Result<TagId, Text> {
        if let Some(id) = self.by_name.get(&key(name)) {
            return Ok(*id);
        }
        let names = self
            .tags
            .iter()
            .flat_map(|t| [t.slug.as_str(), t.label.ko.as_str(), t.label.en.as_str()]);
        Err(match nearest(name, names) {
            Some(near) => t!(
                "did you mean `{near}`? Tags are declared in content/tags.yaml",
                near
            ),
            None => {
                t!("declare it in content/tags.yaml (slug, ko and en label) or use a declared tag")
            }
        })
    }

    pub fn get(&self, id: TagId) -> &Tag {
        &self.tags[id.index()]
    }

    pub fn label(&self, id: TagId, lang: Lang) -> &str {
        self.tags[id.index()].label.get(lang)
    }
}

fn line_of(text: &str, needle: &str) -> crate::diag::Loc {
    let mut last = None;
    for (i, l) in text.lines().enumerate() {
        if let Some(p) = l.find(needle) {
            last = Some(crate::diag::Loc::new(i + 1, l[..p].chars().count() + 1));
        }
    }
    last.unwrap_or(crate::diag::Loc::new(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_slug_and_labels() {
        let reg = TagRegistry::parse(Some(
            "- slug: data-center\n  ko: 데이터센터\n  en: Data center\n",
        ))
        .unwrap();
        assert_eq!(reg.resolve("data-center"), Ok(TagId(0)));
        assert_eq!(reg.resolve("데이터센터"), Ok(TagId(0)));
        assert_eq!(reg.resolve("data  Center"), Ok(TagId(0)));
        assert!(reg
            .resolve("데이터센타")
            .unwrap_err()
            .contains("데이터센터"));
    }

    #[test]
    fn duplicate_labels_are_errors() {
        let err = TagRegistry::parse(Some(
            "- slug: a\n  ko: 가\n  en: A\n- slug: b\n  ko: 가\n  en: B\n",
        ))
        .unwrap_err();
        assert_eq!(err.iter().next().unwrap().loc.unwrap().line, 5);
    }

    #[test]
    fn the_list_may_stand_under_a_tags_key() {
        let reg = TagRegistry::parse(Some(
            "# as the web editor writes it\ntags:\n  - slug: data-center\n    ko: 데이터센터\n    en: Data center\n",
        ))
        .unwrap();
        assert_eq!(reg.resolve("데이터센터"), Ok(TagId(0)));
        assert!(TagRegistry::parse(Some("tags: []\n"))
            .unwrap()
            .tags
            .is_empty());
        let err = TagRegistry::parse(Some("tagz:\n  - slug: a\n")).unwrap_err();
        assert!(err.iter().next().unwrap().message.contains("tagz"), "{err}");
        let err = TagRegistry::parse(Some("tags:\n  - slug: a\n    ko: 가\n")).unwrap_err();
        assert!(err.to_string().contains("en"), "{err}");
    }
}
