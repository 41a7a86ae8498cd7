//! The gazetteer of well-known public figures (`registry/people.tsv`): world knowledge that lets a
//! bare surname in a clear context ("President Marcos", "Erdogan said", "the Modi government")
//! name the person a reader would understand, when the article itself never spells the name out.
//! The data file, not code, holds the names; a form shared by two people resolves only when the
//! article's year leaves exactly one of them.

use std::sync::LazyLock;

use rustc_hash::FxHashMap as HashMap;

use super::names::key;

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

/// The gazetteer's full names and short forms of several words ("Barack Obama", "von der
/// Leyen", "Lula da Silva") found in `text`, as `(start, end, person)`. Such a form is specific
/// enough to name its person without a title or a verb around it; a short form two people share
/// names one only when `year` leaves one.
pub(crate) fn multi_word_mentions(
    text: &str,
    year: Option<i32>,
) -> Vec<(usize, usize, &'static str)> {
    static FORMS: LazyLock<(aho_corasick::AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
        let forms = GAZETTEER.multi_word_forms.iter().copied();
        // Each form as written and with a capital first letter (`von der Leyen` opening a
        // sentence): exact patterns keep the automaton's fast prefilter.
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for form in forms {
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
        // The automaton's own choice: thousands of names make a DFA slow to build (a tenth of a
        // second, while every thread waits), and its prefilter skips most of each text anyway.
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("the gazetteer's forms build an automaton");
        (automaton, owners)
    });
    let (automaton, forms) = &*FORMS;
    automaton
        .find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
        })
        .filter_map(|m| {
            let form = forms[m.pattern().as_usize()];
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
