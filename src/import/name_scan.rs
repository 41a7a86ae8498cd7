//! Name scan: the spans shaped like a person's name (capitalised words in any cased script, with
//! surname particles, middle initials and a generational suffix), found by one hand-written pass
//! over the text instead of Unicode regexes. Import runs several name patterns over every article;
//! as regexes each scanned the whole text through a large lazy DFA, which made them the costliest
//! part of importing. The grammar is the one `actors` documents for its `NAME` pattern, and the
//! tests check the scan against that pattern.

/// Where a name may start and where the longest name from there ends: every such span of the
/// text, in order of their starts (spans overlap: `Joe Biden` and `Biden` both start a name).
pub(crate) struct NameSpans {
    spans: Vec<(usize, usize)>,
}

impl NameSpans {
    /// Scans `text` once; `particles` are the lower-case words that stand inside names (`da`).
    pub fn new(text: &str, particles: &[&str]) -> Self {
        let particles = Particles::new(particles);
        let particles = &particles;
        // The words of a run are the next word of one start and a start of their own: each
        // word's successor is found once, by the offset where the word ends.
        let mut next_after: Vec<u32> = vec![UNKNOWN; text.len() + 1];
        let mut next = |end: usize| {
            if next_after[end] == UNKNOWN {
                next_after[end] = next_word_end(text, end, particles).map_or(NONE, |e| e as u32);
            }
            (next_after[end] != NONE).then_some(next_after[end] as usize)
        };
        let spans = token_starts(text)
            .filter_map(|at| {
                let mut end = token_end(text, at)?;
                for _ in 0..4 {
                    match next(end) {
                        Some(further) => end = further,
                        None => break,
                    }
                }
                Some((at, with_suffix(text, end)))
            })
            .collect();
        NameSpans { spans }
    }

    /// Every start of a name with the end of the longest name from it.
    pub fn all(&self) -> &[(usize, usize)] {
        &self.spans
    }

    /// The end of the longest name starting at `at`, if one does.
    pub fn end_at(&self, at: usize) -> Option<usize> {
        self.spans
            .binary_search_by_key(&at, |&(start, _)| start)
            .ok()
            .map(|i| self.spans[i].1)
    }

    /// Names left to right without overlap, each as long as it can be: what a regex of the
    /// name pattern finds with `find_iter`.
    pub fn runs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut next = 0;
        self.spans.iter().copied().filter(move |&(start, end)| {
            if start < next {
                return false;
            }
            next = end;
            true
        })
    }
}

/// The surname particles, with the words they open: most lower-case words after a name
/// (`said`, `and`) open none, and are turned away by one look-up.
struct Particles<'p> {
    all: &'p [&'p str],
    first_words: rustc_hash::FxHashSet<&'p str>,
}

impl<'p> Particles<'p> {
    fn new(all: &'p [&'p str]) -> Self {
        let first_words = all
            .iter()
            .map(|p| p.split(' ').next().unwrap_or(p))
            .collect();
        Particles { all, first_words }
    }
}

/// `next_after` entries: not looked at yet, and no further word.
const UNKNOWN: u32 = u32::MAX;
const NONE: u32 = u32::MAX - 1;

/// Prefixes of a surname word: `McCain`, `MacArthur`, `O'Brien`, `N’Diaye`, `al-Ansari`.
const PREFIXES: &[&str] = &[
    "Mc", "Mac", "O'", "O’", "D'", "D’", "N'", "N’", "Al-", "al-", "El-", "el-",
];

/// Generational suffixes after a name, in the order they are tried (`Jr.` before `Jr`).
const SUFFIXES: &[&str] = &["Jr.", "Sr.", "Jr", "Sr", "III", "II", "IV"];

/// Offsets where a name word may begin: an upper-case letter, or the `a`/`e` of `al-`, `el-`.
/// A byte loop: most bytes are ASCII and rejected by one comparison.
fn token_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let starts_word = move |i: usize| match bytes[i] {
        // A name word goes on in lower case (`Guterres`) or opens with a prefix (`O'Brien`,
        // `O’Neill`): the letters of `NATO` or `KST` start none.
        b'A'..=b'Z' => bytes
            .get(i + 1)
            .is_some_and(|&n| n.is_ascii_lowercase() || n == b'\'' || n >= 0x80),
        b'a' | b'e' => bytes.get(i + 1..i + 3) == Some(b"l-"),
        0xC0.. => text[i..].chars().next().is_some_and(char::is_uppercase),
        _ => false,
    };
    // A byte can open a name word only if it is a capital, a lead byte past ASCII, or an `a`/`e`
    // before `l`: tested without branches, so the many `a`s and `e`s of running text cost no
    // mispredicted jump; the full test runs on the few bytes that pass.
    let may_start = move |i: usize| {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        (b.wrapping_sub(b'A') < 26) | (b >= 0xC0) | ((b | 0x04 == b'e') & (next == b'l'))
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            // Eight bytes none of which passes `may_start` are passed over at once: most runs of
            // eight bytes of prose hold no capital and no `al`/`el`.
            let end = (at + 8).min(bytes.len());
            if let Ok(eight) = <[u8; 8]>::try_from(&bytes[at..end]) {
                let next = bytes.get(end).copied().unwrap_or(0);
                if !any_may_start(u64::from_le_bytes(eight), next) {
                    at = end;
                    continue;
                }
            }
            while at < end {
                let i = at;
                at += 1;
                if may_start(i) && starts_word(i) {
                    return Some(i);
                }
            }
        }
        None
    })
}

/// Whether one of eight bytes (little-endian in `eight`, `next` the byte after them, 0 past the
/// text) passes the byte test of [`token_starts`]: a capital, a lead byte past ASCII, or an
/// `a`/`e` before `l`. Each byte is compared in its own lane, its top bit set to keep the
/// subtractions from borrowing across lanes, so the answer is exactly that of the bytes one by
/// one.
fn any_may_start(eight: u64, next: u8) -> bool {
    const TOP: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Lanes of `bytes` equal to `byte`, marked by their top bit.
    let equal = |bytes: u64, byte: u8| {
        let diff = bytes ^ (ONES * u64::from(byte));
        !((diff | TOP) - ONES) & !diff & TOP
    };
    let raised = eight | TOP;
    let capital = (raised - ONES * u64::from(b'A')) & !(raised - ONES * u64::from(b'[')) & !eight;
    let past_ascii_lead = eight & (eight << 1);
    let followers = (eight >> 8) | (u64::from(next) << 56);
    let al_or_el = equal(eight | (ONES * 0x04), b'e') & equal(followers, b'l');
    (capital | past_ascii_lead | al_or_el) & TOP != 0
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The end of `\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{L}\p{Ll}*)*` at `at`: `Guterres`,
/// `DeLuca`, `Kyung-wha`.
fn core_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let lower_run = |from: usize| {
        let mut end = from;
        loop {
            // ASCII letters byte by byte; a character is decoded only past ASCII.
            match bytes.get(end) {
                Some(b) if b.is_ascii_lowercase() => end += 1,
                Some(&b) if b >= 0x80 => match char_at(text, end).filter(|c| c.is_lowercase()) {
                    Some(c) => end += c.len_utf8(),
                    None => break,
                },
                _ => break,
            }
        }
        end
    };
    let upper_then_lower = |from: usize| {
        let c = char_at(text, from).filter(|c| c.is_uppercase())?;
        let end = lower_run(from + c.len_utf8());
        (end > from + c.len_utf8()).then_some(end)
    };
    let mut end = upper_then_lower(at)?;
    if let Some(more) = upper_then_lower(end) {
        end = more;
    }
    while text[end..].starts_with('-') {
        match char_at(text, end + 1).filter(|c| c.is_alphabetic()) {
            Some(c) => end = lower_run(end + 1 + c.len_utf8()),
            None => break,
        }
    }
    Some(end)
}

/// The end of one name word at `at`, with its surname prefix if it has one.
fn token_end(text: &str, at: usize) -> Option<usize> {
    // Every prefix opens with one of these letters: most words need no prefix tried.
    let prefixed = matches!(
        text.as_bytes().get(at),
        Some(b'M' | b'O' | b'D' | b'N' | b'A' | b'a' | b'E' | b'e')
    );
    PREFIXES
        .iter()
        .filter(|p| prefixed && text[at..].starts_with(*p))
        .find_map(|p| core_end(text, at + p.len()))
        .or_else(|| core_end(text, at))
}

/// The end of one more name word after `at`: ` da`, ` von der` particles, then ` `, an optional
/// middle initial (`J. `) and the word. Particles are tried longest run first, as a regex would.
fn next_word_end(text: &str, at: usize, particles: &Particles) -> Option<usize> {
    let rest = &text[at..];
    // Particles are lower-case words: most name words end before anything else is tried.
    let after_space = rest.strip_prefix(' ');
    let particle_next = after_space
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_lowercase);
    // A particle can only follow when it opens with the next word: most lower-case words after
    // a name (`said`, `and`) open none, and the particles are not tried one by one.
    let next_word = after_space.map_or("", |r| r.split(' ').next().unwrap_or(r));
    let particle_next = particle_next && particles.first_words.contains(next_word);
    let opens_with_next_word = |particle: &&str| {
        particle
            .strip_prefix(next_word)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    };
    let candidates = if particle_next { particles.all } else { &[] };
    for particle in candidates.iter().filter(|p| opens_with_next_word(p)) {
        if rest
            .strip_prefix(' ')
            .and_then(|r| r.strip_prefix(particle))
            .is_some_and(|r| r.starts_with(' '))
        {
            if let Some(end) = next_word_end(text, at + 1 + particle.len(), particles) {
                return Some(end);
            }
        }
    }
    let word = at + rest.strip_prefix(' ').map(|_| 1)?;
    // A middle initial: an upper-case letter, a full stop and a space.
    if let Some(c) = char_at(text, word).filter(|c| c.is_uppercase()) {
        let after = word + c.len_utf8();
        if text[after..].starts_with(". ") {
            if let Some(end) = token_end(text, after + 2) {
                return Some(end);
            }
        }
    }
    token_end(text, word)
}

/// `end` moved past a generational suffix after it (`, Jr.`, ` II`), if one follows.
fn with_suffix(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let after_comma = rest.strip_prefix(',').unwrap_or(rest);
    // Every suffix opens with `J`, `S` or `I`: most names end before anything else is tried.
    let spaced = after_comma
        .strip_prefix(' ')
        .filter(|r| r.starts_with(['J', 'S', 'I']));
    if let Some(spaced) = spaced {
        let comma = rest.len() - after_comma.len();
        for suffix in SUFFIXES {
            let Some(tail) = spaced.strip_prefix(suffix) else {
                continue;
            };
            // An ASCII word boundary after the suffix, as `(?-u:\b)` asks.
            let last_word = suffix.ends_with(|c: char| c.is_ascii_alphanumeric());
            let next_word = tail
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
            if last_word != next_word {
                return end + comma + 1 + suffix.len();
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The name pattern as a regex: what the scan must find.
    fn pattern(particles: &[&str]) -> Regex {
        let token = r"(?:Mc|Mac|O'|O’|D'|D’|N'|N’|[AaEe]l-)?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{L}\p{Ll}*)*";
        let particles = particles.join("|");
        Regex::new(&format!(
            r"{token}(?:(?: (?:{particles}))* (?:\p{{Lu}}\. )?{token}){{0,4}}(?:,? (?:Jr\.|Sr\.|Jr|Sr|III|II|IV)(?-u:\b))?"
        ))
        .unwrap()
    }

    const TEXTS: &[&str] = &[
        "SEOUL, Feb. 7 (Yonhap) -- South Korean Foreign Minister Yun Byung-se and U.S. Secretary \
         of State Rex Tillerson agreed on Tuesday, Kang Kyung-wha said.",
        "Luiz Inácio Lula da Silva met Ursula von der Leyen and Antony J. Blinken in São Paulo.",
        "Martin Luther King Jr. and Tomas Reyes, Jr said; Pope Benedict XVI and Elizabeth II, \
         King Charles III of the House of Windsor.",
        "McDonald's Mcx O'Brien N’Diaye al-Ansari el-Sisi Al-Sabah DeLuca Jean-Luc Picard-Smith. \
         NATO KST (AFP) O’Neill NASAwatch D'Souza.",
        "xAbc ÉAbc Zoë Ferreira-Nuñez Søren Åberg Ab- Ab-1 A B C. Dd Ee Ff Gg Hh Ii Jj Kk Ll Mm.",
        "Hamad bin Faleh Al Qasimi, Emir Sheikh Tamim bin Hamad Al Thani, Juan Carlos de la Fuente \
         y Gómez said so.",
        "One Two Three Four Five Six Seven Eight Nine Ten Eleven said",
        "Ab de De Cd van Ef van der Gh von Ij. Kl M. Nn O. P. Qr",
    ];

    #[test]
    fn every_prefix_opens_with_a_letter_token_end_tries_it_for() {
        for prefix in PREFIXES {
            assert!(
                matches!(
                    prefix.as_bytes()[0],
                    b'M' | b'O' | b'D' | b'N' | b'A' | b'a' | b'E' | b'e'
                ),
                "{prefix}"
            );
        }
        for suffix in SUFFIXES {
            assert!(suffix.starts_with(['J', 'S', 'I']), "{suffix}");
        }
    }

    #[test]
    fn eight_bytes_pass_when_one_of_them_does() {
        let one = |b: u8, next: u8| {
            (b.wrapping_sub(b'A') < 26) | (b >= 0xC0) | ((b | 0x04 == b'e') & (next == b'l'))
        };
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let interesting = [
            b'A', b'Z', b'@', b'[', b'a', b'e', b'l', b'i', 0xC0, 0xBF, 0x80, 0xFF, 0,
        ];
        for _ in 0..20_000 {
            let mut bytes = [0u8; 9];
            for b in &mut bytes {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                *b = if seed.is_multiple_of(3) {
                    interesting[(seed >> 8) as usize % interesting.len()]
                } else {
                    (seed >> 16) as u8
                };
            }
            let expected = (0..8).any(|i| one(bytes[i], bytes[i + 1]));
            let eight = u64::from_le_bytes(bytes[..8].try_into().unwrap());
            assert_eq!(any_may_start(eight, bytes[8]), expected, "{bytes:?}");
        }
    }

    #[test]
    fn runs_are_what_the_name_pattern_finds() {
        let particles = crate::import::names::PARTICLES.clone();
        let regex = pattern(&particles);
        for text in TEXTS {
            let expected: Vec<(usize, usize)> = regex
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            let spans = NameSpans::new(text, &particles);
            assert_eq!(spans.runs().collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn every_start_gets_the_longest_name_from_it() {
        let particles = crate::import::names::PARTICLES.clone();
        let anchored = Regex::new(&format!("^(?:{})", pattern(&particles).as_str())).unwrap();
        for text in TEXTS {
            let spans = NameSpans::new(text, &particles);
            for (at, _) in text.char_indices() {
                let expected = anchored.find(&text[at..]).map(|m| at + m.end());
                assert_eq!(spans.end_at(at), expected, "at {at} of {text}");
            }
        }
    }
}
