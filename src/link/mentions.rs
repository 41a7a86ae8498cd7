//! Finding actors named in running text: one Aho-Corasick automaton over every actor name and
//! alias, built once per build, so scanning costs time linear in the text whatever the cast.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::Term;

/// Shortest name worth matching: avoids linking two-letter aliases inside ordinary words.
const MIN_NAME_LEN: usize = 3;

/// An actor named at `start..end` of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub actor: usize,
}

/// The automaton over all actor names, and which actor each pattern names.
#[derive(Debug)]
pub struct NameMatcher {
    automaton: Option<AhoCorasick>,
    actor_of: Vec<usize>,
}

impl NameMatcher {
    /// `aliases[t]` are the extra names of actor term `t`.
    pub fn new(actors: &[Term], aliases: &[&[String]]) -> Self {
        let mut patterns = Vec::new();
        let mut actor_of = Vec::new();
        for (i, term) in actors.iter().enumerate() {
            let names = std::iter::once(&term.name)
                .chain(aliases.get(i).into_iter().flat_map(|a| a.iter()));
            for name in names {
                let name = name.trim();
                if name.len() >= MIN_NAME_LEN {
                    patterns.push(name.to_string());
                    actor_of.push(i);
                }
            }
        }
        let automaton = (!patterns.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        NameMatcher {
            automaton,
            actor_of,
        }
    }

    /// Every whole-word actor name in `text`, left to right, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        automaton
            .find_iter(text)
            .filter(|m| word_boundary(text, m.start(), m.end()))
            .map(|m| Mention {
                start: m.start(),
                end: m.end(),
                actor: self.actor_of[m.pattern().as_usize()],
            })
            .collect()
    }
}

/// Whether `text[start..end]` is a whole word (not part of a longer word).
fn word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
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
                    actor: 1
                },
                Mention {
                    start: 29,
                    end: 33,
                    actor: 2
                }
            ]
        );
    }
}
