//! Markdown: writes the body so that it renders as the text it is — nothing in a scraped article
//! (`<script>`, `*`, `[1]`, a line starting `1.` or `#`) may turn into markup.

use super::doc::Block;
use super::Figure;

/// The body: paragraphs separated by blank lines, captions in italics, a saved page's images as
/// Markdown images (alt text kept) with their caption in italics under them.
pub(crate) fn body(blocks: &[Block], figures: &[Figure]) -> String {
    let mut out = String::new();
    for block in blocks {
        let text = block.text().trim();
        if text.is_empty() && !matches!(block, Block::Figure(..)) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Para(_) => out.push_str(&escape(text)),
            Block::Caption(_) => {
                out.push('*');
                out.push_str(&escape(text));
                out.push('*');
            }
            Block::Figure(n, _) => {
                let Some(figure) = figures.get(*n) else {
                    continue;
                };
                out.push_str("![");
                out.push_str(&escape(&figure.alt));
                out.push_str("](<");
                out.push_str(&link_destination(&figure.src));
                out.push_str(">)");
                if !figure.caption.is_empty() {
                    out.push_str("\\\n*");
                    out.push_str(&escape(&figure.caption));
                    out.push('*');
                }
            }
        }
        out.push('\n');
    }
    out
}

/// An image address as a CommonMark `<…>` link destination: `<`, `>`, line breaks and spaces
/// percent-encoded, so no address can end the destination early or smuggle in markup.
fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes one paragraph of plain text for CommonMark (and the usual extensions).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    // Every character that needs a backslash is ASCII, so runs between them are copied whole;
    // each byte is looked up once in a table, and most are none of them.
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        if !MAY_ESCAPE[usize::from(b)] {
            continue;
        }
        let escaped = b != b'&' || entity_follows(&text[i + 1..]);
        if escaped {
            out.push_str(&text[run..i]);
            out.push('\\');
            run = i;
        }
    }
    out.push_str(&text[run..]);
    escape_block_start(out)
}

/// The bytes [`escape`] gives a backslash: Markdown's inline markers always, an ampersand when
/// an entity's name follows it.
static MAY_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let marks = b"\\`*_[]<>|~$^&";
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    table
};

/// `&amp;`, `&#39;`: an ampersand HTML would read as the start of an entity.
fn entity_follows(rest: &str) -> bool {
    let name = rest
        .bytes()
        .take(33)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

/// Markers that only mean something at the start of a block: headings, lists, rules, definitions.
fn escape_block_start(text: String) -> String {
    let first = text.chars().next();
    let second = text.chars().nth(1);
    let marker = matches!(first, Some('#' | ':' | '+' | '-' | '='))
        && (second.is_none_or(|c| c == ' ' || c == first.unwrap_or(' ') || first == Some('#')));
    if marker {
        return format!("\\{text}");
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after: Vec<char> = text.chars().skip(digits).take(2).collect();
        if matches!(after.first(), Some('.' | ')')) && after.get(1).is_none_or(|c| *c == ' ') {
            let mut escaped = text.clone();
            escaped.insert(digits, '\\');
            return escaped;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_markdown_syntax_are_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape("a *b* [c](d)"), "a \\*b\\* \\[c\\](d)");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("---"), "\\---");
        assert_eq!(escape("AT&T &amp; co"), "AT&T \\&amp; co");
        assert_eq!(escape("2017. It was"), "2017\\. It was");
    }
}
