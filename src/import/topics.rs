//! Topics: drafts an article's topics from the keywords in `content/topics.yaml`, weighting a
//! keyword in the headline over one in the lead over one further down.

use aho_corasick::{AhoCorasick, MatchKind};

use super::clean::Block;
use crate::model::TopicEntry;

/// Weight of a keyword in the headline, the first two paragraphs and the rest.
const HEADLINE: u32 = 4;
const LEAD: u32 = 2;
const REST: u32 = 1;
/// A topic needs this much weight: a keyword in the headline or the lead, or two mentions further
/// down. One passing mention is not what a story is about.
const THRESHOLD: u32 = 2;
/// More would be noise in a book's topic index.
const MAX_TOPICS: usize = 6;

/// The topic vocabulary, compiled for matching.
pub(crate) struct TopicMatcher {
    automaton: Option<AhoCorasick>,
    owner: Vec<usize>,
    slugs: Vec<String>,
}

impl TopicMatcher {
    pub fn new(topics: &[TopicEntry]) -> Self {
        let mut keywords = Vec::new();
        let mut owner = Vec::new();
        for (i, topic) in topics.iter().enumerate() {
            for keyword in topic.keywords.iter().filter(|k| !k.trim().is_empty()) {
                keywords.push(keyword.trim().to_string());
                owner.push(i);
            }
        }
        let automaton = (!keywords.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&keywords)
                .expect("topic keywords build an automaton")
        });
        TopicMatcher {
            automaton,
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
                if bounded(text, m.start(), m.end()) {
                    scores[self.owner[m.pattern().as_usize()]] += weight;
                }
            }
        };
        score(title, HEADLINE);
        for (n, block) in blocks.iter().enumerate() {
            score(block.text(), if n < 2 { LEAD } else { REST });
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

fn bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
