//! Openings: where in a text one of many patterns may start, told from the patterns' first bytes
//! without running their automaton over every byte. The automaton is then tried anchored at
//! those few places alone, which finds what its search of the whole text finds (see the callers).

/// The openings of a set of patterns: the bytes they open with, and their first bytes (four, or
/// all of a shorter pattern) hashed to a bit per length. A place passes when its bytes open some
/// pattern, or share a hash with an opening; no place where a pattern starts is ever turned away.
pub(crate) struct Openings {
    /// Each byte as the patterns are compared: ASCII letters lower-cased for a case-blind set.
    fold: [u8; 256],
    /// By folded byte: whether a pattern opens with it.
    first_bytes: [bool; 256],
    /// Per length from one byte to four (patterns of four bytes or more): the hashed bits of the
    /// openings of that length, empty when no pattern has it.
    hashed: [Vec<u64>; 4],
}

/// Hashed bits per length: a few thousand openings set a few bits in a hundred.
const BITS: usize = 1 << 16;

impl Openings {
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>, fold_case: bool) -> Self {
        let mut fold = [0u8; 256];
        for (b, folded) in (0..=u8::MAX).zip(fold.iter_mut()) {
            *folded = if fold_case { b.to_ascii_lowercase() } else { b };
        }
        let mut openings = Openings {
            fold,
            first_bytes: [false; 256],
            hashed: Default::default(),
        };
        for pattern in patterns {
            let bytes = pattern.as_bytes();
            let Some(&first) = bytes.first() else {
                // An empty pattern starts anywhere.
                openings.first_bytes = [true; 256];
                openings.hashed = std::array::from_fn(|_| vec![u64::MAX; BITS / 64]);
                return openings;
            };
            openings.first_bytes[usize::from(openings.fold[usize::from(first)])] = true;
            let width = bytes.len().min(4);
            let bit = openings
                .bit(bytes, 0, width)
                .expect("the pattern has these bytes");
            let bits = &mut openings.hashed[width - 1];
            if bits.is_empty() {
                bits.resize(BITS / 64, 0);
            }
            bits[bit >> 6] |= 1 << (bit & 63);
        }
        openings
    }

    /// The bit of the `width` bytes at `at`, if the text has that many there.
    fn bit(&self, bytes: &[u8], at: usize, width: usize) -> Option<usize> {
        let opening = bytes.get(at..at + width)?;
        let word = opening.iter().enumerate().fold(0u32, |word, (i, &b)| {
            word | u32::from(self.fold[usize::from(b)]) << (8 * i)
        });
        Some((word.wrapping_mul(0x9E37_79B1) >> 16) as usize)
    }

    /// Whether a pattern may start at `at`.
    pub fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        bytes
            .get(at)
            .is_some_and(|&b| self.first_bytes[usize::from(self.fold[usize::from(b)])])
            && (1..=4).rev().any(|width| {
                let bits = &self.hashed[width - 1];
                !bits.is_empty()
                    && self
                        .bit(bytes, at, width)
                        .is_some_and(|bit| bits[bit >> 6] & (1 << (bit & 63)) != 0)
            })
    }

    /// The first place from `at` on where a pattern may start.
    pub fn next(&self, bytes: &[u8], mut at: usize) -> Option<usize> {
        loop {
            let rest = bytes.get(at..)?;
            let start = at
                + rest
                    .iter()
                    .position(|&b| self.first_bytes[usize::from(self.fold[usize::from(b)])])?;
            if self.may_start(bytes, start) {
                return Some(start);
            }
            at = start + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_a_pattern_starts_passes_and_most_others_do_not() {
        let patterns = ["Barack Obama", "von der Leyen", "AP", "é", "Kim Jong Un"];
        let text =
            "Then Barack Obama met AP and von der Leyen; é is Kim Jong Un's. apart from barack";
        for fold_case in [false, true] {
            let openings = Openings::new(patterns, fold_case);
            let bytes = text.as_bytes();
            let passed: Vec<usize> = (0..bytes.len())
                .filter(|&at| openings.may_start(bytes, at))
                .collect();
            for pattern in patterns {
                for (at, _) in text.match_indices(pattern) {
                    assert!(passed.contains(&at), "{pattern} at {at}");
                }
            }
            // Only case-blind openings take `ap` and `barack`.
            let lower = [text.find("apart").unwrap(), text.rfind("barack").unwrap()];
            assert_eq!(lower.iter().all(|at| passed.contains(at)), fold_case);
            assert!(passed.len() < 12, "{passed:?}");
            let mut walked = Vec::new();
            let mut at = 0;
            while let Some(start) = openings.next(bytes, at) {
                walked.push(start);
                at = start + 1;
            }
            assert_eq!(walked, passed);
        }
    }
}
