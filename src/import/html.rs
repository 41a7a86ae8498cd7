//! HTML: extracts the article from a saved web page with a readability port (dom_smoothie), keeping
//! the page's own metadata — title, byline, site name, publication time, canonical URL — as hints.

use dom_smoothie::{Config, ParsePolicy, Readability, TextMode};

use super::page_meta::PageMeta;
use super::PageHints;

/// The article's text (paragraphs separated by blank lines) and the page's metadata.
pub(crate) fn extract(page: &str) -> Result<(String, PageHints), String> {
    let config = || Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let document = dom_query::Document::from(page);
    let meta = PageMeta::read(&document);
    let parsed = Readability::with_document(document, None, Some(config()))
        .and_then(|mut r| r.parse())
        .or_else(|_| {
            Readability::new(page, None, Some(config()))
                .and_then(|mut r| r.parse_with_policy(ParsePolicy::Raw))
        })
        .map_err(|e| format!("no article found in the page ({e})"))?;

    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    // The page's declared metadata first; Readability's own guesses only fill the gaps.
    let byline = (!meta.authors.is_empty()).then(|| meta.authors.join(", "));
    let hints = PageHints {
        title: meta.title.or_else(|| non_empty(Some(parsed.title.clone()))),
        byline: byline
            .or_else(|| non_empty(parsed.byline.clone()))
            .or_else(|| (!meta.loose_authors.is_empty()).then(|| meta.loose_authors.join(", "))),
        site_name: meta
            .site_name
            .or_else(|| non_empty(parsed.site_name.clone())),
        published: meta
            .published
            .or_else(|| non_empty(parsed.published_time.clone())),
        url: meta
            .url
            .or_else(|| non_empty(parsed.url.clone()))
            .filter(|u| u.starts_with("http")),
    };
    let text = parsed.text_content.to_string();
    if text.trim().is_empty() {
        return Err("the page has no article text".to_string());
    }
    Ok((text, hints))
}
