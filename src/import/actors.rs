//! Actors: the real people a story names, by canonical full name. Known names and aliases come from
//! `content/actors.yaml` (one aho-corasick automaton); new ones are found by their context (titles,
//! "X said", appositions) or their shape (Korean and Chinese names); short mentions ("Moon",
//! "Tillerson") resolve to the full name used in the article or in the actors file. Reporters and
//! photographers are left out.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::clean::{Block, Doc};
use super::names::{self, key, short_form};
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
}

impl ActorMatcher {
    pub fn new(actors: &[ActorEntry]) -> Self {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        let mut by_key = HashMap::default();
        let mut shorts: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, actor) in actors.iter().enumerate() {
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
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&texts)
                .expect("actor names build an automaton")
        });
        ActorMatcher {
            automaton,
            patterns,
            names: actors.iter().map(|a| a.name.clone()).collect(),
            by_key,
            by_short,
        }
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

const TOKEN: &str = r"(?:Mc|Mac|O'|O’|D')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Za-z][a-z]*)*";

static NAME: LazyLock<String> =
    LazyLock::new(|| format!(r"{TOKEN}(?: (?:[A-Z]\. )?{TOKEN}){{0,4}}"));

const TITLES: &str = r"(?:(?:South Korean|North Korean|Korean|U\.S\.|US|American|Japanese|Chinese|Russian|British|French|German|UN|U\.N\.|Ukrainian|Australian|Indian) )?(?:(?:First|Deputy|Vice|Acting|Former|former|Senior|senior|then|Then)[- ])*(?:President-elect|President|Prime Minister|Premier|Foreign Minister|Defense Minister|Defence Minister|Unification Minister|Finance Minister|Trade Minister|Industry Minister|Interior Minister|Justice Minister|Minister|Secretary of State|Secretary of Defense|Defense Secretary|Treasury Secretary|Commerce Secretary|Secretary-General|Secretary General|National Security Adviser|national security adviser|Chief of Staff|Secretary|Ambassador|ambassador|[Ss]pokesperson|[Ss]pokesman|[Ss]pokeswoman|Chairman|Chairwoman|chairman|Leader|leader|[Ee]nvoy|Special Representative|special representative|Representative|Rep\.|Senator|Sen\.|Lt\. Gen\.|Gen\.|General|Adm\.|Admiral|Col\.|Gov\.|Governor|Mayor|Director|director|Commissioner|Speaker|lawmaker|Professor|professor|Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.|Chief|chief|official|analyst|researcher|fellow|[Aa]dviser|[Aa]dvisor|King|Queen|Pope|Emperor|Chancellor|Commander|commander|counterpart|minister|secretary|president|negotiator|diplomat|FM|Amb\.)";

const VERBS: &str = r"said|says|told|added|noted|stressed|warned|argued|explained|emphasized|emphasised|urged|asked|wrote|tweeted|announced|claimed|insisted|replied|remarked|commented|underlined|pledged|vowed|affirmed|agreed|expressed|called|met|spoke|visited|arrived|welcomed|hailed|criticized|denied|confirmed|suggested|proposed|reiterated|acknowledged|admitted|predicted|responded|urges|says";

const ROLE_WORDS: &str = r"minister|secretary|spokesperson|spokesman|spokeswoman|ambassador|envoy|official|president|leader|director|adviser|advisor|professor|analyst|researcher|fellow|chief|head|chairman|lawmaker|representative|senator|general|commander|diplomat|negotiator|premier|governor|mayor|sister|wife|daughter|CEO";

/// Where a name was found, and the title the text gives it there.
struct Candidate {
    start: usize,
    end: usize,
    name: String,
    role: Option<String>,
}

static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    // "Special Representative for North Korea Stephen Biegun": the place words are trimmed later.
    Regex::new(&format!(
        r"(?-u:\b)(?P<title>{TITLES})\)?(?: (?:for|to|of|on) (?:the )?)? ?(?P<name>{})",
        *NAME
    ))
    .unwrap()
});
static SAID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{}(?:'s|’s)?,? (?:{VERBS})(?-u:\b)", *NAME)).unwrap());
static SAID_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:said|says|according to) (?P<name>{})(?:,|\.| of| from| in)",
        *NAME
    ))
    .unwrap()
});
static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>{}), (?:the |a |an )?(?P<role>(?:[A-Z][[A-Za-z0-9_].’'-]*(?: [A-Z][[A-Za-z0-9_].’'-]*)*(?:'s|’s) )?(?:[a-z][[A-Za-z0-9_]-]* ){{0,5}}(?:{ROLE_WORDS})(?: (?:of|for|at) [[A-Za-z0-9_]’' -]{{2,50}}?)?)(?:,|\.| who| said| told)",
        *NAME
    ))
    .unwrap()
});
static KOREAN: LazyLock<Regex> = LazyLock::new(|| {
    let surnames = names::KOREAN_SURNAMES.join("|");
    Regex::new(&format!(
        r"(?-u:\b)(?:{surnames}) (?:[A-Z][a-z]+-[a-z]+|[A-Z][a-z]{{1,4}} [A-Z][a-z]{{1,4}})(?-u:\b)"
    ))
    .unwrap()
});
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    let surnames = names::CHINESE_SURNAMES.join("|");
    Regex::new(&format!(
        r"(?-u:\b)(?:{surnames}) [A-Z][a-z]{{1,8}}(?-u:\b)"
    ))
    .unwrap()
});
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\([^()]*(?-u:\b)(?:photo|courtesy|yonhap|ap|afp|reuters|epa|getty)(?-u:\b)[^()]*\)|\[[^\[\]]*\]|(?-u:\b)(?:photo|photograph) by [^.,;()]+|/\s*(?:yonhap|ap|afp|reuters)(?-u:\b)").unwrap()
});

/// Finds the article's actors.
pub(crate) fn find(doc: &Doc, title: &str, byline: &[String], ctx: &ImportContext) -> People {
    let matcher = &ctx.actors;
    let mut text = String::with_capacity(4096);
    text.push_str(title);
    for block in &doc.blocks {
        text.push_str("\n\n");
        match block {
            Block::Para(p) => text.push_str(p),
            Block::Caption(c) => text.push_str(&PHOTO_CREDIT.replace_all(c, " ")),
        }
    }
    let excluded: HashSet<String> = byline
        .iter()
        .cloned()
        .chain(super::headline::credited_people(doc, &ctx.outlets))
        .map(|n| key(&n))
        .collect();

    // Full-name mentions: (position, canonical name, known index).
    let mut full: Vec<(usize, String, Option<usize>)> = Vec::new();
    let mut covered: Vec<(usize, usize)> = Vec::new();
    // Single-word mentions waiting for resolution: (position, word, alias target).
    let mut short: Vec<(usize, String, Option<usize>)> = Vec::new();
    let mut roles: HashMap<String, (Option<String>, Option<String>)> = HashMap::default();

    if let Some(automaton) = &matcher.automaton {
        for m in automaton.find_iter(&text) {
            if !word_bounded(&text, m.start(), m.end()) {
                continue;
            }
            let (actor, single) = matcher.patterns[m.pattern().as_usize()];
            if single {
                if !followed_by_name(&text, m.end()) {
                    short.push((m.start(), text[m.start()..m.end()].to_string(), Some(actor)));
                }
            } else {
                full.push((m.start(), matcher.names[actor].clone(), Some(actor)));
                covered.push((m.start(), m.end()));
            }
        }
    }

    for candidate in candidates(&text) {
        if covered
            .iter()
            .any(|&(s, e)| candidate.start < e && s < candidate.end)
        {
            continue;
        }
        if excluded.contains(&key(&candidate.name)) {
            continue;
        }
        if !candidate.name.contains(' ') {
            short.push((candidate.start, candidate.name, None));
            continue;
        }
        let known = matcher.by_key.get(&key(&candidate.name)).copied();
        let name = match known {
            Some(i) => matcher.names[i].clone(),
            None => candidate.name.clone(),
        };
        if known.is_none() && candidate.role.is_some() {
            roles
                .entry(name.clone())
                .or_insert_with(|| split_role(candidate.role.as_deref().unwrap_or_default()));
        }
        roles.entry(name.clone()).or_insert((None, None));
        full.push((candidate.start, name, known));
        covered.push((candidate.start, candidate.end));
    }

    // Short forms of the full names this article uses; a form shared by two people is ambiguous.
    let mut in_article: HashMap<String, Option<(String, Option<usize>)>> = HashMap::default();
    let mut distinct: Vec<(&String, Option<usize>)> = Vec::new();
    for (_, name, known) in &full {
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
    for (start, word) in capitalised_words(&text) {
        if !(in_article.contains_key(word) || matcher.by_short.contains_key(word)) {
            continue;
        }
        let in_span = covered.iter().any(|&(s, e)| start >= s && start < e);
        let seen = short.iter().any(|(p, _, _)| *p == start);
        if !(in_span || seen || followed_by_name(&text, start + word.len())) {
            short.push((start, word.to_string(), None));
        }
    }
    for (pos, word, alias_of) in short {
        let resolved = match in_article.get(&word) {
            Some(Some((name, known))) => Some((name.clone(), *known)),
            Some(None) => None,
            None => alias_of
                .or_else(|| matcher.by_short.get(&word).copied())
                .map(|i| (matcher.names[i].clone(), Some(i))),
        };
        if let Some((name, known)) = resolved {
            full.push((pos, name, known));
        }
    }

    full.sort_by_key(|(pos, _, _)| *pos);
    let mut names_out: Vec<String> = Vec::new();
    let mut new = Vec::new();
    for (_, name, known) in full {
        if names_out.contains(&name) || excluded.contains(&key(&name)) {
            continue;
        }
        if known.is_none() && !ctx.knows_actor(&name) {
            let (role, organisation) = roles.get(&name).cloned().unwrap_or((None, None));
            new.push(NewActor {
                name: name.clone(),
                role,
                organisation,
            });
        }
        names_out.push(name);
    }
    People {
        names: names_out,
        new,
    }
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
    word.chars().next().is_some_and(char::is_uppercase) && !names::is_stop_word(word)
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
            let start = at;
            at += 1;
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
            let start = at;
            at += 1;
            if !bytes[start].is_ascii_uppercase() || (start > 0 && word_byte(bytes[start - 1])) {
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

/// Every name-shaped span with the evidence that it is a person.
fn candidates(text: &str) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut push = |start: usize, raw: &str, role: Option<String>| {
        if let Some((offset, name)) = tidy(raw) {
            found.push(Candidate {
                start: start + offset,
                end: start + offset + name.len(),
                name,
                role,
            });
        }
    };
    for caps in TITLED.captures_iter(text) {
        let m = &caps["name"];
        let start = caps.name("name").map_or(0, |n| n.start());
        push(start, m, Some(caps["title"].to_string()));
    }
    for caps in APPOSITION.captures_iter(text) {
        let n = caps.name("name").expect("group");
        push(n.start(), n.as_str(), Some(caps["role"].to_string()));
    }
    // Plain finds where the name is the match itself, or all of it but the verb: capture groups
    // cost a slower engine, and these patterns match often.
    for m in SAID.find_iter(text) {
        let Some((name, _verb)) = m.as_str().rsplit_once(' ') else {
            continue;
        };
        let name = name.trim_end_matches(',');
        let name = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("’s"))
            .unwrap_or(name);
        push(m.start(), name, None);
    }
    for caps in SAID_BY.captures_iter(text) {
        let n = caps.name("name").expect("group");
        push(n.start(), n.as_str(), None);
    }
    for m in KOREAN.find_iter(text) {
        if names::korean_name(m.as_str()) {
            push(m.start(), m.as_str(), None);
        }
    }
    for m in CHINESE.find_iter(text) {
        if names::chinese_name(m.as_str()) {
            push(m.start(), m.as_str(), None);
        }
    }
    // "Trump said" somewhere and "Donald Trump" elsewhere: the bare full name is the same person.
    let surnames: HashSet<String> = found
        .iter()
        .filter(|c| !c.name.contains(' '))
        .map(|c| c.name.clone())
        .collect();
    let bigrams = given_and_family(text).take(if surnames.is_empty() { 0 } else { usize::MAX });
    for (start, pair) in bigrams {
        let Some((given, family)) = pair.split_once(' ') else {
            continue;
        };
        if surnames.contains(family) && !names::is_stop_word(given) {
            found.push(Candidate {
                start,
                end: start + pair.len(),
                name: pair.to_string(),
                role: None,
            });
        }
    }
    found.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    found
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
    while tokens
        .first()
        .is_some_and(|(_, t)| names::is_stop_word(t) || initial(t))
    {
        tokens.remove(0);
    }
    while tokens
        .last()
        .is_some_and(|(_, t)| names::is_stop_word(t) || initial(t))
    {
        tokens.pop();
    }
    if tokens.is_empty()
        || tokens
            .iter()
            .any(|(_, t)| !initial(t) && names::is_stop_word(t))
    {
        return None;
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
    (name.len() >= 2).then_some((start, name))
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
}
