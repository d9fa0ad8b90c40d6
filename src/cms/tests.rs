//! The form cannot drift from the parser: every key of the schema has a widget, no
//! widget is left without a key, and every value a widget can write is one the parser
//! takes (each value of each field on its own, and whole front matters that a form can
//! produce, through the release checker).

use std::collections::BTreeMap;

use super::collections::{self, DATE_FORMAT};
use super::fields::{self, Spec, Widget};
use super::schema;
use super::yaml::Node;
use super::*;
use crate::content::release::{self, Context, Kind};
use crate::content::{page, Asset};
use crate::types::{check_slug, Kogl};

const SITE: &str = r#"base_url = "https://press.example.go.kr/"
[languages.ko]
title = "공보"
[languages.en]
title = "Press"
[organization]
url = "https://example.go.kr/"
name = { ko = "세종시", en = "Sejong City" }
[cms]
repo = "city-press/press-site"
auth_url = "https://oauth.example.workers.dev"
"#;

const TAGS: &str = "tags:\n  - slug: budget\n    ko: 예산\n    en: Budget\n  - slug: data-center\n    ko: 데이터센터\n    en: Data center\n";

const PLAN: &str = "phases:\n  - id: phase-1\n    name: {ko: 1단계, en: Phase 1}\n    years: [2020, 2024]\nmilestones:\n  - id: groundbreaking\n    phase: phase-1\n    title: {ko: 착공, en: Groundbreaking}\n    planned: 2021\n";

fn loaded() -> Loaded {
    Loaded {
        config: config::parse(SITE, None).unwrap_or_else(|d| panic!("{d}")),
        tags: TagRegistry::parse(Some(TAGS)).unwrap_or_else(|d| panic!("{d}")),
        plan: Plan::parse(Some(PLAN)).unwrap_or_else(|d| panic!("{d}")),
        tags_editable: true,
    }
}

fn assets() -> BTreeMap<String, Asset> {
    ["images/photo.jpg", "images/plan.svg", "files/report.pdf"]
        .into_iter()
        .map(|p| {
            (
                p.to_string(),
                Asset {
                    abs: p.into(),
                    bytes: 1000,
                },
            )
        })
        .collect()
}

/// A value as JSON, which YAML reads the same (how the tests write front matter).
fn json(n: &Node) -> String {
    match n {
        Node::Null => "null".to_string(),
        Node::Str(s) => serde_json::to_string(s).unwrap(),
        Node::Int(i) => i.to_string(),
        Node::Bool(b) => b.to_string(),
        Node::List(items) => format!(
            "[{}]",
            items.iter().map(json).collect::<Vec<_>>().join(", ")
        ),
        Node::Map(pairs) => format!(
            "{{{}}}",
            pairs
                .iter()
                .map(|(k, v)| format!("{}: {}", serde_json::to_string(k).unwrap(), json(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn s(v: &str) -> Node {
    Node::str(v)
}

/// Every value the widget of `spec` can write when filled in (not left empty), in the
/// context of `l`. Records are made by [`samples_of`].
fn filled(spec: &Spec, l: &Loaded) -> Vec<Node> {
    match spec.widget {
        Widget::Line => vec![
            s("한글과 English: 콜론, \"따옴표\", # 해시"),
            s("- 목록처럼 보이는 줄"),
        ],
        Widget::Text => vec![s("첫 줄\n둘째 줄: 콜론"), s("한 줄")],
        Widget::Markdown => vec![s("## 소제목\n\n본문")],
        Widget::DateTime => vec![s("2026-03-02T09:30"), s("2026-12-31T23:59")],
        Widget::PartialDate => vec![s("2026"), s("2026-03"), s("2026-03-15")],
        Widget::Bool => vec![Node::Bool(true), Node::Bool(false)],
        Widget::Slug => vec![s("2026-03-02-budget"), s("a"), s("x".repeat(120).as_str())],
        Widget::Url => vec![s("https://example.org/a?b=c&d"), s("http://example.org")],
        Widget::Kind => Kind::ALL.iter().map(|k| s(k.korean())).collect(),
        Widget::Kogl => (1..=4)
            .map(|n| Node::Int(i64::from(Kogl::new(n).unwrap().number())))
            .collect(),
        Widget::Status => crate::content::milestones::Status::ALL
            .iter()
            .map(|st| s(st.key()))
            .collect(),
        Widget::Tags => vec![
            Node::List(vec![s("budget")]),
            Node::List(l.tags.tags.iter().map(|t| s(&t.slug)).collect()),
        ],
        Widget::Milestones => vec![Node::List(vec![s("groundbreaking")])],
        Widget::Milestone => vec![s("groundbreaking")],
        Widget::Phase => vec![s("phase-1")],
        Widget::Image => vec![s("images/photo.jpg")],
        Widget::File => vec![s("files/report.pdf")],
        Widget::Lines => vec![Node::List(vec![s("첫째 요점"), s("둘째: 요점")])],
        Widget::Records => vec![],
        Widget::PerLang { .. } => vec![Node::map([("ko", s("한국어")), ("en", s("English"))])],
        Widget::Years => vec![Node::List(vec![Node::Int(2025), Node::Int(2029)])],
    }
}

/// What an emptied field of the widget writes: a form writes `""` for an emptied text,
/// date or choice, `[]` for an emptied list, `false` for a switch it never touched, and
/// `null` for any of them that it copies, empty, from the Korean file to the English one.
fn emptied(spec: &Spec) -> Vec<Node> {
    match spec.widget {
        Widget::Tags | Widget::Milestones | Widget::Lines | Widget::Records => {
            vec![Node::List(vec![]), Node::Null]
        }
        Widget::Bool => vec![Node::Bool(false), Node::Null],
        _ => vec![s(""), s("   "), Node::Null],
    }
}

/// Every value a field of the release or page form can write: each filled value, and
/// the emptied ones when it is optional. For a list of records: no item, an item with
/// only its required keys, items with every key filled.
fn samples_of(table: &'static [Spec], f: &schema::SchemaField, l: &Loaded) -> Vec<Node> {
    let spec = fields::find(table, f.name).unwrap();
    let required = spec.required.unwrap_or(f.required);
    let mut out = if spec.widget == Widget::Records {
        let sub = |k: &str| fields::find(table, &format!("{}.{k}", f.name)).unwrap();
        let minimal: Vec<(&'static str, Node)> = f
            .items
            .iter()
            .filter(|k| sub(k).required.unwrap_or(false))
            .map(|k| (*k, filled(sub(k), l).remove(0)))
            .collect();
        let mut items = vec![Node::Map(minimal.clone())];
        // Each optional key filled with each of its values, then emptied.
        for k in f.items.iter().filter(|k| !sub(k).required.unwrap_or(false)) {
            for v in filled(sub(k), l).into_iter().chain(emptied(sub(k))) {
                let mut m = minimal.clone();
                m.push((k, v));
                items.push(Node::Map(m));
            }
        }
        vec![Node::List(items)]
    } else {
        filled(spec, l)
    };
    if !required {
        out.extend(emptied(spec));
    }
    out
}

#[test]
fn every_schema_key_has_a_widget_and_every_widget_a_key() {
    for (table, schema, name) in [
        (fields::RELEASE, schema::release(), "release"),
        (fields::PAGE, schema::page(), "page"),
    ] {
        let mut keys: Vec<String> = Vec::new();
        for f in &schema {
            let spec = fields::find(table, f.name).unwrap_or_else(|| {
                panic!(
                    "the {name} key `{}` has no widget in src/cms/fields.rs",
                    f.name
                )
            });
            keys.push(f.name.to_string());
            assert_eq!(
                spec.widget == Widget::Records,
                !f.items.is_empty(),
                "`{}`: a list of records exactly when the schema has item keys",
                f.name
            );
            for k in f.items {
                let path = format!("{}.{k}", f.name);
                assert!(
                    fields::find(table, &path).is_some(),
                    "`{path}` has no widget"
                );
                keys.push(path);
            }
            if spec.widget == Widget::Lines {
                keys.push(format!("{}.line", f.name));
            }
            // Never less than the parser: a key it requires is required in the form.
            if f.required {
                assert_ne!(spec.required, Some(false), "`{}`", f.name);
            }
        }
        for spec in table {
            assert!(
                keys.iter().any(|k| k == spec.path),
                "src/cms/fields.rs has a {name} row `{}` that the schema does not have",
                spec.path
            );
            assert!(
                !spec.label.ko.is_empty() && !spec.label.en.is_empty(),
                "{}",
                spec.path
            );
        }
    }
}

#[test]
fn every_value_a_widget_writes_is_accepted_by_its_field() {
    let l = loaded();
    for (table, fields, schema) in [
        (fields::RELEASE, release::fields(), schema::release()),
        (fields::PAGE, page::fields(), schema::page()),
    ] {
        for f in &schema {
            let field = fields.iter().find(|x| x.name == f.name).unwrap();
            for v in samples_of(table, f, &l) {
                let yaml = format!("{}: {}\n", f.name, json(&v));
                if let Err(e) = field.accepts(&yaml) {
                    panic!("the form can write\n{yaml}which the parser refuses: {e}");
                }
            }
        }
    }
}

/// A front matter of a release as the form writes it: every field filled with its first
/// value (`empty` = None), or every optional field emptied in the way `empty` picks
/// (`""`, blanks, `null`, …).
fn release_file(l: &Loaded, empty: Option<usize>) -> String {
    let mut yaml = String::from("---\n");
    for f in schema::release() {
        let spec = fields::find(fields::RELEASE, f.name).unwrap();
        let required = spec.required.unwrap_or(f.required);
        let v = match (empty, required) {
            // One photo or drawing: `image` names the SVG (a photo goes to photos).
            (None, _) if f.name == "image" => s("images/plan.svg"),
            // A photo's description and caption say different things (E016 otherwise).
            (None, _) if f.name == "photos" => Node::List(vec![Node::map([
                ("src", s("images/photo.jpg")),
                ("alt", s("시청 앞 광장에 모인 시민들")),
                ("caption", s("3월 2일 시청 앞 광장")),
                ("credit", s("대변인실")),
                ("lead", Node::Bool(true)),
            ])]),
            (None, _) | (Some(_), true) => samples_of(fields::RELEASE, &f, l).remove(0),
            (Some(i), false) => {
                let e = emptied(spec);
                e[i % e.len()].clone()
            }
        };
        // One language file may say it stands alone; a draft is still checked.
        yaml.push_str(&format!("{}: {}\n", f.name, json(&v)));
    }
    yaml.push_str("---\n## 소제목\n\n본문입니다.\n");
    yaml
}

#[test]
fn whole_front_matters_the_form_writes_are_accepted_by_the_checker() {
    let l = loaded();
    let assets = assets();
    let cx = Context {
        config: &l.config,
        tags: &l.tags,
        plan: &l.plan,
        assets: &assets,
    };
    for empty in [None, Some(0), Some(1), Some(2)] {
        let fill = empty.is_none();
        let text = release_file(&l, empty);
        let r = release::parse(
            "content/releases/2026-03-02-budget.ko.md",
            crate::types::Lang::Ko,
            "2026-03-02-budget",
            &text,
            &cx,
        );
        match r {
            Ok(r) => {
                assert_eq!(r.slug, "2026-03-02-budget");
                if fill {
                    assert_eq!(r.tags.len(), 1);
                    assert_eq!(r.contacts.len(), r.contacts.len());
                    assert!(r.embargo.is_some());
                } else {
                    // Emptied optional fields are no values.
                    assert!(r.embargo.is_none() && r.image.is_none() && r.department.is_none());
                    assert_eq!(r.kind, Kind::PressRelease);
                    assert_eq!(r.kogl, l.config.default_kogl);
                }
            }
            Err(d) => panic!(
                "{}\n{text}",
                d.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    }
}

#[test]
fn dates_are_written_as_gongbo_reads_them_in_the_site_time_zone() {
    assert_eq!(DATE_FORMAT, "YYYY-MM-DDTHH:mm");
    // What the form writes for 2 March 2026, 09:30 on the clock of the site.
    let d = crate::time::DateInput::parse("2026-03-02T09:30").unwrap();
    assert!(matches!(d, crate::time::DateInput::Local(_)));
    let t = d.resolve(chrono_tz::Asia::Seoul).unwrap();
    assert_eq!(t.to_rfc3339(), "2026-03-02T09:30:00+09:00");
}

#[test]
fn the_slug_pattern_admits_only_slugs_gongbo_takes() {
    assert_eq!(
        collections::SLUG_PATTERN,
        "^(?=.{1,120}$)[a-z0-9]+(-[a-z0-9]+)*$"
    );
    // The pattern's language: lower-case ASCII words joined by single hyphens.
    for ok in ["a", "2026-03-02-budget", &"x".repeat(120)] {
        assert!(check_slug(ok).is_ok(), "{ok}");
    }
}

#[test]
fn data_files_the_form_writes_are_accepted() {
    let l = loaded();
    let tag = |spec: &Spec| filled(spec, &l).remove(0);
    let mut tags = String::from("tags:\n");
    for (i, slug) in ["new-tag", "other"].iter().enumerate() {
        tags.push_str(&format!("  - slug: {slug}\n"));
        for spec in &fields::TAG[1..] {
            let v = match tag(spec) {
                Node::Str(t) => Node::Str(format!("{t} {i}")),
                v => v,
            };
            tags.push_str(&format!("    {}: {}\n", spec.path, json(&v)));
        }
    }
    let reg = TagRegistry::parse(Some(&tags)).unwrap_or_else(|d| panic!("{d}\n{tags}"));
    assert_eq!(reg.tags.len(), 2);
    let mut plan = String::new();
    for part in ["phases", "milestones"] {
        plan.push_str(&format!("{part}:\n  - "));
        let mut first = true;
        for spec in fields::PLAN
            .iter()
            .filter(|s| s.path.starts_with(&format!("{part}.")))
        {
            let key = &spec.path[part.len() + 1..];
            if !first {
                plan.push_str("    ");
            }
            first = false;
            let v = match spec.path {
                // The milestone's phase is a declared one (the form offers those).
                "phases.id" => s("phase-1"),
                _ => filled(spec, &l).remove(0),
            };
            plan.push_str(&format!("{key}: {}\n", json(&v)));
        }
    }
    let p = Plan::parse(Some(&plan)).unwrap_or_else(|d| panic!("{d}\n{plan}"));
    assert_eq!(p.milestones.len(), 1);
}

#[test]
fn the_configuration_follows_the_schema() {
    let l = loaded();
    let cms = l.config.cms.clone().unwrap();
    let n = config_node(&l.inputs(), Target::Hosted(&cms), crate::types::Lang::Ko);
    assert_eq!(
        n.get("backend").unwrap().get("name").unwrap().as_str(),
        Some("github")
    );
    assert_eq!(
        n.get("publish_mode").unwrap().as_str(),
        Some("editorial_workflow")
    );
    let collections = n.get("collections").unwrap().as_list();
    let names: Vec<&str> = collections
        .iter()
        .map(|c| c.get("name").unwrap().as_str().unwrap())
        .collect();
    assert_eq!(names, ["releases", "pages", "tags", "milestones"]);
    let releases = &collections[0];
    let form = releases.get("fields").unwrap().as_list();
    let keys: Vec<&str> = form
        .iter()
        .map(|f| f.get("name").unwrap().as_str().unwrap())
        .collect();
    let mut want: Vec<&str> = release::fields().iter().map(|f| f.name).collect();
    want.push("body");
    assert_eq!(keys, want);
    let by = |name: &str| {
        form.iter()
            .find(|f| f.get("name").unwrap().as_str() == Some(name))
            .unwrap()
    };
    // Shared values are entered once and copied into the English file.
    for same in [
        "date",
        "kind",
        "tags",
        "milestones",
        "embargo",
        "draft",
        "slug",
        "kogl",
    ] {
        assert_eq!(
            by(same).get("i18n").unwrap().as_str(),
            Some("duplicate"),
            "{same}"
        );
    }
    for own in ["title", "summary", "contacts", "attachments", "body"] {
        assert_eq!(by(own).get("i18n"), Some(&Node::Bool(true)), "{own}");
    }
    assert_eq!(
        by("date").get("format").unwrap().as_str(),
        Some(DATE_FORMAT)
    );
    assert_eq!(by("date").get("picker_utc"), Some(&Node::Bool(false)));
    let tag_values: Vec<&str> = by("tags")
        .get("options")
        .unwrap()
        .as_list()
        .iter()
        .map(|o| o.get("value").unwrap().as_str().unwrap())
        .collect();
    assert_eq!(tag_values, ["budget", "data-center"]);
    assert_eq!(by("title").get("required"), None, "required by default");
    assert_eq!(by("summary").get("required"), Some(&Node::Bool(false)));
    // Labels in the editor's language.
    assert_eq!(by("title").get("label").unwrap().as_str(), Some("제목"));
    let en = config_node(&l.inputs(), Target::Local, crate::types::Lang::En);
    assert_eq!(
        en.get("backend").unwrap().get("name").unwrap().as_str(),
        Some("proxy")
    );
    assert!(en.get("publish_mode").is_none());
    let en_form = en.get("collections").unwrap().as_list()[0]
        .get("fields")
        .unwrap()
        .as_list();
    assert_eq!(en_form[0].get("label").unwrap().as_str(), Some("Title"));
}

#[test]
fn without_declared_tags_the_field_keeps_what_the_file_holds() {
    let mut l = loaded();
    l.tags = TagRegistry::parse(None).unwrap();
    l.tags_editable = false;
    let n = config_node(&l.inputs(), Target::Local, crate::types::Lang::Ko);
    let collections = n.get("collections").unwrap().as_list();
    assert!(collections
        .iter()
        .all(|c| c.get("name").unwrap().as_str() != Some("tags")));
    let tags = collections[0]
        .get("fields")
        .unwrap()
        .as_list()
        .iter()
        .find(|f| f.get("name").unwrap().as_str() == Some("tags"))
        .unwrap();
    assert_eq!(tags.get("widget").unwrap().as_str(), Some("hidden"));
}

#[test]
fn a_plain_list_of_tags_is_left_out_of_the_editor() {
    assert!(tags_editable(None));
    assert!(tags_editable(Some("")));
    assert!(tags_editable(Some("# tags\ntags:\n  - slug: a\n")));
    assert!(!tags_editable(Some(
        "# tags\n- slug: a\n  ko: 가\n  en: A\n"
    )));
    assert!(!tags_editable(Some("[]\n")));
}

#[test]
fn the_committed_file_is_checked_against_what_gongbo_writes() {
    let dir = tempfile::tempdir().unwrap();
    let l = loaded();
    assert_eq!(
        stale(dir.path(), &l.inputs()),
        None,
        "no file, nothing to say"
    );
    std::fs::create_dir_all(dir.path().join("cms")).unwrap();
    let fresh = hosted_yaml(&l).unwrap();
    std::fs::write(dir.path().join(CONFIG_FILE), &fresh).unwrap();
    assert_eq!(stale(dir.path(), &l.inputs()), None);
    // Another gongbo version in the header alone is no change.
    let other = fresh.replacen(env!("CARGO_PKG_VERSION"), "0.0.1", 1);
    std::fs::write(dir.path().join(CONFIG_FILE), &other).unwrap();
    assert_eq!(stale(dir.path(), &l.inputs()), None);
    // A field the schema no longer has (an older gongbo), or a tag added since.
    let old = fresh.replace("name: kogl", "name: licence");
    std::fs::write(dir.path().join(CONFIG_FILE), &old).unwrap();
    let d = stale(dir.path(), &l.inputs()).unwrap();
    assert_eq!(d.code, Code::CmsConfig);
    let line = fresh
        .lines()
        .position(|x| x.contains("name: kogl"))
        .unwrap()
        + 1;
    assert_eq!(d.loc, Some(Loc::new(line, 1)));
    assert!(
        d.message
            .contains("`- name: licence`, gongbo writes `- name: kogl`"),
        "{}",
        d.message
    );
    let mut more = loaded();
    more.tags = TagRegistry::parse(Some(&format!(
        "{TAGS}  - slug: new\n    ko: 새 주제\n    en: New\n"
    )))
    .unwrap();
    std::fs::write(dir.path().join(CONFIG_FILE), &fresh).unwrap();
    assert!(stale(dir.path(), &more.inputs()).is_some());
}

#[test]
fn the_vendored_bundle_matches_its_pinned_hashes() {
    use base64::Engine as _;
    use sha2::Digest as _;
    let mut n = 0;
    for b in admin::bundle() {
        let bytes = b.bytes();
        let sri = format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(&bytes))
        );
        assert_eq!(sri, b.integrity, "vendor/decap-cms/{}.gz", b.name);
        n += 1;
    }
    assert!(n > 50, "{n} files");
    assert!(admin::bundled("decap-cms.js").is_some());
    assert_eq!(admin::version(), "3.16.3");
}
