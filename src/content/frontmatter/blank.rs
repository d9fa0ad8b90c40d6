//! [`Blankable`]: an optional front matter value that may also be written as an empty
//! text. Web forms (the CMS of `gongbo cms`, docs/cms.md) write a field the editor
//! emptied as `""`; for an optional value that means "not given", the same as leaving the
//! key out or writing `~`. Anything else goes to `T` as it was written, so `T`'s own
//! errors (a wrong date, an unknown kind) keep their wording and serde_yaml's position.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// An optional `T`; `""` (or only spaces), `~`, `null` and a missing key are all absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blankable<T>(pub Option<T>);

impl<T> Default for Blankable<T> {
    fn default() -> Self {
        Blankable(None)
    }
}

impl<T> Blankable<T> {
    pub fn into_option(self) -> Option<T> {
        self.0
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Blankable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BlankVisitor(PhantomData)).map(Blankable)
    }
}

/// A list where `""`, `~` and `null` are the empty list, for
/// `#[serde(default, deserialize_with = "list")]`: a form writes `null` for a list it
/// copies empty from the other language.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Blankable::<Vec<T>>::deserialize(d).map(|b| b.0.unwrap_or_default())
}

/// A switch where `""`, `~` and `null` are `false`.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Blankable::<bool>::deserialize(d).map(|b| b.0.unwrap_or(false))
}

struct BlankVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for BlankVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value, or nothing")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        T::deserialize(v.into_deserializer()).map(Some)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<T>, E> {
        self.visit_str(&v)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<T>, E> {
        T::deserialize(v.into_deserializer()).map(Some)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        T::deserialize(v.into_deserializer()).map(Some)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        T::deserialize(v.into_deserializer()).map(Some)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        T::deserialize(v.into_deserializer()).map(Some)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
        T::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::DateInput;
    use crate::types::Kogl;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct F {
        #[serde(default)]
        when: Blankable<DateInput>,
        #[serde(default)]
        kogl: Blankable<Kogl>,
        #[serde(default, deserialize_with = "list")]
        tags: Vec<String>,
        #[serde(default, deserialize_with = "flag")]
        draft: bool,
    }

    fn parse(yaml: &str) -> Result<F, String> {
        serde_yaml::from_str(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn empty_text_null_and_a_missing_key_are_absent() {
        for yaml in [
            "when: \"\"",
            "when: '  '",
            "when: ~",
            "when:",
            "{}",
            "kogl: \"\"",
        ] {
            let f = parse(yaml).unwrap();
            assert_eq!((f.when.0, f.kogl.0), (None, None), "{yaml}");
        }
    }

    #[test]
    fn values_and_their_errors_are_those_of_the_type() {
        let f = parse("when: 2026-03-02T09:30\nkogl: 3").unwrap();
        assert!(f.when.0.is_some());
        assert_eq!(f.kogl.0.map(Kogl::number), Some(3));
        let e = parse("when: 2026-02-30").unwrap_err();
        assert!(e.contains("February 2026 has 28 days"), "{e}");
        assert!(e.contains("line 1"), "{e}");
        let e = parse("kogl: 7").unwrap_err();
        assert!(e.contains("use 1, 2, 3 or 4"), "{e}");
        let e = parse("when: 2026").unwrap_err();
        assert!(e.contains("not a full date"), "{e}");
        assert!(parse("when: [1]").is_err());
    }

    #[test]
    fn null_lists_are_empty_and_null_switches_off() {
        for yaml in [
            "tags: null\ndraft: null",
            "tags: ~\ndraft: \"\"",
            "tags: []",
            "{}",
        ] {
            let f = parse(yaml).unwrap();
            assert!(f.tags.is_empty() && !f.draft, "{yaml}");
        }
        let f = parse("tags: [a, 2026]\ndraft: true").unwrap();
        assert_eq!(f.tags, ["a", "2026"]);
        assert!(f.draft);
        assert!(parse("tags: 3").is_err());
        assert!(parse("draft: \"yes\"").is_err());
    }
}
