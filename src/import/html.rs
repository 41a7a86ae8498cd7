//! HTML: extracts the article from a saved web page with a readability port (dom_smoothie), keeping
//! the page's own metadata — title, byline, site name, publication time, canonical URL — as hints.

use std::sync::LazyLock;

use dom_smoothie::{Config, ParsePolicy, Readability, TextMode};
use regex::Regex;

use super::PageHints;

static CANONICAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<link[^>]+rel=["']canonical["'][^>]*href=["'](?P<a>[^"']+)["']|<link[^>]+href=["'](?P<b>[^"']+)["'][^>]*rel=["']canonical["']|<meta[^>]+property=["']og:url["'][^>]*content=["'](?P<c>[^"']+)["']"#).unwrap()
});

/// The article's text (paragraphs separated by blank lines) and the page's metadata.
pub(crate) fn extract(page: &str) -> Result<(String, PageHints), String> {
    let config = || Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let parsed = Readability::new(page, None, Some(config()))
        .and_then(|mut r| r.parse())
        .or_else(|_| {
            Readability::new(page, None, Some(config()))
                .and_then(|mut r| r.parse_with_policy(ParsePolicy::Raw))
        })
        .map_err(|e| format!("no article found in the page ({e})"))?;

    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let canonical = CANONICAL.captures(page).and_then(|c| {
        ["a", "b", "c"]
            .iter()
            .find_map(|n| c.name(n))
            .map(|m| html_escape_free(m.as_str()))
    });
    let hints = PageHints {
        title: non_empty(Some(parsed.title.clone())),
        byline: non_empty(parsed.byline.clone()),
        site_name: non_empty(parsed.site_name.clone()),
        published: non_empty(parsed.published_time.clone()),
        url: non_empty(parsed.url.clone())
            .or(canonical)
            .filter(|u| u.starts_with("http")),
    };
    let text = parsed.text_content.to_string();
    if text.trim().is_empty() {
        return Err("the page has no article text".to_string());
    }
    Ok((text, hints))
}

/// Undoes the one entity URLs in attributes commonly carry.
fn html_escape_free(url: &str) -> String {
    url.replace("&amp;", "&")
}
