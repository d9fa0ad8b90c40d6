use super::*;
use crate::search::index::{doc_terms, BODY, TITLE};
use proptest::prelude::*;

/// A document: key and text (title, body).
type D = (String, String, String);

fn keys(docs: &[D]) -> Vec<DocKey> {
    docs.iter()
        .map(|(k, t, b)| DocKey {
            key: k.clone(),
            fp: Fp::of(format!("{t}\n{b}").as_bytes()),
        })
        .collect()
}

fn read(docs: &[D]) -> impl Fn(usize) -> (Doc, DocTerms) + Sync + '_ {
    move |i| {
        let (k, t, b) = &docs[i];
        let doc = Doc {
            t: t.clone(),
            u: format!("/{k}/"),
            ..Default::default()
        };
        (doc, doc_terms(&[(TITLE, t), (BODY, b)]))
    }
}

/// Every file of an index: shards then groups.
fn files(index: &LangIndex) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let groups = (0..index.groups()).map(|c| index.group(c)).collect();
    (index.all_shards(), groups)
}

fn clean(docs: &[D]) -> LangIndex {
    let mut index = LangIndex::default();
    index.update(&keys(docs), &read(docs));
    index
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "광주",
        "인공지능",
        "데이터센터",
        "예산을",
        "ai",
        "data",
        "center",
        "2024",
        "공공",
        "집적단지",
        "open",
        "opens",
        "실증",
        "센터는",
    ])
    .prop_map(str::to_string)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..6).prop_map(|w| w.join(" "))
}

#[derive(Debug, Clone)]
enum Edit {
    Change(usize, String),
    Append(String),
    Insert(usize, String),
    Remove(usize),
    Swap(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), text()).prop_map(|(i, t)| Edit::Change(i, t)),
        text().prop_map(Edit::Append),
        (any::<usize>(), text()).prop_map(|(i, t)| Edit::Insert(i, t)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// After any sequence of edits, the kept index writes the same files as one built
    /// from nothing, and every file that differs from before is one it says changed;
    /// also when it went to disk and back between edits (every other one).
    #[test]
    fn updates_match_a_clean_build(start in prop::collection::vec(text(), 0..12),
                                   edits in prop::collection::vec(edit(), 1..10)) {
        let mut next = 0;
        let fresh = |next: &mut usize| { *next += 1; format!("k{next}") };
        let mut docs: Vec<D> = start.into_iter()
            .map(|b| (fresh(&mut next), format!("t{}", b.len() % 3), b)).collect();
        let mut kept = clean(&docs);
        for (step, e) in edits.into_iter().enumerate() {
            if step % 2 == 1 {
                let bytes = postcard::to_allocvec(&kept).unwrap();
                kept = postcard::from_bytes(&bytes).unwrap();
                kept.after_load();
            }
            let n = docs.len();
            match e {
                Edit::Change(i, t) if n > 0 => docs[i % n].2 = t,
                Edit::Append(t) => { let k = fresh(&mut next); docs.push((k, "new".into(), t)) }
                Edit::Insert(i, t) => { let k = fresh(&mut next); docs.insert(i % (n + 1), (k, "mid".into(), t)) }
                Edit::Remove(i) if n > 0 => { docs.remove(i % n); }
                Edit::Swap(a, b) if n > 0 => docs.swap(a % n, b % n),
                _ => {}
            }
            let before = files(&kept);
            let changed = kept.update(&keys(&docs), &read(&docs));
            let after = files(&kept);
            prop_assert_eq!(&after, &files(&clean(&docs)));
            if !changed.all {
                for (n, (a, b)) in before.0.iter().zip(&after.0).enumerate() {
                    prop_assert!(a == b || changed.shards.contains(&(n as u32)), "shard {} changed unsaid", n);
                }
                for (c, b) in after.1.iter().enumerate() {
                    let same = before.1.get(c) == Some(b);
                    prop_assert!(same || changed.groups.contains(&(c as u32)), "group {} changed unsaid", c);
                }
            }
        }
    }
}

/// Postings as (doc id, bits) pairs, as they would be kept without the gaps.
fn plain_postings(t: &TermEntry) -> Vec<(u32, u8)> {
    t.postings.iter().map(|p| (p.doc(), p.bits())).collect()
}

#[test]
fn postings_go_to_disk_as_gaps_and_come_back() {
    let t = TermEntry {
        text: "인공".into(),
        hangul: Some(7),
        postings: [(0, 1), (3, 2), (300, 1), (100_000, 4)]
            .map(|(d, b)| Posting::new(d, b))
            .to_vec(),
    };
    let bytes = postcard::to_allocvec(&t).unwrap();
    let back: TermEntry = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(back.postings, t.postings);
    // A common term is in most documents: every gap takes one byte where an id of
    // a large site takes three.
    let common = TermEntry {
        postings: (20_000..30_000).map(|d| Posting::new(d, 1)).collect(),
        ..t.clone()
    };
    let gaps = postcard::to_allocvec(&common).unwrap();
    let plain =
        postcard::to_allocvec(&(&common.text, common.hangul, &plain_postings(&common))).unwrap();
    assert!(
        gaps.len() * 3 < plain.len() * 2,
        "{} against {}",
        gaps.len(),
        plain.len()
    );
    let back: TermEntry = postcard::from_bytes(&gaps).unwrap();
    assert_eq!(back.postings, common.postings);
    // A gap of zero after the first (two postings of one document) is damage.
    let bad = postcard::to_allocvec(&("x", None::<u32>, vec![(5u32, 1u8), (0, 1)])).unwrap();
    assert!(postcard::from_bytes::<TermEntry>(&bad).is_err());
}

#[test]
fn a_few_documents_postings_are_found_as_a_pass_over_every_list_finds_them() {
    let words = [
        "광주 인공지능",
        "data 센터",
        "인공지능 data",
        "광주광역시",
        "센터 개소",
    ];
    let docs: Vec<D> = (0..40)
        .map(|i| {
            (
                format!("k{i}"),
                format!("t{i}"),
                words[i % 5].repeat(1 + i % 3),
            )
        })
        .collect();
    let index = clean(&docs);
    // More than a few: the pass over every list; then each document alone and a few
    // together (with a repeat and one past the end) by bisection.
    let all: Vec<u32> = (0..40).collect();
    let every = index.postings_of(&all);
    assert_eq!(every.len(), 40);
    for d in 0..40u32 {
        assert_eq!(
            index.postings_of(&[d]).get(&d),
            every.get(&d),
            "document {d}"
        );
    }
    let few = index.postings_of(&[31, 2, 17, 2, 99]);
    assert_eq!(few.len(), 3);
    for d in [2, 17, 31] {
        assert_eq!(few.get(&d), every.get(&d));
    }
}

#[test]
fn a_new_newest_document_is_appended_and_touches_only_its_terms() {
    let mut docs: Vec<D> = (0..40)
        .map(|i| {
            (
                format!("k{i}"),
                format!("t{i}"),
                "광주 인공지능 data".to_string(),
            )
        })
        .collect();
    let mut index = clean(&docs);
    docs.push(("k40".into(), "new".into(), "데이터센터".into()));
    let changed = index.update(&keys(&docs), &read(&docs));
    assert!(!changed.all, "{changed:?}");
    assert_eq!(changed.groups, BTreeSet::from([2]));
    assert!(changed.shards.len() <= 4, "{changed:?}");
}
