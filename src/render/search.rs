//! The static search index read by `theme/search.js`: small JSON files the browser fetches only
//! as a query needs them, so search works from any static host with no server.
//!
//! Layout under `search/` (article ids are positions in the chronology, oldest first):
//! - `filters.json`: the topics, actors, outlets and years with their article counts; in a book
//!   of at most `search_split_above` articles also the whole index (`"index"`, as one shard) and
//!   every facet (`"facets": {kind: {slug: ids}}`), in place of the two folders below;
//! - `index/<key>.json`: a shard of the inverted index, holding every token whose first two
//!   characters (one for non-ASCII) are `key`: `{"token": [delta-encoded id*64+code]}`, the
//!   code saying whether the token is in the title, in the summary or names, and how often it
//!   is in the body (see [`POSTING_STRIDE`]); `filters.json` adds each body's length, so
//!   `search.js` ranks by BM25 with field weights;
//! - `facet/<kind>/<slug>.json`: the ids filed under one term, fetched when a filter is chosen;
//! - `fragment/<id / 64>.json`: an array of what 64 consecutive results list (title, path, date,
//!   outlet, summary), fetched only for the results on screen: some 15 KB a fetch, and a big book
//!   writes one file for every 64 articles. The passage around the match is cut from the article
//!   page itself, which `search.js` fetches for each result shown: the text is on the site once,
//!   not again in the index (where it had been nine tenths of the index's bytes).
//!
//! Tokens are lower-cased Unicode words; Hangul, kana and Han text is indexed as overlapping
//! character bigrams (a one-character run as itself), so Korean words match inside compounds and
//! particles without a dictionary. The tokenizer in `theme/search.js` must stay the same.

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::{Event, TagEnd};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::context::{ArticleSummary, Shared};
use super::Output;
use crate::error::Error;
use crate::link::{ArticleId, LinkedBook, Taxonomy};

/// The folder of the index in the output.
pub const SEARCH_DIR: &str = "search";

/// How many consecutive articles share a fragment file; `search.js` uses the same number.
const FRAGMENTS_PER_FILE: usize = 64;

/// Tokens longer than this are cut, in the index and in queries alike.
const MAX_TOKEN_CHARS: usize = 32;

/// Words too common to narrow a search; `search.js` skips the same list.
const STOP_WORDS: [&str; 36] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their",
    "they", "this", "to", "was", "were", "which", "will", "with",
];

/// The longest stop word's length: every longer word is decided by its length alone.
const STOP_WORD_MAX: usize = 5;

/// A word of at most [`STOP_WORD_MAX`] bytes as one number, its bytes from the high end down.
/// Tokens hold no NUL byte, so two different words never pack alike.
const fn pack_word(word: &[u8]) -> u64 {
    let mut packed = 0u64;
    let mut i = 0;
    while i < word.len() {
        packed = packed << 8 | word[i] as u64;
        i += 1;
    }
    packed
}

/// Slots of [`STOP_WORD_TABLE`]: a power of two, under a third of them taken, so a word not in
/// the table meets an empty slot within a step or two.
const STOP_WORD_SLOTS: usize = 128;

/// The first slot [`STOP_WORD_TABLE`] tries for a packed word: the top bits of a multiplicative
/// hash.
const fn stop_word_slot(packed: u64) -> usize {
    (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - STOP_WORD_SLOTS.trailing_zeros())) as usize
}

/// [`STOP_WORDS`] packed, in an open-addressed table made at compile time (0 marks an empty
/// slot: no word packs to 0). This runs for every short word of the book: a binary search of
/// the sorted list took some six unpredictable branches a word, this a multiplication and a
/// compare or two.
const STOP_WORD_TABLE: [u64; STOP_WORD_SLOTS] = {
    let mut table = [0u64; STOP_WORD_SLOTS];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let packed = pack_word(STOP_WORDS[i].as_bytes());
        let mut slot = stop_word_slot(packed);
        while table[slot] != 0 {
            slot = (slot + 1) % STOP_WORD_SLOTS;
        }
        table[slot] = packed;
        i += 1;
    }
    table
};

fn is_stop_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > STOP_WORD_MAX {
        return false;
    }
    // Packed as `pack_word` packs it, by shifts: no call to copy a handful of bytes.
    let packed = bytes
        .iter()
        .fold(0u64, |packed, &byte| packed << 8 | u64::from(byte));
    let mut slot = stop_word_slot(packed);
    loop {
        match STOP_WORD_TABLE[slot] {
            entry if entry == packed => return true,
            0 => return false,
            _ => slot = (slot + 1) % STOP_WORD_SLOTS,
        }
    }
}

/// The text of a Markdown document without markup: paragraphs on their own lines.
pub fn plain_text(markdown: &str) -> String {
    events_text(&crate::dialect::merged_events(markdown), markdown.len())
}

/// [`plain_text`] of a document already parsed, so the search index reads the parse the
/// article's page was rendered from; `source_len` sizes the text.
pub fn events_text(events: &[Event<'_>], source_len: usize) -> String {
    let mut text = String::with_capacity(source_len);
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
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

/// Calls `emit` with every search token of `lowered`, which the caller has lower-cased: tokens
/// are slices of it, so indexing allocates nothing per word.
pub fn tokenize<'t>(lowered: &'t str, mut emit: impl FnMut(&'t str)) {
    // The current word: its start, the end of its first MAX_TOKEN_CHARS characters, and how
    // many characters it has.
    let mut word: Option<(usize, usize, usize)> = None;
    // Byte offsets of the characters of the current Hangul/kana/Han run.
    let mut run: Vec<usize> = Vec::new();
    let bytes = lowered.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII letters and digits at once: it is nearly every word of an
        // English-language book.
        if ASCII_WORD[usize::from(bytes[i])] {
            let n = bytes[i..]
                .iter()
                .position(|&b| !ASCII_WORD[usize::from(b)])
                .unwrap_or(bytes.len() - i);
            // A word all of ASCII between ASCII separators, as nearly every word of such a book
            // is: emitted at once, and the separator after it skipped, without the state that a
            // word mixing scripts needs. The separator ends no pending word or run: there is none.
            if word.is_none() && run.is_empty() && bytes.get(i + n).is_none_or(u8::is_ascii) {
                let token = &lowered[i..i + n.min(MAX_TOKEN_CHARS)];
                if n > 1 && !is_stop_word(token) {
                    emit(token);
                }
                i += n + 1;
                continue;
            }
            if !run.is_empty() {
                flush_run(lowered, &mut run, i, &mut emit);
            }
            let (start, end, chars) = word.unwrap_or((i, i, 0));
            // Within the first MAX_TOKEN_CHARS characters, the word's cut end moves on.
            let kept = n.min(MAX_TOKEN_CHARS.saturating_sub(chars));
            let end = if kept > 0 { i + kept } else { end };
            word = Some((start, end, chars + n));
            i += n;
            continue;
        }
        // Other ASCII by the byte, with no decoding; other characters decoded where they start.
        // (One loop for both, taking a run as a step, costs the whole build 0.4% more.)
        let (cjk, alphanumeric, len) = match bytes[i] {
            byte if byte.is_ascii() => (false, byte.is_ascii_alphanumeric(), 1),
            _ => {
                let c = lowered[i..].chars().next().unwrap_or_default();
                (is_cjk(c), c.is_alphanumeric(), c.len_utf8())
            }
        };
        if cjk {
            flush_word(lowered, &mut word, &mut emit);
            run.push(i);
        } else if alphanumeric {
            if !run.is_empty() {
                flush_run(lowered, &mut run, i, &mut emit);
            }
            let (start, end, chars) = word.unwrap_or((i, i, 0));
            let end = if chars < MAX_TOKEN_CHARS {
                i + len
            } else {
                end
            };
            word = Some((start, end, chars + 1));
        } else {
            flush_word(lowered, &mut word, &mut emit);
            if !run.is_empty() {
                flush_run(lowered, &mut run, i, &mut emit);
            }
        }
        i += len;
    }
    flush_word(lowered, &mut word, &mut emit);
    flush_run(lowered, &mut run, lowered.len(), &mut emit);
}

/// The ASCII letters and digits, by byte: one load a byte where the range tests took several,
/// in the loop that reads nearly every byte of the book.
const ASCII_WORD: [bool; 256] = {
    let mut word = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        word[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    word
};

/// Emits the finished `word` of [`tokenize`] (start, cut end, characters) unless it is one
/// character or a stop word. Generic over `emit`, not a `dyn` call: it runs for every word.
#[inline(always)]
fn flush_word<'t>(
    lowered: &'t str,
    word: &mut Option<(usize, usize, usize)>,
    emit: &mut impl FnMut(&'t str),
) {
    if let Some((start, end, chars)) = word.take() {
        let token = &lowered[start..end];
        if chars > 1 && !is_stop_word(token) {
            emit(token);
        }
    }
}

/// Emits the bigrams of a finished Hangul/kana/Han `run` of [`tokenize`] (a lone character as
/// itself), the run's last character ending at `end`.
#[inline(always)]
fn flush_run<'t>(
    lowered: &'t str,
    run: &mut Vec<usize>,
    end: usize,
    emit: &mut impl FnMut(&'t str),
) {
    match run.len() {
        0 => {}
        1 => emit(&lowered[run[0]..end]),
        n => {
            for j in 0..n - 1 {
                let to = run.get(j + 2).copied().unwrap_or(end);
                emit(&lowered[run[j]..to]);
            }
        }
    }
    run.clear();
}

/// Lower-cases `text` as `str::to_lowercase` (and JavaScript's `toLowerCase`) do, quickly for
/// the ASCII runs that make up most of an English-language book even when curly quotes or
/// dashes make the whole text non-ASCII.
fn lowercase(text: &str) -> String {
    // Most texts' only non-ASCII characters are caseless (curly quotes, dashes, CJK): lowering
    // their ASCII letters in place, all at once, is the whole of it.
    if caseless_beyond_ascii(text) {
        let mut out = text.to_owned();
        out.make_ascii_lowercase();
        return out;
    }
    // Greek capital sigma lower-cases by context (final or not): leave that to the library.
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        // A run copied whole, then lowered in place: not a character at a time.
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// [`lowercase`] of a text the caller gives away: lowered in place when only its ASCII letters
/// change, as in nearly every body, instead of copied.
fn lowercase_owned(mut text: String) -> String {
    if caseless_beyond_ascii(&text) {
        text.make_ascii_lowercase();
        return text;
    }
    lowercase(&text)
}

/// Whether every character of `text` outside ASCII is its own lower case, so lowering `text`
/// changes only its ASCII letters. ASCII is skipped eight bytes at a time.
fn caseless_beyond_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if let Some(word) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            if word & 0x8080_8080_8080_8080 == 0 {
                at += 8;
                continue;
            }
        }
        if bytes[at] < 0x80 {
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        let caseless = matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x9FFF | 0xAC00..=0xD7AF) || {
            let mut lower = c.to_lowercase();
            lower.len() == 1 && lower.next() == Some(c)
        };
        if !caseless {
            return false;
        }
        at += c.len_utf8();
    }
    true
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

/// Writes every file of the search index through `sink` and returns the excerpt (the first
/// paragraph) of each article `excerpted` marks, for the feeds; the others' are empty. Articles
/// are indexed block by block on every core, their fragments written as they are made, so the
/// book's plain text is never held whole. `body` gives each article's body text (see
/// [`super::body`]).
pub fn search_index(
    linked: &LinkedBook,
    shared: &Shared,
    body: &(dyn Fn(ArticleId) -> String + Sync),
    excerpted: &[bool],
    sink: &(dyn Fn(Output) -> Result<(), Error> + Sync),
) -> Result<Vec<String>, Error> {
    let indexer = Indexer {
        shared,
        body,
        excerpted,
        sink,
    };
    let indexed = indexer.index_blocks(&linked.chronology)?;
    // A small book's index and facets go whole into filters.json: one fetch, and a handful of
    // files instead of hundreds of tiny ones.
    let whole = linked.chronology.len() <= linked.book.config.search_split_above;
    let (excerpts, lengths, whole_index) =
        write_shards(indexed, linked.book.articles.len(), whole, sink)?;
    let mut filters = filters_head(linked, &lengths);
    let whole_facets = write_facets(linked, shared, whole, &mut filters, sink)?;
    if whole {
        let _ = write!(
            filters,
            ",\"index\":{whole_index},\"facets\":{{{whole_facets}}}"
        );
    }
    filters.push('}');
    sink(Output {
        path: format!("{SEARCH_DIR}/filters.json"),
        bytes: filters.into_bytes(),
    })?;
    Ok(excerpts)
}

/// What indexing the articles needs, besides the articles.
struct Indexer<'a> {
    shared: &'a Shared,
    body: &'a (dyn Fn(ArticleId) -> String + Sync),
    excerpted: &'a [bool],
    sink: &'a (dyn Fn(Output) -> Result<(), Error> + Sync),
}

impl Indexer<'_> {
    /// Indexes the articles of `order` (ids are positions in it) in blocks of consecutive ids
    /// in parallel, each block writing its fragment files; the blocks come back in id order, so
    /// every posting list appended from them is sorted.
    fn index_blocks(&self, order: &[ArticleId]) -> Result<Vec<IndexedBlock>, Error> {
        let block = order
            .len()
            .div_ceil(rayon::current_num_threads().max(1) * 4)
            .next_multiple_of(FRAGMENTS_PER_FILE)
            .max(FRAGMENTS_PER_FILE);
        order
            .par_chunks(block)
            .enumerate()
            .map(|(b, chunk)| self.index_block(b * block, chunk))
            .collect()
    }

    /// Indexes `chunk`, whose first article has id `first`, and writes its fragment files.
    fn index_block(&self, first: usize, chunk: &[ArticleId]) -> Result<IndexedBlock, Error> {
        let mut postings = Postings::default();
        let mut excerpts = Vec::with_capacity(chunk.len());
        let mut lengths = Vec::with_capacity(chunk.len());
        // Blocks start on a file boundary, so each fragment file is made by one block.
        let mut file: Vec<u8> = Vec::new();
        let mut in_file = 0;
        for (n, &i) in chunk.iter().enumerate() {
            let id = (first + n) as u32;
            let summary = self.shared.summary(i);
            file.push(if in_file == 0 { b'[' } else { b',' });
            // Serialising plain strings into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut file, &fragment(summary));
            in_file += 1;
            if in_file == FRAGMENTS_PER_FILE || n + 1 == chunk.len() {
                file.push(b']');
                (self.sink)(Output {
                    path: format!(
                        "{SEARCH_DIR}/fragment/{}.json",
                        id as usize / FRAGMENTS_PER_FILE
                    ),
                    bytes: std::mem::take(&mut file),
                })?;
                in_file = 0;
            }
            // The linked text: `[[target|shown words]]` is indexed as the words readers see.
            let text = (self.body)(i);
            if self.excerpted[i.index()] {
                excerpts.push((i, excerpt(&text, EXCERPT_CHARS)));
            }
            lengths.push(index_article(summary, text, id, &mut postings));
        }
        Ok((postings, excerpts, lengths))
    }
}

/// Adds article `id`'s tokens to `postings` and returns its body's length in tokens: where each
/// word occurs, the title, the summary or the article's names (actors, topics, outlet), and how
/// often in the body; `search.js` weighs them. Each word goes straight to the block's posting
/// list, whose last posting is this article's once the word has been seen in it: one lookup a
/// word, with no map of the article's own words to make and then copy over.
fn index_article(summary: &ArticleSummary, text: String, id: u32, postings: &mut Postings) -> u32 {
    let title = lowercase(&summary.title);
    let mut second = summary.summary.clone().unwrap_or_default();
    for link in summary.actors.iter().chain(&summary.topics) {
        second.push('\n');
        second.push_str(&link.name);
    }
    second.push('\n');
    second.push_str(summary.outlet_name());
    let second = lowercase(&second);
    let lowered = lowercase_owned(text);
    let first = id * POSTING_STRIDE;
    tokenize(&title, |t| {
        mark(postings, t, first, |code| *code |= IN_TITLE)
    });
    tokenize(&second, |t| {
        mark(postings, t, first, |code| *code |= IN_SUMMARY_OR_NAMES)
    });
    let mut length = 0u32;
    tokenize(&lowered, |t| {
        length += 1;
        mark(postings, t, first, |code| {
            if *code & BODY_COUNT < BODY_COUNT {
                *code += 1;
            }
        });
    });
    length
}

/// Applies `update` to the posting of `token` for the article whose postings start at `first`
/// (its id times [`POSTING_STRIDE`]), adding it as `first` when the article has none yet.
/// Articles are indexed in id order, so the article's posting, when it has one, is the list's
/// last.
#[inline(always)]
fn mark(postings: &mut Postings, token: &str, first: u32, update: impl FnOnce(&mut u32)) {
    let list = postings.list(token);
    if list.last().is_none_or(|&last| last < first) {
        list.push(first);
    }
    if let Some(code) = list.last_mut() {
        update(code);
    }
}

/// The blocks' excerpts (by article), body lengths (by id) and postings: the postings go
/// straight to their shards, written through `sink`, in block (so id) order, with no merged
/// map: a token's lists from several blocks are joined as the shard is written. With `whole`,
/// the one shard is returned instead, for filters.json.
fn write_shards(
    indexed: Vec<IndexedBlock>,
    articles: usize,
    whole: bool,
    sink: &(dyn Fn(Output) -> Result<(), Error> + Sync),
) -> Result<(Vec<String>, Vec<u32>, String), Error> {
    let mut excerpts = vec![String::new(); articles];
    let mut shards: HashMap<String, Vec<(String, Vec<u32>)>> = HashMap::new();
    let mut lengths: Vec<u32> = Vec::with_capacity(articles);
    for (block, block_excerpts, block_lengths) in indexed {
        lengths.extend(block_lengths);
        for (i, excerpt) in block_excerpts {
            excerpts[i.index()] = excerpt;
        }
        for (token, ids) in block.into_lists() {
            let key = if whole {
                String::new()
            } else {
                shard_key(&token)
            };
            shards.entry(key).or_default().push((token, ids));
        }
    }
    let mut whole_index = String::new();
    if whole {
        let mut entries = shards.remove("").unwrap_or_default();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        index_object(&mut whole_index, &entries);
    } else {
        shards.into_par_iter().try_for_each(|(key, mut entries)| {
            // Stable: a token's lists stay in block order.
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut json = String::new();
            index_object(&mut json, &entries);
            sink(Output {
                path: format!("{SEARCH_DIR}/index/{key}.json"),
                bytes: json.into_bytes(),
            })
        })?;
    }
    Ok((excerpts, lengths, whole_index))
}

/// The start of filters.json: the article count, where the undated articles begin and each
/// body's length (in tokens, for BM25; ties go to the newest dated article).
fn filters_head(linked: &LinkedBook, lengths: &[u32]) -> String {
    let order = &linked.chronology;
    let mut filters = String::from("{");
    let _ = write!(filters, "\"count\":{}", order.len());
    let dated = order
        .iter()
        .take_while(|&&i| linked.article(i).front.date.is_some())
        .count();
    let _ = write!(filters, ",\"dated\":{dated},\"lengths\":");
    let mut digits = itoa::Buffer::new();
    filters.push('[');
    for (n, length) in lengths.iter().enumerate() {
        if n > 0 {
            filters.push(',');
        }
        filters.push_str(digits.format(*length));
    }
    filters.push(']');
    filters
}

/// Appends each taxonomy's terms with their counts to `filters`, and writes each term's ids
/// (its facet) through `sink`, or with `whole` returns them all as one JSON object's members.
fn write_facets(
    linked: &LinkedBook,
    shared: &Shared,
    whole: bool,
    filters: &mut String,
    sink: &(dyn Fn(Output) -> Result<(), Error> + Sync),
) -> Result<String, Error> {
    let order = &linked.chronology;
    let mut position = vec![0u32; order.len()];
    for (id, &i) in order.iter().enumerate() {
        position[i.index()] = id as u32;
    }
    let mut whole_facets = String::new();
    for taxonomy in Taxonomy::ALL {
        let kind = facet_kind(taxonomy);
        let terms = linked.terms(taxonomy);
        let links = shared.links(taxonomy);
        // Only terms with articles: a filter that can only empty the results is noise.
        let mut listed: Vec<usize> = (0..terms.len())
            .filter(|&t| !terms[t].articles.is_empty())
            .collect();
        match taxonomy {
            Taxonomy::Topic => {}
            Taxonomy::Year => listed.reverse(),
            _ => listed.sort_by_key(|&t| links[t].name.to_lowercase()),
        }
        let _ = write!(filters, ",\"{kind}\":[");
        let mut kind_facets = String::new();
        for (n, &t) in listed.iter().enumerate() {
            if n > 0 {
                filters.push(',');
            }
            filters.push('[');
            json_string(filters, &terms[t].slug);
            filters.push(',');
            json_string(filters, &links[t].name);
            let _ = write!(filters, ",{}]", terms[t].articles.len());
            let mut ids: Vec<u32> = terms[t]
                .articles
                .iter()
                .map(|&a| position[a.index()])
                .collect();
            ids.sort_unstable();
            if whole {
                if !kind_facets.is_empty() {
                    kind_facets.push(',');
                }
                json_string(&mut kind_facets, &terms[t].slug);
                kind_facets.push(':');
                delta_array(&mut kind_facets, ids.into_iter());
            } else {
                let mut json = String::new();
                delta_array(&mut json, ids.into_iter());
                sink(Output {
                    path: format!("{SEARCH_DIR}/facet/{kind}/{}.json", terms[t].slug),
                    bytes: json.into_bytes(),
                })?;
            }
        }
        filters.push(']');
        if whole {
            if !whole_facets.is_empty() {
                whole_facets.push(',');
            }
            let _ = write!(whole_facets, "\"{kind}\":{{{kind_facets}}}");
        }
    }
    Ok(whole_facets)
}

/// Writes `{"token":[delta-encoded ids],…}` for `entries`, sorted by token; a token's entries
/// (one per block that saw it, in id order) are joined into one list.
fn index_object(out: &mut String, entries: &[(String, Vec<u32>)]) {
    out.push('{');
    for (n, run) in entries.chunk_by(|a, b| a.0 == b.0).enumerate() {
        if n > 0 {
            out.push(',');
        }
        json_string(out, &run[0].0);
        out.push(':');
        delta_array(out, run.iter().flat_map(|(_, ids)| ids.iter().copied()));
    }
    out.push('}');
}

/// One block of consecutive articles, indexed: its postings, the excerpts the feeds want
/// (article, text) and each article's body length in tokens.
type IndexedBlock = (Postings, Vec<(ArticleId, String)>, Vec<u32>);

/// Token → postings (see [`POSTING_STRIDE`]), ascending. A token of up to 16 bytes, as nearly
/// every word is, is keyed by its bytes packed into one integer: hashed with two multiplications
/// and compared in one step, where a string key was hashed piece by piece and compared with a
/// call to `memcmp`, for every word of the book.
#[derive(Default)]
struct Postings {
    short: FxHashMap<u128, Vec<u32>>,
    long: FxHashMap<String, Vec<u32>>,
}

impl Postings {
    /// The posting list of `token`, empty when the block has not met it yet.
    #[inline(always)]
    fn list(&mut self, token: &str) -> &mut Vec<u32> {
        match pack_token(token) {
            Some(key) => self.short.entry(key).or_default(),
            // Words of more than 16 bytes are rare: the key is allocated for each.
            None => self.long.entry(token.to_owned()).or_default(),
        }
    }

    /// Every token with its list, in no particular order.
    fn into_lists(self) -> impl Iterator<Item = (String, Vec<u32>)> {
        let short = self.short.into_iter().map(|(key, list)| {
            let bytes = key.to_le_bytes();
            let len = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
            (String::from_utf8_lossy(&bytes[..len]).into_owned(), list)
        });
        short.chain(self.long)
    }
}

/// `token`'s bytes as one little-endian integer, zeros after them, when it has at most 16: tokens
/// hold no NUL byte (words and runs of letters), so two different tokens never pack alike. Read
/// as two overlapping fixed-size loads, the second shifted past the bytes the first holds: a
/// copy of the token's own length called `memcpy` for every word.
#[inline(always)]
fn pack_token(token: &str) -> Option<u128> {
    let bytes = token.as_bytes();
    let n = bytes.len();
    let load_8 = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
    let load_4 = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
    // The high part: the last `size` bytes loaded, less the `size * 2 - n` that the low part
    // holds already (a shift by the whole width leaves nothing).
    let packed = match n {
        0..=3 => bytes
            .iter()
            .rev()
            .fold(0u128, |packed, &byte| packed << 8 | u128::from(byte)),
        4..=7 => {
            let high = load_4(n - 4).checked_shr((8 - n as u32) * 8).unwrap_or(0);
            u128::from(load_4(0)) | u128::from(high) << 32
        }
        8..=16 => {
            let high = load_8(n - 8).checked_shr((16 - n as u32) * 8).unwrap_or(0);
            u128::from(load_8(0)) | u128::from(high) << 64
        }
        _ => return None,
    };
    Some(packed)
}

/// How long an article's excerpt in the feeds is, in characters.
const EXCERPT_CHARS: usize = 280;

/// A posting is `id * POSTING_STRIDE + code`: the code says where the token occurs in article
/// `id` (flags below) and how often in its body (up to `BODY_COUNT`). Ids ascend in a list, so
/// deltas stay small.
const POSTING_STRIDE: u32 = 64;
/// The token is in the title.
const IN_TITLE: u32 = 32;
/// The token is in the summary or a name the article is filed under (actor, topic, outlet).
const IN_SUMMARY_OR_NAMES: u32 = 16;
/// The low bits: occurrences in the body, counted up to 15.
const BODY_COUNT: u32 = 15;

/// What a result lists of one article.
fn fragment(summary: &ArticleSummary) -> Fragment<'_> {
    Fragment {
        title: &summary.title,
        path: &summary.path,
        date: &summary.date,
        outlet: summary.outlet_name(),
        summary: summary.summary.as_deref(),
        terms: summary
            .actors
            .iter()
            .chain(&summary.topics)
            .map(|l| &*l.name)
            .collect(),
    }
}

/// What a search result lists, fetched only when the result is on screen; its passage comes
/// from the article page at `path`.
#[derive(serde::Serialize)]
struct Fragment<'a> {
    title: &'a str,
    path: &'a str,
    date: &'a str,
    outlet: &'a str,
    summary: Option<&'a str>,
    /// The actors and topics it is filed under: a result found by one of them says so.
    terms: Vec<&'a str>,
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
    // A big book's shards hold millions of numbers: `itoa`, not `write!`, formats them.
    let mut digits = itoa::Buffer::new();
    out.push('[');
    let mut previous = 0;
    for (n, value) in values.enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(digits.format(value - previous));
        previous = value;
    }
    out.push(']');
}

/// Appends `text` as a JSON string. Tokens rarely need escaping, so those that do not are
/// copied between quotes as they are, without serde_json's allocation.
fn json_string(out: &mut String, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens packed into integers and tokens kept as strings come back as they went in, each
    /// with its own list.
    #[test]
    fn postings_give_back_every_token_with_its_list() {
        let words = [
            "talks",
            "sixteen-letters!",
            "seventeen-letters",
            "서울시",
            "a",
            "internationalisation",
        ];
        let mut postings = Postings::default();
        for (n, word) in words.iter().enumerate() {
            postings.list(word).push(n as u32);
            postings.list(word).push(n as u32 + 100);
        }
        let mut lists: Vec<(String, Vec<u32>)> = postings.into_lists().collect();
        lists.sort();
        let mut expected: Vec<(String, Vec<u32>)> = words
            .iter()
            .enumerate()
            .map(|(n, w)| (w.to_string(), vec![n as u32, n as u32 + 100]))
            .collect();
        expected.sort();
        assert_eq!(lists, expected);
        assert_eq!(pack_token("seventeen-letters"), None);
        // Every length packs as its bytes, zeros after them.
        let word = "abcdefghijklmnopq";
        for n in 0..=16 {
            let mut padded = [0u8; 16];
            padded[..n].copy_from_slice(&word.as_bytes()[..n]);
            assert_eq!(
                pack_token(&word[..n]),
                Some(u128::from_le_bytes(padded)),
                "{n}"
            );
        }
    }

    fn tokens(text: &str) -> Vec<String> {
        let lowered = text.to_lowercase();
        let mut out = Vec::new();
        tokenize(&lowered, |t| out.push(t.to_string()));
        out
    }

    /// The stop words, as `search.js` lists them (written out again: the test must not read
    /// the list it checks).
    const STOP_WORDS: [&str; 36] = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has",
        "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that",
        "the", "their", "they", "this", "to", "was", "were", "which", "will", "with",
    ];

    #[test]
    fn stop_words_are_exactly_the_list() {
        let listed: std::collections::HashSet<&str> = STOP_WORDS.into_iter().collect();
        assert_eq!(listed.len(), STOP_WORDS.len(), "no word twice");
        let mut words: Vec<String> = STOP_WORDS.iter().map(|w| w.to_string()).collect();
        // Every word of up to three letters, and each stop word with a letter more or less.
        let letters: Vec<char> = ('a'..='z').collect();
        for &a in &letters {
            words.push(a.to_string());
            for &b in &letters {
                words.push(format!("{a}{b}"));
                for &c in &letters {
                    words.push(format!("{a}{b}{c}"));
                }
            }
        }
        for stop in STOP_WORDS {
            words.push(format!("{stop}s"));
            words.push(format!("x{stop}"));
            words.push(stop[1..].to_string());
            words.push(format!("{stop}é"));
        }
        for word in &words {
            assert_eq!(is_stop_word(word), listed.contains(word.as_str()), "{word}");
        }
        // The browser skips the same words.
        let script = include_str!("../../theme/search.js");
        for stop in STOP_WORDS {
            assert!(script.contains(&format!("'{stop}'")), "{stop} in search.js");
        }
    }

    #[test]
    fn the_word_byte_table_is_ascii_letters_and_digits() {
        for byte in 0..=255u8 {
            assert_eq!(
                ASCII_WORD[usize::from(byte)],
                byte.is_ascii_alphanumeric(),
                "{byte}"
            );
        }
    }

    #[test]
    fn latin_words_are_lowercased_and_stop_words_dropped() {
        assert_eq!(
            tokens("The U.S.-ROK Alliance's 2017 talks"),
            ["rok", "alliance", "2017", "talks"]
        );
    }

    #[test]
    fn lowercasing_matches_the_standard_library() {
        for text in [
            "Plain ASCII Text",
            "“Quoted” — Moon Jae-in SAID",
            "ÀÉÎ Ünïcödé İstanbul",
            "문재인 대통령 SAID",
            "ΟΔΟΣ Σ ΣΑ",
            "",
            // Long enough to be read eight bytes at a time, with a cased letter far in.
            "The Alliance’s “Talks” in SEOUL — and ÉLYSÉE Palace",
            "The Alliance’s “Talks” in SEOUL — and Ⓐ circled, 한국 NEWS",
            "A long line of plain ASCII words, then one Ω at its end",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn hangul_is_split_into_bigrams() {
        assert_eq!(
            tokens("문재인 대통령은"),
            ["문재", "재인", "대통", "통령", "령은"]
        );
        assert_eq!(tokens("북 Moon"), ["북", "moon"]);
        assert_eq!(tokens("한미동맹이"), ["한미", "미동", "동맹", "맹이"]);
        let long = "x".repeat(40);
        assert_eq!(tokens(&long), ["x".repeat(32)]);
    }

    #[test]
    fn non_ascii_letters_inside_and_between_words_tokenize_by_character() {
        assert_eq!(tokens("Café crème brûlée"), ["café", "crème", "brûlée"]);
        // A curly apostrophe or a dash is not a letter: it ends the word.
        assert_eq!(tokens("Moon’s U.S.–ROK"), ["moon", "rok"]);
        assert_eq!(tokens("Seoul서울Tokyo"), ["seoul", "서울", "tokyo"]);
        // The 32-character cut counts characters, not bytes.
        let long = "é".repeat(40);
        assert_eq!(tokens(&long), ["é".repeat(32)]);
        assert_eq!(tokens("x1 é ü2"), ["x1", "ü2"]);
        // Runs of ASCII and other letters in one word share the cut.
        let mixed = format!("{}éé{}", "a".repeat(30), "b".repeat(5));
        assert_eq!(tokens(&mixed), [format!("{}éé", "a".repeat(30))]);
        let mixed = format!("éé{}", "a".repeat(40));
        assert_eq!(tokens(&mixed), [format!("éé{}", "a".repeat(30))]);
        let mixed = format!("{}é", "a".repeat(32));
        assert_eq!(tokens(&mixed), ["a".repeat(32)]);
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
    fn the_merged_parse_the_page_renders_from_gives_the_words_of_the_raw_parse() {
        // Smart quotes, dashes, entities and escapes split a sentence into several texts;
        // merging them must not change the words the index reads.
        let source = "\"Talks\" -- 'resumed' &amp; \\*not\\* `code` went on...\n\
                      Next line.\n\n| a \"b\" | c |\n|---|---|\n| 1 | 2 |\n\n- item \"one\"\n";
        let raw: Vec<Event<'_>> = crate::dialect::parser(source).collect();
        let merged = crate::dialect::merged_events(source);
        assert!(merged.len() < raw.len(), "nothing was merged: {merged:?}");
        assert_eq!(
            events_text(&merged, source.len()),
            events_text(&raw, source.len())
        );
        assert!(plain_text(source)
            .starts_with("“Talks” – ‘resumed’ & *not* code went on… Next line.\n"));
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("one two three four\nsecond", 9), "one two…");
        assert_eq!(excerpt("short\nsecond", 20), "short");
    }

    #[test]
    fn json_strings_are_escaped_only_where_needed() {
        for text in [
            "moon",
            "문재",
            "a\"b",
            "back\\slash",
            "tab\there",
            "\u{1}",
            "",
        ] {
            let mut out = String::new();
            json_string(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn deltas_round_trip() {
        let mut out = String::new();
        delta_array(&mut out, [3u32, 4, 10].into_iter());
        assert_eq!(out, "[3,1,6]");
    }
}
