//! Reading a book's text files (articles, YAML lists, `index.md`, `briefbook.toml`): UTF-8 with or
//! without a byte-order mark, and UTF-16 with one (as some Windows editors save), are decoded;
//! bytes that are none of these are an error at the line and column of the first bad byte, so
//! the editor can find it.

use std::path::Path;

use crate::error::Diagnostic;

/// Reads `root/name` as text; `Ok(None)` when the file does not exist.
pub fn read(root: &Path, name: &Path) -> Result<Option<String>, Diagnostic> {
    match std::fs::read(root.join(name)) {
        Ok(bytes) => decode(name, bytes).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Diagnostic::error(name, format!("cannot read: {e}"))),
    }
}

/// Decodes the bytes of the file `shown` (a path for messages).
pub fn decode(shown: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(text) = utf16(&bytes) {
        return text.map_err(|unit| {
            Diagnostic::error(shown, "the file is UTF-16 with an unpaired surrogate")
                .at(1, None)
                .with_hint(format!(
                    "the code unit {unit:#06x} has no pair; save the file as UTF-8"
                ))
        });
    }
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bad = e.as_bytes()[offset];
        // Up to the first bad byte, the text is valid: count lines and characters there.
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        let (line, column) = crate::error::line_column(valid, offset);
        Diagnostic::error(
            shown,
            format!("the file is not valid UTF-8 (byte {bad:#04x} here)"),
        )
        .at(line, Some(column))
        .with_hint(
            "save the file as UTF-8 (an editor's 'Save with encoding'), or retype the character \
             at this position",
        )
    })
}

/// The text of a UTF-16 file with a byte-order mark, or the first unpaired surrogate;
/// `None` without the mark.
fn utf16(bytes: &[u8]) -> Option<Result<String, u16>> {
    let (little, rest) = match bytes {
        [0xff, 0xfe, rest @ ..] => (true, rest),
        [0xfe, 0xff, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.map_err(|e| e.unpaired_surrogate()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located_at_its_line_and_column() {
        let bytes = b"- name: A\n- name: B\xe9b\n".to_vec();
        let error = decode(Path::new("content/actors.yaml"), bytes).unwrap_err();
        assert_eq!((error.line, error.column), (Some(2), Some(10)), "{error}");
        assert!(error.message.contains("0xe9"), "{error}");
    }

    #[test]
    fn byte_order_marks_and_utf16_are_decoded() {
        let shown = Path::new("x.md");
        assert_eq!(decode(shown, b"\xef\xbb\xbfhi".to_vec()).unwrap(), "hi");
        let little: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("t\u{e9}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(shown, little).unwrap(), "t\u{e9}");
        let big: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("ok".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(shown, big).unwrap(), "ok");
        assert!(
            decode(shown, vec![0xff, 0xfe, 0x00, 0xd8]).is_err(),
            "lone surrogate"
        );
    }
}
