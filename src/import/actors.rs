//! Actors: the real people a story names, by canonical full name. Known names and aliases come from
//! `content/actors.yaml` (one aho-corasick automaton); new ones are found by their context (titles,
//! "X said", appositions) or their shape (Korean and Chinese names); short mentions ("Moon",
//! "Tillerson") resolve to the full name used in the article or in the actors file. Reporters and
//! photographers are left out.

use std::sync::LazyLock;

use aho_corasick::{packed, AhoCorasick, MatchKind};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::doc::{Block, Doc, Meta};
use super::name_scan::NameSpans;
use super::names::{self, key, short_form};
use super::outlets::OutletMatcher;
use super::{ImportContext, NewActor};
use crate::model::ActorEntry;

/// The actors file, compiled for matching.
pub(crate) struct ActorMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: the actor it names and whether it is a single word (a short mention).
    patterns: Vec<(usize, bool)>,
    names: Vec<String>,
    by_key: HashMap<String, usize>,
    /// Surnames of given-name-first actors that identify exactly one of them.
    by_short: HashMap<String, usize>,
    /// Keys of every actor's short form and one-word alias: a new actor's surname alias must
    /// not be one of these.
    short_words: HashSet<String>,
}

impl ActorMatcher {
    pub fn new(actors: &[ActorEntry]) -> Self {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        let mut by_key = HashMap::default();
        let mut shorts: HashMap<String, Vec<usize>> = HashMap::default();
        let mut short_words = HashSet::default();
        for (i, actor) in actors.iter().enumerate() {
            short_words.extend(short_form(&actor.name).map(key));
            short_words.extend(
                actor
                    .aliases
                    .iter()
                    .filter(|a| !a.contains(' '))
                    .map(|a| key(a)),
            );
            for text in std::iter::once(&actor.name).chain(&actor.aliases) {
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                by_key.entry(key(text)).or_insert(i);
                texts.push(text.to_string());
                patterns.push((i, !text.contains(' ')));
            }
            if let Some(short) = short_form(&actor.name) {
                if !names::family_first(&actor.name) {
                    shorts.entry(short.to_string()).or_default().push(i);
                }
            }
        }
        let by_short = shorts
            .into_iter()
            .filter(|(short, ids)| ids.len() == 1 && !names::is_english_word(&short.to_lowercase()))
            .map(|(short, ids)| (short, ids[0]))
            .collect();
        let automaton = (!texts.is_empty()).then(|| {
            // The names are searched in the whole text of every input: a book's cast of a few
            // thousand names makes a DFA built in milliseconds and scanned several times faster
            // than the NFA the builder picks past a hundred names; a bigger cast keeps the NFA so
            // memory stays bounded.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind((texts.len() <= MAX_DFA_NAMES).then_some(aho_corasick::AhoCorasickKind::DFA))
                .build(&texts)
                .expect("actor names build an automaton")
        });
        ActorMatcher {
            automaton,
            patterns,
            names: actors.iter().map(|a| a.name.clone()).collect(),
            by_key,
            by_short,
            short_words,
        }
    }

    /// Whether a one-word name already stands for a known actor (as an alias or a surname).
    pub fn short_word_taken(&self, word: &str) -> bool {
        self.short_words.contains(&key(word)) || self.by_key.contains_key(&key(word))
    }

    /// The canonical name of a known actor written `name` (any spelling of a name or alias).
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.by_key.get(&key(name)).map(|&i| self.names[i].as_str())
    }
}

/// The actors of one article.
pub(crate) struct People {
    pub names: Vec<String>,
    pub new: Vec<NewActor>,
}

/// Casts up to this many names and aliases are matched with a full DFA.
const MAX_DFA_NAMES: usize = 5_000;

/// One capitalised word of a name, in any script with case: `Guterres`, `Dujarric`, `O'Brien`,
/// `N’Diaye`, `al-Ansari`, `Kyung-wha`, `La'auli` (an apostrophe inside the word, never the one
/// letter of a possessive `’s`).
const TOKEN: &str = r"(?:Mc|Mac|O'|O’|D'|D’|N'|N’|[AaEe]l-)?\p{Lu}\p{Ll}+(?:['’]\p{Ll}{2,})?(?:\p{Lu}\p{Ll}+)?(?:-\p{L}\p{Ll}*)*";

/// Up to five name words with middle initials and lower-case particles between them (`Luiz Inácio
/// Lula da Silva`, `Ursula von der Leyen`) and a generational suffix (`Jr.`, `II`).
static NAME: LazyLock<String> = LazyLock::new(|| {
    let particles = names::PARTICLES.join("|");
    // Leading initials: `S. Jaishankar`, `A.S. Rahman`, `M.O Adegbite`, `G S Rathore` (never a
    // lone `A` or `I`, which are words).
    // Two or three capitals without dots too (`KT Parnaik`, `PK Jena`).
    let initials = r"(?:(?:\p{Lu}\.\s?){1,3}(?:\p{Lu}\s)?|(?:[B-HJ-Z]\s){1,2}|[A-Z]{2,3}\s)";
    format!(
        r"{initials}?{TOKEN}(?:(?: (?:{particles}))* (?:\p{{Lu}}\. )?{TOKEN}){{0,4}}(?:,? (?:Jr\.|Sr\.|Jr|Sr|III|II|IV)(?-u:\b))?"
    )
});

/// Nationalities written before a title (`South Korean Foreign Minister`).
const NATIONALITIES: &[&str] = &[
    "South Korean",
    "North Korean",
    "Korean",
    "U.S.",
    "US",
    "American",
    "Japanese",
    "Chinese",
    "Russian",
    "British",
    "French",
    "German",
    "UN",
    "U.N.",
    "Ukrainian",
    "Australian",
    "Indian",
];

/// Words before a title that qualify it (`Deputy`, `former`, `then-`).
const TITLE_MODIFIERS: &[&str] = &[
    "First", "Deputy", "Vice", "Acting", "Former", "former", "Senior", "senior", "then", "Then",
];

/// Titles before names, from the registry, with an optional nationality and modifiers.
static TITLES: LazyLock<String> = LazyLock::new(|| {
    let alternation = |words: &[&str]| {
        words
            .iter()
            .map(|t| regex::escape(t))
            .collect::<Vec<_>>()
            .join("|")
    };
    format!(
        r"(?:(?:{}) )?(?:(?:{})[- ])*(?:{})",
        alternation(NATIONALITIES),
        alternation(TITLE_MODIFIERS),
        alternation(&names::TITLES)
    )
});

/// The first word of every nationality, modifier and title: a titled name can only start at one.
static TITLE_FIRST_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    NATIONALITIES
        .iter()
        .chain(TITLE_MODIFIERS)
        .chain(names::TITLES.iter())
        .filter_map(|t| leading_word(t))
        .collect()
});

/// The first four bytes of every word of [`TITLE_FIRST_WORDS`], hashed to a bit (see
/// [`opening_of`]): most words of a text open with none, and are turned away before they are cut
/// out and looked up. A test by their first two bytes alone let through every `the` and `that`
/// (for `then`).
struct TitleStarts {
    bits: Vec<u64>,
}

/// Hashed bits of [`TitleStarts`]: a few hundred openings set a few bits in a hundred.
const TITLE_START_BITS: usize = 1 << 16;

static TITLE_STARTS: LazyLock<TitleStarts> = LazyLock::new(|| {
    let mut starts = TitleStarts {
        bits: vec![0u64; TITLE_START_BITS / 64],
    };
    for word in TITLE_FIRST_WORDS.iter() {
        // A word with a byte past ASCII among its first four is let through at every place
        // such a byte stands (see `may_start`), so it needs no bit.
        if let Some(opening) = opening_of(word.as_bytes(), 0) {
            let bit = TitleStarts::bit(opening);
            starts.bits[bit >> 6] |= 1 << (bit & 63);
        }
    }
    starts
});

/// The first four bytes at `at` of a word of ASCII letters, or as many as it has followed by
/// zeros: `then` and `the ` differ. `None` when a byte past ASCII comes first, which the bytes
/// alone cannot tell a letter from another character.
fn opening_of(bytes: &[u8], at: usize) -> Option<u32> {
    let mut opening = 0u32;
    for i in 0..4 {
        match bytes.get(at + i) {
            Some(&b) if b.is_ascii_alphabetic() => opening |= u32::from(b) << (8 * i),
            Some(&b) if !b.is_ascii() => return None,
            _ => break,
        }
    }
    Some(opening)
}

impl TitleStarts {
    fn bit(opening: u32) -> usize {
        (opening.wrapping_mul(0x9E37_79B1) >> 16) as usize
    }

    /// Whether a word of [`TITLE_FIRST_WORDS`] may start at `at`, by its first bytes: the word
    /// there (its letters, as [`leading_word`] cuts it) opens the same as one of them.
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        opening_of(bytes, at).is_none_or(|opening| {
            let bit = Self::bit(opening);
            self.bits[bit >> 6] & (1 << (bit & 63)) != 0
        })
    }
}

/// The letters at the start of `text`, up to its first other character.
fn leading_word(text: &str) -> Option<&str> {
    // ASCII letters byte by byte; only a character past ASCII after them (`Présidente`) needs
    // the characters read.
    let bytes = text.as_bytes();
    let ascii = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let end = match bytes.get(ascii) {
        Some(&b) if !b.is_ascii() => text
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(text.len()),
        _ => ascii,
    };
    (end > 0).then(|| &text[..end])
}

/// Titles after which a single name is the person's full style: `Queen Elizabeth II`, `Pope Francis`.
const REGNAL: &[&str] = &[
    "King", "Queen", "Pope", "Emperor", "Empress", "Prince", "Princess",
];

/// The verbs news writes after a person's name (`registry/reporting_verbs.txt`).
static VERBS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| names::entries(include_str!("registry/reporting_verbs.txt")).collect());

const ROLE_WORDS: &str = r"minister|secretary|spokesperson|spokesman|spokeswoman|ambassador|envoy|official|president|leader|director|adviser|advisor|professor|analyst|researcher|fellow|chief|head|chairman|lawmaker|representative|senator|general|commander|diplomat|negotiator|premier|governor|mayor|sister|wife|daughter|CEO";

/// A name pattern compiled with room for its lazy DFA: Unicode letter classes make many states,
/// and with the default cache the DFA is rebuilt over and over on a long article.
fn wide_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(32 << 20)
        .build()
}

/// `, Jr.`, `, Sr.`, `, III` right after a name: its generational suffix.
fn generational_suffix(rest: &str) -> Option<&'static str> {
    let rest = rest.strip_prefix(", ")?;
    let word = rest.split(|c: char| c.is_whitespace() || c == ',').next()?;
    let word = word.strip_suffix('.').unwrap_or(word);
    ["Jr", "Sr", "II", "III", "IV"]
        .iter()
        .find(|s| **s == word)
        .map(|s| match *s {
            "Jr" => "Jr.",
            "Sr" => "Sr.",
            other => other,
        })
}

/// `the Berkshire Research Ethics| Committee`, `Apollo| Hospital`: a name-shaped run that an
/// institution's word goes on is that institution's name, not a person.
fn names_an_institution(text: &str, end: usize) -> bool {
    static PLACE_NOUNS: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| names::entries(include_str!("registry/place_nouns.txt")).collect());
    text[end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric()).next())
        .is_some_and(|word| {
            (word.starts_with(char::is_uppercase) && names::is_non_person(word))
                || PLACE_NOUNS.contains(word)
        })
}

/// Where a name was found, and the title the text gives it there.
struct Candidate {
    start: usize,
    end: usize,
    name: String,
    role: Option<String>,
}

/// A title and the name after it, matched only where a title can begin (see [`titled`]).
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    // "Special Representative for North Korea Stephen Biegun": the place words are trimmed later.
    wide_regex(&format!(r"^{}", titled_pattern())).unwrap()
});

fn titled_pattern() -> String {
    format!(
        r"(?-u:\b)(?P<title>{})\)?(?: (?:for|to|of|on) (?:the )?)? ?(?P<name>{})",
        *TITLES, *NAME
    )
}

/// A name after `said`, `says` or `according to`, matched only after those words.
static SAID_BY: LazyLock<Regex> =
    LazyLock::new(|| wide_regex(&format!(r"^{}", said_by_pattern())).unwrap());

fn said_by_pattern() -> String {
    format!(
        r"(?-u:\b)(?:said|says|[Aa]ccording to) (?P<name>{})(?:,|\.| of| from| in)",
        *NAME
    )
}

/// The words [`SAID_BY`] opens with. None holds another, so any search finds the same places;
/// a packed (SIMD) searcher finds them about ten times as fast as an automaton stepping through
/// every byte, which these frequent, short phrases would otherwise get.
static SAID_BY_WORDS: LazyLock<packed::Searcher> =
    LazyLock::new(|| packed_searcher(&["said ", "says ", "according to ", "According to "]));

/// A packed searcher of a few phrases, none inside another (so the leftmost-first search finds
/// what any search finds).
fn packed_searcher(phrases: &[&str]) -> packed::Searcher {
    packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(phrases)
        .build()
        .expect("a few phrases build a packed searcher")
}

/// A name, a comma and the role the text gives it, matched only where a name starts; a caption
/// may say where the person stands in the photo between them (`Jane Doe, center, the CEO of …`).
static APPOSITION: LazyLock<Regex> =
    LazyLock::new(|| wide_regex(&format!(r"^{}", apposition_pattern())).unwrap());

fn apposition_pattern() -> String {
    format!(
        r"(?P<name>{}), (?:(?:second )?(?:from )?(?:center|centre|left|right|front|rear), )?(?:the |a |an )?(?P<role>(?:[A-Z][[A-Za-z0-9_].’'-]*(?: [A-Z][[A-Za-z0-9_].’'-]*)*(?:'s|’s) )?(?:[a-z][[A-Za-z0-9_]-]* ){{0,5}}(?i:{ROLE_WORDS})(?: (?:of|for|at|to|in) [[A-Za-z0-9_]’' -]{{2,50}}?)?)(?:,|\.| who| said| told| and)",
        *NAME
    )
}

/// A name found by one of the patterns: where it starts, its text, and the title or role the
/// text gives it there.
#[derive(Debug, PartialEq, Eq)]
struct Found<'a> {
    start: usize,
    name: &'a str,
    role: Option<&'a str>,
}

/// Whether the byte before `at` ends an ASCII word, so `at` is after an `(?-u:\b)`.
fn after_word(text: &str, at: usize) -> bool {
    at > 0 && {
        let b = text.as_bytes()[at - 1];
        b.is_ascii_alphanumeric() || b == b'_'
    }
}

/// Runs an anchored pattern at `starts` (in order), left to right without overlap, as
/// `captures_iter` of the unanchored pattern would.
fn anchored_matches<'a>(
    text: &'a str,
    pattern: &Regex,
    starts: impl Iterator<Item = usize>,
    role_group: Option<&str>,
) -> Vec<Found<'a>> {
    let mut found = Vec::new();
    let mut next = 0;
    // One set of capture slots for every try: most tries fail, and none then allocates.
    let mut slots = pattern.capture_locations();
    let group = |name: &str| pattern.capture_names().position(|n| n == Some(name));
    let name_group = group("name").expect("the pattern has a name group");
    let role_group = role_group.map(|g| group(g).expect("the pattern has the role's group"));
    for at in starts {
        if at < next {
            continue;
        }
        let Some(whole) = pattern.captures_read(&mut slots, &text[at..]) else {
            continue;
        };
        let (start, end) = slots
            .get(name_group)
            .expect("the name group takes part in every match");
        found.push(Found {
            start: at + start,
            name: &text[at + start..at + end],
            role: role_group
                .and_then(|g| slots.get(g))
                .map(|(s, e)| &text[at + s..at + e]),
        });
        next = at + whole.end().max(1);
    }
    found
}

/// `Foreign Minister Yun Byung-se`: a title and the name after it. A match begins at a word
/// that can begin a title, so the pattern is tried only there.
fn titled(text: &str) -> Vec<Found<'_>> {
    // Every title begins with an ASCII letter; a byte loop finds the word starts.
    let bytes = text.as_bytes();
    let title_starts = &*TITLE_STARTS;
    let starts = ascii_letter_word_starts(bytes).filter(|&at| {
        title_starts.may_start(bytes, at)
            && leading_word(&text[at..]).is_some_and(|w| TITLE_FIRST_WORDS.contains(w))
    });
    anchored_matches(text, &TITLED, starts, Some("title"))
}

/// Where an ASCII letter follows no ASCII letter, digit or `_` (an `(?-u:\b)` before it): the
/// starts of words opening with one. Each word's other bytes are passed over in a tight loop,
/// with no test of their own.
fn ascii_letter_word_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let word_byte = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(b) = bytes.get(at) {
            let start = at;
            at += 1;
            if word_byte(b) {
                at += bytes[at..].iter().take_while(|b| word_byte(b)).count();
                if b.is_ascii_alphabetic() {
                    return Some(start);
                }
            }
        }
        None
    })
}

/// The names listed after a title or role in the plural: `Justices Vikram Rao and Sandeep Iyer`,
/// `MPs Jane Doe and John Roe`, `climbers Ana Lima, Pem Dorje Sherpa, and Tashi Lama`. The
/// title is any of the registry's titles with an `s` added. The list must close with `and` and a
/// name, so a title before one name and a clause (`Senators Jane Doe, who…`) adds nothing here.
fn plural_titled<'a>(text: &'a str, spans: &NameSpans) -> Vec<Found<'a>> {
    let mut found = Vec::new();
    for (title_start, title_end) in plural_titles(text) {
        if after_word(text, title_start)
            || text[title_end..].starts_with(|c: char| c.is_alphanumeric())
        {
            continue;
        }
        let role = &text[title_start..title_end - 1];
        let mut at = title_end;
        // `Sens. Jane Doe and John Roe`: an abbreviated title keeps its full stop.
        if text[at..].starts_with(". ") {
            at += 1;
        }
        let mut listed = Vec::new();
        loop {
            let rest = &text[at..];
            let separators: &[&str] = if listed.is_empty() {
                &[" "]
            } else {
                &[", and ", " and ", ", "]
            };
            let Some(sep) = separators.iter().find(|s| rest.starts_with(**s)) else {
                break;
            };
            let start = at + sep.len();
            let Some(end) = spans.end_at(start) else {
                break;
            };
            listed.push(Found {
                start,
                name: &text[start..end],
                role: Some(role),
            });
            at = end;
            // `Sens. Jane Doe (D-Ore.), John Roe (R-Texas) and …`: a short bracket of party or
            // place after each name.
            if let Some(bracket) = text[at..]
                .strip_prefix(" (")
                .and_then(|rest| rest.find(')').filter(|&close| close <= 24))
            {
                at += 2 + bracket + 1;
            }
            if sep.ends_with("and ") {
                if listed.len() >= 2 {
                    found.append(&mut listed);
                }
                break;
            }
        }
    }
    found
}

/// Where [`PLURAL_TITLES`] matches in `text` before a list can close: what its search of the
/// whole text finds, less the matches no ` and ` follows on their line. No title holds a line
/// break, so the automaton starts each line afresh, and a list keeps to its line (neither its
/// separators nor its names hold one): each line is searched only up to its last ` and `, and a
/// line without one not at all.
fn plural_titles(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (line_start, line) in line_spans(text) {
        let Some(last_and) = line.rfind(" and ") else {
            continue;
        };
        let searched = &line[..last_and];
        found.extend(
            PLURAL_TITLES
                .find_iter(searched)
                .map(|m| (line_start + m.start(), line_start + m.end())),
        );
    }
    found
}

/// The registry's one-word titles in the plural (`Justices`, `MPs`, `bowlers`), found with one
/// automaton pass rather than a look at every word.
static PLURAL_TITLES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let plurals = names::TITLES
        .iter()
        .filter(|t| !t.contains(' ') && (t.len() >= 3 || t.chars().all(|c| c.is_uppercase())))
        .map(|t| format!("{}s", t.trim_end_matches('.')));
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(plurals)
        .expect("plural titles build an automaton")
});

/// `…, said Kim Hong-kyun of the foreign ministry`, `according to Jane Doe.`
fn said_by(text: &str) -> Vec<Found<'_>> {
    // Most `said ` go on in lower case (`said the`, `said on Monday`): the pattern is tried only
    // where the words are followed by what can open a name.
    let starts = SAID_BY_WORDS
        .find_iter(text)
        .filter(|m| may_open_name(text.as_bytes(), m.end()))
        .map(|m| m.start())
        .filter(|&at| !after_word(text, at));
    anchored_matches(text, &SAID_BY, starts, None)
}

/// Whether a [`NAME`] can begin at byte `at`: its initials and [`TOKEN`] open with a capital
/// (ASCII, or some letter past ASCII) or with `al-`/`el-` in any case of the `a`/`e`.
fn may_open_name(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(b) if b.is_ascii_uppercase() || *b >= 0x80 => true,
        Some(b'a' | b'e') => bytes.get(at + 1..at + 3) == Some(b"l-"),
        _ => false,
    }
}

/// `the 49-year-old Jane Doe`, `Directed by Jane Doe`: a name after one of the words that only
/// ever introduce a person (`registry/person_cues.txt`).
fn cued<'a>(text: &'a str, spans: &NameSpans) -> Vec<Found<'a>> {
    PERSON_CUES
        .find_iter(text)
        .filter_map(|m| {
            let cue = &text[m.start()..m.end()];
            let word_start = cue.starts_with('-') || !after_word(text, m.start());
            let start = m.end() + 1;
            if !word_start || !text[m.end()..].starts_with(' ') {
                return None;
            }
            let end = spans.end_at(start)?;
            Some(Found {
                start,
                name: &text[start..end],
                role: None,
            })
        })
        .collect()
}

static PERSON_CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(names::entries(include_str!("registry/person_cues.txt")))
        .expect("the person cues build an automaton")
});

/// `Jane Doe, the deputy minister, said`: a name, a comma and a role.
fn appositions<'a>(text: &'a str, spans: &NameSpans) -> Vec<Found<'a>> {
    let starts = spans
        .all()
        .iter()
        .filter(|&&(start, end)| text[end..].starts_with(',') || text[start..end].contains(','))
        .map(|&(start, _)| start);
    anchored_matches(text, &APPOSITION, starts, Some("role"))
}

/// A name with a role on either side of it, set off by commas: `Gidado Shuaib, editor of the
/// Courier,`, `Osea Kolinisau, now the team's coach,`, `the trial magistrate, A.S. Muhammad,`,
/// `Deputy Commissioner, Jane Doe,`; or with an age after it (`Jane Doe, 28,`).
/// The role is any lower-case title of the registry or a [`ROLE_WORDS`] word; the name has two
/// words or more (`Paris, the capital`).
fn role_appositions<'a>(text: &'a str, spans: &NameSpans) -> Vec<Found<'a>> {
    let mut found = Vec::new();
    for (start, end) in spans.runs() {
        let name = &text[start..end];
        if !name.contains(' ') {
            continue;
        }
        // `Swimmer Jane Doe won…`: a lower-case role capitalised at the head of a sentence.
        if let Some((first, rest)) = name.split_once(' ') {
            if rest.contains(' ')
                && !names::is_everyday_phrase(rest)
                && is_lower_role(&first.to_lowercase())
            {
                found.push(Found {
                    start: start + first.len() + 1,
                    name: rest,
                    role: None,
                });
                continue;
            }
        }
        let role_after = text[end..]
            .strip_prefix(", ")
            .is_some_and(|rest| rest.starts_with(char::is_lowercase) && role_within(rest, 6));
        // `the trial magistrate, A.S. Muhammad,`; `according to its governor, Jane Doe.`
        let role_before = text[end..].starts_with([',', '.'])
            && text[..start].strip_suffix(", ").is_some_and(|before| {
                let word = before.rsplit(' ').next().unwrap_or_default();
                is_lower_role(word) || names::is_title_word(word)
            });
        // `Jane Doe, 28, was among…`: an age set off by commas.
        let aged = text[end..].strip_prefix(", ").is_some_and(|rest| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            (1..=3).contains(&digits) && rest[digits..].starts_with(',')
        });
        if role_after || role_before || aged {
            found.push(Found {
                start,
                name,
                role: None,
            });
        }
    }
    found
}

/// Whether one of the first `most` words of `clause`, up to its first comma or full stop, is a
/// role (`now the team's coach`, `a journalist with…`).
fn role_within(clause: &str, most: usize) -> bool {
    let mut words = clause.split(' ').take(most).peekable();
    while let Some(word) = words.next() {
        let unpunctuated = word.trim_end_matches([',', '.', ';', ':']);
        let clause_ends = unpunctuated.len() != word.len();
        let bare = unpunctuated
            .strip_suffix("'s")
            .or_else(|| unpunctuated.strip_suffix("’s"))
            .unwrap_or(unpunctuated);
        if is_lower_role(bare) || is_occupation(bare) {
            // `Typhoon Nanmadol, national broadcaster NHK said`: a role before a name is that
            // name's.
            let names_next = !clause_ends
                && words
                    .peek()
                    .is_some_and(|w| w.starts_with(char::is_uppercase));
            return !names_next;
        }
        if clause_ends {
            return false;
        }
    }
    false
}

/// An everyday occupation (`registry/occupations.txt`): after a name and a comma, it says the
/// name is a person's (`Jane Doe, a carpenter who…`).
fn is_occupation(word: &str) -> bool {
    static OCCUPATIONS: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| names::entries(include_str!("registry/occupations.txt")).collect());
    OCCUPATIONS.contains(word)
}

/// A role written in lower case: the registry's lower-case titles and [`ROLE_WORDS`].
fn is_lower_role(word: &str) -> bool {
    static ROLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        names::TITLES
            .iter()
            .copied()
            .filter(|t| t.starts_with(char::is_lowercase) && !t.contains(' '))
            .chain(ROLE_WORDS.split('|'))
            .collect()
    });
    ROLES.contains(word)
}

/// The reporting verbs of [`VERBS`], for looking one up.
static SAID_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| VERBS.iter().copied().collect());

/// `Jane Doe said`, `Doe's, told`: a name, maybe a possessive and a comma, and a reporting verb;
/// or a name, a comma and `who`.
/// Left to right without overlap, each name as long as it can be.
fn said_names<'a>(text: &'a str, spans: &NameSpans) -> Vec<Found<'a>> {
    let mut found = Vec::new();
    let mut next = 0;
    for &(start, end) in spans.all() {
        if start < next {
            continue;
        }
        let rest = &text[end..];
        let rest = rest
            .strip_prefix("'s")
            .or_else(|| rest.strip_prefix("’s"))
            .unwrap_or(rest);
        let after_comma = rest.strip_prefix(',');
        let Some(rest) = after_comma.unwrap_or(rest).strip_prefix(' ') else {
            continue;
        };
        let verb_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        let word = rest.get(..verb_len).unwrap_or_default();
        // `Jane Doe, who…`: a relative clause with `who` is said of people; an organisation's
        // takes `which`. Without the comma (`the chairman, Jane Doe who is…`) the name must be
        // of two words or more, as a lone capitalised word may open a sentence.
        let relative = word == "who" && (after_comma.is_some() || text[start..end].contains(' '));
        if !relative && !SAID_VERBS.contains(word) {
            continue;
        }
        found.push(Found {
            start,
            name: &text[start..end],
            role: None,
        });
        next = text.len() - rest.len() + verb_len;
    }
    found
}

/// A Korean name, matched only where a Korean family name stands (see [`family_name_starts`]).
static KOREAN: LazyLock<Regex> = LazyLock::new(|| {
    let surnames = names::KOREAN_SURNAMES.join("|");
    wide_regex(&format!(
        r"^(?-u:\b)(?:{surnames}) (?:[A-Z][a-z]+-[a-z]+|[A-Z][a-z]{{1,4}} [A-Z][a-z]{{1,4}})(?-u:\b)"
    ))
    .unwrap()
});
/// A Chinese name, matched only where a Chinese family name stands.
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    let surnames = names::CHINESE_SURNAMES.join("|");
    wide_regex(&format!(
        r"^(?-u:\b)(?:{surnames}) [A-Z][a-z]{{1,8}}(?-u:\b)"
    ))
    .unwrap()
});

/// Where [`KOREAN`] and [`CHINESE`] may match: at a word of a capital and lower-case letters,
/// followed by a space, that is one of their family names (every family name is such a word).
/// One pass over the text finds them, instead of a search of the text for a hundred names each.
fn family_name_starts(text: &str) -> (Vec<usize>, Vec<usize>) {
    let bytes = text.as_bytes();
    let (mut korean, mut chinese) = (Vec::new(), Vec::new());
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(u8::is_ascii_uppercase) {
        let start = at + offset;
        let mut end = start + 1;
        while end < bytes.len() && bytes[end].is_ascii_lowercase() {
            end += 1;
        }
        at = end;
        if after_word(text, start) || bytes.get(end) != Some(&b' ') {
            continue;
        }
        let word = &text[start..end];
        if names::is_korean_surname(word) {
            korean.push(start);
        }
        if names::is_chinese_surname(word) {
            chinese.push(start);
        }
    }
    (korean, chinese)
}

/// The matches of an anchored pattern tried at `starts` (in order), left to right without
/// overlap: what `find_iter` of the unanchored pattern finds when every match of it begins at
/// one of `starts`.
fn anchored_finds(text: &str, pattern: &Regex, starts: &[usize]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut next = 0;
    for &at in starts {
        if at < next {
            continue;
        }
        if let Some(m) = pattern.find(&text[at..]) {
            found.push((at, at + m.end()));
            next = at + m.end().max(1);
        }
    }
    found
}
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    wide_regex(r"(?i)\([^()]*(?-u:\b)(?:photo|courtesy|yonhap|ap|afp|reuters|epa|getty)(?-u:\b)[^()]*\)|\[[^\[\]]*\]|(?-u:\b)(?:photo|photograph|picture|image|video|illustration)s? by [^.,;()\n]+|/\s*(?:yonhap|ap|afp|reuters)(?-u:\b)").unwrap()
});
/// A credit line or clause inside running text: `Photo: Jane Doe/AFP`, `Photograph: X/Reuters`,
/// `Picture: X`, `Credit: X`, up to the end of the line or sentence; also glued to the caption
/// before it (`… at the lab.Credit: X`, `Jane DoeCredit: X`).
static CREDIT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    wide_regex(r"(?i)(?:(?-u:\b)(?:photo|photograph|picture|image|video|illustration|credit|source)|(?-i:Credit|Photo|Picture|Image))s?(?: credit)?\s*:\s*[^\n]*?(?:/[^\s\n]+|\.\s|\n|$)|\(\s*\p{Lu}[^()/\n]{0,60}/\s*\p{Lu}[^()\n]{0,60}\)").unwrap()
});

/// Builds the people finder's patterns, each a task of its own, so a run builds them on every
/// thread at once before its first input needs them (see [`super::warm_up`]).
pub(crate) fn patterns() -> Vec<fn()> {
    vec![
        || {
            LazyLock::force(&TITLED);
        },
        || {
            LazyLock::force(&APPOSITION);
        },
        || {
            LazyLock::force(&SAID_BY);
        },
        || {
            LazyLock::force(&GOVERNMENT);
            LazyLock::force(&GOVERNMENT_WORDS);
        },
        || {
            LazyLock::force(&PERSON_CUES);
        },
        || {
            LazyLock::force(&CREDIT_CLAUSE);
        },
        || {
            LazyLock::force(&PHOTO_CREDIT);
        },
        || {
            LazyLock::force(&KOREAN);
            LazyLock::force(&CHINESE);
        },
        || {
            LazyLock::force(&PLURAL_TITLES);
            LazyLock::force(&TITLE_STARTS);
            LazyLock::force(&SAID_BY_WORDS);
            LazyLock::force(&SAID_VERBS);
        },
        || {
            super::gazetteer::multi_word_mentions("", None);
        },
    ]
}

/// Finds the article's actors.
///
/// `year` is the article's year when known: it picks among the gazetteer's people who share a
/// surname (see [`super::gazetteer`]).
pub(crate) fn find(
    doc: &Doc,
    title: &str,
    byline: &[String],
    year: Option<i32>,
    ctx: &ImportContext,
) -> People {
    let matcher = &ctx.actors;
    let text = search_text(doc, title, &ctx.outlets);
    let credited: Vec<String> = byline
        .iter()
        .cloned()
        .chain(super::headline::credited_people(doc, &ctx.outlets))
        .collect();
    let excluded: HashSet<String> = credited.iter().map(|n| key(n)).collect();
    // Surnames of the reporters and photographers: never resolved through the gazetteer.
    let excluded_short: HashSet<String> = credited
        .iter()
        .filter_map(|n| short_form(n).map(key))
        .collect();

    let mut found = Mentions::default();
    found.known_actors(&text, matcher);
    found.candidates(&text, &excluded, matcher);
    // Before single words are resolved: `Bill Blair` spelled out is never `Blair`, another
    // public figure, and names whom a later `Blair` means.
    found.gazetteer(&text, &excluded, year, matcher);
    let in_article = found.short_forms();
    found.one_word_mentions(&text, &in_article, matcher);
    found.resolve_short(&in_article, &excluded_short, year, matcher);
    // A headline in Title Case capitalises every word, so a run of capitals there may run past
    // a name (`… – Jane Doe Reveals`, `That Has Passed`): a new name found only in it must be
    // spelled the same in the story too.
    if super::title_line::in_title_case(title) {
        let story = &text[title.len()..];
        found.full.retain(|(pos, name, known)| {
            *pos >= title.len() || known.is_some() || story.contains(name.as_str())
        });
    }
    drop_title_case_overruns(&text, &mut found.full);
    resolve_family_names(&mut found.full);
    people_in_order(found.full, &excluded, &found.roles, ctx)
}

/// Drops a new name that only Title Case lines print and that runs on past a name the article
/// has (`Jane Doe, John Roe Seek to …` under a story about John Roe): every word of such a line
/// is capitalised, so the words after the name are no part of it.
fn drop_title_case_overruns(text: &str, full: &mut Vec<(usize, String, Option<usize>)>) {
    let line_at = |pos: usize| {
        let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        &text[start..end]
    };
    let overruns: HashSet<String> = full
        .iter()
        .filter(|(_, name, known)| known.is_none() && name.contains(' '))
        .filter(|(_, name, _)| {
            full.iter().any(|(_, shorter, _)| {
                shorter.len() < name.len()
                    && name.starts_with(shorter.as_str())
                    && name[shorter.len()..].starts_with(' ')
                    && shorter.contains(' ')
            })
        })
        .filter(|(_, name, _)| {
            full.iter()
                .filter(|(_, other, _)| other == name)
                .all(|(pos, _, _)| super::title_line::in_title_case(line_at(*pos)))
        })
        .map(|(_, name, _)| name.clone())
        .collect();
    full.retain(|(_, name, _)| !overruns.contains(name));
}

/// A short form of the names an article uses, and the one name it stands for (`None` when two
/// of the article's people share it).
type ShortForms = HashMap<String, Option<(String, Option<usize>)>>;

/// The mentions of people found so far in one article.
#[derive(Default)]
struct Mentions {
    /// Full-name mentions: (position, canonical name, known index).
    full: Vec<(usize, String, Option<usize>)>,
    /// The spans those full names cover.
    covered: Vec<(usize, usize)>,
    /// Single-word mentions waiting for resolution.
    short: Vec<Short>,
    /// A new person's role and organisation, as the text gives them.
    roles: HashMap<String, (Option<String>, Option<String>)>,
}

impl Mentions {
    /// The book's own actors, by their names and aliases.
    fn known_actors(&mut self, text: &str, matcher: &ActorMatcher) {
        let Some(automaton) = &matcher.automaton else {
            return;
        };
        for m in automaton.find_iter(text) {
            if !word_bounded(text, m.start(), m.end()) {
                continue;
            }
            let (actor, single) = matcher.patterns[m.pattern().as_usize()];
            if single {
                if !followed_by_name(text, m.end()) {
                    self.short.push(Short {
                        pos: m.start(),
                        word: text[m.start()..m.end()].to_string(),
                        alias_of: Some(actor),
                        in_context: false,
                    });
                }
            } else {
                self.full
                    .push((m.start(), matcher.names[actor].clone(), Some(actor)));
                self.covered.push((m.start(), m.end()));
            }
        }
    }

    /// Names the text shows to be people (titles, verbs of saying, appositions, given names),
    /// outside the spans already covered; a single word waits to be resolved.
    fn candidates(&mut self, text: &str, excluded: &HashSet<String>, matcher: &ActorMatcher) {
        for candidate in candidates(text) {
            if self
                .covered
                .iter()
                .any(|&(s, e)| candidate.start < e && s < candidate.end)
            {
                continue;
            }
            let candidate_key = key(&candidate.name);
            // `Tan Mei` out of the reporter `Tan Mei Ling`: part of a credited name is theirs.
            let credited = excluded.contains(&candidate_key)
                || (candidate.name.contains(' ')
                    && excluded.iter().any(|e| {
                        e.len() > candidate_key.len()
                            && (e.starts_with(&candidate_key) || e.ends_with(&candidate_key))
                    }));
            if credited || names_an_institution(text, candidate.end) {
                continue;
            }
            if !candidate.name.contains(' ') {
                self.short.push(Short {
                    pos: candidate.start,
                    word: candidate.name,
                    alias_of: None,
                    in_context: true,
                });
                continue;
            }
            // `Ferdinand Marcos, Jr.`: a generational suffix set off by a comma is the name's.
            let suffixed = generational_suffix(&text[candidate.end..])
                .map(|suffix| format!("{} {suffix}", candidate.name));
            let spelled = suffixed.as_deref().unwrap_or(&candidate.name);
            let spelled = super::gazetteer::common_name(spelled).unwrap_or(spelled);
            let known = matcher.by_key.get(&key(spelled)).copied();
            let name = match known {
                Some(i) => matcher.names[i].clone(),
                None => spelled.to_string(),
            };
            if known.is_none() && candidate.role.is_some() {
                self.roles
                    .entry(name.clone())
                    .or_insert_with(|| split_role(candidate.role.as_deref().unwrap_or_default()));
            }
            self.roles.entry(name.clone()).or_insert((None, None));
            self.full.push((candidate.start, name, known));
            self.covered.push((candidate.start, candidate.end));
        }
    }

    /// Short forms of the full names this article uses; a form shared by two people is
    /// ambiguous.
    fn short_forms(&self) -> ShortForms {
        let mut in_article = ShortForms::default();
        let mut distinct: Vec<(&String, Option<usize>)> = Vec::new();
        for (_, name, known) in &self.full {
            if !distinct.iter().any(|(n, _)| *n == name) {
                distinct.push((name, *known));
            }
        }
        for (name, known) in distinct {
            if let Some(s) = short_form(name) {
                let entry = in_article
                    .entry(s.to_string())
                    .or_insert_with(|| Some((name.clone(), known)));
                if entry.as_ref().is_some_and(|(n, _)| n != name) {
                    *entry = None;
                }
            }
        }
        in_article
    }

    /// Capitalised words that are a short form of someone in the article or of a known actor,
    /// and surnames that name a government (`the Modi government`).
    fn one_word_mentions(&mut self, text: &str, in_article: &ShortForms, matcher: &ActorMatcher) {
        // Whether a word is a public figure's surname, looked up once per distinct word: a story
        // repeats its names.
        let mut figures: HashMap<&str, bool> = HashMap::default();
        for (start, word) in capitalised_words(text) {
            // A public figure's surname waits too: named if the story keeps coming back to it.
            // Not a word with an everyday sense too (`May` the month is a stop word).
            let mut public_figure = || {
                *figures.entry(word).or_insert_with(|| {
                    !names::is_stop_word(word) && super::gazetteer::resolve(word, None).is_some()
                }) && !names_an_institution(text, start + word.len())
            };
            if !(in_article.contains_key(word)
                || matcher.by_short.contains_key(word)
                || public_figure())
            {
                continue;
            }
            let in_span = self.covered.iter().any(|&(s, e)| start >= s && start < e);
            let seen = self.short.iter().any(|s| s.pos == start);
            if !(in_span || seen || followed_by_name(text, start + word.len())) {
                self.short.push(Short {
                    pos: start,
                    word: word.to_string(),
                    alias_of: None,
                    in_context: false,
                });
            }
        }
        for (pos, word) in government_mentions(text) {
            if let Some(short) = self.short.iter_mut().find(|s| s.pos == pos) {
                short.in_context = true;
            } else {
                self.short.push(Short {
                    pos,
                    word: word.to_string(),
                    alias_of: None,
                    in_context: true,
                });
            }
        }
    }

    /// Each single word as the article's own person, a known actor's alias, or, in a clear
    /// context, the one public figure the gazetteer knows by it for the year.
    fn resolve_short(
        &mut self,
        in_article: &ShortForms,
        excluded_short: &HashSet<String>,
        year: Option<i32>,
        matcher: &ActorMatcher,
    ) {
        // A surname the story keeps coming back to (`since Kishida took office … Kishida
        // said`) is a person's name there, even without a title or a reporting verb.
        let mut mentions: HashMap<&str, usize> = HashMap::default();
        for short in &self.short {
            *mentions.entry(short.word.as_str()).or_default() += 1;
        }
        let recurring: HashSet<String> = mentions
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .map(|(w, _)| w.to_string())
            .collect();
        for Short {
            pos,
            word,
            alias_of,
            in_context,
        } in std::mem::take(&mut self.short)
        {
            // A word of a full name found since (`Blair` of `Bill Blair`) is that name's.
            if self.covered.iter().any(|&(s, e)| pos >= s && pos < e) {
                continue;
            }
            let in_context = in_context || recurring.contains(&word);
            let resolved = match in_article.get(&word) {
                Some(Some((name, known))) => Some((name.clone(), *known)),
                Some(None) => None,
                None => alias_of
                    .or_else(|| matcher.by_short.get(&word).copied())
                    .map(|i| (matcher.names[i].clone(), Some(i)))
                    .or_else(|| {
                        let usable = in_context && !excluded_short.contains(&key(&word));
                        usable.then(|| well_known(&word, year, matcher)).flatten()
                    }),
            };
            if let Some((name, known)) = resolved {
                // The article's own spelling of the full name, where it gives one.
                let wanted = key(&name);
                let spelled = self
                    .full
                    .iter()
                    .find(|(_, other, _)| key(other) == wanted)
                    .map(|(_, other, _)| other.clone());
                self.full.push((pos, spelled.unwrap_or(name), known));
            }
        }
    }

    /// The gazetteer's full names and multi-word forms not already found.
    fn gazetteer(
        &mut self,
        text: &str,
        excluded: &HashSet<String>,
        year: Option<i32>,
        matcher: &ActorMatcher,
    ) {
        for (start, end, person) in super::gazetteer::multi_word_mentions(text, year) {
            let overlaps = self.covered.iter().any(|&(s, e)| start < e && s < end)
                || self
                    .full
                    .iter()
                    .any(|(pos, name, _)| start < pos + name.len() && *pos < end);
            if overlaps || excluded.contains(&key(person)) {
                continue;
            }
            let known = matcher.by_key.get(&key(person)).copied();
            let name = known.map_or_else(|| person.to_string(), |i| matcher.names[i].clone());
            self.full.push((start, name, known));
            self.covered.push((start, end));
        }
    }
}

/// A nickname in quotes before a family name (`‘Toto’ Caputo`): the quote opens the pattern, so
/// the search skips straight to quotes; the given name before it is checked in code.
static NICKNAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[‘"“]\p{Lu}\p{Ll}+[’"”] \p{Lu}"#).unwrap());

/// `story` without the quoted nicknames inside names (`Luis ‘Toto’ Caputo` → `Luis Caputo`);
/// `None` when it has none.
fn without_nicknames(story: &str) -> Option<String> {
    let mut out = String::new();
    let mut kept_from = 0;
    for m in NICKNAME.find_iter(story) {
        // A given name right before: a capital, then lower-case letters, then a space.
        let Some(head) = story[..m.start()].strip_suffix(' ') else {
            continue;
        };
        let rest = head.trim_end_matches(char::is_lowercase);
        let given =
            rest.len() < head.len() && rest.chars().next_back().is_some_and(char::is_uppercase);
        if !given || m.start() < kept_from {
            continue;
        }
        // Up to the family name's first letter, which the match ends with.
        let family_at = story[..m.end()]
            .char_indices()
            .next_back()
            .map_or(m.end(), |(i, _)| i);
        out.push_str(&story[kept_from..m.start()]);
        kept_from = family_at;
    }
    (kept_from > 0).then(|| {
        out.push_str(&story[kept_from..]);
        out
    })
}

/// The headline, paragraphs and captions to search for people, without credit clauses and
/// photo credits.
fn search_text(doc: &Doc, title: &str, outlets: &OutletMatcher) -> String {
    let mut text = String::with_capacity(4096);
    text.push_str(title);
    for block in &doc.blocks {
        text.push_str("\n\n");
        match block {
            // A credit clause has a colon or a bracket: most paragraphs need no search.
            Block::Para(p) if !p.contains([':', '(']) => text.push_str(p),
            Block::Para(p) => {
                text.push_str(&CREDIT_CLAUSE.replace_all(without_photo_credits(p), " "))
            }
            // `EFE/ Jane Doe`: a photographer's credit line names no one in the story.
            Block::Caption(c) | Block::Figure(_, c)
                if super::clean::is_slashed_credit(c, outlets) => {}
            Block::Caption(c) | Block::Figure(_, c) => {
                // `… in the chamber.Jane Doe (EFE)`: the photographer, glued on.
                let c = match super::clean::named_agency_credit_start(c, outlets) {
                    Some(at) => &c[..at],
                    None => c.as_str(),
                };
                let c = without_photo_credits(c);
                let c = CREDIT_CLAUSE.replace_all(c, " ");
                text.push_str(&PHOTO_CREDIT.replace_all(&c, " "));
            }
        }
    }
    // `© Jane Doe / AFP | The minister (L) leaves the meeting`: a caption after its photo's
    // credit, on a line sorted as the credit.
    for line in doc.meta(Meta::Copyright) {
        if let Some((_, caption)) = line.split_once(" | ") {
            text.push_str("\n\n");
            text.push_str(&CREDIT_CLAUSE.replace_all(caption, " "));
        }
    }
    // `Luis ‘Toto’ Caputo`: a nickname in quotes inside a name, which the name goes on past.
    // The headline stays as it is: the title's length marks where the story starts.
    if let Some(without) = without_nicknames(&text[title.len()..]) {
        return format!("{title}{without}");
    }
    text
}

/// `… in Geneva. (AP Photo/Jane Doe) (Jane Doe)`: a caption without the credits in brackets that
/// close it, where the photographer's name may stand again on its own.
fn without_photo_credits(caption: &str) -> &str {
    if !caption.ends_with(')') {
        return caption;
    }
    let bare = super::clean::without_trailing_brackets(caption);
    if caption[bare.len()..].contains("Photo") {
        bare
    } else {
        caption
    }
}

/// The people found, each once, in the order the text names them: reporters left out, new
/// people listed with the role the text gives them, and a shorter spelling of a longer name
/// found in the same article dropped.
fn people_in_order(
    mut full: Vec<(usize, String, Option<usize>)>,
    excluded: &HashSet<String>,
    roles: &HashMap<String, (Option<String>, Option<String>)>,
    ctx: &ImportContext,
) -> People {
    full.sort_by_key(|(pos, _, _)| *pos);
    let mut names_out: Vec<String> = Vec::new();
    let mut keys_out: HashSet<String> = HashSet::default();
    let mut new = Vec::new();
    for (_, name, known) in full {
        let k = key(&name);
        if excluded.contains(&k) || !keys_out.insert(k) {
            continue;
        }
        if known.is_none() && !ctx.knows_actor(&name) {
            let (role, organisation) = roles.get(&name).cloned().unwrap_or((None, None));
            // `Red Cross`, `Resident Doctors`, `Vote of No Confidence`: everyday words that no
            // given name opens and no role names are a body or a phrase, not a new person.
            if role.is_none() && names::is_everyday_phrase(&name) {
                continue;
            }
            new.push(NewActor {
                name: name.clone(),
                role,
                organisation,
            });
        }
        names_out.push(name);
    }
    // "Hardeep Puri" and "Hardeep Singh Puri", "Luiz Inácio Lula" and "Luiz Inácio Lula da Silva":
    // the shorter spelling is the same person as the longer one in the same article.
    let shorter: Vec<String> = names_out
        .iter()
        .filter(|a| names_out.iter().any(|b| b != *a && shorter_spelling(a, b)))
        .cloned()
        .collect();
    names_out.retain(|n| !shorter.contains(n));
    new.retain(|a| !shorter.contains(&a.name));
    People {
        names: names_out,
        new,
    }
}

/// A one-word mention waiting to be resolved to a full name.
struct Short {
    pos: usize,
    word: String,
    /// The known actor whose one-word alias this is.
    alias_of: Option<usize>,
    /// Whether a title, a reporting verb or a government mention marks the word as a person's
    /// name, so the gazetteer may name it.
    in_context: bool,
}

/// The gazetteer's person for a surname, as the actors file spells them when it lists them.
fn well_known(
    word: &str,
    year: Option<i32>,
    matcher: &ActorMatcher,
) -> Option<(String, Option<usize>)> {
    let name = super::gazetteer::resolve(word, year)?;
    let known = matcher.by_key.get(&key(name)).copied();
    Some(match known {
        Some(i) => (matcher.names[i].clone(), Some(i)),
        // A text that writes `Mbappé` as `Mbappe` writes the full name without accents too.
        None if name
            .split_whitespace()
            .any(|part| part != word && deunicode::deunicode(part) == word) =>
        {
            (deunicode::deunicode(name), None)
        }
        None => (name.to_string(), None),
    })
}

/// `the Modi government`, `Erdogan's administration`: a surname that names a government.
static GOVERNMENT: LazyLock<Regex> = LazyLock::new(|| {
    wide_regex(&format!(
        r"(?:(?-u:\b)[Tt]he (?P<a>{TOKEN})|(?P<b>{TOKEN})(?:'s|’s)) (?:government|administration|cabinet|regime|presidency|premiership)(?-u:\b)"
    ))
    .unwrap()
});

/// The words [`GOVERNMENT`] ends with: every match of it ends with one after a space. Searched
/// for without the space, which every other word starts with too, so the packed searcher need
/// not stop at each space; a match no space precedes is passed over.
static GOVERNMENT_WORDS: LazyLock<packed::Searcher> = LazyLock::new(|| {
    packed_searcher(&[
        "government",
        "administration",
        "cabinet",
        "regime",
        "presidency",
        "premiership",
    ])
});

/// The surnames [`GOVERNMENT`] finds, with where they start.
fn government_mentions(text: &str) -> Vec<(usize, &str)> {
    government_matches(text)
        .into_iter()
        .filter_map(|c| c.name("a").or_else(|| c.name("b")))
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            !before.is_some_and(char::is_alphanumeric) && !inside_capitalised_run(text, m.start())
        })
        .map(|m| (m.start(), m.as_str()))
        .collect()
}

/// What `GOVERNMENT.captures_iter(text)` finds, without running the pattern over the whole
/// text: a match ends with one of [`GOVERNMENT_WORDS`], followed by no word character, and holds
/// at most one space before it (`the Modi government`), so the pattern is tried only on the
/// two words before each such word.
fn government_matches(text: &str) -> Vec<regex::Captures<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // Matches do not overlap: the next one starts where the last one ended at the earliest.
    let mut next = 0;
    for word in GOVERNMENT_WORDS.find_iter(text) {
        // The space before the word, which the pattern holds.
        let Some(space) = word.start().checked_sub(1).filter(|&at| bytes[at] == b' ') else {
            continue;
        };
        let end = word.end();
        if bytes
            .get(end)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
        {
            continue;
        }
        let window = text[..space]
            .rmatch_indices(' ')
            .nth(1)
            .map_or(0, |(at, _)| at + 1);
        // Cut at the word's end, which the pattern's closing boundary allows (checked above);
        // the look-behind of its opening boundary still sees the text before `from`.
        let upto = &text[..end];
        let mut from = next.max(window);
        while let Some(caps) = GOVERNMENT.captures_at(upto, from) {
            next = caps.get(0).map_or(end, |m| m.end());
            from = next;
            found.push(caps);
        }
    }
    found
}

/// Whether `short` is `long` with words left out: the same first word and every word of `short`
/// in `long` in order, with the last word either the same or `long`'s words running on past it.
fn shorter_spelling(short: &str, long: &str) -> bool {
    let a: Vec<String> = short.split(' ').map(key).collect();
    let b: Vec<String> = long.split(' ').map(key).collect();
    // "Donald Trump Jr." is not Donald Trump.
    let suffixed = |n: &str| n.rsplit(' ').next().and_then(names::suffix).is_some();
    if a.len() < 2 || a.len() >= b.len() || a[0] != b[0] || suffixed(long) != suffixed(short) {
        return false;
    }
    let mut rest = b.iter();
    a.iter().all(|w| rest.any(|v| v == w))
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
        && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
}

/// Whether a capitalised name word follows, so the word before belongs to a longer name.
fn followed_by_name(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let Some(next) = rest.strip_prefix(' ') else {
        return false;
    };
    let len = next
        .find(|c: char| !(c.is_alphabetic() || c == '-'))
        .unwrap_or(next.len());
    let word = &next[..len];
    if word.chars().next().is_some_and(char::is_uppercase) {
        return !names::is_stop_word(word);
    }
    // `Dar es Salaam`, `Rio de Janeiro`, `Mohammed bin Salman`: a particle, then the name goes on.
    let particle = names::is_particle(word) || matches!(word, "es" | "au" | "el" | "al");
    particle
        && next[len..]
            .strip_prefix(' ')
            .is_some_and(|after| after.starts_with(char::is_uppercase))
}

/// Two capitalised words in a row with their offsets: what `\b[A-Z][a-z]+ [A-Z][a-z]+\b` finds
/// (ASCII word boundaries), scanned by hand like [`capitalised_words`].
fn given_and_family(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // The end of `[A-Z][a-z]+` at `at`, if there is one.
    let word = move |at: usize| {
        if !bytes.get(at).is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        let mut end = at + 1;
        while end < bytes.len() && bytes[end].is_ascii_lowercase() {
            end += 1;
        }
        (end > at + 1).then_some(end)
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            // Straight to the next capital: most bytes are lower-case letters and spaces.
            let start = at + bytes[at..].iter().position(u8::is_ascii_uppercase)?;
            at = start + 1;
            if start > 0 && word_byte(bytes[start - 1]) {
                continue;
            }
            let Some(first) = word(start) else {
                continue;
            };
            if bytes.get(first) != Some(&b' ') {
                continue;
            }
            let Some(end) = word(first + 1) else {
                continue;
            };
            if bytes.get(end).is_some_and(|&b| word_byte(b)) {
                continue;
            }
            at = end;
            return Some((start, &text[start..end]));
        }
        None
    })
}

/// Capitalised words with their offsets: what `\b[A-Z][A-Za-z]+(?:-[a-z]+)?` finds (an ASCII word
/// boundary before), scanned by hand because nearly every sentence has several.
fn capitalised_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            // Straight to the next capital: most bytes are lower-case letters and spaces.
            let start = at + bytes[at..].iter().position(u8::is_ascii_uppercase)?;
            at = start + 1;
            if start > 0 && word_byte(bytes[start - 1]) {
                continue;
            }
            let mut end = start + 1;
            while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                end += 1;
            }
            if end == start + 1 {
                continue;
            }
            if end + 1 < bytes.len() && bytes[end] == b'-' && bytes[end + 1].is_ascii_lowercase() {
                end += 2;
                while end < bytes.len() && bytes[end].is_ascii_lowercase() {
                    end += 1;
                }
            }
            at = end;
            return Some((start, &text[start..end]));
        }
        None
    })
}

/// The spans of one article tidied so far, by their text: a story names the same people over and
/// over, and a span's tidied name depends on its text alone.
#[derive(Default)]
struct Tidied<'t>(HashMap<&'t str, Option<(usize, String)>>);

impl<'t> Tidied<'t> {
    /// [`push_tidy`], tidying each distinct span once.
    fn push(
        &mut self,
        found: &mut Vec<Candidate>,
        start: usize,
        raw: &'t str,
        role: Option<String>,
    ) {
        if let Some((offset, name)) = self.0.entry(raw).or_insert_with(|| tidy(raw)) {
            found.push(Candidate {
                start: start + *offset,
                end: start + *offset + name.len(),
                name: name.clone(),
                role,
            });
        }
    }
}

/// `Councillor Kelly Hall` → `Kelly Hall`: after any titles, a known given name and one more
/// word that [`tidy`] would cut as an institution's (`Hall`, `Church`, `Banks`); the offset of
/// the name in `raw`, and the name.
fn given_name_and_institution_word(raw: &str) -> Option<(usize, &str)> {
    let mut rest = raw;
    while let Some((word, tail)) = rest.split_once(' ') {
        if !names::is_title_word(word) {
            break;
        }
        rest = tail;
    }
    let (given, family) = rest.split_once(' ')?;
    let family_shaped = family.len() >= 3
        && family.chars().all(char::is_alphabetic)
        && family.chars().skip(1).all(char::is_lowercase);
    (names::is_given_name(given)
        && family_shaped
        && names::is_non_person(family)
        && !names::is_institution(rest))
    .then(|| (raw.len() - rest.len(), rest))
}

/// `Member for Durack Melissa Price`, `Minister of Westland Ana Lima`: after a title's `for` or
/// `of`, the one or two words before a known given name are the constituency or the country the
/// office is of, not part of the name. The name from its given name on, or as it was.
fn past_constituency<'t>(text: &str, start: usize, name: &'t str) -> (usize, &'t str) {
    let before = text[..start].trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    if !(before.ends_with(" for") || before.ends_with(" of")) {
        return (start, name);
    }
    let words: Vec<&str> = name.split(' ').collect();
    let given = (1..=2)
        .filter(|&g| g + 1 < words.len())
        .find(|&g| names::is_given_name(words[g]));
    match given {
        Some(g)
            if words[..g]
                .iter()
                .all(|w| !names::is_given_name(w) && w.chars().all(char::is_alphabetic)) =>
        {
            let cut: usize = words[..g].iter().map(|w| w.len() + 1).sum();
            (start + cut, &name[cut..])
        }
        _ => (start, name),
    }
}

/// Adds the tidied name of a name-shaped span, if one is left.
fn push_tidy(found: &mut Vec<Candidate>, start: usize, raw: &str, role: Option<String>) {
    if let Some((offset, name)) = tidy(raw) {
        found.push(Candidate {
            start: start + offset,
            end: start + offset + name.len(),
            name,
            role,
        });
    }
}

/// Every name-shaped span with the evidence that it is a person.
/// `Te Whetu` after `Aroha Te Whetu`, `Fernández de la Vega` after `José María Fernández de la
/// Vega`: a new name of several words that ends another name of the article, and only one, is
/// that person named by the family name; `Prince Mohammed` after `Mohammed bin Salman` is that
/// person named by style and given name.
fn resolve_family_names(full: &mut [(usize, String, Option<usize>)]) {
    let longer = |name: &str| {
        let mut owners = full.iter().filter(|(_, other, _)| {
            other.len() > name.len()
                && other.ends_with(name)
                && other[..other.len() - name.len()].ends_with(' ')
        });
        let (_, first, known) = owners.next()?;
        owners
            .all(|(_, other, _)| other == first)
            .then(|| (first.clone(), *known))
    };
    // "Prince Mohammed" in an article about Mohammed bin Salman: a style and a given name that
    // begins exactly one longer name of the article is that person.
    let styled = |name: &str| {
        let given = REGNAL
            .iter()
            .find_map(|style| name.strip_prefix(style)?.strip_prefix(' '))
            .filter(|given| !given.contains(' '))?;
        let mut owners = full.iter().filter(|(_, other, _)| {
            other
                .strip_prefix(given)
                .is_some_and(|rest| rest.starts_with(' '))
        });
        let (_, first, known) = owners.next()?;
        owners
            .all(|(_, other, _)| other == first)
            .then(|| (first.clone(), *known))
    };
    let resolved: Vec<(usize, (String, Option<usize>))> = full
        .iter()
        .enumerate()
        .filter(|(_, (_, name, known))| known.is_none() && name.contains(' '))
        .filter_map(|(i, (_, name, _))| Some((i, longer(name).or_else(|| styled(name))?)))
        .collect();
    for (i, (name, known)) in resolved {
        full[i].1 = name;
        full[i].2 = known;
    }
}

fn candidates(text: &str) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut memo = Tidied::default();
    let mut push =
        |found: &mut Vec<Candidate>, start, raw, role| memo.push(found, start, raw, role);
    let spans = NameSpans::new(text, &names::PARTICLES);
    // Where a title's constituency stands before a name (see [`past_constituency`]): no name
    // found by any scan starts there.
    let mut constituencies: Vec<std::ops::Range<usize>> = Vec::new();
    for Found { start, name, role } in titled(text) {
        let title = role.unwrap_or_default();
        // "Queen Elizabeth II", "Pope Francis": a monarch's style is the title and one name.
        if let Some(regnal) = REGNAL.iter().find(|r| title.ends_with(*r)) {
            if let Some((offset, tidied)) = tidy(name) {
                let words = tidied
                    .split(' ')
                    .filter(|w| names::suffix(w).is_none())
                    .count();
                if words == 1 && !followed_by_name(text, start + offset + tidied.len()) {
                    found.push(Candidate {
                        start: start + offset,
                        end: start + offset + tidied.len(),
                        name: format!("{regnal} {tidied}"),
                        role: None,
                    });
                    continue;
                }
            }
        }
        let (name_start, name) = past_constituency(text, start, name);
        if name_start > start {
            constituencies.push(start..name_start);
        }
        push(&mut found, name_start, name, Some(title.to_string()));
    }
    for Found { start, name, role } in plural_titled(text, &spans) {
        push(&mut found, start, name, role.map(str::to_string));
    }
    for Found { start, name, role } in appositions(text, &spans)
        .into_iter()
        .chain(role_appositions(text, &spans))
    {
        push(&mut found, start, name, role.map(str::to_string));
    }
    let said = said_names(text, &spans).into_iter().chain(said_by(text));
    for Found { start, name, .. } in said.chain(cued(text, &spans)) {
        // `Kelly Hall said`: a surname that is also an institution's word stays after a known
        // given name when the person speaks (`the Victoria Park said` is a place's).
        let article_before = text[..start]
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"));
        if let Some((offset, whole)) =
            given_name_and_institution_word(name).filter(|_| !article_before)
        {
            found.push(Candidate {
                start: start + offset,
                end: start + offset + whole.len(),
                name: whole.to_string(),
                role: None,
            });
            continue;
        }
        push(&mut found, start, name, None);
    }
    // A story repeats its names: each distinct one is checked once.
    let mut korean: HashMap<&str, bool> = HashMap::default();
    let (korean_starts, chinese_starts) = family_name_starts(text);
    for (start, end) in anchored_finds(text, &KOREAN, &korean_starts) {
        let name = &text[start..end];
        if *korean
            .entry(name)
            .or_insert_with(|| names::korean_name(name))
        {
            push(&mut found, start, name, None);
        }
    }
    for (start, end) in anchored_finds(text, &CHINESE, &chinese_starts) {
        let name = &text[start..end];
        // "He Lifeng": the family name may be a capitalised stop word, so no trimming here.
        if names::chinese_name(name) && titled_before(text, start) {
            found.push(Candidate {
                start,
                end,
                name: name.to_string(),
                role: None,
            });
        } else if names::chinese_name(name) {
            push(&mut found, start, name, None);
        }
    }
    given_name_runs(text, &spans, &mut found);
    // "Trump said" somewhere and "Donald Trump" elsewhere: the bare full name is the same person.
    let surnames: HashSet<String> = found
        .iter()
        .filter(|c| !c.name.contains(' '))
        .map(|c| c.name.clone())
        .collect();
    let pairs: Vec<(usize, &str)> = given_and_family(text).collect();
    let bigrams = pairs
        .iter()
        .copied()
        .take(if surnames.is_empty() { 0 } else { usize::MAX });
    for (start, pair) in bigrams {
        let Some((given, family)) = pair.split_once(' ') else {
            continue;
        };
        if surnames.contains(family)
            && !names::is_stop_word(given)
            && !names::is_title_word(given)
            && !inside_capitalised_run(text, start)
            && (names::is_given_name(given) || !names::is_english_word(&given.to_lowercase()))
        {
            found.push(Candidate {
                start,
                end: start + pair.len(),
                name: pair.to_string(),
                role: None,
            });
        }
    }
    capitalised_surnames(text, &mut found);
    enumerated_names(text, &mut found);
    listed_lines(text, &mut found);
    paired_names(text, &spans, &mut found);
    named_again_by_surname(text, &pairs, &mut found);
    unfamiliar_names_acting(text, &pairs, &mut found);
    found.retain(|c| !constituencies.iter().any(|r| r.contains(&c.start)));
    found.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    found
}

/// `Adriana PAZ`, `directed by Jacques AUDIARD`: a known given name and a family name in capitals,
/// as festivals, French papers and official lists print them, is a person, named in the usual
/// case (`Jacques Audiard`). An unknown first word is too often a brand (`Arduino LLC`).
fn capitalised_surnames(text: &str, found: &mut Vec<Candidate>) {
    static GIVEN_CAPS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?P<given>\p{Lu}\p{Ll}+) (?P<family>\p{Lu}{3,}(?:[-' ]\p{Lu}{2,})?)(?:$|[^\p{L}\p{N}])").unwrap()
    });
    // Most texts print no word of three capitals after a capitalised word: a cheap test first.
    if !text
        .as_bytes()
        .windows(4)
        .any(|w| w[0] == b' ' && w[1..].iter().all(u8::is_ascii_uppercase))
        && text.is_ascii()
    {
        return;
    }
    for caps in GIVEN_CAPS.captures_iter(text) {
        let (Some(given), Some(family)) = (caps.name("given"), caps.name("family")) else {
            continue;
        };
        let (given_word, family_word) = (given.as_str(), family.as_str());
        if !names::is_given_name(given_word)
            || names::is_english_word(&family_word.to_lowercase())
            || found
                .iter()
                .any(|c| c.start < family.end() && given.start() < c.end && c.name.contains(' '))
        {
            continue;
        }
        let usual: String = family_word
            .split_inclusive([' ', '-', '\''])
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map_or(String::new(), |first| {
                    first.to_string() + &chars.as_str().to_lowercase()
                })
            })
            .collect();
        found.push(Candidate {
            start: given.start(),
            end: family.end(),
            name: format!("{} {usual}", given.as_str()),
            role: None,
        });
    }
}

/// `Ada Obi (Enugu), Tamuno Briggs (Rivers), Dr Halima Dangote (Kano) and Musa Bello`:
/// when two items of a list of three or more are people found by other evidence, the items
/// shaped like a name (two to four capitalised words after any title, with at most a bracket
/// after them) are people too. Lists of places or organisations rarely hold two people, so
/// they gain nothing.
fn enumerated_names(text: &str, found: &mut Vec<Candidate>) {
    if !found.iter().any(|c| c.name.contains(' ')) {
        return;
    }
    // Only lines holding a person found so far can hold such a list.
    let mut starts: Vec<usize> = found
        .iter()
        .filter(|c| c.name.contains(' '))
        .map(|c| c.start)
        .collect();
    starts.sort_unstable();
    let mut listed = Vec::new();
    for (line_start, line) in line_spans(text) {
        let line_end = line_start + line.len();
        let first = starts.partition_point(|&s| s < line_start);
        let people_here = starts[first..]
            .iter()
            .take_while(|&&s| s < line_end)
            .count();
        if people_here < 1 || !line.contains(", ") {
            continue;
        }
        let items = list_items(line);
        if items.len() < 3 {
            continue;
        }
        let cores: Vec<Option<(usize, &str)>> = items
            .iter()
            .map(|&(at, item)| name_core(item).map(|(off, core)| (line_start + at + off, core)))
            .collect();
        let is_found = |start: usize, core: &str| names_found_at(found, start, core);
        // A person may close an item's longer text (`the trio Jane Doe, …`).
        let closing_found = |(at, item): &(usize, &str)| {
            closing_name(item)
                .is_some_and(|(offset, name)| is_found(line_start + at + offset, name))
        };
        let anchors = cores
            .iter()
            .zip(&items)
            .filter(|(core, item)| match core {
                Some((start, core)) => is_found(*start, core),
                None => closing_found(item),
            })
            .count();
        if anchors >= 2 {
            for &(start, core) in cores.iter().flatten() {
                if !is_found(start, core) {
                    listed.push((start, core));
                }
            }
        } else if anchors == 1 {
            for (start, core) in run_of_names(&items, &cores, line_start) {
                if !is_found(start, core) {
                    listed.push((start, core));
                }
            }
        }
    }
    for (start, core) in listed {
        push_tidy(found, start, core, None);
    }
}

/// Whether a full name found so far overlaps the list item `core` at `start`.
fn names_found_at(found: &[Candidate], start: usize, core: &str) -> bool {
    found
        .iter()
        .any(|c| c.start < start + core.len() && start < c.end && c.name.contains(' '))
}

/// A list of one person a line (`1. Jane Doe (38)`, `• Dr John Roe`, a team sheet, nominees):
/// when two of a run of three or more such lines are people found by other evidence, the other
/// lines shaped like a name are people too, as in a list within a line (see
/// [`enumerated_names`]).
fn listed_lines(text: &str, found: &mut Vec<Candidate>) {
    static MARKER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:\d{1,3}[.)]|[•·*–-])?\s*").unwrap());
    // Two full names found by other evidence are needed; most texts have fewer, and their lines
    // are not read.
    if found
        .iter()
        .filter(|c| c.name.contains(' '))
        .nth(1)
        .is_none()
    {
        return;
    }
    let is_found = names_found_at;
    // Runs of consecutive name-shaped lines (blank lines between them do not part a run).
    let mut runs: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    for (line_start, line) in line_spans(text) {
        let marker = MARKER.find(line).map_or(0, |m| m.end());
        let item = &line[marker..];
        // Only the name and a short bracket or note after it: not a sentence opening with one.
        match name_core(item).filter(|(_, core)| core.len() + 12 >= item.trim_end().len()) {
            Some((offset, core)) => runs
                .last_mut()
                .expect("a run")
                .push((line_start + marker + offset, core)),
            None if line.trim().is_empty() => {}
            None => runs.push(Vec::new()),
        }
    }
    let mut listed: Vec<(usize, &str)> = Vec::new();
    for run in runs.iter().filter(|run| run.len() >= 3) {
        let anchors = run
            .iter()
            .filter(|&&(start, core)| is_found(found, start, core))
            .count();
        if anchors >= 2 {
            listed.extend(
                run.iter()
                    .filter(|&&(start, core)| !is_found(found, start, core)),
            );
        }
    }
    for (start, core) in listed {
        push_tidy(found, start, core, None);
    }
}

/// Whether the text is English, by its commonest word: languages that capitalise their nouns
/// (German) or write names around other words defeat the passes that read bare name shapes.
fn is_english_prose(text: &str) -> bool {
    text.matches(" the ").nth(2).is_some()
}

/// Prepositions in `-ing` or `-ed` follow places as often as people (`in Portville during his
/// tour`): no sign of someone doing something.
const PREPOSITIONS: &[&str] = &[
    "during",
    "including",
    "regarding",
    "concerning",
    "following",
    "according",
    "excluding",
    "pending",
    "barring",
    "based",
    "owned",
    "headquartered",
];

/// The word after a name, past any adverb of time between them (`Jane Doe on Wednesday denied`,
/// `Jane Doe also took`; `registry/passing_adverbs.txt`).
fn verb_after(rest: &str) -> Option<&str> {
    static ADVERBS: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| names::entries(include_str!("registry/passing_adverbs.txt")).collect());
    let mut words = rest.strip_prefix(' ')?.split(' ');
    let mut word = words.next()?;
    for _ in 0..2 {
        if ADVERBS.contains(word) {
            word = words.next()?;
        } else if word == "on" {
            let day = words.next()?.trim_end_matches(',');
            if !super::dates::weekday_name(day) {
                break;
            }
            word = words.next()?;
        } else {
            break;
        }
    }
    word.split([',', '.']).next()
}

/// A verb whose form has no `-ed` or `-ing` ending, or a form of be or have: after a name no list
/// knows, it says someone did something (`registry/acting_words.txt`).
fn is_acting_word(word: &str) -> bool {
    static ACTING: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| names::entries(include_str!("registry/acting_words.txt")).collect());
    ACTING.contains(word)
}

/// Whether the word after ` {word} ` at the head of `rest` is capitalised (`from Lahore`).
fn capitalised_after(rest: &str, word: &str) -> bool {
    rest.strip_prefix(' ')
        .and_then(|r| r.strip_prefix(word))
        .and_then(|r| r.strip_prefix(' '))
        .is_some_and(|r| r.starts_with(char::is_uppercase))
}

/// Whether `before` ends with a possessive and a space (`Kenya's `, `the All Blacks' `).
fn after_possessive(before: &str) -> bool {
    let Some(owner) = before.strip_suffix(' ') else {
        return false;
    };
    let owner = ["'s", "’s", "s'", "s’"]
        .iter()
        .find_map(|s| owner.strip_suffix(s));
    owner.is_some_and(|o| o.chars().next_back().is_some_and(char::is_alphabetic))
}

/// `In the 78th minute, Shawal Anuar latched on to …`, `with Pol Pla scoring`: two capitalised
/// words that are no English words, places or titles, doing something (a verb in `-ed` or `-ing`,
/// or one of [`is_acting_word`], maybe after an adverb of time) or someone's own (`Kenya's Tobiah
/// Wanjiru`), are a person whose given name no list knows. English text only.
fn unfamiliar_names_acting<'t>(
    text: &'t str,
    pairs: &[(usize, &'t str)],
    found: &mut Vec<Candidate>,
) {
    if !is_english_prose(text) {
        return;
    }
    for &(start, pair) in pairs {
        let Some((given, family)) = pair.split_once(' ') else {
            continue;
        };
        let end = start + pair.len();
        let Some(next) = verb_after(&text[end..]) else {
            continue;
        };
        let acts = next.len() >= 4
            && next.bytes().all(|b| b.is_ascii_lowercase())
            && (next.ends_with("ed") || next.ends_with("ing"))
            && !PREPOSITIONS.contains(&next)
            || is_acting_word(next)
            // `Raj Tamang from Rautamai`: where someone comes from, as casualty lists and
            // results name people.
            || (next == "from" && capitalised_after(&text[end..], "from"))
            // `Kenya's Tobiah Wanjiru`: someone's own, as a country, a team or a newsroom has
            // its people.
            || after_possessive(&text[..start]);
        let plain_word = |w: &str| {
            w.len() < 3
                || !w.chars().skip(1).all(char::is_lowercase)
                || names::is_stop_word(w)
                || names::is_title_word(w)
                || names::is_non_person(w)
                || names::is_english_word(&w.to_lowercase())
        };
        let ruled_out = !acts
            || plain_word(given)
            || plain_word(family)
            || found.iter().any(|c| c.start < end && start < c.end)
            || names::is_institution(pair)
            || inside_capitalised_run(text, start)
            || followed_by_name(text, end)
            // Anywhere the story writes a longer name ending in these two words, they are its
            // (`Jomic Calleja Maatouk … Calleja Maatouk later left`).
            || text
                .match_indices(pair)
                .any(|(at, _)| inside_capitalised_run(text, at));
        if !ruled_out {
            found.push(Candidate {
                start,
                end,
                name: pair.to_string(),
                role: None,
            });
        }
    }
}

/// `Jaheel Hyde and … captured the crowns. Hyde (48.15) defeated …`: a name of two words whose
/// second word the story goes on to use alone is a person, named in full and then by surname, as
/// news writes people. Two everyday words (`Red Cross … Cross`), a title or a stop word, and a
/// pair inside a longer capitalised run (`Apollo Hospital`) are not.
fn named_again_by_surname<'t>(
    text: &'t str,
    pairs: &[(usize, &'t str)],
    found: &mut Vec<Candidate>,
) {
    if !is_english_prose(text) {
        return;
    }
    let mut in_pairs: HashMap<&'t str, usize> = HashMap::default();
    for (_, pair) in pairs {
        if let Some((_, family)) = pair.split_once(' ') {
            *in_pairs.entry(family).or_default() += 1;
        }
    }
    // How often each pair's second word stands as a word of its own, anywhere: a search per
    // distinct word still in question, not a scan of every capitalised word.
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    let mut standing: HashMap<&'t str, usize> = HashMap::default();
    let mut stands_alone = |family: &'t str| -> usize {
        *standing.entry(family).or_insert_with(|| {
            text.match_indices(family)
                .filter(|&(at, _)| {
                    (at == 0 || !word_byte(bytes[at - 1]))
                        && !bytes.get(at + family.len()).is_some_and(|&b| word_byte(b))
                })
                .count()
        })
    };
    // What rules a pair out by its words wherever it stands, once per distinct pair: a story
    // repeats its names.
    let mut by_words: HashMap<&'t str, bool> = HashMap::default();
    for &(start, pair) in pairs {
        let Some((given, family)) = pair.split_once(' ') else {
            continue;
        };
        let end = start + pair.len();
        let ruled_out = found.iter().any(|c| c.start < end && start < c.end)
            || followed_by_name(text, end)
            || *by_words.entry(pair).or_insert_with(|| {
                let everyday = |w: &str| names::is_english_word(&w.to_lowercase());
                [given, family]
                    .iter()
                    .any(|w| names::is_stop_word(w) || names::is_title_word(w))
                    || (everyday(given) && everyday(family))
                    || (!names::is_given_name(given) && (everyday(given) || everyday(family)))
                    || stands_alone(family) <= in_pairs.get(family).copied().unwrap_or(0)
                    || names::is_institution(pair)
                    // Anywhere the story writes a longer name ending in these two words, they
                    // are its.
                    || text
                        .match_indices(pair)
                        .any(|(at, _)| inside_capitalised_run(text, at))
            });
        if !ruled_out {
            found.push(Candidate {
                start,
                end,
                name: pair.to_string(),
                role: None,
            });
        }
    }
}

/// `Marlon Samuels and Carlton Baugh`, `Kenardo Lewis and Jermaine Blackwood`: a name joined by
/// `and` to a person found by other evidence is a person too, when it has two or three words and
/// is not made only of everyday words (`Jane Doe and Public Works`).
fn paired_names(text: &str, spans: &NameSpans, found: &mut Vec<Candidate>) {
    let people: Vec<(usize, usize)> = found
        .iter()
        .filter(|c| c.name.contains(' '))
        .map(|c| (c.start, c.end))
        .collect();
    let all = spans.all();
    let mut paired = Vec::new();
    for (start, end) in people {
        if text[end..].starts_with(" and ") {
            let at = end + " and ".len();
            if let Ok(i) = all.binary_search_by_key(&at, |&(s, _)| s) {
                paired.push(all[i]);
            }
        }
        if let Some(before) = text[..start].strip_suffix(" and ") {
            let stop = before.len();
            let from = all.partition_point(|&(s, _)| s + 80 < stop);
            if let Some(&span) = all[from..]
                .iter()
                .take_while(|&&(s, _)| s < stop)
                .find(|&&(_, e)| e == stop)
            {
                paired.push(span);
            }
        }
    }
    for (start, end) in paired {
        if found.iter().any(|c| c.start < end && start < c.end) {
            continue;
        }
        let raw = &text[start..end];
        let Some((offset, name)) = tidy(raw) else {
            continue;
        };
        // `… and Permatang Pauh Member of Parliament Jane Doe`: a phrase that runs on past the
        // name into a title or an institution's word is not a name.
        if raw.rsplit(' ').next() != name.rsplit(' ').next() {
            continue;
        }
        let words = name.split(' ').count();
        if (2..=3).contains(&words) && !names::is_everyday_phrase(&name) {
            found.push(Candidate {
                start: start + offset,
                end: start + offset + name.len(),
                name,
                role: None,
            });
        }
    }
}

/// The names of a list holding one person found by other evidence, when the list is a run of
/// four names or more, each of two words or more: the run's items, the name closing the sentence
/// that introduces it and the name opening the one that goes on after it (`The squad features
/// Jane Doe, Ida Lum, Ana Lima, and John Roe – with …`). Offsets are `line_start`-based.
fn run_of_names<'a>(
    items: &[(usize, &'a str)],
    cores: &[Option<(usize, &'a str)>],
    line_start: usize,
) -> Vec<(usize, &'a str)> {
    let full_name = |i: usize| cores[i].is_some_and(|(_, core)| core.contains(' '));
    // The longest run of items that are full names.
    let (mut best, mut at) = ((0, 0), 0);
    while at < cores.len() {
        let end = (at..cores.len())
            .find(|&i| !full_name(i))
            .unwrap_or(cores.len());
        if end - at > best.1 - best.0 {
            best = (at, end);
        }
        at = end + 1;
    }
    let (lo, hi) = best;
    let mut names: Vec<(usize, &str)> = cores[lo..hi].iter().flatten().copied().collect();
    if lo > 0 {
        let (at, item) = items[lo - 1];
        if let Some((offset, name)) = closing_name(item) {
            names.push((line_start + at + offset, name));
        }
    }
    if hi < items.len() {
        let (at, item) = items[hi];
        if let Some((offset, name)) = opening_name(item) {
            names.push((line_start + at + offset, name));
        }
    }
    // `Jane Doe, Senior Consultant, Internal Medicine, …`: a role's words part a person's
    // titles, not a list of people.
    // Three will do when no word of them is an everyday word (`Wouter Kellerman, Zakes
    // Bantwini and Nomcebo Zikode`).
    let unfamiliar = || {
        names.iter().all(|(_, name)| {
            name.split(' ')
                .all(|w| names::is_given_name(w) || !names::is_english_word(&w.to_lowercase()))
                && !names::is_institution(name)
        })
    };
    if (names.len() >= 4 || (names.len() == 3 && unfamiliar()))
        && hi > lo
        && !names
            .iter()
            .any(|(_, name)| names::is_everyday_phrase(name))
    {
        names
    } else {
        Vec::new()
    }
}

/// The two to four capitalised words that close `text` (`… features Jane Doe`).
fn closing_name(text: &str) -> Option<(usize, &str)> {
    let text = text.trim_end();
    let words = text
        .rsplit(' ')
        .take_while(|w| w.starts_with(char::is_uppercase) && !names::is_stop_word(w))
        .take(4)
        .count();
    let cut = text
        .rsplitn(words + 1, ' ')
        .nth(words)
        .map_or(0, |head| head.len() + 1);
    (words >= 2).then(|| (cut, &text[cut..]))
}

/// The two to four capitalised words that open `text` (` and John Roe – with …`), after any `and`.
fn opening_name(text: &str) -> Option<(usize, &str)> {
    let trimmed = text.trim_start();
    let trimmed = trimmed.strip_prefix("and ").unwrap_or(trimmed);
    let lead = text.len() - trimmed.len();
    let words: Vec<&str> = trimmed
        .split(' ')
        .take_while(|w| w.starts_with(char::is_uppercase) && !names::is_stop_word(w))
        .take(4)
        .collect();
    let len = words.iter().map(|w| w.len()).sum::<usize>() + words.len().saturating_sub(1);
    (words.len() >= 2).then(|| (lead, &text[lead..lead + len]))
}

/// Each line of `text` with where it starts.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        (at <= text.len()).then(|| {
            let start = at;
            let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
            at = end + 1;
            (start, &text[start..end])
        })
    })
}

/// The items of a list: the parts between `, `, `; ` and ` and ` outside brackets, each with its
/// offset in `line`.
fn list_items(line: &str) -> Vec<(usize, &str)> {
    let mut items: Vec<(usize, &str)> = Vec::new();
    let mut depth = 0usize;
    let mut item_start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b',' | b';' if depth == 0 => {
                items.push((item_start, &line[item_start..i]));
                item_start = i + 1;
            }
            b' ' if depth == 0 && line[i..].starts_with(" and ") => {
                items.push((item_start, &line[item_start..i]));
                item_start = i + 5;
                i += 4;
            }
            _ => {}
        }
        i += 1;
    }
    items.push((item_start, &line[item_start..]));
    // `…, and Jane Doe`: the comma and the `and` part one pair of items, not two.
    items.retain(|(_, item)| !item.trim().is_empty());
    items
}

/// An item's name, when the item is only a name: titles before it and a bracket after it aside.
fn name_core(item: &str) -> Option<(usize, &str)> {
    let trimmed_start = item.len() - item.trim_start().len();
    let mut core = item
        .trim()
        .trim_end_matches(['.', '”', '"', ':'])
        .trim_end();
    if let Some(open) = core.find('(') {
        if !core.ends_with(')') {
            return None;
        }
        core = core[..open].trim_end();
    }
    // Titles and names are capitalised: an item opening any other way is neither.
    if !core.starts_with(char::is_uppercase) {
        return None;
    }
    let mut offset = trimmed_start;
    loop {
        let (first, rest) = core.split_once(' ')?;
        // `is_title_word` takes a title with or without its full stop (`Sen.`, `Sen`).
        if names::is_title_word(first) {
            offset += first.len() + 1;
            core = rest.trim_start();
        } else {
            break;
        }
    }
    // Counted and checked in place: most items of a line are no name, and none then allocates.
    let shaped = (2..=4).contains(&core.split(' ').take(5).count())
        && core.split(' ').all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                && !names::is_stop_word(w)
        })
        && !names::is_institution(core);
    shaped.then_some((offset, core))
}

/// Trims title and place words off a name-shaped span; returns its offset in `raw` and the name.
fn tidy(raw: &str) -> Option<(usize, String)> {
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for token in raw.split(' ') {
        tokens.push((offset, token));
        offset += token.len() + 1;
    }
    let initial = |t: &str| t.len() == 2 && t.ends_with('.');
    // "Jr.", "II": kept, but never read as a stop word.
    let mut tail = None;
    if tokens.len() > 1 {
        if let Some(s) = tokens
            .last()
            .and_then(|(_, t)| names::suffix(t.trim_end_matches(',')))
        {
            tokens.pop();
            if let Some((_, t)) = tokens.last_mut() {
                *t = t.trim_end_matches(',');
            }
            tail = Some(s);
        }
    }
    // A given name that is also a place or a common word ("Virginia Gamba") stays when name
    // words follow it.
    let given_first = |tokens: &[(usize, &str)]| {
        tokens.first().is_some_and(|(_, t)| names::is_given_name(t))
            && tokens.get(1).is_some_and(|(_, t)| {
                !names::is_stop_word(t) && !names::is_title_word(t) && !names::is_particle(t)
            })
    };
    // `S. Jaishankar`, `G S Rathore`, `A.S. Rahman`: initials and a family name are the whole
    // name the text gives; they stay.
    let letters_and_dots = |t: &str| {
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        (1..=3).contains(&letters)
            && t.chars().all(|c| c.is_uppercase() || c == '.')
            && (letters == 1 || t.contains('.'))
            && !matches!(t, "A" | "I")
    };
    let leading = tokens
        .iter()
        .take_while(|(_, t)| letters_and_dots(t))
        .count();
    // `KT Parnaik`, `PK Jena`: two or three initials in capitals without dots, as South Asian
    // news writes them, before a family name no dictionary knows (not `US Congress`).
    let capital_initials = leading == 0
        && tokens.len() == 2
        && (2..=3).contains(&tokens[0].1.len())
        && tokens[0].1.bytes().all(|b| b.is_ascii_uppercase())
        && !names::is_english_word(&tokens[0].1.to_lowercase())
        && !names::is_title_word(tokens[0].1)
        && !names::is_english_word(&tokens[1].1.to_lowercase());
    let leading = if capital_initials { 1 } else { leading };
    if leading > 0 && tokens.len() == leading + 1 {
        let surname = tokens[leading].1;
        if surname.chars().nth(1).is_some_and(char::is_lowercase)
            && !names::is_stop_word(surname)
            && !names::is_title_word(surname)
            && !names::is_institution(surname)
        {
            let start = tokens[0].0;
            let name = &raw[start..];
            let name = ["'s", "’s"]
                .iter()
                .find_map(|s| name.strip_suffix(s))
                .unwrap_or(name);
            return Some((start, name.to_string()));
        }
    }
    while !given_first(&tokens)
        && tokens.first().is_some_and(|(_, t)| {
            names::is_stop_word(t) || initial(t) || names::is_title_word(t) || names::is_particle(t)
        })
    {
        tokens.remove(0);
    }
    while tokens
        .last()
        .is_some_and(|(_, t)| names::is_stop_word(t) || initial(t) || names::is_particle(t))
    {
        tokens.pop();
        tail = None;
    }
    // `Relegation-threatened Burnley`, `Paris-born Jane Doe`: an adjective made with a hyphen
    // before the name is not part of it.
    while tokens.len() > 1
        && tokens
            .first()
            .is_some_and(|(_, t)| names::without_compound_suffix(t).len() < t.len())
    {
        tokens.remove(0);
    }
    let skip = usize::from(given_first(&tokens));
    if tokens.is_empty()
        || tokens[skip..]
            .iter()
            .any(|(_, t)| !initial(t) && (names::is_stop_word(t) || names::is_title_word(t)))
    {
        return None;
    }
    // "Then Boris Johnson", "Both Jim Smith": ordinary words before a known given name are not
    // part of the name.
    if let Some(given) = tokens
        .iter()
        .position(|(_, t)| names::is_given_name(t))
        .filter(|&g| g > 0 && g + 1 < tokens.len())
    {
        if tokens[..given]
            .iter()
            .all(|(_, t)| names::is_english_word(&t.to_lowercase()))
        {
            tokens.drain(..given);
        }
    }
    let start = tokens[0].0;
    // Canonical names carry no middle initial: "Antony J. Blinken" is Antony Blinken.
    let mut name = tokens
        .iter()
        .map(|(_, t)| *t)
        .filter(|t| !initial(t))
        .collect::<Vec<_>>()
        .join(" ");
    if names::is_institution(&name) {
        return None;
    }
    for suffix in ["'s", "’s"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.to_string();
        }
    }
    name.truncate(names::without_compound_suffix(&name).len());
    if let Some(s) = tail {
        name.push(' ');
        name.push_str(s);
    }
    (name.len() >= 2).then_some((start, name))
}

/// Whether the word before `at` is a capitalised word that is not a stop word or a title: the
/// capitalised words at `at` continue a longer phrase ("Yote Yawezekana Bila Ruto").
fn inside_capitalised_run(text: &str, at: usize) -> bool {
    let Some(before) = text[..at].strip_suffix(' ') else {
        return false;
    };
    let word = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .next()
        .unwrap_or_default();
    word.chars().next().is_some_and(char::is_uppercase)
        && !names::is_stop_word(word)
        && !names::is_title_word(word)
}

/// Whether a title stands right before `at` ("Vice Premier He Lifeng").
fn titled_before(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default();
    names::is_title_word(word)
}

/// Capitalised runs of two to five name words that start with a known given name ("Elon Musk",
/// "António Guterres"): people even without a title or a verb. A run that ends just before an
/// institution or place word ("... University") is that institution's name.
fn given_name_runs(text: &str, spans: &NameSpans, found: &mut Vec<Candidate>) {
    // One list of a run's words for every run, emptied for the next: no run allocates its own.
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    for (run_start, run_end) in spans.runs() {
        // The run must start a word: "xAbc" or "McX" mid-word is not a name.
        if text[..run_start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’')
        {
            continue;
        }
        let raw = &text[run_start..run_end];
        pieces.clear();
        let mut offset = 0;
        for token in raw.split(' ') {
            pieces.push((offset, token));
            offset += token.len() + 1;
        }
        // Split the run at stop words ("Virginia Governor Glenn Youngkin").
        let mut i = 0;
        while i < pieces.len() {
            let mut j = i;
            // A given name that is also a place ("Virginia") starts a run when a name word follows.
            if names::is_stop_word(pieces[i].1)
                && names::is_given_name(pieces[i].1)
                && pieces.get(i + 1).is_some_and(|(_, t)| {
                    !names::is_stop_word(t) && !names::is_title_word(t) && !names::is_particle(t)
                })
            {
                j += 1;
            }
            while j < pieces.len() && !names::is_stop_word(pieces[j].1) {
                j += 1;
            }
            let next = pieces.get(j).map(|(_, t)| *t).or_else(|| {
                // The word after the run, when the run reaches the end of the match.
                let rest = text[run_end..].strip_prefix(' ')?;
                rest.split(|c: char| !c.is_alphanumeric()).next()
            });
            if j > i && !next.is_some_and(names::is_non_person) {
                consider_run(text, run_start, &pieces[i..j], found);
            }
            i = j + 1;
        }
    }
}

fn consider_run(text: &str, base: usize, run: &[(usize, &str)], found: &mut Vec<Candidate>) {
    let Some(&(first_offset, first)) = run.first() else {
        return;
    };
    let first = first.trim_end_matches(['\'', '’']);
    if !names::is_given_name(first) {
        // `Tipster Jane Doe has shared…`: a common noun capitalised only because it opens the
        // sentence, before a given name and a family name.
        let sentence_start = text[..base + first_offset]
            .trim_end_matches(' ')
            .chars()
            .next_back()
            // Not after a quotation mark: a quoted title (`"Super Jane Run"`) opens there too.
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n'));
        // A photo's credit label opens a credit, not a sentence (`Credit Jane Doe/Wire`).
        const CREDIT_LABELS: [&str; 10] = [
            "Credit",
            "Credits",
            "Photo",
            "Photos",
            "Photograph",
            "Picture",
            "Image",
            "Courtesy",
            "Source",
            "Illustration",
        ];
        // Asked last, and only of a run that could be cut: most runs are not.
        let common_word = || {
            first.chars().skip(1).all(|c| c.is_lowercase())
                && !CREDIT_LABELS.contains(&first)
                && !names::is_non_person(first)
                && !super::headline::is_organisation(first)
        };
        if sentence_start && run.len() >= 3 && names::is_given_name(run[1].1) && common_word() {
            consider_run(text, base, &run[1..], found);
        }
        return;
    }
    let words = run
        .iter()
        .filter(|(_, t)| {
            !names::is_particle(t)
                && names::suffix(t).is_none()
                && !(t.len() == 2 && t.ends_with('.'))
        })
        .count();
    if !(2..=5).contains(&words) {
        return;
    }
    let (last_offset, last) = run[run.len() - 1];
    let end = base + last_offset + last.len();
    let raw = &text[base + first_offset..end];
    if let Some((offset, name)) = tidy(raw) {
        if name.contains(' ') {
            found.push(Candidate {
                start: base + first_offset + offset,
                end: base + first_offset + offset + name.len(),
                name,
                role: None,
            });
        }
    }
}

/// `South Korean Foreign Minister` → (`Foreign Minister`, `South Korea`);
/// `North Korea’s first vice minister of foreign affairs` → (`First vice minister of …`, `North Korea`).
fn split_role(raw: &str) -> (Option<String>, Option<String>) {
    let raw = raw.trim().trim_end_matches(')');
    // "then Prime Minister": the office is the role, the tense is the editor's to record.
    let raw = ["then-", "then ", "Then ", "Then-", "former ", "Former "]
        .iter()
        .find_map(|p| raw.strip_prefix(p))
        .unwrap_or(raw);
    if matches!(raw, "Mr." | "Ms." | "Mrs." | "Dr." | "counterpart" | "FM") {
        return (None, None);
    }
    const NATIONS: &[(&str, &str)] = &[
        ("South Korean ", "South Korea"),
        ("North Korean ", "North Korea"),
        ("Korean ", "South Korea"),
        ("U.S. ", "United States"),
        ("US ", "United States"),
        ("American ", "United States"),
        ("Japanese ", "Japan"),
        ("Chinese ", "China"),
        ("Russian ", "Russia"),
        ("UN ", "United Nations"),
        ("U.N. ", "United Nations"),
    ];
    let mut organisation = None;
    let mut title = raw.to_string();
    for (prefix, nation) in NATIONS {
        if let Some(rest) = raw.strip_prefix(prefix) {
            organisation = Some(nation.to_string());
            title = rest.to_string();
            break;
        }
    }
    for apostrophe in ["’s ", "'s "] {
        if let Some((owner, rest)) = title.split_once(apostrophe) {
            if owner.chars().next().is_some_and(char::is_uppercase) {
                organisation = Some(owner.to_string());
                title = rest.to_string();
                break;
            }
        }
    }
    let mut chars = title.chars();
    let title = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return (None, organisation),
    };
    (Some(title), organisation)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts with every kind of titled, quoted and described name, for checking the scans
    /// against the patterns they stand for.
    const SCANNED: &[&str] = &[
        "SEOUL, Feb. 7 (Yonhap) -- South Korean Foreign Minister Yun Byung-se and U.S. Secretary of \
         State Rex Tillerson agreed on Tuesday, Kang Kyung-wha said. former President Park \
         Geun-hye's aide, said Kim Hong-kyun of the ministry. Special Representative for North \
         Korea Stephen Biegun told reporters.",
        "Jane Doe, the deputy foreign minister, said the talks would resume. Doe's, told the \
         committee. Antony J. Blinken, U.S. secretary of state, who arrived. According to Ravi \
         Anand Kumar, said Maria da Silva. according to Zoë Ferreira-Nuñez in Lisbon.",
        "Queen Elizabeth II and Pope Francis met Vice-President Jean-Luc Picard, Jr. said Tomas \
         Reyes Jr. in Manila. Deputy Prime Minister Hamad bin Faleh Al Qasimi urged calm. then-Prime \
         Minister Boris Johnson, a former mayor of London, said. One Two Three Four Five Six said.",
        "xMinister Abc Def said; Presidential Ab Cd; minister Søren Åberg, an analyst at the \
         Nordic Institute. said Joe Biden, and President Moon Jae-in's, stressed that. Treasurer \
         Helen Marsh and Chair Colin Pardew spoke.",
    ];

    fn owned(found: Vec<Found<'_>>) -> Vec<(usize, String, Option<String>)> {
        found
            .into_iter()
            .map(|f| (f.start, f.name.to_string(), f.role.map(str::to_string)))
            .collect()
    }

    fn by_regex(
        pattern: &str,
        text: &str,
        role: Option<&str>,
    ) -> Vec<(usize, String, Option<String>)> {
        Regex::new(pattern)
            .unwrap()
            .captures_iter(text)
            .map(|c| {
                let name = c.name("name").unwrap();
                (
                    name.start(),
                    name.as_str().to_string(),
                    role.and_then(|r| c.name(r)).map(|m| m.as_str().to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn the_name_scans_find_what_their_patterns_find() {
        let said = format!(
            r"(?P<name>{})(?:'s|’s)?,? (?:{})(?-u:\b)",
            *NAME,
            VERBS.join("|")
        );
        for text in SCANNED {
            let spans = NameSpans::new(text, &names::PARTICLES);
            assert_eq!(
                owned(titled(text)),
                by_regex(&titled_pattern(), text, Some("title")),
                "titled: {text}"
            );
            assert_eq!(
                owned(said_by(text)),
                by_regex(&said_by_pattern(), text, None),
                "said by: {text}"
            );
            assert_eq!(
                owned(appositions(text, &spans)),
                by_regex(&apposition_pattern(), text, Some("role")),
                "apposition: {text}"
            );
            assert_eq!(
                owned(said_names(text, &spans)),
                by_regex(&said, text, None),
                "said: {text}"
            );
        }
        // `titled` looks for titles at ASCII letters only.
        assert!(names::TITLES
            .iter()
            .chain(NATIONALITIES)
            .chain(TITLE_MODIFIERS)
            .all(|t| t.starts_with(|c: char| c.is_ascii_alphabetic())));
        // Each finds something, so the comparisons are not of empty lists.
        let all = SCANNED.join(" ");
        let spans = NameSpans::new(&all, &names::PARTICLES);
        assert!(titled(&all).len() >= 8);
        assert!(said_by(&all).len() >= 4);
        assert!(appositions(&all, &spans).len() >= 3);
        assert!(said_names(&all, &spans).len() >= 4);
    }

    #[test]
    fn word_starts_and_leading_words_are_what_their_definitions_say() {
        let extra = ["_a b1 c", "é x Présidente, Zoë", "a_b 9c Dd", "", "x"];
        for text in SCANNED.iter().copied().chain(extra) {
            let bytes = text.as_bytes();
            let starts: Vec<usize> = (0..bytes.len())
                .filter(|&at| bytes[at].is_ascii_alphabetic() && !after_word(text, at))
                .collect();
            assert_eq!(
                ascii_letter_word_starts(bytes).collect::<Vec<_>>(),
                starts,
                "{text}"
            );
            for (at, _) in text.char_indices() {
                let rest = &text[at..];
                let end = rest
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(rest.len());
                assert_eq!(
                    leading_word(rest),
                    (end > 0).then(|| &rest[..end]),
                    "{rest}"
                );
            }
        }
    }

    #[test]
    fn plural_titles_are_the_matches_a_list_can_follow() {
        for text in [
            "Justices Vikram Rao and Sandeep Iyer; MPs Jane Doe, John Roe and Ann Poe.",
            "Senators and MPs Jane Doe and John Roe\nJusticesJustices Ann Poe\nMPs Jane Doe",
            "climbers Ana Lima, Pem Dorje Sherpa, and Tashi Lama met Presidents and Ministers",
            "Vice-Presidents Ana Lima and Tashi Lama, Lts Jane Doe and Directors-General\n and",
        ] {
            let whole: Vec<(usize, usize)> = PLURAL_TITLES
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .filter(|&(_, end)| {
                    let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
                    text[end..line_end].contains(" and ")
                })
                .collect();
            assert!(!whole.is_empty(), "{text}");
            assert_eq!(plural_titles(text), whole, "{text}");
        }
    }

    #[test]
    fn government_mentions_are_what_the_pattern_finds() {
        let spans = |caps: Vec<regex::Captures<'_>>| -> Vec<(usize, usize)> {
            caps.iter()
                .map(|c| c.get(0).map(|m| (m.start(), m.end())).unwrap())
                .collect()
        };
        for text in [
            "the Modi government and Erdogan's administration; The Kishida cabinet, Putin’s regime.",
            "xthe Abe government, the governments, the Abe governments, the Abe government_x.",
            "the Abe-Suga government's cabinet, Biden's presidency\nthe Lula premiership",
            "under the Trump administration the Biden administration, Johnson's Johnson's cabinet",
            "the  Abe government, the\nAbe government, Abe 's cabinet, Moon's government-run",
            "the O'Brien government and the al-Sisi regime, the Éamon cabinet. government",
        ] {
            let expected: Vec<regex::Captures<'_>> = GOVERNMENT.captures_iter(text).collect();
            assert_eq!(spans(government_matches(text)), spans(expected), "{text}");
        }
        assert_eq!(
            government_mentions("the Modi government and Erdogan's administration"),
            [(4, "Modi"), (24, "Erdogan")]
        );
    }

    #[test]
    fn capitalised_words_are_what_the_pattern_finds() {
        let pattern = Regex::new(r"(?-u:\b)[A-Z][A-Za-z]+(?:-[a-z]+)?").unwrap();
        for text in [
            "Moon Jae-in met Kim Jong-Un in Seoul_Korea; McDonald's O'Brien X Ab-",
            "ÉAbc xYz 9Ab _Ab Ab-cd-ef Ab- Ab-c A",
            "(Yonhap) -- Kang Kyung-wha said.\n\nTrump",
        ] {
            let expected: Vec<(usize, &str)> = pattern
                .find_iter(text)
                .map(|m| (m.start(), m.as_str()))
                .collect();
            assert_eq!(
                capitalised_words(text).collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn name_pairs_are_what_the_pattern_finds() {
        let pattern = Regex::new(r"(?-u:\b)[A-Z][a-z]+ [A-Z][a-z]+(?-u:\b)").unwrap();
        for text in [
            "Donald Trump met Moon Jae-in and Ab Cd3 Ef Gh in New York City.",
            "ÉAbc Def_ Ghi Jkl xMno Pqr Stu  Vwx Yz A Bc De Fg",
            "Trump\n\nDonald Trump said; Rex Tillerson’s aide Ab Cd",
        ] {
            let expected: Vec<(usize, &str)> = pattern
                .find_iter(text)
                .map(|m| (m.start(), m.as_str()))
                .collect();
            assert_eq!(
                given_and_family(text).collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn titles_and_places_are_trimmed_from_names() {
        assert_eq!(
            tidy("Antony Blinken Thursday").map(|(_, n)| n),
            Some("Antony Blinken".into())
        );
        assert_eq!(tidy("North Korea"), None);
        assert_eq!(tidy("Blinken’s").map(|(_, n)| n), Some("Blinken".into()));
        assert_eq!(
            tidy("Marta Lindqvist-led").map(|(_, n)| n),
            Some("Marta Lindqvist".into())
        );
        assert_eq!(
            tidy("Yoon Suk-yeol").map(|(_, n)| n),
            Some("Yoon Suk-yeol".into())
        );
    }

    #[test]
    fn roles_lose_nationality_but_keep_it_as_organisation() {
        assert_eq!(
            split_role("South Korean Foreign Minister"),
            (Some("Foreign Minister".into()), Some("South Korea".into()))
        );
        assert_eq!(
            split_role("North Korea’s first vice minister of foreign affairs"),
            (
                Some("First vice minister of foreign affairs".into()),
                Some("North Korea".into())
            )
        );
    }

    fn found(text: &str) -> Vec<String> {
        candidates(text).into_iter().map(|c| c.name).collect()
    }

    /// Every one of `names` is among the names `got`.
    fn assert_found(got: &[String], names: &[&str]) {
        for name in names {
            assert!(got.iter().any(|n| n == name), "{name} missing from {got:?}");
        }
    }

    /// None of `names` is among the names `got`.
    fn assert_not_found(got: &[String], names: &[&str]) {
        for not in names {
            assert!(!got.iter().any(|n| n == not), "{not} in {got:?}");
        }
    }

    #[test]
    fn a_nationality_or_an_everyday_role_before_a_name_marks_a_person() {
        for (text, want) in [
            (
                "The jury prize went to the Moroccan Tarik Belhaj for his second film.",
                "Tarik Belhaj",
            ),
            (
                "The top award was chaired by screenwriter Odile Varenne this year.",
                "Odile Varenne",
            ),
            (
                "Advocate Thabo Mlambo told the court the ruling was flawed.",
                "Thabo Mlambo",
            ),
            (
                "The rescuers found villager Sukarti Wardoyo under the rubble.",
                "Sukarti Wardoyo",
            ),
        ] {
            let names = found(text);
            assert!(names.contains(&want.to_string()), "{text}: {names:?}");
        }
    }

    #[test]
    fn a_ministers_portfolio_is_trimmed_off_the_name_after_it() {
        for (text, want) in [
            ("Minister for Public Works Tomasi Vuniwaqa is acting prime minister.", "Tomasi Vuniwaqa"),
            ("Minister for Climate Change Odile Varenne said on Wednesday the floods were worse.", "Odile Varenne"),
        ] {
            let names = found(text);
            assert!(names.contains(&want.to_string()), "{text}: {names:?}");
            assert!(
                names.iter().all(|n| !n.starts_with("Works") && !n.starts_with("Change")),
                "{text}: {names:?}"
            );
        }
    }

    #[test]
    fn initials_and_a_family_name_are_a_whole_name() {
        for (text, want) in [
            (
                "External Affairs Minister S Varadan on Sunday spoke with his counterpart.",
                "S Varadan",
            ),
            (
                "Justice A.S. Okonkwo said the appeal had no merit.",
                "A.S. Okonkwo",
            ),
        ] {
            let names = found(text);
            assert!(names.contains(&want.to_string()), "{text}: {names:?}");
        }
        // Acronyms are no initials, and `Williams's` keeps its last letter.
        assert!(found("The US Treasury said on Monday that rates would hold.").is_empty());
        let names = found("Minister R Williams's plan was approved on Monday.");
        assert!(names.contains(&"R Williams".to_string()), "{names:?}");
    }

    #[test]
    fn names_with_diacritics_are_names() {
        let names = found("The envoy Zoë Ferreira-Nuñez said the talks would resume.");
        assert!(
            names.contains(&"Zoë Ferreira-Nuñez".to_string()),
            "{names:?}"
        );
        let names = found("Minister Søren Åberg told the committee.");
        assert!(names.contains(&"Søren Åberg".to_string()), "{names:?}");
    }

    #[test]
    fn particles_stay_inside_names() {
        let names = found("Paulo Mendes da Costa said on Monday that the vote would wait.");
        assert!(
            names.contains(&"Paulo Mendes da Costa".to_string()),
            "{names:?}"
        );
        let names = found("Commissioner Greta van der Berg met farmers.");
        assert!(
            names.contains(&"Greta van der Berg".to_string()),
            "{names:?}"
        );
        assert_eq!(
            tidy("Tomas Reyes Jr.").map(|(_, n)| n),
            Some("Tomas Reyes Jr.".into())
        );
    }

    #[test]
    fn titles_are_stripped_from_names() {
        let names = found("Treasurer Helen Marsh and Chair Colin Pardew spoke.");
        assert!(names.contains(&"Helen Marsh".to_string()), "{names:?}");
        assert!(names.contains(&"Colin Pardew".to_string()), "{names:?}");
        assert!(names
            .iter()
            .all(|n| !n.starts_with("Chair") && !n.starts_with("Treasurer")));
        // A county's officer, and a player by the position they play.
        let names = found(
            "The fire neared the coast, Valley County Sheriff Noel Abara said. The side won \
             through centre Tomas Vireo.",
        );
        assert_found(&names, &["Noel Abara", "Tomas Vireo"]);
        let names = found("Emir Sheikh Hamad bin Faleh Al Qasimi opened the port.");
        assert!(
            names.contains(&"Hamad bin Faleh Al Qasimi".to_string()),
            "{names:?}"
        );
    }

    #[test]
    fn a_common_noun_opening_the_sentence_before_a_full_name_is_no_part_of_it() {
        let names = found("Tipster Noel Abara has shared a render of the phone.");
        assert_found(&names, &["Noel Abara"]);
        assert_not_found(&names, &["Tipster Noel Abara"]);
        // A photo's credit is no sentence either.
        let names = found("Officials at the camp on Monday. Credit Noel Abara/Harbour Wire");
        assert_not_found(&names, &["Noel Abara"]);
        // A quoted title is no sentence.
        let names = found("The company announced \"Super Maria Run\", its first phone game.");
        assert_not_found(&names, &["Maria Run"]);
    }

    #[test]
    fn a_known_given_name_makes_a_person() {
        let names = found("Shares fell after Elon Tavish sold a stake to the fund.");
        assert!(names.contains(&"Elon Tavish".to_string()), "{names:?}");
        // An institution named after a person is not one.
        let names = found("She studied at the Helen Marsh Institute in the city.");
        assert!(names.is_empty(), "{names:?}");
        let names = found("The Population Division said the figures were revised.");
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_style_and_a_given_name_are_the_person_the_article_names_in_full() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "Crown prince opens trade fair\n\n\
            Crown Prince Faisal bin Khalid opened the trade fair on Monday, the palace said.\n\n\
            Prince Faisal toured the halls and met exhibitors from twelve countries.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx).front.actors;
        assert_eq!(got, ["Faisal bin Khalid"]);
    }

    #[test]
    fn an_apposition_with_a_capitalised_role_or_a_role_to_a_place_names_a_person() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "New cabinet sworn in\n\n\
            The prime minister appointed Tamuno Briggs, a former ambassador to the US, as foreign \
            minister on Monday. Halima Dangote, Minister for Ports and Harbours, kept her post.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx).front.actors;
        assert_eq!(got, ["Tamuno Briggs", "Halima Dangote"]);
        // A short bracket of party or place after each name.
        let got = found(
            "Voting against it were Sens. Kwabe Ajumo (D-Ore.), Tamuno Briggs (R-Texas) and \
             Halima Dangote (D-Alaska).",
        );
        assert_found(&got, &["Kwabe Ajumo", "Tamuno Briggs", "Halima Dangote"]);
    }

    #[test]
    fn two_names_after_a_plural_title_are_both_people() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "Court throws out harbour petition\n\n\
            A bench of Justices Tamuno Briggs and Halima Dangote dismissed the petition on \
            Monday, saying it should have gone to the lower court first.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx).front.actors;
        assert_eq!(got, ["Tamuno Briggs", "Halima Dangote"]);
        // A short bracket of party or place after each name.
        let got = found(
            "Voting against it were Sens. Kwabe Ajumo (D-Ore.), Tamuno Briggs (R-Texas) and \
             Halima Dangote (D-Alaska).",
        );
        assert_found(&got, &["Kwabe Ajumo", "Tamuno Briggs", "Halima Dangote"]);
    }

    #[test]
    fn a_list_after_a_role_in_the_plural_names_people() {
        let got = found(
            "The team included experienced climbers Dawa Tenzing Lhamu, Ngima Olo Tarke, and \
             Pasang Durje Omo. Former MPs Kwabe Otieno Ajumo and Seli Ranuku Vatai were charged.",
        );
        assert_found(
            &got,
            &[
                "Dawa Tenzing Lhamu",
                "Ngima Olo Tarke",
                "Pasang Durje Omo",
                "Kwabe Otieno Ajumo",
                "Seli Ranuku Vatai",
            ],
        );
        // A list that never closes with `and` is not a list of names after the role.
        let got = found("The climbers Dawa Lhamu, the guides and the porters rested.");
        assert!(!got.iter().any(|n| n == "Dawa Lhamu"), "{got:?}");
    }

    #[test]
    fn a_list_of_one_person_a_line_names_the_rest_when_two_are_known_people() {
        let ctx = ImportContext::with_defaults(&[]);
        let text = "Harbour side named for the final\n\nThe coach named the side to play the \
            final on Saturday, with two new caps.\n\nThe side is:\n1. Joe Moody (13)\n\
            2. Tamati Rewiri (38)\n3. Charlie Faumuina (35)\n4. Brodie Retallick (49)\n\
            5. Hemi Korowai (74)\n\nThe coach said the side was ready.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx);
        for name in ["Tamati Rewiri", "Hemi Korowai", "Joe Moody"] {
            assert!(
                got.front.actors.iter().any(|a| a == name),
                "{name}: {:?}",
                got.front.actors
            );
        }
        // Each item keeps its own line in the body.
        assert!(
            got.body.contains("Tamati Rewiri (38)\n\n3\\. Charlie"),
            "{}",
            got.body
        );
        // A list of names no other evidence calls people stays unread.
        let places = "Harbour towns vote\n\nThe towns voting on Saturday are:\n1. Port Vale \
            (13)\n2. Tamati Bay (38)\n3. Hemi Sound (35)\n\nPolls open at eight.\n";
        let got = crate::import::import_text(places, "t.txt", &ctx);
        assert!(got.front.actors.is_empty(), "{:?}", got.front.actors);
    }

    #[test]
    fn everyday_words_are_no_new_person_and_an_apostrophe_inside_a_name_is_part_of_it() {
        let ctx = ImportContext::with_defaults(&[]);
        let text = "Flood relief reaches the valley\n\nThe Red Cross said on Monday it had \
            reached the valley. Resident Doctors said the clinics were full, and Deputy Prime \
            Minister La'auli Tamasese said the roads would open soon.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert!(
            !got.front
                .actors
                .iter()
                .any(|a| a == "Red Cross" || a == "Resident Doctors"),
            "{:?}",
            got.front.actors
        );
        assert!(
            got.front.actors.iter().any(|a| a == "La'auli Tamasese"),
            "{:?}",
            got.front.actors
        );
        // A public figure's surname that opens a place's name is no mention of them.
        let text = "Elders meet the president\n\nThe president met elders of Dar es Salaam on \
            Monday. Dar es Salaam is the largest city, and the elders of Dar es Salaam said the \
            city would get new roads.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert!(got.front.actors.is_empty(), "{:?}", got.front.actors);
        // Streets and settlements named like people: `Maude Hill Rd`, `Shah Faisal Colony`.
        let text = "Fire closes roads\n\nFirefighters closed Maude Hill Rd and Seabreeze Rd on \
            Monday, and residents of Shah Faisal Colony said the smoke was thick.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert!(got.front.actors.is_empty(), "{:?}", got.front.actors);
    }

    #[test]
    fn a_relative_who_an_age_or_a_film_credit_marks_a_person() {
        let got = found(
            "Ngima Tarke, who led the team, rested. The 49-year-old Kwabe Ajumo was bailed.\n\
             Directed by Seli Vatai\nWorld Of Yesterday, dir Olo Durje\nThe court tried the \
             former chairman of the board, Tamuno Briggs who is charged with fraud.\n",
        );
        assert_found(
            &got,
            &[
                "Ngima Tarke",
                "Kwabe Ajumo",
                "Seli Vatai",
                "Olo Durje",
                "Tamuno Briggs",
            ],
        );
        // A lone capitalised word before `who` may open a sentence: `Officials who…`.
        let got = found("Officials who spoke said nothing. Residents who left returned.");
        assert!(got.is_empty(), "{got:?}");
        // An organisation's relative clause takes `which`, and nothing is found there.
        let got = found("Harbour Shipping, which owns the port, said nothing.");
        assert!(!got.iter().any(|n| n == "Harbour Shipping"), "{got:?}");
    }

    #[test]
    fn a_role_set_off_by_commas_on_either_side_of_a_name_marks_a_person() {
        let got = found(
            "The court convicted Kwabe Ajumo, editor of the Valley Courier, on Monday. In his \
             verdict, the trial magistrate, Tamuno Briggs, found him guilty. Seli Vatai, now \
             the team's coach, led the side. She thanked her daughter Ida Lum. Pem Dorje, 28, \
             and the Deputy Commissioner, Ana Lima, spoke. Xia Tao, a member of the board, too. \
             Families fled, according to the governor, Nilo Demaru.",
        );
        assert_found(
            &got,
            &[
                "Kwabe Ajumo",
                "Tamuno Briggs",
                "Seli Vatai",
                "Ida Lum",
                "Pem Dorje",
                "Ana Lima",
                "Xia Tao",
                "Nilo Demaru",
            ],
        );
        // A role that goes on to name someone else is theirs; a place's apposition has none.
        let got = found(
            "Crowds fled before Harbour Nanmadol, national broadcaster Valley One said. \
             Port Vale, the capital, was quiet.",
        );
        for name in ["Harbour Nanmadol", "Port Vale"] {
            assert!(!got.iter().any(|n| n == name), "{name} in {got:?}");
        }
    }

    #[test]
    fn a_hyphened_adjective_before_a_name_is_not_part_of_it() {
        let got = found("Harbour-born Tamuno Briggs said the club would stay up.");
        assert!(got.iter().any(|n| n == "Tamuno Briggs"), "{got:?}");
        assert_eq!(
            tidy("Relegation-threatened Valleyford").map(|t| t.1),
            Some("Valleyford".into())
        );
    }

    #[test]
    fn a_run_of_full_names_with_one_person_in_it_is_a_list_of_people() {
        let got = found(
            "The Harbour 7s squad features Dawa Lhamu, Ngima Tarke, Senator Jane Doe, Pasang \
             Omo, and Seli Vatai \u{2013} with the coach yet to be named.",
        );
        assert_found(
            &got,
            &["Dawa Lhamu", "Ngima Tarke", "Pasang Omo", "Seli Vatai"],
        );
        // A person's titles parted by commas are no list of people.
        let got = found(
            "Dr Ana Lima, Senior Consultant, Internal Medicine, Harbour Vale Hospital told \
             reporters the cases were mild.",
        );
        for name in [
            "Senior Consultant",
            "Internal Medicine",
            "Harbour Vale Hospital",
        ] {
            assert!(!got.iter().any(|n| n == name), "{name} in {got:?}");
        }
    }

    #[test]
    fn a_name_the_story_goes_on_to_use_by_surname_alone_is_a_person() {
        let text = "Meanwhile, Kwabe Ajumo won the 400m hurdles at the trials in the capital. \
             Ajumo (48.15 seconds) held off the field. The Coast Guard said the Coast Guard tent \
             was busy, and Jomic Calleja Maatouk watched; Calleja Maatouk later left. Guard \
             dogs barked at the runners.";
        let got = found(text);
        assert!(got.iter().any(|n| n == "Kwabe Ajumo"), "{got:?}");
        assert_not_found(&got, &["Coast Guard", "Calleja Maatouk"]);
    }

    #[test]
    fn a_name_before_a_place_noun_is_a_place() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "Floods hit the north\n\nRescue teams worked in the city's Mustafa Pasa \
            neighbourhood on Monday. Kwabe Ajumo said the Prachin Buri province was flooded.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx).front.actors;
        assert!(got.iter().any(|n| n == "Kwabe Ajumo"), "{got:?}");
        assert_not_found(&got, &["Mustafa Pasa", "Prachin Buri"]);
    }

    #[test]
    fn a_speaker_whose_surname_is_an_institutions_word_is_a_person() {
        let got = found(
            "Councillor Kelly Hall said the plan was sound. Carnegie Hall said the concert was \
             sold out, and Jane Church told reporters she agreed.",
        );
        assert_found(&got, &["Kelly Hall", "Jane Church"]);
        assert_not_found(&got, &["Carnegie Hall"]);
    }

    #[test]
    fn an_everyday_occupation_after_a_name_marks_a_person() {
        let got = found(
            "Azam Rashid, a carpenter who worked on two stadiums, was proud. Mina Osei, 34, a \
             nurse at the clinic, agreed. Valley Mall, a shopping centre, was shut.",
        );
        assert_found(&got, &["Azam Rashid", "Mina Osei"]);
        assert_not_found(&got, &["Valley Mall"]);
    }

    #[test]
    fn teams_are_no_people_and_a_selector_is_a_title() {
        let got = found(
            "The Black Stars said the squad was ready. Chief Selector Kwabe Ajumo named it, and \
             the Paralympic Team said it would travel.",
        );
        assert!(got.iter().any(|n| n == "Kwabe Ajumo"), "{got:?}");
        assert_not_found(
            &got,
            &["Black Stars", "Paralympic Team", "Selector Kwabe Ajumo"],
        );
    }

    #[test]
    fn according_to_at_a_sentences_head_names_a_person() {
        let got = found(
            "According to Piers Litherland of the University of Cambridge, it could be the tomb \
             of a queen.",
        );
        assert!(got.iter().any(|n| n == "Piers Litherland"), "{got:?}");
    }

    #[test]
    fn a_months_short_name_may_be_a_given_name() {
        let got = found(
            "Interior Secretary Mar Roxas flew in. National shuttler Leong Jun Hao won the title \
             on Jun 7, and the final was set for Mar 3.",
        );
        assert_found(&got, &["Mar Roxas", "Leong Jun Hao"]);
        // The dates name nobody.
        assert!(
            got.iter().all(|n| n == "Mar Roxas" || n == "Leong Jun Hao"),
            "{got:?}"
        );
    }

    #[test]
    fn an_unfamiliar_name_doing_something_is_a_person() {
        let text = "In the 78th minute, Shawal Anuar latched on to the ball at the far post, and \
             the hosts led. The crowd saw Ilikimi Vunaki crossing the line. Speaking at Ekerubo \
             in Nyaribari Masaba during the tour, the minister spoke. Supertyphoon Haiyan \
             pummeled the city.";
        let got = found(text);
        assert_found(&got, &["Shawal Anuar", "Ilikimi Vunaki"]);
        assert_not_found(&got, &["Nyaribari Masaba", "Supertyphoon Haiyan"]);
    }

    #[test]
    fn a_list_of_three_unfamiliar_names_with_one_person_in_it_is_a_list_of_people() {
        let got = found(
            "The next winners were the trio William Kellerman, Zakes Bantuli, and Nomcebo \
             Zikali.\n\nThe cities of Paris, Lyon and Marseille voted, as did William Kellerman.",
        );
        assert_found(
            &got,
            &["William Kellerman", "Zakes Bantuli", "Nomcebo Zikali"],
        );
    }

    #[test]
    fn a_given_name_and_a_family_name_in_capitals_is_a_person_in_the_usual_case() {
        let got = found(
            "Best actress\nAdriana PAZ\nfor THE SUBSTANCE\nin EMILIA directed by Jacques \
             AUDIARD and Zoe SALDAÑA. Visit LONDON and the NATO summit with Arduino LLC.",
        );
        assert_found(&got, &["Adriana Paz", "Jacques Audiard", "Zoe Saldaña"]);
        assert!(
            !got.iter()
                .any(|n| n.contains("London") || n.contains("Nato") || n.contains("Llc")),
            "{got:?}"
        );
    }

    #[test]
    fn a_constituency_or_country_after_a_titles_for_or_of_is_no_part_of_the_name() {
        let got = found(
            "Federal Member for Durack Melissa Prentice urged voters to act. The Minister of \
             Westland Ana Lima spoke. Minister for Public Works Tomasi Vuniwaqa was there.",
        );
        assert_found(&got, &["Melissa Prentice", "Ana Lima", "Tomasi Vuniwaqa"]);
        assert_not_found(&got, &["Durack Melissa Prentice", "Westland Ana Lima"]);
    }

    #[test]
    fn initials_in_capitals_without_dots_after_a_title_or_a_verb_of_saying() {
        let got = found(
            "Governor KT Parnav took part in the festival, said PK Jenal, the state's top \
             official. The US Congress met and FC Barcelona won.",
        );
        assert_found(&got, &["KT Parnav", "PK Jenal"]);
        assert_not_found(&got, &["US Congress", "FC Barcelona"]);
    }

    #[test]
    fn an_unfamiliar_name_after_a_possessive_or_before_an_irregular_verb_is_a_person() {
        let text = "In the final lap, Kenya's Tobiah Wanjiru took silver and the hosts cheered. \
             The coach told the station's Corin Vashti that the team had trained. Ittiporn \
             Chaisaeng on Wednesday denied the claims. Dzikamai Chirove is one of the new \
             ministers. The rain in Chiang Mai is heavy and Porto Alegre has floods, and \
             Ukraine's Verkhovna Rada met. The dead include Raj Tamang from Rautamai village.";
        let got = found(text);
        assert_found(
            &got,
            &[
                "Tobiah Wanjiru",
                "Corin Vashti",
                "Ittiporn Chaisaeng",
                "Dzikamai Chirove",
                "Raj Tamang",
            ],
        );
        assert_not_found(&got, &["Chiang Mai", "Porto Alegre", "Verkhovna Rada"]);
    }

    #[test]
    fn a_lower_case_role_capitalised_at_a_sentences_head_is_no_part_of_the_name() {
        let got = found("Swimmer Kwabe Ajumo won the first gold. Driver Safety Week opens.");
        assert!(got.iter().any(|n| n == "Kwabe Ajumo"), "{got:?}");
        assert!(!got.iter().any(|n| n.contains("Safety Week")), "{got:?}");
    }

    #[test]
    fn a_name_joined_by_and_to_a_person_is_a_person() {
        let got = found(
            "Senator Jane Doe and Kwabe Ajumo will not travel. Seli Vatai and Tamuno Briggs, \
             who is injured, will stay.",
        );
        assert_found(&got, &["Kwabe Ajumo", "Seli Vatai"]);
        // A place, a phrase of everyday words, or one that runs on into a title is no person.
        let got = found(
            "Senator Jane Doe and Ford Kenya leaders met. Senator John Roe and Public Works \
             staff met. Senator Ann Poe and Harbour Vale Member of Parliament Ida Lum met.",
        );
        for name in ["Ford Kenya", "Public Works", "Harbour Vale"] {
            assert!(!got.iter().any(|n| n.contains(name)), "{name} in {got:?}");
        }
    }

    #[test]
    fn the_other_names_of_a_list_that_holds_two_people_are_people() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "Senate confirms new cabinet\n\n\
            The senate on Tuesday confirmed the nominees after a long sitting, the clerk said.\n\n\
            Minister Adaeze Okonkwo (Enugu), Tamuno Briggs (Rivers), Dr Halima Dangote (Kano) \
            and Senator Obi Nwachukwu (Anambra) were confirmed.\n\n\
            The new ministers visited Lagos, Port Harcourt, Kano and Enugu last week.\n";
        let people = [
            "Adaeze Okonkwo",
            "Tamuno Briggs",
            "Halima Dangote",
            "Obi Nwachukwu",
        ];
        assert_finds_exactly(&ctx, text, &people, "places in a list are not people");
    }

    #[test]
    fn people_of_many_naming_cultures_are_found_once_each() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "Ministers meet over river treaty\n\n\
            GENEVA (Valley Wire) - The prime minister, Aroha Te Whetu, met her counterpart on \
            Monday.\n\n\"We have made progress,\" said Nguyen Thi Lan, the deputy foreign \
            minister. Siddharth Raghunathan, an adviser to the ministry, said the draft was nearly \
            complete. Chancellor Ingrid Solveig Halvorsen warned against delay.\n\n\
            The minister, José María Fernández de la Vega, said Spain would host the next round. \
            Te Whetu said little, and Fernández de la Vega left early. Sipho Ndlovu of the \
            commission declined to comment.\n\nReporting by Jane Okafor; Editing by Mark Potter\n";
        let people = [
            "Aroha Te Whetu",
            "Nguyen Thi Lan",
            "Siddharth Raghunathan",
            "Ingrid Solveig Halvorsen",
            "José María Fernández de la Vega",
            "Sipho Ndlovu",
        ];
        assert_finds_exactly(&ctx, text, &people, "one entry each, no reporters");
    }

    /// Import finds every one of `people` in `text`, and no one else.
    fn assert_finds_exactly(
        ctx: &crate::import::ImportContext,
        text: &str,
        people: &[&str],
        why: &str,
    ) {
        let got = crate::import::import_text(text, "t.txt", ctx).front.actors;
        for person in people {
            assert!(got.iter().any(|g| g == person), "{person} in {got:?}");
        }
        assert_eq!(got.len(), people.len(), "{why}: {got:?}");
    }

    #[test]
    fn spellings_of_one_person_agree() {
        assert_eq!(key("Recep Erdoğan"), key("Recep Erdogan"));
        assert_eq!(key("Kim Jong-un"), key("Kim Jong Un"));
        assert!(shorter_spelling("Ravi Kumar", "Ravi Anand Kumar"));
        assert!(shorter_spelling("Paulo Mendes", "Paulo Mendes da Costa"));
        assert!(!shorter_spelling("Tomas Reyes", "Tomas Reyes Jr."));
        assert!(!shorter_spelling("Ravi Kumar", "Anil Kumar"));
    }

    #[test]
    fn a_public_figures_surname_the_story_keeps_coming_back_to_names_them() {
        let ctx = ImportContext::with_defaults(&[]);
        let actors = |text: &str| crate::import::import_text(text, "t.txt", &ctx).front.actors;
        let text = "Support for ruling party dips to new low\n\n\
            Support for the ruling party has dipped to its lowest since Kishida took the top \
            post in 2021, a poll showed on Monday.\n\n\
            Analysts said the scandal over party funds had hurt Kishida most among younger \
            voters.\n";
        assert!(
            actors(text).iter().any(|a| a == "Fumio Kishida"),
            "{:?}",
            actors(text)
        );
        // Named once, without a title or a verb of saying: not enough.
        let once = "Support for ruling party dips to new low\n\n\
            Support for the ruling party has dipped to its lowest since Kishida took the top \
            post in 2021, a poll showed on Monday.\n";
        assert!(actors(once).is_empty(), "{:?}", actors(once));
    }

    #[test]
    fn common_american_given_names_open_a_name_with_no_title_or_verb_around_it() {
        let got = found(
            "The panel included authors Jeanette Winterson and Kate Summerscale, and the prize \
            went to a debut novel; the fly-half Richie Mounga ran through the line.",
        );
        assert_found(
            &got,
            &["Jeanette Winterson", "Kate Summerscale", "Richie Mounga"],
        );
        // A place or a brand that is also a given name does not open one.
        assert_not_found(
            &found("Shares of Mercedes Benz and Georgia Power rose."),
            &["Mercedes Benz", "Georgia Power"],
        );
    }

    #[test]
    fn a_hyphenated_title_a_quoted_nickname_and_a_title_case_headline_leave_the_name_alone() {
        let ctx = ImportContext::with_defaults(&[]);
        let actors = |text: &str| crate::import::import_text(text, "t.txt", &ctx).front.actors;
        let text = "Talks go well in the capital\n\nThe president met the envoy on Monday, and \
            his sister, Presidential Chief-of-Staff Karina Doe, joined them. He knows Economy \
            Minister Luis ‘Toto’ Roe from the financial world.\n";
        assert_eq!(actors(text), ["Karina Doe", "Luis Roe"]);
        // Every word of a Title Case headline is capitalised: `Reveals` is no part of the name.
        let text = "This Is The Senate That Has Passed The Most Bills – Bukola Doe Reveals\n\n\
            Senate president Bukola Doe has revealed that the Senate has passed the most bills \
            in two years.\n";
        assert_eq!(actors(text), ["Bukola Doe"]);
        // A Title Case subheading in the story runs on past a name the story spells out.
        let text = "Tech designers look for funding\n\nThe designer Jane Voss is working with \
            investor Samuel Kell on a new device, people familiar said.\n\n\
            Jane Voss, Samuel Kell Seek to Create New Hardware\n\n\
            Voss and Kell would not build a phone.\n";
        assert_eq!(actors(text), ["Jane Voss", "Samuel Kell"]);
    }

    #[test]
    fn a_captions_apposition_may_say_where_the_person_stands_and_go_on_with_and() {
        let got = found(
            "Mercy Wambua, center, the CEO of the Law Society of Kenya and other lawyers march \
            to the court.",
        );
        assert_found(&got, &["Mercy Wambua"]);
    }

    #[test]
    fn a_company_doing_something_in_a_market_report_is_no_person() {
        let ctx = ImportContext::with_defaults(&[]);
        let text = "Tokyo shares close lower\n\nBanks gained, with Mizuho Financial adding 1.4% \
            and Kelmar Steel climbing 2%, while Dranova Shipping was flat.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx).front.actors;
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_public_figure_spelled_out_is_never_another_figure_of_the_same_surname() {
        let ctx = ImportContext::with_defaults(&[]);
        let actors = |text: &str| crate::import::import_text(text, "t.txt", &ctx).front.actors;
        // The gazetteer knows both Tony Blair (`Blair`) and Bill Blair; the text names the
        // second in full, after a role whose last word is an everyday one.
        let text = "Ottawa ready to help fight wildfires\n\n\
            \"We are monitoring the reports,\" said the office of the emergency preparedness \
            minister, Bill Blair, in a statement.\n\n\
            Blair said more help would come if the province asked for it.\n";
        assert_eq!(actors(text), ["Bill Blair"]);
    }

    #[test]
    fn a_surname_written_without_its_accents_gives_the_full_name_without_them() {
        let ctx = ImportContext::with_defaults(&[]);
        let actors = |text: &str| crate::import::import_text(text, "t.txt", &ctx).front.actors;
        let text = "France win the final\n\nMbappe scored twice in the second half as France \
            won the final in Moscow.\n\nIt was the first time a teenager had scored in a final \
            since the 1950s, and Mbappe said he would remember it all his life.\n";
        assert!(
            actors(text).contains(&"Kylian Mbappe".to_string()),
            "{:?}",
            actors(text)
        );
        // A surname with no accents of its own keeps the full name as the gazetteer spells it.
        let text = "Talks on the ceasefire resume\n\nMr. Guterres said on Monday that the talks \
            would resume.\n\nThe talks stalled last week, Guterres added.\n";
        assert!(
            actors(text).contains(&"António Guterres".to_string()),
            "{:?}",
            actors(text)
        );
    }

    #[test]
    fn a_photographers_credit_line_or_glued_credit_is_no_actor() {
        let ctx = ImportContext::with_defaults(&[]);
        let text = "Harbour council votes to rebuild the old pier\n\n\
            Mayor Jane Okafor in the council chamber.\nReuters/ Helen Marsh\n\
            Mayor Jane Okafor in the council chamber.\n\
            Mayor Jane Okafor in the council chamber.Colin Pardew (Reuters)\n\n\
            The council voted 16 to 15 on Tuesday to rebuild the old pier, Mayor Jane Okafor \
            said after the vote.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert!(
            got.front.actors.iter().any(|a| a == "Jane Okafor"),
            "{:?}",
            got.front.actors
        );
        assert!(
            got.front
                .actors
                .iter()
                .all(|a| !a.contains("Marsh") && !a.contains("Pardew")),
            "{:?}",
            got.front.actors
        );
    }

    #[test]
    fn photo_credits_are_not_people() {
        for text in [
            "Crowds gathered in the square. (Helen Marsh/Wire Agency)",
            "Photo: Helen Marsh/AFP",
            "Photograph: Colin Pardew/Reuters",
            "Professor Ada ObiCredit: Helen Marsh",
        ] {
            let cleaned = CREDIT_CLAUSE.replace_all(text, " ");
            assert!(
                found(&cleaned)
                    .iter()
                    .all(|n| !n.contains("Marsh") && !n.contains("Pardew")),
                "{text}: {cleaned}"
            );
        }
    }

    #[test]
    fn a_caption_after_its_photos_copyright_credit_names_its_people() {
        let text = "Ministers leave the cabinet meeting\n\nThe cabinet met on Wednesday to \
            agree the budget, officials said after a meeting that ran late into the night.\n\n\
            © Jane Roe / AFP | Finance Minister Ada Obi (L) and Interior Minister Musa Bello \
            leave a cabinet meeting in the capital\n";
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert_eq!(got.front.actors, ["Ada Obi", "Musa Bello"]);
    }

    #[test]
    fn a_generational_suffix_after_a_comma_stays_with_the_name() {
        let text = "Senate hears the bill\n\nSenator Ramon Abad, Jr. said the bill would pass.\n";
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert_eq!(got.front.actors, ["Ramon Abad Jr."]);
        assert_eq!(generational_suffix(", III said"), Some("III"));
        assert_eq!(generational_suffix(", Jrs"), None);
    }

    #[test]
    fn honorifics_of_address_are_titles_not_given_names() {
        let text = "Party president Datuk Seri Hamid Rahman denied the claim. Hamid said he \
            backed the premier. Police said the gang kidnapped one Alhaji Musa Danladi in \
            November; Danladi was freed a week later. Senator the Honourable Ruth Okoro spoke.";
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(&format!("Claim denied\n\n{text}\n"), "t.txt", &ctx);
        assert_eq!(
            got.front.actors,
            ["Hamid Rahman", "Musa Danladi", "Ruth Okoro"]
        );
    }

    #[test]
    fn a_name_an_institutions_word_goes_on_is_the_institution() {
        let text = "Ada Obi, chairman of the Lakeside Research Ethics Committee, said the trial \
            was on track, and Dr Musa Bello of the Fairview Memorial Hospital agreed.";
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(&format!("Trial on track\n\n{text}\n"), "t.txt", &ctx);
        assert_eq!(got.front.actors, ["Ada Obi", "Musa Bello"]);
    }

    #[test]
    fn family_first_names_are_found_where_a_search_of_the_whole_text_finds_them() {
        // Every family name is a word of a capital and lower-case letters, as the scan assumes.
        let shaped = Regex::new("^[A-Z][a-z]*$").unwrap();
        assert!(names::KOREAN_SURNAMES
            .iter()
            .chain(names::CHINESE_SURNAMES.iter())
            .all(|s| shaped.is_match(s)));
        let texts = [
            "Moon Jae-in met Kim Jong Un and Xi Jinping. He Lifeng said; 2Kim Jong Un; xKim Yo \
             Jong; Lee Jae-myung's aide Park Ji Won; Wang Yi, Li Qiang and Ma Ying-jeou.",
            "Kim Kim Jong Un; Lee  Jae; Hu Jintao-Li Peng; McKim Jong; (Kim Yo-jong) KIM Jong; \
             Kim Yo_jong; Kim Jong Unhappy; Li Qiang2; Zhao Leji’s; Wang Yi\nKim Jong Un",
        ];
        let (korean, chinese) = family_name_starts(texts[0]);
        assert!(korean.len() >= 3 && chinese.len() >= 4);
        for text in texts.iter().chain(SCANNED) {
            let (korean, chinese) = family_name_starts(text);
            for (pattern, starts) in [(&*KOREAN, &korean), (&*CHINESE, &chinese)] {
                let unanchored = Regex::new(pattern.as_str().strip_prefix('^').unwrap()).unwrap();
                let whole: Vec<(usize, usize)> = unanchored
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                assert_eq!(anchored_finds(text, pattern, starts), whole, "{text}");
            }
        }
    }

    #[test]
    fn a_chant_is_not_a_first_name() {
        let names = found("Protesters chanted Yote Pamoja Bila Mwangi. Mwangi said nothing.");
        assert!(!names.iter().any(|n| n.contains(' ')), "{names:?}");
    }
}
