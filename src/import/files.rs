//! Files: finds the inputs (directories are walked for `.txt` and `.html` files) and reads each one
//! safely — size limit, binary detection, UTF-16 and lossy UTF-8 decoding — so that no input can
//! panic the import or flood the book with garbage.

use std::path::{Path, PathBuf};

/// Inputs larger than this are refused: no news article is 5 MB of text.
pub const MAX_INPUT_BYTES: u64 = 5 * 1024 * 1024;

/// The kinds of files import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Html,
}

pub(crate) fn format_of(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm" | "xhtml") => Format::Html,
        _ => Format::Text,
    }
}

/// A `.txt` file that holds a page's markup (`<p><em>By Jane Doe</em></p><p>The council …`), as
/// some tools copy an article: read as the HTML it is, so its tags part the paragraphs and never
/// show in the text.
pub(crate) fn is_markup(text: &str) -> bool {
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    text.starts_with('<') && text.matches("</p>").take(2).count() == 2
}

fn importable(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.starts_with('~') || n.starts_with('#'));
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    !hidden && matches!(ext.as_deref(), Some("txt" | "html" | "htm"))
}

/// Expands the inputs: files as given, directories walked (sorted) for `.txt` / `.html` files.
/// Paths that cannot be read come back as failures with a message.
pub(crate) fn gather(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
                    match entry {
                        Ok(entry) if entry.file_type().is_file() && importable(entry.path()) => {
                            files.push(entry.into_path())
                        }
                        Ok(_) => {}
                        Err(e) => failures.push((
                            e.path().unwrap_or(input).to_path_buf(),
                            format!("cannot read: {e}"),
                        )),
                    }
                }
                if files.len() == before {
                    failures.push((
                        input.clone(),
                        "the folder holds no .txt or .html files".to_string(),
                    ));
                }
            }
            Ok(_) => files.push(input.clone()),
            Err(e) => failures.push((input.clone(), format!("cannot read: {e}"))),
        }
    }
    files.dedup();
    (files, failures)
}

/// Reads an input's bytes, refusing files over the size limit before reading them.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    // One open, and the size from the open file: no second lookup of the path.
    let cannot = |e: std::io::Error| format!("cannot read: {e}");
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    if len > MAX_INPUT_BYTES {
        return Err(format!(
            "refused: {:.1} MB is more than the {} MB an article can be",
            len as f64 / 1_048_576.0,
            MAX_INPUT_BYTES / 1_048_576
        ));
    }
    // The size is a hint: a file that grows while it is read is still cut at the limit.
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.by_ref()
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "refused: more than the {} MB an article can be",
            MAX_INPUT_BYTES / 1_048_576
        ));
    }
    Ok(bytes)
}

/// Decodes an input to text. Binary files and empty files are refused; UTF-16 (with a byte-order
/// mark) is decoded; invalid UTF-8 is decoded lossily with a warning to check the text.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if let Some(text) = utf16(bytes) {
        return non_empty(text, None);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if head.contains(&0) || controls * 20 > head.len().max(1) {
        return Err("refused: this looks like a binary file, not article text".to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => non_empty(text.to_string(), None),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let warning = format!(
                "not valid UTF-8 (first bad byte at offset {}); undecodable bytes were replaced with �, check the text",
                e.valid_up_to()
            );
            non_empty(text, Some(warning))
        }
    }
}

fn non_empty(text: String, warning: Option<String>) -> Result<(String, Option<String>), String> {
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        Err("empty file: nothing to import".to_string())
    } else {
        Ok((text, warning))
    }
}

/// The text of a UTF-16 file with a byte-order mark (unpaired surrogates replaced); `None`
/// without the mark.
fn utf16(bytes: &[u8]) -> Option<String> {
    let (encoding, bom) = encoding_rs::Encoding::for_bom(bytes)?;
    (encoding != encoding_rs::UTF_8).then(|| {
        encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_inputs_get_messages_not_panics() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(decode(b" \n\t\n").unwrap_err().contains("empty"));
        assert!(decode(&[0u8, 1, 2, 3, 255, 0, 7])
            .unwrap_err()
            .contains("binary"));
        let (text, warning) = decode(b"Caf\xe9 talks\n").unwrap();
        assert_eq!(text, "Caf\u{fffd} talks\n");
        assert!(warning.unwrap().contains("UTF-8"));
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Hi".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().0, "Hi");
    }
}
