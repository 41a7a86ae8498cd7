//! Finding actors named in running text: one Aho-Corasick automaton over every actor name and
//! alias, built once per build, so scanning costs time linear in the text whatever the cast.
//! Names start words, so the automaton is asked only at word starts whose first byte begins some
//! name (a capital letter, in English): a table skips the rest of the text several times faster
//! than the automaton walks it.

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use std::ops::Range;

use super::{Term, TermId};

/// Shortest name worth matching: avoids linking two-letter aliases inside ordinary words.
const MIN_NAME_LEN: usize = 3;

/// An actor named at `start..end` of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub actor: TermId,
}

/// The automaton over all actor names, and which actor each pattern names.
#[derive(Debug)]
pub struct NameMatcher {
    automaton: Option<AhoCorasick>,
    actor_of: Vec<TermId>,
    /// Which bytes begin some name.
    first_bytes: [bool; 256],
}

impl NameMatcher {
    /// `aliases[t]` are the extra names of actor term `t`.
    pub fn new(actors: &[Term], aliases: &[&[String]]) -> Self {
        let mut patterns = Vec::new();
        let mut actor_of = Vec::new();
        let mut first_bytes = [false; 256];
        for (i, term) in actors.iter().enumerate() {
            let names = std::iter::once(&term.name)
                .chain(aliases.get(i).into_iter().flat_map(|a| a.iter()));
            for name in names {
                let name = name.trim();
                if name.len() >= MIN_NAME_LEN {
                    first_bytes[usize::from(name.as_bytes()[0])] = true;
                    patterns.push(name.to_string());
                    actor_of.push(TermId::new(i));
                }
            }
        }
        let automaton = (!patterns.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    // A DFA costs memory (a few MB for thousands of names) but scans bodies
                    // several times faster than the NFA the builder picks for large sets.
                    .kind(Some(AhoCorasickKind::DFA))
                    // Every search asks only for the names that start at one place.
                    .start_kind(StartKind::Anchored)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        NameMatcher {
            automaton,
            actor_of,
            first_bytes,
        }
    }

    /// Every whole-word actor name in `text`, left to right, not overlapping: at each word start,
    /// the longest name that starts there and ends a word.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_observing(text, &mut |_, _| {})
    }

    /// [`NameMatcher::find`] over `text`, and over each of its `segments` (sorted, apart) what
    /// `find` of the segment alone gives, offsets relative to the segment, where one pass over
    /// `text` settles it: a paragraph's names and those of its texts from one run of the
    /// automaton. `None` for a segment whose own search could differ (a name may cross its
    /// edge, or a word runs into it): the caller searches it alone.
    pub fn find_with_segments(
        &self,
        text: &str,
        segments: &[Range<usize>],
    ) -> (Vec<Mention>, Vec<Option<Vec<Mention>>>) {
        // Each segment's names; `None` once its own search could differ.
        let mut found: Vec<Option<Vec<Mention>>> = vec![Some(Vec::new()); segments.len()];
        // The segment holding byte `at`, if any.
        let holding = |at: usize| {
            let s = segments.partition_point(|r| r.end <= at);
            segments.get(s).filter(|r| r.start <= at).map(|_| s)
        };
        // A match found from inside a segment that ends past it, or at its end where the text
        // goes on with a word, may have been another match in the segment alone.
        let mentions = self.find_observing(text, &mut |start, end| {
            if let Some(s) = holding(start) {
                let edge = segments[s].end;
                if end > edge || (end == edge && !ends_word(text, edge)) {
                    found[s] = None;
                }
            }
        });
        for (s, range) in segments.iter().enumerate() {
            // The segment's first word is a word start alone, but not always in the text.
            let first = text.as_bytes().get(range.start).copied();
            if first.is_some_and(|b| self.first_bytes[usize::from(b)])
                && !starts_word(text, range.start)
            {
                found[s] = None;
            }
        }
        for mention in &mentions {
            // A mention running over a segment's start hides where that segment's search begins.
            let first_after = segments.partition_point(|r| r.start <= mention.start);
            for s in first_after..segments.len() {
                if segments[s].start >= mention.end {
                    break;
                }
                found[s] = None;
            }
            if let Some(s) = holding(mention.start) {
                let start = segments[s].start;
                if let Some(list) = found[s].as_mut() {
                    list.push(Mention {
                        start: mention.start - start,
                        end: mention.end - start,
                        actor: mention.actor,
                    });
                }
            }
        }
        (mentions, found)
    }

    /// [`NameMatcher::find`], telling `observe` the start and end of every match the automaton
    /// finds on the way, kept or not.
    fn find_observing(&self, text: &str, observe: &mut impl FnMut(usize, usize)) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut mentions = Vec::new();
        let mut at = 0;
        while let Some(offset) = bytes[at..]
            .iter()
            .position(|&b| self.first_bytes[usize::from(b)])
        {
            // A name's first byte begins a character, so `start` is a character boundary.
            let start = at + offset;
            at = start + 1;
            if !starts_word(text, start) {
                continue;
            }
            let input = Input::new(text).range(start..).anchored(Anchored::Yes);
            let Some(m) = automaton.find(input) else {
                continue;
            };
            observe(start, m.end());
            if ends_word(text, m.end()) {
                let mut mention = Mention {
                    start,
                    end: m.end(),
                    actor: self.actor_of[m.pattern().as_usize()],
                };
                mention.end = self.extended_end(text, &mention, observe);
                at = mention.end;
                mentions.push(mention);
            }
        }
        mentions
    }

    /// Where a mention really ends: an alias such as "President Moon" is cut short when the text
    /// goes on with a longer name of the same person ("President Moon Jae-in"), which starts
    /// inside it and so loses to it in a left-to-right search.
    fn extended_end(
        &self,
        text: &str,
        mention: &Mention,
        observe: &mut impl FnMut(usize, usize),
    ) -> usize {
        let Some(automaton) = &self.automaton else {
            return mention.end;
        };
        let mut end = mention.end;
        let inner = &text[mention.start..mention.end];
        for (at, _) in inner.match_indices(' ') {
            let from = mention.start + at + 1;
            // Anchored: a name must start right here, so the search never runs on past it.
            let Some(m) = automaton.find(Input::new(text).range(from..).anchored(Anchored::Yes))
            else {
                continue;
            };
            observe(from, m.end());
            let (start, stop) = (m.start(), m.end());
            if start == from
                && stop > end
                && self.actor_of[m.pattern().as_usize()] == mention.actor
                && word_boundary(text, start, stop)
            {
                end = stop;
            }
        }
        end
    }
}

/// Whether `text[start..end]` is a whole word (not part of a longer word).
fn word_boundary(text: &str, start: usize, end: usize) -> bool {
    starts_word(text, start) && ends_word(text, end)
}

/// Whether no letter or digit comes right before `at`.
fn starts_word(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Whether no letter or digit comes right after `at`.
fn ends_word(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(name: &str) -> Term {
        Term::new(name.to_lowercase(), name.to_string(), None)
    }

    #[test]
    fn longest_whole_word_names_win() {
        let actors = [term("Moon"), term("Moon Jae-in"), term("Kang")];
        let aliases: Vec<&[String]> = vec![&[], &[], &[]];
        let matcher = NameMatcher::new(&actors, &aliases);
        let found = matcher.find("Moon Jae-in met Kangaroo and Kang.");
        assert_eq!(
            found,
            vec![
                Mention {
                    start: 0,
                    end: 11,
                    actor: TermId::new(1)
                },
                Mention {
                    start: 29,
                    end: 33,
                    actor: TermId::new(2)
                }
            ]
        );
    }

    #[test]
    fn a_title_alias_extends_to_the_full_name_that_follows() {
        let actors = [term("Moon Jae-in"), term("Kim Jong-un")];
        let president_moon = ["President Moon".to_string(), "Moon".to_string()];
        let aliases: Vec<&[String]> = vec![&president_moon, &[]];
        let matcher = NameMatcher::new(&actors, &aliases);
        let text = "President Moon Jae-in met Kim Jong-un. President Moon said so.";
        let found = matcher.find(text);
        let names: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(
            names,
            ["President Moon Jae-in", "Kim Jong-un", "President Moon"]
        );
        assert_eq!(found[0].actor, TermId::new(0));
    }

    /// What one search of a text settles for its segments is what each segment's own search
    /// finds, in texts built to put names across, against and inside segment edges.
    #[test]
    fn segments_settled_by_the_text_search_match_their_own_search() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let actors = [
            term("Moon"),
            term("Moon Jae-in"),
            term("Kim Jong-un"),
            term("Kang"),
        ];
        let president_moon = ["President Moon".to_string()];
        let aliases: Vec<&[String]> = vec![&[], &president_moon, &[], &[]];
        let matcher = NameMatcher::new(&actors, &aliases);
        let pieces = prop::sample::select(vec![
            "Moon",
            "Moon Jae-in",
            "President",
            "President Moon",
            " ",
            " ",
            "Jae-in",
            "Kim",
            "Jong-un",
            "Kang",
            "aroo",
            "“",
            ", ",
            "é",
            "1",
        ]);
        let case = (prop::collection::vec(pieces, 0..12), any::<u64>());
        let mut runner = TestRunner::new(Config {
            cases: 10_000,
            failure_persistence: None,
            ..Config::default()
        });
        // Settled segments that name someone: the test must reach them, not only the unsettled.
        let settled_names = std::cell::Cell::new(0usize);
        runner
            .run(&case, |(pieces, cuts)| {
                let text: String = pieces.concat();
                // Segments: the pieces, some of them left out (a gap is text no segment covers).
                let mut segments = Vec::new();
                let mut at = 0;
                for (n, piece) in pieces.iter().enumerate() {
                    if cuts >> (n % 64) & 1 == 1 {
                        segments.push(at..at + piece.len());
                    }
                    at += piece.len();
                }
                let (mentions, settled) = matcher.find_with_segments(&text, &segments);
                prop_assert_eq!(&mentions, &matcher.find(&text));
                for (range, settled) in segments.iter().zip(settled) {
                    if let Some(found) = settled {
                        settled_names.set(settled_names.get() + usize::from(!found.is_empty()));
                        prop_assert_eq!(found, matcher.find(&text[range.clone()]), "{:?}", range);
                    }
                }
                Ok(())
            })
            .unwrap();
        assert!(settled_names.get() > 100, "{} settled", settled_names.get());
    }

    #[test]
    fn a_plain_paragraph_is_settled_by_one_search() {
        let actors = [term("Moon Jae-in")];
        let aliases: Vec<&[String]> = vec![&[]];
        let matcher = NameMatcher::new(&actors, &aliases);
        let text = "“Yes,” Moon Jae-in said. Then Moon Jae-in left.";
        let quote_end = "“Yes,”".len();
        let segments = [0..quote_end, quote_end..text.len()];
        let (mentions, settled) = matcher.find_with_segments(text, &segments);
        assert_eq!(mentions.len(), 2);
        let second = settled[1].as_ref().expect("no name crosses an edge");
        assert_eq!(second.len(), 2);
        assert_eq!(second[0].start, " ".len());
    }

    #[test]
    fn a_name_across_a_segment_edge_leaves_the_segment_to_its_own_search() {
        let actors = [term("Moon"), term("Moon Jae-in")];
        let aliases: Vec<&[String]> = vec![&[], &[]];
        let matcher = NameMatcher::new(&actors, &aliases);
        // A line break inside the name: the paragraph reads it whole, the texts in two parts.
        let text = "Moon Jae-in spoke";
        let segments = [0..4, 5..text.len()];
        let (mentions, settled) = matcher.find_with_segments(text, &segments);
        assert_eq!(mentions[0].end, 11);
        assert_eq!(settled[0], None);
        assert_eq!(settled[1], None);
    }

    #[test]
    fn a_longer_name_is_found_after_any_word_of_the_alias() {
        // No name starts at "President", but one starts at "Moon": the look goes on to it.
        let actors = [term("Moon Jae-in")];
        let vice_president_moon = ["Vice President Moon".to_string()];
        let aliases: Vec<&[String]> = vec![&vice_president_moon];
        let matcher = NameMatcher::new(&actors, &aliases);
        let text = "Vice President Moon Jae-in spoke. Vice President Moon left.";
        let found = matcher.find(text);
        let names: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(names, ["Vice President Moon Jae-in", "Vice President Moon"]);
    }
}
