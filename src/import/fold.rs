//! Case folding for comparison keys. Keys are built for every line and name of every input, so
//! ASCII text (most of it) is folded a byte at a time instead of through Unicode's tables; the
//! result is the same as `char::is_alphanumeric` and `char::to_lowercase` would give.

/// Appends the letters and digits of `text`, lower-cased, taking at most `limit` of them.
pub(crate) fn push_alnum_lower(out: &mut String, text: &str, limit: usize) {
    let bytes = text.as_bytes();
    let (mut taken, mut at) = push_ascii_alnum_lower(out, bytes, limit);
    while taken < limit && at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                out.push(char::from(b.to_ascii_lowercase()));
                taken += 1;
            }
            at += 1;
            continue;
        }
        // A byte past ASCII starts a character (`at` only ever stops on character starts).
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            taken += 1;
        }
        at += c.len_utf8();
    }
}

/// [`push_alnum_lower`] of the ASCII bytes `bytes` opens with, up to the first byte past ASCII:
/// how many letters and digits it took and how many bytes it read. Keys are built for every line
/// and name, most of them ASCII, so each byte is looked up in [`ASCII_FOLD`] and written without
/// a branch, and kept by moving on past it only when it is a letter or digit: half the cost of a
/// character pushed at a time.
fn push_ascii_alnum_lower(out: &mut String, bytes: &[u8], limit: usize) -> (usize, usize) {
    let room = limit.min(bytes.len());
    if room == 0 {
        return (0, 0);
    }
    let mut folded = std::mem::take(out).into_bytes();
    let base = folded.len();
    folded.resize(base + room, 0);
    let slots = &mut folded[base..];
    let (mut taken, mut read) = (0, 0);
    while taken < room && read < bytes.len() {
        let folded_byte = ASCII_FOLD[usize::from(bytes[read])];
        if folded_byte == PAST_ASCII {
            break;
        }
        slots[taken] = folded_byte;
        taken += usize::from(folded_byte != 0);
        read += 1;
    }
    folded.truncate(base + taken);
    *out = String::from_utf8(folded).expect("a string with ASCII bytes added is UTF-8");
    (taken, read)
}

/// [`ASCII_FOLD`]'s mark of a byte past ASCII, where the characters are read instead.
const PAST_ASCII: u8 = 0xFF;

/// Each byte as a key keeps it: an ASCII letter or digit lower-cased, any other ASCII byte 0
/// (dropped), a byte past ASCII [`PAST_ASCII`].
static ASCII_FOLD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < table.len() {
        let byte = b as u8;
        table[b] = if !byte.is_ascii() {
            PAST_ASCII
        } else if byte.is_ascii_alphanumeric() {
            byte.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The letters and digits of `text`, lower-cased: `Kim Jong-un` → `kimjongun`.
pub(crate) fn alnum_lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_alnum_lower(&mut out, text, usize::MAX);
    out
}

/// The words of `text` (runs of letters and digits), lower-cased and joined by one space:
/// `Talks *resumed*, Seoul said.` → `talks resumed seoul said`.
pub(crate) fn words_lower(text: &str) -> String {
    if text.is_ascii() {
        return ascii_words_lower(text.as_bytes());
    }
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        let alphanumeric = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if !alphanumeric {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// [`words_lower`] of ASCII text: a whole body is folded for every input, so each word is copied
/// at once and the result lower-cased in one pass at the end.
fn ascii_words_lower(text: &[u8]) -> String {
    let mut out = Vec::with_capacity(text.len());
    for word in text
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(word);
    }
    out.make_ascii_lowercase();
    String::from_utf8(out).expect("ASCII bytes are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow, obviously right definitions the fast ones must agree with.
    fn reference_words(text: &str) -> String {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn reference_alnum(text: &str, limit: usize) -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .take(limit)
            .flat_map(char::to_lowercase)
            .collect()
    }

    const SAMPLES: [&str; 8] = [
        "Talks *resumed*, Seoul said.",
        "  SEOUL, FEB. 7 — ERDOĞAN met Kim Jong-un; İstanbul 2025  ",
        "문재인 대통령은 7일 — Moon Jae-in",
        "ΣΟΦΙΑ Straße ǅemal …",
        "",
        "--- !!! ---",
        "  Talks  resumed, Seoul said: 'No 2025-26 deal.'  ",
        "A1b2_C3\tD4\n\nE5",
    ];

    #[test]
    fn folding_agrees_with_the_unicode_definitions() {
        for text in SAMPLES {
            assert_eq!(words_lower(text), reference_words(text), "{text}");
            assert_eq!(
                alnum_lower(text),
                reference_alnum(text, usize::MAX),
                "{text}"
            );
            for limit in [0, 1, 5, 12] {
                let mut out = String::new();
                push_alnum_lower(&mut out, text, limit);
                assert_eq!(out, reference_alnum(text, limit), "{text} {limit}");
            }
        }
    }
}
