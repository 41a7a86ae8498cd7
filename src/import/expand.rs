//! Expand: turns what the editor named — files, web addresses, lists of addresses, feeds and
//! reference libraries — into the articles to import, each a file or a page in memory with the
//! metadata its feed or library gives it. Pages are fetched here (a few at once per host); items
//! already in the book are set aside before anything is fetched for them.

use std::path::{Path, PathBuf};

use super::feed::{self, FeedItem};
use super::fetch::{Fetched, Fetcher};
use super::files::{self, Format};
use super::fingerprint::url_key;
use super::library::{self, LibraryItem};
use super::report::{Outcome, Record};
use super::write::hash_hex;
use super::PageHints;
use crate::model::PartialDate;

/// One article to import.
pub(crate) enum Unit {
    /// A `.txt` or `.html` file, imported as it is.
    File(PathBuf),
    /// A page fetched, or made from a feed's or library's item.
    Page(Box<Page>),
}

/// A page to import from memory.
pub(crate) struct Page {
    /// What the report calls it: the address, or the library file and the item's key.
    pub label: String,
    /// The page's HTML, as UTF-8.
    pub html: String,
    /// Where its source is kept in the book.
    pub origin: Origin,
    /// The feed's or library's metadata, counted as the page's own where the page is silent.
    pub known: PageHints,
    /// A library's record, which outranks the page (the editor curated it).
    pub fixed: Option<LibraryItem>,
    pub fetched: Option<String>,
    pub warning: Option<String>,
    /// A library item without text: written with an empty body, flagged for review.
    pub bare: bool,
}

/// Where a page's source is kept.
pub(crate) enum Origin {
    /// A file (a library's snapshot): kept as other input files are.
    File(PathBuf),
    /// Bytes only in memory: kept under `sources/` with this name.
    Memory(String),
}

/// What the book already holds, as expand needs to know it.
pub(crate) trait Known {
    /// The article already imported from this address or kept source, if any.
    fn article_for(&self, url: Option<&str>, source: &str) -> Option<PathBuf>;
}

/// A page still to fetch, with what is known of it.
struct Pending {
    url: String,
    label: String,
    known: PageHints,
    fixed: Option<LibraryItem>,
    /// Its source's name under `sources/`.
    name: String,
    /// An address the editor named: it may turn out to be a feed.
    named: bool,
}

/// Everything the run asks for, expanded.
pub(crate) struct Expansion {
    pub units: Vec<Unit>,
    /// Inputs settled without importing: failures, and feed items already in the book.
    pub records: Vec<Record>,
}

/// What to expand, from the run's options.
pub(crate) struct Request<'a> {
    pub files: Vec<PathBuf>,
    pub urls: Vec<String>,
    /// Fetch library items that have neither snapshot nor text.
    pub fetch_library: bool,
    /// Import feed and library items even when the book has them (`--force`).
    pub force: bool,
    pub fetcher: &'a Fetcher,
    pub known: &'a dyn Known,
}

pub(crate) fn expand(request: Request<'_>) -> Expansion {
    let mut expander = Expander {
        request: &request,
        out: Expansion {
            units: Vec::new(),
            records: Vec::new(),
        },
        pending: Vec::new(),
        seen: std::collections::HashSet::new(),
    };
    for path in &request.files {
        expander.file(path);
    }
    for url in &request.urls {
        expander.pending.push(Pending {
            url: url.clone(),
            label: url.clone(),
            known: PageHints::default(),
            fixed: None,
            name: source_name(url, url),
            named: true,
        });
    }
    // Named addresses first: a feed among them adds the pages of its items.
    for round in 0..2 {
        let pending = std::mem::take(&mut expander.pending);
        if pending.is_empty() {
            break;
        }
        let urls: Vec<String> = pending.iter().map(|p| p.url.clone()).collect();
        let results = request.fetcher.fetch_all(&urls);
        for (item, result) in pending.into_iter().zip(results) {
            match result {
                Ok(fetched) => expander.fetched(item, fetched, round == 0),
                Err(message) => expander.fail(&item.label, message),
            }
        }
    }
    expander.out
}

struct Expander<'a> {
    request: &'a Request<'a>,
    out: Expansion,
    pending: Vec<Pending>,
    /// Addresses already taken in this run, so a feed listing a story twice imports it once.
    seen: std::collections::HashSet<String>,
}

impl Expander<'_> {
    fn fail(&mut self, label: &str, message: String) {
        self.out.records.push(Record {
            input: PathBuf::from(label),
            output: None,
            outcome: Outcome::Failed(message),
            review: Vec::new(),
            warnings: Vec::new(),
            preview: None,
        });
    }

    /// A file: articles as they are; feeds and libraries (told from their content) item by item.
    fn file(&mut self, path: &Path) {
        let by_extension = matches!(
            path.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("txt" | "html" | "htm" | "xhtml")
        );
        if by_extension {
            self.out.units.push(Unit::File(path.to_path_buf()));
            return;
        }
        let text = match files::read(path).and_then(|bytes| files::decode(&bytes)) {
            Ok((text, _)) => text,
            Err(message) => return self.fail(&path.to_string_lossy(), message),
        };
        let label = path.to_string_lossy().into_owned();
        if feed::is_feed(&text) {
            self.feed(&label, &text, None, None);
        } else if let Some(format) = library::detect(&text) {
            let dir = path.parent().unwrap_or(Path::new("."));
            match library::parse(&text, format, dir) {
                Ok(items) => self.library(&label, items),
                Err(message) => self.fail(&label, message),
            }
        } else if files::format_of(path) == Format::Text {
            self.out.units.push(Unit::File(path.to_path_buf()));
        }
    }

    /// Whether the book (unless `--force`) or this run already has the article; records it as
    /// known if so.
    fn already_known(&mut self, label: &str, url: Option<&str>, name: &str) -> bool {
        let source = format!("{}/{name}", super::keep::SOURCES_DIR);
        let in_book = if self.request.force {
            None
        } else {
            self.request.known.article_for(url, &source)
        };
        if let Some(path) = in_book {
            self.out.records.push(Record {
                input: PathBuf::from(label),
                output: Some(path),
                outcome: Outcome::Known,
                review: Vec::new(),
                warnings: Vec::new(),
                preview: None,
            });
            return true;
        }
        let key = url.map(url_key).unwrap_or_else(|| source.clone());
        if !self.seen.insert(key) {
            // Listed twice in this run (a feed and a named address): imported once.
            self.out.records.push(Record {
                input: PathBuf::from(label),
                output: None,
                outcome: Outcome::Known,
                review: Vec::new(),
                warnings: Vec::new(),
                preview: None,
            });
            return true;
        }
        false
    }

    fn feed(&mut self, label: &str, text: &str, base: Option<&str>, fetched_at: Option<&str>) {
        let parsed = match feed::parse(text, base) {
            Ok(parsed) => parsed,
            Err(message) => return self.fail(label, message),
        };
        if parsed.items.is_empty() {
            return self.fail(label, "the feed lists no items".to_string());
        }
        for item in parsed.items {
            let item_label = item
                .link
                .clone()
                .unwrap_or_else(|| format!("{label}#{}", item.guid));
            let name = source_name(item.link.as_deref().unwrap_or("feed"), &item.guid);
            if self.already_known(&item_label, item.link.as_deref(), &name) {
                continue;
            }
            let known = feed_hints(&item, parsed.title.as_deref());
            match (&item.content, &item.link) {
                (Some(content), _) => self.out.units.push(Unit::Page(Box::new(Page {
                    label: item_label,
                    html: made_page(&known, content),
                    origin: Origin::Memory(name),
                    known,
                    fixed: None,
                    fetched: fetched_at.map(str::to_string),
                    warning: None,
                    bare: false,
                }))),
                (None, Some(link)) => self.pending.push(Pending {
                    url: link.clone(),
                    label: item_label,
                    known,
                    fixed: None,
                    name,
                    named: false,
                }),
                (None, None) => self.fail(
                    &item_label,
                    "the feed gives neither the item's text nor its address".to_string(),
                ),
            }
        }
    }

    fn library(&mut self, label: &str, items: Vec<LibraryItem>) {
        if items.is_empty() {
            return self.fail(label, "the library holds no items".to_string());
        }
        for item in items {
            let item_label = format!("{label}#{}", item.key);
            let identity = format!("{}\n{}", item.key, item.title.as_deref().unwrap_or(""));
            let name = source_name(item.url.as_deref().unwrap_or("library"), &identity);
            if self.already_known(&item_label, item.url.as_deref(), &name) {
                continue;
            }
            let known = library_hints(&item);
            if let Some(snapshot) = item.snapshot.clone() {
                let read = files::read(&snapshot).and_then(|bytes| files::decode(&bytes));
                match read {
                    Ok((html, warning)) => self.out.units.push(Unit::Page(Box::new(Page {
                        label: item_label,
                        html,
                        origin: Origin::File(snapshot),
                        known,
                        fixed: Some(item),
                        fetched: None,
                        warning,
                        bare: false,
                    }))),
                    Err(message) => {
                        self.fail(&item_label, format!("{}: {message}", snapshot.display()))
                    }
                }
                continue;
            }
            match (&item.url, self.request.fetch_library) {
                (Some(url), true) => self.pending.push(Pending {
                    url: url.clone(),
                    label: item_label,
                    known,
                    fixed: Some(item),
                    name,
                    named: false,
                }),
                _ => self.out.units.push(Unit::Page(Box::new(Page {
                    label: item_label,
                    html: made_page(&known, ""),
                    origin: Origin::Memory(name),
                    known,
                    fixed: Some(item),
                    fetched: None,
                    warning: None,
                    bare: true,
                }))),
            }
        }
    }

    /// A fetched address: a page to import, or (for an address the editor named) a feed.
    fn fetched(&mut self, item: Pending, fetched: Fetched, named: bool) {
        if named && item.named && feed::is_feed(&fetched.text) {
            let at = fetched.fetched_at.clone();
            return self.feed(&item.label, &fetched.text, Some(&fetched.url), Some(&at));
        }
        if !fetched.is_html() {
            let what = if fetched.media_type.is_empty() {
                "no content type".to_string()
            } else {
                fetched.media_type.clone()
            };
            return self.fail(
                &item.label,
                format!(
                    "not HTML: the server sent {what}, and only web pages and feeds are imported"
                ),
            );
        }
        // An address named twice (or named and listed by a feed) is imported once; one the
        // book has is imported again, and placed like a file imported again: left alone when
        // unchanged or edited, updated when only its source changed.
        if item.named && !self.seen.insert(url_key(&item.url)) {
            return self.out.records.push(Record {
                input: PathBuf::from(&item.label),
                output: None,
                outcome: Outcome::Known,
                review: Vec::new(),
                warnings: Vec::new(),
                preview: None,
            });
        }
        let mut known = item.known;
        known.url = known.url.or_else(|| Some(fetched.url.clone()));
        self.out.units.push(Unit::Page(Box::new(Page {
            label: item.label,
            html: saved_from(&fetched.url, &fetched.text),
            origin: Origin::Memory(item.name),
            known,
            fixed: item.fixed,
            fetched: Some(fetched.fetched_at),
            warning: fetched.warning,
            bare: false,
        })));
    }
}

/// The name a page's source is kept under: its host and a hash of what identifies it (a feed
/// item's id, or its address), so the same item always maps to the same file.
fn source_name(url: &str, identity: &str) -> String {
    let host = super::outlets::host_of(url)
        .map(|h| h.trim_start_matches("www.").to_string())
        .unwrap_or_else(|| url.to_string());
    let host: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    format!("{host}-{}.html", &hash_hex(identity.as_bytes())[..16])
}

/// The page as fetched, marked with its address as browsers mark a saved page, so importing the
/// kept source again without the network still knows where it came from.
fn saved_from(url: &str, html: &str) -> String {
    format!("<!-- saved from url=({:04}){url} -->\n{html}", url.len())
}

fn feed_hints(item: &FeedItem, feed_title: Option<&str>) -> PageHints {
    PageHints {
        title: item.title.clone(),
        byline: (!item.authors.is_empty()).then(|| item.authors.join(", ")),
        site_name: feed_title.map(str::to_string),
        published: item.published.clone(),
        url: item.link.clone(),
        figures: Vec::new(),
        captured: None,
    }
}

fn library_hints(item: &LibraryItem) -> PageHints {
    PageHints {
        title: item.title.clone(),
        byline: (!item.authors.is_empty()).then(|| item.authors.join(", ")),
        site_name: item.outlet.clone(),
        published: item
            .date
            .as_deref()
            .and_then(PartialDate::parse)
            .map(|d| d.to_string()),
        url: item.url.clone(),
        figures: Vec::new(),
        captured: None,
    }
}

fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A page made from a feed's or library's item: its metadata as the tags a news page carries,
/// and its text (HTML) as the article, so it is imported — and kept — like a saved page.
pub(crate) fn made_page(known: &PageHints, content: &str) -> String {
    let mut head = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n");
    if let Some(title) = &known.title {
        let title = attribute(title);
        head.push_str(&format!(
            "<title>{title}</title>\n<meta property=\"og:title\" content=\"{title}\">\n"
        ));
    }
    let metas = [
        ("property", "og:site_name", &known.site_name),
        ("name", "author", &known.byline),
        ("property", "article:published_time", &known.published),
    ];
    for (kind, name, value) in metas {
        if let Some(value) = value {
            head.push_str(&format!(
                "<meta {kind}=\"{name}\" content=\"{}\">\n",
                attribute(value)
            ));
        }
    }
    if let Some(url) = &known.url {
        head.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            attribute(url)
        ));
    }
    let h1 = known
        .title
        .as_deref()
        .map(|t| format!("<h1>{}</h1>\n", attribute(t)))
        .unwrap_or_default();
    format!("{head}</head>\n<body><article>\n{h1}{content}\n</article></body></html>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_name_is_the_same_for_the_same_item() {
        let a = source_name("https://www.example.org/news/1", "guid-1");
        assert_eq!(a, source_name("https://www.example.org/news/1", "guid-1"));
        assert!(a.starts_with("example.org-"), "{a}");
        assert_ne!(a, source_name("https://www.example.org/news/1", "guid-2"));
    }

    #[test]
    fn a_made_page_escapes_the_metadata() {
        let known = PageHints {
            title: Some("Talks \"resume\" <now>".into()),
            ..PageHints::default()
        };
        let page = made_page(&known, "<p>Text</p>");
        assert!(page.contains("content=\"Talks &quot;resume&quot; &lt;now&gt;\""));
        assert!(page.contains("<p>Text</p>"));
    }
}
