//! Atom feeds: one for the whole book (`atom.xml`) and one per actor, topic and outlet
//! (`actors/<slug>/atom.xml`, …), newest articles first.
//!
//! Links: with a `base_url` every link and id is absolute. Without one, links are relative to the
//! feed's own address (RFC 4287 resolves them against the document URI, so no `xml:base` is
//! needed and the feed works under any sub-path), and ids are `urn:uuid:` names derived from
//! the book title and the page path, so they stay stable across builds.
//! Undated articles are left out: a feed entry needs a date. Output is deterministic: the feed's
//! `updated` is its newest article's date, never the build time.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::context::{ArticleSummary, Shared};
use super::urls::relative_path;
use super::Output;
use crate::error::Error;
use crate::link::{ArticleId, LinkedBook, Taxonomy};
use crate::model::PartialDate;

/// How many entries a feed holds: the newest ones.
pub const FEED_ENTRIES: usize = 50;

/// The feed file name, in the site root and in every actor, topic and outlet folder.
pub const FEED_FILE: &str = "atom.xml";

/// The taxonomies that get a feed per term.
pub const FEED_TAXONOMIES: [Taxonomy; 3] = [Taxonomy::Actor, Taxonomy::Topic, Taxonomy::Outlet];

/// The first day of a partial date's period: `2017-02` → 2017-02-01.
pub fn first_day(date: &PartialDate) -> NaiveDate {
    match *date {
        PartialDate::Day(d) => Some(d),
        PartialDate::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
        PartialDate::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
    }
    .unwrap_or_default()
}

/// Escapes text for XML content and attributes, dropping characters XML 1.0 forbids.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    // Runs of text that need no change are copied whole; only the bytes that may need a change
    // are looked at one by one (ASCII markup and controls, and the lead byte of U+FFFE/U+FFFF).
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let (replacement, len) = match byte {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            // Other controls are not allowed in XML 1.0: left out.
            0..0x20 => ("", 1),
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF), not characters in XML: left out.
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&text[copied..]);
    out
}

/// The entries of a feed over `articles` (chronological): the newest dated ones.
fn feed_entries<'a>(
    linked: &'a LinkedBook,
    articles: &'a [ArticleId],
) -> impl Iterator<Item = ArticleId> + 'a {
    articles
        .iter()
        .rev()
        .copied()
        .filter(|&i| linked.article(i).front.date.is_some())
        .take(FEED_ENTRIES)
}

/// Which articles some feed shows, so that only theirs need an excerpt: at 100,000 articles
/// excerpts of every article would weigh some 30 MB.
pub fn in_feeds(linked: &LinkedBook) -> Vec<bool> {
    let mut shown = vec![false; linked.book.articles.len()];
    let lists = std::iter::once(linked.chronology.as_slice()).chain(
        FEED_TAXONOMIES
            .iter()
            .flat_map(|&t| linked.terms(t).iter().map(|term| term.articles.as_slice())),
    );
    for articles in lists {
        for i in feed_entries(linked, articles) {
            shown[i.index()] = true;
        }
    }
    shown
}

/// Writes every feed of the book through `sink`, on every core.
pub fn feeds(
    linked: &LinkedBook,
    shared: &Shared,
    excerpts: &[String],
    sink: &(dyn Fn(Output) -> Result<(), Error> + Sync),
) -> Result<(), Error> {
    let writer = FeedWriter {
        linked,
        shared,
        excerpts,
    };
    sink(writer.feed("", &shared.site.title, &linked.chronology))?;
    FEED_TAXONOMIES.par_iter().try_for_each(|&taxonomy| {
        linked
            .terms(taxonomy)
            .par_iter()
            .zip(shared.links(taxonomy))
            .try_for_each(|(term, link)| {
                let title = format!("{} · {}", link.name, shared.site.title);
                sink(writer.feed(&link.path, &title, &term.articles))
            })
    })
}

struct FeedWriter<'a> {
    linked: &'a LinkedBook,
    shared: &'a Shared,
    excerpts: &'a [String],
}

impl FeedWriter<'_> {
    /// The feed at `folder` (e.g. `actors/moon-jae-in/`, empty for the root) over `articles`,
    /// given in chronological order.
    fn feed(&self, folder: &str, title: &str, articles: &[ArticleId]) -> Output {
        let linked = self.linked;
        let dated: Vec<ArticleId> = feed_entries(linked, articles).collect();
        let updated = dated
            .iter()
            .filter_map(|&i| linked.article(i).front.date.as_ref().map(first_day))
            .max()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp);
        let site = &self.shared.site;
        let mut xml = String::with_capacity(1024 + dated.len() * 800);
        xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        let _ = writeln!(
            xml,
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
            escape_xml(&site.language)
        );
        let _ = writeln!(xml, "  <title>{}</title>", escape_xml(title));
        if !site.description.is_empty() {
            let _ = writeln!(
                xml,
                "  <subtitle>{}</subtitle>",
                escape_xml(&site.description)
            );
        }
        let _ = writeln!(
            xml,
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            escape_xml(&self.href(folder, &format!("{folder}{FEED_FILE}")))
        );
        let _ = writeln!(
            xml,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape_xml(&self.href(folder, folder))
        );
        let _ = writeln!(xml, "  <id>{}</id>", escape_xml(&self.id(folder)));
        let _ = writeln!(xml, "  <updated>{updated}</updated>");
        let authors: Vec<&str> = if site.editors.is_empty() {
            vec![site.title.as_str()]
        } else {
            site.editors.iter().map(String::as_str).collect()
        };
        for author in authors {
            let _ = writeln!(
                xml,
                "  <author><name>{}</name></author>",
                escape_xml(author)
            );
        }
        let _ = writeln!(
            xml,
            "  <generator version=\"{}\">briefbook</generator>",
            env!("CARGO_PKG_VERSION")
        );
        for i in dated {
            self.entry(&mut xml, folder, i);
        }
        xml.push_str("</feed>\n");
        Output {
            path: format!("{folder}{FEED_FILE}"),
            bytes: xml.into_bytes(),
        }
    }

    fn entry(&self, xml: &mut String, folder: &str, id: ArticleId) {
        let article = self.linked.article(id);
        let summary: &ArticleSummary = self.shared.summary(id);
        let date = article
            .front
            .date
            .as_ref()
            .map(first_day)
            .map(timestamp)
            .unwrap_or_default();
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", escape_xml(&summary.title));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape_xml(&self.href(folder, &summary.path))
        );
        if let Some(url) = article
            .front
            .url
            .as_ref()
            .filter(|u| super::markdown::is_web_url(u))
        {
            let _ = writeln!(xml, "    <link rel=\"via\" href=\"{}\"/>", escape_xml(url));
        }
        let _ = writeln!(xml, "    <id>{}</id>", escape_xml(&self.id(&summary.path)));
        let _ = writeln!(xml, "    <published>{date}</published>");
        let _ = writeln!(xml, "    <updated>{date}</updated>");
        let authors: Vec<&str> = if article.front.byline.is_empty() {
            // No outlet yet: the feed's own author stands for the entry's, as Atom allows.
            Some(summary.outlet_name())
                .filter(|o| !o.is_empty())
                .into_iter()
                .collect()
        } else {
            article.front.byline.iter().map(String::as_str).collect()
        };
        for author in authors {
            let _ = writeln!(
                xml,
                "    <author><name>{}</name></author>",
                escape_xml(author)
            );
        }
        for (taxonomy, links) in [
            (Taxonomy::Topic, &summary.topics),
            (Taxonomy::Actor, &summary.actors),
        ] {
            for link in links {
                let slug = link
                    .path
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or_default();
                let _ = writeln!(
                    xml,
                    "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
                    escape_xml(slug),
                    escape_xml(&link.name),
                    escape_xml(&self.href(folder, &format!("{}/", taxonomy.folder())))
                );
            }
        }
        let text = summary
            .summary
            .as_deref()
            .unwrap_or(self.excerpts[id.index()].as_str());
        if !text.is_empty() {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape_xml(text));
        }
        xml.push_str("  </entry>\n");
    }

    /// A link from the feed in `folder` to the page at `path` (both from the site root).
    fn href(&self, folder: &str, path: &str) -> String {
        match &self.shared.site.base_url {
            Some(base) => format!("{base}{path}"),
            None => relative_path(folder, path),
        }
    }

    /// A permanent, absolute identifier of the page at `path`.
    fn id(&self, path: &str) -> String {
        match &self.shared.site.base_url {
            Some(base) => format!("{base}{path}"),
            None => urn_uuid(&format!("{}\n{path}", self.shared.site.title)),
        }
    }
}

/// `2017-02-07T00:00:00Z`.
fn timestamp(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// A name-based UUID (version 8 layout over SHA-256) for `name`, as a URN.
fn urn_uuid(name: &str) -> String {
    let hash = Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    // Every entry of every feed has one: written digit by digit, not through `format!`.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut urn = String::with_capacity(45);
    urn.push_str("urn:uuid:");
    for (n, byte) in b.iter().enumerate() {
        if matches!(n, 4 | 6 | 8 | 10) {
            urn.push('-');
        }
        urn.push(char::from(HEX[usize::from(byte >> 4)]));
        urn.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    urn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_start_their_period() {
        assert_eq!(
            first_day(&PartialDate::Month {
                year: 2017,
                month: 2
            }),
            NaiveDate::from_ymd_opt(2017, 2, 1).unwrap()
        );
        assert_eq!(
            first_day(&PartialDate::Year(2019)),
            NaiveDate::from_ymd_opt(2019, 1, 1).unwrap()
        );
    }

    #[test]
    fn xml_escaping_covers_markup_and_drops_control_characters() {
        assert_eq!(escape_xml("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(
            escape_xml("Tab\tline\nend\u{FFFE}\u{FFFF}\u{FF01}é–\u{1F}"),
            "Tab\tline\nend\u{FF01}é–"
        );
    }

    #[test]
    fn uuids_are_stable_and_well_formed() {
        let a = urn_uuid("Book\narticles/a/");
        assert_eq!(a, urn_uuid("Book\narticles/a/"));
        assert_ne!(a, urn_uuid("Book\narticles/b/"));
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        // Feed readers know entries by id: the same name must give the same id in every release.
        // (The first 16 bytes of the name's SHA-256, version and variant bits set, as RFC 9562.)
        assert_eq!(a, "urn:uuid:0281b52f-343a-878d-8864-0aa6fc5137b3");
    }
}
