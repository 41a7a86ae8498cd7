//! Page fingerprints: a hash of everything a page's rendering reads, computed without rendering.
//! Two builds give a page the same fingerprint only if the page would render the same, so after an
//! edit the server re-renders exactly the pages whose fingerprint moved.
//!
//! Fingerprints hash content (names, paths, titles), never article or term indices, because an
//! added or deleted article shifts every index after it. Where exactness would cost more than
//! rendering, they over-approximate (the home page hashes every actor and topic count, not only
//! the sixteen it shows): re-rendering a page too many is harmless, one too few is a stale page.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use crate::link::{ArticleId, LinkedBook, Taxonomy, Term, TermId};
use crate::model::Article;
use crate::render::context::{ArticleSummary, Link, Shared};
use crate::render::Page;

/// Per-build values shared by all fingerprints, computed once.
pub struct Inputs<'a> {
    pub linked: &'a LinkedBook,
    pub shared: &'a Shared,
    /// Hash of each article's summary, parallel to the book's articles.
    pub summaries: Vec<u64>,
    /// Hash of each article's file text, parallel to the book's articles.
    pub articles: Vec<u64>,
    /// Hash of each term's curated entry (0 for uncurated terms), per taxonomy.
    pub entries: [Vec<u64>; 4],
    /// Site-wide values every page shows, plus the template epoch.
    pub site: u64,
    /// The articles of each volume of a book printed in volumes, made on first use.
    volumes: std::sync::OnceLock<Vec<Vec<ArticleId>>>,
}

impl<'a> Inputs<'a> {
    /// `articles` holds each article's [`article_hash`], kept by the caller between builds so
    /// unchanged bodies are not hashed again. `epoch` changes whenever templates or the
    /// configuration change, so every page re-renders.
    pub fn new(linked: &'a LinkedBook, shared: &'a Shared, articles: Vec<u64>, epoch: u64) -> Self {
        let summaries = shared.summaries().iter().map(summary_hash).collect();
        let entries = Taxonomy::ALL.map(|taxonomy| {
            linked
                .terms(taxonomy)
                .iter()
                .map(|term| entry_hash(linked, taxonomy, term))
                .collect()
        });
        let mut h = DefaultHasher::new();
        epoch.hash(&mut h);
        let site = &shared.site;
        (
            &site.title,
            &site.description,
            &site.editors,
            &site.language,
        )
            .hash(&mut h);
        (&site.base_url, site.article_count, site.generator).hash(&mut h);
        Inputs {
            linked,
            shared,
            summaries,
            articles,
            entries,
            site: h.finish(),
            volumes: std::sync::OnceLock::new(),
        }
    }

    fn volumes(&self) -> &[Vec<ArticleId>] {
        self.volumes
            .get_or_init(|| crate::render::book::volume_articles(self.linked))
    }

    /// The fingerprint of one page. Must read everything `Renderer::render_page` reads.
    pub fn page(&self, page: Page) -> u64 {
        let linked = self.linked;
        let mut h = DefaultHasher::new();
        self.site.hash(&mut h);
        page_kind(page).hash(&mut h);
        match page {
            Page::NotFound | Page::Search => {}
            Page::Book | Page::BookVolume(_) => self.hash_book(page, &mut h),
            Page::Home => {
                linked.book.introduction.hash(&mut h);
                self.summaries_of(&linked.chronology, &mut h);
                for taxonomy in Taxonomy::ALL {
                    self.counted_terms(taxonomy, &mut h);
                }
                (
                    linked.actors.len(),
                    linked.topics.len(),
                    linked.outlets.len(),
                )
                    .hash(&mut h);
            }
            Page::Article(i) => self.hash_article(i, &mut h),
            Page::TermIndex(taxonomy) => {
                self.counted_terms(taxonomy, &mut h);
                self.entries[taxonomy_index(taxonomy)].hash(&mut h);
                if taxonomy == Taxonomy::Year {
                    self.summaries_of(&linked.undated, &mut h);
                }
            }
            Page::Term(taxonomy, index) | Page::TermPage(taxonomy, index, _) => {
                if let Page::TermPage(_, _, p) = page {
                    p.hash(&mut h);
                }
                self.hash_term(taxonomy, index, &mut h);
            }
            // Every timeline page lists the years of all the others in its pager.
            Page::Timeline => self.summaries_of(&linked.chronology, &mut h),
            Page::TimelinePage(p) => {
                p.hash(&mut h);
                self.summaries_of(&linked.chronology, &mut h);
            }
        }
        h.finish()
    }

    /// The printable book, or one of its volumes.
    fn hash_book(&self, page: Page, h: &mut DefaultHasher) {
        let linked = self.linked;
        // The printable book holds every article's linked text, its notes and the actor
        // index; a volume only its own articles, numbered through the whole book (which
        // the chronology and the terms' articles below decide).
        let printed = match page {
            Page::BookVolume(v) => {
                v.hash(h);
                linked.chronology.hash(h);
                self.volumes().get(v).cloned().unwrap_or_default()
            }
            _ => {
                linked.book.introduction.hash(h);
                linked.chronology.clone()
            }
        };
        self.summaries_of(&printed, h);
        printed.iter().for_each(|&i| {
            self.articles[i.index()].hash(h);
            linked.links_of(i).texts_hash.hash(h);
        });
        self.counted_terms(Taxonomy::Actor, h);
        self.counted_terms(Taxonomy::Topic, h);
        for term in linked.actors.iter().chain(&linked.topics) {
            term.articles.hash(h);
        }
    }

    fn hash_article(&self, i: ArticleId, h: &mut DefaultHasher) {
        let (linked, shared) = (self.linked, self.shared);
        let links = linked.links_of(i);
        self.articles[i.index()].hash(h);
        self.summaries[i.index()].hash(h);
        let link = |l: Option<&Link>, h: &mut DefaultHasher| l.map(|l| (&l.name, &l.path)).hash(h);
        link(links.publisher.map(|p| shared.link(Taxonomy::Outlet, p)), h);
        link(links.year.map(|y| shared.link(Taxonomy::Year, y)), h);
        links.previous.map(|p| self.summaries[p.index()]).hash(h);
        links.next.map(|n| self.summaries[n.index()]).hash(h);
        self.summaries_of(&links.related, h);
        // The body shows the titles its `[[…]]` name, which the file hash does not hold.
        links.texts_hash.hash(h);
        self.summaries_of(linked.backlinks.of_article(i), h);
    }

    /// A term's page, but for its page number.
    fn hash_term(&self, taxonomy: Taxonomy, id: TermId, h: &mut DefaultHasher) {
        let linked = self.linked;
        let term = linked.term(taxonomy, id);
        let links = self.shared.links(taxonomy);
        let index = id.index();
        hash_link(&links[index], h);
        self.entries[taxonomy_index(taxonomy)][index].hash(h);
        self.summaries_of(&term.articles, h);
        for (co, co_taxonomy) in [
            (&term.co_actors, Taxonomy::Actor),
            (&term.co_topics, Taxonomy::Topic),
        ] {
            co.len().hash(h);
            for co in co {
                hash_link(self.shared.link(co_taxonomy, co.term), h);
                co.shared.hash(h);
            }
        }
        // Articles naming the term without being filed under it, and its quotations.
        match taxonomy {
            Taxonomy::Actor => {
                self.summaries_of(linked.backlinks.of_actor(id), h);
                let quotes = linked.backlinks.quotes_of(id);
                quotes.len().hash(h);
                // The texts hash holds the quotation's words and passage.
                for &(article, i) in quotes {
                    let texts = linked.links_of(article).texts_hash;
                    (self.summaries[article.index()], texts, i).hash(h);
                }
            }
            Taxonomy::Topic => self.summaries_of(linked.backlinks.of_topic(id), h),
            Taxonomy::Outlet | Taxonomy::Year => {}
        }
        if taxonomy == Taxonomy::Year {
            let neighbour = |i: Option<usize>| links.get(i?).map(|l| (&l.name, &l.path));
            neighbour(index.checked_sub(1)).hash(h);
            neighbour(Some(index + 1)).hash(h);
        }
    }

    fn summaries_of(&self, articles: &[ArticleId], h: &mut DefaultHasher) {
        articles.len().hash(h);
        for &i in articles {
            self.summaries[i.index()].hash(h);
        }
    }

    /// Every term of a taxonomy with its article count, in order.
    fn counted_terms(&self, taxonomy: Taxonomy, h: &mut DefaultHasher) {
        let terms = self.linked.terms(taxonomy);
        terms.len().hash(h);
        for (term, link) in terms.iter().zip(self.shared.links(taxonomy)) {
            hash_link(link, h);
            term.articles.len().hash(h);
        }
    }
}

/// The hash of an article's file as loaded: front matter text and body.
pub fn article_hash(article: &Article) -> u64 {
    let mut h = DefaultHasher::new();
    (&article.slug, &article.front_matter_yaml, &article.body).hash(&mut h);
    h.finish()
}

fn summary_hash(summary: &ArticleSummary) -> u64 {
    let mut h = DefaultHasher::new();
    (&summary.slug, &summary.path, &summary.title).hash(&mut h);
    summary.outlet.is_some().hash(&mut h);
    if let Some(outlet) = &summary.outlet {
        hash_link(outlet, &mut h);
    }
    (&summary.date, &summary.date_iso, &summary.summary).hash(&mut h);
    for links in [&summary.actors, &summary.topics] {
        links.len().hash(&mut h);
        for link in links {
            hash_link(link, &mut h);
        }
    }
    h.finish()
}

/// Curated entries are hashed through their `Debug` form, which shows every field.
fn entry_hash(linked: &LinkedBook, taxonomy: Taxonomy, term: &Term) -> u64 {
    let book = &linked.book;
    let Some(entry) = term.entry else { return 0 };
    let text = match taxonomy {
        Taxonomy::Actor => format!("{:?}", book.actors[entry]),
        Taxonomy::Topic => format!("{:?}", book.topics[entry]),
        Taxonomy::Outlet => format!("{:?}", book.outlets[entry]),
        Taxonomy::Year => return 0,
    };
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn hash_link(link: &Link, h: &mut DefaultHasher) {
    (&link.name, &link.path).hash(h);
}

fn taxonomy_index(taxonomy: Taxonomy) -> usize {
    match taxonomy {
        Taxonomy::Actor => 0,
        Taxonomy::Topic => 1,
        Taxonomy::Outlet => 2,
        Taxonomy::Year => 3,
    }
}

/// A tag per page kind, so two kinds of page with equal inputs never share a fingerprint.
fn page_kind(page: Page) -> (u8, Option<Taxonomy>) {
    match page {
        Page::Home => (0, None),
        Page::Article(_) => (1, None),
        Page::TermIndex(t) => (2, Some(t)),
        Page::Term(t, _) => (3, Some(t)),
        Page::Timeline => (4, None),
        Page::NotFound => (5, None),
        Page::Search => (6, None),
        Page::Book => (7, None),
        // Each volume reads the whole book too: articles are numbered through all volumes.
        Page::BookVolume(_) => (8, None),
        Page::TimelinePage(_) => (9, None),
        Page::TermPage(t, _, _) => (10, Some(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::{load_and_link, BuildOptions};

    /// The fingerprints of a book's volumes, built from `root`.
    fn volume_fingerprints(root: &std::path::Path) -> Vec<u64> {
        let (linked, _) = load_and_link(&BuildOptions::new(root)).unwrap();
        let shared = Shared::new(&linked);
        let hashes = linked.book.articles.iter().map(article_hash).collect();
        let inputs = Inputs::new(&linked, &shared, hashes, 0);
        (0..crate::render::book::volume_count(&linked))
            .map(|v| inputs.page(Page::BookVolume(v)))
            .collect()
    }

    #[test]
    fn a_title_change_touches_only_the_volume_printing_the_article() {
        let temp = tempfile::tempdir().unwrap();
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-book");
        let root = temp.path().join("book");
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let to = root.join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let config = root.join("briefbook.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, format!("{text}\nbook_page_limit = 2\n")).unwrap();
        let before = volume_fingerprints(&root);
        assert!(before.len() >= 3, "the book is in volumes");

        let article = root.join("content/articles/2017-05-10-moon-inaugurated.md");
        let text = std::fs::read_to_string(&article).unwrap();
        std::fs::write(&article, text.replace("Moon takes office", "Moon sworn in")).unwrap();
        let after = volume_fingerprints(&root);
        let changed = before.iter().zip(&after).filter(|(b, a)| b != a).count();
        assert_eq!(changed, 1, "{before:?} → {after:?}");
    }
}
