//! Fingerprint: what makes two imports the same article even when their bytes differ — the words
//! of the imported text (a page fetched twice differs in its ads and clocks, not in its story)
//! and the article's address without the tracking parameters and fragments that vary per link.

use super::write::hash_hex;

/// A hash of the body's words, lower-cased, without punctuation or Markdown: the same story
/// cleaned the same way gives the same fingerprint whatever its file's name, format or chrome.
pub(crate) fn of_body(body: &str) -> String {
    hash_hex(super::fold::words_lower(body).as_bytes())
}

/// Query parameters that only say where a reader came from.
fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || matches!(
            name.as_str(),
            "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "ocid" | "cmpid" | "ref" | "src"
        )
}

/// An address as a key: scheme and host lower-cased, `www.` and the default port dropped, no
/// fragment, no tracking parameters, no trailing slash. `http` and `https` are one address.
pub(crate) fn url_key(url: &str) -> String {
    let url = url.trim();
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| {
            let lower = url.get(..8)?.to_ascii_lowercase();
            if lower.starts_with("https://") {
                url.get(8..)
            } else if lower.starts_with("http://") {
                url.get(7..)
            } else {
                None
            }
        })
        .unwrap_or(url);
    let (authority, path_query) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let host = authority.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host
        .strip_suffix(":80")
        .or_else(|| host.strip_suffix(":443"))
        .unwrap_or(host);
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !is_tracking(p.split('=').next().unwrap_or(p)))
        .collect();
    let mut key = format!("{host}{}", path.trim_end_matches('/'));
    if !kept.is_empty() {
        key.push('?');
        key.push_str(&kept.join("&"));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_words_give_the_same_fingerprint() {
        assert_eq!(
            of_body("Seoul, Feb. 7 -- *Talks* resumed.\n\nMore follows."),
            of_body("SEOUL, FEB. 7 — talks resumed. More follows!")
        );
        assert_ne!(of_body("Talks resumed."), of_body("Talks ended."));
    }

    #[test]
    fn addresses_that_differ_only_in_tracking_are_one_key() {
        let key = url_key("https://www.Example.org/news/a-story/?utm_source=rss&id=4#comments");
        assert_eq!(key, "example.org/news/a-story?id=4");
        assert_eq!(url_key("http://example.org:80/news/a-story?id=4"), key);
        assert_ne!(url_key("https://example.org/news/b-story"), key);
    }
}
