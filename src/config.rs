//! `briefbook.toml`: the book's settings, with defaults so a folder of articles builds without one.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;

/// The file name of a book's configuration, at the book root.
pub const CONFIG_FILE: &str = "briefbook.toml";

/// How the printable book's table of contents is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BookGrouping {
    #[default]
    Topic,
    Year,
}

/// The paper the printed book is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BookPaper {
    #[default]
    A4,
    Letter,
}

/// Settings from `briefbook.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub editors: Vec<String>,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Absolute URL the site is published at; links stay relative, this feeds feeds and sitemaps.
    pub base_url: Option<String>,
    /// Output folder, relative to the book root.
    pub output_dir: PathBuf,
    /// How many articles the home page lists.
    pub latest_count: usize,
    /// Table-of-contents grouping of the printable book.
    pub book_grouping: BookGrouping,
    /// The most articles the printable book puts on one page; a bigger book prints in volumes,
    /// one per table-of-contents group.
    pub book_page_limit: usize,
    /// The most articles one page of a list shows (the timeline; actor, topic, outlet and year
    /// pages); a longer list is split into pages (`timeline/2/`, `actors/x/2/`…).
    pub list_page_limit: usize,
    /// A book with more articles splits its search index into files by word, fetched as a query
    /// needs them; a smaller one ships it whole in `search/filters.json`, one fetch.
    pub search_split_above: usize,
    /// Citation style shown on article pages: `chicago`, `apa` or `mla`.
    pub citation_style: String,
    /// Publish raw HTML and every link scheme from content as written, as Hugo's `unsafe` does.
    /// Off: HTML in content passes an allow-list sanitizer and links may only be http(s),
    /// mailto or relative, so no script from content ever runs in a reader's browser.
    pub allow_unsafe_html: bool,
    /// The printed book's paper: `a4` or `letter`.
    pub book_paper: BookPaper,
    /// Interface strings replacing those of the book's language (keys of
    /// `src/render/i18n/en.toml`), under `[strings]`.
    pub strings: std::collections::BTreeMap<String, String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Briefing book".to_string(),
            description: String::new(),
            editors: Vec::new(),
            language: "en".to_string(),
            base_url: None,
            output_dir: PathBuf::from("public"),
            latest_count: 12,
            book_grouping: BookGrouping::Topic,
            book_page_limit: 1000,
            list_page_limit: 1000,
            search_split_above: 200,
            citation_style: "chicago".to_string(),
            allow_unsafe_html: false,
            book_paper: BookPaper::A4,
            strings: std::collections::BTreeMap::new(),
        }
    }
}

impl Config {
    /// Reads `briefbook.toml` from `root`; a missing file gives the defaults.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Diagnostic::error(CONFIG_FILE, format!("cannot read: {e}"))),
        };
        Config::parse(&text)
    }

    /// Parses the text of `briefbook.toml`, locating errors by line and column.
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        toml::from_str(text).map_err(|e| {
            let mut diagnostic = Diagnostic::error(CONFIG_FILE, e.message().to_string())
                .with_hint("see the README's `briefbook.toml` section for the accepted keys");
            if let Some(span) = e.span() {
                let (line, column) = crate::load::line_column(text, span.start);
                diagnostic = diagnostic.at(line, Some(column));
            }
            diagnostic
        })
    }

    /// The base URL with exactly one trailing slash, if set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|url| format!("{}/", url.trim_end_matches('/')))
    }
}
