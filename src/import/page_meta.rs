//! Page metadata: what a saved web page says about itself in structured form — JSON-LD, OpenGraph,
//! `<meta>` names (Dublin Core, Highwire `citation_*`, Parse.ly, Sailthru), microdata `itemprop`,
//! `<time datetime>` and the canonical link — read before any guess from the visible text.
//!
//! The precedence of every field is written down once, in the `*_KEYS` tables below (first wins),
//! the way Zotero's "Embedded Metadata" translator and Mozilla Readability order theirs:
//! publisher-declared article metadata (JSON-LD) and OpenGraph first, library-style tags after,
//! loose page elements (`<time>`, `<h1>`, `<title>`) last.

use dom_query::Document;
use serde_json::Value;

/// Everything the page declares about its article; each field is the first non-empty candidate in
/// its precedence order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMeta {
    /// The headline; see [`PageMeta::headline`] for how JSON-LD, `og:title` and `<h1>` are weighed.
    pub title: Option<String>,
    /// The authors the page declares (JSON-LD, `<meta>`), in page order, without duplicates.
    pub authors: Vec<String>,
    /// Authors marked up in the page body (`itemprop=author`, `rel=author`): weaker evidence,
    /// used after Readability's own byline search.
    pub loose_authors: Vec<String>,
    /// The site or publisher name (`og:site_name`, JSON-LD `publisher.name`, …).
    pub site_name: Option<String>,
    /// The publication timestamp as written (ISO 8601 or RFC 2822); never the modified time.
    pub published: Option<String>,
    /// The page's own address: canonical link, `og:url`, JSON-LD `url`.
    pub url: Option<String>,
}

/// `<meta>` keys (`property`, `name` or `itemprop`, lower-cased) in order of trust.
const TITLE_KEYS: &[&str] = &[
    "og:title",
    "twitter:title",
    "citation_title",
    "dc.title",
    "dcterms.title",
    "sailthru.title",
    "parsely-title",
    "headline",
];
const SITE_KEYS: &[&str] = &[
    "og:site_name",
    "application-name",
    "citation_journal_title",
    "citation_publisher",
    "dc.publisher",
    "dcterms.publisher",
    "publisher",
    "cre",
];
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "citation_publication_date",
    "citation_online_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published-date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.modified",
];
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "citation_author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "twitter:creator",
];
/// Keys whose every occurrence is an author (`citation_author` is repeated once per author).
const REPEATED_AUTHOR_KEYS: &[&str] = &["citation_author", "dc.creator", "dcterms.creator"];

/// JSON-LD `@type`s that describe the article itself (schema.org's `Article` family).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "Report",
    "SocialMediaPosting",
];

/// The address a browser or a saving extension wrote into the page when it was saved:
/// `<!-- saved from url=(0056)https://… -->` (browsers' "Save page as") or SingleFile's
/// `url: https://…` comment. The page's own canonical link outranks it.
pub(crate) fn saved_from_url(page: &str) -> Option<String> {
    let head = &page[..page.floor_char_boundary(page.len().min(4096))];
    let start = head
        .find("saved from url=(")
        .and_then(|at| head[at..].find(')').map(|close| at + close + 1))
        .or_else(|| {
            let at = head.find("Page saved with SingleFile")?;
            head[at..].find("url: ").map(|u| at + u + 5)
        })?;
    let url: String = head[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let url = url.trim_end_matches("-->").to_string();
    (url.starts_with("http://") || url.starts_with("https://")).then_some(url)
}

/// When SingleFile saved the page, from its comment (` saved date: Mon May 06 2024 10:22:11
/// GMT+0200 (…)`): `2024-05-06T10:22:11` in the saver's own clock, or the day alone when the
/// comment gives no time.
pub(crate) fn saved_at(page: &str) -> Option<String> {
    let head = &page[..page.floor_char_boundary(page.len().min(4096))];
    let at = head.find("Page saved with SingleFile")?;
    let rest = &head[at..];
    let stamp = &rest[rest.find("saved date: ")? + "saved date: ".len()..];
    let stamp = stamp.lines().next()?.trim();
    let words: Vec<&str> = stamp.split_whitespace().collect();
    let day = chrono::NaiveDate::parse_from_str(&words.get(..4)?.join(" "), "%a %b %d %Y").ok()?;
    let time = words
        .get(4)
        .and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S").ok());
    Some(match time {
        Some(time) => day.and_time(time).format("%Y-%m-%dT%H:%M:%S").to_string(),
        None => day.format("%Y-%m-%d").to_string(),
    })
}

impl PageMeta {
    /// Reads the page's metadata from its parsed document.
    pub fn read(doc: &Document) -> PageMeta {
        let metas = meta_tags(doc);
        let ld = json_ld(doc);
        let get = |keys: &[&str]| -> Option<String> {
            keys.iter().find_map(|key| {
                metas
                    .iter()
                    .find(|(k, v)| k == key && !v.is_empty())
                    .map(|(_, v)| v.clone())
            })
        };

        let h1 = doc
            .select("h1")
            .iter()
            .map(|h| squash(&h.text()))
            .find(|t| !t.is_empty());
        let og_title = get(&["og:title"]);
        let tab_title = Some(squash(&doc.select("head title").text())).filter(|t| !t.is_empty());
        let title = headline(
            ld.headline.as_deref(),
            &[og_title.as_deref(), h1.as_deref(), tab_title.as_deref()],
        )
        .or_else(|| get(TITLE_KEYS));

        let mut authors: Vec<String> = ld.authors.clone();
        for key in AUTHOR_KEYS {
            let values = metas.iter().filter(|(k, v)| k == key && !v.is_empty());
            let repeated = REPEATED_AUTHOR_KEYS.contains(key);
            for (_, v) in values.take(if repeated { 20 } else { 1 }) {
                if !authors.is_empty() && !repeated {
                    break;
                }
                push_author(&mut authors, v);
            }
            if !authors.is_empty() {
                break;
            }
        }
        let mut loose_authors = Vec::new();
        if authors.is_empty() {
            for node in doc.select("[itemprop=author], [rel=author]").iter() {
                let name = node
                    .select("[itemprop=name]")
                    .iter()
                    .next()
                    .map(|n| n.attr("content").unwrap_or_else(|| n.text()).to_string())
                    .unwrap_or_else(|| node.text().to_string());
                push_author(&mut loose_authors, &name);
            }
        }

        let published = ld
            .published
            .clone()
            .or_else(|| get(PUBLISHED_KEYS))
            .or_else(|| {
                doc.select("time[pubdate], time[itemprop=datePublished]")
                    .iter()
                    .find_map(|t| t.attr("datetime").map(|d| d.trim().to_string()))
                    .filter(|d| !d.is_empty())
            })
            .or_else(|| ld.created.clone());

        let canonical = doc
            .select("link[rel=canonical]")
            .iter()
            .find_map(|l| l.attr("href").map(|h| h.trim().to_string()))
            .filter(|h| h.starts_with("http"));
        let url = canonical
            .or_else(|| get(&["og:url"]).filter(|u| u.starts_with("http")))
            .or_else(|| ld.url.clone());

        PageMeta {
            title,
            authors,
            loose_authors,
            site_name: ld.publisher.clone().or_else(|| get(SITE_KEYS)),
            published,
            url,
        }
    }
}

/// The JSON-LD headline when what the page shows agrees with it (`og:title`, the `<h1>` or the
/// tab's `<title>` contain it, or there is nothing to compare); otherwise the first of what the
/// page shows: sites fill JSON-LD from a CMS field (an SEO headline, a teaser) that readers never
/// see. `shown` is `og:title`, `<h1>`, `<title>`; the `<h1>` alone is often the site's logo, so it
/// stands in only when the tab's title contains it.
fn headline(ld: Option<&str>, shown: &[Option<&str>; 3]) -> Option<String> {
    let key = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let [og, h1, tab] = *shown;
    if let Some(ld) = ld.filter(|s| !s.is_empty()) {
        let k = key(ld);
        let agrees = |other: Option<&str>| other.is_some_and(|o| key(o).contains(&k));
        if shown.iter().all(Option::is_none) || agrees(og) || agrees(h1) || agrees(tab) {
            return Some(ld.to_string());
        }
    }
    let h1_confirmed = h1.filter(|h| {
        let k = key(h);
        k.len() >= 12 && tab.is_some_and(|t| key(t).contains(&k))
    });
    og.or(h1_confirmed)
        .or(ld)
        .map(str::to_string)
        .filter(|s| !s.is_empty())
}

/// Every `<meta>` with content, keyed by its lower-cased `property`, `name` or `itemprop`; microdata
/// `itemprop` on other elements (`<span itemprop="datePublished" content=…>`) counts too.
fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for node in doc.select("meta[content], [itemprop][content]").iter() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = squash(&decode_entities(&content));
        for attr in ["property", "name", "itemprop"] {
            if let Some(key) = node.attr(attr) {
                // `property="og:title article:title"` is legal RDFa: one value per key.
                for key in key.split_whitespace() {
                    out.push((key.to_ascii_lowercase(), content.clone()));
                }
            }
        }
    }
    out
}

/// The article object of the page's JSON-LD, wherever it sits (`@graph`, arrays, nested).
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    published: Option<String>,
    /// `dateCreated`: ranked below the `<meta>` publication times.
    created: Option<String>,
    url: Option<String>,
}

fn json_ld(doc: &Document) -> LinkedData {
    let mut found = LinkedData::default();
    for script in doc.select(r#"script[type="application/ld+json"]"#).iter() {
        let text = script.text();
        let text = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let mut articles = Vec::new();
        collect_articles(&value, &mut articles, 0);
        for article in articles {
            merge_article(article, &mut found);
        }
        if found.headline.is_some() && found.published.is_some() {
            break;
        }
    }
    found
}

fn collect_articles<'v>(value: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_articles(item, out, depth + 1);
            }
        }
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if is_article {
                out.push(value);
            }
            if let Some(graph) = map.get("@graph") {
                collect_articles(graph, out, depth + 1);
            }
            if let Some(main) = map.get("mainEntity") {
                collect_articles(main, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn merge_article(article: &Value, found: &mut LinkedData) {
    let text = |key: &str| -> Option<String> {
        match article.get(key)? {
            Value::String(s) => Some(squash(&decode_entities(s))).filter(|s| !s.is_empty()),
            Value::Array(items) => items
                .iter()
                .find_map(|v| v.as_str())
                .map(|s| squash(&decode_entities(s))),
            _ => None,
        }
    };
    if found.headline.is_none() {
        found.headline = text("headline").or_else(|| text("name"));
    }
    if found.published.is_none() {
        found.published = text("datePublished");
    }
    if found.created.is_none() {
        found.created = text("dateCreated");
    }
    if found.url.is_none() {
        found.url = text("url")
            .or_else(|| match article.get("mainEntityOfPage") {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Object(m)) => m.get("@id").and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
            .filter(|u| u.starts_with("http"));
    }
    if found.publisher.is_none() {
        found.publisher = match article.get("publisher") {
            Some(Value::Object(m)) => m.get("name").and_then(Value::as_str).map(squash),
            Some(Value::Array(items)) => items
                .iter()
                .find_map(|p| p.get("name").and_then(Value::as_str))
                .map(squash),
            Some(Value::String(s)) => Some(squash(s)),
            _ => None,
        }
        .filter(|s| !s.is_empty());
    }
    if found.authors.is_empty() {
        let mut push = |v: &Value| match v {
            Value::String(s) => push_author(&mut found.authors, s),
            Value::Object(m) => {
                if let Some(name) = m.get("name").and_then(Value::as_str) {
                    push_author(&mut found.authors, name);
                }
            }
            _ => {}
        };
        match article.get("author").or_else(|| article.get("creator")) {
            Some(Value::Array(items)) => items.iter().for_each(&mut push),
            Some(v) => push(v),
            None => {}
        }
    }
}

/// Adds an author name unless it is a URL, a handle, a user id or already there; a URL after the
/// name (`Bradley M. Kuhn (http://…)`) is dropped.
fn push_author(authors: &mut Vec<String>, name: &str) {
    let name = squash(&decode_entities(name));
    let name = match name.find(['(', '<']) {
        Some(at) if name[at..].contains("://") || name[at..].contains('@') => {
            name[..at].trim().to_string()
        }
        _ => name,
    };
    let looks_like_name = !name.is_empty()
        && !name.contains("://")
        && !name.chars().any(|c| c.is_ascii_digit())
        && !name.starts_with('@')
        && !name.starts_with("www.")
        && name.chars().any(char::is_alphabetic)
        && name.chars().count() <= 120;
    if looks_like_name && !authors.iter().any(|a| a.eq_ignore_ascii_case(&name)) {
        authors.push(name);
    }
}

/// Collapses runs of whitespace and trims.
pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Undoes the entities sites double-encode into attribute values and JSON strings (`&amp;#8217;`).
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[..rest.floor_char_boundary(12)].find(';');
        let decoded = end.and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_ampersand_before_a_wide_character_decodes_without_panic() {
        assert_eq!(super::decode_entities("a &éééééé; b"), "a &éééééé; b");
        assert_eq!(super::decode_entities("Q&amp;A"), "Q&A");
    }

    use super::*;

    fn meta(html: &str) -> PageMeta {
        PageMeta::read(&Document::from(html))
    }

    #[test]
    fn json_ld_in_a_graph_outranks_meta_tags() {
        let page = r#"<html><head>
            <meta property="article:published_time" content="2020-01-19T23:00:00-05:00">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Example"},
              {"@type":["NewsArticle"],"headline":"Ministers meet in Oslo",
               "datePublished":"2020-01-20T06:05:18.000Z",
               "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Ek"}],
               "publisher":{"@type":"Organization","name":"The Daily Example"}}]}</script>
            </head><body><h1>Ministers meet in Oslo</h1></body></html>"#;
        let m = meta(page);
        assert_eq!(m.title.as_deref(), Some("Ministers meet in Oslo"));
        assert_eq!(m.published.as_deref(), Some("2020-01-20T06:05:18.000Z"));
        assert_eq!(m.authors, ["Ann Lee", "Bo Ek"]);
        assert_eq!(m.site_name.as_deref(), Some("The Daily Example"));
    }

    #[test]
    fn a_json_ld_headline_that_neither_og_title_nor_h1_shows_loses() {
        let page = r#"<head><meta property="og:title" content="Storm closes ports">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"SEO teaser text"}</script>
            </head><body><h1>Storm closes ports</h1></body>"#;
        assert_eq!(meta(page).title.as_deref(), Some("Storm closes ports"));
    }

    #[test]
    fn library_tags_time_elements_and_canonical_links() {
        let page = r#"<head><meta name="citation_title" content="On tides">
            <meta name="citation_author" content="Ann Lee"><meta name="citation_author" content="Bo Ek">
            <meta name="DC.publisher" content="Harbour Review">
            <link rel="canonical" href="https://harbour.example/2021/tides">
            <meta property="article:author" content="https://harbour.example/staff/ann"></head>
            <body><time pubdate datetime="2021-03-04">March 4</time></body>"#;
        let m = meta(page);
        assert_eq!(m.title.as_deref(), Some("On tides"));
        assert_eq!(m.authors, ["Ann Lee", "Bo Ek"]);
        assert_eq!(m.site_name.as_deref(), Some("Harbour Review"));
        assert_eq!(m.published.as_deref(), Some("2021-03-04"));
        assert_eq!(m.url.as_deref(), Some("https://harbour.example/2021/tides"));
    }

    #[test]
    fn the_address_a_saved_page_was_saved_from() {
        let page = "<!DOCTYPE html>\n<!-- saved from url=(0047)https://news.example.org/2024/05/06/a-b-c.html -->\n<html>";
        assert_eq!(
            saved_from_url(page).as_deref(),
            Some("https://news.example.org/2024/05/06/a-b-c.html")
        );
        let single = "<!--\n Page saved with SingleFile \n url: https://x.example/a-story \n saved date: Mon May 06 2024\n-->";
        assert_eq!(
            saved_from_url(single).as_deref(),
            Some("https://x.example/a-story")
        );
        assert_eq!(
            saved_from_url("<!-- saved from url=(0014)about:internet -->"),
            None
        );
        assert_eq!(saved_at(single).as_deref(), Some("2024-05-06"));
        let timed = single.replace("2024\n", "2024 10:22:11 GMT+0200 (CEST)\n");
        assert_eq!(saved_at(&timed).as_deref(), Some("2024-05-06T10:22:11"));
        assert_eq!(
            saved_at("<!-- saved from url=(0014)about:internet -->"),
            None
        );
    }

    #[test]
    fn entities_in_attributes_are_decoded() {
        assert_eq!(
            decode_entities("Don&amp;#8217;t &amp; go"),
            "Don&#8217;t & go"
        );
        assert_eq!(decode_entities("Don&#8217;t"), "Don\u{2019}t");
        assert_eq!(decode_entities("A & B"), "A & B");
    }
}
