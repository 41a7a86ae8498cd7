//! HTML: extracts the article from a saved web page with a readability port (dom_smoothie), keeping
//! the page's own metadata — title, byline, site name, publication time, canonical URL — as hints,
//! and the article's images with their alt text and captions, in place, as figures.

use dom_smoothie::{Config, ParsePolicy, Readability, TextMode};

use super::page_meta::{squash, PageMeta};
use super::{Figure, PageHints};

/// Stands for figure `n` in the extracted text, on a line of its own, until the body is written.
pub(crate) fn figure_marker(n: usize) -> String {
    format!("\u{27e6}figure {n}\u{27e7}")
}

/// The figure a line stands for, if it is a marker.
pub(crate) fn figure_of_marker(line: &str) -> Option<usize> {
    line.strip_prefix('\u{27e6}')?
        .strip_suffix('\u{27e7}')?
        .strip_prefix("figure ")?
        .parse()
        .ok()
}

/// Deeper than this, a page's layout is flattened before extraction: no article nests so deep,
/// and readability's scoring walks every ancestor of every paragraph.
const MAX_DEPTH: usize = 256;

/// The article's text (paragraphs separated by blank lines), the page's metadata and, when the
/// page had to be flattened, a warning for the editor.
pub(crate) fn extract(page: &str) -> Result<(String, PageHints, Option<String>), String> {
    let depth = nesting_depth(page);
    let flattened;
    let (page, warning) = if depth > MAX_DEPTH {
        flattened = flatten(page);
        (
            flattened.as_str(),
            Some(format!(
                "the page nests its elements {depth} deep; its layout (div, span, table…) was \
                 removed before extraction, so check the body"
            )),
        )
    } else {
        (page, None)
    };
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
        // A byline's markup spreads it over lines and runs of spaces (`By Jane  Doe\n  Desk`).
        byline: byline
            .or_else(|| non_empty(parsed.byline.clone()))
            .or_else(|| (!meta.loose_authors.is_empty()).then(|| meta.loose_authors.join(", ")))
            .map(|b| b.split_whitespace().collect::<Vec<_>>().join(" ")),
        site_name: meta
            .site_name
            .or_else(|| non_empty(parsed.site_name.clone())),
        published: meta
            .published
            .or_else(|| non_empty(parsed.published_time.clone())),
        url: meta
            .url
            .or_else(|| non_empty(parsed.url.clone()))
            .filter(|u| u.starts_with("http"))
            .or_else(|| super::page_meta::saved_from_url(page)),
        captured: super::page_meta::saved_at(page),
        figures: Vec::new(),
    };
    let (text, figures) = text_and_figures(&parsed.content, hints.url.as_deref());
    let text = if text.trim().is_empty() {
        parsed.text_content.to_string()
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err("the page has no article text".to_string());
    }
    Ok((text, PageHints { figures, ..hints }, warning))
}

/// Elements that never need a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The deepest element nesting of a page, read from its tags in one pass (an estimate: enough
/// to tell a page built to hang a parser from any real one).
fn nesting_depth(page: &str) -> usize {
    let bytes = page.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = memchr_lt(&bytes[i..]) {
        i += at + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| i + n);
                let name = page[i..name_end].to_ascii_lowercase();
                let tag_end = bytes[i..].iter().position(|&b| b == b'>').map(|n| i + n);
                let self_closing = tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
                if !VOID.contains(&name.as_str()) && !self_closing {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            _ => {}
        }
    }
    deepest
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// The page without its layout: every tag goes but those of text blocks, figures and the head
/// (`p`, headings, `li`, `br`, `img`, `figure`, `title`, `meta`…), whose own nesting the parser
/// bounds; text stays, so paragraphs remain for extraction.
fn flatten(page: &str) -> String {
    const KEEP: &[&str] = &[
        "html",
        "head",
        "body",
        "title",
        "meta",
        "link",
        "script",
        "style",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "br",
        "img",
        "figure",
        "figcaption",
        "time",
    ];
    let bytes = page.as_bytes();
    let mut out = String::with_capacity(page.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = memchr_lt(&bytes[i..]) {
        let start = i + at;
        let name_start = start + 1 + usize::from(bytes.get(start + 1) == Some(&b'/'));
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| name_start + n);
        let name = page[name_start..name_end].to_ascii_lowercase();
        i = start + 1;
        let is_tag = bytes
            .get(start + 1)
            .is_some_and(|&b| b == b'/' || b.is_ascii_alphabetic());
        if !is_tag || KEEP.contains(&name.as_str()) {
            continue;
        }
        let Some(end) = bytes[name_end..].iter().position(|&b| b == b'>') else {
            break;
        };
        out.push_str(&page[copied..start]);
        // A line break keeps the text of two blocks apart.
        out.push('\n');
        copied = name_end + end + 1;
        i = copied;
    }
    out.push_str(&page[copied..]);
    out
}

/// The article's text with each figure (an image, its alt text and caption) replaced by a marker
/// line, and the figures in reading order. Images whose address cannot be made absolute (a
/// relative path with no page URL, `data:`) are left out rather than published broken.
fn text_and_figures(content: &str, page_url: Option<&str>) -> (String, Vec<Figure>) {
    let doc = dom_query::Document::from(content);
    let mut figures = Vec::new();
    for selector in ["figure", "img"] {
        for node in doc.select(selector).nodes().to_vec() {
            let img = if selector == "img" {
                Some(node)
            } else {
                dom_query::Selection::from(node)
                    .select("img")
                    .nodes()
                    .first()
                    .cloned()
            };
            let src = img.as_ref().and_then(|i| {
                ["src", "data-src", "data-original"]
                    .iter()
                    .filter_map(|a| i.attr(a))
                    .map(|s| s.trim().to_string())
                    .find(|s| !s.is_empty())
            });
            let src = src.and_then(|s| absolute_url(&s, page_url));
            let Some(src) = src else {
                if selector == "figure" && img.is_some() {
                    node.remove_from_parent();
                }
                continue;
            };
            let alt = img
                .as_ref()
                .and_then(|i| i.attr("alt"))
                .map(|a| squash(&a))
                .unwrap_or_default();
            let caption = if selector == "figure" {
                dom_query::Selection::from(node)
                    .select("figcaption")
                    .nodes()
                    .first()
                    .map(|c| squash(&c.text()))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            node.replace_with_html(format!("<p>{}</p>", figure_marker(figures.len())));
            figures.push(Figure { src, alt, caption });
        }
    }
    let text = doc
        .body()
        .map(|b| b.formatted_text().to_string())
        .unwrap_or_default();
    (text, figures)
}

/// An image address made absolute against the page's URL; `None` for what cannot be shown.
fn absolute_url(src: &str, page_url: Option<&str>) -> Option<String> {
    if src.starts_with("https://") || src.starts_with("http://") {
        return Some(src.to_string());
    }
    if let Some(rest) = src.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    if src.contains(':') {
        // `data:`, `javascript:` and other schemes: never published.
        return None;
    }
    let page = page_url?;
    let scheme_end = page.find("://")? + 3;
    let host_end = page[scheme_end..]
        .find('/')
        .map_or(page.len(), |i| scheme_end + i);
    if src.starts_with('/') {
        return Some(format!("{}{src}", &page[..host_end]));
    }
    let path_end = page[..page.find(['?', '#']).unwrap_or(page.len())]
        .rfind('/')
        .filter(|&i| i >= host_end)
        .map_or(page.len(), |i| i + 1);
    let dir = &page[..path_end];
    let dir = if dir.ends_with('/') {
        dir.to_string()
    } else {
        format!("{dir}/")
    };
    Some(format!("{dir}{src}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_nested_to_hang_the_parser_is_flattened_and_keeps_its_text() {
        assert_eq!(nesting_depth("<div><p>a<br>b<img src=x></p><hr/></div>"), 2);
        let deep = format!(
            "<html><head><title>Deep</title></head><body>{}<p>The text of the article, long \
             enough to be a paragraph the extractor keeps as the story itself.</p>{}</body></html>",
            "<div><span>".repeat(20_000),
            "</span></div>".repeat(20_000)
        );
        assert!(nesting_depth(&deep) > MAX_DEPTH);
        let (text, _, warning) = extract(&deep).unwrap();
        assert!(text.contains("The text of the article"), "{text}");
        assert!(
            warning.is_some_and(|w| w.contains("40003 deep")),
            "the depth is named"
        );
        let flat = flatten("<div class=a><p>One</p><span>two</span></div>");
        assert!(flat.contains("<p>One</p>") && !flat.contains("<div") && flat.contains("two"));
    }

    #[test]
    fn image_addresses_are_made_absolute_and_unsafe_ones_dropped() {
        let page = Some("https://news.example.org/world/2021/story.html?x=1");
        assert_eq!(
            absolute_url("/img/a.jpg", page).as_deref(),
            Some("https://news.example.org/img/a.jpg")
        );
        assert_eq!(
            absolute_url("b.jpg", page).as_deref(),
            Some("https://news.example.org/world/2021/b.jpg")
        );
        assert_eq!(
            absolute_url("//cdn.example.org/c.jpg", None).as_deref(),
            Some("https://cdn.example.org/c.jpg")
        );
        assert_eq!(absolute_url("b.jpg", None), None);
        assert_eq!(absolute_url("javascript:alert(1)", page), None);
        assert_eq!(absolute_url("data:image/png;base64,AAAA", page), None);
    }

    #[test]
    fn figures_leave_a_marker_where_they_stood() {
        let (text, figures) = text_and_figures(
            "<div><p>Before.</p><figure><img src=\"https://x.example/a.jpg\" alt=\"A cat\">\
             <figcaption>The cat, asleep.</figcaption></figure><p>After.</p></div>",
            None,
        );
        assert_eq!(
            figures,
            [Figure {
                src: "https://x.example/a.jpg".into(),
                alt: "A cat".into(),
                caption: "The cat, asleep.".into()
            }]
        );
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["Before.", figure_marker(0).as_str(), "After."]);
        assert_eq!(figure_of_marker(&figure_marker(7)), Some(7));
    }
}
