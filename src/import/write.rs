//! Write: renders an imported article (front matter in the editor's field order, then the body)
//! and stamps it with hashes of its input and of itself, so a later import can tell an untouched
//! file from one the editor has changed.

use sha2::{Digest, Sha256};

use crate::layout as front_matter;
use crate::model::{FrontMatter, ImportStamp};

/// A short hex SHA-256: enough to tell files apart, short enough to read in front matter.
pub(crate) fn hash_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(32);
    for b in &digest[..16] {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// The article file: `---`, the fields import sets in the order editors read them, `---`, body.
pub fn render_article(front: &FrontMatter, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("---\n");
    field(&mut out, "title", &front.title);
    field(&mut out, "outlet", &front.outlet);
    if let Some(publisher) = &front.publisher {
        field(&mut out, "publisher", publisher);
    }
    match front.date {
        Some(date) => out.push_str(&format!("date: {date}\n")),
        None => out.push_str("date:\n"),
    }
    if let Some(dateline) = &front.dateline {
        field(&mut out, "dateline", dateline);
    }
    if !front.byline.is_empty() {
        list(&mut out, "byline", &front.byline);
    }
    list(&mut out, "actors", &front.actors);
    list(&mut out, "topics", &front.topics);
    if let Some(url) = &front.url {
        field(&mut out, "url", url);
    }
    if let Some(source) = &front.source {
        field(&mut out, "source", source);
    }
    if !front.review.is_empty() {
        out.push_str("review:\n");
        for item in front.review.iter() {
            out.push_str("  ");
            out.push_str(&item.field);
            out.push(':');
            if let Some(reason) = &item.reason {
                out.push(' ');
                out.push_str(&scalar(reason, false));
            }
            out.push('\n');
        }
    }
    if let Some(stamp) = &front.imported {
        out.push_str(&format!(
            "imported:\n  input: {}\n  output: {}\n",
            stamp.input, stamp.output
        ));
    }
    out.push_str(CLOSING_FENCE);
    out.push_str(body);
    out
}

/// What ends the front matter of an article file.
const CLOSING_FENCE: &str = "---\n\n";

/// Renders the article and stamps it: the output hash covers the file as written minus the stamp.
/// The stamp records the input's hash, the source's fingerprint and, for a fetched page, when
/// it was fetched.
pub(crate) fn stamped(front: &FrontMatter, body: &str, stamp: &StampFields<'_>) -> String {
    // The stamp is the last field of the front matter, so the stamped file is the unstamped one
    // with the stamp inserted before the closing fence: render once, hash, then splice.
    let mut out = if front.imported.is_none() {
        render_article(front, body)
    } else {
        let mut front = front.clone();
        front.imported = None;
        render_article(&front, body)
    };
    let output = hash_hex(out.as_bytes());
    let fence = out.len() - body.len() - CLOSING_FENCE.len();
    debug_assert_eq!(&out[fence..fence + CLOSING_FENCE.len()], CLOSING_FENCE);
    let mut block = format!("imported:\n  input: {}\n  output: {output}\n", stamp.input);
    if let Some(fingerprint) = stamp.fingerprint {
        block.push_str(&format!("  fingerprint: {fingerprint}\n"));
    }
    if let Some(fetched) = stamp.fetched {
        block.push_str(&format!("  fetched: {}\n", scalar(fetched, false)));
    }
    out.insert_str(fence, &block);
    out
}

/// What the stamp of a new article records besides the hash of the file itself.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StampFields<'a> {
    /// Hash of the input's bytes.
    pub input: &'a str,
    /// Hash of the source's normalised words (see `fingerprint`).
    pub fingerprint: Option<&'a str>,
    /// When the source was fetched (RFC 3339, UTC).
    pub fetched: Option<&'a str>,
}

/// What a file on disk says about its import.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub(crate) struct OnDisk {
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub imported: Option<ImportStamp>,
}

/// Reads the import stamp and source of an article file, if it has front matter at all.
pub(crate) fn read_stamp(text: &str) -> Option<OnDisk> {
    let split = front_matter::split(text)?;
    serde_yaml::from_str(split.yaml).ok()
}

/// `Some(true)` when the file is exactly as import wrote it, `Some(false)` when it was changed
/// since, `None` when it carries no import stamp (the editor wrote it).
pub fn stamp_matches(text: &str) -> Option<bool> {
    let stamp = read_stamp(text)?.imported?;
    Some(hash_hex(without_stamp(text).as_bytes()) == stamp.output)
}

/// The file text minus the `imported:` block of its front matter.
fn without_stamp(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_front = false;
    let mut fences = 0;
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if fences < 2 && line.trim_end() == "---" {
            fences += 1;
            in_front = fences == 1;
            skipping = false;
            out.push_str(line);
            continue;
        }
        if in_front {
            if line.starts_with("imported:") {
                skipping = true;
                continue;
            }
            if skipping && (line.starts_with(' ') || line.starts_with('\t')) {
                continue;
            }
            skipping = false;
        }
        out.push_str(line);
    }
    out
}

fn field(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(": ");
    out.push_str(&scalar(value, false));
    out.push('\n');
}

fn list(out: &mut String, name: &str, values: &[String]) {
    out.push_str(name);
    out.push_str(": [");
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&scalar(value, true));
    }
    out.push_str("]\n");
}

/// A YAML scalar: plain when that reads back as the same string, double-quoted otherwise.
fn scalar(value: &str, in_flow: bool) -> String {
    if plain_safe(value, in_flow) {
        return value.to_string();
    }
    let quoted = serde_json::to_string(value).expect("strings serialize");
    if !quoted.contains(yaml_forbids) {
        return quoted;
    }
    quoted
        .chars()
        .map(|c| match yaml_forbids(c) {
            true => format!("\\u{:04x}", u32::from(c)),
            false => c.to_string(),
        })
        .collect()
}

/// Characters YAML refuses anywhere in a document, even quoted (DEL, C1 controls, U+FFFE and
/// U+FFFF), which JSON's quoting leaves as they are: written as `\uXXXX` escapes instead.
fn yaml_forbids(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

fn plain_safe(value: &str, in_flow: bool) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let lower = value.to_lowercase();
    let special = [
        "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
    ];
    !(value.trim() != value
        || !(first.is_alphabetic() || first == '(' || first == '/')
        || value.contains(": ")
        || value.contains(" #")
        || value.ends_with(':')
        || value.contains(['\n', '"', '\'', '\\', '\t'])
        || value.chars().any(|c| c.is_control() || yaml_forbids(c))
        || (in_flow && value.contains([',', '[', ']', '{', '}']))
        || special.contains(&lower.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_that_yaml_would_misread_are_quoted() {
        assert_eq!(scalar("Moon Jae-in", true), "Moon Jae-in");
        assert_eq!(
            scalar("Korea to pursue: Moon", false),
            "\"Korea to pursue: Moon\""
        );
        assert_eq!(scalar("2017 in review", false), "\"2017 in review\"");
        assert_eq!(scalar("yes", false), "\"yes\"");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(
            scalar("“fully-coordinated”", false),
            "\"“fully-coordinated”\""
        );
    }

    #[test]
    fn the_stamp_detects_edits() {
        let front = FrontMatter {
            title: "T".into(),
            outlet: "O".into(),
            date: None,
            actors: vec![],
            topics: vec![],
            publisher: None,
            dateline: None,
            byline: vec![],
            url: None,
            source: None,
            summary: None,
            note: None,
            annotations: vec![],
            review: {
                let mut review = crate::model::Review::default();
                review.push("date", "no date: found \"nowhere\"");
                review
            },
            draft: false,
            aliases: vec![],
            imported: None,
        };
        let stamp = StampFields {
            input: "abc",
            fingerprint: Some("f00"),
            fetched: Some("2026-01-02T03:04:05Z"),
        };
        let text = stamped(&front, "Body\n", &stamp);
        let on_disk = read_stamp(&text).unwrap().imported.unwrap();
        assert_eq!(on_disk.fingerprint.as_deref(), Some("f00"));
        assert_eq!(on_disk.fetched.as_deref(), Some("2026-01-02T03:04:05Z"));
        assert_eq!(stamp_matches(&text), Some(true));
        let read: FrontMatter =
            serde_yaml::from_str(front_matter::split(&text).unwrap().yaml).unwrap();
        assert_eq!(
            read.review, front.review,
            "the reason reads back as written"
        );
        assert_eq!(
            stamp_matches(&text.replace("Body", "Edited body")),
            Some(false)
        );
        assert_eq!(stamp_matches("---\ntitle: x\n---\nBody\n"), None);
    }
}
