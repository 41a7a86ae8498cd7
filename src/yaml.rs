//! Reading the book's YAML with errors placed in the file and a hint for the common mistakes:
//! shared by import, which reads a book's lists before adding to them, and load.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{line_column, Diagnostic};

/// Parses a YAML list of entries; an empty file is an empty list. Stops at the first problem.
pub fn parse_list<T: DeserializeOwned>(path: &Path, text: &str) -> Result<Vec<T>, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    refuse_alias_bombs(path, text)?;
    serde_yaml::from_str::<Option<Vec<T>>>(text)
        .map(Option::unwrap_or_default)
        .map_err(|e| yaml_diagnostic(path, &e, text, 1))
}

/// YAML aliases (`*name`) repeat a node wherever they stand: a few lines can expand to millions
/// of entries and stall every later stage. Counts what they expand to first.
pub(crate) fn refuse_alias_bombs(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let Some(at) = first_alias(text) else {
        return Ok(());
    };
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| yaml_diagnostic(path, &e, text, 1))?;
    let nodes = count_nodes(&value, 0);
    let limit = 100_000.max(text.len());
    if nodes > limit {
        let (line, column) = line_column(text, at);
        return Err(Diagnostic::error(
            path,
            format!(
                "YAML aliases (`*name`) expand this file to {nodes} values, more than a \
                 file of this size can mean"
            ),
        )
        .at(line, Some(column))
        .with_hint("write the entries out instead of repeating one list through aliases"));
    }
    Ok(())
}

/// The byte offset of the first YAML alias (`*name` where a value starts), if any.
fn first_alias(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().find_map(|(i, &b)| {
        let starts_value = i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b',' | b'\n');
        let named = bytes
            .get(i + 1)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
        (b == b'*' && starts_value && named).then_some(i)
    })
}

/// How many values a YAML document holds once its aliases are expanded (stops counting early).
fn count_nodes(value: &serde_yaml::Value, so_far: usize) -> usize {
    const STOP: usize = 10_000_000;
    if so_far > STOP {
        return so_far;
    }
    match value {
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .fold(so_far + 1, |n, item| count_nodes(item, n)),
        serde_yaml::Value::Mapping(map) => map
            .iter()
            .fold(so_far + 1, |n, (k, v)| count_nodes(v, count_nodes(k, n))),
        serde_yaml::Value::Tagged(tagged) => count_nodes(&tagged.value, so_far + 1),
        _ => so_far + 1,
    }
}

/// serde_yaml appends " at line X column Y" (and its context's position); we report positions
/// ourselves.
pub(crate) fn strip_position(message: &str) -> String {
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
        .filter_map(|(i, line)| Some((i + 1, key_column(line, key)?)))
        .take(2)
        .collect()
}

/// The column of `key:` when `line` holds it as a key of a mapping (after any indent or `- `).
pub(crate) fn key_column(line: &str, key: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches([' ', '-']);
    let rest = trimmed.strip_prefix(key)?;
    rest.trim_start()
        .starts_with(':')
        .then(|| line.len() - trimmed.len() + 1)
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

pub(crate) fn hint_for(message: &str) -> Option<String> {
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
