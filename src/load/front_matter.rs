//! Splits an article file into YAML front matter and Markdown body, and parses the front matter
//! with errors located in the file (serde_yaml counts lines from the fence, we count from the file).

use std::path::Path;

use crate::error::Diagnostic;
use crate::model::FrontMatter;

/// The parts of an article file, borrowed from its text.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Finds the `---` fences. Accepts CRLF line ends and a UTF-8 byte-order mark.
pub fn split(text: &str) -> Option<Split<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for (line, piece) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if piece.trim_end() == "---" {
            let body_start = offset + piece.len();
            let body = &text[body_start..];
            return Some(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body,
                body_line: line + 1,
            });
        }
        offset += piece.len();
    }
    None
}

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

/// serde_yaml appends " at line X column Y" (and its context's position); we report positions
/// ourselves.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message.to_string(),
    }
}

/// The position that a syntax error's context names (` while scanning a quoted scalar at line 2
/// column 8`, `while parsing a flow sequence at line 7 column 9`): where the unclosed quote or
/// bracket opened, which is where the editor must look, not where the parser gave up.
fn opening_position(message: &str) -> Option<(usize, usize, &'static str)> {
    const OPENINGS: [(&str, &str); 3] = [
        (
            "while scanning a quoted scalar at line ",
            "a quote opened here is never closed: close it on this line (a quote inside quoted \
             text is written \\\" or the text is put in the other kind of quotes)",
        ),
        (
            "while parsing a flow sequence at line ",
            "the list `[` opened here is not closed: end it with `]` on this line, with a comma \
             between items",
        ),
        (
            "while parsing a flow mapping at line ",
            "the `{` opened here is not closed with `}`; text starting with `{` needs quotes",
        ),
    ];
    OPENINGS.iter().find_map(|(context, hint)| {
        let rest = &message[message.find(context)? + context.len()..];
        let (line, rest) = rest.split_once(" column ")?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.parse().ok()?, column.parse().ok()?, *hint))
    })
}

/// The first line whose value opens a quote that the line does not close, with the column of
/// the quote: the likely fault when the YAML does not parse (a value is rarely quoted over
/// several lines in front matter).
fn unclosed_quote(yaml: &str) -> Option<(usize, usize)> {
    for (i, line) in yaml.lines().enumerate() {
        let mut value = line.trim_start();
        while let Some(rest) = value.strip_prefix("- ") {
            value = rest.trim_start();
        }
        if let Some(colon) = value.find(": ") {
            let key = &value[..colon];
            if !key.starts_with(['"', '\'']) {
                value = value[colon + 1..].trim_start();
            }
        }
        let quote = match value.chars().next() {
            Some(q @ ('"' | '\'')) => q,
            _ => continue,
        };
        if !closes(&value[1..], quote) {
            let column = line[..line.len() - value.len()].chars().count() + 1;
            return Some((i + 1, column));
        }
    }
    None
}

/// Whether quoted text that started just before `rest` closes on this line.
fn closes(rest: &str, quote: char) -> bool {
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            c if c == quote => {
                // In single quotes, '' is an escaped quote.
                if quote == '\'' && chars.peek() == Some(&'\'') {
                    chars.next();
                } else {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// A diagnostic for a serde_yaml error in `yaml`, a document that starts on `first_line` of `path`.
pub fn yaml_diagnostic(
    path: &Path,
    error: &serde_yaml::Error,
    yaml: &str,
    first_line: usize,
) -> Diagnostic {
    let full = error.to_string();
    let message = strip_position(&full);
    let mut hint = hint_for(&message);
    let mut diagnostic = Diagnostic::error(path, message);
    let mut location = error.location().map(|l| (l.line(), l.column()));
    // Errors raised inside a field's own Deserialize (a bad date) are placed at the document start;
    // the offending value is quoted in the message, so find it in the text instead.
    if matches!(location, Some((1, 1)) | None) {
        location = quoted_value(&diagnostic.message)
            .and_then(|value| yaml.find(value))
            .map(|offset| crate::error::line_column(yaml, offset))
            .or(location);
    }
    let syntax = is_syntax_error(&diagnostic.message);
    if let Some((line, column, opening_hint)) = opening_position(&full) {
        location = Some((line, column));
        hint = Some(opening_hint.to_string());
    }
    if syntax {
        // A quote left open swallows the lines after it and the parser fails further down.
        if let Some((line, column)) = unclosed_quote(yaml) {
            if location.is_none_or(|(at, _)| line <= at) {
                location = Some((line, column));
                hint = Some(
                    "a quote opened here is never closed: close it on this line (a quote inside \
                     quoted text is written \\\" or the text is put in the other kind of quotes)"
                        .to_string(),
                );
            }
        }
    }
    if hint
        .as_deref()
        .is_some_and(|h| h.starts_with("a quote opened here"))
    {
        diagnostic.message = format!("a quoted value is never closed ({})", diagnostic.message);
    }
    if let Some(key) = duplicated_key(&diagnostic.message) {
        // Reported where the mapping starts: the second `key:` after it is the one to remove.
        let from = location.map_or(1, |(line, _)| line);
        if let Some(second) = key_lines(yaml, key, from).get(1) {
            location = Some(*second);
            hint = Some(format!(
                "`{key}` is written twice here: keep one of the two"
            ));
        }
    }
    if diagnostic.message.contains("more than one document") {
        // `---` or `...` inside the front matter ends its YAML document early.
        let separator = yaml
            .lines()
            .position(|l| l.starts_with("---") || l.starts_with("..."));
        location = Some((separator.map_or(1, |i| i + 1), 1));
        hint = Some(
            "a line starting with `---` or `...` ends the front matter's YAML early: put the \
             text in quotes, or remove the line"
                .to_string(),
        );
    }
    // Every error points into the file, at the document's first line when nothing better.
    let location = location.or(Some((1, 1)));
    if let Some((line, column)) = location {
        // The line's indentation holds a tab.
        let tab = yaml
            .lines()
            .nth(line.saturating_sub(1))
            .is_some_and(|l| l.trim_start_matches(' ').starts_with('\t'));
        if syntax && tab {
            hint = Some(
                "YAML indents with spaces, never tabs: replace the tab on this line with spaces"
                    .into(),
            );
        }
        diagnostic = diagnostic.at(first_line + line - 1, Some(column));
    }
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// The key a "duplicate field `key`" (or "duplicate entry with key \"key\"") message names.
fn duplicated_key(message: &str) -> Option<&str> {
    [
        ("duplicate field `", '`'),
        ("duplicate entry with key \"", '"'),
    ]
    .iter()
    .find_map(|(start, end)| message.split(start).nth(1)?.split(*end).next())
    .filter(|k| !k.is_empty())
}

/// Line and column of each `key:` from line `from` on (as a key of a mapping, after any `- `).
fn key_lines(yaml: &str, key: &str, from: usize) -> Vec<(usize, usize)> {
    yaml.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .filter_map(|(i, line)| {
            let trimmed = line.trim_start_matches([' ', '-']);
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start()
                .starts_with(':')
                .then(|| (i + 1, line.len() - trimmed.len() + 1))
        })
        .take(2)
        .collect()
}

/// Whether serde_yaml's message is about the YAML text itself rather than a value's type.
fn is_syntax_error(message: &str) -> bool {
    [
        "did not find expected",
        "end of stream",
        "cannot start any token",
        "tab character",
        "mapping values are not allowed",
        "could not find expected",
        "while scanning",
        "while parsing",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// The first value quoted in backticks in a serde message, e.g. `2017-13-40`.
fn quoted_value(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    (len > 0).then(|| &message[start..start + len])
}

/// What to do about a serde or YAML message, for the common mistakes.
pub fn hint(message: &str) -> Option<String> {
    hint_for(message)
}

fn hint_for(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("remove the key or fix its spelling; the README lists the accepted keys".into())
    } else if message.contains("missing field") {
        Some("add the field to the front matter".into())
    } else if message.contains("mapping values are not allowed") {
        Some("a value with `: ` inside needs quotes, e.g. title: \"Moon: the talks\"".into())
    } else if message.contains("duplicate") {
        Some("a key is written twice: keep one".into())
    } else if message.contains("invalid type") {
        Some("lists are written `[a, b]` or as `- a` lines; text with a colon needs quotes".into())
    } else if message.contains("cannot start any token") || message.contains("tab character") {
        Some(
            "YAML indents with spaces, never tabs; a value starting with `@`, `` ` `` or `%` needs quotes"
                .into(),
        )
    } else if message.contains("did not find expected") || message.contains("end of stream") {
        Some(
            "check the quotes on this line and the lines above: a quote opened must be closed, \
             and a value with `: ` or `#` inside needs quotes"
                .into(),
        )
    } else if message.contains("untagged enum") {
        Some("a date is written 2017-02-07, 2017-02 or 2017, not in a list or quotes".into())
    } else {
        None
    }
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
