//! Feed: reads RSS 2.0, RSS 1.0, Atom and JSON Feed (told apart by their content, parsed by
//! feed-rs) into items — each with the title, date, authors, link and identifier the feed gives,
//! and its full text when the feed carries it, so import can turn each into an article.

/// One article a feed announces.
#[derive(Debug, Clone, Default)]
pub(crate) struct FeedItem {
    /// The feed's identifier of the item (`guid`, Atom `id`); feed-rs makes one when it is absent.
    pub guid: String,
    pub title: Option<String>,
    /// The article's address.
    pub link: Option<String>,
    /// Publication time in the offset the feed wrote it in (RFC 3339).
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// The article's text as HTML, when the feed carries the whole of it.
    pub content: Option<String>,
}

/// A parsed feed: its title (often the outlet's name) and items, in the feed's order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Feed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

/// Whether the text is a feed rather than a page or article text: an `<rss>`, `<feed>` or
/// `<rdf:RDF>` root, or a JSON object naming a JSON Feed version.
pub(crate) fn is_feed(text: &str) -> bool {
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let head = &text[..text.floor_char_boundary(text.len().min(2048))];
    if head.starts_with('{') {
        return head.contains("jsonfeed.org/version");
    }
    if !head.starts_with('<') {
        return false;
    }
    // The first element that is not a declaration, comment or processing instruction.
    let mut rest = head;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with(['?', '!']) {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_'))
            .collect();
        return matches!(name.as_str(), "rss" | "feed" | "rdf:RDF" | "RDF");
    }
    false
}

/// Words a feed's text must have to be taken for the whole article rather than a teaser.
const FULL_TEXT_WORDS: usize = 80;

/// Parses a feed; `base` resolves relative links (the feed's own address when fetched).
pub(crate) fn parse(text: &str, base: Option<&str>) -> Result<Feed, String> {
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(base)
        .build()
        .parse(text.as_bytes())
        .map_err(|e| format!("not a feed that can be read: {e}"))?;
    let raw_dates = raw_dates(text);
    let use_raw = raw_dates.len() == parsed.entries.len();
    let items = parsed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|h| h.starts_with("http://") || h.starts_with("https://"));
            let content = entry
                .content
                .and_then(|c| c.body)
                .filter(|body| word_count(body) >= FULL_TEXT_WORDS)
                .or_else(|| {
                    entry
                        .summary
                        .as_ref()
                        .map(|s| s.content.clone())
                        .filter(|s| word_count(s) >= FULL_TEXT_WORDS)
                });
            // feed-rs keeps times in UTC; the raw text keeps the day the outlet meant.
            let published = use_raw
                .then(|| raw_dates[i].clone())
                .flatten()
                .or_else(|| entry.published.or(entry.updated).map(|d| d.to_rfc3339()));
            FeedItem {
                guid: entry.id,
                title: entry.title.map(|t| t.content.trim().to_string()),
                link,
                published,
                authors: entry
                    .authors
                    .into_iter()
                    .filter_map(|p| p.name.map(|n| n.trim().to_string()))
                    .filter(|n| !n.is_empty())
                    .collect(),
                content,
            }
        })
        .collect();
    Ok(Feed {
        title: parsed.title.map(|t| t.content.trim().to_string()),
        items,
    })
}

fn word_count(html: &str) -> usize {
    let mut in_tag = false;
    let mut words = 0;
    let mut in_word = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if in_tag => {}
            c if c.is_alphanumeric() => {
                if !in_word {
                    words += 1;
                }
                in_word = true;
                continue;
            }
            _ => {}
        }
        in_word = false;
    }
    words
}

/// Each item's publication time as the feed wrote it (RFC 3339 with its own offset), in item
/// order: `<pubDate>`, `<published>`, `<dc:date>` or `<updated>` of each `<item>`/`<entry>`,
/// or `date_published` of each JSON Feed item.
fn raw_dates(text: &str) -> Vec<Option<String>> {
    if text.trim_start().starts_with('{') {
        let json: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        return json["items"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|item| {
                        item["date_published"]
                            .as_str()
                            .or(item["date_modified"].as_str())
                            .and_then(rfc3339_keeping_offset)
                    })
                    .collect()
            })
            .unwrap_or_default();
    }
    let mut dates = Vec::new();
    let mut rest = text;
    while let Some(start) = next_item(rest) {
        let block = &rest[start..];
        let end = ["</item>", "</entry>"]
            .iter()
            .filter_map(|close| block.find(close))
            .min()
            .unwrap_or(block.len());
        let item = &block[..end];
        let date = ["pubDate", "published", "dc:date", "updated"]
            .iter()
            .find_map(|tag| element_text(item, tag))
            .and_then(|raw| rfc3339_keeping_offset(&raw));
        dates.push(date);
        rest = &block[end..];
    }
    dates
}

fn next_item(text: &str) -> Option<usize> {
    ["<item>", "<item ", "<entry>", "<entry "]
        .iter()
        .filter_map(|open| text.find(open))
        .min()
}

fn element_text(block: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let at = block.find(&open)?;
    let after = &block[at + open.len()..];
    if !after.starts_with(['>', ' ']) {
        return None;
    }
    let body = &after[after.find('>')? + 1..];
    let end = body.find('<')?;
    Some(body[..end].trim().to_string())
}

/// RFC 2822 or RFC 3339 time as RFC 3339 in the offset it was written in.
fn rfc3339_keeping_offset(raw: &str) -> Option<String> {
    let raw = raw.trim();
    chrono::DateTime::parse_from_rfc3339(raw)
        .or_else(|_| chrono::DateTime::parse_from_rfc2822(raw))
        .ok()
        .map(|d| d.to_rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_told_from_pages_by_their_root() {
        assert!(is_feed(
            "<?xml version=\"1.0\"?>\n<!-- x -->\n<rss version=\"2.0\">"
        ));
        assert!(is_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(is_feed(
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"
        ));
        assert!(!is_feed(
            "<!DOCTYPE html><html><body>rss feed</body></html>"
        ));
        assert!(!is_feed("[{\"title\": \"a CSL item\"}]"));
    }

    #[test]
    fn a_broken_feed_is_refused_with_a_reason() {
        let message = parse("<rss version=\"2.0\"><channel><item>", None).unwrap_err();
        assert!(
            message.starts_with("not a feed that can be read"),
            "{message}"
        );
    }

    #[test]
    fn a_teaser_is_not_taken_for_the_article() {
        let words = "word ".repeat(FULL_TEXT_WORDS);
        let rss = format!(
            "<rss version=\"2.0\"><channel><title>T</title>\
             <item><title>Teaser</title><link>https://example.org/a</link>\
             <description>Only a few words.</description></item>\
             <item><title>Whole</title><link>https://example.org/b</link>\
             <description>&lt;p&gt;{words}&lt;/p&gt;</description></item></channel></rss>"
        );
        let feed = parse(&rss, None).unwrap();
        assert!(feed.items[0].content.is_none());
        assert!(feed.items[1]
            .content
            .as_deref()
            .unwrap()
            .contains("word word"));
    }

    #[test]
    fn an_rss_date_keeps_the_day_the_outlet_wrote() {
        let rss = "<rss version=\"2.0\"><channel><title>Desk</title>\
            <item><title>Late story</title><link>https://example.org/a</link>\
            <guid>a-1</guid><pubDate>Mon, 07 Dec 2026 23:30:00 -0500</pubDate></item>\
            </channel></rss>";
        let feed = parse(rss, None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Desk"));
        let item = &feed.items[0];
        assert_eq!(item.guid, "a-1");
        assert_eq!(item.published.as_deref(), Some("2026-12-07T23:30:00-05:00"));
        assert_eq!(item.link.as_deref(), Some("https://example.org/a"));
        assert!(item.content.is_none(), "no text: the link is fetched");
    }
}
