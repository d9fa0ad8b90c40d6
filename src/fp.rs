//! Fingerprints: 128-bit XXH3 hashes of what an output is made from. An incremental build
//! compares an output's fingerprint with the one it had in the previous build and
//! renders the output again only when they differ.
//!
//! A [`Hasher`] takes its input field by field, each written with its length, so two
//! different sequences of fields never hash the same way by running into each other
//! (`"ab" + "c"` and `"a" + "bc"`). XXH3 is not a cryptographic hash: a fingerprint
//! decides whether to re-render, and every input that can reach it comes from the
//! site's own files, so an editor who wanted to collide two of them could simply write
//! the output they want instead.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// A fingerprint.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Fp(pub u128);

impl Fp {
    /// The fingerprint of some bytes.
    pub fn of(bytes: &[u8]) -> Fp {
        Fp(xxhash_rust::xxh3::xxh3_128(bytes))
    }
}

/// Builds a fingerprint from typed fields.
pub struct Hasher(Xxh3);

impl Hasher {
    /// A hasher for a fingerprint of kind `kind` (a short tag such as `"release-page"`),
    /// so fingerprints of different kinds of things never coincide.
    pub fn new(kind: &str) -> Hasher {
        let mut h = Hasher(Xxh3::new());
        h.str(kind);
        h
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub fn u64(&mut self, n: u64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn i64(&mut self, n: i64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.0.update(&[u8::from(b)]);
        self
    }

    pub fn fp(&mut self, f: Fp) -> &mut Self {
        self.0.update(&f.0.to_le_bytes());
        self
    }

    /// An optional value: whether it is there, then the value.
    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.bool(true).str(s),
            None => self.bool(false),
        }
    }

    pub fn finish(&self) -> Fp {
        Fp(self.0.digest128())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_do_not_run_into_each_other() {
        let ab_c = Hasher::new("k").str("ab").str("c").finish();
        let a_bc = Hasher::new("k").str("a").str("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_ne!(
            Hasher::new("k").str("x").finish(),
            Hasher::new("l").str("x").finish()
        );
        assert_eq!(
            Hasher::new("k").str("ab").str("c").finish(),
            ab_c,
            "the same fields give the same fingerprint"
        );
    }

    /// Fingerprints are kept between builds and machines: the same input gives the same
    /// value everywhere (XXH3 is specified byte for byte).
    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(Fp::of(b"gongbo").0, xxhash_rust::xxh3::xxh3_128(b"gongbo"));
        assert_eq!(
            format!("{:032x}", Fp::of(b"").0),
            "99aa06d3014798d86001c324468d497f"
        );
    }
}
