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
///
/// The fields are gathered in a buffer and hashed in one call at [`Hasher::finish`]:
/// XXH3 gives the same digest for the same bytes either way (a test checks it), and a
/// build makes tens of thousands of small fingerprints of a dozen short fields each,
/// where the streaming state (a 600-byte struct set up, moved and fed a few bytes at a
/// time) was most of the cost: 6–10 % of a `serve` rebuild's samples under `perf` at 10,000
/// releases.
pub struct Hasher(Vec<u8>);

impl Hasher {
    /// A hasher for a fingerprint of kind `kind` (a short tag such as `"release-page"`),
    /// so fingerprints of different kinds of things never coincide.
    pub fn new(kind: &str) -> Hasher {
        let mut h = Hasher(Vec::with_capacity(256));
        h.str(kind);
        h
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.extend_from_slice(&(b.len() as u64).to_le_bytes());
        self.0.extend_from_slice(b);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub fn u64(&mut self, n: u64) -> &mut Self {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }

    pub fn i64(&mut self, n: i64) -> &mut Self {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }

    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.0.push(u8::from(b));
        self
    }

    pub fn fp(&mut self, f: Fp) -> &mut Self {
        self.0.extend_from_slice(&f.0.to_le_bytes());
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
        Fp::of(&self.0)
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

    /// The buffered hasher gives what XXH3's streaming state gave for the same fields
    /// (the fingerprints of caches written before it was buffered stay valid), for
    /// inputs below, at and above XXH3's internal block and buffer sizes.
    #[test]
    fn the_buffered_hasher_matches_streaming_xxh3() {
        use xxhash_rust::xxh3::Xxh3;
        for n in [
            0usize, 1, 16, 17, 128, 129, 240, 241, 255, 256, 257, 1024, 1025, 5000,
        ] {
            let field: Vec<u8> = (0..n).map(|i| (i * 7 + n) as u8).collect();
            let ours = Hasher::new("kind")
                .bytes(&field)
                .u64(n as u64)
                .bool(n % 2 == 0)
                .opt_str(None)
                .opt_str(Some("값"))
                .fp(Fp(n as u128))
                .finish();
            let mut x = Xxh3::new();
            x.update(&4u64.to_le_bytes());
            x.update(b"kind");
            x.update(&(n as u64).to_le_bytes());
            x.update(&field);
            x.update(&(n as u64).to_le_bytes());
            x.update(&[u8::from(n % 2 == 0)]);
            x.update(&[0]);
            x.update(&[1]);
            x.update(&3u64.to_le_bytes());
            x.update("값".as_bytes());
            x.update(&(n as u128).to_le_bytes());
            assert_eq!(ours, Fp(x.digest128()), "n = {n}");
        }
    }
}
