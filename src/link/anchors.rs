//! Anchoring annotations: finding an annotation's quote in the *rendered* text of an article,
//! across inline markup, ignoring differences of whitespace, of curly and straight quotes and of
//! the dashes and ellipses smart punctuation makes. Used by `link` to report quotes that are not
//! found and by `render` to wrap them, so both agree on what matched.

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{Event, Tag, TagEnd};
use rustc_hash::FxHashMap;

/// A position in the text of one event (`Text` or `Code`): the event index and a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPos {
    pub event: usize,
    pub offset: usize,
}

/// Where a quote was found: from `start` (inclusive) to `end` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub start: TextPos,
    pub end: TextPos,
}

/// The outcome of looking for one quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Located {
    Found(Anchor),
    NotFound,
    /// Found this many times and no `occurrence` says which.
    Ambiguous(usize),
    /// `occurrence` asks for more occurrences than this many.
    TooFew(usize),
}

/// A stretch of inline text between block boundaries, normalised for matching.
struct Run {
    text: String,
    /// Byte offset in `text` where each character starts.
    starts: Vec<usize>,
    /// For each character: event, start and end offsets in that event's text.
    sources: Vec<(usize, usize, usize)>,
}

impl Run {
    fn new() -> Self {
        Run {
            text: String::new(),
            starts: Vec::new(),
            sources: Vec::new(),
        }
    }

    fn push_char(&mut self, c: char, source: (usize, usize, usize)) {
        self.starts.push(self.text.len());
        self.text.push(c);
        self.sources.push(source);
    }

    fn push(&mut self, c: char, source: (usize, usize, usize)) {
        match fold(c) {
            Folded::Space => {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.push_char(' ', source);
                }
            }
            Folded::Dash => {
                if self.text.ends_with('-') {
                    if let Some(last) = self.sources.last_mut() {
                        if last.0 == source.0 {
                            last.2 = source.2;
                        }
                    }
                } else {
                    self.push_char('-', source);
                }
            }
            Folded::Ellipsis => {
                for _ in 0..3 {
                    self.push_char('.', source);
                }
            }
            Folded::Char(c) => self.push_char(c, source),
        }
    }

    /// Character index of the character starting at or containing byte `offset`.
    fn char_at(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    fn anchor(&self, start: usize, end: usize) -> Anchor {
        let first = self.sources[self.char_at(start)];
        let last = self.sources[self.char_at(end - 1)];
        Anchor {
            start: TextPos {
                event: first.0,
                offset: first.1,
            },
            end: TextPos {
                event: last.0,
                offset: last.2,
            },
        }
    }
}

enum Folded {
    Space,
    Dash,
    Ellipsis,
    Char(char),
}

fn fold(c: char) -> Folded {
    match c {
        c if c.is_whitespace() => Folded::Space,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => Folded::Dash,
        '\u{2026}' => Folded::Ellipsis,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => Folded::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => Folded::Char('"'),
        c => Folded::Char(c),
    }
}

/// Normalises a quote the way rendered text is normalised, so the two can be compared.
pub fn normalise_quote(quote: &str) -> String {
    let mut run = Run::new();
    for (i, c) in quote.char_indices() {
        run.push(c, (0, i, i + c.len_utf8()));
    }
    // Straight `--` is what smart punctuation turns into a dash; both fold to one `-`.
    run.text.trim().to_string()
}

/// Whether an opening tag starts inline content that continues the current run.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

fn runs(events: &[Event<'_>]) -> Vec<Run> {
    let mut runs = vec![Run::new()];
    let mut depth_image = 0usize;
    let mut depth_footnote = 0usize;
    for (i, event) in events.iter().enumerate() {
        let run = runs.last_mut().expect("never empty");
        match event {
            Event::Text(text) | Event::Code(text) if depth_image == 0 && depth_footnote == 0 => {
                for (at, c) in text.char_indices() {
                    run.push(c, (i, at, at + c.len_utf8()));
                }
            }
            Event::SoftBreak | Event::HardBreak => run.push(' ', (i, 0, 0)),
            Event::Start(Tag::Image { .. }) => depth_image += 1,
            Event::End(TagEnd::Image) => depth_image = depth_image.saturating_sub(1),
            Event::Start(Tag::FootnoteDefinition(_)) => {
                depth_footnote += 1;
                runs.push(Run::new());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                depth_footnote = depth_footnote.saturating_sub(1);
                runs.push(Run::new());
            }
            Event::Start(tag) if !is_inline(tag) => runs.push(Run::new()),
            Event::End(tag) if !is_inline_end(tag) => runs.push(Run::new()),
            _ => {}
        }
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}

/// Every occurrence of each pattern in the runs (as `str::match_indices` finds them: an
/// occurrence starts after the previous one of the same pattern ends), in one pass over the text
/// with one automaton: the cost is the text's length plus the occurrences, however many quotes
/// an article has, where searching for each quote in turn cost their product.
fn find_all(runs: &[Run], patterns: &[&str]) -> Vec<Vec<Anchor>> {
    let mut found = vec![Vec::new(); patterns.len()];
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns)
    else {
        return found;
    };
    // Per pattern: the run and the end of its last occurrence there.
    let mut last_end: Vec<(usize, usize)> = vec![(usize::MAX, 0); patterns.len()];
    for (r, run) in runs.iter().enumerate() {
        for m in automaton.find_overlapping_iter(run.text.as_str()) {
            let p = m.pattern().as_usize();
            let (last_run, end) = last_end[p];
            if last_run == r && m.start() < end {
                continue;
            }
            last_end[p] = (r, m.end());
            found[p].push(run.anchor(m.start(), m.end()));
        }
    }
    found
}

/// Looks for each `(quote, occurrence)` in the rendered text of `events`.
pub fn locate(events: &[Event<'_>], quotes: &[(&str, Option<usize>)]) -> Vec<Located> {
    if quotes.is_empty() {
        return Vec::new();
    }
    let runs = runs(events);
    let needles: Vec<String> = quotes.iter().map(|(q, _)| normalise_quote(q)).collect();
    // Copied from the Markdown source, a quote may hold emphasis and code marks: without them
    // is its second chance.
    let plains: Vec<Option<String>> = needles
        .iter()
        .map(|n| {
            n.contains(['*', '_', '`']).then(|| {
                n.chars()
                    .filter(|c| !matches!(c, '*' | '_' | '`'))
                    .collect()
            })
        })
        .collect();
    let mut pattern_of: FxHashMap<&str, usize> = FxHashMap::default();
    let mut patterns: Vec<&str> = Vec::new();
    for text in needles.iter().chain(plains.iter().flatten()) {
        if !text.is_empty() && !pattern_of.contains_key(text.as_str()) {
            pattern_of.insert(text, patterns.len());
            patterns.push(text);
        }
    }
    let found = find_all(&runs, &patterns);
    let occurrences = |text: &str| -> &[Anchor] {
        pattern_of
            .get(text)
            .map_or(&[][..], |&p| found[p].as_slice())
    };
    quotes
        .iter()
        .zip(needles.iter().zip(&plains))
        .map(|(&(_, occurrence), (needle, plain))| {
            if needle.is_empty() {
                return Located::NotFound;
            }
            let mut found = occurrences(needle);
            if found.is_empty() {
                if let Some(plain) = plain {
                    found = occurrences(plain);
                }
            }
            match (occurrence, found.len()) {
                (_, 0) => Located::NotFound,
                (None, 1) => Located::Found(found[0]),
                (None, n) => Located::Ambiguous(n),
                (Some(k), n) if k >= 1 && k <= n => Located::Found(found[k - 1]),
                (Some(_), n) => Located::TooFew(n),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(md: &str) -> Vec<Event<'_>> {
        crate::dialect::parser(md).collect()
    }

    #[test]
    fn finds_quotes_across_markup_whitespace_and_smart_quotes() {
        let md = "He said \"we are *very*\n  close\" -- today.\n";
        let evs = events(md);
        let located = locate(&evs, &[("said “we are very close” - today", None)]);
        let Located::Found(anchor) = located[0] else {
            panic!("{located:?}")
        };
        assert!(anchor.start.event < anchor.end.event);
    }

    #[test]
    fn reports_missing_ambiguous_and_chosen_occurrences() {
        let md = "one two one two\n\nthree\n";
        let evs = events(md);
        let located = locate(
            &evs,
            &[
                ("four", None),
                ("one", None),
                ("one", Some(2)),
                ("one", Some(3)),
                ("two three", None),
            ],
        );
        assert_eq!(located[0], Located::NotFound);
        assert_eq!(located[1], Located::Ambiguous(2));
        assert!(matches!(located[2], Located::Found(a) if a.start.offset == 8));
        assert_eq!(located[3], Located::TooFew(2));
        assert_eq!(
            located[4],
            Located::NotFound,
            "quotes do not cross paragraphs"
        );
    }
}
