//! The fields of the editor's forms: one field's name, label, widget, hint and i18n
//! setting, from its row in [`super::fields`] and, for choices (kinds, licences, tags,
//! milestones, phases), from what the site declares.

use super::collections::{
    DATE_FORMAT, FILES, IMAGES, PARTIAL_DATE_PATTERN, SLUG_PATTERN, URL_PATTERN,
};
use super::fields::{self, Share, Spec, Widget};
use super::yaml::Node;
use super::Inputs;
use crate::content::milestones::Status;
use crate::content::release::Kind;
use crate::types::{Kogl, Lang};

/// A field of a data file with a plain widget.
pub(super) fn plain(
    spec: &Spec,
    lang: Lang,
    required: bool,
    extra: Vec<(&'static str, Node)>,
) -> Node {
    let name = spec.path.rsplit('.').next().unwrap_or(spec.path);
    let mut pairs = vec![
        ("name", Node::str(name)),
        ("label", Node::str(spec.label(lang))),
    ];
    pairs.extend(simple_widget(spec.widget));
    pairs.extend(extra);
    if !required {
        pairs.push(("required", Node::Bool(false)));
    }
    if !spec.hint(lang).is_empty() {
        pairs.push(("hint", Node::str(spec.hint(lang))));
    }
    Node::Map(pairs)
}

/// One field of a release or page form, with its i18n setting; `items` are the keys of
/// a list's records.
pub(super) fn field(
    inputs: &Inputs<'_>,
    lang: Lang,
    spec: &Spec,
    schema_required: bool,
    table: &'static [Spec],
    items: &[&'static str],
    i18n: bool,
) -> Node {
    let name = spec.path.rsplit('.').next().unwrap_or(spec.path);
    let required = spec.required.unwrap_or(schema_required);
    let mut pairs = vec![
        ("name", Node::str(name)),
        ("label", Node::str(spec.label(lang))),
    ];
    if let Node::Map(w) = widget(inputs, lang, spec, items, table, i18n) {
        pairs.extend(w);
    }
    if !required {
        pairs.push(("required", Node::Bool(false)));
    }
    if !spec.hint(lang).is_empty() {
        pairs.push(("hint", Node::str(spec.hint(lang))));
    }
    if i18n {
        pairs.push((
            "i18n",
            match spec.share {
                Share::Translated => Node::Bool(true),
                Share::Same => Node::str("duplicate"),
            },
        ));
    }
    Node::Map(pairs)
}

/// The widget keys of `spec` (without name, label, required, hint, i18n).
pub(super) fn widget(
    inputs: &Inputs<'_>,
    lang: Lang,
    spec: &Spec,
    items: &[&'static str],
    table: &'static [Spec],
    i18n: bool,
) -> Node {
    let choose = |options: Vec<Node>, multiple: bool| {
        if options.is_empty() {
            // A select needs options; with nothing declared the field keeps what the
            // file holds.
            return Node::map([("widget", Node::str("hidden"))]);
        }
        let mut w = vec![
            ("widget", Node::str("select")),
            ("options", Node::List(options)),
        ];
        if multiple {
            w.push(("multiple", Node::Bool(true)));
        }
        Node::Map(w)
    };
    match spec.widget {
        Widget::Kind => choose(
            Kind::ALL
                .iter()
                .map(|k| option(kind_label(*k, lang), Node::str(k.korean())))
                .collect(),
            false,
        ),
        Widget::Kogl => choose(
            (0..=9)
                .filter_map(|n| Kogl::new(n).ok())
                .map(|k| option(kogl_label(k, lang), Node::Int(i64::from(k.number()))))
                .collect(),
            false,
        ),
        Widget::Status => choose(
            Status::ALL
                .iter()
                .map(|s| option(status_label(*s, lang), Node::str(s.key())))
                .collect(),
            false,
        ),
        Widget::Tags => choose(
            inputs
                .tags
                .tags
                .iter()
                .map(|t| {
                    option(
                        format!("{} · {}", t.label.ko, t.label.en),
                        Node::str(&t.slug),
                    )
                })
                .collect(),
            true,
        ),
        Widget::Milestones | Widget::Milestone => choose(
            inputs
                .plan
                .milestones
                .iter()
                .map(|m| {
                    option(
                        format!("{} ({})", m.title.get(lang), m.id),
                        Node::str(&m.id),
                    )
                })
                .collect(),
            spec.widget == Widget::Milestones,
        ),
        Widget::Phase => choose(
            inputs
                .plan
                .phases
                .iter()
                .map(|p| option(format!("{} ({})", p.name.get(lang), p.id), Node::str(&p.id)))
                .collect(),
            false,
        ),
        Widget::Lines => {
            let line = format!("{}.line", spec.path);
            let sub = fields::find(table, &line)
                .unwrap_or_else(|| panic!("src/cms/fields.rs has no row for `{line}`"));
            Node::map([
                ("widget", Node::str("list")),
                ("field", field(inputs, lang, sub, true, table, &[], i18n)),
            ])
        }
        Widget::Records => {
            let subs: Vec<Node> = items
                .iter()
                .map(|key| {
                    let path = format!("{}.{key}", spec.path);
                    let sub = fields::find(table, &path)
                        .unwrap_or_else(|| panic!("src/cms/fields.rs has no row for `{path}`"));
                    let mut n = field(inputs, lang, sub, false, table, &[], i18n);
                    // A switch with a default inside a list item sets itself when the
                    // item appears, which Decap copies to the other language as a new
                    // item of its own: a switch of an item starts unset (read as false).
                    if let Node::Map(pairs) = &mut n {
                        pairs.retain(|(k, _)| *k != "default");
                    }
                    n
                })
                .collect();
            // What a collapsed item shows: the keys that tell items apart.
            let shown: Vec<String> = items
                .iter()
                .filter(|k| {
                    matches!(
                        **k,
                        "title" | "role" | "name" | "note" | "alt" | "id" | "status"
                    )
                })
                .map(|k| format!("{{{{fields.{k}}}}}"))
                .collect();
            // Items open, so that a new one shows its fields at once.
            let mut w = vec![
                ("widget", Node::str("list")),
                ("collapsed", Node::Bool(false)),
            ];
            if !shown.is_empty() {
                w.push(("summary", Node::str(shown.join(" "))));
            }
            w.push(("fields", Node::List(subs)));
            Node::Map(w)
        }
        Widget::PerLang { multiline } => {
            let sub = |key: &'static str, label: &'static str| {
                Node::map([
                    ("name", Node::str(key)),
                    ("label", Node::str(label)),
                    (
                        "widget",
                        Node::str(if multiline { "text" } else { "string" }),
                    ),
                ])
            };
            Node::map([
                ("widget", Node::str("object")),
                ("collapsed", Node::Bool(false)),
                (
                    "fields",
                    Node::List(vec![sub("ko", "한국어"), sub("en", "English")]),
                ),
            ])
        }
        Widget::Years => Node::map([
            ("widget", Node::str("list")),
            ("min", Node::Int(2)),
            ("max", Node::Int(2)),
            (
                "field",
                Node::map([
                    ("name", Node::str("year")),
                    ("label", Node::str(spec.label(lang))),
                    ("widget", Node::str("number")),
                    ("value_type", Node::str("int")),
                ]),
            ),
        ]),
        w => Node::Map(simple_widget(w)),
    }
}

/// The keys of a widget that needs nothing from the site.
fn simple_widget(w: Widget) -> Vec<(&'static str, Node)> {
    let pattern = |re: &str, ko: &str| -> (&'static str, Node) {
        ("pattern", Node::List(vec![Node::str(re), Node::str(ko)]))
    };
    match w {
        Widget::Line => vec![("widget", Node::str("string"))],
        Widget::Text => vec![("widget", Node::str("text"))],
        Widget::Markdown => vec![
            ("widget", Node::str("markdown")),
            (
                "modes",
                Node::List(vec![Node::str("rich_text"), Node::str("raw")]),
            ),
        ],
        Widget::DateTime => vec![
            ("widget", Node::str("datetime")),
            ("format", Node::str(DATE_FORMAT)),
            ("date_format", Node::str("YYYY-MM-DD")),
            ("time_format", Node::str("HH:mm")),
            ("picker_utc", Node::Bool(false)),
        ],
        Widget::PartialDate => vec![
            ("widget", Node::str("string")),
            pattern(
                PARTIAL_DATE_PATTERN,
                "2026, 2026-03 또는 2026-03-15 / 2026, 2026-03 or 2026-03-15",
            ),
        ],
        Widget::Bool => vec![
            ("widget", Node::str("boolean")),
            ("default", Node::Bool(false)),
        ],
        Widget::Slug => vec![
            ("widget", Node::str("string")),
            pattern(
                SLUG_PATTERN,
                "영문 소문자, 숫자, 하이픈만 (120자까지) / lower-case letters, digits and hyphens (up to 120)",
            ),
        ],
        Widget::Url => vec![
            ("widget", Node::str("string")),
            pattern(
                URL_PATTERN,
                "https://로 시작하는 주소 / an address starting with https://",
            ),
        ],
        Widget::Image => media("image", IMAGES),
        Widget::File => media("file", FILES),
        other => unreachable!("{other:?} needs the site"),
    }
}

fn media(widget: &'static str, (folder, public): (&str, &str)) -> Vec<(&'static str, Node)> {
    vec![
        ("widget", Node::str(widget)),
        ("media_folder", Node::str(folder)),
        ("public_folder", Node::str(public)),
        ("choose_url", Node::Bool(false)),
    ]
}

fn option(label: impl Into<String>, value: Node) -> Node {
    Node::map([("label", Node::Str(label.into())), ("value", value)])
}

fn kind_label(k: Kind, lang: Lang) -> String {
    match lang {
        Lang::Ko => k.korean().to_string(),
        Lang::En => {
            let en = match k {
                Kind::PressRelease => "Press release",
                Kind::Background => "Background briefing",
                Kind::Explanation => "Explanation",
                Kind::Rebuttal => "Rebuttal",
            };
            format!("{en} ({})", k.korean())
        }
    }
}

fn kogl_label(k: Kogl, lang: Lang) -> String {
    let (ko, en) = match k.number() {
        1 => ("출처표시", "attribution"),
        2 => ("출처표시, 상업적 이용금지", "attribution, non-commercial"),
        3 => ("출처표시, 변경금지", "attribution, no changes"),
        _ => (
            "출처표시, 상업적 이용금지, 변경금지",
            "attribution, non-commercial, no changes",
        ),
    };
    match lang {
        Lang::Ko => format!("제{}유형: {ko}", k.number()),
        Lang::En => format!("Type {}: {en}", k.number()),
    }
}

fn status_label(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Planned, Lang::Ko) => "예정",
        (Status::InProgress, Lang::Ko) => "진행 중",
        (Status::Done, Lang::Ko) => "완료",
        (Status::Delayed, Lang::Ko) => "지연",
        (Status::Cancelled, Lang::Ko) => "취소",
        (Status::Planned, Lang::En) => "Planned",
        (Status::InProgress, Lang::En) => "In progress",
        (Status::Done, Lang::En) => "Done",
        (Status::Delayed, Lang::En) => "Delayed",
        (Status::Cancelled, Lang::En) => "Cancelled",
    }
}
