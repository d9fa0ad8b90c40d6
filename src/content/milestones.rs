//! `content/milestones.yaml`: the project's phases and milestones as declared (the plan
//! before any release changed it). Releases move statuses and dates later, in `link`.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

use super::broken::Broken;
use super::frontmatter::{self, Split};
use crate::diag::{nearest, Arg, Code, Diagnostic, Diagnostics, Loc, Text};
use crate::time::PartialDate;
use crate::types::{check_slug, MilestoneId, PerLang};

pub const FILE: &str = "content/milestones.yaml";

/// The one id a milestone may not have: the folder of the lists by status
/// (`milestones/status/<status>/`, see `route::Page::MilestonesBy`).
pub const RESERVED_ID: &str = "status";

/// Where a milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    InProgress,
    Done,
    Delayed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Planned,
        Status::InProgress,
        Status::Done,
        Status::Delayed,
        Status::Cancelled,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Delayed => "delayed",
            Status::Cancelled => "cancelled",
        }
    }

    /// The Korean words editors write for the status (the theme shows the first).
    pub fn korean(self) -> &'static [&'static str] {
        match self {
            Status::Planned => &["예정", "계획"],
            Status::InProgress => &["진행 중", "진행중", "진행"],
            Status::Done => &["완료"],
            Status::Delayed => &["지연"],
            Status::Cancelled => &["취소"],
        }
    }

    /// The status written `v`: its key (`in_progress`, also `in progress`) or one of
    /// its Korean words (`진행 중`).
    pub fn from_words(v: &str) -> Option<Status> {
        let v = v.trim();
        let key = v.to_lowercase().replace([' ', '-'], "_");
        Status::ALL
            .into_iter()
            .find(|s| s.key() == key || s.korean().contains(&v))
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Status;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a milestone status")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Status, E> {
                Status::from_words(v).ok_or_else(|| {
                    let keys = Status::ALL.map(Status::key);
                    let words = Status::ALL.iter().flat_map(|s| s.korean().iter().copied());
                    let all: Vec<&str> = keys.iter().copied().chain(words).collect();
                    // `예정 (planned)` in English, `예정(planned)` in Korean.
                    let list = |space: &str| {
                        Status::ALL
                            .map(|s| format!("{}{space}({})", s.korean()[0], s.key()))
                            .join(", ")
                    };
                    let statuses = Arg::each(list(" "), list(""));
                    match nearest(v, all) {
                        Some(near) => t!(
                            "`{v}` is not a status; did you mean `{near}`? use one of {statuses}",
                            v,
                            near,
                            statuses
                        ),
                        None => t!("`{v}` is not a status; use one of {statuses}", v, statuses),
                    }
                    .into_serde()
                })
            }
        }
        d.deserialize_str(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFront {
    #[serde(default)]
    phases: Vec<PhaseFront>,
    #[serde(default)]
    milestones: Vec<MilestoneFront>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhaseFront {
    id: String,
    name: PerLang<String>,
    years: [i32; 2],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MilestoneFront {
    id: String,
    phase: String,
    title: PerLang<String>,
    /// A few words for the timeline's labels; the title when left out.
    #[serde(default)]
    short: Option<PerLang<String>>,
    #[serde(default)]
    description: PerLang<String>,
    planned: PartialDate,
    #[serde(default = "planned")]
    status: Status,
}

fn planned() -> Status {
    Status::Planned
}

#[derive(Debug, Clone)]
pub struct Phase {
    pub id: String,
    pub name: PerLang<String>,
    pub years: (i32, i32),
}

#[derive(Debug, Clone)]
pub struct Milestone {
    pub id: String,
    /// Index into [`Plan::phases`].
    pub phase: usize,
    pub title: PerLang<String>,
    /// The timeline's label: `short` as declared, else the title.
    pub short: PerLang<String>,
    pub description: PerLang<String>,
    pub planned: PartialDate,
    pub status: Status,
}

/// The declared plan.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub phases: Vec<Phase>,
    pub milestones: Vec<Milestone>,
    by_id: HashMap<String, MilestoneId>,
    /// Set when milestones.yaml has errors: counts the releases that name milestones.
    broken: Broken,
}

impl Plan {
    pub fn parse(text: Option<&str>) -> Result<Plan, Diagnostics> {
        let Some(text) = text else {
            return Ok(Plan::default());
        };
        let one = |d| {
            let mut all = Diagnostics::new();
            all.push(d);
            all
        };
        let front: PlanFront = if text.trim().is_empty() {
            PlanFront {
                phases: vec![],
                milestones: vec![],
            }
        } else {
            frontmatter::parse_data(FILE, text).map_err(one)?
        };
        let split = Split {
            yaml: text,
            yaml_line: 1,
            body: "",
            body_line: 1,
        };
        let loc_of = |needle: &str, nth: usize| find_nth(text, needle, nth);
        let mut diags = Diagnostics::new();
        let mut plan = Plan::default();
        let mut phase_ids: HashMap<String, usize> = HashMap::new();
        for p in front.phases {
            if phase_ids.contains_key(&p.id) {
                diags.push(
                    Diagnostic::new(
                        Code::Duplicate,
                        FILE,
                        t!("the phase id `{id}` is declared twice", id = &p.id),
                    )
                    .at(loc_of(&format!("id: {}", p.id), 2))
                    .field("phases.id")
                    .hint(t!("give every phase its own id")),
                );
                continue;
            }
            if p.years[0] > p.years[1] {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        FILE,
                        t!("the phase `{id}` ends before it starts", id = &p.id),
                    )
                    .at(loc_of(&format!("id: {}", p.id), 1))
                    .field("phases.years")
                    .hint(t!("write [first year, last year]")),
                );
            }
            phase_ids.insert(p.id.clone(), plan.phases.len());
            plan.phases.push(Phase {
                id: p.id,
                name: p.name,
                years: (p.years[0], p.years[1]),
            });
        }
        for m in front.milestones {
            let at = loc_of(&format!("id: {}", m.id), 1);
            if let Err(msg) = check_slug(&m.id) {
                diags.push(
                    Diagnostic::new(Code::InvalidValue, FILE, msg)
                        .at(at)
                        .field("milestones.id"),
                );
            }
            if m.id == RESERVED_ID {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        FILE,
                        t!(
                            "`{id}` cannot be a milestone id: the site lists milestones by status under milestones/{id}/",
                            id = RESERVED_ID
                        ),
                    )
                    .at(at)
                    .field("milestones.id")
                    .hint(t!("choose another id, such as `status-report`")),
                );
            }
            if plan.by_id.contains_key(&m.id) {
                diags.push(
                    Diagnostic::new(
                        Code::Duplicate,
                        FILE,
                        t!("the milestone id `{id}` is declared twice", id = &m.id),
                    )
                    .at(loc_of(&format!("id: {}", m.id), 2))
                    .field("milestones.id")
                    .hint(t!("every milestone needs its own id")),
                );
                continue;
            }
            let Some(&phase) = phase_ids.get(&m.phase) else {
                let hint = match nearest(&m.phase, phase_ids.keys().map(String::as_str)) {
                    Some(near) => t!(
                        "did you mean `{near}`? Phases are declared under `phases:`",
                        near
                    ),
                    None => t!("declare the phase under `phases:` first"),
                };
                let loc = split.value_loc("    phase", &m.phase);
                let loc = if loc == Loc::new(1, 1) {
                    find_nth(text, &format!("phase: {}", m.phase), 1)
                } else {
                    loc
                };
                diags.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        FILE,
                        t!("unknown phase `{phase}`", phase = &m.phase),
                    )
                    .at(loc)
                    .field("milestones.phase")
                    .hint(hint),
                );
                continue;
            };
            if let Some(short) = &m.short {
                if short.ko.trim().is_empty() || short.en.trim().is_empty() {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            FILE,
                            t!("the short label of milestone `{id}` is empty", id = &m.id),
                        )
                        .at(after(text, &format!("id: {}", m.id), "short:"))
                        .field("milestones.short")
                        .hint(t!("write a few words in both languages, or leave `short` out to use the title")),
                    );
                }
            }
            plan.by_id
                .insert(m.id.clone(), MilestoneId::new(plan.milestones.len()));
            plan.milestones.push(Milestone {
                id: m.id,
                phase,
                short: m.short.unwrap_or_else(|| m.title.clone()),
                title: m.title,
                description: m.description,
                planned: m.planned,
                status: m.status,
            });
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(plan)
        }
    }

    /// The plan used when milestones.yaml has errors: no milestone is found, and the
    /// releases that name milestones are counted for [`Plan::follow_on`] instead.
    pub fn broken() -> Plan {
        Plan {
            broken: Broken::file(
                FILE,
                |n| {
                    if n == 1 {
                        t!("1 release uses milestones from content/milestones.yaml, which has errors; they are checked once it is fixed")
                    } else {
                        t!("{n} releases use milestones from content/milestones.yaml, which has errors; they are checked once it is fixed", n)
                    }
                },
                || t!("fix the errors of content/milestones.yaml above first"),
            ),
            ..Plan::default()
        }
    }

    /// Whether milestones.yaml has errors.
    pub fn is_broken(&self) -> bool {
        self.broken.is_broken()
    }

    /// Whether milestones.yaml has errors; counts one release that uses it if so.
    pub fn is_broken_for_one(&self) -> bool {
        self.broken.is_broken_for_one()
    }

    /// One line for all releases whose milestones could not be checked, if any.
    pub fn follow_on(&self) -> Option<Diagnostic> {
        self.broken.follow_on()
    }

    /// The id of milestone `id`, or a hint naming the nearest declared id.
    pub fn find(&self, id: &str) -> Result<MilestoneId, Text> {
        self.by_id.get(id).copied().ok_or_else(|| {
            match nearest(id, self.by_id.keys().map(String::as_str)) {
                Some(near) => t!(
                    "did you mean `{near}`? Milestones are declared in content/milestones.yaml",
                    near
                ),
                None => t!("declare it in content/milestones.yaml or remove it"),
            }
        })
    }
}

/// The position of the `nth` (1-based) occurrence of `needle` in `text` that is not
/// the start of a longer id (`id: one` does not match `id: one-two`).
fn find_nth(text: &str, needle: &str, nth: usize) -> Loc {
    text.match_indices(needle)
        .filter(|(i, _)| {
            !text[i + needle.len()..]
                .starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_')
        })
        .nth(nth - 1)
        .map_or(Loc::new(1, 1), |(i, _)| Loc::of_offset(text, i))
}

/// The position of the first `needle` after the first `start` in `text` (or of `start`).
fn after(text: &str, start: &str, needle: &str) -> Loc {
    let from = text.find(start).unwrap_or(0);
    let at = text[from..].find(needle).map_or(from, |j| from + j);
    Loc::of_offset(text, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "phases:\n  - id: p1\n    name: {ko: 1단계, en: Phase 1}\n    years: [2020, 2024]\nmilestones:\n  - id: m1\n    phase: p1\n    title: {ko: 가, en: A}\n    planned: 2023-10\n";

    #[test]
    fn parses_plan() {
        let plan = Plan::parse(Some(OK)).unwrap();
        assert_eq!(plan.milestones[0].planned.iso(), "2023-10");
        assert_eq!(plan.find("m1"), Ok(MilestoneId(0)));
        assert!(plan.find("m2").is_err());
    }

    #[test]
    fn duplicate_ids_point_at_the_second_one_not_a_longer_id() {
        let text = OK.replace("milestones:\n", "milestones:\n  - id: m1-b\n    phase: p1\n    title: {ko: 나, en: B}\n    planned: 2023\n")
            + "  - id: m1\n    phase: p1\n    title: {ko: 다, en: C}\n    planned: 2024\n";
        let err = Plan::parse(Some(&text)).unwrap_err();
        let d = err.iter().next().unwrap();
        assert!(d.message.contains("`m1` is declared twice"), "{d}");
        assert_eq!(d.loc.unwrap().line, 14, "{d}");
    }

    #[test]
    fn short_labels_default_to_the_title_and_may_not_be_empty() {
        let plan = Plan::parse(Some(OK)).unwrap();
        assert_eq!(plan.milestones[0].short.en, "A");
        let with = OK.replace(
            "    planned: 2023-10",
            "    short: {ko: 짧게, en: Short}\n    planned: 2023-10",
        );
        assert_eq!(
            Plan::parse(Some(&with)).unwrap().milestones[0].short.ko,
            "짧게"
        );
        let empty = with.replace("en: Short", "en: \" \"");
        let err = Plan::parse(Some(&empty)).unwrap_err();
        let d = err.iter().next().unwrap();
        assert!(
            d.message.contains("short label of milestone `m1` is empty"),
            "{d}"
        );
        assert_eq!(d.loc.unwrap().line, 9, "{d}");
        assert_eq!(d.field.as_deref(), Some("milestones.short"));
    }

    #[test]
    fn the_folder_of_the_status_lists_is_not_a_milestone_id() {
        let err = Plan::parse(Some(&OK.replace("id: m1", "id: status"))).unwrap_err();
        let d = err.iter().next().unwrap();
        assert!(
            d.message.contains("`status` cannot be a milestone id"),
            "{d}"
        );
        assert_eq!(d.loc.unwrap().line, 6, "{d}");
    }

    #[test]
    fn unknown_phase_and_bad_status() {
        let err = Plan::parse(Some(&OK.replace("phase: p1", "phase: p2"))).unwrap_err();
        let d = err.iter().next().unwrap();
        assert_eq!(d.loc.unwrap().line, 7, "{d}");
        assert!(d.hint.as_ref().unwrap().contains("p1"));
        let err = Plan::parse(Some(&format!("{OK}    status: doen\n"))).unwrap_err();
        let d = err.iter().next().unwrap();
        assert_eq!(d.loc.unwrap().line, 10, "{d}");
        assert!(d.message.contains("did you mean `done`"), "{d}");
    }

    #[test]
    fn statuses_are_accepted_in_korean_as_editors_write_them() {
        for (written, want) in [
            ("지연", Status::Delayed),
            ("완료", Status::Done),
            ("예정", Status::Planned),
            ("진행", Status::InProgress),
            ("진행 중", Status::InProgress),
            ("진행중", Status::InProgress),
            ("취소", Status::Cancelled),
            ("in progress", Status::InProgress),
            ("Done", Status::Done),
        ] {
            let plan = Plan::parse(Some(&format!("{OK}    status: {written}\n"))).unwrap();
            assert_eq!(plan.milestones[0].status, want, "{written}");
        }
        let err = Plan::parse(Some(&format!("{OK}    status: 완려\n"))).unwrap_err();
        let d = err.iter().next().unwrap();
        assert!(d.message.contains("did you mean `완료`"), "{d}");
        assert_eq!(
            d.message.render(crate::types::Lang::Ko),
            "`완려`라는 상태는 없습니다. `완료`의 오타인가요? 다음 중 하나를 쓰세요: 예정(planned), 진행 중(in_progress), 완료(done), 지연(delayed), 취소(cancelled)"
        );
    }
}
