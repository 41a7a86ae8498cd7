//! Splits an article file into YAML front matter and Markdown body, and parses the front matter
//! with errors located in the file (serde_yaml counts lines from the fence, we count from the file).

use std::path::Path;

use crate::error::Diagnostic;
pub use crate::layout::{split, Split};
use crate::model::FrontMatter;
use crate::yaml::{hint_for, strip_position, yaml_diagnostic};

/// Parses front matter, turning serde_yaml's fence-relative positions into file positions.
/// Stops at the first problem; [`parse_all`] reports every one.
pub fn parse(path: &Path, split: &Split<'_>) -> Result<FrontMatter, Diagnostic> {
    let parsed = parse_all(path, split);
    match (parsed.front, parsed.diagnostics.into_iter().next()) {
        (Some(front), None) => Ok(front),
        (_, Some(first)) => Err(first),
        (None, None) => Err(Diagnostic::error(path, "the front matter cannot be read")),
    }
}

/// Front matter read as far as it goes, with every problem found in it.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The fields, the broken ones left at their defaults; `None` when the YAML itself is broken.
    pub front: Option<FrontMatter>,
    pub diagnostics: Vec<Diagnostic>,
    /// Keys with a reported problem, so later checks do not report them again.
    pub broken: Vec<String>,
}

/// The most problems one front matter is searched for: one per key, and a few missing keys.
const MAX_PROBLEMS: usize = 64;

/// Parses front matter reporting every problem at once: duplicated keys, each unknown key and each
/// bad value (a bad date does not hide an unknown key), each at its own line. Only broken YAML
/// syntax stops the parse, at the fault's position.
pub fn parse_all(path: &Path, split: &Split<'_>) -> Parsed {
    let mut parsed = Parsed::default();
    let keys = top_level_keys(split.yaml);
    let yaml = without_duplicates(path, split, &keys, &mut parsed.diagnostics);
    // Most front matters are right: read them in one go, the slow search only for a broken one.
    if parsed.diagnostics.is_empty() {
        if let Ok(front) = serde_yaml::from_str::<FrontMatter>(&yaml) {
            parsed.front = Some(front);
            return parsed;
        }
    }
    let value: serde_yaml::Value = match serde_yaml::from_str(&yaml) {
        Ok(value) => value,
        Err(e) => {
            let diagnostic = yaml_diagnostic(path, &e, &yaml, split.yaml_line);
            parsed.diagnostics.push(diagnostic);
            return parsed;
        }
    };
    let mut map = match value {
        serde_yaml::Value::Mapping(map) => map,
        // Not a mapping: the typed parse says what is wrong, where.
        _ => {
            let error = serde_yaml::from_str::<FrontMatter>(&yaml)
                .err()
                .map(|e| yaml_diagnostic(path, &e, &yaml, split.yaml_line));
            parsed.diagnostics.extend(error);
            return parsed;
        }
    };
    for _ in 0..MAX_PROBLEMS {
        let value = serde_yaml::Value::Mapping(map.clone());
        let error = match serde_path_to_error::deserialize::<_, FrontMatter>(value) {
            Ok(front) => {
                parsed.front = Some(front);
                return parsed;
            }
            Err(error) => error,
        };
        let field_path = error.path().to_string();
        let message = strip_position(&error.into_inner().to_string());
        let Some(key) = faulty_key(&field_path, &message) else {
            parsed
                .diagnostics
                .push(located(path, split, &keys, None, &field_path, message));
            return parsed;
        };
        parsed.diagnostics.push(located(
            path,
            split,
            &keys,
            Some(&key),
            &field_path,
            message,
        ));
        let name = serde_yaml::Value::String(key.clone());
        map.remove(&name);
        // A required text left out would only be reported again as missing.
        if matches!(key.as_str(), "title" | "outlet") {
            map.insert(name, serde_yaml::Value::String(String::new()));
        }
        parsed.broken.push(key);
    }
    parsed
}

/// The top-level key a deserialization error is about: the first segment of its path, or the
/// field named by a "missing field" or "unknown field" message.
fn faulty_key(field_path: &str, message: &str) -> Option<String> {
    let first = field_path
        .split(['.', '['])
        .next()
        .filter(|k| !k.is_empty() && *k != "?");
    if let Some(first) = first {
        return Some(first.to_string());
    }
    ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next())
        .map(str::to_string)
}

/// A diagnostic for a bad value (or key) placed at its line in the file.
fn located(
    path: &Path,
    split: &Split<'_>,
    keys: &[TopKey],
    key: Option<&str>,
    field_path: &str,
    message: String,
) -> Diagnostic {
    let hint = hint_for(&message);
    let nested = field_path.contains(['.', '[']);
    let message = if nested {
        format!("`{field_path}`: {message}")
    } else {
        message
    };
    let mut diagnostic = Diagnostic::error(path, message);
    let place = key.and_then(|key| keys.iter().find(|k| k.name == key));
    match place {
        Some(k) => {
            let (line, column) =
                nested_position(split.yaml, k, field_path).unwrap_or((k.line, k.value_column));
            diagnostic = diagnostic.at(split.yaml_line + line - 1, Some(column));
        }
        None => diagnostic = diagnostic.at(split.yaml_line, Some(1)),
    }
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Line and column (within the YAML) of the `n`-th item of a list key when the path names one,
/// e.g. `annotations[2].note`.
fn nested_position(yaml: &str, key: &TopKey, field_path: &str) -> Option<(usize, usize)> {
    let index: usize = field_path
        .split_once('[')?
        .1
        .split(']')
        .next()?
        .parse()
        .ok()?;
    yaml.lines()
        .enumerate()
        .skip(key.line)
        .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '-', '#']))
        .filter(|(_, l)| l.trim_start().starts_with("- ") && l.len() - l.trim_start().len() <= 2)
        .nth(index)
        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len() + 3))
}

/// A key at the top level of the front matter, where the editor wrote it.
#[derive(Debug, Clone)]
struct TopKey {
    name: String,
    /// 1-based line within the YAML.
    line: usize,
    /// 1-based column of its value (of the key when the value starts on a later line).
    value_column: usize,
}

/// The top-level `key:` lines of a block mapping, in order (a simple scan of the text, used only
/// to place messages).
fn top_level_keys(yaml: &str) -> Vec<TopKey> {
    let mut keys = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-', '"', '\'', '[', '{']) {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let after = &line[colon + 1..];
        if !(after.is_empty() || after.starts_with([' ', '\t', '\r'])) {
            continue;
        }
        let name = line[..colon].trim_end();
        let value = after.trim_start();
        let value_column = if value.trim_end().is_empty() || value.starts_with('#') {
            1
        } else {
            line[..line.len() - value.len()].chars().count() + 1
        };
        keys.push(TopKey {
            name: name.to_string(),
            line: i + 1,
            value_column,
        });
    }
    keys
}

/// The YAML with each repeated top-level key (and its indented lines) blanked out, so the rest
/// can still be checked, and a diagnostic for each repetition at its line.
fn without_duplicates(
    path: &Path,
    split: &Split<'_>,
    keys: &[TopKey],
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let mut repeated = Vec::new();
    for (n, key) in keys.iter().enumerate() {
        if let Some(first) = keys[..n].iter().find(|k| k.name == key.name) {
            diagnostics.push(
                Diagnostic::error(path, format!("`{}` is written twice", key.name))
                    .at(split.yaml_line + key.line - 1, Some(1))
                    .with_hint(format!(
                        "keep one of the two: the first is on line {}",
                        split.yaml_line + first.line - 1
                    )),
            );
            repeated.push(key.line);
        }
    }
    if repeated.is_empty() {
        return split.yaml.to_string();
    }
    let mut blanking = false;
    let mut out = String::with_capacity(split.yaml.len());
    for (i, line) in split.yaml.split_inclusive('\n').enumerate() {
        let starts_key = !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty();
        // A key's value runs on over the indented and `- ` lines under it.
        if starts_key {
            blanking = repeated.contains(&(i + 1));
        }
        if blanking {
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_fences_and_counts_lines() {
        let text = "---\ntitle: x\noutlet: y\n---\n\nBody\n";
        let s = split(text).unwrap();
        assert_eq!(s.yaml, "title: x\noutlet: y\n");
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let text = "\u{feff}---\r\ntitle: x\r\n---\r\nBody";
        let s = split(text).unwrap();
        assert_eq!(s.yaml, "title: x\r\n");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn missing_fences_are_none() {
        assert!(split("title: x\n").is_none());
        assert!(split("---\ntitle: x\n").is_none());
    }

    #[test]
    fn common_yaml_mistakes_get_a_hint() {
        for (yaml, hint) in [
            ("---\ntitle: x\n\toutlet: y\n---\n", "tabs"),
            ("---\ntitle: \"x\noutlet: y\n---\n", "quote"),
            (
                "---\ntitle: x\noutlet: y\ndate: [2017]\n---\n",
                "2017-02-07",
            ),
        ] {
            let s = split(yaml).unwrap();
            let d = parse(Path::new("a.md"), &s).unwrap_err();
            assert!(
                d.hint.as_deref().is_some_and(|h| h.contains(hint)),
                "{yaml:?}: {} / {:?}",
                d.message,
                d.hint
            );
        }
    }

    #[test]
    fn yaml_errors_point_at_the_file_line() {
        let text = "---\ntitle: x\noutlet: y\ndate: 2017-02-07\nactors: []\ntopics: []\nsubtitle: z\n---\n";
        let s = split(text).unwrap();
        let d = parse(Path::new("a.md"), &s).unwrap_err();
        assert!(
            d.message.contains("unknown field `subtitle`"),
            "{}",
            d.message
        );
        assert_eq!(d.line, Some(7), "{d}");
    }
}

#[cfg(test)]
mod fault_positions {
    use super::*;
    use crate::load::parse_article_all;

    /// Every diagnostic of an article file, as `line:column message`.
    fn problems(text: &str) -> Vec<crate::error::Diagnostic> {
        parse_article_all(Path::new("a.md"), text).1
    }

    fn place(d: &crate::error::Diagnostic) -> (usize, usize) {
        (d.line.unwrap_or(0), d.column.unwrap_or(0))
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opened() {
        let mut text = String::from("---\ntitle: \"Moon meets Trump\noutlet: O\ndate: 2017\n");
        text.push_str(
            "actors: []\ntopics: []\nsummary: s\ndateline: D\nbyline: [B]\nsource: x\n---\nBody\n",
        );
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(place(&found[0]), (2, 8), "{}", found[0]);
        assert!(
            found[0].hint.as_deref().unwrap().contains("never closed"),
            "{}",
            found[0]
        );
        // A later quoted value does not move the blame onto its own line.
        let text = "---\ntitle: \"Moon\noutlet: \"O\"\ndate: 2017\n---\nBody\n";
        let found = problems(text);
        assert_eq!(place(&found[0]), (2, 8), "{}", found[0]);
        let text = "---\ntitle: 'Moon\noutlet: O\ndate: 2017\n---\nBody\n";
        assert_eq!(place(&problems(text)[0]), (2, 8));
    }

    #[test]
    fn an_unclosed_list_is_reported_where_it_opened() {
        let text = "---\ntitle: T\noutlet: O\ndate: 2017\ntopics: []\nsummary: s\nactors: [Moon, Trump\nnote: n\n---\nBody\n";
        let found = problems(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, Some(7), "{}", found[0]);
        assert!(
            found[0].hint.as_deref().unwrap().contains("`]`"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn a_tab_a_colon_in_a_value_and_a_repeated_key_get_their_own_hints() {
        let found = problems("---\ntitle: T\n\toutlet: O\ndate: 2017\n---\nBody\n");
        assert_eq!(found[0].line, Some(3), "{}", found[0]);
        assert!(
            found[0].hint.as_deref().unwrap().contains("tab"),
            "{}",
            found[0]
        );

        let found = problems("---\ntitle: Moon: the talks\noutlet: O\ndate: 2017\n---\nBody\n");
        assert_eq!(found[0].line, Some(2), "{}", found[0]);
        assert!(
            found[0].hint.as_deref().unwrap().contains("quotes"),
            "{}",
            found[0]
        );

        let found = problems("---\ntitle: T\noutlet: O\ndate: 2017\ntitle: U\n---\nBody\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(place(&found[0]), (5, 1), "{}", found[0]);
        assert!(
            found[0].message.contains("`title` is written twice"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn every_problem_of_a_front_matter_is_reported_at_its_line() {
        let text = "---\ntitle: T\noutlet: O\ndate: 2017-13-40\nsubtitle: x\nactors: Moon\nannotations:\n  - quote: q\n    note: n\n  - quote: r\n---\nBody\n";
        let (article, found) = parse_article_all(Path::new("a.md"), text);
        let places: Vec<(usize, &str)> = found
            .iter()
            .map(|d| (d.line.unwrap_or(0), d.message.as_str()))
            .collect();
        assert_eq!(found.len(), 4, "{places:#?}");
        let line_of = |needle: &str| {
            found
                .iter()
                .find(|d| d.message.contains(needle))
                .and_then(|d| d.line)
        };
        assert_eq!(line_of("not a date"), Some(4), "{places:#?}");
        assert_eq!(line_of("unknown field `subtitle`"), Some(5), "{places:#?}");
        assert_eq!(line_of("invalid type"), Some(6), "{places:#?}");
        assert_eq!(line_of("missing field `note`"), Some(10), "{places:#?}");
        assert!(
            article.is_some(),
            "the rest of the article still goes on to be linked"
        );
    }
}

#[cfg(test)]
mod list_positions {
    use crate::load::parse_list_all;
    use crate::model::ActorEntry;
    use std::path::Path;

    #[test]
    fn list_files_report_each_entry_and_a_repeated_key_at_its_line() {
        let text = "- name: A\n  country: X\n  country: Y\n- name: B\n";
        let (_, found) = parse_list_all::<ActorEntry>(Path::new("actors.yaml"), text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].line, found[0].column),
            (Some(3), Some(3)),
            "{}",
            found[0]
        );

        let text = "- name: A\n  aliases: x\n- name: B\n- name: C\n  rolez: []\n- name: \"D\n";
        let (_, found) = parse_list_all::<ActorEntry>(Path::new("actors.yaml"), text);
        let quote = found.iter().find(|d| d.message.contains("never closed"));
        assert_eq!(
            quote.and_then(|d| d.line),
            Some(6),
            "where the quote opened: {found:?}"
        );

        let text = "- name: A\n  aliases: x\n- name: B\n- name: C\n  rolez: []\n";
        let (list, found) = parse_list_all::<ActorEntry>(Path::new("actors.yaml"), text);
        let lines: Vec<Option<usize>> = found.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(5)], "{found:?}");
        assert_eq!(list.len(), 1, "the good entry is kept");
    }
}
