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
pub fn parse(path: &Path, split: &Split<'_>) -> Result<FrontMatter, Diagnostic> {
    serde_yaml::from_str::<FrontMatter>(split.yaml)
        .map_err(|e| yaml_diagnostic(path, &e, split.yaml, split.yaml_line))
}

/// A diagnostic for a serde_yaml error in `yaml`, a document that starts on `first_line` of `path`.
pub fn yaml_diagnostic(
    path: &Path,
    error: &serde_yaml::Error,
    yaml: &str,
    first_line: usize,
) -> Diagnostic {
    let message = error.to_string();
    // serde_yaml appends " at line X column Y"; we report the position ourselves.
    let message = match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    };
    let hint = hint_for(&message);
    let mut diagnostic = Diagnostic::error(path, message);
    let location = error.location().map(|l| (l.line(), l.column()));
    // Errors raised inside a field's own Deserialize (a bad date) are placed at the document start;
    // the offending value is quoted in the message, so find it in the text instead.
    let location = match location {
        Some((1, 1)) | None => quoted_value(&diagnostic.message)
            .and_then(|value| yaml.find(value))
            .map(|offset| crate::load::line_column(yaml, offset))
            .or(location),
        found => found,
    };
    if let Some((line, column)) = location {
        diagnostic = diagnostic.at(first_line + line - 1, Some(column));
    }
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// The first value quoted in backticks in a serde message, e.g. `2017-13-40`.
fn quoted_value(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    (len > 0).then(|| &message[start..start + len])
}

fn hint_for(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("remove the key or fix its spelling; the README lists the accepted keys".into())
    } else if message.contains("missing field") {
        Some("add the field to the front matter".into())
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
