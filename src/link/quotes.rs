//! Attributed quotations: `“…,” Moon said`, `Moon said: “…”`, `Moon said that …` and
//! `…, according to Moon`. Found from the actor names the automaton located in a paragraph, looking
//! only at the few characters around each name, so the cost stays linear in the text.

use super::mentions::Mention;
use super::TermId;

/// Longest quotation kept, in characters; longer ones are cut at a word boundary.
const MAX_QUOTE_CHARS: usize = 400;

const VERBS: [&str; 24] = [
    "told reporters",
    "said",
    "says",
    "added",
    "adds",
    "noted",
    "stressed",
    "argued",
    "warned",
    "insisted",
    "explained",
    "stated",
    "declared",
    "remarked",
    "emphasized",
    "emphasised",
    "wrote",
    "replied",
    "continued",
    "acknowledged",
    "claimed",
    "urged",
    "told",
    "asked",
];

/// How far back from a name (in bytes) a quotation or sentence start is looked for, so a long
/// paragraph full of names costs time linear in its length.
const LOOK_BACK: usize = 4 * MAX_QUOTE_CHARS;

/// The last `LOOK_BACK` bytes (or fewer) of `text`, cut at a character boundary.
fn tail(text: &str) -> &str {
    let mut from = text.len().saturating_sub(LOOK_BACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    pub actor: TermId,
    pub text: String,
}

/// The attributed quotations in one paragraph's rendered text, given the actors named in it.
pub fn find(text: &str, mentions: &[Mention]) -> Vec<FoundQuote> {
    let mut found: Vec<FoundQuote> = Vec::new();
    // Asked only to drop repeats: a fast hash of the words, not a DoS-resistant one.
    let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for mention in mentions {
        let before = tail(&text[..mention.start]);
        let after = &text[mention.end..];
        let quote = speech_verb(after)
            .and_then(|rest| {
                quote_before(before)
                    .or_else(|| quote_after(rest))
                    .or_else(|| indirect_after(rest))
            })
            .or_else(|| according_to(text, mention.start));
        if let Some(quote) = quote {
            let quote = shorten(quote.trim().trim_end_matches(',').trim());
            if quote.chars().count() >= 8 && seen.insert(quote.clone()) {
                found.push(FoundQuote {
                    actor: mention.actor,
                    text: quote,
                });
            }
        }
    }
    found
}

/// After a name, a speech verb: returns what follows the verb.
fn speech_verb(after: &str) -> Option<&str> {
    let rest = after.trim_start();
    VERBS.iter().find_map(|verb| {
        let tail = rest.strip_prefix(verb)?;
        (!tail.chars().next().is_some_and(char::is_alphanumeric)).then_some(tail)
    })
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201D}')
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}')
}

/// `“…,” Name said`: the quotation closing just before the name.
fn quote_before(before: &str) -> Option<&str> {
    let trimmed = before.trim_end();
    let mut chars = trimmed.char_indices().rev();
    let (close, c) = chars.next()?;
    if !is_close_quote(c) {
        return None;
    }
    let (_, punct) = chars.next()?;
    if !matches!(punct, ',' | '?' | '!' | '\u{2026}') {
        return None;
    }
    let inner = &trimmed[..close];
    let open = inner.rfind(is_open_quote)?;
    let open_len = inner[open..].chars().next()?.len_utf8();
    Some(&inner[open + open_len..])
}

/// `Name said: “…”` or `Name said, “…”`.
fn quote_after(rest: &str) -> Option<&str> {
    let rest = rest.trim_start_matches([',', ':']).trim_start();
    let mut chars = rest.chars();
    if !is_open_quote(chars.next()?) {
        return None;
    }
    let inner = tail_limit(chars.as_str());
    let close = inner.find(is_close_quote)?;
    Some(&inner[..close])
}

/// `Name said that …`: to the end of the sentence.
fn indirect_after(rest: &str) -> Option<&str> {
    let clause = tail_limit(rest.trim_start().strip_prefix("that ")?);
    Some(&clause[..sentence_end(clause)])
}

/// `…, according to Name.`: the sentence, without the attribution.
fn according_to(text: &str, name_start: usize) -> Option<&str> {
    let before = tail(&text[..name_start]).trim_end();
    let lead = before
        .strip_suffix("according to")
        .or_else(|| before.strip_suffix("According to"))?;
    let start = sentence_start(lead);
    let sentence = lead[start..].trim().trim_end_matches(',');
    if sentence.is_empty() {
        // `According to Name, …`: the rest of the sentence after the name.
        let after = &text[name_start..];
        let comma = after.find(',')?;
        let rest = tail_limit(&after[comma + 1..]);
        return Some(&rest[..sentence_end(rest)]);
    }
    Some(sentence)
}

/// The first `LOOK_BACK` bytes (or fewer) of `text`, cut at a character boundary.
fn tail_limit(text: &str) -> &str {
    let mut to = text.len().min(LOOK_BACK);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[..to]
}

fn sentence_end(text: &str) -> usize {
    // The stops are ASCII, so they are found by the byte (no byte of a longer character is
    // ASCII); only the character after a stop is decoded.
    text.bytes()
        .enumerate()
        .find(|&(i, b)| {
            matches!(b, b'.' | b'?' | b'!' | b';')
                && text[i + 1..].chars().next().is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, _)| i)
}

fn sentence_start(text: &str) -> usize {
    let bytes = text.as_bytes();
    (1..bytes.len())
        .rev()
        .find(|&i| matches!(bytes[i - 1], b'.' | b'?' | b'!') && bytes[i] == b' ')
        .map_or(0, |i| i + 1)
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_QUOTE_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_QUOTE_CHARS).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions_of(text: &str, name: &str) -> Vec<Mention> {
        text.match_indices(name)
            .map(|(start, m)| Mention {
                start,
                end: start + m.len(),
                actor: TermId::new(7),
            })
            .collect()
    }

    #[test]
    fn direct_quote_before_the_name() {
        let text = "“We will keep the talks firm,” Kwon Nam-tae said. Later he left.";
        let found = find(text, &mentions_of(text, "Kwon Nam-tae"));
        assert_eq!(
            found,
            vec![FoundQuote {
                actor: TermId::new(7),
                text: "We will keep the talks firm".into()
            }]
        );
    }

    #[test]
    fn quote_after_verb_indirect_speech_and_according_to() {
        let text =
            "Moon said: “Peace is near.” Moon told reporters that the summit remains on track. \
                    The drills will go ahead, according to Moon.";
        let found: Vec<String> = find(text, &mentions_of(text, "Moon"))
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(
            found,
            vec![
                "Peace is near.",
                "the summit remains on track",
                "The drills will go ahead"
            ]
        );
    }

    #[test]
    fn a_name_without_speech_is_not_a_quote() {
        let text = "Moon visited Washington, “a city of talks,” and met Trump.";
        assert!(find(text, &mentions_of(text, "Moon")).is_empty());
    }
}
