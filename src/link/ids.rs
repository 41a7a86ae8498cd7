//! Typed indices into the linked book. An [`ArticleId`] and a [`TermId`] are both positions in
//! a list, but in different lists: naming them apart lets the compiler catch an article index
//! used to look up a term, and `u32` halves the memory of the long index lists (chronology,
//! term articles, backlinks) while still counting four billion articles.

/// An article's position in `Book::articles`, and so in the parallel `LinkedBook::links`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ArticleId(u32);

impl ArticleId {
    /// The id of the article at `index` in `Book::articles`.
    #[inline]
    pub fn new(index: usize) -> Self {
        debug_assert!(
            u32::try_from(index).is_ok(),
            "article index {index} over u32"
        );
        ArticleId(index as u32)
    }

    /// The article's position in `Book::articles` and `LinkedBook::links`.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The ids of a book of `count` articles, in order.
    pub fn all(count: usize) -> impl DoubleEndedIterator<Item = ArticleId> + ExactSizeIterator {
        (0..count).map(ArticleId::new)
    }
}

/// A term's position within its taxonomy's list (`LinkedBook::actors`, `topics`, `outlets` or
/// `years`); which list is said by the [`Taxonomy`](super::Taxonomy) beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TermId(u32);

impl TermId {
    /// The id of the term at `index` in its taxonomy's list.
    #[inline]
    pub fn new(index: usize) -> Self {
        debug_assert!(u32::try_from(index).is_ok(), "term index {index} over u32");
        TermId(index as u32)
    }

    /// The term's position in its taxonomy's list.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The ids of a taxonomy of `count` terms, in order.
    pub fn all(count: usize) -> impl DoubleEndedIterator<Item = TermId> + ExactSizeIterator {
        (0..count).map(TermId::new)
    }
}

/// A term that appears on the same articles as another, and on how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoOccurrence {
    pub term: TermId,
    /// Articles filed under both terms.
    pub shared: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_give_back_the_index_they_were_made_from() {
        for index in [0, 1, 99_999, 150_000, u32::MAX as usize] {
            assert_eq!(ArticleId::new(index).index(), index);
            assert_eq!(TermId::new(index).index(), index);
        }
    }

    #[test]
    fn ids_order_as_their_indices() {
        assert!(ArticleId::new(3) < ArticleId::new(10));
        assert!(TermId::new(0) < TermId::new(1));
        let ids: Vec<usize> = ArticleId::all(4).rev().map(ArticleId::index).collect();
        assert_eq!(ids, vec![3, 2, 1, 0]);
    }

    #[test]
    fn an_id_is_half_a_usize() {
        assert_eq!(std::mem::size_of::<ArticleId>(), 4);
        assert_eq!(std::mem::size_of::<Option<TermId>>(), 8);
    }
}
