//! The gazetteer of well-known public figures (`registry/people.tsv`): world knowledge that lets a
//! bare surname in a clear context ("President Marcos", "Erdogan said", "the Modi government")
//! name the person a reader would understand, when the article itself never spells the name out.
//! The data file, not code, holds the names; a form shared by two people resolves only when the
//! article's year leaves exactly one of them.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use rustc_hash::FxHashMap as HashMap;

use super::names::key;
use super::openings::Openings;

/// One public figure: the full common English name and the years the entry applies to (empty:
/// any year).
struct Figure {
    name: &'static str,
    years: Vec<(i32, i32)>,
}

impl Figure {
    fn active_in(&self, year: i32) -> bool {
        self.years.is_empty() || self.years.iter().any(|&(a, b)| a <= year && year <= b)
    }
}

/// The parsed gazetteer: figures and, per key of a short form, the figures written that way.
struct Gazetteer {
    figures: Vec<Figure>,
    by_form: HashMap<String, Vec<usize>>,
    /// Each figure by the key of its full name.
    by_name: HashMap<String, usize>,
    /// The full names and the short forms of several words, as written (`Barack Obama`,
    /// `von der Leyen`).
    multi_word_forms: Vec<&'static str>,
    /// Each figure of three name words or more by the key of its last two (`Tayyip Erdoğan` for
    /// Recep Tayyip Erdoğan); `None` where two figures share them.
    by_last_two: HashMap<String, Option<usize>>,
}

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| parse(include_str!("registry/people.tsv")));

/// Parses `Full Name<TAB>Form, Form<TAB>2003-2014, 2019-` lines; `#` starts a comment. A line
/// that does not fit is a bug in the shipped file, caught by the tests.
fn parse(text: &'static str) -> Gazetteer {
    let mut figures = Vec::new();
    let mut by_form: HashMap<String, Vec<usize>> = HashMap::default();
    let mut by_name: HashMap<String, usize> = HashMap::default();
    let mut multi_word_forms = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let name = fields.next().unwrap_or_default().trim();
        let forms = fields.next().unwrap_or_default();
        let years = fields.next().unwrap_or_default();
        let index = figures.len();
        by_name.entry(key(name)).or_insert(index);
        if name.contains(' ') {
            multi_word_forms.push(name);
        }
        for form in forms.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            if form.contains(' ') {
                multi_word_forms.push(form);
            }
            let ids = by_form.entry(key(form)).or_default();
            if !ids.contains(&index) {
                ids.push(index);
            }
        }
        figures.push(Figure {
            name,
            years: years.split(',').filter_map(year_range).collect(),
        });
    }
    let by_last_two = last_two_words(&figures, &by_name);
    Gazetteer {
        figures,
        by_form,
        by_name,
        multi_word_forms,
        by_last_two,
    }
}

/// `Recep Tayyip Erdoğan` is also written `Tayyip Erdoğan`: the last two words of a name of three
/// or more, when they are two capitalised name words (not `bin Salman`, `W. Bush`), name no other
/// figure in full and end no other figure's name.
fn last_two_words(
    figures: &[Figure],
    by_name: &HashMap<String, usize>,
) -> HashMap<String, Option<usize>> {
    let mut tails: HashMap<String, Option<usize>> = HashMap::default();
    for (index, figure) in figures.iter().enumerate() {
        let words: Vec<&str> = figure.name.split(' ').collect();
        if words.len() < 3 {
            continue;
        }
        let tail = &words[words.len() - 2..];
        let name_word = |w: &&str| {
            w.chars().count() >= 2
                && w.starts_with(char::is_uppercase)
                && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
        };
        if !tail.iter().all(name_word) {
            continue;
        }
        let tail_key = key(&tail.join(" "));
        if by_name.contains_key(&tail_key) {
            continue;
        }
        tails
            .entry(tail_key)
            .and_modify(|seen| {
                if *seen != Some(index) {
                    *seen = None;
                }
            })
            .or_insert(Some(index));
    }
    tails
}

/// `2003-2014` or `2019-` (still serving) or `1998`.
fn year_range(text: &str) -> Option<(i32, i32)> {
    let text = text.trim();
    match text.split_once('-') {
        Some((from, "")) => Some((from.trim().parse().ok()?, i32::MAX)),
        Some((from, to)) => Some((from.trim().parse().ok()?, to.trim().parse().ok()?)),
        None => text.parse().ok().map(|y| (y, y)),
    }
}

/// The one figure a surname or short form names in an article of `year`; `None` when no figure
/// or more than one fits (with no year known, a form shared by two figures is never guessed).
pub(crate) fn resolve(form: &str, year: Option<i32>) -> Option<&'static str> {
    let gazetteer = &*GAZETTEER;
    let ids = gazetteer.by_form.get(&key(form))?;
    let mut fitting = ids
        .iter()
        .map(|&i| &gazetteer.figures[i])
        .filter(|f| match year {
            Some(year) => f.active_in(year),
            None => true,
        });
    let first = fitting.next()?;
    fitting.next().is_none().then_some(first.name)
}

/// The gazetteer's forms of several words, compiled for finding them in any text.
struct Forms {
    /// Every form as written and with a capital first letter, searched leftmost-longest.
    automaton: AhoCorasick,
    /// Each pattern's form as the gazetteer writes it.
    owners: Vec<&'static str>,
    /// Where a form may start.
    openings: Openings,
}

static FORMS: LazyLock<Forms> = LazyLock::new(|| {
    // Each form as written and with a capital first letter (`von der Leyen` opening a sentence).
    let mut patterns = Vec::new();
    let mut owners = Vec::new();
    for &form in &GAZETTEER.multi_word_forms {
        let mut chars = form.chars();
        let capital: String = chars
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect());
        if capital != form {
            patterns.push(capital);
            owners.push(form);
        }
        patterns.push(form.to_string());
        owners.push(form);
    }
    // Searched anchored where a pattern may start (see [`Forms::find_iter`]); the unanchored
    // start is kept for the test that compares the two.
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .build(&patterns)
        .expect("the gazetteer's forms build an automaton");
    Forms {
        automaton,
        owners,
        openings: Openings::new(patterns.iter().map(String::as_str), false),
    }
});

impl Forms {
    /// What `automaton.find_iter(text)` finds, without running the automaton over every byte: a
    /// form may start only where its [`Openings`] allow (a few places in a thousand bytes), so the
    /// search is tried anchored there alone. The leftmost match from a place is at the first
    /// such try that matches, and anchored there the longest, as the unanchored search would
    /// report it; the next search goes on from its end.
    fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = aho_corasick::Match> + 't {
        let bytes = text.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while let Some(start) = self.openings.next(bytes, at) {
                at = start + 1;
                let input = Input::new(text).range(start..).anchored(Anchored::Yes);
                if let Some(m) = self.automaton.find(input) {
                    at = m.end();
                    return Some(m);
                }
            }
            at = bytes.len();
            None
        })
    }
}

/// The gazetteer's full names and short forms of several words ("Barack Obama", "von der
/// Leyen", "Lula da Silva") found in `text`, as `(start, end, person)`. Such a form is specific
/// enough to name its person without a title or a verb around it; a short form two people share
/// names one only when `year` leaves one.
pub(crate) fn multi_word_mentions(
    text: &str,
    year: Option<i32>,
) -> Vec<(usize, usize, &'static str)> {
    let forms = &*FORMS;
    forms
        .find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
        })
        .filter_map(|m| {
            let form = forms.owners[m.pattern().as_usize()];
            let person = match GAZETTEER.by_name.get(&key(form)) {
                // A full name spelled out is its person in any year, unless it opens a longer
                // capitalised name (`George Washington University`).
                Some(&i) if !followed_by_capital(&text[m.end()..]) => GAZETTEER.figures[i].name,
                Some(_) => return None,
                None => resolve(form, year)?,
            };
            Some((m.start(), m.end(), person))
        })
        .collect()
}

/// Whether the next word is capitalised: `Nelson Mandela| Bay`.
fn followed_by_capital(rest: &str) -> bool {
    rest.strip_prefix(' ')
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase)
}

/// The figure a formal name with its lineage spelled out is known by: "Mohamed bin Zayed bin
/// Sultan Al Nahyan" is Mohamed bin Zayed, as a reader knows him. A name is cut only before a
/// lineage word (`bin`, `ibn`, `bint`, `Al`), and only to a figure's full name, so a namesake
/// with another lineage stays who they are. Two words that end a figure's longer name (`Tayyip
/// Erdogan`) are that figure.
pub(crate) fn common_name(name: &str) -> Option<&'static str> {
    let gazetteer = &*GAZETTEER;
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() == 2 {
        return gazetteer
            .by_last_two
            .get(&key(name))
            .copied()
            .flatten()
            .map(|i| gazetteer.figures[i].name);
    }
    (2..words.len())
        .rev()
        .filter(|&cut| {
            let next = words[cut];
            ["bin", "ibn", "bint", "Bin", "Ibn", "Al", "al"].contains(&next)
                || next.starts_with("Al-")
                || next.starts_with("al-")
        })
        .find_map(|cut| gazetteer.by_name.get(&key(&words[..cut].join(" "))))
        .map(|&i| gazetteer.figures[i].name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_two_words_of_a_longer_name_are_that_figure() {
        assert_eq!(common_name("Tayyip Erdoğan"), Some("Recep Tayyip Erdogan"));
        assert_eq!(common_name("Mehmood Qureshi"), Some("Shah Mehmood Qureshi"));
        // Two words that are a figure's whole name, or a particle's, stay as written.
        assert_eq!(common_name("Barack Obama"), None);
        assert_eq!(common_name("bin Salman"), None);
        let tails = last_two_words(
            &[
                Figure {
                    name: "Ana Maria Lima",
                    years: Vec::new(),
                },
                Figure {
                    name: "Rosa Maria Lima",
                    years: Vec::new(),
                },
            ],
            &HashMap::default(),
        );
        assert_eq!(
            tails.get(&key("Maria Lima")),
            Some(&None),
            "shared: ambiguous"
        );
    }

    #[test]
    fn the_forms_are_found_where_a_search_of_every_byte_finds_them() {
        let forms = &*FORMS;
        let patterns: Vec<String> = forms.owners.iter().map(|o| o.to_string()).collect();
        // Each form alone, inside a word, run into the next form, cut short and doubled: the
        // places where one match may hide or shorten another.
        let mut text = String::new();
        for (n, form) in patterns.iter().enumerate() {
            let next = &patterns[(n + 1) % patterns.len()];
            let cut = &form[..form.floor_char_boundary(form.len() / 2)];
            text.push_str(&format!(
                "{form} said. x{form}s met {form} {next}, {cut}{form}; {form}{next} é{cut}\n"
            ));
        }
        let every_byte: Vec<(usize, usize, usize)> = forms
            .automaton
            .find_iter(text.as_str())
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        let at_starts: Vec<(usize, usize, usize)> = forms
            .find_iter(&text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        assert!(every_byte.len() > patterns.len());
        assert_eq!(at_starts, every_byte);
    }

    #[test]
    fn a_form_of_several_words_names_its_person_anywhere() {
        let text = "Commission President von der Leyen said the package would pass.";
        let found = multi_word_mentions(text, Some(2024));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, "Ursula von der Leyen");
        assert_eq!(&text[found[0].0..found[0].1], "von der Leyen");
        assert!(multi_word_mentions("the Leyen river and der Leyen", Some(2024)).is_empty());
    }

    #[test]
    fn a_full_name_spelled_out_names_its_person_in_any_year() {
        let text = "The town that raised Barack Obama - a former president - cheered.";
        let found = multi_word_mentions(text, Some(2030));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, "Barack Obama");
        assert_eq!(&text[found[0].0..found[0].1], "Barack Obama");
        // The opening words of a longer capitalised name are not the person.
        assert!(multi_word_mentions("a Barack Obama Foundation grant", Some(2030)).is_empty());
    }

    #[test]
    fn a_formal_name_with_its_lineage_is_the_figure_readers_know() {
        assert_eq!(
            common_name("Mohamed bin Zayed bin Sultan Al Nahyan"),
            Some("Mohamed bin Zayed")
        );
        assert_eq!(
            common_name("Mohammed bin Salman Al Saud"),
            Some("Mohammed bin Salman")
        );
        assert_eq!(common_name("Mohammed bin Rashid Al Maktoum"), None);
        assert_eq!(common_name("Mohammed bin Salman"), None);
    }

    #[test]
    fn every_line_of_the_shipped_file_has_a_name_forms_and_valid_years() {
        let text = include_str!("registry/people.tsv");
        let mut count = 0;
        let mut names = std::collections::HashSet::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            count += 1;
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(
                names.insert(fields[0]),
                "line {}: {} twice",
                n + 1,
                fields[0]
            );
            assert!(
                (2..=3).contains(&fields.len()),
                "line {}: name, forms and optional years, tab-separated: {line:?}",
                n + 1
            );
            assert!(
                fields[0].contains(' ') || fields[0].chars().count() > 2,
                "line {}",
                n + 1
            );
            assert!(
                !fields[1].trim().is_empty(),
                "line {}: no short form",
                n + 1
            );
            if let Some(years) = fields.get(2) {
                for range in years.split(',') {
                    let (from, to) = year_range(range)
                        .unwrap_or_else(|| panic!("line {}: bad years {range:?}", n + 1));
                    assert!(
                        from <= to && from > 1900,
                        "line {}: bad years {range:?}",
                        n + 1
                    );
                }
            }
        }
        assert!(count >= 300, "the gazetteer has {count} entries");
    }

    #[test]
    fn a_unique_form_resolves_with_or_without_a_year() {
        assert_eq!(resolve("Erdogan", None), Some("Recep Tayyip Erdogan"));
        assert_eq!(resolve("Erdoğan", Some(2019)), Some("Recep Tayyip Erdogan"));
    }

    #[test]
    fn a_shared_form_needs_the_year() {
        assert_eq!(resolve("Marcos", None), None);
        assert_eq!(resolve("Marcos", Some(2023)), Some("Ferdinand Marcos Jr."));
        assert_eq!(resolve("Marcos", Some(1985)), Some("Ferdinand Marcos"));
        assert_eq!(resolve("Marcos", Some(2005)), None);
    }

    #[test]
    fn an_unknown_form_is_nothing() {
        assert_eq!(resolve("Nobodyknowsme", Some(2020)), None);
    }
}
