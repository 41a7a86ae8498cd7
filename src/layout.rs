//! Where a book keeps its files, and how an article file is fenced: shared by import, which
//! writes them, and load, which reads them.

use std::path::Path;

pub const CONTENT_DIR: &str = "content";
pub const ARTICLES_DIR: &str = "content/articles";
pub const ACTORS_FILE: &str = "content/actors.yaml";
pub const TOPICS_FILE: &str = "content/topics.yaml";
pub const OUTLETS_FILE: &str = "content/outlets.yaml";
pub const INTRODUCTION_FILE: &str = "content/index.md";

/// Whether `path` names an article: a visible `.md` file, not an editor's backup or swap file.
pub fn is_article_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".md")
        && !name.starts_with('.')
        && !name.starts_with('#')
        && !name.starts_with('~')
}

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
