//! Topics: drafts an article's topics from the keywords in `content/topics.yaml`, weighting a
//! keyword in the headline over one in the lead over one further down.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::doc::Block;
use crate::model::TopicEntry;

/// Weight of a keyword in the headline, the first three paragraphs and the rest.
const HEADLINE: u32 = 4;
const LEAD: u32 = 2;
const REST: u32 = 1;
/// A topic needs this much weight: a keyword in the headline or the lead, a key phrase anywhere, or
/// two mentions further down. One passing word is not what a story is about.
const THRESHOLD: u32 = 2;
/// More would be noise in a book's topic index.
const MAX_TOPICS: usize = 6;
/// Vocabularies up to this size are matched with a full DFA.
const MAX_DFA_KEYWORDS: usize = 5_000;

/// The topic vocabulary, compiled for matching.
pub(crate) struct TopicMatcher {
    automaton: Option<AhoCorasick>,
    keywords: Vec<String>,
    acronym: Vec<bool>,
    owner: Vec<usize>,
    slugs: Vec<String>,
}

impl TopicMatcher {
    pub fn new(topics: &[TopicEntry]) -> Self {
        let mut keywords = Vec::new();
        let mut owner = Vec::new();
        let mut acronym = Vec::new();
        for (i, topic) in topics.iter().enumerate() {
            for keyword in topic.keywords.iter().filter(|k| !k.trim().is_empty()) {
                let keyword = keyword.trim();
                // "UN" must not match "Un" in Kim Jong Un: acronyms match in capitals only.
                acronym.push(!keyword.chars().any(char::is_lowercase));
                keywords.push(keyword.to_string());
                owner.push(i);
            }
        }
        let automaton = (!keywords.is_empty()).then(|| {
            let mut builder = AhoCorasick::builder();
            builder
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest);
            // A vocabulary of a few hundred keywords makes a small DFA, which scans every
            // paragraph several times faster than the NFA the builder picks for that many; a huge
            // one is left to the builder so memory stays bounded.
            builder
                .kind((keywords.len() <= MAX_DFA_KEYWORDS).then_some(AhoCorasickKind::DFA))
                .build(&keywords)
                .or_else(|_| builder.kind(None).build(&keywords))
                .expect("topic keywords build an automaton")
        });
        TopicMatcher {
            automaton,
            keywords,
            acronym,
            owner,
            slugs: topics.iter().map(|t| t.slug.clone()).collect(),
        }
    }

    /// Topic slugs, strongest first.
    pub fn suggest(&self, title: &str, blocks: &[Block]) -> Vec<String> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut scores = vec![0u32; self.slugs.len()];
        let mut score = |text: &str, weight: u32| {
            for m in automaton.find_iter(text) {
                let pattern = m.pattern().as_usize();
                let exact =
                    !self.acronym[pattern] || text[m.start()..m.end()] == self.keywords[pattern];
                if exact && bounded(text, m.start(), m.end()) {
                    // A phrase ("joint military exercises") says more than a word ("alliance").
                    let specific = if self.keywords[pattern].contains(' ') {
                        2
                    } else {
                        1
                    };
                    scores[self.owner[pattern]] += weight * specific;
                }
            }
        };
        score(title, HEADLINE);
        let mut paragraphs = 0;
        for block in blocks {
            match block {
                Block::Para(text) => {
                    paragraphs += 1;
                    score(text, if paragraphs <= 3 { LEAD } else { REST });
                }
                Block::Caption(text) | Block::Figure(_, text) => score(text, REST),
            }
        }
        let mut ranked: Vec<(usize, u32)> = scores
            .into_iter()
            .enumerate()
            .filter(|&(_, s)| s >= THRESHOLD)
            .collect();
        ranked.sort_by_key(|&(i, s)| (std::cmp::Reverse(s), i));
        ranked
            .into_iter()
            .take(MAX_TOPICS)
            .map(|(i, _)| self.slugs[i].clone())
            .collect()
    }
}

/// A whole-word match, allowing a plural: "nuclear tests" counts for "nuclear test", but
/// "un" in "Jong-un" does not count for "UN".
fn bounded(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '-';
    let before = text[..start].chars().next_back();
    let rest = &text[end..];
    let rest = rest
        .strip_prefix("es")
        .filter(|r| !r.starts_with(word))
        .or_else(|| rest.strip_prefix('s'))
        .unwrap_or(rest);
    !before.is_some_and(word) && !rest.chars().next().is_some_and(word)
}
