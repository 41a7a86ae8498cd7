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
    /// Leave articles with open review items (`review:` in their front matter) out of the built
    /// site; the preview still shows them.
    pub hold_unreviewed: bool,
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
            hold_unreviewed: false,
            book_paper: BookPaper::A4,
            strings: std::collections::BTreeMap::new(),
        }
    }
}

impl Config {
    /// Parses the text of `briefbook.toml`, locating errors by line and column.
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let mut diagnostic = Diagnostic::error(CONFIG_FILE, e.message().to_string())
                .with_hint("see the README's `briefbook.toml` section for the accepted keys");
            if let Some(span) = e.span() {
                let (line, column) = crate::error::line_column(text, span.start);
                diagnostic = diagnostic.at(line, Some(column));
            }
            diagnostic
        })?;
        if let Some(url) = &config.base_url {
            if let Err(problem) = check_base_url(url) {
                let mut diagnostic = Diagnostic::error(CONFIG_FILE, problem).with_hint(
                    "write the full address, e.g. base_url = \"https://example.org/book/\"",
                );
                if let Some(line) = key_line(text, "base_url") {
                    diagnostic = diagnostic.at(line, Some(1));
                }
                return Err(diagnostic);
            }
        }
        Ok(config)
    }

    /// The base URL with exactly one trailing slash, if set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|url| format!("{}/", url.trim_end_matches('/')))
    }
}

/// Feeds, the sitemap and citations print `base_url` as the start of every absolute link, so
/// anything but a full `http(s)://host/…` address would publish links that lead nowhere.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|e| {
        format!("`base_url = \"{url}\"` is not an absolute URL ({e}); it must start with https:// or http://")
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!(
            "`base_url = \"{url}\"` must be an http:// or https:// address, not {}:",
            parsed.scheme()
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("`base_url = \"{url}\"` names no host"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!(
            "`base_url = \"{url}\"` must not carry a query (?) or fragment (#)"
        ));
    }
    Ok(())
}

/// The 1-based line where `key = …` is set in a TOML text.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// A folder is a book when it holds `briefbook.toml` or a `content/` folder. `build`, `check`
/// and `serve` refuse any other folder rather than write an empty site from it.
pub fn ensure_book(root: &Path) -> Result<(), crate::error::Error> {
    if root.join(CONFIG_FILE).is_file() || root.join("content").is_dir() {
        return Ok(());
    }
    Err(crate::error::Error::NotABook {
        root: root.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_must_be_an_absolute_web_address() {
        for good in [
            "https://example.org/book/",
            "http://localhost:8080/",
            "https://a.b",
        ] {
            assert!(check_base_url(good).is_ok(), "{good}");
        }
        for bad in [
            "example.com",
            "example.com/book",
            "/book/",
            "ftp://example.org/",
            "javascript:alert(1)",
            "https://example.org/?x=1",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_bad_base_url_in_the_config_is_placed_on_its_line() {
        let error = Config::parse("title = \"T\"\n\nbase_url = \"example.com\"\n").unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(error.message.contains("example.com"), "{}", error.message);
    }

    #[test]
    fn a_folder_without_config_or_content_is_no_book() {
        let dir = tempfile::tempdir().unwrap();
        let error = ensure_book(dir.path()).unwrap_err().to_string();
        assert!(
            error.contains("holds no book") && error.contains("briefbook init"),
            "{error}"
        );
        std::fs::create_dir(dir.path().join("content")).unwrap();
        assert!(ensure_book(dir.path()).is_ok());
    }
}
