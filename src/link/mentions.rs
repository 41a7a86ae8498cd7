//! Finding actors named in running text: one Aho-Corasick automaton over every actor name and
//! alias, built once per build, so scanning costs time linear in the text whatever the cast.
//! Names start words, so the automaton is asked only at word starts whose first byte begins some
//! name (a capital letter, in English): a table skips the rest of the text several times faster
//! than the automaton walks it.

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

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
            if ends_word(text, m.end()) {
                let mut mention = Mention {
                    start,
                    end: m.end(),
                    actor: self.actor_of[m.pattern().as_usize()],
                };
                mention.end = self.extended_end(text, &mention);
                at = mention.end;
                mentions.push(mention);
            }
        }
        mentions
    }

    /// Where a mention really ends: an alias such as "President Moon" is cut short when the text
    /// goes on with a longer name of the same person ("President Moon Jae-in"), which starts
    /// inside it and so loses to it in a left-to-right search.
    fn extended_end(&self, text: &str, mention: &Mention) -> usize {
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
