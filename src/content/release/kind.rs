//! The `kind:` of a release (보도자료 and its relatives): the four kinds, their Korean
//! and English names, and a serde visitor that names the nearest kind on a typo.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::diag::nearest;

/// What kind of document a release is (보도자료 and its relatives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Kind {
    PressRelease,
    Background,
    Explanation,
    Rebuttal,
}

impl Kind {
    const NAMES: [(&'static str, &'static str, Kind); 4] = [
        ("보도자료", "press_release", Kind::PressRelease),
        ("보도참고자료", "background", Kind::Background),
        ("설명자료", "explanation", Kind::Explanation),
        ("해명자료", "rebuttal", Kind::Rebuttal),
    ];

    /// The key of the kind, also the i18n key suffix: `press_release`, …
    pub fn key(self) -> &'static str {
        Kind::NAMES
            .iter()
            .find(|n| n.2 == self)
            .map(|n| n.1)
            .expect("every kind is named")
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a release kind")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Kind, E> {
                let v = v.trim();
                if let Some(n) = Kind::NAMES
                    .iter()
                    .find(|n| n.0 == v || n.1 == v || n.1.replace('_', " ") == v.to_lowercase())
                {
                    return Ok(n.2);
                }
                let all = Kind::NAMES.iter().flat_map(|n| [n.0, n.1]);
                Err(match nearest(v, all) {
                    Some(near) => t!(
                        "`{v}` is not a release kind; did you mean `{near}`? use 보도자료 (press_release), 보도참고자료 (background), 설명자료 (explanation) or 해명자료 (rebuttal)",
                        v,
                        near
                    ),
                    None => t!(
                        "`{v}` is not a release kind; use 보도자료 (press_release), 보도참고자료 (background), 설명자료 (explanation) or 해명자료 (rebuttal)",
                        v
                    ),
                }
                .into_serde())
            }
        }
        d.deserialize_str(V)
    }
}
