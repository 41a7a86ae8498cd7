//! Finding actors named in running text: one Aho-Corasick automaton over every actor name and
//! alias, built once per build, so scanning costs time linear in the text whatever the cast.

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

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
                    // A DFA costs memory (a few MB for thousands of names) but scans bodies
                    // several times faster than the NFA the builder picks for large sets.
                    .kind(Some(AhoCorasickKind::DFA))
                    // Anchored searches too: `extended_end` asks only what starts at one place.
                    .start_kind(StartKind::Both)
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
        let mut mentions: Vec<Mention> = automaton
            .find_iter(text)
            .filter(|m| word_boundary(text, m.start(), m.end()))
            .map(|m| Mention {
                start: m.start(),
                end: m.end(),
                actor: self.actor_of[m.pattern().as_usize()],
            })
            .collect();
        for mention in &mut mentions {
            mention.end = self.extended_end(text, mention);
        }
        // An extended mention may now cover the next one.
        mentions.dedup_by(|next, kept| next.start < kept.end);
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
        assert_eq!(found[0].actor, 0);
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
