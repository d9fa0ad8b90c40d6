//! Postings on disk as the gap from the previous doc id (most gaps fit in one byte of
//! postcard's variable-length integers, where a doc id of a large site takes three):
//! the index is most of the kept state. Gaps that do not add up to increasing ids (a
//! damaged state) are refused.

use serde::de::{Error, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserializer, Serializer};

use super::Posting;

pub fn serialize<S: Serializer>(list: &[Posting], s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(list.len()))?;
    let mut last = 0u32;
    for (i, p) in list.iter().enumerate() {
        let d = p.doc();
        let gap = if i == 0 { d } else { d.wrapping_sub(last) };
        seq.serialize_element(&(gap, p.bits()))?;
        last = d;
    }
    seq.end()
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Posting>, D::Error> {
    struct Gaps;
    impl<'de> Visitor<'de> for Gaps {
        type Value = Vec<Posting>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("postings as gaps")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
            let mut last: Option<u32> = None;
            while let Some((gap, bits)) = seq.next_element::<(u32, u8)>()? {
                let id = match last {
                    None => gap,
                    Some(l) if gap > 0 => l
                        .checked_add(gap)
                        .ok_or_else(|| A::Error::custom("a posting gap overflows"))?,
                    Some(_) => return Err(A::Error::custom("postings out of order")),
                };
                if id >= Posting::MAX_DOCS {
                    return Err(A::Error::custom("a posting's doc id is beyond 24 bits"));
                }
                out.push(Posting::new(id, bits));
                last = Some(id);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Gaps)
}
