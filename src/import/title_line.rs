//! Title line: which line of a raw text is its headline. Every short line near the top is a
//! candidate; candidates are scored by shape, position, repetition (pages print the headline twice:
//! the browser tab's title and the page's `<h1>`) and agreement with the page's own metadata, and
//! lines that are site chrome, photo captions, pull quotes, datelines or stamps are never chosen.
//! When the winner has no strong evidence, the title is flagged for the editor.

use std::sync::LazyLock;

use regex::Regex;

use super::chrome::{body_like, word_count};
use super::clean::{is_caption, Kind, Line};
use super::outlets::OutletMatcher;

/// Lines read for a headline: it sits above the story, after at most a page's worth of chrome.
const HEAD_LINES: usize = 40;

/// `New Delhi, April 16`, `LONDON, 3 March`: a dateline standing alone.
static BARE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[A-Z][\w .'-]{1,30},\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)(?:,?\s+\d{4})?$").unwrap()
});

/// The headline found and how sure the pick is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pick {
    pub line: usize,
    pub sure: bool,
}

/// A line's shape allows it to be a headline: a few words, not a sentence of a paragraph.
pub(crate) fn headline_like(text: &str) -> bool {
    let words = word_count(text);
    let ends_period = text.ends_with('.') && !text.ends_with("..");
    (2..=35).contains(&words)
        && text.chars().count() <= 250
        && !(ends_period && words > 12)
        && !super::headline::DATELINE.is_match(text)
}

/// Never a headline, whatever its shape.
fn disqualified(text: &str, outlets: &OutletMatcher) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    let last = text.chars().last().unwrap_or(' ');
    let quoted = matches!(first, '"' | '“' | '‘' | '\'') && matches!(last, '"' | '”' | '’' | '\'');
    let bracketed = first == '[' && last == ']';
    !headline_like(text)
        || first.is_lowercase()
        || quoted
        || bracketed
        || last == ':'
        || last == ','
        || is_caption(text, outlets)
        || BARE_DATELINE.is_match(text)
        || outlets.resolve(text).is_some()
}

/// Normalised text for comparing two printings of a headline.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Picks the headline among the text's top lines; `known` is the page's own title, when it has one.
pub(crate) fn pick(lines: &[Line], known: Option<&str>, outlets: &OutletMatcher) -> Option<Pick> {
    let head: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(lines[i].kind, Kind::Body | Kind::PreTitle))
        .take(HEAD_LINES)
        .collect();
    let keys: Vec<String> = head.iter().map(|&i| key(&lines[i].text)).collect();
    let known_key = known.map(key).filter(|k| !k.is_empty());

    let mut best: Option<(i32, usize, bool)> = None;
    let mut paragraphs_before = 0;
    for (n, &i) in head.iter().enumerate() {
        let text = lines[i].text.as_str();
        if body_like(text) && !headline_like(text) {
            paragraphs_before += 1;
            // The story has begun in earnest: a headline is not three paragraphs down.
            if paragraphs_before >= 3 {
                break;
            }
            continue;
        }
        if disqualified(text, outlets) {
            continue;
        }
        let k = &keys[n];
        if k.len() < 8 {
            continue;
        }
        let words = word_count(text) as i32;
        // Printed again nearby: the tab's title and the `<h1>`, or glued to the front of its
        // standfirst. A name that recurs inside captions and paragraphs is no headline.
        let repeated = keys.iter().enumerate().any(|(m, other)| {
            m != n && (other == k || (k.len() >= 20 && other.starts_with(k.as_str())))
        });
        // Below the first paragraphs only a headline printed again can be the headline; a
        // sentence ending in a full stop is article text unless it is short.
        if (paragraphs_before > 0 || (text.ends_with('.') && words > 8)) && !repeated {
            continue;
        }
        // The headline is followed closely by its standfirst or the story.
        let story_follows = head[n + 1..].iter().take(3).any(|&j| {
            let next = &lines[j].text;
            // Hard-wrapped text has short lines: a dateline or a long line starts the story too.
            body_like(next)
                || super::headline::DATELINE.is_match(next)
                || next.chars().count() >= 60
        });
        let agrees = known_key
            .as_deref()
            .is_some_and(|known| known.contains(k.as_str()) || k.contains(known));
        // A section label ("Politics") sits right above the headline.
        let label_above_headline = words <= 3
            && head
                .get(n + 1)
                .is_some_and(|&j| headline_like(&lines[j].text) && !body_like(&lines[j].text));
        let mut score = 20 - 2 * n.min(8) as i32;
        score += if repeated { 8 } else { 0 };
        score += if agrees { 12 } else { 0 };
        score -= 6 * paragraphs_before;
        score -= if words > 20 { 4 } else { 0 };
        score -= if text.ends_with('.') { 3 } else { 0 };
        score -= if label_above_headline { 12 } else { 0 };
        score += if story_follows { 6 } else { 0 };
        let first_candidate = best.is_none() && paragraphs_before == 0;
        let sure = agrees
            || repeated
            || (first_candidate
                && story_follows
                && words <= 15
                && !text.ends_with('.')
                && !label_above_headline);
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, i, sure));
        }
    }
    best.map(|(_, line, sure)| Pick { line, sure })
}
