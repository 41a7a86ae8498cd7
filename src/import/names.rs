//! Names: what a person's name looks like in English-language news — Korean and Chinese
//! family-first names checked syllable by syllable, Western and Japanese given-first names — and the
//! capitalised words that are never part of one. Also the English word list used to re-join lines.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

/// Whether `word` (lowercase) is an English word, by the Wordnik list.
pub(crate) fn is_english_word(word: &str) -> bool {
    wordnik_list::word_exists(word)
}

/// `Public Works`, `Senior Consultant`, `Read More Here`: a capitalised phrase made only of
/// everyday words, not opening with a known given name, so no person's name without more
/// evidence (`Mark Wood` opens with one).
pub(crate) fn is_everyday_phrase(phrase: &str) -> bool {
    phrase
        .split_whitespace()
        .all(|w| is_english_word(&w.to_lowercase()))
        && !phrase.split_whitespace().next().is_some_and(is_given_name)
}

/// Romanised Korean family names, from `registry/korean_surnames.txt`.
pub(crate) static KOREAN_SURNAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("registry/korean_surnames.txt")).collect());

/// Common Chinese family names in pinyin, from `registry/chinese_surnames.txt`.
pub(crate) static CHINESE_SURNAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("registry/chinese_surnames.txt")).collect());

/// [`KOREAN_SURNAMES`] and [`CHINESE_SURNAMES`] for looking a word up: every name-shaped
/// phrase's first word is.
static KOREAN_SURNAME_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| KOREAN_SURNAMES.iter().copied().collect());
static CHINESE_SURNAME_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| CHINESE_SURNAMES.iter().copied().collect());

/// Whether `word` is one of [`KOREAN_SURNAMES`].
pub(crate) fn is_korean_surname(word: &str) -> bool {
    KOREAN_SURNAME_SET.contains(word)
}

/// Whether `word` is one of [`CHINESE_SURNAMES`].
pub(crate) fn is_chinese_surname(word: &str) -> bool {
    CHINESE_SURNAME_SET.contains(word)
}

static KOREAN_SYLLABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:kk|tt|pp|ss|jj|ch|kh|th|ph|sh|wh|[gkndrlmbpsjchtwy])?(?:yae|yeo|wae|eui|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ou|ee|ei|ai|a|e|o|u|i)(?:ng|nk|lk|lm|lb|[kgnmlpbtd])?$").unwrap()
});

static PINYIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u))+$").unwrap()
});

fn korean_given(token: &str) -> bool {
    let lower = token.to_lowercase();
    !lower.is_empty()
        && lower.len() <= 12
        && lower
            .split('-')
            .all(|s| !s.is_empty() && KOREAN_SYLLABLE.is_match(s))
}

fn chinese_given(token: &str) -> bool {
    let lower = token.to_lowercase();
    !token.contains('-') && lower.len() <= 8 && PINYIN.is_match(&lower)
}

/// Whether the name is written family name first (Korean or Chinese), which decides its short form.
pub(crate) fn family_first(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    let Some((first, rest)) = tokens.split_first() else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    (KOREAN_SURNAME_SET.contains(first) && rest.iter().all(|t| korean_given(t)))
        || (CHINESE_SURNAME_SET.contains(first) && rest.len() == 1 && chinese_given(rest[0]))
}

/// Whether `name` looks like a Korean name on its own, without any context: a family name and a
/// hyphenated given name (`Kang Kyung-wha`) or two given syllables (`Yoon Suk Yeol`).
pub(crate) fn korean_name(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    match tokens.as_slice() {
        [family, given] => {
            KOREAN_SURNAME_SET.contains(family) && given.contains('-') && korean_given(given)
        }
        [family, a, b] => {
            KOREAN_SURNAME_SET.contains(family)
                && !a.contains('-')
                && !b.contains('-')
                && a.len() <= 5
                && b.len() <= 5
                && korean_given(a)
                && korean_given(b)
        }
        _ => false,
    }
}

/// Whether `name` looks like a Chinese name on its own: `Xi Jinping`, `Wang Yi`.
pub(crate) fn chinese_name(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    match tokens.as_slice() {
        [family, given] => {
            CHINESE_SURNAME_SET.contains(family)
                && chinese_given(given)
                && !is_english_word(&given.to_lowercase())
        }
        _ => false,
    }
}

/// The word a story uses for the person after first mention: `Moon` for Moon Jae-in, `Tillerson`
/// for Rex Tillerson.
pub(crate) fn short_form(name: &str) -> Option<&str> {
    let tokens: Vec<&str> = name
        .split_whitespace()
        .filter(|t| suffix(t).is_none())
        .collect();
    if tokens.len() < 2 {
        return None;
    }
    if family_first(name) {
        tokens.first().copied()
    } else {
        tokens.last().copied()
    }
}

/// Names of places and institutions shaped like personal names, from
/// `registry/name_shaped_places.txt`.
/// Kept in ASCII lower case with their lengths, so most phrases are turned away by their length
/// and the rest looked up rather than compared with every entry.
static INSTITUTIONS: LazyLock<(FxHashSet<String>, FxHashSet<usize>)> = LazyLock::new(|| {
    let places: Vec<&str> = entries(include_str!("registry/name_shaped_places.txt")).collect();
    (
        places.iter().map(|p| p.to_ascii_lowercase()).collect(),
        places.iter().map(|p| p.len()).collect(),
    )
});

/// Whether a name-shaped phrase is a place or an institution (any ASCII case).
pub(crate) fn is_institution(name: &str) -> bool {
    let (places, lengths) = &*INSTITUTIONS;
    lengths.contains(&name.len()) && places.contains(&name.to_ascii_lowercase())
}

/// An automaton finding any phrase of a word list (see [`entries`]) in any ASCII case.
pub(crate) fn phrase_automaton(list: &'static str) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(entries(list))
        .expect("a word list builds an automaton")
}

/// The entries of a word list: one per line, `#` comments and blank lines skipped.
pub(crate) fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.is_empty())
}

/// A shipped list's entries escaped and joined by `|`, to stand in a pattern as one alternation.
pub(crate) fn alternation(list: &'static str) -> String {
    entries(list)
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join("|")
}

/// `Lindqvist-led` → `Lindqvist`: a name with an adjective's suffix hyphenated to it (see
/// `registry/compound_suffixes.txt`); any other name unchanged.
pub(crate) fn without_compound_suffix(name: &str) -> &str {
    static SUFFIXES: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| entries(include_str!("registry/compound_suffixes.txt")).collect());
    match name.rsplit_once('-') {
        Some((stem, suffix)) if !stem.is_empty() && SUFFIXES.contains(suffix) => stem,
        _ => name,
    }
}

static STOP_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    entries(include_str!("stop_words.txt"))
        .chain(entries(include_str!("registry/non_person_words.txt")))
        .collect()
});

/// Words that are never part of a person's name and mark the phrase they end as an organisation's
/// or a place's ("... University", "... Division").
static NON_PERSON: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("registry/non_person_words.txt")).collect());

/// Given names, as written and without diacritics.
static GIVEN: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    entries(include_str!("registry/given_names.txt"))
        .flat_map(|n| [n.to_string(), deunicode::deunicode(n)])
        .collect()
});

/// Lower-case words that stand inside a name: `da`, `von`, `bin`.
pub(crate) static PARTICLES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("registry/name_particles.txt")).collect());

/// [`PARTICLES`] for looking a word up.
static PARTICLE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| PARTICLES.iter().copied().collect());

/// Titles, honorifics and nationalities written before names, longest first (so a regex
/// alternation prefers `Prime Minister` to `Minister`).
pub(crate) static TITLES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut titles: Vec<&'static str> = entries(include_str!("registry/titles.txt"))
        .chain(entries(include_str!("registry/demonyms.txt")))
        .collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    titles.dedup();
    titles
});

/// Every capitalised word of a title (`Crown`, `Prince`, `Secretary-General`), without a final dot.
static TITLE_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    TITLES
        .iter()
        .flat_map(|t| t.split(' '))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect()
});

/// Whether `word` is a common given name (`Jim`, `António`, `Bjørg`).
pub(crate) fn is_given_name(word: &str) -> bool {
    GIVEN.contains(word)
}

/// Whether `word` is a surname particle (`da`, `von`, `bin`).
pub(crate) fn is_particle(word: &str) -> bool {
    PARTICLE_SET.contains(word)
}

/// Whether `word` is a capitalised word of a title or honorific (`Treasurer`, `Sheikh`, `Chair`).
pub(crate) fn is_title_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    TITLE_WORDS.contains(word)
        || (word.contains('-') && {
            // `Chief-of-Staff`, `Editor-in-Chief`, `Vice-President`: a title written as one word.
            let mut parts = word.split('-');
            parts
                .next()
                .is_some_and(|first| TITLE_WORDS.contains(first))
                && parts
                    .all(|part| TITLE_WORDS.contains(part) || is_english_word(&part.to_lowercase()))
        })
}

/// Whether a capitalised word names an institution or a place, never a person.
pub(crate) fn is_non_person(word: &str) -> bool {
    NON_PERSON.contains(word.trim_end_matches(['.', ',']))
}

/// A generational or regnal suffix written after a name: `Jr.`, `Sr.`, `II`, `III`.
pub(crate) fn suffix(word: &str) -> Option<&'static str> {
    Some(match word {
        "Jr." | "Jr" => "Jr.",
        "Sr." | "Sr" => "Sr.",
        "II" => "II",
        "III" => "III",
        "IV" => "IV",
        "V" => "V",
        "VI" => "VI",
        "VII" => "VII",
        "VIII" => "VIII",
        _ => return None,
    })
}

/// Whether a capitalised word is one that never begins or ends a person's name.
pub(crate) fn is_stop_word(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',', '’', '\'']);
    let word = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    STOP_SET.contains(word) || word.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Normalised key for comparing spellings: `Kim Jong-un`, `Kim Jong Un` and `KIM JONG UN` agree,
/// and so do `Erdoğan` and `Erdogan`.
pub(crate) fn key(name: &str) -> String {
    let plain;
    let name = if name.is_ascii() {
        name
    } else {
        plain = deunicode::deunicode(name);
        &plain
    };
    super::fold::alnum_lower(name)
}

/// Builds the name lists and syllable patterns before the first input needs them (see [`super::warm_up`]).
pub(crate) fn patterns() -> Vec<fn()> {
    vec![
        || {
            LazyLock::force(&GIVEN);
        },
        || {
            LazyLock::force(&KOREAN_SURNAMES);
            LazyLock::force(&CHINESE_SURNAMES);
            LazyLock::force(&KOREAN_SYLLABLE);
            LazyLock::force(&PINYIN);
            LazyLock::force(&INSTITUTIONS);
            LazyLock::force(&STOP_SET);
            LazyLock::force(&NON_PERSON);
            LazyLock::force(&PARTICLES);
            LazyLock::force(&PARTICLE_SET);
            LazyLock::force(&KOREAN_SURNAME_SET);
            LazyLock::force(&CHINESE_SURNAME_SET);
            LazyLock::force(&TITLES);
            LazyLock::force(&TITLE_WORDS);
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_names_are_recognised_by_their_syllables() {
        for name in [
            "Kang Kyung-wha",
            "Moon Jae-in",
            "Yoon Suk Yeol",
            "Choe Son-hui",
            "Kim Jong Un",
            "Chung Eui-yong",
        ] {
            assert!(korean_name(name), "{name}");
            assert!(family_first(name), "{name}");
        }
        for name in ["Han River Park", "Lee Harvey", "Park Avenue"] {
            assert!(!korean_name(name), "{name}");
        }
    }

    #[test]
    fn short_forms_follow_name_order() {
        assert_eq!(short_form("Moon Jae-in"), Some("Moon"));
        assert_eq!(short_form("Rex Tillerson"), Some("Tillerson"));
        assert_eq!(short_form("Xi Jinping"), Some("Xi"));
        assert_eq!(short_form("Shinzo Abe"), Some("Abe"));
        assert_eq!(short_form("Suh Wook"), Some("Suh"));
    }

    #[test]
    fn chinese_names_need_a_pinyin_given_name() {
        assert!(chinese_name("Xi Jinping"));
        assert!(chinese_name("Wang Yi"));
        assert!(!chinese_name("Song Sung"));
        assert!(!chinese_name("Long Island"));
    }

    #[test]
    fn the_word_list_knows_common_words() {
        assert!(is_english_word("cooperation"));
        assert!(!is_english_word("coope"));
    }
}
