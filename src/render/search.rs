//! The static search index read by `theme/search.js`: small JSON files the browser fetches only
//! as a query needs them, so search works from any static host with no server.
//!
//! Layout under `search/` (article ids are positions in the chronology, oldest first):
//! - `filters.json`: the topics, actors, outlets and years with their article counts;
//! - `index/<key>.json`: a shard of the inverted index, holding every token whose first two
//!   characters (one for non-ASCII) are `key`: `{"token": [delta-encoded id*2+in_title]}`;
//! - `facet/<kind>/<slug>.json`: the ids filed under one term, fetched when a filter is chosen;
//! - `fragment/<id>.json`: what a result shows (title, path, date, outlet) and the article text the
//!   passage around the match is cut from, fetched only for the results on screen.
//!
//! Tokens are lower-cased Unicode words; Hangul, kana and Han text is indexed as overlapping
//! character bigrams (a one-character run as itself), so Korean words match inside compounds and
//! particles without a dictionary. The tokenizer in `theme/search.js` must stay the same.

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::{Event, Parser, TagEnd};
use rayon::prelude::*;

use super::context::Shared;
use super::markdown::Markdown;
use super::Output;
use crate::link::{LinkedBook, Taxonomy};

/// The folder of the index in the output.
pub const SEARCH_DIR: &str = "search";

/// The longest article text a fragment carries for passages, in bytes.
const FRAGMENT_TEXT: usize = 20_000;

/// Tokens longer than this are cut, in the index and in queries alike.
const MAX_TOKEN_CHARS: usize = 32;

/// Words too common to narrow a search; `search.js` skips the same list.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their",
    "they", "this", "to", "was", "were", "which", "will", "with",
];

/// The text of a Markdown document without markup: paragraphs on their own lines.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::BlockQuote(_),
            ) if !text.ends_with('\n') => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// The first paragraph of `text`, cut at a word boundary to about `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let first = text.trim().lines().next().unwrap_or("").trim();
    if first.chars().count() <= max {
        return first.to_string();
    }
    let cut: String = first.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
}

/// Whether `c` is written without spaces between words (Hangul, kana, Han).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Calls `emit` with every search token of `text`.
pub fn tokenize(text: &str, mut emit: impl FnMut(&str)) {
    let mut word = String::new();
    let mut run: Vec<char> = Vec::new();
    let mut buffer = String::new();
    let flush_word = |word: &mut String, emit: &mut dyn FnMut(&str)| {
        if word.chars().nth(1).is_some() && !STOP_WORDS.contains(&word.as_str()) {
            if let Some((cut, _)) = word.char_indices().nth(MAX_TOKEN_CHARS) {
                word.truncate(cut);
            }
            emit(word);
        }
        word.clear();
    };
    let mut flush_run = |run: &mut Vec<char>, emit: &mut dyn FnMut(&str)| {
        if run.len() == 1 {
            buffer.clear();
            buffer.push(run[0]);
            emit(&buffer);
        }
        for pair in run.windows(2) {
            buffer.clear();
            buffer.extend(pair);
            emit(&buffer);
        }
        run.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush_word(&mut word, &mut emit);
            run.push(c);
        } else if c.is_alphanumeric() {
            flush_run(&mut run, &mut emit);
            word.extend(c.to_lowercase());
        } else {
            flush_word(&mut word, &mut emit);
            flush_run(&mut run, &mut emit);
        }
    }
    flush_word(&mut word, &mut emit);
    flush_run(&mut run, &mut emit);
}

/// The shard a token lives in: its first two characters when both are ASCII letters or digits,
/// else its first character (as `u<hex>` when not ASCII).
pub fn shard_key(token: &str) -> String {
    let mut chars = token.chars();
    let first = chars.next().unwrap_or('_');
    match chars.next() {
        Some(second) if first.is_ascii_alphanumeric() && second.is_ascii_alphanumeric() => {
            format!("{first}{second}")
        }
        _ if first.is_ascii_alphanumeric() => first.to_string(),
        _ => format!("u{:x}", first as u32),
    }
}

/// Every file of the search index.
pub fn search_index(linked: &LinkedBook, shared: &Shared, texts: &[String]) -> Vec<Output> {
    let order = &linked.chronology;
    // Per article (in id order): its distinct tokens, each with whether it is in the title or
    // the article's names (actors, topics, outlet), which rank above the body.
    let tokens: Vec<Vec<(String, bool)>> = order
        .par_iter()
        .map(|&i| {
            let summary = &shared.summaries[i];
            let mut seen: HashMap<String, bool> = HashMap::new();
            let mut title = summary.title.clone();
            for link in summary.actors.iter().chain(&summary.topics) {
                title.push('\n');
                title.push_str(&link.name);
            }
            title.push('\n');
            title.push_str(&summary.outlet.name);
            tokenize(&title, |t| {
                seen.insert(t.to_string(), true);
            });
            tokenize(&texts[i], |t| {
                if !seen.contains_key(t) {
                    seen.insert(t.to_string(), false);
                }
            });
            let mut list: Vec<(String, bool)> = seen.into_iter().collect();
            list.sort_unstable();
            list
        })
        .collect();

    let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
    for (id, list) in tokens.iter().enumerate() {
        for (token, in_title) in list {
            postings
                .entry(token.as_str())
                .or_default()
                .push(id as u32 * 2 + u32::from(*in_title));
        }
    }
    let mut shards: HashMap<String, Vec<(&str, Vec<u32>)>> = HashMap::new();
    for (token, ids) in postings {
        shards
            .entry(shard_key(token))
            .or_default()
            .push((token, ids));
    }
    let mut outputs: Vec<Output> = shards
        .into_par_iter()
        .map(|(key, mut entries)| {
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            let mut json = String::from("{");
            for (n, (token, ids)) in entries.iter().enumerate() {
                if n > 0 {
                    json.push(',');
                }
                json_string(&mut json, token);
                json.push(':');
                delta_array(&mut json, ids.iter().copied());
            }
            json.push('}');
            Output {
                path: format!("{SEARCH_DIR}/index/{key}.json"),
                bytes: json.into_bytes(),
            }
        })
        .collect();

    let position: Vec<u32> = {
        let mut position = vec![0u32; order.len()];
        for (id, &i) in order.iter().enumerate() {
            position[i] = id as u32;
        }
        position
    };
    outputs.par_extend(order.par_iter().enumerate().map(|(id, &i)| {
        let summary = &shared.summaries[i];
        let mut text = texts[i].as_str();
        if text.len() > FRAGMENT_TEXT {
            text = &text[..text.floor_char_boundary(FRAGMENT_TEXT)];
        }
        let fragment = serde_json::json!({
            "title": summary.title,
            "path": summary.path,
            "date": summary.date,
            "outlet": summary.outlet.name,
            "summary": summary.summary,
            "text": text,
        });
        Output {
            path: format!("{SEARCH_DIR}/fragment/{id}.json"),
            bytes: serde_json::to_vec(&fragment).unwrap_or_default(),
        }
    }));

    let mut filters = String::from("{");
    let _ = write!(filters, "\"count\":{}", order.len());
    for taxonomy in Taxonomy::ALL {
        let kind = facet_kind(taxonomy);
        let terms = linked.terms(taxonomy);
        let links = shared.links(taxonomy);
        let mut listed: Vec<usize> = (0..terms.len()).collect();
        match taxonomy {
            Taxonomy::Topic => {}
            Taxonomy::Year => listed.reverse(),
            _ => listed.sort_by_key(|&t| links[t].name.to_lowercase()),
        }
        let _ = write!(filters, ",\"{kind}\":[");
        for (n, &t) in listed.iter().enumerate() {
            if n > 0 {
                filters.push(',');
            }
            filters.push('[');
            json_string(&mut filters, &terms[t].slug);
            filters.push(',');
            json_string(&mut filters, &links[t].name);
            let _ = write!(filters, ",{}]", terms[t].articles.len());
            let mut ids: Vec<u32> = terms[t].articles.iter().map(|&a| position[a]).collect();
            ids.sort_unstable();
            let mut json = String::new();
            delta_array(&mut json, ids.into_iter());
            outputs.push(Output {
                path: format!("{SEARCH_DIR}/facet/{kind}/{}.json", terms[t].slug),
                bytes: json.into_bytes(),
            });
        }
        filters.push(']');
    }
    filters.push('}');
    outputs.push(Output {
        path: format!("{SEARCH_DIR}/filters.json"),
        bytes: filters.into_bytes(),
    });
    outputs
}

/// The query-string name of a taxonomy's filter.
fn facet_kind(taxonomy: Taxonomy) -> &'static str {
    match taxonomy {
        Taxonomy::Actor => "actor",
        Taxonomy::Topic => "topic",
        Taxonomy::Outlet => "outlet",
        Taxonomy::Year => "year",
    }
}

/// `[first, second-first, …]`: small numbers keep the shards small.
fn delta_array(out: &mut String, values: impl Iterator<Item = u32>) {
    out.push('[');
    let mut previous = 0;
    for (n, value) in values.enumerate() {
        if n > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", value - previous);
        previous = value;
    }
    out.push(']');
}

fn json_string(out: &mut String, text: &str) {
    out.push_str(&serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn latin_words_are_lowercased_and_stop_words_dropped() {
        assert_eq!(
            tokens("The U.S.-ROK Alliance's 2017 talks"),
            ["rok", "alliance", "2017", "talks"]
        );
    }

    #[test]
    fn hangul_is_split_into_bigrams() {
        assert_eq!(
            tokens("문재인 대통령은"),
            ["문재", "재인", "대통", "통령", "령은"]
        );
        assert_eq!(tokens("북 Moon"), ["북", "moon"]);
    }

    #[test]
    fn shard_keys_are_file_name_safe() {
        assert_eq!(shard_key("tillerson"), "ti");
        assert_eq!(shard_key("7x"), "7x");
        assert_eq!(shard_key("문재"), "ubb38");
        assert_eq!(shard_key("élysée"), "ue9");
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_paragraphs() {
        let text = plain_text("A *b* [c](http://x).\n\n> d\n\n```\ne\n```\n");
        assert_eq!(text, "A b c.\nd\ne\n");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("one two three four\nsecond", 9), "one two…");
        assert_eq!(excerpt("short\nsecond", 20), "short");
    }

    #[test]
    fn deltas_round_trip() {
        let mut out = String::new();
        delta_array(&mut out, [3u32, 4, 10].into_iter());
        assert_eq!(out, "[3,1,6]");
    }
}
