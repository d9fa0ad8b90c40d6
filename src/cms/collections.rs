//! The collections of the configuration: releases and plain pages (one entry is a
//! Korean and an English file, `<slug>.ko.md` and `<slug>.en.md`), and the two data
//! files, content/tags.yaml and content/milestones.yaml. Each form is made by walking the
//! parser's schema and taking each key's widget from [`super::fields`].
//! The fields of the forms are made in [`super::widgets`].

use super::fields::{self, Spec};
use super::schema::{self, SchemaField};
use super::widgets::{field, plain, widget};
use super::yaml::Node;
use super::Inputs;
use crate::content::milestones::Status;
use crate::types::Lang;

/// How dates are written: the wall-clock time in the site's time zone, without an
/// offset, which gongbo reads as written (time.rs, `DateInput::Local`).
pub const DATE_FORMAT: &str = "YYYY-MM-DDTHH:mm";

/// What a slug may be in the form: stricter than `types::check_slug` (which also takes
/// capitals and Hangul for hand-written files), so that every address the form makes is
/// plain ASCII.
pub const SLUG_PATTERN: &str = "^(?=.{1,120}$)[a-z0-9]+(-[a-z0-9]+)*$";
pub const URL_PATTERN: &str = "^https?://[^\\s]+$";
pub const PARTIAL_DATE_PATTERN: &str = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";

/// Where uploads go (under content/, which the local backend alone may write) and how
/// front matter names them (relative to content/).
pub const IMAGES: (&str, &str) = ("/content/images", "images");
pub const FILES: (&str, &str) = ("/content/files", "files");

/// The collections, in the order of the CMS's menu.
pub fn all(inputs: &Inputs<'_>, lang: Lang) -> Vec<Node> {
    let mut out = vec![
        entries(inputs, lang, EntryKind::Release),
        entries(inputs, lang, EntryKind::Page),
    ];
    if inputs.tags_editable {
        out.push(tags(inputs, lang));
    }
    out.push(milestones(inputs, lang));
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Release,
    Page,
}

/// The releases or the pages: a folder collection, one file per language.
fn entries(inputs: &Inputs<'_>, lang: Lang, kind: EntryKind) -> Node {
    let (name, folder, table, schema): (_, _, _, Vec<SchemaField>) = match kind {
        EntryKind::Release => (
            "releases",
            "content/releases",
            fields::RELEASE,
            schema::release(),
        ),
        EntryKind::Page => ("pages", "content/pages", fields::PAGE, schema::page()),
    };
    let label = match (kind, lang) {
        (EntryKind::Release, Lang::Ko) => "보도자료",
        (EntryKind::Release, Lang::En) => "Press releases",
        (EntryKind::Page, Lang::Ko) => "일반 화면",
        (EntryKind::Page, Lang::En) => "Pages",
    };
    let singular = match (kind, lang) {
        (EntryKind::Release, Lang::Ko) => "보도자료",
        (EntryKind::Release, Lang::En) => "Press release",
        (EntryKind::Page, Lang::Ko) => "화면",
        (EntryKind::Page, Lang::En) => "Page",
    };
    let mut form: Vec<Node> = schema
        .iter()
        .map(|f| {
            let spec = fields::find(table, f.name)
                .unwrap_or_else(|| panic!("src/cms/fields.rs has no row for `{}`", f.name));
            field(inputs, lang, spec, f.required, table, f.items, true)
        })
        .collect();
    form.push(field(inputs, lang, &fields::BODY, true, table, &[], true));
    let mut c = vec![
        ("name", Node::str(name)),
        ("label", Node::str(label)),
        ("label_singular", Node::str(singular)),
        ("folder", Node::str(folder)),
        ("create", Node::Bool(true)),
        ("extension", Node::str("md")),
        ("format", Node::str("yaml-frontmatter")),
        // The file name is the slug field, which the form checks against SLUG_PATTERN.
        ("identifier_field", Node::str("slug")),
        ("slug", Node::str("{{slug}}")),
        ("summary", Node::str("{{fields.title}}")),
        ("i18n", Node::Bool(true)),
    ];
    if kind == EntryKind::Release {
        c.push((
            "sortable_fields",
            Node::List(vec![Node::str("date"), Node::str("title")]),
        ));
        c.push((
            "view_filters",
            Node::List(vec![Node::map([
                (
                    "label",
                    Node::str(match lang {
                        Lang::Ko => "초안",
                        Lang::En => "Drafts",
                    }),
                ),
                ("field", Node::str("draft")),
                ("pattern", Node::Bool(true)),
            ])]),
        ));
    }
    c.push(("fields", Node::List(form)));
    Node::Map(c)
}

/// content/tags.yaml as one file of the CMS: its tags under `tags:`.
fn tags(_inputs: &Inputs<'_>, lang: Lang) -> Node {
    let items: Vec<Node> = fields::TAG
        .iter()
        .map(|s| plain(s, lang, s.required.unwrap_or(false), vec![]))
        .collect();
    let list = Node::map([
        ("name", Node::str("tags")),
        (
            "label",
            Node::str(match lang {
                Lang::Ko => "주제",
                Lang::En => "Tags",
            }),
        ),
        ("widget", Node::str("list")),
        ("summary", Node::str("{{fields.ko}} · {{fields.en}}")),
        ("fields", Node::List(items)),
    ]);
    data_file(
        "tags",
        crate::content::tags::FILE,
        match lang {
            Lang::Ko => "주제",
            Lang::En => "Tags",
        },
        vec![list],
    )
}

/// content/milestones.yaml: the phases and the milestones.
fn milestones(inputs: &Inputs<'_>, lang: Lang) -> Node {
    let part = |name: &'static str, label: PerLangStr, summary: &'static str| {
        let items: Vec<Node> = fields::PLAN
            .iter()
            .filter_map(|s| {
                let key = s.path.strip_prefix(name)?.strip_prefix('.')?;
                let mut n = data_field(inputs, lang, s, key);
                if let Node::Map(pairs) = &mut n {
                    if key == "status" {
                        pairs.push(("default", Node::str(Status::Planned.key())));
                    }
                }
                Some(n)
            })
            .collect();
        Node::map([
            ("name", Node::str(name)),
            ("label", Node::str(label.get(lang))),
            ("widget", Node::str("list")),
            ("summary", Node::str(summary)),
            ("fields", Node::List(items)),
        ])
    };
    data_file(
        "milestones",
        crate::content::milestones::FILE,
        match lang {
            Lang::Ko => "사업 일정",
            Lang::En => "Milestones",
        },
        vec![
            part(
                "phases",
                PerLangStr("단계", "Phases"),
                "{{fields.id}}: {{fields.name.ko}}",
            ),
            part(
                "milestones",
                PerLangStr("일정", "Milestones"),
                "{{fields.id}}: {{fields.title.ko}}",
            ),
        ],
    )
}

#[derive(Clone, Copy)]
struct PerLangStr(&'static str, &'static str);

impl PerLangStr {
    fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ko => self.0,
            Lang::En => self.1,
        }
    }
}

/// A files collection of one YAML data file.
fn data_file(name: &'static str, file: &'static str, label: &'static str, form: Vec<Node>) -> Node {
    Node::map([
        ("name", Node::str(name)),
        ("label", Node::str(label)),
        ("editor", Node::map([("preview", Node::Bool(false))])),
        (
            "files",
            Node::List(vec![Node::map([
                ("name", Node::str(name)),
                ("label", Node::str(label)),
                ("file", Node::str(file)),
                ("format", Node::str("yml")),
                ("fields", Node::List(form)),
            ])]),
        ),
    ])
}

fn data_field(inputs: &Inputs<'_>, lang: Lang, spec: &Spec, key: &'static str) -> Node {
    let mut n = widget(inputs, lang, spec, &[], fields::PLAN, false);
    if let Node::Map(pairs) = &mut n {
        pairs.insert(0, ("name", Node::str(key)));
        pairs.insert(1, ("label", Node::str(spec.label(lang))));
        if !spec.required.unwrap_or(false) {
            pairs.push(("required", Node::Bool(false)));
        }
        if !spec.hint(lang).is_empty() {
            pairs.push(("hint", Node::str(spec.hint(lang))));
        }
    }
    n
}
