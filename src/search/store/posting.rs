//! A posting of the search index in four bytes.

/// One posting: a doc id and the fields the term occurs in, in four bytes (the id in the
/// upper 24 bits, the field bits in the lower 8), so that postings sort by document. A
/// `(u32, u8)` takes eight: at 10,000 releases the postings are nine million, the larger
/// part of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting(u32);

impl Posting {
    /// The most documents an index holds (ids are 24 bits), far beyond any press office's
    /// archive: [`LangIndex::update`](super::LangIndex::update) indexes no more.
    pub const MAX_DOCS: u32 = 1 << 24;

    pub fn new(doc: u32, bits: u8) -> Posting {
        debug_assert!(doc < Self::MAX_DOCS, "doc id {doc} beyond 24 bits");
        Posting((doc << 8) | u32::from(bits))
    }

    pub fn doc(self) -> u32 {
        self.0 >> 8
    }

    pub fn bits(self) -> u8 {
        self.0 as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posting_keeps_its_doc_id_and_bits_and_sorts_by_document() {
        let top = Posting::MAX_DOCS - 1;
        for (d, b) in [(0, 0), (1, 255), (top, 7), (top, 255), (70_000, 3)] {
            let p = Posting::new(d, b);
            assert_eq!((p.doc(), p.bits()), (d, b));
        }
        assert!(Posting::new(2, 255) < Posting::new(3, 0));
        assert!(Posting::new(3, 1) < Posting::new(3, 2));
    }
}
