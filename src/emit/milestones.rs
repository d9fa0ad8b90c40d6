//! The milestones as open data: `milestones.json` (everything, both languages),
//! `milestones.csv` (one row per milestone, UTF-8 with BOM for spreadsheets) and
//! `milestones.ics` (one all-day event per milestone planned to a month or a day).
//! The formats are documented in docs/output.md, section "Open data: milestones".

use serde::Serialize;
use std::collections::BTreeMap;

use super::ical;
use crate::content::milestones::Status;
use crate::fp::{Fp, Hasher};
use crate::link::{MilestoneState, Site};
use crate::route::{Data, Format, Page};
use crate::time::{iso_date, rfc3339, Precision};
use crate::types::{Lang, MilestoneId, OutputFile, PerLang, ReleaseId};
use rayon::prelude::*;

/// Version of the JSON layout; raised when a field changes meaning or goes away.
pub const SCHEMA: &str = "gongbo-milestones/1";

/// UI strings per language (the theme's), for status words in the calendar.
pub type Words = PerLang<BTreeMap<String, String>>;

/// What earlier builds made of `milestones.json`, kept in memory: each milestone's part
/// of the file, with the signature of what it was made from.
///
/// Every build has a new reference time, so the file changes every build; but most of
/// it is the releases each milestone lists, which change only with those releases, and
/// a large archive's file is megabytes of them. A build makes again only the part of a
/// milestone whose inputs changed, and puts the parts together as one serialization of
/// the whole file would (checked by `tests::the_parts_make_the_file_a_whole_serialization_makes`).
///
/// The parts put together are kept too, with the signatures of the parts they hold: a
/// build in which no part changed copies them after the document's head (whose `as_of`
/// is new) instead of putting megabytes together again.
#[derive(Default)]
pub struct Kept {
    parts: std::collections::HashMap<String, (Fp, Vec<u8>)>,
    /// The file after its head (the `milestones` array and the end), and the signature
    /// of each part in it, in order.
    tail: Option<(Vec<Fp>, Vec<u8>)>,
}

impl Kept {
    /// How many milestones' parts are kept.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// All three files, with `milestones.json` made from the parts `kept` holds where they
/// are still what the file shows. `cards` are the fingerprints of what a list shows of
/// each release, by release id (`render::Fps::cards`): a part's releases are signed by
/// them.
pub fn files_kept(site: &Site, words: &Words, kept: &mut Kept, cards: &[Fp]) -> Vec<OutputFile> {
    if site.plan.milestones.is_empty() {
        return Vec::new();
    }
    Format::ALL
        .map(|f| {
            let bytes = match f {
                Format::Json => json(site, kept, cards),
                Format::Csv => csv(site),
                Format::Ics => ics(site, words),
            };
            OutputFile::bytes(site.data_path(Data::OpenData(f), Lang::Ko), bytes)
        })
        .into()
}

/// Everything a milestone's part of `milestones.json` shows: the milestone as declared
/// and as it stands, its phase, its addresses, and every release it lists or that
/// changed it, with its translation (date, title, address), on the site's address. A
/// release is signed by its card (`cards`, by release id), which holds all of those of
/// it (and a little more: a part is made again when a release's summary changes).
fn part_signature(site: &Site, s: &MilestoneState, cards: &[Fp]) -> Fp {
    let plan = &site.plan;
    let m = &plan.milestones[s.id.index()];
    let mut h = Hasher::new("milestones.json part");
    h.str(&site.config.base_url);
    h.str(&format!("{m:?}{:?}", plan.phases[m.phase].id));
    h.str(&format!(
        "{:?}{:?}{:?}{:?}{:?}{:?}",
        s.status, s.planned, s.original_planned, s.done_on, s.history, s.overdue
    ));
    // The card: source (language and stem), title, address, date with its offset.
    let release = |h: &mut Hasher, id: ReleaseId| {
        h.u64(id.index() as u64).fp(cards[id.index()]);
    };
    for lang in Lang::ALL {
        h.str(&site.path(Page::Milestone(s.id, 1), lang));
        for &id in s.releases.get(lang) {
            release(&mut h, id);
            // Shown with its translation, which need not mention the milestone.
            match site.release_translation(id) {
                Some(t) => release(&mut h, t),
                None => {
                    h.u64(u64::MAX);
                }
            }
        }
    }
    for e in &s.history {
        for id in Lang::ALL.map(|l| *e.release.get(l)).into_iter().flatten() {
            release(&mut h, id);
        }
    }
    h.finish()
}

#[derive(Serialize)]
struct Doc<'a> {
    schema: &'static str,
    as_of: String,
    as_of_date: String,
    base_url: &'a str,
    phases: Vec<PhaseJson<'a>>,
    milestones: Vec<MilestoneJson<'a>>,
}

#[derive(Serialize)]
struct PhaseJson<'a> {
    id: &'a str,
    name: &'a PerLang<String>,
    years: [i32; 2],
    milestones: Vec<&'a str>,
}

#[derive(Serialize)]
struct MilestoneJson<'a> {
    id: &'a str,
    phase: &'a str,
    title: &'a PerLang<String>,
    short: &'a PerLang<String>,
    description: &'a PerLang<String>,
    status: Status,
    overdue: bool,
    planned: String,
    planned_precision: Precision,
    original_planned: String,
    original_status: Status,
    done_on: Option<String>,
    url: PerLang<String>,
    history: Vec<HistoryJson<'a>>,
    releases: Vec<ReleaseJson<'a>>,
}

#[derive(Serialize)]
struct HistoryJson<'a> {
    date: String,
    status: Status,
    planned: Option<String>,
    note: PerLang<Option<&'a str>>,
    release: PerLang<Option<String>>,
}

#[derive(Serialize)]
struct ReleaseJson<'a> {
    date: String,
    title: PerLang<Option<&'a str>>,
    url: PerLang<Option<String>>,
}

fn milestone_url(site: &Site, lang: Lang, id: MilestoneId) -> String {
    site.config
        .abs_url(&site.path(Page::Milestone(id, 1), lang))
}

/// Releases that mention milestone `s`, one entry per translation pair, newest first.
fn releases_of<'a>(site: &'a Site, s: &MilestoneState) -> Vec<ReleaseJson<'a>> {
    // One release of each pair, by stem.
    let stems: BTreeMap<&str, ReleaseId> = Lang::ALL
        .iter()
        .flat_map(|&l| s.releases.get(l).iter())
        .map(|&ri| (site.release(ri).stem.as_str(), ri))
        .collect();
    let mut out: Vec<(String, &str, ReleaseJson)> = stems
        .into_iter()
        .map(|(stem, ri)| {
            let pair = site.release_pair(ri);
            let first = pair.ko.or(pair.en).expect("a pair has one release");
            let r = site.release(first);
            let json = ReleaseJson {
                date: iso_date(&r.date),
                title: PerLang::from_fn(|l| pair.get(l).map(|i| site.release(i).title.as_str())),
                url: PerLang::from_fn(|l| {
                    pair.get(l)
                        .map(|i| site.config.abs_url(&site.release_path(i)))
                }),
            };
            (rfc3339(&r.date), stem, json)
        })
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    out.into_iter().map(|(_, _, j)| j).collect()
}

/// One milestone as the file shows it.
fn milestone_json<'a>(site: &'a Site, s: &'a MilestoneState) -> MilestoneJson<'a> {
    let plan = &site.plan;
    let m = &plan.milestones[s.id.index()];
    MilestoneJson {
        id: &m.id,
        phase: &plan.phases[m.phase].id,
        title: &m.title,
        short: &m.short,
        description: &m.description,
        status: s.status,
        overdue: s.overdue,
        planned: s.planned.iso(),
        planned_precision: s.planned.precision(),
        original_planned: s.original_planned.iso(),
        original_status: m.status,
        done_on: s.done_on.map(|d| iso_date(&d)),
        url: PerLang::from_fn(|l| milestone_url(site, l, s.id)),
        history: s
            .history
            .iter()
            .map(|h| HistoryJson {
                date: iso_date(&h.date),
                status: h.status,
                planned: h.planned.map(|p| p.iso()),
                note: PerLang::from_fn(|l| h.note.get(l).as_deref()),
                release: PerLang::from_fn(|l| {
                    h.release
                        .get(l)
                        .map(|i| site.config.abs_url(&site.release_path(i)))
                }),
            })
            .collect(),
        releases: releases_of(site, s),
    }
}

/// The document without its milestones (`"milestones": []`).
fn doc(site: &Site) -> Doc<'_> {
    let plan = &site.plan;
    Doc {
        schema: SCHEMA,
        as_of: rfc3339(&site.now),
        as_of_date: iso_date(&site.now),
        base_url: &site.config.base_url,
        phases: plan
            .phases
            .iter()
            .enumerate()
            .map(|(pi, p)| PhaseJson {
                id: &p.id,
                name: &p.name,
                years: [p.years.0, p.years.1],
                milestones: plan
                    .milestones
                    .iter()
                    .filter(|m| m.phase == pi)
                    .map(|m| m.id.as_str())
                    .collect(),
            })
            .collect(),
        milestones: Vec::new(),
    }
}

/// How deep a milestone sits in the file: in the document's `milestones` array.
const PART_INDENT: &[u8] = b"    ";

/// `milestones.json`: the document, with each milestone's part made again only where
/// `kept` does not hold it for the same inputs. The file is laid out as
/// `serde_json::to_vec_pretty` lays out the whole document.
fn json(site: &Site, kept: &mut Kept, cards: &[Fp]) -> Vec<u8> {
    let mut parts = std::mem::take(&mut kept.parts);
    let old: Vec<Option<(Fp, Vec<u8>)>> = site
        .milestones
        .iter()
        .map(|s| parts.remove(site.plan.milestones[s.id.index()].id.as_str()))
        .collect();
    // Each milestone's part side by side: the kept one if it is still right, or made.
    let now: Vec<(Fp, Vec<u8>)> = old
        .into_par_iter()
        .zip(site.milestones.par_iter())
        .map(|(old, s)| {
            let sig = part_signature(site, s, cards);
            match old {
                Some((was, bytes)) if was == sig => (sig, bytes),
                _ => (sig, made(site, s)),
            }
        })
        .collect();
    let sigs: Vec<Fp> = now.iter().map(|(sig, _)| *sig).collect();
    for (s, part) in site.milestones.iter().zip(now) {
        let id = &site.plan.milestones[s.id.index()].id;
        kept.parts.insert(id.clone(), part);
    }
    let tail = match kept.tail.take() {
        Some((was, tail)) if was == sigs => tail,
        _ => tail(site, kept),
    };
    let out = head(site, &tail);
    kept.tail = Some((sigs, tail));
    out
}

/// One milestone's part, as the whole document's serialization lays it out.
fn made(site: &Site, s: &MilestoneState) -> Vec<u8> {
    let alone = serde_json::to_vec_pretty(&milestone_json(site, s)).expect("plain data");
    // Indented one level deeper than alone, line by line: a string's line breaks are
    // written `\n`, so every byte 10 is between two values.
    let mut part = Vec::with_capacity(alone.len() + alone.len() / 8);
    for line in alone.split_inclusive(|&b| b == b'\n') {
        part.extend_from_slice(PART_INDENT);
        part.extend_from_slice(line);
    }
    part
}

/// The document's head (everything before the `milestones` array) followed by `tail`.
fn head(site: &Site, tail: &[u8]) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&doc(site)).expect("plain data serializes");
    let empty = b"[]\n}";
    debug_assert!(out.ends_with(empty));
    out.truncate(out.len() - empty.len());
    out.reserve_exact(tail.len());
    out.extend_from_slice(tail);
    out
}

/// The `milestones` array with the parts `kept` holds, in the site's order, and the end
/// of the document.
fn tail(site: &Site, kept: &Kept) -> Vec<u8> {
    if site.milestones.is_empty() {
        return b"[]\n}\n".to_vec();
    }
    let ids = site
        .milestones
        .iter()
        .map(|s| &kept.parts[site.plan.milestones[s.id.index()].id.as_str()].1);
    let mut out = Vec::with_capacity(ids.clone().map(|p| p.len() + 2).sum::<usize>() + 16);
    out.extend_from_slice(b"[\n");
    for (i, part) in ids.enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(part);
    }
    out.extend_from_slice(b"\n  ]\n}\n");
    out
}

const CSV_HEADER: [&str; 17] = [
    "id",
    "phase",
    "phase_name_ko",
    "phase_name_en",
    "title_ko",
    "title_en",
    "status",
    "overdue",
    "planned",
    "planned_precision",
    "original_planned",
    "done_on",
    "last_update",
    "description_ko",
    "description_en",
    "url_ko",
    "url_en",
];

fn csv(site: &Site) -> Vec<u8> {
    let rows = site.milestones.iter().map(|s| {
        let m = &site.plan.milestones[s.id.index()];
        let phase = &site.plan.phases[m.phase];
        let precision = match s.planned.precision() {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        };
        [
            m.id.clone(),
            phase.id.clone(),
            phase.name.ko.clone(),
            phase.name.en.clone(),
            m.title.ko.clone(),
            m.title.en.clone(),
            s.status.key().to_string(),
            s.overdue.to_string(),
            s.planned.iso(),
            precision.to_string(),
            s.original_planned.iso(),
            s.done_on.map(|d| iso_date(&d)).unwrap_or_default(),
            s.history
                .last()
                .map(|h| iso_date(&h.date))
                .unwrap_or_default(),
            m.description.ko.clone(),
            m.description.en.clone(),
            milestone_url(site, Lang::Ko, s.id),
            milestone_url(site, Lang::En, s.id),
        ]
    });
    super::csv::table(&CSV_HEADER, rows)
}

/// The host of the site's base URL, for event UIDs.
fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split('/').next().unwrap_or(rest);
    host.rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(host, |(h, _)| h)
}

fn ics(site: &Site, words: &Words) -> Vec<u8> {
    let mut w = ical::Writer::new();
    let host = host(&site.config.base_url);
    let stamp = site.now.naive_utc().format("%Y%m%dT%H%M%SZ").to_string();
    w.raw("BEGIN", "VCALENDAR")
        .raw("VERSION", "2.0")
        .raw("PRODID", "-//gongbo//milestones//EN")
        .raw("CALSCALE", "GREGORIAN")
        .raw("METHOD", "PUBLISH")
        .text(
            "X-WR-CALNAME",
            &format!(
                "{} / {}",
                site.config.language(Lang::Ko).title,
                site.config.language(Lang::En).title
            ),
        );
    for s in &site.milestones {
        if s.planned.precision() == Precision::Year {
            continue;
        }
        let m = &site.plan.milestones[s.id.index()];
        let start = s.planned.first_day();
        let end = s
            .planned
            .last_day()
            .succ_opt()
            .expect("dates are far from the end");
        let status = match s.status {
            Status::Done => "CONFIRMED",
            Status::Cancelled => "CANCELLED",
            _ => "TENTATIVE",
        };
        let description = [
            format!(
                "{} / {}",
                status_word(words, s.status, Lang::Ko),
                status_word(words, s.status, Lang::En)
            ),
            m.description.ko.clone(),
            m.description.en.clone(),
            milestone_url(site, Lang::Ko, s.id),
        ]
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
        w.raw("BEGIN", "VEVENT")
            .raw("UID", &format!("{}@{host}", m.id))
            .raw("DTSTAMP", &stamp)
            .raw("DTSTART;VALUE=DATE", &start.format("%Y%m%d").to_string())
            .raw("DTEND;VALUE=DATE", &end.format("%Y%m%d").to_string())
            .text("SUMMARY", &format!("{} / {}", m.title.ko, m.title.en))
            .text("DESCRIPTION", &description)
            .raw("STATUS", status)
            .text("CATEGORIES", s.status.key())
            .raw("URL", &milestone_url(site, Lang::Ko, s.id))
            .raw("TRANSP", "TRANSPARENT")
            .raw("END", "VEVENT");
    }
    w.raw("END", "VCALENDAR");
    w.finish().into_bytes()
}

/// The status in words, from the theme's strings (`status_<key>`).
fn status_word(words: &Words, s: Status, lang: Lang) -> &str {
    let key = format!("status_{}", s.key());
    words.get(lang).get(&key).map_or(s.key(), String::as_str)
}

#[cfg(test)]
mod tests;
