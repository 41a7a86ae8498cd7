//! `sitemap.xml` and `robots.txt`. The sitemap protocol wants absolute URLs, so they are absolute
//! when the book has a `base_url`; without one the locations are relative to the sitemap (which
//! search engines ignore, but the file stays useful as a list of pages) and `robots.txt` cannot
//! name the sitemap.

use std::fmt::Write as _;

use super::feeds::{escape_xml, first_day};
use super::{Output, Page};
use crate::link::LinkedBook;

/// `sitemap.xml` listing every page but the 404 page; articles carry their date as `lastmod`.
pub fn sitemap(linked: &LinkedBook, base_url: Option<&str>, pages: &[Page]) -> Output {
    let mut xml = String::with_capacity(128 + pages.len() * 96);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for &page in pages {
        if page == Page::NotFound {
            continue;
        }
        let folder = page.folder(linked);
        let location = match (base_url, folder.is_empty()) {
            (Some(base), _) => format!("{base}{folder}"),
            (None, true) => "./".to_string(),
            (None, false) => folder,
        };
        let _ = write!(xml, "  <url><loc>{}</loc>", escape_xml(&location));
        if let Page::Article(i) = page {
            if let Some(date) = &linked.article(i).front.date {
                let _ = write!(
                    xml,
                    "<lastmod>{}</lastmod>",
                    first_day(date).format("%Y-%m-%d")
                );
            }
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Output {
        path: "sitemap.xml".to_string(),
        bytes: xml.into_bytes(),
    }
}

/// `robots.txt`: everything may be crawled; names the sitemap when its address is known.
pub fn robots(base_url: Option<&str>) -> Output {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base_url {
        let _ = writeln!(text, "\nSitemap: {base}sitemap.xml");
    }
    Output {
        path: "robots.txt".to_string(),
        bytes: text.into_bytes(),
    }
}
